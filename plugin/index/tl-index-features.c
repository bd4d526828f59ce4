/* tl-index-features.c — what the index derives from a story, without SQLite
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Story ids. A story given an id keeps it; otherwise its id is the first 96
 * bits (hex) of SHA-256 over its normalised URL, or over title and text when
 * it has no URL. The normalised URL is what two links to one page share:
 * host lowercased without "www.", no scheme, no fragment, no trailing
 * slash, and the query parameters that say which page it is, sorted. Only
 * parameters known to track the reader (campaign tags, click ids,
 * referrers) are dropped: many sites name their stories by query
 * (`?p=`, `?id=`, `?story=`), and dropping those merged different stories
 * into one (issue 10).
 *
 * What ingest stores and related coverage compares must be computed the
 * same way on both sides, so it lives here too: the stop words, the
 * story words (and their hashes), and the SimHash that finds copies of a
 * text.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-index-features.h"

#include <string.h>

/* Query keys that identify the reader or the campaign, never the page.
 * Compared without case; "utm_" is a prefix. */
static const char *const tracking_keys[] = {
  "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
  "igshid", "mc_cid", "mc_eid", "ref", "ref_src", "ref_url", "_ga", "_gl",
  "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "__s", "_hsenc", "_hsmi",
};

static gboolean
is_tracking_param (const char *param)
{
  gsize key_len = strcspn (param, "=");

  if (key_len == 0)
    return TRUE;   /* "&&" or "=x": says nothing about the page */
  if (g_ascii_strncasecmp (param, "utm_", 4) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (tracking_keys); i++)
    if (strlen (tracking_keys[i]) == key_len &&
        g_ascii_strncasecmp (param, tracking_keys[i], key_len) == 0)
      return TRUE;
  return FALSE;
}

static int
param_cmp (gconstpointer a,
           gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Host and path as both normalisations share them; NULL when @url is not a
 * URL (then it is used as it is). */
static GUri *
split_url (const char  *url,
           GUriFlags    flags,
           char       **host_path)
{
  GUri *uri = g_uri_parse (url, flags, NULL);
  g_autofree char *host = NULL, *path = NULL;
  gsize n;

  if (uri == NULL)
    return NULL;
  host = g_ascii_strdown (g_uri_get_host (uri) ? g_uri_get_host (uri) : "", -1);
  if (g_str_has_prefix (host, "www."))
    memmove (host, host + 4, strlen (host) - 3);
  path = g_strdup (g_uri_get_path (uri));
  while ((n = strlen (path)) > 1 && path[n - 1] == '/')
    path[n - 1] = '\0';
  *host_path = g_strconcat (host, path, NULL);
  return uri;
}

/**
 * _tl_index_normalize_url:
 * @url: (nullable): a link to a story
 *
 * Returns: (transfer full) (nullable): what two links to one page share,
 *   e.g. `example.org/a.php?id=7&p=2` for
 *   `https://www.example.org/a.php?p=2&utm_source=x&id=7#top`; %NULL for
 *   no URL
 */
char *
_tl_index_normalize_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *host_path = NULL;
  g_auto(GStrv) params = NULL;
  GString *out;
  const char *q;

  if (url == NULL || *url == '\0')
    return NULL;
  if ((uri = split_url (url, G_URI_FLAGS_ENCODED_QUERY, &host_path)) == NULL)
    return g_strdup (url);
  out = g_string_new (host_path);
  if ((q = g_uri_get_query (uri)) == NULL)
    return g_string_free (out, FALSE);
  /* Split the query as sent (still %-encoded): an encoded "&" inside a
   * value stays part of it. */
  params = g_strsplit_set (q, "&;", -1);
  kept = g_ptr_array_new ();
  for (char **p = params; *p; p++)
    if (!is_tracking_param (*p))
      g_ptr_array_add (kept, *p);
  g_ptr_array_sort (kept, param_cmp);
  for (guint i = 0; i < kept->len; i++)
    g_string_append_printf (out, "%c%s", i == 0 ? '?' : '&', (const char *) g_ptr_array_index (kept, i));
  return g_string_free (out, FALSE);
}

