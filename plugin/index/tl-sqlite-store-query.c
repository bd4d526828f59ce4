/* tl-sqlite-store-query.c — what the SQLite store reads: related-coverage
 * candidates, search, timelines, stats and check
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-sqlite-store-private.h"

#include <glib/gstdio.h>
#include <string.h>

#define SELF(store) TL_SQLITE_STORE (store)

static char *
column_dup (sqlite3_stmt *st,
            int           col)
{
  return sqlite3_column_type (st, col) == SQLITE_NULL ? NULL : g_strdup ((const char *) sqlite3_column_text (st, col));
}

static gint64
column_date (sqlite3_stmt *st,
             int           col)
{
  return sqlite3_column_type (st, col) == SQLITE_NULL ? TL_INDEX_NO_DATE : sqlite3_column_int64 (st, col);
}

/* --- Related coverage ------------------------------------------------------ */

static gint64
corpus_size (TlIndexStore *store)
{
  sqlite3_stmt *st = _tl_sqlite_stmt (SELF (store), "SELECT max(id) FROM documents", NULL);
  gint64 n = 1;

  if (st && sqlite3_step (st) == SQLITE_ROW)
    n = MAX (1, sqlite3_column_int64 (st, 0));
  if (st)
    sqlite3_reset (st);
  return n;
}

static void
terms_df (TlIndexStore      *store,
          const char *const *terms,
          guint              n,
          gint64            *dfs)
{
  for (guint i = 0; i < n; i++)
    {
      sqlite3_stmt *st = _tl_sqlite_stmt (SELF (store), "SELECT df FROM terms WHERE term = ?", NULL);

      dfs[i] = 0;
      if (st == NULL)
        continue;
      sqlite3_bind_text (st, 1, terms[i], -1, SQLITE_STATIC);
      if (sqlite3_step (st) == SQLITE_ROW)
        dfs[i] = sqlite3_column_int64 (st, 0);
      sqlite3_reset (st);
    }
}

static gint64
entity_df (TlIndexStore *store,
           const char   *key)
{
  sqlite3_stmt *st = _tl_sqlite_stmt (SELF (store), "SELECT df FROM entities WHERE key = ?", NULL);
  gint64 df = -1;

  if (st == NULL)
    return -1;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    df = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return df;
}

/* A story's entities with their df, by key. */
static gboolean
read_entities (TlSqliteStore  *self,
               Cand           *c,
               GError        **error)
{
  sqlite3_stmt *st = _tl_sqlite_stmt (self, "SELECT d.key, d.count, e.name, e.df, e.type FROM doc_entities d"
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

static gboolean
load_story (TlIndexStore  *store,
            const char    *id,
            Cand          *c,
            gint64        *n_docs,
            GError       **error)
{
  TlSqliteStore *self = SELF (store);
  sqlite3_stmt *st;

  *n_docs = corpus_size (store);

  /* An id the story had before (doc_aliases) finds it too. */
  st = _tl_sqlite_stmt (self, "SELECT id, title, text, outlet, published, url_norm, simhash, topic, ext_id, url"
                              " FROM documents WHERE id = coalesce((SELECT id FROM documents WHERE ext_id = ?1),"
                              " (SELECT doc_id FROM doc_aliases WHERE alias = ?1))", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_reset (st);
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_NOT_FOUND,
                   "no story with id “%.80s” in the index", id);
      return FALSE;
    }
  c->rowid = sqlite3_column_int64 (st, 0);
  c->title = g_strdup ((const char *) sqlite3_column_text (st, 1));
  c->head = g_strdup ((const char *) sqlite3_column_text (st, 2));
  c->outlet = g_strdup ((const char *) sqlite3_column_text (st, 3));
  c->published = column_date (st, 4);
  c->url_norm = g_strdup ((const char *) sqlite3_column_text (st, 5));
  c->simhash = (guint64) sqlite3_column_int64 (st, 6);
  c->topic = sqlite3_column_double (st, 7);
  c->ext_id = g_strdup ((const char *) sqlite3_column_text (st, 8));
  c->url = g_strdup ((const char *) sqlite3_column_text (st, 9));
  sqlite3_reset (st);
  return read_entities (self, c, error);
}

static gboolean
find_url (TlIndexStore  *store,
          const char    *url,
          gint64        *rowid,
          GError       **error)
{
  sqlite3_stmt *st = _tl_sqlite_stmt (SELF (store), "SELECT id FROM documents WHERE url = ?", error);

  *rowid = 0;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, url, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    *rowid = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return TRUE;
}

static void
add_rows (sqlite3_stmt *st,
          GArray       *rowids)
{
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (st, 0);
      g_array_append_val (rowids, row);
    }
  sqlite3_reset (st);
}

