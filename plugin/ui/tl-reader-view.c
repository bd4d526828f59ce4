/* tl-reader-view.c — analysis, highlights, panel and cards on a story view
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Nothing here blocks the host's main loop: page scripts and index requests
 * are asynchronous, each story gets a fresh GCancellable (cancelled when the
 * reader moves on), and a serial number drops late answers for an old story.
 * Analysis itself takes well under a millisecond (bench/).
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-reader-view.h"
#include "tl-card.h"
#include "telelens/tl-index-client.h"

#include <string.h>

#define WORLD "telelens"

struct _TlReaderView {
  GObject          parent_instance;
  WebKitWebView   *view;        /* weak */
  GSettings       *settings;
  TlAnalyzer      *analyzer;    /* NULL until the knowledge base is loaded */
  GCancellable    *kb_cancel;   /* the knowledge base loading off the main thread */
  gboolean         show_pending;  /* a story came before the knowledge base */
  TlIndexClient   *client;
  char            *selector;
  char            *script;      /* telelens.js */
  GCancellable    *cancel;
  guint            serial;
  TlAnalysis      *analysis;
  GArray          *u16;         /* byte offset → UTF-16 offset, for the page */
  char            *story_title, *story_url, *story_outlet, *story_published;
  gboolean         has_story;
  gulong           message_id;
  gulong           settings_id;
  WebKitUserStyleSheet *style;
  WebKitUserScript *page_script;  /* telelens.js, in every page the view loads */
  GtkWidget       *card;
  gint64           index_starting;  /* when the host started the index, or 0 */
  gint64           shown_at;        /* when the host said the story was loaded */
  int              host_markup;     /* the view's enable-javascript-markup before us, or -1 */
  guint            retries;
  guint            retry_id;        /* a pending retry of related coverage */
  gpointer         retry_data;      /* its Pending */
};

G_DEFINE_FINAL_TYPE (TlReaderView, tl_reader_view, G_TYPE_OBJECT)

enum { SIGNAL_OPEN_URI, SIGNAL_OPEN_PREFERENCES, N_SIGNALS };
static guint signals[N_SIGNALS];

/* --- Settings and knowledge base ------------------------------------------- */

/**
 * tl_settings_new:
 * @schema_dir: (nullable): a folder with a compiled schema (per-user install)
 *
 * Returns: (transfer full) (nullable): the plugin's settings
 */
GSettings *
tl_settings_new (const char *schema_dir)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *parent = g_settings_schema_source_get_default ();

  if (schema_dir && g_file_test (schema_dir, G_FILE_TEST_IS_DIR))
    source = g_settings_schema_source_new_from_directory (schema_dir, parent, FALSE, NULL);
  if (source == NULL && parent)
    source = g_settings_schema_source_ref (parent);
  if (source == NULL || (schema = g_settings_schema_source_lookup (source, "org.telelens.plugin", TRUE)) == NULL)
    {
      g_warning ("Telelens settings schema not found (looked in %s and the system); "
                 "reinstall the plugin", schema_dir ? schema_dir : "nowhere");
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * tl_reader_load_kb:
 *
 * The bundled knowledge base plus the user's watch list; a broken watch
 * list is reported and skipped, never fatal to the reader.
 */
TlKnowledgeBase *
tl_reader_load_kb (GError **error)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(GError) local = NULL;

  if (!tl_knowledge_base_load_bundled (kb, error))
    return NULL;
  if (!tl_knowledge_base_load_watch_list (kb, NULL, &local))
    g_warning ("Telelens watch list skipped: %s", local->message);
  return g_steal_pointer (&kb);
}

/* --- Object ------------------------------------------------------------------- */

static void pending_free (gpointer p);

static void
clear_story (TlReaderView *self)
{
  if (self->retry_id)
    {
      g_source_remove (self->retry_id);
      self->retry_id = 0;
      pending_free (g_steal_pointer (&self->retry_data));
    }
  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->u16, g_array_unref);
  g_clear_pointer (&self->story_title, g_free);
  g_clear_pointer (&self->story_url, g_free);
  g_clear_pointer (&self->story_outlet, g_free);
  g_clear_pointer (&self->story_published, g_free);
  if (self->card)
    gtk_widget_destroy (self->card);
}

