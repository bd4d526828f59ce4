/* tl-attribution-ctx-private.h — what the attribution passes share
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The attribution of one story reads the shared tokens (tl-tokens.c), each
 * marked with the mention and the quotation it is inside, sentence by
 * sentence. Only tl-attribution*.c include this.
 */
#pragma once

#include "tl-attribution-private.h"
#include "tl-cue-lexicon-private.h"

#include <string.h>

G_BEGIN_DECLS

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
  gboolean runs_on;  /* unclosed at its paragraph's end with the next
                      * paragraph opening a quotation: the convention for
                      * one quotation over several paragraphs */
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

static inline gboolean
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

static inline gboolean
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

static inline gboolean
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

/* The lowercase word of token i in buf, or NULL for punctuation or long words. */
static inline const char *
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

static inline gboolean
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

static inline gboolean
is_pronoun (Ctx  *c,
            guint i)
{
  static const char *const pronouns[] = { "he", "she", "it", "they", "we", "i" };
  return tok_in_list (c, i, pronouns, G_N_ELEMENTS (pronouns));
}

/* A word ending in 's or ’s: "Vodafone's" */
static inline gboolean
_tl_attr_is_possessive (Ctx  *c,
                        guint i)
{
  const ATok *t = T (c, i);

  return t->kind == TOK_WORD && t->end - t->start > 2 && c->text[t->end - 1] == 's' &&
         (c->text[t->end - 2] == '\'' || (guchar) c->text[t->end - 2] == 0x99);
}

static inline gboolean
is_determiner (Ctx  *c,
               guint i)
{
  static const char *const determiners[] = {
    "a", "an", "the", "two", "three", "four", "five", "several", "some", "many",
    "one", "other", "its", "their", "his", "her", "our", "these", "those", "this",
    "both", "most", "few", "numerous",
  };
  return tok_in_list (c, i, determiners, G_N_ELEMENTS (determiners));
}

/* ", adding that …", ", saying …": a participle that continues the
 * speaker of the statement just made */
static inline gboolean
is_continuing_participle (Ctx  *c,
                          guint i)
{
  static const char *const continuing[] = {
    "adding", "saying", "noting", "warning", "stating", "telling", "suggesting", "arguing",
    "insisting", "explaining", "claiming", "stressing", "pledging", "promising", "vowing",
  };
  return tok_in_list (c, i, continuing, G_N_ELEMENTS (continuing));
}

/* ", pledging to …", ", referring to …": a lowercase participle in -ing
 * after a comma says how or why, not what */
static inline gboolean
is_ing_participle (Ctx  *c,
                   guint i)
{
  const ATok *t;

  if (i >= c->toks->len)
    return FALSE;
  t = T (c, i);
  return t->kind == TOK_WORD && t->end - t->start > 5 && g_ascii_islower (c->text[t->start]) &&
         strncmp (c->text + t->end - 3, "ing", 3) == 0 && !tok_is (c, i, "during") && !tok_is (c, i, "including");
}

/* tl-attribution-text.c: tokens, quotations, phrases, sentences */
void      _tl_attr_find_quotes          (Ctx       *c);
void      _tl_attr_annotate_tokens      (Ctx       *c,
                                         GArray    *shared);
gboolean  _tl_attr_tok_close_quote      (Ctx       *c,
                                         guint      i);
gboolean  _tl_attr_tok_open_quote       (Ctx       *c,
                                         guint      i);
guint     _tl_attr_any_phrase_at        (Ctx       *c,
                                         guint      i,
                                         PhraseSet *set);
guint     _tl_attr_any_phrase_ending_at (Ctx       *c,
                                         guint      i,
                                         guint      floor,
                                         PhraseSet *set);
guint     _tl_attr_date_at              (Ctx       *c,
                                         guint      i,
                                         guint      end);
guint     _tl_attr_date_ending_at       (Ctx       *c,
                                         guint      i,
                                         guint      floor);
GArray   *_tl_attr_split_sentences      (Ctx       *c);
gboolean  _tl_attr_quote_span_at        (Ctx       *c,
                                         guint      offset,
                                         Quote    **out);
gboolean  _tl_attr_is_all_caps          (Ctx       *c,
                                         guint      i);
void      _tl_attr_trim_span            (Ctx       *c,
                                         guint     *s,
                                         guint     *e);

