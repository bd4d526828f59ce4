/* tl-story-source.c — a source of stories, and the incremental import from one
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-story-source.h"

G_DEFINE_INTERFACE (TlStorySource, tl_story_source, G_TYPE_OBJECT)

static void
tl_story_source_default_init (TlStorySourceInterface *iface)
{
}

/**
 * tl_story_source_get_name:
 *
 * Returns: the source's short name ("liferea")
 */
const char *
tl_story_source_get_name (TlStorySource *self)
{
  g_return_val_if_fail (TL_IS_STORY_SOURCE (self), NULL);
  return TL_STORY_SOURCE_GET_IFACE (self)->get_name (self);
}

/**
 * tl_story_source_get_watch_paths:
 *
 * Returns: (transfer full) (nullable): files whose change means new stories
 */
char **
tl_story_source_get_watch_paths (TlStorySource *self)
{
  TlStorySourceInterface *iface;

  g_return_val_if_fail (TL_IS_STORY_SOURCE (self), NULL);
  iface = TL_STORY_SOURCE_GET_IFACE (self);
  return iface->get_watch_paths ? iface->get_watch_paths (self) : NULL;
}

/* --- Import ------------------------------------------------------------------- */

#define BATCH 200   /* stories per transaction: the cursor is committed with them */
#define IMPORT_ATTEMPTS 4   /* a batch stored at most this often */

typedef struct {
  TlStorySource *source;
  TlIndex       *index;
  gpointer       listing;
  char          *state_key;
  guint          added, seen, batch;
  gboolean       in_tx;
  guint          stored;    /* items of the listing whose stories are stored for good */
  char          *failed;    /* the id of the story that could not be stored */
} Import;

/* Stores the cursor after the first @n_read stories with what came before. */
static gboolean
import_commit (Import  *im,
               guint    n_read,
               GError **error)
{
  g_autofree char *cursor = TL_STORY_SOURCE_GET_IFACE (im->source)->get_cursor (im->source, im->listing, n_read);

  if (!im->in_tx && !tl_index_begin (im->index, error))
    return FALSE;
  im->in_tx = TRUE;
  if (!tl_index_set_state (im->index, im->state_key, cursor, error) ||
      !tl_index_commit (im->index, error))
    return FALSE;
  im->in_tx = FALSE;
  im->batch = 0;
  im->stored = n_read;
  return TRUE;
}

/* Story @i: loaded, stored when it has text; one the source cannot read,
 * or the index refuses, is skipped with a message. */
