/* tl-prefs.h — the preferences widgets, host-free
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *tl_prefs_widget_new     (GSettings *settings);
void       tl_prefs_dialog_present (GtkWindow *parent,
                                    GSettings *settings);

G_END_DECLS
