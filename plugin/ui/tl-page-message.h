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
  TL_PAGE_MESSAGE_STORY,     /* the story's text (`text`), seen at `number` (µs) */
  TL_PAGE_MESSAGE_PAINTED,   /* highlights decorated at `number`, painted by `painted` (µs) */
} TlPageMessageType;

typedef struct {
  TlPageMessageType type;
  gint64            number;  /* ENTITY, OPEN: 0 … G_MAXINT; STORY: wall clock µs, or 0 */
  gboolean          flag;    /* CARD, PANEL */
  char             *text;    /* STORY: valid UTF-8, owned (_tl_page_message_clear) */
  gint64            painted; /* PAINTED: wall clock µs */
  gint64            sent;    /* STORY: when the page posted it (wall clock µs), or 0 */
  gboolean          local;   /* STORY: the page decorated it itself (the web process extension) */
  gint64            local_start, local_done;  /* STORY, local: apply() began, ended (wall clock µs) */
  gint64            local_us;      /* STORY, local: apply()'s own time (µs) */
  gint64            local_marks;   /* STORY, local: highlighted pieces */
} TlPageMessage;

#define TL_PAGE_MESSAGE_MAX 1024   /* bytes; longer messages are ignored */
/* The story's text may be long: a story message may be up to this long. */
#define TL_PAGE_MESSAGE_STORY_MAX (16 * 1024 * 1024)

TlPageMessage _tl_page_message_parse (const char    *raw);
void          _tl_page_message_clear (TlPageMessage *msg);

G_END_DECLS
