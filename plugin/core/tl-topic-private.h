/* tl-topic-private.h — is this story about telecom security?
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-analysis-private.h"

G_BEGIN_DECLS

typedef struct _TlTopicModel TlTopicModel;

TlTopicModel *_tl_topic_model_load (GError      **error);
void          _tl_topic_model_free (TlTopicModel *model);
void          _tl_topic_score      (TlTopicModel *model,
                                    TlAnalysis   *analysis);
double        _tl_topic_model_get_threshold (TlTopicModel *model);
void          _tl_topic_model_set_threshold (TlTopicModel *model,
                                             double        threshold);
double        _tl_topic_model_get_lower_bound (TlTopicModel *model);
void          _tl_topic_model_set_lower_bound (TlTopicModel *model,
                                               double        lower_bound);

G_END_DECLS
