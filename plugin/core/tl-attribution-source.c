/* tl-attribution-source.c — who is speaking
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Where the source of a cue is (tl-attribution-phrase.c reads its noun
 * phrase: a mention, a pronoun or an unnamed source). Rightwards for
 * "according to X", "citing X" and "…, said X";
 * leftwards for "X said", through auxiliaries and adverbs, appositions,
 * relative clauses, prepositional phrases and coordinated verbs.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-attribution-ctx-private.h"

static const char *const prepositions[] = { "from", "of", "at", "in", "for", "by", "with", "inside", "within" };

/* A stock ticker after a name: "AT&T T.N said", "Nokia NOKIA.HE said". */
static gboolean
is_ticker (Ctx  *c,
           guint i)
{
  const ATok *t = T (c, i);
  const char *dot;
  guint len = t->end - t->start;

  if (t->kind != TOK_WORD || len < 3 || len > 12 || i == 0 || T (c, i - 1)->mention < 0)
    return FALSE;
  dot = memchr (c->text + t->start, '.', len);
  if (dot == NULL || dot == c->text + t->start || c->text + t->end - dot - 1 < 1 || c->text + t->end - dot - 1 > 2)
    return FALSE;
  for (guint p = t->start; p < t->end; p++)
    if (!(g_ascii_isupper (c->text[p]) || g_ascii_isdigit (c->text[p]) || c->text[p] == '.'))
      return FALSE;
  return TRUE;
}

/* An adverb in -ly between a subject and its verb ("X initially blamed",
 * "Y flatly denied"): a lowercase word after a word that is not a
 * determiner ("the family said", "the assembly said" keep their noun). */
static gboolean
is_ly_adverb (Ctx  *c,
              gint  i,
              guint floor)
{
  static const char *const nouns[] = { "family", "assembly", "supply", "ally", "rally", "reply", "monopoly",
                                       "anomaly", "daily", "weekly", "monthly", "quarterly", "italy" };
  const ATok *t = T (c, i);

  return t->kind == TOK_WORD && t->mention < 0 && t->end - t->start >= 5 && g_ascii_islower (c->text[t->start]) &&
         c->text[t->end - 2] == 'l' && c->text[t->end - 1] == 'y' && i > (gint) floor &&
         T (c, i - 1)->kind == TOK_WORD && !is_determiner (c, (guint) i - 1) &&
         !tok_in_list (c, (guint) i, nouns, G_N_ELEMENTS (nouns)) && !_tl_attr_is_source_head (c, (guint) i);
}

/* Skips auxiliaries, adverbs, tickers and time phrases leftwards from @i. */
gint
_tl_attr_skip_left (Ctx  *c,
                    gint  i,
                    guint floor)
{
  while (i >= (gint) floor)
    {
      guint n;
      if (tok_in_set (c, i, c->cues->skip) || is_ticker (c, (guint) i) || is_ly_adverb (c, i, floor))
        i--;
      /* "the Internal Security Service (KAPO) said": a short form in brackets */
      else if (tok_punct (c, i, ")") && i >= (gint) floor + 3 && tok_punct (c, i - 2, "(") &&
               T (c, i - 1)->kind == TOK_WORD && _tl_attr_is_all_caps (c, i - 1))
        i -= 3;
      else if ((n = _tl_attr_any_phrase_ending_at (c, i, floor, &c->cues->time_phrases)) > 0 ||
               (n = _tl_attr_date_ending_at (c, (guint) i, floor)) > 0)
        i -= n;
      else
        break;
    }
  return i;
}

/* "issued by the ministry", "dated Jan. 19", "conducted with outside
 * experts", "passed last year": a participle phrase after the noun of a
 * document, at token @i. Returns the token after it, or @i when there is
 * none. It ends at punctuation, a cue, a pronoun or a relative word. */
guint
_tl_attr_skip_participle_phrase (Ctx   *c,
                                 guint  i,
                                 guint  end)
{
  const ATok *t;
  guint k;
  char z;

  if (i >= end || (t = T (c, i))->kind != TOK_WORD || !g_ascii_islower (c->text[t->start]))
    return i;
  /* most words are out by their last letter, before the lookup */
  z = c->text[t->end - 1];
  if (z < 'a' || z > 'z' || !(c->cues->participle_ends & (1u << (z - 'a'))) ||
      !tok_in_set (c, i, c->cues->document_participles))
    return i;
  k = i + 1;
  for (guint w = 0; k < end && w < 12; w++)
    {
      guint n = _tl_attr_date_at (c, k, end);

      if (n > 0)
        {
          k += n;
          continue;
        }
      /* "third-party experts": a hyphen inside a word */
      if (tok_punct (c, k, "-") && T (c, k)->start == T (c, k - 1)->end)
        {
          k++;
          continue;
        }
      if (T (c, k)->kind != TOK_WORD || tok_in_set (c, k, c->cues->speech) || tok_is (c, k, "that") ||
          tok_is (c, k, "which") || tok_is (c, k, "who") || is_pronoun (c, k) ||
          (T (c, k)->mention < 0 && tok_in_set (c, k, c->cues->skip) && !tok_is (c, k, "last") &&
           !tok_is (c, k, "earlier")))
        break;
      k++;
    }
  return k;
}

