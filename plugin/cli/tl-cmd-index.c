/* tl-cmd-index.c — telelens import, related, search, timeline, index check|stats
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Commands that only read never create: a missing database is an error
 * naming the path (a typo in --db must not answer "[]" from a new file).
 * Each takes --db PATH (the personal index, the default) or --store URL
 * (a team's index on PostgreSQL, tl_index_open_location()).
 * Exit status: 0 done, 1 failed, 2 usage error, 3 import finished but
 * skipped some lines (everything else was kept). An import that stops
 * says in one line which lines are stored and which are not.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-cli.h"
#include "tl-index.h"
#include "tl-liferea-source.h"
#include "tl-evolution-source.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#define MAX_LINE_BYTES ((gsize) 16 * 1024 * 1024)
#define BATCH 200                                  /* stories per transaction */
#define BATCH_BYTES ((gsize) 32 * 1024 * 1024)     /* or this much text */
#define IMPORT_ATTEMPTS 4                          /* a batch stored at most this often */

#define EXIT_SKIPPED 3

static void
print_json (JsonNode *node)
{
  g_autofree char *out = tl_json_write (node, TRUE, NULL);

  puts (out);
}

/* Progress on a terminal only: count, rate, time left. */
typedef struct {
  gboolean tty;
  gint64   start;
  gint64   last;
  guint64  total_bytes;
} Progress;

static void
progress_show (Progress *p,
               guint     done,
               guint64   bytes,
               gboolean  final)
{
  gint64 now = g_get_monotonic_time ();
  double secs = (now - p->start) / 1e6;
  double rate = secs > 0 ? done / secs : 0;

  if (!p->tty || (!final && now - p->last < 200000))
    return;
  p->last = now;
  if (p->total_bytes > 0 && bytes > 0 && bytes < p->total_bytes && secs > 0)
    {
      double left = secs * (double) (p->total_bytes - bytes) / bytes;
      fprintf (stderr, "\r%u stories, %.0f/s, %.0f%%, about %.0f s left   ", done, rate,
               100.0 * bytes / p->total_bytes, left);
    }
  else
    fprintf (stderr, "\r%u stories, %.0f/s   ", done, rate);
  if (final)
    fputc ('\n', stderr);
}

/* Reads one line of at most MAX_LINE_BYTES; longer lines are consumed and
 * reported as too long. Returns FALSE at end of file. */
static gboolean
read_line (FILE     *f,
           GString  *line,
           gboolean *too_long)
{
  char buf[65536];

  g_string_truncate (line, 0);
  *too_long = FALSE;
  while (fgets (buf, sizeof buf, f) != NULL)
    {
      gsize n = strlen (buf);
      if (!*too_long)
        {
          g_string_append_len (line, buf, n);
          if (line->len > MAX_LINE_BYTES)
            {
              *too_long = TRUE;
              g_string_truncate (line, 0);
            }
        }
      if (n > 0 && buf[n - 1] == '\n')
        return TRUE;
    }
  return line->len > 0 || *too_long;
}

/* Which lines of the file are stored when an import stops, in one line:
 * what failed and where, what is stored and what is not, what to do. */
static void
import_stopped (const char   *shown,
                guint         line_no,
                guint         stored_to,
                guint         skipped,
                const GError *error)
{
  g_autofree char *stored = stored_to == 0
    ? g_strdup_printf ("nothing from %s is stored", shown)
    : g_strdup_printf ("lines 1–%u are stored%s", stored_to, skipped > 0 ? " (but for the lines reported skipped)" : "");

  tl_cli_fail ("import stopped at %s:%u: %s; %s, line %u and the lines after it are not: "
               "run the same import again once that is fixed (stories already stored are skipped)",
               shown, line_no, error->message, stored, stored_to + 1);
}

/* The open batch of a JSONL import: its stories are kept here until it
 * commits, so that a batch rolled back by a failure that may pass (the
 * connection to PostgreSQL lost: the server restarted) is stored again
 * from memory (standard input cannot be read twice). */
typedef struct {
  TlIndexDoc doc;
  guint      line;
} Pending;

typedef struct {
  TlIndex    *index;
  const char *shown;       /* the file, for messages */
  GArray     *pending;     /* Pending: the open batch, in line order */
  gsize       bytes;       /* their text */
  guint       in_tx;       /* how many of them the open transaction holds */
  guint       added, existing, bad;   /* stored for good, and skipped */
  guint       tx_added, tx_existing;  /* in the open transaction */
  guint       stored_to;   /* the last line stored for good */
  gboolean    at_commit;   /* tl_index_stores_at_commit() */
} Import;

