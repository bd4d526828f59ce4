/* tl-evolution-probe.c — the end-to-end test's eyes and hands inside Evolution
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A second Evolution module, installed only by the end-to-end test, that
 * links nothing of Telelens: it reads the shown message back from WebKit
 * (walking the same-origin iframe of each message part) and looks at
 * windows the way a person would. The protocol
 * is the Liferea probe's: the test writes a command to $TELELENS_PROBE/cmd,
 * the answer appears whole in $TELELENS_PROBE/out.
 *
 *   dump            {"origin":[x,y],"page":{"marks":[{"type","text","rect"}…],
 *                   "panel":TEXT,"links":[{"text","href"}…],"card":TEXT,…}},
 *                   the Liferea probe's shape; rectangles are in the view's
 *                   coordinates, iframe offsets added. What is rendered is
 *                   read in Telelens' script world (telelens.inspect(), only
 *                   there when TELELENS_PROBE is set), whether a hostile
 *                   script ran in the page's own world
 *   peek TEXT       {"hosts":N,"found":[…]}: where a script of the message
 *                   (its own world, any frame) finds TEXT
 *   tooltips        how many tooltips are showing
 *   windows         the titles of the open windows, one per line
 *   widgets TITLE   what the window TITLE shows ("label: TEXT", "button L: sensitive")
 *   close TITLE     closes the window TITLE
 *   click LABEL     clicks the check button LABEL in any open window
 *   message-list    "X Y W H": where the mail view's list of messages shows
 *                   its rows, in screen coordinates (the first row at the
 *                   top), or "not found"
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
#include "tl-probe-common.h"

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

/* Every document of the shown message: the top one (headers, one container
 * per part) and each part's same-origin iframe, with the offset that turns
 * a rectangle in it into the view's coordinates. Shared by both worlds. */
#define FRAMES_JS \
  "  const docs = [];" \
  "  const add = (doc, dx, dy) => { docs.push({ doc, dx, dy });" \
  "    for (const f of doc.querySelectorAll('iframe')) { try { const d = f.contentDocument;" \
  "      if (d) { const b = f.getBoundingClientRect(); add(d, dx + b.left + f.clientLeft, dy + b.top + f.clientTop); }" \
  "    } catch (e) {} } };" \
  "  add(document, 0, 0);" \
  "  const all = (sel) => docs.flatMap((d) => Array.from(d.doc.querySelectorAll(sel)));" \
  "  const r = (e) => { const b = e.getBoundingClientRect();" \
  "    const d = docs.find((x) => x.doc === e.ownerDocument) || { dx: 0, dy: 0 };" \
  "    return [Math.round(b.left + d.dx), Math.round(b.top + d.dy), Math.round(b.width), Math.round(b.height)]; };"

/* What the message's own scripts would see (the page world): whether a
 * hostile script ran, how many Telelens nodes are in its documents, the
 * text. */
static const char page_js[] =
  "(function () {"
  FRAMES_JS
  "  return JSON.stringify({"
  "    frames: docs.length - 1,"
  "    tl_nodes: all('[class^=\"tl-\"], [class*=\" tl-\"]').length,"
  "    body: docs.map((d) => d.doc.body ? d.doc.body.innerText : '').join('\\n'),"
  "    pwned: docs.map((d) => d.doc.defaultView && d.doc.defaultView.__tl_pwned).find((x) => x) || null,"
  "    pwned_nodes: all('[data-tl-pwned]').length,"
  "    pwned_by: all('[data-tl-pwned]').map((e) => e.getAttribute('data-tl-pwned')),"
  "    html: docs.map((d) => d.doc.documentElement.outerHTML).join('\\n<!-- frame -->\\n').slice(0, 200000)"
  "  });"
  "})()";

/* What is rendered, read in Telelens' script world ("telelens"), the only
 * place its closed shadow roots can be reached from (telelens.inspect(),
 * defined only when TELELENS_PROBE is set): highlights in every frame, the
 * panel, the card. The same shape as the Liferea probe's; rectangles are in
 * the view's coordinates. Called with the page world's answer. */