/* "A statement issued by the ministry noted", "The filing dated March 3
 * says": a document and the participle phrase after its noun, all of it
 * before the cue (@last is the subject's last token once auxiliaries and
 * adverbs are skipped). */
static Source
document_with_participle (Ctx   *c,
                          guint  sent_start,
                          guint  last,
                          guint  cue)
{
  Source none = { FALSE };

  for (guint h = last; h > sent_start && last - h < 14; h--)
    {
      guint head = h - 1, after;
      Source s;

      after = _tl_attr_skip_participle_phrase (c, h, cue);
      if (after <= last || after == h || !tok_in_set (c, head, c->cues->document) || T (c, head)->mention >= 0)
        continue;
      s = _tl_attr_source_from_head (c, head, sent_start);
      /* "in a report published on Monday, the ministry said": the
       * document is an adverbial there, not the subject */
      if (s.first > sent_start && tok_in_list (c, s.first - 1, prepositions, G_N_ELEMENTS (prepositions)))
        return none;
      s.last = after - 1;
      s.kind = TL_SOURCE_DOCUMENT;
      s.entity = -1;
      return s;
    }
  return none;
}

/* A dash that sets off an apposition: " – ", " — " or " - ". */
static gboolean
is_spaced_dash (Ctx  *c,
                guint i)
{
  const ATok *t;
  gunichar ch;

  if (i == 0 || i >= c->toks->len || (t = T (c, i))->kind != TOK_PUNCT || t->start == T (c, i - 1)->end)
    return FALSE;
  ch = g_utf8_get_char (c->text + t->start);
  return ch == '-' || ch == 0x2013 || ch == 0x2014;
}

/* "a spokesperson for the embassy in Ottawa", "officials at the ministry",
 * "the result of our investigation": a noun phrase inside a prepositional
 * phrase after the head of a source is part of that source. Widens @s
 * leftwards through such phrases; FALSE when @s sits inside a prepositional
 * phrase that no source head opens ("the intrusion into the carriers"). */
static gboolean
widen_through_prepositions (Ctx    *c,
                            guint   sent_start,
                            Source *s)
{
  for (guint round = 0; round < 3; round++)
    {
      Source outer;

      if (s->first <= sent_start || !tok_in_list (c, s->first - 1, prepositions, G_N_ELEMENTS (prepositions)))
        return TRUE;
      /* "one of the officials", "two of the people briefed": part of the
       * unnamed source, one person or several */
      if (s->first >= sent_start + 2 && tok_is (c, s->first - 1, "of") && s->entity < 0 &&
          (s->kind == TL_SOURCE_ANONYMOUS || s->kind == TL_SOURCE_ROLE) &&
          _tl_attr_is_quantity (c, s->first - 2))
        {
          s->first -= 2;
          s->kind = tok_is (c, s->first, "one") || tok_is (c, s->first, "another") || tok_is (c, s->first, "each")
                      ? TL_SOURCE_ROLE : TL_SOURCE_ANONYMOUS;
          return TRUE;
        }
      if (s->first < sent_start + 2 || T (c, s->first - 2)->mention >= 0 || !_tl_attr_is_source_head (c, s->first - 2))
        return FALSE;
      outer = _tl_attr_source_from_head (c, s->first - 2, sent_start);
      outer.last = s->last;
      /* "officials at Huawei" are Huawei's; "the embassy in Washington" is
       * not Washington */
      if (outer.entity < 0 && s->entity >= 0 && c->entities[s->entity].type != TL_ENTITY_PLACE)
        outer.entity = s->entity;
      *s = outer;
    }
  return TRUE;
}

/* A word that sits inside a prepositional phrase: "a report by Anna Berg" */
static gboolean
after_preposition (Ctx   *c,
                   guint  sent_start,
                   guint  first)
{
  return first > sent_start && (tok_in_list (c, first - 1, prepositions, G_N_ELEMENTS (prepositions)) ||
                                tok_is (c, first - 1, "about") || tok_is (c, first - 1, "into") ||
                                tok_is (c, first - 1, "against") || tok_is (c, first - 1, "on"));
}

/* After an unnamed source, "in Beijing" or "at the Commerce Department"
 * up to a comma: the phrase's last token (the source's entity set when it
 * names a body, not a place), or @s's own last token. */
