/* bench-store.c — the index on either store: ingest alone and with
 * concurrent writers, related and search percentiles
 *
 *   bench-store LOCATION N [CONCURRENT [WRITERS [QUERIES]]]
 *
 * LOCATION is what --store takes: a file (SQLite) or postgresql://…
 * (bench/bench-stores.sh makes a throwaway cluster for it). The bench
 * ingests N generated stories (bench-gen.h) with one writer, then
 * CONCURRENT more (default N/10) with WRITERS writers at once (default 4;
 * each a thread with its own analyzer and its own connection, as separate
 * services would be), every story through the full analysis. The one
 * writer stores its first 2,000 on the normal path (one transaction per
 * story, as the service does), the rest in bulk (tl_index_set_bulk(),
 * 1,000 per transaction); the concurrent writers use the normal path (a
 * story refused because another writer held the store too long is tried
 * again and counted). Then QUERIES (default 500) of each: related coverage of a stored
 * story, search for a word in most stories (BENCH_FREQUENT, ~85% of
 * them), that word and a common one, one common word (in ~4% of the
 * stories), two common words (both required), a rare word. Percentiles, never a pass/fail; the
 * load average before and after, since the machine is shared.
 *
 * TL_BENCH_REUSE=1: LOCATION already holds the stories of an earlier run
 * with the same N and CONCURRENT; only the queries run.
 * TL_BENCH_SEARCH_ONLY=1: no related-coverage queries (search alone).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <telelens/telelens.h>
#include "tl-index.h"

#include "bench-gen.h"
#include "bench-util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BULK_BATCH 1000   /* stories per transaction when loading in bulk */
#define NORMAL_MAX 2000   /* stories measured on the normal path */

typedef struct {
  const char       *location;
  const BenchWords *words;
  guint             n;
  guint             id;
  guint             retries;
  char             *failure;
} Writer;

static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  return g_strndup (text, strcspn (text, " ") + 1 + strcspn (text + strcspn (text, " ") + 1, " "));
}

static TlAnalyzer *
analyzer_new (void)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();

  if (!tl_knowledge_base_load_bundled (kb, NULL))
    g_error ("the bundled knowledge base did not load");
  return tl_analyzer_new (kb, NULL);
}

/* Whether a refused batch may be tried again: another writer held the
 * store (SQLite: "database is locked" after its 5 s wait; PostgreSQL: a
 * deadlock or serialization failure). */
static gboolean
transient (const GError *error)
{
  return error != NULL && (strstr (error->message, "locked") != NULL || strstr (error->message, "deadlock") != NULL ||
                           strstr (error->message, "could not serialize") != NULL);
}

/* Ingests @n stories of @gen into @index, @per_tx per transaction (1: each
 * story commits alone, as the service stores one it is sent); a refused
 * batch is tried again, up to 20 times, and counted in @retries; FALSE with
 * @error otherwise. */
static gboolean
ingest (TlIndex   *index,
        BenchGen  *gen,
        guint      n,
        guint      per_tx,
        guint     *retries,
        GError   **error)
{
  g_autofree TlIndexDoc *batch = g_new0 (TlIndexDoc, per_tx);

  for (guint done = 0; done < n;)
    {
      guint len = MIN (per_tx, n - done);
      gboolean ok = FALSE;

      for (guint b = 0; b < len; b++)
        bench_gen_next (gen, &batch[b]);
      for (guint attempt = 0; !ok && attempt < 20; attempt++)
        {
          g_clear_error (error);
          ok = tl_index_begin (index, error);
          for (guint b = 0; ok && b < len; b++)
            ok = tl_index_add (index, &batch[b], NULL, NULL, error);
          ok = ok && tl_index_commit (index, error);
          if (!ok)
            {
              tl_index_rollback (index);
              if (error == NULL || !transient (*error))
                break;
              (*retries)++;
            }
        }
      for (guint b = 0; b < len; b++)
        tl_index_doc_clear (&batch[b]);
      if (!ok)
        return FALSE;
      done += len;
    }
  return TRUE;
}

static gpointer
writer_run (gpointer data)
{
  Writer *w = data;
  g_autoptr(TlAnalyzer) analyzer = analyzer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = tl_index_open_location (w->location, analyzer, TRUE, &error);
  g_autofree char *prefix = g_strdup_printf ("w%u", w->id);
  BenchGen gen;

  if (index == NULL)
    {
      w->failure = g_strdup (error->message);
      return NULL;
    }
  bench_gen_init (&gen, w->words, 1000 + w->id, prefix);
  if (!ingest (index, &gen, w->n, 1, &w->retries, &error))
    w->failure = g_strdup_printf ("writer %u: %s", w->id, error->message);
  bench_gen_clear (&gen);
  return NULL;
}

