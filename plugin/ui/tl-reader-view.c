/* tl-reader-view.c — analysis, highlights, panel and card on a story view
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The object and its public calls; the page bridge, the story flow,
 * related coverage and the card's content are in tl-reader-bridge.c,
 * tl-reader-story.c, tl-reader-related.c and tl-reader-card.c
 * (tl-reader-view-private.h). Nothing here blocks the host's main loop: page scripts and index requests
 * are asynchronous, each story gets a fresh GCancellable (cancelled when the
 * reader moves on), and a serial number drops late answers for an old story.
 * Analysis itself takes well under a millisecond (bench/); a long story is
 * analysed in a worker thread (tl-story-job.c).
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-reader-view-private.h"

G_DEFINE_FINAL_TYPE (TlReaderView, tl_reader_view, G_TYPE_OBJECT)

guint _tl_reader_view_signals[_TL_N_SIGNALS];

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

static void
clear_story (TlReaderView *self)
{
  _tl_reader_view_cancel_retry (self);
  if (self->pull_id)
    g_source_remove (self->pull_id);
  self->pull_id = 0;
  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  g_cancellable_cancel (self->job_cancel);
  g_clear_object (&self->job_cancel);
  self->analysing = FALSE;
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->story_title, g_free);
  g_clear_pointer (&self->story_url, g_free);
  g_clear_pointer (&self->story_outlet, g_free);
  g_clear_pointer (&self->story_published, g_free);
  _tl_reader_view_close_card (self);
}

static void
tl_reader_view_dispose (GObject *object)
{
  TlReaderView *self = TL_READER_VIEW (object);

  tl_reader_view_detach (self);
  g_clear_pointer (&self->guard_script, webkit_user_script_unref);   /* the view went first */
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
  g_free (self->roots_script);
  g_free (self->script);
  g_free (self->page_text);
  G_OBJECT_CLASS (tl_reader_view_parent_class)->finalize (object);
}

