/* tl-json.h — writing JSON the way Telelens prints it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *tl_json_write (JsonNode *node,
                     gboolean  pretty,
                     gsize    *length);

G_END_DECLS
