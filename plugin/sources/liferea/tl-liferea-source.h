/* tl-liferea-source.h — Liferea's database as a source of stories
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-story-source.h"

G_BEGIN_DECLS

#define TL_TYPE_LIFEREA_SOURCE (tl_liferea_source_get_type ())
G_DECLARE_FINAL_TYPE (TlLifereaSource, tl_liferea_source, TL, LIFEREA_SOURCE, GObject)

char          *tl_liferea_default_db_path (void);
TlStorySource *tl_liferea_source_new      (const char *db_path);
const char    *tl_liferea_source_get_path (TlLifereaSource *self);

G_END_DECLS
