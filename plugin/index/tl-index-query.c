/* tl-index-query.c — search, timelines, health, check
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-private.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* --- Search ------------------------------------------------------------------ */

/* A search ranks the latest SEARCH_WINDOW stories that match (by when they
 * were added), not every match: FTS5 computes BM25 for each row it ranks,
 * so ranking all 4,000 stories of 100k that hold a common word took
 * ~100 ms, and the work grew with the index. Fewer matches than the window
 * rank exactly as before. */
#define SEARCH_WINDOW 1000

typedef struct {
  gint64  rowid;
  char   *id, *title, *outlet, *url;
  gint64  published;
  double  score;
} Hit;

static void
hit_clear (gpointer data)
{
  Hit *h = data;
  g_free (h->id);
  g_free (h->title);
  g_free (h->outlet);
  g_free (h->url);
}

static char *
column_dup (sqlite3_stmt *st,
            int           col)
{
  return sqlite3_column_type (st, col) == SQLITE_NULL ? NULL : g_strdup ((const char *) sqlite3_column_text (st, col));
}

static gboolean
search_failed (TlIndex     *self,
               int          rc,
               const char  *query,
               GError     **error)
{
  const char *msg = sqlite3_errmsg (_tl_index_db (self));

  if (strstr (msg, "syntax error") || strstr (msg, "fts5") || strstr (msg, "no such column") ||
      strstr (msg, "unterminated") || strstr (msg, "unknown special query"))
    g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_QUERY,
                 "search query “%.100s” is not valid: %s (use words, \"a phrase\", AND, OR, NOT, prefix*)",
                 query, msg);
  else
    _tl_index_fail (self, rc, "searching", error);
  return FALSE;
}

/* The best @limit of the latest SEARCH_WINDOW matches, best first
 * (BM25 with titles counting three times). */
static GArray *
search_hits (TlIndex     *self,
             const char  *query,
             const char  *match,
             guint        limit,
             GError     **error)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, TRUE, sizeof (Hit));
  sqlite3_stmt *st;
  int rc;

  g_array_set_clear_func (hits, hit_clear);
  /* Stories are read for the best only: reading a thousand rows of text
   * costs more than ranking them. */
  st = _tl_index_stmt (self, "SELECT m.rowid, d.ext_id, d.title, d.outlet, d.published, d.url, m.score FROM"
                             " (SELECT rowid, score FROM"
                             "  (SELECT rowid, bm25(documents_fts, 3.0, 1.0) AS score FROM documents_fts"
                             "   WHERE documents_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3)"
                             "  ORDER BY score, rowid DESC LIMIT ?2) m"
                             " JOIN documents d ON d.id = m.rowid ORDER BY m.score, m.rowid DESC", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, (int) MIN (limit, 500));
  sqlite3_bind_int (st, 3, SEARCH_WINDOW);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      Hit h = { sqlite3_column_int64 (st, 0), column_dup (st, 1), column_dup (st, 2), column_dup (st, 3),
                column_dup (st, 5), sqlite3_column_type (st, 4) == SQLITE_NULL ? TL_INDEX_NO_DATE
                                                                              : sqlite3_column_int64 (st, 4),
                -sqlite3_column_double (st, 6) };
      g_array_append_val (hits, h);
    }
  if (rc != SQLITE_DONE)
    {
      search_failed (self, rc, query, error);
      sqlite3_reset (st);
      return NULL;
    }
  sqlite3_reset (st);
  return g_steal_pointer (&hits);
}

/* The snippet of one hit: FTS5 finds a row of a match by its rowid
 * without reading the rest. */
static char *
snippet_of (TlIndex     *self,
            const char  *match,
            gint64       rowid,
            GError     **error)
{
  sqlite3_stmt *st = _tl_index_stmt (self, "SELECT snippet(documents_fts, 1, '', '', '…', 16) FROM documents_fts"
                                           " WHERE documents_fts MATCH ? AND rowid = ?", error);
  char *out = NULL;

  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, rowid);
  if (sqlite3_step (st) == SQLITE_ROW)
    out = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  return out ? out : g_strdup ("");
}