static void
pending_clear (gpointer data)
{
  tl_index_doc_clear (&((Pending *) data)->doc);
}

/* Stores what the open transaction does not hold yet of the batch, and
 * commits it when @commit (@line: the last line read). A failure that may
 * pass rolls the batch back and stores it again, a few times; a story the
 * analyzer refuses is reported and dropped from the batch. */
static gboolean
import_sync (Import   *im,
             guint     line,
             gboolean  commit,
             GError  **error)
{
  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GError) local = NULL;

      while (im->in_tx < im->pending->len)
        {
          Pending *p = &g_array_index (im->pending, Pending, im->in_tx);
          gboolean is_new = FALSE;

          if (im->in_tx == 0 && !tl_index_begin (im->index, &local))
            goto failed;
          if (!tl_index_add (im->index, &p->doc, NULL, &is_new, &local))
            {
              /* Refused before anything is written: the batch stays open. */
              if (g_error_matches (local, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID))
                {
                  fprintf (stderr, "telelens: %s:%u: %s, skipped\n", im->shown, p->line, local->message);
                  g_clear_error (&local);
                  im->bytes -= strlen (p->doc.text);
                  g_array_remove_index (im->pending, im->in_tx);
                  im->bad++;
                  if (im->in_tx == 0)
                    tl_index_rollback (im->index);   /* begun for it alone: empty */
                  continue;
                }
              goto failed;   /* tl_index_add() rolled the batch back */
            }
          im->in_tx++;
          if (is_new)
            im->tx_added++;
          else
            im->tx_existing++;
          if (!im->at_commit)
            im->stored_to = p->line;
        }
      if (!commit || im->in_tx == 0)
        return TRUE;
      if (!tl_index_commit (im->index, &local))
        goto failed;
      im->added += im->tx_added;
      im->existing += im->tx_existing;
      im->tx_added = im->tx_existing = 0;
      im->in_tx = 0;
      im->stored_to = line;
      g_array_set_size (im->pending, 0);
      im->bytes = 0;
      return TRUE;

    failed:
      tl_index_rollback (im->index);   /* whatever is left of the batch */
      im->in_tx = 0;
      im->tx_added = im->tx_existing = 0;
      if (attempt >= IMPORT_ATTEMPTS || !tl_index_can_retry (im->index, local) || im->pending->len == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (im->stored_to == 0)
        fprintf (stderr, "telelens: %s; nothing from %s is stored yet, storing lines %u–%u again\n",
                 local->message, im->shown, g_array_index (im->pending, Pending, 0).line, line);
      else
        fprintf (stderr, "telelens: %s; lines 1–%u of %s are stored, storing lines %u–%u again\n",
                 local->message, im->stored_to, im->shown, g_array_index (im->pending, Pending, 0).line, line);
    }
}

