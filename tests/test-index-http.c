/* test-index-http.c — the service as a program on this machine sees it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A real `telelens serve` on 127.0.0.1 port 0; requests are raw bytes over
 * a socket, so the security rules are tested exactly as an attacker would
 * try them.
 */
#include "tl-test-util.h"
#include "tl-test-server.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  char        *dir;
  char        *db;
  char        *token_file;
  TlTestServer srv;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = tl_test_tmpdir ();
  f->db = g_build_filename (f->dir, "index.db", NULL);
  f->token_file = g_build_filename (f->dir, "token", NULL);
  g_free (tl_test_import_demo (f->db));
  g_assert_true (tl_test_server_start (&f->srv, f->db, f->token_file, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tl_test_server_kill (&f->srv, FALSE);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->token_file);
}

/* A GET as the user's programs send it: with the token. */
static char *
get (Fixture    *f,
     const char *path,
     const char *extra_headers,
     guint      *status)
{
  g_autofree char *req = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nAuthorization: Bearer %s\r\n"
                                          "%sConnection: close\r\n\r\n",
                                          path, f->srv.port, f->srv.token, extra_headers ? extra_headers : "");
  return tl_test_http (f->srv.port, req, strlen (req), status);
}

/* A GET as another account on the machine could send it. */
static char *
get_as (Fixture    *f,
        const char *path,
        const char *auth,
        guint      *status)
{
  g_autofree char *req = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n%s%s%s"
                                          "Connection: close\r\n\r\n", path, f->srv.port,
                                          auth ? "Authorization: " : "", auth ? auth : "", auth ? "\r\n" : "");
  return tl_test_http (f->srv.port, req, strlen (req), status);
}

static char *
post (Fixture    *f,
      const char *path,
      const char *token,
      const char *body,
      guint      *status)
{
  g_autofree char *auth = token ? g_strdup_printf ("Authorization: Bearer %s\r\n", token) : g_strdup ("");
  g_autofree char *req = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n%s"
                                          "Content-Type: application/json\r\nContent-Length: %zu\r\n"
                                          "Connection: close\r\n\r\n%s",
                                          path, f->srv.port, auth, strlen (body), body);
  return tl_test_http (f->srv.port, req, strlen (req), status);
}

static void
assert_error_json (const char *body,
                   const char *code)
{
  g_autoptr(JsonParser) p = json_parser_new ();
  JsonObject *err;

  g_assert_true (json_parser_load_from_data (p, body, -1, NULL));
  err = json_object_get_object_member (json_node_get_object (json_parser_get_root (p)), "error");
  g_assert_nonnull (err);
  g_assert_cmpstr (json_object_get_string_member (err, "code"), ==, code);
  g_assert_true (strlen (json_object_get_string_member (err, "message")) > 10);
}

static void
test_health (Fixture *f, gconstpointer d)
{
  guint status;
  g_autofree char *body = get (f, "/v1/health", NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "\"documents\":21"));
}

/* The service listens on the loopback address only (/proc/net/tcp lists
 * "local_address" as hex IP:port; 0100007F is 127.0.0.1, state 0A LISTEN). */
static void
test_listens_on_loopback_only (Fixture *f, gconstpointer d)
{
  g_autofree char *tcp = NULL;
  g_autofree char *port = g_strdup_printf (":%04X", f->srv.port);
  g_auto(GStrv) lines = NULL;
  guint listening = 0;

  g_assert_true (g_file_get_contents ("/proc/net/tcp", &tcp, NULL, NULL));
  lines = g_strsplit (tcp, "\n", -1);
  for (char **l = lines + 1; *l; l++)
    {
      char local[64] = "", remote[64] = "", state[8] = "";
      unsigned slot;

      if (sscanf (*l, " %u: %63s %63s %7s", &slot, local, remote, state) != 4)
        continue;
      if (g_str_has_suffix (local, port) && strcmp (state, "0A") == 0)
        {
          g_autofree char *want = g_strconcat ("0100007F", port, NULL);
          listening++;
          g_assert_cmpstr (local, ==, want);
        }
    }
  g_assert_cmpuint (listening, ==, 1);
}

