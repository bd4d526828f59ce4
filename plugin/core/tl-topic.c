#define G_LOG_DOMAIN "telelens"
#include "tl-config.h"
#include "tl-topic-private.h"
struct _TlTopicModel { double t; };
TlTopicModel *_tl_topic_model_load (GError **error) { return g_new0 (TlTopicModel, 1); }
void _tl_topic_model_free (TlTopicModel *m) { g_free (m); }
void _tl_topic_score (TlTopicModel *m, TlAnalysis *a) { }
double _tl_topic_model_get_threshold (TlTopicModel *m) { return m->t; }
void _tl_topic_model_set_threshold (TlTopicModel *m, double t) { m->t = t; }