guint
_tl_attr_where_unnamed_source_is (Ctx    *c,
                                  Source *s,
                                  guint   sent_end)
{
  static const char *const where[] = { "in", "at", "from", "inside", "within" };
  gint body = -1;
  guint k = s->last + 1;

  if (!tok_in_list (c, k, where, G_N_ELEMENTS (where)))
    return s->last;
  for (k++; k < sent_end && k - s->last <= 6 && T (c, k)->kind == TOK_WORD; k++)
    {
      gint m = T (c, k)->mention;

      if (m >= 0)
        {
          if (c->entities[c->mentions[m].entity].type != TL_ENTITY_PLACE && body < 0)
            body = (gint) c->mentions[m].entity;
        }
      else if (tok_in_set (c, k, c->cues->speech))
        return s->last;
    }
  /* up to the comma of "According to X, …" or the end of "…, according to X." */
  if (k == s->last + 2 || !(tok_punct (c, k, ",") || (k + 1 == sent_end && tok_punct (c, k, ".")) || k == sent_end))
    return s->last;
  if (s->entity < 0)
    s->entity = body;
  return k - 1;
}

/* "Anna Berg of Vodafone", "Sarah Lund from the agency's fraud unit": a
 * person's affiliation after the name. Returns the token after it, or the
 * token after the person when none follows (or @s is not a person). The
 * body may be named ("of Vodafone", then the nouns after the name), or a
 * short noun phrase of a few words ("of the agency's fraud unit") that no
 * cue, clause or pronoun interrupts. */
guint
_tl_attr_skip_affiliation (Ctx          *c,
                           const Source *s,
                           guint         end)
{
  guint k = s->last + 1, w, from;
  gboolean named = TRUE;
  Source body;

  if (s->kind != TL_SOURCE_PERSON || k + 1 >= end ||
      !(tok_is (c, k, "of") || tok_is (c, k, "from") || tok_is (c, k, "at")))
    return k;
  body = _tl_attr_source_right (c, k + 1, end);
  if (body.ok && body.kind != TL_SOURCE_PERSON && body.kind != TL_SOURCE_ANONYMOUS && body.kind != TL_SOURCE_ROLE)
    from = _tl_attr_names_a_body (c, &body) ? _tl_attr_after_name_nouns (c, body.last + 1, end) : body.last + 1;
  else if (tok_is (c, k + 1, "the"))
    from = k + 2, named = FALSE;
  else
    return k;
  /* then lowercase words and possessives ("of the NCA's cyber crime unit") */
  for (w = from; w < end && w - k <= 10; w++)
    {
      const ATok *t = T (c, w);

      if (t->kind == TOK_PUNCT)
        {
          const char *p = c->text + t->start;
          if (!(*p == '\'' || strncmp (p, "\xe2\x80\x99", 3) == 0))
            break;
          continue;
        }
      if (tok_in_set (c, w, c->cues->speech) || tok_is (c, w, "that") || tok_is (c, w, "who") ||
          tok_is (c, w, "which") || tok_is (c, w, "whose") || is_pronoun (c, w) || tok_in_set (c, w, c->cues->skip))
        break;
    }
  return !named && w == from ? k : w;
}

/* The clause's own subject when it opens the clause: "X, who …, said". */
typedef enum {
  CLAUSE_APPOSITION,   /* "X, a researcher, said" */
  CLAUSE_COORDINATED,  /* "X did not reply, but has denied" */
  CLAUSE_ADJACENT,     /* "people briefed on the draft said" */
} ClauseMode;

