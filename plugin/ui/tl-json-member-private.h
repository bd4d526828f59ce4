/* tl-json-member-private.h — reading a typed member of an untrusted JSON object
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The boolean member @name of @o into @out; FALSE when it is missing or
 * not a boolean (a page's message, the options passed through the page). */
static inline gboolean
_tl_json_member_bool (JsonObject *o,
                      const char *name,
                      gboolean   *out)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (n);
  return TRUE;
}

G_END_DECLS
