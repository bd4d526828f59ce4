/* test-story-job.c — a long story is analysed off the main thread
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What the reader does with a shown story's text (plugin/ui/tl-story-job.c):
 * a long story is analysed in a worker thread, so the host's main loop keeps
 * running meanwhile; moving to another story cancels it at once; a story
 * beyond the analyzer's limit is refused there with a GError; and the
 * script that decorates the page is the same whichever way it was made.
 */
#include "tl-test-util.h"
#include "tl-story-job.h"

#include <json-glib/json-glib.h>
#include <string.h>

static TlStoryOptions *
options (gboolean leave_off_topic)
{
  TlStoryOptions *opts = g_new0 (TlStoryOptions, 1);
  const char *types[] = { "vendor", "operator", "government", "organization", "media", "person", "place",
                          "technology", "threat", "vulnerability", "law", NULL };

  opts->scheme = g_strdup ("soft");
  opts->types = g_strdupv ((char **) types);
  opts->topic_only = TRUE;
  opts->show_panel = TRUE;
  opts->leave_off_topic = leave_off_topic;
  /* The bundled model's bounds, as the reader's settings default to. */
  opts->topic_threshold = tl_analyzer_get_topic_threshold (tl_test_get_analyzer ());
  opts->topic_possible_from = tl_analyzer_get_topic_lower_bound (tl_test_get_analyzer ());
  return opts;
}

/* A long story: the fixture's text repeated to about @bytes. */
static char *
long_story (gsize bytes)
{
  g_autofree char *one = tl_test_read_data ("fixtures/prague-5g-summit.txt", NULL);
  GString *s = g_string_sized_new (bytes + strlen (one));

  while (s->len < bytes)
    g_string_append (s, one);
  return g_string_free (s, FALSE);
}

typedef struct {
  GMainLoop     *loop;
  TlStoryResult *res;
  GError        *error;
  guint          ticks_before;  /* main-loop ticks before the job was done */
  guint          ticks;
} Wait;

static gboolean
tick (gpointer data)
{
  Wait *w = data;

  w->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Wait *w = data;

  w->res = tl_story_job_run_finish (result, &w->error);
  w->ticks_before = w->ticks;
  g_main_loop_quit (w->loop);
}

/* Runs a job and the main loop until it is done, a 1 ms timeout ticking. */
static void
run_job (Wait       *w,
         const char *text,
         gsize       len,
         gboolean    cancel_at_once)
{
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  guint id = g_timeout_add (1, tick, w);

  w->loop = g_main_loop_new (NULL, FALSE);
  tl_story_job_run_async (tl_test_get_analyzer (), g_strndup (text, len), len, options (FALSE), cancel,
                          on_done, w);
  if (cancel_at_once)
    g_cancellable_cancel (cancel);
  g_main_loop_run (w->loop);
  g_source_remove (id);
  g_main_loop_unref (w->loop);
}

