/* tl-watch-list.c — the user's watch-list file, as Preferences edit it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The watch list is the user's own data, so the rules are strict:
 *  - A file that cannot be read, parsed or loaded is never written: it is
 *    kept as it is, and the error says where (line and column) and what to
 *    do. Editing stays off until it loads.
 *  - Every save is validated with the same loader the reader uses (never a
 *    file Telelens itself would refuse), written to a temporary file and
 *    renamed over the old one (g_file_replace_contents), which is kept as
 *    `watchlist.json~`.
 *  - A file changed on disk since it was read (another Preferences window,
 *    a text editor) is not overwritten: its etag is checked.
 *  - Whatever the file holds beyond the entities is written back as it was.
 * GLib and json-glib only (no GTK), so it is tested on its own.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-watch-list.h"

#include <telelens/telelens.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (tl-watch-list-error-quark, tl_watch_list_error)

struct _TlWatchList {
  GObject   parent_instance;
  char     *path;
  JsonNode *root;       /* the file's top-level object, or NULL when not editable */
  char     *etag;       /* of the file as read or last written; NULL if there was none */
};

G_DEFINE_FINAL_TYPE (TlWatchList, tl_watch_list, G_TYPE_OBJECT)

static void
tl_watch_list_finalize (GObject *object)
{
  TlWatchList *self = TL_WATCH_LIST (object);

  g_free (self->path);
  g_free (self->etag);
  g_clear_pointer (&self->root, json_node_unref);
  G_OBJECT_CLASS (tl_watch_list_parent_class)->finalize (object);
}

static void
tl_watch_list_class_init (TlWatchListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_watch_list_finalize;
}

static void
tl_watch_list_init (TlWatchList *self)
{
}

/**
 * tl_watch_list_new:
 * @path: (nullable): the file, or %NULL for the user's watch list
 *
 * Returns: (transfer full): a watch list, not read yet (see tl_watch_list_load())
 */
TlWatchList *
tl_watch_list_new (const char *path)
{
  TlWatchList *self = g_object_new (TL_TYPE_WATCH_LIST, NULL);

  self->path = path ? g_strdup (path) : tl_knowledge_base_get_watch_list_path ();
  return self;
}

const char *
tl_watch_list_get_path (TlWatchList *self)
{
  g_return_val_if_fail (TL_IS_WATCH_LIST (self), NULL);
  return self->path;
}

static JsonArray *
entities (JsonNode *root)
{
  return json_object_get_array_member (json_node_get_object (root), "entities");
}

/* json_node_copy() shares objects and arrays: a change must not reach the
 * list in memory before it is saved. */
static JsonNode *
deep_copy (JsonNode *root)
{
  g_autofree char *text = json_to_string (root, FALSE);
  return json_from_string (text, NULL);
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: WHAT"; a person wants
 * "line LINE, column COLUMN: WHAT". */
static char *
describe_parse_error (const char *message)
{
  unsigned line, column;
  int used = 0;
  const char *what;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &used) < 2 || used == 0)
    return g_strdup (message);
  what = message + used;
  if (g_str_has_prefix (what, "Parse error: "))
    what += strlen ("Parse error: ");
  return g_strdup_printf ("line %u, column %u: %s", line, column, what);
}

/* The reader's own loader: what it refuses, Preferences neither accept
 * nor write. */
static gboolean
loads_in_reader (const char  *data,
                 gsize        length,
                 const char  *origin,
                 GError     **error)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();

  return tl_knowledge_base_load_data (kb, data, length, origin, TRUE, error);
}

/**
 * tl_watch_list_load:
 * @self: a #TlWatchList
 * @error: return location for a #GError
 *
 * Reads the file. A missing file is an empty list that can be edited. A
 * file that cannot be read or loaded gives %TL_WATCH_LIST_ERROR_UNREADABLE
 * with the path and, for JSON errors, the line and column; the list then
 * stays empty and editing is refused until a later load succeeds.
 *
 * Returns: %TRUE when the list can be edited
 */
gboolean
tl_watch_list_load (TlWatchList  *self,
                    GError      **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *data = NULL;
  g_autofree char *etag = NULL;
  gsize length = 0;
  JsonNode *root;

  g_return_val_if_fail (TL_IS_WATCH_LIST (self), FALSE);

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->etag, g_free);
  file = g_file_new_for_path (self->path);
  if (!g_file_load_contents (file, NULL, &data, &length, &etag, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          self->root = json_from_string ("{\"entities\": []}", NULL);
          return TRUE;
        }
      g_set_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_UNREADABLE,
                   "%s: %s", self->path, local->message);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      g_autofree char *where = describe_parse_error (local->message);
      g_set_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_UNREADABLE,
                   "%s: %s", self->path, where);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "entities") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "entities")))
    {
      g_set_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_UNREADABLE,
                   "%s: expected an object with an “entities” list", self->path);
      return FALSE;
    }
  if (!loads_in_reader (data, length, self->path, &local))
    {
      g_set_error_literal (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_UNREADABLE, local->message);
      return FALSE;
    }
  self->root = json_node_ref (root);
  self->etag = g_steal_pointer (&etag);
  return TRUE;
}

/**
 * tl_watch_list_is_editable:
 * @self: a #TlWatchList
 *
 * Returns: %TRUE when the last load succeeded (or found no file)
 */
gboolean
tl_watch_list_is_editable (TlWatchList *self)
{
  g_return_val_if_fail (TL_IS_WATCH_LIST (self), FALSE);
  return self->root != NULL;
}

