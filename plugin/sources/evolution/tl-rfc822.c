/* tl-rfc822.c — one article Evolution cached from a feed, read as a message
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Evolution 3.46 keeps each article of News and Blogs as an RFC 822 message
 * (headers Subject, From, Date, X-RSS-Feed; a text/html body that starts
 * <h4><a href="LINK">TITLE</a></h4>). The files are untrusted input: any
 * size, any bytes. Headers are unfolded, encoded words (RFC 2047, B and Q)
 * decoded, the body decoded from base64 or quoted-printable and converted
 * to UTF-8; anything that cannot be read is an error, never a crash.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-evolution-source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARTICLE (8 * 1024 * 1024)

static char *
to_utf8 (const char *data,
         gssize      len,
         const char *charset)
{
  if (charset == NULL || g_ascii_strcasecmp (charset, "utf-8") == 0 || g_ascii_strcasecmp (charset, "us-ascii") == 0)
    return g_utf8_make_valid (data, len);
  {
    g_autofree char *out = g_convert_with_fallback (data, len, "UTF-8", charset, "?", NULL, NULL, NULL);
    return out ? g_utf8_make_valid (out, -1) : g_utf8_make_valid (data, len);
  }
}

static GBytes *
decode_qp (const char *s,
           gsize       len,
           gboolean    header)
{
  GByteArray *out = g_byte_array_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = (guint8) s[i];
      if (c == '=' && i + 2 < len && g_ascii_isxdigit (s[i + 1]) && g_ascii_isxdigit (s[i + 2]))
        {
          c = (guint8) (g_ascii_xdigit_value (s[i + 1]) * 16 + g_ascii_xdigit_value (s[i + 2]));
          i += 2;
        }
      else if (c == '=' && !header && i + 1 < len && (s[i + 1] == '\n' || s[i + 1] == '\r'))
        {
          /* A soft line break. */
          i++;
          if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
            i++;
          continue;
        }
      else if (c == '_' && header)
        c = ' ';
      g_byte_array_append (out, &c, 1);
    }
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
decode_base64 (const char *s,
               gsize       len)
{
  g_autofree char *copy = g_strndup (s, len);
  gsize n = 0;
  guchar *raw = g_base64_decode (copy, &n);   /* skips what is not base64 */
  return g_bytes_new_take (raw, n);
}

/* "=?charset?B|Q?text?=" words, anywhere in a header. */
static char *
decode_header (const char *value)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = value;
  gboolean last_was_word = FALSE;

  while (*p)
    {
      const char *start = strstr (p, "=?");
      const char *q1, *q2, *end;
      if (start == NULL)
        {
          g_string_append (out, p);
          break;
        }
      q1 = strchr (start + 2, '?');
      q2 = q1 ? strchr (q1 + 1, '?') : NULL;
      end = q2 ? strstr (q2 + 1, "?=") : NULL;
      if (end == NULL || q2 != q1 + 2)
        {
          g_string_append_len (out, p, start + 2 - p);
          p = start + 2;
          last_was_word = FALSE;
          continue;
        }
      {
        /* Whitespace between two encoded words is not part of the text. */
        gboolean blank = TRUE;
        for (const char *b = p; b < start; b++)
          blank = blank && g_ascii_isspace (*b);
        if (!(last_was_word && blank))
          g_string_append_len (out, p, start - p);
      }
      {
        g_autofree char *charset = g_strndup (start + 2, q1 - start - 2);
        char enc = g_ascii_toupper (q1[1]);
        g_autoptr(GBytes) raw = enc == 'B' ? decode_base64 (q2 + 1, end - q2 - 1)
                                           : decode_qp (q2 + 1, end - q2 - 1, TRUE);
        gsize n;
        const char *data = g_bytes_get_data (raw, &n);
        char *star = strchr (charset, '*');   /* RFC 2231 language */
        g_autofree char *text = NULL;
        if (star)
          *star = '\0';
        text = to_utf8 (data ? data : "", n, charset);
        g_string_append (out, text);
      }
      p = end + 2;
      last_was_word = TRUE;
    }
  return g_utf8_make_valid (out->str, -1);
}

/* "Tue, 03 Mar 2026 09:00:00 +0000" (weekday and seconds optional). */
static gint64
parse_date (const char *value)
{
  static const char *months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec" };
  g_auto(GStrv) tok = NULL;
  int day, month = -1, year, h = 0, m = 0, s = 0, i = 0, offset = 0;
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *v = g_strdup (value);

  g_strdelimit (v, ",", ' ');
  tok = g_strsplit_set (g_strstrip (v), " \t", -1);
  /* Drop empty tokens and the weekday. */
  {
    guint w = 0;
    for (guint r = 0; tok[r]; r++)
      if (*tok[r])
        tok[w++] = tok[r];
      else
        g_free (tok[r]);
    tok[w] = NULL;
  }
  if (tok[0] && g_ascii_isalpha (tok[0][0]))
    i = 1;
  if (g_strv_length (tok) < (guint) i + 4)
    return TL_INDEX_NO_DATE;
  day = atoi (tok[i]);
  for (int k = 0; k < 12; k++)
    if (g_ascii_strncasecmp (tok[i + 1], months[k], 3) == 0)
      month = k + 1;
  year = atoi (tok[i + 2]);
  if (year < 100)
    year += year < 50 ? 2000 : 1900;
  if (sscanf (tok[i + 3], "%d:%d:%d", &h, &m, &s) < 2)
    return TL_INDEX_NO_DATE;
  if (tok[i + 4] && (tok[i + 4][0] == '+' || tok[i + 4][0] == '-') && strlen (tok[i + 4]) == 5)
    {
      int z = atoi (tok[i + 4] + 1);
      offset = (z / 100 * 60 + z % 100) * 60 * (tok[i + 4][0] == '-' ? -1 : 1);
    }
  if (month < 0 || day < 1 || day > 31 || year < 1970 || year > 9999 || h > 23 || m > 59 || s > 60)
    return TL_INDEX_NO_DATE;
  dt = g_date_time_new (utc, year, month, day, h, m, MIN (s, 59));
  return dt ? g_date_time_to_unix (dt) - offset : TL_INDEX_NO_DATE;
}

