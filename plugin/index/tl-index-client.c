/* tl-index-client.c — GLib async client of the index service
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Compiles against libsoup 2.4 (Liferea 1.14 loads it) or libsoup 3.0
 * (Liferea 1.15, Evolution 3.46): TL_SOUP_MAJOR picks one at build time, and
 * the few calls that differ sit in the seam below. Everything the index says
 * is untrusted: answers are read with a size bound, parsed as JSON and
 * checked for the expected shape; anything else is a GError, never a crash.
 *
 * Every request carries the user's token (tl-index-token.c): read from the
 * token file that `telelens serve` creates, when the first request is made
 * (the service may be started after the client), and read again after the
 * index refused it.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "telelens/tl-index-client.h"
#include "tl-index-token.h"

#include <libsoup/soup.h>
#include <string.h>

#ifndef TL_SOUP_MAJOR
# error "TL_SOUP_MAJOR must be 2 or 3"
#endif

#define DEFAULT_TIMEOUT   10
#define DEFAULT_MAX_BYTES ((gsize) 4 * 1024 * 1024)
#define CHUNK             16384

struct _TlIndexClient {
  GObject      parent_instance;
  char        *base;         /* "http://127.0.0.1:47611" without a trailing slash */
  SoupSession *session;
  guint        timeout;
  gsize        max_bytes;
  char        *token_file;   /* NULL: the default */
  char        *token;        /* cached, or set by the caller */
  gboolean     token_fixed;  /* set by the caller: never re-read */
};

G_DEFINE_FINAL_TYPE (TlIndexClient, tl_index_client, G_TYPE_OBJECT)

#include "tl-index-client-private.h"

/* --- The libsoup seam ------------------------------------------------------ */

static SoupSession *
seam_session_new (guint timeout)
{
  return soup_session_new_with_options ("timeout", timeout, "proxy-resolver", NULL,
                                        "user-agent", "telelens/" TL_VERSION, NULL);
}

static void
seam_session_set_timeout (SoupSession *session,
                          guint        timeout)
{
  g_object_set (session, "timeout", timeout, NULL);
}

static SoupMessage *
seam_message_new (const char *method,
                  const char *url,
                  GBytes     *body,
                  const char *token)
{
  SoupMessage *msg = soup_message_new (method, url);
  g_autofree char *auth = token ? g_strconcat ("Bearer ", token, NULL) : NULL;

  if (msg == NULL)
    return NULL;
#if TL_SOUP_MAJOR >= 3
  if (auth)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  if (body)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
#else
  if (auth)
    soup_message_headers_replace (msg->request_headers, "Authorization", auth);
  soup_message_headers_replace (msg->request_headers, "Accept", "application/json");
  if (body)
    soup_message_set_request (msg, "application/json", SOUP_MEMORY_COPY,
                              g_bytes_get_data (body, NULL), g_bytes_get_size (body));
#endif
  return msg;
}

static guint
seam_message_status (SoupMessage *msg)
{
#if TL_SOUP_MAJOR >= 3
  return soup_message_get_status (msg);
#else
  return msg->status_code;
#endif
}

static void
seam_send_async (SoupSession         *session,
                 SoupMessage         *msg,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
#if TL_SOUP_MAJOR >= 3
  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, cancellable, callback, user_data);
#else
  soup_session_send_async (session, msg, cancellable, callback, user_data);
#endif
}

/* --- Object ------------------------------------------------------------------ */

static void
tl_index_client_finalize (GObject *object)
{
  TlIndexClient *self = TL_INDEX_CLIENT (object);

  if (self->session)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_free (self->base);
  g_free (self->token_file);
  if (self->token)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  G_OBJECT_CLASS (tl_index_client_parent_class)->finalize (object);
}

static void
tl_index_client_class_init (TlIndexClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_index_client_finalize;
}

static void
tl_index_client_init (TlIndexClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->max_bytes = DEFAULT_MAX_BYTES;
}

/**
 * tl_index_client_new:
 * @base_url: the service, e.g. `http://127.0.0.1:47611`
 * @error: return location for a #GError
 *
 * Only loopback addresses are accepted: the index never leaves the machine.
 *
 * Returns: (transfer full) (nullable): a client
 */
