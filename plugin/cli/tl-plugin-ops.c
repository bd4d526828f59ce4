/* tl-plugin-ops.c — what `telelens plugin` does outside its own files
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-plugin-ops.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* --- Running a program, with a time limit ------------------------------------ */

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
  gboolean      timed_out;
} Wait;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Wait *w = data;
  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

static gboolean
on_time_limit (gpointer data)
{
  Wait *w = data;
  w->timed_out = TRUE;
  g_main_loop_quit (w->loop);
  return G_SOURCE_REMOVE;
}

/**
 * tl_run_capture:
 *
 * Runs @argv (found on PATH), collects its output and its exit status;
 * a program that does not finish within @timeout_s is killed and that is
 * an error. A program that runs and fails is not an error: see
 * @exit_status.
 */
gboolean
tl_run_capture (const char *const *argv,
                guint              timeout_s,
                char             **out,
                char             **err,
                int               *exit_status,
                GError           **error)
{
  g_autoptr(GMainContext) ctx = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (ctx, FALSE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GSource) limit = NULL;
  g_autofree char *o = NULL, *e = NULL;
  Wait w = { loop, NULL, FALSE };
  gboolean ok;

  g_main_context_push_thread_default (ctx);
  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (proc == NULL)
    {
      g_main_context_pop_thread_default (ctx);
      return FALSE;
    }
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, on_communicated, &w);
  limit = g_timeout_source_new_seconds (timeout_s);
  g_source_set_callback (limit, on_time_limit, &w, NULL);
  g_source_attach (limit, ctx);
  g_main_loop_run (loop);
  if (w.timed_out)
    {
      g_subprocess_force_exit (proc);
      while (w.result == NULL)
        g_main_context_iteration (ctx, TRUE);
    }
  g_source_destroy (limit);
  ok = g_subprocess_communicate_utf8_finish (proc, w.result, &o, &e, error);
  g_clear_object (&w.result);
  g_main_context_pop_thread_default (ctx);
  if (!ok)
    return FALSE;
  if (w.timed_out)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "“%s” did not finish within %u s", argv[0], timeout_s);
      return FALSE;
    }
  if (!g_subprocess_get_if_exited (proc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "“%s” was killed by signal %d", argv[0],
                   g_subprocess_get_term_sig (proc));
      return FALSE;
    }
  *exit_status = g_subprocess_get_exit_status (proc);
  if (out)
    *out = g_steal_pointer (&o);
  if (err)
    *err = g_steal_pointer (&e);
  return TRUE;
}

/* --- A host's list of enabled plugins (GSettings) ------------------------------ */

/* gsettings in this session when there is one, or under a session bus of its
 * own (dbus-run-session) so that dconf still writes the user's database:
 * installing over ssh, from a script, in a container. A backend other than
 * dconf (GSETTINGS_BACKEND=keyfile) needs no bus. */
static gboolean
have_session_bus (void)
{
  const char *backend = g_getenv ("GSETTINGS_BACKEND");
  g_autoptr(GDBusConnection) bus = NULL;

  if (backend && *backend && strcmp (backend, "dconf") != 0)
    return TRUE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  return bus != NULL;
}

static gboolean
gsettings (gboolean     private_bus,
           const char  *verb,
           const char  *schema,
           const char  *key,
           const char  *value,
           char       **out,
           GError     **error)
{
  g_autofree char *o = NULL, *e = NULL;
  const char *argv[8];
  guint n = 0;
  int status = 0;

  if (private_bus)
    {
      g_autofree char *drs = g_find_program_in_path ("dbus-run-session");
      if (drs == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "there is no session bus here, and dbus-run-session (package dbus-bin) is not "
                       "installed to give gsettings one");
          return FALSE;
        }
      argv[n++] = "dbus-run-session";
      argv[n++] = "--";
    }
  argv[n++] = "gsettings";
  argv[n++] = verb;
  argv[n++] = schema;
  argv[n++] = key;
  if (value)
    argv[n++] = value;
  argv[n] = NULL;
  if (!tl_run_capture (argv, 30, &o, &e, &status, error))
    {
      g_prefix_error (error, "gsettings (package libglib2.0-bin): ");
      return FALSE;
    }
  if (status != 0)
    {
      g_strstrip (e);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "gsettings %s %s %s failed: %s", verb, schema, key,
                   *e ? e : "no reason given");
      return FALSE;
    }
  if (out)
    *out = g_steal_pointer (&o);
  return TRUE;
}

static gboolean
list_get (gboolean     private_bus,
          const char  *schema,
          const char  *key,
          char      ***list,
          GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GVariant) v = NULL;
  g_autoptr(GError) local = NULL;

  if (!gsettings (private_bus, "get", schema, key, NULL, &text, error))
    return FALSE;
  if ((v = g_variant_parse (G_VARIANT_TYPE_STRING_ARRAY, g_strstrip (text), NULL, NULL, &local)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s %s is not a list of names (%s)",
                   schema, key, local->message);
      return FALSE;
    }
  *list = g_variant_dup_strv (v, NULL);
  return TRUE;
}

/**
 * tl_host_list_get:
 *
 * The host's list (for example Liferea's active plugins) as the user's
 * settings database has it.
 */
gboolean
tl_host_list_get (const char  *schema,
                  const char  *key,
                  char      ***list,
                  GError     **error)
{
  return list_get (!have_session_bus (), schema, key, list, error);
}

static gboolean
strv_equal (char **a,
            char **b)
{
  return g_strv_equal ((const char *const *) a, (const char *const *) b);
}

