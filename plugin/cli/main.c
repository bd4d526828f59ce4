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
  "\n"
  "Run “telelens COMMAND --help” for a command's options.\n";

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

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

  fprintf (stderr, "telelens: unknown command “%s”; run “telelens --help”\n", argv[1]);
  return 2;
}
