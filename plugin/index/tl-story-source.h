/* tl-story-source.h — a source of stories for the index
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The index knows no host. A reader that keeps its stories somewhere (the
 * Liferea database, Evolution's News and Blogs) offers them through this
 * interface, implemented outside the index library (plugin/sources/NAME/),
 * and tl_story_source_import() adds them incrementally:
 *
 *   - read() hands the stories after a cursor to a callback, oldest first,
 *     each with the cursor just after it. The cursor is the source's own
 *     opaque string (Liferea: the item id); NULL means "from the start".
 *   - The index keeps the cursor of the last story it stored in its state,
 *     under "NAME_last_item", committed with the stories, so an import that
 *     stops (a crash, a full disk, max_stories) resumes exactly there.
 *   - get_watch_paths() names the files whose change means new stories, so
 *     `telelens serve` can follow the source while it runs.
 *
 * A story without text is counted as seen and skipped; a story the index
 * refuses as invalid is skipped with a debug message; any other error stops
 * the import with what was stored before it kept.
 */
#pragma once

#include "tl-index.h"

G_BEGIN_DECLS

#define TL_TYPE_STORY_SOURCE (tl_story_source_get_type ())
G_DECLARE_INTERFACE (TlStorySource, tl_story_source, TL, STORY_SOURCE, GObject)

/**
 * TlStoryFunc:
 * @doc: a story; @doc->id must be stable (the same story always has the
 *   same id, prefixed with the source's name), @doc->text may be %NULL
 * @cursor: the source's cursor just after this story
 * @data: the callback's data
 * @error: return location for a #GError
 *
 * Returns: %FALSE (with @error set) to stop reading
 */
typedef gboolean (*TlStoryFunc) (const TlIndexDoc  *doc,
                                 const char        *cursor,
                                 gpointer           data,
                                 GError           **error);

/**
 * TlStorySourceInterface:
 * @get_name: a short lowercase name, such as "liferea" (messages, state key)
 * @get_watch_paths: (transfer full): files to watch for new stories, or %NULL
 * @read: calls @func for at most @max_stories stories after @cursor, in
 *   order; sets @out_remaining (when not %NULL) to how many are left after
 *   the last one read (0: all read). Errors are #TL_INDEX_ERROR: _OPEN when
 *   the source is missing, _FOREIGN when it cannot be read as expected, or
 *   the error @func returned.
 */
struct _TlStorySourceInterface {
  GTypeInterface parent_iface;

  const char * (*get_name)        (TlStorySource  *self);
  char      ** (*get_watch_paths) (TlStorySource  *self);
  gboolean     (*read)            (TlStorySource  *self,
                                   const char     *cursor,
                                   guint           max_stories,
                                   TlStoryFunc     func,
                                   gpointer        data,
                                   guint          *out_remaining,
                                   GError        **error);
};

const char  *tl_story_source_get_name        (TlStorySource  *self);
char       **tl_story_source_get_watch_paths (TlStorySource  *self);
gboolean     tl_story_source_read            (TlStorySource  *self,
                                              const char     *cursor,
                                              guint           max_stories,
                                              TlStoryFunc     func,
                                              gpointer        data,
                                              guint          *out_remaining,
                                              GError        **error);

gboolean     tl_story_source_import          (TlStorySource  *self,
                                              TlIndex        *index,
                                              guint           max_stories,
                                              guint          *out_added,
                                              guint          *out_seen,
                                              guint          *out_remaining,
                                              GError        **error);

G_END_DECLS
