/* tl-reader-host.c — the reader view attached to a host's web view
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Attach makes the reader view on the host's web view, hands its links and
 * its gear to the host, and asks the index launcher to start a local index
 * that is down; detach undoes all of it (the reader view's own additions to
 * the page and the view, the host's handlers connected through
 * tl_reader_host_connect(), a probe still in flight), so a host that
 * detaches on deactivate or dispose leaves nothing behind.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-reader-host.h"
#include "tl-index-launcher.h"

struct _TlReaderHost {
  GObject                 parent_instance;
  const TlReaderHostSpec *spec;
  gpointer                host;
  WebKitWebView          *view;        /* weak */
  TlReaderView           *reader;
  GArray                 *handlers;    /* gulong: the host's handlers on the view */
  TlIndexLauncher        *launcher;    /* NULL with index_per_process */
  GCancellable           *cancel;      /* the launcher's probe */
};

G_DEFINE_FINAL_TYPE (TlReaderHost, tl_reader_host, G_TYPE_OBJECT)

/* With index_per_process: one launcher, asked once (again after a cancel). */
static TlIndexLauncher *process_launcher;
static gboolean process_asked;

static void
tl_reader_host_dispose (GObject *object)
{
  tl_reader_host_detach (TL_READER_HOST (object));
  G_OBJECT_CLASS (tl_reader_host_parent_class)->dispose (object);
}

static void
tl_reader_host_finalize (GObject *object)
{
  g_array_unref (TL_READER_HOST (object)->handlers);
  G_OBJECT_CLASS (tl_reader_host_parent_class)->finalize (object);
}

static void
tl_reader_host_class_init (TlReaderHostClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tl_reader_host_dispose;
  G_OBJECT_CLASS (klass)->finalize = tl_reader_host_finalize;
}

static void
tl_reader_host_init (TlReaderHost *self)
{
  self->handlers = g_array_new (FALSE, FALSE, sizeof (gulong));
}

static void
on_open_uri (TlReaderView *reader,
             const char   *uri,
             TlReaderHost *self)
{
  if (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://"))
    self->spec->open_uri (self->host, uri);
}

static void
on_open_preferences (TlReaderView *reader,
                     TlReaderHost *self)
{
  self->spec->open_preferences (self->host);
}

static void
on_index_ensured (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(TlReaderHost) self = data;
  g_autoptr(GError) error = NULL;
  TlIndexLaunch launch = tl_index_launcher_ensure_finish (TL_INDEX_LAUNCHER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->spec->index_per_process)
        process_asked = FALSE;   /* the next attach asks again */
      return;
    }
  if (error != NULL)
    g_warning ("Telelens: %s", error->message);
  else if (launch == TL_INDEX_LAUNCH_STARTED && self->reader)
    tl_reader_view_index_starting (self->reader);
}

/* With "Start the local index" on, a down index is started. */
static void
start_index (TlReaderHost *self,
             GSettings    *settings)
{
  TlIndexLauncher *launcher;

  if (self->spec->index_per_process)
    {
      if (process_asked)
        return;
      process_asked = TRUE;
      if (process_launcher == NULL)
        process_launcher = tl_index_launcher_new (settings, self->spec->serve_args);
      launcher = process_launcher;
    }
  else
    launcher = self->launcher = tl_index_launcher_new (settings, self->spec->serve_args);
  self->cancel = g_cancellable_new ();
  tl_index_launcher_ensure_async (launcher, self->cancel, on_index_ensured, g_object_ref (self));
}

/**
 * tl_reader_host_attach:
 * @spec: the host adapter's part (static)
 * @view: the host's story view
 * @settings: the plugin's settings
 * @host: passed to @spec's functions; must stay until tl_reader_host_detach()
 *
 * Returns: (transfer full): Telelens on @view, until tl_reader_host_detach()
 *   or the last unref
 */
TlReaderHost *
tl_reader_host_attach (const TlReaderHostSpec *spec,
                       WebKitWebView          *view,
                       GSettings              *settings,
                       gpointer                host)
{
  TlReaderHost *self;

  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (view), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TL_TYPE_READER_HOST, NULL);
  self->spec = spec;
  self->host = host;
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->reader = tl_reader_view_new (view, settings, spec->body_selector);
  g_signal_connect (self->reader, "open-uri", G_CALLBACK (on_open_uri), self);
  g_signal_connect (self->reader, "open-preferences", G_CALLBACK (on_open_preferences), self);
  start_index (self, settings);
  return self;
}

/**
 * tl_reader_host_get_reader:
 * @self: the attachment
 *
 * Returns: (transfer none) (nullable): the reader view; %NULL once detached
 */
TlReaderView *
tl_reader_host_get_reader (TlReaderHost *self)
{
  g_return_val_if_fail (TL_IS_READER_HOST (self), NULL);
  return self->reader;
}

/**
 * tl_reader_host_get_view:
 * @self: the attachment
 *
 * Returns: (transfer none) (nullable): the web view; %NULL once detached or
 *   gone
 */
WebKitWebView *
tl_reader_host_get_view (TlReaderHost *self)
{
  g_return_val_if_fail (TL_IS_READER_HOST (self), NULL);
  return self->view;
}

/**
 * tl_reader_host_connect:
 * @self: the attachment
 * @signal: a signal of the web view (the host's: "load-changed", …)
 * @callback: the host adapter's handler
 * @data: for @callback
 * @flags: as for g_signal_connect_data() (%G_CONNECT_AFTER)
 *
 * Connects a host adapter's handler to the web view, disconnected on detach.
 */
void
tl_reader_host_connect (TlReaderHost  *self,
                        const char    *signal,
                        GCallback      callback,
                        gpointer       data,
                        GConnectFlags  flags)
{
  gulong id;

  g_return_if_fail (TL_IS_READER_HOST (self));
  if (self->view == NULL)
    return;
  id = g_signal_connect_data (self->view, signal, callback, data, NULL, flags);
  g_array_append_val (self->handlers, id);
}

/**
 * tl_reader_host_detach:
 * @self: the attachment
 *
 * Takes Telelens off the view: the host's handlers, the reader view and all
 * it added to the page, and a probe in flight (it must not start the index
 * once we are off). Safe to call more than once.
 */
void
tl_reader_host_detach (TlReaderHost *self)
{
  g_return_if_fail (TL_IS_READER_HOST (self));

  for (guint i = 0; i < self->handlers->len; i++)
    if (self->view)
      g_signal_handler_disconnect (self->view, g_array_index (self->handlers, gulong, i));
  g_array_set_size (self->handlers, 0);
  if (self->reader)
    {
      g_signal_handlers_disconnect_by_data (self->reader, self);
      tl_reader_view_detach (self->reader);
    }
  g_clear_object (&self->reader);
  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  g_clear_object (&self->launcher);
  if (self->view)
    g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
  self->view = NULL;
}