/* tl-attribution-phrase.c: the noun phrase of a source */
gboolean  _tl_attr_is_source_head       (Ctx       *c,
                                         guint      i);
Source    _tl_attr_source_from_mention  (Ctx       *c,
                                         guint      i);
Source    _tl_attr_source_from_pronoun  (Ctx       *c,
                                         guint      i);
Source    _tl_attr_source_from_head     (Ctx       *c,
                                         guint      head,
                                         guint      floor);
guint     _tl_attr_after_name_nouns     (Ctx       *c,
                                         guint      i,
                                         guint      end);
gboolean  _tl_attr_names_a_body         (Ctx          *c,
                                         const Source *m);
gboolean  _tl_attr_is_quantity          (Ctx       *c,
                                         guint      i);
gboolean  _tl_attr_reads_as_company     (Ctx       *c,
                                         guint      i);
Source    _tl_attr_source_right         (Ctx       *c,
                                         guint      i,
                                         guint      end);

/* tl-attribution-source.c: who is speaking */
Source    _tl_attr_sentence_subject     (Ctx       *c,
                                         guint      sent_start,
                                         guint      verb_end);
Source    _tl_attr_source_left          (Ctx       *c,
                                         guint      sent_start,
                                         guint      cue);
guint     _tl_attr_where_unnamed_source_is (Ctx     *c,
                                         Source    *s,
                                         guint      sent_end);
guint     _tl_attr_skip_affiliation     (Ctx       *c,
                                         const Source *s,
                                         guint      end);
guint     _tl_attr_joint_sources        (Ctx          *c,
                                         guint         sent_start,
                                         const Source *src,
                                         Source       *out,
                                         guint         max);
guint     _tl_attr_skip_participle_phrase (Ctx     *c,
                                         guint      i,
                                         guint      end);
gint      _tl_attr_skip_left            (Ctx       *c,
                                         gint       i,
                                         guint      floor);

/* tl-attribution-content.c: what was said */
typedef enum {
  /* a subject of up to six words that opens with no auxiliary, no
   * preposition and not with "no", "nothing" or "evidence" ("found
   * hackers had copied …") */
  TL_ATTR_CLAUSE_PLAIN         = 0,
  /* "did" and "does" are auxiliaries too ("they did not …") */
  TL_ATTR_CLAUSE_DO            = 1 << 0,
  /* the subject is a pronoun right before the auxiliary, or opens with a
   * determiner or a name and runs at most five words, a "to" included
   * ("said in a joint statement they were …", "… the decision to ban
   * them was …") */
  TL_ATTR_CLAUSE_NAMED_SUBJECT = 1 << 1,
  /* after the "that" of a noun of saying ("the claim that an unexplained
   * failure of the cable has cut …"): the subject opens with a word that
   * is no verb of saying and runs up to nine words */
  TL_ATTR_CLAUSE_AFTER_THAT    = 1 << 2,
} ClauseFlags;

gboolean  _tl_attr_is_auxiliary         (Ctx       *c,
                                         guint      i,
                                         ClauseFlags flags);
gboolean  _tl_attr_clause_at            (Ctx       *c,
                                         guint      i,
                                         guint      sent_end,
                                         ClauseFlags flags);
guint     _tl_attr_skip_adverbials      (Ctx       *c,
                                         guint      i,
                                         guint      sent_end);
gboolean  _tl_attr_ends_statement       (Ctx       *c,
                                         guint      i,
                                         guint      sent_end);
void      _tl_attr_find_continuations   (Ctx       *c);
gboolean  _tl_attr_content_after        (Ctx       *c,
                                         guint      cue_last,
                                         guint      sent_end,
                                         gboolean   addressee,
                                         TlSpan    *out,
                                         gboolean  *direct);
gboolean  _tl_attr_content_before       (Ctx       *c,
                                         guint      sent_start,
                                         guint      boundary,
                                         TlSpan    *out,
                                         gboolean  *direct);
guint     _tl_attr_after_dateline       (Ctx       *c,
                                         guint      sent_start,
                                         guint      limit);
gboolean  _tl_attr_cue_closes_sentence  (Ctx       *c,
                                         guint      cue_last,
                                         guint      sent_end,
                                         gboolean   addressee);

G_END_DECLS
