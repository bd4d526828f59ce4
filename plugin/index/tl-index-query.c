/* tl-index-query.c — related coverage, search, timelines, health, check
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Related coverage of one story, in three steps:
 *  1. candidates: BM25 (FTS5) over the story's rarest title and lead words,
 *     plus stories that share its most telling entities within two weeks;
 *  2. score: text similarity (BM25, relative to the best candidate), the
 *     overlap of headline and lead words, and of entities weighted by their
 *     rarity; scaled by closeness in time and gated by the lead overlap;
 *     another outlet ranks before the same outlet, a gap of more than ten
 *     days (a follow-up, another event) halves the score;
 *  3. collapse: candidates whose SimHash is within 3 bits of a better one
 *     (syndicated wire copies, reposts) become one result listing the
 *     outlets that carry it; copies of the story itself and its URL are
 *     never returned.
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

/* --- SimHash over word trigrams ------------------------------------------ */

static guint64
fnv1a (const char *s,
       gsize       n,
       guint64     h)
{
  for (gsize i = 0; i < n; i++)
    {
      h ^= (guchar) s[i];
      h *= 0x100000001b3ULL;
    }
  return h;
}

guint64
_tl_simhash (const char *text,
             gsize       len)
{
  gint v[64] = { 0 };
  guint64 words[3] = { 0 };
  guint n_words = 0;
  gsize i = 0;
  guint64 out = 0;

  while (i < len)
    {
      guint64 h = 0xcbf29ce484222325ULL;
      gsize start;

      while (i < len && !(g_ascii_isalnum (text[i]) || (guchar) text[i] >= 0x80))
        i++;
      if (i >= len)
        break;
      start = i;
      while (i < len && (g_ascii_isalnum (text[i]) || (guchar) text[i] >= 0x80))
        {
          char c = g_ascii_tolower (text[i]);
          h = fnv1a (&c, 1, h);
          i++;
        }
      if (i - start < 2)
        continue;
      words[0] = words[1];
      words[1] = words[2];
      words[2] = h;
      if (++n_words >= 3)
        {
          guint64 sh = words[0] * 31 + words[1] * 17 + words[2];
          sh ^= sh >> 33;
          sh *= 0xff51afd7ed558ccdULL;
          sh ^= sh >> 33;
          for (guint b = 0; b < 64; b++)
            v[b] += (sh >> b) & 1 ? 1 : -1;
        }
    }
  for (guint b = 0; b < 64; b++)
    if (v[b] > 0)
      out |= 1ULL << b;
  return out;
}

static guint
hamming (guint64 a,
         guint64 b)
{
  return (guint) __builtin_popcountll (a ^ b);
}

/* --- Related --------------------------------------------------------------- */

typedef struct {
  char    *key;
  double   weight;   /* 1 + ln(count) */
  double   idf;
} TargetEntity;

typedef struct {
  gint64   rowid;
  char    *title;
  char    *outlet;
  gint64   published;
  char    *url_norm;
  guint64  simhash;
  GPtrArray *entities;  /* TargetEntity-like rows (key + weight), from target */
  GString *url;
  GString *ext_id;
} Target;

typedef struct {
  gint64   rowid;
  double   bm25;
  double   ent;
  double   lead;      /* Jaccard of title and lead words */
  double   score;
  gint64   published;
  guint64  simhash;
  char    *ext_id;
  char    *url;
  char    *url_norm;
  char    *title;
  char    *outlet;
  GPtrArray *shared;    /* entity names */
  GPtrArray *also_in;   /* outlets of collapsed copies */
  gboolean dropped;
} Cand;

static void
target_entity_free (gpointer data)
{
  TargetEntity *e = data;
  g_free (e->key);
  g_free (e);
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
  g_clear_pointer (&c->shared, g_ptr_array_unref);
  g_clear_pointer (&c->also_in, g_ptr_array_unref);
}

static int
u64_cmp (gconstpointer a,
         gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return (x > y) - (x < y);
}

