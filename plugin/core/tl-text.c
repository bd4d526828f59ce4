/* tl-text.c — plain text and HTML to analysable text, with an offset map
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * HTML from feeds is untrusted and often broken. This is not a full HTML5
 * parser: it keeps the visible text in order, drops markup, scripts and
 * styles, decodes character references, turns block boundaries into line
 * breaks and collapses white space, and remembers for every output byte the
 * input byte it came from. It never fails: whatever it cannot parse it
 * keeps as text.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-text-private.h"

#include <string.h>

static void
text_add_run (TlText *text,
              guint   in)
{
  TlTextRun run = { (guint) text->str->len, in };

  if (text->runs->len > 0)
    {
      TlTextRun *last = &g_array_index (text->runs, TlTextRun, text->runs->len - 1);

      /* Same place as before: replace; continuing linearly: nothing to add. */
      if (last->out == run.out)
        {
          last->in = in;
          return;
        }
      if (run.in >= last->in && run.in - last->in == run.out - last->out)
        return;
    }
  g_array_append_val (text->runs, run);
}

TlText *
_tl_text_new_plain (const char *input,
                    gsize       length)
{
  TlText *text = g_new0 (TlText, 1);

  text->str = g_string_new_len (input, length);
  text->runs = g_array_new (FALSE, FALSE, sizeof (TlTextRun));
  text_add_run (text, 0);
  return text;
}

void
_tl_text_free (TlText *text)
{
  if (text == NULL)
    return;
  g_string_free (text->str, TRUE);
  g_array_unref (text->runs);
  g_free (text->title);
  g_free (text);
}

