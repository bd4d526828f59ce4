/* tl-json.c — writing JSON the way Telelens prints it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * json-glib's generator prints every double with 17 significant digits, so
 * a score rounded to 0.23 reaches the user as 0.23000000000000001. This
 * writer prints the same document (json-glib's layout, pretty or compact)
 * with each double at 15 significant digits — every decimal a double was
 * rounded to comes out as written — and non-finite numbers, which JSON
 * cannot hold, as null. Every JSON that `telelens` prints or the index
 * service answers goes through it.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "telelens/tl-json.h"

#include <math.h>
#include <string.h>

static void write_node (GString *out, JsonNode *node, gboolean pretty, guint depth);

static void
indent (GString  *out,
        gboolean  pretty,
        guint     depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
write_string (GString    *out,
              const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) (s ? s : ""); *p; p++)
    switch (*p)
      {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\b': g_string_append (out, "\\b"); break;
      case '\f': g_string_append (out, "\\f"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default:
        if (*p < 0x20 || *p == 0x7f)
          g_string_append_printf (out, "\\u%04x", *p);
        else
          g_string_append_c (out, (char) *p);
      }
  g_string_append_c (out, '"');
}

static void
write_double (GString *out,
              double   d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (d))
    {
      g_string_append (out, "null");
      return;
    }
  g_ascii_formatd (buf, sizeof buf, "%.15g", d);
  g_string_append (out, buf);
  /* Stays a JSON number with a fraction, as json-glib wrote it. */
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      write_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      write_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
    }
}

static void
write_node (GString  *out,
            JsonNode *node,
            gboolean  pretty,
            guint     depth)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
      return;
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      write_value (out, node);
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      guint n = json_array_get_length (a);

      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          indent (out, pretty, depth + 1);
          write_node (out, json_array_get_element (a, i), pretty, depth + 1);
        }
      if (n > 0)
        indent (out, pretty, depth);
      g_string_append_c (out, ']');
      return;
    }
  {
    JsonObject *o = json_node_get_object (node);
    JsonObjectIter it;
    const char *name;
    JsonNode *member;
    gboolean first = TRUE;

    g_string_append_c (out, '{');
    json_object_iter_init_ordered (&it, o);
    while (json_object_iter_next_ordered (&it, &name, &member))
      {
        if (!first)
          g_string_append_c (out, ',');
        first = FALSE;
        indent (out, pretty, depth + 1);
        write_string (out, name);
        g_string_append (out, pretty ? " : " : ":");
        write_node (out, member, pretty, depth + 1);
      }
    if (!first)
      indent (out, pretty, depth);
    g_string_append_c (out, '}');
  }
}

/**
 * tl_json_write:
 * @node: a JSON document
 * @pretty: json-glib's indented layout (two spaces), else compact
 * @length: (out) (optional): the length of the text
 *
 * Doubles are written with at most 15 significant digits (0.23, not
 * 0.23000000000000001), NaN and infinities as null; otherwise what
 * json_generator_to_data() gives.
 *
 * Returns: (transfer full): the JSON text
 */
char *
tl_json_write (JsonNode *node,
               gboolean  pretty,
               gsize    *length)
{
  GString *out = g_string_new (NULL);

  write_node (out, node, pretty, 0);
  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}
