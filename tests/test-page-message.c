/* test-page-message.c — native code takes from the page only what it expects
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What the page script posts (plugin/ui/tl-page-message.c) is untrusted:
 * each valid message is understood, and everything else — the wrong JSON
 * type, out of range, an address where a number belongs, too long, not
 * JSON — is ignored, never half understood.
 */
#include "tl-test-util.h"
#include "tl-page-message.h"

#include <string.h>

typedef struct {
  const char        *path;
  const char        *raw;
  TlPageMessageType  type;
  gint64             number;
  gboolean           flag;
} Case;

static const Case cases[] = {
  { "/ui/page-message/valid/entity", "{\"type\":\"entity\",\"entity\":3}", TL_PAGE_MESSAGE_ENTITY, 3, FALSE },
  { "/ui/page-message/valid/open-link", "{\"type\":\"open\",\"link\":0}", TL_PAGE_MESSAGE_OPEN, 0, FALSE },
  { "/ui/page-message/valid/card-closed", "{\"type\":\"card\",\"open\":false}", TL_PAGE_MESSAGE_CARD, 0, FALSE },
  { "/ui/page-message/valid/panel-open", "{\"type\":\"panel\",\"open\":true}", TL_PAGE_MESSAGE_PANEL, 0, TRUE },
  { "/ui/page-message/valid/prefs", "{\"type\":\"prefs\"}", TL_PAGE_MESSAGE_PREFS, 0, FALSE },
  { "/ui/page-message/valid/extra-members-ignored", "{\"type\":\"entity\",\"entity\":1,\"rect\":{}}",
    TL_PAGE_MESSAGE_ENTITY, 1, FALSE },
  { "/ui/page-message/refused/entity-as-string", "{\"type\":\"entity\",\"entity\":\"3\"}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/entity-negative", "{\"type\":\"entity\",\"entity\":-1}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/entity-too-large", "{\"type\":\"entity\",\"entity\":4294967296}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/entity-fraction", "{\"type\":\"entity\",\"entity\":1.5}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/entity-missing", "{\"type\":\"entity\"}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/link-is-an-address", "{\"type\":\"open\",\"link\":\"https://example.org/\"}",
    TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/uri-member", "{\"type\":\"open\",\"uri\":\"file:///etc/passwd\"}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/card-open-true", "{\"type\":\"card\",\"open\":true}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/panel-open-number", "{\"type\":\"panel\",\"open\":1}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/type-not-string", "{\"type\":[\"prefs\"]}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/type-object", "{\"type\":{\"prefs\":1}}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/unknown-type", "{\"type\":\"eval\",\"code\":\"1\"}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/array", "[\"prefs\"]", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/not-json", "prefs", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/truncated", "{\"type\":\"prefs\"", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/empty", "", TL_PAGE_MESSAGE_INVALID },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  TlPageMessage m = _tl_page_message_parse (c->raw);

  g_assert_cmpint (m.type, ==, c->type);
  if (c->type == TL_PAGE_MESSAGE_ENTITY || c->type == TL_PAGE_MESSAGE_OPEN)
    g_assert_cmpint (m.number, ==, c->number);
  if (c->type == TL_PAGE_MESSAGE_PANEL || c->type == TL_PAGE_MESSAGE_CARD)
    g_assert_cmpint (m.flag, ==, c->flag);
}

/* A valid message padded past the bound is ignored whole; at the bound it
 * is read. */
static void
test_too_long (void)
{
  const char *head = "{\"type\":\"prefs\",\"pad\":\"";
  g_autoptr(GString) s = g_string_new (head);

  while (s->len < TL_PAGE_MESSAGE_MAX - 2)
    g_string_append_c (s, 'x');
  g_string_append (s, "\"}");
  g_assert_cmpuint (s->len, ==, TL_PAGE_MESSAGE_MAX);
  g_assert_cmpint (_tl_page_message_parse (s->str).type, ==, TL_PAGE_MESSAGE_PREFS);
  g_string_insert_c (s, strlen (head), 'x');
  g_assert_cmpint (_tl_page_message_parse (s->str).type, ==, TL_PAGE_MESSAGE_INVALID);
  g_assert_cmpint (_tl_page_message_parse (NULL).type, ==, TL_PAGE_MESSAGE_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  tl_test_init (&argc, &argv);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], test_case);
  g_test_add_func ("/ui/page-message/refused/too-long", test_too_long);
  return g_test_run ();
}
