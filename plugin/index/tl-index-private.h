/* tl-index-private.h — what the index's shared files use
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-index.h"
#include "tl-index-features.h"
#include "tl-index-store.h"

G_BEGIN_DECLS

/* The most text a story may have: as the analyzer. */
#define _TL_INDEX_MAX_TEXT_BYTES ((gsize) 4 * 1024 * 1024)

TlAnalyzer                  *_tl_index_analyzer (TlIndex *self);
TlIndexStore                *_tl_index_store    (TlIndex *self);
const TlIndexStoreInterface *_tl_index_vt       (TlIndex *self);

typedef enum {
  TL_INDEX_STORE_UNKNOWN,
  TL_INDEX_STORE_SQLITE,
  TL_INDEX_STORE_POSTGRESQL,
} TlIndexStoreKind;

TlIndexStoreKind _tl_index_location_kind         (const char  *location,
                                                  char       **out_path,
                                                  GError     **error);

void          _tl_index_json_add_date (JsonBuilder *b,
                                       const char  *member,
                                       gint64       t);

G_END_DECLS
