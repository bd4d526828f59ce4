/* test-index.c — storage, ranking, search, timelines, Liferea import, damage
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tl-config.h"
#include "tl-test-util.h"
#include "tl-test-server.h"
#include "tl-test-pg.h"
#include "tl-index.h"
#include "tl-index-features.h"
#include "tl-liferea-source.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <string.h>
#ifdef TL_HAVE_POSTGRESQL
#include <libpq-fe.h>
#endif

/* The stores the same cases run against (main()'s table). */
typedef enum {
  STORE_SQLITE,
  STORE_POSTGRESQL,
} Store;

#define STORE_OF(data) ((Store) GPOINTER_TO_INT (data))

/* A new, empty index in @store: a file in a folder of its own, or a
 * database of its own in this program's PostgreSQL (tl-test-pg.h). */
static char *
new_location (Store store)
{
  g_autofree char *dir = NULL;

  if (store == STORE_POSTGRESQL)
    return tl_test_pg_new_database ();
  dir = tl_test_tmpdir ();
  return g_build_filename (dir, "index.db", NULL);
}

static TlIndex *
open_store_index (Store store)
{
  g_autofree char *location = new_location (store);
  g_autoptr(GError) error = NULL;
  TlIndex *index = tl_index_open_location (location, tl_test_get_analyzer (), TRUE, &error);

  g_assert_no_error (error);
  return index;
}

static TlIndex *
open_tmp_index (char **dir_out)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autoptr(GError) error = NULL;
  TlIndex *index = tl_index_open (db, tl_test_get_analyzer (), &error);

  g_assert_no_error (error);
  if (dir_out)
    *dir_out = g_steal_pointer (&dir);
  return index;
}

/* Related coverage as `telelens related` and the service write it. */
static JsonNode *
related_json (TlIndex     *index,
              const char  *id,
              guint        limit,
              GError     **error)
{
  g_autoptr(TlRelated) r = tl_index_related (index, id, limit, error);
  return r ? tl_related_to_json (r) : NULL;
}

static JsonNode *
related_doc_json (TlIndex          *index,
                  const TlIndexDoc *doc,
                  guint             limit,
                  GError          **error)
{
  g_autoptr(TlRelated) r = tl_index_related_doc (index, doc, limit, error);
  return r ? tl_related_to_json (r) : NULL;
}

static TlIndex *
open_demo_index (Store store)
{
  g_autofree char *db = new_location (store);
  g_autofree char *jsonl = tl_test_import_demo (db);
  g_autoptr(GError) error = NULL;
  TlIndex *index = tl_index_open_location (db, tl_test_get_analyzer (), FALSE, &error);

  g_assert_no_error (error);
  return index;
}

static GHashTable *
demo_events (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "stories.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (char **l = lines; *l; l++)
    {
      g_autoptr(JsonParser) p = json_parser_new ();
      JsonObject *o;
      if (**l == '\0' || !json_parser_load_from_data (p, *l, -1, NULL))
        continue;
      o = json_node_get_object (json_parser_get_root (p));
      g_hash_table_insert (events, g_strdup (json_object_get_string_member (o, "id")),
                           g_strdup (json_object_get_string_member (o, "event")));
    }
  return events;
}

/* Precision of the top 3 over every story whose event has other reports;
 * never the story itself or its URL; syndicated copies collapsed. */
static void
test_related_precision (gconstpointer data)
{
  g_autoptr(TlIndex) index = open_demo_index (STORE_OF (data));
  g_autoptr(GHashTable) events = demo_events ();
  GHashTableIter it;
  gpointer id, ev;
  guint shown = 0, right = 0, stories_with_siblings = 0, found_any = 0;
  double p;

  g_hash_table_iter_init (&it, events);
  while (g_hash_table_iter_next (&it, &id, &ev))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) out = related_json (index, id, 3, &error);
      JsonArray *res;
      guint siblings = 0;
      GHashTableIter it2;
      gpointer id2, ev2;

      g_assert_no_error (error);
      res = json_object_get_array_member (json_node_get_object (out), "results");
      g_hash_table_iter_init (&it2, events);
      while (g_hash_table_iter_next (&it2, &id2, &ev2))
        siblings += strcmp (id, id2) != 0 && strcmp (ev, ev2) == 0;
      for (guint i = 0; i < json_array_get_length (res); i++)
        {
          const char *rid = json_object_get_string_member (json_array_get_object_element (res, i), "id");
          g_assert_cmpstr (rid, !=, id);
          shown++;
          if (g_strcmp0 (g_hash_table_lookup (events, rid), ev) == 0)
            right++;
          else
            g_test_message ("%s: unrelated result %s", (char *) id, rid);
        }
      if (siblings > 0)
        {
          stories_with_siblings++;
          found_any += json_array_get_length (res) > 0;
        }
    }
  p = shown ? (double) right / shown : 0;
  g_test_message ("related: precision@3 %.3f (%u/%u), stories with other reports found: %u/%u",
                  p, right, shown, found_any, stories_with_siblings);
  g_assert_cmpfloat (p, >=, 0.8);
  g_assert_cmpuint (found_any, ==, stories_with_siblings);
}

static void
test_related_collapses_copies (gconstpointer data)
{
  g_autoptr(TlIndex) index = open_demo_index (STORE_OF (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) a = related_json (index, "e1-wirewatch", 5, &error);
  g_autoptr(JsonNode) b = related_json (index, "e1-signaldesk", 5, &error);
  JsonArray *copies, *res;
  guint copies_shown = 0;
  gboolean collapsed = FALSE;

  g_assert_no_error (error);
  /* The Daily Courier reprint of Wirewatch's story is a copy, not news. */
  copies = json_object_get_array_member (json_node_get_object (a), "copies_in");
  g_assert_cmpuint (json_array_get_length (copies), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (copies, 0), ==, "Daily Courier");
  /* From another outlet's story, the two copies are one result. */
  res = json_object_get_array_member (json_node_get_object (b), "results");
  for (guint i = 0; i < json_array_get_length (res); i++)
    {
      JsonObject *r = json_array_get_object_element (res, i);
      const char *rid = json_object_get_string_member (r, "id");
      JsonArray *also = json_object_get_array_member (r, "also_in");
      if (strcmp (rid, "e1-wirewatch") != 0 && strcmp (rid, "e1-courier-copy") != 0)
        continue;
      /* One of the two is the result; the other outlet is listed with it. */
      copies_shown++;
      if (json_array_get_length (also) == 1)
        collapsed = g_strcmp0 (json_array_get_string_element (also, 0),
                               strcmp (rid, "e1-wirewatch") == 0 ? "Daily Courier" : "Wirewatch") == 0;
    }
  g_assert_cmpuint (copies_shown, ==, 1);
  g_assert_true (collapsed);
}

static void
test_related_posted_story (gconstpointer data)
{
  g_autoptr(TlIndex) index = open_demo_index (STORE_OF (data));
  g_autoptr(GError) error = NULL;
  TlIndexDoc doc = { 0 };
  g_autoptr(JsonNode) out = NULL;
  JsonArray *res;

  doc.title = g_strdup ("Baltic cable damage: ship's anchor blamed");
  doc.text = g_strdup ("Investigators in Finland and Estonia believe a cargo ship dragged its anchor "
                       "across two Baltic Sea cables. Telia rerouted traffic and NATO plans patrols.");
  doc.published = 1768900000;  /* 2026-01-20 */
  out = related_doc_json (index, &doc, 3, &error);
  tl_index_doc_clear (&doc);
  g_assert_no_error (error);
  res = json_object_get_array_member (json_node_get_object (out), "results");
  g_assert_cmpuint (json_array_get_length (res), >=, 2);
  for (guint i = 0; i < json_array_get_length (res); i++)
    g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (res, i), "id"), "e4-"));
}

