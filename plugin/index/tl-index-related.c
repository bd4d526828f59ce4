/* tl-index-related.c — related coverage of one story
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Three steps, each a function of its own:
 *  1. gather (the only step that reads the database): candidates by BM25
 *     (FTS5) over the story's rarest title and lead words, plus stories that
 *     share its most telling entities within two weeks; then what each
 *     candidate is (its row, its lead words, its entities);
 *  2. score (pure): copies of the story itself and its URL are set aside;
 *     the rest get text similarity (BM25, relative to the best candidate),
 *     the overlap of headline and lead words, and of entities weighted by
 *     their rarity; scaled by closeness in time and gated by the lead
 *     overlap; another outlet ranks before the same outlet, a gap of more
 *     than ten days (a follow-up, another event) halves the score;
 *  3. collapse (pure): candidates whose SimHash is within 3 bits of a
 *     better one (syndicated wire copies, reposts) become one result listing
 *     the outlets that carry it.
 * The answer is a #TlRelated; tl_related_to_json() writes it.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-private.h"

#include <math.h>
#include <string.h>

#define MAX_TERMS        12
#define MAX_POSTINGS     500
#define MAX_CANDIDATES   200
#define NEAR_DUP_BITS    3
#define MIN_SCORE        0.35
#define DAY              86400

/* The story whose coverage is wanted. */
typedef struct {
  gint64      rowid;      /* 0 when not stored */
  const char *title;
  const char *text;
  const char *outlet;
  gint64      published;
  const char *url_norm;
  guint64     simhash;
  GPtrArray  *entities;   /* TargetEntity, most telling first */
  GArray     *lead;       /* lead-word hashes */
  gint64      n_docs;
} Target;

typedef struct {
  char   *key;
  double  weight;   /* 1 + ln(count) */
  double  idf;
} TargetEntity;

/* One entity of a candidate, in the database's order. */
typedef struct {
  char *key;
  char *name;
  int   count;
} CandEntity;

typedef struct {
  gint64     rowid;
  gboolean   missing;   /* gone from the database meanwhile */
  gboolean   dropped;
  double     bm25;
  double     lead;      /* Jaccard of title and lead words */
  double     ent;
  double     score;
  gint64     published;
  guint64    simhash;
  char      *ext_id;
  char      *url;
  char      *url_norm;
  char      *title;
  char      *outlet;
  GArray    *lead_words;
  GArray    *entities;  /* CandEntity */
  GPtrArray *shared;    /* entity names */
  GPtrArray *also_in;   /* outlets of collapsed copies */
} Cand;

static void
target_entity_free (gpointer data)
{
  TargetEntity *e = data;
  g_free (e->key);
  g_free (e);
}

static int
target_entity_cmp (gconstpointer a,
                   gconstpointer b)
{
  const TargetEntity *x = *(TargetEntity **) a, *y = *(TargetEntity **) b;
  double wx = x->idf * x->weight, wy = y->idf * y->weight;
  return (wx < wy) - (wx > wy);
}

static void
cand_entity_clear (gpointer data)
{
  CandEntity *e = data;
  g_free (e->key);
  g_free (e->name);
}

static void
cand_clear (gpointer data)
{
  Cand *c = data;
  g_free (c->ext_id);
  g_free (c->url);
  g_free (c->url_norm);
  g_free (c->title);
  g_free (c->outlet);
  g_clear_pointer (&c->lead_words, g_array_unref);
  g_clear_pointer (&c->entities, g_array_unref);
  g_clear_pointer (&c->shared, g_ptr_array_unref);
  g_clear_pointer (&c->also_in, g_ptr_array_unref);
}

static gboolean
same_outlet (const char *a,
             const char *b)
{
  return a && b && *a && g_ascii_strcasecmp (a, b) == 0;
}

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
  char  *term;
  double idf;
  gint64 df;
} QTerm;

static int
qterm_cmp (gconstpointer a,
           gconstpointer b)
{
  double x = ((const QTerm *) a)->idf, y = ((const QTerm *) b)->idf;
  return (x < y) - (x > y);
}

typedef struct {
  TlIndex    *self;
  GHashTable *seen;
  GArray     *terms;
  gint64      n_docs;
  gint64      min_df;
} QueryBuild;

static void
consider_term (const char *w,
               gpointer    data)
{
  QueryBuild *qb = data;
  gint64 df;

  if (g_hash_table_contains (qb->seen, w) || g_hash_table_size (qb->seen) >= 80)
    return;
  g_hash_table_add (qb->seen, g_strdup (w));
  df = term_df (qb->self, w);
  /* Only words another story also has, and not in one story of fifty. */
  if (df < qb->min_df || df > MAX (20, qb->n_docs / 50))
    return;
  {
    QTerm t = { g_strdup (w), log ((double) qb->n_docs / df), df };
    g_array_append_val (qb->terms, t);
  }
}