static JsonNode *
search_match (TlIndex     *self,
              const char  *query,
              const char  *match,
              guint        limit,
              GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GArray) hits = search_hits (self, query, match, limit, error);

  if (hits == NULL)
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *h = &g_array_index (hits, Hit, i);
      g_autofree char *snippet = snippet_of (self, match, h->rowid, error);

      if (snippet == NULL)
        return NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, h->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, h->title ? h->title : "");
      json_builder_set_member_name (b, "outlet");
      if (h->outlet == NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, h->outlet);
      _tl_index_json_add_date (b, "published", h->published);
      json_builder_set_member_name (b, "url");
      if (h->url == NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, h->url);
      json_builder_set_member_name (b, "snippet");
      json_builder_add_string_value (b, snippet);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, round (h->score * 1000) / 1000);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
query_is_empty (const char  *query,
                GError     **error)
{
  if (query == NULL || strspn (query, " \t\r\n") == strlen (query))
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_QUERY, "the search query is empty");
      return TRUE;
    }
  return FALSE;
}

/**
 * tl_index_search:
 * @self: a #TlIndex
 * @query: words and "phrases", as a user types them: `T-Mobile`, `AT&T`,
 *   `CVE-2023-20198`, `"lawful intercept" Huawei`; stories with all of them
 * @limit: the most results
 * @error: return location for a #GError
 *
 * Never reads @query as FTS5 syntax (tl_index_search_syntax() does).
 *
 * Returns: (transfer full) (nullable): `{"results": [{id, title, outlet, …}]}`
 */
JsonNode *
tl_index_search (TlIndex     *self,
                 const char  *query,
                 guint        limit,
                 GError     **error)
{
  g_autofree char *match = NULL;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  if (query_is_empty (query, error))
    return NULL;
  if ((match = _tl_index_search_match (query)) == NULL)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_QUERY,
                   "search query “%.100s” has no word to look for", query);
      return NULL;
    }
  return search_match (self, query, match, limit, error);
}

/**
 * tl_index_search_syntax:
 * @self: a #TlIndex
 * @query: FTS5 query syntax (words, "phrases", AND/OR/NOT, NEAR, prefix*)
 * @limit: the most results
 * @error: return location for a #GError; %TL_INDEX_ERROR_QUERY for syntax
 *
 * For users who ask for operators (`telelens search --syntax`,
 * `/v1/search?syntax=fts`).
 *
 * Returns: (transfer full) (nullable): as tl_index_search()
 */
JsonNode *
tl_index_search_syntax (TlIndex     *self,
                        const char  *query,
                        guint        limit,
                        GError     **error)
{
  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  if (query_is_empty (query, error))
    return NULL;
  return search_match (self, query, query, limit, error);
}

/* --- Timeline ----------------------------------------------------------------- */

typedef struct {
  gint64  when;
  char   *id, *title, *url, *outlet;
  gint64  published;
} Latest;

static void
latest_clear (gpointer data)
{
  Latest *l = data;
  g_free (l->id);
  g_free (l->title);
  g_free (l->url);
  g_free (l->outlet);
}

static int
latest_cmp (gconstpointer a,
            gconstpointer b)
{
  gint64 x = ((const Latest *) a)->when, y = ((const Latest *) b)->when;
  return (x < y) - (x > y);
}

/* `stories`: the latest stories that mention the entity, under any of its
 * names (the key is the knowledge-base id): the newest dated ones and the
 * latest undated ones, by date or else by when they were added. */