/* One FTS5 OR query of quoted words, ranked by BM25. */
static gboolean
match_words (TlIndexStore      *store,
             const char *const *words,
             guint              n,
             guint              limit,
             GArray            *rowids,
             GError           **error)
{
  GString *query = g_string_new (NULL);
  g_autofree char *match = NULL;
  sqlite3_stmt *st;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (query, "%s\"%s\"", query->len ? " OR " : "", words[i]);
  match = g_string_free (query, FALSE);
  st = _tl_sqlite_stmt (SELF (store), "SELECT rowid FROM documents_fts"
                                      " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, (int) limit);
  add_rows (st, rowids);
  return TRUE;
}

static gboolean
entity_stories (TlIndexStore  *store,
                const char    *key,
                gint64         published,
                GArray        *rowids,
                GError       **error)
{
  TlSqliteStore *self = SELF (store);
  sqlite3_stmt *st;

  if (published != TL_INDEX_NO_DATE)
    {
      st = _tl_sqlite_stmt (self, "SELECT doc_id FROM doc_entities WHERE key = ?"
                                  " AND published BETWEEN ? AND ? LIMIT 60", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 2, published - 14 * DAY);
      sqlite3_bind_int64 (st, 3, published + 14 * DAY);
    }
  else
    {
      st = _tl_sqlite_stmt (self, "SELECT doc_id FROM doc_entities WHERE key = ?"
                                  " ORDER BY published DESC LIMIT 60", error);
      if (st == NULL)
        return FALSE;
    }
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  add_rows (st, rowids);

  st = _tl_sqlite_stmt (self, "SELECT doc_id FROM doc_entities WHERE key = ? AND published IS NULL"
                              " ORDER BY doc_id DESC LIMIT 30", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  add_rows (st, rowids);
  return TRUE;
}

static gboolean
describe (TlIndexStore  *store,
          GArray        *cands,
          GError       **error)
{
  TlSqliteStore *self = SELF (store);

  for (guint i = 0; i < cands->len; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);
      sqlite3_stmt *st = _tl_sqlite_stmt (self, "SELECT ext_id, url, url_norm, title, outlet, published, simhash,"
                                                " substr(text, 1, ?), topic FROM documents WHERE id = ?", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int (st, 1, TL_INDEX_STORY_WORD_BYTES);
      sqlite3_bind_int64 (st, 2, c->rowid);
      if (sqlite3_step (st) != SQLITE_ROW)
        {
          sqlite3_reset (st);
          c->missing = TRUE;
          continue;
        }
      c->ext_id = g_strdup ((const char *) sqlite3_column_text (st, 0));
      c->url = g_strdup ((const char *) sqlite3_column_text (st, 1));
      c->url_norm = g_strdup ((const char *) sqlite3_column_text (st, 2));
      c->title = g_strdup ((const char *) sqlite3_column_text (st, 3));
      c->outlet = g_strdup ((const char *) sqlite3_column_text (st, 4));
      c->published = column_date (st, 5);
      c->simhash = (guint64) sqlite3_column_int64 (st, 6);
      c->head = g_strdup ((const char *) sqlite3_column_text (st, 7));
      c->topic = sqlite3_column_double (st, 8);
      sqlite3_reset (st);
      if (!read_entities (self, c, error))
        return FALSE;
    }
  return TRUE;
}

/* --- Search ------------------------------------------------------------------ */

/* tl_counts(documents_fts): how often each phrase of the match is in the
 * row's title and in its text, then the token where the first match in
 * the text is (-1: none), as a blob of 2 × phrases + 1 32-bit integers.
 * FTS5 reads only this row's positions for it; its bm25() would first
 * count, for each phrase, every row of the index that has it
 * (xQueryPhrase), whatever the LIMIT: the work of a common word's search.
 * Ranking is shared code (_tl_rank_search()), and so is the snippet
 * (_tl_index_snippet(), from that token): FTS5's snippet() needs the
 * match's cursor on the row again, a seek in every segment of a common
 * word's postings per result. */
static void
tl_counts (const Fts5ExtensionApi *api,
           Fts5Context            *fts,
           sqlite3_context        *ctx,
           int                     n_val,
           sqlite3_value         **val)
{
  int n_phrase = MAX (0, api->xPhraseCount (fts)), n_inst = 0, rc;
  gsize size = sizeof (gint32) * (2 * (gsize) n_phrase + 1);
  gint32 *out = sqlite3_malloc64 (size);

  if (out == NULL)
    {
      sqlite3_result_error_nomem (ctx);
      return;
    }
  memset (out, 0, size);
  out[2 * n_phrase] = -1;
  if ((rc = api->xInstCount (fts, &n_inst)) != SQLITE_OK)
    {
      sqlite3_free (out);
      sqlite3_result_error_code (ctx, rc);
      return;
    }
  for (int i = 0; i < n_inst; i++)
    {
      int phrase, col, off;
      if (api->xInst (fts, i, &phrase, &col, &off) != SQLITE_OK || phrase < 0 || phrase >= n_phrase)
        continue;
      out[2 * phrase + (col == 0 ? 0 : 1)]++;
      if (col == 1 && (out[2 * n_phrase] < 0 || off < out[2 * n_phrase]))
        out[2 * n_phrase] = off;
    }
  sqlite3_result_blob (ctx, out, (int) size, sqlite3_free);
}

/* Makes tl_counts() known to FTS5 on this connection. */
gboolean
_tl_sqlite_register_search (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *st = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_pointer (st, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (st);
  sqlite3_finalize (st);
  return api != NULL && api->iVersion >= 2 &&
         api->xCreateFunction (api, "tl_counts", NULL, tl_counts, NULL) == SQLITE_OK;
}

static gboolean
search_failed (TlSqliteStore *self,
               int            rc,
               const char    *query,
               GError       **error)
{
  const char *msg = sqlite3_errmsg (self->db);

  if (strstr (msg, "syntax error") || strstr (msg, "fts5") || strstr (msg, "no such column") ||
      strstr (msg, "unterminated") || strstr (msg, "unknown special query"))
    g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_QUERY,
                 "search query “%.100s” is not valid: %s (use words, \"a phrase\", AND, OR, NOT, prefix*)",
                 query, msg);
  else
    _tl_sqlite_fail (self, rc, "searching", error);
  return FALSE;
}

/* The latest @window matches, newest first (FTS5 streams them by rowid and
 * stops), with their counts and their text's length. */
static gboolean
search_window (TlIndexStore  *store,
               const char    *match,
               GPtrArray     *phrases,
               guint          window,
               GArray        *cands,
               GArray        *tf,
               guint         *n_phrases,
               GError       **error)
{
  TlSqliteStore *self = SELF (store);
  sqlite3_stmt *st;
  int rc;

  *n_phrases = 0;
  st = _tl_sqlite_stmt (self, "SELECT m.rowid, m.c, length(CAST(d.text AS BLOB)) FROM"
                              " (SELECT rowid, tl_counts(documents_fts) AS c FROM documents_fts"
                              "  WHERE documents_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2) m"
                              " JOIN documents d ON d.id = m.rowid ORDER BY m.rowid DESC", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, (int) window);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      SearchCand c = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 2), tf->len, -1, 0 };
      const guchar *counts = sqlite3_column_blob (st, 1);   /* maybe unaligned: copied */
      guint n = (guint) (sqlite3_column_bytes (st, 1) / sizeof (gint32)) / 2;
      gint32 first;

      if (cands->len == 0)
        *n_phrases = n;
      if (counts == NULL || n != *n_phrases)
        continue;
      memcpy (&first, counts + 2 * n * sizeof (gint32), sizeof first);
      c.first = first;
      g_array_append_vals (tf, counts, 2 * n);
      g_array_append_val (cands, c);
    }
  if (rc != SQLITE_DONE)
    {
      search_failed (self, rc, match, error);
      sqlite3_reset (st);
      return FALSE;
    }
  sqlite3_reset (st);
  return TRUE;
}

