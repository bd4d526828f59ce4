/* tl-liferea2-plugin.c — Telelens in Liferea 2.0: the host adapter
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Liferea 2.0 (GTK 4, libpeas-2, webkitgtk-6.0) creates two instances of a
 * plugin: one with no shell, never activated, whose create_configure_widget
 * serves the gear in Preferences → Plugins; and one with the shell, which is
 * activated. So nothing here keeps settings of its own (GSettings does), and
 * the first instance does no UI work but the preferences window.
 *
 * The story is rendered by the page's own script after the page has loaded,
 * and rendered again without a load (read state, reselecting): the page
 * script posts the story's text whenever the page (re)fills the body
 * (telelens.watch, as for every host) and the reader view decorates it; the
 * host keeps script markup, so tl_reader_view_host_renders_story() defuses
 * what a story brings instead. Everything added is undone on deactivate.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-liferea2-host.h"
#include "tl-liferea-webext.h"
#include "tl-reader-host.h"
#include "tl-prefs-gtk4.h"

#include <libpeas.h>

#define TL_TYPE_LIFEREA2_PLUGIN (tl_liferea2_plugin_get_type ())
G_DECLARE_FINAL_TYPE (TlLiferea2Plugin, tl_liferea2_plugin, TL, LIFEREA2_PLUGIN, PeasExtensionBase)

struct _TlLiferea2Plugin {
  PeasExtensionBase  parent_instance;
  GObject           *shell;       /* NULL in the configure-only instance */
  TlReaderHost      *attached;    /* Telelens on the story view, while active */
  TlLifereaWebext   *webext;      /* our web process extension, in new web processes */
  GSettings         *settings;
};

enum { PROP_0, PROP_SHELL };

static void activatable_iface_init (LifereaActivatableInterface *iface);
static void shell_activatable_iface_init (LifereaShellActivatableInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TlLiferea2Plugin, tl_liferea2_plugin, PEAS_TYPE_EXTENSION_BASE, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (LIFEREA_TYPE_ACTIVATABLE,
                                                               activatable_iface_init)
                                G_IMPLEMENT_INTERFACE_DYNAMIC (LIFEREA_TYPE_SHELL_ACTIVATABLE,
                                                               shell_activatable_iface_init))

static GSettings *
plugin_settings (TlLiferea2Plugin *self)
{
  if (self->settings == NULL)
    {
      PeasPluginInfo *info = peas_extension_base_get_plugin_info (PEAS_EXTENSION_BASE (self));
      self->settings = tl_settings_new (info ? peas_plugin_info_get_module_dir (info) : NULL);
    }
  return self->settings;
}

/* --- The shown item ------------------------------------------------------------- */

static void
show_selected (TlLiferea2Plugin *self)
{
  gulong id;
  LifereaItem *item;
  gpointer node;
  TlStory story = { 0 };

  /* Liferea shows feed overviews too: act only with a selected item. */
  if (self->attached == NULL || (id = itemlist_get_selected_id ()) == 0 || (item = item_load (id)) == NULL)
    return;
  node = itemlist_get_displayed_node ();
  story.title = item_get_title (item);
  story.url = item_get_source (item);
  story.outlet = node ? node_get_title (node) : NULL;
  /* The page renders the story about now: its script posts the text. */
  tl_reader_view_show (tl_reader_host_get_reader (self->attached), &story);
  g_object_unref (item);
}

static void
on_load_changed (WebKitWebView    *view,
                 WebKitLoadEvent   event,
                 TlLiferea2Plugin *self)
{
  if (event == WEBKIT_LOAD_FINISHED)
    show_selected (self);
}

static void
open_uri (gpointer    host,
          const char *uri)
{
  browser_launch_URL (uri, FALSE);
}

static void
present_preferences (TlLiferea2Plugin *self)
{
  GtkWidget *window = liferea_shell_get_window ();
  GSettings *settings = plugin_settings (self);

  if (settings == NULL)
    {
      g_warning ("Telelens settings are not installed; reinstall the plugin");
      return;
    }
  tl_prefs_gtk4_present (window ? GTK_WINDOW (window) : NULL, settings);
}

static void
open_preferences (gpointer host)
{
  present_preferences (host);
}

static const char *const serve_args[] = { "--watch-liferea", NULL };
/* The story's body: #content after a header with the item's meta line.
 * Liferea 2.0's page for a feed (its title, source and description) has a
 * #content too, with no meta line: it is no story, and is left alone. */
static const TlReaderHostSpec host_spec = {
  .body_selector = "header:has(.metaHeader) + #content",
  .serve_args = serve_args,
  .open_uri = open_uri,
  .open_preferences = open_preferences,
};

