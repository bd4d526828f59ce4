/* tl-index-store.c — the storage interface (tl-index-store.h says what it is)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-store.h"

G_DEFINE_INTERFACE (TlIndexStore, tl_index_store, G_TYPE_OBJECT)

static void
tl_index_store_default_init (TlIndexStoreInterface *iface)
{
  (void) iface;
}

void
_tl_store_hit_clear (gpointer data)
{
  TlStoreHit *h = data;
  g_free (h->id);
  g_free (h->title);
  g_free (h->outlet);
  g_free (h->url);
  g_free (h->snippet);
}

void
_tl_store_latest_clear (gpointer data)
{
  TlStoreLatest *l = data;
  g_free (l->id);
  g_free (l->title);
  g_free (l->url);
  g_free (l->outlet);
}

void
_tl_store_point_clear (gpointer data)
{
  g_free (((TlStorePoint *) data)->start);
}
