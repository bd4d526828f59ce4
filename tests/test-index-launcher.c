/* test-index-launcher.c — the shared index launcher: probe, start, cancel
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Against a real `telelens serve` (running case) and a stand-in program
 * that records how it was started (down case), so no real index is left
 * behind. Built against the libsoup the test links (the launcher itself is
 * GIO and the client only).
 */
#include "tl-test-util.h"
#include "tl-test-server.h"
#include "tl-index-launcher.h"

#include <glib/gstdio.h>

#include <string.h>

typedef struct {
  char      *dir;
  char      *program;   /* the stand-in telelens */
  char      *record;    /* what it was started with */
  GSettings *settings;
} Fixture;

static guint
free_port (void)
{
  g_autoptr(GSocket) s = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (s, any, FALSE, NULL));
  bound = g_socket_get_local_address (s, NULL);
  /* Closed when it goes out of scope: nothing listens there. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *script = NULL;

  f->dir = tl_test_tmpdir ();
  f->program = g_build_filename (f->dir, "telelens", NULL);
  f->record = g_build_filename (f->dir, "started.txt", NULL);
  /* Written to a side file and renamed, so the test never reads the record
   * between the shell creating it and writing the line (CI saw "" once). */
  script = g_strdup_printf ("#!/bin/sh\necho \"$*\" > '%s.part' && mv '%s.part' '%s'\n",
                            f->record, f->record, f->record);
  g_assert_true (g_file_set_contents (f->program, script, -1, NULL));
  g_assert_cmpint (g_chmod (f->program, 0755), ==, 0);
  f->settings = g_settings_new ("org.telelens.plugin");
  g_settings_set_boolean (f->settings, "start-index", TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_settings_reset (f->settings, "start-index");
  g_settings_reset (f->settings, "index-url");
  g_clear_object (&f->settings);
  g_unlink (f->record);
  g_unlink (f->program);
  g_rmdir (f->dir);
  g_free (f->record);
  g_free (f->program);
  g_free (f->dir);
}

typedef struct {
  GMainLoop     *loop;
  TlIndexLaunch  launch;
  GError        *error;
  gboolean       done;
} Wait;

static void
on_ensured (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Wait *w = data;

  w->launch = tl_index_launcher_ensure_finish (TL_INDEX_LAUNCHER (source), result, &w->error);
  w->done = TRUE;
  g_main_loop_quit (w->loop);
}

static TlIndexLaunch
ensure (TlIndexLauncher *launcher,
        GCancellable    *cancel,
        gboolean         cancel_at_once,
        GError         **error)
{
  Wait w = { g_main_loop_new (NULL, FALSE), TL_INDEX_LAUNCH_OFF, NULL, FALSE };

  tl_index_launcher_ensure_async (launcher, cancel, on_ensured, &w);
  if (cancel_at_once)
    g_cancellable_cancel (cancel);
  if (!w.done)
    g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);
  if (w.error)
    g_propagate_error (error, w.error);
  return w.launch;
}

/* What the stand-in recorded, waiting up to 5 s for it to write. */
static char *
started_with (Fixture *f,
              guint    wait_ms)
{
  char *contents = NULL;

  for (guint waited = 0; waited <= wait_ms; waited += 50)
    {
      if (g_file_get_contents (f->record, &contents, NULL, NULL))
        return contents;
      g_usleep (50 * 1000);
    }
  return NULL;
}

static void
set_url (Fixture *f,
         guint    port)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_settings_set_string (f->settings, "index-url", url);
}

static void
test_starts_when_down (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const args[] = { "--watch-somewhere", NULL };
  g_autoptr(TlIndexLauncher) launcher = tl_index_launcher_new (f->settings, args);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL, *expected = NULL;
  guint port = free_port ();

  set_url (f, port);
  tl_index_launcher_set_program (launcher, f->program);
  g_assert_cmpint (ensure (launcher, NULL, FALSE, &error), ==, TL_INDEX_LAUNCH_STARTED);
  g_assert_no_error (error);
  line = started_with (f, 5000);
  expected = g_strdup_printf ("serve --watch-somewhere --port %u\n", port);
  g_assert_cmpstr (line, ==, expected);
}

