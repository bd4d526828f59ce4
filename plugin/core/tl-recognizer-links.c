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

typedef struct {
  char             *word;
  guint             after;  /* only mentions after this offset link */
  const TlKbEntity *kb;
  char             *key;
  TlEntityType      type;
} BackRef;

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
          BackRef ref = { g_strndup (w, n), m->end, m->kb, g_strdup (m->key), m->type };

          if (n >= 3 && !g_hash_table_contains (lex->stop_capitals, ref.word))
            g_array_append_val (refs, ref);
          else
            backref_clear (&ref);
        }
      else if (m->type == TL_ENTITY_GOVERNMENT)
        {
          const char *name = m->kb ? m->kb->name : surface;
          g_auto(GStrv) words = g_strsplit_set (name, " -", -1);

          for (char **w = words; *w; w++)
            if (g_hash_table_contains (lex->short_form_heads, *w) &&
                g_strcmp0 (*w, surface) != 0)
              {
                BackRef ref = { g_strdup (*w), m->end, m->kb, g_strdup (m->key), m->type };
                g_array_append_val (refs, ref);
              }
        }
    }
  if (refs->len == 0)
    return;

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
            !tok_in (r, i - 1, lex->honorifics, FALSE))
          continue;
        memcpy (word, r->text + tok->start, n);
        word[n] = '\0';
        if ((best = g_hash_table_lookup (latest, word)) != NULL)
          {
            TlRawMention m = { tok->start, tok->end, best->type, TL_ORIGIN_LINK, best->kb,
                               g_strdup (best->key) };
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
