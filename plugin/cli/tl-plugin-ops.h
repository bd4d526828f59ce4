/* tl-plugin-ops.h — what `telelens plugin` does outside its own files:
 * run a program, a host's list of enabled plugins, the index service
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean tl_run_capture        (const char *const *argv,
                                guint              timeout_s,
                                char             **out,
                                char             **err,
                                int               *exit_status,
                                GError           **error);

gboolean tl_host_list_get      (const char  *schema,
                                const char  *key,
                                char      ***list,
                                GError     **error);
gboolean tl_host_list_update   (const char  *schema,
                                const char  *key,
                                const char  *add,
                                const char  *const *remove,
                                gboolean    *changed,
                                GError     **error);

gboolean tl_index_service_stop (const char  *db_path,
                                long        *stopped_pid,
                                GError     **error);
gboolean tl_index_reachable    (const char  *url,
                                char       **detail);

G_END_DECLS
