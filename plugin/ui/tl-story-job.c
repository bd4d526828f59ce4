/* tl-story-job.c — a shown story's analysis and the page's highlights message
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The analysis of the text the page holds, and the one script call that
 * decorates it (telelens.apply), from a snapshot of the reader's settings:
 * run where the story arrives for a story of ordinary length, or in a
 * worker thread for a long one (TL_STORY_JOB_INLINE_MAX), so that the host's
 * main loop keeps drawing and answering while it is analysed. The analyzer
 * is only read while it analyses, so workers and the main thread may share
 * it. A cancelled job reports G_IO_ERROR_CANCELLED at once (the worker
 * finishes in the background and its result is dropped).
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-story-job.h"

#include "tl-json-member-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* UTF-16 offsets for the page, from the analysis's UTF-8 byte offsets. */
static GArray *
build_u16_map (const char *text,
               gsize       len)
{
  guint32 u = 0;
  GArray *map = g_array_sized_new (FALSE, FALSE, sizeof (guint32), len + 1);

  g_array_set_size (map, len + 1);
  for (const char *p = text; p < text + len;)
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);
      for (const char *q = p; q < next && q < text + len; q++)
        g_array_index (map, guint32, q - text) = u;
      u += c > 0xFFFF ? 2 : 1;
      p = next;
    }
  g_array_index (map, guint32, len) = u;
  return map;
}

static guint32
u16_at (GArray *map,
        guint   byte)
{
  return g_array_index (map, guint32, MIN (byte, map->len - 1));
}

static JsonNode *
build_payload (TlAnalysis           *analysis,
               GArray               *map,
               const TlStoryOptions *opts)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *text = tl_analysis_get_text (analysis, NULL);
  guint n_mentions, n_entities, n_attr;
  const TlMention *mentions = tl_analysis_get_mentions (analysis, &n_mentions);
  const TlEntity *entities = tl_analysis_get_entities (analysis, &n_entities);
  const TlAttribution *attr = tl_analysis_get_attributions (analysis, &n_attr);
  double score;
  TlTopicVerdict verdict = tl_analysis_get_topic_verdict (analysis, &score);
  /* An uncertain story keeps its highlights; the panel says "possibly". */
  gboolean decorate = verdict != TL_TOPIC_NO || !opts->topic_only;
  g_auto(GStrv) reasons = tl_analysis_get_topic_reasons (analysis, 3);
  const char *scheme = opts->scheme ? opts->scheme : "";
  gboolean enabled[TL_N_ENTITY_TYPES];
  g_autoptr(TlSources) src = tl_sources_new (analysis);
  g_autofree gint *slot = NULL;
  gint n_listed = 0;
  guint upstream_refs;
  gint upstream = tl_sources_get_upstream (src, &upstream_refs);

  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    enabled[t] = opts->types && g_strv_contains ((const char *const *) opts->types, tl_entity_type_to_string (t));

  json_builder_begin_object (b);
  /* The length of the text analysed, in UTF-16 units: the page checks it
   * against what it holds before decorating. */
  json_builder_set_member_name (b, "length");
  json_builder_add_int_value (b, u16_at (map, (guint) strlen (text)));
  json_builder_set_member_name (b, "topic");
  json_builder_add_boolean_value (b, verdict == TL_TOPIC_YES);
  json_builder_set_member_name (b, "verdict");
  json_builder_add_string_value (b, tl_topic_verdict_to_string (verdict));
  json_builder_set_member_name (b, "score");
  json_builder_add_double_value (b, score);
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  for (guint i = 0; reasons[i]; i++)
    json_builder_add_string_value (b, reasons[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "scheme");
  json_builder_add_string_value (b, scheme);
  json_builder_set_member_name (b, "show_panel");
  json_builder_add_boolean_value (b, opts->show_panel);
  json_builder_set_member_name (b, "panel_open");
  json_builder_add_boolean_value (b, opts->panel_open);

  /* Each entity once, [id, type, "Name · Type"], and the mentions as a flat
   * [start, end, k, …] with k its place in that list: the message the page
   * parses is a third of one object per mention. */
  slot = g_new (gint, n_entities + 1);
  for (guint i = 0; i < n_entities; i++)
    slot[i] = -1;
  json_builder_set_member_name (b, "entities");
  json_builder_begin_array (b);
  for (guint i = 0; decorate && i < n_mentions; i++)
    {
      guint id = mentions[i].entity;
      const TlEntity *e = &entities[id];
      g_autofree char *label = NULL;

      if (!enabled[e->type] || slot[id] >= 0)
        continue;
      slot[id] = n_listed++;
      label = g_strdup_printf ("%s · %s", e->name, tl_entity_type_label (e->type));
      json_builder_begin_array (b);
      json_builder_add_int_value (b, id);
      json_builder_add_string_value (b, tl_entity_type_to_string (e->type));
      json_builder_add_string_value (b, label);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "mentions");
  json_builder_begin_array (b);
  for (guint i = 0; decorate && i < n_mentions; i++)
    {
      if (slot[mentions[i].entity] < 0)
        continue;
      json_builder_add_int_value (b, u16_at (map, mentions[i].start));
      json_builder_add_int_value (b, u16_at (map, mentions[i].end));
      json_builder_add_int_value (b, slot[mentions[i].entity]);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "statements");
  json_builder_begin_array (b);
  for (guint i = 0; decorate && i < n_attr; i++)
    {
      guint source_of = tl_sources_get_source_of (src, i);
      const TlSource *row = tl_sources_get_source (src, source_of);
      gboolean unnamed = row->kind == TL_SOURCE_ROLE || row->kind == TL_SOURCE_ANONYMOUS;
      g_autofree char *cue = g_strndup (text + attr[i].cue.start, attr[i].cue.end - attr[i].cue.start);
      g_autofree char *label = g_strdup_printf ("%s: %s (%s%s)", cue, row->name, unnamed ? "unnamed " : "",
                                                tl_source_kind_to_string (row->kind));

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "s");
      json_builder_add_int_value (b, u16_at (map, attr[i].content.start));
      json_builder_set_member_name (b, "e");
      json_builder_add_int_value (b, u16_at (map, attr[i].content.end));
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, i);
      json_builder_set_member_name (b, "color");
      json_builder_add_int_value (b, source_of);
      json_builder_set_member_name (b, "unnamed");
      json_builder_add_boolean_value (b, unnamed);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, label);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < tl_sources_get_n_sources (src); i++)
    {
      const TlSource *row = tl_sources_get_source (src, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, row->name);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, tl_source_kind_to_string (row->kind));
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, row->count);
      json_builder_set_member_name (b, "unnamed");
      json_builder_add_boolean_value (b, row->kind == TL_SOURCE_ROLE || row->kind == TL_SOURCE_ANONYMOUS);
      json_builder_set_member_name (b, "color");
      json_builder_add_int_value (b, i);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "n_statements");
  json_builder_add_int_value (b, n_attr);
  json_builder_set_member_name (b, "unnamed");
  json_builder_add_int_value (b, tl_sources_get_unnamed_statements (src));
  json_builder_set_member_name (b, "upstream");
  if (upstream >= 0)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, entities[upstream].name);
      json_builder_set_member_name (b, "references");
      json_builder_add_int_value (b, upstream_refs);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
