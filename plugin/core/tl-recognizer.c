/* tl-recognizer.c — entity mentions: gazetteer, patterns, context, links
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The passes, in order:
 *  1. every knowledge-base alias in one automaton pass, filtered by its case
 *     rule and by Unicode word boundaries; CVE ids by pattern;
 *  2. leftmost-longest selection, so spans never overlap;
 *  3. names that are not in the knowledge base, from runs of capitalised
 *     words: government bodies by their head word ("… Agency",
 *     "Ministry of …"), companies by their suffix ("… Ltd", "… Telecom"),
 *     people by a given name, a title before them, or a reporting verb or
 *     an apposition around them;
 *  4. a country directly before a government body joins its span
 *     ("US Department of Defence");
 *  5. back-references: a surname alone after the full name, and a short
 *     form ("the Commission") after the named body.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-recognizer-private.h"
#include "tl-matcher-private.h"
#include "tl-text-private.h"
#include "tl-tokens-private.h"

#include <string.h>

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

void
_tl_raw_mention_clear (gpointer data)
{
  TlRawMention *m = data;
  g_clear_pointer (&m->key, g_free);
}

TlRecognizer *
_tl_recognizer_new (TlKnowledgeBase *kb,
                    const TlLexicon *lexicon)
{
  TlRecognizer *self = g_new0 (TlRecognizer, 1);

  self->kb = g_object_ref (kb);
  self->lex = lexicon;
  self->aliases = _tl_knowledge_base_get_aliases (kb, &self->n_aliases);
  self->matcher = _tl_matcher_new ();
  for (guint i = 0; i < self->n_aliases; i++)
    _tl_matcher_add (self->matcher, self->aliases[i].text,
                     strlen (self->aliases[i].text), i);
  _tl_matcher_compile (self->matcher);
  g_debug ("matcher: %u aliases, %u states, %" G_GSIZE_FORMAT " KiB",
           self->n_aliases, _tl_matcher_get_n_states (self->matcher),
           _tl_matcher_get_memory (self->matcher) / 1024);
  return self;
}

void
_tl_recognizer_free (TlRecognizer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->matcher, _tl_matcher_free);
  g_clear_object (&self->kb);
  g_free (self);
}

/* --- Pass 1: gazetteer and patterns -------------------------------------- */

static gboolean
is_upper_at (const char *s)
{
  return g_unichar_isupper (g_utf8_get_char (s));
}

static gboolean
alias_case_ok (const TlKbAlias *alias,
               const char      *at,
               gsize            n)
{
  switch (alias->rule)
    {
    case TL_CASE_EXACT:
      return memcmp (at, alias->text, n) == 0;
    case TL_CASE_TITLE:
      {
        /* The first letter must be a capital, as in the alias. */
        for (const char *p = at; p < at + n; p = g_utf8_next_char (p))
          if (g_unichar_isalpha (g_utf8_get_char (p)))
            return is_upper_at (p);
        return TRUE;
      }
    case TL_CASE_ANY:
    default:
      return TRUE;
    }
}

typedef struct {
  TlRecognizer *self;
  const char   *text;
  gsize         len;
  GArray       *hits;  /* TlRawMention */
  guint         count;
} ScanCtx;

static gboolean
on_hit (const TlMatch *m,
        gpointer       user_data)
{
  ScanCtx *ctx = user_data;
  const TlKbAlias *alias = &ctx->self->aliases[m->pattern];
  const char *t = ctx->text;
  gsize n = m->end - m->start;
  TlRawMention raw = { 0 };

  /* Word boundaries apply on the sides where the alias has word chars. */
  if (_tl_utf8_is_word_char_at (alias->text, n, 0) &&
      _tl_utf8_is_word_char_before (t, m->start))
    return TRUE;
  if (_tl_utf8_is_word_char_before (alias->text, n) &&
      _tl_utf8_is_word_char_at (t, ctx->len, m->end))
    return TRUE;
  /* Never split a UTF-8 sequence (folded bytes could match mid-character). */
  if (((guchar) t[m->start] & 0xC0) == 0x80)
    return TRUE;
  if (!alias_case_ok (alias, t + m->start, n))
    return TRUE;

  ctx->count++;
  if (ctx->hits == NULL)
    return TRUE;
  raw.start = m->start;
  raw.end = m->end;
  raw.type = alias->entity->type;
  raw.origin = TL_ORIGIN_KB;
  raw.kb = alias->entity;
  g_array_append_val (ctx->hits, raw);
  return TRUE;
}

