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

/* What `index check` says of rows in doc_entities whose entity has no row
 * in entities (both stores): what is wrong, how many, what to do. The
 * check never deletes them: copying the index into a new one analyses
 * every story again and so derives its names again. */
void
_tl_store_report_dangling (GString    *report,
                           const char *shown,
                           gint64      rows,
                           gint64      stories)
{
  g_string_append_printf (report, "  entity references: %" G_GINT64_FORMAT " name%s in %" G_GINT64_FORMAT
                          " stor%s point%s to an entity the index does not have (left out of related coverage"
                          " and timelines); nothing was changed: copy the index into a new one"
                          " (telelens index copy --from '%s' --to NEW), which derives every story's names again\n",
                          rows, rows == 1 ? "" : "s", stories, stories == 1 ? "y" : "ies",
                          rows == 1 ? "s" : "", shown);
}
