/* tl-attribution-content.c — what was said: the statement of a cue
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The content of a statement: the clause after the cue (without "that",
 * the addressee, times, places and where or how it was said), or the
 * clause or quotation before ", X said" (after a dateline). Also whether
 * the statement before a cue is complete once the cue and its adverbials
 * are read, and the quotations that continue a speaker without a cue of
 * their own.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-attribution-ctx-private.h"

/* Where and how something was said, between the cue and what follows:
 * prepositional phrases and participles ("in a statement obtained by the
 * Times", "on its Facebook page", "in opening remarks on Tuesday"). Returns
 * the token after them; their objects are short noun phrases that never
 * take in a "that", a pronoun, an auxiliary or a second determiner. */
guint
_tl_attr_skip_adverbials (Ctx   *c,
                          guint  i,
                          guint  sent_end)
{
  static const char *const heads[] = {
    "in", "on", "at", "during", "via", "through", "to", "with", "before", "after",
    "under", "late", "online", "obtained", "posted", "published", "released", "issued",
    "filed", "quoted", "seen", "reviewed", "sent", "shared",
  };
  /* "in a thread of posts", "in a series of interviews": nouns an "of"
   * continues */
  static const char *const runs[] = { "thread", "series", "string" };

  for (guint round = 0; round < 5 && i < sent_end; round++)
    {
      guint n = _tl_attr_any_phrase_at (c, i, &c->cues->time_phrases);

      if (n == 0)
        n = _tl_attr_date_at (c, i, sent_end);
      if (n > 0)
        {
          i += n;
          continue;
        }
      /* "on Thursday, Jan. 19": a date after the day */
      if (tok_punct (c, i, ",") && (n = _tl_attr_date_at (c, i + 1, sent_end)) > 0)
        {
          i += n + 1;
          continue;
        }
      if (!tok_in_list (c, i, heads, G_N_ELEMENTS (heads)))
        break;
      /* "vowed to retaliate", "agreed to a suspended denial" and "reported on
       * the discovery" are not about where it was said. */
      if (tok_is (c, i, "to") && (i + 1 >= sent_end || !(T (c, i + 1)->mention >= 0 || is_determiner (c, i + 1) ||
                                                         g_ascii_isupper (c->text[T (c, i + 1)->start]))))
        break;
      if (tok_is (c, i, "on") && i > 0 && (tok_is (c, i - 1, "reported") || tok_is (c, i - 1, "commented") ||
                                           tok_is (c, i - 1, "reports") || tok_is (c, i - 1, "comments")))
        break;
      /* "with “moderate confidence”": quotation marks around its words */
      gboolean with = tok_is (c, i, "with");
      i++;
      if (tok_is (c, i, "by"))
        i++;
      for (guint w = 0; w < 8 && i < sent_end; w++, i++)
        {
          if (with && T (c, i)->kind != TOK_WORD && (_tl_attr_tok_open_quote (c, i) || _tl_attr_tok_close_quote (c, i)))
            continue;
          if (T (c, i)->kind != TOK_WORD || tok_is (c, i, "that") || is_pronoun (c, i) ||
              (tok_is (c, i, "of") && !(w > 0 && tok_in_list (c, i - 1, runs, G_N_ELEMENTS (runs)))) ||
              tok_in_list (c, i, heads, G_N_ELEMENTS (heads)) || tok_in_set (c, i, c->cues->skip) ||
              tok_in_set (c, i, c->cues->speech) || (w > 0 && is_determiner (c, i) && T (c, i)->mention < 0))
            break;
        }
    }
  return i;
}

/* After the cue and its adverbials, the statement before it is complete:
 * the sentence ends, a quotation follows ("…,” he said, “…”), or another
 * clause is joined on (", while …", ", adding …"). */