/* The rarest words of the headline and lead, as an FTS5 OR query. */
static char *
build_query (TlIndex      *self,
             const Target *q)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) terms = g_array_new (FALSE, FALSE, sizeof (QTerm));
  QueryBuild qb = { self, seen, terms, q->n_docs, q->rowid > 0 ? 2 : 1 };
  GString *out = g_string_new (NULL);
  gint64 postings = 0;
  guint used = 0;

  _tl_index_foreach_lead_word (q->title, q->text, consider_term, &qb);
  g_array_sort (terms, qterm_cmp);
  /* Rarest first, within a budget of postings: BM25 is computed for every
   * matching story, so the work stays bounded however large the index. */
  for (guint k = 0; k < terms->len; k++)
    {
      QTerm *t = &g_array_index (terms, QTerm, k);
      if (used < MAX_TERMS && postings + t->df <= MAX_POSTINGS)
        {
          g_string_append_printf (out, "%s\"%s\"", out->len ? " OR " : "", t->term);
          postings += t->df;
          used++;
        }
      g_free (t->term);
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
gather_by_text (TlIndex      *self,
                const Target *q,
                GArray       *cands,
                GHashTable   *by_row,
                GError      **error)
{
  g_autofree char *query = build_query (self, q);
  sqlite3_stmt *st;

  if (query == NULL)
    return TRUE;
  st = _tl_index_stmt (self, "SELECT rowid, bm25(documents_fts, 3.0, 1.0) FROM documents_fts"
                             " WHERE documents_fts MATCH ? ORDER BY rank LIMIT 100", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, query, -1, SQLITE_STATIC);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (st, 0);
      Cand *c;
      if (row == q->rowid || (c = cand_get (cands, by_row, row)) == NULL)
        continue;
      c->bm25 = sqlite3_column_double (st, 1);
    }
  sqlite3_reset (st);
  return TRUE;
}

/* The most telling entities, within two weeks when the story is dated. */
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
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          gint64 row = sqlite3_column_int64 (st, 0);
          if (row != q->rowid)
            cand_get (cands, by_row, row);
        }
      sqlite3_reset (st);
    }
  return TRUE;
}

