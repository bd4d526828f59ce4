/* tl-tokens-private.h — the one tokenizer of the core
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TlTokenFlags:
 * @TL_TOKEN_PUNCT: one character that is neither part of a word nor white
 *   space (a quotation mark, a comma, a dash)
 * @TL_TOKEN_CAP: a word that starts with a capital
 * @TL_TOKEN_ALLCAPS: a word with two or more capitals and no lowercase
 *   letter ("FCC"; "IBM's" is not, its possessive has one)
 * @TL_TOKEN_POSS: a word ending in a possessive `'s` or `’s`; `stem` is its
 *   end without it
 * @TL_TOKEN_INITIAL: one capital letter followed directly by a period ("F.");
 *   the period is the next token
 */
typedef enum {
  TL_TOKEN_PUNCT   = 1 << 0,
  TL_TOKEN_CAP     = 1 << 1,
  TL_TOKEN_ALLCAPS = 1 << 2,
  TL_TOKEN_POSS    = 1 << 3,
  TL_TOKEN_INITIAL = 1 << 4,
} TlTokenFlags;

/* One word or punctuation character: [start, end) in UTF-8 bytes. */
typedef struct {
  guint start;
  guint end;
  guint stem;    /* end of the word without a possessive; == end otherwise */
  guint flags;   /* TlTokenFlags */
} TlToken;

GArray *_tl_tokenize (const char *text,
                      gsize       length);

G_END_DECLS
