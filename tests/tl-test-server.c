/* tl-test-server.c — a real `telelens serve` on 127.0.0.1, port 0
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tl-test-server.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

char *
tl_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("telelens-index-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

/* A test that aborts must not leave its server running: the kernel kills
 * the child when the test process dies. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

/* Starts the service and reads its address from the first line it prints. */
gboolean
tl_test_server_start (TlTestServer *srv,
                      const char   *db,
                      const char   *token_file,
                      GError      **error)
{
  return tl_test_server_start_with (srv, db, token_file, NULL, error);
}

gboolean
tl_test_server_start_with (TlTestServer      *srv,
                           const char        *db,
                           const char        *token_file,
                           const char *const *extra,
                           GError           **error)
{
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  const char *p;

  memset (srv, 0, sizeof *srv);
  g_ptr_array_add (argv, (gpointer) g_getenv ("TELELENS_BIN"));
  for (const char *a[] = { "serve", g_str_has_prefix (db, "postgresql:") ? "--store" : "--db", db,
                           "--port", "0", "--token-file", token_file, NULL }, **q = a; *q; q++)
    g_ptr_array_add (argv, (gpointer) *q);
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  srv->proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, error);
  if (srv->proc == NULL)
    return FALSE;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (srv->proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);
  if (line == NULL || (p = strstr (line, "http://127.0.0.1:")) == NULL)
    {
      g_autoptr(GBytes) err = NULL;
      GInputStream *es = g_subprocess_get_stderr_pipe (srv->proc);
      err = g_input_stream_read_bytes (es, 4096, NULL, NULL);
      if (error && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "serve did not start: %.*s",
                     err ? (int) g_bytes_get_size (err) : 0, err ? (const char *) g_bytes_get_data (err, NULL) : "");
      g_subprocess_force_exit (srv->proc);
      g_clear_object (&srv->proc);
      return FALSE;
    }
  srv->port = (guint) strtoul (p + strlen ("http://127.0.0.1:"), NULL, 10);
  srv->base = g_strdup_printf ("http://127.0.0.1:%u", srv->port);
  g_file_get_contents (token_file, &srv->token, NULL, NULL);
  if (srv->token)
    g_strstrip (srv->token);
  return srv->port > 0;
}

void
tl_test_server_kill (TlTestServer *srv,
                     gboolean      hard)
{
  if (srv->proc)
    {
      if (hard)
        g_subprocess_force_exit (srv->proc);   /* SIGKILL */
      else
        g_subprocess_send_signal (srv->proc, SIGTERM);
      g_subprocess_wait (srv->proc, NULL, NULL);
    }
  g_clear_object (&srv->proc);
  g_clear_pointer (&srv->base, g_free);
  g_clear_pointer (&srv->token, g_free);
}

/* Sends raw bytes and returns the response body; *status gets the code. */
char *
tl_test_http (guint       port,
              const char *request,
              gsize       request_len,
              guint      *status)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) resp = g_byte_array_new ();
  GOutputStream *os;
  GInputStream *is;
  guint8 buf[8192];
  gssize n;
  const char *body;

  g_socket_client_set_timeout (client, 10);
  g_socket_client_set_enable_proxy (client, FALSE);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  os = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  is = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  g_output_stream_write_all (os, request, request_len, NULL, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (is, buf, sizeof buf, NULL, &error)) > 0)
    {
      g_byte_array_append (resp, buf, n);
      /* With Content-Length known, stop when the body is complete. */
      {
        g_autofree char *text = g_strndup ((const char *) resp->data, resp->len);
        const char *hdr_end = strstr (text, "\r\n\r\n");
        const char *cl = hdr_end ? g_strstr_len (text, hdr_end - text, "Content-Length: ") : NULL;
        if (cl && hdr_end && resp->len >= (gsize) (hdr_end + 4 - text) + strtoul (cl + 16, NULL, 10))
          break;
      }
    }
  g_byte_array_append (resp, (const guint8 *) "", 1);
  *status = 0;
  if (resp->len > 12 && strncmp ((const char *) resp->data, "HTTP/1.", 7) == 0)
    *status = (guint) strtoul ((const char *) resp->data + 9, NULL, 10);
  body = strstr ((const char *) resp->data, "\r\n\r\n");
  return g_strdup (body ? body + 4 : "");
}

/* Imports the demo stories into @db with the command line; returns the path. */
char *
tl_test_import_demo (const char *db)
{
  g_autofree char *jsonl = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "stories.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                               g_getenv ("TELELENS_BIN"), "import", "jsonl",
                                               g_str_has_prefix (db, "postgresql:") ? "--store" : "--db",
                                               db, jsonl, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (p, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (jsonl);
}
