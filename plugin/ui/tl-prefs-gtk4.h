/* tl-prefs-gtk4.h — the preferences for GTK 4 hosts (libadwaita), host-free
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *tl_prefs_gtk4_widget_new (GSettings *settings);
void       tl_prefs_gtk4_present    (GtkWindow *parent,
                                     GSettings *settings);

G_END_DECLS
