/* tl-sources.c — the story's sources at a glance
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One row per distinct source (by entity when resolved, else by the words
 * printed), with its kind and how many statements rest on it, plus the
 * story-level picture: the share of statements from role-only or anonymous
 * sources, and the upstream outlet the story leans on — an outlet cited as a
 * source, told things ("told Reuters"), or named in a dateline ("(Reuters)").
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-analysis-private.h"

#include <math.h>
#include <string.h>

static void
row_clear (gpointer data)
{
  g_free (((TlSourceRow *) data)->name);
}

static int
span_cmp (gconstpointer a,
          gconstpointer b)
{
  const TlSpan *x = a, *y = b;
  return (x->start > y->start) - (x->start < y->start);
}

/* Is [start, end) inside one of the sorted, non-nested source spans? */
static gboolean
inside_source (GArray *spans,
               guint   start,
               guint   end)
{
  guint lo = 0, hi = spans->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (spans, TlSpan, mid).start <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* Spans may repeat (citing gives one source per statement): look back a little. */
  for (guint k = lo; k > 0 && lo - k < 8; k--)
    {
      const TlSpan *s = &g_array_index (spans, TlSpan, k - 1);
      if (s->start <= start && end <= s->end)
        return TRUE;
    }
  return FALSE;
}

/* "told Reuters", "(Reuters)", "Reuters reported" count toward the wire. */
static guint
outlet_references (TlAnalysis *self,
                   guint       entity,
                   GArray     *source_spans)
{
  const char *text = self->text->str->str;
  const TlEntity *e = &g_array_index (self->entities, TlEntity, entity);
  guint refs = 0;

  for (guint k = 0; k < e->mentions->len; k++)
    {
      const TlMention *m = &g_array_index (self->mentions, TlMention, g_array_index (e->mentions, guint, k));
      gboolean counted = inside_source (source_spans, m->start, m->end);

      if (!counted && m->start >= 5 && strncmp (text + m->start - 5, "told ", 5) == 0)
        counted = TRUE;
      if (!counted && m->start >= 1 && text[m->start - 1] == '(' && text[m->end] == ')')
        counted = TRUE;
      refs += counted;
    }
  return refs;
}

void
_tl_sources_clear (TlSources *sources)
{
  g_clear_pointer (&sources->rows, g_array_unref);
  g_clear_pointer (&sources->row_of, g_free);
}

/* Groups statements by source: by entity for named sources, else by the
 * words printed (unnamed sources tied to an entity, such as "a study from
 * the Pentagon", stay apart from the entity itself). */
void
_tl_sources_collect (TlAnalysis *self,
                     TlSources  *out)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *text = self->text->str->str;
  guint best_refs = 0;

  memset (out, 0, sizeof *out);
  out->rows = g_array_new (FALSE, TRUE, sizeof (TlSourceRow));
  g_array_set_clear_func (out->rows, row_clear);
  out->row_of = g_new0 (guint, self->attributions->len + 1);
  out->upstream = -1;

  for (guint i = 0; i < self->attributions->len; i++)
    {
      const TlAttribution *a = &g_array_index (self->attributions, TlAttribution, i);
      g_autofree char *printed = g_strndup (text + a->source.start, a->source.end - a->source.start);
      gboolean named = a->kind == TL_SOURCE_PERSON || a->kind == TL_SOURCE_ORGANIZATION ||
                       a->kind == TL_SOURCE_OUTLET;
      g_autofree char *low = g_utf8_strdown (printed, -1);
      g_autofree char *key = a->entity >= 0 && named ? g_strdup_printf ("e%d", a->entity)
                                                     : g_strdup_printf ("%s\n%d", low, a->entity);
      gpointer found;
      TlSourceRow *row;

      if (a->kind == TL_SOURCE_ROLE || a->kind == TL_SOURCE_ANONYMOUS)
        out->unnamed++;
      if (!g_hash_table_lookup_extended (index, key, NULL, &found))
        {
          TlSourceRow r = { 0 };
          r.entity = a->entity;
          r.kind = a->kind;
          if (a->entity >= 0 && named)
            r.name = g_strdup (g_array_index (self->entities, TlEntity, a->entity).name);
          else if (a->entity >= 0)
            r.name = g_strdup_printf ("%s (%s)", printed,
                                      g_array_index (self->entities, TlEntity, a->entity).name);
          else
            r.name = g_strdup (a->resolved ? a->resolved : printed);
          found = GUINT_TO_POINTER (out->rows->len);
          g_array_append_val (out->rows, r);
          g_hash_table_insert (index, g_steal_pointer (&key), found);
        }
      out->row_of[i] = GPOINTER_TO_UINT (found);
      row = &g_array_index (out->rows, TlSourceRow, out->row_of[i]);
      row->count++;
      row->direct += a->direct;
    }

  {
    g_autoptr(GArray) spans = g_array_sized_new (FALSE, FALSE, sizeof (TlSpan), self->attributions->len);
    for (guint i = 0; i < self->attributions->len; i++)
      g_array_append_val (spans, g_array_index (self->attributions, TlAttribution, i).source);
    g_array_sort (spans, span_cmp);
  for (guint e = 0; e < self->entities->len; e++)
    if (g_array_index (self->entities, TlEntity, e).type == TL_ENTITY_MEDIA)
      {
        guint refs = outlet_references (self, e, spans);
        if (refs > best_refs)
          {
            best_refs = refs;
            out->upstream = (gint) e;
          }
      }
  }
  /* One passing citation is not leaning on a wire. */
  if (best_refs < 2)
    out->upstream = -1;
  out->upstream_refs = best_refs;
}

void
_tl_analysis_build_sources (TlAnalysis  *self,
                            JsonBuilder *b)
{
  TlSources src;

  _tl_sources_collect (self, &src);
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < src.rows->len; i++)
    {
      const TlSourceRow *r = &g_array_index (src.rows, TlSourceRow, i);
      const TlEntity *e = r->entity >= 0 ? &g_array_index (self->entities, TlEntity, r->entity) : NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, r->name);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, tl_source_kind_to_string (r->kind));
      json_builder_set_member_name (b, "entity");
      if (e && e->kb)
        json_builder_add_string_value (b, e->kb->id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, r->count);
      json_builder_set_member_name (b, "direct");
      json_builder_add_int_value (b, r->direct);
      json_builder_set_member_name (b, "indirect");
      json_builder_add_int_value (b, r->count - r->direct);
      json_builder_set_member_name (b, "unnamed");
      json_builder_add_boolean_value (b, r->kind == TL_SOURCE_ROLE || r->kind == TL_SOURCE_ANONYMOUS);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "sourcing");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "statements");
  json_builder_add_int_value (b, self->attributions->len);
  json_builder_set_member_name (b, "unnamed_statements");
  json_builder_add_int_value (b, src.unnamed);
  json_builder_set_member_name (b, "unnamed_share");
  json_builder_add_double_value (b, self->attributions->len
                                    ? round (1000.0 * src.unnamed / self->attributions->len) / 1000.0 : 0.0);
  json_builder_set_member_name (b, "upstream");
  if (src.upstream >= 0)
    {
      const TlEntity *e = &g_array_index (self->entities, TlEntity, src.upstream);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, e->name);
      json_builder_set_member_name (b, "entity");
      if (e->kb)
        json_builder_add_string_value (b, e->kb->id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "references");
      json_builder_add_int_value (b, src.upstream_refs);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  _tl_sources_clear (&src);
}
