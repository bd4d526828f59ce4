/* tl-attribution-private.h — who said what
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-analysis-private.h"
#include "tl-cue-lexicon-private.h"

G_BEGIN_DECLS

void _tl_attribution_run (TlCueLexicon *cues,
                          TlAnalysis   *analysis,
                          GArray       *tokens);

G_END_DECLS