/* The rows of the best, and their snippets (_tl_index_snippet(), from the
 * first match tl_counts() found). */
static GArray *
search_read (TlIndexStore  *store,
             const char    *match,
             gboolean       syntax,
             const SearchCand *best,
             guint          n,
             GError       **error)
{
  TlSqliteStore *self = SELF (store);
  g_autoptr(GArray) hits = g_array_new (FALSE, TRUE, sizeof (TlStoreHit));

  g_array_set_clear_func (hits, _tl_store_hit_clear);
  for (guint i = 0; i < n; i++)
    {
      sqlite3_stmt *st = _tl_sqlite_stmt (self, "SELECT ext_id, title, outlet, published, url, text FROM documents"
                                                " WHERE id = ?", error);
      TlStoreHit h = { NULL };
      int rc;

      if (st == NULL)
        return NULL;
      sqlite3_bind_int64 (st, 1, best[i].rowid);
      rc = sqlite3_step (st);
      if (rc == SQLITE_ROW)
        h = (TlStoreHit) { column_dup (st, 0), column_dup (st, 1), column_dup (st, 2), column_dup (st, 4),
                           _tl_index_snippet ((const char *) sqlite3_column_text (st, 5), best[i].first, 16),
                           column_date (st, 3), best[i].score };
      sqlite3_reset (st);
      if (rc == SQLITE_DONE)
        continue;   /* deleted since */
      if (rc != SQLITE_ROW)
        {
          _tl_sqlite_fail (self, rc, "searching", error);
          return NULL;
        }
      g_array_append_val (hits, h);
    }
  return g_steal_pointer (&hits);
}

