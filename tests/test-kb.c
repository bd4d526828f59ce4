/* test-kb.c — loading, validating and merging knowledge-base files
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tl-test-util.h"
#include "tl-knowledge-base-private.h"
#include "tl-matcher-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

static void
test_bundled (void)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(GError) error = NULL;
  guint counts[TL_N_ENTITY_TYPES] = { 0 };
  guint n, described = 0;

  g_assert_true (tl_knowledge_base_load_bundled (kb, &error));
  g_assert_no_error (error);
  n = tl_knowledge_base_get_n_entities (kb);
  g_assert_cmpuint (n, >=, 2000);
  for (guint i = 0; i < n; i++)
    {
      const TlKbEntity *e = tl_knowledge_base_get_nth (kb, i);
      g_assert_nonnull (e->id);
      g_assert_nonnull (e->name);
      counts[e->type]++;
      described += e->description != NULL;
    }
  /* Broad coverage, not one story: every kind a telecom story names. */
  g_assert_cmpuint (counts[TL_ENTITY_VENDOR], >=, 150);
  g_assert_cmpuint (counts[TL_ENTITY_OPERATOR], >=, 500);
  g_assert_cmpuint (counts[TL_ENTITY_GOVERNMENT], >=, 350);
  g_assert_cmpuint (counts[TL_ENTITY_ORGANIZATION], >=, 400);
  g_assert_cmpuint (counts[TL_ENTITY_MEDIA], >=, 450);
  g_assert_cmpuint (counts[TL_ENTITY_PERSON], >=, 300);
  g_assert_cmpuint (counts[TL_ENTITY_THREAT], >=, 80);
  g_assert_cmpuint (counts[TL_ENTITY_LAW], >=, 120);
  g_assert_cmpuint (described, >=, n * 9 / 10);
  g_assert_cmpstr (tl_knowledge_base_lookup (kb, "huawei")->name, ==, "Huawei");
  g_assert_null (tl_knowledge_base_lookup (kb, "no-such-entity"));
}

/* Every bundled entry says where its facts come from, and a Wikidata id
 * only appears with a source that names where it was read. */
static void
test_bundled_sources (void)
{
  static const char *const files[] = {
    "countries.json", "places.json", "vendors.json", "operators.json",
    "government.json", "organizations.json", "media.json", "people.json",
    "technology.json", "threats.json", "laws.json",
  };
  guint n_total = 0, n_wikidata = 0;

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = g_strconcat ("/org/telelens/core/kb/", files[f], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, &error);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *arr;

      g_assert_no_error (error);
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                                 g_bytes_get_size (bytes), &error));
      arr = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "entities");
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonObject *e = json_array_get_object_element (arr, i);
          const char *source = json_object_get_string_member_with_default (e, "source", NULL);
          const char *qid = json_object_get_string_member_with_default (e, "wikidata", NULL);

          if (source == NULL || *source == '\0')
            g_error ("%s: “%s” has no source", files[f],
                     json_object_get_string_member (e, "name"));
          if (qid != NULL)
            {
              g_autofree char *low = g_ascii_strdown (source, -1);
              if (strstr (low, "wikidata") == NULL)
                g_error ("%s: “%s” has Wikidata id %s but its source does not say where it was read",
                         files[f], json_object_get_string_member (e, "name"), qid);
              n_wikidata++;
            }
          n_total++;
        }
    }
  g_assert_cmpuint (n_total, >=, 2000);
  g_assert_cmpuint (n_wikidata, >=, 1);
}

typedef struct {
  const TlKbAlias *aliases;
  guint            self;
  gsize            length;
  GString         *clashes;
  guint            n_clashes;
} SameTextCtx;

