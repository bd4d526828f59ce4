/* test-properties.c — what must hold for any input, random and adversarial
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Offsets lie inside the text and on UTF-8 boundaries, each text equals its
 * slice, mentions never overlap, statements lie inside the text, and HTML
 * extraction keeps every visible character of the input in order.
 */
#include "tl-test-util.h"
#include "tl-text-private.h"

#include <string.h>

static const char *const pieces[] = {
  "Huawei", "ZTE", "the US", "U.S.", "USB", "Salt Typhoon", "CVE-2024-3400", "CVE-", "Karel Novák",
  " said ", ", according to ", " told Reuters ", "“", "”", "\"", "'", "’s", ". ", ",", "\n", "\n\n",
  "<p>", "</p>", "<b>", "<script>alert(1)</script>", "&amp;", "&#8217;", "&#xD800;", "&bogus;", "<",
  ">", "<!--", "-->", "é", "中国移动", "😀", "\xc2\xa0", "Telefónica", "TELEFÓNICA", "The Commission",
  "European Commission", "Ministry of ", "Posts", " Ltd", "Mr ", "Smith", " who said that ", "A study",
  "officials familiar with the matter said", "  ", "\t", "5G", "SS7", "NATO’s", "Deutsche Telekom",
};

static char *
random_story (guint max_pieces)
{
  GString *s = g_string_new (NULL);
  guint n = g_test_rand_int_range (0, max_pieces);

  for (guint i = 0; i < n; i++)
    g_string_append (s, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
  return g_string_free (s, FALSE);
}

static void
check_span (const char *text,
            gsize       len,
            guint       start,
            guint       end)
{
  g_assert_cmpuint (start, <=, end);
  g_assert_cmpuint (end, <=, len);
  g_assert_true (g_utf8_validate (text + start, end - start, NULL));
  g_assert_true (start == len || ((guchar) text[start] & 0xC0) != 0x80);
  g_assert_true (end == len || ((guchar) text[end] & 0xC0) != 0x80);
}

static void
test_analysis_invariants (void)
{
  for (guint round = 0; round < 400; round++)
    {
      g_autofree char *story = random_story (60);
      g_autoptr(GError) error = NULL;
      g_autoptr(TlAnalysis) a = tl_analyzer_analyze (tl_test_get_analyzer (), story, strlen (story),
                                                     TL_INPUT_AUTO, &error);
      guint n, n_attr;
      gsize len;
      const char *text;
      const TlMention *m;
      const TlAttribution *at;

      g_assert_no_error (error);
      text = tl_analysis_get_text (a, &len);
      m = tl_analysis_get_mentions (a, &n);
      for (guint i = 0; i < n; i++)
        {
          check_span (text, len, m[i].start, m[i].end);
          g_assert_cmpuint (m[i].start, <, m[i].end);
          if (i > 0)
            g_assert_cmpuint (m[i - 1].end, <=, m[i].start);
        }
      at = tl_analysis_get_attributions (a, &n_attr);
      for (guint i = 0; i < n_attr; i++)
        {
          check_span (text, len, at[i].source.start, at[i].source.end);
          check_span (text, len, at[i].cue.start, at[i].cue.end);
          check_span (text, len, at[i].content.start, at[i].content.end);
        }
      /* Each JSON text equals its slice. */
      {
        g_autoptr(JsonNode) json = tl_analysis_to_json (a);
        JsonArray *ents = json_object_get_array_member (json_node_get_object (json), "entities");
        for (guint e = 0; e < json_array_get_length (ents); e++)
          {
            JsonArray *ms = json_object_get_array_member (json_array_get_object_element (ents, e), "mentions");
            for (guint k = 0; k < json_array_get_length (ms); k++)
              {
                JsonObject *mo = json_array_get_object_element (ms, k);
                gint64 s = json_object_get_int_member (mo, "start"), en = json_object_get_int_member (mo, "end");
                const char *t = json_object_get_string_member (mo, "text");
                g_assert_cmpmem (text + s, en - s, t, strlen (t));
              }
          }
      }
    }
}

/* Words wrapped in random markup come out whole and in order. */
static void
test_html_keeps_visible_text (void)
{
  static const char *const open[] = { "<p>", "<b>", "<span class=\"x>y\">", "<div>", "<a href='z'>", "<br>", "" };
  static const char *const close[] = { "</p>", "</b>", "</span>", "</div>", "</a>", "", "" };

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
      guint n = g_test_rand_int_range (1, 40);
      const char *p;

      for (guint i = 0; i < n; i++)
        {
          char *w = g_strdup_printf ("w%uó%u", round, i);
          guint o = g_test_rand_int_range (0, G_N_ELEMENTS (open));
          g_string_append_printf (html, "%s%s%s%s", open[o], w, close[o],
                                  g_test_rand_bit () ? " " : "<!-- c -->\n");
          g_ptr_array_add (words, w);
        }
      {
        g_autoptr(TlText) t = _tl_text_new_html (html->str, html->len);
        p = t->str->str;
        for (guint i = 0; i < words->len; i++)
          {
            const char *hit = strstr (p, g_ptr_array_index (words, i));
            g_assert_nonnull (hit);
            p = hit + strlen (g_ptr_array_index (words, i));
          }
        for (gsize i = 0; i < t->str->len; i++)
          g_assert_cmpuint (_tl_text_map (t, i), <, html->len);
      }
    }
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/core/properties/analysis-invariants", test_analysis_invariants);
  g_test_add_func ("/core/properties/html-keeps-visible-text", test_html_keeps_visible_text);
  return g_test_run ();
}