static void
add_lead_word (const char *w,
               gpointer    data)
{
  guint64 h = fnv1a (w, strlen (w), 0xcbf29ce484222325ULL);
  g_array_append_val ((GArray *) data, h);
}

/* Content words of a title and the start of a text as sorted, unique
 * 64-bit hashes: an absolute measure of shared specifics (BM25 above is
 * relative to the best match), cheap enough for every candidate. */
static GArray *
lead_hashes (const char *title,
             const char *text)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (guint64), 64);
  guint n = 0;

  _tl_index_foreach_lead_word (title, text, add_lead_word, out);
  g_array_sort (out, u64_cmp);
  for (guint i = 0; i < out->len; i++)
    if (n == 0 || g_array_index (out, guint64, i) != g_array_index (out, guint64, n - 1))
      g_array_index (out, guint64, n++) = g_array_index (out, guint64, i);
  g_array_set_size (out, n);
  return out;
}

static double
jaccard (GArray *a,
         GArray *b)
{
  guint i = 0, j = 0, both = 0, total;

  while (i < a->len && j < b->len)
    {
      guint64 x = g_array_index (a, guint64, i), y = g_array_index (b, guint64, j);
      if (x == y)
        both++, i++, j++;
      else if (x < y)
        i++;
      else
        j++;
    }
  total = a->len + b->len - both;
  return total ? (double) both / total : 0.0;
}

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
build_query (TlIndex    *self,
             const char *title,
             const char *text,
             gint64      n_docs,
             gboolean    stored)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) terms = g_array_new (FALSE, FALSE, sizeof (QTerm));
  QueryBuild qb = { self, seen, terms, n_docs, stored ? 2 : 1 };
  GString *q = g_string_new (NULL);
  gint64 postings = 0;
  guint used = 0;

  _tl_index_foreach_lead_word (title, text, consider_term, &qb);
  g_array_sort (terms, qterm_cmp);
  /* Rarest first, within a budget of postings: BM25 is computed for every
   * matching story, so the work stays bounded however large the index. */
  for (guint k = 0; k < terms->len; k++)
    {
      QTerm *t = &g_array_index (terms, QTerm, k);
      if (used < MAX_TERMS && postings + t->df <= MAX_POSTINGS)
        {
          g_string_append_printf (q, "%s\"%s\"", q->len ? " OR " : "", t->term);
          postings += t->df;
          used++;
        }
      g_free (t->term);
    }
  return g_string_free (q, q->len == 0);
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

static int
cand_cmp (gconstpointer a,
          gconstpointer b)
{
  double x = ((const Cand *) a)->score, y = ((const Cand *) b)->score;
  return (x < y) - (x > y);
}

static void
add_iso_date (JsonBuilder *b,
              const char  *member,
              gint64       t)
{
  json_builder_set_member_name (b, member);
  if (t == TL_INDEX_NO_DATE)
    json_builder_add_null_value (b);
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
      g_autofree char *s = dt ? g_date_time_format_iso8601 (dt) : NULL;
      if (s)
        json_builder_add_string_value (b, s);
      else
        json_builder_add_null_value (b);
    }
}

static gboolean
same_outlet (const char *a,
             const char *b)
{
  return a && b && *a && g_ascii_strcasecmp (a, b) == 0;
}