static gboolean
add_latest_stories (TlIndex     *self,
                    JsonBuilder *b,
                    const char  *entity,
                    GError     **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Latest));
  const char *const sql[2] = {
    "SELECT d.ext_id, d.title, d.url, d.outlet, d.published, d.added FROM doc_entities e"
    " JOIN documents d ON d.id = e.doc_id WHERE e.key = ? AND e.published IS NOT NULL"
    " ORDER BY e.published DESC LIMIT 8",
    "SELECT d.ext_id, d.title, d.url, d.outlet, d.published, d.added FROM doc_entities e"
    " JOIN documents d ON d.id = e.doc_id WHERE e.key = ? AND e.published IS NULL"
    " ORDER BY e.doc_id DESC LIMIT 8",
  };

  g_array_set_clear_func (rows, latest_clear);
  for (guint k = 0; k < 2; k++)
    {
      sqlite3_stmt *st = _tl_index_stmt (self, sql[k], error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, entity, -1, SQLITE_STATIC);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          Latest l = { 0 };
          l.id = g_strdup ((const char *) sqlite3_column_text (st, 0));
          l.title = g_strdup ((const char *) sqlite3_column_text (st, 1));
          l.url = g_strdup ((const char *) sqlite3_column_text (st, 2));
          l.outlet = g_strdup ((const char *) sqlite3_column_text (st, 3));
          l.published = sqlite3_column_type (st, 4) == SQLITE_NULL ? TL_INDEX_NO_DATE : sqlite3_column_int64 (st, 4);
          l.when = l.published != TL_INDEX_NO_DATE ? l.published : sqlite3_column_int64 (st, 5);
          g_array_append_val (rows, l);
        }
      sqlite3_reset (st);
    }
  g_array_sort (rows, latest_cmp);
  json_builder_set_member_name (b, "stories");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len && i < 8; i++)
    {
      Latest *l = &g_array_index (rows, Latest, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, l->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, l->title ? l->title : "");
      json_builder_set_member_name (b, "url");
      l->url ? json_builder_add_string_value (b, l->url) : json_builder_add_null_value (b);
      json_builder_set_member_name (b, "outlet");
      l->outlet ? json_builder_add_string_value (b, l->outlet) : json_builder_add_null_value (b);
      _tl_index_json_add_date (b, "published", l->published);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

static gint64
stored_df (TlIndex    *self,
           const char *key)
{
  sqlite3_stmt *st = _tl_index_stmt (self, "SELECT df FROM entities WHERE key = ?", NULL);
  gint64 df = -1;

  if (st == NULL)
    return -1;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    df = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return df;
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *x = NULL, *y = NULL;

  if (a == NULL || b == NULL || !g_utf8_validate (a, -1, NULL) || !g_utf8_validate (b, -1, NULL))
    return FALSE;
  x = g_utf8_casefold (a, -1);
  y = g_utf8_casefold (b, -1);
  return strcmp (x, y) == 0;
}

/**
 * tl_index_resolve_entity:
 * @self: a #TlIndex
 * @name: what the user typed: a key (`verizon`, `person:Jane Roe`), or any
 *   name or alias of an entity, in any case (as `telelens kb lookup`)
 * @error: return location for a #GError; %TL_INDEX_ERROR_NOT_FOUND
 *
 * When several entities answer to @name, the one most stories mention.
 *
 * Returns: (transfer full) (nullable): the key the index stores it under
 */
char *
tl_index_resolve_entity (TlIndex     *self,
                         const char  *name,
                         GError     **error)
{
  TlKnowledgeBase *kb = tl_analyzer_get_kb (_tl_index_analyzer (self));
  g_autofree char *best = NULL;
  const char *kb_name = NULL;
  gint64 best_df = 0;
  guint n;
  sqlite3_stmt *st;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID, "give an entity: a name, an alias or an id");
      return NULL;
    }
  if (stored_df (self, name) >= 0)
    return g_strdup (name);

  /* The knowledge base: id, name or alias, in any case. */
  n = kb ? tl_knowledge_base_get_n_entities (kb) : 0;
  for (guint i = 0; i < n; i++)
    {
      const TlKbEntity *e = tl_knowledge_base_get_nth (kb, i);
      gboolean hit = same_name (e->id, name) || same_name (e->name, name);
      gint64 df;

      for (char **a = e->aliases; !hit && a && *a; a++)
        hit = same_name (*a, name);
      if (!hit)
        continue;
      kb_name = kb_name ? kb_name : e->name;
      if ((df = stored_df (self, e->id)) > best_df)
        {
          g_free (best);
          best = g_strdup (e->id);
          best_df = df;
        }
    }
  if (best != NULL)
    return g_steal_pointer (&best);

  /* Entities found by context: their stored name, or key, in any case. */
  st = _tl_index_stmt (self, "SELECT key FROM entities WHERE name = ?1 COLLATE NOCASE"
                             " OR key = ?1 COLLATE NOCASE ORDER BY df DESC LIMIT 1", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    best = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  if (best != NULL)
    return g_steal_pointer (&best);

  if (kb_name != NULL)
    g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_NOT_FOUND,
                 "no story in the index mentions “%.80s” (%s)", name, kb_name);
  else
    g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_NOT_FOUND,
                 "no story in the index mentions “%.80s”, and it is no name or alias in the knowledge base "
                 "(try “telelens kb lookup”)", name);
  return NULL;
}

