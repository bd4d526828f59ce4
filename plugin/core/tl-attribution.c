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
 *  3. find the content: the clause after the cue (without "that", the
 *     addressee and adverbials), or the clause or quotation before
 *     ", X said";
 *  4. a quotation with no cue of its own that follows a quoted statement
 *     continues the same speaker.
 * Pronouns resolve to the nearest fitting entity before them.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-attribution-private.h"
#include "tl-lexicon-private.h"
#include "tl-tokens-private.h"

#include <string.h>

/* Phrases of lowercase words, indexed by their first and last word. */
typedef struct {
  GPtrArray  *all;       /* GStrv */
  GHashTable *by_first;  /* word → GPtrArray of GStrv */
  GHashTable *by_last;
} PhraseSet;

struct _TlCueLexicon {
  GHashTable *speech;
  PhraseSet   phrases;
  GHashTable *take_addressee;
  GHashTable *anonymous;
  GHashTable *role;
  GHashTable *document;
  GHashTable *org_nouns;
  GHashTable *skip;
  PhraseSet   post_modifiers;
  PhraseSet   time_phrases;
  GPtrArray  *content_stops;  /* char* */
};

typedef enum {
  TOK_WORD,
  TOK_PUNCT,
} TokKind;

typedef struct {
  guint   start;
  guint   end;
  TokKind kind;
  gint    mention;   /* covering mention or -1 */
  gint    quote;     /* index of the quotation it is inside, or -1 */
} ATok;

typedef struct {
  guint open;        /* offset of the opening mark */
  guint inner_start;
  guint inner_end;
  guint close_end;   /* after the closing mark (== inner_end if unclosed) */
  gboolean used;
} Quote;

typedef struct {
  TlCueLexicon     *cues;
  TlAnalysis       *analysis;
  const char       *text;
  gsize             len;
  GArray           *toks;     /* ATok */
  GArray           *quotes;   /* Quote */
  const TlMention  *mentions;
  guint             n_mentions;
  const TlEntity   *entities;
} Ctx;

typedef struct {
  gboolean      ok;
  guint         first;    /* token range of the source as printed */
  guint         last;
  TlSourceKind  kind;
  gint          entity;
  const char   *resolved; /* for unnamed "the company" etc., not owned */
} Source;

#define T(c, i) (&g_array_index ((c)->toks, ATok, (i)))

/* --- Lexicon ---------------------------------------------------------------- */

static GPtrArray *phrase_list (JsonObject *root, const char *member, gboolean split);

static void
index_phrase (GHashTable *index,
              const char *word,
              char      **phrase)
{
  GPtrArray *list = g_hash_table_lookup (index, word);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (index, g_strdup (word), list);
    }
  g_ptr_array_add (list, phrase);
}

static void
phrase_set_init (PhraseSet  *set,
                 JsonObject *root,
                 const char *member)
{
  set->all = phrase_list (root, member, TRUE);
  set->by_first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  set->by_last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < set->all->len; i++)
    {
      char **words = g_ptr_array_index (set->all, i);
      guint n = g_strv_length (words);
      if (n == 0)
        continue;
      index_phrase (set->by_first, words[0], words);
      index_phrase (set->by_last, words[n - 1], words);
    }
}

static void
phrase_set_clear (PhraseSet *set)
{
  g_clear_pointer (&set->by_first, g_hash_table_unref);
  g_clear_pointer (&set->by_last, g_hash_table_unref);
  g_clear_pointer (&set->all, g_ptr_array_unref);
}

static GPtrArray *
phrase_list (JsonObject *root,
             const char *member,
             gboolean    split)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (split ? (GDestroyNotify) g_strfreev : g_free);
  JsonArray *arr = json_object_get_array_member (root, member);

  for (guint i = 0; arr && i < json_array_get_length (arr); i++)
    {
      g_autofree char *low = g_utf8_strdown (json_array_get_string_element (arr, i), -1);
      g_ptr_array_add (list, split ? (gpointer) g_strsplit (low, " ", -1) : g_steal_pointer (&low));
    }
  return list;
}

TlCueLexicon *
_tl_cue_lexicon_load (GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  TlCueLexicon *cues;
  JsonObject *root;

  if ((root = _tl_json_resource_object (parser, "cues.json", error)) == NULL)
    return NULL;
  cues = g_new0 (TlCueLexicon, 1);
  cues->speech = _tl_json_string_set (root, "speech", TRUE);
  phrase_set_init (&cues->phrases, root, "phrases");
  cues->take_addressee = _tl_json_string_set (root, "take_addressee", TRUE);
  cues->anonymous = _tl_json_string_set (root, "anonymous_heads", TRUE);
  cues->role = _tl_json_string_set (root, "role_heads", TRUE);
  cues->document = _tl_json_string_set (root, "document_heads", TRUE);
  cues->org_nouns = _tl_json_string_set (root, "organization_nouns", TRUE);
  cues->skip = _tl_json_string_set (root, "skip_words", TRUE);
  phrase_set_init (&cues->post_modifiers, root, "post_modifiers");
  phrase_set_init (&cues->time_phrases, root, "time_phrases");
  cues->content_stops = phrase_list (root, "content_stops", FALSE);
  return cues;
}