static JsonNode *
related_core (TlIndex     *self,
              gint64       self_rowid,
              const char  *title,
              const char  *text,
              const char  *outlet,
              gint64       published,
              const char  *url_norm,
              guint64      simhash,
              GPtrArray   *tentities,
              guint        limit,
              GError     **error)
{
  g_autoptr(GArray) cands = g_array_new (FALSE, TRUE, sizeof (Cand));
  g_autoptr(GHashTable) by_row = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *query = NULL;
  g_autoptr(GArray) target_words = lead_hashes (title, text);
  gint64 n_docs = corpus_size (self);
  gint64 t0 = g_get_monotonic_time ();
  double best_bm25 = 0, ent_norm = 0;
  guint shown = 0;
  sqlite3_stmt *st;

  g_array_set_clear_func (cands, cand_clear);

  /* 1a. text candidates */
  query = build_query (self, title, text, n_docs, self_rowid > 0);
  if (query != NULL)
    {
      st = _tl_index_stmt (self, "SELECT rowid, bm25(documents_fts, 3.0, 1.0) FROM documents_fts"
                                 " WHERE documents_fts MATCH ? ORDER BY rank LIMIT 100", error);
      if (st == NULL)
        return NULL;
      sqlite3_bind_text (st, 1, query, -1, SQLITE_STATIC);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          gint64 row = sqlite3_column_int64 (st, 0);
          Cand *c;
          if (row == self_rowid || (c = cand_get (cands, by_row, row)) == NULL)
            continue;
          c->bm25 = sqlite3_column_double (st, 1);
        }
      sqlite3_reset (st);
    }

  /* 1b. entity candidates: the most telling entities, within two weeks */
  for (guint k = 0; k < tentities->len; k++)
    {
      TargetEntity *e = g_ptr_array_index (tentities, k);
      gint64 df = entity_df (self, e->key);
      e->idf = log (1.0 + (double) n_docs / MAX (1, df));
      ent_norm += e->idf * e->weight;
    }
  for (guint k = 0, used = 0; k < tentities->len && used < 6; k++)
    {
      TargetEntity *e = g_ptr_array_index (tentities, k);
      if (e->idf < log (1.0 + 5.0))   /* in one story of five or more: not telling */
        continue;
      used++;
      if (published != TL_INDEX_NO_DATE)
        {
          st = _tl_index_stmt (self, "SELECT doc_id FROM doc_entities WHERE key = ?"
                                     " AND published BETWEEN ? AND ? LIMIT 60", error);
          if (st == NULL)
            return NULL;
          sqlite3_bind_int64 (st, 2, published - 14 * DAY);
          sqlite3_bind_int64 (st, 3, published + 14 * DAY);
        }
      else
        {
          st = _tl_index_stmt (self, "SELECT doc_id FROM doc_entities WHERE key = ?"
                                     " ORDER BY published DESC LIMIT 60", error);
          if (st == NULL)
            return NULL;
        }
      sqlite3_bind_text (st, 1, e->key, -1, SQLITE_STATIC);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          gint64 row = sqlite3_column_int64 (st, 0);
          if (row != self_rowid)
            cand_get (cands, by_row, row);
        }
      sqlite3_reset (st);
    }

  /* 2a. what each candidate is; copies of this story and its URL go */
  for (guint i = 0; i < cands->len; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);

      st = _tl_index_stmt (self, "SELECT ext_id, url, url_norm, title, outlet, published, simhash,"
                                 " substr(text, 1, 400) FROM documents WHERE id = ?", error);
      if (st == NULL)
        return NULL;
      sqlite3_bind_int64 (st, 1, c->rowid);
      if (sqlite3_step (st) != SQLITE_ROW)
        {
          sqlite3_reset (st);
          c->dropped = TRUE;
          continue;
        }
      c->ext_id = g_strdup ((const char *) sqlite3_column_text (st, 0));
      c->url = g_strdup ((const char *) sqlite3_column_text (st, 1));
      c->url_norm = g_strdup ((const char *) sqlite3_column_text (st, 2));
      c->title = g_strdup ((const char *) sqlite3_column_text (st, 3));
      c->outlet = g_strdup ((const char *) sqlite3_column_text (st, 4));
      c->published = sqlite3_column_type (st, 5) == SQLITE_NULL ? TL_INDEX_NO_DATE : sqlite3_column_int64 (st, 5);
      c->simhash = (guint64) sqlite3_column_int64 (st, 6);
      {
        g_autoptr(GArray) words = lead_hashes (c->title, (const char *) sqlite3_column_text (st, 7));
        c->lead = jaccard (target_words, words);
      }
      sqlite3_reset (st);

      if (url_norm && c->url_norm && strcmp (url_norm, c->url_norm) == 0)
        c->dropped = TRUE;
      else if (hamming (simhash, c->simhash) <= NEAR_DUP_BITS)
        {
          /* Another copy of this very story: name its outlet, do not list it. */
          c->dropped = TRUE;
          if (c->outlet && !same_outlet (c->outlet, outlet))
            g_ptr_array_add (copies, g_strdup (c->outlet));
        }
      else if (c->bm25 < 0)
        best_bm25 = MIN (best_bm25, c->bm25);
    }

  /* 2b. score: shared specifics, scaled by closeness in time */
  for (guint i = 0; i < cands->len; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);
      double t, tsim, num = 0;

      if (c->dropped)
        continue;
      c->shared = g_ptr_array_new_with_free_func (g_free);
      st = _tl_index_stmt (self, "SELECT d.key, d.count, e.name FROM doc_entities d"
                                 " JOIN entities e ON e.key = d.key WHERE d.doc_id = ?", error);
      if (st == NULL)
        return NULL;
      sqlite3_bind_int64 (st, 1, c->rowid);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          const char *key = (const char *) sqlite3_column_text (st, 0);
          for (guint k = 0; k < tentities->len; k++)
            {
              TargetEntity *e = g_ptr_array_index (tentities, k);
              if (strcmp (e->key, key) == 0)
                {
                  double w = 1.0 + log (MAX (1, sqlite3_column_int (st, 1)));
                  num += e->idf * MIN (e->weight, w);
                  if (e->idf >= log (1.0 + 5.0) && c->shared->len < 6)
                    g_ptr_array_add (c->shared, g_strdup ((const char *) sqlite3_column_text (st, 2)));
                  break;
                }
            }
        }
      sqlite3_reset (st);

      t = best_bm25 < 0 && c->bm25 < 0 ? c->bm25 / best_bm25 : 0.0;
      c->ent = ent_norm > 0 ? num / ent_norm : 0.0;
      if (published != TL_INDEX_NO_DATE && c->published != TL_INDEX_NO_DATE)
        tsim = exp (-fabs ((double) (published - c->published)) / (4.0 * DAY));
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
      if (same_outlet (outlet, c->outlet))
        c->score *= 0.6;
      if (published != TL_INDEX_NO_DATE && c->published != TL_INDEX_NO_DATE &&
          llabs (published - c->published) > 10 * DAY)
        c->score *= 0.5;
    }

  /* 3. collapse near-duplicates into the best of them */
  g_array_sort (cands, cand_cmp);
  for (guint i = 0; i < cands->len; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);
      if (c->dropped)
        continue;
      for (guint j = 0; j < i; j++)
        {
          Cand *better = &g_array_index (cands, Cand, j);
          if (!better->dropped && hamming (better->simhash, c->simhash) <= NEAR_DUP_BITS)
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

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < cands->len && shown < limit; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);
      if (c->dropped || c->score < MIN_SCORE)
        continue;
      shown++;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, c->ext_id);
      json_builder_set_member_name (b, "url");
      c->url ? json_builder_add_string_value (b, c->url) : json_builder_add_null_value (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, c->title ? c->title : "");
      json_builder_set_member_name (b, "outlet");
      c->outlet ? json_builder_add_string_value (b, c->outlet) : json_builder_add_null_value (b);
      add_iso_date (b, "published", c->published);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, round (c->score * 1000) / 1000);
      json_builder_set_member_name (b, "shared_entities");
      json_builder_begin_array (b);
      for (guint k = 0; c->shared && k < c->shared->len; k++)
        json_builder_add_string_value (b, g_ptr_array_index (c->shared, k));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "also_in");
      json_builder_begin_array (b);
      for (guint k = 0; c->also_in && k < c->also_in->len; k++)
        json_builder_add_string_value (b, g_ptr_array_index (c->also_in, k));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "copies_in");
  json_builder_begin_array (b);
  for (guint k = 0; k < copies->len; k++)
    json_builder_add_string_value (b, g_ptr_array_index (copies, k));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "candidates");
  json_builder_add_int_value (b, cands->len);
  json_builder_set_member_name (b, "took_ms");
  json_builder_add_double_value (b, round ((g_get_monotonic_time () - t0) / 10.0) / 100.0);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
