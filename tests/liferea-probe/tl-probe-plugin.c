/* tl-probe-plugin.c — the end-to-end test's eyes and hands inside Liferea
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A second Liferea plugin, installed only by the end-to-end test: it reads
 * the page back from WebKit and presses buttons in dialogs by their label,
 * the way a person would. It reads what a page script sees in the page's
 * own world, and what is rendered inside Telelens' closed shadow roots
 * through Telelens' script world ("telelens"; telelens.inspect(), defined
 * only when TELELENS_PROBE is set), the one place they can be reached from. The test talks
 * to it through files in $TELELENS_PROBE: it writes `cmd`, the probe answers
 * in `out` (written whole, then renamed).
 *
 *   dump            {"origin":[x,y],"page":{…}}: the page's marks, panel,
 *                   links, card (and whether the page has painted a frame
 *                   with it), focus and whether any hostile script ran
 *   peek TEXT       {"hosts":N,"found":[…]}: where a script of the page (its
 *                   own world) finds TEXT: innerText, textContent, outerHTML,
 *                   shadowRoot, selection, window.telelens; N Telelens hosts
 *   click LABEL     clicks the check button LABEL in any open window
 *   windows         the titles of the open windows, one per line
 *   tooltips        how many tooltips are showing
 *   close TITLE     closes the window TITLE, as its close button would
 *   widgets TITLE   what the window TITLE shows: "label: TEXT" for each visible
 *                   label, "button LABEL: sensitive|insensitive" for buttons
 *   unload NAME     turns the plugin NAME off, as Tools → Plugins would
 *                   ("telelens": this Liferea's Telelens module)
 *   cycle NAME      turns NAME off, on and at once off again (in one main-loop
 *                   turn: whatever its activation started is still in flight)
 */
#include "tl-probe-common.h"

#include <glib/gstdio.h>
#include <string.h>

/* Built for the installed Liferea: GTK 3 and libpeas 1 (1.14, 1.15), or
 * GTK 4 and libpeas-2 (2.0: TL_PROBE_GTK4). */
#if TL_PROBE_GTK4
#include "tl-liferea2-host.h"
#include <libpeas.h>
#include <gdk/x11/gdkx.h>
#define tl_liferea_story_view tl_liferea2_story_view
#else
#include "tl-liferea-host.h"
#include <libpeas/peas.h>
#endif

#define TL_TYPE_PROBE_PLUGIN (tl_probe_plugin_get_type ())
G_DECLARE_FINAL_TYPE (TlProbePlugin, tl_probe_plugin, TL, PROBE_PLUGIN, PeasExtensionBase)

struct _TlProbePlugin {
  PeasExtensionBase  parent_instance;
  GObject           *shell;
  WebKitWebView     *view;
  char              *dir;
  guint              poll_id;
};

enum { PROP_0, PROP_SHELL };

static void shell_activatable_iface_init (LifereaShellActivatableInterface *iface);
#if TL_PROBE_GTK4
static void activatable_iface_init (LifereaActivatableInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TlProbePlugin, tl_probe_plugin, PEAS_TYPE_EXTENSION_BASE, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (LIFEREA_TYPE_ACTIVATABLE,
                                                               activatable_iface_init)
                                G_IMPLEMENT_INTERFACE_DYNAMIC (LIFEREA_TYPE_SHELL_ACTIVATABLE,
                                                               shell_activatable_iface_init))
#else
G_DEFINE_DYNAMIC_TYPE_EXTENDED (TlProbePlugin, tl_probe_plugin, PEAS_TYPE_EXTENSION_BASE, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (LIFEREA_TYPE_SHELL_ACTIVATABLE,
                                                               shell_activatable_iface_init))
#endif

/* What the page's own scripts see (the page world): whether a hostile
 * script ran, how many Telelens nodes are in the page, the story's text. */
