/* tl-index-client.h — asynchronous client of the local index service
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Include this header directly; it is not part of <telelens/telelens.h>
 * because it needs libsoup (2.4 or 3.0, chosen when Telelens is built).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TL_INDEX_CLIENT_ERROR (tl_index_client_error_quark ())

/**
 * TlIndexClientError:
 * @TL_INDEX_CLIENT_ERROR_UNREACHABLE: nothing answers at the address
 * @TL_INDEX_CLIENT_ERROR_TIMEOUT: the index did not answer in time
 * @TL_INDEX_CLIENT_ERROR_PROTOCOL: the answer is not what the API promises
 * @TL_INDEX_CLIENT_ERROR_TOO_LARGE: the answer is larger than allowed
 * @TL_INDEX_CLIENT_ERROR_REFUSED: the index answered with an error status
 * @TL_INDEX_CLIENT_ERROR_NOT_LOCAL: the address is not on this machine
 * @TL_INDEX_CLIENT_ERROR_UNAUTHORIZED: the index wants the token, and the
 *   client has none or another (see tl_index_client_set_token_file())
 */
typedef enum {
  TL_INDEX_CLIENT_ERROR_UNREACHABLE,
  TL_INDEX_CLIENT_ERROR_TIMEOUT,
  TL_INDEX_CLIENT_ERROR_PROTOCOL,
  TL_INDEX_CLIENT_ERROR_TOO_LARGE,
  TL_INDEX_CLIENT_ERROR_REFUSED,
  TL_INDEX_CLIENT_ERROR_NOT_LOCAL,
  TL_INDEX_CLIENT_ERROR_UNAUTHORIZED,
} TlIndexClientError;

GQuark tl_index_client_error_quark (void);

#define TL_TYPE_INDEX_CLIENT (tl_index_client_get_type ())
G_DECLARE_FINAL_TYPE (TlIndexClient, tl_index_client, TL, INDEX_CLIENT, GObject)

TlIndexClient *tl_index_client_new             (const char          *base_url,
                                                GError             **error);
const char    *tl_index_client_get_base_url    (TlIndexClient       *self);
void           tl_index_client_set_timeout     (TlIndexClient       *self,
                                                guint                seconds);
void           tl_index_client_set_max_response (TlIndexClient      *self,
                                                gsize                bytes);
void           tl_index_client_set_token_file  (TlIndexClient       *self,
                                                const char          *path);
void           tl_index_client_set_token       (TlIndexClient       *self,
                                                const char          *token);

void           tl_index_client_health_async    (TlIndexClient       *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void           tl_index_client_related_async   (TlIndexClient       *self,
                                                const char          *id,
                                                guint                limit,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void           tl_index_client_related_doc_async (TlIndexClient     *self,
                                                const char          *title,
                                                const char          *text,
                                                const char          *url,
                                                const char          *published,
                                                guint                limit,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void           tl_index_client_search_async    (TlIndexClient       *self,
                                                const char          *query,
                                                guint                limit,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void           tl_index_client_timeline_async  (TlIndexClient       *self,
                                                const char          *entity,
                                                const char          *bucket,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
JsonNode      *tl_index_client_call_finish     (TlIndexClient       *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