target_entity_cmp (gconstpointer a,
                   gconstpointer b)
{
  const TargetEntity *x = *(TargetEntity **) a, *y = *(TargetEntity **) b;
  double wx = x->idf * x->weight, wy = y->idf * y->weight;
  return (wx < wy) - (wx > wy);
}

/**
 * tl_index_related:
 * @self: a #TlIndex
 * @id: a stored story's id
 * @limit: the most results
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): `{"results": […], "copies_in": […]}`
 */
JsonNode *
tl_index_related (TlIndex     *self,
                  const char  *id,
                  guint        limit,
                  GError     **error)
{
  g_autoptr(GPtrArray) tents = g_ptr_array_new_with_free_func (target_entity_free);
  g_autofree char *title = NULL, *text = NULL, *outlet = NULL, *url_norm = NULL;
  gint64 rowid, published;
  guint64 simhash;
  gint64 n_docs = corpus_size (self);
  sqlite3_stmt *st;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

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
  rowid = sqlite3_column_int64 (st, 0);
  title = g_strdup ((const char *) sqlite3_column_text (st, 1));
  text = g_strdup ((const char *) sqlite3_column_text (st, 2));
  outlet = g_strdup ((const char *) sqlite3_column_text (st, 3));
  published = sqlite3_column_type (st, 4) == SQLITE_NULL ? TL_INDEX_NO_DATE : sqlite3_column_int64 (st, 4);
  url_norm = g_strdup ((const char *) sqlite3_column_text (st, 5));
  simhash = (guint64) sqlite3_column_int64 (st, 6);
  sqlite3_reset (st);

  st = _tl_index_stmt (self, "SELECT d.key, d.count, e.df FROM doc_entities d"
                             " JOIN entities e ON e.key = d.key WHERE d.doc_id = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, rowid);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      TargetEntity *e = g_new0 (TargetEntity, 1);
      e->key = g_strdup ((const char *) sqlite3_column_text (st, 0));
      e->weight = 1.0 + log (MAX (1, sqlite3_column_int (st, 1)));
      e->idf = log (1.0 + (double) n_docs / MAX (1, sqlite3_column_int64 (st, 2)));
      g_ptr_array_add (tents, e);
    }
  sqlite3_reset (st);
  g_ptr_array_sort (tents, target_entity_cmp);
  return related_core (self, rowid, title, text, outlet, published, url_norm, simhash,
                       tents, limit, error);
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
JsonNode *
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
  guint n;
  gsize len;
  const char *text;
  gint64 n_docs = corpus_size (self);
  gint64 rowid = 0;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);
  g_return_val_if_fail (doc && doc->text, NULL);

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
      e->idf = log (1.0 + (double) n_docs / MAX (1, entity_df (self, e->key)));
      g_ptr_array_add (tents, e);
    }
  g_ptr_array_sort (tents, target_entity_cmp);
  if (doc->url)
    {
      /* A story already stored under this URL is the same story. */
      sqlite3_stmt *st = _tl_index_stmt (self, "SELECT id FROM documents WHERE url = ?", error);
      if (st == NULL)
        return NULL;
      sqlite3_bind_text (st, 1, doc->url, -1, SQLITE_STATIC);
      if (sqlite3_step (st) == SQLITE_ROW)
        rowid = sqlite3_column_int64 (st, 0);
      sqlite3_reset (st);
    }
  url_norm = _tl_index_normalize_url (doc->url);
  return related_core (self, rowid, doc->title ? doc->title : "", text, doc->outlet, doc->published,
                       url_norm, _tl_simhash (text, len), tents, limit, error);
}

