#define G_LOG_DOMAIN "telelens"
#include "tl-config.h"
#include "tl-attribution-private.h"
struct _TlCueLexicon { int dummy; };
TlCueLexicon *_tl_cue_lexicon_load (GError **error) { return g_new0 (TlCueLexicon, 1); }
void _tl_cue_lexicon_free (TlCueLexicon *c) { g_free (c); }
void _tl_attribution_run (TlCueLexicon *c, TlAnalysis *a) { }
void _tl_analysis_build_sources (TlAnalysis *self, JsonBuilder *b) { json_builder_set_member_name (b, "sources"); json_builder_begin_array (b); json_builder_end_array (b); }