static void
tl_reader_view_dispose (GObject *object)
{
  TlReaderView *self = TL_READER_VIEW (object);

  tl_reader_view_detach (self);
  clear_story (self);
  g_cancellable_cancel (self->kb_cancel);
  g_clear_object (&self->kb_cancel);
  if (self->settings_id)
    g_signal_handler_disconnect (self->settings, self->settings_id);
  self->settings_id = 0;
  g_clear_object (&self->settings);
  g_clear_object (&self->analyzer);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (tl_reader_view_parent_class)->dispose (object);
}

static void
tl_reader_view_finalize (GObject *object)
{
  TlReaderView *self = TL_READER_VIEW (object);

  g_free (self->selector);
  g_free (self->script);
  G_OBJECT_CLASS (tl_reader_view_parent_class)->finalize (object);
}

static void
tl_reader_view_class_init (TlReaderViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tl_reader_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = tl_reader_view_finalize;

  signals[SIGNAL_OPEN_URI] = g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_OPEN_PREFERENCES] = g_signal_new ("open-preferences", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tl_reader_view_init (TlReaderView *self)
{
}

/* --- Talking to the page ----------------------------------------------------------- */

static void
run_script (TlReaderView        *self,
            const char          *script,
            GAsyncReadyCallback  callback,
            gpointer             data)
{
  if (self->view == NULL)
    return;
  webkit_web_view_evaluate_javascript (self->view, script, -1, WORLD, "telelens://telelens.js",
                                       self->cancel, callback, data);
}

static char *
to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

typedef struct {
  TlReaderView *self;
  guint         serial;
} Pending;

static Pending *
pending_new (TlReaderView *self)
{
  Pending *p = g_new0 (Pending, 1);
  p->self = g_object_ref (self);
  p->serial = self->serial;
  return p;
}

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_object_unref (p->self);
  g_free (p);
}

static gboolean
pending_is_current (Pending *p)
{
  return p->self->view != NULL && p->serial == p->self->serial;
}

static void
on_script_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);

  if (value == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("page script failed: %s", error->message);
}

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
  guint upstream_refs;
  gint upstream = tl_sources_get_upstream (src, &upstream_refs);

  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    enabled[t] = g_strv_contains ((const char *const *) types, tl_entity_type_to_string (t));

  json_builder_begin_object (b);
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

  json_builder_set_member_name (b, "mentions");
  json_builder_begin_array (b);
  for (guint i = 0; decorate && i < n_mentions; i++)
    {
      const TlEntity *e = &entities[mentions[i].entity];
      g_autofree char *label = NULL;

      if (!enabled[e->type])
        continue;
      label = g_strdup_printf ("%s · %s", e->name, tl_entity_type_label (e->type));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "s");
      json_builder_add_int_value (b, u16_at (self, mentions[i].start));
      json_builder_set_member_name (b, "e");
      json_builder_add_int_value (b, u16_at (self, mentions[i].end));
      json_builder_set_member_name (b, "entity");
      json_builder_add_int_value (b, mentions[i].entity);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, tl_entity_type_to_string (e->type));
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, label);
      json_builder_end_object (b);
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

static void
set_related_state (TlReaderView *self,
                   const char   *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL, *script = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  json = to_json (node);
  script = g_strdup_printf ("telelens.setRelated(%s)", json);
  run_script (self, script, on_script_done, NULL);
}

static gboolean retry_related (gpointer data);

static void
on_related (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Pending *p = data;
  TlReaderView *self = p->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = tl_index_client_call_finish (TL_INDEX_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !pending_is_current (p))
    {
      pending_free (p);
      return;
    }
  if (node == NULL && g_error_matches (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_UNREACHABLE) &&
      self->index_starting > 0 && g_get_monotonic_time () - self->index_starting < 20 * G_USEC_PER_SEC &&
      self->retries++ < 10)
    {
      /* The host just started the index: give it a moment. */
      set_related_state (self, "Starting the local index…");
      self->retry_data = p;
      self->retry_id = g_timeout_add (1500, retry_related, p);
      return;
    }
  if (node == NULL)
    {
      g_autofree char *msg = _tl_index_problem ("Related coverage", TL_INDEX_CLIENT (source), error);
      g_debug ("related coverage: index unreachable");
      set_related_state (self, msg);
    }
  else if (!json_object_has_member (json_node_get_object (node), "results") ||
           !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (node), "results")))
    set_related_state (self, "The local index answered something unexpected.");
  else
    {
      JsonArray *results = json_object_get_array_member (json_node_get_object (node), "results");

      /* Re-serialised from the parsed tree: only data reaches the page, and
       * not the raw ranking scores (4.3929999999999998), which it does not show. */
      for (guint i = 0; i < json_array_get_length (results); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (results, i)))
          json_object_remove_member (json_array_get_object_element (results, i), "score");
      g_debug ("related coverage: %u stories", json_array_get_length (results));
      g_autofree char *json = to_json (node);
      g_autofree char *script = g_strdup_printf ("telelens.setRelated(%s)", json);
      run_script (self, script, on_script_done, NULL);
    }
  pending_free (p);
}

