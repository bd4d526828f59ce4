/* tl-reader-story.c — a shown story: read its text, analyse it, decorate the page
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-reader-view-private.h"
#include "tl-story-job.h"

#include <string.h>

static void analyse_and_apply (TlReaderView *self, const char *text, gsize len, Pending *p);

/* A time the page gave (wall clock ms), in ms after load-finished, or
 * "none" (the page had not seen it happen when it answered). */
static char *
page_time (JSCValue *v,
           double    shown)
{
  double t = jsc_value_is_number (v) ? jsc_value_to_double (v) : 0;
  return t > 0 ? g_strdup_printf ("%.2f", t - shown) : g_strdup ("none");
}

/* The page has the highlights: related coverage for the panel. */
static void
story_decorated (TlReaderView *self,
                 Pending      *p)
{
  if (self->client != NULL && g_settings_get_boolean (self->settings, "show-panel"))
    {
      self->retries = 0;
      _tl_reader_view_request_related (self, g_steal_pointer (&p));
    }
  if (p)
    _tl_pending_free (p);
}

/* The page decorated the story itself, with the web process extension's
 * analysis, before it posted the text: the reader's analysis is kept (the
 * card, related coverage) and the page is not decorated a second time. */
static void
story_decorated_in_page (TlReaderView *self,
                         Pending      *p)
{
  double shown = self->shown_real / 1000.0;
  double began = self->local_start / 1000.0 - shown, done = self->local_done / 1000.0 - shown;
  g_autofree char *posted = self->page_sent_at ? g_strdup_printf ("%.2f", self->page_sent_at / 1000.0 - shown)
                                               : g_strdup ("none");

  /* The same line as a story the reader decorates (bench/bench-liferea.sh):
   * the page read the text, analysed and decorated it (began … done) before
   * it posted; nothing was sent back, so "sent the highlights" is when the
   * page began. */
  g_debug ("story decorated: %d highlighted pieces, in the web process (the page analysed and decorated it "
           "itself)", (int) self->local_marks);
  g_debug ("highlights %.2f ms after load-finished (decorating in the page: %.2f ms; the story was in the "
           "page %.2f ms after load-finished; Telelens had the text at %.2f, sent the highlights at %.2f, "
           "the page began at %.2f, Telelens heard back at %.2f; the page posted at %s, the reader's "
           "handler began at %.2f, the page's first frame after posting ran none to none)",
           MAX (done, 0.0), self->local_us / 1000.0, self->page_text_at / 1000.0 - shown,
           self->page_text_at / 1000.0 - shown, began, began, (self->heard_real / 1000.0) - shown,
           posted, self->entry_real / 1000.0 - shown);
  story_decorated (self, p);
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
    g_autoptr(JSCValue) frame_start = jsc_value_object_get_property (value, "frameStart");
    g_autoptr(JSCValue) frame_end = jsc_value_object_get_property (value, "frameEnd");
    g_autofree char *f_start = NULL, *f_end = NULL, *posted = NULL;
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
    f_start = page_time (frame_start, shown);
    f_end = page_time (frame_end, shown);
    posted = self->page_sent_at ? g_strdup_printf ("%.2f", self->page_sent_at / 1000.0 - shown) : g_strdup ("none");
    /* One line per story, for bench/bench-liferea.sh and the e2e: where the
     * time went. A text from before load-finished (the page filled first)
     * gives negative times for the story and the reader hearing of it. */
    g_debug ("highlights %.2f ms after load-finished (decorating in the page: %.2f ms; the story was in the "
             "page %.2f ms after load-finished; Telelens had the text at %.2f, sent the highlights at %.2f, "
             "the page began at %.2f, Telelens heard back at %.2f; the page posted at %s, the reader's "
             "handler began at %.2f, the page's first frame after posting ran %s to %s)",
             MAX (in_page, 0.0), jsc_value_to_double (ms), self->page_text_at / 1000.0 - shown,
             self->heard_real / 1000.0 - shown, self->sent_real / 1000.0 - shown, began, back,
             posted, self->entry_real / 1000.0 - shown, f_start, f_end);
  }
  story_decorated (self, p);
}

/* The reader's settings, for a story job (read here, on the main thread). */
static TlStoryOptions *
story_options (TlReaderView *self)
{
  TlStoryOptions *opts = g_new0 (TlStoryOptions, 1);

  opts->scheme = g_settings_get_string (self->settings, "color-scheme");
  opts->types = g_settings_get_strv (self->settings, "highlight-types");
  opts->topic_only = g_settings_get_boolean (self->settings, "topic-only");
  opts->show_panel = g_settings_get_boolean (self->settings, "show-panel");
  opts->panel_open = g_settings_get_boolean (self->settings, "panel-open");
  opts->leave_off_topic = self->leave_off_topic;
  opts->topic_threshold = g_settings_get_double (self->settings, "topic-threshold");
  opts->topic_possible_from = g_settings_get_double (self->settings, "topic-possible-from");
  return opts;
}

