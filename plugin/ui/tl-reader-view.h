/* tl-reader-view.h — Telelens on one WebKit story view, host-free
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A host adapter (Liferea now, Evolution next) creates one per web view,
 * tells it when a story is shown, and handles two signals: "open-uri" (open
 * a link the way the host does) and "open-preferences".
 */
#pragma once

#include <gtk/gtk.h>
#include "tl-webkit-compat.h"
#include <telelens/telelens.h>

G_BEGIN_DECLS

typedef struct {
  const char *title;
  const char *url;
  const char *outlet;
  const char *published;   /* ISO 8601 or NULL */
} TlStory;

#define TL_TYPE_READER_VIEW (tl_reader_view_get_type ())
G_DECLARE_FINAL_TYPE (TlReaderView, tl_reader_view, TL, READER_VIEW, GObject)

TlReaderView *tl_reader_view_new       (WebKitWebView *view,
                                        GSettings     *settings,
                                        const char    *body_selector);
void          tl_reader_view_show      (TlReaderView  *self,
                                        const TlStory *story);
void          tl_reader_view_clear     (TlReaderView  *self);
void          tl_reader_view_detach    (TlReaderView  *self);
TlAnalysis   *tl_reader_view_get_analysis (TlReaderView *self);
void          tl_reader_view_index_starting (TlReaderView *self);
void          tl_reader_view_set_story_roots (TlReaderView *self,
                                              const char   *expression);
void          tl_reader_view_restyle   (TlReaderView  *self);
void          tl_reader_view_set_leave_off_topic (TlReaderView *self,
                                                  gboolean      leave);
void          tl_reader_view_host_renders_story (TlReaderView *self);

GSettings    *tl_settings_new          (const char    *schema_dir);
TlKnowledgeBase *tl_reader_load_kb     (GError       **error);

G_END_DECLS
