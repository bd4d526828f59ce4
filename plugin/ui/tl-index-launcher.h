/* tl-index-launcher.h — start the local index when it is not running
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Shared by every host adapter: probe the index at the address in the
 * settings, and when nothing answers there, start `telelens serve` on that
 * port with the host's own arguments (Liferea: --watch-liferea). Host-free:
 * GIO and the index client only.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * TlIndexLaunch:
 * @TL_INDEX_LAUNCH_OFF: the "start-index" setting is off, or "index-url" is
 *   not a local index address; nothing was probed
 * @TL_INDEX_LAUNCH_RUNNING: the index answered (or answered with an error:
 *   something is there, so nothing was started)
 * @TL_INDEX_LAUNCH_STARTED: nothing answered; `telelens serve` was started
 */
typedef enum {
  TL_INDEX_LAUNCH_OFF,
  TL_INDEX_LAUNCH_RUNNING,
  TL_INDEX_LAUNCH_STARTED,
} TlIndexLaunch;

#define TL_TYPE_INDEX_LAUNCHER (tl_index_launcher_get_type ())
G_DECLARE_FINAL_TYPE (TlIndexLauncher, tl_index_launcher, TL, INDEX_LAUNCHER, GObject)

TlIndexLauncher *tl_index_launcher_new         (GSettings           *settings,
                                                const char *const   *serve_args);
void             tl_index_launcher_set_program (TlIndexLauncher     *self,
                                                const char          *program);
void             tl_index_launcher_ensure_async  (TlIndexLauncher     *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             data);
TlIndexLaunch    tl_index_launcher_ensure_finish (TlIndexLauncher     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
