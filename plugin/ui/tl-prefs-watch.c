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

struct _TlPrefsWatch {
  TlWatchList            *file;
  const TlPrefsWatchView *view;
  gpointer                view_data;
};

/**
 * tl_prefs_watch_new:
 * @path: (nullable): the watch list file; %NULL for the user's own
 *   (~/.local/share/telelens/watchlist.json)
 * @view: the front end's functions (static)
 * @view_data: passed to them
 *
 * Nothing is shown until tl_prefs_watch_load().
 *
 * Returns: (transfer full): the watch list's view state
 */
TlPrefsWatch *
tl_prefs_watch_new (const char             *path,
                    const TlPrefsWatchView *view,
                    gpointer                view_data)
{
  TlPrefsWatch *self = g_new0 (TlPrefsWatch, 1);

  self->file = tl_watch_list_new (path);
  self->view = view;
  self->view_data = view_data;
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

static void
refresh (TlPrefsWatch *self)
{
  guint n = tl_watch_list_get_n_entries (self->file);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (entries, tl_watch_list_describe_entry (self->file, i));
  g_ptr_array_add (entries, NULL);
  self->view->show_entries (self->view_data, (const char *const *) entries->pdata,
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
      self->view->show_problem (self->view_data, NULL, TRUE);
      self->view->show_status (self->view_data, TL_PREFS_WATCH_SAVED);
    }
  else if (g_error_matches (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_INVALID))
    self->view->show_status (self->view_data, error->message);
  else
    {
      self->view->show_status (self->view_data, "");
      self->view->show_problem (self->view_data, error->message, FALSE);
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
    self->view->show_problem (self->view_data, NULL, TRUE);
  else
    {
      g_autofree char *msg = tl_prefs_watch_unreadable (error);
      self->view->show_problem (self->view_data, msg, FALSE);
    }
  self->view->show_status (self->view_data, "");
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
