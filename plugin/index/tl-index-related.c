/* tl-index-related.c — related coverage of one story
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Two stories are related when they report the same event (ANNOTATION.md):
 * feed items are short, often undated and worded differently, so the
 * judgement rests on what one event's reports share whatever their words —
 * its rare specifics — in three steps, each a function of its own:
 *  1. gather (the only step that reads the store, tl-index-store.h):
 *     stories that share the story's rarest words (the store's full-text
 *     index, within a budget of postings), and
 *     stories that share its most telling entities (within two weeks when
 *     dated, and the latest undated ones); then what each candidate is: its
 *     row, its story words, its entities;
 *  2. score (pure): copies of the story itself and its URL are set aside;
 *     the rest score 0.8 × distinctive words + 0.2 × entities, each the
 *     IDF-weighted overlap as a share of what the shorter story could
 *     share, at least a usual feed item's worth (entities by
 *     knowledge-base id, so aliases agree). Dates count
 *     only when both are known: more than three days apart lowers the score,
 *     more than ten (a follow-up: another event) cuts it; an undated story
 *     is neither excluded nor marked down. The same outlet ranks after
 *     others (one outlet rarely reports one event twice). Look-alikes are
 *     held back: one shared company is not a full entity match, two
 *     stories led by different companies report two events, and a
 *     telecom-security story and one plainly not are different events;
 *  3. collapse (pure): candidates whose SimHash is within 3 bits of a
 *     better one (syndicated wire copies, reposts) become one result listing
 *     the outlets that carry it; the best above MIN_SCORE are the answer,
 *     each with why it matched: the entities and words both stories share,
 *     rarest first, and how many days apart they are.
 * The answer is a #TlRelated; tl_related_to_json() writes it. MIN_SCORE and
 * the weights are calibrated on real excerpts (docs: "Related coverage").
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-private.h"

#include <math.h>
#include <string.h>

#define MAX_TERMS        12
#define MAX_POSTINGS     500
#define MAX_CANDIDATES   200
#define MAX_WORD_MATCHES 100

/* --- 1. Gather ---------------------------------------------------------------- */

typedef struct {
  Target     *q;
  GHashTable *seen;
} WordLookup;

static void
add_target_word (const char *w,
                 gpointer    data)
{
  WordLookup *wl = data;
  TargetWord tw = { 0 };

  if (!g_hash_table_add (wl->seen, g_strdup (w)))
    return;
  tw.word = g_strdup (w);
  tw.hash = _tl_index_word_hash (w);
  g_array_append_val (wl->q->words, tw);
}

/* The target's story words with their rarity, and its entities' weights. */
static void
weigh_target (TlIndex *self,
              Target  *q)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  WordLookup wl = { q, seen };
  g_autofree const char **terms = NULL;
  g_autofree gint64 *dfs = NULL;
  gboolean stored = q->rowid > 0;
  double sum = 0;

  q->words = g_array_new (FALSE, FALSE, sizeof (TargetWord));
  g_array_set_clear_func (q->words, _tl_rank_target_word_clear);
  _tl_index_foreach_story_word (q->title, q->text, add_target_word, &wl);
  terms = g_new (const char *, q->words->len + 1);
  dfs = g_new0 (gint64, q->words->len + 1);
  for (guint i = 0; i < q->words->len; i++)
    terms[i] = g_array_index (q->words, TargetWord, i).word;
  _tl_index_vt (self)->terms_df (_tl_index_store (self), terms, q->words->len, dfs);
  for (guint i = 0; i < q->words->len; i++)
    {
      TargetWord *tw = &g_array_index (q->words, TargetWord, i);
      /* A story not stored counts as one more story with its words. */
      tw->df = dfs[i] + (stored ? 0 : 1);
      tw->idf = log ((double) q->n_docs / MAX (1, tw->df));
    }
  g_array_sort (q->words, _tl_rank_target_word_cmp);
  for (guint i = 0; i < q->words->len; i++)
    sum += g_array_index (q->words, TargetWord, i).idf;
  q->mean_idf = q->words->len ? sum / q->words->len : 0;

  _tl_rank_weigh_entities (q);
  q->topic_yes = tl_analyzer_get_topic_threshold (_tl_index_analyzer (self));
  q->topic_no = tl_analyzer_get_topic_lower_bound (_tl_index_analyzer (self));
}

static int
df_cmp (gconstpointer a,
        gconstpointer b)
{
  gint64 x = (*(TargetWord *const *) a)->df, y = (*(TargetWord *const *) b)->df;
  return (x > y) - (x < y);
}

/* The rarest words that another story also has, and not in one story of
 * fifty, within a budget of postings: the store ranks every story that
 * matches, so the work stays bounded however large the index. */