static char *
hash_id (const char *url_norm,
         const char *title,
         const char *text)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  if (url_norm != NULL)
    g_checksum_update (sum, (const guchar *) url_norm, -1);
  else
    {
      g_checksum_update (sum, (const guchar *) (title ? title : ""), -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
      g_checksum_update (sum, (const guchar *) (text ? text : ""), -1);
    }
  return g_strndup (g_checksum_get_string (sum), 24);
}

/**
 * _tl_index_derive_id:
 * @url: (nullable): the story's link
 * @title: (nullable): its title
 * @text: (nullable): its text
 *
 * Returns: (transfer full): the id of a story that was given none
 */
char *
_tl_index_derive_id (const char *url,
                     const char *title,
                     const char *text)
{
  g_autofree char *norm = _tl_index_normalize_url (url);
  return hash_id (norm, title, text);
}

/* Schema 1 kept host and path, and only a bare "?" when any parameter other
 * than utm_*, fbclid*, gclid* was there: so every "?id=N" of a page was
 * one story. Kept exactly, to recognise the ids it gave. */
char *
_tl_index_normalize_url_v1 (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host_path = NULL;
  gboolean marker = FALSE;
  const char *q;

  if (url == NULL || *url == '\0')
    return NULL;
  /* Schema 1 parsed with G_URI_FLAGS_NONE (so the query came decoded); a
   * URL that did not parse was used as it is. */
  if ((uri = split_url (url, G_URI_FLAGS_NONE, &host_path)) == NULL)
    return g_strdup (url);
  if ((q = g_uri_get_query (uri)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (q, "&", -1);
      for (char **p = parts; *p; p++)
        if (!g_str_has_prefix (*p, "utm_") && !g_str_has_prefix (*p, "fbclid") &&
            !g_str_has_prefix (*p, "gclid"))
          marker = TRUE;
    }
  return g_strconcat (host_path, marker ? "?" : "", NULL);
}

char *
_tl_index_derive_id_v1 (const char *url,
                        const char *title,
                        const char *text)
{
  g_autofree char *norm = _tl_index_normalize_url_v1 (url);
  return hash_id (norm, title, text);
}

/* --- Story words -------------------------------------------------------------- */

/* Sorted (strcmp order). A word is looked up by its FNV-1a hash, which the
 * tokenizer computes as it reads the word anyway: bisection over integers,
 * then one strcmp to confirm (the lookup runs for every word of every
 * candidate of every related query). */
static const char *const stopwords[] = {
  "about", "according", "after", "all", "also", "and", "any", "are", "been", "before",
  "but", "can", "could", "for", "friday", "from", "had", "has", "have", "her", "his",
  "how", "into", "its", "may", "monday", "month", "more", "most", "new", "not", "one",
  "other", "our", "out", "over", "per", "said", "saturday", "says", "should", "some",
  "such", "sunday", "than", "that", "the", "their", "them", "then", "there", "they",
  "this", "thursday", "told", "tuesday", "two", "via", "was", "wednesday", "week",
  "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
  "with", "would", "year", "years", "you", "your",
};

#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

typedef struct {
  guint64      hash;
  const char  *word;
} StopHash;

static StopHash stop_hashes[G_N_ELEMENTS (stopwords)];

static int
stop_hash_cmp (const void *a,
               const void *b)
{
  guint64 x = ((const StopHash *) a)->hash, y = ((const StopHash *) b)->hash;
  return (x > y) - (x < y);
}

static const StopHash *
stop_hashes_get (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (stopwords); i++)
        stop_hashes[i] = (StopHash) { _tl_index_word_hash (stopwords[i]), stopwords[i] };
      qsort (stop_hashes, G_N_ELEMENTS (stop_hashes), sizeof *stop_hashes, stop_hash_cmp);
      g_once_init_leave (&done, 1);
    }
  return stop_hashes;
}

static gboolean
is_stopword (const char *w,
             guint64     h)
{
  const StopHash *t = stop_hashes_get ();
  gsize lo = 0, hi = G_N_ELEMENTS (stopwords);

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;
      if (t[mid].hash == h)
        return strcmp (w, t[mid].word) == 0;
      if (t[mid].hash > h)
        hi = mid;
      else
        lo = mid + 1;
    }
  return FALSE;
}

typedef void (*WordFunc) (const char *word,
                          guint64     hash,
                          gpointer    data);

