/* tl-page-message.c — what the page script may tell native code, checked
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The page is untrusted even in Telelens' own script world (a story could
 * have found a way in), so a message is bounded, parsed as JSON and must be
 * exactly one of these, with members of the right JSON type and range:
 *
 *   {"type":"entity","entity":N}  open the card for entity N of this story
 *   {"type":"open","link":N}      follow link N of the open card (the address
 *                                 is native code's own; the page never names one)
 *   {"type":"card","open":false}  the card closed: drop its index request
 *   {"type":"panel","open":B}     the panel was opened or closed (remembered)
 *   {"type":"prefs"}              the gear: open the preferences
 *   {"type":"story","text":S,"at":T,"sent":U}  the story's text, as soon as the
 *                                 host has put it into the page (T: when, U:
 *                                 when it was posted, ms since 1970 with a
 *                                 fraction, both optional; timing only)
 *   {"type":"painted","at":T,"painted":U}  the highlights were in the page
 *                                 at T and painted by U (same clock; timing only)
 *
 * Every message is at most TL_PAGE_MESSAGE_MAX bytes, except the story's
 * text, which may be up to TL_PAGE_MESSAGE_STORY_MAX (a long story) and must
 * be valid UTF-8 (a lone surrogate escaped by the page is not).
 *
 * Numbers are checked again where they are used (an entity of the story
 * shown, a link of the card open). GLib and json-glib only, so it is tested
 * without WebKit (tests/test-page-message.c).
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-page-message.h"

#include "tl-json-member-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

static gboolean
member_int (JsonObject *msg,
            const char *name,
            gint64     *out)
{
  JsonNode *n = json_object_get_member (msg, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return *out >= 0 && *out <= G_MAXINT;
}

static gboolean
member_time (JsonObject *msg,
             const char *name,
             gint64     *out)
{
  JsonNode *n = json_object_get_member (msg, name);
  double v;

  *out = 0;
  if (n == NULL)
    return TRUE;   /* optional */
  if (!JSON_NODE_HOLDS_VALUE (n) ||
      (json_node_get_value_type (n) != G_TYPE_INT64 && json_node_get_value_type (n) != G_TYPE_DOUBLE))
    return FALSE;
  v = json_node_get_double (n);
  /* 1970 … 2200, in ms (with a fraction) */
  if (!(v >= 0 && v <= 7.3e12))
    return FALSE;
  *out = (gint64) (v * 1000);
  return TRUE;
}

/* "local": null, absent, or what apply() reported when the page decorated
 * the story itself: {start, done, ms, marks}. */
static gboolean
member_local (JsonObject    *msg,
              TlPageMessage *m)
{
  JsonNode *n = json_object_get_member (msg, "local");
  JsonObject *o;
  gint64 ms_us;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (n))
    return FALSE;
  o = json_node_get_object (n);
  if (!json_object_has_member (o, "start") || !json_object_has_member (o, "done") ||
      !json_object_has_member (o, "ms") || !member_time (o, "start", &m->local_start) ||
      !member_time (o, "done", &m->local_done) || !member_time (o, "ms", &ms_us) ||
      !member_int (o, "marks", &m->local_marks) || m->local_done < m->local_start)
    return FALSE;
  m->local_us = ms_us;   /* member_time reads ms, gives µs */
  m->local = TRUE;
  return TRUE;
}

static gboolean
member_text (JsonObject  *msg,
             const char  *name,
             char       **out)
{
  JsonNode *n = json_object_get_member (msg, name);
  const char *s;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return FALSE;
  s = json_node_get_string (n);
  if (s == NULL || !g_utf8_validate (s, -1, NULL))
    return FALSE;
  *out = g_strdup (s);
  return TRUE;
}

/**
 * _tl_page_message_clear:
 * @msg: a parsed message
 *
 * Frees what @msg owns (a story's text).
 */
void
_tl_page_message_clear (TlPageMessage *msg)
{
  g_clear_pointer (&msg->text, g_free);
}

/**
 * _tl_page_message_parse:
 * @raw: (nullable): what the page posted
 *
 * Returns: the message, or one of type %TL_PAGE_MESSAGE_INVALID
 */
TlPageMessage
_tl_page_message_parse (const char *raw)
{
  TlPageMessage m = { TL_PAGE_MESSAGE_INVALID, 0, FALSE, NULL, 0, 0, FALSE, 0, 0, 0, 0 };
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *msg;
  JsonNode *type_node;
  const char *type;
  gsize len = raw ? strlen (raw) : 0;

  if (raw == NULL || len > TL_PAGE_MESSAGE_STORY_MAX)
    return m;
  parser = json_parser_new ();
  /* An empty text parses, with no root. */
  if (!json_parser_load_from_data (parser, raw, -1, NULL) || json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return m;
  msg = json_node_get_object (json_parser_get_root (parser));
  type_node = json_object_get_member (msg, "type");
  if (type_node == NULL || !JSON_NODE_HOLDS_VALUE (type_node) || json_node_get_value_type (type_node) != G_TYPE_STRING)
    return m;
  type = json_node_get_string (type_node);
  if (g_strcmp0 (type, "story") == 0)
    {
      if (member_time (msg, "at", &m.number) && member_time (msg, "sent", &m.sent) &&
          member_local (msg, &m) && member_text (msg, "text", &m.text))
        m.type = TL_PAGE_MESSAGE_STORY;
      return m;
    }
  /* Only the story's text may be long. */
  if (len > TL_PAGE_MESSAGE_MAX)
    return m;
  if (g_strcmp0 (type, "prefs") == 0)
    m.type = TL_PAGE_MESSAGE_PREFS;
  else if (g_strcmp0 (type, "panel") == 0 && _tl_json_member_bool (msg, "open", &m.flag))
    m.type = TL_PAGE_MESSAGE_PANEL;
  else if (g_strcmp0 (type, "entity") == 0 && member_int (msg, "entity", &m.number))
    m.type = TL_PAGE_MESSAGE_ENTITY;
  else if (g_strcmp0 (type, "open") == 0 && member_int (msg, "link", &m.number))
    m.type = TL_PAGE_MESSAGE_OPEN;
  else if (g_strcmp0 (type, "painted") == 0 && json_object_has_member (msg, "at") &&
           json_object_has_member (msg, "painted") && member_time (msg, "at", &m.number) &&
           member_time (msg, "painted", &m.painted) && m.painted >= m.number)
    m.type = TL_PAGE_MESSAGE_PAINTED;
  else if (g_strcmp0 (type, "card") == 0 && _tl_json_member_bool (msg, "open", &m.flag) && !m.flag)
    m.type = TL_PAGE_MESSAGE_CARD;
  return m;
}