gboolean
_tl_attr_ends_statement (Ctx   *c,
                         guint  i,
                         guint  sent_end)
{
  static const char *const joins[] = {
    "while", "whereas", "but", "adding", "noting", "saying", "citing", "according",
    "as", "and", "which", "although", "though", "after", "before", "when", "in",
  };

  if (i >= sent_end || tok_punct (c, i, ".!?;"))
    return TRUE;
  /* "…, said one official who declined to be named because the matter is
   * classified.": why the source is unnamed */
  if (tok_is (c, i, "because"))
    return TRUE;
  /* "…, Reuters reported citing two sources." */
  if (tok_is (c, i, "citing") && i + 1 < sent_end && T (c, i + 1)->kind == TOK_WORD)
    return TRUE;
  if (!tok_punct (c, i, ","))
    return FALSE;
  if (i + 1 >= sent_end)
    return TRUE;  /* "…,” the spokesperson said," at a paragraph's end */
  /* "…, two officials said, a move that will squeeze …": a comment on
   * the whole statement, not its content */
  if ((tok_is (c, i + 1, "a") || tok_is (c, i + 1, "an")) && i + 3 < sent_end &&
      (tok_is (c, i + 3, "that") || tok_is (c, i + 3, "which") ||
       (i + 4 < sent_end && T (c, i + 3)->kind == TOK_WORD && (tok_is (c, i + 4, "that") || tok_is (c, i + 4, "which")))))
    return TRUE;
  /* "…, the government said, with fines of up to 10% for …": how, not
   * what (but "said, with some caution, that …" goes on to its clause) */
  if (tok_is (c, i + 1, "with"))
    {
      guint k = i + 2;
      while (k < sent_end && !tok_punct (c, k, ",.;"))
        k++;
      return !(tok_punct (c, k, ",") && tok_is (c, k + 1, "that"));
    }
  return _tl_attr_tok_open_quote (c, i + 1) || tok_in_list (c, i + 1, joins, G_N_ELEMENTS (joins)) ||
         is_ing_participle (c, i + 1);
}

/* "“…,” adding that …": the token at byte @offset continues the speaker. */
static gboolean
continued_at (Ctx   *c,
              guint  from,
              guint  sent_end,
              gsize  offset)
{
  for (guint k = from; k < sent_end; k++)
    if (T (c, k)->start >= offset)
      return T (c, k)->start == offset && is_continuing_participle (c, k);
  return FALSE;
}

/* "in a joint statement", "in an interview": where it was said, tokens
 * @k to @j (exclusive), naming a document or an interview. */
static gboolean
in_a_statement (Ctx   *c,
                guint  k,
                guint  j)
{
  if (!tok_is (c, k, "in"))
    return FALSE;
  for (guint t = k + 1; t < j; t++)
    if (tok_in_set (c, t, c->cues->document) || tok_is (c, t, "interview"))
      return TRUE;
  return FALSE;
}

gboolean
_tl_attr_is_auxiliary (Ctx         *c,
                       guint        i,
                       ClauseFlags  flags)
{
  /* "did" and "does" last: only with TL_ATTR_CLAUSE_DO */
  static const char *const aux[] = {
    "has", "have", "had", "is", "was", "were", "are", "will", "would", "could", "can",
    "may", "might", "must", "should", "did", "does",
  };

  return tok_in_list (c, i, aux, G_N_ELEMENTS (aux) - ((flags & TL_ATTR_CLAUSE_DO) ? 0 : 2));
}

/* A clause without "that" at @i: a subject of a few words, then an
 * auxiliary ("found hackers had copied …", "said in a joint statement they
 * were …"), before any punctuation, relative word or verb of saying; how
 * the subject may open and how long it may run is in @flags. Reads no
 * token at or after @sent_end. */
