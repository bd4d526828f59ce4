/* tl-reader-view-private.h — what the reader view's files share
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The reader view is one object in five files: the object and its public
 * calls (tl-reader-view.c), the page bridge (tl-reader-bridge.c: scripts
 * run in Telelens' world, messages from the page), the story flow
 * (tl-reader-story.c: read the text, analyse, decorate), related coverage
 * from the index (tl-reader-related.c) and the card's content
 * (tl-reader-card.c; the page script draws it).
 */
#pragma once

#include "tl-reader-view.h"
#include "telelens/tl-index-client.h"
#include "tl-page-message.h"

G_BEGIN_DECLS

/* The script world Telelens' page script runs in. */
#define _TL_WORLD "telelens"

/* How long a shown story waits for the page to post its text before the
 * page is asked: a safety net only (a body without text, a host that
 * shows a story without changing the page). The page posts when the host
 * fills the body, which on a busy machine can be a few hundred ms after the
 * host's load-finished. */
#define _TL_PULL_AFTER_MS 1500

struct _TlReaderView {
  GObject          parent_instance;
  WebKitWebView   *view;        /* weak */
  GSettings       *settings;
  TlAnalyzer      *analyzer;    /* NULL until the knowledge base is loaded */
  GCancellable    *kb_cancel;   /* the knowledge base loading off the main thread */
  gboolean         show_pending;  /* a story came before the knowledge base */
  TlIndexClient   *client;
  char            *selector;
  char            *roots_script;  /* or a JavaScript expression for the story's roots */
  char            *script;      /* telelens.js */
  GCancellable    *cancel;
  guint            serial;
  TlAnalysis      *analysis;
  GCancellable    *job_cancel;  /* the story's analysis in a worker (a long story) */
  gboolean         analysing;   /* that analysis is under way */
  char            *story_title, *story_url, *story_outlet, *story_published;
  gboolean         has_story;
  gulong           message_id;
  gulong           settings_id;
  WebKitUserStyleSheet *style;
  WebKitUserScript *page_script;  /* telelens.js, in every page the view loads */
  GCancellable    *card_cancel;  /* the open card's index request */
  GPtrArray       *card_links;   /* the open card's links: the page knows only their numbers */
  gulong           tooltip_id;    /* no view tooltip while the card is open */
  gint64           index_starting;  /* when the host started the index, or 0 */
  gint64           shown_at;        /* when the host said the story was loaded */
  gint64           shown_real;      /* the same on the wall clock (µs), to compare with the page's */
  char            *page_text;       /* the story's text as the page posted it, or NULL */
  gint64           page_text_at;    /* when the page saw it (wall clock, µs) */
  gint64           heard_real;      /* when the reader had the text (wall clock, µs) */
  gint64           page_sent_at;    /* when the page posted it (wall clock, µs), or 0 */
  gint64           entry_real;      /* when the reader's message handler began (wall clock, µs) */
  gint64           sent_real;       /* when it sent the highlights to the page (wall clock, µs) */
  gboolean         page_local;      /* the page decorated page_text itself (the web process extension) */
  gint64           local_start, local_done, local_us;  /* its apply(): began, ended (wall clock µs), took */
  gint64           local_marks;     /* and the pieces it highlighted */
  guint            pull_id;         /* asks the page when it has posted nothing */
  gulong           load_id;         /* the view's load-changed: a new page drops page_text */
  gboolean         page_has_script; /* the page was loaded with our script, which posts the text */
  int              host_markup;     /* the view's enable-javascript-markup before us, or -1 */
  gboolean         host_renders;    /* the host renders the story by script (tl_reader_view_host_renders_story) */
  WebKitUserScript *guard_script;   /* telelens-guard.js while it defuses story scripts, or NULL */
  guint            retries;
  guint            retry_id;        /* a pending retry of related coverage */
  gpointer         retry_data;      /* its Pending */
  gboolean         leave_off_topic; /* a story not about the topic: no panel, no index query */
};

enum { _TL_SIGNAL_OPEN_URI, _TL_SIGNAL_OPEN_PREFERENCES, _TL_N_SIGNALS };
extern guint _tl_reader_view_signals[_TL_N_SIGNALS];

/* A request for the story shown when it was made: late answers for an
 * older story are dropped. */
typedef struct {
  TlReaderView *self;
  guint         serial;
} Pending;

Pending  *_tl_pending_new        (TlReaderView *self);
void      _tl_pending_free       (gpointer      data);
gboolean  _tl_pending_is_current (Pending      *p);

/* tl-reader-bridge.c */
void      _tl_reader_view_run_script  (TlReaderView        *self,
                                       const char          *script,
                                       GAsyncReadyCallback  callback,
                                       gpointer             data);
void      _tl_reader_view_script_done (GObject             *source,
                                       GAsyncResult        *result,
                                       gpointer             data);
char     *_tl_to_json                 (JsonNode            *node);
void      _tl_reader_view_on_message  (WebKitUserContentManager *manager,
                                       TlScriptMessage          *message,
                                       TlReaderView             *self);

/* tl-reader-card.c */
void      _tl_reader_view_show_card        (TlReaderView   *self,
                                            gint64          entity);
void      _tl_reader_view_open_card_link   (TlReaderView   *self,
                                            gint64          link);
void      _tl_reader_view_close_card       (TlReaderView   *self);

/* tl-reader-story.c */
void      _tl_reader_view_collect     (TlReaderView        *self);
void      _tl_reader_view_deliver     (TlReaderView        *self);
void      _tl_reader_view_story_text  (TlReaderView        *self,
                                       TlPageMessage       *msg,
                                       gint64               entry_us);
char     *_tl_reader_view_page_options (TlReaderView       *self);
void      _tl_reader_view_painted     (TlReaderView        *self,
                                       gint64               done_us,
                                       gint64               painted_us);

/* tl-reader-related.c */
void      _tl_reader_view_reconnect_client (TlReaderView   *self);
void      _tl_reader_view_request_related  (TlReaderView   *self,
                                            Pending        *p);
void      _tl_reader_view_cancel_retry     (TlReaderView   *self);
char     *_tl_index_problem                (const char     *what,
                                            TlIndexClient  *client,
                                            const GError   *error);

G_END_DECLS
