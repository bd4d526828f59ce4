/* tl-cmd-kb.c — telelens kb: look into the knowledge base, check a watch list
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-cli.h"

#include <stdio.h>
#include <string.h>

int
tl_cmd_kb (int    argc,
           char **argv)
{
  g_autoptr(TlKnowledgeBase) kb = NULL;
  g_autoptr(GError) error = NULL;

  if (argc < 2 || strcmp (argv[1], "--help") == 0)
    {
      fputs ("Usage: telelens kb stats          counts by type\n"
             "       telelens kb check FILE     validate a watch list or KB file\n"
             "       telelens kb lookup NAME    entries whose name or alias is NAME\n",
             argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }
  if ((kb = tl_cli_load_kb (NULL, TRUE)) == NULL)
    return 1;

  if (strcmp (argv[1], "stats") == 0)
    {
      guint counts[TL_N_ENTITY_TYPES] = { 0 };
      guint n = tl_knowledge_base_get_n_entities (kb);

      for (guint i = 0; i < n; i++)
        counts[tl_knowledge_base_get_nth (kb, i)->type]++;
      printf ("%u entities, %u names and aliases\n", n, tl_knowledge_base_get_n_aliases (kb));
      for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
        printf ("  %-14s %5u\n", tl_entity_type_to_string (t), counts[t]);
      return 0;
    }
  if (strcmp (argv[1], "check") == 0 && argc == 3)
    {
      guint before = tl_knowledge_base_get_n_entities (kb);
      if (!tl_knowledge_base_load_file (kb, argv[2], TRUE, &error))
        {
          tl_cli_fail ("%s", error->message);
          return 1;
        }
      printf ("%s: OK, %u new entities\n", argv[2], tl_knowledge_base_get_n_entities (kb) - before);
      return 0;
    }
  if (strcmp (argv[1], "lookup") == 0 && argc == 3)
    {
      guint n = tl_knowledge_base_get_n_entities (kb), found = 0;

      for (guint i = 0; i < n; i++)
        {
          const TlKbEntity *e = tl_knowledge_base_get_nth (kb, i);
          gboolean hit = g_ascii_strcasecmp (e->name, argv[2]) == 0 || g_strcmp0 (e->id, argv[2]) == 0;

          for (char **a = e->aliases; !hit && *a; a++)
            hit = g_ascii_strcasecmp (*a, argv[2]) == 0;
          if (hit)
            {
              g_autofree char *aliases = g_strjoinv (", ", e->aliases);
              printf ("%s\t%s\t%s\t%s\t%s\n", e->id, e->name, tl_entity_type_to_string (e->type),
                      aliases, e->description ? e->description : "");
              found++;
            }
        }
      if (found == 0)
        {
          tl_cli_fail ("kb lookup: no entity is named “%s” or has it as an alias "
                       "(names and aliases match whole, in any case)", argv[2]);
          return 1;
        }
      return 0;
    }
  tl_cli_fail ("kb: unknown or incomplete subcommand; run “telelens kb --help”");
  return 2;
}