/* Wall time @t, and the bench's own CPU time @c (on SQLite all of a
 * query's work; on PostgreSQL without the server's). */
static void
report (const char *what,
        double     *t,
        double     *c,
        guint       n)
{
  printf ("  %-40s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms   CPU here p50 %6.2f ms  p99 %6.2f ms\n", what,
          bench_percentile (t, n, 0.5), bench_percentile (t, n, 0.99), bench_percentile (t, n, 1.0),
          bench_percentile (c, n, 0.5), bench_percentile (c, n, 0.99));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(TlAnalyzer) analyzer = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) specifics = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) r = g_rand_new_with_seed (7);
  g_autofree char *load0 = load_average ();
  g_autofree char *shown = NULL;
  gboolean reuse = g_getenv ("TL_BENCH_REUSE") != NULL;
  BenchWords words;
  BenchGen gen;
  guint n, concurrent, writers, queries, retries = 0;
  gboolean search_only = g_getenv ("TL_BENCH_SEARCH_ONLY") != NULL;
  double *f_rel, *r_rel, *t_rel, *t_one, *t_two, *t_rare, *c_rel, *c_one, *c_two, *c_rare;
  double *t_most, *c_most, *t_mostc, *c_mostc;
  gint64 t0;

  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-store LOCATION N [CONCURRENT [WRITERS [QUERIES]]]\n");
      return 2;
    }
  n = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  concurrent = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : n / 10;
  writers = argc > 4 ? MAX (1, (guint) g_ascii_strtoull (argv[4], NULL, 10)) : 4;
  queries = argc > 5 ? MAX (10, (guint) g_ascii_strtoull (argv[5], NULL, 10)) : 500;
  analyzer = analyzer_new ();
  bench_words_init (&words, tl_analyzer_get_kb (analyzer), 42);
  shown = tl_index_location_redact (argv[1]);
  index = tl_index_open_location (argv[1], analyzer, TRUE, &error);
  if (index == NULL)
    {
      fprintf (stderr, "bench-store: %s\n", error->message);
      return 1;
    }
  printf ("%s: %u stories, then %u by %u writers at once (load average %s)\n", shown, n, concurrent, writers, load0);

  /* One writer. The stories queried below are a sample of these: the
   * first NORMAL_MAX on the normal path (each story its own transaction,
   * as the service stores what it is sent), the rest in bulk
   * (tl_index_set_bulk(), BULK_BATCH per transaction). Every story goes
   * through the full analysis, and the full-text indexes are kept as
   * ever. */
  bench_gen_init (&gen, &words, 42, "gen");
  for (guint phase = 0; phase < 2; phase++)
    {
      guint upto = phase == 0 ? MIN (n, NORMAL_MAX) : n;
      guint per_tx = phase == 0 ? 1 : BULK_BATCH;
      guint first = gen.made;

      tl_index_set_bulk (index, phase == 1);
      t0 = g_get_monotonic_time ();
      for (guint done = gen.made; done < upto;)
        {
          guint step = MIN (upto - done, 1000);
          guint from = gen.made;
          if (reuse)
            {
              for (guint i = 0; i < step; i++)
                {
                  g_auto(TlIndexDoc) doc = { 0 };
                  bench_gen_next (&gen, &doc);
                }
            }
          else if (!ingest (index, &gen, step, per_tx, &retries, &error))
            {
              fprintf (stderr, "bench-store: ingest: %s\n", error->message);
              return 1;
            }
          /* One sample story per step (its event's specific is the one the
           * generator holds after the step). */
          g_ptr_array_add (ids, g_strdup_printf ("gen-%u", from + step - 1));
          g_ptr_array_add (specifics, g_strdup (gen.specific));
          done += step;
          if (!reuse && phase == 1 && done % 100000 == 0)
            {
              double s = (g_get_monotonic_time () - t0) / 1e6;
              g_autofree char *load = load_average ();
              printf ("    … %u stories, %.0f stories/s in bulk so far (load %s)\n", done, (done - first) / s, load);
            }
        }
      if (!reuse && gen.made > first)
        {
          double s = (g_get_monotonic_time () - t0) / 1e6;
          g_autofree char *load = load_average ();
          printf ("  ingest, one writer, %s: %u stories in %.1f s, %.0f stories/s (analysis included; load %s)\n",
                  phase == 0 ? "normal path (one transaction per story)" : "bulk (1,000 stories per transaction)",
                  gen.made - first, s, (gen.made - first) / s, load);
        }
    }
  tl_index_set_bulk (index, FALSE);
  bench_gen_clear (&gen);

  if (!reuse && concurrent > 0)
    {
      g_autofree Writer *w = g_new0 (Writer, writers);
      g_autofree GThread **threads = g_new0 (GThread *, writers);
      g_autofree char *load = NULL;
      gboolean failed = FALSE;
      double s;

      retries = 0;

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < writers; i++)
        {
          w[i] = (Writer) { argv[1], &words, concurrent / writers + (i < concurrent % writers), i, 0, NULL };
          threads[i] = g_thread_new ("writer", writer_run, &w[i]);
        }
      for (guint i = 0; i < writers; i++)
        {
          g_thread_join (threads[i]);
          if (w[i].failure)
            {
              fprintf (stderr, "bench-store: %s\n", w[i].failure);
              g_free (w[i].failure);
              failed = TRUE;
            }
          retries += w[i].retries;
        }
      if (failed)
        return 1;
      s = (g_get_monotonic_time () - t0) / 1e6;
      load = load_average ();
      printf ("  ingest, %u writers at once, normal path: %u stories in %.1f s, %.0f stories/s, %u batches retried (load %s)\n",
              writers, concurrent, s, concurrent / s, retries, load);
    }
  printf ("  %" G_GUINT64_FORMAT " stories in the index\n", tl_index_count (index));

  t_rel = g_new (double, queries);
  f_rel = g_new0 (double, queries);
  r_rel = g_new0 (double, queries);
  t_one = g_new (double, queries);
  t_two = g_new (double, queries);
  t_rare = g_new (double, queries);
  c_rel = g_new (double, queries);
  c_one = g_new (double, queries);
  c_two = g_new (double, queries);
  c_rare = g_new (double, queries);
  t_most = g_new (double, queries);
  c_most = g_new (double, queries);
  t_mostc = g_new (double, queries);
  c_mostc = g_new (double, queries);
  for (guint q = 0; q < queries; q++)
    {
      guint pick = g_rand_int_range (r, 0, ids->len);
      const char *common = bench_words_common (&words, r);
      g_autofree char *two = g_strdup_printf ("%s %s", common, bench_words_common (&words, r));
      g_autofree char *most_common = g_strdup_printf ("%s %s", BENCH_FREQUENT, common);
      double c = bench_thread_cpu_ms ();
      gint64 a = g_get_monotonic_time ();

      if (!search_only)
      {
        g_autoptr(TlRelated) found = tl_index_related (index, g_ptr_array_index (ids, pick), 5, &error);
        g_autoptr(JsonNode) rel = found ? tl_related_to_json (found) : NULL;
        if (found == NULL)
          g_error ("related %s: %s", (char *) g_ptr_array_index (ids, pick), error ? error->message : "not found");
        f_rel[q] = found->find_ms;
        r_rel[q] = found->read_ms;
      }
      t_rel[q] = (g_get_monotonic_time () - a) / 1000.0;
      c_rel[q] = bench_thread_cpu_ms () - c;
      t_most[q] = bench_time_search (index, BENCH_FREQUENT, &c_most[q]);
      t_mostc[q] = bench_time_search (index, most_common, &c_mostc[q]);
      t_one[q] = bench_time_search (index, common, &c_one[q]);
      t_two[q] = bench_time_search (index, two, &c_two[q]);
      t_rare[q] = bench_time_search (index, g_ptr_array_index (specifics, pick), &c_rare[q]);
    }
  {
    g_autofree char *load = load_average ();
    printf ("  %u queries of each kind (load %s):\n", queries, load);
  }
  if (!search_only)
    report ("related (5)", t_rel, c_rel, queries);
  if (!search_only)
    printf ("  %-40s p50 %7.2f ms  p99 %7.2f ms; reading them p50 %7.2f ms  p99 %7.2f ms\n",
          "  of which finding candidates", bench_percentile (f_rel, queries, 0.5),
          bench_percentile (f_rel, queries, 0.99), bench_percentile (r_rel, queries, 0.5),
          bench_percentile (r_rel, queries, 0.99));
  report ("search, a word in most stories (20)", t_most, c_most, queries);
  report ("search, that word and a common word", t_mostc, c_mostc, queries);
  report ("search, one common word (20 results)", t_one, c_one, queries);
  report ("search, two common words", t_two, c_two, queries);
  report ("search, a rare word", t_rare, c_rare, queries);
  g_free (t_most);
  g_free (c_most);
  g_free (t_mostc);
  g_free (c_mostc);
  g_free (c_rel);
  g_free (c_one);
  g_free (c_two);
  g_free (c_rare);
  g_free (t_rel);
  g_free (f_rel);
  g_free (r_rel);
  g_free (t_one);
  g_free (t_two);
  g_free (t_rare);
  bench_words_clear (&words);
  return 0;
}
