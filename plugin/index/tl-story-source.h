/* tl-story-source.h — a source of stories for the index
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The index knows no host. A reader that keeps its stories somewhere (the
 * Liferea database, Evolution's News and Blogs) offers them through this
 * interface, implemented outside the index library (plugin/sources/NAME/),
 * and tl_story_source_import() adds them incrementally. A source only
 * lists and loads; the loop is here, the same for every source:
 *
 *   - list() says which stories come after a cursor, oldest first, without
 *     reading their text; load() reads one of them; get_cursor() says the
 *     cursor after the first N of a listing. The cursor is the source's own
 *     opaque string (Liferea: the item id); NULL means "from the start".
 *   - The index keeps the cursor of the last story it stored in its state,
 *     under "NAME_last_item", committed with the stories, so an import that
 *     stops (a crash, a full disk, max_stories) resumes exactly there.
 *   - get_watch_paths() names the files whose change means new stories, so
 *     `telelens serve` can follow the source while it runs.
 *
 * A story without text is counted as seen and not stored; a story the
 * source cannot read (load() fails with TL_INDEX_ERROR_FOREIGN) or the
 * index refuses as invalid is skipped with a message naming it; any other
 * error stops the import with what was stored before it kept.
 */
#pragma once

#include "tl-index.h"

G_BEGIN_DECLS

#define TL_TYPE_STORY_SOURCE (tl_story_source_get_type ())
G_DECLARE_INTERFACE (TlStorySource, tl_story_source, TL, STORY_SOURCE, GObject)

/**
 * TlStorySourceInterface:
 * @get_name: a short lowercase name, such as "liferea" (messages, state key)
 * @get_watch_paths: (transfer full): files to watch for new stories, or %NULL
 * @list: the stories after @cursor, oldest first: returns a listing (the
 *   source's own, freed with @free_listing) and its length in @out_n, or
 *   %NULL with @error set: #TL_INDEX_ERROR_OPEN when the source is missing,
 *   _FOREIGN when it cannot be read as expected
 * @load: reads story @i of @listing into @doc (all fields allocated, freed
 *   with tl_index_doc_clear(); @doc->id stable and prefixed with the
 *   source's name; @doc->text may be %NULL). Fails with _FOREIGN for a
 *   story that cannot be read (it is skipped), any other error stops
 * @get_cursor: (transfer full): the cursor after the first @n_read (> 0)
 *   stories of @listing
 * @free_listing: frees a listing
 */
struct _TlStorySourceInterface {
  GTypeInterface parent_iface;

  const char * (*get_name)        (TlStorySource  *self);
  char      ** (*get_watch_paths) (TlStorySource  *self);
  gpointer     (*list)            (TlStorySource  *self,
                                   const char     *cursor,
                                   guint          *out_n,
                                   GError        **error);
  gboolean     (*load)            (TlStorySource  *self,
                                   gpointer        listing,
                                   guint           i,
                                   TlIndexDoc     *doc,
                                   GError        **error);
  char       * (*get_cursor)      (TlStorySource  *self,
                                   gpointer        listing,
                                   guint           n_read);
  void         (*free_listing)    (TlStorySource  *self,
                                   gpointer        listing);
};

const char  *tl_story_source_get_name        (TlStorySource  *self);
char       **tl_story_source_get_watch_paths (TlStorySource  *self);

gboolean     tl_story_source_import          (TlStorySource  *self,
                                              TlIndex        *index,
                                              guint           max_stories,
                                              guint          *out_added,
                                              guint          *out_seen,
                                              guint          *out_remaining,
                                              GError        **error);

G_END_DECLS