/* The story words with their _tl_index_word_hash(). */
static void
each_word (const char *title,
           const char *text,
           WordFunc    func,
           gpointer    data)
{
  const char *parts[2] = { title ? title : "", text ? text : "" };

  for (guint k = 0; k < 2; k++)
    {
      const char *p = parts[k];
      gsize len = k == 0 ? strlen (p) : strnlen (p, TL_INDEX_STORY_WORD_BYTES);
      gsize i = 0;

      while (i < len)
        {
          char w[40];
          gsize n = 0, start;
          guint64 h = FNV_BASIS;

          while (i < len && !g_ascii_isalnum (p[i]))
            i++;
          start = i;
          while (i < len && g_ascii_isalnum (p[i]))
            {
              if (n < sizeof w - 1)
                {
                  char c = p[i] >= 'A' && p[i] <= 'Z' ? p[i] + ('a' - 'A') : p[i];
                  w[n++] = c;
                  h = (h ^ (guchar) c) * FNV_PRIME;
                }
              i++;
            }
          w[n] = '\0';
          if (i - start >= 3 && i - start < sizeof w - 1 && !is_stopword (w, h))
            func (w, h, data);
        }
    }
}

typedef struct {
  void    (*func) (const char *word, gpointer data);
  gpointer  data;
} EachWord;

static void
each_word_string (const char *word,
                  guint64     hash,
                  gpointer    data)
{
  EachWord *e = data;
  e->func (word, e->data);
}

/* Calls @func for each content word (ASCII letters and digits, at least three,
 * lowercase, no stop words) of @title and the first
 * TL_INDEX_STORY_WORD_BYTES bytes of @text: what ingest counts (the terms
 * table) and related coverage compares. Feed items are short; of a long
 * article, its start says which event it reports. */
void
_tl_index_foreach_story_word (const char *title,
                              const char *text,
                              void      (*func) (const char *word, gpointer data),
                              gpointer    data)
{
  EachWord e = { func, data };
  each_word (title, text, each_word_string, &e);
}

/* --- SimHash over word trigrams ------------------------------------------ */

static guint64
fnv1a (const char *s,
       gsize       n,
       guint64     h)
{
  for (gsize i = 0; i < n; i++)
    {
      h ^= (guchar) s[i];
      h *= 0x100000001b3ULL;
    }
  return h;
}

guint64
_tl_simhash (const char *text,
             gsize       len)
{
  gint v[64] = { 0 };
  guint64 words[3] = { 0 };
  guint n_words = 0;
  gsize i = 0;
  guint64 out = 0;

  while (i < len)
    {
      guint64 h = 0xcbf29ce484222325ULL;
      gsize start;

      while (i < len && !(g_ascii_isalnum (text[i]) || (guchar) text[i] >= 0x80))
        i++;
      if (i >= len)
        break;
      start = i;
      while (i < len && (g_ascii_isalnum (text[i]) || (guchar) text[i] >= 0x80))
        {
          char c = g_ascii_tolower (text[i]);
          h = fnv1a (&c, 1, h);
          i++;
        }
      if (i - start < 2)
        continue;
      words[0] = words[1];
      words[1] = words[2];
      words[2] = h;
      if (++n_words >= 3)
        {
          guint64 sh = words[0] * 31 + words[1] * 17 + words[2];
          sh ^= sh >> 33;
          sh *= 0xff51afd7ed558ccdULL;
          sh ^= sh >> 33;
          for (guint b = 0; b < 64; b++)
            v[b] += (sh >> b) & 1 ? 1 : -1;
        }
    }
  for (guint b = 0; b < 64; b++)
    if (v[b] > 0)
      out |= 1ULL << b;
  return out;
}

guint
_tl_index_hamming (guint64 a,
                   guint64 b)
{
  return (guint) __builtin_popcountll (a ^ b);
}

guint64
_tl_index_word_hash (const char *word)
{
  guint64 h = FNV_BASIS;

  for (const char *p = word; *p; p++)
    h = (h ^ (guchar) *p) * FNV_PRIME;
  return h;
}

/* --- Matching a candidate's story words against the target's ----------- */

/* Open addressing on the 64-bit hash (0 marks a free slot; a word hashing
 * to 0 is kept aside). A slot of the candidate's set counts as free unless
 * it carries the current candidate's stamp, so the set is reused without
 * clearing it. */
typedef struct {
  guint64 hash;
  guint   value;   /* target: the word's index; candidate: the stamp */
} Slot;

