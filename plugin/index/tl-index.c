/* tl-index.c — storage, ingest and ranking of the local story index
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * SQLite in WAL mode: a story is acknowledged only after its transaction
 * commits, and a committed transaction survives the process being killed.
 * Every statement is prepared with bound parameters. Each stored story is
 * analysed with the core; its entities are kept (with their document
 * frequency) for ranking and timelines, and a SimHash of its text finds
 * syndicated copies.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#define APPLICATION_ID 0x544C4E53   /* "TLNS" */
#define MAX_TEXT_BYTES _TL_INDEX_MAX_TEXT_BYTES

struct _TlIndex {
  GObject     parent_instance;
  char       *path;
  sqlite3    *db;
  TlAnalyzer *analyzer;
  guint       depth;   /* nested begin/commit */
  GHashTable *stmts;   /* SQL text → prepared statement, reused */
};

G_DEFINE_FINAL_TYPE (TlIndex, tl_index, G_TYPE_OBJECT)
G_DEFINE_QUARK (tl-index-error-quark, tl_index_error)

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
tl_index_finalize (GObject *object)
{
  TlIndex *self = TL_INDEX (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_clear_object (&self->analyzer);
  g_free (self->path);
  G_OBJECT_CLASS (tl_index_parent_class)->finalize (object);
}

static void
tl_index_class_init (TlIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_index_finalize;
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tl_index_init (TlIndex *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, stmt_finalize);
}

/* Turns an SQLite failure into an error a user can act on. */
gboolean
_tl_index_fail (TlIndex     *self,
         int          rc,
         const char  *what,
         GError     **error)
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

static sqlite3_stmt *
prepare (TlIndex     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _tl_index_fail (self, rc, "cannot read it", error);
      return NULL;
    }
  return stmt;
}

/* A statement prepared once and reused; reset and unbound on each use.
 * @sql must be a string literal (it is the cache key). */
sqlite3_stmt *
_tl_index_stmt (TlIndex     *self,
                const char  *sql,
                GError     **error)
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
      _tl_index_fail (self, rc, "preparing a statement", error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, (gpointer) sql, st);
  return st;
}

sqlite3 *
_tl_index_db (TlIndex *self)
{
  return self->db;
}

TlAnalyzer *
_tl_index_analyzer (TlIndex *self)
{
  return self->analyzer;
}

static gboolean
exec (TlIndex     *self,
      const char  *sql,
      const char  *what,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  return rc == SQLITE_OK || _tl_index_fail (self, rc, what, error);
}

/**
 * tl_index_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/telelens/index.db`
 */
char *
tl_index_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "telelens", "index.db", NULL);
}

