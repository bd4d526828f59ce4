/* test-index-client.c — the async client against a real service and a liar
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Built twice, against libsoup 2.4 and libsoup 3.0 (TL_SOUP_MAJOR), so the
 * seam is exercised for both the Liferea 1.14 and the newer hosts.
 */
#include "tl-test-util.h"
#include "tl-test-server.h"
#include "telelens/tl-index-client.h"
#include "tl-index-token.h"

#include <glib/gstdio.h>

#include <string.h>

typedef struct {
  GMainLoop *loop;
  JsonNode  *node;
  GError    *error;
} Wait;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Wait *w = data;
  w->node = tl_index_client_call_finish (TL_INDEX_CLIENT (source), result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
wait_clear (Wait *w)
{
  g_clear_pointer (&w->node, json_node_unref);
  g_clear_error (&w->error);
  g_clear_pointer (&w->loop, g_main_loop_unref);
}

static TlTestServer srv;
static char *srv_dir;

static void
ensure_server (void)
{
  g_autofree char *db = NULL, *token = NULL;
  g_autoptr(GError) error = NULL;

  if (srv.port)
    return;
  srv_dir = tl_test_tmpdir ();
  db = g_build_filename (srv_dir, "index.db", NULL);
  token = g_build_filename (srv_dir, "token", NULL);
  g_free (tl_test_import_demo (db));
  g_assert_true (tl_test_server_start (&srv, db, token, &error));
  g_assert_no_error (error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The result ids of a related answer, sorted, space-separated. */
static char *
result_ids (JsonNode *node)
{
  JsonArray *res = json_object_get_array_member (json_node_get_object (node), "results");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (res); i++)
    g_ptr_array_add (ids, (gpointer) json_object_get_string_member (json_array_get_object_element (res, i), "id"));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

#define RUN(w, call) G_STMT_START { (w)->loop = g_main_loop_new (NULL, FALSE); call; g_main_loop_run ((w)->loop); } G_STMT_END

static void
test_calls (void)
{
  g_autoptr(TlIndexClient) client = NULL;
  g_autoptr(GError) error = NULL;
  Wait w = { 0 };

  ensure_server ();
  client = tl_index_client_new (srv.base, &error);
  g_assert_no_error (error);
  {
    g_autofree char *token = g_build_filename (srv_dir, "token", NULL);
    tl_index_client_set_token_file (client, token);
  }

  RUN (&w, tl_index_client_health_async (client, NULL, on_done, &w));
  g_assert_no_error (w.error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (w.node), "documents"), ==, 21);
  wait_clear (&w);

  /* The other two reports of the Baltic cable cuts, and nothing else. */
  RUN (&w, tl_index_client_related_async (client, "e4-capital", 3, NULL, on_done, &w));
  g_assert_no_error (w.error);
  {
    g_autofree char *ids = result_ids (w.node);
    g_assert_cmpstr (ids, ==, "e4-ledger e4-signaldesk");
  }
  wait_clear (&w);

  /* A story not in the index: the two reports of the same arrests. */
  RUN (&w, tl_index_client_related_doc_async (client, "SIM swap gang arrested",
                                              "Spanish police arrested a SIM swap gang targeting Movistar customers.",
                                              NULL, "2026-03-18", 3, NULL, on_done, &w));
  g_assert_no_error (w.error);
  {
    g_autofree char *ids = result_ids (w.node);
    g_assert_cmpstr (ids, ==, "e5-ledger e5-wirewatch");
  }
  wait_clear (&w);

  /* Huawei: the three reports of the German decision, in one Monday week. */
  RUN (&w, tl_index_client_timeline_async (client, "huawei", "week", NULL, on_done, &w));
  g_assert_no_error (w.error);
  {
    JsonObject *o = json_node_get_object (w.node);
    JsonArray *points = json_object_get_array_member (o, "points");
    JsonObject *pt;

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "entity"), "id"), ==, "huawei");
    g_assert_cmpstr (json_object_get_string_member (o, "bucket"), ==, "week");
    g_assert_cmpuint (json_array_get_length (points), ==, 1);
    pt = json_array_get_object_element (points, 0);
    g_assert_cmpstr (json_object_get_string_member (pt, "start"), ==, "2026-04-13");
    g_assert_cmpint (json_object_get_int_member (pt, "count"), ==, 3);
  }
  wait_clear (&w);

  /* A name with FTS5 operator characters is searched as a name. */
  RUN (&w, tl_index_client_search_async (client, "T-Mobile", 5, NULL, on_done, &w));
  g_assert_no_error (w.error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (w.node), "results")), >=, 1);
  wait_clear (&w);

  /* An error status becomes a GError carrying the service's message. */
  RUN (&w, tl_index_client_related_async (client, "no-such-story", 5, NULL, on_done, &w));
  g_assert_null (w.node);
  g_assert_error (w.error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_REFUSED);
  g_assert_nonnull (strstr (w.error->message, "HTTP 404"));
  g_assert_nonnull (strstr (w.error->message, "no story with id"));
  wait_clear (&w);
}