/* --- Entities and timelines ------------------------------------------------------ */

static char *
entity_by_name (TlIndexStore  *store,
                const char    *name,
                GError       **error)
{
  sqlite3_stmt *st = _tl_sqlite_stmt (SELF (store), "SELECT key FROM entities WHERE name = ?1 COLLATE NOCASE"
                                                    " OR key = ?1 COLLATE NOCASE ORDER BY df DESC LIMIT 1", error);
  char *best = NULL;

  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    best = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  return best;
}

static gboolean
entity_info (TlIndexStore  *store,
             const char    *key,
             char         **name,
             char         **type,
             gint64        *df,
             GError       **error)
{
  sqlite3_stmt *st = _tl_sqlite_stmt (SELF (store), "SELECT name, type, df FROM entities WHERE key = ?", error);
  gboolean found = FALSE;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      *name = g_strdup ((const char *) sqlite3_column_text (st, 0));
      *type = g_strdup ((const char *) sqlite3_column_text (st, 1));
      *df = sqlite3_column_int64 (st, 2);
      found = TRUE;
    }
  sqlite3_reset (st);
  return found;
}

static GArray *
entity_points (TlIndexStore  *store,
               const char    *key,
               gboolean       week,
               GError       **error)
{
  TlSqliteStore *self = SELF (store);
  GArray *out;
  sqlite3_stmt *st = week
    ? _tl_sqlite_stmt (self, "SELECT date(published, 'unixepoch', '-6 days', 'weekday 1'), count(*)"
                             " FROM doc_entities WHERE key = ? AND published IS NOT NULL GROUP BY 1 ORDER BY 1", error)
    : _tl_sqlite_stmt (self, "SELECT date(published, 'unixepoch'), count(*)"
                             " FROM doc_entities WHERE key = ? AND published IS NOT NULL GROUP BY 1 ORDER BY 1", error);

  if (st == NULL)
    return NULL;
  out = g_array_new (FALSE, FALSE, sizeof (TlStorePoint));
  g_array_set_clear_func (out, _tl_store_point_clear);
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      TlStorePoint p = { g_strdup ((const char *) sqlite3_column_text (st, 0)), sqlite3_column_int64 (st, 1) };
      g_array_append_val (out, p);
    }
  sqlite3_reset (st);
  return out;
}

