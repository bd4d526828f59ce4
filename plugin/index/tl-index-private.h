/* tl-index-private.h — what the index's files share
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include "tl-index.h"
#include "tl-index-features.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* 1: ids from the URL without its query; 2: with it, and doc_aliases;
 * 3: terms counts story words, not only headline and lead words. */
#define _TL_INDEX_SCHEMA_VERSION 3

/* The most text a story may have: as the analyzer. */
#define _TL_INDEX_MAX_TEXT_BYTES ((gsize) 4 * 1024 * 1024)

sqlite3      *_tl_index_db       (TlIndex     *self);
TlAnalyzer   *_tl_index_analyzer (TlIndex     *self);
sqlite3_stmt *_tl_index_stmt     (TlIndex     *self,
                                  const char  *sql,
                                  GError     **error);
gboolean      _tl_index_migrate  (TlIndex     *self,
                                  GError     **error);
gboolean      _tl_index_fail     (TlIndex     *self,
                                  int          rc,
                                  const char  *what,
                                  GError     **error);

void          _tl_index_json_add_date (JsonBuilder *b,
                                       const char  *member,
                                       gint64       t);

G_END_DECLS
