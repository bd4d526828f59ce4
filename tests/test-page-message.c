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
  { "/ui/page-message/valid/story", "{\"type\":\"story\",\"text\":\"Caf\\u00e9 owners said\",\"at\":1764671000123.25,\"sent\":1764671000124}",
    TL_PAGE_MESSAGE_STORY, 1764671000123250, FALSE },
  { "/ui/page-message/valid/story-without-time", "{\"type\":\"story\",\"text\":\"\"}", TL_PAGE_MESSAGE_STORY, 0, FALSE },
  { "/ui/page-message/refused/story-text-number", "{\"type\":\"story\",\"text\":12}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/story-text-array", "{\"type\":\"story\",\"text\":[\"a\"]}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/story-text-missing", "{\"type\":\"story\",\"at\":1}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/story-lone-surrogate", "{\"type\":\"story\",\"text\":\"a\\ud800b\"}",
    TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/story-time-string", "{\"type\":\"story\",\"text\":\"a\",\"at\":\"now\"}",
    TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/story-sent-string", "{\"type\":\"story\",\"text\":\"a\",\"at\":1,\"sent\":\"soon\"}",
    TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/story-time-negative", "{\"type\":\"story\",\"text\":\"a\",\"at\":-5}",
    TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/valid/painted", "{\"type\":\"painted\",\"at\":1764671000123.5,\"painted\":1764671000130}",
    TL_PAGE_MESSAGE_PAINTED, 1764671000123500, FALSE },
  { "/ui/page-message/refused/painted-before-decorated", "{\"type\":\"painted\",\"at\":20,\"painted\":10}",
    TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/painted-time-missing", "{\"type\":\"painted\",\"at\":20}", TL_PAGE_MESSAGE_INVALID },
  { "/ui/page-message/refused/painted-time-string", "{\"type\":\"painted\",\"at\":\"now\",\"painted\":30}",
    TL_PAGE_MESSAGE_INVALID },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  TlPageMessage m = _tl_page_message_parse (c->raw);

  g_assert_cmpint (m.type, ==, c->type);
  if (c->type == TL_PAGE_MESSAGE_STORY)
    g_assert_nonnull (m.text);
  else
    g_assert_null (m.text);
  if (c->type == TL_PAGE_MESSAGE_ENTITY || c->type == TL_PAGE_MESSAGE_OPEN || c->type == TL_PAGE_MESSAGE_STORY ||
      c->type == TL_PAGE_MESSAGE_PAINTED)
    g_assert_cmpint (m.number, ==, c->number);
  if (c->type == TL_PAGE_MESSAGE_PAINTED)
    g_assert_cmpint (m.painted, ==, 1764671000130000);
  if (c->type == TL_PAGE_MESSAGE_STORY)   /* when it was posted, if the page said so */
    g_assert_cmpint (m.sent, ==, c->number ? 1764671000124000 : 0);
  if (c->type == TL_PAGE_MESSAGE_PANEL || c->type == TL_PAGE_MESSAGE_CARD)
    g_assert_cmpint (m.flag, ==, c->flag);
  _tl_page_message_clear (&m);
}

/* The story's text is read as the page holds it (here: an accented
 * letter), and may be far longer than any other message; past its own
 * bound it is ignored whole, and only the story may be long. */
/* A story the page decorated itself (the web process extension): the
 * reader must not decorate it again; a malformed "local" is refused. */
static void
test_story_local (void)
{
  TlPageMessage m;

  m = _tl_page_message_parse ("{\"type\":\"story\",\"text\":\"Huawei\",\"local\":null}");
  g_assert_cmpint (m.type, ==, TL_PAGE_MESSAGE_STORY);
  g_assert_false (m.local);
  _tl_page_message_clear (&m);
  m = _tl_page_message_parse ("{\"type\":\"story\",\"text\":\"Huawei\",\"at\":1764770000000,"
                              "\"local\":{\"start\":1764770000001.5,\"done\":1764770000004,\"ms\":2.5,\"marks\":3}}");
  g_assert_cmpint (m.type, ==, TL_PAGE_MESSAGE_STORY);
  g_assert_true (m.local);
  g_assert_cmpint (m.local_start, ==, G_GINT64_CONSTANT (1764770000001500));
  g_assert_cmpint (m.local_done, ==, G_GINT64_CONSTANT (1764770000004000));
  g_assert_cmpint (m.local_us, ==, 2500);
  g_assert_cmpint (m.local_marks, ==, 3);
  _tl_page_message_clear (&m);
  /* Done before it began, a string for a number, not an object: refused. */
  g_assert_cmpint (_tl_page_message_parse ("{\"type\":\"story\",\"text\":\"x\",\"local\":{\"start\":5,"
                                           "\"done\":4,\"ms\":1,\"marks\":1}}").type, ==, TL_PAGE_MESSAGE_INVALID);
  g_assert_cmpint (_tl_page_message_parse ("{\"type\":\"story\",\"text\":\"x\",\"local\":{\"start\":\"4\","
                                           "\"done\":4,\"ms\":1,\"marks\":1}}").type, ==, TL_PAGE_MESSAGE_INVALID);
  g_assert_cmpint (_tl_page_message_parse ("{\"type\":\"story\",\"text\":\"x\",\"local\":true}").type, ==,
                   TL_PAGE_MESSAGE_INVALID);
}

static void
test_story_text (void)
{
  g_autoptr(GString) s = g_string_new ("{\"type\":\"story\",\"text\":\"Caf\\u00e9 ");
  TlPageMessage m;

  m = _tl_page_message_parse ("{\"type\":\"story\",\"text\":\"Caf\\u00e9\"}");
  g_assert_cmpstr (m.text, ==, "Caf\xc3\xa9");
  _tl_page_message_clear (&m);

  while (s->len < 64 * 1024)
    g_string_append (s, "the regulator said ");
  g_string_append (s, "\"}");
  m = _tl_page_message_parse (s->str);
  g_assert_cmpint (m.type, ==, TL_PAGE_MESSAGE_STORY);
  g_assert_true (g_str_has_suffix (m.text, "the regulator said "));
  _tl_page_message_clear (&m);

  g_string_truncate (s, s->len - 2);
  while (s->len <= TL_PAGE_MESSAGE_STORY_MAX)
    g_string_append (s, "the regulator said ");
  g_string_append (s, "\"}");
  m = _tl_page_message_parse (s->str);
  g_assert_cmpint (m.type, ==, TL_PAGE_MESSAGE_INVALID);
  g_assert_null (m.text);

  /* Another message as long as a story: ignored. */
  g_string_assign (s, "{\"type\":\"prefs\",\"pad\":\"");
  while (s->len < 64 * 1024)
    g_string_append_c (s, 'x');
  g_string_append (s, "\"}");
  g_assert_cmpint (_tl_page_message_parse (s->str).type, ==, TL_PAGE_MESSAGE_INVALID);
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
  g_test_add_func ("/ui/page-message/valid/story-text", test_story_text);
  g_test_add_func ("/ui/page-message/valid/story-decorated-in-the-page", test_story_local);
  return g_test_run ();
}
