/* tl-liferea-source.c — the stories in Liferea's own database
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
 * Items only grow in item_id, so the cursor is the item id: the index keeps
 * the highest one imported ("liferea_last_item") and the next run starts
 * after it. The cursor's second line names the database it counts in: item
 * ids are per database (a demo profile's, the user's own), so a cursor of
 * another database, or one past the database's last item (a profile made
 * anew), reads this one from its start (the stories already in the index
 * are not added twice). Story ids are "liferea:NODE:ITEM". The database is
 * opened read-only; Liferea may be running.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-liferea-source.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct _TlLifereaSource {
  GObject  parent_instance;
  char    *path;
  char    *identity;  /* the database's real path (at the last read), in the cursor */
};

static void story_source_iface_init (TlStorySourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TlLifereaSource, tl_liferea_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TL_TYPE_STORY_SOURCE, story_source_iface_init))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/**
 * tl_liferea_default_db_path:
 *
 * Returns: (transfer full): where Liferea keeps its database for this user
 */
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

static const char *
tl_liferea_source_get_name (TlStorySource *source)
{
  return "liferea";
}

/* Liferea writes through its WAL: both files change. */
static char **
tl_liferea_source_get_watch_paths (TlStorySource *source)
{
  TlLifereaSource *self = TL_LIFEREA_SOURCE (source);
  char **paths = g_new0 (char *, 3);

  paths[0] = g_strdup (self->path);
  paths[1] = g_strconcat (self->path, "-wal", NULL);
  return paths;
}

/* One read: the database, open for as long as the import runs, and the ids
 * of the items after the cursor. */
typedef struct {
  sqlite3      *db;
  sqlite3_stmt *item;
  GArray       *ids;    /* gint64 item_id, ascending */
} Listing;

static void
tl_liferea_source_free_listing (TlStorySource *source,
                                gpointer       data)
{
  Listing *l = data;

  g_clear_pointer (&l->item, sqlite3_finalize);
  g_clear_pointer (&l->db, sqlite3_close_v2);
  g_clear_pointer (&l->ids, g_array_unref);
  g_free (l);
}

/* The item after which to read: the cursor's, when it counts in this
 * database; 0 (from the start) for another database's cursor, or one past
 * this database's last item (made anew since, its ids counted again). */
static gint64
cursor_start (TlLifereaSource *self,
              sqlite3         *db,
              const char      *cursor)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  const char *nl;
  gint64 after;

  /* The same database however it is named (relative, through a link). */
  g_free (self->identity);
  self->identity = realpath (self->path, NULL);
  if (self->identity == NULL)
    self->identity = g_canonicalize_filename (self->path, NULL);
  if (cursor == NULL)
    return 0;
  after = g_ascii_strtoll (cursor, NULL, 10);
  /* (A cursor of one line is from before databases were named: this one's.) */
  if ((nl = strchr (cursor, '\n')) != NULL && strcmp (nl + 1, self->identity) != 0)
    {
      g_message ("liferea: %s is not the database the index followed before (%s); reading it from its start",
                 self->path, nl + 1);
      return 0;
    }
  if (sqlite3_prepare_v2 (db, "SELECT coalesce(max(item_id), 0) FROM items", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step (st) == SQLITE_ROW && sqlite3_column_int64 (st, 0) < after)
    {
      g_message ("liferea: %s ends before the index's cursor (item %" G_GINT64_FORMAT "): made anew; "
                 "reading it from its start", self->path, after);
      return 0;
    }
  return after;
}

static gpointer
tl_liferea_source_list (TlStorySource  *source,
                        const char     *cursor,
                        guint          *out_n,
                        GError        **error)
{
  TlLifereaSource *self = TL_LIFEREA_SOURCE (source);
  g_autoptr(sqlite3_stmt) st = NULL;
  Listing *l;
  int rc;

  l = g_new0 (Listing, 1);
  l->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if ((l->db = open_readonly (self->path, error)) == NULL)
    goto fail;
  if (sqlite3_prepare_v2 (l->db, "SELECT item_id FROM items WHERE item_id > ? AND coalesce(comment, 0) = 0"
                                 " ORDER BY item_id", -1, &st, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (l->db, "SELECT i.node_id, i.title, i.source, i.description, i.date, n.title"
                                 " FROM items i LEFT JOIN node n ON n.node_id = i.node_id"
                                 " WHERE i.item_id = ?", -1, &l->item, NULL) != SQLITE_OK)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                   "%s does not look like a Liferea 1.14 or 1.15 database: %s", self->path, sqlite3_errmsg (l->db));
      goto fail;
    }
  sqlite3_bind_int64 (st, 1, cursor_start (self, l->db, cursor));
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      g_array_append_val (l->ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_IO, "reading the Liferea database %s failed: %s",
                   self->path, sqlite3_errmsg (l->db));
      goto fail;
    }
  *out_n = l->ids->len;
  return l;

