/* test-topic.c — on-topic stories and hard negatives, one test path each
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * tests/data/topic/pos-*.txt are stories mainly about telecom security,
 * one per class of story (export-control listing, arrest of a vendor's
 * executive, a severed cable, an attack on a satellite network, …);
 * neg-*.txt share its vocabulary without being about it (a phone launch, a
 * 5G price plan, operator earnings, trade talks, ransomware at a hospital,
 * an outage whose cause is said not to be an attack); maybe-*.txt are
 * uncertain: they must come out "possibly" (highlighted, marked as such).
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
  TlTopicVerdict want = g_str_has_prefix (file, "pos-") ? TL_TOPIC_YES
                       : g_str_has_prefix (file, "maybe-") ? TL_TOPIC_POSSIBLY : TL_TOPIC_NO;
  double score;
  TlTopicVerdict got = tl_analysis_get_topic_verdict (a, &score);

  g_test_message ("%s: score %.3f, %s", file, score, tl_topic_verdict_to_string (got));
  g_assert_cmpstr (tl_topic_verdict_to_string (got), ==, tl_topic_verdict_to_string (want));
  g_assert_cmpint (tl_analysis_get_topic (a, NULL), ==, want == TL_TOPIC_YES);
}

static JsonObject *
topic_json (JsonNode *node)
{
  return json_object_get_object_member (json_node_get_object (node), "topic");
}

static gboolean
has_reason (TlAnalysis *a,
            const char *prefix)
{
  g_auto(GStrv) reasons = tl_analysis_get_topic_reasons (a, 8);

  for (guint i = 0; reasons[i]; i++)
    if (g_str_has_prefix (reasons[i], prefix))
      return TRUE;
  return FALSE;
}

/* The verdict has three bands, both bounds are settings, and the JSON
 * carries what the panel shows: verdict, score, bounds and reasons. */
