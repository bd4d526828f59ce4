/* tl-evolution-probe.c — the end-to-end test's eyes and hands inside Evolution
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A second Evolution module, installed only by the end-to-end test, that
 * knows nothing of Telelens: it reads the shown message back from WebKit (in
 * the page's own script world, walking the same-origin iframe of each
 * message part) and looks at windows the way a person would. The protocol
 * is the Liferea probe's: the test writes a command to $TELELENS_PROBE/cmd,
 * the answer appears whole in $TELELENS_PROBE/out.
 *
 *   dump            {"origin":[x,y],"page":{"marks":[{"type","text","rect"}…],
 *                   "panel":TEXT,"links":[{"text","href"}…],…}}; rectangles
 *                   are in the view's coordinates, iframe offsets added
 *   windows         the titles of the open windows, one per line
 *   widgets TITLE   what the window TITLE shows ("label: TEXT", "button L: sensitive")
 *   close TITLE     closes the window TITLE
 *   click LABEL     clicks the check button LABEL in any open window
 *   unload NAME     ("telelens") drops the Telelens extension from every mail
 *                   display, as unloading its module does (Evolution has no
 *                   switch for modules: this is the code path of a display
 *                   or a module going away)
 */
#define G_LOG_DOMAIN "telelens-probe"

#include <glib.h>
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <e-util/e-util.h>
#include <mail/e-mail-display.h>
#include <libedataserver/libedataserver.h>
G_GNUC_END_IGNORE_DEPRECATIONS
#include <glib/gstdio.h>
#include <string.h>

G_MODULE_EXPORT void e_module_load   (GTypeModule *type_module);
G_MODULE_EXPORT void e_module_unload (GTypeModule *type_module);

#define TL_TYPE_EVOLUTION_PROBE (tl_evolution_probe_get_type ())
G_DECLARE_FINAL_TYPE (TlEvolutionProbe, tl_evolution_probe, TL, EVOLUTION_PROBE, EExtension)

struct _TlEvolutionProbe {
  EExtension parent_instance;
};

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TlEvolutionProbe, tl_evolution_probe, E_TYPE_EXTENSION, G_TYPE_FLAG_FINAL, {})

#define MAX_DISPLAYS 32
static gpointer displays[MAX_DISPLAYS];   /* weak: every EMailDisplay */
static guint n_displays;
static char *dir;
static guint poll_id;

static const char dump_js[] =
  "(function () {"
  "  const docs = [];"
  "  const add = (doc, dx, dy) => { docs.push({ doc, dx, dy });"
  "    for (const f of doc.querySelectorAll('iframe')) { try { const d = f.contentDocument;"
  "      if (d) { const b = f.getBoundingClientRect(); add(d, dx + b.left + f.clientLeft, dy + b.top + f.clientTop); }"
  "    } catch (e) {} } };"
  "  add(document, 0, 0);"
  "  const all = (sel) => docs.flatMap((d) => Array.from(d.doc.querySelectorAll(sel)).map((e) => ({ e, d })));"
  "  const r = (x) => { const b = x.e.getBoundingClientRect();"
  "    return [Math.round(b.left + x.d.dx), Math.round(b.top + x.d.dy), Math.round(b.width), Math.round(b.height)]; };"
  "  const marks = all('mark.tl-mark').map((x) => ({"
  "    type: (Array.from(x.e.classList).find((c) => c.startsWith('tl-t-')) || '').slice(5),"
  "    text: x.e.textContent, rect: r(x) }));"
  "  const panel = all('section.tl-panel')[0];"
  "  const gear = panel && panel.e.querySelector('.tl-gear');"
  "  return JSON.stringify({"
  "    marks: marks,"
  "    statements: all('span.tl-statement').length,"
  "    tl_nodes: all('[class^=\"tl-\"], [class*=\" tl-\"]').length,"
  "    panel: panel ? panel.e.innerText : null,"
  "    links: panel ? Array.from(panel.e.querySelectorAll('a')).map((a) => ({ text: a.textContent,"
  "                                                                      href: a.getAttribute('href') })) : [],"
  "    gear: gear ? r({ e: gear, d: panel.d }) : null,"
  "    frames: docs.length - 1,"
  "    body: docs.map((d) => d.doc.body ? d.doc.body.innerText : '').join('\\n'),"
  "    pwned: docs.map((d) => d.doc.defaultView && d.doc.defaultView.__tl_pwned).find((x) => x) || null,"
  "    pwned_nodes: all('[data-tl-pwned]').length,"
  "    pwned_by: all('[data-tl-pwned]').map((x) => x.e.getAttribute('data-tl-pwned')),"
  "    html: docs.map((d) => d.doc.documentElement.outerHTML).join('\\n<!-- frame -->\\n').slice(0, 200000)"
  "  });"
  "})()";

