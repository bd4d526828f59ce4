/* tl-attribution.c — who said what: sources, cues and statements
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Rule-based, over the entity mentions already found. For each sentence:
 *  1. find reporting cues outside quotation marks (said, told, according
 *     to, citing, made it clear, …; negated cues are not statements);
 *  2. find the source: to the right of the cue for "according to X",
 *     "citing X", "first reported by X" and inverted "…, said X"; otherwise
 *     the subject to the left, looking through auxiliaries and adverbs,
 *     appositions ("X, a researcher, said"), relative clauses ("an
 *     official, who said"), prepositional phrases ("a study from the
 *     Pentagon made it clear") and coordinated verbs ("X did not reply, but
 *     has denied");
 *  3. find the content (tl-attribution-content.c): the clause after the
 *     cue (without "that", the addressee and adverbials), or the clause or
 *     quotation before ", X said";
 *  4. a quotation with no cue of its own that follows a quoted statement
 *     continues the same speaker.
 * Pronouns resolve to the nearest fitting entity before them.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-attribution-ctx-private.h"

/* "announced the matter in a statement", "confirmed the news on Monday":
 * what was said is only named, not said — the content is the topic's noun
 * and at most where or when. */
static gboolean
names_only_the_topic (const char *content,
                      gsize       len)
{
  static const char *const topics[] = { "the matter", "the news", "the issue" };

  for (guint k = 0; k < G_N_ELEMENTS (topics); k++)
    {
      gsize n = strlen (topics[k]);
      if (len >= n && g_ascii_strncasecmp (content, topics[k], n) == 0 &&
          (len == n || (content[n] == ' ' && len - n <= 30 &&
                        (g_str_has_prefix (content + n + 1, "in ") || g_str_has_prefix (content + n + 1, "on ") ||
                         g_str_has_prefix (content + n + 1, "at ") || g_str_has_prefix (content + n + 1, "to ")))))
        return TRUE;
    }
  return FALSE;
}

static void
add_record_full (Ctx          *c,
                 const Source *src,
                 guint         cue_first,
                 guint         cue_last,
                 const TlSpan *content,
                 gboolean      direct,
                 gboolean      credit)
{
  TlAttribution a = { 0 };

  a.source.start = T (c, src->first)->start;
  a.source.end = T (c, src->last)->end;
  a.kind = src->kind;
  a.entity = src->entity;
  a.resolved = src->resolved ? g_strdup (src->resolved) : NULL;
  a.cue.start = T (c, cue_first)->start;
  a.cue.end = T (c, cue_last)->end;
  a.content = *content;
  a.direct = direct;
  /* The content never contains its own cue or source, but for a credit
   * ("The story was first reported by X"), which is the whole sentence. */
  if (!credit && a.content.start < a.cue.end && a.cue.start < a.content.end &&
      !(a.cue.start >= a.content.start && a.cue.end <= a.content.end && a.content.end - a.content.start > 40))
    return;
  if (!direct && names_only_the_topic (c->text + a.content.start, a.content.end - a.content.start))
    return;
  g_array_append_val (c->analysis->attributions, a);
}

static void
add_record (Ctx          *c,
            const Source *src,
            guint         cue_first,
            guint         cue_last,
            const TlSpan *content,
            gboolean      direct)
{
  add_record_full (c, src, cue_first, cue_last, content, direct, FALSE);
}

/* A joint statement ("Germany and Finland said", "Altice, NOS and
 * Vodafone said") is one statement: one record, whose source is the names
 * together as printed. It links to no one entity; the kind is the names'
 * kind when they share it, else an organization's. */
static void
add_joint_records (Ctx          *c,
                   const Source *src,
                   const Source *joint,
                   guint         n_joint,
                   guint         cue_first,
                   guint         cue_last,
                   const TlSpan *content,
                   gboolean      direct)
{
  Source all = *src;

  if (n_joint > 0)
    {
      all.first = joint[n_joint - 1].first;
      all.entity = -1;
      all.resolved = NULL;
      for (guint k = 0; k < n_joint; k++)
        if (joint[k].kind != src->kind)
          all.kind = TL_SOURCE_ORGANIZATION;
    }
  add_record (c, &all, cue_first, cue_last, content, direct);
}

static gboolean
is_negated (Ctx  *c,
            guint cue)
{
  gint i = (gint) cue - 1;

  while (i >= 0 && (tok_is (c, i, "yet") || tok_is (c, i, "ever") || tok_is (c, i, "publicly")))
    i--;
  if (i < 0)
    return FALSE;
  if (tok_is (c, i, "not") || tok_is (c, i, "never"))
    return TRUE;
  {
    const ATok *t = T (c, i);
    gsize n = t->end - t->start;
    /* didn't, doesn't, won't — with a straight or a curly apostrophe */
    return (n > 3 && strncmp (c->text + t->end - 3, "n't", 3) == 0) ||
           (n > 5 && strncmp (c->text + t->end - 5, "n\xe2\x80\x99t", 5) == 0);
  }
}

static gboolean
needs_that (Ctx  *c,
            guint cue)
{
  static const char *const verbs[] = { "found", "finds", "shows", "showed", "show", "established", "establishes",
                                       "concluded", "concludes", "revealed", "reveals",
                                       "agreed", "agrees", "assessed", "assesses" };
  return tok_in_list (c, cue, verbs, G_N_ELEMENTS (verbs));
}

/* A word of a title before a name: "FCC Chairwoman", "Kyivstar CEO", "the
 * bank's co-founder", "Commerce Secretary", "chief executive". */
static gboolean
is_title_word (Ctx  *c,
               guint i)
{
  static const char *const modifiers[] = {
    "chief", "senior", "deputy", "vice", "former", "foreign", "prime", "co-founder",
    "founder", "head", "acting", "general", "the", "its", "his", "her", "their",
  };
  const ATok *t = T (c, i);

  if (t->kind != TOK_WORD || tok_in_set (c, i, c->cues->speech) || tok_in_set (c, i, c->cues->skip))
    return FALSE;
  if (t->end - t->start > 3 && c->text[t->end - 1] == 's' &&
      (c->text[t->end - 2] == '\'' || (guchar) c->text[t->end - 2] == 0x99))
    return TRUE;  /* "the bank’s co-founder" */
  return t->mention >= 0 || g_ascii_isupper (c->text[t->start]) || tok_in_set (c, i, c->cues->role) ||
         tok_in_list (c, i, modifiers, G_N_ELEMENTS (modifiers));
}

/* "of" or "for" inside a title, between its words: "Minister of
 * Transport", "Secretary for Digital Affairs". */