tl_story_options_free (TlStoryOptions *opts)
{
  if (opts == NULL)
    return;
  g_free (opts->scheme);
  g_strfreev (opts->types);
  g_free (opts);
}

void
tl_story_result_free (TlStoryResult *res)
{
  if (res == NULL)
    return;
  g_clear_object (&res->analysis);
  g_free (res->script);
  g_free (res->payload);
  g_free (res);
}

/**
 * tl_story_job_run:
 * @analyzer: the matcher, built
 * @text: the story's text exactly as the page holds it (UTF-8)
 * @len: its length in bytes
 * @opts: the reader's settings
 *
 * Analyses @text and makes the script that decorates the page with it;
 * blocks (see tl_story_job_run_async() for a long story).
 *
 * Returns: (transfer full) (nullable): the analysis and the script (%NULL
 *   script: an off-topic story to leave untouched), or %NULL with @error
 *   (the text could not be analysed: too long, not text)
 */
TlStoryResult *
tl_story_job_run (TlAnalyzer           *analyzer,
                  const char           *text,
                  gsize                 len,
                  const TlStoryOptions *opts,
                  GError              **error)
{
  g_autoptr(TlAnalysis) analysis = tl_analyzer_analyze (analyzer, text, len, TL_INPUT_TEXT, error);
  g_autoptr(GArray) map = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autofree char *json = NULL;
  TlStoryResult *res;

  if (analysis == NULL)
    return NULL;
  /* The settings' bounds as they were when the job was made: the shared
   * analyzer's are never changed under a worker (topic-threshold changed
   * meanwhile: the reader runs the story again with the new ones). */
  tl_analysis_judge_topic (analysis, opts->topic_threshold, opts->topic_possible_from);
  res = g_new0 (TlStoryResult, 1);
  if (opts->leave_off_topic && opts->topic_only &&
      tl_analysis_get_topic_verdict (analysis, NULL) == TL_TOPIC_NO)
    {
      res->analysis = g_steal_pointer (&analysis);
      return res;
    }
  map = build_u16_map (tl_analysis_get_text (analysis, NULL), len);
  payload = build_payload (analysis, map, opts);
  gen = json_generator_new ();
  json_generator_set_root (gen, payload);
  json = json_generator_to_data (gen, NULL);
  res->script = g_strconcat ("telelens.apply(", json, ")", NULL);
  res->payload = g_steal_pointer (&json);
  res->analysis = g_steal_pointer (&analysis);
  return res;
}