static void
answer (const char *text)
{
  g_autofree char *tmp = g_build_filename (dir, "out.tmp", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);

  if (g_file_set_contents (tmp, text, -1, NULL))
    g_rename (tmp, out);
}

/* The display a person is looking at: mapped, with a message. */
static EMailDisplay *
shown_display (void)
{
  EMailDisplay *best = NULL;

  for (guint i = 0; i < n_displays; i++)
    {
      EMailDisplay *d = displays[i];
      if (d && gtk_widget_get_mapped (GTK_WIDGET (d)) &&
          (best == NULL || e_mail_display_get_part_list (d) != NULL))
        best = d;
    }
  return best;
}

static void
on_dumped (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);
  g_autofree char *page = value ? jsc_value_to_string (value) : NULL;
  g_autofree char *reply = NULL;
  GtkWidget *widget = GTK_WIDGET (source);
  GtkAllocation alloc;
  int x = 0, y = 0;

  gtk_widget_get_allocation (widget, &alloc);
  if (gtk_widget_get_window (widget))
    gdk_window_get_origin (gtk_widget_get_window (widget), &x, &y);
  if (!gtk_widget_get_has_window (widget))
    x += alloc.x, y += alloc.y;
  if (page == NULL)
    reply = g_strdup_printf ("{\"error\":\"script failed: %s\"}", error ? "see log" : "no page");
  else
    reply = g_strdup_printf ("{\"origin\":[%d,%d],\"script_markup\":%s,\"page\":%s}", x, y,
                             webkit_settings_get_enable_javascript_markup (
                               webkit_web_view_get_settings (WEBKIT_WEB_VIEW (source))) ? "true" : "false",
                             page);
  if (page == NULL && error)
    g_message ("probe: dump failed: %s", error->message);
  answer (reply);
}

static void
list_widgets (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)))
    g_string_append_printf (out, "label: %s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)))
    {
      g_string_append_printf (out, "button %s: %s\n", gtk_button_get_label (GTK_BUTTON (widget)),
                              gtk_widget_is_sensitive (widget) ? "sensitive" : "insensitive");
      return;
    }
  if (GTK_IS_NOTEBOOK (widget))
    {
      /* Only the page on show, as a person sees it. */
      GtkNotebook *nb = GTK_NOTEBOOK (widget);
      GtkWidget *page = gtk_notebook_get_nth_page (nb, gtk_notebook_get_current_page (nb));
      if (page)
        list_widgets (page, out);
      return;
    }
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *child = gtk_stack_get_visible_child (GTK_STACK (widget));
      if (child)
        list_widgets (child, out);
      return;
    }
  if (GTK_IS_CONTAINER (widget))
    {
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (widget));
      for (GList *l = children; l; l = l->next)
        list_widgets (l->data, out);
    }
}

static GtkWidget *
find_check (GtkWidget  *widget,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  if (GTK_IS_CONTAINER (widget))
    {
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (widget));
      for (GList *l = children; l; l = l->next)
        {
          GtkWidget *found = find_check (l->data, label);
          if (found)
            return found;
        }
    }
  return NULL;
}