/* --- Search ------------------------------------------------------------------ */

/**
 * tl_index_search:
 * @self: a #TlIndex
 * @query: FTS5 query syntax (words, "phrases", AND/OR/NOT, prefix*)
 * @limit: the most results
 * @error: return location for a #GError; %TL_INDEX_ERROR_QUERY for syntax
 *
 * Returns: (transfer full) (nullable): `{"results": [{id, title, outlet, …}]}`
 */
JsonNode *
tl_index_search (TlIndex     *self,
                 const char  *query,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  if (query == NULL || strspn (query, " \t\r\n") == strlen (query))
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_QUERY, "the search query is empty");
      return NULL;
    }
  st = _tl_index_stmt (self, "SELECT d.ext_id, d.title, d.outlet, d.published, d.url,"
                             " snippet(documents_fts, 1, '', '', '…', 16), bm25(documents_fts, 3.0, 1.0)"
                             " FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
                             " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, query, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, (int) MIN (limit, 500));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 0));
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 1));
      json_builder_set_member_name (b, "outlet");
      if (sqlite3_column_type (st, 2) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 2));
      add_iso_date (b, "published", sqlite3_column_type (st, 3) == SQLITE_NULL
                                      ? TL_INDEX_NO_DATE : sqlite3_column_int64 (st, 3));
      json_builder_set_member_name (b, "url");
      if (sqlite3_column_type (st, 4) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 4));
      json_builder_set_member_name (b, "snippet");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 5));
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, round (-sqlite3_column_double (st, 6) * 1000) / 1000);
      json_builder_end_object (b);
    }
  if (rc != SQLITE_DONE)
    {
      const char *msg = sqlite3_errmsg (_tl_index_db (self));
      if (strstr (msg, "syntax error") || strstr (msg, "fts5") || strstr (msg, "no such column") ||
          strstr (msg, "unterminated") || strstr (msg, "unknown special query"))
        g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_QUERY,
                     "search query “%.100s” is not valid: %s (use words, \"a phrase\", AND, OR, NOT, prefix*)",
                     query, msg);
      else
        _tl_index_fail (self, rc, "searching", error);
      sqlite3_reset (st);
      return NULL;
    }
  sqlite3_reset (st);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* --- Timeline ----------------------------------------------------------------- */

