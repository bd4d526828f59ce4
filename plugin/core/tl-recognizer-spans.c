/* tl-recognizer-spans.c — span corrections by pattern (pass 4b)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * After names are found (knowledge base and context), three classes of
 * span are corrected by what surrounds them:
 *   - a company name ending in an abbreviated legal form keeps its period,
 *     and further legal forms join it: "ZTE Corp.", "Acme Corp. Ltd.";
 *   - a law keeps the article or instrument that points into it: "Article
 *     29 of the Data Protection Act", "Enforcement Decree of the … Act";
 *   - a body's name used to name a number is not the body: "Social
 *     Security numbers", "Medicare number".
 * It also holds the tests for the kind of a law that ends its name, which
 * names by context (tl-recognizer-names.c) use.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-recognizer-run-private.h"

static gboolean
is_org_type (TlEntityType type)
{
  return type == TL_ENTITY_VENDOR || type == TL_ENTITY_OPERATOR || type == TL_ENTITY_ORGANIZATION ||
         type == TL_ENTITY_MEDIA;
}

static gboolean
word_ends_at (const char *t,
              gsize       end,
              const char *word)
{
  gsize n = strlen (word);
  return end >= n && strncmp (t + end - n, word, n) == 0 &&
         (end == n || !g_ascii_isalnum (t[end - n - 1]));
}

/* Legal forms written with a period; "Co" and "Corp" are never words of
 * their own in a company name. */
static const char *const dotted_forms[] = { "Co", "Corp", "Ltd", "Inc", "Bhd", "Pty" };

static gboolean
ends_in_dotted_form (const char *t,
                     gsize       end)
{
  for (guint k = 0; k < G_N_ELEMENTS (dotted_forms); k++)
    if (word_ends_at (t, end, dotted_forms[k]))
      return TRUE;
  return FALSE;
}

/* " Ltd." or " Inc." right after @end: returns its end, or 0. */
static gsize
next_dotted_form (const char *t,
                  gsize       len,
                  gsize       end)
{
  if (end + 1 >= len || t[end] != ' ')
    return 0;
  for (guint k = 0; k < G_N_ELEMENTS (dotted_forms); k++)
    {
      gsize n = strlen (dotted_forms[k]), e = end + 1 + n;
      if (e < len && strncmp (t + end + 1, dotted_forms[k], n) == 0 && t[e] == '.')
        return e + 1;
    }
  return 0;
}

static void
extend_legal_form (Run          *r,
                   TlRawMention *m)
{
  gsize e;

  if (!is_org_type (m->type) || !ends_in_dotted_form (r->text, m->end) ||
      m->end >= r->len || r->text[m->end] != '.')
    return;
  m->end++;
  while ((e = next_dotted_form (r->text, r->len, m->end)) != 0)
    m->end = e;
}

static gboolean
is_function_word (const char *w,
                  gsize       n)
{
  static const char *const words[] = { "The", "A", "An", "Under", "In", "By", "Its", "Their", "This", "That", "And", "Or" };

  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    if (strlen (words[k]) == n && strncmp (w, words[k], n) == 0)
      return TRUE;
  return FALSE;
}

/* Backwards over "Article 29 of the " / "Section 5(2) of " / "Enforcement
 * Decree of the ": returns the new start, or @start. */
gsize
_tl_rec_law_pointer_start (const char *t,
                   gsize       start)
{
  static const char *const pointers[] = { "Article", "Section", "Paragraph", "Chapter", "Title", "Part" };
  static const char *const instruments[] = { "Decree", "Regulations", "Regulation", "Rules", "Ordinance", "Order" };
  gsize p = start;

  if (p >= 4 && strncmp (t + p - 4, "the ", 4) == 0)
    p -= 4;
  if (p < 4 || strncmp (t + p - 4, " of ", 4) != 0)
    return start;
  p -= 4;
  /* "Article 64-2", "Section 5(2)(b)" */
  {
    gsize q = p;
    while (q > 0 && (g_ascii_isalnum (t[q - 1]) || t[q - 1] == '-' || t[q - 1] == '(' || t[q - 1] == ')' ||
                     t[q - 1] == '.'))
      q--;
    if (q < p && g_ascii_isdigit (t[q]) && q > 0 && t[q - 1] == ' ')
      for (guint k = 0; k < G_N_ELEMENTS (pointers); k++)
        if (word_ends_at (t, q - 1, pointers[k]))
          return q - 1 - strlen (pointers[k]);
  }
  /* "Enforcement Decree", "Implementing Regulations": capitalised words
   * ending in an instrument. */
  for (guint k = 0; k < G_N_ELEMENTS (instruments); k++)
    if (word_ends_at (t, p, instruments[k]))
      {
        gsize q = p - strlen (instruments[k]);
        /* Capitalised words before it, if any, up to three. */
        for (guint n = 0; n < 3 && q >= 2 && t[q - 1] == ' '; n++)
          {
            gsize w = q - 1;
            while (w > 0 && g_ascii_isalpha (t[w - 1]))
              w--;
            if (w == q - 1 || !g_ascii_isupper (t[w]) || is_function_word (t + w, q - 1 - w))
              break;
            q = w;
          }
        return q;
      }
  return start;
}