static gboolean
is_title_connector (Ctx   *c,
                    guint  i,
                    guint  first,
                    guint  sent_end)
{
  return i > first && i + 1 < sent_end && (tok_is (c, i, "of") || tok_is (c, i, "for")) &&
         T (c, i - 1)->mention < 0 && is_title_word (c, i - 1) && is_title_word (c, i + 1);
}

/* The speaker after an inverted cue, through the title before the name:
 * "said FCC Chairwoman Jessica Rosenworcel" is Jessica Rosenworcel, "said
 * Minister of Transport Ana Ruiz" is Ana Ruiz. */
static Source
source_after_cue (Ctx   *c,
                  guint  i,
                  guint  sent_end)
{
  gint person = -1, any = -1;

  for (guint k = i; k < sent_end && k - i < 10 && (is_title_word (c, k) || is_title_connector (c, k, i, sent_end));
       k++)
    if (T (c, k)->mention >= 0)
      {
        Source m = _tl_attr_source_from_mention (c, k);
        if (m.kind == TL_SOURCE_PERSON)
          person = (gint) k;
        any = (gint) k;
        k = m.last;
      }
  if (person >= 0)
    return _tl_attr_source_from_mention (c, (guint) person);
  if (any > (gint) i && T (c, i)->mention < 0)
    return _tl_attr_source_from_mention (c, (guint) any);
  return _tl_attr_source_right (c, i, sent_end);
}

/* Where the statement before "…, TITLE NAME said" ends: before the title
 * ("Minister of Transport" too). */
static guint
before_title (Ctx   *c,
              guint  floor,
              guint  first)
{
  guint b = first;

  /* "“…,” the company's head of security, Anna Berg, said": the role the
   * name is set off after, up to the comma or quotation before it */
  if (b > floor + 1 && tok_punct (c, b - 1, ","))
    {
      guint j = b - 1;
      gboolean role = FALSE;

      while (j > floor && b - j < 8 && T (c, j - 1)->kind == TOK_WORD && !tok_in_set (c, j - 1, c->cues->speech))
        {
          role = role || (T (c, j - 1)->mention < 0 && tok_in_set (c, j - 1, c->cues->role));
          j--;
        }
      if (role && j > floor && (tok_punct (c, j - 1, ",") || _tl_attr_tok_close_quote (c, j - 1)))
        return j;
    }
  /* "…, the national cybersecurity agency ANSSI said": a descriptor that
   * ends in a body's noun, its lower-case modifiers before it */
  if (b > floor && T (c, b - 1)->mention < 0 && T (c, b - 1)->kind == TOK_WORD &&
      g_ascii_islower (c->text[T (c, b - 1)->start]) &&
      (tok_in_set (c, b - 1, c->cues->org_nouns) || tok_in_set (c, b - 1, c->cues->role)))
    {
      b--;
      while (b > floor && first - b < 4 && T (c, b - 1)->kind == TOK_WORD && T (c, b - 1)->mention < 0 &&
             g_ascii_islower (c->text[T (c, b - 1)->start]) && !is_title_word (c, b - 1) &&
             !tok_in_set (c, b - 1, c->cues->speech) && !tok_in_set (c, b - 1, c->cues->skip) &&
             !is_determiner (c, b - 1) && !tok_is (c, b - 1, "and") && !tok_is (c, b - 1, "that"))
        b--;
    }
  while (b > floor && first - b < 8 && (is_title_word (c, b - 1) || is_title_connector (c, b - 1, floor, first)))
    b--;
  if (b < first && b > floor && (tok_punct (c, b - 1, ",") || _tl_attr_tok_close_quote (c, b - 1)))
    return b;
  return first;
}

static gboolean
is_ambiguous_plural (Ctx  *c,
                     guint i)
{
  static const char *const words[] = { "states", "notes", "claims", "reports", "comments",
                                        "estimates", "findings", "finds", "shows", "warns",
                                        "promises", "replies", "counters" };
  return tok_in_list (c, i, words, G_N_ELEMENTS (words));
}

/* "…, saying its gear could be used for spying, a charge Huawei denies":
 * what is denied is the charge, the clause after the last "that" or
 * reporting word before ", a charge", not the whole sentence. */
static void
narrow_to_the_charge (Ctx    *c,
                      guint   sent_start,
                      guint   first,
                      TlSpan *content)
{
  static const char *const charges[] = {
    "charge", "charges", "accusation", "accusations", "allegation", "allegations", "claim", "claims",
    "assertion", "suggestion",
  };
  guint k = first;

  if (k > sent_start && is_determiner (c, k - 1))
    k--;  /* "a charge the company denies" */
  if (k < sent_start + 3 || !tok_in_list (c, k - 1, charges, G_N_ELEMENTS (charges)))
    return;
  k--;
  if (is_determiner (c, k - 1))
    k--;
  if (!tok_punct (c, k - 1, ",") || k < sent_start + 2 || T (c, k - 2)->end <= content->start)
    return;
  content->end = MIN (content->end, T (c, k - 2)->end);
  for (guint i = k - 1; i > sent_start; i--)
    {
      guint t = i - 1;

      if (T (c, t)->start < content->start)
        break;
      if (tok_is (c, t, "that") || is_continuing_participle (c, t) || tok_in_set (c, t, c->cues->speech))
        {
          if (t + 1 < k - 1 && T (c, t + 1)->start < content->end)
            content->start = T (c, t + 1)->start;
          break;
        }
    }
}

/* When the cue at @cue_first opens a relative clause after a comma (", who
 * said …", ", which has said …"), the comma after which the main clause's
 * verb goes on (", did not respond", ", declined to comment"), or
 * @sent_end. */
static guint
relative_clause_end (Ctx  *c,
                     guint sent_start,
                     guint cue_first,
                     guint cue_last,
                     guint sent_end)
{
  static const char *const verbs[] = { "declined", "refused", "also", "later", "then" };
  gint k = _tl_attr_skip_left (c, (gint) cue_first - 1, sent_start);

  if (k <= (gint) sent_start || !(tok_is (c, k, "who") || tok_is (c, k, "which")) || !tok_punct (c, k - 1, ","))
    return sent_end;
  for (guint i = cue_last + 1; i + 1 < sent_end; i++)
    {
      if (T (c, i)->quote >= 0)
        continue;
      /* an auxiliary but "must" (", must pay" has not been looked at) */
      if (tok_punct (c, i, ",") &&
          ((_tl_attr_is_auxiliary (c, i + 1, TL_ATTR_CLAUSE_DO) && !tok_is (c, i + 1, "must")) ||
           tok_in_list (c, i + 1, verbs, G_N_ELEMENTS (verbs)) || tok_in_set (c, i + 1, c->cues->speech)))
        return i;
    }
  return sent_end;
}