static void
test_running_index_left_alone (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(TlIndexLauncher) launcher = tl_index_launcher_new (f->settings, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (f->dir, "index.db", NULL);
  g_autofree char *token = g_build_filename (f->dir, "token", NULL);
  TlTestServer srv = { 0 };

  g_assert_true (tl_test_server_start (&srv, db, token, &error));
  set_url (f, srv.port);
  tl_index_launcher_set_program (launcher, f->program);
  g_assert_cmpint (ensure (launcher, NULL, FALSE, &error), ==, TL_INDEX_LAUNCH_RUNNING);
  g_assert_no_error (error);
  g_assert_null (started_with (f, 500));
  tl_test_server_kill (&srv, FALSE);
  {
    g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)))
      if (g_str_has_prefix (name, "index.db") || g_str_equal (name, "token"))
        {
          g_autofree char *p = g_build_filename (f->dir, name, NULL);
          g_unlink (p);
        }
  }
}

/* Unloaded while the probe is in flight: nothing is started, even later. */
static void
test_cancelled_starts_nothing (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(TlIndexLauncher) launcher = tl_index_launcher_new (f->settings, NULL);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  set_url (f, free_port ());
  tl_index_launcher_set_program (launcher, f->program);
  ensure (launcher, cancel, TRUE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (started_with (f, 1000));
}

static void
test_off (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(TlIndexLauncher) launcher = tl_index_launcher_new (f->settings, NULL);
  g_autoptr(GError) error = NULL;

  set_url (f, free_port ());
  g_settings_set_boolean (f->settings, "start-index", FALSE);
  tl_index_launcher_set_program (launcher, f->program);
  g_assert_cmpint (ensure (launcher, NULL, FALSE, &error), ==, TL_INDEX_LAUNCH_OFF);
  g_assert_no_error (error);
  /* Not a local address: nothing to start either. */
  g_settings_set_boolean (f->settings, "start-index", TRUE);
  g_settings_set_string (f->settings, "index-url", "http://192.0.2.1:47611");
  g_assert_cmpint (ensure (launcher, NULL, FALSE, &error), ==, TL_INDEX_LAUNCH_OFF);
  g_assert_no_error (error);
  g_assert_null (started_with (f, 500));
}

static void
test_program_missing (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TlIndexLauncher) launcher = tl_index_launcher_new (f->settings, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-telelens", NULL);

  set_url (f, free_port ());
  tl_index_launcher_set_program (launcher, missing);
  g_assert_cmpint (ensure (launcher, NULL, FALSE, &error), ==, TL_INDEX_LAUNCH_OFF);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "related coverage stays off"));
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  /* The schema compiled beside this program (tests/meson.build). */
  g_setenv ("GSETTINGS_SCHEMA_DIR", g_test_get_dir (G_TEST_BUILT), TRUE);
  g_test_add ("/ui/launcher/starts-when-down", Fixture, NULL, fixture_set_up, test_starts_when_down, fixture_tear_down);
  g_test_add ("/ui/launcher/running-index-left-alone", Fixture, NULL, fixture_set_up, test_running_index_left_alone,
              fixture_tear_down);
  g_test_add ("/ui/launcher/cancelled-starts-nothing", Fixture, NULL, fixture_set_up, test_cancelled_starts_nothing,
              fixture_tear_down);
  g_test_add ("/ui/launcher/off", Fixture, NULL, fixture_set_up, test_off, fixture_tear_down);
  g_test_add ("/ui/launcher/program-missing", Fixture, NULL, fixture_set_up, test_program_missing, fixture_tear_down);
  return g_test_run ();
}