TlIndexClient *
tl_index_client_new (const char  *base_url,
                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local = NULL;
  TlIndexClient *self;
  const char *host;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, &local);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
    {
      g_set_error (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_NOT_LOCAL,
                   "index address “%s” is not an http:// URL like http://127.0.0.1:47611", base_url);
      return NULL;
    }
  host = g_uri_get_host (uri);
  if (host == NULL || (strcmp (host, "127.0.0.1") != 0 && strcmp (host, "localhost") != 0 &&
                       strcmp (host, "::1") != 0))
    {
      g_set_error (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_NOT_LOCAL,
                   "index address “%s” is not on this machine; Telelens only talks to "
                   "127.0.0.1 or localhost", base_url);
      return NULL;
    }
  self = g_object_new (TL_TYPE_INDEX_CLIENT, NULL);
  self->base = g_strdup_printf ("http://%s%s%s:%d", strchr (host, ':') ? "[" : "", host,
                                strchr (host, ':') ? "]" : "",
                                g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 80);
  self->session = seam_session_new (self->timeout);
  return self;
}

const char *
tl_index_client_get_base_url (TlIndexClient *self)
{
  g_return_val_if_fail (TL_IS_INDEX_CLIENT (self), NULL);
  return self->base;
}

void
tl_index_client_set_timeout (TlIndexClient *self,
                             guint          seconds)
{
  g_return_if_fail (TL_IS_INDEX_CLIENT (self));
  self->timeout = seconds;
  seam_session_set_timeout (self->session, seconds);
}

void
tl_index_client_set_max_response (TlIndexClient *self,
                                  gsize          bytes)
{
  g_return_if_fail (TL_IS_INDEX_CLIENT (self));
  self->max_bytes = MAX (bytes, 1024);
}

/**
 * tl_index_client_set_token_file:
 * @self: a #TlIndexClient
 * @path: (nullable): the token file `telelens serve --token-file` uses;
 *   %NULL for the default, `$XDG_DATA_HOME/telelens/token`
 *
 * Where the token sent with every request is read from.
 */
void
tl_index_client_set_token_file (TlIndexClient *self,
                                const char    *path)
{
  g_return_if_fail (TL_IS_INDEX_CLIENT (self));
  g_free (self->token_file);
  self->token_file = g_strdup (path);
  g_clear_pointer (&self->token, g_free);
  self->token_fixed = FALSE;
}

/**
 * tl_index_client_set_token:
 * @self: a #TlIndexClient
 * @token: (nullable): the token itself; %NULL to read the token file again
 */
void
tl_index_client_set_token (TlIndexClient *self,
                           const char    *token)
{
  g_return_if_fail (TL_IS_INDEX_CLIENT (self));
  g_free (self->token);
  self->token = g_strdup (token);
  self->token_fixed = token != NULL;
}

/* The token to send; NULL (with the reason in @why) when there is none. */
static const char *
current_token (TlIndexClient  *self,
               char          **why)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->token != NULL)
    return self->token;
  path = self->token_file ? g_strdup (self->token_file) : tl_index_token_default_path ();
  if ((self->token = tl_index_token_load (path, FALSE, &error)) == NULL)
    *why = g_strdup (error->message);
  return self->token;
}

/* --- One call ------------------------------------------------------------------- */

typedef struct {
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *body;
  char         *what;     /* "GET /v1/related" for messages */
  char         *no_token; /* why no token was sent */
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  g_clear_object (&call->msg);
  g_clear_object (&call->stream);
  g_clear_pointer (&call->body, g_byte_array_unref);
  g_free (call->what);
  g_free (call->no_token);
  g_free (call);
}

static void read_next (GTask *task);