static void
handle_speech (Ctx  *c,
               guint sent_start,
               guint sent_end,
               guint cue_first,
               guint cue_last)
{
  gboolean addressee = tok_in_set (c, cue_first, c->cues->take_addressee);
  gboolean direct = FALSE;
  TlSpan content;
  Source src, joint[4];
  guint n_joint, first;

  /* Inverted: "“…,” said Karsten Nohl" or "…, said X." ("told X" names
   * the addressee, never the speaker), "…, said X of Vodafone." */
  if (cue_first > sent_start && !addressee &&
      (tok_punct (c, cue_first - 1, ",") || _tl_attr_tok_close_quote (c, cue_first - 1)))
    {
      guint after;

      src = source_after_cue (c, cue_last + 1, sent_end);
      after = src.ok ? _tl_attr_skip_affiliation (c, &src, sent_end) : 0;
      /* "…, say Microsoft and western spy agencies": one statement of
       * sources named together, as "Telia and Telenor said" is */
      while (src.ok && after + 1 < sent_end && tok_is (c, after, "and"))
        {
          Source next = source_after_cue (c, after + 1, sent_end);

          if (!next.ok)
            break;
          if (next.kind != src.kind)
            src.kind = TL_SOURCE_ORGANIZATION;
          src.last = next.last;
          src.entity = -1;
          src.resolved = NULL;
          after = _tl_attr_skip_affiliation (c, &next, sent_end);
        }
      /* "…, said a statement issued by the agencies of five countries":
       * the document's participle phrase is part of it */
      if (src.ok && src.kind == TL_SOURCE_DOCUMENT && T (c, src.last)->mention < 0 && after == src.last + 1)
        {
          guint k = _tl_attr_skip_participle_phrase (c, after, sent_end);
          if (k > after && (k >= sent_end || tok_punct (c, k, ",.")))
            src.last = (after = k) - 1;
        }
      /* "…, said a statement from the supplier": whose document it is */
      if (src.ok && src.kind == TL_SOURCE_DOCUMENT && T (c, src.last)->mention < 0 && after == src.last + 1 &&
          after + 1 < sent_end && (tok_is (c, after, "from") || tok_is (c, after, "by")))
        {
          Source body = _tl_attr_source_right (c, after + 1, sent_end);

          if (body.ok && body.kind != TL_SOURCE_DOCUMENT &&
              (body.last + 1 >= sent_end || tok_punct (c, body.last + 1, ",.")))
            {
              src.last = body.last;
              after = body.last + 1;
              if (src.entity < 0)
                src.entity = body.entity;
            }
        }
      if (src.ok && (after >= sent_end || tok_punct (c, after, ",.") ||
                     _tl_attr_ends_statement (c, _tl_attr_skip_adverbials (c, after, sent_end), sent_end)) &&
          _tl_attr_content_before (c, sent_start, cue_first, &content, &direct))
        {
          add_record (c, &src, cue_first, cue_last, &content, direct);
          return;
        }
    }

  /* "which group he believed to be responsible", "hackers thought to
   * have ties to …": a belief with an infinitive says what someone is
   * taken to be, no statement ("claimed to have copied" is one) */
  if (cue_first == cue_last && tok_is (c, cue_last + 1, "to") &&
      (tok_is (c, cue_last + 2, "be") || tok_is (c, cue_last + 2, "have")))
    {
      static const char *const beliefs[] = {
        "believe", "believes", "believed", "think", "thinks", "thought", "consider", "considers", "considered",
      };

      if (tok_in_list (c, cue_first, beliefs, G_N_ELEMENTS (beliefs)))
        return;
    }
  /* "Carriers told to remove Chinese gear": a passive order, no statement */
  if (tok_is (c, cue_first, "told") && cue_first == cue_last && tok_is (c, cue_last + 1, "to"))
    return;
  src = _tl_attr_source_left (c, sent_start, cue_first);
  if (!src.ok)
    return;
  /* "Canada will ban the vendors, a decision it announced on Thursday":
   * the clause the decision is set off after is the statement */
  {
    static const char *const acts[] = { "decision", "move", "step", "plan", "announcement", "measure" };
    gint k = (gint) src.first - 1;

    if (k > (gint) sent_start + 2 && tok_in_list (c, (guint) k, acts, G_N_ELEMENTS (acts)))
      {
        gint d = k - 1;

        while (d > (gint) sent_start && k - d < 4 && !tok_is (c, (guint) d, "a") && !tok_is (c, (guint) d, "the") &&
               T (c, (guint) d)->kind == TOK_WORD)
          d--;
        if ((tok_is (c, (guint) d, "a") || tok_is (c, (guint) d, "the")) && d > (gint) sent_start &&
            tok_punct (c, (guint) d - 1, ",") &&
            _tl_attr_content_before (c, sent_start, (guint) d, &content, &direct))
          {
            add_record (c, &src, cue_first, cue_last, &content, direct);
            return;
          }
      }
  }
  /* "have not said whether they believe it was an accident": a question
   * about a statement, not one */
  if (src.first > sent_start && (tok_is (c, src.first - 1, "whether") || tok_is (c, src.first - 1, "if")))
    return;
  /* "member states", "company reports": a plural noun, unless a name or a
   * pronoun is the subject right before it. */
  if (cue_first == cue_last && is_ambiguous_plural (c, cue_first))
    {
      gint k = _tl_attr_skip_left (c, (gint) cue_first - 1, sent_start);
      if (k < (gint) sent_start || (T (c, k)->mention < 0 && !is_pronoun (c, k)))
        return;
    }
  n_joint = _tl_attr_joint_sources (c, sent_start, &src, joint, G_N_ELEMENTS (joint));
  first = n_joint > 0 ? joint[n_joint - 1].first : src.first;
  /* "X said, “…”" with nothing quoted before X: the quotation is the statement */
  if (tok_punct (c, cue_last + 1, ",") && _tl_attr_tok_open_quote (c, cue_last + 2) &&
      !(first > sent_start && _tl_attr_tok_close_quote (c, first - 1)) &&
      !(first > sent_start + 1 && tok_punct (c, first - 1, ",") && _tl_attr_tok_close_quote (c, first - 2)))
    {
      if (_tl_attr_content_after (c, cue_last, sent_end, FALSE, &content, &direct))
        add_joint_records (c, &src, joint, n_joint, cue_first, cue_last, &content, direct);
      return;
    }
  if (first > sent_start && _tl_attr_cue_closes_sentence (c, cue_last, sent_end, addressee))
    {
      guint b = before_title (c, sent_start, first);

      /* "NRK said the operator had informed the regulator": the source
       * opens the statement of another cue; what comes before it is that
       * cue's clause, not a statement of its own. */
      if (b > sent_start && T (c, b - 1)->kind == TOK_WORD &&
          (tok_in_set (c, b - 1, c->cues->speech) || tok_is (c, b - 1, "that")))
        return;
      if (_tl_attr_content_before (c, sent_start, b, &content, &direct))
        {
          if (!direct)
            narrow_to_the_charge (c, sent_start, first, &content);
          add_joint_records (c, &src, joint, n_joint, cue_first, cue_last, &content, direct);
        }
      return;
    }
  /* "Vodafone, which has said it will appeal, did not respond": the cue
   * is in a relative clause, whose content ends where the main clause
   * goes on */
  sent_end = relative_clause_end (c, sent_start, cue_first, cue_last, sent_end);
  /* "found hackers had copied …", "showed the intruders were …": a clause
   * without "that" after a verb that otherwise takes an object */
  if (needs_that (c, cue_last))
    {
      /* also after how it was found: "assessed with moderate confidence
       * the campaign is …" */
      guint j = _tl_attr_skip_adverbials (c, cue_last + 1, sent_end);
      gboolean after_how = FALSE;

      /* "assessed with “moderate confidence” that …": quoted words too */
      if (tok_is (c, cue_last + 1, "with") || tok_is (c, cue_last + 1, "in"))
        for (guint k = cue_last + 2; k < sent_end && k - cue_last <= 7 && !after_how; k++)
          {
            if (tok_is (c, k, "that"))
              after_how = TRUE;
            else if (T (c, k)->kind != TOK_WORD && !_tl_attr_tok_open_quote (c, k) && !_tl_attr_tok_close_quote (c, k))
              break;
          }
      if (!tok_is (c, cue_last + 1, "that") && !_tl_attr_clause_at (c, cue_last + 1, sent_end, TL_ATTR_CLAUSE_PLAIN) &&
          !(j > cue_last + 1 && (tok_is (c, j, "that") || _tl_attr_clause_at (c, j, sent_end, TL_ATTR_CLAUSE_PLAIN))) &&
          !after_how)
        return;
    }
  if (_tl_attr_content_after (c, cue_last, sent_end, addressee, &content, &direct))
    add_joint_records (c, &src, joint, n_joint, cue_first, cue_last, &content, direct);
}

