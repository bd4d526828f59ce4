/* tl-index-server.c — JSON over HTTP on 127.0.0.1, versioned under /v1/
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The rules of DESIGN.md, checked before any handler runs:
 *  - listens on the IPv4 loopback only;
 *  - a request with an Origin header is refused (a page shown inside the
 *    reader must never read or write the index), and so is a Host other
 *    than the loopback name or address (DNS rebinding);
 *  - request URIs and bodies are bounded; a declared oversized body is
 *    refused before it is read;
 *  - every request needs "Authorization: Bearer TOKEN", the token read
 *    from a 0600 file in the user's data dir (tl-index-token.c); reads too,
 *    since every account on the machine can reach the loopback. Only
 *    /v1/health answers without it, and then says no more than "up";
 *    the token is compared in constant time;
 *  - errors are {"error": {"code", "message"}} with a proper status.
 */
#define G_LOG_DOMAIN "telelens"
#define TL_INDEX_SERVER_ATTEMPTS 4   /* a request's stories stored at most this often */

#include "tl-config.h"
#include "tl-index-server.h"
#include "tl-index-token.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

struct _TlIndexServer {
  GObject     parent_instance;
  TlIndex    *index;
  char       *token;
  SoupServer *server;
  guint       port;
  gboolean    building;    /* a first import is under way */
  guint       built;
  guint       to_build;
};

G_DEFINE_FINAL_TYPE (TlIndexServer, tl_index_server, G_TYPE_OBJECT)

static void add_building (TlIndexServer *self,
                          JsonNode      *node);

static void
tl_index_server_finalize (GObject *object)
{
  TlIndexServer *self = TL_INDEX_SERVER (object);

  if (self->server)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->index);
  if (self->token)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  G_OBJECT_CLASS (tl_index_server_parent_class)->finalize (object);
}

static void
tl_index_server_class_init (TlIndexServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_index_server_finalize;
}

static void
tl_index_server_init (TlIndexServer *self)
{
}

/* --- Responses ------------------------------------------------------------------ */

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  gsize len;
  char *data = tl_json_write (node, FALSE, &len);

  soup_message_headers_replace (h, "Cache-Control", "no-store");
  soup_message_headers_replace (h, "X-Content-Type-Options", "nosniff");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE, data, len);
}

static JsonNode *error_node (const char *code, const char *message);

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  g_autoptr(JsonNode) node = error_node (code, message);
  respond_json (msg, status, node);
}

static void
respond_gerror (SoupServerMessage *msg,
                const GError      *error)
{
  guint status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  const char *code = "internal";

  if (error->domain == TL_INDEX_ERROR)
    switch (error->code)
      {
      case TL_INDEX_ERROR_NOT_FOUND:
        status = SOUP_STATUS_NOT_FOUND, code = "not_found";
        break;
      case TL_INDEX_ERROR_QUERY:
        status = SOUP_STATUS_BAD_REQUEST, code = "bad_query";
        break;
      case TL_INDEX_ERROR_INVALID:
        status = SOUP_STATUS_BAD_REQUEST, code = "invalid";
        break;
      case TL_INDEX_ERROR_FULL:
        status = SOUP_STATUS_INSUFFICIENT_STORAGE, code = "disk_full";
        break;
      default:
        code = "storage";
        break;
      }
  respond_error (msg, status, code, error->message);
}

/* --- Request checks ----------------------------------------------------------------- */

static gboolean
host_is_loopback (const char *host,
                  guint       port)
{
  static const char *const names[] = { "127.0.0.1", "localhost", "[::1]" };

  if (host == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize n = strlen (names[i]);
      if (g_ascii_strncasecmp (host, names[i], n) == 0)
        {
          const char *rest = host + n;
          if (*rest == '\0')
            return TRUE;
          if (*rest == ':' && strtoul (rest + 1, NULL, 10) == port &&
              strspn (rest + 1, "0123456789") == strlen (rest + 1))
            return TRUE;
        }
    }
  return FALSE;
}