static void
finish_call (GTask *task)
{
  TlIndexClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *node = _tl_index_client_parse (self->base, call->what, seam_message_status (call->msg),
                                           (const char *) call->body->data, call->body->len, &error);

  if (g_error_matches (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_UNAUTHORIZED))
    {
      /* The file may have been made, or replaced, since: read it again
       * for the next call. */
      if (!self->token_fixed)
        g_clear_pointer (&self->token, g_free);
      if (call->no_token)
        g_prefix_error (&error, "%s; ", call->no_token);
    }
  if (node == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TlIndexClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      finish_call (task);
      return;
    }
  g_byte_array_append (call->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (call->body->len > self->max_bytes)
    {
      g_task_return_new_error (task, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_TOO_LARGE,
                               "the index at %s answered %s with more than %" G_GSIZE_FORMAT
                               " KiB; refusing to read more", self->base, call->what, self->max_bytes / 1024);
      return;
    }
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (call->stream, CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read, task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TlIndexClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  call->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (call->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_task_return_new_error (task, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_TIMEOUT,
                                 "the index at %s did not answer %s within %u s", self->base,
                                 call->what, self->timeout);
      else
        g_task_return_new_error (task, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_UNREACHABLE,
                                 "the index at %s is unreachable (%s); start it with “telelens serve”",
                                 self->base, error->message);
      return;
    }
  call->body = g_byte_array_new ();
  read_next (g_steal_pointer (&task));
}

static void
start_call (TlIndexClient       *self,
            const char          *method,
            const char          *path_and_query,
            GBytes              *body,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = g_strconcat (self->base, path_and_query, NULL);
  Call *call = g_new0 (Call, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, call_free);
  call->what = g_strdup_printf ("%s %s", method, path_and_query);
  if (strchr (call->what, '?'))
    *strchr (call->what, '?') = '\0';
  call->msg = seam_message_new (method, url, body, current_token (self, &call->no_token));
  if (call->msg == NULL)
    {
      g_task_return_new_error (task, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_PROTOCOL,
                               "cannot make a request for %s", url);
      return;
    }
  seam_send_async (self->session, call->msg, cancellable, on_sent, g_steal_pointer (&task));
}

static char *
escape (const char *s)
{
  return g_uri_escape_string (s ? s : "", NULL, TRUE);
}

void
tl_index_client_health_async (TlIndexClient       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (TL_IS_INDEX_CLIENT (self));
  start_call (self, "GET", "/v1/health", NULL, tl_index_client_health_async, cancellable, callback, user_data);
}

void
tl_index_client_related_async (TlIndexClient       *self,
                               const char          *id,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *eid = escape (id);
  g_autofree char *path = g_strdup_printf ("/v1/related?id=%s&limit=%u", eid, CLAMP (limit, 1, 50));

  g_return_if_fail (TL_IS_INDEX_CLIENT (self));
  start_call (self, "GET", path, NULL, tl_index_client_related_async, cancellable, callback, user_data);
}

void
tl_index_client_related_doc_async (TlIndexClient       *self,
                                   const char          *title,
                                   const char          *text,
                                   const char          *url,
                                   const char          *published,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/related?limit=%u", CLAMP (limit, 1, 50));
  g_autoptr(GBytes) body = NULL;
  char *data;
  gsize len;

  g_return_if_fail (TL_IS_INDEX_CLIENT (self));
  g_return_if_fail (text != NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  if (title)
    {
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, title);
    }
  if (url)
    {
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
    }
  if (published)
    {
      json_builder_set_member_name (b, "published");
      json_builder_add_string_value (b, published);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  data = json_generator_to_data (gen, &len);
  body = g_bytes_new_take (data, len);
  start_call (self, "POST", path, body, tl_index_client_related_doc_async, cancellable, callback, user_data);
}

void
tl_index_client_search_async (TlIndexClient       *self,
                              const char          *query,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *q = escape (query);
  g_autofree char *path = g_strdup_printf ("/v1/search?q=%s&limit=%u", q, CLAMP (limit, 1, 200));

  g_return_if_fail (TL_IS_INDEX_CLIENT (self));
  start_call (self, "GET", path, NULL, tl_index_client_search_async, cancellable, callback, user_data);
}

void
tl_index_client_timeline_async (TlIndexClient       *self,
                                const char          *entity,
                                const char          *bucket,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *e = escape (entity);
  g_autofree char *path = g_strdup_printf ("/v1/entities/%s/timeline?bucket=%s", e,
                                           bucket && strcmp (bucket, "day") == 0 ? "day" : "week");

  g_return_if_fail (TL_IS_INDEX_CLIENT (self));
  start_call (self, "GET", path, NULL, tl_index_client_timeline_async, cancellable, callback, user_data);
}

/**
 * tl_index_client_call_finish:
 * @self: a #TlIndexClient
 * @result: the result passed to the callback
 * @error: return location for a #GError; cancellation is %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the JSON object the index answered
 */
JsonNode *
tl_index_client_call_finish (TlIndexClient  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (TL_IS_INDEX_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