static void
test_add_is_idempotent (gconstpointer data)
{
  g_autoptr(TlIndex) index = open_store_index (STORE_OF (data));
  g_autoptr(GError) error = NULL;
  TlIndexDoc doc = { 0 };
  gboolean is_new = FALSE;
  g_autofree char *id1 = NULL, *id2 = NULL;

  doc.url = g_strdup ("https://example.org/a?utm_source=x#top");
  doc.text = g_strdup ("Huawei and ZTE were barred from the core network.");
  doc.published = TL_INDEX_NO_DATE;
  g_assert_true (tl_index_add (index, &doc, &id1, &is_new, &error));
  g_assert_true (is_new);
  /* Same page, other tracking parameters: the same story. */
  g_free (doc.url);
  doc.url = g_strdup ("https://www.example.org/a/");
  g_assert_true (tl_index_add (index, &doc, &id2, &is_new, &error));
  g_assert_false (is_new);
  g_assert_cmpstr (id1, ==, id2);
  g_assert_cmpuint (tl_index_count (index), ==, 1);
  tl_index_doc_clear (&doc);
}

static void
collect_hash (const char *w,
              gpointer    data)
{
  guint64 h = _tl_index_word_hash (w);
  g_array_append_val ((GArray *) data, h);
}

static int
hash_cmp (gconstpointer a,
          gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return (x > y) - (x < y);
}

/* Sorted, unique story-word hashes of a title and text. */
static GArray *
sorted_hashes (const char *title,
               const char *text)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint n = 0;

  _tl_index_foreach_story_word (title, text, collect_hash, out);
  g_array_sort (out, hash_cmp);
  for (guint i = 0; i < out->len; i++)
    if (n == 0 || g_array_index (out, guint64, i) != g_array_index (out, guint64, n - 1))
      g_array_index (out, guint64, n++) = g_array_index (out, guint64, i);
  g_array_set_size (out, n);
  return out;
}

/* The matcher finds, for each candidate, the target's words it has and how
 * many distinct words it has: what a merge of the two sorted word lists
 * finds, whatever the case, repeats, stop words, over-long words, many
 * distinct words (its set grows) or the candidate matched before. */
static void
test_word_matcher (void)
{
  const char *target_title = "Carrier Zelbrook patches SS7 firewall";
  const char *target_text = "The carrier Zelbrook said on Tuesday that its SS7 firewall had been patched "
                            "after intercepts of roaming subscribers; Zelbrook will audit its signalling.";
  g_autoptr(GArray) target = sorted_hashes (target_title, target_text);
  g_autoptr(TlWordMatcher) m = _tl_word_matcher_new ((const guint64 *) target->data, target->len);
  g_autoptr(GString) big = g_string_new ("ZELBROOK firewall ");
  const char *cands[][2] = {
    { "zelbrook FIREWALL firewall", "the roaming roaming intercepts were patched; about which they said nothing" },
    { "", "" },
    { NULL, "ss7 SS7 Ss7 subscribers aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa signalling 4G 5G2 x" },
    { "Nothing shared here", "entirely different words only, kettle teapot saucer" },
    { NULL, NULL },
  };

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (big, "w%04u ", i);
  g_string_append (big, "audit subscribers Firewall");   /* seen before the set grew */
  cands[4][0] = big->str;   /* a title: not cut at TL_INDEX_STORY_WORD_BYTES */
  for (guint round = 0; round < 2; round++)
    for (guint c = 0; c < G_N_ELEMENTS (cands); c++)
      {
        g_autoptr(GArray) want = sorted_hashes (cands[c][0], cands[c][1]);
        g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr(GArray) expect = g_array_new (FALSE, FALSE, sizeof (guint));
        guint n = _tl_word_matcher_match (m, cands[c][0], cands[c][1], hits);

        for (guint i = 0, j = 0; i < target->len && j < want->len;)
          {
            guint64 a = g_array_index (target, guint64, i), b = g_array_index (want, guint64, j);
            if (a == b)
              {
                g_array_append_val (expect, i);
                i++, j++;
              }
            else if (a < b)
              i++;
            else
              j++;
          }
        g_assert_cmpuint (n, ==, want->len);
        g_assert_cmpmem (hits->data, hits->len * sizeof (guint), expect->data, expect->len * sizeof (guint));
      }
  /* What the cases are meant to show. */
  {
    g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));
    g_assert_cmpuint (_tl_word_matcher_match (m, cands[0][0], cands[0][1], hits), ==, 6);
    g_assert_cmpuint (hits->len, ==, 5);   /* zelbrook firewall roaming intercepts patched */
    g_array_set_size (hits, 0);
    g_assert_cmpuint (_tl_word_matcher_match (m, cands[4][0], cands[4][1], hits), ==, 3004);
    g_assert_cmpuint (hits->len, ==, 4);
  }
}

/* Stories told apart by a query parameter stay apart; tracking parameters
 * and their order do not make another story. */
