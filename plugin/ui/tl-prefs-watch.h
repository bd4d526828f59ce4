/* tl-prefs-watch.h — the watch list's view state, for every toolkit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The type a new entry starts with. */
#define TL_PREFS_WATCH_DEFAULT_TYPE "organization"

/**
 * TlPrefsWatchView:
 * @show_problem: shows @message above the list (%NULL: hides it) and offers
 *   adding only when @editable; while the file could not be read, or changed
 *   under us, editing stays off until Reload (tl_prefs_watch_load())
 * @show_status: the line under the add row ("" to clear it)
 * @show_entries: replaces the list's rows with @entries, each a described
 *   entry whose position is the index for tl_prefs_watch_remove(); @empty is
 *   the words to show instead when there are none and the list can be
 *   edited, or %NULL
 *
 * What a toolkit front end does for the watch list: only widgets.
 */
typedef struct {
  void (*show_problem) (gpointer            view,
                        const char         *message,
                        gboolean            editable);
  void (*show_status)  (gpointer            view,
                        const char         *text);
  void (*show_entries) (gpointer            view,
                        const char *const  *entries,
                        const char         *empty);
} TlPrefsWatchView;

typedef struct _TlPrefsWatch TlPrefsWatch;

TlPrefsWatch *tl_prefs_watch_new    (const char             *path,
                                     const TlPrefsWatchView *view,
                                     gpointer                view_data);
void          tl_prefs_watch_free   (TlPrefsWatch           *self);
void          tl_prefs_watch_load   (TlPrefsWatch           *self);
gboolean      tl_prefs_watch_add    (TlPrefsWatch           *self,
                                     const char             *name,
                                     const char             *aliases,
                                     const char             *type);
void          tl_prefs_watch_remove (TlPrefsWatch           *self,
                                     guint                   index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlPrefsWatch, tl_prefs_watch_free)

G_END_DECLS
