/* tl-index-doc.c — a story to store, read from JSON
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What `import jsonl` and `POST /v1/documents` accept: every field is
 * checked for type and size before anything is stored.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-private.h"

#include <string.h>

void
tl_index_doc_clear (TlIndexDoc *doc)
{
  g_clear_pointer (&doc->id, g_free);
  g_clear_pointer (&doc->url, g_free);
  g_clear_pointer (&doc->title, g_free);
  g_clear_pointer (&doc->outlet, g_free);
  g_clear_pointer (&doc->text, g_free);
  doc->published = TL_INDEX_NO_DATE;
}

gboolean
tl_index_parse_date (const char *iso,
                     gint64     *out,
                     GError    **error)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (iso == NULL || *iso == '\0')
    {
      *out = TL_INDEX_NO_DATE;
      return TRUE;
    }
  if (strlen (iso) == 10)
    {
      g_autofree char *full = g_strconcat (iso, "T00:00:00Z", NULL);
      dt = g_date_time_new_from_iso8601 (full, utc);
    }
  else
    dt = g_date_time_new_from_iso8601 (iso, utc);
  if (dt == NULL)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID,
                   "“published”: “%.40s” is not an ISO 8601 date or date-time "
                   "(e.g. 2024-05-01 or 2024-05-01T09:30:00Z)", iso);
      return FALSE;
    }
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static gboolean
json_string_field (JsonObject  *obj,
                   const char  *name,
                   char       **out,
                   gsize        max,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID, "“%s” must be a string", name);
      return FALSE;
    }
  if (strlen (json_node_get_string (node)) > max)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID,
                   "“%s” is longer than %" G_GSIZE_FORMAT " bytes", name, max);
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/**
 * tl_index_doc_from_json:
 * @obj: `{id, url, title, outlet, published, text}`
 * @doc: (out caller-allocates): the story
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @obj is a valid story (text is required)
 */
gboolean
tl_index_doc_from_json (JsonObject *obj,
                        TlIndexDoc *doc,
                        GError    **error)
{
  g_autofree char *published = NULL;

  memset (doc, 0, sizeof *doc);
  doc->published = TL_INDEX_NO_DATE;
  if (!json_string_field (obj, "id", &doc->id, 512, error) ||
      !json_string_field (obj, "url", &doc->url, 4096, error) ||
      !json_string_field (obj, "title", &doc->title, 4096, error) ||
      !json_string_field (obj, "outlet", &doc->outlet, 512, error) ||
      !json_string_field (obj, "published", &published, 64, error) ||
      !json_string_field (obj, "text", &doc->text, _TL_INDEX_MAX_TEXT_BYTES, error) ||
      !tl_index_parse_date (published, &doc->published, error))
    {
      tl_index_doc_clear (doc);
      return FALSE;
    }
  if (doc->text == NULL || *doc->text == '\0')
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID, "“text” is missing or empty");
      tl_index_doc_clear (doc);
      return FALSE;
    }
  return TRUE;
}
