/* test-index-store.c — where an index is (--db PATH, --store URL), and the
 * team index on a real PostgreSQL: many writers, refused and restarted
 * servers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The cases every store must pass are in test-index.c (one table, run as
 * /index/sqlite/… and /index/postgresql/…); these are what only a shared
 * database server has. Each program starts its own cluster (tl-test-pg.h).
 */
#include "tl-config.h"
#include "tl-test-util.h"
#include "tl-test-server.h"
#include "tl-test-pg.h"
#include "tl-index.h"
#include "tl-liferea-source.h"

#include <gio/gio.h>
#include <string.h>
#ifdef TL_HAVE_POSTGRESQL
#include <libpq-fe.h>
#endif

/* Which store a location names, and how it may be shown: a password never
 * leaves the URL unredacted, whatever its form. */
static void
test_location_redact (void)
{
  static const struct { const char *in, *shown; gboolean password, file; } cases[] = {
    { "/home/ann/index.db", "/home/ann/index.db", FALSE, TRUE },
    { "sqlite:/home/ann/index.db", "sqlite:/home/ann/index.db", FALSE, TRUE },
    { "sqlite:///home/ann/index.db", "sqlite:///home/ann/index.db", FALSE, TRUE },
    { "C:index.db", "C:index.db", FALSE, TRUE },
    { "postgresql://db.example/team", "postgresql://db.example/team", FALSE, FALSE },
    { "postgresql://ann@db.example:5433/team", "postgresql://ann@db.example:5433/team", FALSE, FALSE },
    { "postgresql://ann:pw@db.example/team", "postgresql://ann:***@db.example/team", TRUE, FALSE },
    { "POSTGRES://ann:p@ss:w@rd@db.example/team", "POSTGRES://ann:***@db.example/team", TRUE, FALSE },
    { "postgresql://db.example/team?sslmode=require&password=pw&user=ann",
      "postgresql://db.example/team?sslmode=require&password=***&user=ann", TRUE, FALSE },
    { "postgresql:///team?host=/run/pg&PASSWORD=pw", "postgresql:///team?host=/run/pg&PASSWORD=***", TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = tl_index_location_redact (cases[i].in);
      g_autofree char *file = tl_index_location_get_file (cases[i].in);
      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_cmpint (tl_index_location_has_password (cases[i].in), ==, cases[i].password);
      g_assert_cmpint (file != NULL, ==, cases[i].file);
      g_assert_true (tl_index_location_check (cases[i].in, NULL) || !cases[i].file);
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (tl_index_location_check ("mysql://ann:pw@db.example/team", &error));
    g_assert_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID);
    g_assert_null (strstr (error->message, "pw@"));
    g_assert_nonnull (strstr (error->message, "mysql:"));
  }
}

#ifdef TL_HAVE_POSTGRESQL

/* @n stories in events of three reports, with knowledge-base names (so
 * they have entities) and rare words (so related coverage finds them). */
static char *
write_stories (guint n)
{
  static const char *const names[] = { "Huawei", "Ericsson", "Nokia", "Telia", "Vodafone", "Orange" };
  static const char *const words[] = { "outage", "fibre", "spectrum", "auction", "breach", "router", "cable",
                                       "satellite", "tower", "billing", "firmware", "regulator" };
  g_autofree char *dir = tl_test_tmpdir ();
  char *path = g_build_filename (dir, "stories.jsonl", NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      guint ev = i / 3;
      g_string_append_printf (out, "{\"id\": \"gen-%u\", \"outlet\": \"Outlet %u\", \"published\": \"2026-0%u-1%uT08:00:00Z\","
                                   " \"title\": \"%s %s zq%ux report %u\", \"text\": \"%s said the %s affected"
                                   " zq%ux customers near %s. The %s team confirmed zq%ux at %s and %s.\"}\n",
                              i, i % 7, 1 + ev % 9, ev % 10, names[ev % 6], words[ev % 12], ev, i,
                              names[ev % 6], words[(ev + 3) % 12], ev, names[(ev + 1) % 6], words[(ev + 5) % 12],
                              ev, names[(ev + 2) % 6], words[(ev + 7) % 12]);
    }
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));
  g_string_free (out, TRUE);
  return path;
}

