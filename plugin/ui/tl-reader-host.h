/* tl-reader-host.h — the reader view attached to a host's web view
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What every host adapter (Liferea 1.14/1.15, Liferea 2.0, Evolution's
 * display) does alike to put Telelens on its story view and take it off
 * again: the reader view, its links and preferences handed to the host,
 * starting the local index, and the host's own signals on the view
 * disconnected on detach. An adapter then only does what its host requires
 * (finding the view, telling the reader which story is shown).
 */
#pragma once

#include "tl-reader-view.h"

G_BEGIN_DECLS

/**
 * TlReaderHostSpec:
 * @body_selector: where the story is in the host's page (tl_reader_view_new())
 * @serve_args: (array zero-terminated=1): the host's arguments for
 *   `telelens serve` when the local index is started (tl_index_launcher_new())
 * @index_per_process: one index probe for the whole process (Evolution:
 *   many displays), asked again only when the probe was cancelled; else one
 *   per attach
 * @open_uri: opens an http(s) link the host's way (other schemes never
 *   reach it)
 * @open_preferences: shows the preferences the host's way
 *
 * A host adapter's part, static.
 */
typedef struct {
  const char         *body_selector;
  const char *const  *serve_args;
  gboolean            index_per_process;
  void              (*open_uri)         (gpointer    host,
                                         const char *uri);
  void              (*open_preferences) (gpointer    host);
} TlReaderHostSpec;

#define TL_TYPE_READER_HOST (tl_reader_host_get_type ())
G_DECLARE_FINAL_TYPE (TlReaderHost, tl_reader_host, TL, READER_HOST, GObject)

TlReaderHost  *tl_reader_host_attach     (const TlReaderHostSpec *spec,
                                          WebKitWebView          *view,
                                          GSettings              *settings,
                                          gpointer                host);
TlReaderView  *tl_reader_host_get_reader (TlReaderHost           *self);
WebKitWebView *tl_reader_host_get_view   (TlReaderHost           *self);
void           tl_reader_host_connect    (TlReaderHost           *self,
                                          const char             *signal,
                                          GCallback               callback,
                                          gpointer                data,
                                          GConnectFlags           flags);
void           tl_reader_host_detach     (TlReaderHost           *self);

G_END_DECLS