static Source
clause_initial_source (Ctx        *c,
                       guint       from,
                       guint       cue,
                       ClauseMode  mode)
{
  Source none = { FALSE };
  guint i = from;

  /* Start after a quotation that opens the sentence: "“…,” X, a …, said" */
  if (_tl_attr_tok_open_quote (c, from))
    for (guint k = from + 1; k < cue; k++)
      if (_tl_attr_tok_close_quote (c, k))
        {
          i = k + 1;
          break;
        }
  /* "SYDNEY (Reuters) - Optus, the second-largest carrier, said": a dateline */
  i = _tl_attr_after_dateline (c, i, cue);
  /* leading commas, conjunctions and bullets ("• Viasat, a provider, said") */
  while (i < cue && (tok_punct (c, i, ",") || tok_is (c, i, "but") || tok_is (c, i, "and") ||
                     tok_is (c, i, "however") || tok_is (c, i, "meanwhile") ||
                     (T (c, i)->kind == TOK_PUNCT && !_tl_attr_tok_open_quote (c, i) &&
                      (guchar) c->text[T (c, i)->start] >= 0x80)))
    i++;
  /* "Interestingly, Bloomberg reported": a sentence adverb before the subject */
  if (i + 2 < cue && T (c, i)->end - T (c, i)->start > 4 && tok_punct (c, i + 1, ",") &&
      g_ascii_strncasecmp (c->text + T (c, i)->end - 2, "ly", 2) == 0)
    i += 2;
  /* "On 18 November, Telia, an operator, said": skip a leading time. */
  {
    guint n = _tl_attr_any_phrase_at (c, i, &c->cues->time_phrases);
    if (n == 0)
      n = _tl_attr_date_at (c, i, cue);
    if (n > 0 && i + n + 1 < cue && tok_punct (c, i + n, ","))
      i += n + 1;
  }
  /* "In Washington, the FCC said", "In an interview with the CBC, X, a
   * vice president, stated": skip a leading prepositional phrase, up to
   * its comma (no cue, no quotation inside it). */
  if (i + 2 < cue && (tok_is (c, i, "in") || tok_is (c, i, "at") || tok_is (c, i, "during")))
    for (guint k = i + 1; k + 1 < cue && k - i <= 12; k++)
      {
        if (tok_punct (c, k, ","))
          {
            i = k + 1;
            break;
          }
        if ((T (c, k)->kind != TOK_WORD && !tok_punct (c, k, ".-")) || tok_in_set (c, k, c->cues->speech))
          break;
      }
  /* "State-owned Privatbank, the largest bank, said": an adjective of who
   * owns or backs the name before it */
  {
    static const char *const owned[] = { "-owned", "-run", "-backed", "-controlled", "-held", "-funded" };
    if (i + 1 < cue && T (c, i)->kind == TOK_WORD && T (c, i)->mention < 0 && T (c, i + 1)->mention >= 0)
      for (guint k = 0; k < G_N_ELEMENTS (owned); k++)
        {
          gsize n = strlen (owned[k]), len = T (c, i)->end - T (c, i)->start;
          if (len > n && g_ascii_strncasecmp (c->text + T (c, i)->end - n, owned[k], n) == 0)
            {
              i++;
              break;
            }
        }
  }
  if (i >= cue)
    return none;
  {
    Source s = _tl_attr_source_right (c, i, cue);
    if (!s.ok)
      return none;
    if (mode == CLAUSE_COORDINATED)
      return s;
    /* "A statement issued by the ministry – …, – noted" */
    if (s.kind == TL_SOURCE_DOCUMENT && T (c, s.last)->mention < 0)
      {
        guint a = _tl_attr_skip_participle_phrase (c, s.last + 1, cue);
        if (a > s.last + 1)
          s.last = a - 1;
      }
    guint after = _tl_attr_names_a_body (c, &s) ? _tl_attr_after_name_nouns (c, s.last + 1, cue) : s.last + 1;

    /* "The Police Security Service (PST), which …, said": the short form
     * in brackets after the name */
    if (mode == CLAUSE_APPOSITION && T (c, s.last)->mention >= 0 && tok_punct (c, after, "("))
      for (guint k = after + 1; k < cue && k - after <= 4; k++)
        if (tok_punct (c, k, ")"))
          {
            after = k + 1;
            break;
          }

    /* "Inspector Anna Berg of the agency's fraud unit said" */
    if (s.kind == TL_SOURCE_PERSON)
      after = _tl_attr_skip_affiliation (c, &s, cue);
    /* "A senior official at one carrier, who …, said": where the unnamed
     * source is, up to the comma, is part of it */
    else if (mode == CLAUSE_APPOSITION && T (c, s.last)->mention < 0 &&
             (s.kind == TL_SOURCE_ANONYMOUS || s.kind == TL_SOURCE_ROLE))
      {
        guint w = _tl_attr_where_unnamed_source_is (c, &s, cue);
        if (w > s.last)
          after = (s.last = w) + 1;
      }
    /* "Telia and Vodafone, whose shops were hit, said": the last of the
     * names coordinated before the comma (the others are joint sources) */
    while (mode == CLAUSE_APPOSITION && after + 1 < cue && (tok_is (c, after, "and") || tok_punct (c, after, ",")))
      {
        guint n = tok_is (c, after + 1, "the") ? after + 2 : after + 1;
        Source next;
        guint a;

        if (n >= cue || T (c, n)->mention < 0)
          break;
        next = _tl_attr_source_from_mention (c, n);
        a = next.last + 1;
        if (a >= cue || !(tok_punct (c, a, ",") || tok_is (c, a, "and") || tok_is (c, a, "who") ||
                          tok_is (c, a, "whose") || tok_is (c, a, "which") || is_spaced_dash (c, a)))
          break;
        s = next;
        after = a;
      }
    if (mode == CLAUSE_APPOSITION && after < cue &&
        (tok_punct (c, after, ",") || tok_is (c, after, "who") || is_spaced_dash (c, after)))
      return s;
    if (_tl_attr_skip_left (c, (gint) cue - 1, after) == (gint) after - 1)
      return s;
  }
  return none;
}

/* The subject that opens the sentence, directly followed by its verb
 * (through auxiliaries and adverbs): "The carrier had earlier disclosed
 * the breach, stating that …" → the carrier. */
