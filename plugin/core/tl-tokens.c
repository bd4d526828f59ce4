/* tl-tokens.c — the one tokenizer of the core
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Entity recognition and attribution read the same tokens. The word rule:
 * a word is a run of word characters (letters, digits, combining marks and
 * `_`, as for the gazetteer's word boundaries) that may be joined by one
 * connector between two word characters: a hyphen, an apostrophe (straight
 * or curly), a period or an ampersand ("Deutsche-Telekom", "O'Brien",
 * "U.S", "AT&T"). White space separates tokens; every other character is a
 * punctuation token of its own. Words carry the facts both readers need
 * (capitals, a possessive, an initial), computed once.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-tokens-private.h"
#include "tl-text-private.h"

#include <string.h>

static gboolean
is_connector (gunichar c)
{
  return c == '-' || c == '\'' || c == 0x2019 || c == '.' || c == '&';
}

/* Scans the word at @i; returns its end and fills in its flags. */
static gsize
scan_word (const char *t,
           gsize       len,
           gsize       i,
           TlToken    *tok)
{
  guint upper = 0, lower = 0;

  while (i < len)
    {
      gunichar c = g_utf8_get_char (t + i);
      gsize next = g_utf8_next_char (t + i) - t;

      if (_tl_utf8_is_word_char_at (t, len, i))
        {
          if (g_unichar_isupper (c))
            upper++;
          else if (g_unichar_islower (c))
            lower++;
          i = next;
        }
      else if (is_connector (c) && next < len && _tl_utf8_is_word_char_at (t, len, next))
        i = next;
      else
        break;
    }
  tok->end = tok->stem = (guint) i;
  if (tok->end - tok->start > 2)
    {
      const char *e = t + tok->end;
      if (e[-1] == 's' && e[-2] == '\'')
        tok->stem -= 2, tok->flags |= TL_TOKEN_POSS;
      else if (tok->end - tok->start > 4 && e[-1] == 's' && memcmp (e - 4, "\xe2\x80\x99", 3) == 0)
        tok->stem -= 4, tok->flags |= TL_TOKEN_POSS;
    }
  if (g_unichar_isupper (g_utf8_get_char (t + tok->start)))
    tok->flags |= TL_TOKEN_CAP;
  if (upper >= 2 && lower == 0)
    tok->flags |= TL_TOKEN_ALLCAPS;
  if (tok->end - tok->start == 1 && (tok->flags & TL_TOKEN_CAP) && i < len && t[i] == '.')
    tok->flags |= TL_TOKEN_INITIAL;
  return i;
}

/* Returns: (transfer full) (element-type TlToken): the tokens of valid
 * UTF-8 @text, in order. */
GArray *
_tl_tokenize (const char *t,
              gsize       len)
{
  GArray *tokens = g_array_sized_new (FALSE, FALSE, sizeof (TlToken), len / 5 + 16);
  gsize i = 0;

  while (i < len)
    {
      gunichar u = g_utf8_get_char (t + i);
      gsize next = g_utf8_next_char (t + i) - t;
      TlToken tok = { (guint) i, (guint) next, (guint) next, 0 };

      if (_tl_utf8_is_word_char_at (t, len, i))
        i = scan_word (t, len, i, &tok);
      else if (g_unichar_isspace (u) || u == 0x00A0)
        {
          i = next;
          continue;
        }
      else
        {
          tok.flags = TL_TOKEN_PUNCT;
          i = next;
        }
      g_array_append_val (tokens, tok);
    }
  return tokens;
}