gboolean
_tl_attr_clause_at (Ctx         *c,
                    guint        i,
                    guint        sent_end,
                    ClauseFlags  flags)
{
  static const char *const breakers[] = {
    "of", "in", "on", "at", "by", "for", "with", "from", "to", "no", "nothing", "evidence",
  };
  guint longest = 6;

  if (i >= sent_end)
    return FALSE;
  if (flags & TL_ATTR_CLAUSE_NAMED_SUBJECT)
    {
      if (i + 1 >= sent_end || T (c, i)->kind != TOK_WORD)
        return FALSE;
      if (is_pronoun (c, i))
        return _tl_attr_is_auxiliary (c, i + 1, flags);
      if (!is_determiner (c, i) && T (c, i)->mention < 0)
        return FALSE;
      longest = 5;
    }
  else if (flags & TL_ATTR_CLAUSE_AFTER_THAT)
    {
      if (T (c, i)->kind != TOK_WORD || _tl_attr_is_auxiliary (c, i, flags) || tok_in_set (c, i, c->cues->speech))
        return FALSE;
      longest = 9;
    }
  else if (_tl_attr_is_auxiliary (c, i, flags) || tok_in_list (c, i, breakers, G_N_ELEMENTS (breakers)))
    return FALSE;
  for (guint k = i + 1; k < sent_end && k - i <= longest; k++)
    {
      if (_tl_attr_is_auxiliary (c, k, flags))
        return TRUE;
      if (T (c, k)->kind != TOK_WORD || tok_is (c, k, "that") || tok_is (c, k, "which") || tok_is (c, k, "who") ||
          (!(flags & TL_ATTR_CLAUSE_NAMED_SUBJECT) && tok_is (c, k, "to")) || tok_in_set (c, k, c->cues->speech))
        return FALSE;
    }
  return FALSE;
}

/* "to the relevant authorities", "to police": whom an incident was
 * reported to, from token @i */
static gboolean
reported_to_authority (Ctx   *c,
                       guint  i,
                       guint  sent_end)
{
  static const char *const bodies[] = {
    "authorities", "authority", "police", "regulator", "regulators", "government", "ministry",
    "agency", "prosecutors", "watchdog",
  };

  for (guint k = i; k < sent_end && k - i < 3; k++)
    {
      if (tok_in_list (c, k, bodies, G_N_ELEMENTS (bodies)))
        return TRUE;
      if (T (c, k)->kind != TOK_WORD || T (c, k)->mention >= 0 || !g_ascii_islower (c->text[T (c, k)->start]))
        return FALSE;
    }
  return FALSE;
}