static GSubprocess *
spawn_import (const char *url,
              const char *jsonl)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                     g_getenv ("TELELENS_BIN"), "import", "jsonl", "--store", url, jsonl, NULL);
  g_assert_no_error (error);
  return p;
}

static void
wait_ok (GSubprocess *p)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;

  g_subprocess_communicate_utf8 (p, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("import: %s%s", out, err);
  g_assert_true (g_subprocess_get_if_exited (p));
  g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
}

static JsonObject *
stats_of (TlIndex *index)
{
  g_autoptr(JsonNode) s = tl_index_stats (index);
  return json_object_ref (json_node_get_object (s));
}

/* @a and @b hold the same stories (write_stories (60)): the same counts,
 * and the same related coverage, each story finding its event. */
static void
assert_same_index (TlIndex *a,
                   TlIndex *b)
{
  g_autoptr(JsonObject) sa = stats_of (a);
  g_autoptr(JsonObject) sb = stats_of (b);
  g_autoptr(GError) error = NULL;

  for (const char *const *m = (const char *const[]) { "documents", "entities", "entity_mentions", NULL }; *m; m++)
    g_assert_cmpint (json_object_get_int_member (sa, *m), ==, json_object_get_int_member (sb, *m));
  for (guint i = 0; i < 60; i += 7)
    {
      g_autofree char *id = g_strdup_printf ("gen-%u", i);
      g_autoptr(TlRelated) ra = tl_index_related (a, id, 5, &error);
      g_autoptr(TlRelated) rb = tl_index_related (b, id, 5, NULL);
      g_autoptr(JsonNode) ja = NULL, jb = NULL;
      g_autofree char *ta = NULL, *tb = NULL;
      g_assert_no_error (error);
      ra->took_ms = rb->took_ms = 0;
      ja = tl_related_to_json (ra);
      jb = tl_related_to_json (rb);
      ta = json_to_string (ja, FALSE);
      tb = json_to_string (jb, FALSE);
      g_assert_cmpstr (ta, ==, tb);
      g_assert_cmpuint (ra->results->len + ra->copies_in->len, >=, 1);   /* it found its event */
    }
}

/* A refused connection is a clear error naming the store, and what to do;
 * the command says it in one line. */
static void
test_pg_refused (void)
{
  g_autofree char *url = tl_test_pg_refused_url ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = tl_index_open_location (url, tl_test_get_analyzer (), TRUE, &error);
  g_autoptr(GSubprocess) p = NULL;
  g_autofree char *out = NULL, *err = NULL;

  g_assert_null (index);
  g_assert_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "cannot connect"));
  g_assert_nonnull (strstr (error->message, "check that the server runs"));
  g_clear_error (&error);

  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                        g_getenv ("TELELENS_BIN"), "search", "--store", url, "huawei", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (p, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "telelens: index postgresql://"));
  g_assert_nonnull (strstr (err, "cannot connect"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

/* Four analysts import the same stories at once: each story is stored
 * once and counted once (the same counts, and the same related coverage,
 * as one writer gives), and the index says whose service added them. */
static void
test_pg_four_writers (void)
{
  g_autofree char *jsonl = write_stories (60);
  g_autofree char *shared = tl_test_pg_new_database ();
  g_autofree char *alone = tl_test_pg_new_database ();
  GSubprocess *w[4] = { NULL };
  g_autoptr(TlIndex) a = NULL, b = NULL;
  g_autoptr(JsonObject) sa = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *me = g_strdup_printf ("%s@%s", g_get_user_name (), g_get_host_name ());

  for (guint i = 0; i < G_N_ELEMENTS (w); i++)
    w[i] = spawn_import (shared, jsonl);
  for (guint i = 0; i < G_N_ELEMENTS (w); i++)
    {
      wait_ok (w[i]);
      g_clear_object (&w[i]);
    }
  {
    g_autoptr(GSubprocess) one = spawn_import (alone, jsonl);
    wait_ok (one);
  }
  a = tl_index_open_location (shared, tl_test_get_analyzer (), FALSE, &error);
  g_assert_no_error (error);
  b = tl_index_open_location (alone, tl_test_get_analyzer (), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tl_index_count (a), ==, 60);
  g_assert_true (tl_index_check (a, report, &error));
  g_assert_no_error (error);
  assert_same_index (a, b);
  sa = stats_of (a);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sa, "added_by"), me), ==, 60);
}

