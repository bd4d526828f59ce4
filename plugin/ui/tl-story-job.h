/* tl-story-job.h — a shown story's analysis and the page's highlights message
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * GLib, json-glib and the analysis only (no WebKit, no GSettings object), so
 * it is tested on its own (tests/test-story-job.c).
 */
#pragma once

#include <gio/gio.h>
#include <telelens/telelens.h>

G_BEGIN_DECLS

/* Stories up to this many bytes are analysed where they arrive (the main
 * thread): well under a millisecond each, where a thread's wake-up and the
 * main loop's would cost more on a busy machine. Longer ones (up to the
 * analyzer's 4 MiB, tens to hundreds of ms) in a worker thread. */
#define TL_STORY_JOB_INLINE_MAX (64 * 1024)

/* What the reader's settings say, read on the main thread. */
typedef struct {
  char     *scheme;           /* color-scheme */
  GStrv     types;            /* highlight-types */
  gboolean  topic_only;
  gboolean  show_panel;
  gboolean  panel_open;
  gboolean  leave_off_topic;  /* an off-topic story stays untouched (Evolution) */
  double    topic_threshold;  /* topic-threshold: the verdict is judged by these, */
  double    topic_possible_from;  /* not by the analyzer shared with other workers */
} TlStoryOptions;

typedef struct {
  TlAnalysis *analysis;
  char       *script;      /* telelens.apply({…}); NULL: leave the story untouched */
  gboolean    in_worker;   /* analysed in a worker thread */
  char       *payload;     /* the JSON telelens.apply() takes; NULL with script */
} TlStoryResult;

void           tl_story_options_free (TlStoryOptions *opts);
char          *tl_story_options_to_json   (const TlStoryOptions *opts);
TlStoryOptions *tl_story_options_from_json (const char          *json);
void           tl_story_result_free  (TlStoryResult  *res);
TlStoryResult *tl_story_job_run      (TlAnalyzer           *analyzer,
                                      const char           *text,
                                      gsize                 len,
                                      const TlStoryOptions *opts,
                                      GError              **error);
void           tl_story_job_run_async (TlAnalyzer          *analyzer,
                                       char                *text,
                                       gsize                len,
                                       TlStoryOptions      *opts,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
TlStoryResult *tl_story_job_run_finish (GAsyncResult        *result,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlStoryOptions, tl_story_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlStoryResult, tl_story_result_free)

G_END_DECLS