struct _TlWordMatcher {
  Slot   *target;
  guint   target_mask;
  int     target_zero;   /* index of a target word hashing to 0, or -1 */
  Slot   *seen;
  guint   seen_mask;
  guint   seen_len;
  guint   stamp;
  gboolean seen_zero;
  GArray *hits;          /* while matching one candidate */
};

static guint
slot_of (guint64 h,
         guint   mask)
{
  return (guint) ((h ^ (h >> 29)) * 0x9e3779b97f4a7c15ULL >> 32) & mask;
}

TlWordMatcher *
_tl_word_matcher_new (const guint64 *hashes,
                      guint          n)
{
  TlWordMatcher *m = g_new0 (TlWordMatcher, 1);
  guint cap = 16;

  while (cap < 2 * n)
    cap *= 2;
  m->target = g_new0 (Slot, cap);
  m->target_mask = cap - 1;
  m->target_zero = -1;
  for (guint i = 0; i < n; i++)
    {
      guint k;
      if (hashes[i] == 0)
        {
          if (m->target_zero < 0)
            m->target_zero = (int) i;
          continue;
        }
      for (k = slot_of (hashes[i], m->target_mask); m->target[k].hash != 0; k = (k + 1) & m->target_mask)
        if (m->target[k].hash == hashes[i])
          break;
      if (m->target[k].hash == 0)   /* of two words with one hash, the first (as a merge would) */
        m->target[k] = (Slot) { hashes[i], i };
    }
  m->seen_mask = 1023;
  m->seen = g_new0 (Slot, m->seen_mask + 1);
  return m;
}

void
_tl_word_matcher_free (TlWordMatcher *m)
{
  if (m == NULL)
    return;
  g_free (m->target);
  g_free (m->seen);
  g_free (m);
}

static int
target_index (const TlWordMatcher *m,
              guint64              h)
{
  if (h == 0)
    return m->target_zero;
  for (guint k = slot_of (h, m->target_mask); m->target[k].hash != 0; k = (k + 1) & m->target_mask)
    if (m->target[k].hash == h)
      return (int) m->target[k].value;
  return -1;
}

static void
seen_grow (TlWordMatcher *m)
{
  guint old_cap = m->seen_mask + 1, cap = old_cap * 2;
  Slot *old = m->seen;

  m->seen = g_new0 (Slot, cap);
  m->seen_mask = cap - 1;
  for (guint j = 0; j < old_cap; j++)
    if (old[j].value == m->stamp && old[j].hash != 0)
      {
        guint k = slot_of (old[j].hash, m->seen_mask);
        while (m->seen[k].value == m->stamp)
          k = (k + 1) & m->seen_mask;
        m->seen[k] = old[j];
      }
  g_free (old);
}

/* Adds a word to the candidate's set; TRUE when it is new there. */
static gboolean
seen_add (TlWordMatcher *m,
          guint64        h)
{
  guint k;

  if (h == 0)
    {
      gboolean was = m->seen_zero;
      m->seen_zero = TRUE;
      return !was;
    }
  for (k = slot_of (h, m->seen_mask); m->seen[k].value == m->stamp; k = (k + 1) & m->seen_mask)
    if (m->seen[k].hash == h)
      return FALSE;
  m->seen[k] = (Slot) { h, m->stamp };
  if (++m->seen_len * 2 > m->seen_mask + 1)
    seen_grow (m);
  return TRUE;
}

static void
match_word (const char *word,
            guint64     hash,
            gpointer    data)
{
  TlWordMatcher *m = data;
  int i;

  if (!seen_add (m, hash))
    return;
  i = target_index (m, hash);
  if (i >= 0)
    {
      guint u = (guint) i;
      g_array_append_val (m->hits, u);
    }
}

static int
uint_cmp (gconstpointer a,
          gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return (x > y) - (x < y);
}

/* A candidate's story words: how many distinct ones it has (the return
 * value), and into @hits the indices of the target's words it has too,
 * ascending (the target's words in the order of their hashes: the same
 * words, in the same order, as merging both sorted hash lists). */
guint
_tl_word_matcher_match (TlWordMatcher *m,
                        const char    *title,
                        const char    *text,
                        GArray        *hits)
{
  if (++m->stamp == 0)
    {
      memset (m->seen, 0, (m->seen_mask + 1) * sizeof (Slot));
      m->stamp = 1;
    }
  m->seen_len = 0;
  m->seen_zero = FALSE;
  m->hits = hits;
  each_word (title, text, match_word, m);
  m->hits = NULL;
  g_array_sort (hits, uint_cmp);
  return m->seen_len + (m->seen_zero ? 1 : 0);
}

