/* test-text.c — HTML to text, and the map from text back to the HTML
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tl-test-util.h"
#include "tl-text-private.h"

#include <string.h>

typedef struct {
  const char *path;
  const char *html;
  const char *text;
} Case;

static const Case cases[] = {
  { "/core/text/html/paragraphs", "<p>One</p><p>Two</p>", "One\n\nTwo" },
  { "/core/text/html/line-break", "a<br>b<br/>c", "a\nb\nc" },
  { "/core/text/html/references", "x &amp; y &lt;z&gt; &#8217; &#x2014; &rsquo; &bogus; & end",
    "x & y <z> \xe2\x80\x99 \xe2\x80\x94 \xe2\x80\x99 &bogus; & end" },
  { "/core/text/html/windows-1252-numbers", "It&#146;s", "It\xe2\x80\x99s" },
  { "/core/text/html/script-and-style-dropped",
    "<script>alert('Huawei')</script>ok<style>p{color:red}</style> <SCRIPT type=x>1</SCRIPT>!", "ok !" },
  { "/core/text/html/comments-and-space", "<!-- c --> A <b>bold</b>   \n word", "A bold word" },
  { "/core/text/html/quoted-gt-in-attribute", "<a href=\"x>y\" title='a>b'>link</a>", "link" },
  { "/core/text/html/lone-angle-brackets", "text < 5 and 6 > 3", "text < 5 and 6 > 3" },
  { "/core/text/html/unterminated-tag", "<p>Open <b", "Open" },
  { "/core/text/html/unterminated-script", "Before<script>never closed", "Before" },
  { "/core/text/html/nbsp-and-soft-hyphen", "Hua&shy;wei&nbsp;and\xc2\xa0ZTE", "Huawei and ZTE" },
  { "/core/text/html/huge-reference-number", "a&#99999999999;b", "a\xef\xbf\xbd" "b" },
  { "/core/text/html/control-byte-replaced", "a\x0b" "b", "a\xef\xbf\xbd" "b" },
  { "/core/text/html/title-kept", "<html><head><title>Story</title></head><body><p>Body</p></body></html>",
    "Story\n\nBody" },
};

static void
check_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(TlText) t = _tl_text_new_html (c->html, strlen (c->html));

  g_assert_cmpstr (t->str->str, ==, c->text);
  g_assert_true (g_utf8_validate (t->str->str, t->str->len, NULL));
}

/* Every copied character maps back to the same character in the input. */
static void
test_offset_map (void)
{
  static const char *const inputs[] = {
    ",html><iTle>T&:nnn><itlet>>><:\x0b",   /* found by fuzz-html */
    "<p>Huawei &amp; ZTE</p>",
    "<div class=\"x\"><h1>Title</h1>\n<p>Body   text <a href=\"/a\">link</a> end.</p></div>",
    "<ul><li>one</li><li>two &mdash; three</li></ul><!-- x --><p>T\xc3\xa9l\xc3\xa9phone</p>",
  };

  for (guint k = 0; k < G_N_ELEMENTS (inputs); k++)
    {
      const char *in = inputs[k];
      g_autoptr(TlText) t = _tl_text_new_html (in, strlen (in));

      for (guint i = 0; i < t->str->len; i++)
        {
          guchar c = (guchar) t->str->str[i];
          guint at = _tl_text_map (t, i);

          g_assert_cmpuint (at, <, strlen (in));
          if (g_ascii_isalnum (c))  /* decoded references map to their “&” */
            g_assert_cmpint ((guchar) in[at], ==, c);
        }
    }
  {
    g_autoptr(TlText) t = _tl_text_new_html (inputs[1], strlen (inputs[1]));
    g_assert_cmpstr (t->str->str, ==, "Huawei & ZTE");
    g_assert_cmpuint (_tl_text_map (t, 0), ==, 3);
    g_assert_cmpuint (_tl_text_map (t, 9), ==, 16);   /* "ZTE" */
  }
}

/* Visible characters of the input survive, in order. */
static void
test_keeps_visible_text (void)
{
  const char *in = "<p>alpha <i>beta</i></p><p>gamma<br>delta</p><table><tr><td>e</td><td>f</td></tr></table>";
  g_autoptr(TlText) t = _tl_text_new_html (in, strlen (in));
  const char *words[] = { "alpha", "beta", "gamma", "delta", "e", "f" };
  const char *p = t->str->str;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const char *hit = strstr (p, words[i]);
      g_assert_nonnull (hit);
      p = hit + strlen (words[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], check_case);
  g_test_add_func ("/core/text/html/offset-map", test_offset_map);
  g_test_add_func ("/core/text/html/keeps-visible-text", test_keeps_visible_text);
  return g_test_run ();
}
