/* tl-recognizer.c — entity mentions: gazetteer, patterns, context, links
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The passes, in order:
 *  1. every knowledge-base alias in one automaton pass, filtered by its case
 *     rule and by Unicode word boundaries; CVE ids and threat actors' code
 *     names ("APT41", "Storm-0558") by pattern;
 *  2. leftmost-longest selection, so spans never overlap;
 *  3. names that are not in the knowledge base, from runs of capitalised
 *     words: government bodies by their head word ("… Agency",
 *     "Ministry of …"), companies by their suffix ("… Ltd", "… Telecom"),
 *     people by a given name, a title before them, or a reporting verb or
 *     an apposition around them; people in bylines and credits;
 *  4. a country directly before a government body joins its span
 *     ("US Department of Defence");
 *  5. back-references: a surname alone after the full name, and a short
 *     form ("the Commission", "Commerce", "the Times", "the Act") after the
 *     named body, newspaper or law.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-recognizer-run-private.h"
#include "tl-kb-context-private.h"
#include "tl-text-private.h"

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
  raw.origin = alias->needs_context ? TL_ORIGIN_KB_CONTEXT : TL_ORIGIN_KB;
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

/* Threat actors' code names, by the naming schemes of the firms that track
 * them: "APT41", "UNC3886", "FIN7" (Mandiant), "TA505" (Proofpoint),
 * "DEV-0537", "Storm-0558" (Microsoft). A prefix, then so many digits, at
 * word boundaries; a knowledge-base alias of the same span wins. */
static void
scan_threat_codes (const char *t,
                   gsize       len,
                   GArray     *hits)
{
  static const struct {
    const char *prefix;
    gsize       len;
    guint       min_digits;
    guint       max_digits;
  } codes[] = {
    { "APT", 3, 1, 3 }, { "UNC", 3, 3, 5 }, { "FIN", 3, 1, 3 }, { "TA", 2, 3, 4 }, { "DEV-", 4, 4, 4 },
    { "Storm-", 6, 4, 4 },
  };

  /* One pass: only a capital that can start a code is looked at. */
  for (gsize p = 0; p + 3 < len; p++)
    {
      switch (t[p])
        {
        case 'A': case 'U': case 'F': case 'T': case 'D': case 'S':
          break;
        default:
          continue;
        }
      if (p > 0 && _tl_utf8_is_word_char_before (t, p))
        continue;
      for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
        {
          gsize plen = codes[c].len, i = p + plen, digits = 0;

          if (plen >= len - p || strncmp (t + p, codes[c].prefix, plen) != 0)
            continue;
          while (i < len && g_ascii_isdigit (t[i]) && digits <= codes[c].max_digits)
            i++, digits++;
          if (digits < codes[c].min_digits || digits > codes[c].max_digits || _tl_utf8_is_word_char_at (t, len, i))
            continue;
          {
            TlRawMention raw = { (guint) p, (guint) i, TL_ENTITY_THREAT, TL_ORIGIN_PATTERN, NULL,
                                 g_strndup (t + p, i - p) };
            g_array_append_val (hits, raw);
          }
          p = i - 1;
          break;
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

/* --- A generic name after a fuller one -------------------------------------- */

/* "the Swedish Security Service … the Security Service": a known name that
 * ends an earlier, longer known name of the same type (at a word boundary)
 * is that body again, not the other body the knowledge base gives the
 * shorter name to (MI5's "Security Service"). @mentions are in text order.
 * Every word-suffix of each multi-word name goes into a table as the text
 * passes it, so this is linear in the mentions. */
static void
relink_shorter_names (const char *t,
                      GArray     *mentions)
{
  g_autoptr(GHashTable) tails = NULL;  /* made at the first multi-word name */

  for (guint k = 0; k < mentions->len; k++)
    {
      TlRawMention *m = &g_array_index (mentions, TlRawMention, k);
      const TlRawMention *e;
      g_autofree char *surface = NULL;
      guint words = 0;
      const char *word;

      /* places ("Gulf of Finland", "South Korea") and people have their own
       * rules */
      if (m->kb == NULL || m->end - m->start > 200 || m->type == TL_ENTITY_PLACE || m->type == TL_ENTITY_PERSON)
        continue;
      surface = g_strndup (t + m->start, m->end - m->start);
      if (tails != NULL && (e = g_hash_table_lookup (tails, surface)) != NULL && e->kb != m->kb && e->type == m->type)
        {
          m->kb = e->kb;
          g_free (m->key);
          m->key = g_strdup (e->key);
        }
      word = surface;
      for (const char *sp = strchr (surface, ' '); sp != NULL && words < 8; sp = strchr (sp + 1, ' '), words++)
        {
          const char *tail = sp + 1;

          /* a name after a capitalised modifier ("Swedish"), not after a
           * head and a preposition ("Gulf of …", "Agency for …") */
          if (g_ascii_isupper (*word) && g_ascii_isupper (*tail))
            {
              if (tails == NULL)
                tails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_hash_table_insert (tails, g_strdup (tail), m);
            }
          word = tail;
        }
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
  scan_threat_codes (text, length, hits);
  _tl_kb_context_filter (hits, text, length);
  r.mentions = select_spans (hits);

  r.tokens = _tl_rec_word_tokens (text, tokens);
  _tl_rec_mark_title_lines (text, r.tokens);
  _tl_rec_mark_covered (r.tokens, r.mentions);
  _tl_rec_find_credit_names (&r);
  _tl_rec_find_context_names (&r);
  g_array_sort (r.mentions, mention_cmp);
  merge_country_agency (text, r.mentions);
  _tl_rec_adjust_spans (&r);
  _tl_rec_join_surnames (&r);
  _tl_rec_link_back (&r);
  g_array_sort (r.mentions, mention_cmp);
  relink_shorter_names (text, r.mentions);

  result = select_spans (r.mentions);
  g_array_unref (r.mentions);
  g_array_unref (r.tokens);
  return result;
}