static void
test_verdict_bands (void)
{
  g_autofree char *story = tl_test_read_data ("topic/maybe-billing-supplier-ransomware.txt", NULL);
  TlAnalyzer *analyzer = tl_test_get_analyzer ();
  double threshold = tl_analyzer_get_topic_threshold (analyzer);
  double lower = tl_analyzer_get_topic_lower_bound (analyzer), score;
  g_autoptr(TlAnalysis) a = tl_analyzer_analyze (analyzer, story, strlen (story), TL_INPUT_TEXT, NULL);
  g_autoptr(TlAnalysis) b = NULL, c = NULL;
  g_autoptr(JsonNode) node = tl_analysis_to_json (a);
  JsonObject *topic = topic_json (node);
  JsonArray *reasons = json_object_get_array_member (topic, "reasons");

  g_assert_cmpfloat (lower, <, threshold);
  g_assert_cmpint (tl_analysis_get_topic_verdict (a, &score), ==, TL_TOPIC_POSSIBLY);
  g_assert_cmpstr (json_object_get_string_member (topic, "verdict"), ==, "possibly");
  g_assert_false (json_object_get_boolean_member (topic, "telecom_security"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (topic, "score"), score, 0.001);
  g_assert_cmpfloat (json_object_get_double_member (topic, "possible_from"), ==, lower);
  g_assert_cmpfloat (json_object_get_double_member (topic, "threshold"), ==, threshold);
  g_assert_cmpuint (json_array_get_length (reasons), >=, 1);
  g_assert_cmpuint (json_array_get_length (reasons), <=, 3);
  for (guint i = 0; i < json_array_get_length (reasons); i++)
    g_assert_false (g_str_has_prefix (json_array_get_string_element (reasons, i), "group:"));

  /* A lower bound above the score: no; a threshold below it: yes. */
  tl_analyzer_set_topic_lower_bound (analyzer, MIN (1.0, score + 0.01));
  b = tl_analyzer_analyze (analyzer, story, strlen (story), TL_INPUT_TEXT, NULL);
  g_assert_cmpint (tl_analysis_get_topic_verdict (b, NULL), ==, TL_TOPIC_NO);
  tl_analyzer_set_topic_lower_bound (analyzer, lower);
  tl_analyzer_set_topic_threshold (analyzer, MAX (0.0, score - 0.01));
  c = tl_analyzer_analyze (analyzer, story, strlen (story), TL_INPUT_TEXT, NULL);
  g_assert_cmpint (tl_analysis_get_topic_verdict (c, NULL), ==, TL_TOPIC_YES);
  tl_analyzer_set_topic_threshold (analyzer, threshold);
}

/* A security act and a telecom actor in one sentence weigh more than the
 * same words apart, and the reason says so. */
static void
test_same_sentence (void)
{
  const char *together = "Decision\n\nThe government on Monday banned Huawei from supplying its mobile networks. "
                         "Officials gave few details. The rule takes effect next year.";
  const char *apart = "Decision\n\nThe government on Monday banned a supplier. "
                      "Officials gave few details about Huawei and its mobile networks. The rule takes effect next year.";
  g_autoptr(TlAnalysis) a = tl_test_analyze (together);
  g_autoptr(TlAnalysis) b = tl_test_analyze (apart);
  double sa, sb;

  tl_analysis_get_topic (a, &sa);
  tl_analysis_get_topic (b, &sb);
  g_test_message ("together %.3f, apart %.3f", sa, sb);
  g_assert_cmpfloat (sa, >, sb + 0.1);
  g_assert_true (has_reason (a, "banned + "));
  g_assert_false (has_reason (b, "banned + "));
}

/* "Not caused by a cyberattack" is evidence against, not for. */
/* "Posed no security risk" is the vendor denying what the story is about:
 * evidence for, never "ruled out". */
static void
test_denied_allegation (void)
{
  const char *denied = "Decision\n\nThe ministry barred the vendor from the core network. "
                       "The vendor said its equipment posed no security risk.";
  g_autoptr(TlAnalysis) a = tl_test_analyze (denied);
  g_autoptr(JsonNode) node = tl_analysis_to_json (a);
  JsonArray *signals = json_object_get_array_member (topic_json (node), "signals");

  for (guint i = 0; i < json_array_get_length (signals); i++)
    {
      JsonObject *s = json_array_get_object_element (signals, i);
      g_assert_false (g_str_has_prefix (json_object_get_string_member (s, "signal"), "offtopic: ruled out"));
    }
  g_assert_true (has_reason (a, "security risk"));
}

static void
test_negated_attack (void)
{
  const char *affirmed = "Outage\n\nThe carrier said the outage on its mobile network was caused by a cyberattack.";
  const char *negated = "Outage\n\nThe carrier said the outage on its mobile network was not caused by a cyberattack.";
  g_autoptr(TlAnalysis) a = tl_test_analyze (affirmed);
  g_autoptr(TlAnalysis) b = tl_test_analyze (negated);
  g_autoptr(JsonNode) node = tl_analysis_to_json (b);
  JsonArray *signals = json_object_get_array_member (topic_json (node), "signals");
  gboolean ruled_out = FALSE;
  double sa, sb;

  tl_analysis_get_topic (a, &sa);
  tl_analysis_get_topic (b, &sb);
  g_assert_cmpfloat (sa, >, sb);
  g_assert_true (has_reason (a, "cyberattack"));
  g_assert_false (has_reason (b, "cyberattack"));
  for (guint i = 0; i < json_array_get_length (signals); i++)
    ruled_out |= g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (signals, i), "signal"),
                                   "offtopic: ruled out: cyberattack");
  g_assert_true (ruled_out);
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
      gboolean maybe = g_str_has_prefix (f, "maybe-");
      g_autofree char *path = g_strdup_printf ("/core/topic/%s/%s",
                                               g_str_has_prefix (f, "pos-") ? "on-topic"
                                               : maybe ? "possibly" : "hard-negative",
                                               stem + (maybe ? 6 : 4));
      g_test_add_data_func (path, f, check_story);
    }
  g_test_add_func ("/core/topic/threshold-setting", test_threshold_setting);
  g_test_add_func ("/core/topic/signals-explain", test_signals_explain);
  g_test_add_func ("/core/topic/verdict-bands", test_verdict_bands);
  g_test_add_func ("/core/topic/same-sentence-act-and-actor", test_same_sentence);
  g_test_add_func ("/core/topic/negated-attack", test_negated_attack);
  g_test_add_func ("/core/topic/denied-allegation", test_denied_allegation);
  return g_test_run ();
}