Source
_tl_attr_sentence_subject (Ctx  *c,
                           guint sent_start,
                           guint verb_end)
{
  Source none = { FALSE };
  Source s = clause_initial_source (c, sent_start, verb_end, CLAUSE_COORDINATED);
  guint v;

  if (!s.ok || s.first >= verb_end)
    return none;
  v = s.last + 1;
  /* "a spokeswoman for the embassy in Oslo issued …": the whole phrase */
  while (v + 1 < verb_end && T (c, s.first)->mention < 0 &&
         tok_in_list (c, v, prepositions, G_N_ELEMENTS (prepositions)))
    {
      guint k = v + 1;
      guint adj = 0;
      if (tok_is (c, k, "the") && k + 1 < verb_end)
        k++;
      /* "for the Chinese embassy" */
      while (adj < 2 && k + 1 < verb_end && T (c, k)->mention < 0 && T (c, k)->kind == TOK_WORD &&
             g_ascii_isupper (c->text[T (c, k)->start]) && !tok_in_set (c, k, c->cues->org_nouns))
        k++, adj++;
      if (adj > 0 && !tok_in_set (c, k, c->cues->org_nouns))
        break;
      if (T (c, k)->mention >= 0)
        {
          k = _tl_attr_source_from_mention (c, k).last + 1;
          if (k < verb_end && tok_in_set (c, k, c->cues->org_nouns))
            k++;
        }
      else if (tok_in_set (c, k, c->cues->org_nouns))
        k++;
      else
        break;
      s.last = k - 1;
      v = k;
    }
  while (v < verb_end && tok_in_set (c, v, c->cues->skip))
    v++;
  if (v >= verb_end || T (c, v)->kind != TOK_WORD || T (c, v)->mention >= 0 ||
      !g_ascii_islower (c->text[T (c, v)->start]) ||
      tok_in_list (c, v, prepositions, G_N_ELEMENTS (prepositions)) || tok_is (c, v, "and") ||
      tok_is (c, v, "who") || tok_is (c, v, "which") || tok_is (c, v, "that"))
    return none;
  return s;
}

/* "a person close to the company", "two people familiar with Huawei's
 * plans": an unnamed source whose post-modifier ends right before @first
 * (where a body or a name was taken for the source). */
static Source
post_modified_head (Ctx    *c,
                    guint   sent_start,
                    guint   first,
                    guint   last)
{
  Source none = { FALSE };
  guint n;
  Source u;

  if (first < sent_start + 2 ||
      (n = _tl_attr_any_phrase_ending_at (c, first - 1, sent_start, &c->cues->post_modifiers)) == 0 ||
      first - 1 < sent_start + n || T (c, first - 1 - n)->mention >= 0 ||
      !(tok_in_set (c, first - 1 - n, c->cues->anonymous) || tok_in_set (c, first - 1 - n, c->cues->role)))
    return none;
  u = _tl_attr_source_from_head (c, first - 1 - n, sent_start);
  u.last = last;
  u.entity = -1;
  u.resolved = NULL;
  return u;
}

/* Whether unnamed people were named in the sentences before @sent_start
 * (a source noun that is no name: "two engineers", "one executive"), for
 * "One said …", "Another said …" to be one of them. */
static gboolean
unnamed_people_before (Ctx   *c,
                       guint  sent_start)
{
  for (guint k = sent_start; k-- > 0 && sent_start - k <= 80;)
    if (T (c, k)->kind == TOK_WORD && T (c, k)->mention < 0 && g_ascii_islower (c->text[T (c, k)->start]) &&
        (tok_in_set (c, k, c->cues->role) || tok_in_set (c, k, c->cues->anonymous)))
      return TRUE;
  return FALSE;
}

