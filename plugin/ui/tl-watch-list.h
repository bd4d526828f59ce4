/* tl-watch-list.h — the user's watch-list file, as Preferences edit it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TL_WATCH_LIST_ERROR (tl_watch_list_error_quark ())

/**
 * TlWatchListError:
 * @TL_WATCH_LIST_ERROR_UNREADABLE: the file could not be read, or is not a
 *   watch list Telelens can load; it is left as it is
 * @TL_WATCH_LIST_ERROR_READ_ONLY: editing refused because the file could
 *   not be read
 * @TL_WATCH_LIST_ERROR_INVALID: the change would make a file Telelens
 *   cannot load (no name, unknown type, a name already on the list)
 * @TL_WATCH_LIST_ERROR_CHANGED: the file changed on disk since it was read
 */
typedef enum {
  TL_WATCH_LIST_ERROR_UNREADABLE,
  TL_WATCH_LIST_ERROR_READ_ONLY,
  TL_WATCH_LIST_ERROR_INVALID,
  TL_WATCH_LIST_ERROR_CHANGED,
} TlWatchListError;

GQuark tl_watch_list_error_quark (void);

#define TL_TYPE_WATCH_LIST (tl_watch_list_get_type ())
G_DECLARE_FINAL_TYPE (TlWatchList, tl_watch_list, TL, WATCH_LIST, GObject)

TlWatchList *tl_watch_list_new            (const char   *path);
const char  *tl_watch_list_get_path       (TlWatchList  *self);
gboolean     tl_watch_list_load           (TlWatchList  *self,
                                           GError      **error);
gboolean     tl_watch_list_is_editable    (TlWatchList  *self);
guint        tl_watch_list_get_n_entries  (TlWatchList  *self);
char        *tl_watch_list_describe_entry (TlWatchList  *self,
                                           guint         index);
gboolean     tl_watch_list_add            (TlWatchList        *self,
                                           const char         *name,
                                           const char         *type,
                                           const char *const  *aliases,
                                           GError            **error);
gboolean     tl_watch_list_remove         (TlWatchList  *self,
                                           guint         index,
                                           GError      **error);

G_END_DECLS
