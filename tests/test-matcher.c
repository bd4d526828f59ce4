/* test-matcher.c — the automaton finds exactly what a naive search finds
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tl-test-util.h"
#include "tl-matcher-private.h"

#include <string.h>

static gboolean
collect (const TlMatch *m,
         gpointer       user_data)
{
  GHashTable *set = user_data;
  g_hash_table_add (set, g_strdup_printf ("%u:%u:%u", m->start, m->end, m->pattern));
  return TRUE;
}

static void
naive (const char *const *patterns,
       guint              n,
       const char        *text,
       GHashTable        *set)
{
  gsize len = strlen (text);

  for (guint p = 0; p < n; p++)
    {
      gsize pl = strlen (patterns[p]);
      for (gsize i = 0; i + pl <= len; i++)
        if (g_ascii_strncasecmp (text + i, patterns[p], pl) == 0)
          g_hash_table_add (set, g_strdup_printf ("%" G_GSIZE_FORMAT ":%" G_GSIZE_FORMAT ":%u",
                                                  i, i + pl, p));
    }
}

static void
test_random_against_naive (void)
{
  for (guint round = 0; round < 40; round++)
    {
      g_autoptr(TlMatcher) m = _tl_matcher_new ();
      g_autoptr(GHashTable) got = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) pats = g_ptr_array_new_with_free_func (g_free);
      GString *text = g_string_new (NULL);
      const char alphabet[] = "abcAB -";
      guint n = g_test_rand_int_range (1, 60);

      for (guint i = 0; i < n; i++)
        {
          guint len = g_test_rand_int_range (1, 6);
          char *p = g_malloc0 (len + 1);
          for (guint k = 0; k < len; k++)
            p[k] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
          g_ptr_array_add (pats, p);
          _tl_matcher_add (m, p, len, i);
        }
      _tl_matcher_compile (m);
      for (guint k = 0; k < 3000; k++)
        g_string_append_c (text, alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)]);

      _tl_matcher_scan (m, text->str, text->len, collect, got);
      naive ((const char *const *) pats->pdata, n, text->str, want);
      g_assert_cmpuint (g_hash_table_size (got), ==, g_hash_table_size (want));
      {
        GHashTableIter it;
        gpointer key;
        g_hash_table_iter_init (&it, want);
        while (g_hash_table_iter_next (&it, &key, NULL))
          g_assert_true (g_hash_table_contains (got, key));
      }
      g_string_free (text, TRUE);
    }
}

static void
test_latin1_capitals_fold (void)
{
  g_autoptr(TlMatcher) m = _tl_matcher_new ();
  g_autoptr(GHashTable) got = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *text = "TELEF\xc3\x93NICA telef\xc3\xb3nica \xc3\x97";

  _tl_matcher_add (m, "Telef\xc3\xb3nica", strlen ("Telef\xc3\xb3nica"), 0);
  _tl_matcher_add (m, "\xc3\xb7", 2, 1);  /* ÷ must not match × */
  _tl_matcher_compile (m);
  _tl_matcher_scan (m, text, strlen (text), collect, got);
  g_assert_true (g_hash_table_contains (got, "0:11:0"));
  g_assert_true (g_hash_table_contains (got, "12:23:0"));
  g_assert_cmpuint (g_hash_table_size (got), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/core/matcher/random-against-naive", test_random_against_naive);
  g_test_add_func ("/core/matcher/latin1-capitals-fold", test_latin1_capitals_fold);
  return g_test_run ();
}
