/* tl-analysis.c — the result of analysing one story, and its JSON form
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-analysis-private.h"

#include <math.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (TlAnalysis, tl_analysis, G_TYPE_OBJECT)

static const char *const source_kind_names[TL_N_SOURCE_KINDS] = {
  "person", "organization", "outlet", "role", "anonymous", "document",
};

const char *
tl_source_kind_to_string (TlSourceKind kind)
{
  g_return_val_if_fail (kind < TL_N_SOURCE_KINDS, NULL);
  return source_kind_names[kind];
}

static const char *const verdict_names[] = { "no", "possibly", "yes" };

const char *
tl_topic_verdict_to_string (TlTopicVerdict verdict)
{
  g_return_val_if_fail (verdict <= TL_TOPIC_YES, NULL);
  return verdict_names[verdict];
}

static void
entity_clear (gpointer data)
{
  TlEntity *e = data;
  g_free (e->name);
  g_clear_pointer (&e->mentions, g_array_unref);
}

static void
attribution_clear (gpointer data)
{
  TlAttribution *a = data;
  g_free (a->resolved);
}

static void
signal_clear (gpointer data)
{
  TlTopicSignal *s = data;
  g_free (s->name);
}

static void
tl_analysis_finalize (GObject *object)
{
  TlAnalysis *self = TL_ANALYSIS (object);

  g_clear_pointer (&self->text, _tl_text_free);
  g_clear_pointer (&self->mentions, g_array_unref);
  g_clear_pointer (&self->entities, g_array_unref);
  g_clear_pointer (&self->attributions, g_array_unref);
  g_clear_pointer (&self->signals, g_array_unref);
  G_OBJECT_CLASS (tl_analysis_parent_class)->finalize (object);
}

static void
tl_analysis_class_init (TlAnalysisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_analysis_finalize;
}

static void
tl_analysis_init (TlAnalysis *self)
{
  self->mentions = g_array_new (FALSE, FALSE, sizeof (TlMention));
  self->entities = g_array_new (FALSE, TRUE, sizeof (TlEntity));
  g_array_set_clear_func (self->entities, entity_clear);
  self->attributions = g_array_new (FALSE, TRUE, sizeof (TlAttribution));
  g_array_set_clear_func (self->attributions, attribution_clear);
  self->signals = g_array_new (FALSE, TRUE, sizeof (TlTopicSignal));
  g_array_set_clear_func (self->signals, signal_clear);
}

TlAnalysis *
_tl_analysis_new (TlText  *text,
                  gboolean is_html)
{
  TlAnalysis *self = g_object_new (TL_TYPE_ANALYSIS, NULL);

  self->text = text;
  self->is_html = is_html;
  return self;
}

/**
 * tl_analysis_get_text:
 * @self: a #TlAnalysis
 * @length: (out) (optional): the length in bytes
 *
 * Returns: (transfer none): the analysed text; for HTML input the extracted
 *   text, into which all offsets point
 */
const char *
tl_analysis_get_text (TlAnalysis *self,
                      gsize      *length)
{
  g_return_val_if_fail (TL_IS_ANALYSIS (self), NULL);
  if (length)
    *length = self->text->str->len;
  return self->text->str->str;
}

/**
 * tl_analysis_get_title:
 * @self: a #TlAnalysis
 *
 * Returns: (nullable): the `<title>` of an HTML page
 */
const char *
tl_analysis_get_title (TlAnalysis *self)
{
  g_return_val_if_fail (TL_IS_ANALYSIS (self), NULL);
  return self->text->title;
}