static void
handle_according (Ctx  *c,
                  guint sent_start,
                  guint sent_end,
                  guint cue_first,
                  guint cue_last)
{
  Source src = _tl_attr_source_right (c, cue_last + 1, sent_end);
  gboolean direct = FALSE;
  TlSpan content;

  if (!src.ok)
    return;
  /* "according to a law passed last year, …": the document's participle
   * phrase is part of it */
  if (src.kind == TL_SOURCE_DOCUMENT && T (c, src.last)->mention < 0)
    {
      guint after = _tl_attr_skip_participle_phrase (c, src.last + 1, sent_end);
      if (after > src.last + 1 && (after >= sent_end || tok_punct (c, after, ",.")))
        src.last = after - 1;
    }
  /* "According to officials in Beijing, …", "according to sources at the
   * ministry, …": where an unnamed source's people are is part of it */
  if (T (c, src.last)->mention < 0 && (src.kind == TL_SOURCE_ANONYMOUS || src.kind == TL_SOURCE_ROLE))
    src.last = _tl_attr_where_unnamed_source_is (c, &src, sent_end);
  /* "According to X, CLAUSE." — also where a capital shows a sentence
   * that the splitter did not see start */
  if (cue_first == sent_start || (cue_first == sent_start + 1 && tok_is (c, sent_start, "but")) ||
      (g_ascii_isupper (c->text[T (c, cue_first)->start]) && tok_punct (c, src.last + 1, ",")))
    {
      /* "According to X, CLAUSE." */
      if (!tok_punct (c, src.last + 1, ",") ||
          !_tl_attr_content_after (c, src.last + 1, sent_end, FALSE, &content, &direct))
        return;
    }
  else if (!_tl_attr_content_before (c, sent_start, cue_first, &content, &direct))
    return;
  add_record (c, &src, cue_first, cue_last, &content, direct);
}

/* "…, citing an unacceptable risk to national security": nobody is cited,
 * the subject of the sentence cites a reason. */
static void
subject_cites (Ctx   *c,
               guint  sent_start,
               guint  sent_end,
               guint  cue_first,
               guint  cue_last)
{
  guint k = _tl_attr_after_dateline (c, sent_start, cue_first);
  guint stop = cue_last + 1;
  Source subject = { FALSE };
  TlSpan content;

  /* the subject opens the sentence: "The regulator banned …, citing …" */
  if (k < cue_first)
    subject = _tl_attr_source_right (c, k, cue_first);
  if (!subject.ok || subject.last + 1 >= cue_first || T (c, subject.last + 1)->kind != TOK_WORD)
    return;
  while (stop < sent_end && !tok_punct (c, stop, ",;.!?:") && !_tl_attr_tok_open_quote (c, stop + 1))
    stop++;
  if (stop == cue_last + 1)
    return;
  content.start = T (c, cue_last + 1)->start;
  content.end = T (c, stop - 1)->end;
  _tl_attr_trim_span (c, &content.start, &content.end);
  add_record (c, &subject, cue_first, cue_last, &content, FALSE);
}

/* "…, Reuters reported, citing sources": the sources cited for @outer, the
 * statement just recorded in this sentence (or the clause before the cue).
 * Returns FALSE when there is no statement yet: "Bloomberg, citing an
 * official, reported that …" waits for the statement after it. */
static gboolean
handle_citing (Ctx                 *c,
               guint                sent_start,
               guint                sent_end,
               guint                cue_first,
               guint                cue_last,
               const TlAttribution *outer)
{
  gboolean direct = FALSE;
  TlSpan content;
  guint i = cue_last + 1;
  Source src = _tl_attr_source_right (c, i, sent_end);

  if (!src.ok)
    {
      if (outer == NULL)
        subject_cites (c, sent_start, sent_end, cue_first, cue_last);
      return TRUE;
    }
  if (outer == NULL && tok_punct (c, src.last + 1, ","))
    {
      /* "X, citing Y, reported that …": the statement comes after */
      guint k = src.last + 2;
      while (k < sent_end && tok_in_set (c, k, c->cues->skip))
        k++;
      if (tok_in_set (c, k, c->cues->speech))
        return FALSE;
    }
  if (outer != NULL)
    {
      content = outer->content;
      direct = outer->direct;
    }
  else if (!_tl_attr_content_before (c, sent_start, cue_first, &content, &direct))
    return FALSE;

  while (i < sent_end)
    {
      src = _tl_attr_source_right (c, i, sent_end);
      if (!src.ok)
        break;
      add_record (c, &src, cue_first, cue_last, &content, direct);
      i = src.last + 1;
      if (tok_is (c, i, "and") || tok_punct (c, i, ","))
        i++;
      else
        break;
    }
  return TRUE;
}