static const char world_js[] =
  "(function (out) {"
  FRAMES_JS
  "  const seen = window.telelens && window.telelens.inspect ? window.telelens.inspect() : {};"
  "  out.marks = all('mark.tl-mark').map((m) => ({"
  "    type: (Array.from(m.classList).find((c) => c.startsWith('tl-t-')) || '').slice(5),"
  "    text: m.textContent, rect: r(m) }));"
  "  out.statements = all('span.tl-statement').length;"
  "  out.titles = all('mark.tl-mark[title], span.tl-statement[title]').length;"
  "  const panel = seen.panel || null, card = seen.card || null;"
  "  const gear = panel && panel.querySelector('.tl-gear');"
  "  out.panel = panel ? panel.innerText : null;"
  "  out.links = panel ? Array.from(panel.querySelectorAll('a')).map((a) => ({ text: a.textContent,"
  "                                                                          href: a.getAttribute('href') })) : [];"
  "  out.gear = gear ? r(gear) : null;"
  "  out.card = card ? card.innerText : null;"
  "  out.card_rect = card ? r(card) : null;"
  "  out.card_has_focus = !!(card && card.getRootNode().activeElement);"
  "  const frame = card && card.ownerDocument.defaultView.frameElement;"
  "  out.card_frame = frame ? r(frame) : null;"
  "  out.view = [window.innerWidth, window.innerHeight];"
  "  let f = document.activeElement;"
  "  while (f && f.tagName === 'IFRAME') { try { f = f.contentDocument.activeElement; } catch (e) { break; } }"
  "  out.focus = f && f.matches && f.matches('mark.tl-mark') ?"
  "    { mark: f.textContent, entity: f.getAttribute('data-tl-entity') } : (f ? { tag: f.tagName } : null);"
  "  return JSON.stringify(out);"
  "})(%s)";

/* A script of the message looking for TEXT everywhere it could, in every
 * frame: text and markup, open shadow roots, a selection of everything, and
 * a `telelens` object. Telelens' panel and card text must not be found. */
static const char peek_js[] =
  "(function (needle) {"
  FRAMES_JS
  "  const found = new Set();"
  "  for (const { doc: d } of docs) {"
  "    const h = d.documentElement;"
  "    if (h.innerText.includes(needle)) found.add('innerText');"
  "    if (h.textContent.includes(needle)) found.add('textContent');"
  "    if (h.outerHTML.includes(needle)) found.add('outerHTML');"
  "    for (const e of d.querySelectorAll('*'))"
  "      if (e.shadowRoot && e.shadowRoot.textContent.includes(needle)) found.add('shadowRoot');"
  "    const sel = d.defaultView.getSelection();"
  "    if (d.body) { sel.selectAllChildren(d.body);"
  "      if (sel.toString().includes(needle)) found.add('selection');"
  "      sel.removeAllRanges(); }"
  "    if (typeof d.defaultView.telelens !== 'undefined') found.add('window.telelens');"
  "  }"
  "  return JSON.stringify({ hosts: all('.tl-host').length, found: Array.from(found) });"
  "})(%s)";

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
on_world_dumped (GObject      *source,
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
  reply = tl_probe_dump_reply (WEBKIT_WEB_VIEW (source), x, y, page, error != NULL);
  if (page == NULL && error)
    g_message ("probe: dump failed: %s", error->message);
  tl_probe_answer (dir, reply);
}

/* The page world's answer, completed in Telelens' world. */
static void
on_page_dumped (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);
  g_autofree char *page = value ? jsc_value_to_string (value) : NULL;
  g_autofree char *script = NULL;

  if (page == NULL)
    {
      g_message ("probe: page dump failed: %s", error ? error->message : "no value");
      tl_probe_answer (dir, "{\"error\":\"page script failed\"}");
      return;
    }
  script = g_strdup_printf (world_js, page);
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (source), script, -1, "telelens", NULL, NULL,
                                       on_world_dumped, NULL);
}