guint
_tl_text_map (const TlText *text,
              guint         out_offset)
{
  guint lo = 0, hi = text->runs->len;

  /* Find the last run starting at or before out_offset. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (text->runs, TlTextRun, mid).out <= out_offset)
        lo = mid;
      else
        hi = mid;
    }
  if (text->runs->len == 0)
    return out_offset;
  {
    const TlTextRun *run = &g_array_index (text->runs, TlTextRun, lo);
    return run->in + (out_offset - run->out);
  }
}

/* --- Unicode word boundaries ------------------------------------------- */

static gboolean
unichar_is_word (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '_';
}

gboolean
_tl_utf8_is_word_char_at (const char *text,
                          gsize       len,
                          gsize       offset)
{
  guchar b;

  if (offset >= len)
    return FALSE;
  b = (guchar) text[offset];
  if (b < 0x80)
    return g_ascii_isalnum (b) || b == '_';
  return unichar_is_word (g_utf8_get_char_validated (text + offset, len - offset));
}

gboolean
_tl_utf8_is_word_char_before (const char *text,
                              gsize       offset)
{
  const char *prev;
  guchar b;

  if (offset == 0)
    return FALSE;
  b = (guchar) text[offset - 1];
  if (b < 0x80)
    return g_ascii_isalnum (b) || b == '_';
  prev = g_utf8_find_prev_char (text, text + offset);
  if (prev == NULL)
    return FALSE;
  return unichar_is_word (g_utf8_get_char (prev));
}

/* --- HTML ---------------------------------------------------------------- */

typedef struct {
  const char *name;
  gunichar    c;
} NamedRef;

/* The references that occur in news feeds; the rest stay as typed. */
static const NamedRef named_refs[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
  { "apos", '\'' }, { "nbsp", 0x00A0 }, { "ndash", 0x2013 },
  { "mdash", 0x2014 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
  { "sbquo", 0x201A }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "bdquo", 0x201E }, { "hellip", 0x2026 }, { "laquo", 0x00AB },
  { "raquo", 0x00BB }, { "copy", 0x00A9 }, { "reg", 0x00AE },
  { "trade", 0x2122 }, { "euro", 0x20AC }, { "pound", 0x00A3 },
  { "yen", 0x00A5 }, { "cent", 0x00A2 }, { "deg", 0x00B0 },
  { "middot", 0x00B7 }, { "bull", 0x2022 }, { "times", 0x00D7 },
  { "shy", 0x00AD }, { "zwnj", 0x200C }, { "zwj", 0x200D },
  { "thinsp", 0x2009 }, { "ensp", 0x2002 }, { "emsp", 0x2003 },
  { "aacute", 0xE1 }, { "Aacute", 0xC1 }, { "eacute", 0xE9 },
  { "Eacute", 0xC9 }, { "iacute", 0xED }, { "oacute", 0xF3 },
  { "uacute", 0xFA }, { "agrave", 0xE0 }, { "egrave", 0xE8 },
  { "ograve", 0xF2 }, { "acirc", 0xE2 }, { "ecirc", 0xEA },
  { "ocirc", 0xF4 }, { "auml", 0xE4 }, { "Auml", 0xC4 },
  { "euml", 0xEB }, { "iuml", 0xEF }, { "ouml", 0xF6 }, { "Ouml", 0xD6 },
  { "uuml", 0xFC }, { "Uuml", 0xDC }, { "szlig", 0xDF },
  { "ccedil", 0xE7 }, { "Ccedil", 0xC7 }, { "ntilde", 0xF1 },
  { "Ntilde", 0xD1 }, { "atilde", 0xE3 }, { "otilde", 0xF5 },
  { "aring", 0xE5 }, { "Aring", 0xC5 }, { "oslash", 0xF8 },
  { "Oslash", 0xD8 }, { "aelig", 0xE6 }, { "scaron", 0x0161 },
  { "Scaron", 0x0160 }, { "zcaron", 0x017E },
};

static const char *const raw_text_tags[] = {
  "script", "style", "template", "noscript", "textarea", "svg", "math",
  "iframe", "object", "head-meta-unused",
};

static const char *const block_tags[] = {
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
  "dt", "dd", "tr", "table", "thead", "tbody", "tfoot", "section",
  "article", "header", "footer", "aside", "nav", "main", "blockquote",
  "pre", "hr", "figure", "figcaption", "caption", "address", "title",
  "details", "summary", "form", "fieldset", "legend", "body", "html",
};

typedef struct {
  const char *in;
  gsize       len;
  gsize       pos;
  TlText     *text;
  gboolean    pending_space;  /* collapsed white space not yet written */
  guint       space_in;       /* where that white space was */
  int         pre_depth;
  gboolean    in_title;
  gsize       title_start;
} HtmlParser;

static gboolean
text_ends_with_newline (TlText *text)
{
  return text->str->len == 0 || text->str->str[text->str->len - 1] == '\n';
}

static void
emit_break (HtmlParser *p,
            guint       in,
            guint       n_newlines)
{
  GString *s = p->text->str;
  guint have = 0;

  p->pending_space = FALSE;
  if (s->len == 0)
    return;
  while (have < s->len && s->str[s->len - 1 - have] == '\n')
    have++;
  while (have < n_newlines)
    {
      text_add_run (p->text, in);
      g_string_append_c (s, '\n');
      have++;
    }
}

static void
emit_bytes (HtmlParser *p,
            const char *bytes,
            gsize       n,
            guint       in)
{
  if (p->pending_space)
    {
      if (!text_ends_with_newline (p->text))
        {
          text_add_run (p->text, p->space_in);
          g_string_append_c (p->text->str, ' ');
        }
      p->pending_space = FALSE;
    }
  text_add_run (p->text, in);
  g_string_append_len (p->text->str, bytes, n);
}

static void
emit_unichar (HtmlParser *p,
              gunichar    c,
              guint       in)
{
  char buf[8];
  int n;

  /* Invisible characters that only split words are dropped. */
  if (c == 0x00AD || c == 0x200B || c == 0xFEFF)
    return;
  if (c == 0x00A0 || c == '\t' || c == '\n' || c == '\r' || c == ' ' ||
      c == '\f')
    {
      if (p->pre_depth > 0 && c == '\n')
        {
          text_add_run (p->text, in);
          g_string_append_c (p->text->str, '\n');
          return;
        }
      if (!p->pending_space)
        p->space_in = in;
      p->pending_space = TRUE;
      return;
    }
  if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c < 0x20)
    c = 0xFFFD;
  n = g_unichar_to_utf8 (c, buf);
  /* A decoded or replaced character can be longer than its source (one
   * control byte becomes a 3-byte U+FFFD): every byte maps to its start. */
  emit_bytes (p, buf, 1, in);
  for (int k = 1; k < n; k++)
    {
      text_add_run (p->text, in);
      g_string_append_c (p->text->str, buf[k]);
    }
}