static int
import_jsonl (TlIndex    *index,
              const char *path)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL, line_error = NULL;
  g_autoptr(GArray) pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  Progress p = { isatty (STDERR_FILENO), g_get_monotonic_time (), 0, 0 };
  Import im = { .index = index, .shown = strcmp (path, "-") == 0 ? "standard input" : path, .pending = pending };
  guint line_no = 0;
  gboolean too_long;
  GStatBuf st;
  FILE *f;

  if (strcmp (path, "-") == 0)
    f = stdin;
  else if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      tl_cli_fail ("cannot import %s: it is a folder; give a .jsonl file (one story per line)", path);
      return 1;
    }
  else if ((f = fopen (path, "r")) == NULL)
    {
      tl_cli_fail ("cannot read %s: %s", path, g_strerror (errno));
      return 1;
    }
  if (f != stdin && g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    p.total_bytes = st.st_size;
  g_array_set_clear_func (pending, pending_clear);
  /* One transaction per batch on every store (PostgreSQL otherwise commits
   * each story alone, with a round trip per statement: 3× slower).
   * TELELENS_IMPORT_BULK=0 keeps PostgreSQL's story-by-story path (for
   * bench/bench-import.sh). */
  if (g_strcmp0 (g_getenv ("TELELENS_IMPORT_BULK"), "0") != 0)
    tl_index_set_bulk (index, TRUE);
  /* stored_to: the last line whose story is stored for good (a batch's
   * only when it commits, unless the store keeps each story when it is
   * added); every line after it is not. */
  im.at_commit = tl_index_stores_at_commit (index);

  while (read_line (f, line, &too_long))
    {
      Pending doc = { { 0 }, 0 };
      JsonNode *root;

      line_no++;
      if (too_long)
        {
          fprintf (stderr, "telelens: %s:%u: line longer than %" G_GSIZE_FORMAT " MiB, skipped\n",
                   im.shown, line_no, MAX_LINE_BYTES >> 20);
          im.bad++;
          continue;
        }
      g_strchomp (line->str);
      if (line->str[0] == '\0')
        continue;
      /* A bad line is reported and forgotten: its error must not stop the
       * batch around it from being saved. */
      if (!json_parser_load_from_data (parser, line->str, -1, &line_error) ||
          !JSON_NODE_HOLDS_OBJECT ((root = json_parser_get_root (parser))))
        {
          fprintf (stderr, "telelens: %s:%u: not a JSON object%s%s, skipped\n", im.shown, line_no,
                   line_error ? ": " : "", line_error ? line_error->message : "");
          g_clear_error (&line_error);
          im.bad++;
          continue;
        }
      if (!tl_index_doc_from_json (json_node_get_object (root), &doc.doc, &line_error))
        {
          fprintf (stderr, "telelens: %s:%u: %s, skipped\n", im.shown, line_no, line_error->message);
          g_clear_error (&line_error);
          im.bad++;
          continue;
        }
      doc.line = line_no;
      im.bytes += strlen (doc.doc.text);
      g_array_append_val (pending, doc);
      /* Commit in batches: what was committed survives anything that follows. */
      if (!import_sync (&im, line_no, pending->len >= BATCH || im.bytes >= BATCH_BYTES, &error))
        break;
      if (pending->len == 0)
        progress_show (&p, im.added + im.existing, f != stdin ? (guint64) ftell (f) : 0, FALSE);
    }
  if (error == NULL && ferror (f))
    g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (errno), "cannot read it: %s", g_strerror (errno));
  /* What was read before a read error is stored all the same. */
  if (pending->len > 0 && (error == NULL || im.in_tx == pending->len))
    {
      g_autoptr(GError) commit_error = NULL;
      if (!import_sync (&im, line_no, TRUE, &commit_error) && error == NULL)
        g_propagate_error (&error, g_steal_pointer (&commit_error));
    }
  if (im.in_tx > 0)
    tl_index_rollback (index);
  tl_index_set_bulk (index, FALSE);
  if (f != stdin)
    fclose (f);
  progress_show (&p, im.added + im.existing, p.total_bytes, TRUE);
  if (error != NULL)
    {
      import_stopped (im.shown, line_no, im.stored_to, im.bad, error);
      return 1;
    }
  printf ("%s: %u stories added, %u already in the index, %u lines skipped\n", path, im.added, im.existing, im.bad);
  return im.bad > 0 ? EXIT_SKIPPED : 0;
}

int
tl_cmd_import (int    argc,
               char **argv)
{
  g_autofree char *db = NULL, *store = NULL, *liferea = NULL, *evolution = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new ("jsonl FILE|- | liferea | evolution");
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The index (default: ~/.local/share/telelens/index.db)", "PATH" },
    TL_CLI_STORE_OPTION (&store),
    { "liferea-db", 0, 0, G_OPTION_ARG_FILENAME, &liferea, "Liferea's database (default: ~/.local/share/liferea/liferea.db)", "PATH" },
    { "evolution-rss-dir", 0, 0, G_OPTION_ARG_FILENAME, &evolution,
      "Evolution's News and Blogs (default: ~/.local/share/evolution/mail/rss)", "PATH" },
    { NULL }
  };

  g_option_context_set_summary (ctx, "Adds stories to the index. JSONL: one story per line with\n"
                                     "id, url, title, outlet, published (ISO 8601), text (plain or HTML).\n"
                                     "evolution: the articles of Evolution's News and Blogs (never mail).\n"
                                     "All are incremental: what is already stored is skipped.\n"
                                     "Exit status 3: the import finished, but some lines were skipped.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      tl_cli_fail ("import: %s", error->message);
      return 2;
    }
  if (argc < 2 || (strcmp (argv[1], "jsonl") == 0 && argc != 3) ||
      (strcmp (argv[1], "jsonl") != 0 && strcmp (argv[1], "liferea") != 0 && strcmp (argv[1], "evolution") != 0))
    {
      tl_cli_fail ("import: use “telelens import jsonl FILE”, “telelens import liferea” or “telelens import evolution”");
      return 2;
    }
  if (!tl_cli_check_store ("import", db, store))
    return 2;
  if ((index = tl_cli_open_index (NULL, db, store, TRUE)) == NULL)
    return 1;
  if (strcmp (argv[1], "jsonl") == 0)
    return import_jsonl (index, argv[2]);
  {
    gboolean evo = strcmp (argv[1], "evolution") == 0;
    g_autoptr(TlStorySource) source = evo ? tl_evolution_source_new (evolution) : tl_liferea_source_new (liferea);
    guint added = 0, seen = 0;
    if (!tl_story_source_import (source, index, G_MAXUINT, &added, &seen, NULL, &error))
      {
        tl_cli_fail ("%s", error->message);
        return 1;
      }
    printf ("%s: %u new stories added (%u items read)\n", evo ? "Evolution" : "Liferea", added, seen);
  }
  return 0;
}