static void
handle_reported_by (Ctx  *c,
                    guint sent_start,
                    guint sent_end,
                    guint cue_first,
                    guint cue_last)
{
  Source src = _tl_attr_source_right (c, cue_last + 1, sent_end);
  TlSpan content;
  gboolean direct = FALSE;

  if (!src.ok)
    return;
  /* "The paper was told by an engineer: “…”": what follows the speaker */
  if (tok_is (c, cue_first, "told"))
    {
      if (_tl_attr_content_after (c, src.last, sent_end, FALSE, &content, &direct))
        add_record (c, &src, cue_first, cue_last, &content, direct);
      return;
    }
  /* "The restrictions were announced by the minister on Thursday": what
   * was announced is the subject of the passive */
  if (tok_is (c, cue_first, "announced") || tok_is (c, cue_first, "confirmed") ||
      tok_is (c, cue_first, "disclosed") || tok_is (c, cue_first, "revealed"))
    {
      guint aux = cue_first;

      /* "was officially announced by" */
      if (aux > sent_start && T (c, aux - 1)->kind == TOK_WORD && T (c, aux - 1)->end - T (c, aux - 1)->start > 4 &&
          strncmp (c->text + T (c, aux - 1)->end - 2, "ly", 2) == 0)
        aux--;
      if (!(aux > sent_start + 1 && (tok_is (c, aux - 1, "was") || tok_is (c, aux - 1, "were") ||
                                     tok_is (c, aux - 1, "been") || tok_is (c, aux - 1, "is") ||
                                     tok_is (c, aux - 1, "are"))))
        return;
      aux--;
      while (aux > sent_start + 1 && (tok_is (c, aux - 1, "has") || tok_is (c, aux - 1, "have") ||
                                      tok_is (c, aux - 1, "had")))
        aux--;
      /* "The flaw, which has been disclosed by researchers, affects …":
       * a relative clause states nothing */
      if (tok_is (c, aux - 1, "which") || tok_is (c, aux - 1, "that") || tok_is (c, aux - 1, "who"))
        return;
      content.start = T (c, sent_start)->start;
      content.end = T (c, aux - 1)->end;
      _tl_attr_trim_span (c, &content.start, &content.end);
      if (content.end > content.start)
        add_record (c, &src, cue_first, cue_last, &content, FALSE);
      return;
    }
  content.start = T (c, sent_start)->start;
  content.end = T (c, sent_end - 1)->end;
  _tl_attr_trim_span (c, &content.start, &content.end);
  add_record_full (c, &src, cue_first, cue_last, &content, FALSE, TRUE);
}

/* "Reuters first reported the story": a credit by the subject. */
static void
handle_credit (Ctx  *c,
               guint sent_start,
               guint sent_end,
               guint cue_first,
               guint cue_last)
{
  Source src = _tl_attr_source_left (c, sent_start, cue_first);
  TlSpan content;

  if (!src.ok || src.kind != TL_SOURCE_OUTLET)
    return;
  content.start = T (c, sent_start)->start;
  content.end = T (c, sent_end - 1)->end;
  _tl_attr_trim_span (c, &content.start, &content.end);
  add_record_full (c, &src, cue_first, cue_last, &content, FALSE, TRUE);
}

static gboolean
ends_in_ing (Ctx  *c,
             guint i)
{
  const ATok *t = T (c, i);

  return t->end - t->start > 4 && memcmp (c->text + t->end - 3, "ing", 3) == 0;
}

/* A request: "asked X to …", "urged X to …", "appealed to X to …",
 * "calling on X to …". The cue is the verb ("calling on": with its
 * particle), the statement what X is to do. Returns FALSE when @i opens no
 * request. */
static gboolean
handle_request (Ctx  *c,
                guint sent_start,
                guint sent_end,
                guint i,
                guint n_before,
                guint *cue_end)
{
  static const char *const direct_verbs[] = {
    "asked", "asks", "asking", "urged", "urges", "urging", "pressed", "presses", "pressing",
  };
  static const char *const called[] = { "called", "calls", "calling", "appealed", "appeals", "appealing" };
  gboolean participle = ends_in_ing (c, i);
  guint cue_last = i, k, to;
  Source src;
  TlSpan content;
  gboolean direct = FALSE;

  if (tok_in_list (c, i, called, G_N_ELEMENTS (called)))
    {
      gboolean on = tok_is (c, i + 1, "on") || tok_is (c, i + 1, "upon");
      if (!on && !(tok_is (c, i + 1, "to") && g_ascii_tolower (c->text[T (c, i)->start]) == 'a'))
        return FALSE;
      if (on)
        cue_last = i + 1;
      k = i + 2;
    }
  else if (tok_in_list (c, i, direct_verbs, G_N_ELEMENTS (direct_verbs)))
    k = i + 1;
  else
    return FALSE;
  /* the addressee: a few words, names joined by "and" or commas, up to "to"
   * ("who asked not to be named" asks nobody) */
  if (tok_is (c, k, "not") || tok_is (c, k, "never"))
    return FALSE;
  for (to = k; to < sent_end && to - k < 10; to++)
    if (tok_is (c, to, "to") || (T (c, to)->kind != TOK_WORD && !tok_punct (c, to, ",")) ||
        tok_in_set (c, to, c->cues->speech))
      break;
  if (to == k || to + 1 >= sent_end || !tok_is (c, to, "to"))
    return FALSE;
  /* "was asked to", "did not urge": no request of the subject's */
  if (is_negated (c, i) ||
      (i > sent_start && (tok_is (c, i - 1, "was") || tok_is (c, i - 1, "were") || tok_is (c, i - 1, "been") ||
                          tok_is (c, i - 1, "being") || tok_is (c, i - 1, "is") || tok_is (c, i - 1, "are"))))
    return FALSE;
  if (participle)
    {
      /* "…, calling on X to …": the speaker of the statement just made, or
       * the subject of the sentence ("X released a statement calling on …") */
      if (c->analysis->attributions->len > n_before)
        {
          const TlAttribution *prev = &g_array_index (c->analysis->attributions, TlAttribution,
                                                      c->analysis->attributions->len - 1);
          if (!_tl_attr_content_after (c, to, sent_end, FALSE, &content, &direct))
            return FALSE;
          {
            TlAttribution a = *prev;
            a.resolved = g_strdup (prev->resolved);
            a.cue.start = T (c, i)->start;
            a.cue.end = T (c, cue_last)->end;
            a.content = content;
            a.direct = direct;
            g_array_append_val (c->analysis->attributions, a);
          }
          *cue_end = to;
          return TRUE;
        }
      src = _tl_attr_sentence_subject (c, sent_start, i);
    }
  else
    src = _tl_attr_source_left (c, sent_start, i);
  if (!src.ok || !_tl_attr_content_after (c, to, sent_end, FALSE, &content, &direct))
    return FALSE;
  add_record (c, &src, i, cue_last, &content, direct);
  *cue_end = to;
  return TRUE;
}