/* What one candidate is: its row, its lead words and its entities. */
static gboolean
describe (TlIndex  *self,
          Cand     *c,
          GError  **error)
{
  sqlite3_stmt *st = _tl_index_stmt (self, "SELECT ext_id, url, url_norm, title, outlet, published, simhash,"
                                           " substr(text, 1, 400) FROM documents WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, c->rowid);
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
  c->lead_words = _tl_index_lead_hashes (c->title, (const char *) sqlite3_column_text (st, 7));
  sqlite3_reset (st);

  st = _tl_index_stmt (self, "SELECT d.key, d.count, e.name FROM doc_entities d"
                             " JOIN entities e ON e.key = d.key WHERE d.doc_id = ?", error);
  if (st == NULL)
    return FALSE;
  c->entities = g_array_new (FALSE, FALSE, sizeof (CandEntity));
  g_array_set_clear_func (c->entities, cand_entity_clear);
  sqlite3_bind_int64 (st, 1, c->rowid);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CandEntity e = { g_strdup ((const char *) sqlite3_column_text (st, 0)),
                       g_strdup ((const char *) sqlite3_column_text (st, 2)),
                       sqlite3_column_int (st, 1) };
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

  g_array_set_clear_func (cands, cand_clear);
  if (!gather_by_text (self, q, cands, by_row, error) ||
      !gather_by_entities (self, q, cands, by_row, error))
    return NULL;
  for (guint i = 0; i < cands->len; i++)
    if (!describe (self, &g_array_index (cands, Cand, i), error))
      return NULL;
  return g_steal_pointer (&cands);
}

/* --- 2. Score ------------------------------------------------------------------- */

/* Copies of the story itself (its URL, or a near-identical text) are not
 * listed; the outlets of other copies are named. */
static void
set_aside_copies (const Target *q,
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

/* Entity overlap weighted by rarity, as a share of the story's own. */
static double
entity_overlap (const Target *q,
                Cand         *c,
                double        ent_norm)
{
  double num = 0;

  c->shared = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < c->entities->len; i++)
    {
      const CandEntity *ce = &g_array_index (c->entities, CandEntity, i);
      for (guint k = 0; k < q->entities->len; k++)
        {
          TargetEntity *e = g_ptr_array_index (q->entities, k);
          if (strcmp (e->key, ce->key) == 0)
            {
              double w = 1.0 + log (MAX (1, ce->count));
              num += e->idf * MIN (e->weight, w);
              if (e->idf >= log (1.0 + 5.0) && c->shared->len < 6)
                g_ptr_array_add (c->shared, g_strdup (ce->name));
              break;
            }
        }
    }
  return ent_norm > 0 ? num / ent_norm : 0.0;
}

static void
score (const Target *q,
       GArray       *cands)
{
  double best_bm25 = 0, ent_norm = 0;

  for (guint k = 0; k < q->entities->len; k++)
    {
      TargetEntity *e = g_ptr_array_index (q->entities, k);
      ent_norm += e->idf * e->weight;
    }
  for (guint i = 0; i < cands->len; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);
      if (!c->dropped && c->bm25 < 0)
        best_bm25 = MIN (best_bm25, c->bm25);
    }

  for (guint i = 0; i < cands->len; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);
      double t, tsim;

      if (c->dropped)
        continue;
      c->lead = _tl_index_jaccard (q->lead, c->lead_words);
      c->ent = entity_overlap (q, c, ent_norm);
      t = best_bm25 < 0 && c->bm25 < 0 ? c->bm25 / best_bm25 : 0.0;
      if (q->published != TL_INDEX_NO_DATE && c->published != TL_INDEX_NO_DATE)
        tsim = exp (-fabs ((double) (q->published - c->published)) / (4.0 * DAY));
      else
        tsim = 0.3;
      /* Relative BM25 always makes someone the best match, and a small
       * corpus cannot tell a common agency from a telling one, so the
       * absolute overlap of headline and lead words gates the score:
       * reports of one event share its specifics (names, numbers, nouns). */
      c->score = (0.40 * t + 0.25 * MIN (1.0, 2.5 * c->lead) + 0.35 * c->ent) * (0.5 + 0.5 * tsim) *
                 MIN (1.0, c->lead / 0.2);
      g_debug ("related: %s text %.2f lead %.2f entities %.2f time %.2f → %.3f",
               c->ext_id, t, c->lead, c->ent, tsim, c->score);
      if (same_outlet (q->outlet, c->outlet))
        c->score *= 0.6;
      if (q->published != TL_INDEX_NO_DATE && c->published != TL_INDEX_NO_DATE &&
          llabs (q->published - c->published) > 10 * DAY)
        c->score *= 0.5;
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
steal_item (Cand *c)
{
  TlRelatedItem *it = tl_related_item_new ();

  it->id = g_steal_pointer (&c->ext_id);
  it->url = g_steal_pointer (&c->url);
  it->title = g_steal_pointer (&c->title);
  it->outlet = g_steal_pointer (&c->outlet);
  it->published = c->published;
  it->score = c->score;
  for (guint k = 0; c->shared && k < c->shared->len; k++)
    g_ptr_array_add (it->shared_entities, g_strdup (g_ptr_array_index (c->shared, k)));
  for (guint k = 0; c->also_in && k < c->also_in->len; k++)
    g_ptr_array_add (it->also_in, g_strdup (g_ptr_array_index (c->also_in, k)));
  return it;
}

/* Near-duplicates join the best of them; the best above the bar are the
 * results. Sorts @cands. */
static void
collapse (GArray    *cands,
          guint      limit,
          GPtrArray *results)
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
        g_ptr_array_add (results, steal_item (c));
    }
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

  g_ptr_array_sort (q->entities, target_entity_cmp);
  cands = gather (self, q, error);
  if (cands == NULL)
    return NULL;
  q->lead = _tl_index_lead_hashes (q->title, q->text);
  set_aside_copies (q, cands, out->copies_in);
  score (q, cands);
  collapse (cands, limit, out->results);
  g_clear_pointer (&q->lead, g_array_unref);
  out->candidates = cands->len;
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
  g_autoptr(GPtrArray) tents = g_ptr_array_new_with_free_func (target_entity_free);
  g_autofree char *title = NULL, *text = NULL, *outlet = NULL, *url_norm = NULL;
  Target q = { 0 };
  sqlite3_stmt *st;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  q.n_docs = corpus_size (self);
  /* An id the story had before (doc_aliases) finds it too. */
  st = _tl_index_stmt (self, "SELECT id, title, text, outlet, published, url_norm, simhash"
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
  sqlite3_reset (st);

  st = _tl_index_stmt (self, "SELECT d.key, d.count, e.df FROM doc_entities d"
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
  g_autoptr(GPtrArray) tents = g_ptr_array_new_with_free_func (target_entity_free);
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
  ents = tl_analysis_get_entities (a, &n);
  for (guint i = 0; i < n; i++)
    {
      TargetEntity *e = g_new0 (TargetEntity, 1);
      e->key = tl_analysis_get_entity_key (a, i);
      e->weight = 1.0 + log (ents[i].mentions->len);
      e->idf = log (1.0 + (double) q.n_docs / MAX (1, entity_df (self, e->key)));
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