static GArray *
entity_latest (TlIndexStore  *store,
               const char    *key,
               GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (TlStoreLatest));
  const char *const sql[2] = {
    "SELECT d.ext_id, d.title, d.url, d.outlet, d.published, d.added FROM doc_entities e"
    " JOIN documents d ON d.id = e.doc_id WHERE e.key = ? AND e.published IS NOT NULL"
    " ORDER BY e.published DESC LIMIT 8",
    "SELECT d.ext_id, d.title, d.url, d.outlet, d.published, d.added FROM doc_entities e"
    " JOIN documents d ON d.id = e.doc_id WHERE e.key = ? AND e.published IS NULL"
    " ORDER BY e.doc_id DESC LIMIT 8",
  };

  g_array_set_clear_func (rows, _tl_store_latest_clear);
  for (guint k = 0; k < 2; k++)
    {
      sqlite3_stmt *st = _tl_sqlite_stmt (SELF (store), sql[k], error);
      if (st == NULL)
        return NULL;
      sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          TlStoreLatest l = { 0 };
          l.id = g_strdup ((const char *) sqlite3_column_text (st, 0));
          l.title = g_strdup ((const char *) sqlite3_column_text (st, 1));
          l.url = g_strdup ((const char *) sqlite3_column_text (st, 2));
          l.outlet = g_strdup ((const char *) sqlite3_column_text (st, 3));
          l.published = column_date (st, 4);
          l.when = l.published != TL_INDEX_NO_DATE ? l.published : sqlite3_column_int64 (st, 5);
          g_array_append_val (rows, l);
        }
      sqlite3_reset (st);
    }
  return g_steal_pointer (&rows);
}

/* --- Reading every story (index copy) ---------------------------------------- */

static gboolean
read_stories (TlIndexStore  *store,
              gint64         after,
              guint          max,
              GArray        *docs,
              gint64        *last,
              GError       **error)
{
  TlSqliteStore *self = SELF (store);
  sqlite3_stmt *st = _tl_sqlite_stmt (self, "SELECT id, ext_id, url, title, outlet, published, text FROM documents"
                                            " WHERE id > ? ORDER BY id LIMIT ?", error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, after);
  sqlite3_bind_int (st, 2, (int) max);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      TlIndexDoc d = { column_dup (st, 1), column_dup (st, 2), column_dup (st, 3), column_dup (st, 4),
                       column_date (st, 5), column_dup (st, 6) };
      *last = sqlite3_column_int64 (st, 0);
      g_array_append_val (docs, d);
    }
  sqlite3_reset (st);
  return rc == SQLITE_DONE || _tl_sqlite_fail (self, rc, "reading stories", error);
}

/* --- Stats and check ------------------------------------------------------------ */

static gint64
file_size (const char *path,
           const char *suffix)
{
  g_autofree char *p = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  return g_stat (p, &st) == 0 ? (gint64) st.st_size : 0;
}

