/* tl-recognizer-run-private.h — what the recognizer's passes share
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Only tl-recognizer*.c include this.
 */
#pragma once

#include "tl-recognizer-private.h"
#include "tl-matcher-private.h"

#include <string.h>

G_BEGIN_DECLS

struct _TlRecognizer {
  TlKnowledgeBase  *kb;
  const TlKbAlias  *aliases;
  guint             n_aliases;
  TlMatcher        *matcher;
  const TlLexicon  *lex;
};

enum {
  TOK_CAP        = 1 << 0,  /* starts with a capital */
  TOK_ALLCAPS    = 1 << 1,
  TOK_SENT       = 1 << 2,  /* first word of a sentence or line */
  TOK_COVERED    = 1 << 3,  /* inside a mention already */
  TOK_TITLE_LINE = 1 << 4,  /* on a line in Title Case (headline) */
  TOK_POSS       = 1 << 5,  /* followed by 's, not included */
  TOK_INITIAL    = 1 << 6,  /* "F." */
  TOK_JOIN       = 1 << 7,  /* next token follows after exactly one space */
};

typedef struct {
  guint start;
  guint end;
  guint flags;
} Token;

typedef struct {
  TlRecognizer *self;
  const char   *text;
  gsize         len;
  GArray       *tokens;    /* Token */
  GArray       *mentions;  /* TlRawMention */
} Run;

#define TOK(r, i) (&g_array_index ((r)->tokens, Token, (i)))

static inline gboolean
tok_in (Run        *r,
        guint       i,
        GHashTable *set,
        gboolean    lowercase)
{
  const Token *tok = TOK (r, i);
  char buf[64];
  gsize n = tok->end - tok->start;

  if (n >= sizeof buf)
    return FALSE;
  memcpy (buf, r->text + tok->start, n);
  buf[n] = '\0';
  if (lowercase)
    {
      g_autofree char *low = g_utf8_strdown (buf, n);
      return g_hash_table_contains (set, low);
    }
  return g_hash_table_contains (set, buf);
}

static inline gboolean
tok_equals (Run        *r,
            guint       i,
            const char *word)
{
  const Token *tok = TOK (r, i);
  gsize n = tok->end - tok->start;
  return strlen (word) == n && strncmp (r->text + tok->start, word, n) == 0;
}

/* tl-recognizer-names.c: words, headlines, names by context (pass 3) */
GArray *_tl_rec_word_tokens        (const char *text,
                                    GArray     *shared);
void    _tl_rec_mark_title_lines   (const char *text,
                                    GArray     *tokens);
void    _tl_rec_mark_covered       (GArray     *tokens,
                                    GArray     *mentions);
void    _tl_rec_find_context_names (Run        *r);
void    _tl_rec_find_credit_names  (Run        *r);

/* tl-recognizer-spans.c: spans corrected by pattern (pass 4b) */
void    _tl_rec_adjust_spans       (Run        *r);
gsize   _tl_rec_law_pointer_start  (const char *text,
                                    gsize       start);
gboolean _tl_rec_is_law_head       (Run        *r,
                                    guint       i);
gboolean _tl_rec_names_another_law (Run        *r,
                                    guint       end);

/* tl-recognizer-links.c: surnames and short forms (pass 5) */
void    _tl_rec_join_surnames      (Run        *r);
void    _tl_rec_link_back          (Run        *r);

G_END_DECLS
