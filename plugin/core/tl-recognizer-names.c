/* tl-recognizer-names.c — names that are not in the knowledge base
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Pass 3 of the recognizer, over the words of the shared tokens: runs of
 * capitalised words become government bodies by their head word
 * ("… Agency", "Ministry of …"), companies by their suffix ("… Ltd",
 * "… Telecom"), people by a given name, a title before them, or a
 * reporting verb or an apposition around them. Lines in Title Case are
 * headlines, where rules that rely on capitals are off.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-recognizer-run-private.h"
#include "tl-text-private.h"
#include "tl-tokens-private.h"

/* --- Tokens ---------------------------------------------------------------- */

/* The words of the shared tokens (tl-tokens.c), as names see them: without
 * a possessive ("Huawei's" → "Huawei"), an initial with its period ("F."),
 * and whether the next word follows after one space or opens a sentence. */
GArray *
_tl_rec_word_tokens (const char *t,
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
void
_tl_rec_mark_title_lines (const char *t,
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

void
_tl_rec_mark_covered (GArray *tokens,
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

/* "X Y, Ericsson's head of research": a known name's possessive and a role
 * after a comma. */
static gboolean
owner_role_after (Run  *r,
                  guint b)
{
  const TlLexicon *lex = r->self->lex;
  guint k = b + 1;

  if (k + 1 >= r->tokens->len || TOK (r, k)->start != TOK (r, b)->end + 2 ||
      strncmp (r->text + TOK (r, b)->end, ", ", 2) != 0 ||
      (TOK (r, k)->flags & (TOK_COVERED | TOK_POSS)) != (TOK_COVERED | TOK_POSS))
    return FALSE;
  k++;
  if (tok_equals (r, k, "vice") || tok_equals (r, k, "former") || tok_equals (r, k, "new"))
    k++;
  return k < r->tokens->len && tok_in (r, k, lex->roles, TRUE);
}

/* The one person of the knowledge base whose name ends in the word at
 * @surname and whose description holds every word of the office from
 * @title up to it ("Secretary of Commerce Ross": "Former US commerce
 * secretary" Wilbur Ross); NULL when none or several do. Only for this
 * rare construction: a walk over the aliases. */
static const TlKbEntity *
official_by_surname (Run   *r,
                     guint  title,
                     guint  surname)
{
  const Token *st = TOK (r, surname);
  gsize sn = st->end - st->start;
  const TlKbEntity *found = NULL;

  for (guint k = 0; k < r->self->n_aliases; k++)
    {
      const TlKbEntity *e = r->self->aliases[k].entity;
      const char *last;
      gboolean all = TRUE;

      if (e->type != TL_ENTITY_PERSON || e == found || e->description == NULL ||
          (last = strrchr (e->name, ' ')) == NULL || strlen (last + 1) != sn ||
          strncmp (last + 1, r->text + st->start, sn) != 0)
        continue;
      for (guint i = title; i < surname && all; i++)
        {
          g_autofree char *word = NULL;
          g_autofree char *desc = NULL;

          if (!(TOK (r, i)->flags & TOK_CAP))
            continue;
          word = g_ascii_strdown (r->text + TOK (r, i)->start, TOK (r, i)->end - TOK (r, i)->start);
          desc = g_ascii_strdown (e->description, -1);
          all = strstr (desc, word) != NULL;
        }
      if (!all)
        continue;
      if (found != NULL)
        return NULL;
      found = e;
    }
  return found;
}

/* "Minister of Transport Ana Ruiz", "Secretary for Digital Affairs Ana
 * Ruiz", "Secretary of the Treasury Ann Lee": after a title and "of" or
 * "for" (the run starts after them), the words of the office, then the
 * person from a given name to the end of the run, two or three words ("CEO
 * of Morgan Stanley" names no one). */
static gboolean
try_person_after_office (Run  *r,
                         guint a,
                         guint b)
{
  const TlLexicon *lex = r->self->lex;
  guint k, title, g;

  if (a < 2 || b == a || (TOK (r, a)->flags & TOK_TITLE_LINE))
    return FALSE;
  k = a - 1;
  if (tok_equals (r, k, "the") && k > 1 && (TOK (r, k)->flags & TOK_JOIN))
    k--;
  title = k - 1;
  if (!(tok_equals (r, k, "of") || tok_equals (r, k, "for")) || !(TOK (r, k)->flags & TOK_JOIN) ||
      !(TOK (r, title)->flags & TOK_JOIN) || !(TOK (r, title)->flags & TOK_CAP) ||
      !(tok_in (r, title, lex->honorifics, FALSE) || tok_in (r, title, lex->roles, TRUE)))
    return FALSE;
  for (g = a + 1; g <= b; g++)
    if (tok_in (r, g, lex->given_names, FALSE))
      break;
  /* "said Secretary of Commerce Ross", "Minister of Transport Ruiz said":
   * no given name before the last word, so it is the surname ("Ross" is
   * also a given name), when what is around
   * the run says a person speaks (the office's words are not a name) */
  if (g >= b && is_name_token (r, b) && !(TOK (r, b)->flags & TOK_ALLCAPS) &&
      (text_after_is (r, b, speech_after, G_N_ELEMENTS (speech_after)) ||
       text_after_is (r, b, apposition_after, G_N_ELEMENTS (apposition_after)) ||
       text_before_is (r, title, speech_before, G_N_ELEMENTS (speech_before))))
    {
      const TlKbEntity *known = official_by_surname (r, title, b);

      if (known != NULL)
        {
          TlRawMention m = { TOK (r, b)->start, TOK (r, b)->end, TL_ENTITY_PERSON, TL_ORIGIN_KB, known, NULL };
          g_array_append_val (r->mentions, m);
          TOK (r, b)->flags |= TOK_COVERED;
        }
      else
        add_context_mention (r, b, b, TL_ENTITY_PERSON);
      return TRUE;
    }
  if (g >= b || b - g > 2)
    return FALSE;
  for (guint i = g; i <= b; i++)
    if (!is_name_token (r, i) || (TOK (r, i)->flags & TOK_ALLCAPS))
      return FALSE;
  add_context_mention (r, g, b, TL_ENTITY_PERSON);
  return TRUE;
}

/* "Jaak Tamm of Elisa said", "Eerik Kross from Estonia, a former …": a
 * known body or place after "of", "from" or "at", then a reporting verb
 * or an apposition. */
static gboolean
affiliation_then_speech (Run  *r,
                         guint b)
{
  static const char *const links[] = { " of ", " from ", " at " };
  guint n = r->tokens->len, k = b + 2;

  if (k >= n || !text_after_is (r, b, links, G_N_ELEMENTS (links)) || !(TOK (r, k)->flags & TOK_COVERED))
    return FALSE;
  while (k + 1 < n && (TOK (r, k)->flags & TOK_JOIN) && (TOK (r, k + 1)->flags & TOK_COVERED))
    k++;
  return text_after_is (r, k, speech_after, G_N_ELEMENTS (speech_after)) ||
         text_after_is (r, k, apposition_after, G_N_ELEMENTS (apposition_after));
}

/* "the digital affairs minister, Jan Kowal, said", "its chief executive,
 * Ana Ruiz, told": a role noun, then the name set off by commas. */
static gboolean
role_then_commas (Run  *r,
                  guint a,
                  guint b)
{
  const Token *before, *first = TOK (r, a), *last = TOK (r, b);

  if (a == 0 || last->end >= r->len || r->text[last->end] != ',')
    return FALSE;
  before = TOK (r, a - 1);
  return first->start == before->end + 2 && r->text[before->end] == ',' &&
         !(before->flags & TOK_CAP) && tok_in (r, a - 1, r->self->lex->roles, TRUE);
}

static gboolean
try_person (Run  *r,
            guint a,
            guint b)
{
  const TlLexicon *lex = r->self->lex;
  guint n = b - a + 1;
  gboolean title_line = (TOK (r, a)->flags & TOK_TITLE_LINE) != 0;

  if (try_titled_person (r, a, b) || try_person_after_office (r, a, b))
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
      owner_role_after (r, b) || affiliation_then_speech (r, b) || role_then_commas (r, a, b) ||
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

static gboolean
is_date_word (Run  *r,
              guint i)
{
  static const char *const words[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Today", "Tomorrow", "Yesterday",
  };
  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    if (tok_equals (r, i, words[k]))
      return TRUE;
  return FALSE;
}

/* Extends a run to the right over "of X", "for X and Y". */
static guint
extend_over_connectors (Run  *r,
                        guint b)
{
  guint n = r->tokens->len;

  while (b + 2 < n && (TOK (r, b)->flags & TOK_JOIN) && is_lower_connector (r, b + 1) &&
         (TOK (r, b + 1)->flags & TOK_JOIN) && (TOK (r, b + 2)->flags & TOK_CAP) &&
         !(TOK (r, b + 2)->flags & TOK_COVERED) &&
         !is_date_word (r, b + 2))   /* "… Authority on Friday" */
    {
      b += 2;
      while (b + 1 < n && (TOK (r, b)->flags & TOK_JOIN) && (TOK (r, b + 1)->flags & TOK_CAP) &&
             !(TOK (r, b + 1)->flags & TOK_COVERED) && !(TOK (r, b)->flags & TOK_POSS))
        b++;
    }
  return b;
}

/* "Signals and Cable Agency": a capitalised word and "and" right before a
 * name's words belong to the name. The word may be one that ends company
 * names ("Security", "Telecoms"), not a known name, a given name, a
 * sentence's first word or a function word. Returns the new first token. */
static guint
extend_left_over_and (Run  *r,
                      guint a)
{
  const Token *w;

  if (a < 2 || !tok_equals (r, a - 1, "and") || !(TOK (r, a - 1)->flags & TOK_JOIN))
    return a;
  w = TOK (r, a - 2);
  if (!(w->flags & TOK_CAP) || !(w->flags & TOK_JOIN) ||
      (w->flags & (TOK_COVERED | TOK_ALLCAPS | TOK_SENT | TOK_POSS | TOK_TITLE_LINE)) ||
      g_ascii_isdigit (r->text[w->start]) ||
      tok_in (r, a - 2, r->self->lex->stop_capitals, FALSE) ||
      tok_in (r, a - 2, r->self->lex->given_names, FALSE))
    return a;
  return a - 2;
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

  if (!title_line)
    {
      guint end = extend_over_connectors (r, b);
      gboolean body = FALSE;

      for (guint i = a; i <= end && !body; i++)
        body = tok_in (r, i, lex->government_heads, FALSE);
      /* "Rural Network Resilience Act", "Secure and Open Networks Act":
       * capitalised words ending in the kind of a law, not a body's name
       * ("Ministry of Law"). */
      if (end > a && !body && _tl_rec_is_law_head (r, end) && !_tl_rec_names_another_law (r, end))
        {
          add_context_mention (r, extend_left_over_and (r, a), end, TL_ENTITY_LAW);
          return end + 1;
        }
      /* "Executive Order 14117" */
      if (b > a && tok_equals (r, b, "Order") && b + 1 < r->tokens->len &&
          (TOK (r, b)->flags & TOK_JOIN) && !(TOK (r, b + 1)->flags & TOK_COVERED) &&
          g_ascii_isdigit (r->text[TOK (r, b + 1)->start]))
        {
          add_context_mention (r, a, b + 1, TL_ENTITY_LAW);
          return b + 2;
        }
    }

  if (head >= 0 && !title_line)
    {
      guint end = extend_over_connectors (r, b);

      /* "Signals and Cable Protection Agency": only when a word comes
       * before the body's head ("Signals and Agency" is no name). */
      if (head > (gint) a)
        a = extend_left_over_and (r, a);

      /* A head word alone is generic ("the Ministry", "Administration"),
       * except a mission right after its country ("US Embassy": the
       * country joins it in pass 4). */
      if (end == a)
        {
          gboolean mission = tok_equals (r, a, "Embassy") || tok_equals (r, a, "Consulate");
          guint j = a + 1;

          /* "Embassy of Japan", "Embassy of the United States": one name. */
          if (mission && j + 1 < r->tokens->len && (TOK (r, a)->flags & TOK_JOIN) &&
              tok_equals (r, j, "of") && (TOK (r, j)->flags & TOK_JOIN))
            {
              j++;
              if (tok_equals (r, j, "the") && (TOK (r, j)->flags & TOK_JOIN) && j + 1 < r->tokens->len)
                j++;
              if ((TOK (r, j)->flags & TOK_CAP) && (TOK (r, j)->flags & TOK_COVERED))
                {
                  while (j + 1 < r->tokens->len && (TOK (r, j)->flags & TOK_JOIN) &&
                         (TOK (r, j + 1)->flags & TOK_CAP) && (TOK (r, j + 1)->flags & TOK_COVERED))
                    j++;
                  add_context_mention (r, a, j, TL_ENTITY_GOVERNMENT);
                  return j + 1;
                }
            }
          if (mission && a > 0 &&
              (TOK (r, a - 1)->flags & TOK_JOIN) && (TOK (r, a - 1)->flags & TOK_COVERED))
            {
              add_context_mention (r, a, a, TL_ENTITY_GOVERNMENT);
              return a + 1;
            }
          return 0;
        }
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

/* --- Credits: bylines, reporting lines and photo credits ------------------- */

/* A name in a credit: capitalised words (initials too) joined by single
 * spaces, up to four, none known already. Returns the last index, or
 * G_MAXUINT when @i does not start one. */
static guint
credit_name_end (Run  *r,
                 guint i)
{
  guint n = r->tokens->len, b = i;

  if (i >= n || !is_name_token (r, i) || (TOK (r, i)->flags & TOK_ALLCAPS))
    return G_MAXUINT;
  while (b + 1 < n && b - i < 3 && (TOK (r, b)->flags & TOK_JOIN) && !(TOK (r, b)->flags & TOK_POSS) &&
         is_name_token (r, b + 1) && !(TOK (r, b + 1)->flags & TOK_ALLCAPS))
    b++;
  return b;
}

/* "By Jane Roe", "Reporting by Jane Roe in Oslo and John Doe; Editing by
 * …", "Written by A and B for Reuters": the names after the cue, joined by
 * "and", commas or semicolons. A line-opening "By" takes only names of two
 * words or more that end their line or meet "and", "for", "in" or a
 * separator ("By Monday" is not a credit). */
static void
credit_names_after (Run     *r,
                    guint    i,
                    gboolean line_byline)
{
  guint n = r->tokens->len;

  while (i < n)
    {
      guint last = credit_name_end (r, i);
      const char *after;

      if (last == G_MAXUINT)
        return;
      after = r->text + TOK (r, last)->end;
      if (line_byline)
        {
          gsize rest = r->len - TOK (r, last)->end;
          if (last == i ||
              !(rest == 0 || *after == '\n' || *after == ',' || *after == ';' || *after == '|' ||
                (rest > 5 && (strncmp (after, " and ", 5) == 0 || strncmp (after, " for ", 5) == 0)) ||
                (rest > 4 && strncmp (after, " in ", 4) == 0)))
            return;
        }
      add_context_mention (r, i, last, TL_ENTITY_PERSON);
      i = last + 1;
      /* The next name: after "and", "," or ";" (skipping "in City"). */
      if (i < n && tok_equals (r, i, "in") && i + 1 < n)
        {
          i++;
          while (i + 1 < n && (TOK (r, i)->flags & TOK_JOIN) && (TOK (r, i + 1)->flags & TOK_CAP))
            i++;
          i++;
        }
      if (i < n && tok_equals (r, i, "and"))
        i++;
      else if (i < n && (r->text[TOK (r, i - 1)->end] == ',' || r->text[TOK (r, i - 1)->end] == ';') &&
               TOK (r, i)->start <= TOK (r, i - 1)->end + 2 && !tok_equals (r, i, "Editing"))
        ;
      else
        return;
    }
}

static gboolean
covered_by_media (Run  *r,
                  guint offset)
{
  for (guint k = 0; k < r->mentions->len; k++)
    {
      const TlRawMention *m = &g_array_index (r->mentions, TlRawMention, k);
      if (m->start <= offset && offset < m->end)
        return m->type == TL_ENTITY_MEDIA;
    }
  return FALSE;
}

/* Photo credits around a slash: "REUTERS/Jane Roe", "(Jane Roe/AP)". */
static void
credit_names_at_slash (Run  *r,
                       guint k)
{
  const Token *tok = TOK (r, k);
  guint n = r->tokens->len;

  if (tok->end >= r->len || r->text[tok->end] != '/' || k + 1 >= n ||
      TOK (r, k + 1)->start != tok->end + 1)
    return;
  if ((tok->flags & TOK_COVERED) && covered_by_media (r, tok->start))
    {
      guint last = credit_name_end (r, k + 1);
      if (last != G_MAXUINT && last > k + 1)
        add_context_mention (r, k + 1, last, TL_ENTITY_PERSON);
    }
  else if ((TOK (r, k + 1)->flags & TOK_COVERED) && covered_by_media (r, TOK (r, k + 1)->start))
    {
      guint first = k;

      while (first > 0 && k - first < 3 && (TOK (r, first - 1)->flags & TOK_JOIN) &&
             is_name_token (r, first - 1) && !(TOK (r, first - 1)->flags & TOK_ALLCAPS))
        first--;
      /* The whole name, from a bracket, a colon or the line start. */
      if (first < k && credit_name_end (r, first) == k &&
          (TOK (r, first)->start == 0 || strchr ("(\n:", r->text[TOK (r, first)->start - 1]) != NULL ||
           (TOK (r, first)->start >= 2 && r->text[TOK (r, first)->start - 1] == ' ' &&
            strchr ("(\n:", r->text[TOK (r, first)->start - 2]) != NULL)))
        add_context_mention (r, first, k, TL_ENTITY_PERSON);
    }
}

void
_tl_rec_find_credit_names (Run *r)
{
  static const char *const cues[] = {
    "Reporting", "reporting", "Editing", "Written", "written", "Compiled", "compiled",
    "Photo", "Photos", "photo", "Photograph", "photograph", "Illustration", "Story",
    "Writing",
  };
  guint n = r->tokens->len;

  for (guint k = 0; k < n; k++)
    {
      const Token *tok = TOK (r, k);

      credit_names_at_slash (r, k);
      if (tok_equals (r, k, "by") || tok_equals (r, k, "By"))
        {
          gboolean line_start = tok->start == 0 || r->text[tok->start - 1] == '\n';
          gboolean after_cue = FALSE;

          if (k > 0 && (TOK (r, k - 1)->flags & TOK_JOIN))
            for (guint c = 0; c < G_N_ELEMENTS (cues) && !after_cue; c++)
              after_cue = tok_equals (r, k - 1, cues[c]);
          if ((line_start && tok_equals (r, k, "By")) || after_cue)
            credit_names_after (r, k + 1, !after_cue);
        }
    }
}

/* "Francisco Seixas da Costa", "Anna van der Berg": a given name, then
 * names and a lowercase particle before the last name. Returns the token
 * after the name, or 0. */
static guint
try_person_with_particle (Run  *r,
                          guint a,
                          guint b)
{
  static const char *const particles[] = {
    "da", "de", "do", "dos", "das", "di", "del", "della", "du", "van", "von", "der", "den",
    "ter", "ten", "la", "le", "bin", "ibn",
  };
  const TlLexicon *lex = r->self->lex;
  guint n = r->tokens->len, k = b + 1, lowers = 0;

  /* "Ambassador Francisco Seixas da Costa": the title is not the name */
  while (a < b && (tok_in (r, a, lex->honorifics, FALSE) || tok_in (r, a, lex->roles, TRUE)))
    a++;
  if (b - a > 2 || !tok_in (r, a, lex->given_names, FALSE))
    return 0;
  for (guint i = a; i <= b; i++)
    if (!is_name_token (r, i) || (TOK (r, i)->flags & TOK_ALLCAPS))
      return 0;
  while (k < n && lowers < 2 && (TOK (r, k - 1)->flags & TOK_JOIN))
    {
      gboolean particle = FALSE;
      for (guint p = 0; p < G_N_ELEMENTS (particles) && !particle; p++)
        particle = tok_equals (r, k, particles[p]);
      if (!particle)
        break;
      k++;
      lowers++;
    }
  if (lowers == 0 || k >= n || !(TOK (r, k - 1)->flags & TOK_JOIN) || !is_name_token (r, k) ||
      (TOK (r, k)->flags & TOK_ALLCAPS))
    return 0;
  add_context_mention (r, a, k, TL_ENTITY_PERSON);
  return k + 1;
}

void
_tl_rec_find_context_names (Run *r)
{
  guint n = r->tokens->len;
  guint i = 0;

  while (i < n)
    {
      guint a = i, b = i, next, used_particle;

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
      if (a <= b && (used_particle = try_person_with_particle (r, a, b)) > 0)
        next = used_particle;
      else if (a <= b)
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
