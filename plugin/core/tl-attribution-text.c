/* tl-attribution-text.c — quotations, tokens, cue phrases and sentences
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Quotations are found first (curly, guillemets or straight marks; an
 * unclosed one runs to the end of its paragraph; single curly marks ‘…’
 * only when closed within the paragraph), then every shared token
 * is marked with the mention and the quotation it is inside. Sentences end
 * at . ! ? before a capital, a digit or punctuation (not after an
 * abbreviation or an initial), at a line break, or after 400 tokens, which
 * bounds the work per cue on hostile input.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-attribution-ctx-private.h"
#include "tl-tokens-private.h"

static gboolean
is_open_quote (gunichar c)
{
  return c == 0x201C || c == 0x201E || c == 0x00AB;
}

static gboolean
is_close_quote (gunichar c)
{
  return c == 0x201D || c == 0x00BB;
}

/* ‘ opens a single-quoted passage at the start of a word; ’ closes it where
 * it is not an apostrophe: not between letters ("isn’t"), not a plural
 * possessive ("the carriers’ networks"). */
static gboolean
single_opens_at (const char *t,
                 guint       at,
                 gsize       len)
{
  guint next = at + 3;  /* U+2018 is three bytes */
  gunichar before = 0;

  if (at > 0)
    before = g_utf8_get_char (g_utf8_find_prev_char (t, t + at));
  return (at == 0 || g_unichar_isspace (before) || before == '(' || before == 0x2014 || before == 0x2013) &&
         next < len && !g_unichar_isspace (g_utf8_get_char (t + next));
}

static gboolean
single_closes_at (const char *t,
                  guint       at,
                  gsize       len)
{
  guint next = at + 3;  /* U+2019 is three bytes */
  gunichar before, after;

  if (at == 0)
    return FALSE;
  before = g_utf8_get_char (g_utf8_find_prev_char (t, t + at));
  after = next < len ? g_utf8_get_char (t + next) : ' ';
  if (g_unichar_isspace (before) || g_unichar_isalnum (after))
    return FALSE;
  /* "the carriers’ networks" */
  if (before == 's' && after == ' ' && next + 1 < len && g_ascii_islower (t[next + 1]))
    return FALSE;
  return TRUE;
}

/* Whether the paragraph after offset @from (blank lines and spaces
 * skipped) opens with a quotation mark. */
static gboolean
opens_paragraph (const char *t,
                 guint       from,
                 guint       len)
{
  while (from < len && (t[from] == '\n' || t[from] == ' ' || t[from] == '\t'))
    from++;
  return from < len && is_open_quote (g_utf8_get_char (t + from));
}

/* Whether the mark at @open opens a quotation that may run on past the
 * paragraph end at @end: it stands before a word, not after one (a closing
 * mark typed as an opening one: "…crises“, he said"), and the paragraph
 * ends a sentence. */
static gboolean
runs_on_from (const char *t,
              guint       open,
              guint       end)
{
  while (end > open && (t[end - 1] == ' ' || t[end - 1] == '\t' || t[end - 1] == '\r'))
    end--;
  if (open > 0 && !g_ascii_isspace (t[open - 1]) && t[open - 1] != '(')
    return FALSE;
  return end > open && strchr (".!?", t[end - 1]) != NULL;
}