const TlMention *
tl_analysis_get_mentions (TlAnalysis *self,
                          guint      *n_mentions)
{
  g_return_val_if_fail (TL_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (n_mentions != NULL, NULL);
  *n_mentions = self->mentions->len;
  return (const TlMention *) (gpointer) self->mentions->data;
}

const TlEntity *
tl_analysis_get_entities (TlAnalysis *self,
                          guint      *n_entities)
{
  g_return_val_if_fail (TL_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (n_entities != NULL, NULL);
  *n_entities = self->entities->len;
  return (const TlEntity *) (gpointer) self->entities->data;
}

const TlAttribution *
tl_analysis_get_attributions (TlAnalysis *self,
                              guint      *n_attributions)
{
  g_return_val_if_fail (TL_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (n_attributions != NULL, NULL);
  *n_attributions = self->attributions->len;
  return (const TlAttribution *) (gpointer) self->attributions->data;
}

/**
 * tl_analysis_get_topic:
 * @self: a #TlAnalysis
 * @score: (out) (optional): the score in [0, 1]
 *
 * Returns: %TRUE when the story is about telecom security
 */
gboolean
tl_analysis_get_topic (TlAnalysis *self,
                       double     *score)
{
  g_return_val_if_fail (TL_IS_ANALYSIS (self), FALSE);
  if (score)
    *score = self->topic_score;
  return self->topic;
}

/**
 * tl_analysis_get_topic_verdict:
 * @self: a #TlAnalysis
 * @score: (out) (optional): the score in [0, 1]
 *
 * Returns: yes (at or above the threshold), possibly (at or above the
 *   lower bound) or no
 */
TlTopicVerdict
tl_analysis_get_topic_verdict (TlAnalysis *self,
                               double     *score)
{
  g_return_val_if_fail (TL_IS_ANALYSIS (self), TL_TOPIC_NO);
  if (score)
    *score = self->topic_score;
  return self->topic ? TL_TOPIC_YES : self->topic_possible ? TL_TOPIC_POSSIBLY : TL_TOPIC_NO;
}

/**
 * tl_analysis_judge_topic:
 * @self: a #TlAnalysis
 * @threshold: the score (in [0, 1]) from which a story is about the topic
 * @possible_from: the score from which it possibly is (never above @threshold)
 *
 * Judges the topic score again with these bounds instead of the analyzer's
 * (tl_analyzer_set_topic_threshold()): for a caller that analyses in a
 * worker thread with a snapshot of its settings, so the analyzer it
 * shares is never changed while a worker reads it.
 */
void
tl_analysis_judge_topic (TlAnalysis *self,
                         double      threshold,
                         double      possible_from)
{
  g_return_if_fail (TL_IS_ANALYSIS (self));
  self->topic_threshold = CLAMP (threshold, 0.0, 1.0);
  self->topic_possible_from = MIN (CLAMP (possible_from, 0.0, 1.0), self->topic_threshold);
  self->topic = self->topic_score >= self->topic_threshold;
  self->topic_possible = self->topic_score >= self->topic_possible_from;
}

/**
 * tl_analysis_get_topic_reasons:
 * @self: a #TlAnalysis
 * @max: at most this many
 *
 * The strongest evidence for the topic, strongest first, for a reader:
 * "ban ×2 (headline)", "hackers + operator in one sentence".
 *
 * Returns: (transfer full): a %NULL-terminated array, possibly empty
 */
char **
tl_analysis_get_topic_reasons (TlAnalysis *self,
                               guint       max)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (TL_IS_ANALYSIS (self), NULL);
  for (guint i = 0; i < self->signals->len && n < max; i++)
    {
      const TlTopicSignal *s = &g_array_index (self->signals, TlTopicSignal, i);
      const char *colon = strchr (s->name, ':');

      /* Group totals and evidence against are not reasons for. */
      if (s->weight <= 0.0 || g_str_has_prefix (s->name, "group:") || colon == NULL)
        continue;
      g_strv_builder_add (out, colon + 2);
      n++;
    }
  return g_strv_builder_end (out);
}

/**
 * tl_analysis_map_to_source:
 * @self: a #TlAnalysis
 * @offset: a byte offset into the analysed text
 *
 * Returns: the byte offset in the original input (the HTML) it came from
 */
guint
tl_analysis_map_to_source (TlAnalysis *self,
                           guint       offset)
{
  g_return_val_if_fail (TL_IS_ANALYSIS (self), 0);
  return _tl_text_map (self->text, offset);
}

/**
 * tl_analysis_get_entity_key:
 * @self: a #TlAnalysis
 * @entity: an entity index
 *
 * Returns: (transfer full): the knowledge-base id, or for names found by
 *   context `type:Name`, stable across stories
 */
char *
tl_analysis_get_entity_key (TlAnalysis *self,
                            guint       entity)
{
  const TlEntity *e;

  g_return_val_if_fail (TL_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (entity < self->entities->len, NULL);
  e = &g_array_index (self->entities, TlEntity, entity);
  if (e->kb != NULL)
    return g_strdup (e->kb->id);
  return g_strdup_printf ("%s:%s", tl_entity_type_to_string (e->type), e->name);
}

static void
add_span_fields (JsonBuilder  *b,
                 const char   *text,
                 const TlSpan *span)
{
  g_autofree char *slice = g_strndup (text + span->start, span->end - span->start);

  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, slice);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, span->start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, span->end);
}

/* Opens "member": {text, start, end, … — the caller closes it. */
static void
add_span (JsonBuilder  *b,
          const char   *member,
          const char   *text,
          const TlSpan *span)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_span_fields (b, text, span);
}

