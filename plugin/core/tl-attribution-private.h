/* tl-attribution-private.h — who said what
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-analysis-private.h"

G_BEGIN_DECLS

typedef struct _TlCueLexicon TlCueLexicon;

TlCueLexicon *_tl_cue_lexicon_load  (GError      **error);
void          _tl_cue_lexicon_free  (TlCueLexicon *cues);
void          _tl_attribution_run   (TlCueLexicon *cues,
                                     TlAnalysis   *analysis,
                                     GArray       *tokens);

G_END_DECLS
