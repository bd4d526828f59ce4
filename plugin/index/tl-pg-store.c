/* tl-pg-store.c — a team's index in PostgreSQL: connection, schema, ingest
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Several `telelens serve` (one per analyst's machine) write into one
 * database at once, so every story is its own short transaction, retried
 * on a serialization failure or a deadlock, and after a lost connection:
 *  - the story row is inserted with ON CONFLICT (ext_id) DO NOTHING, and
 *    its word and entity counts are raised only when that insert made the
 *    row, in the same transaction: two writers of one story store it once
 *    and count it once, and a retry after an unknown outcome is harmless;
 *  - counts are upserted in key order, so two writers never wait on each
 *    other in a cycle;
 *  - begin/commit around several stories (an import batch, a POST of many)
 *    only nest: each story is durable when add_story() returns, which is
 *    what the service acknowledges. A failed batch keeps the stories stored
 *    before the failure (the SQLite store drops them); storing them again
 *    is a no-op.
 * Each row records which analyst's service added it (`added_by`, the
 * service's user@host, and `added_role`, the database role).
 *
 * The tables live in the schema `telelens`, versioned in telelens.meta and
 * brought up to date on start under an advisory lock (one migrator at a
 * time). The URL is libpq's; a password comes from ~/.pgpass, never from
 * the command line, and messages show the URL redacted.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-pg-store-private.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ATTEMPTS   8

static void tl_pg_store_iface_init (TlIndexStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TlPgStore, tl_pg_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TL_TYPE_INDEX_STORE, tl_pg_store_iface_init))

static void
tl_pg_store_finalize (GObject *object)
{
  TlPgStore *self = TL_PG_STORE (object);

  if (self->conn)
    PQfinish (self->conn);
  g_free (self->url);
  g_free (self->shown);
  g_free (self->added_by);
  g_clear_pointer (&self->bulk_terms, g_hash_table_unref);
  g_clear_pointer (&self->prepared, g_hash_table_unref);
  g_clear_pointer (&self->bulk_ents, g_hash_table_unref);
  _tl_pg_forget_search_counts (self);
  G_OBJECT_CLASS (tl_pg_store_parent_class)->finalize (object);
}

static void
tl_pg_store_class_init (TlPgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_pg_store_finalize;
}

static void
tl_pg_store_init (TlPgStore *self)
{
  self->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
_tl_pg_forget_search_counts (TlPgStore *self)
{
  g_clear_pointer (&self->search_words, g_ptr_array_unref);
  g_clear_pointer (&self->search_dfs, g_array_unref);
  self->search_n_docs = 0;
}

/* libpq's messages end in newlines and may hold several lines. */
static char *
one_line (const char *msg)
{
  char *s = g_strstrip (g_strdup (msg ? msg : "unknown error"));

  for (char *p = s; *p; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  return s;
}

gboolean
_tl_pg_fail (TlPgStore       *self,
             const PGresult  *res,
             const char      *what,
             GError         **error)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *msg = one_line (res && *PQresultErrorMessage (res) ? PQresultErrorMessage (res)
                                                                       : PQerrorMessage (self->conn));
  int code = TL_INDEX_ERROR_IO;
  const char *hint = "";

  if (PQstatus (self->conn) == CONNECTION_BAD)
    {
      code = TL_INDEX_ERROR_OPEN;
      hint = "; the connection to the database was lost — check that the server runs, then try again";
    }
  else if (state && g_str_has_prefix (state, "42501"))
    {
      code = TL_INDEX_ERROR_OPEN;
      hint = "; the database role lacks a privilege — ask the database's owner to grant it";
    }
  else if (state && (g_str_has_prefix (state, "53") || g_str_has_prefix (state, "54")))
    {
      code = TL_INDEX_ERROR_FULL;
      hint = "; the database server is out of space or resources — tell its administrator";
    }
  else if (state && g_str_has_prefix (state, "XX"))
    {
      code = TL_INDEX_ERROR_CORRUPT;
      hint = "; run “telelens index check” and tell the database's administrator";
    }
  g_set_error (error, TL_INDEX_ERROR, code, "index %s: %s: %s%s", self->shown, what, msg, hint);
  return FALSE;
}

static void
on_notice (void       *data,
           const char *message)
{
  (void) data;
  g_debug ("postgresql: %s", message);
}

