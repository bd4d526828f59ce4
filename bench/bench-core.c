/* bench-core.c — the core's speed, each figure beside a baseline of the same run
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * 1. Gazetteer: every knowledge-base alias matched over ~1 MiB of news text,
 *    against `grep -F -i -o -f ALIASES TEXT` over the same aliases and text
 *    (grep runs as a process, so its start-up is measured once on an empty
 *    file and subtracted).
 * 2. Whole analysis of the sample story (entities, attributions, topic):
 *    p50/p99 against the 16 ms frame budget, and against one plain pass of
 *    g_utf8_strdown over the same text as a floor.
 */
#include <telelens/telelens.h>
#include "tl-knowledge-base-private.h"
#include "tl-lexicon-private.h"
#include "tl-recognizer-private.h"
#include <glib/gstdio.h>

#include "bench-util.h"

#include <stdio.h>
#include <string.h>

static double
time_grep (const char *aliases,
           const char *text,
           const char *locale)
{
  g_autofree char *cmd = g_strdup_printf ("env LC_ALL=%s grep -F -i -o -f %s %s", locale, aliases, text);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 t0 = g_get_monotonic_time ();
  int status;

  if (!g_spawn_command_line_sync (cmd, &out, NULL, &status, &error))
    g_error ("grep: %s", error->message);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(TlAnalyzer) analyzer = NULL;
  g_autoptr(TlLexicon) lex = NULL;
  g_autoptr(TlRecognizer) rec = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *story = NULL;
  g_autofree char *dir = g_dir_make_tmp ("telelens-bench-XXXXXX", NULL);
  g_autofree char *alias_path = g_build_filename (dir, "aliases.txt", NULL);
  g_autofree char *text_path = g_build_filename (dir, "text.txt", NULL);
  g_autofree char *empty_path = g_build_filename (dir, "empty.txt", NULL);
  GString *big = g_string_new (NULL);
  GString *alias_list = g_string_new (NULL);
  const TlKbAlias *aliases;
  guint n_aliases, hits = 0;
  gsize story_len;
  const char *story_path = argc > 1 ? argv[1] : "tests/data/fixtures/prague-5g-summit.txt";
  double ours[7], grep_c[7], grep_u[7], start_c[7], start_u[7];

  if (!g_file_get_contents (story_path, &story, &story_len, &error))
    {
      fprintf (stderr, "bench: %s (run from the source tree or pass a story)\n", error->message);
      return 1;
    }
  {
    /* Start-up cost of the knowledge base: parse, validate, build the
     * matcher; median of 5 fresh loads. */
    double load[5];
    guint n_entities = 0;

    for (guint r = 0; r < G_N_ELEMENTS (load); r++)
      {
        g_autoptr(TlKnowledgeBase) k = tl_knowledge_base_new ();
        g_autoptr(TlAnalyzer) an = NULL;
        gint64 t0 = g_get_monotonic_time ();

        g_assert_true (tl_knowledge_base_load_bundled (k, &error));
        an = tl_analyzer_new (k, &error);
        g_assert_no_error (error);
        load[r] = (g_get_monotonic_time () - t0) / 1000.0;
        n_entities = tl_knowledge_base_get_n_entities (k);
      }
    qsort (load, G_N_ELEMENTS (load), sizeof load[0], bench_cmp_double);
    printf ("knowledge base: %u entities, load + matcher build median %.1f ms\n",
            n_entities, load[G_N_ELEMENTS (load) / 2]);
  }
  g_assert_true (tl_knowledge_base_load_bundled (kb, &error));
  analyzer = tl_analyzer_new (kb, &error);
  g_assert_no_error (error);
  lex = _tl_lexicon_load (&error);
  rec = _tl_recognizer_new (kb, lex);

  while (big->len < 1024 * 1024)
    g_string_append_len (big, story, story_len);
  aliases = _tl_knowledge_base_get_aliases (kb, &n_aliases);
  for (guint i = 0; i < n_aliases; i++)
    g_string_append_printf (alias_list, "%s\n", aliases[i].text);
  g_file_set_contents (alias_path, alias_list->str, alias_list->len, NULL);
  g_file_set_contents (text_path, big->str, big->len, NULL);
  g_file_set_contents (empty_path, "", 0, NULL);

  for (guint r = 0; r < G_N_ELEMENTS (ours); r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      hits = _tl_recognizer_count_raw_hits (rec, big->str, big->len);
      ours[r] = (g_get_monotonic_time () - t0) / 1000.0;
      grep_c[r] = time_grep (alias_path, text_path, "C");
      grep_u[r] = time_grep (alias_path, text_path, "C.UTF-8");
      start_c[r] = time_grep (alias_path, empty_path, "C");
      start_u[r] = time_grep (alias_path, empty_path, "C.UTF-8");
    }
  {
    double o = bench_percentile (ours, G_N_ELEMENTS (ours), 0.5);
    double gc = bench_percentile (grep_c, 7, 0.5) - bench_percentile (start_c, 7, 0.5);
    double gu = bench_percentile (grep_u, 7, 0.5) - bench_percentile (start_u, 7, 0.5);

    printf ("gazetteer: %u aliases over %.2f MiB of news text (%u hits after case and boundary rules)\n",
            n_aliases, big->len / 1048576.0, hits);
    printf ("  telelens matcher        %8.2f ms  (%.0f MiB/s)\n", o, big->len / 1048576.0 / (o / 1000));
    printf ("  grep -F -i -o, C.UTF-8  %8.2f ms  (start-up %.2f ms subtracted)  ratio %.1fx\n",
            gu, bench_percentile (start_u, 7, 0.5), gu / o);
    printf ("  grep -F -i -o, C        %8.2f ms  (start-up %.2f ms subtracted)  ratio %.1fx\n",
            gc, bench_percentile (start_c, 7, 0.5), gc / o);
  }

  {
    const guint runs = 2000;
    double *t = g_new (double, runs), *base = g_new (double, runs);
    guint n_mentions = 0;

    for (guint r = 0; r < runs; r++)
      {
        gint64 t0 = g_get_monotonic_time ();
        g_autoptr(TlAnalysis) a = tl_analyzer_analyze (analyzer, story, story_len, TL_INPUT_AUTO, NULL);
        gint64 t1 = g_get_monotonic_time ();
        g_autofree char *low = g_utf8_strdown (story, story_len);
        gint64 t2 = g_get_monotonic_time ();

        tl_analysis_get_mentions (a, &n_mentions);
        t[r] = (t1 - t0) / 1000.0;
        base[r] = (t2 - t1) / 1000.0;
      }
    printf ("analysis of %s (%" G_GSIZE_FORMAT " bytes, %u mentions), %u runs:\n",
            story_path, story_len, n_mentions, runs);
    printf ("  p50 %.3f ms  p99 %.3f ms  (frame budget 16 ms: p99 is %.0fx under)\n",
            bench_percentile (t, runs, 0.5), bench_percentile (t, runs, 0.99), 16.0 / bench_percentile (t, runs, 0.99));
    printf ("  floor, g_utf8_strdown of the same text: p50 %.3f ms (analysis/floor %.1fx)\n",
            bench_percentile (base, runs, 0.5), bench_percentile (t, runs, 0.5) / bench_percentile (base, runs, 0.5));
    g_free (t);
    g_free (base);
  }
  g_unlink (alias_path);
  g_unlink (text_path);
  g_unlink (empty_path);
  g_rmdir (dir);
  g_string_free (big, TRUE);
  g_string_free (alias_list, TRUE);
  return 0;
}