static JsonNode *
error_node (const char *code,
            const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Answers and closes without reading the request body: libsoup would
 * otherwise read a declared body of any size before a handler runs. */
static void
refuse_now (SoupServerMessage *msg,
            guint              status,
            const char        *code,
            const char        *message)
{
  g_autoptr(JsonNode) node = error_node (code, message);
  g_autoptr(GIOStream) stream = NULL;
  g_autofree char *body = NULL, *head = NULL;
  GOutputStream *out;
  gsize len;

  body = tl_json_write (node, FALSE, &len);
  head = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: application/json; charset=utf-8\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nCache-Control: no-store\r\n"
                          "Connection: close\r\n\r\n", status, soup_status_get_phrase (status), len);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body, len, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
on_got_headers (SoupServerMessage *msg,
                gpointer           user_data)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  SoupEncoding enc = soup_message_headers_get_encoding (h);
  goffset len = soup_message_headers_get_content_length (h);

  /* A page inside the reader (or any browser) sends Origin: refuse before
   * reading anything it sent. The handler checks Host and the rest. */
  if (soup_message_headers_get_one (h, "Origin") != NULL)
    refuse_now (msg, SOUP_STATUS_FORBIDDEN, "forbidden_origin",
                "requests from web pages are refused; the index answers local programs only");
  else if (enc == SOUP_ENCODING_CONTENT_LENGTH && len > (goffset) TL_INDEX_SERVER_MAX_BODY)
    {
      g_autofree char *text = g_strdup_printf ("request body of %" G_GOFFSET_FORMAT " bytes is over the "
                                               "limit of %" G_GSIZE_FORMAT " MiB; send fewer stories per request",
                                               len, TL_INDEX_SERVER_MAX_BODY >> 20);
      refuse_now (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", text);
    }
  else if (enc != SOUP_ENCODING_CONTENT_LENGTH && enc != SOUP_ENCODING_NONE)
    refuse_now (msg, SOUP_STATUS_LENGTH_REQUIRED, "length_required",
                "send request bodies with a Content-Length");
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), user_data);
}

static gboolean
authorized (TlIndexServer     *self,
            SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");

  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0)
    return FALSE;
  return tl_index_token_equal (self->token, auth + 7);
}

static void
respond_unauthorized (SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", "Bearer");
  respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                 "every request needs “Authorization: Bearer TOKEN” with the token from "
                 "~/.local/share/telelens/token (or serve's --token-file)");
}

static guint
query_limit (GHashTable *query,
             guint       fallback,
             guint       max)
{
  const char *s = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint64 v;

  if (s == NULL || !g_ascii_string_to_unsigned (s, 10, 1, max, &v, NULL))
    return fallback;
  return (guint) v;
}