static void
test_url_identity_params (void)
{
  static const struct { const char *a, *b; gboolean same; } cases[] = {
    { "https://site.example/article.php?id=101", "https://site.example/article.php?id=102", FALSE },
    { "https://site.example/?p=7", "https://site.example/?p=8", FALSE },
    { "https://site.example/read?story=a&page=2", "https://site.example/read?page=2&story=a", TRUE },
    { "https://site.example/a?id=1&utm_source=x&utm_medium=y", "https://www.SITE.example/a/?id=1#top", TRUE },
    { "https://site.example/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref=home", "https://site.example/a", TRUE },
    { "https://site.example/a?id=1%262", "https://site.example/a?id=1&2", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *a = _tl_index_normalize_url (cases[i].a);
      g_autofree char *b = _tl_index_normalize_url (cases[i].b);
      g_autofree char *ida = _tl_index_derive_id (cases[i].a, "t", "x");
      g_autofree char *idb = _tl_index_derive_id (cases[i].b, "t", "x");

      g_test_message ("%s → %s; %s → %s", cases[i].a, a, cases[i].b, b);
      g_assert_cmpint (strcmp (a, b) == 0, ==, cases[i].same);
      g_assert_cmpint (strcmp (ida, idb) == 0, ==, cases[i].same);
    }
  {
    g_autofree char *n = _tl_index_normalize_url ("https://www.Site.example/a.php?p=2&utm_source=x&id=7#top");
    g_assert_cmpstr (n, ==, "site.example/a.php?id=7&p=2");
  }
}

/* Importing ?id=101 then ?id=102 keeps both (the second was reported as
 * "already in the index" and lost); an id given by the source stays. */
static void
test_add_query_stories (gconstpointer data)
{
  g_autoptr(TlIndex) index = open_store_index (STORE_OF (data));
  g_autoptr(GError) error = NULL;
  TlIndexDoc doc = { 0 };
  gboolean is_new = FALSE;
  g_autofree char *id1 = NULL, *id2 = NULL, *id3 = NULL;

  doc.published = TL_INDEX_NO_DATE;
  doc.url = g_strdup ("https://portal.example/article.php?id=101");
  doc.text = g_strdup ("Ericsson said the outage at Telia lasted two hours.");
  g_assert_true (tl_index_add (index, &doc, &id1, &is_new, &error));
  g_assert_no_error (error);
  g_assert_true (is_new);
  g_free (doc.url);
  g_free (doc.text);
  doc.url = g_strdup ("https://portal.example/article.php?id=102");
  doc.text = g_strdup ("Nokia won a contract to replace radio gear at Orange.");
  g_assert_true (tl_index_add (index, &doc, &id2, &is_new, &error));
  g_assert_no_error (error);
  g_assert_true (is_new);
  g_assert_cmpstr (id1, !=, id2);
  g_assert_cmpuint (tl_index_count (index), ==, 2);

  g_free (doc.url);
  doc.url = g_strdup ("https://portal.example/article.php?id=103");
  doc.id = g_strdup ("feed:item-9");
  g_assert_true (tl_index_add (index, &doc, &id3, &is_new, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id3, ==, "feed:item-9");
  tl_index_doc_clear (&doc);
}

static char *
copy_v1_fixture (char **dir_out)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "index-v1", "index.db", NULL);
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (db, contents, len, NULL));
  if (dir_out)
    *dir_out = g_steal_pointer (&dir);
  return g_steal_pointer (&db);
}

static gint64
db_int (const char *db,
        const char *sql)
{
  sqlite3 *h = NULL;
  sqlite3_stmt *st = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_open_v2 (db, &h, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (h, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (h);
  return v;
}

/* An index written by main before the fix (tests/data/index-v1/README.md):
 * opening it keeps every story, URL-derived ids become the new ones, the
 * old ids still find their stories, given ids stay, and importing the same
 * file again adds only the story the old build lost. */
static void
test_migrate_v1 (void)
{
  g_autofree char *db = copy_v1_fixture (NULL);
  g_autofree char *jsonl = g_test_build_filename (G_TEST_DIST, "data", "index-v1", "stories.jsonl", NULL);
  g_autofree char *new101 = _tl_index_derive_id ("https://www.Portal.example/article.php?id=101&utm_source=feed", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = NULL;
  static const char *const old_ids[] = {
    "given-1", "ddf6952a42d1d36bfc0dfdab", "20d4ac61a03fba1ee604e07b",
    "731463ef07f19da6201cc64f", "a47c177febefb1952b30ad52",
  };

  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM documents"), ==, 5);

  index = tl_index_open (db, tl_test_get_analyzer (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tl_index_count (index), ==, 5);
  /* Every old id still finds its story. */
  for (guint i = 0; i < G_N_ELEMENTS (old_ids); i++)
    {
      g_autoptr(TlRelated) rel = tl_index_related (index, old_ids[i], 5, &error);
      g_assert_no_error (error);
      g_assert_nonnull (rel);
    }
  g_clear_object (&index);

  g_assert_cmpint (db_int (db, "PRAGMA user_version"), ==, 3);
  /* Schema 3 counts story words: the texts are short, so every word of them. */
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM terms"), >, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM terms WHERE df > (SELECT count(*) FROM documents)"), ==, 0);
  /* Given, query-less and URL-less ids are what they were; ?id=101 has its
   * new id, ?ref= lost its tracking parameter. */
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM documents WHERE ext_id IN"
                               " ('given-1', '20d4ac61a03fba1ee604e07b', 'a47c177febefb1952b30ad52')"), ==, 3);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM documents d JOIN doc_aliases a ON a.doc_id = d.id"
                                            " WHERE d.ext_id = '%s' AND a.alias = 'ddf6952a42d1d36bfc0dfdab'", new101);
    g_assert_cmpint (db_int (db, sql), ==, 1);
  }
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM doc_aliases"), ==, 2);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM documents WHERE url_norm = 'plain.example/story/sim-swap'"), ==, 1);

  /* Import the same stories again with today's command. */
  {
    const char *bin = g_getenv ("TELELENS_BIN");
    g_autofree char *out = NULL, *err = NULL;
    int status;
    char *argv[] = { (char *) bin, "import", "jsonl", "--db", db, jsonl, NULL };

    g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_test_message ("%s%s", out, err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "1 stories added, 5 already in the index"));
  }
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM documents"), ==, 6);

  /* Opening again changes nothing. */
  index = tl_index_open (db, tl_test_get_analyzer (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tl_index_count (index), ==, 6);
  g_clear_object (&index);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM doc_aliases"), ==, 2);
}

static guint
mode_of (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* The index is the user's reading history: 0600 files in a 0700 folder,
 * whatever the umask; an older readable index is tightened on open. */
static void
test_private_files (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "telelens", NULL);
  g_autofree char *db = g_build_filename (sub, "index.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL), *shm = g_strconcat (db, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = NULL;
  TlIndexDoc doc = { 0 };
  mode_t old = umask (022);

  index = tl_index_open (db, tl_test_get_analyzer (), &error);
  g_assert_no_error (error);
  doc.published = TL_INDEX_NO_DATE;
  doc.text = g_strdup ("Telia said the outage was fixed.");
  g_assert_true (tl_index_add (index, &doc, NULL, NULL, &error));
  tl_index_doc_clear (&doc);
  g_assert_cmpuint (mode_of (sub), ==, 0700);
  g_assert_cmpuint (mode_of (db), ==, 0600);
  g_assert_cmpuint (mode_of (wal), ==, 0600);
  g_assert_cmpuint (mode_of (shm), ==, 0600);
  g_clear_object (&index);

  g_assert_cmpint (g_chmod (db, 0644), ==, 0);
  index = tl_index_open (db, tl_test_get_analyzer (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (db), ==, 0600);
  umask (old);
}

/* Opening for reading never creates: no folder, no file, an error naming
 * the path. */
static void
test_open_existing_missing (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "typo", NULL);
  g_autofree char *db = g_build_filename (sub, "x.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = tl_index_open_existing (db, tl_test_get_analyzer (), &error);

  g_assert_null (index);
  g_assert_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, db));
  g_assert_false (g_file_test (sub, G_FILE_TEST_EXISTS));
}