int
tl_cmd_related (int    argc,
                char **argv)
{
  g_autofree char *db = NULL, *store = NULL, *id = NULL, *file = NULL, *title = NULL, *published = NULL, *url = NULL, *outlet = NULL;
  gint64 when = TL_INDEX_NO_DATE;
  int limit = 5;
  g_autoptr(GOptionContext) ctx = g_option_context_new ("(--id ID | --file FILE)");
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(TlRelated) found = NULL;
  g_autoptr(JsonNode) out = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The index", "PATH" },
    TL_CLI_STORE_OPTION (&store),
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, "A stored story", "ID" },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, "A story that need not be stored (text or HTML)", "FILE" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "Its title (with --file)", "TITLE" },
    { "published", 0, 0, G_OPTION_ARG_STRING, &published, "Its date, ISO 8601 (with --file)", "DATE" },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "Its link (with --file)", "URL" },
    { "outlet", 0, 0, G_OPTION_ARG_STRING, &outlet, "Who published it (with --file)", "NAME" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "How many results (default 5)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      tl_cli_fail ("related: %s", error->message);
      return 2;
    }
  if ((id == NULL) == (file == NULL) || limit < 1 || limit > 100)
    {
      tl_cli_fail ("related: give exactly one of --id or --file, and --limit between 1 and 100");
      return 2;
    }
  if (id != NULL && (title || published || url || outlet))
    {
      tl_cli_fail ("related: --title, --published, --url and --outlet describe a --file; a stored --id has its own");
      return 2;
    }
  if (!tl_index_parse_date (published, &when, &error))
    {
      tl_cli_fail ("related: --published: %s", error->message);
      return 2;
    }
  if (!tl_cli_check_store ("related", db, store))
    return 2;
  if ((index = tl_cli_open_index (NULL, db, store, FALSE)) == NULL)
    return 1;
  if (id != NULL)
    found = tl_index_related (index, id, limit, &error);
  else
    {
      TlIndexDoc doc = { 0 };
      gsize len;
      doc.published = when;
      if (!tl_cli_read_input (file, &doc.text, &len, &error))
        {
          tl_cli_fail ("%s", error->message);
          return 1;
        }
      doc.title = g_steal_pointer (&title);
      doc.url = g_steal_pointer (&url);
      doc.outlet = g_steal_pointer (&outlet);
      found = tl_index_related_doc (index, &doc, limit, &error);
      tl_index_doc_clear (&doc);
    }
  if (found == NULL)
    {
      tl_cli_fail ("related: %s", error->message);
      return 1;
    }
  out = tl_related_to_json (found);
  print_json (out);
  return 0;
}

int
tl_cmd_search (int    argc,
               char **argv)
{
  g_autofree char *db = NULL, *store = NULL;
  int limit = 20;
  gboolean syntax = FALSE;
  g_autoptr(GOptionContext) ctx = g_option_context_new ("QUERY");
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(JsonNode) out = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The index", "PATH" },
    TL_CLI_STORE_OPTION (&store),
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "How many results (default 20)", "N" },
    { "syntax", 0, 0, G_OPTION_ARG_NONE, &syntax,
      "Read QUERY as SQLite FTS5 syntax (AND, OR, NOT, NEAR, prefix*, column:)", NULL },
    { NULL }
  };

  g_option_context_set_summary (ctx, "Stories with all the words and \"phrases\" of QUERY, as you type them:\n"
                                     "T-Mobile, AT&T and CVE-2023-20198 are names, never operators.\n"
                                     "Operators only with --syntax.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 || limit < 1)
    {
      tl_cli_fail ("search: %s", error ? error->message : "give one QUERY (quote it) and --limit ≥ 1");
      return 2;
    }
  if (!tl_cli_check_store ("search", db, store))
    return 2;
  if ((index = tl_cli_open_index (NULL, db, store, FALSE)) == NULL)
    return 1;
  out = syntax ? tl_index_search_syntax (index, argv[1], limit, &error)
               : tl_index_search (index, argv[1], limit, &error);
  if (out == NULL)
    {
      tl_cli_fail ("search: %s", error->message);
      return 1;
    }
  print_json (out);
  return 0;
}