static gboolean
names_a_number (Run                *r,
                const TlRawMention *m)
{
  static const char *const after[] = { " number", " numbers", " No.", " card", " cards" };

  if (m->type != TL_ENTITY_ORGANIZATION && m->type != TL_ENTITY_GOVERNMENT)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (after); k++)
    {
      gsize n = strlen (after[k]);
      if (m->end + n <= r->len && strncmp (r->text + m->end, after[k], n) == 0 &&
          (m->end + n == r->len || !g_ascii_isalnum (r->text[m->end + n])))
        return TRUE;
    }
  return FALSE;
}

static void
rekey (Run          *r,
       TlRawMention *m)
{
  if (m->key != NULL)
    {
      g_autofree char *surface = g_strndup (r->text + m->start, m->end - m->start);
      g_free (m->key);
      m->key = g_strdup_printf ("%s\n%s", tl_entity_type_to_string (m->type), surface);
    }
}

void
_tl_rec_adjust_spans (Run *r)
{
  guint w = 0;

  for (guint k = 0; k < r->mentions->len; k++)
    {
      TlRawMention *m = &g_array_index (r->mentions, TlRawMention, k);
      guint start = m->start, end = m->end;

      if (names_a_number (r, m))
        {
          _tl_raw_mention_clear (m);
          continue;
        }
      extend_legal_form (r, m);
      if (m->type == TL_ENTITY_LAW)
        m->start = _tl_rec_law_pointer_start (r->text, m->start);
      /* Never run into the next mention. */
      if (k + 1 < r->mentions->len && m->end > g_array_index (r->mentions, TlRawMention, k + 1).start)
        m->end = end;
      if (w > 0 && m->start < g_array_index (r->mentions, TlRawMention, w - 1).end)
        m->start = start;
      if (m->start != start || m->end != end)
        rekey (r, m);
      if (w != k)
        g_array_index (r->mentions, TlRawMention, w) = *m;
      w++;
    }
  /* The tail holds moved copies: shrink without clearing them. */
  r->mentions->len = w;
}

/* --- Laws by their kind (names by context, tl-recognizer-names.c) --------- */

/* The kinds of a law that end its name ("… Act", "… Regulation", "…
 * List"). Treaties and conventions are listed by name in the knowledge
 * base ("… National Convention" is an event); "Code" is left out ("QR
 * Code"). */
gboolean
_tl_rec_is_law_head (Run  *r,
                     guint i)
{
  static const char *const heads[] = {
    "Act", "Law", "Directive", "Regulation", "Regulations", "Ordinance", "Decree",
    "Bill", "List", "Programme", "Program", "Framework",
  };
  for (guint k = 0; k < G_N_ELEMENTS (heads); k++)
    if (tok_equals (r, i, heads[k]))
      return TRUE;
  return FALSE;
}

/* "Enforcement Decree of the … Act": an instrument of a law named after it
 * (the span rules below join the two). */
gboolean
_tl_rec_names_another_law (Run  *r,
                           guint end)
{
  guint n = r->tokens->len, k = end + 1;

  if (k + 1 >= n || !tok_equals (r, k, "of") || !(TOK (r, end)->flags & TOK_JOIN) ||
      !(TOK (r, k)->flags & TOK_JOIN))
    return FALSE;
  k++;
  if (tok_equals (r, k, "the") && (TOK (r, k)->flags & TOK_JOIN) && k + 1 < n)
    k++;
  return (TOK (r, k)->flags & TOK_CAP) != 0;
}
