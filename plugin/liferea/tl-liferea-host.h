/* tl-liferea-host.h — the few Liferea 1.14 functions the adapter calls
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Liferea ships no C headers. These prototypes were checked against its GIR
 * (/usr/share/liferea/gir-1.0/Liferea-3.0.gir, package liferea-data) and the
 * symbols /usr/bin/liferea exports; they resolve when the plugin is loaded.
 * No struct field of Liferea's is touched.
 */
#pragma once

#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

G_BEGIN_DECLS

typedef struct _LifereaItem LifereaItem;      /* a GObject (LifereaItem) */

/* LifereaShellActivatable: a GTypeInterface followed by three slots. */
typedef struct {
  GTypeInterface g_iface;
  void (*activate)     (gpointer activatable);
  void (*deactivate)   (gpointer activatable);
  void (*update_state) (gpointer activatable);
} LifereaShellActivatableInterface;

GType         liferea_shell_activatable_get_type (void);
GtkWidget    *liferea_shell_get_window           (void);
gulong        itemlist_get_selected_id           (void);
gpointer      itemlist_get_displayed_node        (void);          /* node* */
const gchar  *node_get_title                     (gpointer node);
LifereaItem  *item_load                          (gulong id);     /* transfer full */
const gchar  *item_get_title                     (LifereaItem *item);
const gchar  *item_get_source                    (LifereaItem *item);
const gchar  *item_get_description               (LifereaItem *item);
void          itemview_launch_URL                (const gchar *url,
                                                  gboolean     internal);

#define LIFEREA_TYPE_SHELL_ACTIVATABLE (liferea_shell_activatable_get_type ())

/* Liferea's story view: shell → item-view → html-view → renderwidget, all
 * GObject properties. Returns (transfer none) the web view, or NULL. */
static inline WebKitWebView *
tl_liferea_story_view (GObject *shell)
{
  g_autoptr(GObject) itemview = NULL, browser = NULL;
  g_autoptr(GtkWidget) widget = NULL;

  g_object_get (shell, "item-view", &itemview, NULL);
  if (itemview)
    g_object_get (itemview, "html-view", &browser, NULL);
  if (browser)
    g_object_get (browser, "renderwidget", &widget, NULL);
  /* The widget lives as long as Liferea's window; our ref goes here. */
  return widget && WEBKIT_IS_WEB_VIEW (widget) ? WEBKIT_WEB_VIEW (widget) : NULL;
}

G_END_DECLS
