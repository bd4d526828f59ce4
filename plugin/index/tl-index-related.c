/* tl-index-related.c — related coverage of one story
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Two stories are related when they report the same event (ANNOTATION.md):
 * feed items are short, often undated and worded differently, so the
 * judgement rests on what one event's reports share whatever their words —
 * its rare specifics — in three steps, each a function of its own:
 *  1. gather (the only step that reads the database): stories that share
 *     the story's rarest words (FTS5, within a budget of postings), and
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
#include "tl-index-rank.h"

#include <math.h>
#include <string.h>

#define MAX_TERMS        12
#define MAX_POSTINGS     500
#define MAX_CANDIDATES   200

/* --- Database lookups ------------------------------------------------------ */

static gint64
corpus_size (TlIndex *self)
{
  sqlite3_stmt *st = _tl_index_stmt (self, "SELECT max(id) FROM documents", NULL);
  gint64 n = 1;

  if (st && sqlite3_step (st) == SQLITE_ROW)
    n = MAX (1, sqlite3_column_int64 (st, 0));
  if (st)
    sqlite3_reset (st);
  return n;
}

static gint64
term_df (TlIndex    *self,
         const char *term)
{
  sqlite3_stmt *st = _tl_index_stmt (self, "SELECT df FROM terms WHERE term = ?", NULL);
  gint64 df = 0;

  if (st == NULL)
    return 0;
  sqlite3_bind_text (st, 1, term, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    df = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return df;
}

static gint64
entity_df (TlIndex    *self,
           const char *key)
{
  sqlite3_stmt *st = _tl_index_stmt (self, "SELECT df FROM entities WHERE key = ?", NULL);
  gint64 df = 0;

  if (st == NULL)
    return 0;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    df = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return df;
}

/* --- 1. Gather ---------------------------------------------------------------- */

typedef struct {
  TlIndex    *self;
  Target     *q;
  GHashTable *seen;
  gboolean    stored;
} WordLookup;

static void
add_target_word (const char *w,
                 gpointer    data)
{
  WordLookup *wl = data;
  TargetWord tw;

  if (!g_hash_table_add (wl->seen, g_strdup (w)))
    return;
  tw.word = g_strdup (w);
  tw.hash = _tl_index_word_hash (w);
  /* A story not stored counts as one more story with its words. */
  tw.df = term_df (wl->self, w) + (wl->stored ? 0 : 1);
  tw.idf = log ((double) wl->q->n_docs / MAX (1, tw.df));
  g_array_append_val (wl->q->words, tw);
}

/* The target's story words with their rarity, and its entities' weights. */
static void
weigh_target (TlIndex *self,
              Target  *q)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  WordLookup wl = { self, q, seen, q->rowid > 0 };
  double sum = 0;

  q->words = g_array_new (FALSE, FALSE, sizeof (TargetWord));
  g_array_set_clear_func (q->words, _tl_rank_target_word_clear);
  _tl_index_foreach_story_word (q->title, q->text, add_target_word, &wl);
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
 * fifty, as an FTS5 OR query within a budget of postings: BM25 is computed
 * for every matching story, so the work stays bounded however large the
 * index. */
static char *
build_query (const Target *q)
{
  g_autoptr(GPtrArray) usable = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  gint64 postings = 0, max_df = MAX (20, q->n_docs / 50);
  guint used = 0;

  for (guint i = 0; i < q->words->len; i++)
    {
      TargetWord *w = &g_array_index (q->words, TargetWord, i);
      if (w->df >= 2 && w->df <= max_df)
        g_ptr_array_add (usable, w);
    }
  g_ptr_array_sort (usable, df_cmp);
  for (guint k = 0; k < usable->len && used < MAX_TERMS; k++)
    {
      TargetWord *w = g_ptr_array_index (usable, k);
      if (postings + w->df > MAX_POSTINGS)
        break;
      g_string_append_printf (out, "%s\"%s\"", out->len ? " OR " : "", w->word);
      postings += w->df;
      used++;
    }
  return g_string_free (out, out->len == 0);
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

static gboolean
gather_by_words (TlIndex      *self,
                 const Target *q,
                 GArray       *cands,
                 GHashTable   *by_row,
                 GError      **error)
{
  g_autofree char *query = build_query (q);
  sqlite3_stmt *st;

  if (query == NULL)
    return TRUE;
  st = _tl_index_stmt (self, "SELECT rowid FROM documents_fts"
                             " WHERE documents_fts MATCH ? ORDER BY rank LIMIT 100", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, query, -1, SQLITE_STATIC);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (st, 0);
      if (row != q->rowid)
        cand_get (cands, by_row, row);
    }
  sqlite3_reset (st);
  return TRUE;
}

static void
add_rows (sqlite3_stmt *st,
          const Target *q,
          GArray       *cands,
          GHashTable   *by_row)
{
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (st, 0);
      if (row != q->rowid)
        cand_get (cands, by_row, row);
    }
  sqlite3_reset (st);
}