/* Stories loaded in bulk (tl_index_set_bulk(): one transaction per batch,
 * the counts written at its commit) make the same index as the same
 * stories imported one by one; a story sent twice in a batch is stored
 * once, and a batch rolled back leaves nothing of itself. */
static void
test_pg_bulk_same_as_one_by_one (void)
{
  g_autofree char *jsonl = write_stories (60);
  g_autofree char *url = tl_test_pg_new_database ();
  g_autofree char *alone = tl_test_pg_new_database ();
  g_autoptr(TlIndex) a = NULL, b = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  {
    g_autoptr(GSubprocess) one = spawn_import (alone, jsonl);
    wait_ok (one);
  }
  g_assert_true (g_file_get_contents (jsonl, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  a = tl_index_open_location (url, tl_test_get_analyzer (), FALSE, &error);
  g_assert_no_error (error);
  tl_index_set_bulk (a, TRUE);
  for (guint batch = 0; batch < 4; batch++)
    {
      g_assert_true (tl_index_begin (a, &error));
      for (guint i = 0; i < 20 && lines[n + i] && *lines[n + i]; i++)
        for (guint twice = 0; twice < (i == 3 ? 2 : 1); twice++)
          {
            g_autoptr(JsonNode) node = json_from_string (lines[n + i], &error);
            g_auto(TlIndexDoc) doc = { 0 };
            gboolean is_new = FALSE;
            g_assert_no_error (error);
            g_assert_true (tl_index_doc_from_json (json_node_get_object (node), &doc, &error));
            g_assert_true (tl_index_add (a, &doc, NULL, &is_new, &error));
            g_assert_no_error (error);
            g_assert_true (is_new == (twice == 0));
          }
      if (batch == 1)
        {
          /* Rolled back: these 20 come again in the next batch. */
          tl_index_rollback (a);
          g_assert_cmpuint (tl_index_count (a), ==, 20);
          continue;
        }
      g_assert_true (tl_index_commit (a, &error));
      g_assert_no_error (error);
      n += 20;
    }
  tl_index_set_bulk (a, FALSE);
  b = tl_index_open_location (alone, tl_test_get_analyzer (), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tl_index_count (a), ==, 60);
  g_assert_true (tl_index_check (a, report, &error));
  g_assert_no_error (error);
  assert_same_index (a, b);
}

/* What the import's own connection is doing, seen from another: the
 * stories committed, and whether a session other than this one has
 * written in a transaction still open (a batch under way). */
static void
import_progress (PGconn  *conn,
                 guint64 *committed,
                 gboolean *writing)
{
  PGresult *res = PQexec (conn, "SELECT (SELECT coalesce(sum(n), 0) FROM telelens.doc_count),"
                                " (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                "  AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL)");

  *committed = 0;
  *writing = FALSE;
  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
    {
      *committed = g_ascii_strtoull (PQgetvalue (res, 0, 0), NULL, 10);
      *writing = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10) > 0;
    }
  PQclear (res);
}

/* Restarts the server in the middle of a batch of 600 stories being
 * written through another session: once 200 to 599 are committed and the
 * next batch is under way. Closes @conn, which watches. */
static void
restart_mid_batch (PGconn *conn)
{
  guint64 committed = 0;
  gboolean writing = FALSE;

  for (guint i = 0; i < 6000; i++)
    {
      import_progress (conn, &committed, &writing);
      if (committed >= 200 && committed < 600 && writing)
        break;
      g_usleep (10 * 1000);
    }
  PQfinish (conn);
  g_test_message ("restarting with %" G_GUINT64_FORMAT " stories committed, a batch under way: %d", committed, writing);
  g_assert_cmpuint (committed, >=, 200);
  g_assert_cmpuint (committed, <, 600);
  g_assert_true (writing);
  tl_test_pg_restart ();
}

/* The server restarts while an import runs, in the middle of a batch (a
 * batch of 200 committed, the next one written in part): the import says
 * which lines are stored, reconnects, stores the rolled-back batch again
 * from memory and finishes; every story is there once. */
static void
test_pg_restart_during_import (void)
{
  g_autofree char *jsonl = write_stories (600);
  g_autofree char *url = tl_test_pg_new_database ();
  g_autoptr(GSubprocess) imp = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  PGconn *conn;

  index = tl_index_open_location (url, tl_test_get_analyzer (), TRUE, &error);
  g_assert_no_error (error);
  conn = PQconnectdb (url);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  imp = spawn_import (url, jsonl);
  restart_mid_batch (conn);

  g_subprocess_communicate_utf8 (imp, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("import: %s%s", out, err);
  g_assert_true (g_subprocess_get_if_exited (imp));
  g_assert_cmpint (g_subprocess_get_exit_status (imp), ==, 0);
  /* It said what was stored, and that it stores the batch again. */
  g_assert_nonnull (strstr (err, "connection"));
  g_assert_nonnull (strstr (err, " are stored, storing lines "));
  g_assert_null (strstr (err, "CRITICAL"));   /* no transaction left open under set_bulk() */
  g_assert_nonnull (strstr (out, " stories added"));

  g_assert_cmpuint (tl_index_count (index), ==, 600);   /* this connection reconnected too */
  {
    g_autoptr(GString) report = g_string_new (NULL);
    g_assert_true (tl_index_check (index, report, &error));
    g_assert_no_error (error);
  }
}

/* The index's connection is cut in the middle of a batch (the store's
 * own trigger ends its session at the 15th story, once), while a reader's
 * stories are imported: the import says what is stored, connects again,
 * reads the batch again and finishes; every story is there once, with the
 * cursor. The same for a JSONL import from standard input (its batch is
 * stored again from memory). */
static void
test_pg_connection_lost_mid_batch (void)
{
  g_autofree char *url = tl_test_pg_new_database ();
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *copy = tl_test_copy_liferea_db (dir, "liferea.db");
  g_autofree char *cursor = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(TlStorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0, seen = 0;
  PGconn *conn;
  PGresult *res;

  index = tl_index_open_location (url, tl_test_get_analyzer (), TRUE, &error);
  g_assert_no_error (error);
  conn = PQconnectdb (url);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  /* A sequence is not rolled back: the session is ended once. */
  res = PQexec (conn, "SET search_path TO telelens;"
                      " CREATE SEQUENCE test_cut;"
                      " CREATE FUNCTION test_cut() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
                      "  IF (SELECT count(*) FROM documents) = 14 AND nextval('test_cut') = 1 THEN"
                      "   PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END$$;"
                      " CREATE TRIGGER test_cut BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION test_cut()");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
  PQclear (res);

  source = tl_liferea_source_new (copy);
  g_assert_true (tl_story_source_import (source, index, G_MAXUINT, &added, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen, ==, 21);
  g_assert_cmpuint (added, ==, 21);
  g_assert_cmpuint (tl_index_count (index), ==, 21);
  g_assert_true (tl_index_get_state (index, "liferea_last_item", &cursor));
  res = PQexec (conn, "SELECT last_value FROM telelens.test_cut");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10), >=, 1);   /* it was cut */
  PQclear (res);

  /* JSONL from standard input: read once, its batch kept in memory. */
  {
    g_autofree char *jsonl = write_stories (60);
    g_autofree char *text = NULL, *out = NULL, *err = NULL;
    g_autoptr(GSubprocess) p = NULL;

    res = PQexec (conn, "ALTER SEQUENCE telelens.test_cut RESTART;"
                        " CREATE OR REPLACE FUNCTION telelens.test_cut() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
                        "  IF NEW.ext_id = 'gen-50' AND nextval('telelens.test_cut') = 1 THEN"
                        "   PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END$$");
    g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
    PQclear (res);
    g_assert_true (g_file_get_contents (jsonl, &text, NULL, NULL));
    p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                          &error, g_getenv ("TELELENS_BIN"), "import", "jsonl", "--store", url, "-", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (p, text, NULL, &out, &err, &error);
    g_assert_no_error (error);
    g_test_message ("import: %s%s", out, err);
    g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
    g_assert_nonnull (strstr (err, "; nothing from standard input is stored yet, storing lines 1–51 again"));
    g_assert_null (strstr (err, "CRITICAL"));
    g_assert_nonnull (strstr (out, "60 stories added, 0 already in the index"));
    g_assert_cmpuint (tl_index_count (index), ==, 81);
  }
  PQfinish (conn);
}

/* The server restarts while a personal index is copied into it, in the
 * middle of a batch (one batch of 200 committed, the next written in
 * part): the copy says which stories are copied, reconnects, stores the
 * rolled-back batch again and finishes; every story is there once. */
static void
test_pg_restart_during_copy (void)
{
  g_autofree char *jsonl = write_stories (600);
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "mine.db", NULL);
  g_autofree char *url = tl_test_pg_new_database ();
  g_autoptr(GSubprocess) copy = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  PGconn *conn;

  {
    g_autoptr(GSubprocess) imp = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("TELELENS_BIN"),
                                                   "import", "jsonl", "--db", db, jsonl, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (imp, NULL, &error));
    g_assert_no_error (error);
  }
  index = tl_index_open_location (url, tl_test_get_analyzer (), TRUE, &error);
  g_assert_no_error (error);
  conn = PQconnectdb (url);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  copy = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           g_getenv ("TELELENS_BIN"), "index", "copy", "--from", db, "--to", url, NULL);
  g_assert_no_error (error);
  restart_mid_batch (conn);

  g_subprocess_communicate_utf8 (copy, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("copy: %s%s", out, err);
  g_assert_true (g_subprocess_get_if_exited (copy));
  g_assert_cmpint (g_subprocess_get_exit_status (copy), ==, 0);
  /* It said what was copied, and that it stores the batch again. */
  g_assert_nonnull (strstr (err, "connection"));
  g_assert_nonnull (strstr (err, " are copied, storing stories "));
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_nonnull (strstr (out, ": 600 stories added, 0 already there"));

  g_assert_cmpuint (tl_index_count (index), ==, 600);
  {
    g_autoptr(GString) report = g_string_new (NULL);
    g_assert_true (tl_index_check (index, report, &error));
    g_assert_no_error (error);
  }
}