/**
 * tl_index_timeline:
 * @self: a #TlIndex
 * @entity: a knowledge-base id or a `type:Name` key
 * @bucket: `day` or `week` (weeks start on Monday)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): story counts over time
 */
JsonNode *
tl_index_timeline (TlIndex     *self,
                   const char  *entity,
                   const char  *bucket,
                   GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean week;
  sqlite3_stmt *st;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  if (bucket == NULL)
    bucket = "week";
  if (strcmp (bucket, "day") != 0 && strcmp (bucket, "week") != 0)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID,
                   "bucket must be day or week, not “%.20s”", bucket);
      return NULL;
    }
  week = strcmp (bucket, "week") == 0;
  st = _tl_index_stmt (self, "SELECT name, type, df FROM entities WHERE key = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, entity, -1, SQLITE_STATIC);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_reset (st);
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_NOT_FOUND,
                   "no story in the index mentions “%.80s”", entity);
      return NULL;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "entity");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, entity);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 0));
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 1));
  json_builder_set_member_name (b, "stories");
  json_builder_add_int_value (b, sqlite3_column_int64 (st, 2));
  json_builder_end_object (b);
  sqlite3_reset (st);

  st = week
    ? _tl_index_stmt (self, "SELECT date(published, 'unixepoch', '-6 days', 'weekday 1'), count(*)"
                            " FROM doc_entities WHERE key = ? AND published IS NOT NULL GROUP BY 1 ORDER BY 1", error)
    : _tl_index_stmt (self, "SELECT date(published, 'unixepoch'), count(*)"
                            " FROM doc_entities WHERE key = ? AND published IS NOT NULL GROUP BY 1 ORDER BY 1", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, entity, -1, SQLITE_STATIC);
  json_builder_set_member_name (b, "bucket");
  json_builder_add_string_value (b, bucket);
  json_builder_set_member_name (b, "points");
  json_builder_begin_array (b);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 0));
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, sqlite3_column_int64 (st, 1));
      json_builder_end_object (b);
    }
  sqlite3_reset (st);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* --- Health and check ------------------------------------------------------------ */