void
_tl_attr_find_quotes (Ctx *c)
{
  const char *t = c->text;
  gssize open = -1, single = -1;
  gboolean straight = FALSE;

  for (const char *p = t; p < t + c->len; p = g_utf8_next_char (p))
    {
      gunichar u;
      guint at, next;

      /* only '"', line breaks and non-ASCII marks matter */
      if ((guchar) *p < 0x80 && *p != '"' && *p != '\n')
        continue;
      u = g_utf8_get_char (p);
      at = (guint) (p - t);
      next = (guint) (g_utf8_next_char (p) - t);

      if (single >= 0)
        {
          /* A single-quoted passage closes within its paragraph, or is none. */
          if (u == '\n')
            single = -1;
          else if (u == 0x2019 && single_closes_at (t, at, c->len))
            {
              Quote qt = { (guint) single, (guint) single + 3, at, next, FALSE };
              g_array_append_val (c->quotes, qt);
              single = -1;
            }
          continue;
        }
      if (u == 0x2018 && open < 0 && single_opens_at (t, at, c->len))
        {
          single = at;
          continue;
        }
      if (u == '\n' && open >= 0)
        {
          /* A quotation runs to the paragraph end when not closed before. */
          if (next < c->len && t[next] == '\n')
            {
              const char *q = g_utf8_next_char (t + open);
              Quote qt = { (guint) open, (guint) (q - t), at, at, FALSE,
                           runs_on_from (t, (guint) open, at) && opens_paragraph (t, next, c->len) };
              g_array_append_val (c->quotes, qt);
              open = -1;
            }
          continue;
        }
      if (open < 0 && (is_open_quote (u) || u == '"'))
        {
          open = at;
          straight = (u == '"');
        }
      else if (open >= 0 && ((straight && u == '"') || (!straight && is_close_quote (u)) ||
                             /* "…in a crisis“, he said": an opening mark typed to close */
                             (!straight && is_open_quote (u) && at > 0 && !g_ascii_isspace (t[at - 1]) &&
                              t[at - 1] != '(' && (next >= c->len || !g_ascii_isalnum (t[next])))))
        {
          const char *q = g_utf8_next_char (t + open);
          Quote qt = { (guint) open, (guint) (q - t), at, next, FALSE };
          g_array_append_val (c->quotes, qt);
          open = -1;
        }
      else if (open >= 0 && !straight && is_open_quote (u))
        {
          /* An unclosed quotation restarted: at the start of a paragraph,
           * the one before ran to its paragraph's end and goes on here
           * ("“A …\n“B …,” she said."); else it is dropped. */
          guint line = at;

          while (line > (guint) open && (t[line - 1] == ' ' || t[line - 1] == '\t'))
            line--;
          if (line > (guint) open && t[line - 1] == '\n' && runs_on_from (t, (guint) open, line - 1))
            {
              const char *q = g_utf8_next_char (t + open);
              Quote qt = { (guint) open, (guint) (q - t), line - 1, line - 1, FALSE, TRUE };
              g_array_append_val (c->quotes, qt);
            }
          open = at;
        }
    }
  if (open >= 0)
    {
      const char *q = g_utf8_next_char (t + open);
      Quote qt = { (guint) open, (guint) (q - t), (guint) c->len, (guint) c->len, FALSE };
      g_array_append_val (c->quotes, qt);
    }
}

/* Attribution reads the shared tokens (tl-tokens.c), each marked with the
 * mention and the quotation it is inside. */
void
_tl_attr_annotate_tokens (Ctx    *c,
                          GArray *shared)
{
  guint m = 0, q = 0;

  g_array_set_size (c->toks, 0);
  for (guint k = 0; k < shared->len; k++)
    {
      const TlToken *s = &g_array_index (shared, TlToken, k);
      ATok tok = { s->start, s->end, (s->flags & TL_TOKEN_PUNCT) ? TOK_PUNCT : TOK_WORD, -1, -1 };

      while (m < c->n_mentions && c->mentions[m].end <= tok.start)
        m++;
      if (m < c->n_mentions && c->mentions[m].start < tok.end)
        tok.mention = (gint) m;
      while (q < c->quotes->len && g_array_index (c->quotes, Quote, q).close_end <= tok.start)
        q++;
      if (q < c->quotes->len)
        {
          Quote *qt = &g_array_index (c->quotes, Quote, q);
          if (qt->inner_start <= tok.start && tok.end <= qt->inner_end)
            tok.quote = (gint) q;
        }
      g_array_append_val (c->toks, tok);
    }
}