static void
tl_reader_view_class_init (TlReaderViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tl_reader_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = tl_reader_view_finalize;

  _tl_reader_view_signals[_TL_SIGNAL_OPEN_URI] =
    g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  _tl_reader_view_signals[_TL_SIGNAL_OPEN_PREFERENCES] =
    g_signal_new ("open-preferences", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tl_reader_view_init (TlReaderView *self)
{
}

/* --- Settings and page style ------------------------------------------------------ */

/* telelens-guard.js: in Telelens' world of every page from document start,
 * and in the page shown now; or out of both. */
static void
set_guard (TlReaderView *self,
           gboolean      on)
{
  WebKitUserContentManager *ucm = webkit_web_view_get_user_content_manager (self->view);
  g_autoptr(GBytes) js = NULL;
  g_autofree char *source = NULL;

  if (!on)
    {
      if (self->guard_script)
        webkit_user_content_manager_remove_script (ucm, self->guard_script);
      g_clear_pointer (&self->guard_script, webkit_user_script_unref);
      webkit_web_view_evaluate_javascript (self->view, "window.telelensGuard && telelensGuard.off()", -1,
                                           _TL_WORLD, NULL, NULL, NULL, NULL);
      return;
    }
  if (self->guard_script)
    return;
  js = g_resources_lookup_data ("/org/telelens/web/web/telelens-guard.js", 0, NULL);
  g_return_if_fail (js != NULL);
  source = g_strndup (g_bytes_get_data (js, NULL), g_bytes_get_size (js));
  self->guard_script = webkit_user_script_new_for_world (source, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                         WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                                         _TL_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (ucm, self->guard_script);
  webkit_web_view_evaluate_javascript (self->view, source, -1, _TL_WORLD, "telelens://telelens-guard.js",
                                       NULL, NULL, NULL);
}

/* Scripts that arrive inside a story (an onerror, a javascript: link) are
 * not run while "block-scripts" is on. Our own script is evaluated through
 * the API in its own world, which this setting does not stop. The host's
 * value is put back on detach. A host that renders the story by script
 * keeps script markup (it renders with it): there telelens-guard.js
 * defuses what a story brings, as the page adds it. */
static void
apply_script_policy (TlReaderView *self)
{
  WebKitSettings *ws;

  if (self->view == NULL)
    return;
  ws = webkit_web_view_get_settings (self->view);
  if (self->host_renders)
    {
      set_guard (self, g_settings_get_boolean (self->settings, "block-scripts"));
      return;
    }
  if (self->host_markup < 0)
    self->host_markup = webkit_settings_get_enable_javascript_markup (ws);
  webkit_settings_set_enable_javascript_markup (ws, g_settings_get_boolean (self->settings, "block-scripts")
                                                    ? FALSE : self->host_markup);
}

static void install_page_script (TlReaderView *self);

/* The page's copy of the settings (for the web process extension's
 * analysis): in the page shown now, and in every page from now on. */
static void
update_page_options (TlReaderView *self)
{
  g_autofree char *opts = NULL, *script = NULL;

  if (self->view == NULL || self->page_script == NULL)
    return;
  install_page_script (self);
  opts = _tl_reader_view_page_options (self);
  script = g_strdup_printf ("window.telelens && telelens.setOptions && telelens.setOptions(%s)", opts);
  webkit_web_view_evaluate_javascript (self->view, script, -1, _TL_WORLD, NULL, NULL, NULL, NULL);
}

static void
on_settings_changed (GSettings    *settings,
                     const char   *key,
                     TlReaderView *self)
{
  update_page_options (self);
  if (g_strcmp0 (key, "panel-open") == 0)
    return;
  if (g_strcmp0 (key, "index-url") == 0)
    _tl_reader_view_reconnect_client (self);
  if (g_strcmp0 (key, "block-scripts") == 0)
    apply_script_policy (self);
  /* Changes apply to the open story at once: topic-threshold too, which
   * each story's job takes with the other settings (never set on the
   * analyzer, which a worker may be reading); a job still running with
   * the old one is cancelled and the story analysed again. */
  if (self->has_story)
    {
      TlStory story = { self->story_title, self->story_url, self->story_outlet, self->story_published };
      g_autofree char *t = g_strdup (story.title), *u = g_strdup (story.url);
      g_autofree char *o = g_strdup (story.outlet), *p = g_strdup (story.published);
      story.title = t, story.url = u, story.outlet = o, story.published = p;
      /* Decorated again by the reader, with the new settings, also when
       * the page had decorated it itself. */
      self->page_local = FALSE;
      tl_reader_view_show (self, &story);
    }
}

static void
restyle (TlReaderView *self)
{
  WebKitUserContentManager *ucm = webkit_web_view_get_user_content_manager (self->view);
  g_autoptr(GBytes) css = g_resources_lookup_data ("/org/telelens/web/web/telelens.css", 0, NULL);

  if (css == NULL)
    return;
  if (self->style != NULL)
    {
      /* Again: some hosts (Evolution) drop every user style sheet when
       * their fonts or theme change. */
      webkit_user_content_manager_remove_style_sheet (ucm, self->style);
      webkit_user_content_manager_add_style_sheet (ucm, self->style);
      return;
    }
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
  self->analyzer = analyzer;   /* only read from now on (workers share it) */
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

/* telelens.js, after the two scripts it builds on (telelens-text.js reads
 * the story's text, telelens-dom.js makes the UI's pieces), with what it
 * needs to know first (TL_CONFIG): the style
 * sheet of its shadow roots, and whether the test-only inspect() is on
 * (only when the end-to-end test's probe runs beside it). */
static char *
page_script_source (void)
{
  g_autoptr(GBytes) text_js = g_resources_lookup_data ("/org/telelens/web/web/telelens-text.js", 0, NULL);
  g_autoptr(GBytes) dom_js = g_resources_lookup_data ("/org/telelens/web/web/telelens-dom.js", 0, NULL);
  g_autoptr(GBytes) js = g_resources_lookup_data ("/org/telelens/web/web/telelens.js", 0, NULL);
  g_autoptr(GBytes) css = g_resources_lookup_data ("/org/telelens/web/web/telelens-shadow.css", 0, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *css_text = NULL, *config = NULL;
  const char *probe = g_getenv ("TELELENS_PROBE");

  css_text = css ? g_strndup (g_bytes_get_data (css, NULL), g_bytes_get_size (css)) : g_strdup ("");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "shadowCss");
  json_builder_add_string_value (b, css_text);
  json_builder_set_member_name (b, "inspect");
  json_builder_add_boolean_value (b, probe != NULL && *probe != '\0');
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  config = _tl_to_json (node);
  return g_strdup_printf ("var TL_CONFIG = %s;\n%.*s\n%.*s\n%.*s", config,
                          (int) g_bytes_get_size (text_js), (const char *) g_bytes_get_data (text_js, NULL),
                          (int) g_bytes_get_size (dom_js), (const char *) g_bytes_get_data (dom_js, NULL),
                          (int) g_bytes_get_size (js), (const char *) g_bytes_get_data (js, NULL));
}

/* A new page: what the previous one posted is not this story's text. */
static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 TlReaderView    *self)
{
  if (event == WEBKIT_LOAD_COMMITTED)
    {
      g_clear_pointer (&self->page_text, g_free);
      self->page_local = FALSE;
      self->page_has_script = TRUE;
    }
}

/* The page script, defined (and compiled) when each page starts loading, so
 * the first story after start-up does not wait for it. With a body
 * selector it then posts the story's text the moment the host puts it into
 * the page (telelens.watch), so nothing here has to ask for it and wait; a
 * host that names the story's roots itself is asked instead. */
static void
install_page_script (TlReaderView *self)
{
  WebKitUserContentManager *ucm = webkit_web_view_get_user_content_manager (self->view);
  g_autofree char *sel = g_strescape (self->selector, NULL);
  g_autofree char *opts = _tl_reader_view_page_options (self);
  g_autofree char *source = self->roots_script ? g_strdup (self->script)
                                               : g_strdup_printf ("%s;\ntelelens.watch(\"%s\", %s);", self->script,
                                                                  sel, opts);

  if (self->page_script)
    webkit_user_content_manager_remove_script (ucm, self->page_script);
  g_clear_pointer (&self->page_script, webkit_user_script_unref);
  self->page_script = webkit_user_script_new_for_world (source, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                        WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                                        _TL_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (ucm, self->page_script);
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
  g_autoptr(GTask) task = NULL;

  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->settings = g_object_ref (settings);
  self->selector = g_strdup (body_selector);
  self->script = page_script_source ();
  self->kb_cancel = g_cancellable_new ();
  task = g_task_new (self, self->kb_cancel, on_analyzer_loaded, NULL);
  g_task_set_source_tag (task, tl_reader_view_new);
  g_task_run_in_thread (task, load_analyzer_thread);
  _tl_reader_view_reconnect_client (self);
  restyle (self);
  install_page_script (self);
  self->host_markup = -1;
  apply_script_policy (self);

  /* Never register the same handler twice on one view (hosts may
   * activate the plugin again). */
  if (!g_object_get_data (G_OBJECT (ucm), "telelens-handler"))
    {
      tl_register_script_message_handler (ucm, "telelens", _TL_WORLD);
      g_object_set_data (G_OBJECT (ucm), "telelens-handler", GINT_TO_POINTER (1));
    }
  self->message_id = g_signal_connect (ucm, "script-message-received::telelens",
                                       G_CALLBACK (_tl_reader_view_on_message), self);
  self->settings_id = g_signal_connect (settings, "changed", G_CALLBACK (on_settings_changed), self);
  self->load_id = g_signal_connect (view, "load-changed", G_CALLBACK (on_load_changed), self);
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
  g_return_if_fail (TL_IS_READER_VIEW (self));
  if (self->view == NULL)
    return;
  clear_story (self);
  self->shown_at = g_get_monotonic_time ();
  self->shown_real = g_get_real_time ();
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

  _tl_reader_view_deliver (self);
}

void
tl_reader_view_clear (TlReaderView *self)
{
  g_return_if_fail (TL_IS_READER_VIEW (self));
  clear_story (self);
  self->serial++;
  self->has_story = FALSE;
  if (self->view)
    webkit_web_view_evaluate_javascript (self->view, "window.telelens && telelens.clear()", -1, _TL_WORLD,
                                         NULL, NULL, NULL, NULL);
}

static void
forget_page (TlReaderView *self)
{
  if (self->load_id)
    g_signal_handler_disconnect (self->view, self->load_id);
  self->load_id = 0;
  g_clear_pointer (&self->page_text, g_free);
  /* The page stops posting the story's text. */
  webkit_web_view_evaluate_javascript (self->view, "window.telelens && telelens.stop && telelens.stop()", -1,
                                       _TL_WORLD, NULL, NULL, NULL, NULL);
}

/* Undoes what the view added to the web view (host deactivation). */
void
tl_reader_view_detach (TlReaderView *self)
{
  g_cancellable_cancel (self->kb_cancel);
  if (self->view == NULL)
    return;
  set_guard (self, FALSE);
  tl_reader_view_clear (self);
  forget_page (self);
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
 * tl_reader_view_restyle:
 * @self: a #TlReaderView
 *
 * Puts Telelens's style sheet back into the view: for hosts that remove
 * all user style sheets when they restyle their own (Evolution does, on
 * every font or theme change).
 */
void
tl_reader_view_restyle (TlReaderView *self)
{
  g_return_if_fail (TL_IS_READER_VIEW (self));
  if (self->view)
    restyle (self);
}

/**
 * tl_reader_view_set_leave_off_topic:
 * @self: a #TlReaderView
 * @leave: whether a story that is not about telecom security stays untouched
 *
 * With @leave (and the setting topic-only on, its default), a story judged
 * not about telecom security gets no highlights, no panel and no related
 * coverage query: hosts that show personal mail use it. Without it, such a
 * story keeps a panel that says so (Liferea).
 */
void
tl_reader_view_set_leave_off_topic (TlReaderView *self,
                                    gboolean      leave)
{
  g_return_if_fail (TL_IS_READER_VIEW (self));
  self->leave_off_topic = leave;
  update_page_options (self);
}

/**
 * tl_reader_view_host_renders_story:
 * @self: a #TlReaderView
 *
 * For hosts that render the story with their own script in the page
 * (Liferea 2.0: after load-finished, and again without a load). The page
 * script posts the story's text whenever the host (re)fills the body
 * (telelens.watch), as for every host. Script markup stays as the host set
 * it (turning it off would stop the host rendering); instead, while
 * "block-scripts" is on, telelens-guard.js strips event handlers, srcdoc
 * and javascript: addresses from whatever the page adds, before they can
 * run (Liferea 2.0 puts a story in with innerHTML and cleans it only after).
 */
void
tl_reader_view_host_renders_story (TlReaderView *self)
{
  g_return_if_fail (TL_IS_READER_VIEW (self));
  if (self->view && self->host_markup >= 0)
    webkit_settings_set_enable_javascript_markup (webkit_web_view_get_settings (self->view), self->host_markup);
  self->host_markup = -1;
  self->host_renders = TRUE;
  apply_script_policy (self);
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

/**
 * tl_reader_view_set_story_roots:
 * @self: a #TlReaderView
 * @expression: (nullable): a JavaScript expression, or %NULL for the body selector
 *
 * For hosts that render a story in same-origin iframes and want to say
 * where it is themselves: @expression is evaluated in Telelens' script
 * world of the view's top document, each time a story is shown, and gives
 * an array of the story's roots, elements or documents, in any same-origin
 * frames, e.g. `Array.from (document.querySelectorAll ('iframe'), (f) =>
 * f.contentDocument)`. The text is read from them in order, the panel goes
 * before the first, and a card opens in the top document beside its
 * highlight. The expression is the adapter's own code, never text from a
 * page.
 */
void
tl_reader_view_set_story_roots (TlReaderView *self,
                                const char   *expression)
{
  g_return_if_fail (TL_IS_READER_VIEW (self));
  g_free (self->roots_script);
  self->roots_script = expression && *expression ? g_strdup (expression) : NULL;
  /* The page posts nothing then (it is asked), and stops watching. */
  if (self->view != NULL)
    {
      install_page_script (self);
      if (self->roots_script != NULL)
        webkit_web_view_evaluate_javascript (self->view, "window.telelens && telelens.stop && telelens.stop()", -1,
                                             _TL_WORLD, NULL, NULL, NULL, NULL);
    }
}

TlAnalysis *
tl_reader_view_get_analysis (TlReaderView *self)
{
  g_return_val_if_fail (TL_IS_READER_VIEW (self), NULL);
  return self->analysis;
}