/* --- LifereaActivatable ------------------------------------------------------------ */

static void
tl_liferea2_plugin_activate (gpointer activatable)
{
  TlLiferea2Plugin *self = TL_LIFEREA2_PLUGIN (activatable);
  WebKitWebView *view;

  /* The configure-only instance has no shell and is never activated; be
   * safe if it were. */
  if (self->shell == NULL || self->attached != NULL || plugin_settings (self) == NULL)
    return;
  if ((view = tl_liferea2_story_view (self->shell)) == NULL)
    {
      g_warning ("Telelens: Liferea's story view was not found; this plugin is built for Liferea "
                 TL_LIFEREA_GENERATION ": is that the Liferea running?");
      return;
    }
  /* The analysis in the web process, for web processes started from now
   * on (tl-liferea-webext.c); the page falls back to the reader without. */
  {
    PeasPluginInfo *info = peas_extension_base_get_plugin_info (PEAS_EXTENSION_BASE (self));
    self->webext = tl_liferea_webext_new (info ? peas_plugin_info_get_module_dir (info) : NULL);
  }
  self->attached = tl_reader_host_attach (&host_spec, view, self->settings, self);
  tl_reader_view_host_renders_story (tl_reader_host_get_reader (self->attached));
  tl_reader_host_connect (self->attached, "load-changed", G_CALLBACK (on_load_changed), self, G_CONNECT_AFTER);
  /* A new web process, with the extension; the reload shows the item. */
  if (tl_liferea_webext_restart_view (self->webext, view))
    return;
  /* An item may already be on screen. */
  show_selected (self);
}

static void
tl_liferea2_plugin_deactivate (gpointer activatable)
{
  TlLiferea2Plugin *self = TL_LIFEREA2_PLUGIN (activatable);

  if (self->attached)
    tl_reader_host_detach (self->attached);
  g_clear_object (&self->attached);
  g_clear_pointer (&self->webext, tl_liferea_webext_free);
}

/* Preferences → Plugins → the gear, on the instance with no shell. */
static void
tl_liferea2_plugin_create_configure_widget (gpointer activatable)
{
  present_preferences (TL_LIFEREA2_PLUGIN (activatable));
}

static void
activatable_iface_init (LifereaActivatableInterface *iface)
{
  iface->activate = tl_liferea2_plugin_activate;
  iface->deactivate = tl_liferea2_plugin_deactivate;
  iface->create_configure_widget = tl_liferea2_plugin_create_configure_widget;
}

static void
tl_liferea2_plugin_update_state (gpointer activatable)
{
}

static void
shell_activatable_iface_init (LifereaShellActivatableInterface *iface)
{
  iface->update_state = tl_liferea2_plugin_update_state;
}

/* --- GObject -------------------------------------------------------------------------- */

static void
tl_liferea2_plugin_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TlLiferea2Plugin *self = TL_LIFEREA2_PLUGIN (object);

  if (prop_id == PROP_SHELL)
    self->shell = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tl_liferea2_plugin_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TlLiferea2Plugin *self = TL_LIFEREA2_PLUGIN (object);

  if (prop_id == PROP_SHELL)
    g_value_set_object (value, self->shell);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tl_liferea2_plugin_dispose (GObject *object)
{
  TlLiferea2Plugin *self = TL_LIFEREA2_PLUGIN (object);

  tl_liferea2_plugin_deactivate (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->shell);
  G_OBJECT_CLASS (tl_liferea2_plugin_parent_class)->dispose (object);
}

static void
tl_liferea2_plugin_class_init (TlLiferea2PluginClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = tl_liferea2_plugin_set_property;
  object_class->get_property = tl_liferea2_plugin_get_property;
  object_class->dispose = tl_liferea2_plugin_dispose;
  g_object_class_override_property (object_class, PROP_SHELL, "shell");
}

static void
tl_liferea2_plugin_class_finalize (TlLiferea2PluginClass *klass)
{
}

static void
tl_liferea2_plugin_init (TlLiferea2Plugin *self)
{
}

/* The one symbol the module exports. Registered for both interfaces:
 * Liferea looks plugins up as LifereaActivatable (the configure button)
 * and as LifereaShellActivatable (activation with the shell). */
G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  tl_liferea2_plugin_register_type (G_TYPE_MODULE (module));
  peas_object_module_register_extension_type (module, LIFEREA_TYPE_ACTIVATABLE, TL_TYPE_LIFEREA2_PLUGIN);
  peas_object_module_register_extension_type (module, LIFEREA_TYPE_SHELL_ACTIVATABLE, TL_TYPE_LIFEREA2_PLUGIN);
}
