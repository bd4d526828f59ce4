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
#include "tl-reader-host.h"

/* content-loaded comes in bursts a few milliseconds apart. */
#define SETTLE_MS 120

struct _TlEvolutionDisplay {
  EExtension     parent_instance;
  TlReaderHost  *attached;   /* Telelens on the display */
  guint          settle_id;
};

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
  TlReaderView *reader;

  self->settle_id = 0;
  if (self->attached == NULL || (reader = tl_reader_host_get_reader (self->attached)) == NULL || display == NULL)
    return G_SOURCE_REMOVE;
  parts = e_mail_display_get_part_list (display);
  if (parts == NULL || !tl_evolution_story_from_parts (parts, &story))
    {
      /* An empty display (no message selected) or a source view. */
      tl_reader_view_clear (reader);
      return G_SOURCE_REMOVE;
    }
  /* Evolution drops every user style sheet when it restyles its own. */
  tl_reader_view_restyle (reader);
  {
    TlStory s = { story.title, story.url, story.outlet, story.published };
    g_debug ("message shown: %s%s", story.is_feed ? "feed article " : "", story.url ? story.url : "(mail)");
    tl_reader_view_show (reader, &s);
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
open_uri (gpointer    host,
          const char *uri)
{
  GtkWidget *top = gtk_widget_get_toplevel (GTK_WIDGET (get_display (host)));

  e_show_uri (GTK_IS_WINDOW (top) ? GTK_WINDOW (top) : NULL, uri);
}

static void
open_preferences (gpointer host)
{
  tl_evolution_prefs_present (GTK_WIDGET (get_display (host)));
}

/* The story is the message's parts: the top document holds the headers
 * (left alone) and a container per part, most with the part in a
 * same-origin iframe that the page script walks. The panel goes before the
 * first part, in the top document (Evolution sizes each iframe to its
 * content once, when it loads). With "Start the local index" on, a down
 * index is started once for all displays, following the articles of News
 * and Blogs (`serve --watch-evolution`); never mail. */
static const char *const serve_args[] = { "--watch-evolution", NULL };
static const TlReaderHostSpec host_spec = {
  .body_selector = ".part-container-nostyle, .part-container",
  .serve_args = serve_args,
  .index_per_process = TRUE,
  .open_uri = open_uri,
  .open_preferences = open_preferences,
};

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
  self->attached = tl_reader_host_attach (&host_spec, WEBKIT_WEB_VIEW (display), settings, self);
  tl_reader_view_set_leave_off_topic (tl_reader_host_get_reader (self->attached), TRUE);
  tl_reader_host_connect (self->attached, "content-loaded", G_CALLBACK (on_content_loaded), self, 0);
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

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->attached)
    tl_reader_host_detach (self->attached);
  g_clear_object (&self->attached);
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