static void
test_search (gconstpointer data)
{
  /* Each store's own operators: FTS5's, PostgreSQL's tsquery. */
  gboolean pg = STORE_OF (data) == STORE_POSTGRESQL;
  g_autoptr(TlIndex) index = open_demo_index (STORE_OF (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) out = tl_index_search_syntax (index, pg ? "wiretap & carriers" : "wiretap AND carriers", 10, &error);
  g_autoptr(JsonNode) bad = NULL;
  JsonArray *res;

  g_assert_no_error (error);
  res = json_object_get_array_member (json_node_get_object (out), "results");
  g_assert_cmpuint (json_array_get_length (res), >=, 3);
  bad = tl_index_search_syntax (index, pg ? "wiretap & (" : "wiretap AND (", 10, &error);
  g_assert_null (bad);
  g_assert_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_QUERY);
  g_assert_nonnull (strstr (error->message, "is not valid"));
}

static guint
n_results (JsonNode *out)
{
  return json_array_get_length (json_object_get_array_member (json_node_get_object (out), "results"));
}

/* What a user types is words and phrases: the names Telelens highlights
 * (hyphens, ampersands, CVE ids) find their stories and are never read as
 * FTS5 column filters or operators. */
static void
test_search_names (gconstpointer data)
{
  g_autoptr(TlIndex) index = open_store_index (STORE_OF (data));
  static const char *const texts[] = {
    "T-Mobile said its core network was not breached.",
    "AT&T confirmed the outage lasted four hours.",
    "Attackers exploited CVE-2023-20198 on edge routers.",
    "Mobile operators met regulators in Brussels to discuss lawful intercept.",
  };
  /* "NOT" is the word "not" here: one story has it. */
  static const struct { const char *q; guint n; } cases[] = {
    { "T-Mobile", 1 }, { "AT&T", 1 }, { "CVE-2023-20198", 1 }, { "t-mobile", 1 },
    { "\"lawful intercept\" Brussels", 1 }, { "intercept AND (", 0 }, { "NOT", 1 }, { "mobile OR AT", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      TlIndexDoc doc = { 0 };
      doc.published = TL_INDEX_NO_DATE;
      doc.text = g_strdup (texts[i]);
      g_assert_true (tl_index_add (index, &doc, NULL, NULL, &error));
      tl_index_doc_clear (&doc);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) out = tl_index_search (index, cases[i].q, 10, &error);
      g_test_message ("%s", cases[i].q);
      g_assert_no_error (error);
      g_assert_cmpuint (n_results (out), ==, cases[i].n);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) out = tl_index_search (index, "& - \"\"", 10, &error);
    g_assert_null (out);
    g_assert_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_QUERY);
  }
}

/* A word many stories have, as a reader searches for it: the story with
 * it in its headline first; then the one about it (three times in a
 * text of ordinary length) before passing mentions; passing mentions in
 * texts of one length newest first; a passing mention in a long text
 * after those in short ones. The same order on every store (ranked by
 * shared code from the latest matches; before, SQLite ranked with FTS5's
 * BM25 and PostgreSQL with ts_rank, which put the long, newest story
 * before the short ones). */
static void
test_search_common_word_order (gconstpointer data)
{
  g_autoptr(TlIndex) index = open_store_index (STORE_OF (data));
  static const char *const filler =
    " Engineers checked the billing systems at the weekend and customers were told to restart their phones."
    " A spokesperson declined to give the number of affected accounts or the cost of the refunds.";
  static const struct { const char *id, *title, *text; int filler; } stories[] = {
    /* oldest first */
    { "headline", "Roaming charges cut for travellers", "The operator lowered its prices in the south.", 1 },
    { "passing-older", "Network upgrade in the north", "The upgrade also covers roaming partners near the city.", 1 },
    { "about-it", "Billing error refunded", "Roaming fees were billed twice, roaming customers complained, and"
                                            " roaming was suspended for a day.", 1 },
    { "unrelated", "Fibre plan announced", "The regulator approved the fibre plan for rural villages.", 1 },
    { "passing-newer", "Tower outage fixed", "The outage also hit roaming visitors on the coast road.", 1 },
    { "passing-long", "Annual results published", "Revenue from roaming rose slightly over the year.", 7 },
  };
  static const char *const expected[] = { "headline", "about-it", "passing-newer", "passing-older", "passing-long" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) out = NULL;
  JsonArray *res;
  double last = G_MAXDOUBLE;

  for (guint i = 0; i < G_N_ELEMENTS (stories); i++)
    {
      TlIndexDoc doc = { 0 };
      GString *text = g_string_new (stories[i].text);
      for (int k = 0; k < stories[i].filler; k++)
        g_string_append (text, filler);
      doc.id = g_strdup (stories[i].id);
      doc.title = g_strdup (stories[i].title);
      doc.published = 1767225600 + i * 3600;
      doc.text = g_string_free (text, FALSE);
      g_assert_true (tl_index_add (index, &doc, NULL, NULL, &error));
      g_assert_no_error (error);
      tl_index_doc_clear (&doc);
    }
  out = tl_index_search (index, "roaming", 10, &error);
  g_assert_no_error (error);
  res = json_object_get_array_member (json_node_get_object (out), "results");
  for (guint i = 0; i < json_array_get_length (res); i++)
    {
      JsonObject *o = json_array_get_object_element (res, i);
      g_test_message ("%u. %s (%.3f)", i + 1, json_object_get_string_member (o, "id"),
                      json_object_get_double_member (o, "score"));
    }
  g_assert_cmpuint (json_array_get_length (res), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *o = json_array_get_object_element (res, i);
      double score = json_object_get_double_member (o, "score");
      g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, expected[i]);
      g_assert_cmpfloat (score, >, 0);
      g_assert_cmpfloat (score, <=, last);
      last = score;
    }
}

/* A timeline takes an entity's name or any alias, in any case (as `kb
 * lookup` does), and says which entity it took. */
static void
test_timeline_by_name (gconstpointer data)
{
  g_autoptr(TlIndex) index = open_demo_index (STORE_OF (data));
  static const char *const names[] = { "verizon", "Verizon", "VERIZON", "Verizon Communications", "verizon wireless" };
  gint64 stories = -1;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) out = tl_index_timeline (index, names[i], "week", &error);
      JsonObject *e;

      g_assert_no_error (error);
      e = json_object_get_object_member (json_node_get_object (out), "entity");
      g_assert_cmpstr (json_object_get_string_member (e, "id"), ==, "verizon");
      g_assert_cmpstr (json_object_get_string_member (e, "name"), ==, "Verizon");
      g_assert_cmpstr (json_object_get_string_member (e, "query"), ==, names[i]);
      if (stories < 0)
        stories = json_object_get_int_member (e, "stories");
      g_assert_cmpint (json_object_get_int_member (e, "stories"), ==, stories);
    }
  g_assert_cmpint (stories, >, 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) out = tl_index_timeline (index, "Nobody Anywhere", "week", &error);
    g_assert_null (out);
    g_assert_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "Nobody Anywhere"));
  }
}

