/* main.c — the telelens command
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-cli.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
  "Usage: telelens COMMAND [OPTION…]\n"
  "\n"
  "Commands:\n"
  "  annotate [--format json|html|text] [FILE|-]   analyse one story\n"
  "  kb stats|check FILE|lookup NAME               the knowledge base\n"
  "  import jsonl FILE|- | liferea | evolution     add stories to the local index\n"
  "  related (--id ID | --file FILE) [--limit N]   related coverage, as JSON\n"
  "  search QUERY                                  full-text search, as JSON\n"
  "  timeline ENTITY [--bucket day|week]           stories over time for an entity\n"
  "  index check                                   check the index for damage\n"
  "  serve [--port N] [--watch-liferea] [--watch-evolution]\n"
  "                                                the index's HTTP service on 127.0.0.1\n"
  "  plugin install|uninstall|status               Telelens in your readers, for you\n"
  "\n"
  "Run “telelens COMMAND --help” for a command's options.\n";

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* Standard output carries JSON and HTML; every diagnostic goes to stderr,
   * also with G_MESSAGES_DEBUG=telelens. */
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc < 2)
    {
      fputs (usage, stderr);
      return 2;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      fputs (usage, stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("telelens %s\n", TL_VERSION);
      return 0;
    }
  if (strcmp (argv[1], "annotate") == 0)
    return tl_cmd_annotate (argc - 1, argv + 1);
  if (strcmp (argv[1], "kb") == 0)
    return tl_cmd_kb (argc - 1, argv + 1);
  if (strcmp (argv[1], "import") == 0)
    return tl_cmd_import (argc - 1, argv + 1);
  if (strcmp (argv[1], "related") == 0)
    return tl_cmd_related (argc - 1, argv + 1);
  if (strcmp (argv[1], "search") == 0)
    return tl_cmd_search (argc - 1, argv + 1);
  if (strcmp (argv[1], "timeline") == 0)
    return tl_cmd_timeline (argc - 1, argv + 1);
  if (strcmp (argv[1], "index") == 0)
    return tl_cmd_index (argc - 1, argv + 1);
  if (strcmp (argv[1], "serve") == 0)
    return tl_cmd_serve (argc - 1, argv + 1);
  if (strcmp (argv[1], "plugin") == 0)
    return tl_cmd_plugin (argc - 1, argv + 1);

  fprintf (stderr, "telelens: unknown command “%s”; run “telelens --help”\n", argv[1]);
  return 2;
}
