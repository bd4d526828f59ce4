/* fuzz-http.c — the index service fed raw bytes as one connection
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A real TlIndexServer over an in-memory stream: request lines, headers,
 * paths, query strings and bodies are all the fuzzer's. Every request but
 * GET /v1/health needs the token, which the fuzzer is given (the corpus
 * carries it) so that reads and ingest are reached too.
 */
#include "fuzz-common.h"
#include "tl-index-server.h"

#include <libsoup/soup.h>

static TlIndexServer *server;
static SoupServer *soup;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GIOStream) io = NULL;
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new (lo, 47611);
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new (lo, 50000);

  if (server == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("telelens-fuzz-XXXXXX", NULL);
      g_autofree char *db = g_build_filename (dir, "index.db", NULL);
      TlIndex *index = tl_index_open (db, fuzz_analyzer (), NULL);

      if (index == NULL)
        abort ();
      server = tl_index_server_new (index, "fuzzfuzzfuzzfuzzfuzz");
      soup = _tl_index_server_get_soup (server);
      g_object_unref (index);
    }
  in = g_memory_input_stream_new_from_data (g_memdup2 (data, size), size, g_free);
  out = g_memory_output_stream_new_resizable ();
  io = g_simple_io_stream_new (in, out);
  soup_server_accept_iostream (soup, io, local, remote, NULL);
  for (guint i = 0; i < 2000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  return 0;
}