/* "Vodafone reports a breach, says two million accounts were hacked": a
 * finite reporting verb right after the comma that ends a statement, with
 * no speaker after it (not "…, said Anna Berg"), shares the subject. */
static gboolean
coordinated_after_comma (Ctx   *c,
                         guint  i,
                         guint  end)
{
  static const char *const verbs[] = { "says", "said", "adds", "added", "warns", "warned", "notes", "noted" };

  return tok_punct (c, i - 1, ",") && tok_in_list (c, i, verbs, G_N_ELEMENTS (verbs)) &&
         g_ascii_islower (c->text[T (c, i)->start]) && !is_negated (c, i) && !source_after_cue (c, i + 1, end).ok;
}

/* "are" of "are warning that …" (also "have been", "is still", "are now") */
static gboolean
is_progressive_be (Ctx  *c,
                   guint i)
{
  static const char *const be[] = { "is", "are", "was", "were", "been", "am" };
  static const char *const adverbs[] = { "also", "now", "still", "already", "increasingly", "publicly", "again" };

  if (i > 0 && tok_in_list (c, i, adverbs, G_N_ELEMENTS (adverbs)))
    i--;
  return tok_in_list (c, i, be, G_N_ELEMENTS (be));
}

/* "issued a statement saying …": the noun of what was put out */
static gboolean
is_statement_noun (Ctx  *c,
                   guint i)
{
  static const char *const nouns[] = { "statement", "release", "letter", "notice", "post" };

  return i > 0 && tok_in_list (c, i, nouns, G_N_ELEMENTS (nouns)) && is_determiner (c, i - 1);
}

/* "government's", "company’s": a body's noun (organization_nouns) with
 * its possessive */
static gboolean
possessive_of_a_body (Ctx  *c,
                      guint i)
{
  const ATok *t = T (c, i);
  gsize n = t->end - t->start, cut;
  char buf[48];

  if (!_tl_attr_is_possessive (c, i) || n >= sizeof buf)   /* is_possessive: n > 2 */
    return FALSE;
  cut = c->text[t->end - 2] == '\'' ? 2 : 4;   /* 's, or ’s (’ is three bytes) */
  if (n <= cut || (cut == 4 && strncmp (c->text + t->end - 4, "\xe2\x80\x99", 3) != 0))
    return FALSE;
  n -= cut;
  for (gsize k = 0; k < n; k++)
    buf[k] = g_ascii_tolower (c->text[t->start + k]);
  buf[n] = '\0';
  return g_hash_table_contains (c->cues->org_nouns, buf);
}

/* A noun of saying with its source: "the Daily Courier report that …",
 * "Vodafone's claim that …", "his argument that …" (a name after a
 * determiner, or a possessive, before the noun) or "reports in local media
 * that …", "a report by Reuters that …" (after it); then "that" and a
 * clause. Returns FALSE when @i opens none. */
static gboolean
handle_noun_cue (Ctx   *c,
                 guint  start,
                 guint  end,
                 guint  i)
{
  static const char *const nouns[] = {
    "report", "reports", "announcement", "argument", "claim", "claims", "assertion", "warning",
    "statement", "conclusion", "allegation", "allegations", "admission", "insistence",
  };
  static const char *const owners[] = { "his", "her", "its", "their" };
  static const char *const before[] = { "following", "after", "amid", "despite", "denied", "rejected",
                                        "dismissed", "of", "on", "over", "about", "with", "to" };
  Source src = { FALSE };
  guint k = i + 1;
  TlSpan content;
  gboolean direct = FALSE;

  if (!tok_in_list (c, i, nouns, G_N_ELEMENTS (nouns)) || k + 2 >= end)
    return FALSE;
  if ((tok_is (c, k, "in") || tok_is (c, k, "by") || tok_is (c, k, "from")) &&
      (i == start || is_determiner (c, i - 1) || tok_in_list (c, i - 1, before, G_N_ELEMENTS (before)) ||
       tok_punct (c, i - 1, ",")))
    {
      /* "reports in local media that …" */
      src = _tl_attr_source_right (c, k + 1, end);
      if (!src.ok || !(src.kind == TL_SOURCE_OUTLET || T (c, src.first)->mention >= 0))
        return FALSE;
      k = src.last + 1;
    }
  else if (i > start && tok_in_list (c, i - 1, owners, G_N_ELEMENTS (owners)))
    src = _tl_attr_source_from_pronoun (c, i - 1);
  else if (i > start + 1 && T (c, i - 1)->mention < 0 && possessive_of_a_body (c, i - 1))
    {
      /* "the German government's announcement": an unnamed body's; not
       * as the sentence's subject ("The company's claim that it was
       * hacked was denied": where the clause ends is not known) */
      src = _tl_attr_source_from_head (c, i - 1, start);
      if (!src.ok || src.last != i - 1 || !tok_is (c, src.first, "the") || src.first == start)
        return FALSE;
      src.kind = TL_SOURCE_ORGANIZATION;
    }
  else if (i > start && T (c, i - 1)->mention >= 0)
    {
      /* "Vodafone's claim", "the Daily Courier report" (not "the US report") */
      src = _tl_attr_source_from_mention (c, i - 1);
      if (src.last != i - 1 ||
          !(_tl_attr_is_possessive (c, i - 1) ||
            (src.first > start && (tok_is (c, src.first - 1, "the") || tok_is (c, src.first - 1, "a")) &&
             c->entities[src.entity].type != TL_ENTITY_PLACE)))
        return FALSE;
    }
  else
    return FALSE;
  k = _tl_attr_skip_adverbials (c, k, end);
  /* a clause after "that" ("an unexplained failure of the cable has cut
   * …"), not a relative clause ("the report that was leaked") */
  if (!tok_is (c, k, "that") || !_tl_attr_clause_at (c, k + 1, end, TL_ATTR_CLAUSE_AFTER_THAT) ||
      !_tl_attr_content_after (c, k - 1, end, FALSE, &content, &direct))
    return FALSE;
  /* "Following reports that the cable failed, the operator said …": the
   * clause ends before the main clause with its own cue */
  for (guint m = k + 2; m + 1 < end && T (c, m)->end <= content.end; m++)
    if (tok_punct (c, m, ","))
      {
        guint n = m + 1;
        while (n < end && n - m < 12 && T (c, n)->kind == TOK_WORD && !tok_in_set (c, n, c->cues->speech))
          n++;
        if (n < end && n - m < 12 && tok_in_set (c, n, c->cues->speech))
          {
            content.end = T (c, m - 1)->end;
            break;
          }
      }
  /* never past the paragraph ("… exploiting the U.S.\n\nFor ZTE, …") */
  {
    const char *nl = memchr (c->text + content.start, '\n', content.end - content.start);
    if (nl != NULL)
      {
        content.end = (guint) (nl - c->text);
        _tl_attr_trim_span (c, &content.start, &content.end);
      }
  }
  add_record (c, &src, i, i, &content, direct);
  return TRUE;
}

