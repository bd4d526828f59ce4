/* tl-kb-context.c — ambiguous short forms count only where the story supports them
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Some names are also common words, surnames or other bodies' names:
 * "Three", "Orange", "Free", "EE", "du", "Sky", "Rogers", "AIS", "Bell",
 * "Signal" (data/kb/README.md lists them). The
 * knowledge base lists them as context aliases (tl-knowledge-base.c), and
 * the gazetteer pass marks their hits TL_ORIGIN_KB_CONTEXT. This pass keeps
 * such a hit only when
 *
 *  - it is not part of a longer capitalised name ("Orange County",
 *    "Agent Orange", "Conseil du …"),
 *  - at the start of a sentence, a verb or punctuation follows it ("Three
 *    said", not "Three people"), and
 *  - the same entity is also named unambiguously in the story ("Three UK …
 *    Three said"), or its sentence holds another known name of the same
 *    kind ("Vodafone, EE and Three") or a word of its trade ("Orange said
 *    its network …").
 *
 * People ("Meng") count only with the full name somewhere in the story.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-kb-context-private.h"
#include "tl-text-private.h"

#include <string.h>

#define MAX_SENTENCE_BYTES 400

/* Words of each trade, lowercase; NULL-terminated per type. */
static const char *const operator_cues[] = {
  "operator", "operators", "carrier", "carriers", "network", "networks",
  "mobile", "telecom", "telecoms", "telecommunications", "telco", "telcos",
  "broadband", "subscriber", "subscribers", "customers", "4g", "5g", "sim",
  "outage", "coverage", "spectrum", "wireless", "cellular", "roaming",
  "fibre", "fiber", "satellite", "provider", "isp", NULL,
};
static const char *const vendor_cues[] = {
  "equipment", "gear", "maker", "makers", "handset", "handsets", "smartphone",
  "smartphones", "chip", "chips", "chipmaker", "vendor", "vendors", "supplier",
  "suppliers", "devices", NULL,
};
static const char *const media_cues[] = {
  "reported", "reports", "newspaper", "broadcaster", "outlet", "magazine",
  "interview", "channel", "editor", "journalist", "news", "according",
  "obtained", "citing", "cited", NULL,
};
static const char *const organization_cues[] = {
  "company", "firm", "researchers", "research", "lab", "analysts", "bank",
  "banks", "payment", "payments", "app", "apps", "messaging", "encrypted",
  "shipping", "vessel", "ship", "defence", "defense", NULL,
};

static const char *const *
cues_for (TlEntityType type)
{
  switch (type)
    {
    case TL_ENTITY_OPERATOR:
      return operator_cues;
    case TL_ENTITY_VENDOR:
      return vendor_cues;
    case TL_ENTITY_MEDIA:
      return media_cues;
    case TL_ENTITY_ORGANIZATION:
      return organization_cues;
    default:
      return NULL;  /* people, places, bodies: only by their full name */
    }
}

static gboolean
is_boundary_before (const char *t,
                    gsize       i)
{
  /* t[i - 1] ends a sentence when it is a newline, or . ! ? followed by space. */
  if (t[i - 1] == '\n')
    return TRUE;
  return (t[i - 1] == ' ' || t[i - 1] == '\t') && i >= 2 &&
         (t[i - 2] == '.' || t[i - 2] == '!' || t[i - 2] == '?');
}

static void
sentence_bounds (const char *t,
                 gsize       len,
                 guint       start,
                 guint       end,
                 gsize      *from,
                 gsize      *to)
{
  gsize i = start, j = end;

  while (i > 0 && start - i < MAX_SENTENCE_BYTES && !is_boundary_before (t, i))
    i--;
  while (j < len && j - end < MAX_SENTENCE_BYTES && t[j] != '\n' &&
         !((t[j] == '.' || t[j] == '!' || t[j] == '?') && (j + 1 == len || t[j + 1] == ' ')))
    j++;
  *from = i;
  *to = j;
}

/* The first letter-or-digit position before @start, skipping quotes and
 * spaces; says whether the hit opens its sentence. */
static gboolean
opens_sentence (const char *t,
                guint       start)
{
  gsize i = start;

  while (i > 0)
    {
      guchar c = (guchar) t[i - 1];

      if (c == ' ' || c == '\t' || c == '"' || c == '(' || c == '\'')
        i--;
      else if (c >= 0x80 && i >= 3 && (guchar) t[i - 3] == 0xE2 && (guchar) t[i - 2] == 0x80 &&
               (c == 0x9C || c == 0x98))  /* “ ‘ */
        i -= 3;
      else
        break;
    }
  if (i == 0 || t[i - 1] == '\n' || t[i - 1] == '.' || t[i - 1] == '!' || t[i - 1] == '?' || t[i - 1] == ':')
    return TRUE;
  /* after a dateline's spaced dash: "LONDON - Three men …", "(Reuters) — " */
  if (t[i - 1] == '-')
    return i >= 2 && t[i - 2] == ' ';
  return i >= 4 && (guchar) t[i - 3] == 0xE2 && (guchar) t[i - 2] == 0x80 &&
         ((guchar) t[i - 1] == 0x93 || (guchar) t[i - 1] == 0x94) && t[i - 4] == ' ';
}

/* "Orange County", "Agent Orange", "Conseil du Plessis": the hit sits in a
 * run of capitalised words joined by single spaces. A capitalised word that
 * opens the sentence ("Yesterday Orange said") does not count. */