/* What every session needs, also after a reconnect. */
static gboolean
session_setup (TlPgStore  *self,
               GError    **error)
{
  g_autoptr(PGresult) res = NULL;

  PQsetNoticeProcessor (self->conn, on_notice, NULL);
  res = PQexec (self->conn, "SET client_encoding TO 'UTF8'; SET search_path TO telelens, pg_catalog;"
                            " SET client_min_messages TO warning; SET application_name TO 'telelens';"
                            /* Prepared statements are parsed once but planned for their values: a
                             * plan made for any word (a generic plan) scans every story in id
                             * order for a rare one. */
                            " SET plan_cache_mode TO force_custom_plan;"
                            /* Every statement here reads or writes a few rows by key: compiling
                             * one (JIT, from a plan's cost of 100,000 up) takes 20-40 ms, and a
                             * search's plan counts branches that never run (CHOSEN_SQL,
                             * tl-pg-store-query.c): 40 of 200 searches at 100k were compiled. */
                            " SET jit TO off");
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    return _tl_pg_fail (self, res, "setting up the session", error);
  return TRUE;
}

static gboolean
connect_failed (TlPgStore  *self,
                const char *what,
                GError    **error)
{
  g_autofree char *msg = one_line (PQerrorMessage (self->conn));

  g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN,
               "index %s: %s: %s; check that the server runs and accepts you at this host and port, "
               "and that ~/.pgpass holds your password if it asks for one", self->shown, what, msg);
  return FALSE;
}

gboolean
_tl_pg_reconnect (TlPgStore  *self,
                  GError    **error)
{
  gint64 deadline = g_get_monotonic_time () + TL_PG_RECONNECT_SECONDS * G_USEC_PER_SEC;
  const char *env = g_getenv ("TELELENS_PG_RECONNECT_SECONDS");

  if (env != NULL)
    deadline = g_get_monotonic_time () + g_ascii_strtoll (env, NULL, 10) * G_USEC_PER_SEC;
  g_message ("index %s: the connection was lost; reconnecting", self->shown);
  for (;;)
    {
      PQreset (self->conn);
      /* No transaction spans calls (each story commits alone): nothing
       * open was lost, and the callers' begin/commit nesting stands. */
      if (PQstatus (self->conn) == CONNECTION_OK)
        {
          g_hash_table_remove_all (self->prepared);   /* the session's */
          return session_setup (self, error);
        }
      if (g_get_monotonic_time () > deadline)
        return connect_failed (self, "lost the connection and could not connect again", error);
      g_usleep (200 * 1000);
    }
}

/* Each statement is prepared once per session (parsed and, after a few
 * runs, planned once) and named after its order of first use. NULL and
 * *@failed set when the server refused to prepare it. */
static const char *
prepared_name (TlPgStore   *self,
               const char  *sql,
               int          n_params,
               PGresult   **failed)
{
  const char *name = g_hash_table_lookup (self->prepared, sql);

  *failed = NULL;
  if (name == NULL)
    {
      g_autofree char *made = g_strdup_printf ("tl%u", g_hash_table_size (self->prepared));
      PGresult *res = PQprepare (self->conn, made, sql, n_params, NULL);
      if (PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          *failed = res;
          return NULL;
        }
      PQclear (res);
      name = made;
      g_hash_table_insert (self->prepared, g_strdup (sql), g_steal_pointer (&made));
    }
  return name;
}

static PGresult *
exec_prepared (TlPgStore          *self,
               const char         *sql,
               int                 n_params,
               const char *const  *params)
{
  PGresult *failed = NULL;
  const char *name = prepared_name (self, sql, n_params, &failed);

  if (name == NULL)
    return failed;
  return PQexecPrepared (self->conn, name, n_params, params, NULL, NULL, 0);
}

/* Sends @stmts at once and reads their results (libpq's pipeline mode):
 * one round trip instead of one each. NULL in @out where the connection
 * gave no result. */
