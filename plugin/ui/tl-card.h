/* tl-card.h — the card a highlight opens, host-free
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <telelens/telelens.h>
#include "telelens/tl-index-client.h"

G_BEGIN_DECLS

#define TL_TYPE_CARD (tl_card_get_type ())
G_DECLARE_FINAL_TYPE (TlCard, tl_card, TL, CARD, GtkPopover)

GtkWidget *tl_card_new (GtkWidget     *relative_to,
                        GdkRectangle  *pointing_to,
                        TlAnalysis    *analysis,
                        guint          entity,
                        TlIndexClient *client,
                        const char    *story_url);

char      *_tl_index_problem (const char    *what,
                              TlIndexClient *client,
                              const GError  *error);

G_END_DECLS
