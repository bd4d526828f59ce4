/* bench-gen.h — generated stories for the index benchmarks
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Stories come in events of 1–5 reports from 40 outlets, a few days
 * apart, 120–260 words each: four event words (from a vocabulary of 4,000
 * pseudo-words, so each word is in about 4% of the stories), three
 * knowledge-base names, one rare specific per event (a code: what
 * "related" should find), and BENCH_FREQUENT, a word in most stories
 * (about 85% of them, 1–5 times in the text, in one title of 8): what
 * issue 16 calls a common word. The vocabulary and names are shared read-only
 * (BenchWords); each generator (one per writer thread) has its own random
 * stream and id prefix, so writers never make the same story.
 */
#pragma once

#include <telelens/telelens.h>
#include "tl-index.h"
#include "bench-util.h"

#define BENCH_FREQUENT "officials"

typedef struct {
  GPtrArray *vocab;  /* (element-type utf8) owned */
  GPtrArray *names;  /* (element-type utf8) owned */
} BenchWords;

typedef struct {
  const BenchWords *words;
  GRand            *r;
  char             *prefix;
  guint             made;
  guint             event;
  guint             left;   /* reports left in the current event */
  const char       *key[4];
  const char       *ent[3];
  gint64            day;
  char             *specific;
} BenchGen;

static inline char *
bench_pseudo_word (GRand *r)
{
  static const char *const syl[] = { "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "bra",
                                     "dor", "fen", "gul", "hap", "jin", "kor", "lum", "mar", "nix", "pol" };
  GString *w = g_string_new (NULL);
  guint n = g_rand_int_range (r, 2, 4);
  for (guint i = 0; i < n; i++)
    g_string_append (w, syl[g_rand_int_range (r, 0, G_N_ELEMENTS (syl))]);
  return g_string_free (w, FALSE);
}

/* One search as the service runs it (20 results), in ms of wall time
 * (and of this thread's CPU in @cpu, when not NULL); aborts with the error
 * when the search fails. */
static inline double
bench_time_search (TlIndex    *index,
                   const char *query,
                   double     *cpu)
{
  g_autoptr(GError) error = NULL;
  double c0 = bench_thread_cpu_ms ();
  gint64 s0 = g_get_monotonic_time ();
  g_autoptr(JsonNode) res = tl_index_search (index, query, 20, &error);

  if (res == NULL)
    g_error ("search %s: %s", query, error->message);
  if (cpu)
    *cpu = bench_thread_cpu_ms () - c0;
  return (g_get_monotonic_time () - s0) / 1000.0;
}

static inline void
bench_words_init (BenchWords      *w,
                  TlKnowledgeBase *kb,
                  guint32          seed)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (seed);

  w->vocab = g_ptr_array_new_with_free_func (g_free);
  w->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 4000; i++)
    g_ptr_array_add (w->vocab, bench_pseudo_word (r));
  for (guint i = 0; i < tl_knowledge_base_get_n_entities (kb); i += 5)
    g_ptr_array_add (w->names, g_strdup (tl_knowledge_base_get_nth (kb, i)->name));
}

static inline void
bench_words_clear (BenchWords *w)
{
  g_clear_pointer (&w->vocab, g_ptr_array_unref);
  g_clear_pointer (&w->names, g_ptr_array_unref);
}

static inline const char *
bench_words_common (const BenchWords *w,
                    GRand            *r)
{
  return g_ptr_array_index (w->vocab, g_rand_int_range (r, 0, w->vocab->len));
}

static inline void
bench_gen_init (BenchGen         *g,
                const BenchWords *words,
                guint32           seed,
                const char       *prefix)
{
  *g = (BenchGen) { .words = words, .r = g_rand_new_with_seed (seed), .prefix = g_strdup (prefix) };
}

static inline void
bench_gen_clear (BenchGen *g)
{
  g_clear_pointer (&g->r, g_rand_free);
  g_clear_pointer (&g->prefix, g_free);
  g_clear_pointer (&g->specific, g_free);
}

/* The next story into @doc (cleared by the caller with
 * tl_index_doc_clear()); g->specific is its event's rare word. */
static inline void
bench_gen_next (BenchGen   *g,
                TlIndexDoc *doc)
{
  const BenchWords *w = g->words;
  GString *text = g_string_new (NULL);
  guint n_words = 0;

  if (g->left == 0)
    {
      g->left = g_rand_int_range (g->r, 1, 6);
      g->day = 1767225600 + (gint64) g_rand_int_range (g->r, 0, 700) * 86400;
      for (guint k = 0; k < 4; k++)
        g->key[k] = bench_words_common (w, g->r);
      for (guint k = 0; k < 3; k++)
        g->ent[k] = g_ptr_array_index (w->names, g_rand_int_range (g->r, 0, w->names->len));
      g_free (g->specific);
      g->specific = g_strdup_printf ("%s%s%u", g->key[3], g->prefix, g->event);
      g->event++;
    }
  g->left--;
  *doc = (TlIndexDoc) { 0 };
  doc->title = g_strdup_printf ("%s %s %s %s %s%s", g->ent[0], g->specific, g->key[0], g->key[1],
                                bench_words_common (w, g->r),
                                g_rand_int_range (g->r, 0, 8) == 0 ? " " BENCH_FREQUENT : "");
  n_words = g_rand_int_range (g->r, 120, 260);
  for (guint i = 0; i < n_words; i++)
    {
      guint pick = g_rand_int_range (g->r, 0, 100);
      const char *word = pick < 2 ? g->specific : pick < 8 ? g->key[pick % 4] : pick < 12 ? g->ent[pick % 3]
                       : pick == 99 ? BENCH_FREQUENT : bench_words_common (w, g->r);
      g_string_append (text, word);
      g_string_append (text, i % 17 == 16 ? ". " : " ");
    }
  doc->id = g_strdup_printf ("%s-%u", g->prefix, g->made);
  doc->outlet = g_strdup_printf ("Outlet %u", g_rand_int_range (g->r, 0, 40));
  doc->published = g->day + g_rand_int_range (g->r, 0, 3 * 86400);
  doc->text = g_string_free (text, FALSE);
  g->made++;
}
