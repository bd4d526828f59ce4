/* bench-index.c — ingest rate and query latency of the local index
 *
 *   bench-index [N ...]     (default: 10000 100000)
 *
 * Generates N stories in events (3–5 outlets per event, a few days apart)
 * from a synthetic vocabulary plus knowledge-base names, ingests them
 * through the full analysis, then times 500 related-coverage queries and
 * 500 searches of each kind: one common word (each vocabulary word is in
 * about 4% of the stories: 4,000 of 100k), two common words (all
 * required), and a rare one (an event's specific). Baseline in the same
 * run: one plain FTS5 query of a story's title word ranked over all its
 * matches — the simplest "related" a reader could have, and what search
 * did for every query before it ranked only the latest matches.
 *
 * TL_BENCH_KEEP=1 keeps the index and prints where; TL_BENCH_DB=PATH
 * queries an index kept before (made with the same N) instead of building
 * one; TL_BENCH_QUERIES=N times N queries of each kind instead of 500.
 */
#include <telelens/telelens.h>
#include "tl-index.h"

#include <glib/gstdio.h>
#include "bench-gen.h"
#include "bench-util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The baseline: one word, every match ranked (FTS5 computes BM25 for all
 * of them), as search did before. */
static double
full_rank_query (sqlite3    *db,
                 const char *word)
{
  g_autofree char *match = g_strdup_printf ("\"%s\"", word);
  sqlite3_stmt *st = NULL;
  gint64 a = g_get_monotonic_time ();

  if (sqlite3_prepare_v2 (db, "SELECT d.ext_id, snippet(documents_fts, 1, '', '', '…', 16),"
                              " bm25(documents_fts, 3.0, 1.0) FROM documents_fts JOIN documents d"
                              " ON d.id = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT 20",
                          -1, &st, NULL) != SQLITE_OK)
    g_error ("baseline: %s", sqlite3_errmsg (db));
  sqlite3_bind_text (st, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (st) == SQLITE_ROW)
    ;   /* every row read, as search reads them */
  sqlite3_finalize (st);
  return (g_get_monotonic_time () - a) / 1000.0;
}

static void
report (const char *what,
        double     *t,
        guint       n)
{
  printf ("  %-44s p50 %6.2f ms  p99 %6.2f ms\n", what, bench_percentile (t, n, 0.5), bench_percentile (t, n, 0.99));
}