static char *
post_story (TlTestServer *srv,
            const char   *id,
            guint        *status)
{
  g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"title\": \"Telia fined over %s\","
                                           " \"text\": \"Telia was fined by the regulator after the %s outage.\"}",
                                           id, id, id);
  g_autofree char *req = g_strdup_printf ("POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                          "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                          "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                          srv->port, srv->token, strlen (body), body);
  return tl_test_http (srv->port, req, strlen (req), status);
}

/* What the service acknowledged survives a restart of the database, and
 * the service goes on answering after it. */
static void
test_pg_service_survives_restart (void)
{
  g_autofree char *url = tl_test_pg_new_database ();
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *token = g_build_filename (dir, "token", NULL);
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  TlTestServer srv;
  guint status = 0;

  g_assert_true (tl_test_server_start (&srv, url, token, &error));
  g_assert_no_error (error);
  g_free (post_story (&srv, "before-restart", &status));
  g_assert_cmpuint (status, ==, 201);
  tl_test_pg_restart ();
  g_free (post_story (&srv, "after-restart", &status));
  g_assert_cmpuint (status, ==, 201);
  tl_test_server_kill (&srv, TRUE);
  index = tl_index_open_location (url, tl_test_get_analyzer (), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tl_index_count (index), ==, 2);
}

