/* tl-reader-story.c — a shown story: read its text, analyse it, decorate the page
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-reader-view-private.h"

#include <string.h>

/* UTF-16 offsets for the page, from the analysis's UTF-8 byte offsets. */
static void
build_u16_map (TlReaderView *self,
               const char   *text,
               gsize         len)
{
  guint32 u = 0;

  self->u16 = g_array_sized_new (FALSE, FALSE, sizeof (guint32), len + 1);
  g_array_set_size (self->u16, len + 1);
  for (const char *p = text; p < text + len;)
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);
      for (const char *q = p; q < next && q < text + len; q++)
        g_array_index (self->u16, guint32, q - text) = u;
      u += c > 0xFFFF ? 2 : 1;
      p = next;
    }
  g_array_index (self->u16, guint32, len) = u;
}

static guint32
u16_at (TlReaderView *self,
        guint         byte)
{
  return g_array_index (self->u16, guint32, MIN (byte, self->u16->len - 1));
}

static JsonNode *
build_payload (TlReaderView *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *text = tl_analysis_get_text (self->analysis, NULL);
  guint n_mentions, n_entities, n_attr;
  const TlMention *mentions = tl_analysis_get_mentions (self->analysis, &n_mentions);
  const TlEntity *entities = tl_analysis_get_entities (self->analysis, &n_entities);
  const TlAttribution *attr = tl_analysis_get_attributions (self->analysis, &n_attr);
  double score;
  TlTopicVerdict verdict = tl_analysis_get_topic_verdict (self->analysis, &score);
  /* An uncertain story keeps its highlights; the panel says "possibly". */
  gboolean decorate = verdict != TL_TOPIC_NO || !g_settings_get_boolean (self->settings, "topic-only");
  g_auto(GStrv) reasons = tl_analysis_get_topic_reasons (self->analysis, 3);
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  g_auto(GStrv) types = g_settings_get_strv (self->settings, "highlight-types");
  gboolean enabled[TL_N_ENTITY_TYPES];
  g_autoptr(TlSources) src = tl_sources_new (self->analysis);
  g_autofree gint *slot = NULL;
  gint n_listed = 0;
  guint upstream_refs;
  gint upstream = tl_sources_get_upstream (src, &upstream_refs);

  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    enabled[t] = g_strv_contains ((const char *const *) types, tl_entity_type_to_string (t));

  json_builder_begin_object (b);
  /* The length of the text analysed, in UTF-16 units: the page checks it
   * against what it holds before decorating. */
  json_builder_set_member_name (b, "length");
  json_builder_add_int_value (b, u16_at (self, (guint) strlen (text)));
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
  json_builder_add_boolean_value (b, g_settings_get_boolean (self->settings, "show-panel"));
  json_builder_set_member_name (b, "panel_open");
  json_builder_add_boolean_value (b, g_settings_get_boolean (self->settings, "panel-open"));

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
      json_builder_add_int_value (b, u16_at (self, mentions[i].start));
      json_builder_add_int_value (b, u16_at (self, mentions[i].end));
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
      json_builder_add_int_value (b, u16_at (self, attr[i].content.start));
      json_builder_set_member_name (b, "e");
      json_builder_add_int_value (b, u16_at (self, attr[i].content.end));
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

static void analyse_and_apply (TlReaderView *self, const char *text, gsize len, Pending *p);

static void
on_applied (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Pending *p = data;
  TlReaderView *self = p->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);

  if (value == NULL || !_tl_pending_is_current (p))
    {
      if (value == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Telelens could not decorate the story: %s", error->message);
      _tl_pending_free (p);
      return;
    }
  {
    g_autoptr(JSCValue) marks = jsc_value_object_get_property (value, "marks");
    g_autoptr(JSCValue) ms = jsc_value_object_get_property (value, "ms");
    g_autoptr(JSCValue) start = jsc_value_object_get_property (value, "start");
    g_autoptr(JSCValue) done = jsc_value_object_get_property (value, "done");
    g_autoptr(JSCValue) stale = jsc_value_object_get_property (value, "stale");
    /* Everything in ms after the host's load-finished, on the machine's
     * wall clock: the page's (performance.timeOrigin + now()) and ours. */
    double shown = self->shown_real / 1000.0;
    double back = (g_get_real_time () - self->shown_real) / 1000.0;
    double in_page = jsc_value_is_number (done) ? jsc_value_to_double (done) - shown : back;
    double began = jsc_value_is_number (start) ? jsc_value_to_double (start) - shown : back;

    if (jsc_value_to_boolean (stale))
      {
        /* The body changed after its text was analysed: read it again. */
        g_debug ("the story changed while it was analysed; reading it again");
        g_clear_object (&self->analysis);
        _tl_pending_free (p);
        _tl_reader_view_collect (self);
        return;
      }
    g_debug ("story decorated: %d highlighted pieces", jsc_value_to_int32 (marks));
    /* One line per story, for bench/bench-liferea.sh and the e2e: where the
     * time went. A text from before load-finished (the page filled first)
     * gives negative times for the story and the reader hearing of it. */
    g_debug ("highlights %.2f ms after load-finished (decorating in the page: %.2f ms; the story was in the "
             "page %.2f ms after load-finished; Telelens had the text at %.2f, sent the highlights at %.2f, "
             "the page began at %.2f, Telelens heard back at %.2f)",
             MAX (in_page, 0.0), jsc_value_to_double (ms), self->page_text_at / 1000.0 - shown,
             self->heard_real / 1000.0 - shown, self->sent_real / 1000.0 - shown, began, back);
  }
  if (self->client != NULL && g_settings_get_boolean (self->settings, "show-panel"))
    {
      self->retries = 0;
      _tl_reader_view_request_related (self, g_steal_pointer (&p));
    }
  if (p)
    _tl_pending_free (p);
}

/* Analyses the story's text (exactly as the page holds it) and decorates
 * the page with one script call. */
static void
analyse_and_apply (TlReaderView *self,
                   const char   *text,
                   gsize         len,
                   Pending      *p)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL, *script = NULL;
  g_autoptr(JsonNode) payload = NULL;

  g_clear_object (&self->analysis);
  g_clear_pointer (&self->u16, g_array_unref);
  self->analysis = tl_analyzer_analyze (self->analyzer, text, len, TL_INPUT_TEXT, &error);
  if (self->analysis == NULL)
    {
      g_warning ("Telelens skipped a story: %s", error->message);
      _tl_pending_free (p);
      return;
    }
  if (self->leave_off_topic && g_settings_get_boolean (self->settings, "topic-only") &&
      tl_analysis_get_topic_verdict (self->analysis, NULL) == TL_TOPIC_NO)
    {
      /* Personal mail in Evolution: left as the host drew it, and its text
       * goes nowhere. */
      g_debug ("story not about telecom security: left untouched");
      _tl_pending_free (p);
      return;
    }
  build_u16_map (self, tl_analysis_get_text (self->analysis, NULL), len);
  payload = build_payload (self);
  json = _tl_to_json (payload);
  script = g_strdup_printf ("telelens.apply(%s)", json);
  self->sent_real = g_get_real_time ();
  g_debug ("story analysed %.2f ms after load-finished", (g_get_monotonic_time () - self->shown_at) / 1000.0);
  _tl_reader_view_run_script (self, script, on_applied, p);
}

