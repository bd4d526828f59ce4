/* tl-index-token.c — the bearer token every request to the index carries
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every account on the machine can reach 127.0.0.1, so the index answers
 * only requests that carry the token from a file only this user can read
 * (DESIGN.md). `telelens serve` creates it: 256 bits from the kernel's
 * generator (getrandom), as 64 hex digits, in a 0600 file in a 0700 folder.
 * The client and the plugin read the same file.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-index-token.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/**
 * tl_index_token_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/telelens/token`
 */
char *
tl_index_token_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "telelens", "token", NULL);
}

static gboolean
random_bytes (guint8  *buf,
              gsize    len,
              GError **error)
{
  gsize got = 0;

  while (got < len)
    {
      ssize_t n = getrandom (buf + got, len - got, 0);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "cannot get random bytes from the system for a token: %s", g_strerror (saved));
          return FALSE;
        }
      got += (gsize) n;
    }
  return TRUE;
}

/* Creates @path with a new token; FALSE with *exists when another process
 * made it first. */
static char *
create_token (const char  *path,
              gboolean    *exists,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  guint8 raw[TL_INDEX_TOKEN_BYTES];
  GString *token = g_string_sized_new (2 * sizeof raw + 1);
  int fd, saved;

  *exists = FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot create folder %s for the token: %s", dir, g_strerror (saved));
      g_string_free (token, TRUE);
      return NULL;
    }
  if (!random_bytes (raw, sizeof raw, error))
    {
      g_string_free (token, TRUE);
      return NULL;
    }
  for (gsize i = 0; i < sizeof raw; i++)
    g_string_append_printf (token, "%02x", raw[i]);
  memset (raw, 0, sizeof raw);
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST)
    {
      *exists = TRUE;
      g_string_free (token, TRUE);
      return NULL;
    }
  if (fd < 0 || write (fd, token->str, token->len) != (gssize) token->len || fsync (fd) != 0)
    {
      saved = errno;
      if (fd >= 0)
        {
          close (fd);
          g_unlink (path);
        }
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot write token file %s: %s", path, g_strerror (saved));
      g_string_free (token, TRUE);
      return NULL;
    }
  close (fd);
  return g_string_free (token, FALSE);
}

/**
 * tl_index_token_load:
 * @path: the token file
 * @create: make a new token when there is none (what `serve` does)
 * @error: return location for a #GError
 *
 * A token file that other users can read is refused: the token would be
 * theirs too.
 *
 * Returns: (transfer full) (nullable): the token
 */
char *
tl_index_token_load (const char  *path,
                     gboolean     create,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      gboolean exists = FALSE;
      char *token;

      if (errno != ENOENT || !create)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "token file %s: %s%s", path, g_strerror (saved),
                       saved == ENOENT ? "; start “telelens serve” once to create it" : "");
          return NULL;
        }
      if ((token = create_token (path, &exists, error)) != NULL || !exists)
        return token;
      if (g_stat (path, &st) != 0)   /* made by another serve a moment ago */
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "token file %s: %s", path, g_strerror (saved));
          return NULL;
        }
    }
  if ((st.st_mode & 077) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   "token file %s can be read by other users; run: chmod 600 %s", path, path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  g_strstrip (contents);
  for (const char *c = contents; *c; c++)
    if (!g_ascii_isgraph (*c))
      {
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                     "token file %s holds spaces or control characters; "
                     "delete it and restart “telelens serve” to make a new one", path);
        return NULL;
      }
  if (strlen (contents) < 16)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "token file %s holds no usable token (at least 16 characters); "
                   "delete it and restart “telelens serve” to make a new one", path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/**
 * tl_index_token_equal:
 * @expected: the service's token
 * @given: (nullable): what a request carried
 *
 * Compares in time that depends on neither the contents nor the length
 * of @given: both are hashed, and the digests compared byte by byte
 * without stopping at the first difference.
 *
 * Returns: %TRUE if they are the same
 */
gboolean
tl_index_token_equal (const char *expected,
                      const char *given)
{
  g_autoptr(GChecksum) a = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) b = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 da[32], db[32];
  gsize la = sizeof da, lb = sizeof db;
  guint8 diff = 0;

  if (expected == NULL || given == NULL)
    return FALSE;
  g_checksum_update (a, (const guchar *) expected, -1);
  g_checksum_update (b, (const guchar *) given, -1);
  g_checksum_get_digest (a, da, &la);
  g_checksum_get_digest (b, db, &lb);
  for (gsize i = 0; i < sizeof da; i++)
    diff |= da[i] ^ db[i];
  return diff == 0;
}