static char *run_copy (const char *from, const char *to);

static char *
search_text (TlIndex    *index,
             const char *query,
             gboolean    syntax)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) out = syntax ? tl_index_search_syntax (index, query, 10, &error)
                                   : tl_index_search (index, query, 10, &error);

  g_assert_no_error (error);
  return json_to_string (out, FALSE);
}

/* Which words story @i of search_window_stories() has. */
static gboolean
window_word (guint       i,
             const char *word)
{
  if (g_str_equal (word, "alderwood"))
    return i % 7 == 0;
  if (g_str_equal (word, "birchbark"))
    return i % 3 == 0;
  if (g_str_equal (word, "cedarline"))   /* with birchbark only in the oldest 300 */
    return i % 3 == 1 || (i % 3 == 0 && i < 300);
  if (g_str_equal (word, "duneshore"))
    return i % 2 == 0;
  if (g_str_equal (word, "elmgrove"))
    return i % 700 == 0;
  g_assert_not_reached ();
}

#define WINDOW_STORIES 3500
static const char *const window_words[] = { "alderwood", "birchbark", "cedarline", "duneshore", "elmgrove" };

/* A search ranks the latest TL_STORE_SEARCH_WINDOW (200) stories that have
 * all its words, wherever they are, by every plan PostgreSQL's store can
 * take (tl-pg-store-query.c): the range it looks in first is sized from
 * the words' counts, and the index read whole when fewer match there.
 * 3,500 stories, the first range made as small as the tests' index needs
 * (TELELENS_PG_SEARCH_RECENT=50); each search asks for 200 results, which
 * must be exactly the latest 200 that match (all of them when fewer). */