JsonNode *
tl_index_health (TlIndex *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *last = NULL, *liferea = NULL;
  sqlite3_stmt *st = _tl_index_stmt (self, "SELECT count(*) FROM entities", NULL);
  gint64 n_entities = 0;

  if (st && sqlite3_step (st) == SQLITE_ROW)
    n_entities = sqlite3_column_int64 (st, 0);
  if (st)
    sqlite3_reset (st);
  tl_index_get_state (self, "last_ingest", &last);
  tl_index_get_state (self, "liferea_last_item", &liferea);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, TL_VERSION);
  json_builder_set_member_name (b, "documents");
  json_builder_add_int_value (b, (gint64) tl_index_count (self));
  json_builder_set_member_name (b, "entities");
  json_builder_add_int_value (b, n_entities);
  json_builder_set_member_name (b, "last_ingest");
  last ? json_builder_add_string_value (b, last) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "liferea_last_item");
  liferea ? json_builder_add_string_value (b, liferea) : json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * tl_index_check:
 * @self: a #TlIndex
 * @report: where to write what was checked and found
 * @error: return location for a #GError, set when something is wrong
 *
 * Checks the database pages, the full-text index against the stories, and
 * the entity counts.
 *
 * Returns: %TRUE when everything is sound
 */
gboolean
tl_index_check (TlIndex  *self,
                GString  *report,
                GError  **error)
{
  sqlite3 *db = _tl_index_db (self);
  g_autoptr(sqlite3_stmt) st = NULL;
  guint problems = 0;
  int rc;

  g_string_append_printf (report, "index %s: %" G_GUINT64_FORMAT " stories\n",
                          tl_index_get_path (self), tl_index_count (self));
  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check(8)", -1, &st, NULL);
  if (rc != SQLITE_OK)
    return _tl_index_fail (self, rc, "checking", error);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (st, 0);
      if (g_strcmp0 (line, "ok") != 0)
        {
          problems++;
          g_string_append_printf (report, "  database: %s\n", line);
        }
    }
  if (rc != SQLITE_DONE)
    {
      problems++;
      g_string_append_printf (report, "  database: %s\n", sqlite3_errmsg (db));
    }
  if (problems == 0)
    g_string_append (report, "  database pages: ok\n");

  rc = sqlite3_exec (db, "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      problems++;
      g_string_append_printf (report, "  full-text index: %s\n", sqlite3_errmsg (db));
    }
  else
    g_string_append (report, "  full-text index: ok\n");

  g_clear_pointer (&st, sqlite3_finalize);
  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM entities e WHERE e.df <>"
                               " (SELECT count(*) FROM doc_entities d WHERE d.key = e.key)", -1, &st, NULL);
  if (rc == SQLITE_OK && sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 bad = sqlite3_column_int64 (st, 0);
      if (bad > 0)
        {
          problems++;
          g_string_append_printf (report, "  entity counts: %" G_GINT64_FORMAT " entities disagree with their stories\n", bad);
        }
      else
        g_string_append (report, "  entity counts: ok\n");
    }
  if (problems > 0)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_CORRUPT,
                   "index %s has %u problem%s (details above); rebuild it by importing your stories "
                   "into a new --db", tl_index_get_path (self), problems, problems == 1 ? "" : "s");
      return FALSE;
    }
  return TRUE;
}