guint
_tl_recognizer_count_raw_hits (TlRecognizer *self,
                               const char   *text,
                               gsize         length)
{
  ScanCtx ctx = { self, text, length, NULL, 0 };

  _tl_matcher_scan (self->matcher, text, length, on_hit, &ctx);
  return ctx.count;
}

static void
scan_cves (const char *t,
           gsize       len,
           GArray     *hits)
{
  for (const char *p = t; (p = g_strstr_len (p, t + len - p, "CVE-")) != NULL; p += 4)
    {
      gsize i = (gsize) (p - t) + 4, digits = 0;

      if (p > t && _tl_utf8_is_word_char_before (t, p - t))
        continue;
      while (i < len && g_ascii_isdigit (t[i]) && digits < 4)
        i++, digits++;
      if (digits != 4 || i >= len || t[i] != '-')
        continue;
      i++;
      digits = 0;
      while (i < len && g_ascii_isdigit (t[i]) && digits < 8)
        i++, digits++;
      if (digits < 4 || _tl_utf8_is_word_char_at (t, len, i))
        continue;
      {
        TlRawMention raw = { (guint) (p - t), (guint) i, TL_ENTITY_VULNERABILITY,
                             TL_ORIGIN_PATTERN, NULL,
                             g_strndup (p, i - (gsize) (p - t)) };
        g_array_append_val (hits, raw);
      }
    }
}

static int
mention_cmp (gconstpointer a,
             gconstpointer b)
{
  const TlRawMention *ma = a, *mb = b;

  if (ma->start != mb->start)
    return ma->start < mb->start ? -1 : 1;
  if (ma->end != mb->end)
    return ma->end > mb->end ? -1 : 1;   /* longer first */
  return (int) ma->origin - (int) mb->origin;
}

/* Leftmost-longest, non-overlapping. Consumes @hits. */
static GArray *
select_spans (GArray *hits)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (TlRawMention));
  guint last_end = 0;

  g_array_set_clear_func (out, _tl_raw_mention_clear);
  g_array_sort (hits, mention_cmp);
  for (guint i = 0; i < hits->len; i++)
    {
      TlRawMention *m = &g_array_index (hits, TlRawMention, i);

      if (out->len > 0 && m->start < last_end)
        {
          _tl_raw_mention_clear (m);
          continue;
        }
      g_array_append_val (out, *m);
      m->key = NULL;  /* moved */
      last_end = m->end;
    }
  g_array_set_size (hits, 0);
  return out;
}

/* --- Tokens ---------------------------------------------------------------- */

/* The words of the shared tokens (tl-tokens.c), as names see them: without
 * a possessive ("Huawei's" → "Huawei"), an initial with its period ("F."),
 * and whether the next word follows after one space or opens a sentence. */