/* Reads need the token too: another account can reach 127.0.0.1. Health
 * answers without it, but says only "up". */
static void
test_reads_need_token (Fixture *f, gconstpointer d)
{
  static const char *const paths[] = {
    "/v1/search?q=huawei", "/v1/related?id=e4-capital", "/v1/entities/huawei/timeline", "/v1/nowhere",
  };
  g_autofree char *wrong = g_strdup_printf ("Bearer %.63sx", f->srv.token);
  g_autofree char *right = g_strdup_printf ("Bearer %s", f->srv.token);
  guint status;

  g_assert_cmpuint (strlen (f->srv.token), ==, 64);   /* 256 bits, hex */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *auths[] = { NULL, "Bearer ", wrong, "Basic abc", right };
      for (guint k = 0; k < G_N_ELEMENTS (auths); k++)
        {
          g_autofree char *body = get_as (f, paths[i], auths[k], &status);
          g_test_message ("%s with %s: %u", paths[i], auths[k] ? auths[k] : "no token", status);
          if (auths[k] == right)
            g_assert_cmpuint (status, !=, 401);
          else
            {
              g_assert_cmpuint (status, ==, 401);
              assert_error_json (body, "unauthorized");
              g_assert_null (strstr (body, "results"));
            }
        }
    }
  {
    g_autofree char *body = get_as (f, "/v1/health", NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (body, ==, "{\"status\":\"up\"}");
  }
  {
    g_autofree char *body = get_as (f, "/v1/health", right, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_nonnull (strstr (body, "\"documents\":21"));
  }
  {
    g_autofree char *body = post (f, "/v1/related", NULL, "{\"text\": \"Huawei and ZTE\"}", &status);
    g_assert_cmpuint (status, ==, 401);
  }
}

static void
test_refuses_origin (Fixture *f, gconstpointer d)
{
  guint status;
  g_autofree char *body = get (f, "/v1/search?q=huawei", "Origin: https://evil.example\r\n", &status);

  g_assert_cmpuint (status, ==, 403);
  assert_error_json (body, "forbidden_origin");
  g_assert_null (strstr (body, "results"));
}

static void
test_refuses_foreign_host (Fixture *f, gconstpointer d)
{
  g_autofree char *req = g_strdup_printf ("GET /v1/health HTTP/1.1\r\nHost: evil.example:%u\r\nConnection: close\r\n\r\n",
                                          f->srv.port);
  guint status;
  g_autofree char *body = tl_test_http (f->srv.port, req, strlen (req), &status);

  g_assert_cmpuint (status, ==, 403);
  assert_error_json (body, "forbidden_host");
}

static void
test_write_needs_token (Fixture *f, gconstpointer d)
{
  const char *doc = "{\"id\": \"new-1\", \"title\": \"Carrier fined over SS7 abuse\", \"outlet\": \"Test Wire\","
                    " \"published\": \"2026-06-01\", \"text\": \"A carrier was fined after SS7 abuse.\"}";
  guint status;
  g_autofree char *none = post (f, "/v1/documents", NULL, doc, &status);

  g_assert_cmpuint (status, ==, 401);
  assert_error_json (none, "unauthorized");
  {
    g_autofree char *wrong = post (f, "/v1/documents", "0123456789abcdef0123456789abcdef", doc, &status);
    g_assert_cmpuint (status, ==, 401);
  }
  {
    g_autofree char *ok = post (f, "/v1/documents", f->srv.token, doc, &status);
    g_assert_cmpuint (status, ==, 201);
    g_assert_nonnull (strstr (ok, "\"added\":1"));
  }
  {
    g_autofree char *again = post (f, "/v1/documents", f->srv.token, doc, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_nonnull (strstr (again, "\"existing\":1"));
  }
}

/* A batch with one bad story stores nothing. */
static void
test_write_all_or_nothing (Fixture *f, gconstpointer d)
{
  const char *docs = "[{\"id\": \"b-1\", \"text\": \"Nokia won a contract.\"},"
                     " {\"id\": \"b-2\", \"published\": \"yesterday\", \"text\": \"x\"}]";
  guint status;
  g_autofree char *body = post (f, "/v1/documents", f->srv.token, docs, &status);
  g_autofree char *check = NULL;

  g_assert_cmpuint (status, ==, 400);
  assert_error_json (body, "invalid");
  g_assert_nonnull (strstr (body, "story 2"));
  check = get (f, "/v1/health", NULL, &status);
  g_assert_nonnull (strstr (check, "\"documents\":21"));
}

/* A declared oversized body is refused before it is sent. */
static void
test_refuses_oversized_body (Fixture *f, gconstpointer d)
{
  g_autofree char *req = g_strdup_printf ("POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                          "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                          "Content-Length: 900000000\r\n\r\n{\"text\": \"",
                                          f->srv.port, f->srv.token);
  guint status;
  g_autofree char *body = tl_test_http (f->srv.port, req, strlen (req), &status);

  g_assert_cmpuint (status, ==, 413);
  assert_error_json (body, "too_large");
}

static void
test_refuses_long_uri (Fixture *f, gconstpointer d)
{
  g_autoptr(GString) path = g_string_new ("/v1/search?q=");
  guint status;
  g_autofree char *body = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (path, 'a');
  body = get (f, path->str, NULL, &status);
  g_assert_true (status == 414 || status == 400);
}

static void
test_search_syntax_error (Fixture *f, gconstpointer d)
{
  guint status;
  g_autofree char *body = get (f, "/v1/search?q=huawei%20AND%20(&syntax=fts", NULL, &status);
  g_autofree char *plain = NULL, *names = NULL, *bad = NULL;

  g_assert_cmpuint (status, ==, 400);
  assert_error_json (body, "bad_query");
  /* Without syntax=fts the same words are only words. */
  plain = get (f, "/v1/search?q=huawei%20AND%20(", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  names = get (f, "/v1/search?q=T-Mobile", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (names, "T-Mobile"));
  bad = get (f, "/v1/search?q=x&syntax=sql", NULL, &status);
  g_assert_cmpuint (status, ==, 400);
}

static void
test_related_and_timeline (Fixture *f, gconstpointer d)
{
  guint status;
  g_autofree char *rel = get (f, "/v1/related?id=e2-ledger&limit=3", NULL, &status);
  g_autofree char *missing = NULL, *tl = NULL, *nope = NULL, *method = NULL;

  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (rel, "\"id\":\"e2-wirewatch\""));
  g_assert_nonnull (strstr (rel, "\"shared_entities\""));
  g_assert_nonnull (strstr (rel, "\"also_in\""));
  missing = get (f, "/v1/related?id=no-such-story", NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  assert_error_json (missing, "not_found");
  tl = get (f, "/v1/entities/huawei/timeline?bucket=day", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (tl, "\"points\""));
  nope = get (f, "/v2/anything", NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  method = post (f, "/v1/health", f->srv.token, "{}", &status);
  g_assert_cmpuint (status, ==, 405);
}

static void
test_related_posted (Fixture *f, gconstpointer d)
{
  guint status;
  g_autofree char *body = post (f, "/v1/related?limit=3", f->srv.token,
                                "{\"title\": \"Spain breaks up SIM swap ring\", \"published\": \"2026-03-18\","
                                " \"text\": \"Police in Spain arrested a SIM swap gang that targeted Movistar and"
                                " Orange customers and stole two million euros.\"}", &status);

  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "e5-"));
}

/* Scores and times in every answer read 0.23, never 0.23000000000000001. */
static void
test_short_numbers (Fixture *f, gconstpointer d)
{
  static const char *const paths[] = {
    "/v1/related?id=e2-ledger&limit=3", "/v1/search?q=Huawei", "/v1/entities/huawei/timeline?bucket=day",
    "/v1/health",
  };
  guint status;
  g_autofree char *posted = post (f, "/v1/related?limit=3", f->srv.token,
                                  "{\"title\": \"Spain breaks up SIM swap ring\", \"published\": \"2026-03-18\","
                                  " \"text\": \"Police in Spain arrested a SIM swap gang that targeted Movistar and"
                                  " Orange customers.\"}", &status);

  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (posted, "\"score\":"));
  tl_test_assert_short_numbers (posted, 3);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *body = get (f, paths[i], NULL, &status);
      g_test_message ("%s: %s", paths[i], body);
      g_assert_cmpuint (status, ==, 200);
      tl_test_assert_short_numbers (body, 3);
    }
}