static void
test_timeline (gconstpointer data)
{
  g_autoptr(TlIndex) index = open_demo_index (STORE_OF (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) out = tl_index_timeline (index, "huawei", "week", &error);
  JsonArray *points;
  guint total = 0;

  g_assert_no_error (error);
  points = json_object_get_array_member (json_node_get_object (out), "points");
  g_assert_cmpuint (json_array_get_length (points), >=, 1);
  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonObject *pt = json_array_get_object_element (points, i);
      GDate d;
      g_date_clear (&d, 1);
      g_date_set_parse (&d, json_object_get_string_member (pt, "start"));
      g_assert_true (g_date_valid (&d));
      g_assert_cmpint (g_date_get_weekday (&d), ==, G_DATE_MONDAY);
      total += json_object_get_int_member (pt, "count");
    }
  g_assert_cmpuint (total, ==, 3);   /* the three reports of the German decision */
  g_assert_null (tl_index_timeline (index, "no-such-entity", "week", &error) );
}

/* tests/data/liferea/liferea.db was written by Liferea 1.14.4 itself
 * (tools/liferea-headless.sh) from the demo feeds. */
static void
test_liferea_import (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(TlIndex) index = open_tmp_index (&dir);
  g_autofree char *copy = tl_test_copy_liferea_db (dir, "liferea.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) found = NULL;
  g_autoptr(TlStorySource) source = NULL;
  g_autofree char *cursor = NULL;
  guint added = 0, seen = 0, remaining = 0;
  sqlite3 *db;

  source = tl_liferea_source_new (copy);
  g_assert_cmpstr (tl_story_source_get_name (source), ==, "liferea");
  /* In steps, as `serve --watch-liferea` reads it: the cursor moves with
   * each step and says how many are left. */
  g_assert_true (tl_story_source_import (source, index, 8, &added, &seen, &remaining, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen, ==, 8);
  g_assert_cmpuint (added, ==, 8);
  g_assert_cmpuint (remaining, ==, 13);
  g_assert_true (tl_index_get_state (index, "liferea_last_item", &cursor));
  g_assert_cmpint (g_ascii_strtoll (cursor, NULL, 10), >, 0);
  g_assert_true (tl_story_source_import (source, index, G_MAXUINT, &added, &seen, &remaining, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen, ==, 13);
  g_assert_cmpuint (added, ==, 13);
  g_assert_cmpuint (remaining, ==, 0);
  g_assert_cmpuint (tl_index_count (index), ==, 21);
  /* The health answer names the source's cursor. */
  {
    g_autoptr(JsonNode) health = tl_index_health (index);
    g_autofree char *now = NULL;
    g_assert_true (tl_index_get_state (index, "liferea_last_item", &now));
    g_autofree char *first = g_strndup (now, strcspn (now, "\n"));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (health), "liferea_last_item"), ==, first);
    g_assert_cmpint (g_ascii_strtoll (now, NULL, 10), >, g_ascii_strtoll (cursor, NULL, 10));
  }
  /* Feed titles are the outlets. */
  found = tl_index_search (index, "\"Baltic Sea\"", 10, &error);
  {
    JsonArray *res = json_object_get_array_member (json_node_get_object (found), "results");
    gboolean ledger = FALSE;
    for (guint i = 0; i < json_array_get_length (res); i++)
      ledger |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (res, i), "outlet"),
                           "Northern Ledger") == 0;
    g_assert_true (ledger);
  }
  /* A second run adds nothing; an item Liferea adds later is picked up. */
  g_assert_true (tl_story_source_import (source, index, G_MAXUINT, &added, &seen, NULL, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (seen, ==, 0);
  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO items (item_id, node_id, parent_node_id, title, read, source,"
                                     " source_id, valid_guid, description, date, comment) SELECT max(item_id) + 1,"
                                     " 'demo5', 'demo5', 'Operators told to report signalling attacks', 0,"
                                     " 'https://wirewatch.example/new', 'new', 1, '<p>Regulators told operators"
                                     " to report SS7 attacks within 24 hours.</p>', 1779000000, 0 FROM items",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (tl_story_source_import (source, index, G_MAXUINT, &added, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (tl_index_count (index), ==, 22);
}

/* Item ids count per database: the index followed a demo profile's Liferea,
 * then follows the user's own (its own feeds, the same item ids), and later
 * a profile made anew at the same place. Each is read from its start. */
static void
test_liferea_other_database (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(TlIndex) index = open_tmp_index (&dir);
  g_autofree char *demo = tl_test_copy_liferea_db (dir, "demo.db");
  g_autofree char *own = tl_test_copy_liferea_db (dir, "own.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStorySource) from_demo = NULL, from_own = NULL, anew = NULL;
  guint added = 0, seen = 0;
  sqlite3 *db;

  /* The user's own Liferea: other feeds (node ids), items 1, 2, … again. */
  g_assert_cmpint (sqlite3_open (own, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE items SET node_id = 'own-' || node_id, parent_node_id = 'own-' || node_id;"
                                     "UPDATE node SET node_id = 'own-' || node_id", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  from_demo = tl_liferea_source_new (demo);
  g_assert_true (tl_story_source_import (from_demo, index, G_MAXUINT, &added, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 21);
  from_own = tl_liferea_source_new (own);
  g_assert_true (tl_story_source_import (from_own, index, G_MAXUINT, &added, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen, ==, 21);
  g_assert_cmpuint (added, ==, 21);
  g_assert_cmpuint (tl_index_count (index), ==, 42);
  /* Back to the demo's: read again, nothing added twice. */
  g_assert_true (tl_story_source_import (from_demo, index, G_MAXUINT, &added, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen, ==, 21);
  g_assert_cmpuint (added, ==, 0);

  /* The demo's profile made anew at the same place: fewer items, new feeds. */
  g_assert_cmpint (g_unlink (demo), ==, 0);
  g_free (tl_test_copy_liferea_db (dir, "demo.db"));
  g_assert_cmpint (sqlite3_open (demo, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM items WHERE item_id > (SELECT min(item_id) + 4 FROM items);"
                                     "UPDATE items SET node_id = 'anew-' || node_id, parent_node_id = 'anew-' || node_id",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  anew = tl_liferea_source_new (demo);
  g_assert_true (tl_story_source_import (anew, index, G_MAXUINT, &added, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen, ==, 5);
  g_assert_cmpuint (added, ==, 5);
}

static void
test_liferea_missing (void)
{
  g_autoptr(TlIndex) index = open_tmp_index (NULL);
  g_autoptr(TlStorySource) source = tl_liferea_source_new ("/nonexistent/liferea.db");
  g_autoptr(GError) error = NULL;
  guint a, s;

  g_assert_false (tl_story_source_import (source, index, G_MAXUINT, &a, &s, NULL, &error));
  g_assert_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "start Liferea once"));
}

/* A file that is not ours is refused and left exactly as it was. */
static void
test_open_foreign (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = NULL;
  const char garbage[] = "this is not a database, just a text file with some words in it\n";
  sqlite3 *db;
  gsize len;

  g_assert_true (g_file_set_contents (junk, garbage, -1, NULL));
  index = tl_index_open (junk, tl_test_get_analyzer (), &error);
  g_assert_null (index);
  g_assert_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN);
  g_test_message ("%s", error->message);
  g_assert_true (g_file_get_contents (junk, &after, &len, NULL));
  g_assert_cmpmem (after, len, garbage, strlen (garbage));
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "CREATE TABLE recipes (name TEXT)", NULL, NULL, NULL);
  sqlite3_close (db);
  index = tl_index_open (other, tl_test_get_analyzer (), &error);
  g_assert_null (index);
  g_assert_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, "another program"));
}

/* Damage in the middle of the file is reported by check, not a crash. */
static void
test_check_damage (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *jsonl = tl_test_import_demo (db);
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  index = tl_index_open (db, tl_test_get_analyzer (), &error);
  g_assert_true (tl_index_check (index, report, &error));
  g_assert_no_error (error);
  g_clear_object (&index);

  g_assert_true (g_file_get_contents (db, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192 * 3);
  for (gsize i = 4096 + 100; i < len - 4096; i += 4096)
    memset (contents + i, 0xA5, 600);   /* scribble over every page but the first */
  g_assert_true (g_file_set_contents (db, contents, len, NULL));
  index = tl_index_open (db, tl_test_get_analyzer (), &error);
  if (index != NULL)
    {
      g_string_truncate (report, 0);
      g_assert_false (tl_index_check (index, report, &error));
      g_test_message ("%s", report->str);
    }
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, db));
}

/* Runs @sql on the index at @location with the store's own SQL (sqlite3 or
 * libpq, not Telelens) and returns the first column of its first row as a
 * number (0 for a statement without rows). */
static gint64
store_sql (Store       store,
           const char *location,
           const char *sql)
{
  gint64 n = 0;

  if (store == STORE_SQLITE)
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *st = NULL;
      int rc;

      g_assert_cmpint (sqlite3_open (location, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
      rc = sqlite3_step (st);
      g_assert_true (rc == SQLITE_ROW || rc == SQLITE_DONE);
      if (rc == SQLITE_ROW)
        n = sqlite3_column_int64 (st, 0);
      sqlite3_finalize (st);
      sqlite3_close (db);
      return n;
    }
#ifdef TL_HAVE_POSTGRESQL
  {
    PGconn *conn = PQconnectdb (location);
    PGresult *res;

    g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
    PQclear (PQexec (conn, "SET search_path TO telelens"));   /* the store's schema */
    res = PQexec (conn, sql);
    g_test_message ("%s: %s", sql, PQresultErrorMessage (res));
    g_assert_true (PQresultStatus (res) == PGRES_TUPLES_OK || PQresultStatus (res) == PGRES_COMMAND_OK);
    if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) > 0)
      n = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
    PQclear (res);
    PQfinish (conn);
  }
#else
  g_assert_not_reached ();
#endif
  return n;
}

/* `telelens index check` on @location: its exit status, what it printed. */
static int
run_check (Store        store,
           const char  *location,
           char       **out,
           char       **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                               g_getenv ("TELELENS_BIN"), "index", "check",
                                               store == STORE_SQLITE ? "--db" : "--store", location, NULL);

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (p, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_test_message ("index check: %s%s", *out, *err);
  g_assert_true (g_subprocess_get_if_exited (p));
  return g_subprocess_get_exit_status (p);
}

/* A story's entity row whose entity is gone (a crash, a hand edit): check
 * says what is wrong, how many and what to do, fails, and deletes
 * nothing. */
static void
test_check_dangling_entity (gconstpointer data)
{
  Store store = STORE_OF (data);
  g_autofree char *location = new_location (store);
  g_autofree char *jsonl = tl_test_import_demo (location);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  gint64 stories, rows;

  g_assert_cmpint (run_check (store, location, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "  entity references: ok\n"));

  stories = store_sql (store, location, "SELECT count(*) FROM documents");
  store_sql (store, location, "INSERT INTO doc_entities (doc_id, key, count, published)"
                              " SELECT min(id), 'org:test-entity-gone', 2, NULL FROM documents");
  rows = store_sql (store, location, "SELECT count(*) FROM doc_entities");

  g_assert_cmpint (run_check (store, location, &out2, &err2), ==, 1);
  g_assert_nonnull (strstr (out2, "  entity references: 1 name in 1 story points to an entity the index does not have"));
  g_assert_nonnull (strstr (out2, "nothing was changed: copy the index into a new one (telelens index copy --from '"));
  g_assert_nonnull (strstr (err2, "has 1 problem (details above)"));
  g_assert_true (strchr (err2, '\n') == err2 + strlen (err2) - 1);   /* one line */

  /* Nothing deleted. */
  g_assert_cmpint (store_sql (store, location, "SELECT count(*) FROM documents"), ==, stories);
  g_assert_cmpint (store_sql (store, location, "SELECT count(*) FROM doc_entities"), ==, rows);
  g_assert_cmpint (store_sql (store, location, "SELECT count(*) FROM doc_entities WHERE key = 'org:test-entity-gone'"),
                   ==, 1);
}

/* The store refuses the story with id @id (a trigger of its own SQL), as
 * a store failing in the middle of an import would. */
static void
refuse_story (Store       store,
              const char *location,
              const char *id)
{
  g_autofree char *sql = NULL;

  if (store == STORE_SQLITE)
    {
      sql = g_strdup_printf ("CREATE TRIGGER test_refuse BEFORE INSERT ON documents WHEN NEW.ext_id = '%s'"
                             " BEGIN SELECT RAISE(ABORT, 'this test refuses the story'); END", id);
      store_sql (store, location, sql);
      return;
    }
  sql = g_strdup_printf ("CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
                         " IF NEW.ext_id = '%s' THEN RAISE EXCEPTION 'this test refuses the story'; END IF;"
                         " RETURN NEW; END$$", id);
  store_sql (store, location, sql);
  store_sql (store, location, "CREATE TRIGGER test_refuse BEFORE INSERT ON documents"
                              " FOR EACH ROW EXECUTE FUNCTION test_refuse()");
}

/* `telelens import jsonl` of @jsonl into @location: its exit status, and
 * what it wrote to stderr. */
static int
run_import (Store        store,
            const char  *location,
            const char  *jsonl,
            char       **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                               g_getenv ("TELELENS_BIN"), "import", "jsonl",
                                               store == STORE_SQLITE ? "--db" : "--store", location, jsonl, NULL);

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (p, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  g_test_message ("import: %s", *err);
  g_assert_true (g_subprocess_get_if_exited (p));
  return g_subprocess_get_exit_status (p);
}

/* An import that stops in the middle (the store refuses the story of line
 * 250, after a committed batch of 200 and a bad line 3) says in one line
 * what failed, where, which lines are stored, which are not and what to
 * do, exits 1, and the index holds exactly the lines it says: each store
 * commits its batches differently, what it says must be true of each. */
static void
test_import_failure_mid_way (gconstpointer data)
{
  Store store = STORE_OF (data);
  g_autofree char *location = new_location (store);
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *jsonl = g_build_filename (dir, "stories.jsonl", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *err = NULL, *said = NULL, *stored_sql = NULL, *next_sql = NULL;
  g_auto(GStrv) err_lines = NULL;
  const char *last, *p;
  guint stored_to, n;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TlIndex) index = tl_index_open_location (location, tl_test_get_analyzer (), TRUE, &error);
    g_assert_no_error (error);
  }
  refuse_story (store, location, "mid-250");
  for (guint i = 1; i <= 260; i++)
    if (i == 3)
      g_string_append (lines, "{\"id\": \"mid-3\", \"text\": \n");
    else
      g_string_append_printf (lines, "{\"id\": \"mid-%u\", \"title\": \"Cable cut %u\", \"text\": \"Telia said cable"
                                     " number %u was cut near the harbour, and Ericsson sent a repair crew.\"}\n",
                              i, i, i);
  g_assert_true (g_file_set_contents (jsonl, lines->str, lines->len, NULL));

  g_assert_cmpint (run_import (store, location, jsonl, &err), ==, 1);
  /* The bad line was reported as it was met; the last line says it all. */
  g_assert_nonnull (strstr (err, "stories.jsonl:3: not a JSON object"));
  err_lines = g_strsplit (g_strchomp (err), "\n", -1);
  last = err_lines[g_strv_length (err_lines) - 1];
  g_assert_true (g_str_has_prefix (last, "telelens: import stopped at "));
  g_assert_nonnull (strstr (last, "stories.jsonl:250: "));
  g_assert_nonnull (strstr (last, "this test refuses the story"));
  g_assert_nonnull (strstr (last, "run the same import again"));
  p = strstr (last, "; lines 1–");
  g_assert_nonnull (p);
  stored_to = (guint) g_ascii_strtoull (p + strlen ("; lines 1–"), NULL, 10);
  said = g_strdup_printf ("; lines 1–%u are stored (but for the lines reported skipped), line %u and the lines"
                          " after it are not", stored_to, stored_to + 1);
  g_assert_nonnull (strstr (last, said));
  /* The batch committed before the failure is kept. */
  g_assert_cmpuint (stored_to, >=, 201);
  g_assert_cmpuint (stored_to, <, 250);

  /* What it says is what the index holds: lines 1–stored_to but line 3. */
  n = stored_to - 1;
  g_assert_cmpint (store_sql (store, location, "SELECT count(*) FROM documents"), ==, n);
  stored_sql = g_strdup_printf ("SELECT count(*) FROM documents WHERE ext_id = 'mid-%u'", stored_to);
  next_sql = g_strdup_printf ("SELECT count(*) FROM documents WHERE ext_id = 'mid-%u'", stored_to + 1);
  g_assert_cmpint (store_sql (store, location, stored_sql), ==, 1);
  g_assert_cmpint (store_sql (store, location, next_sql), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TlIndex) index = tl_index_open_location (location, tl_test_get_analyzer (), FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (tl_index_count (index), ==, n);
  }
}

/* An import from a reader's database that stops in the middle (the store
 * refuses the 15th story of 21, in the first batch) says which items are
 * stored and which are not, and the index holds exactly those. */
static void
test_import_source_failure_mid_way (gconstpointer data)
{
  Store store = STORE_OF (data);
  g_autofree char *location = new_location (store);
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *copy = tl_test_copy_liferea_db (dir, "liferea.db");
  g_autofree char *said = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(TlStorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0, seen = 0;
  gint64 n;

  index = tl_index_open_location (location, tl_test_get_analyzer (), TRUE, &error);
  g_assert_no_error (error);
  if (store == STORE_SQLITE)
    store_sql (store, location, "CREATE TRIGGER test_refuse BEFORE INSERT ON documents"
                                " WHEN (SELECT count(*) FROM documents) >= 14"
                                " BEGIN SELECT RAISE(ABORT, 'this test refuses the story'); END");
  else
    {
      store_sql (store, location, "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
                                  " IF (SELECT count(*) FROM documents) >= 14 THEN"
                                  " RAISE EXCEPTION 'this test refuses the story'; END IF; RETURN NEW; END$$");
      store_sql (store, location, "CREATE TRIGGER test_refuse BEFORE INSERT ON documents"
                                  " FOR EACH ROW EXECUTE FUNCTION test_refuse()");
    }
  source = tl_liferea_source_new (copy);
  g_assert_false (tl_story_source_import (source, index, G_MAXUINT, &added, &seen, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "import from liferea stopped at item 15 of 21 (story liferea:"));
  g_assert_nonnull (strstr (error->message, "this test refuses the story"));
  g_assert_nonnull (strstr (error->message, "run the import again once that is fixed"));
  g_assert_null (strchr (error->message, '\n'));
  n = store_sql (store, location, "SELECT count(*) FROM documents");
  if (n == 0)
    said = g_strdup ("; none of the 21 items is stored:");
  else
    said = g_strdup_printf ("; items 1–%" G_GINT64_FORMAT " are stored, items %" G_GINT64_FORMAT "–21 are not:", n, n + 1);
  g_assert_nonnull (strstr (error->message, said));
  g_assert_cmpuint (tl_index_count (index), ==, (guint64) n);
}

/* A request of several stories is all or nothing on every store: a story
 * refused in the middle (one without text, or one the store's own trigger
 * refuses) leaves none of the request's stories stored, as the answer
 * says; PostgreSQL committed each story alone, so the ones before it were
 * stored under "nothing was stored". */
static void
test_post_batch_all_or_nothing (gconstpointer data)
{
  Store store = STORE_OF (data);
  g_autofree char *location = new_location (store);
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *token = g_build_filename (dir, "token", NULL);
  static const char *const third[] = {
    "{\"id\": \"post-3\", \"title\": \"No text\"}",
    "{\"id\": \"refused-3\", \"title\": \"Cable cut\", \"text\": \"Telia said a third cable was cut.\"}",
  };
  static const char *const says[] = { "story 3: ", "story 3: " };
  g_autoptr(GError) error = NULL;
  TlTestServer srv;

  {
    g_autoptr(TlIndex) index = tl_index_open_location (location, tl_test_get_analyzer (), TRUE, &error);
    g_assert_no_error (error);
  }
  refuse_story (store, location, "refused-3");
  g_assert_true (tl_test_server_start (&srv, location, token, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (third); i++)
    {
      g_autofree char *body = g_strdup_printf ("[{\"id\": \"post-1-%u\", \"title\": \"Cable cut\", \"text\": \"Telia said"
                                               " cable one was cut near the harbour.\"}, {\"id\": \"post-2-%u\","
                                               " \"title\": \"Second cable\", \"text\": \"Ericsson sent a crew to"
                                               " the second cable.\"}, %s]", i, i, third[i]);
      g_autofree char *req = g_strdup_printf ("POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                              "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                              "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                              srv.port, srv.token, strlen (body), body);
      guint status = 0;
      g_autofree char *answer = tl_test_http (srv.port, req, strlen (req), &status);

      g_test_message ("%u: %s", status, answer);
      g_assert_cmpuint (status, >=, 400);
      g_assert_nonnull (strstr (answer, says[i]));
      g_assert_nonnull (strstr (answer, "nothing was stored"));
      g_assert_cmpint (store_sql (store, location, "SELECT count(*) FROM documents"), ==, 0);
    }
  tl_test_server_kill (&srv, FALSE);
  {
    g_autoptr(TlIndex) index = tl_index_open_location (location, tl_test_get_analyzer (), FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (tl_index_count (index), ==, 0);
  }
}

/* `telelens index copy` that stops in the middle (the store it copies into
 * refuses the 250th story, after a committed batch of 200) says what
 * failed, which stories are copied and which are not, exits 1, and the
 * index holds exactly the stories it says; copying again once the cause is
 * gone copies the rest, each story once. */
static void
test_copy_failure_mid_way (gconstpointer data)
{
  Store store = STORE_OF (data);
  g_autofree char *location = new_location (store);
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *src = g_build_filename (dir, "mine.db", NULL);
  g_autofree char *err = NULL, *out = NULL, *said = NULL, *copied_sql = NULL, *next_sql = NULL;
  g_autoptr(GError) error = NULL;
  const char *p;
  guint copied;

  {
    g_autoptr(TlIndex) mine = tl_index_open_location (src, tl_test_get_analyzer (), TRUE, &error);
    g_assert_no_error (error);
    g_assert_true (tl_index_begin (mine, &error));
    for (guint i = 1; i <= 260; i++)
      {
        g_autofree char *id = g_strdup_printf ("copy-%u", i);
        g_autofree char *title = g_strdup_printf ("Cable cut %u", i);
        g_autofree char *text = g_strdup_printf ("Telia said cable number %u was cut near the harbour,"
                                                 " and Ericsson sent a repair crew.", i);
        TlIndexDoc doc = { .id = id, .title = title, .text = text, .published = TL_INDEX_NO_DATE };
        g_assert_true (tl_index_add (mine, &doc, NULL, NULL, &error));
        g_assert_no_error (error);
      }
    g_assert_true (tl_index_commit (mine, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(TlIndex) index = tl_index_open_location (location, tl_test_get_analyzer (), TRUE, &error);
    g_assert_no_error (error);
  }
  refuse_story (store, location, "copy-250");
  {
    g_autoptr(GSubprocess) proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                                    g_getenv ("TELELENS_BIN"), "index", "copy", "--from", src,
                                                    "--to", location, NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
    g_assert_no_error (error);
    g_test_message ("copy: %s%s", out, err);
    g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
  }
  g_assert_true (g_str_has_prefix (err, "telelens: index copy of 260 stories stopped at story 250 (copy-250): "));
  g_assert_nonnull (strstr (err, "this test refuses the story"));
  g_assert_nonnull (strstr (err, "copy again once that is fixed"));
  g_assert_null (strchr (g_strchomp (err), '\n'));
  p = strstr (err, "; stories 1–");
  g_assert_nonnull (p);
  copied = (guint) g_ascii_strtoull (p + strlen ("; stories 1–"), NULL, 10);
  said = g_strdup_printf ("; stories 1–%u (oldest first) are in ", copied);
  g_assert_nonnull (strstr (err, said));
  g_clear_pointer (&said, g_free);
  said = g_strdup_printf ("(%u added by this copy), story %u and the ones after it are not", copied, copied + 1);
  g_assert_nonnull (strstr (err, said));
  /* The batch committed before the failure is kept, and only it. */
  g_assert_cmpuint (copied, >=, 200);
  g_assert_cmpuint (copied, <, 250);
  g_assert_cmpint (store_sql (store, location, "SELECT count(*) FROM documents"), ==, copied);
  copied_sql = g_strdup_printf ("SELECT count(*) FROM documents WHERE ext_id = 'copy-%u'", copied);
  next_sql = g_strdup_printf ("SELECT count(*) FROM documents WHERE ext_id = 'copy-%u'", copied + 1);
  g_assert_cmpint (store_sql (store, location, copied_sql), ==, 1);
  g_assert_cmpint (store_sql (store, location, next_sql), ==, 0);

  /* Again, once the store takes the story: the rest, each story once. */
  store_sql (store, location, store == STORE_SQLITE ? "DROP TRIGGER test_refuse" : "DROP TRIGGER test_refuse ON documents");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autoptr(GSubprocess) proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                                    g_getenv ("TELELENS_BIN"), "index", "copy", "--from", src,
                                                    "--to", location, NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
    g_assert_no_error (error);
    g_test_message ("copy again: %s%s", out, err);
    g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  }
  g_clear_pointer (&said, g_free);
  said = g_strdup_printf (": %u stories added, %u already there", 260 - copied, copied);
  g_assert_nonnull (strstr (out, said));
  g_assert_cmpint (store_sql (store, location, "SELECT count(*) FROM documents"), ==, 260);
}

/* One table of cases, run against every store this build has:
 * /index/sqlite/… and /index/postgresql/…. */
static const struct {
  const char    *path;
  GTestDataFunc  func;
} store_cases[] = {
  { "related/precision-at-3", test_related_precision },
  { "related/collapses-copies", test_related_collapses_copies },
  { "related/posted-story", test_related_posted_story },
  { "add/idempotent-by-url", test_add_is_idempotent },
  { "add/query-stories-distinct", test_add_query_stories },
  { "search/query-and-syntax-error", test_search },
  { "search/names-not-syntax", test_search_names },
  { "search/common-word-order", test_search_common_word_order },
  { "timeline/weeks", test_timeline },
  { "timeline/name-or-alias", test_timeline_by_name },
  { "check/dangling-entity-reference", test_check_dangling_entity },
  { "import/failure-mid-way-says-what-is-stored", test_import_failure_mid_way },
  { "import/source-failure-says-what-is-stored", test_import_source_failure_mid_way },
  { "add/post-batch-all-or-nothing", test_post_batch_all_or_nothing },
  { "copy/failure-mid-way-says-what-is-stored", test_copy_failure_mid_way },
};

static void
add_store_cases (Store       store,
                 const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (store_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/index/%s/%s", name, store_cases[i].path);
      g_test_add_data_func (path, GINT_TO_POINTER (store), store_cases[i].func);
    }
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/index/features/url-identity-params", test_url_identity_params);
  g_test_add_func ("/index/features/word-matcher", test_word_matcher);
  g_test_add_func ("/index/migrate/v1-fixture", test_migrate_v1);
  g_test_add_func ("/index/liferea/incremental-import", test_liferea_import);
  g_test_add_func ("/index/liferea/other-database-from-start", test_liferea_other_database);
  g_test_add_func ("/index/liferea/missing-db", test_liferea_missing);
  g_test_add_func ("/index/open/foreign-file-untouched", test_open_foreign);
  g_test_add_func ("/index/open/private-files", test_private_files);
  g_test_add_func ("/index/open/existing-never-creates", test_open_existing_missing);
  g_test_add_func ("/index/check/damaged-file", test_check_damage);
  add_store_cases (STORE_SQLITE, "sqlite");
#ifdef TL_HAVE_POSTGRESQL
  add_store_cases (STORE_POSTGRESQL, "postgresql");
#endif
  return g_test_run ();
}