static JsonNode *
parse_body (SoupServerMessage *msg,
            GError           **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = g_bytes_get_size (bytes);

  if (len == 0)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID, "the request body is empty; send JSON");
      return NULL;
    }
  if (len > TL_INDEX_SERVER_MAX_BODY)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID, "the request body is too large");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), len, error))
    {
      g_prefix_error (error, "the request body is not valid JSON: ");
      (*error)->domain = TL_INDEX_ERROR;
      (*error)->code = TL_INDEX_ERROR_INVALID;
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

/* --- Handlers --------------------------------------------------------------------- */

/* One attempt at storing a request's stories: one transaction, committed
 * when this returns %TRUE. On a failure it is rolled back and either
 * @error is set (the store's failure, which may pass: the caller tries
 * again) or the answer is sent (%FALSE, @error unset). */
static gboolean
store_documents (TlIndexServer     *self,
                 SoupServerMessage *msg,
                 JsonArray         *docs,
                 GPtrArray         *ids,
                 guint             *added,
                 guint             *existing,
                 GError           **error)
{
  g_autoptr(GError) local = NULL;
  guint n = json_array_get_length (docs);

  if (!tl_index_begin (self->index, error))
    {
      tl_index_rollback (self->index);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *d = json_array_get_element (docs, i);
      TlIndexDoc doc;
      char *id = NULL;
      gboolean is_new = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (d) || !tl_index_doc_from_json (json_node_get_object (d), &doc, &local) ||
          !tl_index_add (self->index, &doc, &id, &is_new, &local))
        {
          g_autofree char *text = NULL;
          if (JSON_NODE_HOLDS_OBJECT (d))
            tl_index_doc_clear (&doc);
          tl_index_rollback (self->index);
          g_free (id);
          text = g_strdup_printf ("story %u: %s; nothing was stored", i + 1,
                                  local ? local->message : "must be an object");
          if (local && local->code != TL_INDEX_ERROR_INVALID)
            {
              if (tl_index_can_retry (self->index, local))
                {
                  g_propagate_error (error, g_steal_pointer (&local));
                  return FALSE;
                }
              g_free (local->message);
              local->message = g_steal_pointer (&text);
              respond_gerror (msg, local);
            }
          else
            respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid", text);
          return FALSE;
        }
      tl_index_doc_clear (&doc);
      g_ptr_array_add (ids, id);
      *added += is_new;
      *existing += !is_new;
    }
  return tl_index_commit (self->index, error);
}

static void
handle_documents (TlIndexServer     *self,
                  SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) out = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *docs = NULL;
  guint added = 0, existing = 0, n;

  if ((root = parse_body (msg, &error)) == NULL)
    {
      respond_gerror (msg, error);
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (root))
    docs = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root) && json_object_has_member (json_node_get_object (root), "documents"))
    docs = json_object_get_array_member (json_node_get_object (root), "documents");
  if (docs == NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      docs = json_array_new ();
      json_array_add_element (docs, json_node_copy (root));
      json_node_take_array (root, docs);
    }
  if (docs == NULL)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid",
                     "send a story object, a list of stories, or {\"documents\": [...]}");
      return;
    }
  n = json_array_get_length (docs);
  if (n == 0 || n > TL_INDEX_SERVER_MAX_BATCH)
    {
      g_autofree char *text = g_strdup_printf ("send between 1 and %d stories per request (got %u)",
                                               TL_INDEX_SERVER_MAX_BATCH, n);
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid", text);
      return;
    }
  /* All or nothing: every story is validated, then stored in one
   * transaction, in bulk (on PostgreSQL each story otherwise commits
   * alone: a story refused after others left those stored). A batch rolled
   * back by a failure that may pass (the connection to PostgreSQL lost) is
   * stored again from the request. */
  {
    gboolean was_bulk = tl_index_get_bulk (self->index), ok = FALSE;

    tl_index_set_bulk (self->index, TRUE);
    for (guint attempt = 1; !ok; attempt++)
      {
        g_clear_error (&error);
        g_ptr_array_set_size (ids, 0);
        added = existing = 0;
        ok = store_documents (self, msg, docs, ids, &added, &existing, &error);
        if (!ok && (error == NULL || attempt >= TL_INDEX_SERVER_ATTEMPTS || !tl_index_can_retry (self->index, error)))
          break;
        if (!ok)
          g_message ("index %s: %s; nothing of the request is stored, storing its %u stories again",
                     tl_index_get_path (self->index), error->message, n);
      }
    tl_index_set_bulk (self->index, was_bulk);
    if (!ok)
      {
        if (error != NULL)
          respond_gerror (msg, error);
        return;
      }
  }
  /* Only now, with the transaction on disk, is the write acknowledged. */
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "added");
  json_builder_add_int_value (b, added);
  json_builder_set_member_name (b, "existing");
  json_builder_add_int_value (b, existing);
  json_builder_set_member_name (b, "ids");
  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (ids, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  out = json_builder_get_root (b);
  respond_json (msg, added > 0 ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, out);
}

