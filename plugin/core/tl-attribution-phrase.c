/* tl-attribution-phrase.c — the noun phrase of a source
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What a source is once its first word is found: a mention (a name), a
 * pronoun (resolved to the nearest fitting entity before it), or an unnamed
 * source headed by a noun from data/cues.json ("officials", "a
 * spokesman", "the report", "the company", "the agency's press service")
 * with its modifiers, the body it belongs to and its post-modifiers
 * ("people familiar with the matter"). tl-attribution-source.c finds where
 * the source of a cue is; this reads it.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-attribution-ctx-private.h"

static const char *const np_breakers[] = {
  "that", "which", "who", "whom", "is", "was", "has", "have", "had", "and", "or",
  "but", "of", "from", "at", "in", "on", "by", "with", "for", "to", "as",
  "while", "if", "when", "after", "before", "since", "did", "does", "do",
  "will", "would", "could", "can", "may", "might", "are", "were", "be", "not",
};


static gboolean
is_plural_head (Ctx  *c,
                guint i)
{
  return tok_in_set (c, i, c->cues->anonymous) && !tok_in_set (c, i, c->cues->role);
}

gboolean
_tl_attr_is_source_head (Ctx  *c,
                         guint i)
{
  return tok_in_set (c, i, c->cues->anonymous) || tok_in_set (c, i, c->cues->role) ||
         tok_in_set (c, i, c->cues->document) || tok_in_set (c, i, c->cues->org_nouns) ||
         tok_in_set (c, i, c->cues->outlet_nouns);
}

static TlSourceKind
kind_for_entity (TlEntityType type)
{
  switch (type)
    {
    case TL_ENTITY_PERSON:
      return TL_SOURCE_PERSON;
    case TL_ENTITY_MEDIA:
      return TL_SOURCE_OUTLET;
    case TL_ENTITY_LAW:
      return TL_SOURCE_DOCUMENT;
    default:
      return TL_SOURCE_ORGANIZATION;
    }
}

/* "LONDON - …", "BUCHAREST (Reuters) - …": the place of a dateline says
 * where the story was filed; no "the government" or "it" means it. */
static gboolean
is_dateline (Ctx             *c,
             const TlMention *mn)
{
  const char *t = c->text;

  if (mn->end - mn->start < 4 || (mn->start > 0 && t[mn->start - 1] != '\n'))
    return FALSE;
  for (guint k = mn->start; k < mn->end; k++)
    if (g_ascii_islower (t[k]))
      return FALSE;
  return mn->end + 2 <= c->len && (t[mn->end] == ',' || (t[mn->end] == ' ' && strchr ("(-", t[mn->end + 1]) != NULL) ||
                                   (t[mn->end] == ' ' && (guchar) t[mn->end + 1] == 0xE2));
}

/* The nearest entity before @offset that a pronoun or "the company" can mean. */
static gint
resolve_back (Ctx        *c,
              guint       offset,
              gboolean    person)
{
  for (gint m = (gint) c->n_mentions - 1; m >= 0; m--)
    {
      const TlMention *mn = &c->mentions[m];
      TlEntityType type = c->entities[mn->entity].type;

      if (mn->start >= offset || is_dateline (c, mn))
        continue;
      if (person ? type == TL_ENTITY_PERSON
                 : (type != TL_ENTITY_PERSON && type != TL_ENTITY_TECHNOLOGY &&
                    type != TL_ENTITY_LAW && type != TL_ENTITY_VULNERABILITY &&
                    type != TL_ENTITY_THREAT))
        return (gint) mn->entity;
    }
  return -1;
}

/* The news outlet named last before @offset, or -1. */
static gint
resolve_back_to_outlet (Ctx   *c,
                        guint  offset)
{
  for (gint m = (gint) c->n_mentions - 1; m >= 0; m--)
    {
      const TlMention *mn = &c->mentions[m];

      if (mn->start < offset && c->entities[mn->entity].type == TL_ENTITY_MEDIA)
        return (gint) mn->entity;
    }
  return -1;
}

/* Whether the mention @mn is followed by "news agency" or "agency": "the
 * Reuters news agency", "Interfax agency". */