/* Content after the cue, up to the sentence end or a contrast clause. */
gboolean
_tl_attr_content_after (Ctx      *c,
                        guint     cue_last,
                        guint     sent_end,
                        gboolean  addressee,
                        TlSpan   *out,
                        gboolean *direct)
{
  static const char *const where[] = { "at", "in", "during", "before" };
  guint i = cue_last + 1;
  guint s, e;
  Quote *q;

  /* "warned about the cables": a topic follows, not an addressee */
  if (addressee && i < sent_end && !tok_is (c, i, "that") && !_tl_attr_tok_open_quote (c, i) &&
      !tok_is (c, i, "about") && !tok_is (c, i, "on") && !tok_is (c, i, "of"))
    {
      guint k = i + 1;

      /* "telling a local radio station on Monday that …" */
      if (is_determiner (c, i))
        while (k < sent_end && k - i < 8 && T (c, k)->kind == TOK_WORD && !tok_is (c, k, "that") &&
               !tok_in_set (c, k, c->cues->speech))
          k++;
      if (is_determiner (c, i) && tok_is (c, k, "that"))
        i = k;
      /* "…, adding that it had informed the regulator, …", "warned the
       * operators.": whom, and nothing said to them */
      else if (is_determiner (c, i) && k - i <= 3 &&
               (k >= sent_end || (T (c, k)->kind != TOK_WORD && !tok_punct (c, k, ":") &&
                                  !(tok_punct (c, k, ",") && k + 1 < sent_end &&
                                    (_tl_attr_tok_open_quote (c, k + 1) || tok_is (c, k + 1, "which") ||
                                     tok_is (c, k + 1, "who"))))))
        return FALSE;
      else if (T (c, i)->mention >= 0)
        i = _tl_attr_source_from_mention (c, i).last + 1;
      else
        {
          guint plain = i;

          /* the addressee: up to three words ("operators of critical
           * infrastructure": two more after "of"), up to a name that
           * opens the clause ("told reporters Huawei posed no risk") or
           * what was warned against ("warned operators against using …") */
          for (guint w = 0, limit = 3; w < limit && plain < sent_end && T (c, plain)->kind == TOK_WORD &&
                                       !tok_is (c, plain, "that") && !is_pronoun (c, plain) && !is_determiner (c, plain) &&
                                       !tok_is (c, plain, "about") && !tok_is (c, plain, "against") &&
                                       !(w > 0 && (tok_is (c, plain, "to") || T (c, plain)->mention >= 0)); w++)
            {
              if (w > 0 && tok_is (c, plain, "of"))
                limit = MIN (w + 3, 6);
              plain++;
            }

          /* "warned customers about the outage": what about, not what */
          if (tok_is (c, plain, "about"))
            return FALSE;
          /* "told operators to stop buying …": what they were told to do */
          if (plain > i && tok_is (c, plain, "to"))
            plain++;
          /* "warned operators against using …": the content says what */
          else if (!tok_is (c, plain, "against"))
            {
              /* "told lawmakers at a Senate hearing that …": where the
               * addressee was told runs on to "that" */
              for (guint w = 0; w < 3 && i < sent_end && T (c, i)->kind == TOK_WORD &&
                                !tok_in_list (c, i, where, G_N_ELEMENTS (where)); w++)
                i++;
              if (i < plain && tok_in_list (c, i, where, G_N_ELEMENTS (where)))
                {
                  guint t;

                  for (t = i + 1; t < sent_end && t - i < 8 && T (c, t)->kind == TOK_WORD &&
                                  !tok_in_set (c, t, c->cues->speech) && !tok_is (c, t, "that"); t++)
                    ;
                  if (tok_is (c, t, "that"))
                    plain = t;
                }
            }
          i = plain;
        }
    }
  for (;;)
    {
      guint n = _tl_attr_any_phrase_at (c, i, &c->cues->time_phrases);
      if (n == 0)
        n = _tl_attr_date_at (c, i, sent_end);
      if (n > 0)
        i += n;
      else if (i > cue_last + 1 && tok_punct (c, i, ",") && (n = _tl_attr_date_at (c, i + 1, sent_end)) > 0)
        i += n + 1;  /* "on Tuesday, 18 November" */
      else if ((tok_is (c, i, "in") || tok_is (c, i, "at") || tok_is (c, i, "on")) &&
               i + 1 < sent_end && T (c, i + 1)->mention >= 0 &&
               c->entities[c->mentions[T (c, i + 1)->mention].entity].type == TL_ENTITY_PLACE)
        i = _tl_attr_source_from_mention (c, i + 1).last + 1;
      else
        break;
    }
  /* "on Thursday, Jan. 19": a date after the day */
  {
    static const char *const months[] = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "january", "february", "march", "april", "june", "july", "august", "september",
      "october", "november", "december",
    };
    guint k = tok_punct (c, i, ",") ? i + 1 : i;
    if (k > cue_last + 1 && tok_in_list (c, k, months, G_N_ELEMENTS (months)))
      {
        k++;
        if (tok_punct (c, k, "."))
          k++;
        if (k < sent_end && g_ascii_isdigit (c->text[T (c, k)->start]))
          i = k + 1;
      }
  }
  /* "said on Tuesday, 18 November, that …" */
  if (i > cue_last + 1 && tok_punct (c, i, ",") && tok_is (c, i + 1, "that"))
    i++;
  /* "said in opening remarks on Tuesday that …", "estimates, with
   * moderate confidence, that …" */
  {
    guint k = tok_punct (c, i, ",") ? i + 1 : i;
    guint j = _tl_attr_skip_adverbials (c, k, sent_end);
    if (j > k && (tok_is (c, j, "that") || tok_punct (c, j, ":")) && k == i)
      i = j;
    else if (j > k && k == i && in_a_statement (c, k, j) &&
             _tl_attr_clause_at (c, j, sent_end, TL_ATTR_CLAUSE_NAMED_SUBJECT | TL_ATTR_CLAUSE_DO))
      i = j;  /* "said in a joint statement they were …" */
    else if (j > k && tok_punct (c, j, ",") && tok_is (c, j + 1, "that"))
      i = j + 1;
  }
  /* "reported on the discovery": a topic, not a statement */
  if ((tok_is (c, i, "on") || tok_is (c, i, "about")) && i == cue_last + 1)
    return FALSE;
  /* "warned of a high risk": what was warned of is the content */
  if (tok_is (c, i, "of") && i == cue_last + 1 && addressee)
    i++;
  /* "reported the incident to the authorities": an act, not a statement */
  /* "added the flaw to its catalog": an act, not a statement */
  if ((tok_is (c, cue_last, "added") || tok_is (c, cue_last, "adds")) && is_determiner (c, i))
    for (guint k = i + 1; k + 1 < sent_end && k - i < 6 && T (c, k)->kind == TOK_WORD && !tok_is (c, k, "that"); k++)
      if (tok_is (c, k, "to") && (is_determiner (c, k + 1) || T (c, k + 1)->mention >= 0))
        return FALSE;
  if ((tok_is (c, cue_last, "reported") || tok_is (c, cue_last, "reports")) && is_determiner (c, i))
    for (guint k = i + 1; k < sent_end && k - i < 20 && !tok_punct (c, k, ",;:") && !tok_is (c, k, "that"); k++)
      if (tok_is (c, k, "to") && (k - i < 5 || reported_to_authority (c, k + 1, sent_end)))
        return FALSE;
  /* "…, Reuters reported, citing sources", "said in an SEC filing on
   * Thursday, Jan. 19": what follows says how, not what */
  {
    static const char *const not_content[] = {
      "citing", "adding", "saying", "noting", "according", "in", "on", "at", "during", "via",
      "after", "before", "following", "amid",
    };
    guint k = tok_punct (c, i, ",") ? i + 1 : i;
    /* "said at least eight carriers were breached": a quantity, not where */
    gboolean quantity = tok_is (c, k, "at") && (tok_is (c, k + 1, "least") || tok_is (c, k + 1, "most"));
    if ((!quantity && tok_in_list (c, k, not_content, G_N_ELEMENTS (not_content))) || (k > i && is_ing_participle (c, k)))
      {
        /* unless a "that" clause follows: "said, on condition of anonymity, that …" */
        guint t = k;
        while (t < sent_end && t - k < 14 && !tok_is (c, t, "that"))
          t++;
        if (!tok_is (c, t, "that"))
          return FALSE;
        i = t;
      }
  }
  if (tok_is (c, i, "that"))
    i++;
  if (tok_punct (c, i, ":,"))
    i++;
  if (i >= sent_end)
    return FALSE;

  s = T (c, i)->start;
  e = T (c, sent_end - 1)->end;
  /* "The department told operators to stop buying the gear, two officials
   * said, …": the content ends where the statement's own source and cue
   * come after it */
  for (guint k = i + 1; k + 2 < sent_end; k++)
    if (tok_punct (c, k, ",") && T (c, k)->quote < 0)
      {
        guint w = k + 1;

        while (w < sent_end && w - k <= 7 && T (c, w)->kind == TOK_WORD && !tok_in_set (c, w, c->cues->speech))
          w++;
        guint after = w + 1;

        /* "…, the newspaper reported on Saturday." */
        if (w < sent_end && after < sent_end)
          {
            guint n = _tl_attr_any_phrase_at (c, after, &c->cues->time_phrases);
            after += n > 0 ? n : _tl_attr_date_at (c, after, sent_end);
          }
        if (w > k + 1 && w < sent_end && tok_in_set (c, w, c->cues->speech) &&
            (after >= sent_end || tok_punct (c, after, ",.")))
          {
            e = T (c, k - 1)->end;
            break;
          }
      }
  /* A quotation that opens the content may run past this sentence. */
  if (_tl_attr_tok_open_quote (c, i) && _tl_attr_quote_span_at (c, s, &q))
    {
      guint after = q->close_end;
      while (after < c->len && strchr (".,;: ", c->text[after]))
        after++;
      if (after >= e || after >= c->len || c->text[after] == '\n' || continued_at (c, i, sent_end, after))
        {
          out->start = q->inner_start;
          out->end = q->inner_end;
          _tl_attr_trim_span (c, &out->start, &out->end);
          q->used = TRUE;
          *direct = TRUE;
          return out->end > out->start;
        }
    }
  for (guint k = 0; k < c->cues->content_stops->len; k++)
    {
      const char *stop = g_ptr_array_index (c->cues->content_stops, k);
      const char *hit = g_strstr_len (c->text + s, e - s, stop);
      if (hit != NULL)
        e = (guint) (hit - c->text);
    }
  _tl_attr_trim_span (c, &s, &e);
  out->start = s;
  out->end = e;
  *direct = FALSE;
  return e > s && memchr (c->text + s, ' ', e - s) != NULL;  /* a clause, not one word */
}

