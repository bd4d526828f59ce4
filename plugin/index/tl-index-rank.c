/* tl-index-rank.c — is a candidate the same event? (steps 2 and 3 of
 * related coverage; tl-index-related.c says how the whole works)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * No SQLite here: the candidates arrive described (words, entities, dates,
 * SimHash) and leave scored, collapsed and explained.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-rank.h"
#include "tl-index-features.h"

#include <math.h>
#include <string.h>

void
_tl_rank_target_entity_free (gpointer data)
{
  TargetEntity *e = data;
  g_free (e->key);
  g_free (e);
}

int
_tl_rank_target_entity_cmp (gconstpointer a,
                            gconstpointer b)
{
  const TargetEntity *x = *(TargetEntity **) a, *y = *(TargetEntity **) b;
  double wx = x->idf * x->weight, wy = y->idf * y->weight;
  return (wx < wy) - (wx > wy);
}

void
_tl_rank_target_word_clear (gpointer data)
{
  g_free (((TargetWord *) data)->word);
}

int
_tl_rank_target_word_cmp (gconstpointer a,
                          gconstpointer b)
{
  guint64 x = ((const TargetWord *) a)->hash, y = ((const TargetWord *) b)->hash;
  return (x > y) - (x < y);
}

void
_tl_rank_cand_entity_clear (gpointer data)
{
  CandEntity *e = data;
  g_free (e->key);
  g_free (e->name);
}

void
_tl_rank_cand_clear (gpointer data)
{
  Cand *c = data;
  g_free (c->ext_id);
  g_free (c->url);
  g_free (c->url_norm);
  g_free (c->title);
  g_free (c->outlet);
  g_free (c->head);
  g_clear_pointer (&c->hits, g_array_unref);
  g_clear_pointer (&c->entities, g_array_unref);
  g_clear_pointer (&c->shared, g_ptr_array_unref);
  g_clear_pointer (&c->terms, g_ptr_array_unref);
  g_clear_pointer (&c->also_in, g_ptr_array_unref);
}

static gboolean
same_outlet (const char *a,
             const char *b)
{
  return a && b && *a && g_ascii_strcasecmp (a, b) == 0;
}

double
_tl_rank_entity_idf (gint64 n_docs,
                     gint64 df)
{
  return log (1.0 + (double) n_docs / MAX (1, df));
}

/* Vendors and operators: whose breach, ban or outage a story reports. */
gboolean
_tl_rank_is_company (const char *type)
{
  return g_strcmp0 (type, "vendor") == 0 || g_strcmp0 (type, "operator") == 0;
}

/* Sorts the target's entities, most telling first (rarity × mentions), and
 * notes its lead: the most telling company. */
void
_tl_rank_weigh_entities (Target *q)
{
  g_ptr_array_sort (q->entities, _tl_rank_target_entity_cmp);
  q->entity_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  q->entity_mass = 0;
  q->lead = NULL;
  for (guint k = 0; k < q->entities->len; k++)
    {
      TargetEntity *e = g_ptr_array_index (q->entities, k);
      q->entity_mass += e->idf * e->weight;
      g_hash_table_insert (q->entity_by_key, e->key, e);
      if (q->lead == NULL && e->company)
        q->lead = e->key;
    }
}

/* --- 2. Score ------------------------------------------------------------------- */

/* Copies of the story itself (its URL, or a near-identical text) are not
 * listed; the outlets of other copies are named. */
void
_tl_rank_set_aside_copies (const Target *q,
                           GArray       *cands,
                           GPtrArray    *copies_in)
{
  for (guint i = 0; i < cands->len; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);

      if (c->missing)
        c->dropped = TRUE;
      else if (q->url_norm && c->url_norm && strcmp (q->url_norm, c->url_norm) == 0)
        c->dropped = TRUE;
      else if (_tl_index_hamming (q->simhash, c->simhash) <= NEAR_DUP_BITS)
        {
          c->dropped = TRUE;
          if (c->outlet && !same_outlet (c->outlet, q->outlet))
            g_ptr_array_add (copies_in, g_strdup (c->outlet));
        }
    }
}

typedef struct {
  double      idf;
  const char *text;
} Shared;

static int
shared_cmp (gconstpointer a,
            gconstpointer b)
{
  double x = ((const Shared *) a)->idf, y = ((const Shared *) b)->idf;
  return (x < y) - (x > y);
}

/* Entity overlap weighted by rarity, as a share of what the story with
 * fewer telling entities could share — and at most shared / FULL_ENTITIES
 * (fewer for a story shorter than a usual feed item, down to one): a
 * story that names little but the carrier would otherwise match every
 * story about that carrier fully. Notes the candidate's lead company. */