static void
add_optional_string (JsonBuilder *b,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
build_entities (TlAnalysis  *self,
                JsonBuilder *b)
{
  const char *text = self->text->str->str;

  json_builder_set_member_name (b, "entities");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->entities->len; i++)
    {
      const TlEntity *e = &g_array_index (self->entities, TlEntity, i);

      json_builder_begin_object (b);
      add_optional_string (b, "id", e->kb ? e->kb->id : NULL);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, e->name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, tl_entity_type_to_string (e->type));
      json_builder_set_member_name (b, "in_kb");
      json_builder_add_boolean_value (b, e->kb != NULL);
      if (e->kb)
        {
          add_optional_string (b, "country", e->kb->country);
          add_optional_string (b, "description", e->kb->description);
          add_optional_string (b, "wikidata", e->kb->wikidata);
        }
      json_builder_set_member_name (b, "mentions");
      json_builder_begin_array (b);
      for (guint k = 0; k < e->mentions->len; k++)
        {
          const TlMention *m = &g_array_index (self->mentions, TlMention,
                                               g_array_index (e->mentions, guint, k));
          TlSpan span = { m->start, m->end };

          json_builder_begin_object (b);
          add_span_fields (b, text, &span);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
build_topic (TlAnalysis  *self,
             JsonBuilder *b)
{
  json_builder_set_member_name (b, "topic");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "telecom_security");
  json_builder_add_boolean_value (b, self->topic);
  json_builder_set_member_name (b, "verdict");
  json_builder_add_string_value (b, tl_topic_verdict_to_string (tl_analysis_get_topic_verdict (self, NULL)));
  json_builder_set_member_name (b, "score");
  json_builder_add_double_value (b, round (self->topic_score * 1000.0) / 1000.0);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_double_value (b, self->topic_threshold);
  json_builder_set_member_name (b, "possible_from");
  json_builder_add_double_value (b, self->topic_possible_from);
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  {
    g_auto(GStrv) reasons = tl_analysis_get_topic_reasons (self, 3);
    for (guint i = 0; reasons[i]; i++)
      json_builder_add_string_value (b, reasons[i]);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "signals");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->signals->len; i++)
    {
      const TlTopicSignal *s = &g_array_index (self->signals, TlTopicSignal, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "signal");
      json_builder_add_string_value (b, s->name);
      json_builder_set_member_name (b, "weight");
      json_builder_add_double_value (b, round (s->weight * 1000.0) / 1000.0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
build_attributions (TlAnalysis  *self,
                    JsonBuilder *b)
{
  const char *text = self->text->str->str;

  json_builder_set_member_name (b, "attributions");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->attributions->len; i++)
    {
      const TlAttribution *a = &g_array_index (self->attributions, TlAttribution, i);

      json_builder_begin_object (b);
      add_span (b, "source", text, &a->source);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, tl_source_kind_to_string (a->kind));
      if (a->entity >= 0)
        {
          const TlEntity *e = &g_array_index (self->entities, TlEntity, a->entity);
          add_optional_string (b, "entity", e->kb ? e->kb->id : NULL);
          json_builder_set_member_name (b, "resolved");
          json_builder_add_string_value (b, e->name);
        }
      else
        {
          add_optional_string (b, "entity", NULL);
          add_optional_string (b, "resolved", a->resolved);
        }
      json_builder_end_object (b);
      add_span (b, "cue", text, &a->cue);
      json_builder_end_object (b);
      add_span (b, "content", text, &a->content);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "direct");
      json_builder_add_boolean_value (b, a->direct);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/**
 * tl_analysis_to_json:
 * @self: a #TlAnalysis
 *
 * The `telelens annotate` JSON of DESIGN.md.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
tl_analysis_to_json (TlAnalysis *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (TL_IS_ANALYSIS (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, self->is_html ? "html" : "text");
  json_builder_set_member_name (b, "text_length");
  json_builder_add_int_value (b, self->text->str->len);
  if (self->text->title)
    add_optional_string (b, "title", self->text->title);
  build_topic (self, b);
  build_entities (self, b);
  build_attributions (self, b);
  {
    g_autoptr(TlSources) sources = tl_sources_new (self);
    tl_sources_add_json (sources, b);
  }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
