/* tl-liferea-db.c — incremental import from Liferea's database
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Schema facts, read from a database written by Liferea 1.14.4 itself
 * (tests/data/liferea/liferea.db, made by tools/liferea-headless.sh; its
 * `info` table says schemaVersion 10):
 *   items(item_id INTEGER PRIMARY KEY, node_id, parent_node_id, title, read,
 *         source (the link), source_id (the guid), description (HTML),
 *         date (Unix seconds), comment, …)
 *   node(node_id, parent_id, title, type)   — feed titles, used as outlets
 * Items only grow in item_id, so the highest id imported is remembered in
 * the index ("liferea_last_item") and the next run starts after it. The
 * database is opened read-only; Liferea may be running.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-liferea-db.h"
#include "tl-index-private.h"

#include <string.h>

char *
tl_liferea_default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "liferea", "liferea.db", NULL);
}

static sqlite3 *
open_readonly (const char  *path,
               GError     **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN,
                   "Liferea database %s not found; start Liferea once, or pass --liferea-db", path);
      return NULL;
    }
  uri = g_strdup_printf ("file:%s?mode=ro", escaped);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      /* A WAL database in a folder we cannot write: read it as it is. */
      sqlite3_close_v2 (db);
      g_free (uri);
      uri = g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
      rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                   "cannot read the Liferea database %s: %s", path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 2000);
  return db;
}

/**
 * tl_liferea_import:
 * @index: the index
 * @liferea_db: (nullable): Liferea's database, %NULL for the default
 * @out_added: (out): stories added
 * @out_seen: (out): items read
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tl_liferea_import (TlIndex     *index,
                   const char  *liferea_db,
                   guint       *out_added,
                   guint       *out_seen,
                   GError     **error)
{
  return tl_liferea_import_step (index, liferea_db, G_MAXUINT, out_added, out_seen, NULL, error);
}

/**
 * tl_liferea_import_step:
 * @max_items: read at most this many items now
 * @out_remaining: (out) (optional): items still to read after this step
 *
 * One step of an incremental import, so that a service can keep answering
 * between steps while a large Liferea database is read.
 */
gboolean
tl_liferea_import_step (TlIndex     *index,
                        const char  *liferea_db,
                        guint        max_items,
                        guint       *out_added,
                        guint       *out_seen,
                        guint       *out_remaining,
                        GError     **error)
{
  g_autofree char *path = liferea_db ? g_strdup (liferea_db) : tl_liferea_default_db_path ();
  g_autofree char *last = NULL;
  g_autoptr(sqlite3_stmt) st = NULL;
  sqlite3 *db;
  gint64 from = 0, max_seen = 0;
  guint added = 0, seen = 0, batch = 0;
  int rc;

  *out_added = *out_seen = 0;
  if ((db = open_readonly (path, error)) == NULL)
    return FALSE;
  if (tl_index_get_state (index, "liferea_last_item", &last))
    from = g_ascii_strtoll (last, NULL, 10);
  max_seen = from;

  rc = sqlite3_prepare_v2 (db, "SELECT i.item_id, i.node_id, i.title, i.source, i.description, i.date, n.title"
                               " FROM items i LEFT JOIN node n ON n.node_id = i.node_id"
                               " WHERE i.item_id > ? AND coalesce(i.comment, 0) = 0"
                               " ORDER BY i.item_id LIMIT ?", -1, &st, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                   "%s does not look like a Liferea 1.14 database: %s", path, sqlite3_errmsg (db));
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_bind_int64 (st, 1, from);
  sqlite3_bind_int64 (st, 2, max_items == G_MAXUINT ? -1 : (gint64) max_items);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      TlIndexDoc doc = { 0 };
      gboolean is_new = FALSE;
      g_autoptr(GError) local = NULL;
      gint64 item_id = sqlite3_column_int64 (st, 0);
      const char *desc = (const char *) sqlite3_column_text (st, 4);

      seen++;
      max_seen = MAX (max_seen, item_id);
      if (desc == NULL || *desc == '\0')
        continue;   /* nothing to analyse: title-only items */
      doc.id = g_strdup_printf ("liferea:%s:%" G_GINT64_FORMAT, sqlite3_column_text (st, 1), item_id);
      doc.title = g_strdup ((const char *) sqlite3_column_text (st, 2));
      doc.url = g_strdup ((const char *) sqlite3_column_text (st, 3));
      doc.text = g_strdup (desc);
      doc.outlet = g_strdup ((const char *) sqlite3_column_text (st, 6));
      doc.published = sqlite3_column_type (st, 5) == SQLITE_NULL || sqlite3_column_int64 (st, 5) == 0
                        ? TL_INDEX_NO_DATE : sqlite3_column_int64 (st, 5);
      if (batch == 0 && !tl_index_begin (index, error))
        {
          tl_index_doc_clear (&doc);
          sqlite3_close_v2 (db);
          return FALSE;
        }
      if (!tl_index_add (index, &doc, NULL, &is_new, &local))
        {
          if (!g_error_matches (local, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID))
            {
              tl_index_doc_clear (&doc);
              g_propagate_error (error, g_steal_pointer (&local));
              g_clear_pointer (&st, sqlite3_finalize);
              sqlite3_close_v2 (db);
              return FALSE;
            }
          g_debug ("Liferea item %" G_GINT64_FORMAT " skipped: %s", item_id, local->message);
        }
      added += is_new;
      tl_index_doc_clear (&doc);
      if (++batch >= 200)
        {
          g_autofree char *mark = g_strdup_printf ("%" G_GINT64_FORMAT, max_seen);
          if (!tl_index_set_state (index, "liferea_last_item", mark, error) ||
              !tl_index_commit (index, error))
            {
              g_clear_pointer (&st, sqlite3_finalize);
              sqlite3_close_v2 (db);
              return FALSE;
            }
          batch = 0;
        }
    }
  g_clear_pointer (&st, sqlite3_finalize);
  if (out_remaining != NULL && rc == SQLITE_DONE)
    {
      sqlite3_stmt *count = NULL;
      *out_remaining = 0;
      if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM items WHERE item_id > ? AND coalesce(comment, 0) = 0",
                              -1, &count, NULL) == SQLITE_OK)
        {
          sqlite3_bind_int64 (count, 1, max_seen);
          if (sqlite3_step (count) == SQLITE_ROW)
            *out_remaining = (guint) sqlite3_column_int64 (count, 0);
        }
      sqlite3_finalize (count);
    }
  sqlite3_close_v2 (db);
  if (rc != SQLITE_DONE)
    {
      if (batch > 0)
        tl_index_rollback (index);
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_IO, "reading the Liferea database %s failed", path);
      return FALSE;
    }
  {
    g_autofree char *mark = g_strdup_printf ("%" G_GINT64_FORMAT, max_seen);
    if (batch == 0 && !tl_index_begin (index, error))
      return FALSE;
    if (!tl_index_set_state (index, "liferea_last_item", mark, error) ||
        !tl_index_commit (index, error))
      return FALSE;
  }
  *out_added = added;
  *out_seen = seen;
  return TRUE;
}