static gboolean
on_same_text (const TlMatch *m,
              gpointer       user_data)
{
  SameTextCtx *ctx = user_data;
  const TlKbAlias *a = &ctx->aliases[ctx->self], *b = &ctx->aliases[m->pattern];

  /* The whole of the other text, and each pair once. */
  if (m->start != 0 || m->end != ctx->length || m->pattern >= ctx->self)
    return TRUE;
  if (b->entity != a->entity && b->entity->type == a->entity->type)
    {
      ctx->n_clashes++;
      g_string_append_printf (ctx->clashes, "%s “%s” names both %s and %s\n",
                              tl_entity_type_to_string (a->entity->type), a->text,
                              b->entity->id, a->entity->id);
    }
  return TRUE;
}

/* One thing, one entry: no name or alias (plain or ambiguous) of a bundled
 * entry names another entry of the same type, compared as the recognizer
 * compares them (its own matcher folds the case, the loader drops a leading
 * "The"). Two entries for one agency give it two index keys and two cards. */
static void
test_bundled_one_entry_per_name (void)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(TlMatcher) matcher = _tl_matcher_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) clashes = g_string_new (NULL);
  SameTextCtx ctx = { NULL, 0, 0, clashes, 0 };
  const TlKbAlias *aliases;
  guint n;

  g_assert_true (tl_knowledge_base_load_bundled (kb, &error));
  g_assert_no_error (error);
  aliases = _tl_knowledge_base_get_aliases (kb, &n);
  g_assert_cmpuint (n, >=, 5000);
  for (guint i = 0; i < n; i++)
    _tl_matcher_add (matcher, aliases[i].text, strlen (aliases[i].text), i);
  _tl_matcher_compile (matcher);

  ctx.aliases = aliases;
  for (guint i = 0; i < n; i++)
    {
      ctx.self = i;
      ctx.length = strlen (aliases[i].text);
      _tl_matcher_scan (matcher, aliases[i].text, ctx.length, on_same_text, &ctx);
    }
  if (ctx.n_clashes > 0)
    g_test_message ("%s", clashes->str);
  g_assert_cmpuint (ctx.n_clashes, ==, 0);
}

typedef struct {
  const char *path;
  const char *file;
  int         code;
  const char *message_part;
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "/core/kb/invalid/missing-name", "missing-name.json", TL_KB_ERROR_INVALID, "entry 1: field “name” is missing" },
  { "/core/kb/invalid/unknown-type", "unknown-type.json", TL_KB_ERROR_INVALID, "(“Acme”): field “type” “vendorx” is not a known type" },
  { "/core/kb/invalid/duplicate-id", "duplicate-id.json", TL_KB_ERROR_DUPLICATE, "entry 2 (“Acme Two”): field “id”: “acme” is already used by Acme" },
  { "/core/kb/invalid/aliases-not-list", "aliases-not-list.json", TL_KB_ERROR_INVALID, "field “aliases” must be a list" },
  { "/core/kb/invalid/context-aliases-not-list", "context-aliases-not-list.json", TL_KB_ERROR_INVALID, "field “context_aliases” must be a list" },
  { "/core/kb/invalid/bad-wikidata", "bad-wikidata.json", TL_KB_ERROR_INVALID, "field “wikidata”" },
  { "/core/kb/invalid/truncated-json", "truncated.json", TL_KB_ERROR_PARSE, "truncated.json:" },
  { "/core/kb/invalid/entries-not-objects", "not-entities.json", TL_KB_ERROR_INVALID, "entry 1: must be an object" },
  { "/core/kb/invalid/entities-missing", "no-entities.json", TL_KB_ERROR_INVALID, "expected an object with an “entities” list" },
  { "/core/kb/invalid/bad-id", "bad-id.json", TL_KB_ERROR_INVALID, "field “id” is not a valid id" },
};

static void
test_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "kb-invalid", c->file, NULL);

  g_assert_false (tl_knowledge_base_load_file (kb, path, FALSE, &error));
  g_assert_error (error, TL_KB_ERROR, c->code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, c->message_part));
  g_assert_nonnull (strstr (error->message, c->file));  /* names the file */
  g_assert_cmpuint (tl_knowledge_base_get_n_entities (kb), ==, 0);  /* nothing half-loaded */
}