static void
exec_pipeline (TlPgStore           *self,
               const TlPgStatement *stmts,
               guint                n,
               PGresult           **out)
{
  PGconn *conn = self->conn;
  const char **names = g_newa (const char *, MAX (1, n));
  gboolean sent = TRUE;

  for (guint i = 0; i < n; i++)
    out[i] = NULL;
  for (guint i = 0; i < n; i++)
    {
      PGresult *failed = NULL;
      names[i] = prepared_name (self, stmts[i].sql, stmts[i].n_params, &failed);
      if (names[i] == NULL)
        {
          out[i] = failed;
          return;
        }
    }
  if (!PQenterPipelineMode (conn))
    return;
  for (guint i = 0; i < n && sent; i++)
    sent = PQsendQueryPrepared (conn, names[i], stmts[i].n_params, stmts[i].params, NULL, NULL, 0) == 1;
  if (sent && PQpipelineSync (conn) == 1)
    {
      for (guint i = 0; i < n; i++)
        {
          PGresult *end;
          if ((out[i] = PQgetResult (conn)) == NULL)
            break;
          /* Each statement's results end with a NULL. */
          if ((end = PQgetResult (conn)) != NULL)
            {
              PQclear (end);
              break;
            }
        }
      /* Up to the sync point (the end of the pipeline's implicit
       * transaction), unless the connection is gone. */
      for (guint k = 0; k < 2 * n + 2 && PQstatus (conn) == CONNECTION_OK; k++)
        {
          g_autoptr(PGresult) res = PQgetResult (conn);
          if (res != NULL && PQresultStatus (res) == PGRES_PIPELINE_SYNC)
            break;
        }
    }
  if (!PQexitPipelineMode (conn) && PQstatus (conn) == CONNECTION_OK)
    {
      /* Results still pending that could not be read: start afresh. */
      g_warning ("index %s: the connection was left in an unknown state; connecting again", self->shown);
      PQreset (conn);
      g_hash_table_remove_all (self->prepared);
      if (PQstatus (conn) == CONNECTION_OK)
        session_setup (self, NULL);
    }
}

gboolean
_tl_pg_exec_pipeline (TlPgStore           *self,
                      const TlPgStatement *stmts,
                      guint                n,
                      PGresult           **out,
                      gboolean             retry,
                      const char          *what,
                      GError             **error)
{
  for (guint attempt = 0;; attempt++)
    {
      const PGresult *failed = NULL;
      gboolean all = TRUE;

      exec_pipeline (self, stmts, n, out);
      for (guint i = 0; i < n && failed == NULL; i++)
        {
          ExecStatusType st = out[i] ? PQresultStatus (out[i]) : PGRES_FATAL_ERROR;
          if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
            {
              all = FALSE;
              /* The statement that failed, not the ones aborted after it. */
              if (out[i] == NULL || st != PGRES_PIPELINE_ABORTED)
                failed = out[i];
            }
        }
      if (all)
        return TRUE;
      if (retry && attempt == 0 && PQstatus (self->conn) == CONNECTION_BAD && !self->in_tx)
        {
          for (guint i = 0; i < n; i++)
            g_clear_pointer (&out[i], PQclear);
          if (!_tl_pg_reconnect (self, error))
            return FALSE;
          continue;
        }
      _tl_pg_fail (self, failed, what, error);
      for (guint i = 0; i < n; i++)
        g_clear_pointer (&out[i], PQclear);
      return FALSE;
    }
}

PGresult *
_tl_pg_exec (TlPgStore          *self,
             const char         *sql,
             int                 n_params,
             const char *const  *params,
             gboolean            retry,
             const char         *what,
             GError            **error)
{
  for (guint attempt = 0;; attempt++)
    {
      PGresult *res = exec_prepared (self, sql, n_params, params);
      ExecStatusType st = PQresultStatus (res);

      if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
        return res;
      /* Not within a bulk transaction: what it wrote went with the
       * connection, and its caller tries the whole batch again. */
      if (retry && attempt == 0 && PQstatus (self->conn) == CONNECTION_BAD && !self->in_tx)
        {
          PQclear (res);
          if (!_tl_pg_reconnect (self, error))
            return NULL;
          continue;
        }
      _tl_pg_fail (self, res, what, error);
      PQclear (res);
      return NULL;
    }
}

/* A text[] literal: {"a","b"} with quotes and backslashes escaped. */
char *
_tl_pg_text_array (const char *const *items,
                   guint              n)
{
  GString *s = g_string_new ("{");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, '"');
      for (const char *p = items[i]; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
      g_string_append_c (s, '"');
    }
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

gint64
_tl_pg_int (const PGresult *res,
            int             row,
            int             col,
            gint64          if_null)
{
  return PQgetisnull (res, row, col) ? if_null : g_ascii_strtoll (PQgetvalue (res, row, col), NULL, 10);
}