guint
tl_watch_list_get_n_entries (TlWatchList *self)
{
  g_return_val_if_fail (TL_IS_WATCH_LIST (self), 0);
  return self->root ? json_array_get_length (entities (self->root)) : 0;
}

/**
 * tl_watch_list_describe_entry:
 * @self: a #TlWatchList
 * @index: an entry
 *
 * Returns: (transfer full): "Name (Type)", for a list row
 */
char *
tl_watch_list_describe_entry (TlWatchList *self,
                              guint        index)
{
  JsonObject *o;
  const char *name, *type;
  TlEntityType t;

  g_return_val_if_fail (TL_IS_WATCH_LIST (self), NULL);
  g_return_val_if_fail (index < tl_watch_list_get_n_entries (self), NULL);

  /* A loaded list has only objects with a name and a type (the reader's
   * loader checked). */
  o = json_array_get_object_element (entities (self->root), index);
  name = json_object_get_string_member_with_default (o, "name", "?");
  type = json_object_get_string_member_with_default (o, "type", "?");
  return g_strdup_printf ("%s (%s)", name, tl_entity_type_from_string (type, &t) ? tl_entity_type_label (t) : type);
}

/* Validates @root as the reader would load it, then replaces the file:
 * temporary file, rename, the old version kept as PATH~. */
static gboolean
save (TlWatchList  *self,
      JsonNode     *root,
      GError      **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GError) local = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *data = NULL;
  g_autofree char *new_etag = NULL;
  gsize length;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  data = json_generator_to_data (gen, &length);
  if (!loads_in_reader (data, length, self->path, &local))
    {
      g_set_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_INVALID,
                   "Not saved: %s", local->message);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "Could not create %s: %s", dir, g_strerror (errsv));
      return FALSE;
    }
  /* Read as missing: a file that appeared since is someone else's. */
  if (self->etag == NULL && g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_CHANGED,
                   "%s appeared since Preferences read the watch list; nothing was saved. "
                   "Press Reload, then make the change again", self->path);
      return FALSE;
    }
  if (!g_file_replace_contents (file, data, length, self->etag, self->etag != NULL,
                                G_FILE_CREATE_PRIVATE, &new_etag, NULL, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        g_set_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_CHANGED,
                     "%s changed on disk since Preferences read it; nothing was saved. "
                     "Press Reload, then make the change again", self->path);
      else
        g_set_error (error, local->domain, local->code, "Could not save %s: %s", self->path, local->message);
      return FALSE;
    }
  g_free (self->etag);
  self->etag = g_steal_pointer (&new_etag);
  g_clear_pointer (&self->root, json_node_unref);
  self->root = json_node_ref (root);
  return TRUE;
}

static gboolean
check_editable (TlWatchList  *self,
                GError      **error)
{
  if (self->root != NULL)
    return TRUE;
  g_set_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_READ_ONLY,
               "%s could not be read, so Telelens does not change it: fix the error "
               "in a text editor, then press Reload", self->path);
  return FALSE;
}

/**
 * tl_watch_list_add:
 * @self: a #TlWatchList
 * @name: the name to highlight
 * @type: an entity type (`organization`, `person`, …)
 * @aliases: (nullable) (array zero-terminated=1): other names; blanks are dropped
 * @error: return location for a #GError
 *
 * Adds an entry and saves the file (see the rules at the top of this
 * file). On failure nothing changes, in memory or on disk.
 *
 * Returns: %TRUE when saved
 */
gboolean
tl_watch_list_add (TlWatchList        *self,
                   const char         *name,
                   const char         *type,
                   const char *const  *aliases,
                   GError            **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) al = json_array_new ();
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *folded = NULL;
  JsonArray *list;
  JsonObject *entry;
  TlEntityType t;

  g_return_val_if_fail (TL_IS_WATCH_LIST (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  if (*trimmed == '\0' || type == NULL || !tl_entity_type_from_string (type, &t))
    {
      g_set_error_literal (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_INVALID,
                           "Give a name and a type.");
      return FALSE;
    }
  folded = g_utf8_casefold (trimmed, -1);
  list = entities (self->root);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      g_autofree char *other = g_utf8_casefold (json_object_get_string_member_with_default (
                                                  json_array_get_object_element (list, i), "name", ""), -1);
      if (g_strcmp0 (folded, other) == 0)
        {
          g_set_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_INVALID,
                       "“%s” is already on your watch list.", trimmed);
          return FALSE;
        }
    }

  for (const char *const *a = aliases; a && *a; a++)
    {
      g_autofree char *alias = g_strstrip (g_strdup (*a));
      if (*alias)
        json_array_add_string_element (al, alias);
    }
  entry = json_object_new ();
  json_object_set_string_member (entry, "name", trimmed);
  json_object_set_string_member (entry, "type", tl_entity_type_to_string (t));
  json_object_set_array_member (entry, "aliases", g_steal_pointer (&al));
  root = deep_copy (self->root);
  json_array_add_object_element (entities (root), entry);
  return save (self, root, error);
}

/**
 * tl_watch_list_remove:
 * @self: a #TlWatchList
 * @index: the entry to remove
 * @error: return location for a #GError
 *
 * Removes an entry and saves the file. On failure nothing changes.
 *
 * Returns: %TRUE when saved
 */
gboolean
tl_watch_list_remove (TlWatchList  *self,
                      guint         index,
                      GError      **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (TL_IS_WATCH_LIST (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  g_return_val_if_fail (index < tl_watch_list_get_n_entries (self), FALSE);
  root = deep_copy (self->root);
  json_array_remove_element (entities (root), index);
  return save (self, root, error);
}