static void
handle_related_post (TlIndexServer     *self,
                     SoupServerMessage *msg,
                     GHashTable        *query)
{
  g_autoptr(JsonNode) root = NULL, out = NULL;
  g_autoptr(TlRelated) found = NULL;
  g_autoptr(GError) error = NULL;
  TlIndexDoc doc;

  if ((root = parse_body (msg, &error)) == NULL)
    {
      respond_gerror (msg, error);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root) || !tl_index_doc_from_json (json_node_get_object (root), &doc, &error))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid",
                     error ? error->message : "send {\"title\", \"text\", \"url\", \"published\"}");
      return;
    }
  found = tl_index_related_doc (self->index, &doc, query_limit (query, 5, 50), &error);
  out = found ? tl_related_to_json (found) : NULL;
  tl_index_doc_clear (&doc);
  add_building (self, out);
  if (out == NULL)
    respond_gerror (msg, error);
  else
    respond_json (msg, SOUP_STATUS_OK, out);
}

static void
method_not_allowed (SoupServerMessage *msg,
                    const char        *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed",
                 "this path does not accept that method");
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  TlIndexServer *self = user_data;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) out = NULL;

  if (soup_server_message_get_status (msg) != 0)
    return;   /* already refused while reading the headers */
  if (soup_message_headers_get_one (h, "Origin") != NULL)
    {
      respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden_origin",
                     "requests from web pages are refused; the index answers local programs only");
      return;
    }
  if (!host_is_loopback (soup_message_headers_get_one (h, "Host"), self->port))
    {
      respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden_host",
                     "the Host header must be 127.0.0.1 or localhost with this port");
      return;
    }
  if (strlen (path) + (g_uri_get_query (uri) ? strlen (g_uri_get_query (uri)) : 0) > TL_INDEX_SERVER_MAX_URI)
    {
      respond_error (msg, SOUP_STATUS_REQUEST_URI_TOO_LONG, "uri_too_long", "the request URI is too long");
      return;
    }

  if (!authorized (self, msg))
    {
      if (strcmp (path, "/v1/health") == 0 && strcmp (method, "GET") == 0)
        {
          /* Enough for a launcher to see that something is up; nothing
           * about what is stored. */
          g_autoptr(JsonBuilder) b = json_builder_new ();
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, "up");
          json_builder_end_object (b);
          out = json_builder_get_root (b);
          respond_json (msg, SOUP_STATUS_OK, out);
        }
      else
        respond_unauthorized (msg);
      return;
    }

  if (strcmp (path, "/v1/health") == 0)
    {
      if (strcmp (method, "GET") != 0)
        return method_not_allowed (msg, "GET");
      out = tl_index_health (self->index);
      add_building (self, out);
    }
  else if (strcmp (path, "/v1/documents") == 0)
    {
      if (strcmp (method, "POST") != 0)
        return method_not_allowed (msg, "POST");
      handle_documents (self, msg);
      return;
    }
  else if (strcmp (path, "/v1/related") == 0)
    {
      const char *id = query ? g_hash_table_lookup (query, "id") : NULL;

      if (strcmp (method, "POST") == 0)
        {
          handle_related_post (self, msg, query);
          return;
        }
      if (strcmp (method, "GET") != 0)
        return method_not_allowed (msg, "GET, POST");
      if (id == NULL || *id == '\0')
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid",
                         "give ?id=ID of a stored story, or POST the story as JSON");
          return;
        }
      g_autoptr(TlRelated) found = tl_index_related (self->index, id, query_limit (query, 5, 50), &error);
      out = found ? tl_related_to_json (found) : NULL;
      add_building (self, out);
    }
  else if (strcmp (path, "/v1/search") == 0)
    {
      const char *q = query ? g_hash_table_lookup (query, "q") : NULL;

      if (strcmp (method, "GET") != 0)
        return method_not_allowed (msg, "GET");
      if (q == NULL || strlen (q) > 512)
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_query",
                         "give ?q=QUERY of at most 512 bytes");
          return;
        }
      {
        const char *syntax = g_hash_table_lookup (query, "syntax");
        if (syntax != NULL && strcmp (syntax, "fts") != 0)
          {
            respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid",
                           "syntax may only be “fts” (SQLite FTS5 operators); leave it out for words and phrases");
            return;
          }
        /* Words and phrases as typed, unless operators are asked for. */
        out = syntax ? tl_index_search_syntax (self->index, q, query_limit (query, 20, 200), &error)
                     : tl_index_search (self->index, q, query_limit (query, 20, 200), &error);
      }
    }
  else if (g_str_has_prefix (path, "/v1/entities/") && g_str_has_suffix (path, "/timeline"))
    {
      gsize plen = strlen ("/v1/entities/"), slen = strlen ("/timeline");
      g_autofree char *raw = NULL, *entity = NULL;

      if (strcmp (method, "GET") != 0)
        return method_not_allowed (msg, "GET");
      if (strlen (path) <= plen + slen)
        {
          respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "no such path");
          return;
        }
      raw = g_strndup (path + plen, strlen (path) - plen - slen);
      entity = g_uri_unescape_string (raw, NULL);
      if (entity == NULL || *entity == '\0' || !g_utf8_validate (entity, -1, NULL))
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid", "the entity id is not valid");
          return;
        }
      out = tl_index_timeline (self->index, entity, query ? g_hash_table_lookup (query, "bucket") : NULL, &error);
    }
  else
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found",
                     "no such path; see /v1/health, /v1/related, /v1/search, /v1/entities/ID/timeline, /v1/documents");
      return;
    }

  if (out == NULL)
    respond_gerror (msg, error);
  else
    respond_json (msg, SOUP_STATUS_OK, out);
}