/**
 * tl_index_timeline:
 * @self: a #TlIndex
 * @entity: a knowledge-base id, a `type:Name` key, or any name or alias
 *   (tl_index_resolve_entity()); the answer's `entity` says which it is
 * @bucket: `day` or `week` (weeks start on Monday)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): story counts over time and the
 *   latest stories (`stories`) that mention the entity by any of its names
 */
JsonNode *
tl_index_timeline (TlIndex     *self,
                   const char  *entity,
                   const char  *bucket,
                   GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *key = NULL;
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
  if ((key = tl_index_resolve_entity (self, entity, error)) == NULL)
    return NULL;
  st = _tl_index_stmt (self, "SELECT name, type, df FROM entities WHERE key = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
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
  json_builder_add_string_value (b, key);
  json_builder_set_member_name (b, "query");
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
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
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
  if (!add_latest_stories (self, b, key, error))
    return NULL;
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* --- Health and check ------------------------------------------------------------ */

JsonNode *
tl_index_health (TlIndex *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *last = NULL;
  sqlite3_stmt *st = _tl_index_stmt (self, "SELECT count(*) FROM entities", NULL);
  gint64 n_entities = 0;

  if (st && sqlite3_step (st) == SQLITE_ROW)
    n_entities = sqlite3_column_int64 (st, 0);
  if (st)
    sqlite3_reset (st);
  tl_index_get_state (self, "last_ingest", &last);
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
  /* Each source of stories' cursor, "NAME_last_item" (tl-story-source.h). */
  st = _tl_index_stmt (self, "SELECT key, value FROM state WHERE key LIKE '%\\_last\\_item' ESCAPE '\\'"
                             " ORDER BY key", NULL);
  while (st && sqlite3_step (st) == SQLITE_ROW)
    {
      json_builder_set_member_name (b, (const char *) sqlite3_column_text (st, 0));
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 1));
    }
  if (st)
    sqlite3_reset (st);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gint64
file_size (const char *path,
           const char *suffix)
{
  g_autofree char *p = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  return g_stat (p, &st) == 0 ? (gint64) st.st_size : 0;
}

static gint64
count_rows (TlIndex    *self,
            const char *sql)
{
  sqlite3_stmt *st = _tl_index_stmt (self, sql, NULL);
  gint64 n = 0;

  if (st && sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  if (st)
    sqlite3_reset (st);
  return n;
}

/**
 * tl_index_stats:
 * @self: a #TlIndex
 *
 * What `telelens index stats` prints: `{path, documents, entities,
 * entity_mentions, old_ids, size_bytes, files: {db, wal, shm},
 * last_ingest, schema}`. `size_bytes` is what the index takes on disk,
 * with its write-ahead log.
 *
 * Returns: (transfer full): the figures
 */
JsonNode *
tl_index_stats (TlIndex *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *last = NULL;
  const char *path;
  gint64 db, wal, shm;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  path = tl_index_get_path (self);
  db = file_size (path, "");
  wal = file_size (path, "-wal");
  shm = file_size (path, "-shm");

  tl_index_get_state (self, "last_ingest", &last);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "documents");
  json_builder_add_int_value (b, (gint64) tl_index_count (self));
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
  json_builder_add_int_value (b, _TL_INDEX_SCHEMA_VERSION);
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