/* The first token after a dateline ("BRUSSELS — …", "MADRID (Reuters) - …",
 * "OTTAWA, Ont. (AP) — …") that starts the sentence, or @sent_start;
 * looks no further than @limit. */
guint
_tl_attr_after_dateline (Ctx   *c,
                         guint  sent_start,
                         guint  limit)
{
  guint k = sent_start;

  while (k < limit && T (c, k)->kind == TOK_WORD && _tl_attr_is_all_caps (c, k))
    k++;
  /* "BERLIN, November 12 (Reuters) -": a date; "OTTAWA, Ont.": a state */
  if (k > sent_start && k + 2 < limit && tok_punct (c, k, ",") && T (c, k + 1)->kind == TOK_WORD &&
      g_ascii_isupper (c->text[T (c, k + 1)->start]))
    {
      guint date = _tl_attr_date_at (c, k + 1, limit);

      if (date > 0)
        k += 1 + date;
      else if (T (c, k + 1)->end - T (c, k + 1)->start <= 5)
        {
          k += 2;
          if (tok_punct (c, k, "."))
            k++;
        }
    }
  if (k > sent_start && k + 2 < limit && tok_punct (c, k, "("))
    {
      guint close = k + 1;
      while (close < limit && close - k < 6 && !tok_punct (c, close, ")"))
        close++;
      if (tok_punct (c, close, ")"))
        k = close + 1;
    }
  if (k > sent_start && k < limit && T (c, k)->kind == TOK_PUNCT &&
      (g_utf8_get_char (c->text + T (c, k)->start) == 0x2014 || g_utf8_get_char (c->text + T (c, k)->start) == 0x2013 ||
       c->text[T (c, k)->start] == '-' || c->text[T (c, k)->start] == ':'))
    return k + 1;
  return sent_start;
}