static gboolean
inside_longer_name (const char *t,
                    gsize       len,
                    guint       start,
                    guint       end)
{
  if (end + 1 < len && t[end] == ' ' && g_unichar_isupper (g_utf8_get_char (t + end + 1)))
    {
      /* A capitalised word, not "C$3.3 billion" or "A." */
      const char *next = g_utf8_next_char (t + end + 1);
      if ((gsize) (next - t) < len && g_unichar_isalpha (g_utf8_get_char (next)))
        return TRUE;
    }
  if (start >= 2 && t[start - 1] == ' ' && _tl_utf8_is_word_char_before (t, start - 1))
    {
      guint w = start - 1;

      while (w > 0 && _tl_utf8_is_word_char_before (t, w))
        w = (guint) (g_utf8_prev_char (t + w) - t);
      if (g_unichar_isupper (g_utf8_get_char (t + w)) && !opens_sentence (t, w))
        return TRUE;
    }
  return FALSE;
}

/* At the start of a sentence a short form is read as a name only before a
 * verb of saying or doing, or punctuation: "Three said", "Orange, the …";
 * not "Three people", "Free speech". */
static gboolean
name_like_continuation (const char *t,
                        gsize       len,
                        guint       end)
{
  static const char *const verbs[] = {
    "said", "says", "told", "added", "has", "had", "have", "is", "was", "will",
    "would", "could", "can", "did", "does", "confirmed", "announced", "reported",
    "denied", "warned", "launched", "plans", "expects", "declined", "chief",
    "spokesperson", "spokesman", "spokeswoman", "and", "or", NULL,
  };
  gsize i = end, w;

  if (i >= len || t[i] == ',' || t[i] == ':' || t[i] == ';' || t[i] == '\'' ||
      (guchar) t[i] == 0xE2)
    return TRUE;
  if (t[i] != ' ')
    return FALSE;
  i++;
  for (w = i; w < len && g_ascii_isalpha (t[w]); w++)
    ;
  for (guint k = 0; verbs[k]; k++)
    if (strlen (verbs[k]) == w - i && strncmp (t + i, verbs[k], w - i) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_cue (const char         *t,
         gsize               from,
         gsize               to,
         const char *const  *cues)
{
  gsize i = from;

  if (cues == NULL)
    return FALSE;
  while (i < to)
    {
      gsize w = i;
      char word[24];

      while (w < to && g_ascii_isalnum (t[w]))
        w++;
      if (w > i && w - i < sizeof word)
        {
          for (gsize k = 0; k < w - i; k++)
            word[k] = g_ascii_tolower (t[i + k]);
          word[w - i] = '\0';
          for (guint c = 0; cues[c]; c++)
            if (strcmp (word, cues[c]) == 0)
              return TRUE;
        }
      i = w + 1;
    }
  return FALSE;
}

/**
 * _tl_kb_context_filter:
 * @hits: (element-type TlRawMention): the gazetteer's hits, in any order
 * @text: the text
 * @length: its length in bytes
 *
 * Drops the TL_ORIGIN_KB_CONTEXT hits the story does not support and makes
 * the others ordinary knowledge-base hits.
 */
void
_tl_kb_context_filter (GArray     *hits,
                       const char *text,
                       gsize       length)
{
  g_autoptr(GHashTable) named = NULL;  /* entities named unambiguously */
  g_autofree gboolean *keep = NULL;
  guint w = 0;
  gboolean any = FALSE;

  for (guint k = 0; k < hits->len && !any; k++)
    any = g_array_index (hits, TlRawMention, k).origin == TL_ORIGIN_KB_CONTEXT;
  if (!any)
    return;

  named = g_hash_table_new (NULL, NULL);
  for (guint k = 0; k < hits->len; k++)
    {
      TlRawMention *m = &g_array_index (hits, TlRawMention, k);
      if (m->origin == TL_ORIGIN_KB && m->kb != NULL)
        g_hash_table_add (named, (gpointer) m->kb);
    }

  /* Decide every hit against the original hits, then compact. */
  keep = g_new (gboolean, hits->len);
  for (guint k = 0; k < hits->len; k++)
    {
      const TlRawMention *m = &g_array_index (hits, TlRawMention, k);

      keep[k] = TRUE;
      if (m->origin != TL_ORIGIN_KB_CONTEXT)
        continue;
      keep[k] = FALSE;
      /* A surname may open any sentence ("Meng thanked …"); a word that is
       * also a name needs a verb after it there ("Three said"). */
      if (inside_longer_name (text, length, m->start, m->end) ||
          (m->type != TL_ENTITY_PERSON && opens_sentence (text, m->start) &&
           !name_like_continuation (text, length, m->end)))
        continue;
      if (g_hash_table_contains (named, m->kb))
        keep[k] = TRUE;
      else if (cues_for (m->type) != NULL)
        {
          gsize from, to;

          sentence_bounds (text, length, m->start, m->end, &from, &to);
          for (guint j = 0; j < hits->len && !keep[k]; j++)
            {
              const TlRawMention *o = &g_array_index (hits, TlRawMention, j);
              keep[k] = o->origin == TL_ORIGIN_KB && o->type == m->type &&
                        o->kb != m->kb && o->start >= from && o->end <= to;
            }
          if (!keep[k])
            keep[k] = has_cue (text, from, to, cues_for (m->type));
        }
    }
  for (guint k = 0; k < hits->len; k++)
    {
      TlRawMention *m = &g_array_index (hits, TlRawMention, k);

      if (!keep[k])
        {
          _tl_raw_mention_clear (m);
          continue;
        }
      m->origin = TL_ORIGIN_KB;
      if (w != k)
        g_array_index (hits, TlRawMention, w) = *m;
      w++;
    }
  /* The tail holds moved copies: shrink without clearing them. */
  hits->len = w;
}