/* The worker's references are given back (it ends even when cancelled). */
static void
wait_for_worker (TlAnalyzer *analyzer,
                 guint       refs)
{
  for (guint i = 0; i < 6000 && G_OBJECT (analyzer)->ref_count > refs; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
  g_assert_cmpuint (G_OBJECT (analyzer)->ref_count, ==, refs);
}

/* The settings the page hands to the web process extension give the same
 * highlights' JSON as the reader's own (one place filters them: the
 * types switched off stay off); what is not such an object is refused. */
static void
test_options_through_the_page (void)
{
  const char *text = "Vodafone replaced Huawei radios with Ericsson gear, the operator said.";
  g_autoptr(TlStoryOptions) opts = options (FALSE);
  g_autofree char *json = NULL;
  g_autoptr(TlStoryOptions) back = NULL;
  g_autoptr(TlStoryResult) a = NULL, b = NULL;
  const char *const vendors[] = { "vendor", NULL };

  g_strfreev (opts->types);
  opts->types = g_strdupv ((char **) vendors);
  opts->topic_only = FALSE;
  json = tl_story_options_to_json (opts);
  back = tl_story_options_from_json (json);
  g_assert_nonnull (back);
  a = tl_story_job_run (tl_test_get_analyzer (), text, strlen (text), opts, NULL);
  b = tl_story_job_run (tl_test_get_analyzer (), text, strlen (text), back, NULL);
  g_assert_nonnull (a->payload);
  g_assert_cmpstr (a->payload, ==, b->payload);
  g_assert_nonnull (strstr (a->payload, "\"vendor\""));
  g_assert_null (strstr (a->payload, "\"operator\""));
  g_assert_null (tl_story_options_from_json ("{}"));
  g_assert_null (tl_story_options_from_json ("[1]"));
  g_assert_null (tl_story_options_from_json ("{nonsense"));
  g_assert_null (tl_story_options_from_json (NULL));
}

static void
test_long_story_in_worker (void)
{
  TlAnalyzer *analyzer = tl_test_get_analyzer ();
  guint refs = G_OBJECT (analyzer)->ref_count;
  g_autofree char *text = long_story (1024 * 1024);
  Wait w = { 0 };
  g_autoptr(TlStoryResult) inline_res = NULL;
  g_autoptr(TlStoryOptions) opts = options (FALSE);
  g_autoptr(GError) error = NULL;
  guint n;

  run_job (&w, text, strlen (text), FALSE);
  g_assert_no_error (w.error);
  g_assert_nonnull (w.res);
  g_assert_true (w.res->in_worker);
  /* The main loop ran on while the story was analysed: the 1 ms timeout
   * kept ticking (analysing 1 MiB takes tens of ms or more; on the main
   * thread it would have ticked at most once before the answer). */
  g_assert_cmpuint (w.ticks_before, >=, 3);
  g_assert_nonnull (w.res->analysis);
  tl_analysis_get_mentions (w.res->analysis, &n);
  g_assert_cmpuint (n, >, 100);
  /* The same highlights as when analysed where it arrives. */
  inline_res = tl_story_job_run (analyzer, text, strlen (text), opts, &error);
  g_assert_no_error (error);
  g_assert_false (inline_res->in_worker);
  g_assert_cmpstr (w.res->script, ==, inline_res->script);
  tl_story_result_free (w.res);
  wait_for_worker (analyzer, refs);
}

static void
test_cancelled_on_story_change (void)
{
  TlAnalyzer *analyzer = tl_test_get_analyzer ();
  guint refs = G_OBJECT (analyzer)->ref_count;
  g_autofree char *text = long_story (2 * 1024 * 1024);
  Wait w = { 0 };

  run_job (&w, text, strlen (text), TRUE);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (w.res);
  g_clear_error (&w.error);
  wait_for_worker (analyzer, refs);
}

/* The page may post up to 16 MiB; the analyzer takes 4 MiB. The refusal
 * comes from the worker, with the reason. */
static void
test_too_long_refused (void)
{
  gsize len = 16 * 1024 * 1024;
  g_autofree char *text = g_malloc (len + 1);
  Wait w = { 0 };

  memset (text, 'a', len);
  text[len] = '\0';
  run_job (&w, text, len, FALSE);
  g_assert_error (w.error, TL_ANALYZER_ERROR, TL_ANALYZER_ERROR_TOO_LARGE);
  g_assert_null (w.res);
  g_clear_error (&w.error);
}

/* The message to the page: each entity once, every mention pointing at one,
 * offsets inside the text (UTF-16 units), in order. */
static void
test_payload_entities_once (void)
{
  g_autofree char *text = tl_test_read_data ("fixtures/prague-5g-summit.txt", NULL);
  g_autoptr(TlStoryOptions) opts = options (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStoryResult) res = tl_story_job_run (tl_test_get_analyzer (), text, strlen (text), opts, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  JsonObject *o;
  JsonArray *ents, *m;
  gsize len = strlen (res->script);
  glong u16_len;
  gint64 last = -1;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (res->script, "telelens.apply("));
  g_assert_true (json_parser_load_from_data (parser, res->script + 15, len - 16, &error));
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  ents = json_object_get_array_member (o, "entities");
  m = json_object_get_array_member (o, "mentions");
  g_assert_cmpuint (json_array_get_length (ents), >, 5);
  for (guint i = 0; i < json_array_get_length (ents); i++)
    {
      JsonArray *e = json_array_get_array_element (ents, i);
      gint64 id = json_array_get_int_element (e, 0);
      g_assert_false (g_hash_table_contains (ids, GINT_TO_POINTER (id + 1)));
      g_hash_table_add (ids, GINT_TO_POINTER (id + 1));
      g_assert_nonnull (strstr (json_array_get_string_element (e, 2), " · "));
    }
  u16_len = 0;
  {
    g_autofree gunichar2 *u = g_utf8_to_utf16 (text, -1, NULL, &u16_len, NULL);
  }
  g_assert_cmpuint (json_array_get_length (m) % 3, ==, 0);
  g_assert_cmpuint (json_array_get_length (m), >=, 3 * 20);
  for (guint i = 0; i < json_array_get_length (m); i += 3)
    {
      gint64 s = json_array_get_int_element (m, i), e = json_array_get_int_element (m, i + 1);
      gint64 k = json_array_get_int_element (m, i + 2);
      g_assert_cmpint (s, <, e);
      g_assert_cmpint (e, <=, u16_len);
      g_assert_cmpint (s, >=, last);
      g_assert_cmpint (k, >=, 0);
      g_assert_cmpint (k, <, json_array_get_length (ents));
      last = s;
    }
  g_assert_cmpint (json_object_get_int_member (o, "length"), ==, u16_len);
}

/* Personal mail in Evolution: an off-topic story gets no script at all. */
static void
test_off_topic_left_untouched (void)
{
  g_autofree char *text = tl_test_read_data ("topic/neg-hospital-ransomware.txt", NULL);
  g_autoptr(TlStoryOptions) leave = options (TRUE), keep = options (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStoryResult) left = tl_story_job_run (tl_test_get_analyzer (), text, strlen (text), leave, &error);
  g_autoptr(TlStoryResult) kept = tl_story_job_run (tl_test_get_analyzer (), text, strlen (text), keep, &error);

  g_assert_no_error (error);
  g_assert_null (left->script);
  g_assert_nonnull (left->analysis);
  g_assert_nonnull (kept->script);
}

/* The user moves the topic threshold while a long story is analysed in a
 * worker: the job judges the story by the bounds it was given (the
 * reader's settings when it started; the reader cancels it and starts
 * another with the new ones), never by whatever the shared analyzer holds
 * meanwhile, and the verdict and the bounds the panel shows agree. */
static void
test_topic_judged_by_job_options (void)
{
  TlAnalyzer *analyzer = tl_test_get_analyzer ();
  double threshold = tl_analyzer_get_topic_threshold (analyzer);
  double lower = tl_analyzer_get_topic_lower_bound (analyzer);
  g_autofree char *text = long_story (128 * 1024);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(TlStoryOptions) strict = options (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStoryResult) inline_res = NULL;
  Wait w = { 0 };
  double score;
  TlStoryOptions *opts = options (FALSE);

  /* The story is about the topic by the bundled bounds. */
  opts->topic_threshold = 0.999;
  opts->topic_possible_from = 0.999;
  w.loop = g_main_loop_new (NULL, FALSE);
  tl_story_job_run_async (analyzer, g_strdup (text), strlen (text), opts, cancel, on_done, &w);
  /* Meanwhile the shared analyzer says everything is about the topic. */
  tl_analyzer_set_topic_threshold (analyzer, 0.0);
  tl_analyzer_set_topic_lower_bound (analyzer, 0.0);
  g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);
  g_assert_no_error (w.error);
  g_assert_true (w.res->in_worker);
  g_assert_cmpint (tl_analysis_get_topic_verdict (w.res->analysis, &score), ==, TL_TOPIC_NO);
  g_assert_cmpfloat (score, <, 0.999);
  g_assert_nonnull (strstr (w.res->script, "\"verdict\":\"no\""));
  tl_story_result_free (w.res);

  /* Where the story arrives, the same. */
  strict->topic_threshold = strict->topic_possible_from = 0.999;
  inline_res = tl_story_job_run (analyzer, text, strlen (text), strict, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tl_analysis_get_topic_verdict (inline_res->analysis, NULL), ==, TL_TOPIC_NO);
  tl_analyzer_set_topic_threshold (analyzer, threshold);
  tl_analyzer_set_topic_lower_bound (analyzer, lower);
}

int
main (int argc, char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/ui/story-job/long-story-in-worker", test_long_story_in_worker);
  g_test_add_func ("/ui/story-job/options-through-the-page", test_options_through_the_page);
  g_test_add_func ("/ui/story-job/cancelled-on-story-change", test_cancelled_on_story_change);
  g_test_add_func ("/ui/story-job/too-long-refused-in-worker", test_too_long_refused);
  g_test_add_func ("/ui/story-job/payload-entities-once", test_payload_entities_once);
  g_test_add_func ("/ui/story-job/off-topic-left-untouched", test_off_topic_left_untouched);
  g_test_add_func ("/ui/story-job/topic-judged-by-job-options", test_topic_judged_by_job_options);
  return g_test_run ();
}
