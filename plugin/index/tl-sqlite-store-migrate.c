/* tl-sqlite-store-migrate.c — bringing an index written by an older Telelens up to date
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Schema 1 → 2: schema 1 derived a story's id from its URL without the
 * query string, so stories told apart by `?id=` shared one id. Each story
 * whose id was derived that way gets the id its URL gives now; the old id
 * goes into doc_aliases, so links, bookmarks and `related --id` that use it
 * still find the story. Ids given by the source (a JSONL "id", Liferea's
 * items) are never touched, and nothing is deleted. When the new id is
 * already taken by another story (two old stories that now normalise
 * alike), the story keeps its old id.
 *
 * Schema 2 → 3: the terms table counted headline and lead words; related
 * coverage compares story words (tl-index-features.c), so the counts are
 * made again from the stored stories.
 *
 * It runs in one IMMEDIATE transaction that rechecks the version first, so
 * two processes opening the same old file migrate it once.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-sqlite-store-private.h"

#include <string.h>

static gint64
user_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) st = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK ||
      sqlite3_step (st) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (st, 0);
}

typedef struct {
  gint64  rowid;
  char   *ext_id;
  char   *url;
} OldDoc;

static void
old_doc_clear (gpointer data)
{
  OldDoc *d = data;
  g_free (d->ext_id);
  g_free (d->url);
}

static gboolean
migrate_v1 (TlSqliteStore *self,
            guint    *n_changed,
            GError  **error)
{
  sqlite3 *db = self->db;
  g_autoptr(GArray) docs = g_array_new (FALSE, TRUE, sizeof (OldDoc));
  g_autoptr(sqlite3_stmt) sel = NULL, upd_norm = NULL, upd_id = NULL, alias = NULL;
  int rc;

  g_array_set_clear_func (docs, old_doc_clear);
  /* Read first, then write: no updates under an open cursor. */
  if ((rc = sqlite3_prepare_v2 (db, "SELECT id, ext_id, url FROM documents WHERE url IS NOT NULL AND url <> ''",
                                -1, &sel, NULL)) != SQLITE_OK)
    return _tl_sqlite_fail (self, rc, "reading stories to upgrade", error);
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      OldDoc d = { sqlite3_column_int64 (sel, 0),
                   g_strdup ((const char *) sqlite3_column_text (sel, 1)),
                   g_strdup ((const char *) sqlite3_column_text (sel, 2)) };
      g_array_append_val (docs, d);
    }
  if (rc != SQLITE_DONE)
    return _tl_sqlite_fail (self, rc, "reading stories to upgrade", error);

  if ((rc = sqlite3_prepare_v2 (db, "UPDATE documents SET url_norm = ? WHERE id = ?", -1, &upd_norm, NULL)) != SQLITE_OK ||
      (rc = sqlite3_prepare_v2 (db, "UPDATE OR IGNORE documents SET ext_id = ? WHERE id = ?", -1, &upd_id, NULL)) != SQLITE_OK ||
      (rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO doc_aliases (alias, doc_id) VALUES (?, ?)", -1, &alias, NULL)) != SQLITE_OK)
    return _tl_sqlite_fail (self, rc, "upgrading", error);

  for (guint i = 0; i < docs->len; i++)
    {
      OldDoc *d = &g_array_index (docs, OldDoc, i);
      g_autofree char *norm = _tl_index_normalize_url (d->url);
      g_autofree char *v1_id = _tl_index_derive_id_v1 (d->url, NULL, NULL);
      g_autofree char *new_id = NULL;

      sqlite3_reset (upd_norm);
      sqlite3_bind_text (upd_norm, 1, norm, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (upd_norm, 2, d->rowid);
      if ((rc = sqlite3_step (upd_norm)) != SQLITE_DONE)
        return _tl_sqlite_fail (self, rc, "upgrading links", error);

      /* Given by the source: stays. */
      if (g_strcmp0 (d->ext_id, v1_id) != 0)
        continue;
      new_id = _tl_index_derive_id (d->url, NULL, NULL);
      if (strcmp (new_id, d->ext_id) == 0)
        continue;
      sqlite3_reset (upd_id);
      sqlite3_bind_text (upd_id, 1, new_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (upd_id, 2, d->rowid);
      if ((rc = sqlite3_step (upd_id)) != SQLITE_DONE)
        return _tl_sqlite_fail (self, rc, "upgrading story ids", error);
      if (sqlite3_changes (db) == 0)
        continue;   /* taken: keeps its old id */
      sqlite3_reset (alias);
      sqlite3_bind_text (alias, 1, d->ext_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (alias, 2, d->rowid);
      if ((rc = sqlite3_step (alias)) != SQLITE_DONE)
        return _tl_sqlite_fail (self, rc, "keeping old story ids", error);
      (*n_changed)++;
    }
  return TRUE;
}

static void
count_word (const char *w,
            gpointer    data)
{
  GHashTable **tables = data;   /* { this story's words, counts } */

  if (g_hash_table_add (tables[0], g_strdup (w)))
    {
      gpointer n = g_hash_table_lookup (tables[1], w);
      g_hash_table_replace (tables[1], g_strdup (w), GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
    }
}

static gboolean
recount_terms (TlSqliteStore *self,
               GError  **error)
{
  sqlite3 *db = self->db;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) sel = NULL, ins = NULL;
  GHashTableIter it;
  gpointer word, n;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, "SELECT title, substr(text, 1, ?) FROM documents", -1, &sel, NULL)) != SQLITE_OK)
    return _tl_sqlite_fail (self, rc, "reading stories to upgrade", error);
  sqlite3_bind_int (sel, 1, TL_INDEX_STORY_WORD_BYTES);
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GHashTable *tables[2] = { seen, counts };
      _tl_index_foreach_story_word ((const char *) sqlite3_column_text (sel, 0),
                                    (const char *) sqlite3_column_text (sel, 1), count_word, tables);
    }
  if (rc != SQLITE_DONE)
    return _tl_sqlite_fail (self, rc, "reading stories to upgrade", error);
  if ((rc = sqlite3_exec (db, "DELETE FROM terms", NULL, NULL, NULL)) != SQLITE_OK ||
      (rc = sqlite3_prepare_v2 (db, "INSERT INTO terms (term, df) VALUES (?, ?)", -1, &ins, NULL)) != SQLITE_OK)
    return _tl_sqlite_fail (self, rc, "upgrading word counts", error);
  g_hash_table_iter_init (&it, counts);
  while (g_hash_table_iter_next (&it, &word, &n))
    {
      sqlite3_reset (ins);
      sqlite3_bind_text (ins, 1, word, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 2, GPOINTER_TO_UINT (n));
      if ((rc = sqlite3_step (ins)) != SQLITE_DONE)
        return _tl_sqlite_fail (self, rc, "upgrading word counts", error);
    }
  return TRUE;
}

