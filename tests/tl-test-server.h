/* tl-test-server.h — a real `telelens serve` on 127.0.0.1, port 0
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  GSubprocess *proc;
  guint        port;
  char        *base;        /* http://127.0.0.1:PORT */
  char        *token;
} TlTestServer;

char     *tl_test_tmpdir        (void);
gboolean  tl_test_server_start  (TlTestServer *srv,
                                 const char   *db,
                                 const char   *token_file,
                                 GError      **error);
gboolean  tl_test_server_start_with (TlTestServer      *srv,
                                     const char        *db,
                                     const char        *token_file,
                                     const char *const *extra,
                                     GError           **error);
void      tl_test_server_kill   (TlTestServer *srv,
                                 gboolean      hard);
char     *tl_test_http          (guint         port,
                                 const char   *request,
                                 gsize         request_len,
                                 guint        *status);
char     *tl_test_import_demo   (const char   *db);

G_END_DECLS
