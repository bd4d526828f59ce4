/* test-faults.c — the index when things go wrong
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * kill -9 in the middle of a bulk import, a full disk (a 2 MiB tmpfs the
 * test mounts; it needs root, which CI has, and is skipped with the reason
 * otherwise), and readers and a writer at the same time.
 */
#include "tl-test-util.h"
#include "tl-test-server.h"
#include "tl-index.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

static char *
write_jsonl (const char *dir,
             guint       n,
             guint       words)
{
  g_autofree char *path = g_build_filename (dir, "bulk.jsonl", NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  static const char *const names[] = { "Huawei", "Ericsson", "Vodafone", "Telia", "Salt Typhoon", "FCC", "Orange" };

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (s, "{\"id\": \"bulk-%u\", \"title\": \"Story %u about %s\", \"outlet\": \"Outlet %u\","
                                 " \"published\": \"2026-0%u-1%u\", \"text\": \"",
                              i, i, names[i % 7], i % 9, 1 + i % 9, i % 9);
      for (guint w = 0; w < words; w++)
        g_string_append_printf (s, "%s word%u%s", names[(i + w) % 7], (i * 31 + w) % 997, w % 12 == 11 ? ". " : " ");
      g_string_append (s, "\"}\n");
    }
  g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
  return g_steal_pointer (&path);
}

static guint64
count_in (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = tl_index_open (db, tl_test_get_analyzer (), &error);
  g_assert_no_error (error);
  return tl_index_count (index);
}

/* The ids of the stories committed so far, as another reader sees them
 * (NULL when the database is not there yet). */