/**
 * tl_host_list_update:
 * @add: (nullable): a name to have in the list
 * @remove: (nullable): names not to have in it
 *
 * Changes the list and reads it back from a new gsettings process: gsettings
 * exits 0 even when dconf could not save. When the session's dconf did not
 * keep it, tries again under a bus of its own.
 */
gboolean
tl_host_list_update (const char         *schema,
                     const char         *key,
                     const char         *add,
                     const char *const  *remove,
                     gboolean           *changed,
                     GError            **error)
{
  gboolean private_bus = !have_session_bus ();

  *changed = FALSE;
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_auto(GStrv) current = NULL, after = NULL;
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
      g_auto(GStrv) wanted = NULL;
      g_autoptr(GVariant) v = NULL;
      g_autofree char *text = NULL;

      if (!list_get (private_bus, schema, key, &current, error))
        return FALSE;
      for (guint i = 0; current[i]; i++)
        if ((remove == NULL || !g_strv_contains (remove, current[i])) &&
            (add == NULL || strcmp (current[i], add) != 0))
          g_strv_builder_add (b, current[i]);
      if (add)
        g_strv_builder_add (b, add);
      wanted = g_strv_builder_end (b);
      /* Same names (order aside): nothing to write. */
      if (g_strv_length (wanted) == g_strv_length (current))
        {
          gboolean same = TRUE;
          for (guint i = 0; wanted[i] && same; i++)
            same = g_strv_contains ((const char *const *) current, wanted[i]);
          if (same)
            return TRUE;
        }
      v = g_variant_ref_sink (g_variant_new_strv ((const char *const *) wanted, -1));
      text = g_variant_print (v, FALSE);
      if (!gsettings (private_bus, "set", schema, key, text, NULL, error) ||
          !list_get (private_bus, schema, key, &after, error))
        return FALSE;
      if (strv_equal (after, wanted))
        {
          *changed = TRUE;
          return TRUE;
        }
      if (private_bus)
        break;
      private_bus = TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "the settings database did not keep %s %s (is ~/.config/dconf writable?)", schema, key);
  return FALSE;
}

/* --- The index service ------------------------------------------------------ */

/* TRUE when someone holds the lock `telelens serve` keeps on DB.pid. */
static gboolean
lock_held (int fd)
{
  if (flock (fd, LOCK_SH | LOCK_NB) == 0)
    {
      flock (fd, LOCK_UN);
      return FALSE;
    }
  return errno == EWOULDBLOCK;
}

static gboolean
is_telelens_serve (long pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%ld/cmdline", pid);
  g_autofree char *cmdline = NULL;
  g_autofree char *base = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &cmdline, &len, NULL) || len == 0)
    return FALSE;
  base = g_path_get_basename (cmdline);
  return strcmp (base, "telelens") == 0 && strlen (cmdline) + 1 < len &&
         strcmp (cmdline + strlen (cmdline) + 1, "serve") == 0;
}

/**
 * tl_index_service_stop:
 * @db_path: the index
 * @stopped_pid: (out): the process stopped, or 0 when none was running
 *
 * Stops the `telelens serve` that holds @db_path (its `DB.pid`, locked
 * while it runs), whoever started it, and waits until it has let go of
 * the index. Any other process is left alone.
 */
gboolean
tl_index_service_stop (const char  *db_path,
                       long        *stopped_pid,
                       GError     **error)
{
  g_autofree char *pid_path = g_strconcat (db_path, ".pid", NULL);
  char buf[32] = "";
  ssize_t n;
  long pid;
  int fd;

  *stopped_pid = 0;
  if ((fd = g_open (pid_path, O_RDONLY | O_CLOEXEC, 0)) < 0)
    return TRUE;
  if (!lock_held (fd))
    {
      close (fd);
      return TRUE;
    }
  n = pread (fd, buf, sizeof buf - 1, 0);
  pid = n > 0 ? strtol (buf, NULL, 10) : 0;
  if (pid <= 1 || !is_telelens_serve (pid))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   "the index %s is held by a process that is not a telelens serve (pid file %s says %ld); "
                   "stop it yourself", db_path, pid_path, pid);
      return FALSE;
    }
  if (kill ((pid_t) pid, SIGTERM) != 0)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot stop the index service (process %ld): %s", pid, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < 100 && lock_held (fd); i++)
    g_usleep (100 * 1000);
  if (lock_held (fd))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "the index service (process %ld) did not stop within 10 s; stop it with kill %ld", pid, pid);
      return FALSE;
    }
  close (fd);
  *stopped_pid = pid;
  return TRUE;
}

/**
 * tl_index_reachable:
 * @url: the index's base address (http://127.0.0.1:47611)
 * @detail: (out): what answered, or why nothing did
 */
gboolean
tl_index_reachable (const char  *url,
                    char       **detail)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 3, NULL);
  g_autofree char *health = g_strconcat (url, g_str_has_suffix (url, "/") ? "" : "/", "v1/health", NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_session_set_proxy_resolver (session, NULL);
  if ((msg = soup_message_new ("GET", health)) == NULL)
    {
      *detail = g_strdup_printf ("%s is not an address", url);
      return FALSE;
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  if (body == NULL)
    {
      *detail = g_strdup_printf ("%s: %s", url, error->message);
      return FALSE;
    }
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      *detail = g_strdup_printf ("%s answered HTTP %u", url, soup_message_get_status (msg));
      return FALSE;
    }
  *detail = g_strdup (url);
  return TRUE;
}
