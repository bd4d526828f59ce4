/* tl-analysis-private.h — building a TlAnalysis
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "telelens/telelens.h"
#include "tl-text-private.h"

G_BEGIN_DECLS

typedef struct {
  char   *name;       /* what fired, e.g. "term:rip and replace" */
  double  weight;
} TlTopicSignal;

struct _TlAnalysis {
  GObject        parent_instance;
  TlText        *text;        /* owned */
  GArray        *mentions;    /* TlMention */
  GArray        *entities;    /* TlEntity */
  GArray        *attributions;/* TlAttribution */
  GArray        *signals;     /* TlTopicSignal */
  double         topic_score;
  gboolean       topic;
  gboolean       is_html;
};

/* One row per distinct source of a story's statements. */
typedef struct {
  char         *name;
  gint          entity;
  TlSourceKind  kind;
  guint         count;
  guint         direct;
} TlSourceRow;

typedef struct {
  GArray *rows;          /* TlSourceRow */
  guint  *row_of;        /* attribution index → row */
  guint   unnamed;       /* statements from role-only or anonymous sources */
  gint    upstream;      /* entity index of the outlet leaned on, or -1 */
  guint   upstream_refs;
} TlSources;

void        _tl_sources_collect        (TlAnalysis  *self,
                                        TlSources   *out);
void        _tl_sources_clear          (TlSources   *sources);
void        _tl_analysis_build_sources (TlAnalysis  *self,
                                        JsonBuilder *builder);
TlAnalysis *_tl_analysis_new (TlText *text,
                              gboolean is_html);

G_END_DECLS