/* Every request carries the token from the user's token file; without it
 * the index answers nothing but "up", and the error names the file. Once
 * the file is there (serve started later), the next call reads it. */
static void
test_token_file (void)
{
  g_autoptr(TlIndexClient) client = NULL;
  g_autofree char *srv_token = NULL, *contents = NULL;
  g_autofree char *user_token = tl_index_token_default_path ();
  g_autofree char *user_dir = g_path_get_dirname (user_token);
  Wait w = { 0 };

  ensure_server ();
  g_unlink (user_token);
  client = tl_index_client_new (srv.base, NULL);

  RUN (&w, tl_index_client_health_async (client, NULL, on_done, &w));
  g_assert_no_error (w.error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (w.node), "status"), ==, "up");
  g_assert_false (json_object_has_member (json_node_get_object (w.node), "documents"));
  wait_clear (&w);

  RUN (&w, tl_index_client_related_async (client, "e4-capital", 3, NULL, on_done, &w));
  g_assert_null (w.node);
  g_assert_error (w.error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_UNAUTHORIZED);
  g_test_message ("%s", w.error->message);
  g_assert_nonnull (strstr (w.error->message, user_token));
  wait_clear (&w);

  /* The user's token file appears: the next call carries it. */
  srv_token = g_build_filename (srv_dir, "token", NULL);
  g_assert_true (g_file_get_contents (srv_token, &contents, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (user_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents_full (user_token, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  RUN (&w, tl_index_client_related_async (client, "e4-capital", 3, NULL, on_done, &w));
  g_assert_no_error (w.error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (w.node), "results")), ==, 2);
  wait_clear (&w);

  /* A wrong token set by the caller is refused, and stays the caller's. */
  tl_index_client_set_token (client, "0000000000000000000000000000000000000000000000000000000000000000");
  RUN (&w, tl_index_client_search_async (client, "huawei", 3, NULL, on_done, &w));
  g_assert_error (w.error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_UNAUTHORIZED);
  wait_clear (&w);
  g_unlink (user_token);
}

static void
test_cancel (void)
{
  g_autoptr(TlIndexClient) client = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  Wait w = { 0 };

  ensure_server ();
  client = tl_index_client_new (srv.base, NULL);
  g_cancellable_cancel (cancel);
  RUN (&w, tl_index_client_health_async (client, cancel, on_done, &w));
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  wait_clear (&w);
}

static void
test_not_local (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (tl_index_client_new ("http://192.0.2.10:47611", &error));
  g_assert_error (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_NOT_LOCAL);
  g_clear_error (&error);
  g_assert_null (tl_index_client_new ("https://127.0.0.1:47611", &error));
  g_assert_error (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_NOT_LOCAL);
}

static void
test_unreachable (void)
{
  g_autoptr(GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(TlIndexClient) client = NULL;
  g_autofree char *url = NULL;
  Wait w = { 0 };

  /* A port that was free a moment ago: nothing listens there. */
  g_assert_true (g_socket_bind (sock, addr, FALSE, NULL));
  bound = g_socket_get_local_address (sock, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (sock, NULL);
  client = tl_index_client_new (url, NULL);
  RUN (&w, tl_index_client_health_async (client, NULL, on_done, &w));
  g_assert_error (w.error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (w.error->message, "telelens serve"));
  wait_clear (&w);
}

/* A liar on the loopback: answers whatever the test wants.
 *
 * Runs in the service's own thread, so the client's main loop keeps going.
 * The reply is a GBytes owned by the signal connection: a client that gives
 * up early (too large) returns before this thread has finished writing, and
 * the service (hence the connection and its data) lives until it has. */
static gboolean
on_liar (GThreadedSocketService *service,
         GSocketConnection      *conn,
         GObject                *source,
         gpointer                data)
{
  GBytes *reply = data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  gsize len = 0;
  const char *bytes = g_bytes_get_data (reply, &len);
  char buf[4096];

  g_input_stream_read (in, buf, sizeof buf, NULL, NULL);
  g_output_stream_write_all (out, bytes, len, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  return TRUE;
}

static void
check_liar (const char *reply,
            gsize       len,
            int         code)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (2);
  g_autoptr(TlIndexClient) client = NULL;
  g_autofree char *url = NULL;
  guint16 port;
  Wait w = { 0 };

  {
    g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
    g_autoptr(GSocketAddress) got = NULL;
    g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), any, G_SOCKET_TYPE_STREAM,
                                                  G_SOCKET_PROTOCOL_TCP, NULL, &got, NULL));
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (got));
  }
  g_signal_connect_data (service, "run", G_CALLBACK (on_liar), g_bytes_new (reply, len),
                         (GClosureNotify) (void (*) (void)) g_bytes_unref, 0);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  client = tl_index_client_new (url, NULL);
  tl_index_client_set_max_response (client, 64 * 1024);
  RUN (&w, tl_index_client_health_async (client, NULL, on_done, &w));
  g_assert_null (w.node);
  g_assert_error (w.error, TL_INDEX_CLIENT_ERROR, code);
  g_test_message ("%s", w.error->message);
  wait_clear (&w);
  g_socket_service_stop (service);
}