/* Content before ", SOURCE CUE": the quotation or the clause before the comma. */
gboolean
_tl_attr_content_before (Ctx      *c,
                         guint     sent_start,
                         guint     boundary,
                         TlSpan   *out,
                         gboolean *direct)
{
  gint i = (gint) boundary - 1;
  guint s, e;

  if (i >= (gint) sent_start && tok_punct (c, i, ","))
    i--;
  if (i >= (gint) sent_start && _tl_attr_tok_close_quote (c, i))
    {
      guint close_at = T (c, i)->start;
      for (guint q = 0; q < c->quotes->len; q++)
        {
          Quote *qt = &g_array_index (c->quotes, Quote, q);
          /* A quotation that ends a longer clause ("The company believes
           * the courts will reach “a just conclusion,” he added") is part
           * of that clause. */
          if (qt->inner_end == close_at && qt->open > T (c, sent_start)->start)
            {
              guint words = 0;
              for (guint k = sent_start; k < (guint) i && T (c, k)->end <= qt->open; k++)
                words += T (c, k)->kind == TOK_WORD;
              if (words >= 3)
                break;
            }
          if (qt->inner_end == close_at)
            {
              out->start = qt->inner_start;
              out->end = qt->inner_end;
              _tl_attr_trim_span (c, &out->start, &out->end);
              qt->used = TRUE;
              *direct = TRUE;
              return out->end > out->start;
            }
        }
    }
  if (i < (gint) sent_start)
    return FALSE;
  s = T (c, sent_start)->start;
  e = T (c, i)->end;
  if (_tl_attr_tok_open_quote (c, sent_start))
    s = T (c, sent_start)->end;
  /* A dateline is not part of the statement */
  {
    guint k = _tl_attr_after_dateline (c, sent_start, (guint) i);
    if (k > sent_start)
      s = T (c, k)->start;
  }
  _tl_attr_trim_span (c, &s, &e);
  out->start = s;
  out->end = e;
  *direct = FALSE;
  return e > s && memchr (c->text + s, ' ', e - s) != NULL;
}

