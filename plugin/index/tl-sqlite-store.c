/* tl-sqlite-store.c — the personal index in one SQLite file
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * SQLite in WAL mode: a story is acknowledged only after its transaction
 * commits, and a committed transaction survives the process being killed.
 * Every statement is prepared with bound parameters. What is stored is
 * derived by TlIndex (tl-index.c); this file keeps it: the story, its
 * story words' document frequency (terms), its entities with their document
 * frequency (for ranking and timelines), FTS5 over title and text.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-sqlite-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define APPLICATION_ID 0x544C4E53   /* "TLNS" */

static void tl_sqlite_store_iface_init (TlIndexStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TlSqliteStore, tl_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TL_TYPE_INDEX_STORE, tl_sqlite_store_iface_init))

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS documents ("
  "  id INTEGER PRIMARY KEY,"
  "  ext_id TEXT NOT NULL UNIQUE,"
  "  url TEXT, url_norm TEXT, title TEXT NOT NULL DEFAULT '', outlet TEXT,"
  "  published INTEGER, added INTEGER NOT NULL, topic REAL NOT NULL DEFAULT 0,"
  "  simhash INTEGER NOT NULL DEFAULT 0, text TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS documents_url ON documents(url_norm);"
  "CREATE INDEX IF NOT EXISTS documents_published ON documents(published);"
  "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
  "  title, text, content='documents', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE VIRTUAL TABLE IF NOT EXISTS documents_vocab USING fts5vocab(documents_fts, 'row');"
  "CREATE TRIGGER IF NOT EXISTS documents_ai AFTER INSERT ON documents BEGIN"
  "  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END;"
  "CREATE TRIGGER IF NOT EXISTS documents_ad AFTER DELETE ON documents BEGIN"
  "  INSERT INTO documents_fts(documents_fts, rowid, title, text)"
  "  VALUES ('delete', old.id, old.title, old.text); END;"
  "CREATE TABLE IF NOT EXISTS doc_entities ("
  "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL, count INTEGER NOT NULL, published INTEGER,"
  "  PRIMARY KEY (doc_id, key)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS doc_entities_key ON doc_entities(key, published);"
  "CREATE TABLE IF NOT EXISTS entities ("
  "  key TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, df INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
  /* Ids a story had before (schema 1 derived them from the URL without its
   * query): they still find it. */
  "CREATE TABLE IF NOT EXISTS doc_aliases ("
  "  alias TEXT PRIMARY KEY,"
  "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE) WITHOUT ROWID;"
  /* Document frequency of story words (title and the start of the text,
   * tl-index-features.c): cheaper to look up than fts5vocab, which walks a
   * term's whole posting list to count. */
  "CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;";

static void
tl_sqlite_store_finalize (GObject *object)
{
  TlSqliteStore *self = TL_SQLITE_STORE (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  G_OBJECT_CLASS (tl_sqlite_store_parent_class)->finalize (object);
}

static void
tl_sqlite_store_class_init (TlSqliteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_sqlite_store_finalize;
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tl_sqlite_store_init (TlSqliteStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, stmt_finalize);
}

/* Turns an SQLite failure into an error a user can act on. */
gboolean
_tl_sqlite_fail (TlSqliteStore *self,
                 int            rc,
                 const char    *what,
                 GError       **error)
{
  int code = TL_INDEX_ERROR_IO;
  const char *hint = "";

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      code = TL_INDEX_ERROR_FULL;
      hint = "; free some disk space and try again (nothing was half-written)";
      break;
    case SQLITE_CORRUPT:
      code = TL_INDEX_ERROR_CORRUPT;
      hint = "; run “telelens index check” and rebuild the index from your stories";
      break;
    case SQLITE_NOTADB:
      code = TL_INDEX_ERROR_FOREIGN;
      hint = "; it is not an SQLite database — move it away or pass another --db";
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      hint = "; another program holds the index — try again in a moment";
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      code = TL_INDEX_ERROR_OPEN;
      hint = "; check that the file and its folder are writable";
      break;
    default:
      break;
    }
  g_set_error (error, TL_INDEX_ERROR, code, "index %s: %s: %s%s", self->path, what,
               self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc), hint);
  return FALSE;
}

sqlite3_stmt *
_tl_sqlite_prepare (TlSqliteStore *self,
                    const char    *sql,
                    GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _tl_sqlite_fail (self, rc, "cannot read it", error);
      return NULL;
    }
  return stmt;
}