static gboolean
called_an_agency (Ctx             *c,
                  const TlMention *mn)
{
  const char *t = c->text + mn->end;
  gsize left = c->len - mn->end;

  return (left >= 12 && g_ascii_strncasecmp (t, " news agency", 12) == 0) ||
         (left >= 7 && g_ascii_strncasecmp (t, " agency", 7) == 0);
}

/* Whether the outlet mention @mn is the one reporting: "told Reuters",
 * "said to Bloomberg", "reported by the FT", "in an interview with CNBC",
 * "(Reuters)". */
static gboolean
reports_here (Ctx             *c,
              const TlMention *mn)
{
  static const char *const before[] = { "told ", "to ", "by ", "with ", "(" };
  const char *t = c->text;

  for (guint k = 0; k < G_N_ELEMENTS (before); k++)
    {
      gsize n = strlen (before[k]);
      if (mn->start >= n && strncmp (t + mn->start - n, before[k], n) == 0)
        return TRUE;
    }
  return mn->start >= 4 && strncmp (t + mn->start - 4, "the ", 4) == 0 && mn->start >= 8 &&
         (strncmp (t + mn->start - 8, "told ", 5) == 0 || strncmp (t + mn->start - 7, "by ", 3) == 0 ||
          strncmp (t + mn->start - 7, "to ", 3) == 0);
}

/* What "the company", "the ministry" can mean: a company noun means a
 * company, a government noun a government body (or the country it
 * governs); "the embassy" names no body before it (the one of the country
 * it is in is not it). */
static gint
resolve_back_for_head (Ctx   *c,
                       guint  offset,
                       guint  head)
{
  static const char *const company_nouns[] = {
    "company", "firm", "carrier", "operator", "vendor", "maker", "manufacturer", "provider", "business",
    "telco", "giant", "bank", "supplier", "lender", "utility", "startup", "airline",
  };
  static const char *const government_nouns[] = {
    "agency", "ministry", "regulator", "government", "department", "bureau", "commission", "watchdog", "authority",
  };
  gboolean company = tok_in_list (c, head, company_nouns, G_N_ELEMENTS (company_nouns));
  gboolean government = tok_in_list (c, head, government_nouns, G_N_ELEMENTS (government_nouns));

  if (tok_is (c, head, "embassy"))
    return -1;
  /* "the news agency": the outlet named last */
  if (tok_is (c, head, "agency") && head > 0 && tok_is (c, head - 1, "news"))
    return resolve_back_to_outlet (c, offset);
  /* "the group": the body or threat actor named last, not a country or
   * a person named after it ("Houthi militants in Yemen …, but the group
   * denied …") */
  if (tok_is (c, head, "group") || tok_is (c, head, "gang"))
    for (gint m = (gint) c->n_mentions - 1; m >= 0; m--)
      {
        const TlMention *mn = &c->mentions[m];
        TlEntityType type = c->entities[mn->entity].type;

        if (mn->start >= offset || is_dateline (c, mn))
          continue;
        return type == TL_ENTITY_THREAT || type == TL_ENTITY_ORGANIZATION || type == TL_ENTITY_OPERATOR ||
                       type == TL_ENTITY_VENDOR
                 ? (gint) mn->entity
                 : -1;
      }
  if (!company && !government)
    return resolve_back (c, offset, FALSE);
  for (gint m = (gint) c->n_mentions - 1; m >= 0; m--)
    {
      const TlMention *mn = &c->mentions[m];
      TlEntityType type = c->entities[mn->entity].type;

      if (mn->start >= offset || is_dateline (c, mn))
        continue;
      /* "China's Huawei": a country that owns a company is not the
       * ministry that speaks */
      if (type == TL_ENTITY_PLACE && mn->end + 2 <= c->len &&
          (strncmp (c->text + mn->end, "'s", 2) == 0 || strncmp (c->text + mn->end, "\xe2\x80\x99s", 4) == 0))
        continue;
      /* an agency is a body, never the country itself */
      /* "officials told Reuters … the company said": the outlet that
       * reports is not the company it reports on */
      if (type == TL_ENTITY_MEDIA && reports_here (c, mn))
        continue;
      if (company ? (type == TL_ENTITY_VENDOR || type == TL_ENTITY_OPERATOR || type == TL_ENTITY_ORGANIZATION ||
                     type == TL_ENTITY_MEDIA)
                  : (type == TL_ENTITY_GOVERNMENT || (type == TL_ENTITY_PLACE && !tok_is (c, head, "agency"))))
        return (gint) mn->entity;
      /* "The Reuters news agency reported … The agency said" */
      if (type == TL_ENTITY_MEDIA && tok_is (c, head, "agency") && called_an_agency (c, mn))
        return (gint) mn->entity;
    }
  return -1;
}