/* The reader's settings as the page hands them to the web process
 * extension (telelens.watch, telelens.setOptions): a JSON object. */
char *
_tl_reader_view_page_options (TlReaderView *self)
{
  g_autoptr(TlStoryOptions) opts = story_options (self);

  return tl_story_options_to_json (opts);
}

/* The story analysed: keep the analysis, decorate the page. */
static void
story_analysed (TlReaderView  *self,
                TlStoryResult *res,
                const GError  *error,
                Pending       *p)
{
  if (res == NULL)
    {
      g_warning ("Telelens skipped a story: %s", error->message);
      _tl_pending_free (p);
      return;
    }
  g_clear_object (&self->analysis);
  self->analysis = g_steal_pointer (&res->analysis);
  if (res->script == NULL)
    {
      /* Personal mail in Evolution: left as the host drew it, and its text
       * goes nowhere. */
      g_debug ("story not about telecom security: left untouched");
      _tl_pending_free (p);
      return;
    }
  if (self->page_local)
    {
      story_decorated_in_page (self, p);
      return;
    }
  self->sent_real = g_get_real_time ();
  g_debug ("story analysed %.2f ms after load-finished%s", (g_get_monotonic_time () - self->shown_at) / 1000.0,
           res->in_worker ? " (in a worker thread)" : "");
  _tl_reader_view_run_script (self, res->script, on_applied, p);
}

static void
on_story_job_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  Pending *p = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStoryResult) res = tl_story_job_run_finish (result, &error);

  /* Moved on to another story, or a newer text of this one is analysed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !_tl_pending_is_current (p))
    {
      _tl_pending_free (p);
      return;
    }
  p->self->analysing = FALSE;
  story_analysed (p->self, res, error, p);
}

/* Analyses the story's text (exactly as the page holds it) and decorates
 * the page with one script call: at once for a story of ordinary length,
 * in a worker thread for a long one (the host's main loop keeps running;
 * moving to another story cancels it). */
static void
analyse_and_apply (TlReaderView *self,
                   const char   *text,
                   gsize         len,
                   Pending      *p)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlStoryOptions) opts = story_options (self);
  g_autoptr(TlStoryResult) res = NULL;

  g_clear_object (&self->analysis);
  /* A newer text replaces one still being analysed. */
  g_cancellable_cancel (self->job_cancel);
  g_clear_object (&self->job_cancel);
  self->analysing = FALSE;
  if (len > TL_STORY_JOB_INLINE_MAX)
    {
      self->job_cancel = g_cancellable_new ();
      self->analysing = TRUE;
      g_debug ("a long story (%" G_GSIZE_FORMAT " bytes): analysed in a worker thread", len);
      tl_story_job_run_async (self->analyzer, g_strndup (text, len), len, g_steal_pointer (&opts),
                              self->job_cancel, on_story_job_done, p);
      return;
    }
  res = tl_story_job_run (self->analyzer, text, len, opts, &error);
  story_analysed (self, res, error, p);
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

  /* Also dropped when the page posted the text first (the analysis is there),
   * unless the page had decorated it itself: reading it took the page's
   * highlights off (telelens.collect), so the reader decorates it now. */
  if (value == NULL || !_tl_pending_is_current (p) || !jsc_value_is_string (value) ||
      ((self->analysis != NULL || self->analysing) && !self->page_local))
    {
      if (value == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Telelens could not read the story: %s", error->message);
      _tl_pending_free (p);
      return;
    }
  text = jsc_value_to_string (value);
  self->page_local = FALSE;
  g_debug ("story read %.2f ms after load-finished", (g_get_monotonic_time () - self->shown_at) / 1000.0);
  self->page_text_at = self->heard_real = self->entry_real = g_get_real_time ();
  self->page_sent_at = 0;
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
 * @msg: the page's story message: the body's text as the page posted it
 *   (valid UTF-8; taken), when the page saw it and posted it (wall clock,
 *   µs), and whether it decorated it itself
 * @entry_us: when the message handler began, before reading the message
 *
 * The page posted the story's text: the host has filled the body, or filled
 * it again. Kept for the story the host says is shown, and analysed now
 * when that story is already known.
 */
void
_tl_reader_view_story_text (TlReaderView  *self,
                            TlPageMessage *msg,
                            gint64         entry_us)
{
  g_free (self->page_text);
  self->page_text = g_steal_pointer (&msg->text);
  self->page_text_at = msg->number;
  self->page_sent_at = msg->sent;
  self->entry_real = entry_us;
  /* Decorated in the page already (the web process extension): the reader
   * analyses it for the panel's related coverage and the card, and does
   * not decorate it again. */
  self->page_local = msg->local;
  self->local_start = msg->local_start;
  self->local_done = msg->local_done;
  self->local_us = msg->local_us;
  self->local_marks = msg->local_marks;
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
