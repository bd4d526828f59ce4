/* tl-lexicon-private.h — word lists behind the name heuristics
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "telelens/telelens.h"

G_BEGIN_DECLS

typedef struct {
  GHashTable *given_names;      /* exact case */
  GHashTable *honorifics;       /* exact case */
  GHashTable *roles;            /* lowercase */
  GHashTable *government_heads; /* exact case */
  GHashTable *short_form_heads; /* exact case */
  GHashTable *org_suffixes;     /* exact case → GINT_TO_POINTER (type + 1) */
  GHashTable *stop_capitals;    /* exact case */
} TlLexicon;

TlLexicon  *_tl_lexicon_load     (GError   **error);
JsonObject *_tl_json_resource_object (JsonParser *parser,
                                      const char *name,
                                      GError    **error);
GHashTable *_tl_json_string_set (JsonObject *root,
                                 const char *member,
                                 gboolean    lowercase);
void       _tl_lexicon_free (TlLexicon *lexicon);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlLexicon, _tl_lexicon_free)

G_END_DECLS