/* The most telling entities: within two weeks when the story is dated, the
 * latest otherwise, and the latest undated stories either way. */
static gboolean
gather_by_entities (TlIndex      *self,
                    const Target *q,
                    GArray       *cands,
                    GHashTable   *by_row,
                    GError      **error)
{
  for (guint k = 0, used = 0; k < q->entities->len && used < 6; k++)
    {
      TargetEntity *e = g_ptr_array_index (q->entities, k);
      sqlite3_stmt *st;

      if (e->idf < log (1.0 + 5.0))   /* in one story of five or more: not telling */
        continue;
      used++;
      if (q->published != TL_INDEX_NO_DATE)
        {
          st = _tl_index_stmt (self, "SELECT doc_id FROM doc_entities WHERE key = ?"
                                     " AND published BETWEEN ? AND ? LIMIT 60", error);
          if (st == NULL)
            return FALSE;
          sqlite3_bind_int64 (st, 2, q->published - 14 * DAY);
          sqlite3_bind_int64 (st, 3, q->published + 14 * DAY);
        }
      else
        {
          st = _tl_index_stmt (self, "SELECT doc_id FROM doc_entities WHERE key = ?"
                                     " ORDER BY published DESC LIMIT 60", error);
          if (st == NULL)
            return FALSE;
        }
      sqlite3_bind_text (st, 1, e->key, -1, SQLITE_STATIC);
      add_rows (st, q, cands, by_row);

      st = _tl_index_stmt (self, "SELECT doc_id FROM doc_entities WHERE key = ? AND published IS NULL"
                                 " ORDER BY doc_id DESC LIMIT 30", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, e->key, -1, SQLITE_STATIC);
      add_rows (st, q, cands, by_row);
    }
  return TRUE;
}

/* What one candidate is: its row, its story words and its entities. */
static gboolean
describe (TlIndex  *self,
          Cand     *c,
          GError  **error)
{
  sqlite3_stmt *st = _tl_index_stmt (self, "SELECT ext_id, url, url_norm, title, outlet, published, simhash,"
                                           " substr(text, 1, ?), topic FROM documents WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, TL_INDEX_STORY_WORD_BYTES);
  sqlite3_bind_int64 (st, 2, c->rowid);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_reset (st);
      c->missing = TRUE;
      return TRUE;
    }
  c->ext_id = g_strdup ((const char *) sqlite3_column_text (st, 0));
  c->url = g_strdup ((const char *) sqlite3_column_text (st, 1));
  c->url_norm = g_strdup ((const char *) sqlite3_column_text (st, 2));
  c->title = g_strdup ((const char *) sqlite3_column_text (st, 3));
  c->outlet = g_strdup ((const char *) sqlite3_column_text (st, 4));
  c->published = sqlite3_column_type (st, 5) == SQLITE_NULL ? TL_INDEX_NO_DATE : sqlite3_column_int64 (st, 5);
  c->simhash = (guint64) sqlite3_column_int64 (st, 6);
  c->words = _tl_index_story_hashes (c->title, (const char *) sqlite3_column_text (st, 7));
  c->topic = sqlite3_column_double (st, 8);
  sqlite3_reset (st);

  st = _tl_index_stmt (self, "SELECT d.key, d.count, e.name, e.df, e.type FROM doc_entities d"
                             " JOIN entities e ON e.key = d.key WHERE d.doc_id = ?", error);
  if (st == NULL)
    return FALSE;
  c->entities = g_array_new (FALSE, FALSE, sizeof (CandEntity));
  g_array_set_clear_func (c->entities, _tl_rank_cand_entity_clear);
  sqlite3_bind_int64 (st, 1, c->rowid);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CandEntity e = { g_strdup ((const char *) sqlite3_column_text (st, 0)),
                       g_strdup ((const char *) sqlite3_column_text (st, 2)),
                       sqlite3_column_int (st, 1), sqlite3_column_int64 (st, 3),
                       _tl_rank_is_company ((const char *) sqlite3_column_text (st, 4)) };
      g_array_append_val (c->entities, e);
    }
  sqlite3_reset (st);
  return TRUE;
}

