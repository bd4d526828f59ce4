/* tl-kb-context-private.h — context rules for ambiguous short forms
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-recognizer-private.h"

G_BEGIN_DECLS

void _tl_kb_context_filter (GArray     *hits,
                            const char *text,
                            gsize       length);

G_END_DECLS