/* --- Search queries --------------------------------------------------------- */

static gboolean
has_word_char (const char *s,
               gsize       n)
{
  for (const char *p = s; p < s + n; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
append_phrase (GString    *out,
               GPtrArray  *phrases,
               const char *s,
               gsize       n)
{
  if (n == 0 || !has_word_char (s, n))
    return;   /* "&", "-": nothing FTS5 would index */
  if (phrases)
    g_ptr_array_add (phrases, g_strndup (s, n));
  if (out->len)
    g_string_append_c (out, ' ');
  g_string_append_c (out, '"');
  for (gsize i = 0; i < n; i++)
    {
      if (s[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, s[i]);
    }
  g_string_append_c (out, '"');
}

/**
 * _tl_index_search_match:
 * @query: what the user typed, UTF-8
 * @phrases: (out) (optional) (transfer full): the phrases of the match, in
 *   its order (a store's phrase i is phrases[i]); %NULL when it returns %NULL
 *
 * `T-Mobile`, `AT&T` and `CVE-2023-20198` are names, not FTS5 expressions
 * (`-` would be a column filter, `&` a syntax error): each whitespace-
 * separated word, and each "double-quoted phrase", becomes one quoted FTS5
 * phrase, and a story must match them all. AND, OR, NOT, NEAR and `*`
 * lose their meaning here; tl_index_search_syntax() offers them.
 *
 * Returns: (transfer full) (nullable): the MATCH expression, %NULL when
 *   @query holds no word
 */
char *
_tl_index_search_match (const char  *query,
                        GPtrArray  **phrases)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) list = phrases ? g_ptr_array_new_with_free_func (g_free) : NULL;
  const char *p = query ? query : "";

  while (*p)
    {
      const char *start;

      while (*p && g_ascii_isspace (*p))
        p++;
      if (*p == '"')
        {
          start = ++p;
          while (*p && *p != '"')
            p++;
          append_phrase (out, list, start, p - start);
          if (*p == '"')
            p++;
          continue;
        }
      start = p;
      while (*p && !g_ascii_isspace (*p) && *p != '"')
        p++;
      append_phrase (out, list, start, p - start);
    }
  if (phrases)
    *phrases = out->len ? g_steal_pointer (&list) : NULL;
  return g_string_free (out, out->len == 0);
}

/* --- Search snippets ---------------------------------------------------------- */

/* A character of a token as FTS5's unicode61 tokenizer reads them
 * (letters, numbers, private use). */
static gboolean
is_token_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * _tl_index_snippet:
 * @text: a story's text, UTF-8
 * @first: the token (counted from 0, as FTS5 counts them) of the first
 *   match, or -1 when the text has none
 * @n: how many tokens to show
 *
 * What the search shows of a story: @n tokens of its text from a few
 * before @first, with the text between them as it is, and "…" where text
 * is left out at either end. Read from the text alone, so the search
 * needs no second full-text look-up per result.
 *
 * Returns: (transfer full): the snippet ("" for a text with no token)
 */
char *
_tl_index_snippet (const char *text,
                   gint64      first,
                   guint       n)
{
  gint64 from = first > 4 ? first - 4 : 0, tok = -1;
  const char *p = text ? text : "", *start = NULL, *end = NULL;
  gboolean in = FALSE, more = FALSE;
  GString *out;

  while (*p)
    {
      const char *next;
      gunichar c = g_utf8_get_char_validated (p, -1);
      gboolean word = c != (gunichar) -1 && c != (gunichar) -2 && is_token_char (c);

      next = word || (c != (gunichar) -1 && c != (gunichar) -2) ? g_utf8_next_char (p) : p + 1;
      if (word && !in)
        {
          tok++;
          if (tok == from)
            start = p;
          else if (tok >= from + (gint64) n)
            {
              more = TRUE;
              break;
            }
        }
      in = word;
      if (word && tok >= from)
        end = next;
      p = next;
    }
  if (start == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  if (from > 0)
    g_string_append (out, "…");
  g_string_append_len (out, start, end - start);
  if (more)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}
