/* tl-prefs-watch.c — the watch list's view state, for every toolkit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The file itself is TlWatchList's business (read, validate, atomic write
 * with a backup, never over a file it could not read). This decides what
 * the preferences show about it (the problem and whether adding is offered,
 * the status line, the entries) and turns the add row's text into an
 * entry; a front end (tl-prefs.c, tl-prefs-gtk4.c) only shows it through
 * its TlPrefsWatchView.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-prefs-watch.h"
#include "tl-prefs-table.h"
#include "tl-watch-list.h"

#include <telelens/telelens.h>

struct _TlPrefsWatch {
  TlWatchList      *file;
  TlPrefsWatchView  view;
};

static void add_from_row (TlPrefsWatch *self);

/**
 * tl_prefs_watch_new:
 * @path: (nullable): the watch list file; %NULL for the user's own
 *   (~/.local/share/telelens/watchlist.json)
 * @view: the front end's widgets (copied), made and owned by it; the add
 *   button and the name entry's Enter add an entry from then on
 *
 * Nothing is shown until tl_prefs_watch_load().
 *
 * Returns: (transfer full): the watch list's view state
 */
TlPrefsWatch *
tl_prefs_watch_new (const char             *path,
                    const TlPrefsWatchView *view)
{
  TlPrefsWatch *self = g_new0 (TlPrefsWatch, 1);

  self->file = tl_watch_list_new (path);
  self->view = *view;
  if (view->add)
    g_signal_connect_swapped (view->add, "clicked", G_CALLBACK (add_from_row), self);
  if (view->name)
    g_signal_connect_swapped (view->name, "activate", G_CALLBACK (add_from_row), self);
  return self;
}

void
tl_prefs_watch_free (TlPrefsWatch *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->file);
  g_free (self);
}

/* @message (or nothing) above the list; adding only while @editable. */
static void
show_problem (TlPrefsWatch *self,
              const char   *message,
              gboolean      editable)
{
  g_object_set (self->view.problem_label, "label", message ? message : "", NULL);
  g_object_set (self->view.problem, "visible", message != NULL, NULL);
  g_object_set (self->view.add_row, "sensitive", editable, NULL);
}

static void
show_status (TlPrefsWatch *self,
             const char   *text)
{
  g_object_set (self->view.status, "label", text, NULL);
}

static void
refresh (TlPrefsWatch *self)
{
  guint n = tl_watch_list_get_n_entries (self->file);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (entries, tl_watch_list_describe_entry (self->file, i));
  g_ptr_array_add (entries, NULL);
  self->view.show_entries (self, self->view.list, (const char *const *) entries->pdata,
                           n == 0 && tl_watch_list_is_editable (self->file) ? TL_PREFS_WATCH_EMPTY : NULL);
}

/* After a change: a refused entry says why under the add row and the list
 * stays editable; a file that could not be written, or changed on disk,
 * stops editing until Reload. */
static void
saved (TlPrefsWatch *self,
       const GError *error)
{
  if (error == NULL)
    {
      show_problem (self, NULL, TRUE);
      show_status (self, TL_PREFS_WATCH_SAVED);
    }
  else if (g_error_matches (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_INVALID))
    show_status (self, error->message);
  else
    {
      show_status (self, "");
      show_problem (self, error->message, FALSE);
    }
  refresh (self);
}

/**
 * tl_prefs_watch_load:
 * @self: the watch list's view state
 *
 * Reads the file (again: Reload) and shows it, or why it cannot be edited.
 */
void
tl_prefs_watch_load (TlPrefsWatch *self)
{
  g_autoptr(GError) error = NULL;

  if (tl_watch_list_load (self->file, &error))
    show_problem (self, NULL, TRUE);
  else
    {
      g_autofree char *msg = tl_prefs_watch_unreadable (error);
      show_problem (self, msg, FALSE);
    }
  show_status (self, "");
  refresh (self);
}

/**
 * tl_prefs_watch_add:
 * @self: the watch list's view state
 * @name: the add row's name, as typed
 * @aliases: the add row's aliases, as typed (comma-separated)
 * @type: (nullable): the chosen entity type's id; %NULL when none is
 *   chosen (refused, saying so)
 *
 * Returns: %TRUE when the entry was saved (the front end clears the add
 *   row), %FALSE when it was refused or could not be saved (shown)
 */
gboolean
tl_prefs_watch_add (TlPrefsWatch *self,
                    const char   *name,
                    const char   *aliases,
                    const char   *type)
{
  g_auto(GStrv) split = g_strsplit (aliases ? aliases : "", ",", -1);
  g_autoptr(GError) error = NULL;
  gboolean ok = tl_watch_list_add (self->file, name ? name : "", type, (const char *const *) split, &error);

  saved (self, error);
  return ok;
}

/**
 * tl_prefs_watch_remove:
 * @self: the watch list's view state
 * @index: an entry's position as last shown
 */
void
tl_prefs_watch_remove (TlPrefsWatch *self,
                       guint         index)
{
  g_autoptr(GError) error = NULL;

  if (index >= tl_watch_list_get_n_entries (self->file))
    return;
  tl_watch_list_remove (self->file, index, &error);
  saved (self, error);
}

/* The add row's entry: its name and aliases as typed, the chosen type (by
 * id or by position); the row is cleared once the entry is saved. */
static void
add_from_row (TlPrefsWatch *self)
{
  g_autofree char *name = NULL, *aliases = NULL, *type_id = NULL;
  const char *type = NULL;
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->view.type), self->view.type_property);

  g_object_get (self->view.name, "text", &name, NULL);
  g_object_get (self->view.aliases, "text", &aliases, NULL);
  if (pspec && pspec->value_type == G_TYPE_UINT)
    {
      guint i = G_MAXUINT;
      g_object_get (self->view.type, self->view.type_property, &i, NULL);
      type = i < TL_N_ENTITY_TYPES ? tl_entity_type_to_string (i) : NULL;
    }
  else if (pspec && pspec->value_type == G_TYPE_STRING)
    {
      g_object_get (self->view.type, self->view.type_property, &type_id, NULL);
      type = type_id;
    }
  if (tl_prefs_watch_add (self, name, aliases, type))
    {
      g_object_set (self->view.name, "text", "", NULL);
      g_object_set (self->view.aliases, "text", "", NULL);
    }
}

static void
on_remove_clicked (GObject      *button,
                   TlPrefsWatch *self)
{
  tl_prefs_watch_remove (self, GPOINTER_TO_UINT (g_object_get_data (button, "telelens-index")));
}

/**
 * tl_prefs_watch_connect_remove:
 * @self: the watch list's view state
 * @button: a row's remove button ("clicked")
 * @index: the row's entry, its position in what show_entries was given
 */
void
tl_prefs_watch_connect_remove (TlPrefsWatch *self,
                               gpointer      button,
                               guint         index)
{
  g_object_set_data (G_OBJECT (button), "telelens-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);
}