Source
_tl_attr_source_from_mention (Ctx  *c,
                              guint i)
{
  Source s = { TRUE, i, i, TL_SOURCE_ORGANIZATION, -1, NULL };
  gint m = T (c, i)->mention;

  while (s.first > 0 && T (c, s.first - 1)->mention == m)
    s.first--;
  while (s.last + 1 < c->toks->len && T (c, s.last + 1)->mention == m)
    s.last++;
  s.entity = (gint) c->mentions[m].entity;
  s.kind = kind_for_entity (c->entities[s.entity].type);
  return s;
}

Source
_tl_attr_source_from_pronoun (Ctx  *c,
                              guint i)
{
  Source s = { TRUE, i, i, TL_SOURCE_ORGANIZATION, -1, NULL };
  gboolean person = tok_is (c, i, "he") || tok_is (c, i, "she") || tok_is (c, i, "i") || tok_is (c, i, "him") ||
                    tok_is (c, i, "her") || tok_is (c, i, "his");

  s.entity = resolve_back (c, T (c, i)->start, person);
  if (s.entity >= 0)
    s.kind = kind_for_entity (c->entities[s.entity].type);
  else
    s.kind = person ? TL_SOURCE_PERSON
                    : (tok_is (c, i, "they") || tok_is (c, i, "them") ? TL_SOURCE_ANONYMOUS : TL_SOURCE_ORGANIZATION);
  return s;
}

/* An unnamed source headed by noun @head, its modifiers to the left. */
/* The token after a name's trailing nouns that end in the noun of a body
 * ("the Daily Courier newspaper", "SBU intelligence agency"), or @i. */
guint
_tl_attr_after_name_nouns (Ctx   *c,
                           guint  i,
                           guint  end)
{
  for (guint k = i; k < end && k - i < 3 && T (c, k)->kind == TOK_WORD && T (c, k)->mention < 0 &&
                    g_ascii_islower (c->text[T (c, k)->start]); k++)
    if (tok_in_set (c, k, c->cues->org_nouns) || tok_in_set (c, k, c->cues->outlet_nouns))
      return k + 1;
  return i;
}

/* A named body that can stand before its noun: not a place ("US
 * officials"), not a person ("the Trudeau government"), not a possessive
 * ("Korea's leading carrier"). */
gboolean
_tl_attr_names_a_body (Ctx          *c,
                       const Source *m)
{
  const ATok *last = T (c, m->last);
  TlEntityType type;

  if (m->entity < 0)
    return FALSE;
  type = c->entities[m->entity].type;
  if (type == TL_ENTITY_PLACE || type == TL_ENTITY_PERSON)
    return FALSE;
  return !(last->end - last->start > 2 && c->text[last->end - 1] == 's' &&
           (c->text[last->end - 2] == '\'' || (guchar) c->text[last->end - 2] == 0x99));
}

/* Token @i is the period of "U.S." or "U.K.": attached to a word that has
 * periods inside. */
static gboolean
is_dotted_abbreviation_end (Ctx  *c,
                            guint i)
{
  const ATok *prev;

  if (i == 0)
    return FALSE;
  prev = T (c, i - 1);
  return prev->kind == TOK_WORD && prev->end == T (c, i)->start &&
         memchr (c->text + prev->start, '.', prev->end - prev->start) != NULL;
}

/* The token of a mention inside [@first, @end): the one nearest @end
 * when @nearest_end, else the one nearest @first; -1 when there is none. */
static gint
mention_inside (Ctx      *c,
                guint     first,
                guint     end,
                gboolean  nearest_end)
{
  for (guint n = 0; n < end - first; n++)
    {
      guint k = nearest_end ? end - 1 - n : first + n;

      if (T (c, k)->mention >= 0)
        return (gint) k;
    }
  return -1;
}

/* "both companies", "the two carriers": a definite plural of bodies
 * means bodies named before, not unnamed sources ("several companies",
 * "two carriers" are). */