/* Whether a quotation opens (@opening) or ends (its closing mark, or its
 * end when unclosed) at byte @offset. Quotations are found in text order
 * and never nest, so both are in increasing order: a binary search (a
 * story of many short quotations stays linear). */
static gboolean
quote_mark_at (Ctx      *c,
               guint     offset,
               gboolean  opening)
{
  guint lo = 0, hi = c->quotes->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const Quote *q = &g_array_index (c->quotes, Quote, mid);
      guint at = opening ? q->open : q->inner_end;

      if (at == offset)
        return TRUE;
      if (at < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

gboolean
_tl_attr_tok_close_quote (Ctx  *c,
                          guint i)
{
  const ATok *tok = T (c, i);
  gunichar u;

  if (tok->kind != TOK_PUNCT)
    return FALSE;
  u = g_utf8_get_char (c->text + tok->start);
  if (is_close_quote (u))
    return TRUE;
  /* “ typed to close: "…in a crisis“, he said" */
  return (u == '"' || u == 0x2019 || u == 0x201C) && quote_mark_at (c, tok->start, FALSE);
}

gboolean
_tl_attr_tok_open_quote (Ctx  *c,
                         guint i)
{
  const ATok *tok = T (c, i);
  gunichar u;

  if (i >= c->toks->len || tok->kind != TOK_PUNCT)
    return FALSE;
  u = g_utf8_get_char (c->text + tok->start);
  if (u == 0x201C)
    return !quote_mark_at (c, tok->start, FALSE);   /* not one typed to close */
  if (is_open_quote (u))
    return TRUE;
  return (u == '"' || u == 0x2018) && quote_mark_at (c, tok->start, TRUE);
}

/* Matches a phrase (lowercase words) at token i; returns its length or 0. */
static guint
phrase_at (Ctx        *c,
           guint       i,
           char      **words)
{
  guint n = 0, k = i;

  /* "*" stands for one name or word: "taken * to task" */
  for (; words[n]; n++)
    {
      if (strcmp (words[n], "*") == 0 && k < c->toks->len && T (c, k)->kind == TOK_WORD)
        {
          gint m = T (c, k)->mention;
          k++;
          while (m >= 0 && k < c->toks->len && T (c, k)->mention == m)
            k++;
          continue;
        }
      if (!tok_is (c, k, words[n]))
        return 0;
      k++;
    }
  return k - i;
}

guint
_tl_attr_any_phrase_at (Ctx       *c,
                        guint      i,
                        PhraseSet *set)
{
  char buf[48];
  const char *w = tok_lower (c, i, buf, sizeof buf);
  GPtrArray *cands = w ? g_hash_table_lookup (set->by_first, w) : NULL;

  for (guint k = 0; cands && k < cands->len; k++)
    {
      guint n = phrase_at (c, i, g_ptr_array_index (cands, k));
      if (n > 0)
        return n;
    }
  return 0;
}

/* Matches a phrase ending at token i (inclusive); returns its length or 0. */
guint
_tl_attr_any_phrase_ending_at (Ctx       *c,
                               guint      i,
                               guint      floor,
                               PhraseSet *set)
{
  char buf[48];
  const char *w = tok_lower (c, i, buf, sizeof buf);
  GPtrArray *cands = w ? g_hash_table_lookup (set->by_last, w) : NULL;

  for (guint k = 0; cands && k < cands->len; k++)
    {
      char **words = g_ptr_array_index (cands, k);
      guint n = g_strv_length (words);
      if (i + 1 >= n + floor && phrase_at (c, i + 1 - n, words) == n)
        return n;
    }
  return 0;
}

static gboolean
is_month (Ctx  *c,
          guint i)
{
  static const char *const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december",
  };
  const ATok *t = T (c, i);

  /* "may" only with a capital: "it may" is a modal */
  if (t->kind != TOK_WORD || t->end - t->start < 3 || t->end - t->start > 9 || !strchr ("JFMASOND", c->text[t->start]))
    return FALSE;
  return tok_in_list (c, i, months, G_N_ELEMENTS (months));
}

/* A day of the month ("18", "18th") or a year ("2024"): digits only, with
 * an ordinal ending. */
static guint
number_kind (Ctx  *c,
             guint i)
{
  const ATok *t;
  guint digits = 0;

  if (i >= c->toks->len || (t = T (c, i))->kind != TOK_WORD)
    return 0;
  while (t->start + digits < t->end && g_ascii_isdigit (c->text[t->start + digits]))
    digits++;
  if (digits == 4 && t->end - t->start == 4)
    return 4;
  if (digits >= 1 && digits <= 2 &&
      (t->end - t->start == digits ||
       (t->end - t->start == digits + 2 && g_ascii_isalpha (c->text[t->start + digits]))))
    return 2;
  return 0;
}

/* A date at token @i, before @end: "on 18 November", "on Nov. 18, 2024",
 * "on Tuesday, Jan. 19", "in January", "in 2019", "late on March 3". Returns its
 * length in tokens, or 0. A weekday alone is a time phrase (cues.json). */
guint
_tl_attr_date_at (Ctx   *c,
                  guint  i,
                  guint  end)
{
  static const char *const weekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  };
  guint k = i;
  gboolean on, in;

  if (i >= end || T (c, i)->kind != TOK_WORD)
    return 0;
  if (tok_is (c, k, "late") || tok_is (c, k, "early") || tok_is (c, k, "earlier"))
    k++;
  on = tok_is (c, k, "on");
  in = !on && tok_is (c, k, "in");
  if (on || in)
    k++;
  if (!in && k < end && tok_in_list (c, k, weekdays, G_N_ELEMENTS (weekdays)))
    {
      k++;
      if (tok_punct (c, k, ","))
        k++;
    }
  if (k >= end)
    return 0;
  /* "in 2019": a year (1900–2099) after "in" */
  if (in && number_kind (c, k) == 4 && (c->text[T (c, k)->start] == '1' ? c->text[T (c, k)->start + 1] == '9'
                                                                        : c->text[T (c, k)->start] == '2' &&
                                                                            c->text[T (c, k)->start + 1] == '0'))
    return k + 1 - i;
  if (number_kind (c, k) == 2 && k + 1 < end && is_month (c, k + 1))
    {
      /* "18 November (2024)" */
      k += 2;
      if (number_kind (c, k) == 4 && k < end)
        k++;
      return k - i;
    }
  if (is_month (c, k))
    {
      guint m = k++;
      if (tok_punct (c, k, ".") && T (c, k)->start == T (c, m)->end)
        k++;
      if (k < end && number_kind (c, k) == 2)
        {
          /* "Nov. 18(, 2024)" */
          k++;
          if (tok_punct (c, k, ",") && k + 1 < end && number_kind (c, k + 1) == 4)
            k += 2;
          return k - i;
        }
      if (k < end && number_kind (c, k) == 4)
        return k + 1 - i;  /* "in January 2024" */
      if (in)
        return k - i;  /* "in January" */
    }
  return 0;
}