static void
on_peeked (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, NULL);
  g_autofree char *out = value ? jsc_value_to_string (value) : NULL;

  tl_probe_answer (dir, out ? out : "{\"error\":\"page script failed\"}");
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

/* The first visible widget of type @type_name under @widget. */
static GtkWidget *
find_type (GtkWidget  *widget,
           const char *type_name)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), type_name) == 0)
    return widget;
  if (GTK_IS_CONTAINER (widget))
    {
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (widget));
      for (GList *l = children; l; l = l->next)
        {
          GtkWidget *found = find_type (l->data, type_name);
          if (found)
            return found;
        }
    }
  return NULL;
}

/* The message list (an ETree: a canvas for its column headers above a
 * canvas for its rows): the rows' canvas, the taller of the two. */
static char *
message_list_rows (void)
{
  g_autoptr(GList) tops = gtk_window_list_toplevels ();
  GtkWidget *list = NULL, *rows = NULL;
  GtkAllocation a;
  gint x, y;

  for (GList *l = tops; l && list == NULL; l = l->next)
    if (gtk_widget_get_visible (l->data))
      list = find_type (l->data, "MessageList");
  if (list == NULL)
    return NULL;
  {
    g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (list));
    for (GList *l = children; l; l = l->next)
      if (GNOME_IS_CANVAS (l->data) && gtk_widget_get_mapped (l->data) &&
          (rows == NULL || gtk_widget_get_allocated_height (l->data) > gtk_widget_get_allocated_height (rows)))
        rows = l->data;
  }
  if (rows == NULL)
    return NULL;
  gtk_widget_get_allocation (rows, &a);
  gdk_window_get_origin (gtk_widget_get_window (rows), &x, &y);
  /* A widget without a window of its own is placed in its parent's. */
  if (!gtk_widget_get_has_window (rows))
    x += a.x, y += a.y;
  return g_strdup_printf ("%d %d %d %d", x, y, a.width, a.height);
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
      tl_probe_answer (dir, check ? "clicked" : "not found");
    }
  else if (strcmp (cmd, "dump") == 0 || g_str_has_prefix (cmd, "peek "))
    {
      EMailDisplay *d = shown_display ();
      g_autofree char *needle = g_str_has_prefix (cmd, "peek ") ? tl_probe_js_string (cmd + strlen ("peek ")) : NULL;
      g_autofree char *script = needle ? g_strdup_printf (peek_js, needle) : NULL;

      if (d == NULL)
        tl_probe_answer (dir, "{\"error\":\"no mail display on screen\"}");
      else
        webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (d), script ? script : page_js, -1, NULL, NULL, NULL,
                                             script ? on_peeked : on_page_dumped, NULL);
    }
  else if (strcmp (cmd, "tooltips") == 0)
    {
      g_autoptr(GList) tops = gtk_window_list_toplevels ();
      guint n = 0;
      char num[16];
      for (GList *l = tops; l; l = l->next)
        n += gtk_widget_get_visible (l->data) && g_strcmp0 (G_OBJECT_TYPE_NAME (l->data), "GtkTooltipWindow") == 0;
      g_snprintf (num, sizeof num, "%u", n);
      tl_probe_answer (dir, num);
    }
  else if (strcmp (cmd, "windows") == 0)
    {
      g_autoptr(GList) tops = gtk_window_list_toplevels ();
      g_autoptr(GString) s = g_string_new (NULL);
      for (GList *l = tops; l; l = l->next)
        if (GTK_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
          g_string_append_printf (s, "%s\n", gtk_window_get_title (l->data) ? gtk_window_get_title (l->data) : "");
      tl_probe_answer (dir, s->str);
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
      tl_probe_answer (dir, close ? (found ? "closed" : "not found") : (s->len ? s->str : "not found"));
    }
  else if (strcmp (cmd, "message-list") == 0)
    {
      g_autofree char *rect = message_list_rows ();
      tl_probe_answer (dir, rect ? rect : "not found");
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
      tl_probe_answer (dir, n ? "unloaded" : "not loaded");
    }
  else
    tl_probe_answer (dir, "unknown command");
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