static const char page_js[] =
  "(function () {"
  "  return JSON.stringify({"
  "    tl_nodes: document.querySelectorAll('[class^=\"tl-\"], [class*=\" tl-\"]').length,"
  "    body: (document.querySelector('#content') || document.body).innerText,"
  "    pwned: window.__tl_pwned || null,"
  "    pwned_nodes: document.querySelectorAll('[data-tl-pwned]').length,"
  "    pwned_by: Array.from(document.querySelectorAll('[data-tl-pwned]')).map((e) => e.getAttribute('data-tl-pwned')),"
  "    html: document.documentElement.outerHTML.length < 200000 ? document.documentElement.outerHTML : null"
  "  });"
  "})()";

/* What is rendered, read in Telelens' own script world ("telelens"), the
 * only place its closed shadow roots can be reached from: the highlights in
 * the story, the panel and the card (through telelens.inspect(), which the
 * page script defines only when TELELENS_PROBE is set). Called with the
 * page world's answer, which it completes. */
static const char world_js[] =
  "(function (out) {"
  "  const r = (e) => { const b = e.getBoundingClientRect();"
  "    return [Math.round(b.left), Math.round(b.top), Math.round(b.width), Math.round(b.height)]; };"
  "  const seen = window.telelens && window.telelens.inspect ? window.telelens.inspect() : {};"
  "  const marks = Array.from(document.querySelectorAll('mark.tl-mark'));"
  "  out.marks = marks.map((m) => ({"
  "    type: (Array.from(m.classList).find((c) => c.startsWith('tl-t-')) || '').slice(5),"
  "    text: m.textContent, rect: r(m) }));"
  "  out.statements = document.querySelectorAll('span.tl-statement').length;"
  "  out.titles = document.querySelectorAll('mark.tl-mark[title], span.tl-statement[title]').length;"
  "  const panel = seen.panel || null, card = seen.card || null;"
  "  const gear = panel && panel.querySelector('.tl-gear');"
  "  out.panel = panel ? panel.innerText : null;"
  "  out.links = panel ? Array.from(panel.querySelectorAll('a')).map((a) => ({ text: a.textContent,"
  "                                                                          href: a.getAttribute('href') })) : [];"
  "  out.gear = gear ? r(gear) : null;"
  "  out.card = card ? card.innerText : null;"
  "  out.card_rect = card ? r(card) : null;"
  "  out.card_painted = !!(card && seen.cardPainted);"
  "  out.card_has_focus = !!(card && card.getRootNode().activeElement);"
  "  const f = document.activeElement;"
  "  out.focus = f && f.matches && f.matches('mark.tl-mark') ?"
  "    { mark: f.textContent, entity: f.getAttribute('data-tl-entity') } : (f ? { tag: f.tagName } : null);"
  "  return JSON.stringify(out);"
  "})(%s)";

/* A page script looking for TEXT everywhere it could: the page's text and
 * markup, open shadow roots, a selection of everything, and a `telelens`
 * object. Telelens' panel and card text must not be found. */
static const char peek_js[] =
  "(function (needle) {"
  "  const found = [];"
  "  const d = document, h = d.documentElement;"
  "  if (h.innerText.includes(needle)) found.push('innerText');"
  "  if (h.textContent.includes(needle)) found.push('textContent');"
  "  if (h.outerHTML.includes(needle)) found.push('outerHTML');"
  "  for (const e of d.querySelectorAll('*'))"
  "    if (e.shadowRoot && e.shadowRoot.textContent.includes(needle)) found.push('shadowRoot');"
  "  const sel = window.getSelection();"
  "  sel.selectAllChildren(d.body);"
  "  if (sel.toString().includes(needle)) found.push('selection');"
  "  sel.removeAllRanges();"
  "  if (typeof window.telelens !== 'undefined') found.push('window.telelens');"
  "  return JSON.stringify({ hosts: d.querySelectorAll('.tl-host').length, found: found });"
  "})(%s)";