static void
run_command (char *cmd)
{
  g_strstrip (cmd);
  if (g_str_has_prefix (cmd, "click "))
    {
      g_autoptr(GList) tops = gtk_window_list_toplevels ();
      GtkWidget *check = NULL;
      for (GList *l = tops; l && check == NULL; l = l->next)
        if (gtk_widget_get_visible (l->data))
          check = find_check (l->data, cmd + strlen ("click "));
      if (check)
        gtk_button_clicked (GTK_BUTTON (check));
      answer (check ? "clicked" : "not found");
    }
  else if (strcmp (cmd, "dump") == 0)
    {
      EMailDisplay *d = shown_display ();
      if (d == NULL)
        answer ("{\"error\":\"no mail display on screen\"}");
      else
        webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (d), dump_js, -1, NULL, NULL, NULL, on_dumped, NULL);
    }
  else if (strcmp (cmd, "windows") == 0)
    {
      g_autoptr(GList) tops = gtk_window_list_toplevels ();
      g_autoptr(GString) s = g_string_new (NULL);
      for (GList *l = tops; l; l = l->next)
        if (GTK_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
          g_string_append_printf (s, "%s\n", gtk_window_get_title (l->data) ? gtk_window_get_title (l->data) : "");
      answer (s->str);
    }
  else if (g_str_has_prefix (cmd, "widgets ") || g_str_has_prefix (cmd, "close "))
    {
      gboolean close = g_str_has_prefix (cmd, "close ");
      const char *title = strchr (cmd, ' ') + 1;
      g_autoptr(GList) tops = gtk_window_list_toplevels ();
      g_autoptr(GString) s = g_string_new (NULL);
      gboolean found = FALSE;
      for (GList *l = tops; l; l = l->next)
        if (GTK_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data) &&
            g_strcmp0 (gtk_window_get_title (l->data), title) == 0)
          {
            found = TRUE;
            if (close)
              gtk_window_close (l->data);
            else
              list_widgets (l->data, s);
          }
      answer (close ? (found ? "closed" : "not found") : (s->len ? s->str : "not found"));
    }
  else if (strcmp (cmd, "unload telelens") == 0)
    {
      guint n = 0;
      for (guint i = 0; i < n_displays; i++)
        {
          EMailDisplay *d = displays[i];
          GList *exts = d ? e_extensible_list_extensions (E_EXTENSIBLE (d), E_TYPE_EXTENSION) : NULL;
          for (GList *l = exts; l; l = l->next)
            if (g_strcmp0 (G_OBJECT_TYPE_NAME (l->data), "TlEvolutionDisplay") == 0)
              {
                g_object_run_dispose (l->data);
                n++;
              }
          g_list_free (exts);
        }
      answer (n ? "unloaded" : "not loaded");
    }
  else
    answer ("unknown command");
}

static gboolean
poll_commands (gpointer data)
{
  g_autofree char *path = g_build_filename (dir, "cmd", NULL);
  g_autofree char *cmd = NULL;

  if (g_file_get_contents (path, &cmd, NULL, NULL))
    {
      g_unlink (path);
      run_command (cmd);
    }
  return G_SOURCE_CONTINUE;
}

static void
tl_evolution_probe_constructed (GObject *object)
{
  EExtensible *display = e_extension_get_extensible (E_EXTENSION (object));
  const char *env = g_getenv ("TELELENS_PROBE");

  G_OBJECT_CLASS (tl_evolution_probe_parent_class)->constructed (object);
  if (env == NULL || *env == '\0' || display == NULL)
    return;
  if (n_displays < MAX_DISPLAYS)
    {
      displays[n_displays] = display;
      g_object_add_weak_pointer (G_OBJECT (display), &displays[n_displays++]);
    }
  if (dir == NULL)
    dir = g_strdup (env);
  if (poll_id == 0)
    poll_id = g_timeout_add (100, poll_commands, NULL);
}

static void
tl_evolution_probe_class_init (TlEvolutionProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = tl_evolution_probe_constructed;
  E_EXTENSION_CLASS (klass)->extensible_type = E_TYPE_MAIL_DISPLAY;
}

static void
tl_evolution_probe_class_finalize (TlEvolutionProbeClass *klass)
{
}

static void
tl_evolution_probe_init (TlEvolutionProbe *self)
{
}

G_MODULE_EXPORT void
e_module_load (GTypeModule *type_module)
{
  static gboolean resident;

  /* Its timeout and weak pointers outlive an unload of the module. */
  if (!resident && E_IS_MODULE (type_module))
    {
      GModule *self = g_module_open (e_module_get_filename (E_MODULE (type_module)), G_MODULE_BIND_LAZY);
      if (self)
        g_module_make_resident (self);
      resident = TRUE;
    }
  tl_evolution_probe_register_type (type_module);
}

G_MODULE_EXPORT void
e_module_unload (GTypeModule *type_module)
{
}
