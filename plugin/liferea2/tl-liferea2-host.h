/* tl-liferea2-host.h — the few Liferea 2.0 functions the adapter calls
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Liferea ships no C headers. These prototypes were checked against the GIR
 * of Liferea 2.0.3 (/usr/share/liferea/gir-1.0/Liferea-3.0.gir, Debian
 * unstable) and the symbols /usr/bin/liferea exports; they resolve when the
 * plugin is loaded (browser_launch_URL is not in the GIR: its prototype is
 * from Liferea 2.0's src/browser.h). No struct field of Liferea's is touched.
 */
#pragma once

#include <gtk/gtk.h>
#include "tl-webkit-compat.h"

G_BEGIN_DECLS

typedef struct _LifereaItem LifereaItem;      /* a GObject (LifereaItem) */

/* LifereaActivatable (every plugin): three slots, all returning nothing.
 * create_configure_widget presents a window of the plugin's own. */
typedef struct {
  GTypeInterface g_iface;
  void (*activate)                (gpointer activatable);
  void (*deactivate)              (gpointer activatable);
  void (*create_configure_widget) (gpointer activatable);
} LifereaActivatableInterface;

/* LifereaShellActivatable requires LifereaActivatable and installs the
 * construct-only "shell" property. */
typedef struct {
  GTypeInterface g_iface;
  void (*update_state) (gpointer activatable);
} LifereaShellActivatableInterface;

GType         liferea_activatable_get_type       (void);
GType         liferea_shell_activatable_get_type (void);
GtkWidget    *liferea_shell_get_window           (void);
gulong        itemlist_get_selected_id           (void);
gpointer      itemlist_get_displayed_node        (void);          /* Node* */
const gchar  *node_get_title                     (gpointer node);
LifereaItem  *item_load                          (gulong id);     /* transfer full */
const gchar  *item_get_title                     (LifereaItem *item);
const gchar  *item_get_source                    (LifereaItem *item);
void          browser_launch_URL                 (const gchar *url,
                                                  gboolean     internal);

#define LIFEREA_TYPE_ACTIVATABLE       (liferea_activatable_get_type ())
#define LIFEREA_TYPE_SHELL_ACTIVATABLE (liferea_shell_activatable_get_type ())

/* Liferea 2.0's story view: the shell's "htmlview" (a LifereaBrowser) has
 * the WebKitWebView as its "renderwidget"; one view for the process.
 * Returns (transfer none) the web view, or NULL. */
static inline WebKitWebView *
tl_liferea2_story_view (GObject *shell)
{
  g_autoptr(GObject) browser = NULL;
  g_autoptr(GtkWidget) widget = NULL;

  g_object_get (shell, "htmlview", &browser, NULL);
  if (browser)
    g_object_get (browser, "renderwidget", &widget, NULL);
  /* The widget lives as long as Liferea's window; our ref goes here. */
  return widget && WEBKIT_IS_WEB_VIEW (widget) ? WEBKIT_WEB_VIEW (widget) : NULL;
}

G_END_DECLS
