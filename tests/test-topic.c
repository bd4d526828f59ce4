/* test-topic.c — on-topic stories and hard negatives, one test path each
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * tests/data/topic/pos-*.txt are stories mainly about telecom security;
 * neg-*.txt share its vocabulary without being about it (a phone launch, a
 * 5G price plan, operator earnings, trade talks, ransomware at a hospital).
 * All are written for these tests.
 */
#include "tl-test-util.h"

#include <string.h>

static void
check_story (gconstpointer data)
{
  const char *file = data;
  g_autofree char *path = g_build_filename ("topic", file, NULL);
  g_autofree char *story = tl_test_read_data (path, NULL);
  g_autoptr(TlAnalysis) a = tl_test_analyze (story);
  gboolean want = g_str_has_prefix (file, "pos-");
  double score;
  gboolean got = tl_analysis_get_topic (a, &score);

  g_test_message ("%s: score %.3f", file, score);
  g_assert_cmpint (got, ==, want);
}

/* The threshold is a setting: raising it turns a borderline story off. */
static void
test_threshold_setting (void)
{
  g_autofree char *story = tl_test_read_data ("topic/pos-undersea-cable-sabotage.txt", NULL);
  TlAnalyzer *analyzer = tl_test_get_analyzer ();
  double before = tl_analyzer_get_topic_threshold (analyzer), score;
  g_autoptr(TlAnalysis) a = NULL, b = NULL;

  g_assert_cmpfloat (before, ==, 0.5);
  a = tl_analyzer_analyze (analyzer, story, strlen (story), TL_INPUT_TEXT, NULL);
  g_assert_true (tl_analysis_get_topic (a, &score));
  tl_analyzer_set_topic_threshold (analyzer, MIN (1.0, score + 0.01));
  b = tl_analyzer_analyze (analyzer, story, strlen (story), TL_INPUT_TEXT, NULL);
  g_assert_false (tl_analysis_get_topic (b, NULL));
  tl_analyzer_set_topic_threshold (analyzer, before);
}

/* Signals say why, strongest first, and the score stays in [0, 1]. */
static void
test_signals_explain (void)
{
  g_autofree char *story = tl_test_read_data ("topic/neg-huawei-phone-launch.txt", NULL);
  g_autoptr(TlAnalysis) a = tl_test_analyze (story);
  g_autoptr(JsonNode) node = tl_analysis_to_json (a);
  JsonObject *topic = json_object_get_object_member (json_node_get_object (node), "topic");
  JsonArray *signals = json_object_get_array_member (topic, "signals");
  gboolean offtopic_named = FALSE;

  g_assert_cmpfloat (json_object_get_double_member (topic, "score"), >=, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (topic, "score"), <=, 1.0);
  for (guint i = 0; i < json_array_get_length (signals); i++)
    {
      const char *name = json_object_get_string_member (json_array_get_object_element (signals, i), "signal");
      if (g_str_has_prefix (name, "offtopic: "))
        offtopic_named = TRUE;
    }
  g_assert_true (offtopic_named);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  tl_test_init (&argc, &argv);
  dir = g_test_build_filename (G_TEST_DIST, "data", "topic", NULL);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  for (const char *name; (name = g_dir_read_name (d)) != NULL;)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (files->len, >=, 14);
  for (guint i = 0; i < files->len; i++)
    {
      const char *f = g_ptr_array_index (files, i);
      g_autofree char *stem = g_strndup (f, strlen (f) - 4);
      g_autofree char *path = g_strdup_printf ("/core/topic/%s/%s",
                                               g_str_has_prefix (f, "pos-") ? "on-topic" : "hard-negative",
                                               stem + 4);
      g_test_add_data_func (path, f, check_story);
    }
  g_test_add_func ("/core/topic/threshold-setting", test_threshold_setting);
  g_test_add_func ("/core/topic/signals-explain", test_signals_explain);
  return g_test_run ();
}