static gboolean
import_one (Import  *im,
            guint    i,
            GError **error)
{
  TlStorySourceInterface *iface = TL_STORY_SOURCE_GET_IFACE (im->source);
  const char *name = iface->get_name (im->source);
  g_auto(TlIndexDoc) doc = { .published = TL_INDEX_NO_DATE };
  g_autoptr(GError) local = NULL;
  gboolean is_new = FALSE;

  im->seen++;
  if (!iface->load (im->source, im->listing, i, &doc, &local))
    {
      if (!g_error_matches (local, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_message ("%s: %s; skipped", name, local->message);
      return TRUE;
    }
  if (doc.text == NULL || *doc.text == '\0')
    return TRUE;   /* title only: the cursor moves past it */
  if (!im->in_tx && !tl_index_begin (im->index, error))
    return FALSE;
  im->in_tx = TRUE;
  if (!tl_index_add (im->index, &doc, NULL, &is_new, &local))
    {
      if (!g_error_matches (local, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID))
        {
          g_free (im->failed);
          im->failed = g_strdup (doc.id);
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_message ("%s: story %s skipped: %s", name, doc.id ? doc.id : "(no id)", local->message);
    }
  im->added += is_new;
  return TRUE;
}

/* Says in @error which items are stored and which are not: the import
 * stopped at item @i (0-based) of @n. */
static void
import_stopped (Import  *im,
                guint    i,
                guint    n,
                GError **error)
{
  const char *name = TL_STORY_SOURCE_GET_IFACE (im->source)->get_name (im->source);
  g_autofree char *where = im->failed ? g_strdup_printf (" (story %s)", im->failed) : g_strdup ("");
  g_autofree char *stored = NULL;
  GError *e = *error;

  if (im->stored == 0)
    stored = g_strdup_printf ("none of the %u items is stored", n);
  else if (im->stored < n)
    stored = g_strdup_printf ("items 1–%u are stored, items %u–%u are not", im->stored, im->stored + 1, n);
  else
    stored = g_strdup_printf ("all %u items are stored", n);
  *error = g_error_new (e->domain, e->code,
                        "import from %s stopped at item %u of %u%s: %s; %s: run the import again once that "
                        "is fixed (stories already stored are skipped)",
                        name, MIN (i + 1, n), n, where, e->message, stored);
  g_error_free (e);
}

/**
 * tl_story_source_import:
 * @self: a source of stories
 * @index: the index
 * @max_stories: read at most this many now (%G_MAXUINT: all), so a service
 *   can keep answering between steps while a large source is read
 * @out_added: (out): stories added
 * @out_seen: (out): stories read
 * @out_remaining: (out) (optional): stories still to read after this step
 * @error: return location for a #GError
 *
 * Adds the stories after the cursor the index keeps for this source, and
 * moves the cursor with them. On failure, the stories stored before it stay,
 * with their cursor; a second call resumes there. The error then says which
 * items of this step are stored and which are not (a batch not yet
 * committed is not, tl_index_stores_at_commit()).
 *
 * Returns: %TRUE on success
 */
gboolean
tl_story_source_import (TlStorySource  *self,
                        TlIndex        *index,
                        guint           max_stories,
                        guint          *out_added,
                        guint          *out_seen,
                        guint          *out_remaining,
                        GError        **error)
{
  TlStorySourceInterface *iface;
  Import im = { self, index, NULL, NULL, 0, 0, 0, FALSE, 0, NULL };
  g_autoptr(GError) local = NULL;
  g_autofree char *cursor = NULL;
  gboolean was_bulk, at_commit;
  guint n = 0, i = 0, at = 0, limit, start = 0, start_added = 0, start_seen = 0, attempt = 1;
  gboolean ok = TRUE;

  g_return_val_if_fail (TL_IS_STORY_SOURCE (self), FALSE);
  g_return_val_if_fail (TL_IS_INDEX (index), FALSE);
  *out_added = *out_seen = 0;
  if (out_remaining)
    *out_remaining = 0;
  iface = TL_STORY_SOURCE_GET_IFACE (self);
  im.state_key = g_strconcat (iface->get_name (self), "_last_item", NULL);
  tl_index_get_state (index, im.state_key, &cursor);
  /* One transaction per batch on every store (on PostgreSQL each story
   * otherwise commits alone, 3× slower); a batch rolled back by a failure
   * that may pass (the connection lost) is read and stored again. */
  was_bulk = tl_index_get_bulk (index);
  tl_index_set_bulk (index, TRUE);
  at_commit = tl_index_stores_at_commit (index);

  im.listing = iface->list (self, cursor, &n, &local);
  if (im.listing == NULL)
    ok = FALSE;
  limit = MIN (n, max_stories);
  while (ok && i < limit)
    {
      at = i;
      ok = import_one (&im, i, &local);
      if (ok && !at_commit)
        im.stored = i + 1;
      if (ok && (++im.batch >= BATCH || i + 1 == limit))
        ok = import_commit (&im, i + 1, &local);
      if (!ok && attempt < IMPORT_ATTEMPTS && tl_index_can_retry (index, local))
        {
          /* The batch was rolled back (or its commit failed): again from
           * its first story, with the counts it started with. */
          g_autofree char *stored = im.stored == 0 ? g_strdup ("none of its items is stored yet")
                                                   : g_strdup_printf ("items 1–%u are stored", im.stored);
          g_message ("%s: %s; %s, reading items %u–%u again", iface->get_name (self), local->message, stored,
                     start + 1, i + 1);
          g_clear_error (&local);
          tl_index_rollback (index);   /* whatever is left of the batch */
          im.in_tx = FALSE;
          im.batch = 0;
          im.added = start_added;
          im.seen = start_seen;
          g_clear_pointer (&im.failed, g_free);
          i = start;
          attempt++;
          ok = TRUE;
          continue;
        }
      i++;
      if (ok && im.batch == 0)
        {
          start = i;
          start_added = im.added;
          start_seen = im.seen;
          attempt = 1;
        }
    }
  if (!ok && im.in_tx)
    tl_index_rollback (index);
  if (!ok && im.listing)
    import_stopped (&im, at, limit, &local);
  tl_index_set_bulk (index, was_bulk);
  if (im.listing)
    iface->free_listing (self, im.listing);
  g_free (im.state_key);
  g_free (im.failed);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *out_added = im.added;
  *out_seen = im.seen;
  if (out_remaining)
    *out_remaining = n - i;
  return TRUE;
}
