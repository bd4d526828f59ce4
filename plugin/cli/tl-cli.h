/* tl-cli.h — the telelens command's subcommands
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <telelens/telelens.h>
#include "tl-index.h"

G_BEGIN_DECLS

int  tl_cmd_annotate (int argc, char **argv);
int  tl_cmd_kb       (int argc, char **argv);
int  tl_cmd_import   (int argc, char **argv);
int  tl_cmd_related  (int argc, char **argv);
int  tl_cmd_search   (int argc, char **argv);
int  tl_cmd_timeline (int argc, char **argv);
int  tl_cmd_index    (int argc, char **argv);
int  tl_cmd_serve    (int argc, char **argv);
int  tl_cmd_plugin   (int argc, char **argv);

TlKnowledgeBase *tl_cli_load_kb (const char *watch_list,
                                 gboolean    no_watch_list);
gboolean tl_cli_read_input (const char  *path,
                            char       **contents,
                            gsize       *length,
                            GError     **error);
void     tl_cli_fail       (const char  *fmt,
                            ...) G_GNUC_PRINTF (1, 2);

/* The option every command that opens the index takes beside --db. */
#define TL_CLI_STORE_OPTION(var) \
  { "store", 0, 0, G_OPTION_ARG_STRING, (var), \
    "A team's index on PostgreSQL instead of --db: postgresql://HOST[:PORT]/DBNAME[?sslmode=…] " \
    "(no password: libpq reads ~/.pgpass)", "URL" }

gboolean  tl_cli_check_store (const char   *cmd,
                              const char   *db,
                              const char   *store);
TlIndex  *tl_cli_open_index  (const char   *cmd,
                              const char   *db,
                              const char   *store,
                              gboolean      create);

G_END_DECLS
