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

/**
 * tl_story_source_read:
 *
 * See #TlStorySourceInterface.
 */
gboolean
tl_story_source_read (TlStorySource  *self,
                      const char     *cursor,
                      guint           max_stories,
                      TlStoryFunc     func,
                      gpointer        data,
                      guint          *out_remaining,
                      GError        **error)
{
  g_return_val_if_fail (TL_IS_STORY_SOURCE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  if (out_remaining)
    *out_remaining = 0;
  return TL_STORY_SOURCE_GET_IFACE (self)->read (self, cursor, max_stories, func, data, out_remaining, error);
}

/* --- Import ------------------------------------------------------------------- */

#define BATCH 200   /* stories per transaction: the cursor is committed with them */

typedef struct {
  TlIndex    *index;
  const char *name;
  char       *state_key;
  char       *cursor;     /* after the last story read */
  guint       added, seen, batch;
  gboolean    in_tx;
} Import;

static gboolean
import_commit (Import  *im,
               GError **error)
{
  if (!im->in_tx && !tl_index_begin (im->index, error))
    return FALSE;
  im->in_tx = TRUE;
  if (!tl_index_set_state (im->index, im->state_key, im->cursor, error) ||
      !tl_index_commit (im->index, error))
    return FALSE;
  im->in_tx = FALSE;
  im->batch = 0;
  return TRUE;
}

static gboolean
import_one (const TlIndexDoc  *doc,
            const char        *cursor,
            gpointer           data,
            GError           **error)
{
  Import *im = data;
  g_autoptr(GError) local = NULL;
  gboolean is_new = FALSE;

  g_return_val_if_fail (cursor != NULL, FALSE);
  im->seen++;
  g_free (im->cursor);
  im->cursor = g_strdup (cursor);
  if (doc->text != NULL && *doc->text != '\0')
    {
      if (!im->in_tx && !tl_index_begin (im->index, error))
        return FALSE;
      im->in_tx = TRUE;
      if (!tl_index_add (im->index, doc, NULL, &is_new, &local))
        {
          if (!g_error_matches (local, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          g_debug ("%s story %s skipped: %s", im->name, doc->id ? doc->id : "(no id)", local->message);
        }
      im->added += is_new;
    }
  /* Title-only stories count too: the cursor moves past them. */
  if (++im->batch >= BATCH)
    return import_commit (im, error);
  return TRUE;
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
 * with their cursor; a second call resumes there.
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
  Import im = { index, NULL, NULL, NULL, 0, 0, 0, FALSE };
  guint remaining = 0;
  gboolean ok;

  g_return_val_if_fail (TL_IS_STORY_SOURCE (self), FALSE);
  g_return_val_if_fail (TL_IS_INDEX (index), FALSE);
  *out_added = *out_seen = 0;
  if (out_remaining)
    *out_remaining = 0;
  im.name = tl_story_source_get_name (self);
  im.state_key = g_strconcat (im.name, "_last_item", NULL);
  tl_index_get_state (index, im.state_key, &im.cursor);

  ok = tl_story_source_read (self, im.cursor, max_stories, import_one, &im, &remaining, error);
  if (ok && im.batch > 0)
    ok = import_commit (&im, error);
  if (!ok && im.in_tx)
    tl_index_rollback (index);
  g_free (im.state_key);
  g_free (im.cursor);
  if (!ok)
    return FALSE;
  *out_added = im.added;
  *out_seen = im.seen;
  if (out_remaining)
    *out_remaining = remaining;
  return TRUE;
}
