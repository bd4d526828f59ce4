/* tl-cmd-serve.c — telelens serve: the index's HTTP service
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-cli.h"
#include "tl-index-server.h"
#include "tl-liferea-source.h"
#include "tl-evolution-source.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define DEFAULT_PORT 47611

typedef struct {
  TlIndex       *index;
  TlIndexServer *server;
  TlStorySource *source;
  guint          debounce;
  guint          stepper;
  guint          done;
  GPtrArray     *monitors;
} Watch;

/* Imports a batch at a time from an idle callback, so the service answers
 * while a large source (Liferea's database) is read, and reports the progress. */
static gboolean
on_import_step (gpointer data)
{
  Watch *w = data;
  g_autoptr(GError) error = NULL;
  guint added = 0, seen = 0, remaining = 0;

  if (!tl_story_source_import (w->source, w->index, 100, &added, &seen, &remaining, &error))
    {
      /* A reader not used yet (no feeds in Evolution) is no fault: it is
       * followed, and read once it is there. */
      if (g_error_matches (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN))
        g_message ("%s: %s", tl_story_source_get_name (w->source), error->message);
      else
        g_warning ("import from %s: %s", tl_story_source_get_name (w->source), error->message);
      remaining = 0;
    }
  w->done += seen;
  tl_index_server_set_building (w->server, remaining > 0, w->done, remaining);
  if (added > 0)
    g_message ("%s: %u new stories indexed", tl_story_source_get_name (w->source), added);
  if (remaining > 0)
    return G_SOURCE_CONTINUE;
  w->stepper = 0;
  w->done = 0;
  return G_SOURCE_REMOVE;
}

static void
watch_import (Watch *w)
{
  if (w->stepper == 0)
    w->stepper = g_idle_add (on_import_step, w);
}

static gboolean
on_debounced (gpointer data)
{
  Watch *w = data;
  w->debounce = 0;
  watch_import (w);
  return G_SOURCE_REMOVE;
}

static void
on_source_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    gpointer           data)
{
  Watch *w = data;

  /* Readers write in bursts; import once the source has been quiet for 2 s. */
  if (w->debounce)
    g_source_remove (w->debounce);
  w->debounce = g_timeout_add_seconds (2, on_debounced, w);
}

/* Imports what @source has now, then follows the files it names. */
static void
start_watch (Watch         *w,
             TlIndex       *index,
             TlIndexServer *server,
             TlStorySource *source)
{
  g_auto(GStrv) paths = NULL;

  w->index = index;
  w->server = server;
  w->source = source;
  w->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  watch_import (w);
  paths = tl_story_source_get_watch_paths (w->source);
  for (guint i = 0; paths && paths[i]; i++)
    {
      g_autoptr(GFile) f = g_file_new_for_path (paths[i]);
      GFileMonitor *m = g_file_monitor_file (f, G_FILE_MONITOR_NONE, NULL, NULL);
      if (m != NULL)
        {
          g_signal_connect (m, "changed", G_CALLBACK (on_source_changed), w);
          g_ptr_array_add (w->monitors, m);
        }
    }
}

static void
stop_watch (Watch *w)
{
  if (w->debounce)
    g_source_remove (w->debounce);
  if (w->stepper)
    g_source_remove (w->stepper);
  w->debounce = w->stepper = 0;
  g_clear_pointer (&w->monitors, g_ptr_array_unref);
  g_clear_object (&w->source);
}

/* One service per database: `DB.pid` beside it holds the service's pid,
 * under an exclusive lock for as long as it runs (a crash releases the lock,
 * so a stale file never blocks the next start). `dev.sh uninstall` stops
 * exactly the process it names. Returns the locked fd, or -1 with a message
 * printed. */
static int
claim_pid_file (const char *db_path,
                char      **pid_path_out)
{
  g_autofree char *pid_path = g_strconcat (db_path, ".pid", NULL);
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *line = NULL;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      tl_cli_fail ("serve: cannot create folder %s: %s", dir, g_strerror (errno));
      return -1;
    }
  fd = g_open (pid_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      tl_cli_fail ("serve: cannot write pid file %s: %s", pid_path, g_strerror (errno));
      return -1;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      char buf[32] = "";
      ssize_t n = pread (fd, buf, sizeof buf - 1, 0);
      long pid = n > 0 ? strtol (buf, NULL, 10) : 0;

      close (fd);
      if (pid > 0)
        tl_cli_fail ("serve: index %s is already served by process %ld (pid file %s); "
                     "use that one, stop it (kill %ld), or pass another --db", db_path, pid, pid_path, pid);
      else
        tl_cli_fail ("serve: index %s is already served by another process (pid file %s is locked); "
                     "use that one, or pass another --db", db_path, pid_path);
      return -1;
    }
  line = g_strdup_printf ("%ld\n", (long) getpid ());
  /* On a full disk the lock still keeps a second serve out; only the pid
   * is missing, and the service still answers reads. */
  if (ftruncate (fd, 0) != 0 || pwrite (fd, line, strlen (line), 0) != (ssize_t) strlen (line))
    g_warning ("cannot write the pid into %s: %s; a second serve is still refused",
               pid_path, g_strerror (errno));
  *pid_path_out = g_steal_pointer (&pid_path);
  return fd;
}

