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

G_END_DECLS