static void
on_collected (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Pending *p = data;
  TlReaderView *self = p->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);
  g_autofree char *text = NULL;

  /* Also dropped when the page posted the text first (the analysis is there). */
  if (value == NULL || !_tl_pending_is_current (p) || !jsc_value_is_string (value) || self->analysis != NULL)
    {
      if (value == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Telelens could not read the story: %s", error->message);
      _tl_pending_free (p);
      return;
    }
  text = jsc_value_to_string (value);
  g_debug ("story read %.2f ms after load-finished", (g_get_monotonic_time () - self->shown_at) / 1000.0);
  self->page_text_at = self->heard_real = g_get_real_time ();
  analyse_and_apply (self, text, strlen (text), p);
}

/* Asks the page for the story's text: the page script (already there when
 * the page was loaded with it; it returns at once then), and the text. */
void
_tl_reader_view_collect (TlReaderView *self)
{
  g_autofree char *sel = g_strescape (self->selector, NULL);
  g_autofree char *script = self->roots_script
    ? g_strdup_printf ("%s;\ntelelens.collectIn(%s)", self->script, self->roots_script)
    : g_strdup_printf ("%s;\ntelelens.collect(\"%s\")", self->script, sel);

  if (self->pull_id)
    g_source_remove (self->pull_id);
  self->pull_id = 0;
  _tl_reader_view_run_script (self, script, on_collected, _tl_pending_new (self));
}