static GArray *
word_tokens (const char *t,
             GArray     *shared)
{
  GArray *tokens = g_array_sized_new (FALSE, FALSE, sizeof (Token), shared->len);

  for (guint k = 0; k < shared->len; k++)
    {
      const TlToken *s = &g_array_index (shared, TlToken, k);
      Token tok = { s->start, s->stem, 0 };

      if (s->flags & TL_TOKEN_PUNCT)
        continue;
      if (s->flags & TL_TOKEN_POSS)
        tok.flags |= TOK_POSS;
      if (s->flags & TL_TOKEN_CAP)
        tok.flags |= TOK_CAP;
      if (s->flags & TL_TOKEN_ALLCAPS)
        tok.flags |= TOK_ALLCAPS;
      if (s->flags & TL_TOKEN_INITIAL)
        {
          tok.end++;
          tok.flags |= TOK_INITIAL;
        }
      g_array_append_val (tokens, tok);
    }

  for (guint k = 0; k < tokens->len; k++)
    {
      Token *tok = &g_array_index (tokens, Token, k);
      gssize j = (gssize) tok->start - 1;

      if (k + 1 < tokens->len)
        {
          Token *next = &g_array_index (tokens, Token, k + 1);
          if (next->start == tok->end + 1 && t[tok->end] == ' ' && !(tok->flags & TOK_POSS))
            tok->flags |= TOK_JOIN;
        }
      /* Sentence start: look back over spaces, quotes and brackets. */
      while (j >= 0)
        {
          guchar b = (guchar) t[j];
          if (b == ' ' || b == '\t' || b == '"' || b == '(' || b == '[' || b == '\'')
            j--;
          else if (b >= 0x80 && j >= 2 && (guchar) t[j - 2] == 0xE2)
            {
              gunichar c = g_utf8_get_char (t + j - 2);
              if (c == 0x201C || c == 0x2018 || c == 0x2014 || c == 0x2013)
                j -= 3;
              else
                break;
            }
          else
            break;
        }
      if (j < 0 || t[j] == '\n' || t[j] == '.' || t[j] == '!' || t[j] == '?' ||
          t[j] == ':' || t[j] == ';')
        tok->flags |= TOK_SENT;
    }
  return tokens;
}

static const char *const minor_words[] = {
  "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "at", "by",
  "with", "from", "as", "vs", "via", "is", "are",
};

static gboolean
is_minor_word (const char *t,
               const Token *tok)
{
  gsize n = tok->end - tok->start;

  for (guint i = 0; i < G_N_ELEMENTS (minor_words); i++)
    if (strlen (minor_words[i]) == n && strncmp (minor_words[i], t + tok->start, n) == 0)
      return TRUE;
  return FALSE;
}

/* Lines whose words are all capitalised are headlines: context rules that
 * rely on capitals are off there. */
static void
mark_title_lines (const char *t,
                  GArray     *tokens)
{
  guint line_first = 0;

  for (guint k = 0; k <= tokens->len; k++)
    {
      gboolean line_end = (k == tokens->len);

      if (!line_end && k > line_first)
        {
          Token *prev = &g_array_index (tokens, Token, k - 1);
          Token *tok = &g_array_index (tokens, Token, k);
          if (memchr (t + prev->end, '\n', tok->start - prev->end) != NULL)
            line_end = TRUE;
        }
      if (line_end)
        {
          guint caps = 0, lows = 0;
          for (guint i = line_first; i < k; i++)
            {
              Token *tok = &g_array_index (tokens, Token, i);
              if (tok->flags & TOK_CAP)
                caps++;
              else if (g_unichar_isalpha (g_utf8_get_char (t + tok->start)) &&
                       !is_minor_word (t, tok))
                lows++;
            }
          if (caps >= 3 && lows == 0)
            for (guint i = line_first; i < k; i++)
              g_array_index (tokens, Token, i).flags |= TOK_TITLE_LINE;
          line_first = k;
        }
    }
}

static void
mark_covered (GArray *tokens,
              GArray *mentions)
{
  guint m = 0;

  for (guint k = 0; k < tokens->len; k++)
    {
      Token *tok = &g_array_index (tokens, Token, k);

      tok->flags &= ~TOK_COVERED;
      while (m < mentions->len && g_array_index (mentions, TlRawMention, m).end <= tok->start)
        m++;
      if (m < mentions->len && g_array_index (mentions, TlRawMention, m).start < tok->end)
        tok->flags |= TOK_COVERED;
    }
}

/* --- Pass 3: names by context ---------------------------------------------- */

#define TOK(r, i) (&g_array_index ((r)->tokens, Token, (i)))

static gboolean
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