static GArray *
gather (TlIndex      *self,
        const Target *q,
        GError      **error)
{
  g_autoptr(GArray) cands = g_array_new (FALSE, TRUE, sizeof (Cand));
  g_autoptr(GHashTable) by_row = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_array_set_clear_func (cands, _tl_rank_cand_clear);
  if (!gather_by_words (self, q, cands, by_row, error) ||
      !gather_by_entities (self, q, cands, by_row, error))
    return NULL;
  for (guint i = 0; i < cands->len; i++)
    if (!describe (self, &g_array_index (cands, Cand, i), error))
      return NULL;
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
  cands = gather (self, q, error);
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
  g_autofree char *title = NULL, *text = NULL, *outlet = NULL, *url_norm = NULL;
  Target q = { 0 };
  sqlite3_stmt *st;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  q.n_docs = corpus_size (self);
  /* An id the story had before (doc_aliases) finds it too. */
  st = _tl_index_stmt (self, "SELECT id, title, text, outlet, published, url_norm, simhash, topic"
                             " FROM documents WHERE id = coalesce((SELECT id FROM documents WHERE ext_id = ?1),"
                             " (SELECT doc_id FROM doc_aliases WHERE alias = ?1))", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_reset (st);
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_NOT_FOUND,
                   "no story with id “%.80s” in the index", id);
      return NULL;
    }
  q.rowid = sqlite3_column_int64 (st, 0);
  title = g_strdup ((const char *) sqlite3_column_text (st, 1));
  text = g_strdup ((const char *) sqlite3_column_text (st, 2));
  outlet = g_strdup ((const char *) sqlite3_column_text (st, 3));
  q.published = sqlite3_column_type (st, 4) == SQLITE_NULL ? TL_INDEX_NO_DATE : sqlite3_column_int64 (st, 4);
  url_norm = g_strdup ((const char *) sqlite3_column_text (st, 5));
  q.simhash = (guint64) sqlite3_column_int64 (st, 6);
  q.topic = sqlite3_column_double (st, 7);
  sqlite3_reset (st);

  st = _tl_index_stmt (self, "SELECT d.key, d.count, e.df, e.type FROM doc_entities d"
                             " JOIN entities e ON e.key = d.key WHERE d.doc_id = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, q.rowid);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      TargetEntity *e = g_new0 (TargetEntity, 1);
      e->key = g_strdup ((const char *) sqlite3_column_text (st, 0));
      e->weight = 1.0 + log (MAX (1, sqlite3_column_int (st, 1)));
      e->idf = log (1.0 + (double) q.n_docs / MAX (1, sqlite3_column_int64 (st, 2)));
      e->company = _tl_rank_is_company ((const char *) sqlite3_column_text (st, 3));
      g_ptr_array_add (tents, e);
    }
  sqlite3_reset (st);
  q.title = title;
  q.text = text;
  q.outlet = outlet;
  q.url_norm = url_norm;
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

  q.n_docs = corpus_size (self);
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
      e->idf = log (1.0 + (double) q.n_docs / MAX (1, entity_df (self, e->key)));
      e->company = ents[i].type == TL_ENTITY_VENDOR || ents[i].type == TL_ENTITY_OPERATOR;
      g_ptr_array_add (tents, e);
    }
  if (doc->url)
    {
      /* A story already stored under this URL is the same story. */
      sqlite3_stmt *st = _tl_index_stmt (self, "SELECT id FROM documents WHERE url = ?", error);
      if (st == NULL)
        return NULL;
      sqlite3_bind_text (st, 1, doc->url, -1, SQLITE_STATIC);
      if (sqlite3_step (st) == SQLITE_ROW)
        q.rowid = sqlite3_column_int64 (st, 0);
      sqlite3_reset (st);
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