static void request_related (TlReaderView *self, Pending *p);

static gboolean
retry_related (gpointer data)
{
  Pending *p = data;

  p->self->retry_id = 0;
  p->self->retry_data = NULL;
  if (pending_is_current (p))
    request_related (p->self, p);
  else
    pending_free (p);
  return G_SOURCE_REMOVE;
}

static void
request_related (TlReaderView *self,
                 Pending      *p)
{
  const char *text = tl_analysis_get_text (self->analysis, NULL);

  tl_index_client_related_doc_async (self->client, self->story_title, text, self->story_url,
                                     self->story_published,
                                     (guint) g_settings_get_int (self->settings, "related-count"),
                                     self->cancel, on_related, p);
}

static void
on_applied (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Pending *p = data;
  TlReaderView *self = p->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);

  if (value == NULL || !pending_is_current (p))
    {
      if (value == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Telelens could not decorate the story: %s", error->message);
      pending_free (p);
      return;
    }
  {
    g_autoptr(JSCValue) marks = jsc_value_object_get_property (value, "marks");
    g_autoptr(JSCValue) ms = jsc_value_object_get_property (value, "ms");

    g_debug ("story decorated: %d highlighted pieces", jsc_value_to_int32 (marks));
    g_debug ("highlights %.2f ms after load-finished (decorating in the page: %.2f ms)",
             (g_get_monotonic_time () - self->shown_at) / 1000.0, jsc_value_to_double (ms));
  }
  if (self->client != NULL && g_settings_get_boolean (self->settings, "show-panel"))
    {
      self->retries = 0;
      request_related (self, g_steal_pointer (&p));
    }
  if (p)
    pending_free (p);
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
  g_autofree char *json = NULL, *script = NULL;
  g_autoptr(JsonNode) payload = NULL;
  gsize len;

  if (value == NULL || !pending_is_current (p) || !jsc_value_is_string (value))
    {
      if (value == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Telelens could not read the story: %s", error->message);
      pending_free (p);
      return;
    }
  text = jsc_value_to_string (value);
  len = strlen (text);
  g_debug ("story read %.2f ms after load-finished", (g_get_monotonic_time () - self->shown_at) / 1000.0);
  g_clear_object (&self->analysis);
  self->analysis = tl_analyzer_analyze (self->analyzer, text, len, TL_INPUT_TEXT, &error);
  if (self->analysis == NULL)
    {
      g_warning ("Telelens skipped a story: %s", error->message);
      pending_free (p);
      return;
    }
  build_u16_map (self, tl_analysis_get_text (self->analysis, NULL), len);
  payload = build_payload (self);
  json = to_json (payload);
  script = g_strdup_printf ("telelens.apply(%s)", json);
  g_debug ("story analysed %.2f ms after load-finished", (g_get_monotonic_time () - self->shown_at) / 1000.0);
  run_script (self, script, on_applied, p);
}

/* --- Cards ---------------------------------------------------------------------- */

static void
on_card_open_uri (TlCard       *card,
                  const char   *uri,
                  TlReaderView *self)
{
  g_signal_emit (self, signals[SIGNAL_OPEN_URI], 0, uri);
}

static void
show_card (TlReaderView *self,
           guint         entity,
           GdkRectangle *rect)
{
  guint n;

  if (self->analysis == NULL || self->view == NULL)
    return;
  tl_analysis_get_entities (self->analysis, &n);
  if (entity >= n)
    return;
  if (self->card)
    gtk_widget_destroy (self->card);
  self->card = tl_card_new (GTK_WIDGET (self->view), rect, self->analysis, entity, self->client,
                            self->story_url);
  g_object_add_weak_pointer (G_OBJECT (self->card), (gpointer *) &self->card);
  g_signal_connect (self->card, "open-uri", G_CALLBACK (on_card_open_uri), self);
  gtk_popover_popup (GTK_POPOVER (self->card));
}

static void
on_script_message (WebKitUserContentManager *manager,
                   WebKitJavascriptResult   *result,
                   TlReaderView             *self)
{
  JSCValue *value = webkit_javascript_result_get_js_value (result);
  g_autofree char *raw = jsc_value_is_string (value) ? jsc_value_to_string (value) : NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *msg;
  const char *type;

  /* The page is untrusted even in our own world: parse, check, bound. */
  if (raw == NULL || strlen (raw) > 4096 || !json_parser_load_from_data (parser, raw, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  msg = json_node_get_object (json_parser_get_root (parser));
  type = json_object_has_member (msg, "type") ? json_object_get_string_member (msg, "type") : NULL;
  if (g_strcmp0 (type, "prefs") == 0)
    g_signal_emit (self, signals[SIGNAL_OPEN_PREFERENCES], 0);
  else if (g_strcmp0 (type, "panel") == 0 && json_object_has_member (msg, "open"))
    g_settings_set_boolean (self->settings, "panel-open", json_object_get_boolean_member (msg, "open"));
  else if (g_strcmp0 (type, "entity") == 0 && json_object_has_member (msg, "rect") &&
           JSON_NODE_HOLDS_OBJECT (json_object_get_member (msg, "rect")))
    {
      JsonObject *r = json_object_get_object_member (msg, "rect");
      gint64 entity = json_object_get_int_member (msg, "entity");
      GdkRectangle rect = {
        (int) CLAMP (json_object_get_int_member (r, "x"), -10000, 100000),
        (int) CLAMP (json_object_get_int_member (r, "y"), -10000, 100000),
        (int) CLAMP (json_object_get_int_member (r, "w"), 1, 4000),
        (int) CLAMP (json_object_get_int_member (r, "h"), 1, 4000),
      };
      double zoom = webkit_web_view_get_zoom_level (self->view);

      rect.x = (int) (rect.x * zoom);
      rect.y = (int) (rect.y * zoom);
      rect.width = (int) (rect.width * zoom);
      rect.height = (int) (rect.height * zoom);
      if (entity >= 0)
        show_card (self, (guint) entity, &rect);
    }
}

/* --- Public --------------------------------------------------------------------- */

static void
reconnect_client (TlReaderView *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "index-url");
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->client);
  self->client = tl_index_client_new (url, &error);
  if (self->client == NULL)
    g_warning ("Telelens: %s; related coverage is off until the address is fixed in Preferences",
               error->message);
  else
    tl_index_client_set_timeout (self->client, 5);
}

static void
restyle (TlReaderView *self);

/* Scripts that arrive inside a story (an onerror, a javascript: link) are
 * not run while "block-scripts" is on. Our own script is evaluated through
 * the API in its own world, which this setting does not stop. The host's
 * value is put back on detach. */
static void
apply_script_policy (TlReaderView *self)
{
  WebKitSettings *ws;

  if (self->view == NULL)
    return;
  ws = webkit_web_view_get_settings (self->view);
  if (self->host_markup < 0)
    self->host_markup = webkit_settings_get_enable_javascript_markup (ws);
  webkit_settings_set_enable_javascript_markup (ws, g_settings_get_boolean (self->settings, "block-scripts")
                                                    ? FALSE : self->host_markup);
}

static void
on_settings_changed (GSettings    *settings,
                     const char   *key,
                     TlReaderView *self)
{
  if (g_strcmp0 (key, "panel-open") == 0)
    return;
  if (g_strcmp0 (key, "index-url") == 0)
    reconnect_client (self);
  if (g_strcmp0 (key, "block-scripts") == 0)
    apply_script_policy (self);
  if (g_strcmp0 (key, "topic-threshold") == 0 && self->analyzer)
    tl_analyzer_set_topic_threshold (self->analyzer, g_settings_get_double (settings, "topic-threshold"));
  if (g_strcmp0 (key, "topic-possible-from") == 0 && self->analyzer)
    tl_analyzer_set_topic_lower_bound (self->analyzer, g_settings_get_double (settings, "topic-possible-from"));
  /* Changes apply to the open story at once. */
  if (self->has_story)
    {
      TlStory story = { self->story_title, self->story_url, self->story_outlet, self->story_published };
      g_autofree char *t = g_strdup (story.title), *u = g_strdup (story.url);
      g_autofree char *o = g_strdup (story.outlet), *p = g_strdup (story.published);
      story.title = t, story.url = u, story.outlet = o, story.published = p;
      tl_reader_view_show (self, &story);
    }
}

static void
restyle (TlReaderView *self)
{
  WebKitUserContentManager *ucm = webkit_web_view_get_user_content_manager (self->view);
  g_autoptr(GBytes) css = g_resources_lookup_data ("/org/telelens/web/web/telelens.css", 0, NULL);

  if (css == NULL || self->style != NULL)
    return;
  self->style = webkit_user_style_sheet_new (g_bytes_get_data (css, NULL), WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                             WEBKIT_USER_STYLE_LEVEL_USER, NULL, NULL);
  webkit_user_content_manager_add_style_sheet (ucm, self->style);
}

/* The knowledge base and the matcher are built once, at activation, in a
 * worker thread (tens of milliseconds), and kept: a story shown before they
 * are ready is decorated as soon as they are. */
static void
load_analyzer_thread (GTask        *task,
                      gpointer      source,
                      gpointer      data,
                      GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlKnowledgeBase) kb = tl_reader_load_kb (&error);
  TlAnalyzer *analyzer = kb ? tl_analyzer_new (kb, &error) : NULL;

  if (analyzer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, analyzer, g_object_unref);
}