/* A date that ends at token @i (inclusive), starting no earlier than
 * @floor: "Telia on 18 November said". Returns its length, or 0. */
guint
_tl_attr_date_ending_at (Ctx   *c,
                         guint  i,
                         guint  floor)
{
  /* a date ends in a day, a year or a month ("in January") */
  if (i >= c->toks->len || (number_kind (c, i) == 0 && !is_month (c, i)))
    return 0;
  for (guint n = 7; n >= 2; n--)
    if (i + 1 >= floor + n && _tl_attr_date_at (c, i + 1 - n, i + 1) == n)
      return n;
  return 0;
}

#define MAX_SENTENCE_TOKENS 400

static const char *const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "ltd", "co", "corp", "no",
  "vs", "gen", "sen", "rep", "gov", "prof", "lt", "col", "capt", "jan", "feb",
  "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
  "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "e.g", "i.e", "approx", "est",
};

static gboolean
is_abbreviation (Ctx  *c,
                 guint i)
{
  for (guint k = 0; k < G_N_ELEMENTS (abbreviations); k++)
    if (tok_is (c, i, abbreviations[k]))
      return TRUE;
  /* A single capital: an initial. */
  return T (c, i)->end - T (c, i)->start == 1 && g_ascii_isupper (c->text[T (c, i)->start]);
}