static gboolean
tag_in (const char        *name,
        const char *const *list,
        gsize              n)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Parses a character reference at p->pos ('&'). Returns TRUE and advances
 * when it is one; otherwise leaves the '&' to be copied as text. */
static gboolean
parse_char_ref (HtmlParser *p)
{
  const char *s = p->in + p->pos + 1;
  gsize avail = p->len - p->pos - 1;
  gsize i = 0;
  gunichar c = 0;

  if (avail > 1 && s[0] == '#')
    {
      gboolean hex = (s[1] == 'x' || s[1] == 'X');
      gsize digits = 0;

      i = hex ? 2 : 1;
      while (i < avail && digits < 8 &&
             (hex ? g_ascii_isxdigit (s[i]) : g_ascii_isdigit (s[i])))
        {
          c = c * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (s[i]) : s[i] - '0');
          i++;
          digits++;
        }
      if (digits == 0)
        return FALSE;
      while (i < avail && g_ascii_isxdigit (s[i]))  /* absurdly long: eat */
        {
          c = 0xFFFD;
          i++;
        }
      if (i < avail && s[i] == ';')
        i++;
      /* Windows-1252 numbers that feeds emit for quotes and dashes. */
      if (c >= 0x80 && c <= 0x9F)
        {
          static const gunichar cp1252[32] = {
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
          };
          c = cp1252[c - 0x80];
        }
      emit_unichar (p, c, p->pos);
      p->pos += 1 + i;
      return TRUE;
    }

  while (i < avail && i < 10 && g_ascii_isalnum (s[i]))
    i++;
  if (i == 0)
    return FALSE;
  for (gsize k = 0; k < G_N_ELEMENTS (named_refs); k++)
    {
      if (strlen (named_refs[k].name) == i &&
          strncmp (named_refs[k].name, s, i) == 0)
        {
          emit_unichar (p, named_refs[k].c, p->pos);
          p->pos += 1 + i + ((i < avail && s[i] == ';') ? 1 : 0);
          return TRUE;
        }
    }
  return FALSE;
}

static gsize
find_ci (const char *hay,
         gsize       hay_len,
         gsize       from,
         const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = from; i + n <= hay_len; i++)
    if (g_ascii_strncasecmp (hay + i, needle, n) == 0)
      return i;
  return hay_len;
}