static gboolean
names_bodies_before (Ctx  *c,
                     guint first,
                     guint head)
{
  static const char *const bodies[] = {
    "companies", "carriers", "operators", "firms", "vendors", "governments", "banks", "countries",
  };
  static const char *const numbers[] = { "two", "three", "four" };

  if (!tok_in_list (c, head, bodies, G_N_ELEMENTS (bodies)))
    return FALSE;
  if (first + 1 == head)
    return tok_is (c, first, "both");
  return first + 2 == head && tok_is (c, first, "the") && tok_in_list (c, first + 1, numbers, G_N_ELEMENTS (numbers));
}

/* "paper" as a newspaper: bare, as in a headline ("…, paper says"), or
 * "the paper" in a story that has named a news outlet or called something
 * a newspaper before; not "a paper", "the white paper", "the research
 * paper", which are documents. */
static gboolean
is_the_paper (Ctx  *c,
              guint first,
              guint head)
{
  if (!tok_is (c, head, "paper"))
    return FALSE;
  if (first == head)
    return head == 0 || T (c, head - 1)->kind != TOK_WORD || !g_ascii_isalpha (c->text[T (c, head - 1)->start]);
  if (!(tok_is (c, first, "the") && first + 1 == head))
    return FALSE;
  if (resolve_back_to_outlet (c, T (c, first)->start) >= 0)
    return TRUE;
  for (guint k = 0; k < first; k++)
    if (tok_is (c, k, "newspaper") || tok_is (c, k, "daily"))
      return TRUE;
  return FALSE;
}

/* Whether tokens @a and @b are the same role noun ("spokesman",
 * "spokesperson" and "spokeswoman" are one). */
static gboolean
same_role (Ctx  *c,
           guint a,
           guint b)
{
  const ATok *x = T (c, a), *y = T (c, b);
  gsize n = x->end - x->start;

  if (n >= 6 && y->end - y->start >= 6 && g_ascii_strncasecmp (c->text + x->start, "spokes", 6) == 0 &&
      g_ascii_strncasecmp (c->text + y->start, "spokes", 6) == 0)
    return TRUE;
  return n == y->end - y->start && g_ascii_strncasecmp (c->text + x->start, c->text + y->start, n) == 0;
}

/* The person the role noun at token @role means, from the last word
 * before token @before that is the same role noun: the name right after it
 * ("Ambassador Ana Reis", "ministry spokesman Jan Novak") or the name
 * whose apposition it is in ("Ana Reis, the ambassador,"); -1 when that
 * role names nobody ("a spokesperson for the company said … the
 * spokesperson added") or is not there. */
static gint
person_with_role (Ctx  *c,
                  guint before,
                  guint role)
{
  gint k = (gint) before - 1;

  while (k >= 0 && !(T (c, (guint) k)->kind == TOK_WORD && same_role (c, (guint) k, role)))
    k--;
  if (k < 0)
    return -1;
  for (guint j = (guint) k + 1, w = 0; j < before && w < 5 && T (c, j)->kind == TOK_WORD; j++, w++)
    if (T (c, j)->mention >= 0)
      {
        guint entity = c->mentions[T (c, j)->mention].entity;
        return c->entities[entity].type == TL_ENTITY_PERSON ? (gint) entity : -1;
      }
  for (gint j = k - 1, w = 0; j > 0 && w < 6; j--, w++)
    {
      if (tok_punct (c, (guint) j, ","))
        {
          gint m = T (c, (guint) j - 1)->mention;
          return m >= 0 && c->entities[c->mentions[m].entity].type == TL_ENTITY_PERSON ? (gint) c->mentions[m].entity : -1;
        }
      if (T (c, (guint) j)->kind != TOK_WORD)
        break;
    }
  return -1;
}