/* Where the widget's top left corner is on the X screen. */
static void
screen_origin (GtkWidget *widget,
               int       *x,
               int       *y)
{
#if TL_PROBE_GTK4
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = native ? gtk_native_get_surface (native) : NULL;
  graphene_point_t p = GRAPHENE_POINT_INIT (0, 0), q;
  double sx = 0, sy = 0;
  Window child;
  int rx = 0, ry = 0;

  if (surface == NULL || !GDK_IS_X11_SURFACE (surface))
    return;
  if (!gtk_widget_compute_point (widget, GTK_WIDGET (native), &p, &q))
    q = p;
  gtk_native_get_surface_transform (native, &sx, &sy);
  /* GTK 4.24 deprecates its X11 calls; the test runs Liferea on Xvfb. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  XTranslateCoordinates (GDK_SURFACE_XDISPLAY (surface), GDK_SURFACE_XID (surface),
                         DefaultRootWindow (GDK_SURFACE_XDISPLAY (surface)), 0, 0, &rx, &ry, &child);
  G_GNUC_END_IGNORE_DEPRECATIONS
  *x = rx + (int) (sx + q.x);
  *y = ry + (int) (sy + q.y);
#else
  GtkAllocation alloc;

  gtk_widget_get_allocation (widget, &alloc);
  if (gtk_widget_get_window (widget))
    gdk_window_get_origin (gtk_widget_get_window (widget), x, y);
  if (!gtk_widget_get_has_window (widget))
    *x += alloc.x, *y += alloc.y;
#endif
}

/* The children of a widget, in either toolkit. */
static GList *
children_of (GtkWidget *widget)
{
  GList *out = NULL;
#if TL_PROBE_GTK4
  for (GtkWidget *c = gtk_widget_get_last_child (widget); c; c = gtk_widget_get_prev_sibling (c))
    out = g_list_prepend (out, c);
#else
  if (GTK_IS_CONTAINER (widget))
    out = gtk_container_get_children (GTK_CONTAINER (widget));
#endif
  return out;
}

static const char *
check_label (GtkWidget *widget)
{
#if TL_PROBE_GTK4
  return GTK_IS_CHECK_BUTTON (widget) ? gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) : NULL;
#else
  return GTK_IS_CHECK_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL;
#endif
}

static void
on_world_dumped (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(TlProbePlugin) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);
  g_autofree char *page = value ? jsc_value_to_string (value) : NULL;
  g_autofree char *reply = NULL;
  int x = 0, y = 0;

  screen_origin (GTK_WIDGET (source), &x, &y);
  reply = tl_probe_dump_reply (WEBKIT_WEB_VIEW (source), x, y, page, error != NULL);
  tl_probe_answer (self->dir, reply);
}

/* The page world's answer, completed in Telelens' world. */
static void
on_page_dumped (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(TlProbePlugin) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);
  g_autofree char *page = value ? jsc_value_to_string (value) : NULL;
  g_autofree char *script = NULL;

  if (page == NULL)
    {
      tl_probe_answer (self->dir, "{\"error\":\"page script failed\"}");
      return;
    }
  script = g_strdup_printf (world_js, page);
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (source), script, -1, "telelens", NULL, NULL,
                                       on_world_dumped, g_object_ref (self));
}

static void
on_peeked (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(TlProbePlugin) self = data;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, NULL);
  g_autofree char *out = value ? jsc_value_to_string (value) : NULL;

  tl_probe_answer (self->dir, out ? out : "{\"error\":\"page script failed\"}");
}

static GtkWidget *
find_check (GtkWidget  *widget,
            const char *label)
{
  g_autoptr(GList) children = NULL;

  if (g_strcmp0 (check_label (widget), label) == 0)
    return widget;
  children = children_of (widget);
  for (GList *l = children; l; l = l->next)
    {
      GtkWidget *found = find_check (l->data, label);
      if (found)
        return found;
    }
  return NULL;
}

static void
list_widgets (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)))
    g_string_append_printf (out, "label: %s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)))
    {
      g_string_append_printf (out, "button %s: %s\n", gtk_button_get_label (GTK_BUTTON (widget)),
                              gtk_widget_is_sensitive (widget) ? "sensitive" : "insensitive");
      return;
    }
  {
    g_autoptr(GList) children = children_of (widget);
    for (GList *l = children; l; l = l->next)
      list_widgets (l->data, out);
  }
}

