/* tl-pg-store.h — a team's index: a TlIndexStore in PostgreSQL (libpq)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-index-store.h"

G_BEGIN_DECLS

#define TL_TYPE_PG_STORE (tl_pg_store_get_type ())
G_DECLARE_FINAL_TYPE (TlPgStore, tl_pg_store, TL, PG_STORE, GObject)

TlIndexStore *tl_pg_store_open (const char  *url,
                                GError     **error);

G_END_DECLS
