/* tl-index-server.h — the index's JSON HTTP service on the loopback
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-index.h"
#include "tl-index-token.h"

G_BEGIN_DECLS

#define TL_INDEX_SERVER_MAX_BODY   ((gsize) 8 * 1024 * 1024)
#define TL_INDEX_SERVER_MAX_URI    4096
#define TL_INDEX_SERVER_MAX_BATCH  1000

#define TL_TYPE_INDEX_SERVER (tl_index_server_get_type ())
G_DECLARE_FINAL_TYPE (TlIndexServer, tl_index_server, TL, INDEX_SERVER, GObject)

TlIndexServer *tl_index_server_new        (TlIndex        *index,
                                           const char     *token);
gboolean       tl_index_server_listen     (TlIndexServer  *self,
                                           guint           port,
                                           GError        **error);
guint          tl_index_server_get_port   (TlIndexServer  *self);
void           tl_index_server_set_building (TlIndexServer *self,
                                             gboolean       building,
                                             guint          done,
                                             guint          remaining);

gpointer       _tl_index_server_get_soup  (TlIndexServer  *self);   /* SoupServer*, for the fuzzer */

G_END_DECLS