/* Sentence boundaries as token index pairs [start, end). */
GArray *
_tl_attr_split_sentences (Ctx *c)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  guint start = 0, n = c->toks->len;

  for (guint i = 0; i < n; i++)
    {
      gboolean end = FALSE;
      guint last = i;

      if (tok_punct (c, i, ".!?"))
        {
          /* Keep closing quotes and brackets with the sentence. */
          while (last + 1 < n && (_tl_attr_tok_close_quote (c, last + 1) || tok_punct (c, last + 1, ")")) &&
                 T (c, last + 1)->start == T (c, last)->end)
            last++;
          if (last + 1 >= n)
            end = TRUE;
          else if (!(c->text[T (c, i)->start] == '.' && i > 0 && T (c, i - 1)->end == T (c, i)->start &&
                     is_abbreviation (c, i - 1)))
            {
              const ATok *next = T (c, last + 1);
              gunichar u = g_utf8_get_char (c->text + next->start);
              end = g_unichar_isupper (u) || g_unichar_isdigit (u) || next->kind == TOK_PUNCT;
            }
        }
      else if (i + 1 < n && memchr (c->text + T (c, i)->end, '\n', T (c, i + 1)->start - T (c, i)->end))
        end = TRUE;  /* a line break ends a sentence (headlines, paragraphs) */
      else if (i + 1 - start >= MAX_SENTENCE_TOKENS)
        end = TRUE;  /* no real sentence is this long: keep the work per cue bounded */
      if (end || i + 1 >= n)
        {
          guint pair[2] = { start, last + 1 };
          g_array_append_val (out, pair);
          start = last + 1;
          i = last;
        }
    }
  return out;
}

gboolean
_tl_attr_quote_span_at (Ctx    *c,
                        guint   offset,
                        Quote **out)
{
  for (guint q = 0; q < c->quotes->len; q++)
    {
      Quote *qt = &g_array_index (c->quotes, Quote, q);
      if (qt->open == offset)
        {
          *out = qt;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
_tl_attr_is_all_caps (Ctx  *c,
                      guint i)
{
  guint letters = 0;
  for (guint p = T (c, i)->start; p < T (c, i)->end; p++)
    {
      if (g_ascii_islower (c->text[p]))
        return FALSE;
      letters += g_ascii_isupper (c->text[p]) != 0;
    }
  return letters >= 2;
}

/* Trims white space and trailing , . ; : from [*s, *e). */
void
_tl_attr_trim_span (Ctx   *c,
                    guint *s,
                    guint *e)
{
  while (*s < *e && g_ascii_isspace (c->text[*s]))
    (*s)++;
  for (;;)
    {
      while (*e > *s && (g_ascii_isspace (c->text[*e - 1]) || strchr (",.;:", c->text[*e - 1])))
        (*e)--;
      /* "The cable was cut – the ministry said": a dash before the cue */
      if (*e >= *s + 4 && c->text[*e - 1] == '-' && c->text[*e - 2] == ' ')
        *e -= 1;
      else if (*e >= *s + 6 && (guchar) c->text[*e - 3] == 0xe2 && (guchar) c->text[*e - 2] == 0x80 &&
               ((guchar) c->text[*e - 1] == 0x93 || (guchar) c->text[*e - 1] == 0x94) && c->text[*e - 4] == ' ')
        *e -= 3;  /* – or — */
      else
        break;
    }
}