/* Times, dates and "in/at/on" a name after token @i (in a told-addressee's
 * phrase or right after the cue): the token after them. */
static guint
skip_when_where (Ctx  *c,
                 guint i,
                 guint cue_last,
                 guint sent_end)
{
  for (;;)
    {
      guint n = _tl_attr_any_phrase_at (c, i, &c->cues->time_phrases);
      if (n == 0)
        n = _tl_attr_date_at (c, i, sent_end);
      if (n > 0)
        i += n;
      else if (i > cue_last + 1 && tok_punct (c, i, ",") && (n = _tl_attr_date_at (c, i + 1, sent_end)) > 0)
        i += n + 1;
      else if ((tok_is (c, i, "in") || tok_is (c, i, "at") || tok_is (c, i, "on")) &&
               i + 1 < sent_end && T (c, i + 1)->mention >= 0)
        i = _tl_attr_source_from_mention (c, i + 1).last + 1;
      else
        return i;
    }
}

/* After the cue (and a told-addressee, times, places) the sentence ends, or a
 * second quotation follows ("…,” he said, “…”). */
gboolean
_tl_attr_cue_closes_sentence (Ctx      *c,
                              guint     cue_last,
                              guint     sent_end,
                              gboolean  addressee)
{
  guint i = cue_last + 1;

  if (addressee && i < sent_end && T (c, i)->mention >= 0)
    i = _tl_attr_source_from_mention (c, i).last + 1;
  else if (addressee && (tok_is (c, i, "reporters") || tok_is (c, i, "journalists") ||
                         tok_is (c, i, "lawmakers") || tok_is (c, i, "parliament")))
    i++;
  i = skip_when_where (c, i, cue_last, sent_end);
  if (i >= sent_end || tok_punct (c, i, ".!?"))
    return TRUE;
  if (tok_punct (c, i, ",") && i + 1 < sent_end && _tl_attr_tok_open_quote (c, i + 1))
    return TRUE;
  /* "told a press conference", "told a news conference in Berlin on
   * Monday", "said in a news release, adding …" */
  if (addressee && T (c, i)->mention < 0)
    {
      guint k = i;

      for (guint w = 0; w < 4 && i < sent_end && T (c, i)->kind == TOK_WORD && !tok_is (c, i, "that") &&
                        !is_pronoun (c, i) && !(w > 0 && is_determiner (c, i)); w++)
        i++;
      while (k < i && !((tok_is (c, k, "in") || tok_is (c, k, "at") || tok_is (c, k, "on")) && k > cue_last + 1 &&
                        k + 1 < sent_end && T (c, k + 1)->mention >= 0))
        k++;
      if (k < i)
        i = skip_when_where (c, k, cue_last, sent_end);
      else
        i = skip_when_where (c, i, cue_last, sent_end);
      if (i >= sent_end || tok_punct (c, i, ".!?"))
        return TRUE;
    }
  return _tl_attr_ends_statement (c, _tl_attr_skip_adverbials (c, i, sent_end), sent_end);
}