/* "“Microsoft assesses with moderate confidence that …,” the company
 * said": a quotation that opens with a name and its own reporting verb is
 * that source's statement too, up to the end of the quotation. */
static void
handle_quoted_report (Ctx  *c,
                      guint start,
                      guint i)
{
  gint q = T (c, i)->quote;
  guint end = i + 1;
  Source src;
  TlSpan content;
  gboolean direct = FALSE;

  if (!tok_in_set (c, i, c->cues->speech) || i < start + 2 || T (c, i - 1)->mention < 0 || is_negated (c, i))
    return;
  src = _tl_attr_source_from_mention (c, i - 1);
  if (src.first < start + 1 || !_tl_attr_tok_open_quote (c, src.first - 1) || T (c, src.first)->quote != q)
    return;
  while (end < c->toks->len && T (c, end)->quote == q)
    end++;
  if (_tl_attr_content_after (c, i, end, FALSE, &content, &direct))
    add_record (c, &src, i, i, &content, FALSE);
}

/* "“The first result of our audit shows that …,” the company said": a
 * quotation that opens with a document and its own reporting verb and
 * "that" is that document's statement too, up to the end of the
 * quotation. */
static void
handle_quoted_document (Ctx  *c,
                        guint start,
                        guint i)
{
  gint q = T (c, i)->quote;
  guint first = i, end = i + 1;
  Source src;
  TlSpan content;
  gboolean direct = FALSE;

  if (!tok_is (c, i + 1, "that") || T (c, i + 1)->quote != q || !tok_in_set (c, i, c->cues->speech) ||
      is_negated (c, i))
    return;
  while (first > start && T (c, first - 1)->quote == q && T (c, first - 1)->kind == TOK_WORD)
    first--;
  if (first == i || first == 0 || !_tl_attr_tok_open_quote (c, first - 1))
    return;
  src = _tl_attr_source_left (c, first, i);
  if (!src.ok || src.first != first || src.kind != TL_SOURCE_DOCUMENT)
    return;
  while (end < c->toks->len && T (c, end)->quote == q)
    end++;
  if (_tl_attr_content_after (c, i, end, FALSE, &content, &direct))
    add_record (c, &src, i, i, &content, FALSE);
}

