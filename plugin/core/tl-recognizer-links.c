/* tl-recognizer-links.c — a surname or a short form referring back
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Pass 5 of the recognizer: a surname alone after the full name ("Pai"
 * after "Ajit Pai") and a short form after the named body ("the
 * Commission") become mentions of the same entity; single-word people
 * found by a title ("Mr Strayer") join the full name.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-recognizer-run-private.h"

/* --- Pass 5: surnames and short forms ---------------------------------------- */

enum {
  REF_AFTER_THE  = 1 << 0,  /* only as "the Times", "the Post" */
  REF_NOT_AFTER_OF = 1 << 1,  /* not "Secretary of Commerce" */
  REF_LAW_POINTER = 1 << 2,  /* "Article 5 of the Act" joins the span */
};

typedef struct {
  char             *word;
  guint             after;  /* only mentions after this offset link */
  const TlKbEntity *kb;
  char             *key;
  TlEntityType      type;
  guint             flags;
} BackRef;

/* Newspapers named by the last word of their title ("the Times" after
 * "The New York Times"; alone before a reporting verb). */
static const char *const paper_heads[] = {
  "Times", "Post", "Journal", "Telegraph", "Herald", "Tribune", "Chronicle",
  "Gazette", "Mail", "Mirror", "Observer", "Examiner", "Inquirer", "Standard",
};
/* Laws named again by their kind ("the Act", "the Regulations"). */
static const char *const law_heads[] = {
  "Act", "Regulations", "Regulation", "Directive", "Convention", "Treaty", "Ordinance",
};