static gboolean
check_identity (TlIndex  *self,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  gint64 app_id = 0, user_version = 0, n_tables = 0;

  /* Reading the header also detects files that are not SQLite at all. */
  if ((st = prepare (self, "PRAGMA application_id", error)) == NULL)
    return FALSE;
  if (sqlite3_step (st) == SQLITE_ROW)
    app_id = sqlite3_column_int64 (st, 0);
  g_clear_pointer (&st, sqlite3_finalize);
  if ((st = prepare (self, "PRAGMA user_version", error)) == NULL)
    return FALSE;
  if (sqlite3_step (st) == SQLITE_ROW)
    user_version = sqlite3_column_int64 (st, 0);
  g_clear_pointer (&st, sqlite3_finalize);
  if ((st = prepare (self, "SELECT count(*) FROM sqlite_master", error)) == NULL)
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
  if (user_version > _TL_INDEX_SCHEMA_VERSION)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                   "index %s: made by a newer Telelens (schema %" G_GINT64_FORMAT
                   ", this one knows %d); upgrade Telelens", self->path, user_version,
                   _TL_INDEX_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* The index is the user's reading history: only they may read it. A new
 * file is made 0600 before SQLite opens it (SQLite gives its -wal and -shm
 * files the database's mode); an older one left readable by others is
 * tightened, with the files beside it. */
static gboolean
make_private (TlIndex   *self,
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

static TlIndex *
open_index (const char  *path,
            TlAnalyzer  *analyzer,
            gboolean     create,
            GError     **error)
{
  g_autoptr(TlIndex) self = g_object_new (TL_TYPE_INDEX, NULL);
  int rc;

  g_return_val_if_fail (TL_IS_ANALYZER (analyzer), NULL);

  self->path = path ? g_strdup (path) : tl_index_default_path ();
  self->analyzer = g_object_ref (analyzer);
  if (!make_private (self, create, error))
    return NULL;
  /* Never SQLITE_OPEN_CREATE: make_private made the file, or it is there. */
  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _tl_index_fail (self, rc, "cannot open", error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
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
        !_tl_index_migrate (self, error))
      return NULL;
  }
  return g_steal_pointer (&self);
}

/**
 * tl_index_open:
 * @path: (nullable): the database file, %NULL for the default
 * @analyzer: analyzes stored stories
 * @error: return location for a #GError
 *
 * Opens or creates the index (0600, in a 0700 folder when it makes one).
 * A file that is not a Telelens index, or is damaged, gives an error that
 * says so and is left untouched.
 *
 * Returns: (transfer full) (nullable): the index
 */
TlIndex *
tl_index_open (const char  *path,
               TlAnalyzer  *analyzer,
               GError     **error)
{
  return open_index (path, analyzer, TRUE, error);
}

/**
 * tl_index_open_existing:
 * @path: (nullable): the database file, %NULL for the default
 * @analyzer: analyzes stored stories
 * @error: return location for a #GError
 *
 * As tl_index_open(), for commands that only read: a missing file is an
 * error (%TL_INDEX_ERROR_OPEN naming the path), never a new empty index.
 *
 * Returns: (transfer full) (nullable): the index
 */
TlIndex *
tl_index_open_existing (const char  *path,
                        TlAnalyzer  *analyzer,
                        GError     **error)
{
  return open_index (path, analyzer, FALSE, error);
}

const char *
tl_index_get_path (TlIndex *self)
{
  return self->path;
}

gboolean
tl_index_begin (TlIndex  *self,
                GError  **error)
{
  if (self->depth++ > 0)
    return TRUE;
  if (!exec (self, "BEGIN IMMEDIATE", "starting a transaction", error))
    {
      self->depth = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
tl_index_commit (TlIndex  *self,
                 GError  **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);
  if (--self->depth > 0)
    return TRUE;
  if (!exec (self, "COMMIT", "saving", error))
    {
      tl_index_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
tl_index_rollback (TlIndex *self)
{
  self->depth = 0;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* --- Story word counts -------------------------------------------------------- */

typedef struct {
  TlIndex    *self;
  GHashTable *seen;
  gboolean    failed;
  GError    **error;
} TermCount;

static void
count_term (const char *w,
            gpointer    data)
{
  TermCount *tc = data;
  sqlite3_stmt *st;
  int rc;

  if (tc->failed || !g_hash_table_add (tc->seen, g_strdup (w)))
    return;
  st = _tl_index_stmt (tc->self, "INSERT INTO terms (term, df) VALUES (?, 1)"
                                 " ON CONFLICT DO UPDATE SET df = df + 1", tc->error);
  if (st == NULL)
    {
      tc->failed = TRUE;
      return;
    }
  sqlite3_bind_text (st, 1, w, -1, SQLITE_STATIC);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      tc->failed = TRUE;
      _tl_index_fail (tc->self, rc, "storing words", tc->error);
    }
}

/* --- Documents -------------------------------------------------------------- */

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

/**
 * tl_index_add:
 * @self: a #TlIndex
 * @doc: the story
 * @out_id: (out) (optional) (transfer full): its id
 * @out_new: (out) (optional): %FALSE when the id was already stored
 * @error: return location for a #GError
 *
 * Stores one story with its entities. Outside tl_index_begin() it is its own
 * transaction: when this returns %TRUE the story is on disk.
 *
 * Returns: %TRUE on success
 */
gboolean
tl_index_add (TlIndex          *self,
              const TlIndexDoc *doc,
              char            **out_id,
              gboolean         *out_new,
              GError          **error)
{
  g_autoptr(TlAnalysis) analysis = NULL;
  sqlite3_stmt *st = NULL;
  g_autofree char *id = NULL, *url_norm = NULL;
  g_autoptr(GError) local = NULL;
  const TlEntity *entities;
  guint n_entities;
  gint64 rowid;
  double score;
  gsize text_len;
  const char *text;
  int rc;

  g_return_val_if_fail (TL_IS_INDEX (self), FALSE);
  g_return_val_if_fail (doc != NULL && doc->text != NULL, FALSE);

  if (out_new)
    *out_new = FALSE;
  if (strlen (doc->text) > MAX_TEXT_BYTES)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID,
                   "story is larger than %" G_GSIZE_FORMAT " MiB", MAX_TEXT_BYTES >> 20);
      return FALSE;
    }
  id = doc->id && *doc->id ? g_strdup (doc->id) : _tl_index_derive_id (doc->url, doc->title, doc->text);

  /* Already stored, under this id or one it had before: nothing to do
   * (imports are idempotent). */
  if ((st = _tl_index_stmt (self, "SELECT ext_id FROM documents WHERE ext_id = ?1 UNION ALL"
                                  " SELECT d.ext_id FROM doc_aliases a JOIN documents d ON d.id = a.doc_id"
                                  " WHERE a.alias = ?1 LIMIT 1", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      if (out_id)
        *out_id = g_strdup ((const char *) sqlite3_column_text (st, 0));
      sqlite3_reset (st);
      return TRUE;
    }
  sqlite3_reset (st);
  if (out_id)
    *out_id = g_strdup (id);

  analysis = tl_analyzer_analyze (self->analyzer, doc->text, strlen (doc->text), TL_INPUT_AUTO, &local);
  if (analysis == NULL)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID, "“text”: %s", local->message);
      return FALSE;
    }
  text = tl_analysis_get_text (analysis, &text_len);
  tl_analysis_get_topic (analysis, &score);
  url_norm = _tl_index_normalize_url (doc->url);

  if (!tl_index_begin (self, error))
    return FALSE;
  st = _tl_index_stmt (self, "INSERT INTO documents (ext_id, url, url_norm, title, outlet, published, added,"
                      " topic, simhash, text) VALUES (?,?,?,?,?,?,?,?,?,?)", error);
  if (st == NULL)
    goto fail;
  sqlite3_bind_text (st, 1, id, -1, SQLITE_STATIC);
  bind_text_or_null (st, 2, doc->url);
  bind_text_or_null (st, 3, url_norm);
  sqlite3_bind_text (st, 4, doc->title ? doc->title : (tl_analysis_get_title (analysis) ? tl_analysis_get_title (analysis) : ""), -1, SQLITE_TRANSIENT);
  bind_text_or_null (st, 5, doc->outlet);
  if (doc->published != TL_INDEX_NO_DATE)
    sqlite3_bind_int64 (st, 6, doc->published);
  else
    sqlite3_bind_null (st, 6);
  sqlite3_bind_int64 (st, 7, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_double (st, 8, score);
  sqlite3_bind_int64 (st, 9, (sqlite3_int64) _tl_simhash (text, text_len));
  sqlite3_bind_text (st, 10, text, (int) text_len, SQLITE_STATIC);
  if ((rc = sqlite3_step (st)) != SQLITE_DONE)
    {
      _tl_index_fail (self, rc, "storing a story", error);
      goto fail;
    }
  rowid = sqlite3_last_insert_rowid (self->db);
  sqlite3_reset (st);

  {
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    const char *t = doc->title ? doc->title : tl_analysis_get_title (analysis);
    TermCount tc = { self, seen, FALSE, error };
    g_autofree char *head = g_strndup (text, MIN (text_len, TL_INDEX_STORY_WORD_BYTES));

    _tl_index_foreach_story_word (t, head, count_term, &tc);
    if (tc.failed)
      goto fail;
  }

  entities = tl_analysis_get_entities (analysis, &n_entities);
  for (guint i = 0; i < n_entities; i++)
    {
      g_autofree char *key = tl_analysis_get_entity_key (analysis, i);
      sqlite3_stmt *e1 = _tl_index_stmt (self, "INSERT INTO doc_entities (doc_id, key, count, published)"
                                                  " VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET count = count + excluded.count", error);
      sqlite3_stmt *e2 = NULL;

      if (e1 == NULL)
        goto fail;
      sqlite3_bind_int64 (e1, 1, rowid);
      sqlite3_bind_text (e1, 2, key, -1, SQLITE_STATIC);
      sqlite3_bind_int (e1, 3, entities[i].mentions->len);
      if (doc->published != TL_INDEX_NO_DATE)
        sqlite3_bind_int64 (e1, 4, doc->published);
      else
        sqlite3_bind_null (e1, 4);
      if ((rc = sqlite3_step (e1)) != SQLITE_DONE)
        {
          _tl_index_fail (self, rc, "storing entities", error);
          goto fail;
        }
      sqlite3_reset (e1);
      e2 = _tl_index_stmt (self, "INSERT INTO entities (key, name, type, df) VALUES (?,?,?,1)"
                          " ON CONFLICT DO UPDATE SET df = df + 1", error);
      if (e2 == NULL)
        goto fail;
      sqlite3_bind_text (e2, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (e2, 2, entities[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (e2, 3, tl_entity_type_to_string (entities[i].type), -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (e2)) != SQLITE_DONE)
        {
          _tl_index_fail (self, rc, "storing entities", error);
          goto fail;
        }
      sqlite3_reset (e2);
    }
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *stamp = g_date_time_format_iso8601 (now);
    if (!tl_index_set_state (self, "last_ingest", stamp, error))
      goto fail;
  }
  if (!tl_index_commit (self, error))
    return FALSE;
  if (out_new)
    *out_new = TRUE;
  return TRUE;

fail:
  tl_index_rollback (self);
  return FALSE;
}

gboolean
tl_index_get_state (TlIndex    *self,
                    const char *key,
                    char      **value)
{
  g_autoptr(sqlite3_stmt) st = prepare (self, "SELECT value FROM state WHERE key = ?", NULL);

  *value = NULL;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (st) != SQLITE_ROW)
    return FALSE;
  *value = g_strdup ((const char *) sqlite3_column_text (st, 0));
  return TRUE;
}

gboolean
tl_index_set_state (TlIndex    *self,
                    const char *key,
                    const char *value,
                    GError    **error)
{
  sqlite3_stmt *st = _tl_index_stmt (self, "INSERT INTO state (key, value) VALUES (?, ?)"
                                            " ON CONFLICT DO UPDATE SET value = excluded.value", error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return _tl_index_fail (self, rc, "saving state", error);
  return TRUE;
}

guint64
tl_index_count (TlIndex *self)
{
  g_autoptr(sqlite3_stmt) st = prepare (self, "SELECT count(*) FROM documents", NULL);
  return st && sqlite3_step (st) == SQLITE_ROW ? (guint64) sqlite3_column_int64 (st, 0) : 0;
}
