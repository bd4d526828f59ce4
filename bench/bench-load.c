/* bench-load.c — the index service under concurrent load, on loopback
 *
 *   bench-load TELELENS_BIN [SECONDS] [CLIENTS]
 *
 * Starts `telelens serve` on 127.0.0.1 port 0 with the demo stories plus
 * 2,000 generated ones, then runs CLIENTS threads (default 8) for SECONDS
 * (default 10): 60% related, 30% search, 10% ingest (with the token), each a
 * fresh connection. Bounded in count and time; stops by itself. Reports
 * throughput, p50/p99 per kind, and errors (which must be zero).
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include "bench-util.h"

#include <stdio.h>
#include <string.h>

#define MAX_SAMPLES 200000

typedef struct {
  guint   port;
  char   *token;
  gint64  until;
  GMutex  lock;
  double *lat[3];
  guint   n[3];
  guint   errors;
  guint   seq;
} Load;

static const char *const kinds[3] = { "related", "search", "ingest" };

static guint
request (guint       port,
         const char *req,
         gsize       len)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  char buf[16384];
  gssize n;
  GString *resp = g_string_new (NULL);
  guint status = 0;

  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, 10);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  if (conn == NULL)
    goto out;
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), req, len, NULL, NULL, NULL))
    goto out;
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)), buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (resp, buf, n);
  if (resp->len > 12)
    status = (guint) strtoul (resp->str + 9, NULL, 10);
out:
  g_string_free (resp, TRUE);
  return status;
}

static gpointer
worker (gpointer data)
{
  Load *l = data;
  GRand *r = g_rand_new ();

  while (g_get_monotonic_time () < l->until)
    {
      guint pick = g_rand_int_range (r, 0, 100), kind = pick < 60 ? 0 : pick < 90 ? 1 : 2;
      g_autofree char *req = NULL, *body = NULL;
      gint64 t0;
      guint status, want;

      if (kind == 0)
        req = g_strdup_printf ("GET /v1/related?id=gen-%u&limit=5 HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                               "Authorization: Bearer %s\r\nConnection: close\r\n\r\n",
                               g_rand_int_range (r, 0, 2000), l->port, l->token);
      else if (kind == 1)
        req = g_strdup_printf ("GET /v1/search?q=%s&limit=10 HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                               "Authorization: Bearer %s\r\nConnection: close\r\n\r\n",
                               (const char *[]) { "huawei", "vodafone", "breach", "espionage", "ericsson" }[g_rand_int_range (r, 0, 5)],
                               l->port, l->token);
      else
        {
          guint seq;
          g_mutex_lock (&l->lock);
          seq = l->seq++;
          g_mutex_unlock (&l->lock);
          body = g_strdup_printf ("{\"id\": \"load-%u\", \"title\": \"Load story %u\", \"outlet\": \"Load Wire\","
                                  " \"text\": \"Vodafone and Huawei story number %u under load; officials said so.\"}",
                                  seq, seq, seq);
          req = g_strdup_printf ("POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nAuthorization: Bearer %s\r\n"
                                 "Content-Type: application/json\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                 l->port, l->token, strlen (body), body);
        }
      want = kind == 2 ? 201 : 200;
      t0 = g_get_monotonic_time ();
      status = request (l->port, req, strlen (req));
      g_mutex_lock (&l->lock);
      if (status != want)
        l->errors++;
      else if (l->n[kind] < MAX_SAMPLES)
        l->lat[kind][l->n[kind]++] = (g_get_monotonic_time () - t0) / 1000.0;
      g_mutex_unlock (&l->lock);
    }
  g_rand_free (r);
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  const char *bin = argc > 1 ? argv[1] : "telelens";
  double secs = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 10;
  guint clients = argc > 3 ? (guint) atoi (argv[3]) : 8;
  g_autofree char *dir = g_dir_make_tmp ("telelens-load-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *tokfile = g_build_filename (dir, "token", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "gen.jsonl", NULL);
  g_autoptr(GString) gen = g_string_new (NULL);
  g_autoptr(GSubprocess) imp = NULL, srv = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GThread **threads = g_new (GThread *, clients);
  Load l = { 0 };
  guint total = 0;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (gen, "{\"id\": \"gen-%u\", \"title\": \"Story %u on %s\", \"outlet\": \"Outlet %u\","
                                 " \"published\": \"2026-03-%02u\", \"text\": \"%s said the %s breach of operator %u was"
                                 " espionage; Huawei and Ericsson gear was involved, officials said.\"}\n",
                            i, i, i % 2 ? "Vodafone" : "Telia", i % 12, 1 + i % 28, i % 3 ? "The FCC" : "Reuters",
                            i % 2 ? "Vodafone" : "Telia", i % 50);
  g_file_set_contents (jsonl, gen->str, gen->len, NULL);
  imp = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, NULL, bin, "import", "jsonl", "--db", db, jsonl, NULL);
  if (imp == NULL || !g_subprocess_wait_check (imp, NULL, NULL))
    return 1;
  srv = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL, bin, "serve",
                          "--db", db, "--port", "0", "--token-file", tokfile, NULL);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (srv));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL);
  if (line == NULL || strstr (line, "127.0.0.1:") == NULL)
    return 1;
  l.port = (guint) strtoul (strstr (line, "127.0.0.1:") + 10, NULL, 10);
  g_file_get_contents (tokfile, &l.token, NULL, NULL);
  g_strstrip (l.token);
  for (guint k = 0; k < 3; k++)
    l.lat[k] = g_new (double, MAX_SAMPLES);
  g_mutex_init (&l.lock);
  l.until = g_get_monotonic_time () + (gint64) (secs * G_USEC_PER_SEC);
  for (guint i = 0; i < clients; i++)
    threads[i] = g_thread_new ("load", worker, &l);
  for (guint i = 0; i < clients; i++)
    g_thread_join (threads[i]);
  g_subprocess_send_signal (srv, SIGTERM);
  g_subprocess_wait (srv, NULL, NULL);

  for (guint k = 0; k < 3; k++)
    total += l.n[k];
  printf ("load: %u clients for %.0f s on loopback against 2,021 stories: %u requests, %.0f req/s, %u errors\n",
          clients, secs, total, total / secs, l.errors);
  for (guint k = 0; k < 3; k++)
    if (l.n[k] > 0)
      printf ("  %-8s %6u  p50 %6.2f ms  p99 %6.2f ms\n", kinds[k], l.n[k],
              bench_percentile (l.lat[k], l.n[k], 0.5), bench_percentile (l.lat[k], l.n[k], 0.99));
  return l.errors == 0 ? 0 : 1;
}