Source
_tl_attr_source_from_head (Ctx  *c,
                           guint head,
                           guint floor)
{
  Source s = { TRUE, head, head, TL_SOURCE_ANONYMOUS, -1, NULL };
  gint named;

  while (s.first > floor && head - s.first < 8)
    {
      guint k = s.first - 1;
      const ATok *tok = T (c, k);

      /* "a U.S. official", "the U.K. regulator": the period that ends an
       * abbreviation with periods inside belongs to the phrase */
      if (tok->kind == TOK_PUNCT && c->text[tok->start] == '.' && k > floor && is_dotted_abbreviation_end (c, k))
        {
          s.first = k - 1;
          continue;
        }
      /* a hyphen inside a word ("co-founder"), not a dateline's spaced
       * dash ("NEW DELHI - India's telecoms department") */
      if (tok->kind != TOK_WORD &&
          !(tok->kind == TOK_PUNCT && c->text[tok->start] == '-' && k > 0 && T (c, k - 1)->end == tok->start))
        break;
      if (tok->mention < 0 && tok_in_list (c, k, np_breakers, G_N_ELEMENTS (np_breakers)) &&
          !is_determiner (c, k))
        break;
      s.first = k;
      if (is_determiner (c, k))
        break;
    }
  /* "Ukraine's SBU intelligence agency", "the Daily Courier newspaper": the
   * body's name before its noun is the source (not a place: "US officials") */
  if ((tok_in_set (c, head, c->cues->org_nouns) || tok_in_set (c, head, c->cues->outlet_nouns)) &&
      (named = mention_inside (c, s.first, head, TRUE)) >= 0)
    {
      Source m = _tl_attr_source_from_mention (c, (guint) named);
      if (_tl_attr_names_a_body (c, &m) && _tl_attr_after_name_nouns (c, m.last + 1, head + 1) == head + 1)
        return m;
    }
  if (tok_in_set (c, head, c->cues->document) && !is_the_paper (c, s.first, head))
    s.kind = TL_SOURCE_DOCUMENT;
  else if (tok_in_set (c, head, c->cues->outlet_nouns) || tok_in_set (c, head, c->cues->document))
    s.kind = TL_SOURCE_OUTLET;
  else if (tok_in_set (c, head, c->cues->org_nouns) && !is_plural_head (c, head))
    {
      gint owner = -1;

      s.kind = TL_SOURCE_ORGANIZATION;
      /* "the SBU's press service" is the SBU's; "the regulator's press
       * office" and "Ukraine's largest company" (a place owns it) name no
       * one before them */
      for (guint k = s.first; k < head && owner < 0; k++)
        if (_tl_attr_is_possessive (c, k))
          {
            gint m = T (c, k)->mention;
            TlEntityType type = m >= 0 ? c->entities[c->mentions[m].entity].type : TL_ENTITY_PLACE;
            owner = type == TL_ENTITY_PLACE || type == TL_ENTITY_PERSON ? G_MAXINT : (gint) c->mentions[m].entity;
          }
      if (owner >= 0)
        s.entity = owner == G_MAXINT ? -1 : owner;
      else if (tok_is (c, s.first, "the") || tok_is (c, s.first, "its"))
        s.entity = resolve_back_for_head (c, T (c, s.first)->start, head);
      if (s.entity >= 0 && c->entities[s.entity].type == TL_ENTITY_MEDIA && tok_is (c, head, "agency"))
        s.kind = TL_SOURCE_OUTLET;
    }
  else if (is_plural_head (c, head))
    s.kind = names_bodies_before (c, s.first, head) ? TL_SOURCE_ORGANIZATION : TL_SOURCE_ANONYMOUS;
  else
    s.kind = TL_SOURCE_ROLE;
  /* "an ACMA spokesperson", "Vodafone engineers": the body named before
   * an unnamed source's noun is whom it speaks for (a place only says
   * where: "US officials") */
  if ((s.kind == TL_SOURCE_ROLE || s.kind == TL_SOURCE_ANONYMOUS) &&
      (named = mention_inside (c, s.first, head, FALSE)) >= 0)
    {
      guint entity = c->mentions[T (c, (guint) named)->mention].entity;
      TlEntityType type = c->entities[entity].type;
      if (type != TL_ENTITY_PLACE && type != TL_ENTITY_PERSON && type != TL_ENTITY_TECHNOLOGY &&
          type != TL_ENTITY_LAW && type != TL_ENTITY_VULNERABILITY && type != TL_ENTITY_THREAT)
        s.entity = (gint) entity;
    }
  /* "the ambassador" after "Ambassador Ana Reis said …": the person
   * named before with that role */
  if (s.kind == TL_SOURCE_ROLE && tok_is (c, s.first, "the"))
    {
      gint person = person_with_role (c, s.first, head);

      if (person >= 0)
        {
          s.kind = TL_SOURCE_PERSON;
          s.entity = person;
        }
    }
  return s;
}