char *
_tl_pg_dup (const PGresult *res,
            int             row,
            int             col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}

/* --- Opening ------------------------------------------------------------------ */

/**
 * tl_pg_store_open:
 * @url: libpq's URL (`postgresql://HOST[:PORT]/DBNAME?sslmode=…`); the
 *   database must exist, and be UTF-8
 * @error: return location for a #GError
 *
 * Connects, and creates or upgrades the tables in the schema `telelens`.
 *
 * Returns: (transfer full) (nullable): the store
 */
TlIndexStore *
tl_pg_store_open (const char  *url,
                  GError     **error)
{
  g_autoptr(TlPgStore) self = g_object_new (TL_TYPE_PG_STORE, NULL);
  g_autoptr(PGresult) res = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  self->url = g_strdup (url);
  self->shown = tl_index_location_redact (url);
  self->added_by = g_strdup_printf ("%s@%s", g_get_user_name (), g_get_host_name ());
  self->conn = PQconnectdb (url);
  if (self->conn == NULL)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN, "index %s: out of memory", self->shown);
      return NULL;
    }
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      connect_failed (self, "cannot connect", error);
      return NULL;
    }
  if (!session_setup (self, error))
    return NULL;
  res = PQexec (self->conn, "SHOW server_encoding");
  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1 &&
      g_ascii_strcasecmp (PQgetvalue (res, 0, 0), "UTF8") != 0)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                   "index %s: the database's encoding is %s; Telelens needs UTF8 "
                   "(createdb -E UTF8 -T template0 NAME)", self->shown, PQgetvalue (res, 0, 0));
      return NULL;
    }
  if (!_tl_pg_migrate (self, error))
    return NULL;
  return TL_INDEX_STORE (g_steal_pointer (&self));
}

/* --- Transactions and stories --------------------------------------------------- */

static const char *
get_location (TlIndexStore *store)
{
  return TL_PG_STORE (store)->shown;
}

static void
bulk_entity_free (gpointer data)
{
  TlPgBulkEntity *e = data;

  g_free (e->name);
  g_free (e->type);
  g_free (e);
}

static void
bulk_forget (TlPgStore *self)
{
  if (self->bulk_terms)
    g_hash_table_remove_all (self->bulk_terms);
  if (self->bulk_ents)
    g_hash_table_remove_all (self->bulk_ents);
  self->bulk_docs = 0;
}

static void
set_bulk (TlIndexStore *store,
          gboolean      bulk)
{
  TlPgStore *self = TL_PG_STORE (store);

  g_return_if_fail (self->depth == 0);
  self->bulk = bulk;
  if (bulk && self->bulk_terms == NULL)
    {
      self->bulk_terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->bulk_ents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, bulk_entity_free);
    }
}

static gboolean
begin (TlIndexStore  *store,
       GError       **error)
{
  TlPgStore *self = TL_PG_STORE (store);

  if (self->bulk && self->depth == 0)
    {
      g_autoptr(PGresult) res = _tl_pg_exec (self, "BEGIN", 0, NULL, TRUE, "starting a transaction", error);
      if (res == NULL)
        return FALSE;
      self->in_tx = TRUE;
      bulk_forget (self);
    }
  self->depth++;
  return TRUE;
}