static void
run_command (TlProbePlugin *self,
             char          *cmd)
{
  g_strstrip (cmd);
  if (strcmp (cmd, "dump") == 0)
    {
      if (self->view == NULL)
        tl_probe_answer (self->dir, "{\"error\":\"no web view\"}");
      else
        webkit_web_view_evaluate_javascript (self->view, page_js, -1, NULL, NULL, NULL, on_page_dumped,
                                             g_object_ref (self));
    }
  else if (g_str_has_prefix (cmd, "peek "))
    {
      g_autofree char *needle = tl_probe_js_string (cmd + strlen ("peek "));
      g_autofree char *script = g_strdup_printf (peek_js, needle);

      if (self->view == NULL)
        tl_probe_answer (self->dir, "{\"error\":\"no web view\"}");
      else
        webkit_web_view_evaluate_javascript (self->view, script, -1, NULL, NULL, NULL, on_peeked,
                                             g_object_ref (self));
    }
  else if (g_str_has_prefix (cmd, "click "))
    {
      g_autoptr(GList) tops = gtk_window_list_toplevels ();
      GtkWidget *check = NULL;
      for (GList *l = tops; l && check == NULL; l = l->next)
        if (gtk_widget_get_visible (l->data))
          check = find_check (l->data, cmd + strlen ("click "));
#if TL_PROBE_GTK4
      if (check)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
#else
      if (check)
        gtk_button_clicked (GTK_BUTTON (check));
#endif
      tl_probe_answer (self->dir, check ? "clicked" : "not found");
    }
  else if (strcmp (cmd, "windows") == 0)
    {
      g_autoptr(GList) tops = gtk_window_list_toplevels ();
      g_autoptr(GString) s = g_string_new (NULL);
      for (GList *l = tops; l; l = l->next)
        if (GTK_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
          g_string_append_printf (s, "%s\n", gtk_window_get_title (l->data) ? gtk_window_get_title (l->data) : "");
      tl_probe_answer (self->dir, s->str);
    }
  else if (strcmp (cmd, "tooltips") == 0)
    {
      g_autoptr(GList) tops = gtk_window_list_toplevels ();
      guint n = 0;
      char num[16];
      for (GList *l = tops; l; l = l->next)
        n += gtk_widget_get_visible (l->data) && g_strcmp0 (G_OBJECT_TYPE_NAME (l->data), "GtkTooltipWindow") == 0;
      g_snprintf (num, sizeof num, "%u", n);
      tl_probe_answer (self->dir, num);
    }
  else if (g_str_has_prefix (cmd, "close "))
    {
      g_autoptr(GList) tops = gtk_window_list_toplevels ();
      gboolean closed = FALSE;
      for (GList *l = tops; l; l = l->next)
        if (GTK_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data) &&
            g_strcmp0 (gtk_window_get_title (l->data), cmd + strlen ("close ")) == 0)
          {
            gtk_window_close (l->data);
            closed = TRUE;
          }
      tl_probe_answer (self->dir, closed ? "closed" : "not found");
    }
  else if (g_str_has_prefix (cmd, "widgets "))
    {
      g_autoptr(GList) tops = gtk_window_list_toplevels ();
      g_autoptr(GString) s = g_string_new (NULL);
      for (GList *l = tops; l; l = l->next)
        if (GTK_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data) &&
            g_strcmp0 (gtk_window_get_title (l->data), cmd + strlen ("widgets ")) == 0)
          list_widgets (l->data, s);
      tl_probe_answer (self->dir, s->len ? s->str : "not found");
    }
  else if (g_str_has_prefix (cmd, "unload "))
    {
      PeasEngine *engine = peas_engine_get_default ();
      const char *name = cmd + strlen ("unload ");
      PeasPluginInfo *info;
      gboolean done;

      /* Each Liferea generation has its own Telelens module name. */
      if (g_strcmp0 (name, "telelens") == 0)
        name = TL_LIFEREA_MODULE;
      info = peas_engine_get_plugin_info (engine, name);
      done = info && peas_plugin_info_is_loaded (info) && peas_engine_unload_plugin (engine, info);
      tl_probe_answer (self->dir, done ? "unloaded" : "not loaded");
    }
  else if (g_str_has_prefix (cmd, "cycle "))
    {
      PeasEngine *engine = peas_engine_get_default ();
      const char *name = cmd + strlen ("cycle ");
      PeasPluginInfo *info = peas_engine_get_plugin_info (engine, g_strcmp0 (name, "telelens") == 0 ?
                                                                  TL_LIFEREA_MODULE : name);
      gboolean done = info && peas_plugin_info_is_loaded (info) && peas_engine_unload_plugin (engine, info) &&
                      peas_engine_load_plugin (engine, info) && peas_engine_unload_plugin (engine, info);
      tl_probe_answer (self->dir, done ? "cycled" : "not loaded");
    }
  else
    tl_probe_answer (self->dir, "unknown command");
}

