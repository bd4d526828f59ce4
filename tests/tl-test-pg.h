/* tl-test-pg.h — a real PostgreSQL of the test program's own
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The first call starts a cluster in a temporary folder with
 * tools/pg-cluster.sh (initdb and pg_ctl; a Unix socket in that folder, no
 * TCP; as the user `nobody` when the tests run as root), and it is removed
 * when the program exits or aborts. Each test takes a database of its own.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *tl_test_pg_new_database (void);
void  tl_test_pg_restart      (void);
char *tl_test_pg_refused_url  (void);

G_END_DECLS
