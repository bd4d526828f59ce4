/* tl-prefs-watch.h — the watch list's view state, for every toolkit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The type a new entry starts with. */
#define TL_PREFS_WATCH_DEFAULT_TYPE "organization"

typedef struct _TlPrefsWatch TlPrefsWatch;

/**
 * TlPrefsWatchView:
 * @problem: shown ("visible") only while the list cannot be edited (the file
 *   could not be read, or changed under us), with a Reload that calls
 *   tl_prefs_watch_load()
 * @problem_label: the label in it, saying why ("label")
 * @add_row: the name, aliases, type and Add; "sensitive" only while the list
 *   can be edited
 * @name: the name entry ("text"; "activate" adds)
 * @aliases: the aliases entry ("text", comma-separated)
 * @type: the type chooser: the type's id ("active-id", a string) or its
 *   position among the entity types ("selected", a guint)
 * @type_property: @type's property, "active-id" or "selected"
 * @add: the Add button ("clicked")
 * @status: the label under the add row ("label")
 * @show_entries: replaces the rows of @list with @entries, each a described
 *   entry; each row's remove button goes to tl_prefs_watch_connect_remove();
 *   @empty is the words to show instead when there are none and the list can
 *   be edited, or %NULL
 * @list: for @show_entries
 *
 * A toolkit front end's widgets for the watch list (GTK 3 and GTK 4 widgets
 * have these properties and signals alike); only the rows are its own code.
 */
typedef struct {
  GObject    *problem;
  GObject    *problem_label;
  GObject    *add_row;
  GObject    *name;
  GObject    *aliases;
  GObject    *type;
  const char *type_property;
  GObject    *add;
  GObject    *status;
  void      (*show_entries) (TlPrefsWatch       *watch,
                             gpointer            list,
                             const char *const  *entries,
                             const char         *empty);
  gpointer    list;
} TlPrefsWatchView;

TlPrefsWatch *tl_prefs_watch_new    (const char             *path,
                                     const TlPrefsWatchView *view);
void          tl_prefs_watch_free   (TlPrefsWatch           *self);
void          tl_prefs_watch_load   (TlPrefsWatch           *self);
gboolean      tl_prefs_watch_add    (TlPrefsWatch           *self,
                                     const char             *name,
                                     const char             *aliases,
                                     const char             *type);
void          tl_prefs_watch_remove (TlPrefsWatch           *self,
                                     guint                   index);
void          tl_prefs_watch_connect_remove (TlPrefsWatch   *self,
                                             gpointer        button,
                                             guint           index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlPrefsWatch, tl_prefs_watch_free)

G_END_DECLS
