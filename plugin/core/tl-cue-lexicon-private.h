/* tl-cue-lexicon-private.h — the words of attribution (data/cues.json)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Phrases of lowercase words, indexed by their first and last word. */
typedef struct {
  GPtrArray  *all;       /* GStrv */
  GHashTable *by_first;  /* word → GPtrArray of GStrv */
  GHashTable *by_last;
} PhraseSet;

typedef struct _TlCueLexicon TlCueLexicon;

struct _TlCueLexicon {
  GHashTable *speech;
  PhraseSet   phrases;
  GHashTable *take_addressee;
  GHashTable *anonymous;
  GHashTable *role;
  GHashTable *document;
  GHashTable *document_participles;  /* "a report issued by …" */
  guint32     participle_ends;       /* bit (c - 'a') for each last letter c of them */
  GHashTable *org_nouns;
  GHashTable *outlet_nouns;
  GHashTable *skip;
  PhraseSet   post_modifiers;
  PhraseSet   time_phrases;
  GPtrArray  *content_stops;  /* char* */
};

TlCueLexicon *_tl_cue_lexicon_load  (GError      **error);
void          _tl_cue_lexicon_free  (TlCueLexicon *cues);

G_END_DECLS
