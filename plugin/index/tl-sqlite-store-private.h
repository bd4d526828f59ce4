/* tl-sqlite-store-private.h — what the SQLite store's files share
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include "tl-sqlite-store.h"
#include "tl-index-features.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* 1: ids from the URL without its query; 2: with it, and doc_aliases;
 * 3: terms counts story words, not only headline and lead words. */
#define _TL_SQLITE_SCHEMA_VERSION 3

struct _TlSqliteStore {
  GObject     parent_instance;
  char       *path;
  sqlite3    *db;
  guint       depth;   /* nested begin/commit */
  GHashTable *stmts;   /* SQL text → prepared statement, reused */
};

sqlite3_stmt *_tl_sqlite_stmt     (TlSqliteStore *self,
                                   const char    *sql,
                                   GError       **error);
sqlite3_stmt *_tl_sqlite_prepare  (TlSqliteStore *self,
                                   const char    *sql,
                                   GError       **error);
gboolean      _tl_sqlite_fail     (TlSqliteStore *self,
                                   int            rc,
                                   const char    *what,
                                   GError       **error);
gboolean      _tl_sqlite_migrate  (TlSqliteStore *self,
                                   GError       **error);
void          _tl_sqlite_query_iface_init (TlIndexStoreInterface *iface);
gboolean      _tl_sqlite_register_search  (sqlite3 *db);

G_END_DECLS
