/* tl-pg-store-migrate.c — the team index's tables, versioned
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Everything lives in the schema `telelens` (nothing of another program's
 * is touched); telelens.meta holds the schema version. Each service
 * migrates on start in one transaction under an advisory lock, so several
 * services starting at once migrate once. A database made by a newer
 * Telelens is refused, never downgraded. A new version adds one step to
 * `steps` below.
 *
 * Text keys are COLLATE "C" (byte order, as SQLite compares them), so
 * rows come back in the same order on both stores and rank the same.
 * Full text: a tsvector over the title (weight A) and the first 100,000
 * characters of the text, 'simple' configuration (no stemming, no stop
 * words: names and codes are what analysts look for), with a GIN index.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-pg-store-private.h"

#include <string.h>

static const char *const steps[_TL_PG_SCHEMA_VERSION] = {
  /* 1 */
  "CREATE TABLE documents ("
  "  id bigserial PRIMARY KEY,"
  "  ext_id text COLLATE \"C\" NOT NULL UNIQUE,"
  "  url text, url_norm text, title text NOT NULL DEFAULT '', outlet text,"
  "  published bigint, added bigint NOT NULL, topic double precision NOT NULL DEFAULT 0,"
  "  simhash bigint NOT NULL DEFAULT 0, text text NOT NULL,"
  "  added_by text NOT NULL, added_role text NOT NULL DEFAULT current_user,"
  "  fts tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, title), 'A') ||"
  "                                    to_tsvector('simple'::regconfig, left(text, 100000))) STORED);"
  "CREATE INDEX documents_fts ON documents USING gin (fts);"
  "CREATE INDEX documents_url ON documents (url);"
  "CREATE INDEX documents_url_norm ON documents (url_norm);"
  "CREATE INDEX documents_published ON documents (published);"
  "CREATE TABLE doc_entities ("
  "  doc_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  key text COLLATE \"C\" NOT NULL, count integer NOT NULL, published bigint,"
  "  PRIMARY KEY (doc_id, key));"
  "CREATE INDEX doc_entities_key ON doc_entities (key, published, doc_id);"
  "CREATE TABLE entities ("
  "  key text COLLATE \"C\" PRIMARY KEY, name text NOT NULL, type text NOT NULL, df bigint NOT NULL DEFAULT 0);"
  "CREATE INDEX entities_name ON entities (lower(name));"
  "CREATE TABLE state (key text COLLATE \"C\" PRIMARY KEY, value text);"
  "CREATE TABLE doc_aliases ("
  "  alias text COLLATE \"C\" PRIMARY KEY,"
  "  doc_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE);"
  "CREATE TABLE terms (term text COLLATE \"C\" PRIMARY KEY, df bigint NOT NULL);"
  /* How many stories: the N of IDF, as SQLite's max(id) (ids have gaps
   * here: an insert that loses a race still takes a sequence number), in
   * eight rows so that writers rarely wait on one. */
  "CREATE TABLE doc_count (shard integer PRIMARY KEY, n bigint NOT NULL);",
};

static gboolean
run (TlPgStore   *self,
     const char  *sql,
     const char  *what,
     GError     **error)
{
  g_autoptr(PGresult) res = PQexec (self->conn, sql);
  ExecStatusType st = PQresultStatus (res);

  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
    return TRUE;
  return _tl_pg_fail (self, res, what, error);
}

static gboolean
migrate_locked (TlPgStore  *self,
                GError    **error)
{
  g_autoptr(PGresult) res = NULL;
  gint64 version = 0;

  if (!run (self, "SELECT pg_advisory_xact_lock(7551244901)", "waiting for another service's upgrade", error) ||
      !run (self, "CREATE SCHEMA IF NOT EXISTS telelens", "creating the schema telelens", error))
    return FALSE;
  res = PQexec (self->conn, "SELECT to_regclass('telelens.meta') IS NOT NULL, to_regclass('telelens.documents') IS NOT NULL");
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    return _tl_pg_fail (self, res, "reading the schema", error);
  if (strcmp (PQgetvalue (res, 0, 0), "t") != 0)
    {
      if (strcmp (PQgetvalue (res, 0, 1), "t") == 0)
        {
          g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                       "index %s: the schema telelens holds tables of another program; "
                       "Telelens never writes into them — use another database", self->shown);
          return FALSE;
        }
      if (!run (self, "CREATE TABLE telelens.meta (key text PRIMARY KEY, value text NOT NULL)", "creating tables", error))
        return FALSE;
    }
  g_clear_pointer (&res, PQclear);
  res = PQexec (self->conn, "SELECT value FROM telelens.meta WHERE key = 'schema'");
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    return _tl_pg_fail (self, res, "reading the schema version", error);
  if (PQntuples (res) == 1)
    version = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  if (version > _TL_PG_SCHEMA_VERSION)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                   "index %s: made by a newer Telelens (schema %" G_GINT64_FORMAT ", this one knows %d); "
                   "upgrade Telelens", self->shown, version, _TL_PG_SCHEMA_VERSION);
      return FALSE;
    }
  for (gint64 v = version; v < _TL_PG_SCHEMA_VERSION; v++)
    if (!run (self, steps[v], "creating tables", error))
      return FALSE;
  if (version < _TL_PG_SCHEMA_VERSION)
    {
      g_autofree char *set = g_strdup_printf ("INSERT INTO telelens.meta (key, value) VALUES ('schema', '%d')"
                                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                              _TL_PG_SCHEMA_VERSION);
      if (!run (self, set, "marking the schema version", error))
        return FALSE;
      g_debug ("index %s: schema %" G_GINT64_FORMAT " → %d", self->shown, version, _TL_PG_SCHEMA_VERSION);
    }
  return TRUE;
}

/**
 * _tl_pg_migrate:
 * @self: a connected store
 * @error: return location for a #GError
 *
 * Brings the tables to _TL_PG_SCHEMA_VERSION (creates them in a new
 * database); nothing changes on failure.
 *
 * Returns: %TRUE on success
 */
gboolean
_tl_pg_migrate (TlPgStore  *self,
                GError    **error)
{
  g_autoptr(PGresult) undo = NULL;

  if (!run (self, "BEGIN", "starting a transaction", error))
    return FALSE;
  if (migrate_locked (self, error) && run (self, "COMMIT", "saving the schema", error))
    return TRUE;
  undo = PQexec (self->conn, "ROLLBACK");
  return FALSE;
}
