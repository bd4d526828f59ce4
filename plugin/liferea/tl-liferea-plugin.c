/* tl-liferea-plugin.c — Telelens in Liferea 1.14 and 1.15: the host adapter
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Thin on purpose: it finds Liferea's story view, tells the host-free
 * TlReaderView when an item is shown, opens links through Liferea, and
 * offers the preferences both in Tools → Plugins (PeasGtkConfigurable) and
 * from the gear in the story panel (the Plugins window needs the network
 * in 1.14). Everything it adds is undone on deactivate.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-liferea-host.h"
#include "tl-reader-host.h"
#include "tl-prefs.h"
#include "tl-liferea-webext.h"

#include <libpeas/peas.h>
#include <libpeas-gtk/peas-gtk.h>

#define TL_TYPE_LIFEREA_PLUGIN (tl_liferea_plugin_get_type ())
G_DECLARE_FINAL_TYPE (TlLifereaPlugin, tl_liferea_plugin, TL, LIFEREA_PLUGIN, PeasExtensionBase)

struct _TlLifereaPlugin {
  PeasExtensionBase  parent_instance;
  GObject           *shell;
  TlReaderHost      *attached;    /* Telelens on the story view, while active */
  GSettings         *settings;
  TlLifereaWebext   *webext;      /* our web process extension, in new web processes */
};

enum { PROP_0, PROP_SHELL };

static void shell_activatable_iface_init (LifereaShellActivatableInterface *iface);
static void configurable_iface_init (PeasGtkConfigurableInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TlLifereaPlugin, tl_liferea_plugin, PEAS_TYPE_EXTENSION_BASE, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (LIFEREA_TYPE_SHELL_ACTIVATABLE,
                                                               shell_activatable_iface_init)
                                G_IMPLEMENT_INTERFACE_DYNAMIC (PEAS_GTK_TYPE_CONFIGURABLE,
                                                               configurable_iface_init))

static GSettings *
plugin_settings (TlLifereaPlugin *self)
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
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 TlLifereaPlugin *self)
{
  gulong id;
  LifereaItem *item;
  gpointer node;
  TlStory story = { 0 };

  if (event != WEBKIT_LOAD_FINISHED || self->attached == NULL)
    return;
  /* Liferea loads feed views too: act only with a selected item. */
  if ((id = itemlist_get_selected_id ()) == 0 || (item = item_load (id)) == NULL)
    return;
  node = itemlist_get_displayed_node ();
  story.title = item_get_title (item);
  story.url = item_get_source (item);
  story.outlet = node ? node_get_title (node) : NULL;
  tl_reader_view_show (tl_reader_host_get_reader (self->attached), &story);
  g_object_unref (item);
}

static void
open_uri (gpointer    host,
          const char *uri)
{
  itemview_launch_URL (uri, FALSE);
}

static void
open_preferences (gpointer host)
{
  GtkWidget *window = liferea_shell_get_window ();
  tl_prefs_dialog_present (window ? GTK_WINDOW (window) : NULL, plugin_settings (host));
}

static const char *const serve_args[] = { "--watch-liferea", NULL };
static const TlReaderHostSpec host_spec = {
  .body_selector = "#content",
  .serve_args = serve_args,
  .open_uri = open_uri,
  .open_preferences = open_preferences,
};

/* --- LifereaShellActivatable ------------------------------------------------------ */

static void
tl_liferea_plugin_activate (gpointer activatable)
{
  TlLifereaPlugin *self = TL_LIFEREA_PLUGIN (activatable);
  WebKitWebView *view;

  if (self->shell == NULL || self->attached != NULL || plugin_settings (self) == NULL)
    return;
  if ((view = tl_liferea_story_view (self->shell)) == NULL)
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
  /* After Liferea's own handler, which fills #content. */
  tl_reader_host_connect (self->attached, "load-changed", G_CALLBACK (on_load_changed), self, G_CONNECT_AFTER);
  /* A new web process, with the extension; the reload shows the item. */
  if (tl_liferea_webext_restart_view (self->webext, view))
    return;
  /* An item may already be on screen. */
  on_load_changed (view, WEBKIT_LOAD_FINISHED, self);
}

static void
tl_liferea_plugin_deactivate (gpointer activatable)
{
  TlLifereaPlugin *self = TL_LIFEREA_PLUGIN (activatable);

  if (self->attached)
    tl_reader_host_detach (self->attached);
  g_clear_object (&self->attached);
  g_clear_pointer (&self->webext, tl_liferea_webext_free);
}

static void
tl_liferea_plugin_update_state (gpointer activatable)
{
}

static void
shell_activatable_iface_init (LifereaShellActivatableInterface *iface)
{
  iface->activate = tl_liferea_plugin_activate;
  iface->deactivate = tl_liferea_plugin_deactivate;
  iface->update_state = tl_liferea_plugin_update_state;
}

static GtkWidget *
tl_liferea_plugin_create_configure_widget (PeasGtkConfigurable *configurable)
{
  TlLifereaPlugin *self = TL_LIFEREA_PLUGIN (configurable);
  GSettings *settings = plugin_settings (self);

  return settings ? tl_prefs_widget_new (settings)
                  : gtk_label_new ("Telelens settings are not installed; reinstall the plugin.");
}

static void
configurable_iface_init (PeasGtkConfigurableInterface *iface)
{
  iface->create_configure_widget = tl_liferea_plugin_create_configure_widget;
}

/* --- GObject -------------------------------------------------------------------------- */

static void
tl_liferea_plugin_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TlLifereaPlugin *self = TL_LIFEREA_PLUGIN (object);

  if (prop_id == PROP_SHELL)
    self->shell = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tl_liferea_plugin_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TlLifereaPlugin *self = TL_LIFEREA_PLUGIN (object);

  if (prop_id == PROP_SHELL)
    g_value_set_object (value, self->shell);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tl_liferea_plugin_dispose (GObject *object)
{
  TlLifereaPlugin *self = TL_LIFEREA_PLUGIN (object);

  tl_liferea_plugin_deactivate (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->shell);
  G_OBJECT_CLASS (tl_liferea_plugin_parent_class)->dispose (object);
}

static void
tl_liferea_plugin_class_init (TlLifereaPluginClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = tl_liferea_plugin_set_property;
  object_class->get_property = tl_liferea_plugin_get_property;
  object_class->dispose = tl_liferea_plugin_dispose;
  g_object_class_override_property (object_class, PROP_SHELL, "shell");
}

static void
tl_liferea_plugin_class_finalize (TlLifereaPluginClass *klass)
{
}

static void
tl_liferea_plugin_init (TlLifereaPlugin *self)
{
}

/* The one symbol the module exports. */
G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  tl_liferea_plugin_register_type (G_TYPE_MODULE (module));
  peas_object_module_register_extension_type (module, LIFEREA_TYPE_SHELL_ACTIVATABLE, TL_TYPE_LIFEREA_PLUGIN);
  peas_object_module_register_extension_type (module, PEAS_GTK_TYPE_CONFIGURABLE, TL_TYPE_LIFEREA_PLUGIN);
}