/* A statement prepared once and reused; reset and unbound on each use.
 * @sql must be a string literal (it is the cache key). */
sqlite3_stmt *
_tl_sqlite_stmt (TlSqliteStore *self,
                 const char    *sql,
                 GError       **error)
{
  sqlite3_stmt *st = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (st != NULL)
    {
      sqlite3_reset (st);
      sqlite3_clear_bindings (st);
      return st;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_sqlite_fail (self, rc, "preparing a statement", error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, (gpointer) sql, st);
  return st;
}

static gboolean
exec (TlSqliteStore *self,
      const char    *sql,
      const char    *what,
      GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  return rc == SQLITE_OK || _tl_sqlite_fail (self, rc, what, error);
}

static gboolean
check_identity (TlSqliteStore *self,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  gint64 app_id = 0, user_version = 0, n_tables = 0;

  /* Reading the header also detects files that are not SQLite at all. */
  if ((st = _tl_sqlite_prepare (self, "PRAGMA application_id", error)) == NULL)
    return FALSE;
  if (sqlite3_step (st) == SQLITE_ROW)
    app_id = sqlite3_column_int64 (st, 0);
  g_clear_pointer (&st, sqlite3_finalize);
  if ((st = _tl_sqlite_prepare (self, "PRAGMA user_version", error)) == NULL)
    return FALSE;
  if (sqlite3_step (st) == SQLITE_ROW)
    user_version = sqlite3_column_int64 (st, 0);
  g_clear_pointer (&st, sqlite3_finalize);
  if ((st = _tl_sqlite_prepare (self, "SELECT count(*) FROM sqlite_master", error)) == NULL)
    return FALSE;
  if (sqlite3_step (st) == SQLITE_ROW)
    n_tables = sqlite3_column_int64 (st, 0);

  if (app_id == 0 && n_tables == 0)
    return TRUE;  /* new */
  if (app_id != APPLICATION_ID)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                   "index %s: this SQLite database belongs to another program; "
                   "pass another --db (Telelens never writes into foreign files)", self->path);
      return FALSE;
    }
  if (user_version > _TL_SQLITE_SCHEMA_VERSION)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                   "index %s: made by a newer Telelens (schema %" G_GINT64_FORMAT
                   ", this one knows %d); upgrade Telelens", self->path, user_version,
                   _TL_SQLITE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* The index is the user's reading history: only they may read it. A new
 * file is made 0600 before SQLite opens it (SQLite gives its -wal and -shm
 * files the database's mode); an older one left readable by others is
 * tightened, with the files beside it. */
static gboolean
make_private (TlSqliteStore *self,
              gboolean   create,
              GError   **error)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *dir = g_path_get_dirname (self->path);
  GStatBuf st;

  if (g_stat (self->path, &st) != 0)
    {
      int fd, saved = errno;

      if (saved != ENOENT || !create)
        {
          g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN,
                       saved == ENOENT
                         ? "index %s does not exist: %s; import stories first (telelens import …) or pass the right --db"
                         : "index %s cannot be opened: %s",
                       self->path, g_strerror (saved));
          return FALSE;
        }
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          saved = errno;
          g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN,
                       "index %s: cannot create folder %s: %s", self->path, dir, g_strerror (saved));
          return FALSE;
        }
      fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno != EEXIST)
        {
          saved = errno;
          g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN,
                       "index %s cannot be created: %s; check that its folder is writable",
                       self->path, g_strerror (saved));
          return FALSE;
        }
      if (fd >= 0)
        close (fd);
      return TRUE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN,
                   "index %s is a folder; pass the database file (e.g. %s/index.db)", self->path, self->path);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (self->path, suffixes[i], NULL);
      if (g_stat (p, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 077) != 0 && st.st_uid == getuid ())
        {
          if (g_chmod (p, st.st_mode & 0700) == 0)
            g_debug ("%s was readable by other users; now 0%o", p, st.st_mode & 0700);
        }
    }
  return TRUE;
}

/**
 * tl_sqlite_store_open:
 * @path: the database file
 * @create: make it (0600, in a 0700 folder when it makes one) when missing
 * @error: return location for a #GError
 *
 * A file that is not a Telelens index, or is damaged, gives an error that
 * says so and is left untouched.
 *
 * Returns: (transfer full) (nullable): the store
 */