int
tl_cmd_timeline (int    argc,
                 char **argv)
{
  g_autofree char *db = NULL, *store = NULL, *bucket = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new ("ENTITY");
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(JsonNode) out = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The index", "PATH" },
    TL_CLI_STORE_OPTION (&store),
    { "bucket", 0, 0, G_OPTION_ARG_STRING, &bucket, "day or week (default)", "B" },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      tl_cli_fail ("timeline: %s", error ? error->message : "give one ENTITY: a name, an alias or an id, e.g. Huawei");
      return 2;
    }
  if (!tl_cli_check_store ("timeline", db, store))
    return 2;
  if ((index = tl_cli_open_index (NULL, db, store, FALSE)) == NULL)
    return 1;
  if ((out = tl_index_timeline (index, argv[1], bucket, &error)) == NULL)
    {
      tl_cli_fail ("timeline: %s", error->message);
      return 1;
    }
  {
    /* Say which entity the name was taken for (stderr: stdout is JSON). */
    JsonObject *e = json_object_get_object_member (json_node_get_object (out), "entity");
    fprintf (stderr, "telelens: timeline of %s (%s, id %s)\n", json_object_get_string_member (e, "name"),
             json_object_get_string_member (e, "type"), json_object_get_string_member (e, "id"));
  }
  print_json (out);
  return 0;
}

static int
copy_index (const char *db,
            const char *store,
            const char *from,
            const char *to)
{
  g_autoptr(TlIndex) src = NULL, dest = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0, seen = 0;

  if (db != NULL || store != NULL || from == NULL || to == NULL)
    {
      tl_cli_fail ("index copy: give --from PATH (the index to copy) and --to URL (the one to copy into)");
      return 2;
    }
  if (!tl_cli_check_store ("index copy: --from", NULL, from) || !tl_cli_check_store ("index copy: --to", NULL, to))
    return 2;
  if ((src = tl_cli_open_index ("index copy", NULL, from, FALSE)) == NULL ||
      (dest = tl_cli_open_index ("index copy", NULL, to, TRUE)) == NULL)
    return 1;
  if (!tl_index_copy (src, dest, &added, &seen, &error))
    {
      /* The first @seen stories (oldest first) are in @dest for good. */
      guint64 total = tl_index_count (src);
      g_autofree char *stored = seen == 0
        ? g_strdup_printf ("none of the stories of %s is copied", tl_index_get_path (src))
        : g_strdup_printf ("stories 1–%u (oldest first) are in %s (%u added by this copy), story %u and the ones"
                           " after it are not", seen, tl_index_get_path (dest), added, seen + 1);

      tl_cli_fail ("index copy of %" G_GUINT64_FORMAT " stories stopped at %s; %s: copy again once that is fixed"
                   " (stories already there are skipped)", total, error->message, stored);
      return 1;
    }
  printf ("%s → %s: %u stories added, %u already there\n", tl_index_get_path (src), tl_index_get_path (dest),
          added, seen - added);
  return 0;
}

int
tl_cmd_index (int    argc,
              char **argv)
{
  g_autofree char *db = NULL, *store = NULL, *from = NULL, *to = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new ("check|stats|copy");
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The index", "PATH" },
    TL_CLI_STORE_OPTION (&store),
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "copy: the index to copy (a file or a URL)", "PATH" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "copy: the index to copy into (a URL or a file)", "URL" },
    { NULL }
  };
  gboolean ok;

  g_option_context_set_summary (ctx, "check: look for damage.\n"
                                     "stats: documents, entities and size on disk, as JSON.\n"
                                     "copy --from PATH --to URL: every story of one index into another\n"
                                     "(your own into a team's); what the other has already is left as it is.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 ||
      (strcmp (argv[1], "check") != 0 && strcmp (argv[1], "stats") != 0 && strcmp (argv[1], "copy") != 0))
    {
      tl_cli_fail ("index: %s", error ? error->message
                                      : "use “telelens index check|stats [--db PATH | --store URL]” "
                                        "or “telelens index copy --from PATH --to URL”");
      return 2;
    }
  if (strcmp (argv[1], "copy") == 0)
    return copy_index (db, store, from, to);
  if (!tl_cli_check_store ("index", db, store))
    return 2;
  if ((index = tl_cli_open_index (NULL, db, store, FALSE)) == NULL)
    return 1;
  if (strcmp (argv[1], "stats") == 0)
    {
      g_autoptr(JsonNode) out = tl_index_stats (index);
      print_json (out);
      return 0;
    }
  ok = tl_index_check (index, report, &error);
  fputs (report->str, stdout);
  if (!ok)
    {
      tl_cli_fail ("%s", error->message);
      return 1;
    }
  return 0;
}