/**
 * _tl_sqlite_migrate:
 * @self: a store whose tables exist
 * @error: return location for a #GError
 *
 * Brings the file to _TL_SQLITE_SCHEMA_VERSION; a no-op when it is there.
 *
 * Returns: %TRUE on success (nothing changed on failure)
 */
gboolean
_tl_sqlite_migrate (TlSqliteStore *self,
                   GError  **error)
{
  sqlite3 *db = self->db;
  g_autofree char *set = NULL;
  guint n_changed = 0;
  gint64 version;
  int rc;

  if (user_version (db) == _TL_SQLITE_SCHEMA_VERSION)
    return TRUE;
  if (!TL_INDEX_STORE_GET_IFACE (self)->begin (TL_INDEX_STORE (self), error))
    return FALSE;
  version = user_version (db);
  if (version == 1 && !migrate_v1 (self, &n_changed, error))
    goto fail;
  if (version >= 1 && version < 3 && !recount_terms (self, error))
    goto fail;
  set = g_strdup_printf ("PRAGMA user_version=%d", _TL_SQLITE_SCHEMA_VERSION);
  if ((rc = sqlite3_exec (db, set, NULL, NULL, NULL)) != SQLITE_OK)
    {
      _tl_sqlite_fail (self, rc, "marking the file", error);
      goto fail;
    }
  if (!TL_INDEX_STORE_GET_IFACE (self)->commit (TL_INDEX_STORE (self), error))
    return FALSE;
  if (version == 1)
    g_debug ("index %s: upgraded from schema 1; %u story ids now keep their query",
             self->path, n_changed);
  return TRUE;

fail:
  TL_INDEX_STORE_GET_IFACE (self)->rollback (TL_INDEX_STORE (self));
  return FALSE;
}