static gboolean
on_quit (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
tl_cmd_serve (int    argc,
              char **argv)
{
  g_autofree char *db = NULL, *store = NULL, *token_file = NULL, *liferea = NULL, *evolution = NULL;
  gboolean watch_liferea = FALSE, watch_evolution = FALSE;
  int port = DEFAULT_PORT;
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— the local index as a JSON service on 127.0.0.1");
  g_autoptr(GError) error = NULL;
  g_autoptr(TlKnowledgeBase) kb = NULL;
  g_autoptr(TlAnalyzer) analyzer = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(TlIndexServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *token = NULL, *db_path = NULL, *pid_path = NULL;
  int pid_fd = -1, status = 1;
  Watch watches[2] = { { 0 } };
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The index (default: ~/.local/share/telelens/index.db)", "PATH" },
    TL_CLI_STORE_OPTION (&store),
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (default 47611; 0 picks a free one)", "N" },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      "Write token, 0600 (default: ~/.local/share/telelens/token, created if missing)", "PATH" },
    { "watch-liferea", 0, 0, G_OPTION_ARG_NONE, &watch_liferea, "Import Liferea's stories and follow new ones", NULL },
    { "liferea-db", 0, 0, G_OPTION_ARG_FILENAME, &liferea, "Liferea's database (default: ~/.local/share/liferea/liferea.db)", "PATH" },
    { "watch-evolution", 0, 0, G_OPTION_ARG_NONE, &watch_evolution,
      "Import the articles of Evolution's News and Blogs and follow new ones (never mail)", NULL },
    { "evolution-rss-dir", 0, 0, G_OPTION_ARG_FILENAME, &evolution,
      "Evolution's News and Blogs (default: ~/.local/share/evolution/mail/rss)", "PATH" },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      tl_cli_fail ("serve: %s", error->message);
      return 2;
    }
  if (port < 0 || port > 65535)
    {
      tl_cli_fail ("serve: --port must be between 0 and 65535");
      return 2;
    }
  if (!tl_cli_check_store ("serve", db, store))
    return 2;
  if (token_file == NULL)
    token_file = tl_index_token_default_path ();
  if ((token = tl_index_token_load (token_file, TRUE, &error)) == NULL)
    {
      tl_cli_fail ("serve: %s", error->message);
      return 1;
    }
  /* A file is served by one service at a time; a team's database by one
   * service per analyst. */
  if ((db_path = tl_index_location_get_file (store ? store : db)) != NULL &&
      (pid_fd = claim_pid_file (db_path, &pid_path)) < 0)
    return 1;
  if ((kb = tl_cli_load_kb (NULL, FALSE)) == NULL)
    goto out;
  if ((analyzer = tl_analyzer_new (kb, &error)) == NULL ||
      (index = tl_index_open_location (db_path ? db_path : store, analyzer, TRUE, &error)) == NULL)
    {
      tl_cli_fail ("serve: %s", error->message);
      goto out;
    }
  server = tl_index_server_new (index, token);
  if (!tl_index_server_listen (server, (guint) port, &error))
    {
      tl_cli_fail ("serve: %s%s", error->message,
                   port != 0 ? " (another telelens serve may be running; try --port 0)" : "");
      goto out;
    }
  printf ("telelens: index %s served on http://127.0.0.1:%u/v1/\n", tl_index_get_path (index),
          tl_index_server_get_port (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_quit, loop);
  g_unix_signal_add (SIGTERM, on_quit, loop);

  if (watch_liferea)
    start_watch (&watches[0], index, server, tl_liferea_source_new (liferea));
  if (watch_evolution)
    start_watch (&watches[1], index, server, tl_evolution_source_new (evolution));

  g_main_loop_run (loop);
  stop_watch (&watches[0]);
  stop_watch (&watches[1]);
  status = 0;

out:
  /* Removed while still locked: no other serve can have claimed it. */
  if (pid_fd >= 0)
    {
      g_unlink (pid_path);
      close (pid_fd);
    }
  return status;
}