static gboolean
on_pull (gpointer data)
{
  TlReaderView *self = data;

  self->pull_id = 0;
  g_debug ("the page posted no text %u ms after load-finished: asking it", _TL_PULL_AFTER_MS);
  _tl_reader_view_collect (self);
  return G_SOURCE_REMOVE;
}

/* The story's text comes from the page: posted by the page script as soon
 * as the host has filled the body (telelens.watch), usually after the
 * host's load-finished, sometimes before. Only when the page posts nothing
 * (it was loaded before Telelens was turned on, or the host ran no script
 * there) is it asked, after a short wait. */
void
_tl_reader_view_deliver (TlReaderView *self)
{
  /* A host that names the story's roots itself: the page posts the text
   * under the body selector only, so ask for the roots' text. */
  if (self->roots_script != NULL)
    {
      _tl_reader_view_collect (self);
      return;
    }
  if (self->page_text != NULL)
    {
      analyse_and_apply (self, self->page_text, strlen (self->page_text), _tl_pending_new (self));
      return;
    }
  /* A page from before Telelens was turned on: ask at once. */
  if (!self->page_has_script)
    {
      _tl_reader_view_collect (self);
      return;
    }
  if (self->pull_id == 0)
    self->pull_id = g_timeout_add (_TL_PULL_AFTER_MS, on_pull, self);
}

/**
 * _tl_reader_view_story_text:
 * @text: (transfer full): the body's text as the page posted it (valid UTF-8)
 * @seen_us: when the page saw it (wall clock, µs)
 *
 * The page posted the story's text: the host has filled the body, or filled
 * it again. Kept for the story the host says is shown, and analysed now
 * when that story is already known.
 */
void
_tl_reader_view_story_text (TlReaderView *self,
                            char         *text,
                            gint64        seen_us)
{
  g_free (self->page_text);
  self->page_text = text;
  self->page_text_at = seen_us;
  self->heard_real = g_get_real_time ();
  if (self->roots_script != NULL || !self->has_story || self->analyzer == NULL || self->view == NULL || self->cancel == NULL)
    return;
  if (self->pull_id)
    g_source_remove (self->pull_id);
  self->pull_id = 0;
  analyse_and_apply (self, self->page_text, strlen (self->page_text), _tl_pending_new (self));
}

/**
 * _tl_reader_view_painted:
 * @done_us: when the page had the highlights (wall clock, µs)
 * @painted_us: when the frame that paints them was done (wall clock, µs)
 *
 * Timing only (bench/bench-liferea.sh): the page says when the frame after
 * decorating was painted. A message about an older story (from before the
 * shown one's load-finished) is ignored.
 */
void
_tl_reader_view_painted (TlReaderView *self,
                         gint64        done_us,
                         gint64        painted_us)
{
  if (!self->has_story || done_us < self->shown_real)
    return;
  g_debug ("highlights painted %.2f ms after load-finished (the frame after decorating: %.2f ms; the story was "
           "in the page %.2f ms after load-finished)",
           (painted_us - self->shown_real) / 1000.0, (painted_us - done_us) / 1000.0,
           (self->page_text_at - self->shown_real) / 1000.0);
}