static GPtrArray *
choose_words (const Target *q)
{
  g_autoptr(GPtrArray) usable = g_ptr_array_new ();
  GPtrArray *out = g_ptr_array_new ();
  gint64 postings = 0, max_df = MAX (20, q->n_docs / 50);

  for (guint i = 0; i < q->words->len; i++)
    {
      TargetWord *w = &g_array_index (q->words, TargetWord, i);
      if (w->df >= 2 && w->df <= max_df)
        g_ptr_array_add (usable, w);
    }
  g_ptr_array_sort (usable, df_cmp);
  for (guint k = 0; k < usable->len && out->len < MAX_TERMS; k++)
    {
      TargetWord *w = g_ptr_array_index (usable, k);
      if (postings + w->df > MAX_POSTINGS)
        break;
      g_ptr_array_add (out, w->word);
      postings += w->df;
    }
  return out;
}

static Cand *
cand_get (GArray     *cands,
          GHashTable *by_row,
          gint64      rowid)
{
  gpointer idx;

  if (g_hash_table_lookup_extended (by_row, &rowid, NULL, &idx))
    return &g_array_index (cands, Cand, GPOINTER_TO_UINT (idx));
  if (cands->len >= MAX_CANDIDATES)
    return NULL;
  {
    Cand c = { 0 };
    gint64 *key = g_new (gint64, 1);
    c.rowid = rowid;
    *key = rowid;
    g_array_append_val (cands, c);
    g_hash_table_insert (by_row, key, GUINT_TO_POINTER (cands->len - 1));
    return &g_array_index (cands, Cand, cands->len - 1);
  }
}

static void
add_rows (GArray       *rowids,
          const Target *q,
          GArray       *cands,
          GHashTable   *by_row)
{
  for (guint i = 0; i < rowids->len; i++)
    {
      gint64 row = g_array_index (rowids, gint64, i);
      if (row != q->rowid)
        cand_get (cands, by_row, row);
    }
}

/* The most telling entities: those not in one story of five or more, at
 * most six. */
static GPtrArray *
choose_entities (const Target *q)
{
  GPtrArray *keys = g_ptr_array_new ();

  for (guint k = 0; k < q->entities->len && keys->len < 6; k++)
    {
      TargetEntity *e = g_ptr_array_index (q->entities, k);

      if (e->idf < log (1.0 + 5.0))   /* in one story of five or more: not telling */
        continue;
      g_ptr_array_add (keys, e->key);
    }
  return keys;
}

/* Stories that share the rarest words, then stories that share the most
 * telling entities (within two weeks when the story is dated, the latest
 * otherwise, and the latest undated stories either way), in that order:
 * all at once when the store can (a database server: one round trip),
 * else one look-up after the other. */
static gboolean
gather_rows (TlIndex      *self,
             const Target *q,
             GArray       *cands,
             GHashTable   *by_row,
             GError      **error)
{
  const TlIndexStoreInterface *vt = _tl_index_vt (self);
  g_autoptr(GPtrArray) words = choose_words (q);
  g_autoptr(GPtrArray) keys = choose_entities (q);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gboolean ok = TRUE;

  for (guint k = 0; k < 1 + keys->len; k++)
    g_ptr_array_add (rows, g_array_new (FALSE, FALSE, sizeof (gint64)));
  if (vt->gather != NULL)
    ok = vt->gather (_tl_index_store (self), (const char *const *) words->pdata, words->len, MAX_WORD_MATCHES,
                     (const char *const *) keys->pdata, keys->len, q->published, (GArray *const *) rows->pdata,
                     error);
  else
    {
      if (words->len > 0)
        ok = vt->match_words (_tl_index_store (self), (const char *const *) words->pdata, words->len,
                              MAX_WORD_MATCHES, g_ptr_array_index (rows, 0), error);
      for (guint k = 0; ok && k < keys->len; k++)
        ok = vt->entity_stories (_tl_index_store (self), g_ptr_array_index (keys, k), q->published,
                                 g_ptr_array_index (rows, 1 + k), error);
    }
  if (!ok)
    return FALSE;
  for (guint k = 0; k < rows->len; k++)
    add_rows (g_ptr_array_index (rows, k), q, cands, by_row);
  return TRUE;
}

/* What each candidate is: its row, its story words and its entities. */
static GArray *
gather (TlIndex      *self,
        const Target *q,
        TlRelated    *out,
        GError      **error)
{
  g_autoptr(GArray) cands = g_array_new (FALSE, TRUE, sizeof (Cand));
  g_autoptr(GHashTable) by_row = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 t0 = g_get_monotonic_time (), t1;

  g_array_set_clear_func (cands, _tl_rank_cand_clear);
  if (!gather_rows (self, q, cands, by_row, error))
    return NULL;
  t1 = g_get_monotonic_time ();
  out->find_ms = (t1 - t0) / 1000.0;
  if (!_tl_index_vt (self)->describe (_tl_index_store (self), cands, error))
    return NULL;
  {
    g_autofree guint64 *hashes = g_new (guint64, q->words->len + 1);
    g_autoptr(TlWordMatcher) m = NULL;

    for (guint i = 0; i < q->words->len; i++)
      hashes[i] = g_array_index (q->words, TargetWord, i).hash;
    m = _tl_word_matcher_new (hashes, q->words->len);
    for (guint i = 0; i < cands->len; i++)
      {
        Cand *c = &g_array_index (cands, Cand, i);
        if (!c->missing)
          {
            c->hits = g_array_new (FALSE, FALSE, sizeof (guint));
            c->n_words = _tl_word_matcher_match (m, c->title, c->head, c->hits);
          }
        g_clear_pointer (&c->head, g_free);
      }
  }
  out->read_ms = (g_get_monotonic_time () - t1) / 1000.0;
  return g_steal_pointer (&cands);
}