static gint64
count_rows (TlSqliteStore *self,
            const char    *sql)
{
  sqlite3_stmt *st = _tl_sqlite_stmt (self, sql, NULL);
  gint64 n = 0;

  if (st && sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  if (st)
    sqlite3_reset (st);
  return n;
}

/* `{path, documents, entities, entity_mentions, old_ids, size_bytes,
 * files: {db, wal, shm}, last_ingest, schema}`: size_bytes is what the
 * index takes on disk, with its write-ahead log. */
static JsonNode *
stats (TlIndexStore *store)
{
  TlSqliteStore *self = SELF (store);
  const TlIndexStoreInterface *vt = TL_INDEX_STORE_GET_IFACE (store);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *last = NULL;
  gint64 db = file_size (self->path, ""), wal = file_size (self->path, "-wal"), shm = file_size (self->path, "-shm");

  vt->get_state (store, "last_ingest", &last);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, self->path);
  json_builder_set_member_name (b, "documents");
  json_builder_add_int_value (b, (gint64) vt->count (store));
  json_builder_set_member_name (b, "entities");
  json_builder_add_int_value (b, count_rows (self, "SELECT count(*) FROM entities"));
  json_builder_set_member_name (b, "entity_mentions");
  json_builder_add_int_value (b, count_rows (self, "SELECT count(*) FROM doc_entities"));
  json_builder_set_member_name (b, "old_ids");
  json_builder_add_int_value (b, count_rows (self, "SELECT count(*) FROM doc_aliases"));
  json_builder_set_member_name (b, "size_bytes");
  json_builder_add_int_value (b, db + wal + shm);
  json_builder_set_member_name (b, "files");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "db");
  json_builder_add_int_value (b, db);
  json_builder_set_member_name (b, "wal");
  json_builder_add_int_value (b, wal);
  json_builder_set_member_name (b, "shm");
  json_builder_add_int_value (b, shm);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "last_ingest");
  last ? json_builder_add_string_value (b, last) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "schema");
  json_builder_add_int_value (b, _TL_SQLITE_SCHEMA_VERSION);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The database pages, the full-text index against the stories, and the
 * entity counts. */
static gboolean
check (TlIndexStore  *store,
       GString       *report,
       GError       **error)
{
  TlSqliteStore *self = SELF (store);
  sqlite3 *db = self->db;
  g_autoptr(sqlite3_stmt) st = NULL;
  guint problems = 0;
  int rc;

  g_string_append_printf (report, "index %s: %" G_GUINT64_FORMAT " stories\n",
                          self->path, TL_INDEX_STORE_GET_IFACE (store)->count (store));
  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check(8)", -1, &st, NULL);
  if (rc != SQLITE_OK)
    return _tl_sqlite_fail (self, rc, "checking", error);
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

  /* Rows of doc_entities whose entity is gone (a crash between the two
   * inserts of another program, a hand edit): every reader joins the two,
   * so those names silently drop out of related coverage and timelines.
   * Reported, never deleted: the user decides. */
  g_clear_pointer (&st, sqlite3_finalize);
  rc = sqlite3_prepare_v2 (db, "SELECT count(*), count(DISTINCT d.doc_id) FROM doc_entities d"
                               " WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.key = d.key)", -1, &st, NULL);
  if (rc == SQLITE_OK && sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 bad = sqlite3_column_int64 (st, 0);
      if (bad > 0)
        {
          problems++;
          _tl_store_report_dangling (report, self->path, bad, sqlite3_column_int64 (st, 1));
        }
      else
        g_string_append (report, "  entity references: ok\n");
    }
  else
    {
      problems++;
      g_string_append_printf (report, "  entity references: %s\n", sqlite3_errmsg (db));
    }
  if (problems > 0)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_CORRUPT,
                   "index %s has %u problem%s (details above); rebuild it by importing your stories "
                   "into a new --db", self->path, problems, problems == 1 ? "" : "s");
      return FALSE;
    }
  return TRUE;
}

void
_tl_sqlite_query_iface_init (TlIndexStoreInterface *iface)
{
  iface->corpus_size = corpus_size;
  iface->terms_df = terms_df;
  iface->entity_df = entity_df;
  iface->load_story = load_story;
  iface->find_url = find_url;
  iface->match_words = match_words;
  iface->entity_stories = entity_stories;
  iface->describe = describe;
  iface->search_window = search_window;
  iface->search_read = search_read;
  iface->entity_by_name = entity_by_name;
  iface->entity_info = entity_info;
  iface->entity_points = entity_points;
  iface->entity_latest = entity_latest;
  iface->read_stories = read_stories;
  iface->stats = stats;
  iface->check = check;
}