static GHashTable *
committed_ids (const char *db)
{
  GHashTable *ids = NULL;
  sqlite3 *conn = NULL;
  sqlite3_stmt *st = NULL;

  if (!g_file_test (db, G_FILE_TEST_EXISTS) ||
      sqlite3_open_v2 (db, &conn, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (conn, "SELECT ext_id FROM documents", -1, &st, NULL) != SQLITE_OK)
    {
      sqlite3_close (conn);
      return NULL;
    }
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_hash_table_add (ids, g_strdup ((const char *) sqlite3_column_text (st, 0)));
  sqlite3_finalize (st);
  sqlite3_close (conn);
  return ids;
}

/* Everything acknowledged (committed, visible to another reader) before
 * kill -9 is there afterwards; the same import run again resumes and
 * completes. */
static void
test_kill_during_import (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *jsonl = write_jsonl (dir, 3000, 120);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GHashTable) acked = NULL;
  g_autoptr(GHashTable) after = NULL;
  GHashTableIter it;
  gpointer id;
  guint64 after_kill;
  gint64 deadline;

  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                        g_getenv ("TELELENS_BIN"), "import", "jsonl", "--db", db, jsonl, NULL);
  g_assert_no_error (error);
  /* Wait until a first batch is committed, then kill without warning. */
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  for (;;)
    {
      /* While the file is being created a reader finds no table: try again. */
      acked = committed_ids (db);
      if (acked != NULL && g_hash_table_size (acked) > 0)
        break;
      g_clear_pointer (&acked, g_hash_table_unref);
      if (g_get_monotonic_time () > deadline)
        g_error ("no story of the import was committed within 120 s");
      g_usleep (5000);
    }
  g_subprocess_force_exit (p);
  g_subprocess_wait (p, NULL, NULL);
  g_test_message ("acknowledged before kill -9: %u of 3000 stories", g_hash_table_size (acked));
  /* Killed mid-import, not after it had finished. */
  g_assert_false (g_subprocess_get_if_exited (p));
  g_assert_cmpuint (g_hash_table_size (acked), >, 0);
  g_assert_cmpuint (g_hash_table_size (acked), <, 3000);

  after_kill = count_in (db);
  g_test_message ("after kill -9: %" G_GUINT64_FORMAT " of 3000 stories", after_kill);
  g_assert_cmpuint (after_kill % 200, ==, 0);        /* whole batches only */
  after = committed_ids (db);
  g_assert_nonnull (after);
  g_hash_table_iter_init (&it, acked);
  while (g_hash_table_iter_next (&it, &id, NULL))
    if (!g_hash_table_contains (after, id))
      g_error ("story %s was acknowledged before kill -9 and is gone after it", (char *) id);
  {
    g_autoptr(TlIndex) index = tl_index_open (db, tl_test_get_analyzer (), &error);
    g_assert_no_error (error);
    g_assert_true (tl_index_check (index, report, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&p);
  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                        g_getenv ("TELELENS_BIN"), "import", "jsonl", "--db", db, jsonl, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (p, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_in (db), ==, 3000);
}

/* A full disk: a clear error, nothing half-written, the index intact. */
static void
test_disk_full (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *mnt = g_build_filename (dir, "small", NULL);
  g_autofree char *db = g_build_filename (mnt, "index.db", NULL);
  g_autofree char *jsonl = write_jsonl (dir, 2000, 150);
  g_autofree char *token = g_build_filename (dir, "token", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autofree char *msg = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  guint64 kept;

  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);
  if (geteuid () != 0)
    {
      /* There is no other way to make a small filesystem here. */
      g_test_skip ("needs root to mount a 2 MiB tmpfs (CI runs it as root)");
      return;
    }
  if (mount ("tmpfs", mnt, "tmpfs", 0, "size=2m") != 0)
    {
      int saved = errno;
      /* Root without CAP_SYS_ADMIN (an unprivileged container). */
      if (saved == EPERM)
        g_test_skip_printf ("cannot mount a 2 MiB tmpfs: %s (root without CAP_SYS_ADMIN)", g_strerror (saved));
      else
        g_test_fail_printf ("cannot mount a 2 MiB tmpfs on %s: %s", mnt, g_strerror (saved));
      return;
    }
  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                        g_getenv ("TELELENS_BIN"), "import", "jsonl", "--db", db, jsonl, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (p, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  msg = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  g_test_message ("import on a full disk: %s", msg);
  g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 1);
  g_assert_nonnull (strstr (msg, "free some disk space"));
  g_assert_nonnull (strstr (msg, "run the same import again"));

  kept = count_in (db);
  g_assert_cmpuint (kept, >, 0);
  g_assert_cmpuint (kept, <, 2000);
  /* It says which lines are stored: exactly those. */
  {
    g_autofree char *said = g_strdup_printf ("; lines 1–%" G_GUINT64_FORMAT " are stored, line %" G_GUINT64_FORMAT
                                             " and the lines after it are not", kept, kept + 1);
    g_assert_nonnull (strstr (msg, said));
  }
  {
    g_autoptr(TlIndex) index = tl_index_open (db, tl_test_get_analyzer (), &error);
    g_assert_no_error (error);
    g_assert_true (tl_index_check (index, report, &error));
    g_assert_no_error (error);
  }

  /* The service on the same full disk answers 507, and still reads. */
  {
    TlTestServer srv;
    guint status;
    g_autofree char *body = NULL, *req = NULL, *doc = NULL, *read_body = NULL, *read_req = NULL;
    g_autoptr(GString) big = g_string_new (NULL);

    for (guint i = 0; i < 20000; i++)
      g_string_append_printf (big, "Huawei word%u ", i);
    g_assert_true (tl_test_server_start (&srv, db, token, &error));
    doc = g_strdup_printf ("{\"id\": \"full-1\", \"text\": \"%s\"}", big->str);
    req = g_strdup_printf ("POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nAuthorization: Bearer %s\r\n"
                           "Content-Type: application/json\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                           srv.port, srv.token, strlen (doc), doc);
    body = tl_test_http (srv.port, req, strlen (req), &status);
    g_test_message ("service on a full disk: %u %s", status, body);
    g_assert_cmpuint (status, ==, 507);
    g_assert_nonnull (strstr (body, "disk_full"));
    read_req = g_strdup_printf ("GET /v1/search?q=huawei HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                "Authorization: Bearer %s\r\nConnection: close\r\n\r\n", srv.port, srv.token);
    read_body = tl_test_http (srv.port, read_req, strlen (read_req), &status);
    g_assert_cmpuint (status, ==, 200);
    tl_test_server_kill (&srv, FALSE);
  }
  g_assert_cmpuint (count_in (db), ==, kept);
  umount2 (mnt, MNT_DETACH);
}

typedef struct {
  const char *db;
  gint        ready;
  gint        stop;
  guint       done;
  guint       errors;
  GString    *first_error;
  GMutex      lock;
} Shared;

static gpointer
reader (gpointer data)
{
  Shared *sh = data;
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(TlAnalyzer) an = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  tl_knowledge_base_load_bundled (kb, NULL);
  an = tl_analyzer_new (kb, NULL);
  index = tl_index_open (sh->db, an, &error);
  g_atomic_int_inc (&sh->ready);
  while (!g_atomic_int_get (&sh->stop))
    {
      g_autoptr(TlRelated) a = tl_index_related (index, "e2-ledger", 5, &error);
      g_autoptr(JsonNode) b = a ? tl_index_search (index, "huawei OR vodafone", 10, &error) : NULL;
      g_mutex_lock (&sh->lock);
      if (b == NULL)
        {
          if (sh->errors++ == 0)
            g_string_append (sh->first_error, error ? error->message : "?");
          g_clear_error (&error);
        }
      sh->done++;
      g_mutex_unlock (&sh->lock);
    }
  return NULL;
}

/* Readers never see "database is locked" while a writer imports. */
static void
test_readers_and_writer (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *jsonl = write_jsonl (dir, 1500, 80);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  Shared sh = { db, 0, 0, 0, 0, g_string_new (NULL) };
  GThread *threads[4];

  g_free (tl_test_import_demo (db));
  g_mutex_init (&sh.lock);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("reader", reader, &sh);
  /* The writer starts once every reader is reading. */
  while (g_atomic_int_get (&sh.ready) < (gint) G_N_ELEMENTS (threads))
    g_usleep (1000);
  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                             g_getenv ("TELELENS_BIN"), "import", "jsonl", "--db", db, jsonl, NULL);
  g_subprocess_wait_check (writer, NULL, &error);
  g_assert_no_error (error);
  g_atomic_int_set (&sh.stop, 1);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_test_message ("%u reads during the import, %u errors %s", sh.done, sh.errors, sh.first_error->str);
  g_assert_cmpuint (sh.done, >, 0);
  g_assert_cmpuint (sh.errors, ==, 0);
  g_assert_cmpuint (count_in (db), ==, 21 + 1500);
  g_string_free (sh.first_error, TRUE);
  g_mutex_clear (&sh.lock);
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/faults/import/kill-9-then-resume", test_kill_during_import);
  g_test_add_func ("/faults/disk-full/import-and-service", test_disk_full);
  g_test_add_func ("/faults/concurrency/readers-and-writer", test_readers_and_writer);
  return g_test_run ();
}