TlIndexStore *
tl_sqlite_store_open (const char  *path,
                      gboolean     create,
                      GError     **error)
{
  g_autoptr(TlSqliteStore) self = g_object_new (TL_TYPE_SQLITE_STORE, NULL);
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  if (!make_private (self, create, error))
    return NULL;
  /* Never SQLITE_OPEN_CREATE: make_private made the file, or it is there. */
  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_sqlite_fail (self, rc, "cannot open", error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  if (!_tl_sqlite_register_search (self->db))
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN,
                   "%s: this SQLite has no FTS5 (Telelens needs SQLite built with it)", self->path);
      return NULL;
    }
  if (!check_identity (self, error))
    return NULL;
  if (!exec (self, "PRAGMA journal_mode=WAL", "switching to WAL", error) ||
      !exec (self, "PRAGMA synchronous=NORMAL", "setting durability", error) ||
      !exec (self, "PRAGMA foreign_keys=ON", "enabling foreign keys", error) ||
      !exec (self, schema, "creating tables", error))
    return NULL;
  {
    g_autofree char *ids = g_strdup_printf ("PRAGMA application_id=%d", APPLICATION_ID);
    if (!exec (self, ids, "marking the file", error) ||
        !_tl_sqlite_migrate (self, error))
      return NULL;
  }
  return TL_INDEX_STORE (g_steal_pointer (&self));
}

static const char *
get_location (TlIndexStore *store)
{
  return TL_SQLITE_STORE (store)->path;
}

static gboolean
begin (TlIndexStore  *store,
       GError       **error)
{
  TlSqliteStore *self = TL_SQLITE_STORE (store);

  if (self->depth++ > 0)
    return TRUE;
  if (!exec (self, "BEGIN IMMEDIATE", "starting a transaction", error))
    {
      self->depth = 0;
      return FALSE;
    }
  return TRUE;
}