static void
test_watch_list_merge (void)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(TlAnalyzer) analyzer = NULL;
  g_autoptr(TlAnalysis) a = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "watchlist-sample.json", NULL);
  const char *story = "Hua Wei and AcmeRW shipped radios; Acme Radio Works confirmed.";
  const char *id = NULL;
  TlEntityType type;
  guint n;

  g_assert_true (tl_knowledge_base_load_bundled (kb, &error));
  /* An analyzer made before the watch list picks it up on the next story. */
  analyzer = tl_analyzer_new (kb, &error);
  g_assert_no_error (error);
  g_assert_true (tl_knowledge_base_load_watch_list (kb, path, &error));
  g_assert_no_error (error);

  a = tl_analyzer_analyze (analyzer, story, strlen (story), TL_INPUT_TEXT, &error);
  g_assert_no_error (error);
  g_assert_true (tl_test_find_mention (a, "Hua Wei", &type, &id));
  g_assert_cmpstr (id, ==, "huawei");
  g_assert_true (tl_test_find_mention (a, "AcmeRW", &type, &id));
  g_assert_cmpint (type, ==, TL_ENTITY_VENDOR);
  g_assert_cmpstr (id, ==, "user-acme-radio-works");
  g_assert_true (tl_knowledge_base_lookup (kb, "user-acme-radio-works")->user);
  tl_analysis_get_entities (a, &n);
  g_assert_cmpuint (n, ==, 2);
}

/* Found by fuzz-kb: a valid file with no entities makes an empty matcher. */
static void
test_empty_kb_analyses (void)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(TlAnalyzer) an = NULL;
  g_autoptr(TlAnalysis) a = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert_true (tl_knowledge_base_load_data (kb, "{\"entities\": []}", -1 + sizeof "{\"entities\": []}",
                                              "empty.json", TRUE, &error));
  an = tl_analyzer_new (kb, &error);
  g_assert_no_error (error);
  a = tl_analyzer_analyze (an, "Jane Whitfield said so.", 23, TL_INPUT_TEXT, &error);
  g_assert_no_error (error);
  tl_analysis_get_mentions (a, &n);
  g_assert_cmpuint (n, ==, 1);   /* the context rules still work */
}

static void
test_missing_watch_list_is_fine (void)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (tl_knowledge_base_load_watch_list (kb, "/nonexistent/watchlist.json", &error));
  g_assert_no_error (error);
}

static void
test_too_many_aliases_refused (void)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(GError) error = NULL;
  GString *s = g_string_new ("{\"entities\": [");

  for (guint i = 0; i < 300000; i++)
    g_string_append_printf (s, "%s{\"name\": \"Name %u\", \"type\": \"person\"}", i ? "," : "", i);
  g_string_append (s, "]}");
  g_assert_false (tl_knowledge_base_load_data (kb, s->str, s->len, "huge.json", TRUE, &error));
  g_assert_error (error, TL_KB_ERROR, TL_KB_ERROR_TOO_LARGE);
  g_assert_cmpuint (tl_knowledge_base_get_n_entities (kb), ==, 0);
  g_string_free (s, TRUE);
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/core/kb/bundled", test_bundled);
  g_test_add_func ("/core/kb/bundled/sources", test_bundled_sources);
  g_test_add_func ("/core/kb/bundled/one-entry-per-name", test_bundled_one_entry_per_name);
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    g_test_add_data_func (invalid_cases[i].path, &invalid_cases[i], test_invalid);
  g_test_add_func ("/core/kb/watch-list/merge", test_watch_list_merge);
  g_test_add_func ("/core/kb/watch-list/missing-is-fine", test_missing_watch_list_is_fine);
  g_test_add_func ("/core/kb/empty-knowledge-base", test_empty_kb_analyses);
  g_test_add_func ("/core/kb/watch-list/too-many-aliases", test_too_many_aliases_refused);
  return g_test_run ();
}