static void
on_analyzer_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  TlReaderView *self = TL_READER_VIEW (source);
  g_autoptr(GError) error = NULL;
  TlAnalyzer *analyzer = g_task_propagate_pointer (G_TASK (result), &error);
  if (analyzer == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Telelens cannot load its knowledge base: %s; reinstall the plugin", error->message);
      return;
    }
  if (g_cancellable_is_cancelled (self->kb_cancel))
    {
      g_object_unref (analyzer);
      return;
    }
  self->analyzer = analyzer;
  tl_analyzer_set_topic_threshold (self->analyzer, g_settings_get_double (self->settings, "topic-threshold"));
  tl_analyzer_set_topic_lower_bound (self->analyzer, g_settings_get_double (self->settings, "topic-possible-from"));
  g_debug ("knowledge base ready");
  if (self->show_pending && self->has_story)
    {
      TlStory story = { self->story_title, self->story_url, self->story_outlet, self->story_published };
      g_autofree char *t = g_strdup (story.title), *u = g_strdup (story.url);
      g_autofree char *o = g_strdup (story.outlet), *p = g_strdup (story.published);
      gint64 shown_at = self->shown_at;
      story.title = t, story.url = u, story.outlet = o, story.published = p;
      tl_reader_view_show (self, &story);
      self->shown_at = shown_at;   /* timed from the host's load-finished, wait included */
      g_debug ("the story waited %.2f ms for the knowledge base", (g_get_monotonic_time () - shown_at) / 1000.0);
    }
  self->show_pending = FALSE;
}

