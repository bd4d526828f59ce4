/* telelens.h — the one public header of the Telelens core
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#define TELELENS_INSIDE
#include "tl-types.h"
#include "tl-knowledge-base.h"
#include "tl-analysis.h"
#include "tl-sources.h"
#include "tl-analyzer.h"
#include "tl-json.h"
#undef TELELENS_INSIDE