static void
test_pg_search_window_any_range (void)
{
  g_autofree char *url = tl_test_pg_new_database ();
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { const char *q; gboolean syntax; guint matches; } searches[] = {
    { "alderwood", FALSE, 500 },              /* in 1/7: a range of 2,800 of the 3,500 */
    { "birchbark cedarline", FALSE, 100 },    /* 1/8 expected, none in the range: all read */
    { "duneshore", FALSE, 1750 },             /* in half: the latest 50 scanned, then all */
    { "elmgrove", FALSE, 5 },                 /* rare: all read at once */
    { "alderwood duneshore", FALSE, 250 },    /* the range would be the whole index */
    { "birchbark & cedarline", TRUE, 100 },   /* PostgreSQL's syntax: the latest 50, then all */
  };

  index = tl_index_open_location (url, tl_test_get_analyzer (), FALSE, &error);
  g_assert_no_error (error);
  tl_index_set_bulk (index, TRUE);
  g_assert_true (tl_index_begin (index, &error));
  for (guint i = 0; i < WINDOW_STORIES; i++)
    {
      g_auto(TlIndexDoc) doc = { 0 };
      GString *text = g_string_new ("The regional network was inspected after the storm");

      for (guint w = 0; w < G_N_ELEMENTS (window_words); w++)
        if (window_word (i, window_words[w]))
          g_string_append_printf (text, " near %s", window_words[w]);
      g_string_append (text, ".");
      doc.id = g_strdup_printf ("w-%u", i);
      doc.title = g_strdup_printf ("Inspection report %u", i);
      doc.published = 1767225600 + i * 60;
      doc.text = g_string_free (text, FALSE);
      g_assert_true (tl_index_add (index, &doc, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (tl_index_commit (index, &error));
  g_assert_no_error (error);

  g_setenv ("TELELENS_PG_SEARCH_RECENT", "50", TRUE);
  for (guint k = 0; k < G_N_ELEMENTS (searches); k++)
    {
      g_autoptr(JsonNode) out = searches[k].syntax ? tl_index_search_syntax (index, searches[k].q, 200, &error)
                                                   : tl_index_search (index, searches[k].q, 200, &error);
      g_autoptr(GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_auto(GStrv) words = g_strsplit_set (searches[k].q, " &", -1);
      guint matches = 0;
      JsonArray *res;

      g_assert_no_error (error);
      for (guint i = WINDOW_STORIES; i-- > 0;)
        {
          gboolean all = TRUE;
          for (guint w = 0; words[w]; w++)
            all = all && (*words[w] == '\0' || window_word (i, words[w]));
          if (!all)
            continue;
          if (matches++ < 200)
            g_hash_table_add (want, g_strdup_printf ("w-%u", i));
        }
      g_assert_cmpuint (matches, ==, searches[k].matches);
      res = json_object_get_array_member (json_node_get_object (out), "results");
      g_test_message ("%s: %u results of %u matches", searches[k].q, json_array_get_length (res), matches);
      g_assert_cmpuint (json_array_get_length (res), ==, g_hash_table_size (want));
      for (guint i = 0; i < json_array_get_length (res); i++)
        {
          const char *id = json_object_get_string_member (json_array_get_object_element (res, i), "id");
          if (!g_hash_table_contains (want, id))
            g_error ("%s: %s is not among the latest 200 that match", searches[k].q, id);
        }
    }
  g_unsetenv ("TELELENS_PG_SEARCH_RECENT");
}

/* A search is one round trip (its estimate, window and setting sent at
 * once, tl-pg-store-query.c): after the server restarted, the service
 * connects again and answers the same, for each of the plans a search
 * of words can take and for PostgreSQL's own syntax. */
static void
test_pg_search_survives_restart (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *jsonl = tl_test_import_demo (db);
  g_autofree char *url = tl_test_pg_new_database ();
  g_autofree char *copied = run_copy (db, url);
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { const char *q; gboolean syntax; } searches[] = {
    { "carriers", FALSE }, { "wiretap carriers", FALSE }, { "the carriers", FALSE },
    { "\"Baltic Sea\" cables", FALSE }, { "wiretap & carriers", TRUE },
  };
  char *before[G_N_ELEMENTS (searches)];

  index = tl_index_open_location (url, tl_test_get_analyzer (), FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      before[i] = search_text (index, searches[i].q, searches[i].syntax);
      g_test_message ("%s: %s", searches[i].q, before[i]);
      g_assert_nonnull (strstr (before[i], "\"id\""));   /* each finds stories */
    }
  tl_test_pg_restart ();
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autofree char *after = search_text (index, searches[i].q, searches[i].syntax);
      g_assert_cmpstr (after, ==, before[i]);
      g_free (before[i]);
    }
}

static char *
run_copy (const char *from,
          const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("TELELENS_BIN"),
                                               "index", "copy", "--from", from, "--to", to, NULL);
  char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
  return out;
}

/* A personal index copied into a team's: every story, once (copying again
 * adds nothing), and related coverage answers the same from both. */
static void
test_pg_copy_personal_index (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *jsonl = tl_test_import_demo (db);
  g_autofree char *url = tl_test_pg_new_database ();
  g_autofree char *first = run_copy (db, url);
  g_autofree char *again = run_copy (db, url);
  g_autoptr(TlIndex) mine = NULL, team = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const ids[] = { "e1-wirewatch", "e1-signaldesk", "e2-ledger" };

  mine = tl_index_open_location (db, tl_test_get_analyzer (), FALSE, &error);
  g_assert_no_error (error);
  team = tl_index_open_location (url, tl_test_get_analyzer (), FALSE, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", first, again);
  g_assert_cmpuint (tl_index_count (team), ==, tl_index_count (mine));
  g_assert_nonnull (strstr (again, ": 0 stories added"));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(TlRelated) a = tl_index_related (mine, ids[i], 5, &error);
      g_autoptr(TlRelated) b = tl_index_related (team, ids[i], 5, NULL);
      g_autoptr(JsonNode) ja = NULL, jb = NULL;
      g_autofree char *ta = NULL, *tb = NULL;
      g_assert_no_error (error);
      g_assert_nonnull (b);
      a->took_ms = b->took_ms = 0;
      a->candidates = b->candidates = 0;   /* FTS5 and tsvector tokenise a few words apart */
      ja = tl_related_to_json (a);
      jb = tl_related_to_json (b);
      ta = json_to_string (ja, FALSE);
      tb = json_to_string (jb, FALSE);
      g_assert_cmpstr (ta, ==, tb);
    }
}

#endif

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/index/location/redact-and-kind", test_location_redact);
#ifdef TL_HAVE_POSTGRESQL
  g_test_add_func ("/index/postgresql/open/refused-connection", test_pg_refused);
  g_test_add_func ("/index/postgresql/writers/four-at-once", test_pg_four_writers);
  g_test_add_func ("/index/postgresql/bulk/same-as-one-by-one", test_pg_bulk_same_as_one_by_one);
  g_test_add_func ("/index/postgresql/faults/restart-during-import", test_pg_restart_during_import);
  g_test_add_func ("/index/postgresql/faults/service-survives-restart", test_pg_service_survives_restart);
  g_test_add_func ("/index/postgresql/faults/connection-lost-mid-batch", test_pg_connection_lost_mid_batch);
  g_test_add_func ("/index/postgresql/copy/personal-index", test_pg_copy_personal_index);
  g_test_add_func ("/index/postgresql/faults/restart-during-copy", test_pg_restart_during_copy);
  g_test_add_func ("/index/postgresql/faults/search-survives-restart", test_pg_search_survives_restart);
  g_test_add_func ("/index/postgresql/search/latest-matches-whatever-the-range", test_pg_search_window_any_range);
#endif
  return g_test_run ();
}