TlIndexServer *
tl_index_server_new (TlIndex    *index,
                     const char *token)
{
  TlIndexServer *self = g_object_new (TL_TYPE_INDEX_SERVER, NULL);

  self->index = g_object_ref (index);
  self->token = g_strdup (token);
  self->server = soup_server_new ("server-header", "telelens/" TL_VERSION, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (on_request_started), self);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  return self;
}

/**
 * tl_index_server_listen:
 * @self: a #TlIndexServer
 * @port: a port, or 0 for any free one
 * @error: return location for a #GError
 *
 * Listens on 127.0.0.1 only.
 */
gboolean
tl_index_server_listen (TlIndexServer  *self,
                        guint           port,
                        GError        **error)
{
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, port);
  GSList *uris;

  if (!soup_server_listen (self->server, addr, 0, error))
    {
      g_prefix_error (error, "cannot listen on 127.0.0.1:%u: ", port);
      return FALSE;
    }
  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

/* For the fuzzer, which feeds connections to the server directly. */
gpointer
_tl_index_server_get_soup (TlIndexServer *self)
{
  return self->server;
}

guint
tl_index_server_get_port (TlIndexServer *self)
{
  return self->port;
}

/* Progress of an import under way, reported with health and related
 * answers so that a reader can say the index is still being built. */
void
tl_index_server_set_building (TlIndexServer *self,
                              gboolean       building,
                              guint          done,
                              guint          remaining)
{
  self->building = building;
  self->built = done;
  self->to_build = done + remaining;
}

static void
add_building (TlIndexServer *self,
              JsonNode      *node)
{
  JsonObject *obj;
  g_autoptr(JsonObject) b = NULL;

  if (!self->building || node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  obj = json_node_get_object (node);
  b = json_object_new ();
  json_object_set_int_member (b, "done", self->built);
  json_object_set_int_member (b, "total", self->to_build);
  json_object_set_object_member (obj, "building", g_steal_pointer (&b));
}