/**
 * tl_reader_view_new:
 * @view: the host's story view
 * @settings: the plugin's settings
 * @body_selector: CSS selector of the story body (`#content` in Liferea)
 *
 * Returns: (transfer full): a reader view attached to @view
 */
TlReaderView *
tl_reader_view_new (WebKitWebView *view,
                    GSettings     *settings,
                    const char    *body_selector)
{
  TlReaderView *self = g_object_new (TL_TYPE_READER_VIEW, NULL);
  WebKitUserContentManager *ucm = webkit_web_view_get_user_content_manager (view);
  g_autoptr(GBytes) js = g_resources_lookup_data ("/org/telelens/web/web/telelens.js", 0, NULL);
  g_autoptr(GTask) task = NULL;

  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->settings = g_object_ref (settings);
  self->selector = g_strdup (body_selector);
  self->script = g_strndup (g_bytes_get_data (js, NULL), g_bytes_get_size (js));
  self->kb_cancel = g_cancellable_new ();
  task = g_task_new (self, self->kb_cancel, on_analyzer_loaded, NULL);
  g_task_set_source_tag (task, tl_reader_view_new);
  g_task_run_in_thread (task, load_analyzer_thread);
  reconnect_client (self);
  restyle (self);
  /* Defined (and compiled) when each page starts loading, so the first
   * story after start-up does not wait for it. */
  self->page_script = webkit_user_script_new_for_world (self->script, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                        WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                                        WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (ucm, self->page_script);
  self->host_markup = -1;
  apply_script_policy (self);

  /* Never register the same handler twice on one view (hosts may
   * activate the plugin again). */
  if (!g_object_get_data (G_OBJECT (ucm), "telelens-handler"))
    {
      webkit_user_content_manager_register_script_message_handler_in_world (ucm, "telelens", WORLD);
      g_object_set_data (G_OBJECT (ucm), "telelens-handler", GINT_TO_POINTER (1));
    }
  self->message_id = g_signal_connect (ucm, "script-message-received::telelens",
                                       G_CALLBACK (on_script_message), self);
  self->settings_id = g_signal_connect (settings, "changed", G_CALLBACK (on_settings_changed), self);
  return self;
}

/**
 * tl_reader_view_show:
 * @self: a #TlReaderView
 * @story: the story the view now shows
 *
 * Reads the story's text from the page, analyses it, decorates the page and
 * asks the index for related coverage. Safe to call again for the same
 * story (the page is cleaned first).
 */
void
tl_reader_view_show (TlReaderView  *self,
                     const TlStory *story)
{
  g_autofree char *script = NULL;
  g_autofree char *sel = NULL;

  g_return_if_fail (TL_IS_READER_VIEW (self));
  if (self->view == NULL)
    return;
  clear_story (self);
  self->shown_at = g_get_monotonic_time ();
  self->serial++;
  self->cancel = g_cancellable_new ();
  self->story_title = g_strdup (story->title);
  self->story_url = g_strdup (story->url);
  self->story_outlet = g_strdup (story->outlet);
  self->story_published = g_strdup (story->published);
  self->has_story = TRUE;
  self->show_pending = self->analyzer == NULL;
  if (self->show_pending)
    return;   /* decorated when the knowledge base is ready */

  /* One round trip: the page script (already there when the page was
   * loaded with it; it returns at once then), and the story's text. */
  sel = g_strescape (self->selector, NULL);
  script = g_strdup_printf ("%s;\ntelelens.collect(\"%s\")", self->script, sel);
  run_script (self, script, on_collected, pending_new (self));
}

void
tl_reader_view_clear (TlReaderView *self)
{
  g_return_if_fail (TL_IS_READER_VIEW (self));
  clear_story (self);
  self->serial++;
  self->has_story = FALSE;
  if (self->view)
    webkit_web_view_evaluate_javascript (self->view, "window.telelens && telelens.clear()", -1, WORLD,
                                         NULL, NULL, NULL, NULL);
}

/* Undoes what the view added to the web view (host deactivation). */
void
tl_reader_view_detach (TlReaderView *self)
{
  g_cancellable_cancel (self->kb_cancel);
  if (self->view == NULL)
    return;
  tl_reader_view_clear (self);
  {
    WebKitUserContentManager *ucm = webkit_web_view_get_user_content_manager (self->view);
    if (self->message_id)
      g_signal_handler_disconnect (ucm, self->message_id);
    if (self->style)
      webkit_user_content_manager_remove_style_sheet (ucm, self->style);
    if (self->page_script)
      webkit_user_content_manager_remove_script (ucm, self->page_script);
  }
  self->message_id = 0;
  g_clear_pointer (&self->style, webkit_user_style_sheet_unref);
  g_clear_pointer (&self->page_script, webkit_user_script_unref);
  if (self->host_markup >= 0)
    webkit_settings_set_enable_javascript_markup (webkit_web_view_get_settings (self->view), self->host_markup);
  self->host_markup = -1;
  g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
  self->view = NULL;
}

/**
 * tl_reader_view_index_starting:
 * @self: a #TlReaderView
 *
 * The host has just started the local index: for a short while, an
 * unreachable index is retried rather than reported.
 */
void
tl_reader_view_index_starting (TlReaderView *self)
{
  g_return_if_fail (TL_IS_READER_VIEW (self));
  self->index_starting = g_get_monotonic_time ();
}

TlAnalysis *
tl_reader_view_get_analysis (TlReaderView *self)
{
  g_return_val_if_fail (TL_IS_READER_VIEW (self), NULL);
  return self->analysis;
}
