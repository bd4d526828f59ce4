/* fuzz-jsonl.c — one line of a JSONL import
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz-common.h"
#include "tl-index.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  TlIndexDoc doc;

  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return 0;
  if (tl_index_doc_from_json (json_node_get_object (json_parser_get_root (parser)), &doc, &error))
    {
      FUZZ_CHECK (doc.text != NULL && doc.text[0] != '\0');
      tl_index_doc_clear (&doc);
    }
  else
    FUZZ_CHECK (error != NULL);
  return 0;
}
