/* tl-index-client-private.h
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "telelens/tl-index-client.h"

G_BEGIN_DECLS

JsonNode *_tl_index_client_parse (const char  *base,
                                  const char  *what,
                                  guint        status,
                                  const char  *body,
                                  gsize        len,
                                  GError     **error);

G_END_DECLS