static void
rollback (TlIndexStore *store)
{
  TlSqliteStore *self = TL_SQLITE_STORE (store);

  self->depth = 0;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
commit (TlIndexStore  *store,
        GError       **error)
{
  TlSqliteStore *self = TL_SQLITE_STORE (store);

  g_return_val_if_fail (self->depth > 0, FALSE);
  if (--self->depth > 0)
    return TRUE;
  if (!exec (self, "COMMIT", "saving", error))
    {
      rollback (store);
      return FALSE;
    }
  return TRUE;
}

static char *
find_story (TlIndexStore  *store,
            const char    *id,
            GError       **error)
{
  TlSqliteStore *self = TL_SQLITE_STORE (store);
  sqlite3_stmt *st;
  char *found = NULL;

  if ((st = _tl_sqlite_stmt (self, "SELECT ext_id FROM documents WHERE ext_id = ?1 UNION ALL"
                                   " SELECT d.ext_id FROM doc_aliases a JOIN documents d ON d.id = a.doc_id"
                                   " WHERE a.alias = ?1 LIMIT 1", error)) == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    found = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  return found;
}

static void
bind_text_or_null (sqlite3_stmt *st,
                   int           i,
                   const char   *s)
{
  if (s != NULL)
    sqlite3_bind_text (st, i, s, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, i);
}

static gboolean
step_done (TlSqliteStore *self,
           sqlite3_stmt  *st,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (st);

  sqlite3_reset (st);
  return rc == SQLITE_DONE || _tl_sqlite_fail (self, rc, what, error);
}

/* The story, then its story words' counts, then its entities. */
static gboolean
add_story (TlIndexStore         *store,
           const TlStoreRecord  *rec,
           gboolean             *out_added,
           GError              **error)
{
  TlSqliteStore *self = TL_SQLITE_STORE (store);
  sqlite3_stmt *st;
  gint64 rowid;

  /* One writer at a time (BEGIN IMMEDIATE): find_story() just said the id
   * is new. */
  *out_added = TRUE;
  st = _tl_sqlite_stmt (self, "INSERT INTO documents (ext_id, url, url_norm, title, outlet, published, added,"
                              " topic, simhash, text) VALUES (?,?,?,?,?,?,?,?,?,?)", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, rec->id, -1, SQLITE_STATIC);
  bind_text_or_null (st, 2, rec->url);
  bind_text_or_null (st, 3, rec->url_norm);
  sqlite3_bind_text (st, 4, rec->title, -1, SQLITE_TRANSIENT);
  bind_text_or_null (st, 5, rec->outlet);
  if (rec->published != TL_INDEX_NO_DATE)
    sqlite3_bind_int64 (st, 6, rec->published);
  else
    sqlite3_bind_null (st, 6);
  sqlite3_bind_int64 (st, 7, rec->added);
  sqlite3_bind_double (st, 8, rec->topic);
  sqlite3_bind_int64 (st, 9, (sqlite3_int64) rec->simhash);
  sqlite3_bind_text (st, 10, rec->text, (int) rec->text_len, SQLITE_STATIC);
  if (!step_done (self, st, "storing a story", error))
    return FALSE;
  rowid = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < rec->words->len; i++)
    {
      st = _tl_sqlite_stmt (self, "INSERT INTO terms (term, df) VALUES (?, 1)"
                                  " ON CONFLICT DO UPDATE SET df = df + 1", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, g_ptr_array_index (rec->words, i), -1, SQLITE_STATIC);
      if (!step_done (self, st, "storing words", error))
        return FALSE;
    }

  for (guint i = 0; i < rec->entities->len; i++)
    {
      const TlStoreEntity *e = &g_array_index (rec->entities, TlStoreEntity, i);

      st = _tl_sqlite_stmt (self, "INSERT INTO doc_entities (doc_id, key, count, published)"
                                  " VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET count = count + excluded.count", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, rowid);
      sqlite3_bind_text (st, 2, e->key, -1, SQLITE_STATIC);
      sqlite3_bind_int (st, 3, e->count);
      if (rec->published != TL_INDEX_NO_DATE)
        sqlite3_bind_int64 (st, 4, rec->published);
      else
        sqlite3_bind_null (st, 4);
      if (!step_done (self, st, "storing entities", error))
        return FALSE;
      st = _tl_sqlite_stmt (self, "INSERT INTO entities (key, name, type, df) VALUES (?,?,?,1)"
                                  " ON CONFLICT DO UPDATE SET df = df + 1", error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_text (st, 1, e->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 2, e->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 3, e->type, -1, SQLITE_STATIC);
      if (!step_done (self, st, "storing entities", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
get_state (TlIndexStore  *store,
           const char    *key,
           char         **value)
{
  g_autoptr(sqlite3_stmt) st = _tl_sqlite_prepare (TL_SQLITE_STORE (store), "SELECT value FROM state WHERE key = ?", NULL);

  *value = NULL;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (st) != SQLITE_ROW)
    return FALSE;
  *value = g_strdup ((const char *) sqlite3_column_text (st, 0));
  return TRUE;
}

static gboolean
set_state (TlIndexStore  *store,
           const char    *key,
           const char    *value,
           GError       **error)
{
  TlSqliteStore *self = TL_SQLITE_STORE (store);
  sqlite3_stmt *st = _tl_sqlite_stmt (self, "INSERT INTO state (key, value) VALUES (?, ?)"
                                            " ON CONFLICT DO UPDATE SET value = excluded.value", error);

  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, value, -1, SQLITE_STATIC);
  return step_done (self, st, "saving state", error);
}

static GPtrArray *
list_cursors (TlIndexStore *store)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st = _tl_sqlite_stmt (TL_SQLITE_STORE (store),
                                      "SELECT key, value FROM state WHERE key LIKE '%\\_last\\_item' ESCAPE '\\'"
                                      " ORDER BY key", NULL);

  while (st && sqlite3_step (st) == SQLITE_ROW)
    {
      g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (st, 0)));
      g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (st, 1)));
    }
  if (st)
    sqlite3_reset (st);
  return out;
}

static guint64
count (TlIndexStore *store)
{
  g_autoptr(sqlite3_stmt) st = _tl_sqlite_prepare (TL_SQLITE_STORE (store), "SELECT count(*) FROM documents", NULL);
  return st && sqlite3_step (st) == SQLITE_ROW ? (guint64) sqlite3_column_int64 (st, 0) : 0;
}

static gint64
count_entities (TlIndexStore *store)
{
  sqlite3_stmt *st = _tl_sqlite_stmt (TL_SQLITE_STORE (store), "SELECT count(*) FROM entities", NULL);
  gint64 n = 0;

  if (st && sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  if (st)
    sqlite3_reset (st);
  return n;
}

static void
tl_sqlite_store_iface_init (TlIndexStoreInterface *iface)
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
  _tl_sqlite_query_iface_init (iface);
}
