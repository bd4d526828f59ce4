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
  gboolean       topic_possible; /* score at or above the lower bound */
  double         topic_threshold;
  double         topic_possible_from;
  gboolean       is_html;
};

TlAnalysis *_tl_analysis_new (TlText *text,
                              gboolean is_html);

G_END_DECLS