/**
 * tl_story_options_to_json:
 * @opts: the reader's settings
 *
 * The settings as the page holds them (telelens.watch, telelens.setOptions),
 * to hand back to the web process extension with the story's text: the
 * highlights made there are filtered by the same settings, in the same
 * function (build_payload), as the reader's.
 *
 * Returns: (transfer full): a JSON object
 */
char *
tl_story_options_to_json (const TlStoryOptions *opts)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scheme");
  json_builder_add_string_value (b, opts->scheme ? opts->scheme : "");
  json_builder_set_member_name (b, "types");
  json_builder_begin_array (b);
  for (guint i = 0; opts->types && opts->types[i]; i++)
    json_builder_add_string_value (b, opts->types[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "topic_only");
  json_builder_add_boolean_value (b, opts->topic_only);
  json_builder_set_member_name (b, "show_panel");
  json_builder_add_boolean_value (b, opts->show_panel);
  json_builder_set_member_name (b, "panel_open");
  json_builder_add_boolean_value (b, opts->panel_open);
  json_builder_set_member_name (b, "leave_off_topic");
  json_builder_add_boolean_value (b, opts->leave_off_topic);
  json_builder_set_member_name (b, "topic_threshold");
  json_builder_add_double_value (b, opts->topic_threshold);
  json_builder_set_member_name (b, "topic_possible_from");
  json_builder_add_double_value (b, opts->topic_possible_from);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
opt_double (JsonObject *o,
            const char *name,
            double     *out)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) ||
      (json_node_get_value_type (n) != G_TYPE_DOUBLE && json_node_get_value_type (n) != G_TYPE_INT64))
    return FALSE;
  *out = json_node_get_double (n);
  return *out >= 0 && *out <= 1;
}

/**
 * tl_story_options_from_json:
 * @json: what tl_story_options_to_json() made (it came through the page:
 *   checked member by member)
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL when @json is
 *   not such an object
 */
TlStoryOptions *
tl_story_options_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TlStoryOptions) opts = g_new0 (TlStoryOptions, 1);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  JsonObject *o;
  JsonNode *n;
  JsonArray *a;

  if (json == NULL || strlen (json) > 4096 || !json_parser_load_from_data (parser, json, -1, NULL) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  n = json_object_get_member (o, "scheme");
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  opts->scheme = g_strdup (json_node_get_string (n));
  n = json_object_get_member (o, "types");
  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return NULL;
  a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a) && i < 64; i++)
    {
      JsonNode *t = json_array_get_element (a, i);
      if (!JSON_NODE_HOLDS_VALUE (t) || json_node_get_value_type (t) != G_TYPE_STRING)
        return NULL;
      g_ptr_array_add (types, g_strdup (json_node_get_string (t)));
    }
  g_ptr_array_add (types, NULL);
  opts->types = (GStrv) g_ptr_array_free (g_steal_pointer (&types), FALSE);
  if (!_tl_json_member_bool (o, "topic_only", &opts->topic_only) ||
      !_tl_json_member_bool (o, "show_panel", &opts->show_panel) ||
      !_tl_json_member_bool (o, "panel_open", &opts->panel_open) ||
      !_tl_json_member_bool (o, "leave_off_topic", &opts->leave_off_topic) ||
      !opt_double (o, "topic_threshold", &opts->topic_threshold) ||
      !opt_double (o, "topic_possible_from", &opts->topic_possible_from))
    return NULL;
  return g_steal_pointer (&opts);
}

typedef struct {
  TlAnalyzer     *analyzer;
  char           *text;
  gsize           len;
  TlStoryOptions *opts;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_object_unref (job->analyzer);
  g_free (job->text);
  tl_story_options_free (job->opts);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  TlStoryResult *res;

  if (g_task_return_error_if_cancelled (task))
    return;
  res = tl_story_job_run (job->analyzer, job->text, job->len, job->opts, &error);
  if (res == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  res->in_worker = TRUE;
  g_task_return_pointer (task, res, (GDestroyNotify) tl_story_result_free);
}

/**
 * tl_story_job_run_async:
 * @analyzer: the matcher, built (a reference is kept until the worker is done)
 * @text: (transfer full): the story's text (UTF-8)
 * @len: its length in bytes
 * @opts: (transfer full): the reader's settings
 * @cancellable: (nullable): cancelled when the reader moves to another story
 *
 * tl_story_job_run() in a worker thread. When @cancellable is cancelled,
 * @callback is called at once with G_IO_ERROR_CANCELLED.
 */
void
tl_story_job_run_async (TlAnalyzer          *analyzer,
                        char                *text,
                        gsize                len,
                        TlStoryOptions      *opts,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->analyzer = g_object_ref (analyzer);
  job->text = text;
  job->len = len;
  job->opts = opts;
  g_task_set_source_tag (task, tl_story_job_run_async);
  g_task_set_task_data (task, job, job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, job_thread);
}

TlStoryResult *
tl_story_job_run_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
