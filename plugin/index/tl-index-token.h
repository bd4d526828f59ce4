/* tl-index-token.h — the bearer token every request to the index carries
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * GLib only: the service, the client (both libsoup builds) and the command
 * share it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TL_INDEX_TOKEN_BYTES 32   /* 256 bits from getrandom(), written as hex */

char     *tl_index_token_default_path (void);
char     *tl_index_token_load         (const char  *path,
                                       gboolean     create,
                                       GError     **error);
gboolean  tl_index_token_equal        (const char  *expected,
                                       const char  *given);

G_END_DECLS