static gboolean
poll_commands (gpointer data)
{
  TlProbePlugin *self = data;
  g_autofree char *path = g_build_filename (self->dir, "cmd", NULL);
  g_autofree char *cmd = NULL;

  if (g_file_get_contents (path, &cmd, NULL, NULL))
    {
      g_unlink (path);
      run_command (self, cmd);
    }
  return G_SOURCE_CONTINUE;
}

static void
tl_probe_plugin_activate (gpointer activatable)
{
  TlProbePlugin *self = TL_PROBE_PLUGIN (activatable);
  const char *dir = g_getenv ("TELELENS_PROBE");

  if (self->shell == NULL || dir == NULL || *dir == '\0')
    return;
  if ((self->view = tl_liferea_story_view (self->shell)) != NULL)
    g_object_add_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
  self->dir = g_strdup (dir);
  self->poll_id = g_timeout_add (100, poll_commands, self);
}

static void
tl_probe_plugin_deactivate (gpointer activatable)
{
  TlProbePlugin *self = TL_PROBE_PLUGIN (activatable);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->view)
    g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
  self->view = NULL;
  g_clear_pointer (&self->dir, g_free);
}

static void
tl_probe_plugin_update_state (gpointer activatable)
{
}

#if TL_PROBE_GTK4
static void
tl_probe_plugin_configure (gpointer activatable)
{
}

static void
activatable_iface_init (LifereaActivatableInterface *iface)
{
  iface->activate = tl_probe_plugin_activate;
  iface->deactivate = tl_probe_plugin_deactivate;
  iface->create_configure_widget = tl_probe_plugin_configure;
}

static void
shell_activatable_iface_init (LifereaShellActivatableInterface *iface)
{
  iface->update_state = tl_probe_plugin_update_state;
}
#else
static void
shell_activatable_iface_init (LifereaShellActivatableInterface *iface)
{
  iface->activate = tl_probe_plugin_activate;
  iface->deactivate = tl_probe_plugin_deactivate;
  iface->update_state = tl_probe_plugin_update_state;
}
#endif

static void
tl_probe_plugin_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TlProbePlugin *self = TL_PROBE_PLUGIN (object);

  if (prop_id == PROP_SHELL)
    self->shell = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tl_probe_plugin_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TlProbePlugin *self = TL_PROBE_PLUGIN (object);

  if (prop_id == PROP_SHELL)
    g_value_set_object (value, self->shell);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tl_probe_plugin_dispose (GObject *object)
{
  TlProbePlugin *self = TL_PROBE_PLUGIN (object);

  tl_probe_plugin_deactivate (self);
  g_clear_object (&self->shell);
  G_OBJECT_CLASS (tl_probe_plugin_parent_class)->dispose (object);
}

static void
tl_probe_plugin_class_init (TlProbePluginClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = tl_probe_plugin_set_property;
  object_class->get_property = tl_probe_plugin_get_property;
  object_class->dispose = tl_probe_plugin_dispose;
  g_object_class_override_property (object_class, PROP_SHELL, "shell");
}

static void
tl_probe_plugin_class_finalize (TlProbePluginClass *klass)
{
}

static void
tl_probe_plugin_init (TlProbePlugin *self)
{
}

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  tl_probe_plugin_register_type (G_TYPE_MODULE (module));
  peas_object_module_register_extension_type (module, LIFEREA_TYPE_SHELL_ACTIVATABLE, TL_TYPE_PROBE_PLUGIN);
#if TL_PROBE_GTK4
  peas_object_module_register_extension_type (module, LIFEREA_TYPE_ACTIVATABLE, TL_TYPE_PROBE_PLUGIN);
#endif
}