void
_tl_cue_lexicon_free (TlCueLexicon *cues)
{
  if (cues == NULL)
    return;
  g_hash_table_unref (cues->speech);
  phrase_set_clear (&cues->phrases);
  g_hash_table_unref (cues->take_addressee);
  g_hash_table_unref (cues->anonymous);
  g_hash_table_unref (cues->role);
  g_hash_table_unref (cues->document);
  g_hash_table_unref (cues->org_nouns);
  g_hash_table_unref (cues->skip);
  phrase_set_clear (&cues->post_modifiers);
  phrase_set_clear (&cues->time_phrases);
  g_ptr_array_unref (cues->content_stops);
  g_free (cues);
}

/* --- Tokens, quotes ---------------------------------------------------------- */

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

static void
find_quotes (Ctx *c)
{
  const char *t = c->text;
  gssize open = -1;
  gboolean straight = FALSE;

  for (const char *p = t; p < t + c->len; p = g_utf8_next_char (p))
    {
      gunichar u = g_utf8_get_char (p);
      guint at = (guint) (p - t);
      guint next = (guint) (g_utf8_next_char (p) - t);

      if (u == '\n' && open >= 0)
        {
          /* A quotation runs to the paragraph end when not closed before. */
          if (next < c->len && t[next] == '\n')
            {
              const char *q = g_utf8_next_char (t + open);
              Quote qt = { (guint) open, (guint) (q - t), at, at, FALSE };
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
      else if (open >= 0 && ((straight && u == '"') || (!straight && is_close_quote (u))))
        {
          const char *q = g_utf8_next_char (t + open);
          Quote qt = { (guint) open, (guint) (q - t), at, next, FALSE };
          g_array_append_val (c->quotes, qt);
          open = -1;
        }
      else if (open >= 0 && !straight && is_open_quote (u))
        open = at;  /* an unclosed quotation restarted */
    }
  if (open >= 0)
    {
      const char *q = g_utf8_next_char (t + open);
      Quote qt = { (guint) open, (guint) (q - t), (guint) c->len, (guint) c->len, FALSE };
      g_array_append_val (c->quotes, qt);
    }
}

static void
append_tok (Ctx   *c,
            ATok  *tok,
            guint *m,
            guint *q)
{
  while (*m < c->n_mentions && c->mentions[*m].end <= tok->start)
    (*m)++;
  if (*m < c->n_mentions && c->mentions[*m].start < tok->end)
    tok->mention = (gint) *m;
  while (*q < c->quotes->len && g_array_index (c->quotes, Quote, *q).close_end <= tok->start)
    (*q)++;
  if (*q < c->quotes->len)
    {
      Quote *qt = &g_array_index (c->quotes, Quote, *q);
      if (qt->inner_start <= tok->start && tok->end <= qt->inner_end)
        tok->quote = (gint) *q;
    }
  g_array_append_val (c->toks, *tok);
}

/* Attribution reads the shared tokens (tl-tokens.c), each marked with the
 * mention and the quotation it is inside. */
static void
annotate_tokens (Ctx    *c,
                 GArray *shared)
{
  guint m = 0, q = 0;

  g_array_set_size (c->toks, 0);
  for (guint k = 0; k < shared->len; k++)
    {
      const TlToken *s = &g_array_index (shared, TlToken, k);
      ATok tok = { s->start, s->end, (s->flags & TL_TOKEN_PUNCT) ? TOK_PUNCT : TOK_WORD, -1, -1 };
      const char *amp;

      /* Compatibility, removed in the next change: "AT&T" as three tokens. */
      if (tok.kind == TOK_WORD && (amp = memchr (c->text + tok.start, '&', tok.end - tok.start)) != NULL)
        {
          guint a = (guint) (amp - c->text);
          ATok w = { tok.start, a, TOK_WORD, -1, -1 }, p = { a, a + 1, TOK_PUNCT, -1, -1 };
          append_tok (c, &w, &m, &q);
          append_tok (c, &p, &m, &q);
          tok.start = a + 1;
          while ((amp = memchr (c->text + tok.start, '&', tok.end - tok.start)) != NULL)
            {
              ATok w2 = { tok.start, (guint) (amp - c->text), TOK_WORD, -1, -1 };
              ATok p2 = { w2.end, w2.end + 1, TOK_PUNCT, -1, -1 };
              append_tok (c, &w2, &m, &q);
              append_tok (c, &p2, &m, &q);
              tok.start = w2.end + 1;
            }
        }
      append_tok (c, &tok, &m, &q);
    }
}

static gboolean
tok_is (Ctx        *c,
        guint       i,
        const char *word)
{
  const ATok *tok;
  gsize n = strlen (word);

  if (i >= c->toks->len)
    return FALSE;
  tok = T (c, i);
  return tok->end - tok->start == n && g_ascii_strncasecmp (c->text + tok->start, word, n) == 0;
}

static gboolean
tok_in_set (Ctx        *c,
            guint       i,
            GHashTable *set)
{
  const ATok *tok;
  char buf[48];
  gsize n;

  if (i >= c->toks->len)
    return FALSE;
  tok = T (c, i);
  n = tok->end - tok->start;
  if (tok->kind != TOK_WORD || n >= sizeof buf)
    return FALSE;
  for (gsize k = 0; k < n; k++)
    buf[k] = g_ascii_tolower (c->text[tok->start + k]);
  buf[n] = '\0';
  return g_hash_table_contains (set, buf);
}

static gboolean
tok_punct (Ctx        *c,
           guint       i,
           const char *chars)
{
  const ATok *tok;

  if (i >= c->toks->len)
    return FALSE;
  tok = T (c, i);
  if (tok->kind != TOK_PUNCT)
    return FALSE;
  return strchr (chars, c->text[tok->start]) != NULL && tok->end - tok->start == 1;
}

static gboolean
tok_close_quote (Ctx  *c,
                 guint i)
{
  const ATok *tok = T (c, i);
  gunichar u;

  if (tok->kind != TOK_PUNCT)
    return FALSE;
  u = g_utf8_get_char (c->text + tok->start);
  if (is_close_quote (u))
    return TRUE;
  if (u == '"')
    {
      for (guint q = 0; q < c->quotes->len; q++)
        if (g_array_index (c->quotes, Quote, q).inner_end == tok->start)
          return TRUE;
    }
  return FALSE;
}

static gboolean
tok_open_quote (Ctx  *c,
                guint i)
{
  const ATok *tok = T (c, i);
  gunichar u;

  if (i >= c->toks->len || tok->kind != TOK_PUNCT)
    return FALSE;
  u = g_utf8_get_char (c->text + tok->start);
  if (is_open_quote (u))
    return TRUE;
  if (u == '"')
    for (guint q = 0; q < c->quotes->len; q++)
      if (g_array_index (c->quotes, Quote, q).open == tok->start)
        return TRUE;
  return FALSE;
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

/* The lowercase word of token i in buf, or NULL for punctuation or long words. */
static const char *
tok_lower (Ctx  *c,
           guint i,
           char *buf,
           gsize size)
{
  const ATok *tok;
  gsize n;

  if (i >= c->toks->len)
    return NULL;
  tok = T (c, i);
  n = tok->end - tok->start;
  if (tok->kind != TOK_WORD || n >= size)
    return NULL;
  for (gsize k = 0; k < n; k++)
    buf[k] = g_ascii_tolower (c->text[tok->start + k]);
  buf[n] = '\0';
  return buf;
}

static guint
any_phrase_at (Ctx       *c,
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
static guint
any_phrase_ending_at (Ctx       *c,
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

/* --- Sentences --------------------------------------------------------------- */

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
static GArray *
split_sentences (Ctx *c)
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
          while (last + 1 < n && (tok_close_quote (c, last + 1) || tok_punct (c, last + 1, ")")) &&
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

/* --- Sources -------------------------------------------------------------------- */

static const char *const pronouns[] = { "he", "she", "it", "they", "we", "i" };
static const char *const determiners[] = {
  "a", "an", "the", "two", "three", "four", "five", "several", "some", "many",
  "one", "other", "its", "their", "his", "her", "our", "these", "those", "this",
  "both", "most", "few", "numerous",
};
static const char *const np_breakers[] = {
  "that", "which", "who", "whom", "is", "was", "has", "have", "had", "and", "or",
  "but", "of", "from", "at", "in", "on", "by", "with", "for", "to", "as",
  "while", "if", "when", "after", "before", "since", "did", "does", "do",
  "will", "would", "could", "can", "may", "might", "are", "were", "be", "not",
};
static const char *const prepositions[] = { "from", "of", "at", "in", "for", "by", "with", "inside", "within" };

static gboolean
tok_in_list (Ctx               *c,
             guint              i,
             const char *const *list,
             gsize              n)
{
  for (gsize k = 0; k < n; k++)
    if (tok_is (c, i, list[k]))
      return TRUE;
  return FALSE;
}

static gboolean
is_plural_head (Ctx  *c,
                guint i)
{
  return tok_in_set (c, i, c->cues->anonymous) && !tok_in_set (c, i, c->cues->role);
}

static gboolean
is_source_head (Ctx  *c,
                guint i)
{
  return tok_in_set (c, i, c->cues->anonymous) || tok_in_set (c, i, c->cues->role) ||
         tok_in_set (c, i, c->cues->document) || tok_in_set (c, i, c->cues->org_nouns);
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

      if (mn->start >= offset)
        continue;
      if (person ? type == TL_ENTITY_PERSON
                 : (type != TL_ENTITY_PERSON && type != TL_ENTITY_TECHNOLOGY &&
                    type != TL_ENTITY_LAW && type != TL_ENTITY_VULNERABILITY &&
                    type != TL_ENTITY_THREAT))
        return (gint) mn->entity;
    }
  return -1;
}

static Source
source_from_mention (Ctx  *c,
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

static Source
source_from_pronoun (Ctx  *c,
                     guint i)
{
  Source s = { TRUE, i, i, TL_SOURCE_ORGANIZATION, -1, NULL };
  gboolean person = tok_is (c, i, "he") || tok_is (c, i, "she") || tok_is (c, i, "i");

  s.entity = resolve_back (c, T (c, i)->start, person);
  if (s.entity >= 0)
    s.kind = kind_for_entity (c->entities[s.entity].type);
  else
    s.kind = person ? TL_SOURCE_PERSON : (tok_is (c, i, "they") ? TL_SOURCE_ANONYMOUS : TL_SOURCE_ORGANIZATION);
  return s;
}

/* An unnamed source headed by noun @head, its modifiers to the left. */
static Source
source_from_head (Ctx  *c,
                  guint head,
                  guint floor)
{
  Source s = { TRUE, head, head, TL_SOURCE_ANONYMOUS, -1, NULL };

  while (s.first > floor && head - s.first < 8)
    {
      guint k = s.first - 1;
      const ATok *tok = T (c, k);

      if (tok->kind != TOK_WORD && !(tok->kind == TOK_PUNCT && c->text[tok->start] == '-'))
        break;
      if (tok->mention < 0 && tok_in_list (c, k, np_breakers, G_N_ELEMENTS (np_breakers)) &&
          !tok_in_list (c, k, determiners, G_N_ELEMENTS (determiners)))
        break;
      s.first = k;
      if (tok_in_list (c, k, determiners, G_N_ELEMENTS (determiners)))
        break;
    }
  if (tok_in_set (c, head, c->cues->document))
    s.kind = TL_SOURCE_DOCUMENT;
  else if (tok_in_set (c, head, c->cues->org_nouns) && !is_plural_head (c, head))
    {
      s.kind = TL_SOURCE_ORGANIZATION;
      if (tok_is (c, s.first, "the") || tok_is (c, s.first, "its"))
        s.entity = resolve_back (c, T (c, s.first)->start, FALSE);
    }
  else if (is_plural_head (c, head))
    s.kind = TL_SOURCE_ANONYMOUS;
  else
    s.kind = TL_SOURCE_ROLE;
  return s;
}

/* Left over post-modifiers: "people familiar with the matter". */
static guint
skip_post_modifier (Ctx  *c,
                    guint i,
                    guint end)
{
  guint n = any_phrase_at (c, i, &c->cues->post_modifiers);
  guint k;

  if (n == 0)
    return i;
  k = i + n;
  /* the object: up to five words or one mention */
  for (guint w = 0; w < 5 && k < end && T (c, k)->kind == TOK_WORD; w++)
    {
      if (tok_in_set (c, k, c->cues->speech) && w > 0)
        break;
      k++;
    }
  return k;
}

/* A source that starts at token @i and reads rightwards. */
static Source
source_right (Ctx  *c,
              guint i,
              guint end)
{
  Source none = { FALSE };
  guint k = i;

  if (i >= end)
    return none;
  if (T (c, i)->mention >= 0)
    return source_from_mention (c, i);
  if (tok_in_list (c, i, pronouns, G_N_ELEMENTS (pronouns)))
    return source_from_pronoun (c, i);
  if (tok_is (c, i, "the") && i + 1 < end && T (c, i + 1)->mention >= 0)
    return source_from_mention (c, i + 1);  /* "the UK" is the UK */
  /* det? modifiers* head post-modifier? */
  while (k < end && k - i < 7 && T (c, k)->kind == TOK_WORD && !is_source_head (c, k))
    {
      if (k > i && tok_in_list (c, k, np_breakers, G_N_ELEMENTS (np_breakers)))
        return none;
      k++;
    }
  if (k >= end || !is_source_head (c, k))
    return none;
  while (k + 1 < end && is_source_head (c, k + 1))
    k++;
  {
    Source s = source_from_head (c, k, i);
    guint after = skip_post_modifier (c, k + 1, end);
    s.first = i;
    if (after > k + 1)
      s.last = after - 1;
    return s;
  }
}

/* Skips auxiliaries, adverbs and time phrases leftwards from @i. */
static gint
skip_left (Ctx  *c,
           gint  i,
           guint floor)
{
  while (i >= (gint) floor)
    {
      guint n;
      if (tok_in_set (c, i, c->cues->skip))
        i--;
      else if ((n = any_phrase_ending_at (c, i, floor, &c->cues->time_phrases)) > 0)
        i -= n;
      else
        break;
    }
  return i;
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
  if (tok_open_quote (c, from))
    for (guint k = from + 1; k < cue; k++)
      if (tok_close_quote (c, k))
        {
          i = k + 1;
          break;
        }
  while (i < cue && (tok_punct (c, i, ",") || tok_is (c, i, "but") || tok_is (c, i, "and") ||
                     tok_is (c, i, "however") || tok_is (c, i, "meanwhile")))
    i++;
  /* "In Washington, the FCC said": skip a leading place phrase. */
  if (i + 2 < cue && tok_is (c, i, "in") && T (c, i + 1)->mention >= 0)
    {
      Source place = source_from_mention (c, i + 1);
      if (tok_punct (c, place.last + 1, ","))
        i = place.last + 2;
    }
  if (i >= cue)
    return none;
  {
    Source s = source_right (c, i, cue);
    if (!s.ok)
      return none;
    if (mode == CLAUSE_COORDINATED)
      return s;
    if (mode == CLAUSE_APPOSITION && s.last + 1 < cue &&
        (tok_punct (c, s.last + 1, ",") || tok_is (c, s.last + 1, "who")))
      return s;
    if (skip_left (c, (gint) cue - 1, s.last + 1) == (gint) s.last)
      return s;
  }
  return none;
}

static Source
source_left (Ctx  *c,
             guint sent_start,
             guint cue)
{
  Source none = { FALSE };
  gint i = skip_left (c, (gint) cue - 1, sent_start);

  if (i < (gint) sent_start)
    return none;

  /* ", who said": the antecedent before the comma */
  if ((tok_is (c, i, "who") || tok_is (c, i, "which")) && i > (gint) sent_start)
    {
      gint j = i - 1;
      if (tok_punct (c, j, ","))
        j--;
      j = skip_left (c, j, sent_start);
      if (j >= (gint) sent_start)
        {
          if (T (c, j)->mention >= 0)
            return source_from_mention (c, j);
          if (is_source_head (c, j))
            return source_from_head (c, j, sent_start);
        }
      return none;
    }
  /* apposition or a coordinated verb: the clause's first noun phrase */
  if (tok_punct (c, i, ","))
    return clause_initial_source (c, sent_start, cue, CLAUSE_APPOSITION);
  if (tok_is (c, i, "but") || tok_is (c, i, "and"))
    return clause_initial_source (c, sent_start, cue, CLAUSE_COORDINATED);

  if (T (c, i)->mention >= 0)
    {
      Source s = source_from_mention (c, i);
      gint before = (gint) s.first - 1;

      /* "allies including the UK and Germany" */
      {
        gint k = before;
        while (k >= (gint) sent_start && (T (c, k)->mention >= 0 || tok_is (c, k, "and") ||
                                          tok_is (c, k, "the") || tok_punct (c, k, ",")))
          k--;
        if (k > (gint) sent_start && (tok_is (c, k, "including") || tok_is (c, k, "like")))
          {
            Source head = source_from_head (c, k - 1, sent_start);
            head.last = s.last;
            head.kind = TL_SOURCE_ORGANIZATION;
            return head;
          }
      }
      /* "a study from the US Department of Defence" */
      if (before >= (gint) sent_start && tok_is (c, before, "the"))
        before--;
      if (before > (gint) sent_start &&
          tok_in_list (c, before, prepositions, G_N_ELEMENTS (prepositions)) &&
          is_source_head (c, before - 1))
        {
          Source head = source_from_head (c, before - 1, sent_start);
          head.entity = s.entity;
          return head;
        }
      return s;
    }
  if (tok_in_list (c, i, pronouns, G_N_ELEMENTS (pronouns)))
    return source_from_pronoun (c, i);
  if (is_source_head (c, i))
    {
      Source s = source_from_head (c, i, sent_start);
      /* "the intrusion into the carriers showed": a noun inside a
       * prepositional phrase is not the subject. */
      if (s.first > sent_start && tok_in_list (c, s.first - 1, prepositions, G_N_ELEMENTS (prepositions)))
        return none;
      if (s.first > sent_start && (tok_is (c, s.first - 1, "into") || tok_is (c, s.first - 1, "about") ||
                                   tok_is (c, s.first - 1, "on") || tok_is (c, s.first - 1, "against")))
        return none;
      return s;
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

/* --- Content ---------------------------------------------------------------------- */

static gboolean
quote_span_at (Ctx    *c,
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

static gboolean
is_all_caps (Ctx  *c,
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
static void
trim_span (Ctx   *c,
           guint *s,
           guint *e)
{
  while (*s < *e && g_ascii_isspace (c->text[*s]))
    (*s)++;
  while (*e > *s && (g_ascii_isspace (c->text[*e - 1]) || strchr (",.;:", c->text[*e - 1])))
    (*e)--;
}

/* Content after the cue, up to the sentence end or a contrast clause. */
static gboolean
content_after (Ctx      *c,
               guint     cue_last,
               guint     sent_end,
               gboolean  addressee,
               TlSpan   *out,
               gboolean *direct)
{
  guint i = cue_last + 1;
  guint s, e;
  Quote *q;

  if (addressee && i < sent_end && !tok_is (c, i, "that") && !tok_open_quote (c, i))
    {
      if (T (c, i)->mention >= 0)
        i = source_from_mention (c, i).last + 1;
      else
        for (guint w = 0; w < 3 && i < sent_end && T (c, i)->kind == TOK_WORD &&
                          !tok_is (c, i, "that") && !tok_in_list (c, i, pronouns, G_N_ELEMENTS (pronouns)) &&
                          !tok_in_list (c, i, determiners, G_N_ELEMENTS (determiners)); w++)
          i++;
    }
  for (;;)
    {
      guint n = any_phrase_at (c, i, &c->cues->time_phrases);
      if (n > 0)
        i += n;
      else if ((tok_is (c, i, "in") || tok_is (c, i, "at") || tok_is (c, i, "on")) &&
               i + 1 < sent_end && T (c, i + 1)->mention >= 0 &&
               c->entities[c->mentions[T (c, i + 1)->mention].entity].type == TL_ENTITY_PLACE)
        i = source_from_mention (c, i + 1).last + 1;
      else
        break;
    }
  if (tok_is (c, i, "that"))
    i++;
  if (tok_punct (c, i, ":,"))
    i++;
  if (i >= sent_end)
    return FALSE;

  s = T (c, i)->start;
  e = T (c, sent_end - 1)->end;
  /* A quotation that opens the content may run past this sentence. */
  if (tok_open_quote (c, i) && quote_span_at (c, s, &q))
    {
      guint after = q->close_end;
      while (after < c->len && strchr (".,;: ", c->text[after]))
        after++;
      if (after >= e || after >= c->len || c->text[after] == '\n')
        {
          out->start = q->inner_start;
          out->end = q->inner_end;
          trim_span (c, &out->start, &out->end);
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
  trim_span (c, &s, &e);
  out->start = s;
  out->end = e;
  *direct = FALSE;
  return e > s && memchr (c->text + s, ' ', e - s) != NULL;  /* a clause, not one word */
}

/* Content before ", SOURCE CUE": the quotation or the clause before the comma. */
static gboolean
content_before (Ctx      *c,
                guint     sent_start,
                guint     boundary,
                TlSpan   *out,
                gboolean *direct)
{
  gint i = (gint) boundary - 1;
  guint s, e;

  if (i >= (gint) sent_start && tok_punct (c, i, ","))
    i--;
  if (i >= (gint) sent_start && tok_close_quote (c, i))
    {
      guint close_at = T (c, i)->start;
      for (guint q = 0; q < c->quotes->len; q++)
        {
          Quote *qt = &g_array_index (c->quotes, Quote, q);
          if (qt->inner_end == close_at)
            {
              out->start = qt->inner_start;
              out->end = qt->inner_end;
              trim_span (c, &out->start, &out->end);
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
  if (tok_open_quote (c, sent_start))
    s = T (c, sent_start)->end;
  /* A dateline is not part of the statement: "BRUSSELS — …" */
  {
    guint k = sent_start;
    while (k < (guint) i && T (c, k)->kind == TOK_WORD && is_all_caps (c, k))
      k++;
    if (k > sent_start && k < (guint) i && T (c, k)->kind == TOK_PUNCT &&
        (g_utf8_get_char (c->text + T (c, k)->start) == 0x2014 || c->text[T (c, k)->start] == '-' ||
         c->text[T (c, k)->start] == ':'))
      s = T (c, k)->end;
  }
  trim_span (c, &s, &e);
  out->start = s;
  out->end = e;
  *direct = FALSE;
  return e > s && memchr (c->text + s, ' ', e - s) != NULL;
}

/* --- Records ---------------------------------------------------------------------- */

static void
add_record (Ctx          *c,
            const Source *src,
            guint         cue_first,
            guint         cue_last,
            const TlSpan *content,
            gboolean      direct)
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
  /* The content never contains its own cue or source. */
  if (a.content.start < a.cue.end && a.cue.start < a.content.end &&
      !(a.cue.start >= a.content.start && a.cue.end <= a.content.end && a.content.end - a.content.start > 40))
    return;
  g_array_append_val (c->analysis->attributions, a);
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
  static const char *const verbs[] = { "found", "finds", "shows", "showed", "show",
                                       "concluded", "concludes", "revealed", "reveals",
                                       "disclosed", "discloses", "agreed", "agrees" };
  return tok_in_list (c, cue, verbs, G_N_ELEMENTS (verbs));
}

/* After the cue (and a told-addressee, times, places) the sentence ends, or a
 * second quotation follows ("…,” he said, “…”). */
static gboolean
cue_closes_sentence (Ctx   *c,
                     guint  cue_last,
                     guint  sent_end,
                     gboolean addressee)
{
  guint i = cue_last + 1;

  if (addressee && i < sent_end && T (c, i)->mention >= 0)
    i = source_from_mention (c, i).last + 1;
  else if (addressee && (tok_is (c, i, "reporters") || tok_is (c, i, "journalists") ||
                         tok_is (c, i, "lawmakers") || tok_is (c, i, "parliament")))
    i++;
  for (;;)
    {
      guint n = any_phrase_at (c, i, &c->cues->time_phrases);
      if (n > 0)
        i += n;
      else if ((tok_is (c, i, "in") || tok_is (c, i, "at") || tok_is (c, i, "on")) &&
               i + 1 < sent_end && T (c, i + 1)->mention >= 0)
        i = source_from_mention (c, i + 1).last + 1;
      else
        break;
    }
  if (i >= sent_end || tok_punct (c, i, ".!?"))
    return TRUE;
  return tok_punct (c, i, ",") && i + 1 < sent_end && tok_open_quote (c, i + 1);
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
  Source src;

  /* Inverted: "“…,” said Karsten Nohl" or "…, said X." */
  if (cue_first > sent_start &&
      (tok_punct (c, cue_first - 1, ",") || tok_close_quote (c, cue_first - 1)))
    {
      src = source_right (c, cue_last + 1, sent_end);
      if (src.ok && (src.last + 1 >= sent_end || tok_punct (c, src.last + 1, ",.")) &&
          content_before (c, sent_start, cue_first, &content, &direct))
        {
          add_record (c, &src, cue_first, cue_last, &content, direct);
          return;
        }
    }

  src = source_left (c, sent_start, cue_first);
  if (!src.ok)
    return;
  /* "member states", "company reports": a plural noun, unless a name or a
   * pronoun is the subject right before it. */
  if (cue_first == cue_last && is_ambiguous_plural (c, cue_first))
    {
      gint k = skip_left (c, (gint) cue_first - 1, sent_start);
      if (k < (gint) sent_start || (T (c, k)->mention < 0 && !tok_in_list (c, k, pronouns, G_N_ELEMENTS (pronouns))))
        return;
    }
  if (src.first > sent_start && cue_closes_sentence (c, cue_last, sent_end, addressee))
    {
      if (content_before (c, sent_start, src.first, &content, &direct))
        add_record (c, &src, cue_first, cue_last, &content, direct);
      return;
    }
  if (needs_that (c, cue_last) && !tok_is (c, cue_last + 1, "that"))
    return;
  if (content_after (c, cue_last, sent_end, addressee, &content, &direct))
    add_record (c, &src, cue_first, cue_last, &content, direct);
}

static void
handle_according (Ctx  *c,
                  guint sent_start,
                  guint sent_end,
                  guint cue_first,
                  guint cue_last)
{
  Source src = source_right (c, cue_last + 1, sent_end);
  gboolean direct = FALSE;
  TlSpan content;

  if (!src.ok)
    return;
  if (cue_first == sent_start || (cue_first == sent_start + 1 && tok_is (c, sent_start, "but")))
    {
      /* "According to X, CLAUSE." */
      if (!tok_punct (c, src.last + 1, ",") ||
          !content_after (c, src.last + 1, sent_end, FALSE, &content, &direct))
        return;
    }
  else if (!content_before (c, sent_start, cue_first, &content, &direct))
    return;
  add_record (c, &src, cue_first, cue_last, &content, direct);
}

static void
handle_citing (Ctx   *c,
               guint  sent_start,
               guint  sent_end,
               guint  cue_first,
               guint  cue_last,
               guint  n_before)
{
  TlAttribution *outer = NULL;
  gboolean direct = FALSE;
  TlSpan content;
  guint i = cue_last + 1;

  /* Citing qualifies the statement just recorded in this sentence. */
  if (c->analysis->attributions->len > n_before)
    outer = &g_array_index (c->analysis->attributions, TlAttribution,
                            c->analysis->attributions->len - 1);
  if (outer != NULL)
    {
      content = outer->content;
      direct = outer->direct;
    }
  else if (!content_before (c, sent_start, cue_first, &content, &direct))
    return;

  while (i < sent_end)
    {
      Source src = source_right (c, i, sent_end);
      if (!src.ok)
        break;
      add_record (c, &src, cue_first, cue_last, &content, direct);
      i = src.last + 1;
      if (tok_is (c, i, "and") || tok_punct (c, i, ","))
        i++;
      else
        break;
    }
}

static void
handle_reported_by (Ctx  *c,
                    guint sent_start,
                    guint sent_end,
                    guint cue_first,
                    guint cue_last)
{
  Source src = source_right (c, cue_last + 1, sent_end);
  TlSpan content;

  if (!src.ok)
    return;
  content.start = T (c, sent_start)->start;
  content.end = T (c, sent_end - 1)->end;
  trim_span (c, &content.start, &content.end);
  add_record (c, &src, cue_first, cue_last, &content, FALSE);
}

static void
find_in_sentence (Ctx  *c,
                  guint start,
                  guint end)
{
  guint n_before = c->analysis->attributions->len;

  for (guint i = start; i < end; i++)
    {
      guint n;

      if (T (c, i)->kind != TOK_WORD || T (c, i)->quote >= 0 || T (c, i)->mention >= 0)
        continue;
      if ((n = any_phrase_at (c, i, &c->cues->phrases)) > 0)
        {
          guint last = i + n - 1;
          if (tok_is (c, i, "according"))
            handle_according (c, start, end, i, last);
          else if (tok_is (c, i, "citing"))
            handle_citing (c, start, end, i, last, n_before);
          else if (tok_is (c, last, "by"))
            handle_reported_by (c, start, end, i, last);
          else if (!is_negated (c, i))
            handle_speech (c, start, end, i, last);
          i = last;
          continue;
        }
      if (!tok_in_set (c, i, c->cues->speech) || is_negated (c, i))
        continue;
      /* "Broadcom Confirms VMware Deal": a headline, not a statement. */
      if (i > start && g_ascii_isupper (c->text[T (c, i)->start]))
        continue;
      /* A noun ("the reports", "its claims") or a passive ("was told"). */
      if (i > start && (tok_in_list (c, i - 1, determiners, G_N_ELEMENTS (determiners)) ||
                        ((tok_is (c, i - 1, "was") || tok_is (c, i - 1, "were") ||
                          tok_is (c, i - 1, "been") || tok_is (c, i - 1, "being")) &&
                         !tok_is (c, i + 1, "that"))))
        continue;
      handle_speech (c, start, end, i, i);
    }
}

/* "“A,” he said. “B.”": B continues A's speaker. */
static void
find_continuations (Ctx *c)
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
          if (a->direct && a->content.end <= qt->open &&
              (prev == NULL || a->content.end > prev->content.end))
            prev = a;
        }
      if (inside || prev == NULL)
        continue;
      /* Nothing said by anyone else in between, at most one paragraph break. */
      gap_from = MAX (prev->content.end, prev->cue.end);
      for (guint r = 0; r < n_recs; r++)
        {
          const TlAttribution *a = &g_array_index (recs, TlAttribution, r);
          if (a->cue.start > gap_from && a->cue.start < qt->open)
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
        trim_span (c, &a.content.start, &a.content.end);
        a.direct = TRUE;
        qt->used = TRUE;
        g_array_append_val (c->analysis->attributions, a);
      }
    }
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
  find_quotes (&c);
  annotate_tokens (&c, tokens);
  sentences = split_sentences (&c);
  for (guint s = 0; s < sentences->len; s++)
    {
      guint *pair = &g_array_index (sentences, guint, s * 2);
      find_in_sentence (&c, pair[0], pair[1]);
    }
  find_continuations (&c);
  g_array_sort (analysis->attributions, attribution_cmp);
  g_array_unref (c.toks);
  g_array_unref (c.quotes);
}