/* Left over post-modifiers: "people familiar with the matter". */
static guint
skip_post_modifier (Ctx  *c,
                    guint i,
                    guint end)
{
  guint k = i;

  /* "people familiar with the investigation who asked not to be named":
   * post-modifiers in a row, each phrase ending in a preposition taking a
   * short object that ends where the noun phrase does */
  for (guint round = 0; round < 3; round++)
    {
      guint n = _tl_attr_any_phrase_at (c, k, &c->cues->post_modifiers);

      if (n == 0)
        break;
      k += n;
      if (!(tok_is (c, k - 1, "with") || tok_is (c, k - 1, "on") || tok_is (c, k - 1, "to") ||
            tok_is (c, k - 1, "of") || tok_is (c, k - 1, "in") || tok_is (c, k - 1, "about")))
        continue;
      for (guint w = 0; w < 5 && k < end && T (c, k)->kind == TOK_WORD; w++)
        {
          if (w > 0 && (tok_in_set (c, k, c->cues->speech) || tok_is (c, k, "who") ||
                        tok_is (c, k, "which") || tok_is (c, k, "that") ||
                        _tl_attr_any_phrase_at (c, k, &c->cues->post_modifiers) > 0))
            break;
          k++;
        }
    }
  return k;
}

/* "one", "two of", "some of", "another of" before an unnamed source */
gboolean
_tl_attr_is_quantity (Ctx  *c,
                      guint i)
{
  static const char *const quantities[] = {
    "one", "two", "three", "four", "some", "several", "many", "most", "another", "each", "both", "none", "all",
  };
  return tok_in_list (c, i, quantities, G_N_ELEMENTS (quantities));
}

/* An unknown name that reads as a body's: an acronym ("NCSC"), or a
 * company's ending ("Sarbank", "Kyivstar", "Nordtel"). */
