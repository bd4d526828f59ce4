/* tl-plugin-manifest.h — what `telelens plugin install` did, for uninstall
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * $XDG_DATA_HOME/telelens/installed.json: {"format": 1, "installed": [{
 * "reader", "program", "version", "generation", "module", "where": "user" |
 * "system", "files": [absolute paths written], "dirs": [folders it made,
 * shallowest first]}]}, one entry per reader.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char       *tl_manifest_path     (void);
JsonArray  *tl_manifest_load     (void);
gboolean    tl_manifest_save     (JsonArray  *installed);
JsonObject *tl_manifest_find     (JsonArray  *installed,
                                  const char *program,
                                  guint      *index);
gboolean    tl_manifest_has_file (JsonArray  *installed,
                                  const char *path);

G_END_DECLS
