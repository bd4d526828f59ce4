/* tl-sqlite-store.h — the personal index: a TlIndexStore in one SQLite file
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-index-store.h"

G_BEGIN_DECLS

#define TL_TYPE_SQLITE_STORE (tl_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (TlSqliteStore, tl_sqlite_store, TL, SQLITE_STORE, GObject)

TlIndexStore *tl_sqlite_store_open (const char  *path,
                                    gboolean     create,
                                    GError     **error);

G_END_DECLS
