/* tl-evolution-display.c — Telelens on one Evolution mail display
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An EExtension of EMailDisplay (the preview pane and each message window;
 * feed articles from News and Blogs are shown there too). Evolution renders
 * each message part in a same-origin iframe and emits "content-loaded"
 * several times per message (once per frame, and on an empty display): the
 * story is read once those settle. By default only a message about telecom
 * security is touched (setting topic-only): any other mail is left exactly
 * as Evolution drew it, and its text goes nowhere.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-evolution-host.h"
#include "tl-prefs.h"
#include "tl-index-launcher.h"

/* content-loaded comes in bursts a few milliseconds apart. */
#define SETTLE_MS 120

struct _TlEvolutionDisplay {
  EExtension     parent_instance;
  TlReaderView  *reader;
  gulong         loaded_id;
  guint          settle_id;
  GCancellable  *cancel;     /* the index launcher's probe */
};

/* One index for the whole process: the first display asks for it. */
static TlIndexLauncher *launcher;
static gboolean index_asked;

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TlEvolutionDisplay, tl_evolution_display, E_TYPE_EXTENSION, G_TYPE_FLAG_FINAL, {})

static EMailDisplay *
get_display (TlEvolutionDisplay *self)
{
  return E_MAIL_DISPLAY (e_extension_get_extensible (E_EXTENSION (self)));
}

static gboolean
on_settled (gpointer data)
{
  TlEvolutionDisplay *self = data;
  EMailDisplay *display = get_display (self);
  EMailPartList *parts;
  TlEvolutionStory story = { 0 };

  self->settle_id = 0;
  if (self->reader == NULL || display == NULL)
    return G_SOURCE_REMOVE;
  parts = e_mail_display_get_part_list (display);
  if (parts == NULL || !tl_evolution_story_from_parts (parts, &story))
    {
      /* An empty display (no message selected) or a source view. */
      tl_reader_view_clear (self->reader);
      return G_SOURCE_REMOVE;
    }
  /* Evolution drops every user style sheet when it restyles its own. */
  tl_reader_view_restyle (self->reader);
  {
    TlStory s = { story.title, story.url, story.outlet, story.published };
    g_debug ("message shown: %s%s", story.is_feed ? "feed article " : "", story.url ? story.url : "(mail)");
    tl_reader_view_show (self->reader, &s);
  }
  tl_evolution_story_clear (&story);
  return G_SOURCE_REMOVE;
}

static void
on_content_loaded (EWebView           *view,
                   const char         *frame_id,
                   TlEvolutionDisplay *self)
{
  if (self->settle_id)
    g_source_remove (self->settle_id);
  self->settle_id = g_timeout_add (SETTLE_MS, on_settled, self);
}

static void
on_open_uri (TlReaderView       *reader,
             const char         *uri,
             TlEvolutionDisplay *self)
{
  GtkWidget *top = gtk_widget_get_toplevel (GTK_WIDGET (get_display (self)));

  if (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://"))
    e_show_uri (GTK_IS_WINDOW (top) ? GTK_WINDOW (top) : NULL, uri);
}

static void
on_open_preferences (TlReaderView       *reader,
                     TlEvolutionDisplay *self)
{
  tl_evolution_prefs_present (GTK_WIDGET (get_display (self)));
}

static void
on_index_ensured (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(TlEvolutionDisplay) self = data;
  g_autoptr(GError) error = NULL;
  TlIndexLaunch launch = tl_index_launcher_ensure_finish (TL_INDEX_LAUNCHER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      index_asked = FALSE;   /* the next display asks again */
      return;
    }
  if (error != NULL)
    g_warning ("Telelens: %s", error->message);
  else if (launch == TL_INDEX_LAUNCH_STARTED && self->reader)
    tl_reader_view_index_starting (self->reader);
}

/* With "Start the local index" on, a down index is started, following the
 * articles of News and Blogs (`serve --watch-evolution`); never mail. */
static void
maybe_start_index (TlEvolutionDisplay *self,
                   GSettings          *settings)
{
  static const char *const serve_args[] = { "--watch-evolution", NULL };

  if (index_asked)
    return;
  index_asked = TRUE;
  if (launcher == NULL)
    launcher = tl_index_launcher_new (settings, serve_args);
  self->cancel = g_cancellable_new ();
  tl_index_launcher_ensure_async (launcher, self->cancel, on_index_ensured, g_object_ref (self));
}

static void
tl_evolution_display_constructed (GObject *object)
{
  TlEvolutionDisplay *self = TL_EVOLUTION_DISPLAY (object);
  EMailDisplay *display;
  GSettings *settings = tl_evolution_settings ();

  G_OBJECT_CLASS (tl_evolution_display_parent_class)->constructed (object);
  display = get_display (self);
  if (settings == NULL || display == NULL)
    return;
  /* The story is the message's parts: the top document holds the headers
   * (left alone) and a container per part, most with the part in a
   * same-origin iframe that the page script walks. The panel goes before
   * the first part, in the top document (Evolution sizes each iframe to
   * its content once, when it loads). */
  self->reader = tl_reader_view_new (WEBKIT_WEB_VIEW (display), settings,
                                     ".part-container-nostyle, .part-container");
  tl_reader_view_set_leave_off_topic (self->reader, TRUE);
  g_signal_connect (self->reader, "open-uri", G_CALLBACK (on_open_uri), self);
  g_signal_connect (self->reader, "open-preferences", G_CALLBACK (on_open_preferences), self);
  self->loaded_id = g_signal_connect (display, "content-loaded", G_CALLBACK (on_content_loaded), self);
  maybe_start_index (self, settings);
  /* A message may already be on screen. */
  if (e_mail_display_get_part_list (display))
    on_content_loaded (E_WEB_VIEW (display), NULL, self);
}

/* Everything Telelens added to the display goes with the extension: the
 * page is as Evolution drew it, the view's settings are Evolution's. */
static void
tl_evolution_display_dispose (GObject *object)
{
  TlEvolutionDisplay *self = TL_EVOLUTION_DISPLAY (object);
  EMailDisplay *display = get_display (self);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  /* A probe in flight must not start the index once we are gone. */
  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  if (display && self->loaded_id)
    g_signal_handler_disconnect (display, self->loaded_id);
  self->loaded_id = 0;
  if (self->reader)
    {
      g_signal_handlers_disconnect_by_data (self->reader, self);
      tl_reader_view_detach (self->reader);
    }
  g_clear_object (&self->reader);
  G_OBJECT_CLASS (tl_evolution_display_parent_class)->dispose (object);
}

static void
tl_evolution_display_class_init (TlEvolutionDisplayClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = tl_evolution_display_constructed;
  G_OBJECT_CLASS (klass)->dispose = tl_evolution_display_dispose;
  E_EXTENSION_CLASS (klass)->extensible_type = E_TYPE_MAIL_DISPLAY;
}

static void
tl_evolution_display_class_finalize (TlEvolutionDisplayClass *klass)
{
}

static void
tl_evolution_display_init (TlEvolutionDisplay *self)
{
}

void
tl_evolution_display_type_register (GTypeModule *module)
{
  tl_evolution_display_register_type (module);
}