static TlEntityType
tok_suffix_type (Run  *r,
                 guint i)
{
  const Token *tok = TOK (r, i);
  char buf[64];
  gsize n = tok->end - tok->start;
  gpointer v;

  if (n >= sizeof buf)
    return TL_N_ENTITY_TYPES;
  memcpy (buf, r->text + tok->start, n);
  buf[n] = '\0';
  v = g_hash_table_lookup (r->self->lex->org_suffixes, buf);
  return v ? (TlEntityType) (GPOINTER_TO_INT (v) - 1) : TL_N_ENTITY_TYPES;
}

static gboolean
tok_equals (Run        *r,
            guint       i,
            const char *word)
{
  const Token *tok = TOK (r, i);
  gsize n = tok->end - tok->start;
  return strlen (word) == n && strncmp (r->text + tok->start, word, n) == 0;
}

static gboolean
tok_is_legal_form (Run  *r,
                   guint i)
{
  static const char *const forms[] = {
    "Ltd", "Ltd.", "Limited", "Inc", "Inc.", "Corp", "Corp.", "Corporation",
    "LLC", "plc", "PLC", "GmbH", "AG", "SA", "S.A.", "NV", "N.V.", "AB", "ASA",
    "Co", "Co.",
  };
  for (guint k = 0; k < G_N_ELEMENTS (forms); k++)
    if (tok_equals (r, i, forms[k]))
      return TRUE;
  return FALSE;
}

static gboolean
is_name_token (Run  *r,
               guint i)
{
  const Token *tok = TOK (r, i);

  if (!(tok->flags & (TOK_CAP | TOK_INITIAL)) || (tok->flags & TOK_COVERED))
    return FALSE;
  if (tok_in (r, i, r->self->lex->stop_capitals, FALSE))
    return FALSE;
  if (tok_in (r, i, r->self->lex->government_heads, FALSE))
    return FALSE;
  if (tok_suffix_type (r, i) != TL_N_ENTITY_TYPES)
    return FALSE;
  if (g_ascii_isdigit (r->text[tok->start]))
    return FALSE;
  return TRUE;
}

static void
add_context_mention (Run          *r,
                     guint         first,
                     guint         last,
                     TlEntityType  type)
{
  TlRawMention m = { 0 };
  g_autofree char *surface = NULL;

  m.start = TOK (r, first)->start;
  m.end = TOK (r, last)->end;
  m.type = type;
  m.origin = TL_ORIGIN_CONTEXT;
  surface = g_strndup (r->text + m.start, m.end - m.start);
  m.key = g_strdup_printf ("%s\n%s", tl_entity_type_to_string (type), surface);
  g_array_append_val (r->mentions, m);
  for (guint i = first; i <= last; i++)
    TOK (r, i)->flags |= TOK_COVERED;
}

