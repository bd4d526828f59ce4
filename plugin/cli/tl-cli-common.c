/* tl-cli-common.c — what the subcommands share
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
tl_cli_fail (const char *fmt,
             ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  /* One line, always. */
  for (char *p = msg; *p; p++)
    if (*p == '\n')
      *p = ' ';
  fprintf (stderr, "telelens: %s\n", msg);
}

TlKnowledgeBase *
tl_cli_load_kb (const char *watch_list,
                gboolean    no_watch_list)
{
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(GError) error = NULL;

  if (!tl_knowledge_base_load_bundled (kb, &error))
    {
      tl_cli_fail ("cannot load the bundled knowledge base: %s", error->message);
      return NULL;
    }
  /* The default watch list may be absent; one the user names must be there. */
  if (!no_watch_list && watch_list != NULL && !g_file_test (watch_list, G_FILE_TEST_IS_REGULAR))
    {
      tl_cli_fail ("watch list %s %s; check the path, or pass --no-watch-list", watch_list,
                   g_file_test (watch_list, G_FILE_TEST_IS_DIR) ? "is a folder, not a file" : "does not exist");
      return NULL;
    }
  if (!no_watch_list && !tl_knowledge_base_load_watch_list (kb, watch_list, &error))
    {
      tl_cli_fail ("watch list %s; fix it or pass --no-watch-list", error->message);
      return NULL;
    }
  return g_steal_pointer (&kb);
}

/* Reads a file or standard input ("-"), bounded so that a huge input cannot
 * exhaust memory before the analyzer refuses it. */
gboolean
tl_cli_read_input (const char  *path,
                   char       **contents,
                   gsize       *length,
                   GError     **error)
{
  const gsize limit = TL_ANALYZER_MAX_INPUT + 1;
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  FILE *f;
  gboolean is_stdin = path == NULL || strcmp (path, "-") == 0;
  guint8 chunk[65536];
  size_t n;

  if (is_stdin)
    f = stdin;
  else if ((f = fopen (path, "rb")) == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot read %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  while ((n = fread (chunk, 1, sizeof chunk, f)) > 0)
    {
      g_byte_array_append (buf, chunk, n);
      if (buf->len > limit)
        {
          if (!is_stdin)
            fclose (f);
          g_set_error (error, TL_ANALYZER_ERROR, TL_ANALYZER_ERROR_TOO_LARGE,
                       "%s is larger than %" G_GSIZE_FORMAT " MiB, the most Telelens analyses",
                       is_stdin ? "standard input" : path, TL_ANALYZER_MAX_INPUT >> 20);
          return FALSE;
        }
    }
  if (ferror (f))
    {
      int saved = errno;
      if (!is_stdin)
        fclose (f);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot read %s: %s", is_stdin ? "standard input" : path,
                   g_strerror (saved));
      return FALSE;
    }
  if (!is_stdin)
    fclose (f);
  *length = buf->len;
  g_byte_array_append (buf, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&buf), FALSE);
  return TRUE;
}

/* --db PATH and --store URL name the index; at most one of them. A URL
 * with a password is refused (a command line is visible to every user of
 * the machine in ps), and shown redacted. */
gboolean
tl_cli_check_store (const char *cmd,
                    const char *db,
                    const char *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  if (store == NULL)
    return TRUE;
  if (db != NULL)
    {
      tl_cli_fail ("%s: give --db PATH (your own index) or --store URL (a team's), not both", cmd);
      return FALSE;
    }
  shown = tl_index_location_redact (store);
  if (tl_index_location_has_password (store))
    {
      tl_cli_fail ("%s: --store %s: leave the password out of the URL (command lines are visible to other "
                   "users); put it in ~/.pgpass (mode 0600) or the file PGPASSFILE names", cmd, shown);
      return FALSE;
    }
  if (!tl_index_location_check (store, &error))
    {
      tl_cli_fail ("%s: --store: %s", cmd, error->message);
      return FALSE;
    }
  return TRUE;
}

TlIndex *
tl_cli_open_index (const char *cmd,
                   const char *db,
                   const char *store,
                   gboolean    create)
{
  g_autoptr(TlKnowledgeBase) kb = tl_cli_load_kb (NULL, FALSE);
  g_autoptr(TlAnalyzer) analyzer = NULL;
  g_autoptr(GError) error = NULL;
  TlIndex *index;

  if (kb == NULL)
    return NULL;
  if ((analyzer = tl_analyzer_new (kb, &error)) == NULL)
    {
      tl_cli_fail ("cannot start the analyzer: %s", error->message);
      return NULL;
    }
  index = tl_index_open_location (store ? store : db, analyzer, create, &error);
  if (index == NULL)
    tl_cli_fail ("%s%s%s", cmd ? cmd : "", cmd ? ": " : "", error->message);
  return index;
}
