/* tl-index-launcher.c — probe the local index, start `telelens serve` if it is down
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Everything is asynchronous and cancellable: a host cancels on unload, and
 * a launch whose probe answers after that (even with the answer already on
 * its way when it was cancelled) starts nothing. Once started, the reader
 * view retries related coverage for a while (tl_reader_view_index_starting)
 * instead of reporting the index as down.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-launcher.h"
#include "telelens/tl-index-client.h"

#define DEFAULT_PORT 47611
#define PROBE_TIMEOUT 3   /* seconds */

struct _TlIndexLauncher {
  GObject     parent_instance;
  GSettings  *settings;
  char      **serve_args;
  char       *program;     /* NULL: the installed telelens, else the one in PATH */
};

G_DEFINE_FINAL_TYPE (TlIndexLauncher, tl_index_launcher, G_TYPE_OBJECT)

static void
tl_index_launcher_finalize (GObject *object)
{
  TlIndexLauncher *self = TL_INDEX_LAUNCHER (object);

  g_clear_object (&self->settings);
  g_strfreev (self->serve_args);
  g_free (self->program);
  G_OBJECT_CLASS (tl_index_launcher_parent_class)->finalize (object);
}

static void
tl_index_launcher_class_init (TlIndexLauncherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_index_launcher_finalize;
}

static void
tl_index_launcher_init (TlIndexLauncher *self)
{
}

/**
 * tl_index_launcher_new:
 * @settings: the plugin's settings ("start-index", "index-url")
 * @serve_args: (nullable) (array zero-terminated=1): the host's extra
 *   arguments for `telelens serve`, such as `--watch-liferea`
 *
 * Returns: (transfer full): a launcher
 */
TlIndexLauncher *
tl_index_launcher_new (GSettings         *settings,
                       const char *const *serve_args)
{
  TlIndexLauncher *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  self = g_object_new (TL_TYPE_INDEX_LAUNCHER, NULL);
  self->settings = g_object_ref (settings);
  self->serve_args = g_strdupv ((char **) serve_args);
  return self;
}

/**
 * tl_index_launcher_set_program:
 * @program: (nullable): the `telelens` to start; %NULL for the installed
 *   one (the build's bindir, else the first in PATH)
 */
void
tl_index_launcher_set_program (TlIndexLauncher *self,
                               const char      *program)
{
  g_return_if_fail (TL_IS_INDEX_LAUNCHER (self));
  g_free (self->program);
  self->program = g_strdup (program);
}

static char *
find_program (TlIndexLauncher *self)
{
  g_autofree char *installed = NULL;

  if (self->program != NULL)
    return g_file_test (self->program, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup (self->program) : NULL;
  installed = g_build_filename (TL_BINDIR, "telelens", NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&installed);
  return g_find_program_in_path ("telelens");
}

static gboolean
spawn_serve (TlIndexLauncher  *self,
             GError          **error)
{
  g_autofree char *program = find_program (self);
  g_autofree char *url = g_settings_get_string (self->settings, "index-url");
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *port = g_strdup_printf ("%d", uri && g_uri_get_port (uri) > 0 ? g_uri_get_port (uri)
                                                                                 : DEFAULT_PORT);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *line = NULL;

  if (program == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "the local index is not running and the telelens program was not found%s%s; "
                   "related coverage stays off", self->program ? " at " : "", self->program ? self->program : "");
      return FALSE;
    }
  g_ptr_array_add (argv, program);
  g_ptr_array_add (argv, (gpointer) "serve");
  for (guint i = 0; self->serve_args && self->serve_args[i]; i++)
    g_ptr_array_add (argv, self->serve_args[i]);
  g_ptr_array_add (argv, (gpointer) "--port");
  g_ptr_array_add (argv, port);
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  if ((proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, error)) == NULL)
    {
      g_prefix_error (error, "could not start the local index (%s serve): ", program);
      return FALSE;
    }
  line = g_strjoinv (" ", (char **) argv->pdata + 1);
  g_message ("Telelens started the local index (%s %s)", program, line);
  return TRUE;
}

static void
on_probe (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GTask) task = data;
  TlIndexLauncher *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) health = tl_index_client_call_finish (TL_INDEX_CLIENT (source), result, &error);
  g_autoptr(GError) spawn_error = NULL;

  /* Cancelled (the host unloaded us) while the answer was on its way:
   * start nothing, whatever it said. */
  if (g_task_return_error_if_cancelled (task))
    return;
  if (health != NULL || !g_error_matches (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_UNREACHABLE))
    g_task_return_int (task, TL_INDEX_LAUNCH_RUNNING);
  else if (spawn_serve (self, &spawn_error))
    g_task_return_int (task, TL_INDEX_LAUNCH_STARTED);
  else
    g_task_return_error (task, g_steal_pointer (&spawn_error));
}

/**
 * tl_index_launcher_ensure_async:
 * @self: a #TlIndexLauncher
 * @cancellable: (nullable): cancel it when the host unloads the plugin:
 *   nothing is started after that
 * @callback: called with the outcome
 * @data: its data
 *
 * Probes the index at "index-url" (when "start-index" is on) and starts
 * `telelens serve --port PORT` with the host's arguments if nothing answers.
 */
void
tl_index_launcher_ensure_async (TlIndexLauncher     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  g_autoptr(TlIndexClient) probe = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TL_IS_INDEX_LAUNCHER (self));
  task = g_task_new (self, cancellable, callback, data);
  g_task_set_source_tag (task, tl_index_launcher_ensure_async);
  if (!g_settings_get_boolean (self->settings, "start-index"))
    {
      g_task_return_int (task, TL_INDEX_LAUNCH_OFF);
      return;
    }
  url = g_settings_get_string (self->settings, "index-url");
  /* An address that is not a local index: nothing to start (the reader
   * view says what is wrong with it). */
  if ((probe = tl_index_client_new (url, &error)) == NULL)
    {
      g_debug ("not starting an index at %s: %s", url, error->message);
      g_task_return_int (task, TL_INDEX_LAUNCH_OFF);
      return;
    }
  tl_index_client_set_timeout (probe, PROBE_TIMEOUT);
  /* The task keeps the client alive until its answer. */
  g_task_set_task_data (task, g_object_ref (probe), g_object_unref);
  tl_index_client_health_async (probe, cancellable, on_probe, g_steal_pointer (&task));
}

/**
 * tl_index_launcher_ensure_finish:
 *
 * Returns: what happened (%TL_INDEX_LAUNCH_OFF also when "index-url" is not
 *   a local index address); on error (%G_IO_ERROR_CANCELLED when cancelled,
 *   %G_IO_ERROR_NOT_FOUND without a telelens program, a spawn error)
 *   %TL_INDEX_LAUNCH_OFF with @error set
 */
TlIndexLaunch
tl_index_launcher_ensure_finish (TlIndexLauncher  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), TL_INDEX_LAUNCH_OFF);
  value = g_task_propagate_int (G_TASK (result), error);
  return value < 0 ? TL_INDEX_LAUNCH_OFF : (TlIndexLaunch) value;
}