/* Parses a tag starting at p->pos ('<'). */
static void
parse_tag (HtmlParser *p)
{
  const char *in = p->in;
  gsize i = p->pos + 1;
  gboolean closing = FALSE;
  char name[16];
  gsize n = 0;
  char quote = 0;

  if (i + 2 < p->len && in[i] == '!' && in[i + 1] == '-' && in[i + 2] == '-')
    {
      gsize end = find_ci (in, p->len, i + 3, "-->");
      p->pos = end < p->len ? end + 3 : p->len;
      return;
    }
  if (i < p->len && (in[i] == '!' || in[i] == '?'))
    {
      const char *gt = memchr (in + i, '>', p->len - i);
      p->pos = gt ? (gsize) (gt - in) + 1 : p->len;
      return;
    }
  if (i < p->len && in[i] == '/')
    {
      closing = TRUE;
      i++;
    }
  if (i >= p->len || !g_ascii_isalpha (in[i]))
    {
      /* A lone '<' is text. */
      emit_unichar (p, '<', p->pos);
      p->pos++;
      return;
    }
  while (i < p->len && (g_ascii_isalnum (in[i]) || in[i] == '-' || in[i] == ':'))
    {
      if (n < sizeof name - 1)
        name[n++] = g_ascii_tolower (in[i]);
      i++;
    }
  name[n] = '\0';
  /* Skip attributes, honouring quotes. */
  while (i < p->len)
    {
      char c = in[i];
      if (quote)
        {
          if (c == quote)
            quote = 0;
        }
      else if (c == '"' || c == '\'')
        quote = c;
      else if (c == '>')
        break;
      i++;
    }
  p->pos = i < p->len ? i + 1 : p->len;

  if (!closing && tag_in (name, raw_text_tags, G_N_ELEMENTS (raw_text_tags)) &&
      !(i > 0 && in[i - 1] == '/'))
    {
      char end_tag[24];
      gsize end;

      g_snprintf (end_tag, sizeof end_tag, "</%s", name);
      end = find_ci (in, p->len, p->pos, end_tag);
      if (end < p->len)
        {
          const char *gt = memchr (in + end, '>', p->len - end);
          p->pos = gt ? (gsize) (gt - in) + 1 : p->len;
        }
      else
        p->pos = p->len;
      return;
    }

  if (strcmp (name, "br") == 0)
    emit_break (p, p->pos, 1);
  else if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
    {
      if (!p->pending_space)
        p->space_in = p->pos;
      p->pending_space = TRUE;
    }
  else if (tag_in (name, block_tags, G_N_ELEMENTS (block_tags)))
    {
      emit_break (p, p->pos, 2);
      if (strcmp (name, "pre") == 0)
        p->pre_depth = MAX (0, p->pre_depth + (closing ? -1 : 1));
      if (strcmp (name, "title") == 0)
        {
          if (!closing)
            {
              p->in_title = TRUE;
              p->title_start = p->text->str->len;
            }
          else if (p->in_title)
            {
              p->in_title = FALSE;
              g_free (p->text->title);
              p->text->title = g_strstrip (g_strndup (p->text->str->str + p->title_start,
                                                      p->text->str->len - p->title_start));
            }
        }
    }
}

TlText *
_tl_text_new_html (const char *input,
                   gsize       length)
{
  HtmlParser p = { input, length, 0, NULL, FALSE, 0, 0, FALSE, 0 };

  p.text = g_new0 (TlText, 1);
  p.text->str = g_string_sized_new (length / 2 + 16);
  p.text->runs = g_array_new (FALSE, FALSE, sizeof (TlTextRun));

  while (p.pos < p.len)
    {
      char c = input[p.pos];

      if (c == '<')
        parse_tag (&p);
      else if (c == '&' && parse_char_ref (&p))
        ;
      else if ((guchar) c < 0x80)
        {
          emit_unichar (&p, (guchar) c, p.pos);
          p.pos++;
        }
      else
        {
          /* Copy the whole run of non-ASCII bytes at once; input is valid UTF-8. */
          const char *next = g_utf8_next_char (input + p.pos);
          gunichar u = g_utf8_get_char (input + p.pos);
          gsize n = MIN ((gsize) (next - (input + p.pos)), p.len - p.pos);

          if (u == 0x00A0 || u == 0x00AD || u == 0x200B || u == 0xFEFF)
            emit_unichar (&p, u, p.pos);
          else
            emit_bytes (&p, input + p.pos, n, p.pos);
          p.pos += n;
        }
    }

  /* Trim trailing white space and line breaks. */
  while (p.text->str->len > 0 && p.text->str->str[p.text->str->len - 1] == '\n')
    g_string_truncate (p.text->str, p.text->str->len - 1);
  while (p.text->runs->len > 0 &&
         g_array_index (p.text->runs, TlTextRun, p.text->runs->len - 1).out >= p.text->str->len &&
         p.text->runs->len > 1)
    g_array_set_size (p.text->runs, p.text->runs->len - 1);
  if (p.text->runs->len == 0)
    text_add_run (p.text, 0);
  return p.text;
}