static double
entity_overlap (const Target *q,
                Cand         *c,
                const char  **lead)
{
  g_autoptr(GArray) shared = g_array_new (FALSE, FALSE, sizeof (Shared));
  double num = 0, mass = 0, lead_weight = 0, full;

  c->shared = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < c->entities->len; i++)
    {
      const CandEntity *ce = &g_array_index (c->entities, CandEntity, i);
      TargetEntity *e = g_hash_table_lookup (q->entity_by_key, ce->key);
      double w = 1.0 + log (MAX (1, ce->count));
      double idf = _tl_rank_entity_idf (q->n_docs, ce->df);

      mass += idf * w;
      if (ce->company && idf * w > lead_weight)
        {
          lead_weight = idf * w;
          *lead = ce->key;
        }
      if (e != NULL)
        {
          Shared s = { e->idf, ce->name };
          num += e->idf * MIN (e->weight, w);
          g_array_append_val (shared, s);
        }
    }
  g_array_sort (shared, shared_cmp);
  for (guint i = 0; i < shared->len && i < MAX_WHY_ENTITIES; i++)
    g_ptr_array_add (c->shared, g_strdup (g_array_index (shared, Shared, i).text));
  mass = MIN (mass, q->entity_mass);
  full = CLAMP ((double) FULL_ENTITIES * MIN (q->words->len, c->n_words) / MIN_WORDS_NORM,
                1.0, FULL_ENTITIES);
  return mass > 0 ? MIN (MIN (1.0, num / mass), shared->len / full) : 0.0;
}

/* Reports of one event are about the same company: when each story's
 * leading vendor or operator goes unmentioned in the other, they report
 * two companies' events (two carriers' breaches). */
static gboolean
other_leads (const Target *q,
             const Cand   *c,
             const char   *c_lead)
{
  if (q->lead == NULL || c_lead == NULL || strcmp (q->lead, c_lead) == 0)
    return FALSE;
  if (g_hash_table_contains (q->entity_by_key, c_lead))
    return FALSE;
  for (guint i = 0; i < c->entities->len; i++)
    if (strcmp (g_array_index (c->entities, CandEntity, i).key, q->lead) == 0)
      return FALSE;
  return TRUE;
}

/* One story reports a telecom-security event (a breach, a ban, a cut
 * cable) and the other plainly none (building that cable, the carrier's
 * earnings, an outage with the attack ruled out): not the same event,
 * whatever names and words they share. A story in between ("possibly")
 * is not held against. */
static gboolean
other_kind (const Target *q,
            const Cand   *c)
{
  return (q->topic >= q->topic_yes && c->topic < q->topic_no) ||
         (c->topic >= q->topic_yes && q->topic < q->topic_no);
}

static gboolean
in_names (GPtrArray  *names,
          const char *word)
{
  for (guint i = 0; i < names->len; i++)
    if (strstr (g_ptr_array_index (names, i), word))
      return TRUE;
  return FALSE;
}

/* Story words both have, weighted by rarity, as a share of what the
 * shorter story could share; keeps the rarest as the reason. */
static double
word_overlap (const Target *q,
              Cand         *c)
{
  g_autoptr(GArray) shared = g_array_new (FALSE, FALSE, sizeof (Shared));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n;
  double num = 0, norm;

  for (guint k = 0; c->hits && k < c->hits->len; k++)
    {
      const TargetWord *w = &g_array_index (q->words, TargetWord, g_array_index (c->hits, guint, k));
      Shared s = { w->idf, w->word };
      num += w->idf;
      g_array_append_val (shared, s);
    }
  /* Words of the shared entities' names are said there already. */
  for (guint k = 0; k < c->shared->len; k++)
    g_ptr_array_add (names, g_ascii_strdown (g_ptr_array_index (c->shared, k), -1));
  g_array_sort (shared, shared_cmp);
  c->terms = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < shared->len && c->terms->len < MAX_WHY_TERMS; k++)
    {
      const Shared *s = &g_array_index (shared, Shared, k);
      if (s->idf > q->mean_idf && !in_names (names, s->text))
        g_ptr_array_add (c->terms, g_strdup (s->text));
    }
  /* Shorter than a usual feed item, a story sharing a handful of words
   * would look as close as one sharing the event's specifics. */
  n = MAX (MIN_WORDS_NORM, MIN (q->words->len, c->n_words));
  norm = n * q->mean_idf;
  return norm > 0 ? MIN (1.0, num / norm) : 0.0;
}

void
_tl_rank_score (const Target *q,
                GArray       *cands)
{
  for (guint i = 0; i < cands->len; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);
      const char *c_lead = NULL;

      if (c->dropped)
        continue;
      c->ent_sim = entity_overlap (q, c, &c_lead);
      c->words_sim = word_overlap (q, c);
      c->score = WORD_WEIGHT * c->words_sim + (1 - WORD_WEIGHT) * c->ent_sim;
      if (q->published != TL_INDEX_NO_DATE && c->published != TL_INDEX_NO_DATE)
        {
          gint64 gap = llabs (q->published - c->published);
          if (gap > 10 * DAY)
            c->score *= 0.3;   /* a follow-up or another event */
          else if (gap > 3 * DAY)
            c->score *= 0.8;
        }
      if (same_outlet (q->outlet, c->outlet))
        c->score *= 0.6;
      if (other_leads (q, c, c_lead))
        c->score *= OTHER_LEAD;
      if (other_kind (q, c))
        c->score *= OTHER_KIND;
      g_debug ("related: %s words %.3f entities %.3f → %.3f",
               c->ext_id, c->words_sim, c->ent_sim, c->score);
    }
}