static void
run (TlAnalyzer *analyzer,
     guint       n_docs)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (42 + n_docs);
  const char *reuse = g_getenv ("TL_BENCH_DB");
  g_autofree char *dir = reuse ? NULL : g_dir_make_tmp ("telelens-bench-XXXXXX", NULL);
  g_autofree char *db = reuse ? g_strdup (reuse) : g_build_filename (dir, "index.db", NULL);
  g_autoptr(GPtrArray) vocab = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) specifics = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = tl_index_open (db, analyzer, &error);
  TlKnowledgeBase *kb = tl_analyzer_get_kb (analyzer);
  const guint queries = g_getenv ("TL_BENCH_QUERIES") ? MAX (10, atoi (g_getenv ("TL_BENCH_QUERIES"))) : 500;
  double *t_rel = g_new (double, queries), *t_base = g_new (double, queries), *t_one = g_new (double, queries);
  double *t_two = g_new (double, queries), *t_rare = g_new (double, queries);
  double base50, one50, base99, one99;
  sqlite3 *raw = NULL;
  gint64 t0, t1;
  guint made = 0, event = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < 4000; i++)
    g_ptr_array_add (vocab, bench_pseudo_word (r));
  for (guint i = 0; i < tl_knowledge_base_get_n_entities (kb); i += 5)
    g_ptr_array_add (names, tl_knowledge_base_get_nth (kb, i)->name);

  t0 = g_get_monotonic_time ();
  if (!reuse)
    tl_index_begin (index, NULL);
  while (made < n_docs)
    {
      const char *key[4], *ent[3];
      guint reports = g_rand_int_range (r, 1, 6);
      gint64 day = 1767225600 + (gint64) g_rand_int_range (r, 0, 700) * 86400;

      for (guint k = 0; k < 4; k++)
        key[k] = g_ptr_array_index (vocab, g_rand_int_range (r, 0, vocab->len));
      for (guint k = 0; k < 3; k++)
        ent[k] = g_ptr_array_index (names, g_rand_int_range (r, 0, names->len));
      for (guint s = 0; s < reports && made < n_docs; s++, made++)
        {
          GString *text = g_string_new (NULL);
          TlIndexDoc doc = { 0 };
          guint words = g_rand_int_range (r, 120, 260);

          /* Real events have rare specifics: a name, a code, a number. */
          g_autofree char *specific = g_strdup_printf ("%s%u", key[3], event);
          doc.title = g_strdup_printf ("%s %s %s %s %s", ent[0], specific, key[0], key[1],
                                       (const char *) g_ptr_array_index (vocab, g_rand_int_range (r, 0, vocab->len)));
          for (guint w = 0; w < words; w++)
            {
              guint pick = g_rand_int_range (r, 0, 100);
              const char *word = pick < 2 ? specific : pick < 8 ? key[pick % 4] : pick < 12 ? ent[pick % 3]
                               : g_ptr_array_index (vocab, g_rand_int_range (r, 0, vocab->len));
              g_string_append (text, word);
              g_string_append (text, w % 17 == 16 ? ". " : " ");
            }
          doc.id = g_strdup_printf ("gen-%u", made);
          doc.outlet = g_strdup_printf ("Outlet %u", g_rand_int_range (r, 0, 40));
          doc.published = day + g_rand_int_range (r, 0, 3 * 86400);
          doc.text = g_string_free (text, FALSE);
          if (!reuse && !tl_index_add (index, &doc, NULL, NULL, &error))
            g_error ("ingest: %s", error->message);
          if (!reuse && made % 500 == 499)
            {
              tl_index_commit (index, NULL);
              tl_index_begin (index, NULL);
            }
          if (g_rand_int_range (r, 0, n_docs / queries + 1) == 0 || ids->len < queries)
            if (ids->len < queries * 4)
              {
                g_ptr_array_add (ids, g_strdup (doc.id));
                g_ptr_array_add (specifics, g_strdup (specific));
              }
          tl_index_doc_clear (&doc);
        }
      event++;
    }
  if (!reuse)
    {
      tl_index_commit (index, NULL);
      t1 = g_get_monotonic_time ();
      printf ("%u stories (%u events): ingest %.1f s, %.0f stories/s (analysis included)\n",
              n_docs, event, (t1 - t0) / 1e6, n_docs / ((t1 - t0) / 1e6));
    }
  else
    printf ("%u stories (%u events), index %s\n", n_docs, event, db);
  if (sqlite3_open_v2 (db, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("%s: %s", db, sqlite3_errmsg (raw));

  for (guint q = 0; q < queries; q++)
    {
      guint pick = g_rand_int_range (r, 0, ids->len);
      const char *common = g_ptr_array_index (vocab, g_rand_int_range (r, 0, vocab->len));
      g_autofree char *two = g_strdup_printf ("%s %s", common,
                                              (char *) g_ptr_array_index (vocab, g_rand_int_range (r, 0, vocab->len)));
      gint64 a, b;

      a = g_get_monotonic_time ();
      {
        g_autoptr(TlRelated) found = tl_index_related (index, g_ptr_array_index (ids, pick), 5, &error);
        g_autoptr(JsonNode) rel = found ? tl_related_to_json (found) : NULL;
        g_assert_no_error (error);
      }
      b = g_get_monotonic_time ();
      t_rel[q] = (b - a) / 1000.0;
      t_base[q] = full_rank_query (raw, common);
      t_one[q] = bench_time_search (index, common, NULL);
      t_two[q] = bench_time_search (index, two, NULL);
      t_rare[q] = bench_time_search (index, g_ptr_array_index (specifics, pick), NULL);
    }
  sqlite3_close (raw);
  report ("related", t_rel, queries);
  report ("search, one common word (20 results)", t_one, queries);
  report ("search, two common words", t_two, queries);
  report ("search, a rare word", t_rare, queries);
  report ("baseline: one common word, every match ranked", t_base, queries);
  base50 = bench_percentile (t_base, queries, 0.5);
  base99 = bench_percentile (t_base, queries, 0.99);
  one50 = bench_percentile (t_one, queries, 0.5);
  one99 = bench_percentile (t_one, queries, 0.99);
  printf ("  → one common word against the baseline: p50 %.2fx, p99 %.2fx; related/baseline p50 %.2fx\n",
          one50 / MAX (0.001, base50), one99 / MAX (0.001, base99),
          bench_percentile (t_rel, queries, 0.5) / MAX (0.001, base50));
  {
    GStatBuf st;
    if (g_stat (db, &st) == 0)
      printf ("  database %.1f MiB\n", st.st_size / 1048576.0);
  }
  g_clear_object (&index);
  g_free (t_rel);
  g_free (t_base);
  g_free (t_one);
  g_free (t_two);
  g_free (t_rare);
  if (reuse)
    return;
  if (g_getenv ("TL_BENCH_KEEP"))
    {
      printf ("  kept %s\n", db);
      return;
    }
  for (const char *suffix = ""; suffix; suffix = g_strcmp0 (suffix, "") == 0 ? "-wal" : g_strcmp0 (suffix, "-wal") == 0 ? "-shm" : NULL)
    {
      g_autofree char *p = g_strconcat (db, suffix, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(TlAnalyzer) analyzer = NULL;

  g_assert_true (tl_knowledge_base_load_bundled (kb, NULL));
  analyzer = tl_analyzer_new (kb, NULL);
  if (argc < 2)
    {
      run (analyzer, 10000);
      run (analyzer, 100000);
    }
  for (int i = 1; i < argc; i++)
    run (analyzer, (guint) g_ascii_strtoull (argv[i], NULL, 10));
  return 0;
}
