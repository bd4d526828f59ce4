/* tl-index-client-parse.c — what the index answers, checked
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Apart from the libsoup calls so that it builds without libsoup and can be
 * fuzzed on its own.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-client-private.h"

G_DEFINE_QUARK (tl-index-client-error-quark, tl_index_client_error)

/* Turns an answer (status and body) into the JSON object it must be, or an
 * error. Pure, so it can be fuzzed without a network. */
JsonNode *
_tl_index_client_parse (const char  *base,
                        const char  *what,
                        guint        status,
                        const char  *body,
                        gsize        len,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (len == 0 || !json_parser_load_from_data (parser, body, len, &local) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_PROTOCOL,
                   "the index at %s answered %s with HTTP %u and no JSON object%s%s",
                   base, what, status, local ? ": " : "", local ? local->message : "");
      return NULL;
    }
  if (status < 200 || status >= 300)
    {
      JsonObject *obj = json_node_get_object (root);
      JsonNode *err_node = json_object_get_member (obj, "error");
      JsonObject *err = err_node && JSON_NODE_HOLDS_OBJECT (err_node) ? json_node_get_object (err_node) : NULL;
      JsonNode *msg_node = err ? json_object_get_member (err, "message") : NULL;
      const char *message = msg_node && JSON_NODE_HOLDS_VALUE (msg_node) &&
                            json_node_get_value_type (msg_node) == G_TYPE_STRING
                              ? json_node_get_string (msg_node) : NULL;

      g_set_error (error, TL_INDEX_CLIENT_ERROR,
                   status == 401 ? TL_INDEX_CLIENT_ERROR_UNAUTHORIZED : TL_INDEX_CLIENT_ERROR_REFUSED,
                   "the index at %s refused %s (HTTP %u): %s", base, what, status,
                   message ? message : "no reason given");
      return NULL;
    }
  return json_node_copy (root);
}

