/* tl-related.c — related coverage results and the one JSON writer for them
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-private.h"

#include <math.h>

TlRelated *
tl_related_new (void)
{
  TlRelated *self = g_new0 (TlRelated, 1);

  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) tl_related_item_free);
  self->copies_in = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
tl_related_free (TlRelated *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->results);
  g_ptr_array_unref (self->copies_in);
  g_free (self);
}

TlRelatedItem *
tl_related_item_new (void)
{
  TlRelatedItem *item = g_new0 (TlRelatedItem, 1);

  item->published = TL_INDEX_NO_DATE;
  item->days_apart = -1;
  item->shared_entities = g_ptr_array_new_with_free_func (g_free);
  item->shared_terms = g_ptr_array_new_with_free_func (g_free);
  item->also_in = g_ptr_array_new_with_free_func (g_free);
  return item;
}

void
tl_related_item_free (TlRelatedItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->url);
  g_free (item->title);
  g_free (item->outlet);
  g_ptr_array_unref (item->shared_entities);
  g_ptr_array_unref (item->shared_terms);
  g_ptr_array_unref (item->also_in);
  g_free (item);
}

/* `member`: an ISO 8601 date-time in UTC, or null when undated. */
void
_tl_index_json_add_date (JsonBuilder *b,
                         const char  *member,
                         gint64       t)
{
  json_builder_set_member_name (b, member);
  if (t == TL_INDEX_NO_DATE)
    json_builder_add_null_value (b);
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
      g_autofree char *s = dt ? g_date_time_format_iso8601 (dt) : NULL;
      if (s)
        json_builder_add_string_value (b, s);
      else
        json_builder_add_null_value (b);
    }
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_strings (JsonBuilder *b,
             const char  *member,
             GPtrArray   *values)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint k = 0; values && k < values->len; k++)
    json_builder_add_string_value (b, g_ptr_array_index (values, k));
  json_builder_end_array (b);
}

/**
 * tl_related_to_json:
 * @self: related coverage from tl_index_related() or tl_index_related_doc()
 *
 * Returns: (transfer full): `{"results": [{id, url, title, outlet,
 *   published, score, shared_entities, also_in, why: {entities, terms,
 *   days_apart}}], "copies_in": […], "candidates": N, "took_ms": T}`
 */
JsonNode *
tl_related_to_json (const TlRelated *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->results->len; i++)
    {
      const TlRelatedItem *it = g_ptr_array_index (self->results, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, it->id);
      add_string_or_null (b, "url", it->url);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, it->title ? it->title : "");
      add_string_or_null (b, "outlet", it->outlet);
      _tl_index_json_add_date (b, "published", it->published);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, round (it->score * 1000) / 1000);
      add_strings (b, "shared_entities", it->shared_entities);
      add_strings (b, "also_in", it->also_in);
      json_builder_set_member_name (b, "why");
      json_builder_begin_object (b);
      add_strings (b, "entities", it->shared_entities);
      add_strings (b, "terms", it->shared_terms);
      json_builder_set_member_name (b, "days_apart");
      if (it->days_apart >= 0)
        json_builder_add_int_value (b, it->days_apart);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_strings (b, "copies_in", self->copies_in);
  json_builder_set_member_name (b, "candidates");
  json_builder_add_int_value (b, self->candidates);
  json_builder_set_member_name (b, "took_ms");
  json_builder_add_double_value (b, round (self->took_ms * 100) / 100);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