Source
_tl_attr_source_left (Ctx  *c,
                      guint sent_start,
                      guint cue)
{
  Source none = { FALSE };
  gint i = _tl_attr_skip_left (c, (gint) cue - 1, sent_start);

  if (i < (gint) sent_start)
    return none;

  /* "The embassy here said": the source with "here" after it */
  if (tok_is (c, i, "here") && i > (gint) sent_start && T (c, i - 1)->kind == TOK_WORD)
    {
      Source s = _tl_attr_source_left (c, sent_start, (guint) i);
      if (s.ok && s.last + 1 == (guint) i)
        {
          s.last = (guint) i;
          return s;
        }
    }

  {
    Source doc = document_with_participle (c, sent_start, (guint) i, cue);
    if (doc.ok)
      return doc;
  }

  /* ", who said": the antecedent before the comma */
  if ((tok_is (c, i, "who") || tok_is (c, i, "which") ||
       /* "a press release that stated …": only after the noun of a document */
       (tok_is (c, i, "that") && i > (gint) sent_start && tok_in_set (c, i - 1, c->cues->document))) &&
      i > (gint) sent_start)
    {
      gint j = i - 1;
      if (tok_punct (c, j, ","))
        j--;
      j = _tl_attr_skip_left (c, j, sent_start);
      if (j >= (gint) sent_start)
        {
          if (T (c, j)->mention >= 0)
            return _tl_attr_source_from_mention (c, j);
          if (_tl_attr_is_source_head (c, j))
            return _tl_attr_source_from_head (c, j, sent_start);
        }
      return none;
    }
  /* apposition or a coordinated verb: the clause's first noun phrase */
  /* "Telia – the largest operator – said" */
  /* "its chief executive, Anna Berg, said": the name set off after an
   * unnamed role is the source, not the role */
  if (tok_punct (c, i, ",") && i > (gint) sent_start + 2 && T (c, i - 1)->mention >= 0)
    {
      Source name = _tl_attr_source_from_mention (c, (guint) i - 1);

      guint r = name.first >= 2 ? name.first - 2 : 0;

      /* "its head of security, Anna Berg, said" */
      if (name.first >= sent_start + 4 && !tok_in_set (c, r, c->cues->role) && T (c, r)->kind == TOK_WORD &&
          g_ascii_islower (c->text[T (c, r)->start]) && tok_is (c, r - 1, "of"))
        r -= 2;
      if (name.kind == TL_SOURCE_PERSON && name.first > sent_start + 1 && tok_punct (c, name.first - 1, ",") &&
          T (c, r)->mention < 0 && tok_in_set (c, r, c->cues->role))
        return name;
    }
  if (tok_punct (c, i, ",") || is_spaced_dash (c, (guint) i))
    return clause_initial_source (c, sent_start, cue, CLAUSE_APPOSITION);
  if (tok_is (c, i, "but") || tok_is (c, i, "and"))
    return clause_initial_source (c, sent_start, cue, CLAUSE_COORDINATED);

  if (T (c, i)->mention >= 0)
    {
      Source s = _tl_attr_source_from_mention (c, i);
      gint before = (gint) s.first - 1;

      {
        Source u = post_modified_head (c, sent_start, tok_is (c, s.first - 1, "the") ? s.first - 1 : s.first, s.last);
        if (u.ok)
          return u;
      }

      /* "Huawei India said": a company's unit in a country is the company */
      if (c->entities[s.entity].type == TL_ENTITY_PLACE && before >= (gint) sent_start && T (c, before)->mention >= 0 &&
          T (c, before)->end + 1 == T (c, s.first)->start)
        {
          Source owner = _tl_attr_source_from_mention (c, (guint) before);
          TlEntityType ot = c->entities[owner.entity].type;
          if (ot == TL_ENTITY_VENDOR || ot == TL_ENTITY_OPERATOR || ot == TL_ENTITY_ORGANIZATION)
            {
              owner.last = s.last;
              return owner;
            }
        }
      /* "allies including the UK and Germany" */
      {
        gint k = before;
        while (k >= (gint) sent_start && (T (c, k)->mention >= 0 || tok_is (c, k, "and") ||
                                          tok_is (c, k, "the") || tok_punct (c, k, ",")))
          k--;
        if (k > (gint) sent_start && (tok_is (c, k, "including") || tok_is (c, k, "like")))
          {
            Source head = _tl_attr_source_from_head (c, k - 1, sent_start);
            head.last = s.last;
            head.kind = TL_SOURCE_ORGANIZATION;
            return head;
          }
      }
      /* "a spokesperson for Huawei in Ottawa": the source is before where
       * it is; "Eerik Kross of Estonia": before whom he speaks for */
      if (before > (gint) sent_start && T (c, before - 1)->mention >= 0 &&
          ((c->entities[s.entity].type == TL_ENTITY_PLACE && (tok_is (c, before, "in") || tok_is (c, before, "at")) &&
            c->entities[c->mentions[T (c, before - 1)->mention].entity].type != TL_ENTITY_PLACE) ||
           /* "Jaak Tamm of Elisa said": the person speaks, not the body */
           ((tok_is (c, before, "of") || tok_is (c, before, "from") || tok_is (c, before, "at")) &&
            c->entities[c->mentions[T (c, before - 1)->mention].entity].type == TL_ENTITY_PERSON)))
        {
          Source named = _tl_attr_source_left (c, sent_start, (guint) before);
          if (named.ok)
            return named;
        }
      /* "a study from the US Department of Defence" */
      if (before >= (gint) sent_start && tok_is (c, before, "the"))
        before--;
      /* "Anna Berg of Vodafone said": the person, who speaks for the body */
      if (s.kind != TL_SOURCE_PERSON && before > (gint) sent_start && T (c, before - 1)->mention >= 0 &&
          (tok_is (c, before, "of") || tok_is (c, before, "from") || tok_is (c, before, "at")))
        {
          Source person = _tl_attr_source_from_mention (c, (guint) before - 1);
          if (person.kind == TL_SOURCE_PERSON && !after_preposition (c, sent_start, person.first))
            return person;
        }
      if (before > (gint) sent_start &&
          tok_in_list (c, before, prepositions, G_N_ELEMENTS (prepositions)) &&
          _tl_attr_is_source_head (c, before - 1))
        {
          Source head = _tl_attr_source_from_head (c, before - 1, sent_start);

          /* "officials in Beijing", "the embassy in Washington": a place
           * says where the unnamed source is, not who it is */
          if (c->entities[s.entity].type == TL_ENTITY_PLACE)
            head.last = s.last;
          else
            head.entity = s.entity;
          /* "a spokesperson for the embassy in Ottawa" */
          if (head.first > sent_start && tok_in_list (c, head.first - 1, prepositions, G_N_ELEMENTS (prepositions)))
            {
              Source wide = head;
              wide.last = s.last;
              if (widen_through_prepositions (c, sent_start, &wide) && wide.first < head.first)
                return wide;
            }
          return head;
        }
      return s;
    }
  if (is_pronoun (c, i))
    {
      /* "SektorCERT's report does not name them, but it notes that …":
       * "it" is the document that opens the sentence */
      if (tok_is (c, i, "it") && i > (gint) sent_start + 1 && (tok_is (c, i - 1, "but") || tok_is (c, i - 1, "and")))
        {
          Source subj = clause_initial_source (c, sent_start, (guint) i - 1, CLAUSE_COORDINATED);
          if (subj.ok && subj.first < (guint) i - 1 && subj.kind == TL_SOURCE_DOCUMENT)
            {
              Source s = { TRUE, (guint) i, (guint) i, TL_SOURCE_DOCUMENT, subj.entity, NULL };
              return s;
            }
        }
      return _tl_attr_source_from_pronoun (c, i);
    }
  /* "…, SektorCERT said, adding …": a body the knowledge base does not
   * know, named right after the comma (an acronym or a name with a capital
   * inside it, or two capitalised words or more) */
  if (T (c, i)->mention < 0 && (cue + 1 >= c->toks->len || tok_punct (c, cue + 1, ",.")))
    {
      gint k = i;
      gboolean inner_capital = FALSE;

      while (k >= (gint) sent_start && i - k < 4 && T (c, k)->kind == TOK_WORD && T (c, k)->mention < 0 &&
             g_ascii_isupper (c->text[T (c, k)->start]) && !tok_in_set (c, k, c->cues->speech))
        {
          for (guint p = T (c, k)->start + 1; p < T (c, k)->end; p++)
            inner_capital |= g_ascii_isupper (c->text[p]);
          k--;
        }
      if (k < i && k > (gint) sent_start && tok_punct (c, k, ",") && (inner_capital || i - k >= 2))
        {
          Source s = { TRUE, (guint) k + 1, (guint) i, TL_SOURCE_ORGANIZATION, -1, NULL };
          return s;
        }
    }
  /* "“…,” Brandt said in a post": one capitalised word the knowledge base
   * does not know, right after a quotation that closes on a comma, is the
   * quotation's speaker. A person, unless it is an acronym or reads as a
   * company ("Sarbank", "Kyivstar"). */
  if (T (c, i)->mention < 0 && i >= (gint) sent_start + 2 && T (c, i)->kind == TOK_WORD &&
      _tl_attr_tok_close_quote (c, (guint) i - 1) && tok_punct (c, (guint) i - 2, ",") &&
      g_ascii_isupper (c->text[T (c, i)->start]) && !is_pronoun (c, (guint) i) &&
      !tok_in_set (c, (guint) i, c->cues->speech) && !_tl_attr_is_source_head (c, (guint) i))
    {
      Source s = { TRUE, (guint) i, (guint) i,
                   _tl_attr_reads_as_company (c, (guint) i) ? TL_SOURCE_ORGANIZATION : TL_SOURCE_PERSON, -1, NULL };
      return s;
    }
  /* "Two engineers spoke to us. One said …; another pointed out …", "A
   * second said": one more of the unnamed people named before, by role */
  {
    static const char *const ordinals[] = { "second", "third", "fourth", "fifth" };
    gboolean one = i == (gint) sent_start && (tok_is (c, i, "another") || tok_is (c, i, "one"));
    gboolean nth = i == (gint) sent_start + 1 && tok_is (c, i - 1, "a") &&
                   tok_in_list (c, (guint) i, ordinals, G_N_ELEMENTS (ordinals));

    if ((one || nth) && unnamed_people_before (c, sent_start))
      {
        Source s = { TRUE, nth ? (guint) i - 1 : (guint) i, (guint) i, TL_SOURCE_ROLE, -1, NULL };
        return s;
      }
  }
  /* "Medibank reported a cyberattack": a company's name the knowledge base
   * does not know, opening the sentence right before the cue */
  if (i == (gint) sent_start && T (c, i)->mention < 0 && T (c, i)->kind == TOK_WORD &&
      g_ascii_isupper (c->text[T (c, i)->start]) && _tl_attr_reads_as_company (c, (guint) i) &&
      !_tl_attr_is_source_head (c, (guint) i))
    {
      Source s = { TRUE, (guint) i, (guint) i, TL_SOURCE_ORGANIZATION, -1, NULL };
      return s;
    }
  if (_tl_attr_is_source_head (c, i))
    {
      Source s = _tl_attr_source_from_head (c, i, sent_start);
      Source u = post_modified_head (c, sent_start, s.first, s.last);

      if (u.ok)
        return u;
      /* "Anna Berg from the regulator said" */
      if (s.first > sent_start + 1 && T (c, s.first - 2)->mention >= 0 &&
          (tok_is (c, s.first - 1, "of") || tok_is (c, s.first - 1, "from") || tok_is (c, s.first - 1, "at")))
        {
          Source person = _tl_attr_source_from_mention (c, s.first - 2);
          if (person.kind == TL_SOURCE_PERSON && !after_preposition (c, sent_start, person.first))
            return person;
        }
      /* "the intrusion into the carriers showed": a noun inside a
       * prepositional phrase is not the subject; "the result of our
       * investigation indicates": the source is the noun before it. */
      if (s.first > sent_start && tok_in_list (c, s.first - 1, prepositions, G_N_ELEMENTS (prepositions)))
        return widen_through_prepositions (c, sent_start, &s) ? s : none;
      if (s.first > sent_start && (tok_is (c, s.first - 1, "into") || tok_is (c, s.first - 1, "about") ||
                                   tok_is (c, s.first - 1, "on") || tok_is (c, s.first - 1, "against")))
        return none;
      return s;
    }
  /* "the foreign ministers of the two countries said", "officials from
   * both countries said": a source head, a preposition and a noun that is
   * no source of its own — the whole phrase */
  for (gint k = i - 1; k > (gint) sent_start && i - k < 5; k--)
    {
      if (T (c, k)->kind != TOK_WORD || T (c, k)->mention >= 0 || tok_in_set (c, k, c->cues->speech) ||
          tok_in_set (c, k, c->cues->skip) || is_pronoun (c, k))
        break;
      if (tok_in_list (c, k, prepositions, G_N_ELEMENTS (prepositions)) && T (c, k - 1)->mention < 0 &&
          _tl_attr_is_source_head (c, (guint) k - 1))
        {
          Source s = _tl_attr_source_from_head (c, (guint) k - 1, sent_start);

          if (after_preposition (c, sent_start, s.first))
            break;
          s.last = (guint) i;
          return s;
        }
    }
  /* "people briefed on the draft said", also after a clause:
   * "The operator was breached, officials familiar with the matter said" */
  {
    Source s = clause_initial_source (c, sent_start, cue, CLAUSE_ADJACENT);
    if (s.ok)
      return s;
    for (gint k = (gint) cue - 1; k > (gint) sent_start; k--)
      if (tok_punct (c, k, ","))
        return clause_initial_source (c, (guint) k + 1, cue, CLAUSE_ADJACENT);
    return s;
  }
}