static void
test_malformed_responses (void)
{
  static const char not_json[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
  static const char not_object[] = "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\n[1,2,3]";
  static const char broken_error[] = "HTTP/1.1 500 Oops\r\nContent-Length: 13\r\nConnection: close\r\n\r\n{\"error\": 42}";
  GString *huge = g_string_new ("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2000020\r\n\r\n{\"x\": \"");

  check_liar (not_json, sizeof not_json - 1, TL_INDEX_CLIENT_ERROR_PROTOCOL);
  check_liar (not_object, sizeof not_object - 1, TL_INDEX_CLIENT_ERROR_PROTOCOL);
  check_liar (broken_error, sizeof broken_error - 1, TL_INDEX_CLIENT_ERROR_REFUSED);
  for (guint i = 0; i < 2000000; i++)
    g_string_append_c (huge, 'a');
  g_string_append (huge, "\"}");
  check_liar (huge->str, huge->len, TL_INDEX_CLIENT_ERROR_TOO_LARGE);
  g_string_free (huge, TRUE);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  tl_test_init (&argc, &argv);
  g_test_add_func ("/index/client/calls", test_calls);
  g_test_add_func ("/index/client/token-file", test_token_file);
  g_test_add_func ("/index/client/cancel", test_cancel);
  g_test_add_func ("/index/client/not-local", test_not_local);
  g_test_add_func ("/index/client/unreachable", test_unreachable);
  g_test_add_func ("/index/client/malformed-responses", test_malformed_responses);
  rc = g_test_run ();
  tl_test_server_kill (&srv, FALSE);
  return rc;
}
