/* fuzz-client.c — what the client accepts from the index
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz-common.h"
#include "tl-index-client-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  guint status = size > 0 ? 100 + data[0] * 2 : 200;   /* 100–610 */
  JsonNode *node = _tl_index_client_parse ("http://127.0.0.1:1", "GET /v1/health", status,
                                           size > 1 ? (const char *) data + 1 : "", size > 1 ? size - 1 : 0,
                                           &error);

  FUZZ_CHECK ((node == NULL) == (error != NULL));
  if (node)
    {
      FUZZ_CHECK (JSON_NODE_HOLDS_OBJECT (node) && status >= 200 && status < 300);
      json_node_unref (node);
    }
  return 0;
}
