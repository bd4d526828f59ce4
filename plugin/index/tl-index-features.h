/* tl-index-features.h — what the index derives from a story, without SQLite
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Pure functions of a story's fields (URL, title, text): the normalised
 * URL and the story id derived from it. Nothing here touches the database,
 * so tests and benchmarks can call them directly.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *_tl_index_normalize_url    (const char *url);
char *_tl_index_derive_id        (const char *url,
                                  const char *title,
                                  const char *text);

/* Schema 1 (before query parameters counted): only to migrate old indexes. */
char *_tl_index_normalize_url_v1 (const char *url);
char *_tl_index_derive_id_v1     (const char *url,
                                  const char *title,
                                  const char *text);

/* Story words (title and the first TL_INDEX_STORY_WORD_BYTES of the text),
 * counted by ingest and compared by related coverage. */
#define TL_INDEX_STORY_WORD_BYTES 3000

void     _tl_index_foreach_story_word (const char *title,
                                       const char *text,
                                       void      (*func) (const char *word, gpointer data),
                                       gpointer    data);
guint64  _tl_index_word_hash          (const char *word);

/* Which of a target's story words each candidate has (related coverage):
 * built once per query from the target's word hashes, then each candidate's
 * title and text are read once, nothing sorted but the few shared words. */
typedef struct _TlWordMatcher TlWordMatcher;
TlWordMatcher *_tl_word_matcher_new   (const guint64 *hashes,
                                       guint          n);
void           _tl_word_matcher_free  (TlWordMatcher *m);
guint          _tl_word_matcher_match (TlWordMatcher *m,
                                       const char    *title,
                                       const char    *text,
                                       GArray        *hits);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlWordMatcher, _tl_word_matcher_free)

/* Copies of a text: SimHash over word trigrams, compared by Hamming distance. */
guint64  _tl_simhash                 (const char *text,
                                      gsize       len);
guint    _tl_index_hamming           (guint64     a,
                                      guint64     b);

/* A user's search (words and "phrases") as an FTS5 query that cannot be
 * read as FTS5 syntax: every word and phrase quoted, all required. */
char    *_tl_index_search_match      (const char  *query,
                                      GPtrArray  **phrases);
char    *_tl_index_snippet           (const char  *text,
                                      gint64       first,
                                      guint        n);

G_END_DECLS