/* --- The two entry points ------------------------------------------------------------ */

static TlRelated *
related (TlIndex  *self,
         Target   *q,
         guint     limit,
         GError  **error)
{
  g_autoptr(TlRelated) out = tl_related_new ();
  g_autoptr(GArray) cands = NULL;
  gint64 t0 = g_get_monotonic_time ();

  weigh_target (self, q);
  cands = gather (self, q, out, error);
  if (cands != NULL)
    {
      _tl_rank_set_aside_copies (q, cands, out->copies_in);
      _tl_rank_score (q, cands);
      _tl_rank_collapse (q, cands, limit, out->results);
      out->candidates = cands->len;
    }
  g_clear_pointer (&q->words, g_array_unref);
  g_clear_pointer (&q->entity_by_key, g_hash_table_unref);
  if (cands == NULL)
    return NULL;
  out->took_ms = (g_get_monotonic_time () - t0) / 1000.0;
  return g_steal_pointer (&out);
}

/**
 * tl_index_related:
 * @self: a #TlIndex
 * @id: a stored story's id
 * @limit: the most results
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): related coverage; write it with
 *   tl_related_to_json()
 */
TlRelated *
tl_index_related (TlIndex     *self,
                  const char  *id,
                  guint        limit,
                  GError     **error)
{
  g_autoptr(GPtrArray) tents = g_ptr_array_new_with_free_func (_tl_rank_target_entity_free);
  g_auto(Cand) row = { 0 };
  Target q = { 0 };

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  if (!_tl_index_vt (self)->load_story (_tl_index_store (self), id, &row, &q.n_docs, error))
    return NULL;
  for (guint i = 0; i < row.entities->len; i++)
    {
      const CandEntity *ce = &g_array_index (row.entities, CandEntity, i);
      TargetEntity *e = g_new0 (TargetEntity, 1);
      e->key = g_strdup (ce->key);
      e->weight = 1.0 + log (MAX (1, ce->count));
      e->idf = log (1.0 + (double) q.n_docs / MAX (1, ce->df));
      e->company = ce->company;
      g_ptr_array_add (tents, e);
    }
  q.rowid = row.rowid;
  q.title = row.title;
  q.text = row.head;
  q.outlet = row.outlet;
  q.published = row.published;
  q.url_norm = row.url_norm;
  q.simhash = row.simhash;
  q.topic = row.topic;
  q.entities = tents;
  return related (self, &q, limit, error);
}

/**
 * tl_index_related_doc:
 * @self: a #TlIndex
 * @doc: a story that need not be stored
 * @limit: the most results
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): as tl_index_related()
 */
TlRelated *
tl_index_related_doc (TlIndex          *self,
                      const TlIndexDoc *doc,
                      guint             limit,
                      GError          **error)
{
  g_autoptr(GPtrArray) tents = g_ptr_array_new_with_free_func (_tl_rank_target_entity_free);
  g_autoptr(TlAnalysis) a = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *url_norm = NULL;
  const TlEntity *ents;
  Target q = { 0 };
  guint n;
  gsize len;
  const char *text;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);
  g_return_val_if_fail (doc && doc->text, NULL);

  q.n_docs = _tl_index_vt (self)->corpus_size (_tl_index_store (self));
  a = tl_analyzer_analyze (_tl_index_analyzer (self), doc->text, strlen (doc->text), TL_INPUT_AUTO, &local);
  if (a == NULL)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID, "“text”: %s", local->message);
      return NULL;
    }
  text = tl_analysis_get_text (a, &len);
  tl_analysis_get_topic (a, &q.topic);
  ents = tl_analysis_get_entities (a, &n);
  for (guint i = 0; i < n; i++)
    {
      TargetEntity *e = g_new0 (TargetEntity, 1);
      e->key = tl_analysis_get_entity_key (a, i);
      e->weight = 1.0 + log (ents[i].mentions->len);
      e->idf = log (1.0 + (double) q.n_docs / MAX (1, _tl_index_vt (self)->entity_df (_tl_index_store (self), e->key)));
      e->company = ents[i].type == TL_ENTITY_VENDOR || ents[i].type == TL_ENTITY_OPERATOR;
      g_ptr_array_add (tents, e);
    }
  if (doc->url)
    {
      /* A story already stored under this URL is the same story. */
      if (!_tl_index_vt (self)->find_url (_tl_index_store (self), doc->url, &q.rowid, error))
        return NULL;
    }
  if (q.rowid == 0)
    q.n_docs++;   /* this story, as if stored */
  url_norm = _tl_index_normalize_url (doc->url);
  q.title = doc->title ? doc->title : "";
  q.text = text;
  q.outlet = doc->outlet;
  q.published = doc->published;
  q.url_norm = url_norm;
  q.simhash = _tl_simhash (text, len);
  q.entities = tents;
  return related (self, &q, limit, error);
}