/* Acknowledged with 2xx, then kill -9: still there after a restart. */
static void
test_durable_after_kill (Fixture *f, gconstpointer d)
{
  const char *doc = "{\"id\": \"durable-1\", \"title\": \"Durability probe\", \"text\": \"Zephyrine"
                    " Telecom confirmed the quokkaphone outage was caused by an intrusion.\"}";
  guint status;
  g_autofree char *ack = post (f, "/v1/documents", f->srv.token, doc, &status);
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_cmpuint (status, ==, 201);
  tl_test_server_kill (&f->srv, TRUE);   /* SIGKILL, no chance to flush */
  g_assert_true (tl_test_server_start (&f->srv, f->db, f->token_file, &error));
  g_assert_no_error (error);
  found = get (f, "/v1/search?q=quokkaphone", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (found, "\"id\":\"durable-1\""));
}

/* A token file others can read stops the service with a clear message. */
static void
test_token_permissions (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *token = g_build_filename (dir, "token", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autofree char *msg = NULL;

  g_assert_true (g_file_set_contents (token, "0123456789abcdef0123456789", -1, NULL));
  g_chmod (token, 0644);
  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                        g_getenv ("TELELENS_BIN"), "serve", "--db", db, "--port", "0",
                        "--token-file", token, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (p, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 1);
  msg = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  g_assert_nonnull (strstr (msg, "chmod 600"));
}

/* serve writes DB.pid (0600) with its pid, refuses a second serve on the
 * same database with a message naming the first, and removes the file when
 * it stops; tools/stop-index.sh stops exactly that process. The token it
 * creates is 256 bits of hex in a 0600 file in a 0700 folder. */
static void
test_one_serve_per_db (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *other_db = g_build_filename (dir, "other.db", NULL);
  g_autofree char *pid_file = g_strconcat (db, ".pid", NULL);
  g_autofree char *token_dir = g_build_filename (dir, "private", NULL);
  g_autofree char *token = g_build_filename (token_dir, "token", NULL);
  g_autofree char *contents = NULL, *out = NULL, *err = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "tools", "stop-index.sh", NULL);
  g_autoptr(GError) error = NULL;
  TlTestServer srv, other;
  GStatBuf st;
  int status;

  g_assert_true (tl_test_server_start (&srv, db, token, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pid_file, &contents, NULL, NULL));
  g_assert_cmpstr (g_strstrip (contents), ==, g_subprocess_get_identifier (srv.proc));
  g_assert_cmpint (g_stat (pid_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (token, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (token_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpuint (strlen (srv.token), ==, 64);
  g_assert_cmpuint (strspn (srv.token, "0123456789abcdef"), ==, 64);

  /* A second serve on the same database stops at once, and says why. */
  {
    const char *argv[] = { g_getenv ("TELELENS_BIN"), "serve", "--db", db, "--port", "0",
                           "--token-file", token, NULL };
    g_autofree char *want = g_strdup_printf ("already served by process %s", g_subprocess_get_identifier (srv.proc));
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_test_message ("second serve: %s", err);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, want));
    g_assert_nonnull (strstr (err, pid_file));
  }

  /* Another database is another service; stopping one leaves the other. */
  g_assert_true (tl_test_server_start (&other, other_db, token, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "bash", script, db, NULL };
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
    g_test_message ("stop-index.sh: %s%s", out, err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (g_subprocess_wait (srv.proc, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (srv.proc) || g_subprocess_get_if_exited (srv.proc));
  g_assert_false (g_file_test (pid_file, G_FILE_TEST_EXISTS));
  {
    g_autofree char *req = g_strdup_printf ("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n\r\n",
                                            other.port);
    guint code = 0;
    g_autofree char *body = tl_test_http (other.port, req, strlen (req), &code);
    g_assert_cmpuint (code, ==, 200);
  }
  tl_test_server_kill (&other, FALSE);
  tl_test_server_kill (&srv, FALSE);
}

/* A large first import from Liferea does not stop the service answering,
 * and health says how far it is. */
static void
test_answers_while_importing (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *token = g_build_filename (dir, "token", NULL);
  g_autofree char *lf = g_build_filename (dir, "liferea.db", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "liferea", "liferea.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *extra[] = { "--watch-liferea", "--liferea-db", lf, NULL };
  TlTestServer srv;
  gboolean finished = FALSE;
  guint answered = 0, building = 0;
  gsize len;
  sqlite3 *sdb;

  /* 21 items written by Liferea, plus 100 copies of them (2,121) within its own schema. */
  g_assert_true (g_file_get_contents (fixture, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (lf, contents, len, NULL));
  g_assert_cmpint (sqlite3_open (lf, &sdb), ==, SQLITE_OK);
  for (guint round = 0; round < 100; round++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO items (item_id, node_id, parent_node_id, title, read, source, source_id, valid_guid,"
        " description, date, comment) SELECT item_id + %u, node_id, parent_node_id, title || ' (%u)', read,"
        " source || '?copy=%u', source_id || '-%u', valid_guid, description || '<p>Copy %u.</p>', date, comment"
        " FROM items WHERE item_id <= 21", (round + 1) * 100, round, round, round, round);
      g_assert_cmpint (sqlite3_exec (sdb, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_close (sdb);

  g_assert_true (tl_test_server_start_with (&srv, db, token, extra, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *req = g_strdup_printf ("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                              "Authorization: Bearer %s\r\nConnection: close\r\n\r\n",
                                              srv.port, srv.token);
      guint status;
      g_autofree char *body = tl_test_http (srv.port, req, strlen (req), &status);

      g_assert_cmpuint (status, ==, 200);
      answered++;
      if (strstr (body, "\"building\""))
        building++;
      else if (strstr (body, "\"documents\":2121"))
        {
          finished = TRUE;
          break;
        }
      g_usleep (20000);
    }
  /* Several answers while the import ran, not one before it and one after:
   * the service keeps answering between the import's batches. No clock in
   * the assertion (a sanitizer build on a busy machine is slow, not wrong). */
  g_test_message ("health answered %u times, %u of them during the import", answered, building);
  g_assert_cmpuint (building, >=, 3);
  g_assert_true (finished);
  tl_test_server_kill (&srv, FALSE);
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/index/http/health", test_health);
  ADD ("/index/http/security/loopback-only", test_listens_on_loopback_only);
  ADD ("/index/http/security/origin-refused", test_refuses_origin);
  ADD ("/index/http/security/foreign-host-refused", test_refuses_foreign_host);
  ADD ("/index/http/security/write-needs-token", test_write_needs_token);
  ADD ("/index/http/security/reads-need-token", test_reads_need_token);
  ADD ("/index/http/security/oversized-body", test_refuses_oversized_body);
  ADD ("/index/http/security/long-uri", test_refuses_long_uri);
  ADD ("/index/http/write/all-or-nothing", test_write_all_or_nothing);
  ADD ("/index/http/search/syntax-error-is-400", test_search_syntax_error);
  ADD ("/index/http/related-timeline-errors", test_related_and_timeline);
  ADD ("/index/http/related/posted-story", test_related_posted);
  ADD ("/index/http/json/short-numbers", test_short_numbers);
  ADD ("/index/http/durability/kill-9", test_durable_after_kill);
  g_test_add_func ("/index/http/security/token-file-permissions", test_token_permissions);
  g_test_add_func ("/index/http/serve/one-per-database", test_one_serve_per_db);
  g_test_add_func ("/index/http/liferea/answers-while-importing", test_answers_while_importing);
  return g_test_run ();
}