static void
find_in_sentence (Ctx  *c,
                  guint start,
                  guint end)
{
  guint n_before = c->analysis->attributions->len;
  guint citing_first = G_MAXUINT, citing_last = 0;

  for (guint i = start; i < end; i++)
    {
      guint n;

      if (T (c, i)->kind == TOK_WORD && T (c, i)->quote >= 0 && T (c, i)->mention < 0 && i > start &&
          T (c, i - 1)->mention >= 0 && T (c, i - 1)->quote == T (c, i)->quote)
        handle_quoted_report (c, start, i);
      else if (T (c, i)->kind == TOK_WORD && T (c, i)->quote >= 0 && T (c, i)->mention < 0 && i > start + 1 &&
               g_ascii_islower (c->text[T (c, i)->start]) && tok_is (c, i + 1, "that"))
        handle_quoted_document (c, start, i);
      if (T (c, i)->kind != TOK_WORD || T (c, i)->quote >= 0 || T (c, i)->mention >= 0)
        continue;
      if ((n = _tl_attr_any_phrase_at (c, i, &c->cues->phrases)) > 0)
        {
          guint last = i + n - 1;
          if (tok_is (c, i, "according") || tok_is (c, i, "citing") || tok_is (c, i, "per"))
            {
              Source src = _tl_attr_source_right (c, last + 1, end);
              /* "…, per AT&T." — not "per share", "per cent" */
              if (tok_is (c, i, "per") && !(i > start && tok_punct (c, i - 1, ",") && src.ok &&
                                            T (c, src.first)->mention >= 0))
                {
                  i = last;
                  continue;
                }
              if (!tok_is (c, i, "citing"))
                handle_according (c, start, end, i, last);
              else if (!handle_citing (c, start, end, i, last,
                                       c->analysis->attributions->len > n_before
                                         ? &g_array_index (c->analysis->attributions, TlAttribution,
                                                           c->analysis->attributions->len - 1)
                                         : NULL))
                {
                  citing_first = i;
                  citing_last = last;
                }
              /* "according to a statement posted online": no cue inside the source */
              if (src.ok)
                {
                  static const char *const participles[] = {
                    "posted", "published", "released", "issued", "seen", "obtained", "filed",
                  };
                  last = MAX (last, src.last);
                  if (tok_in_list (c, last + 1, participles, G_N_ELEMENTS (participles)))
                    last++;
                }
            }
          else if (tok_is (c, last, "by") || (n > 1 && tok_is (c, last, "on")))
            handle_reported_by (c, start, end, i, last);
          else if (tok_is (c, i, "first") && tok_is (c, last, "reported"))
            handle_credit (c, start, end, i, last);
          else if (!is_negated (c, i))
            handle_speech (c, start, end, i, last);
          i = last;
          continue;
        }
      /* "Operators are warning that …", "sources were suggesting that …":
       * a reporting participle after a form of "be" and before "that" is
       * the subject's statement, as "warn" would be */
      if (i > start + 1 && tok_is (c, i + 1, "that") && is_continuing_participle (c, i) &&
          is_progressive_be (c, i - 1) && !is_negated (c, i))
        {
          handle_speech (c, start, end, i, i);
          continue;
        }
      /* "The carrier disclosed a breach on Friday, stating that …", "X
       * issued a statement saying …": with no statement before it in the
       * sentence, the participle is said by the sentence's subject */
      if (i > start + 1 && c->analysis->attributions->len == n_before && ends_in_ing (c, i) &&
          is_continuing_participle (c, i) && (tok_punct (c, i - 1, ",") || is_statement_noun (c, i - 1)))
        {
          Source src = _tl_attr_sentence_subject (c, start, i);
          TlSpan content;
          gboolean direct = FALSE;

          if (src.ok && _tl_attr_content_after (c, i, end, tok_is (c, i, "telling"), &content, &direct))
            {
              add_record (c, &src, i, i, &content, direct);
              continue;
            }
        }
      /* "…, adding that …", "…, saying …": the speaker of the statement just
       * made in this sentence says more */
      if (i > start && c->analysis->attributions->len > n_before &&
          (tok_punct (c, i - 1, ",") ||
           (i > start + 1 && tok_punct (c, i - 2, ",") && _tl_attr_tok_close_quote (c, i - 1))) &&
          (is_continuing_participle (c, i) || coordinated_after_comma (c, i, end)))
        {
          TlAttribution *prev = &g_array_index (c->analysis->attributions, TlAttribution,
                                                c->analysis->attributions->len - 1);
          TlSpan content;
          gboolean direct = FALSE;

          if (prev->content.start < T (c, i - 1)->start && prev->content.end > T (c, i - 1)->start)
            {
              prev->content.end = T (c, i - 1)->start;
              _tl_attr_trim_span (c, &prev->content.start, &prev->content.end);
            }
          if (_tl_attr_content_after (c, i, end, tok_is (c, i, "telling"), &content, &direct))
            {
              TlAttribution a = *prev;
              a.resolved = g_strdup (prev->resolved);
              a.cue.start = T (c, i)->start;
              a.cue.end = T (c, i)->end;
              a.content = content;
              a.direct = direct;
              g_array_append_val (c->analysis->attributions, a);
            }
          continue;
        }
      {
        guint to;
        if (strchr ("aucp", c->text[T (c, i)->start]) != NULL && handle_request (c, start, end, i, n_before, &to))
          {
            i = to;
            continue;
          }
      }
      if (!g_ascii_isupper (c->text[T (c, i)->start]) && handle_noun_cue (c, start, end, i))
        continue;
      if (!tok_in_set (c, i, c->cues->speech) || is_negated (c, i))
        continue;
      /* "Broadcom Confirms VMware Deal": a headline, not a statement. */
      if (i > start && g_ascii_isupper (c->text[T (c, i)->start]))
        continue;
      /* A noun ("the reports", "its claims") or a passive ("was told");
       * "One said" opening the sentence is one of the people before. */
      if (i > start && ((is_determiner (c, i - 1) && !(i - 1 == start && tok_is (c, i - 1, "one"))) ||
                        ((tok_is (c, i - 1, "was") || tok_is (c, i - 1, "were") || tok_is (c, i - 1, "be") ||
                          tok_is (c, i - 1, "been") || tok_is (c, i - 1, "being") || tok_is (c, i - 1, "is") ||
                          tok_is (c, i - 1, "are")) &&
                         !tok_is (c, i + 1, "that"))))
        continue;
      handle_speech (c, start, end, i, i);
    }
  /* "Bloomberg, citing an official, reported that …": the cited source
   * shares the statement made after it */
  if (citing_first != G_MAXUINT)
    for (guint r = n_before; r < c->analysis->attributions->len; r++)
      {
        TlAttribution outer = g_array_index (c->analysis->attributions, TlAttribution, r);
        if (outer.cue.start > T (c, citing_last)->end)
          {
            handle_citing (c, start, end, citing_first, citing_last, &outer);
            break;
          }
      }
}

/* "The company believes X," the spokeswoman said: a belief inside someone's
 * statement is part of it, not a statement of its own. */
static void
drop_nested_beliefs (Ctx *c)
{
  static const char *const beliefs[] = {
    "believe", "believes", "believed", "think", "thinks", "thought", "consider",
    "considers", "considered", "suspect", "suspects", "suspected", "understands",
  };
  GArray *recs = c->analysis->attributions;
  guint w = 0;

  if (recs->len > 2000)
    return;  /* quadratic below; no real story comes near */
  for (guint r = 0; r < recs->len; r++)
    {
      TlAttribution *a = &g_array_index (recs, TlAttribution, r);
      gboolean nested = FALSE;
      gsize n = a->cue.end - a->cue.start;

      for (guint k = 0; k < G_N_ELEMENTS (beliefs) && !nested; k++)
        if (strlen (beliefs[k]) == n && g_ascii_strncasecmp (c->text + a->cue.start, beliefs[k], n) == 0)
          for (guint o = 0; o < recs->len && !nested; o++)
            {
              const TlAttribution *b = &g_array_index (recs, TlAttribution, o);
              nested = o != r && b->content.start <= a->cue.start && a->cue.end <= b->content.end;
            }
      if (nested)
        {
          g_free (a->resolved);
          continue;
        }
      if (w != r)
        g_array_index (recs, TlAttribution, w) = *a;
      w++;
    }
  recs->len = w;
}

static int
attribution_cmp (gconstpointer a,
                 gconstpointer b)
{
  const TlAttribution *x = a, *y = b;
  if (x->content.start != y->content.start)
    return x->content.start < y->content.start ? -1 : 1;
  return x->source.start < y->source.start ? -1 : x->source.start > y->source.start;
}

void
_tl_attribution_run (TlCueLexicon *cues,
                     TlAnalysis   *analysis,
                     GArray       *tokens)
{
  Ctx c = { cues, analysis, analysis->text->str->str, analysis->text->str->len, NULL, NULL,
            (const TlMention *) (gpointer) analysis->mentions->data, analysis->mentions->len,
            (const TlEntity *) (gpointer) analysis->entities->data };
  g_autoptr(GArray) sentences = NULL;

  c.toks = g_array_sized_new (FALSE, FALSE, sizeof (ATok), tokens->len);
  c.quotes = g_array_new (FALSE, FALSE, sizeof (Quote));
  _tl_attr_find_quotes (&c);
  _tl_attr_annotate_tokens (&c, tokens);
  sentences = _tl_attr_split_sentences (&c);
  for (guint s = 0; s < sentences->len; s++)
    {
      guint *pair = &g_array_index (sentences, guint, s * 2);
      find_in_sentence (&c, pair[0], pair[1]);
    }
  _tl_attr_find_continuations (&c);
  drop_nested_beliefs (&c);
  g_array_sort (analysis->attributions, attribution_cmp);
  g_array_unref (c.toks);
  g_array_unref (c.quotes);
}