gboolean
_tl_attr_reads_as_company (Ctx  *c,
                           guint i)
{
  static const char *const endings[] = { "bank", "star", "tel", "com", "net", "soft", "tech", "corp" };
  const char *w = c->text + T (c, i)->start;
  gsize len = T (c, i)->end - T (c, i)->start;
  gboolean caps = len >= 2;

  for (gsize k = 0; k < len && caps; k++)
    caps = !g_ascii_islower (w[k]);
  if (caps)
    return TRUE;
  for (guint e = 0; e < G_N_ELEMENTS (endings); e++)
    {
      gsize n = strlen (endings[e]);
      if (len > n + 2 && g_ascii_strncasecmp (w + len - n, endings[e], n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A source that starts at token @i and reads rightwards. */
Source
_tl_attr_source_right (Ctx  *c,
                       guint i,
                       guint end)
{
  Source none = { FALSE };
  guint k = i;

  if (i >= end)
    return none;
  /* "according to one of the sources", "two of the people briefed" */
  if (_tl_attr_is_quantity (c, i) && tok_is (c, i + 1, "of") && i + 2 < end && T (c, i + 2)->mention < 0)
    {
      Source s = _tl_attr_source_right (c, tok_is (c, i + 2, "the") && i + 3 < end && T (c, i + 3)->mention < 0
                                              ? i + 3 : i + 2, end);

      /* "one of them": of the unnamed sources just named, not of a body */
      if (s.ok && (tok_is (c, i + 2, "them") || tok_is (c, i + 2, "those")))
        {
          s.entity = -1;
          s.resolved = NULL;
          s.kind = TL_SOURCE_ANONYMOUS;
        }
      if (s.ok && s.entity < 0 && (s.kind == TL_SOURCE_ANONYMOUS || s.kind == TL_SOURCE_ROLE))
        {
          s.first = i;
          s.kind = tok_is (c, i, "one") || tok_is (c, i, "another") || tok_is (c, i, "each") ? TL_SOURCE_ROLE
                                                                                          : TL_SOURCE_ANONYMOUS;
          return s;
        }
    }
  if (T (c, i)->mention >= 0)
    {
      Source m = _tl_attr_source_from_mention (c, i);

      /* "China's foreign ministry", "Huawei's chief executive": the noun
       * after the owner is the source */
      if (_tl_attr_is_possessive (c, m.last))
        for (k = m.last + 1; k < end && k - m.last <= 4 && T (c, k)->kind == TOK_WORD && T (c, k)->mention < 0 &&
                             g_ascii_islower (c->text[T (c, k)->start]) && !tok_in_set (c, k, c->cues->speech);
             k++)
          if (_tl_attr_is_source_head (c, k))
            {
              while (k + 1 < end && _tl_attr_is_source_head (c, k + 1))
                k++;
              return _tl_attr_source_from_head (c, k, i);
            }
      return m;
    }
  if (is_pronoun (c, i) || tok_is (c, i, "him") || tok_is (c, i, "her") || tok_is (c, i, "them"))
    return _tl_attr_source_from_pronoun (c, i);
  if (tok_is (c, i, "the") && i + 1 < end && T (c, i + 1)->mention >= 0)
    return _tl_attr_source_from_mention (c, i + 1);  /* "the UK" is the UK */
  /* "Baltbank, the second-largest lender, said", "according to Medibank":
   * a company's name the knowledge base does not know, alone */
  if (T (c, i)->mention < 0 && T (c, i)->kind == TOK_WORD && g_ascii_isupper (c->text[T (c, i)->start]) &&
      _tl_attr_reads_as_company (c, i) && !_tl_attr_is_source_head (c, i) &&
      (i + 1 >= end || T (c, i + 1)->kind == TOK_PUNCT || tok_in_set (c, i + 1, c->cues->speech)))
    {
      Source s = { TRUE, i, i, TL_SOURCE_ORGANIZATION, -1, NULL };
      return s;
    }
  /* "Detective Inspector Maria Holm": titles before a person's name */
  while (k < end && k - i < 3 && T (c, k)->mention < 0 && T (c, k)->kind == TOK_WORD &&
         g_ascii_isupper (c->text[T (c, k)->start]))
    k++;
  if (k > i && k < end && T (c, k)->mention >= 0 &&
      c->entities[c->mentions[T (c, k)->mention].entity].type == TL_ENTITY_PERSON)
    return _tl_attr_source_from_mention (c, k);
  k = i;
  /* det? modifiers* head post-modifier? */
  while (k < end && k - i < 7 && !_tl_attr_is_source_head (c, k) &&
         (T (c, k)->kind == TOK_WORD ||
          /* "an unidentified U.S. official": the period of an abbreviation */
          (k > i && tok_punct (c, k, ".") && is_dotted_abbreviation_end (c, k))))
    {
      if (k > i && tok_in_list (c, k, np_breakers, G_N_ELEMENTS (np_breakers)))
        return none;
      k++;
    }
  if (k >= end || !_tl_attr_is_source_head (c, k))
    return none;
  while (k + 1 < end && _tl_attr_is_source_head (c, k + 1))
    k++;
  /* "law enforcement sources", "post office staff": a compound noun whose
   * last word is the head */
  if (k + 2 < end && T (c, k + 1)->kind == TOK_WORD && T (c, k + 1)->mention < 0 &&
      g_ascii_islower (c->text[T (c, k + 1)->start]) && _tl_attr_is_source_head (c, k + 2) &&
      !tok_in_list (c, k + 1, np_breakers, G_N_ELEMENTS (np_breakers)) && !tok_in_set (c, k + 1, c->cues->speech))
    k += 2;
  /* "business newspaper Jornal Economico", "the regulator Ofcom": the name
   * after the noun is the source; one the knowledge base does not know
   * ("the lender Nordbank") is no one named before ("the lender" alone
   * would be the company named last) */
  if (k + 1 < end && T (c, k + 1)->mention >= 0)
    return _tl_attr_source_from_mention (c, k + 1);
  if (k + 1 < end && T (c, k + 1)->kind == TOK_WORD && g_ascii_isupper (c->text[T (c, k + 1)->start]))
    {
      Source s = _tl_attr_source_from_head (c, k, i);
      s.entity = -1;
      s.first = k + 1;
      s.last = k + 1;
      while (s.last + 1 < end && T (c, s.last + 1)->kind == TOK_WORD &&
             g_ascii_isupper (c->text[T (c, s.last + 1)->start]))
        s.last++;
      return s;
    }
  {
    Source s = _tl_attr_source_from_head (c, k, i);
    guint after = skip_post_modifier (c, k + 1, end);
    s.first = i;
    if (after > k + 1)
      s.last = after - 1;
    return s;
  }
}
