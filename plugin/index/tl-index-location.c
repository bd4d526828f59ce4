/* tl-index-location.c — which store a location names, and how to print it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A location is a file path (the personal SQLite index) or a URL:
 * `sqlite:PATH` is the same file, `postgresql://…` (or `postgres://…`) a
 * team's index on PostgreSQL, in libpq's own URL form (host, port, dbname,
 * user, sslmode…). A password never belongs in it: libpq reads it from
 * ~/.pgpass (or PGPASSFILE), and every message shows a URL redacted.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-private.h"

#include <string.h>

static gboolean
has_prefix_nocase (const char *s,
                   const char *prefix)
{
  return g_ascii_strncasecmp (s, prefix, strlen (prefix)) == 0;
}

/* The scheme of @location ("postgresql", …), or NULL for a plain path. */
static char *
scheme_of (const char *location)
{
  const char *p = location;

  if (!g_ascii_isalpha (*p))
    return NULL;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  if (*p != ':' || p - location < 2)   /* "C:" or a path with a colon later */
    return NULL;
  return g_ascii_strdown (location, p - location);
}

/**
 * _tl_index_location_kind:
 * @location: a path or URL
 * @out_path: (out) (optional) (transfer full): the file, for SQLite
 * @error: return location for a #GError (%TL_INDEX_ERROR_INVALID)
 *
 * Returns: the kind of store, or %TL_INDEX_STORE_UNKNOWN with @error set
 */
TlIndexStoreKind
_tl_index_location_kind (const char  *location,
                         char       **out_path,
                         GError     **error)
{
  g_autofree char *scheme = scheme_of (location);
  g_autofree char *shown = NULL;

  if (scheme == NULL)
    {
      if (out_path)
        *out_path = g_strdup (location);
      return TL_INDEX_STORE_SQLITE;
    }
  if (strcmp (scheme, "postgresql") == 0 || strcmp (scheme, "postgres") == 0)
    return TL_INDEX_STORE_POSTGRESQL;
  if (strcmp (scheme, "sqlite") == 0 || strcmp (scheme, "file") == 0)
    {
      const char *path = location + strlen (scheme) + 1;
      if (g_str_has_prefix (path, "//"))
        path += 2;   /* sqlite:///home/… is /home/… */
      if (*path == '\0')
        {
          g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID,
                       "store “%s” names no file; use sqlite:PATH or --db PATH", location);
          return TL_INDEX_STORE_UNKNOWN;
        }
      if (out_path)
        *out_path = g_strdup (path);
      return TL_INDEX_STORE_SQLITE;
    }
  shown = tl_index_location_redact (location);
  g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID,
               "store “%s”: unknown kind “%s:”; use postgresql://HOST/DBNAME for a team's index, "
               "or --db PATH for your own", shown, scheme);
  return TL_INDEX_STORE_UNKNOWN;
}

/**
 * tl_index_location_has_password:
 * @location: a path or URL
 *
 * Returns: %TRUE when a URL carries a password (in its user part or as a
 *   `password` parameter)
 */
gboolean
tl_index_location_has_password (const char *location)
{
  g_autofree char *redacted = tl_index_location_redact (location);
  return g_strcmp0 (redacted, location) != 0;
}

/* Replaces the value of each `password=` parameter from @from on. */
static void
redact_params (GString *s,
               gsize    from)
{
  for (gsize i = from; i < s->len; i++)
    {
      if ((i == from || s->str[i - 1] == '?' || s->str[i - 1] == '&') &&
          has_prefix_nocase (s->str + i, "password="))
        {
          gsize v = i + strlen ("password="), end = v;
          while (end < s->len && s->str[end] != '&')
            end++;
          g_string_erase (s, v, end - v);
          g_string_insert (s, v, "***");
          i = v + 3;
        }
    }
}

/**
 * tl_index_location_redact:
 * @location: a path or URL
 *
 * Returns: (transfer full): @location with any password replaced by `***`,
 *   safe to print and log
 */
char *
tl_index_location_redact (const char *location)
{
  GString *s;
  const char *rest, *at, *colon, *slash;

  if (location == NULL)
    return NULL;
  /* Any URL: one of an unknown kind is shown in its error message. */
  if ((rest = strstr (location, "://")) == NULL)
    return g_strdup (location);
  s = g_string_new (location);
  rest += 3;
  slash = rest + strcspn (rest, "/?");
  /* user:password@host — the last @ before the path ends the user part. */
  at = NULL;
  for (const char *p = rest; p < slash; p++)
    if (*p == '@')
      at = p;
  if (at != NULL && (colon = memchr (rest, ':', at - rest)) != NULL && colon + 1 < at)
    {
      gsize start = colon + 1 - location;
      g_string_erase (s, start, at - colon - 1);
      g_string_insert (s, start, "***");
    }
  {
    const char *q = strchr (s->str, '?');
    if (q != NULL)
      redact_params (s, q + 1 - s->str);
  }
  return g_string_free (s, FALSE);
}
