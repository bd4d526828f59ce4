/* tl-page-message.h — what the page script may tell native code
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TL_PAGE_MESSAGE_INVALID,   /* anything else: ignored */
  TL_PAGE_MESSAGE_ENTITY,    /* open the card for entity `number` */
  TL_PAGE_MESSAGE_OPEN,      /* follow link `number` of the open card */
  TL_PAGE_MESSAGE_CARD,      /* the card closed (`flag` FALSE) */
  TL_PAGE_MESSAGE_PANEL,     /* the panel is open (`flag`) or closed */
  TL_PAGE_MESSAGE_PREFS,     /* the gear: open the preferences */
} TlPageMessageType;

typedef struct {
  TlPageMessageType type;
  gint64            number;  /* ENTITY, OPEN: 0 … G_MAXINT */
  gboolean          flag;    /* CARD, PANEL */
} TlPageMessage;

#define TL_PAGE_MESSAGE_MAX 1024   /* bytes; longer messages are ignored */

TlPageMessage _tl_page_message_parse (const char *raw);

G_END_DECLS