static gboolean
text_after_is (Run        *r,
               guint       i,
               const char *const *words,
               gsize       n_words)
{
  const char *p = r->text + TOK (r, i)->end;
  gsize avail = r->len - TOK (r, i)->end;

  for (gsize k = 0; k < n_words; k++)
    {
      gsize n = strlen (words[k]);
      if (avail >= n && strncmp (p, words[k], n) == 0 &&
          (words[k][n - 1] == ' ' ||
           !_tl_utf8_is_word_char_at (r->text, r->len, (p - r->text) + n)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
text_before_is (Run        *r,
                guint       i,
                const char *const *words,
                gsize       n_words)
{
  guint start = TOK (r, i)->start;

  for (gsize k = 0; k < n_words; k++)
    {
      gsize n = strlen (words[k]);
      if (start >= n && strncmp (r->text + start - n, words[k], n) == 0 &&
          (start == n || !_tl_utf8_is_word_char_before (r->text, start - n)))
        return TRUE;
    }
  return FALSE;
}

static const char *const speech_after[] = {
  " said", " says", " told", " added", " wrote", " explained", " noted",
  " warned", " argued", " stated", " tweeted", " posted", " testified",
  " confirmed", " declined", " did not", " has said", " who ",
};
static const char *const apposition_after[] = {
  ", a ", ", an ", ", the ", ", who ", ", its ", ", his ", ", her ", ", chief",
  ", head", ", director", ", senior", ", deputy", ", minister", ", spokes",
  ", vice", ", president", ", founder", ", co-founder", ", executive",
  ", professor", ", analyst", ", researcher", ", principal", ", partner",
  ", managing", ", secretary", ", chair", ", former",
};
static const char *const speech_before[] = {
  "said ", "says ", "according to ", "told by ", "wrote ", "added ",
};

/* A person name after a title: "Commerce Secretary Gina Raimondo",
 * "spokesperson Mao Ning", "Mr Strayer". */
static gboolean
try_titled_person (Run  *r,
                   guint a,
                   guint b)
{
  const TlLexicon *lex = r->self->lex;
  gint title = -1;

  for (guint i = a; i <= b; i++)
    if (tok_in (r, i, lex->honorifics, FALSE) || tok_in (r, i, lex->roles, TRUE))
      title = (gint) i;
  if (title < 0 && a > 0 && (TOK (r, a - 1)->flags & TOK_JOIN) &&
      (tok_in (r, a - 1, lex->honorifics, FALSE) || tok_in (r, a - 1, lex->roles, TRUE)))
    title = (gint) a - 1;
  if (title < 0 || (guint) title >= b + (title < (gint) a ? 1 : 0))
    return FALSE;
  {
    guint first = (guint) title + 1;
    guint last = b;

    if (last - first > 2)
      return FALSE;
    for (guint i = first; i <= last; i++)
      if (!is_name_token (r, i) || (TOK (r, i)->flags & TOK_ALLCAPS))
        return FALSE;
    /* In headlines only trust a given name after the title. */
    if ((TOK (r, first)->flags & TOK_TITLE_LINE) &&
        !tok_in (r, first, lex->given_names, FALSE))
      return FALSE;
    add_context_mention (r, first, last, TL_ENTITY_PERSON);
    return TRUE;
  }
}

static gboolean
try_person (Run  *r,
            guint a,
            guint b)
{
  const TlLexicon *lex = r->self->lex;
  guint n = b - a + 1;
  gboolean title_line = (TOK (r, a)->flags & TOK_TITLE_LINE) != 0;

  if (try_titled_person (r, a, b))
    return TRUE;
  if (n < 2 || n > 4)
    return FALSE;
  for (guint i = a; i <= b; i++)
    if (!is_name_token (r, i) || (TOK (r, i)->flags & TOK_ALLCAPS))
      return FALSE;
  if (n == 4 && !(TOK (r, a + 1)->flags & TOK_INITIAL))
    return FALSE;

  if (tok_in (r, a, lex->given_names, FALSE))
    {
      add_context_mention (r, a, b, TL_ENTITY_PERSON);
      return TRUE;
    }
  if (title_line || n > 3)
    return FALSE;
  if (text_after_is (r, b, speech_after, G_N_ELEMENTS (speech_after)) ||
      text_after_is (r, b, apposition_after, G_N_ELEMENTS (apposition_after)) ||
      text_before_is (r, a, speech_before, G_N_ELEMENTS (speech_before)))
    {
      add_context_mention (r, a, b, TL_ENTITY_PERSON);
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_lower_connector (Run  *r,
                    guint i)
{
  return tok_equals (r, i, "of") || tok_equals (r, i, "for") ||
         tok_equals (r, i, "and") || tok_equals (r, i, "on") ||
         tok_equals (r, i, "de") || tok_equals (r, i, "&");
}

/* Extends a run to the right over "of X", "for X and Y". */
static guint
extend_over_connectors (Run  *r,
                        guint b)
{
  guint n = r->tokens->len;

  while (b + 2 < n && (TOK (r, b)->flags & TOK_JOIN) && is_lower_connector (r, b + 1) &&
         (TOK (r, b + 1)->flags & TOK_JOIN) && (TOK (r, b + 2)->flags & TOK_CAP) &&
         !(TOK (r, b + 2)->flags & TOK_COVERED))
    {
      b += 2;
      while (b + 1 < n && (TOK (r, b)->flags & TOK_JOIN) && (TOK (r, b + 1)->flags & TOK_CAP) &&
             !(TOK (r, b + 1)->flags & TOK_COVERED) && !(TOK (r, b)->flags & TOK_POSS))
        b++;
    }
  return b;
}

/* Returns the index after the last token used. */
static guint
try_organization (Run  *r,
                  guint a,
                  guint b)
{
  const TlLexicon *lex = r->self->lex;
  gboolean title_line = (TOK (r, a)->flags & TOK_TITLE_LINE) != 0;
  gint head = -1;
  TlEntityType suffix;

  for (guint i = a; i <= b; i++)
    if (tok_in (r, i, lex->government_heads, FALSE))
      head = (gint) i;

  if (head >= 0 && !title_line)
    {
      guint end = extend_over_connectors (r, b);

      /* A head word alone is generic ("the Ministry", "Administration"). */
      if (end == a)
        return 0;
      add_context_mention (r, a, end, TL_ENTITY_GOVERNMENT);
      return end + 1;
    }

  suffix = tok_suffix_type (r, b);
  if (suffix != TL_N_ENTITY_TYPES && (!title_line || tok_is_legal_form (r, b)))
    {
      /* "Huawei Technologies Co Ltd": suffixes after a known company extend
       * that mention instead of making a new entity. */
      gboolean all_suffixes = TRUE;
      for (guint i = a; i <= b; i++)
        if (tok_suffix_type (r, i) == TL_N_ENTITY_TYPES)
          all_suffixes = FALSE;
      if (all_suffixes && a > 0 && (TOK (r, a - 1)->flags & TOK_JOIN) &&
          (TOK (r, a - 1)->flags & TOK_COVERED))
        {
          for (guint k = 0; k < r->mentions->len; k++)
            {
              TlRawMention *m = &g_array_index (r->mentions, TlRawMention, k);
              if (m->end == TOK (r, a - 1)->end && m->kb != NULL &&
                  (m->type == TL_ENTITY_VENDOR || m->type == TL_ENTITY_OPERATOR ||
                   m->type == TL_ENTITY_ORGANIZATION || m->type == TL_ENTITY_MEDIA))
                {
                  m->end = TOK (r, b)->end;
                  for (guint i = a; i <= b; i++)
                    TOK (r, i)->flags |= TOK_COVERED;
                  return b + 1;
                }
            }
          return 0;
        }
      if (b > a && !all_suffixes)
        {
          add_context_mention (r, a, b, suffix);
          return b + 1;
        }
    }
  return 0;
}

static void
find_context_names (Run *r)
{
  guint n = r->tokens->len;
  guint i = 0;

  while (i < n)
    {
      guint a = i, b = i, next;

      if (!(TOK (r, i)->flags & (TOK_CAP | TOK_INITIAL)) || (TOK (r, i)->flags & TOK_COVERED))
        {
          i++;
          continue;
        }
      while (b + 1 < n && (TOK (r, b)->flags & TOK_JOIN) &&
             (TOK (r, b + 1)->flags & (TOK_CAP | TOK_INITIAL)) &&
             !(TOK (r, b + 1)->flags & TOK_COVERED))
        b++;
      /* Leading function words ("The", "But") are not part of names. */
      while (a <= b && tok_in (r, a, r->self->lex->stop_capitals, FALSE))
        a++;
      next = b + 1;
      if (a <= b)
        {
          guint used = try_organization (r, a, b);
          if (used > 0)
            next = MAX (next, used);
          else
            try_person (r, a, b);
        }
      i = next;
    }
}

/* --- Pass 4: "US" + "Department of Defence" -------------------------------- */

static void
merge_country_agency (const char *t,
                      GArray     *mentions)
{
  guint w = 0;

  /* One pass, compacting in place: removals inside the loop would make
   * many merges quadratic. */
  for (guint k = 0; k < mentions->len; k++)
    {
      TlRawMention *a = &g_array_index (mentions, TlRawMention, k);
      TlRawMention *b = k + 1 < mentions->len ? &g_array_index (mentions, TlRawMention, k + 1) : NULL;

      if (b != NULL && a->type == TL_ENTITY_PLACE && b->type == TL_ENTITY_GOVERNMENT &&
          b->start == a->end + 1 && t[a->end] == ' ' && is_upper_at (t + b->start) &&
          a->kb != NULL && a->kb->country != NULL && b->end - a->start <= 200)
        {
          b->start = a->start;
          if (b->key != NULL)
            {
              g_autofree char *surface = g_strndup (t + b->start, b->end - b->start);
              g_free (b->key);
              b->key = g_strdup_printf ("government\n%s", surface);
            }
          _tl_raw_mention_clear (a);
          continue;
        }
      if (w != k)
        g_array_index (mentions, TlRawMention, w) = *a;
      w++;
    }
  /* The tail holds moved copies: shrink without clearing them. */
  mentions->len = w;
}

/* --- Pass 5: surnames and short forms ---------------------------------------- */

typedef struct {
  char             *word;
  guint             after;  /* only mentions after this offset link */
  const TlKbEntity *kb;
  char             *key;
  TlEntityType      type;
} BackRef;

static void
backref_clear (gpointer data)
{
  BackRef *b = data;
  g_free (b->word);
  g_free (b->key);
}

static const char *
last_word (const char *s,
           gsize      *len)
{
  const char *end = s + strlen (s);
  const char *p = end;

  while (p > s && p[-1] != ' ')
    p--;
  *len = end - p;
  return p;
}

static void
link_back (Run *r)
{
  g_autoptr(GArray) refs = g_array_new (FALSE, TRUE, sizeof (BackRef));
  const TlLexicon *lex = r->self->lex;
  guint n_before = r->mentions->len;

  g_array_set_clear_func (refs, backref_clear);

  /* Candidate back-references, in text order. */
  for (guint k = 0; k < n_before; k++)
    {
      TlRawMention *m = &g_array_index (r->mentions, TlRawMention, k);
      g_autofree char *surface = g_strndup (r->text + m->start, m->end - m->start);

      if (m->type == TL_ENTITY_PERSON && strchr (surface, ' ') != NULL)
        {
          gsize n;
          const char *w = last_word (surface, &n);
          BackRef ref = { g_strndup (w, n), m->end, m->kb, g_strdup (m->key), m->type };

          if (n >= 3 && !g_hash_table_contains (lex->stop_capitals, ref.word))
            g_array_append_val (refs, ref);
          else
            backref_clear (&ref);
        }
      else if (m->type == TL_ENTITY_GOVERNMENT)
        {
          const char *name = m->kb ? m->kb->name : surface;
          g_auto(GStrv) words = g_strsplit_set (name, " -", -1);

          for (char **w = words; *w; w++)
            if (g_hash_table_contains (lex->short_form_heads, *w) &&
                g_strcmp0 (*w, surface) != 0)
              {
                BackRef ref = { g_strdup (*w), m->end, m->kb, g_strdup (m->key), m->type };
                g_array_append_val (refs, ref);
              }
        }
    }
  if (refs->len == 0)
    return;

  mark_covered (r->tokens, r->mentions);
  {
    /* References become usable once the text has passed their mention;
     * the most recent one per word wins. A hash keeps this linear. */
    g_autoptr(GHashTable) latest = g_hash_table_new (g_str_hash, g_str_equal);
    guint next_ref = 0;

    for (guint i = 0; i < r->tokens->len; i++)
      {
        Token *tok = TOK (r, i);
        gsize n = tok->end - tok->start;
        const BackRef *best;
        char word[64];

        while (next_ref < refs->len && g_array_index (refs, BackRef, next_ref).after <= tok->start)
          {
            BackRef *ref = &g_array_index (refs, BackRef, next_ref++);
            g_hash_table_insert (latest, ref->word, ref);
          }
        if (!(tok->flags & TOK_CAP) || (tok->flags & TOK_COVERED) || n >= sizeof word)
          continue;
        /* Part of a longer capitalised name: not a back-reference. */
        if ((tok->flags & TOK_JOIN) && i + 1 < r->tokens->len &&
            (TOK (r, i + 1)->flags & TOK_CAP) && !(TOK (r, i + 1)->flags & TOK_COVERED))
          continue;
        if (i > 0 && (TOK (r, i - 1)->flags & TOK_JOIN) && (TOK (r, i - 1)->flags & TOK_CAP) &&
            !(TOK (r, i - 1)->flags & TOK_SENT) && !tok_in (r, i - 1, lex->stop_capitals, FALSE) &&
            !tok_in (r, i - 1, lex->honorifics, FALSE))
          continue;
        memcpy (word, r->text + tok->start, n);
        word[n] = '\0';
        if ((best = g_hash_table_lookup (latest, word)) != NULL)
          {
            TlRawMention m = { tok->start, tok->end, best->type, TL_ORIGIN_LINK, best->kb,
                               g_strdup (best->key) };
            g_array_append_val (r->mentions, m);
            tok->flags |= TOK_COVERED;
          }
      }
  }
}

/* Single-word people found by a title ("Mr Strayer") join the full name. */
static void
join_surnames (Run *r)
{
  g_autoptr(GHashTable) by_surname = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint j = 0; j < r->mentions->len; j++)
    {
      TlRawMention *full = &g_array_index (r->mentions, TlRawMention, j);
      const char *ft = r->text + full->start;
      gsize fn = full->end - full->start;
      const char *space;
      char *surname;

      if (full->type != TL_ENTITY_PERSON || (space = memchr (ft, ' ', fn)) == NULL)
        continue;
      while (memchr (space + 1, ' ', ft + fn - space - 1))
        space = memchr (space + 1, ' ', ft + fn - space - 1);
      /* Hash the surname itself, not a pointer into the text: that would
       * hash (and compare) up to the end of the document every time. */
      surname = g_strndup (space + 1, ft + fn - space - 1);
      if (!g_hash_table_contains (by_surname, surname))
        g_hash_table_insert (by_surname, surname, full);
      else
        g_free (surname);
    }
  for (guint k = 0; k < r->mentions->len && g_hash_table_size (by_surname) > 0; k++)
    {
      TlRawMention *m = &g_array_index (r->mentions, TlRawMention, k);
      g_autofree char *word = NULL;
      TlRawMention *full;

      if (m->type != TL_ENTITY_PERSON || m->kb != NULL || memchr (r->text + m->start, ' ', m->end - m->start))
        continue;
      word = g_strndup (r->text + m->start, m->end - m->start);
      if ((full = g_hash_table_lookup (by_surname, word)) != NULL)
        {
          g_free (m->key);
          m->key = g_strdup (full->key);
          m->kb = full->kb;
        }
    }
}

/* --- Driver ---------------------------------------------------------------- */

GArray *
_tl_recognizer_run (TlRecognizer *self,
                    const char   *text,
                    gsize         length,
                    GArray       *tokens)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (TlRawMention));
  ScanCtx ctx = { self, text, length, hits, 0 };
  Run r = { self, text, length, NULL, NULL };
  GArray *result;

  g_array_set_clear_func (hits, _tl_raw_mention_clear);
  _tl_matcher_scan (self->matcher, text, length, on_hit, &ctx);
  scan_cves (text, length, hits);
  r.mentions = select_spans (hits);

  r.tokens = word_tokens (text, tokens);
  mark_title_lines (text, r.tokens);
  mark_covered (r.tokens, r.mentions);
  find_context_names (&r);
  g_array_sort (r.mentions, mention_cmp);
  merge_country_agency (text, r.mentions);
  join_surnames (&r);
  link_back (&r);
  g_array_sort (r.mentions, mention_cmp);

  result = select_spans (r.mentions);
  g_array_unref (r.mentions);
  g_array_unref (r.tokens);
  return result;
}