fail:
  tl_liferea_source_free_listing (source, l);
  return NULL;
}

static gboolean
tl_liferea_source_load (TlStorySource  *source,
                        gpointer        data,
                        guint           i,
                        TlIndexDoc     *doc,
                        GError        **error)
{
  Listing *l = data;
  gint64 item_id = g_array_index (l->ids, gint64, i);
  int rc;

  sqlite3_reset (l->item);
  sqlite3_bind_int64 (l->item, 1, item_id);
  rc = sqlite3_step (l->item);
  if (rc == SQLITE_DONE)
    return TRUE;   /* Liferea removed it since: nothing to store */
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_IO, "reading item %" G_GINT64_FORMAT
                   " of the Liferea database %s failed: %s", item_id,
                   TL_LIFEREA_SOURCE (source)->path, sqlite3_errmsg (l->db));
      return FALSE;
    }
  doc->id = g_strdup_printf ("liferea:%s:%" G_GINT64_FORMAT, sqlite3_column_text (l->item, 0), item_id);
  doc->title = g_strdup ((const char *) sqlite3_column_text (l->item, 1));
  doc->url = g_strdup ((const char *) sqlite3_column_text (l->item, 2));
  doc->text = g_strdup ((const char *) sqlite3_column_text (l->item, 3));
  doc->outlet = g_strdup ((const char *) sqlite3_column_text (l->item, 5));
  doc->published = sqlite3_column_type (l->item, 4) == SQLITE_NULL || sqlite3_column_int64 (l->item, 4) == 0
                     ? TL_INDEX_NO_DATE : sqlite3_column_int64 (l->item, 4);
  return TRUE;
}

static char *
tl_liferea_source_get_cursor (TlStorySource *source,
                              gpointer       data,
                              guint          n_read)
{
  Listing *l = data;

  return g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", g_array_index (l->ids, gint64, n_read - 1),
                          TL_LIFEREA_SOURCE (source)->identity);
}

static void
story_source_iface_init (TlStorySourceInterface *iface)
{
  iface->get_name = tl_liferea_source_get_name;
  iface->get_watch_paths = tl_liferea_source_get_watch_paths;
  iface->list = tl_liferea_source_list;
  iface->load = tl_liferea_source_load;
  iface->get_cursor = tl_liferea_source_get_cursor;
  iface->free_listing = tl_liferea_source_free_listing;
}

static void
tl_liferea_source_finalize (GObject *object)
{
  g_free (TL_LIFEREA_SOURCE (object)->path);
  g_free (TL_LIFEREA_SOURCE (object)->identity);
  G_OBJECT_CLASS (tl_liferea_source_parent_class)->finalize (object);
}

static void
tl_liferea_source_class_init (TlLifereaSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_liferea_source_finalize;
}

static void
tl_liferea_source_init (TlLifereaSource *self)
{
}

/**
 * tl_liferea_source_new:
 * @db_path: (nullable): Liferea's database, %NULL for this user's
 *
 * Nothing is opened until the first read: Liferea may not have run yet.
 *
 * Returns: (transfer full): the source
 */
TlStorySource *
tl_liferea_source_new (const char *db_path)
{
  TlLifereaSource *self = g_object_new (TL_TYPE_LIFEREA_SOURCE, NULL);

  self->path = db_path ? g_strdup (db_path) : tl_liferea_default_db_path ();
  return TL_STORY_SOURCE (self);
}

const char *
tl_liferea_source_get_path (TlLifereaSource *self)
{
  g_return_val_if_fail (TL_IS_LIFEREA_SOURCE (self), NULL);
  return self->path;
}
