/* tl-test-util.c — shared helpers for the GTest programs
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tl-test-util.h"

#include <string.h>

static TlAnalyzer *shared_analyzer;

void
tl_test_init (int    *argc,
              char ***argv)
{
  g_autofree char *tmp = NULL;

  /* Tests never see the developer's environment. */
  tmp = g_dir_make_tmp ("telelens-test-XXXXXX", NULL);
  g_setenv ("HOME", tmp, TRUE);
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  g_setenv ("XDG_CONFIG_HOME", tmp, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

TlAnalyzer *
tl_test_get_analyzer (void)
{
  if (shared_analyzer == NULL)
    {
      g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
      g_autoptr(GError) error = NULL;

      g_assert_true (tl_knowledge_base_load_bundled (kb, &error));
      g_assert_no_error (error);
      shared_analyzer = tl_analyzer_new (kb, &error);
      g_assert_no_error (error);
    }
  return shared_analyzer;
}

TlAnalysis *
tl_test_analyze (const char *text)
{
  g_autoptr(GError) error = NULL;
  TlAnalysis *a = tl_analyzer_analyze (tl_test_get_analyzer (), text, strlen (text),
                                       TL_INPUT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

char *
tl_test_read_data (const char *name,
                   gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* A copy of tests/data/liferea/liferea.db (written by Liferea itself) at
 * @dir/@name, for a test to change or import from; returns its path. */
char *
tl_test_copy_liferea_db (const char *dir,
                         const char *name)
{
  g_autofree char *contents = NULL;
  char *copy = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  gsize len;

  contents = tl_test_read_data ("liferea/liferea.db", &len);
  g_file_set_contents (copy, contents, len, &error);
  g_assert_no_error (error);
  return copy;
}

/* Finds a mention whose text is exactly @surface (first occurrence). */
gboolean
tl_test_find_mention (TlAnalysis   *analysis,
                      const char   *surface,
                      TlEntityType *type,
                      const char  **kb_id)
{
  guint n_mentions, n_entities;
  const TlMention *mentions = tl_analysis_get_mentions (analysis, &n_mentions);
  const TlEntity *entities = tl_analysis_get_entities (analysis, &n_entities);
  const char *text = tl_analysis_get_text (analysis, NULL);
  gsize len = strlen (surface);

  for (guint i = 0; i < n_mentions; i++)
    {
      if (mentions[i].end - mentions[i].start == len &&
          strncmp (text + mentions[i].start, surface, len) == 0)
        {
          const TlEntity *e = &entities[mentions[i].entity];
          if (type)
            *type = e->type;
          if (kb_id)
            *kb_id = e->kb ? e->kb->id : NULL;
          return TRUE;
        }
    }
  return FALSE;
}

/* "Huawei/vendor, US/place" — for failure messages. */
char *
tl_test_describe (TlAnalysis *analysis)
{
  guint n_mentions, n_entities;
  const TlMention *mentions = tl_analysis_get_mentions (analysis, &n_mentions);
  const TlEntity *entities = tl_analysis_get_entities (analysis, &n_entities);
  const char *text = tl_analysis_get_text (analysis, NULL);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_mentions; i++)
    g_string_append_printf (s, "%s%.*s/%s", i ? ", " : "",
                            (int) (mentions[i].end - mentions[i].start), text + mentions[i].start,
                            tl_entity_type_to_string (entities[mentions[i].entity].type));
  return g_string_free (s, FALSE);
}

/* Every number in the JSON text @json (outside its strings) has at most
 * @max_decimals digits after the point: what a user reads, 0.23, never
 * 0.23000000000000001. Also checks that @json parses. */
void
tl_test_assert_short_numbers (const char *json,
                              guint       max_decimals)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gboolean in_string = FALSE;
  guint numbers = 0;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  for (const char *p = json; *p; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1])
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (*p == '"')
        in_string = TRUE;
      else if (g_ascii_isdigit (*p) || *p == '-')
        {
          const char *start = p;
          guint decimals = 0;

          while (g_ascii_isdigit (p[1]) || p[1] == '-')
            p++;
          if (p[1] == '.')
            for (p++; g_ascii_isdigit (p[1]); p++)
              decimals++;
          while (g_ascii_isalnum (p[1]) || p[1] == '+' || p[1] == '-')
            p++;   /* an exponent */
          if (decimals > max_decimals)
            g_test_message ("long number: %.*s", (int) (p + 1 - start), start);
          g_assert_cmpuint (decimals, <=, max_decimals);
          numbers++;
        }
    }
  g_assert_cmpuint (numbers, >, 0);
}
