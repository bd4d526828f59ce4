/* tl-test-pg.c — a real PostgreSQL of the test program's own
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tl-test-pg.h"
#include "tl-test-server.h"

#include <errno.h>
#include <gio/gio.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

static char *cluster_dir;
static guint n_databases;

static char *
script (const char *cmd,
        const char *arg)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "tools", "pg-cluster.sh", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                               "bash", path, cmd, cluster_dir, arg, NULL);
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (p) || g_subprocess_get_exit_status (p) != 0)
    g_error ("tools/pg-cluster.sh %s failed (see its message above; the tests need the postgresql package)", cmd);
  return g_strdup (g_strstrip (out));
}

static void
destroy (void)
{
  if (cluster_dir != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "tools", "pg-cluster.sh", NULL);
      g_autofree char *cmd = g_strdup_printf ("bash '%s' destroy '%s' >/dev/null 2>&1", path, cluster_dir);
      g_clear_pointer (&cluster_dir, g_free);
      if (system (cmd) != 0)
        g_printerr ("could not remove the test cluster\n");
    }
}

/* A failed assertion aborts: the server must not outlive the test. */
static void
on_abort (int sig)
{
  destroy ();
  signal (sig, SIG_DFL);
  raise (sig);
}

/* The cluster's folder. Run as root, the server runs as another user
 * (pg-cluster.sh), who must reach it; GLib's test harness (2.80 and later,
 * Debian 13) points the temporary folder into a private folder of the test
 * program's own, so the cluster gets a folder of its own under /tmp. */
static char *
cluster_tmpdir (void)
{
  g_autofree char *tmpl = g_strdup ("/tmp/telelens-pg-XXXXXX");

  if (getuid () != 0)
    return tl_test_tmpdir ();
  if (g_mkdtemp_full (tmpl, 0700) == NULL)
    g_error ("cannot make a folder for the test cluster in /tmp: %s", g_strerror (errno));
  return g_steal_pointer (&tmpl);
}

static void
ensure_cluster (void)
{
  g_autofree char *url = NULL;

  if (cluster_dir != NULL)
    return;
  cluster_dir = cluster_tmpdir ();
  atexit (destroy);
  signal (SIGABRT, on_abort);
  url = script ("start", NULL);
  g_test_message ("PostgreSQL for the tests: %s", url);
}

/* Returns: (transfer full): the URL of an empty database (UTF-8) */
char *
tl_test_pg_new_database (void)
{
  g_autofree char *name = NULL;

  ensure_cluster ();
  name = g_strdup_printf ("t%u_%u", (guint) getpid (), ++n_databases);
  return script ("createdb", name);
}

/* Stops the server and starts it again (a fast shutdown: sessions cut). */
void
tl_test_pg_restart (void)
{
  g_autofree char *url = NULL;

  ensure_cluster ();
  url = script ("restart", NULL);
}

/* Returns: (transfer full): a URL where no server listens */
char *
tl_test_pg_refused_url (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  return g_strdup_printf ("postgresql:///telelens?host=%s&connect_timeout=5", dir);
}