/* --- 3. Collapse ------------------------------------------------------------------ */

static int
cand_cmp (gconstpointer a,
          gconstpointer b)
{
  double x = ((const Cand *) a)->score, y = ((const Cand *) b)->score;
  return (x < y) - (x > y);
}

static TlRelatedItem *
steal_item (const Target *q,
            Cand         *c)
{
  TlRelatedItem *it = tl_related_item_new ();

  it->id = g_steal_pointer (&c->ext_id);
  it->url = g_steal_pointer (&c->url);
  it->title = g_steal_pointer (&c->title);
  it->outlet = g_steal_pointer (&c->outlet);
  it->published = c->published;
  it->score = c->score;
  if (q->published != TL_INDEX_NO_DATE && c->published != TL_INDEX_NO_DATE)
    it->days_apart = (int) MIN (G_MAXINT, (llabs (q->published - c->published) + DAY / 2) / DAY);
  for (guint k = 0; c->shared && k < c->shared->len; k++)
    g_ptr_array_add (it->shared_entities, g_strdup (g_ptr_array_index (c->shared, k)));
  for (guint k = 0; c->terms && k < c->terms->len; k++)
    g_ptr_array_add (it->shared_terms, g_strdup (g_ptr_array_index (c->terms, k)));
  for (guint k = 0; c->also_in && k < c->also_in->len; k++)
    g_ptr_array_add (it->also_in, g_strdup (g_ptr_array_index (c->also_in, k)));
  return it;
}

/* Near-duplicates join the best of them; the best above the bar are the
 * results. Sorts @cands. */
void
_tl_rank_collapse (const Target *q,
                   GArray       *cands,
                   guint         limit,
                   GPtrArray    *results)
{
  g_array_sort (cands, cand_cmp);
  for (guint i = 0; i < cands->len; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);
      if (c->dropped)
        continue;
      for (guint j = 0; j < i; j++)
        {
          Cand *better = &g_array_index (cands, Cand, j);
          if (!better->dropped && _tl_index_hamming (better->simhash, c->simhash) <= NEAR_DUP_BITS)
            {
              if (better->also_in == NULL)
                better->also_in = g_ptr_array_new_with_free_func (g_free);
              if (c->outlet && !same_outlet (c->outlet, better->outlet))
                g_ptr_array_add (better->also_in, g_strdup (c->outlet));
              c->dropped = TRUE;
              break;
            }
        }
    }
  for (guint i = 0; i < cands->len && results->len < limit; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);
      if (!c->dropped && c->score >= MIN_SCORE)
        g_ptr_array_add (results, steal_item (q, c));
    }
}


/* --- Search ------------------------------------------------------------------ */

/* BM25's k1 and b, and the title's weight (a word in the headline counts
 * three times one in the text, as the stores' rankings did). */
#define SEARCH_K1     1.2
#define SEARCH_B      0.75
#define SEARCH_TITLE  3.0

/* The weight of a phrase in @df of @n_docs stories: BM25's IDF, never
 * under a small floor (a word in every story still counts a little). */
double
_tl_rank_search_idf (gint64 n_docs,
                     gint64 df)
{
  double n = MAX (n_docs, 1), d = CLAMP (df, 0, n);

  return MAX (0.01, log (1.0 + (n - d + 0.5) / (d + 0.5)));
}

static int
search_cand_cmp (gconstpointer a,
                 gconstpointer b)
{
  const SearchCand *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return (x->rowid < y->rowid) - (x->rowid > y->rowid);   /* newer first */
}

/* Scores the latest matches of a search and sorts them best first, the
 * newest first among equals: for each phrase, its @weights (IDF) times
 * BM25's saturated count in the title (times SEARCH_TITLE, not normalised:
 * headlines are all short) plus in the text, normalised by the text's
 * length against the mean of @cands. Everything comes from the window the
 * store found, nothing from the whole index, so it costs the same whatever
 * the index's size and however common the words; both stores rank with it. */
void
_tl_rank_search (GArray        *cands,
                 const guint32 *tf,
                 guint          n_phrases,
                 const double  *weights)
{
  double mean = 0;

  if (cands->len == 0)
    return;
  for (guint i = 0; i < cands->len; i++)
    mean += g_array_index (cands, SearchCand, i).text_bytes;
  mean = MAX (1.0, mean / cands->len);
  for (guint i = 0; i < cands->len; i++)
    {
      SearchCand *c = &g_array_index (cands, SearchCand, i);
      double norm = SEARCH_K1 * (1 - SEARCH_B + SEARCH_B * c->text_bytes / mean);

      c->score = 0;
      for (guint p = 0; p < n_phrases; p++)
        {
          double in_title = tf[c->tf_at + 2 * p], in_text = tf[c->tf_at + 2 * p + 1];
          double w = weights ? weights[p] : 1.0;

          c->score += w * (SEARCH_TITLE * in_title * (SEARCH_K1 + 1) / (in_title + SEARCH_K1) +
                           in_text * (SEARCH_K1 + 1) / (in_text + norm));
        }
    }
  g_array_sort (cands, search_cand_cmp);
}