static gboolean
word_in (const char        *w,
         gsize              n,
         const char *const *list,
         gsize              n_list)
{
  for (gsize k = 0; k < n_list; k++)
    if (strlen (list[k]) == n && strncmp (list[k], w, n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
preceded_by (const char *t,
             guint       start,
             const char *words)
{
  gsize n = strlen (words);
  return start >= n && strncmp (t + start - n, words, n) == 0 &&
         (start == n || !g_ascii_isalnum (t[start - n - 1]));
}

static void
add_ref (GArray             *refs,
         const char         *word,
         gsize               n,
         const TlRawMention *m,
         guint               flags)
{
  BackRef ref = { g_strndup (word, n), m->end, m->kb, g_strdup (m->key), m->type, flags };
  g_array_append_val (refs, ref);
}

/* "Commerce" from "Commerce Department" or "Department of Commerce": the
 * department's own word, one capitalised word ("State" is too common). */
static void
add_department_ref (GArray             *refs,
                    const char         *name,
                    const TlRawMention *m)
{
  const char *p;
  const char *w = NULL;
  gsize n = 0;

  if ((p = strstr (name, "Department of ")) != NULL || (p = strstr (name, "Dept. of ")) != NULL)
    {
      w = strchr (p, ' ') + 1 + strlen ("of ");
      n = strlen (w);
    }
  else if ((p = strstr (name, " Department")) != NULL || (p = strstr (name, " Dept.")) != NULL)
    {
      const char *q = p;
      while (q > name && q[-1] != ' ')
        q--;
      w = q;
      n = p - q;
    }
  if (w == NULL || n < 4 || memchr (w, ' ', n) != NULL || !g_ascii_isupper (w[0]) ||
      (n == 5 && strncmp (w, "State", 5) == 0))
    return;
  add_ref (refs, w, n, m, REF_NOT_AFTER_OF);
}

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

/* "Zhao Kaiming … Zhao said": in a name of two words whose first is no
 * given name we know, the first may be the family name. */
static void
family_name_first_ref (GArray             *refs,
                       const char         *surface,
                       const TlRawMention *m,
                       const TlLexicon    *lex)
{
  const char *space = strchr (surface, ' ');
  gsize n = space - surface;
  g_autofree char *word = NULL;

  if (n < 3 || strchr (space + 1, ' ') != NULL || !g_ascii_isupper (surface[0]))
    return;
  for (gsize k = 1; k < n; k++)
    if (!g_ascii_islower (surface[k]))
      return;
  word = g_strndup (surface, n);
  if (g_hash_table_contains (lex->given_names, word) || g_hash_table_contains (lex->honorifics, word) ||
      g_hash_table_contains (lex->stop_capitals, word))
    return;
  {
    BackRef ref = { g_steal_pointer (&word), m->end, m->kb, g_strdup (m->key), m->type, 0 };
    g_array_append_val (refs, ref);
  }
}

/* "the Times said", "obtained by the Post", "according to the Journal":
 * a newspaper named by its head word, even with no full title before. */
static gboolean
names_a_paper (Run  *r,
               guint i)
{
  static const char *const after[] = {
    " said", " says", " reported", " reports", " wrote", " first reported", " has reported",
    " reported on", " revealed", " found",
  };
  static const char *const before[] = {
    "according to the ", "told the ", "by the ", "to the ", "in the ", "with the ",
  };
  const Token *tok = TOK (r, i);

  if (!preceded_by (r->text, tok->start, "the ") && !preceded_by (r->text, tok->start, "The "))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (before); k++)
    if (preceded_by (r->text, tok->start, before[k]))
      return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (after); k++)
    {
      gsize n = strlen (after[k]);
      if (tok->end + n <= r->len && strncmp (r->text + tok->end, after[k], n) == 0 &&
          (tok->end + n == r->len || !g_ascii_isalnum (r->text[tok->end + n])))
        return TRUE;
    }
  return FALSE;
}

/* Whether the capitalised words before token @i end an office named
 * after a title: "Secretary of Commerce Ross", "Minister for Digital
 * Affairs Kral", "Secretary of the Treasury Lee". */
static gboolean
after_an_office (Run  *r,
                 guint i)
{
  const TlLexicon *lex = r->self->lex;
  guint j = i - 1, words = 0;

  while (j > 0 && words < 4 && (TOK (r, j)->flags & (TOK_CAP | TOK_JOIN)) == (TOK_CAP | TOK_JOIN))
    {
      j--;
      words++;
    }
  if (words == 0 || j == 0)
    return FALSE;
  if (tok_equals (r, j, "the"))
    j--;
  if (j == 0 || !(tok_equals (r, j, "of") || tok_equals (r, j, "for")))
    return FALSE;
  return (TOK (r, j - 1)->flags & TOK_CAP) &&
         (tok_in (r, j - 1, lex->honorifics, FALSE) || tok_in (r, j - 1, lex->roles, TRUE));
}

void
_tl_rec_link_back (Run *r)
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
          BackRef ref = { g_strndup (w, n), m->end, m->kb, g_strdup (m->key), m->type, 0 };

          if (n >= 3 && !g_hash_table_contains (lex->stop_capitals, ref.word))
            g_array_append_val (refs, ref);
          else
            backref_clear (&ref);
          family_name_first_ref (refs, surface, m, lex);
        }
      else if (m->type == TL_ENTITY_GOVERNMENT)
        {
          const char *name = m->kb ? m->kb->name : surface;
          g_auto(GStrv) words = g_strsplit_set (name, " -", -1);

          for (char **w = words; *w; w++)
            if (g_hash_table_contains (lex->short_form_heads, *w) &&
                g_strcmp0 (*w, surface) != 0)
              add_ref (refs, *w, strlen (*w), m, 0);
          add_department_ref (refs, surface, m);
          if (m->kb != NULL && strcmp (m->kb->name, surface) != 0)
            add_department_ref (refs, m->kb->name, m);
        }
      else if ((m->type == TL_ENTITY_MEDIA || m->type == TL_ENTITY_LAW) && strchr (surface, ' ') != NULL)
        {
          gsize n;
          const char *w = last_word (m->kb ? m->kb->name : surface, &n);

          if (m->type == TL_ENTITY_MEDIA && word_in (w, n, paper_heads, G_N_ELEMENTS (paper_heads)))
            add_ref (refs, w, n, m, REF_AFTER_THE);
          else if (m->type == TL_ENTITY_LAW && word_in (w, n, law_heads, G_N_ELEMENTS (law_heads)))
            add_ref (refs, w, n, m, REF_AFTER_THE | REF_LAW_POINTER);
        }
    }

  _tl_rec_mark_covered (r->tokens, r->mentions);
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
            !tok_in (r, i - 1, lex->honorifics, FALSE) && !after_an_office (r, i))
          continue;
        memcpy (word, r->text + tok->start, n);
        word[n] = '\0';
        best = g_hash_table_lookup (latest, word);
        if (best != NULL && (best->flags & REF_AFTER_THE) &&
            !preceded_by (r->text, tok->start, "the ") && !preceded_by (r->text, tok->start, "The "))
          best = NULL;
        if (best != NULL && (best->flags & REF_NOT_AFTER_OF) && preceded_by (r->text, tok->start, "of "))
          best = NULL;
        if (best != NULL)
          {
            TlRawMention m = { tok->start, tok->end, best->type, TL_ORIGIN_LINK, best->kb,
                               g_strdup (best->key) };
            if (best->flags & REF_LAW_POINTER)
              {
                /* "Article 64 of the Act": the pointer is part of the name. */
                m.start = _tl_rec_law_pointer_start (r->text, tok->start);
              }
            g_array_append_val (r->mentions, m);
            tok->flags |= TOK_COVERED;
          }
        else if (word_in (word, n, paper_heads, G_N_ELEMENTS (paper_heads)) && names_a_paper (r, i))
          {
            TlRawMention m = { tok->start, tok->end, TL_ENTITY_MEDIA, TL_ORIGIN_LINK, NULL,
                               g_strdup_printf ("media\n%s", word) };
            g_array_append_val (r->mentions, m);
            tok->flags |= TOK_COVERED;
          }
      }
  }
}

/* Single-word people found by a title ("Mr Strayer") join the full name. */
void
_tl_rec_join_surnames (Run *r)
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