/* Whether @a, an indirect statement, may be continued by the quotation
 * @qt: "X said the ban was overdue. “We waited too long.”" — a speaker
 * (not an outlet or a document passing it on) whose sentence ends right
 * before the quotation, nothing but punctuation between, and a quotation
 * that closes or runs on into the next paragraph (one cut off at the end
 * of an excerpt may have its own speaker after the cut). */
static gboolean
indirect_continued_by (Ctx                 *c,
                       const TlAttribution *a,
                       const Quote         *qt)
{
  gsize from = MAX (a->content.end, MAX (a->cue.end, a->source.end));
  gboolean stop = FALSE;

  if (a->direct || a->kind == TL_SOURCE_OUTLET || a->kind == TL_SOURCE_DOCUMENT || from > qt->open ||
      (qt->close_end == qt->inner_end && !qt->runs_on))
    return FALSE;
  for (gsize p = from; p < qt->open; p++)
    {
      guchar ch = (guchar) c->text[p];
      if (g_ascii_isalnum (ch))
        return FALSE;
      stop |= strchr (".!?\n", ch) != NULL;
    }
  return stop;
}

/* "“A,” he said. “B.”": B continues A's speaker; so it does after "He
 * said A. “B.”" */
void
_tl_attr_find_continuations (Ctx *c)
{
  GArray *recs = c->analysis->attributions;
  guint n_recs = recs->len;

  /* Quotations × statements: bounded for pathological input (thousands of
   * quotation marks); real stories have a few dozen of each. */
  if (c->quotes->len * (gsize) MAX (1, n_recs) > 4000000)
    return;
  for (guint q = 0; q < c->quotes->len; q++)
    {
      Quote *qt = &g_array_index (c->quotes, Quote, q);
      const TlAttribution *prev = NULL;
      gboolean inside = FALSE;
      guint gap_from, breaks = 0;
      gint k;

      if (qt->used || qt->inner_end - qt->inner_start < 20 ||
          !memchr (c->text + qt->inner_start, ' ', qt->inner_end - qt->inner_start))
        continue;
      for (guint r = 0; r < n_recs; r++)
        {
          const TlAttribution *a = &g_array_index (recs, TlAttribution, r);
          if (a->content.start <= qt->open && qt->open < a->content.end)
            inside = TRUE;
          if (a->cue.start >= qt->open && a->cue.end <= qt->close_end)
            inside = TRUE;
          if ((a->direct || indirect_continued_by (c, a, qt)) && a->content.end <= qt->open &&
              (prev == NULL || a->content.end > prev->content.end))
            prev = a;
        }
      if (inside || prev == NULL)
        continue;
      /* Nothing said by anyone else in between, at most one paragraph
       * break; who passed the statement on ("…,” X said in a statement
       * quoted by Reuters.") says nothing else. */
      gap_from = MAX (prev->content.end, prev->cue.end);
      for (guint r = 0; r < n_recs; r++)
        {
          const TlAttribution *a = &g_array_index (recs, TlAttribution, r);
          if (a->cue.start > gap_from && a->cue.start < qt->open &&
              !(a->content.start <= prev->content.start && prev->content.end <= a->content.end))
            inside = TRUE;
        }
      for (guint p = gap_from; p < qt->open; p++)
        breaks += (c->text[p] == '\n' && p + 1 < qt->open && c->text[p + 1] == '\n');
      /* It must open a sentence, or follow "he said," directly. */
      k = (gint) qt->open - 1;
      while (k >= 0 && c->text[k] == ' ')
        k--;
      if (inside || breaks > 1 || (k >= 0 && !strchr (".!?\n,:", c->text[k]) &&
                                   !(k >= 2 && (guchar) c->text[k - 2] == 0xE2)))
        continue;
      {
        TlAttribution a = *prev;
        a.resolved = g_strdup (prev->resolved);
        a.content.start = qt->inner_start;
        a.content.end = qt->inner_end;
        _tl_attr_trim_span (c, &a.content.start, &a.content.end);
        a.direct = TRUE;
        qt->used = TRUE;
        g_array_append_val (c->analysis->attributions, a);
      }
    }
}