/* "Vodafone and Telefonica said", "the FBI, CISA and the NSA disclosed":
 * the sources coordinated before @src, nearest first, into @out (at most
 * @max). Returns how many. */
guint
_tl_attr_joint_sources (Ctx          *c,
                        guint         sent_start,
                        const Source *src,
                        Source       *out,
                        guint         max)
{
  guint n = 0, k = src->first;

  while (n < max && k >= sent_start + 2)
    {
      guint j;
      Source o = { FALSE };

      /* "the FBI and the NSA": the article before a name */
      if (tok_is (c, k - 1, "the") && T (c, k)->mention >= 0)
        k--;
      if (k < sent_start + 2)
        break;
      j = k - 1;
      /* "A, B and C" (or "A, B, and C"): "and" before the last, commas before */
      if (n == 0 && tok_is (c, j, "and"))
        {
          j--;
          if (tok_punct (c, j, ",") && j > sent_start)
            j--;
        }
      else if (n > 0 && tok_punct (c, j, ","))
        j--;
      else
        break;
      /* after a comma only names: "…of two million customers, the company
       * and the police said" lists two sources, not three */
      if (T (c, j)->mention >= 0)
        o = _tl_attr_source_from_mention (c, j);
      else if (_tl_attr_is_source_head (c, j) && n == 0 && !tok_punct (c, j + 1, ","))
        o = _tl_attr_source_from_head (c, j, sent_start);
      if (!o.ok)
        break;
      out[n++] = o;
      k = o.first;
    }
  return n;
}