static int
key_cmp (gconstpointer a,
         gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The counts of the bulk transaction's stories, each table in key order
 * (so that writers never wait on each other in a cycle). */
static gboolean
bulk_flush (TlPgStore  *self,
            GError    **error)
{
  g_autofree char **terms = (char **) g_hash_table_get_keys_as_array (self->bulk_terms, NULL);
  g_autofree char **keys = (char **) g_hash_table_get_keys_as_array (self->bulk_ents, NULL);
  guint n_terms = g_hash_table_size (self->bulk_terms), n_keys = g_hash_table_size (self->bulk_ents);
  g_autoptr(GPtrArray) dfs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new (), types = g_ptr_array_new ();
  g_autoptr(PGresult) res = NULL;

  if (n_terms > 0)
    {
      g_autofree char *t_arr = NULL, *d_arr = NULL;
      qsort (terms, n_terms, sizeof *terms, key_cmp);
      for (guint i = 0; i < n_terms; i++)
        g_ptr_array_add (dfs, g_strdup_printf ("%" G_GINT64_FORMAT,
                                               (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (self->bulk_terms, terms[i]))));
      t_arr = _tl_pg_text_array ((const char *const *) terms, n_terms);
      d_arr = _tl_pg_text_array ((const char *const *) dfs->pdata, dfs->len);
      {
        const char *p[] = { t_arr, d_arr };
        res = _tl_pg_exec (self, "INSERT INTO terms (term, df) SELECT t, c FROM unnest($1::text[], $2::bigint[]) AS u(t, c)"
                                 " ORDER BY t COLLATE \"C\" ON CONFLICT (term) DO UPDATE SET df = terms.df + excluded.df",
                           2, p, FALSE, "storing words", error);
      }
      if (res == NULL)
        return FALSE;
      g_clear_pointer (&res, PQclear);
    }
  if (n_keys > 0)
    {
      g_autofree char *k_arr = NULL, *n_arr = NULL, *ty_arr = NULL, *d_arr = NULL;
      qsort (keys, n_keys, sizeof *keys, key_cmp);
      g_ptr_array_set_size (dfs, 0);
      for (guint i = 0; i < n_keys; i++)
        {
          TlPgBulkEntity *e = g_hash_table_lookup (self->bulk_ents, keys[i]);
          g_ptr_array_add (names, e->name);
          g_ptr_array_add (types, e->type);
          g_ptr_array_add (dfs, g_strdup_printf ("%" G_GINT64_FORMAT, e->df));
        }
      k_arr = _tl_pg_text_array ((const char *const *) keys, n_keys);
      n_arr = _tl_pg_text_array ((const char *const *) names->pdata, names->len);
      ty_arr = _tl_pg_text_array ((const char *const *) types->pdata, types->len);
      d_arr = _tl_pg_text_array ((const char *const *) dfs->pdata, dfs->len);
      {
        const char *p[] = { k_arr, n_arr, ty_arr, d_arr };
        res = _tl_pg_exec (self, "INSERT INTO entities (key, name, type, df)"
                                 " SELECT k, n, ty, c FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])"
                                 " AS u(k, n, ty, c) ORDER BY k COLLATE \"C\""
                                 " ON CONFLICT (key) DO UPDATE SET df = entities.df + excluded.df",
                           4, p, FALSE, "storing entities", error);
      }
      if (res == NULL)
        return FALSE;
      g_clear_pointer (&res, PQclear);
    }
  if (self->bulk_docs > 0)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, self->bulk_docs);
      const char *p[] = { n };
      res = _tl_pg_exec (self, "INSERT INTO doc_count (shard, n) VALUES (pg_backend_pid() % 8, $1::bigint)"
                               " ON CONFLICT (shard) DO UPDATE SET n = doc_count.n + excluded.n", 1, p, FALSE,
                         "counting stories", error);
      if (res == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
rollback (TlIndexStore *store)
{
  TlPgStore *self = TL_PG_STORE (store);

  if (self->in_tx && PQstatus (self->conn) == CONNECTION_OK)
    {
      g_autoptr(PGresult) undo = PQexec (self->conn, "ROLLBACK");
    }
  self->in_tx = FALSE;
  bulk_forget (self);
  self->depth = 0;
}

static gboolean
commit (TlIndexStore  *store,
        GError       **error)
{
  TlPgStore *self = TL_PG_STORE (store);
  g_autoptr(PGresult) res = NULL;

  g_return_val_if_fail (self->depth > 0, FALSE);
  if (self->depth > 1 || !self->in_tx)
    {
      self->depth--;
      return TRUE;
    }
  if (!bulk_flush (self, error) ||
      (res = _tl_pg_exec (self, "COMMIT", 0, NULL, FALSE, "saving", error)) == NULL)
    {
      rollback (store);
      return FALSE;
    }
  self->in_tx = FALSE;
  self->depth = 0;
  bulk_forget (self);
  return TRUE;
}

static char *
find_story (TlIndexStore  *store,
            const char    *id,
            GError       **error)
{
  const char *params[] = { id };
  g_autoptr(PGresult) res = _tl_pg_exec (TL_PG_STORE (store),
                                         "SELECT ext_id FROM documents WHERE ext_id = $1 UNION ALL"
                                         " SELECT d.ext_id FROM doc_aliases a JOIN documents d ON d.id = a.doc_id"
                                         " WHERE a.alias = $1 LIMIT 1", 1, params, TRUE, "looking up a story", error);

  return res && PQntuples (res) > 0 ? g_strdup (PQgetvalue (res, 0, 0)) : NULL;
}

/* In a bulk transaction: the story's entity rows now, its counts at the
 * commit (bulk_flush()). */
static gboolean
bulk_add (TlPgStore            *self,
          const TlStoreRecord  *rec,
          const char           *doc_id,
          const char           *published,
          const char           *keys_arr,
          const char           *counts_arr,
          gboolean             *out_added,
          GError              **error)
{
  if (rec->entities->len > 0)
    {
      const char *p[] = { doc_id, keys_arr, counts_arr, published };
      g_autoptr(PGresult) res = _tl_pg_exec (self, "INSERT INTO doc_entities (doc_id, key, count, published)"
                                             " SELECT $1::bigint, k, sum(c), $4::bigint FROM unnest($2::text[], $3::int[])"
                                             " AS u(k, c) GROUP BY k", 4, p, FALSE, "storing entities", error);
      if (res == NULL)
        return FALSE;
    }
  for (guint i = 0; i < rec->words->len; i++)
    {
      const char *w = g_ptr_array_index (rec->words, i);
      gpointer old = NULL;
      if (g_hash_table_lookup_extended (self->bulk_terms, w, NULL, &old))
        g_hash_table_insert (self->bulk_terms, g_strdup (w), GSIZE_TO_POINTER (GPOINTER_TO_SIZE (old) + 1));
      else
        g_hash_table_insert (self->bulk_terms, g_strdup (w), GSIZE_TO_POINTER (1));
    }
  for (guint i = 0; i < rec->entities->len; i++)
    {
      const TlStoreEntity *e = &g_array_index (rec->entities, TlStoreEntity, i);
      TlPgBulkEntity *b = g_hash_table_lookup (self->bulk_ents, e->key);
      if (b == NULL)
        {
          b = g_new0 (TlPgBulkEntity, 1);
          b->name = g_strdup (e->name);
          b->type = g_strdup (e->type);
          g_hash_table_insert (self->bulk_ents, g_strdup (e->key), b);
        }
      b->df++;
    }
  self->bulk_docs++;
  *out_added = TRUE;
  return TRUE;
}

/* One attempt at storing a story, in its own transaction (or in the bulk
 * transaction that is open). */
static gboolean
add_once (TlPgStore            *self,
          const TlStoreRecord  *rec,
          gboolean             *out_added,
          GError              **error)
{
  g_autofree char *published = rec->published != TL_INDEX_NO_DATE
    ? g_strdup_printf ("%" G_GINT64_FORMAT, rec->published) : NULL;
  g_autofree char *added = g_strdup_printf ("%" G_GINT64_FORMAT, rec->added);
  g_autofree char *topic = g_strdup_printf ("%.17g", rec->topic);
  g_autofree char *simhash = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) rec->simhash);
  g_autofree char *text = g_strndup (rec->text, rec->text_len);
  g_autoptr(GPtrArray) words = g_ptr_array_copy (rec->words, NULL, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new (), names = g_ptr_array_new (), types = g_ptr_array_new (),
                       counts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *words_arr = NULL, *keys_arr = NULL, *names_arr = NULL, *types_arr = NULL, *counts_arr = NULL;
  g_autofree char *doc_id = NULL;
  g_autoptr(PGresult) res = NULL;
  const char *doc[] = { rec->id, rec->url, rec->url_norm, rec->title, rec->outlet, published, added, topic,
                        simhash, text, self->added_by };

  *out_added = FALSE;
  g_ptr_array_set_free_func (words, NULL);   /* the record's */
  g_ptr_array_sort (words, key_cmp);
  words_arr = _tl_pg_text_array ((const char *const *) words->pdata, words->len);
  for (guint i = 0; i < rec->entities->len; i++)
    {
      const TlStoreEntity *e = &g_array_index (rec->entities, TlStoreEntity, i);
      g_ptr_array_add (keys, e->key);
      g_ptr_array_add (names, (gpointer) e->name);
      g_ptr_array_add (types, (gpointer) e->type);
      g_ptr_array_add (counts, g_strdup_printf ("%d", e->count));
    }
  keys_arr = _tl_pg_text_array ((const char *const *) keys->pdata, keys->len);
  names_arr = _tl_pg_text_array ((const char *const *) names->pdata, names->len);
  types_arr = _tl_pg_text_array ((const char *const *) types->pdata, types->len);
  counts_arr = _tl_pg_text_array ((const char *const *) counts->pdata, counts->len);

  if (!self->in_tx && (res = _tl_pg_exec (self, "BEGIN", 0, NULL, FALSE, "starting a transaction", error)) == NULL)
    return FALSE;
  g_clear_pointer (&res, PQclear);
  res = _tl_pg_exec (self, "INSERT INTO documents (ext_id, url, url_norm, title, outlet, published, added, topic,"
                           " simhash, text, added_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                           " ON CONFLICT (ext_id) DO NOTHING RETURNING id", 11, doc, FALSE, "storing a story", error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      /* Another writer stored it first. */
      g_clear_pointer (&res, PQclear);
      if (self->in_tx)
        return TRUE;
      res = _tl_pg_exec (self, "COMMIT", 0, NULL, FALSE, "saving", error);
      return res != NULL;
    }
  doc_id = g_strdup (PQgetvalue (res, 0, 0));
  g_clear_pointer (&res, PQclear);
  if (self->in_tx)
    return bulk_add (self, rec, doc_id, published, keys_arr, counts_arr, out_added, error);
  {
    const char *p[] = { words_arr };
    res = _tl_pg_exec (self, "INSERT INTO terms (term, df) SELECT t, 1 FROM unnest($1::text[]) AS t"
                             " ORDER BY t COLLATE \"C\" ON CONFLICT (term) DO UPDATE SET df = terms.df + 1",
                       1, p, FALSE, "storing words", error);
    if (res == NULL)
      return FALSE;
    g_clear_pointer (&res, PQclear);
  }
  if (keys->len > 0)
    {
      const char *p[] = { doc_id, keys_arr, counts_arr, published };
      const char *q[] = { keys_arr, names_arr, types_arr };
      res = _tl_pg_exec (self, "INSERT INTO doc_entities (doc_id, key, count, published)"
                               " SELECT $1::bigint, k, sum(c), $4::bigint FROM unnest($2::text[], $3::int[]) AS u(k, c)"
                               " GROUP BY k", 4, p, FALSE, "storing entities", error);
      if (res == NULL)
        return FALSE;
      g_clear_pointer (&res, PQclear);
      /* The first name and type a key came with, as SQLite keeps them. */
      res = _tl_pg_exec (self, "INSERT INTO entities (key, name, type, df)"
                               " SELECT k, (array_agg(n ORDER BY i))[1], (array_agg(ty ORDER BY i))[1], count(*)"
                               " FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(k, n, ty, i)"
                               " GROUP BY k ORDER BY k COLLATE \"C\""
                               " ON CONFLICT (key) DO UPDATE SET df = entities.df + excluded.df",
                         3, q, FALSE, "storing entities", error);
      if (res == NULL)
        return FALSE;
      g_clear_pointer (&res, PQclear);
    }
  /* Last: the lock on the count is held only until the commit. */
  res = _tl_pg_exec (self, "INSERT INTO doc_count (shard, n) VALUES (pg_backend_pid() % 8, 1)"
                           " ON CONFLICT (shard) DO UPDATE SET n = doc_count.n + 1", 0, NULL, FALSE,
                     "counting stories", error);
  if (res == NULL)
    return FALSE;
  g_clear_pointer (&res, PQclear);
  res = _tl_pg_exec (self, "COMMIT", 0, NULL, FALSE, "saving", error);
  if (res == NULL)
    return FALSE;
  *out_added = TRUE;
  return TRUE;
}

static gboolean
retryable (TlPgStore    *self,
           const GError *error)
{
  if (PQstatus (self->conn) == CONNECTION_BAD)
    return TRUE;
  /* 40001 serialization_failure, 40P01 deadlock_detected. */
  return error != NULL && (strstr (error->message, "could not serialize") != NULL ||
                           strstr (error->message, "deadlock detected") != NULL);
}

static gboolean
can_retry (TlIndexStore *store,
           const GError *error)
{
  return retryable (TL_PG_STORE (store), error);
}

static gboolean
add_story (TlIndexStore         *store,
           const TlStoreRecord  *rec,
           gboolean             *out_added,
           GError              **error)
{
  TlPgStore *self = TL_PG_STORE (store);

  if (self->in_tx)
    return add_once (self, rec, out_added, error);   /* the caller tries the batch again */
  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(PGresult) undo = NULL;

      if (add_once (self, rec, out_added, &local))
        return TRUE;
      if (attempt >= MAX_ATTEMPTS || !retryable (self, local))
        {
          if (PQstatus (self->conn) == CONNECTION_OK)
            undo = PQexec (self->conn, "ROLLBACK");
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_debug ("index %s: storing %s again (%s)", self->shown, rec->id, local->message);
      if (PQstatus (self->conn) == CONNECTION_BAD)
        {
          if (!_tl_pg_reconnect (self, error))
            return FALSE;
        }
      else
        {
          undo = PQexec (self->conn, "ROLLBACK");
          g_usleep (g_random_int_range (1, 20) * 1000 * attempt);
        }
    }
}

/* The last story stored, from the stories themselves: no row every writer
 * would update. */
static gboolean
get_last_ingest (TlPgStore  *self,
                 char      **value)
{
  g_autoptr(PGresult) res = _tl_pg_exec (self, "SELECT max(added) FROM documents", 0, NULL, TRUE,
                                         "reading state", NULL);
  g_autoptr(GDateTime) t = NULL;

  if (res == NULL || PQgetisnull (res, 0, 0))
    return FALSE;
  t = g_date_time_new_from_unix_utc (_tl_pg_int (res, 0, 0, 0));
  *value = t ? g_date_time_format_iso8601 (t) : NULL;
  return *value != NULL;
}

static gboolean
get_state (TlIndexStore  *store,
           const char    *key,
           char         **value)
{
  TlPgStore *self = TL_PG_STORE (store);
  const char *params[] = { key };
  g_autoptr(PGresult) res = NULL;

  *value = NULL;
  if (strcmp (key, "last_ingest") == 0)
    return get_last_ingest (self, value);
  res = _tl_pg_exec (self, "SELECT value FROM state WHERE key = $1", 1, params, TRUE, "reading state", NULL);
  if (res == NULL || PQntuples (res) == 0)
    return FALSE;
  *value = _tl_pg_dup (res, 0, 0);
  return TRUE;
}

static gboolean
set_state (TlIndexStore  *store,
           const char    *key,
           const char    *value,
           GError       **error)
{
  const char *params[] = { key, value };
  g_autoptr(PGresult) res = NULL;

  if (strcmp (key, "last_ingest") == 0)
    return TRUE;   /* get_last_ingest() */
  res = _tl_pg_exec (TL_PG_STORE (store), "INSERT INTO state (key, value) VALUES ($1, $2)"
                                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     2, params, TRUE, "saving state", error);
  return res != NULL;
}

static GPtrArray *
list_cursors (TlIndexStore *store)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PGresult) res = _tl_pg_exec (TL_PG_STORE (store), "SELECT key, value FROM state"
                                         " WHERE key LIKE '%\\_last\\_item' ORDER BY key COLLATE \"C\"",
                                         0, NULL, TRUE, "reading state", NULL);

  for (int i = 0; res && i < PQntuples (res); i++)
    {
      g_ptr_array_add (out, _tl_pg_dup (res, i, 0));
      g_ptr_array_add (out, g_strdup (PQgetvalue (res, i, 1)));
    }
  return out;
}

static gint64
count_of (TlPgStore  *self,
          const char *sql)
{
  g_autoptr(PGresult) res = _tl_pg_exec (self, sql, 0, NULL, TRUE, "counting", NULL);
  return res && PQntuples (res) == 1 ? _tl_pg_int (res, 0, 0, 0) : 0;
}

static guint64
count (TlIndexStore *store)
{
  return (guint64) count_of (TL_PG_STORE (store), "SELECT coalesce(sum(n), 0) FROM doc_count");
}

static gint64
count_entities (TlIndexStore *store)
{
  return count_of (TL_PG_STORE (store), "SELECT count(*) FROM entities");
}

static void
tl_pg_store_iface_init (TlIndexStoreInterface *iface)
{
  iface->get_location = get_location;
  iface->begin = begin;
  iface->commit = commit;
  iface->rollback = rollback;
  iface->find_story = find_story;
  iface->add_story = add_story;
  iface->get_state = get_state;
  iface->set_state = set_state;
  iface->list_cursors = list_cursors;
  iface->count = count;
  iface->count_entities = count_entities;
  iface->set_bulk = set_bulk;
  iface->can_retry = can_retry;
  _tl_pg_query_iface_init (iface);
}