/* A parameter of a Content-Type value: charset="utf-8". */
static char *
param (const char *value,
       const char *name)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);
  g_autofree char *key = g_strconcat (name, "=", NULL);
  const char *at = strstr (lower, key);
  const char *p;
  gsize n = 0;

  if (at == NULL)
    return NULL;
  p = value + (at - lower) + strlen (key);
  if (*p == '"')
    p++;
  while (p[n] && p[n] != '"' && p[n] != ';' && !g_ascii_isspace (p[n]))
    n++;
  return n ? g_strndup (p, n) : NULL;
}

static char *
first_link (const char *html)
{
  g_autoptr(GRegex) re = g_regex_new ("<h4[^>]*>\\s*<a\\s[^>]*href=\"([^\"]{1,2000})\"", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) s = NULL;
  g_autofree char *href = NULL;

  if (!g_regex_match (re, html, 0, &match))
    return NULL;
  href = g_match_info_fetch (match, 1);
  s = g_string_new (href);
  g_string_replace (s, "&quot;", "\"", 0);
  g_string_replace (s, "&#39;", "'", 0);
  g_string_replace (s, "&amp;", "&", 0);
  if (!g_str_has_prefix (s->str, "http://") && !g_str_has_prefix (s->str, "https://"))
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * tl_rss_article_parse:
 * @data: the file's bytes
 * @len: their length
 * @article: (out caller-allocates): filled; free with tl_rss_article_clear()
 *
 * Returns: %FALSE (with @error, TL_INDEX_ERROR_FOREIGN) when @data is not
 *   a message with a body
 */
gboolean
tl_rss_article_parse (const char    *data,
                      gsize          len,
                      TlRssArticle  *article,
                      GError       **error)
{
  g_autoptr(GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *last = NULL;
  g_autofree char *charset = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *p = data, *end = data + len, *cte, *ctype;
  gboolean blank = FALSE;

  memset (article, 0, sizeof *article);
  article->published = TL_INDEX_NO_DATE;
  if (len > MAX_ARTICLE)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN, "larger than %d bytes", MAX_ARTICLE);
      return FALSE;
    }
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *le = nl ? nl : end;
      gsize n = le - p;
      if (n && p[n - 1] == '\r')
        n--;
      if (n == 0)
        {
          p = nl ? nl + 1 : end;
          blank = TRUE;
          break;
        }
      if ((*p == ' ' || *p == '\t') && last)
        {
          /* A folded line continues the last header. */
          g_autofree char *more = g_strndup (p, n);
          char *old = g_hash_table_lookup (headers, last);
          g_hash_table_insert (headers, g_strdup (last), g_strconcat (old ? old : "", " ", g_strstrip (more), NULL));
        }
      else
        {
          const char *colon = memchr (p, ':', n);
          if (colon == NULL)
            break;
          g_free (last);
          last = g_ascii_strdown (p, colon - p);
          g_hash_table_insert (headers, g_strdup (last), g_strstrip (g_strndup (colon + 1, n - (colon + 1 - p))));
        }
      p = nl ? nl + 1 : end;
    }
  if (!blank || g_hash_table_size (headers) == 0)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN, "not a message (no headers, or no body)");
      return FALSE;
    }
  ctype = g_hash_table_lookup (headers, "content-type");
  if (ctype && g_ascii_strncasecmp (ctype, "text/", 5) != 0)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN, "not a text article (%s)", ctype);
      return FALSE;
    }
  charset = ctype ? param (ctype, "charset") : NULL;
  cte = g_hash_table_lookup (headers, "content-transfer-encoding");
  if (cte && g_ascii_strcasecmp (cte, "base64") == 0)
    body = decode_base64 (p, end - p);
  else if (cte && g_ascii_strcasecmp (cte, "quoted-printable") == 0)
    body = decode_qp (p, end - p, FALSE);
  else
    body = g_bytes_new (p, end - p);
  {
    gsize n;
    const char *b = g_bytes_get_data (body, &n);
    /* The index reads HTML or plain text alike. */
    article->html = to_utf8 (b ? b : "", n, charset);
  }
  if (g_hash_table_lookup (headers, "subject"))
    article->title = decode_header (g_hash_table_lookup (headers, "subject"));
  if (g_hash_table_lookup (headers, "from"))
    article->author = decode_header (g_hash_table_lookup (headers, "from"));
  if (g_hash_table_lookup (headers, "date"))
    article->published = parse_date (g_hash_table_lookup (headers, "date"));
  article->link = first_link (article->html);
  return TRUE;
}

void
tl_rss_article_clear (TlRssArticle *article)
{
  g_clear_pointer (&article->title, g_free);
  g_clear_pointer (&article->author, g_free);
  g_clear_pointer (&article->html, g_free);
  g_clear_pointer (&article->link, g_free);
}
