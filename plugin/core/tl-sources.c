/* tl-sources.c — the story's sources at a glance, and their JSON
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One row per distinct source (by entity when resolved, else by the words
 * printed), with its kind and how many statements rest on it, plus the
 * story-level picture: the share of statements from role-only or anonymous
 * sources, and the upstream outlet the story leans on — an outlet cited as a
 * source, told things ("told Reuters"), or named in a dateline ("(Reuters)").
 *
 * Built from the public TlAnalysis API only; the one writer of the
 * `sources` and `sourcing` members of the annotate JSON.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "telelens/telelens.h"

#include <math.h>
#include <string.h>

typedef struct {
  TlSource  pub;
  char     *name;       /* owns pub.name */
  char     *entity_id;  /* owns pub.entity_id */
} Row;

struct _TlSources {
  GObject  parent_instance;
  GArray  *rows;          /* Row */
  guint   *row_of;        /* statement index → row */
  guint    n_statements;
  guint    unnamed;       /* statements from role-only or anonymous sources */
  gint     upstream;      /* entity index of the outlet leaned on, or -1 */
  guint    upstream_refs;
  char    *upstream_name;
  char    *upstream_id;
};

G_DEFINE_FINAL_TYPE (TlSources, tl_sources, G_TYPE_OBJECT)

static void
row_clear (gpointer data)
{
  Row *r = data;
  g_free (r->name);
  g_free (r->entity_id);
}

static void
tl_sources_finalize (GObject *object)
{
  TlSources *self = TL_SOURCES (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->row_of, g_free);
  g_clear_pointer (&self->upstream_name, g_free);
  g_clear_pointer (&self->upstream_id, g_free);
  G_OBJECT_CLASS (tl_sources_parent_class)->finalize (object);
}

static void
tl_sources_class_init (TlSourcesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_sources_finalize;
}

static void
tl_sources_init (TlSources *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->upstream = -1;
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
outlet_references (const char      *text,
                   const TlMention *mentions,
                   const TlEntity  *e,
                   GArray          *source_spans)
{
  guint refs = 0;

  for (guint k = 0; k < e->mentions->len; k++)
    {
      const TlMention *m = &mentions[g_array_index (e->mentions, guint, k)];
      gboolean counted = inside_source (source_spans, m->start, m->end);

      if (!counted && m->start >= 5 && strncmp (text + m->start - 5, "told ", 5) == 0)
        counted = TRUE;
      if (!counted && m->start >= 1 && text[m->start - 1] == '(' && text[m->end] == ')')
        counted = TRUE;
      refs += counted;
    }
  return refs;
}

static void
find_upstream (TlSources           *self,
               TlAnalysis          *analysis,
               const TlAttribution *attr,
               guint                n_attr)
{
  const char *text = tl_analysis_get_text (analysis, NULL);
  guint n_mentions, n_entities, best_refs = 0;
  const TlMention *mentions = tl_analysis_get_mentions (analysis, &n_mentions);
  const TlEntity *entities = tl_analysis_get_entities (analysis, &n_entities);
  g_autoptr(GArray) spans = g_array_sized_new (FALSE, FALSE, sizeof (TlSpan), n_attr);

  for (guint i = 0; i < n_attr; i++)
    g_array_append_val (spans, attr[i].source);
  g_array_sort (spans, span_cmp);
  for (guint e = 0; e < n_entities; e++)
    if (entities[e].type == TL_ENTITY_MEDIA)
      {
        guint refs = outlet_references (text, mentions, &entities[e], spans);
        if (refs > best_refs)
          {
            best_refs = refs;
            self->upstream = (gint) e;
          }
      }
  /* One passing citation is not leaning on a wire. */
  if (best_refs < 2)
    self->upstream = -1;
  self->upstream_refs = best_refs;
  if (self->upstream >= 0)
    {
      const TlEntity *e = &entities[self->upstream];
      self->upstream_name = g_strdup (e->name);
      self->upstream_id = e->kb ? g_strdup (e->kb->id) : NULL;
    }
}

/* "the decree" after "a decree published on Thursday", "the document"
 * after any document: the row of the document the story spoke of last
 * (within the last 50 statements), or -1. @low is statement @i's source,
 * lower case. */
static gint
earlier_document (TlSources           *self,
                  const char          *text,
                  const TlAttribution *attr,
                  guint                i,
                  const char          *low)
{
  const char *noun;
  gsize n;

  if (!g_str_has_prefix (low, "the ") || low[4] == '\0' || strchr (low + 4, ' ') != NULL)
    return -1;
  noun = low + 4;
  n = strlen (noun);
  for (guint k = i; k > 0 && i - k < 50; k--)
    {
      const TlAttribution *b = &attr[k - 1];
      g_autofree char *printed = NULL;
      const char *p;

      if (b->kind != TL_SOURCE_DOCUMENT)
        continue;
      if (strcmp (noun, "document") == 0)
        return (gint) self->row_of[k - 1];
      printed = g_ascii_strdown (text + b->source.start, b->source.end - b->source.start);
      for (p = strstr (printed, noun); p != NULL; p = strstr (p + 1, noun))
        if ((p == printed || !g_ascii_isalnum (p[-1])) && !g_ascii_isalnum (p[n]))
          return (gint) self->row_of[k - 1];
    }
  return -1;
}

/**
 * tl_sources_new:
 * @analysis: a #TlAnalysis
 *
 * Groups the statements of @analysis by source: by entity for named sources,
 * else by the words printed (unnamed sources tied to an entity, such as "a
 * study from the Pentagon", stay apart from the entity itself; "the decree"
 * and "the document" join the document spoken of before), in the order
 * the sources first speak. Finds the upstream outlet the story leans on.
 *
 * Returns: (transfer full): the sources; they do not refer to @analysis
 */
TlSources *
tl_sources_new (TlAnalysis *analysis)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TlSources *self;
  const char *text;
  guint n_attr, n_entities;
  const TlAttribution *attr;
  const TlEntity *entities;

  g_return_val_if_fail (TL_IS_ANALYSIS (analysis), NULL);

  self = g_object_new (TL_TYPE_SOURCES, NULL);
  text = tl_analysis_get_text (analysis, NULL);
  attr = tl_analysis_get_attributions (analysis, &n_attr);
  entities = tl_analysis_get_entities (analysis, &n_entities);
  self->n_statements = n_attr;
  self->row_of = g_new0 (guint, n_attr + 1);

  for (guint i = 0; i < n_attr; i++)
    {
      const TlAttribution *a = &attr[i];
      g_autofree char *printed = g_strndup (text + a->source.start, a->source.end - a->source.start);
      gboolean named = a->kind == TL_SOURCE_PERSON || a->kind == TL_SOURCE_ORGANIZATION ||
                       a->kind == TL_SOURCE_OUTLET;
      g_autofree char *low = g_utf8_strdown (printed, -1);
      g_autofree char *key = a->entity >= 0 && named ? g_strdup_printf ("e%d", a->entity)
                                                     : g_strdup_printf ("%s\n%d", low, a->entity);
      gpointer found;
      Row *row;

      gint earlier = a->kind == TL_SOURCE_DOCUMENT ? earlier_document (self, text, attr, i, low) : -1;

      if (a->kind == TL_SOURCE_ROLE || a->kind == TL_SOURCE_ANONYMOUS)
        self->unnamed++;
      if (earlier >= 0)
        found = GINT_TO_POINTER (earlier);
      else if (!g_hash_table_lookup_extended (index, key, NULL, &found))
        {
          Row r = { 0 };
          const TlEntity *e = a->entity >= 0 ? &entities[a->entity] : NULL;

          r.pub.entity = a->entity;
          r.pub.kind = a->kind;
          if (e != NULL && named)
            r.name = g_strdup (e->name);
          else if (e != NULL)
            r.name = g_strdup_printf ("%s (%s)", printed, e->name);
          else
            r.name = g_strdup (a->resolved ? a->resolved : printed);
          r.entity_id = e != NULL && e->kb != NULL ? g_strdup (e->kb->id) : NULL;
          r.pub.name = r.name;
          r.pub.entity_id = r.entity_id;
          found = GUINT_TO_POINTER (self->rows->len);
          g_array_append_val (self->rows, r);
          g_hash_table_insert (index, g_steal_pointer (&key), found);
        }
      self->row_of[i] = GPOINTER_TO_UINT (found);
      row = &g_array_index (self->rows, Row, self->row_of[i]);
      row->pub.count++;
      row->pub.direct += a->direct;
    }
  find_upstream (self, analysis, attr, n_attr);
  return self;
}

/**
 * tl_sources_get_n_sources:
 * @self: a #TlSources
 *
 * Returns: the number of distinct sources
 */
guint
tl_sources_get_n_sources (TlSources *self)
{
  g_return_val_if_fail (TL_IS_SOURCES (self), 0);
  return self->rows->len;
}

/**
 * tl_sources_get_source:
 * @self: a #TlSources
 * @index: a source index, below tl_sources_get_n_sources()
 *
 * Returns: (transfer none): the source, valid as long as @self
 */
const TlSource *
tl_sources_get_source (TlSources *self,
                       guint      index)
{
  g_return_val_if_fail (TL_IS_SOURCES (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return &g_array_index (self->rows, Row, index).pub;
}

/**
 * tl_sources_get_source_of:
 * @self: a #TlSources
 * @statement: an index into tl_analysis_get_attributions()
 *
 * Returns: the index of the source that @statement rests on
 */
guint
tl_sources_get_source_of (TlSources *self,
                          guint      statement)
{
  g_return_val_if_fail (TL_IS_SOURCES (self), 0);
  g_return_val_if_fail (statement < self->n_statements, 0);
  return self->row_of[statement];
}

/**
 * tl_sources_get_n_statements:
 * @self: a #TlSources
 *
 * Returns: the number of statements, as in tl_analysis_get_attributions()
 */
guint
tl_sources_get_n_statements (TlSources *self)
{
  g_return_val_if_fail (TL_IS_SOURCES (self), 0);
  return self->n_statements;
}

/**
 * tl_sources_get_unnamed_statements:
 * @self: a #TlSources
 *
 * Returns: how many statements come from role-only or anonymous sources
 */
guint
tl_sources_get_unnamed_statements (TlSources *self)
{
  g_return_val_if_fail (TL_IS_SOURCES (self), 0);
  return self->unnamed;
}

/**
 * tl_sources_get_upstream:
 * @self: a #TlSources
 * @references: (out) (optional): how often the story refers to that outlet
 *   as a source, an addressee ("told Reuters") or in a dateline
 *
 * The news outlet the story leans on: the one referred to most, at least
 * twice.
 *
 * Returns: the outlet's index in tl_analysis_get_entities(), or -1
 */
gint
tl_sources_get_upstream (TlSources *self,
                         guint     *references)
{
  g_return_val_if_fail (TL_IS_SOURCES (self), -1);
  if (references)
    *references = self->upstream_refs;
  return self->upstream;
}

/**
 * tl_sources_add_json:
 * @self: a #TlSources
 * @builder: a #JsonBuilder inside an object
 *
 * Adds the `sources` array and the `sourcing` object of the `telelens
 * annotate` JSON (docs/api.md) to the object being built.
 */
void
tl_sources_add_json (TlSources   *self,
                     JsonBuilder *b)
{
  g_return_if_fail (TL_IS_SOURCES (self));
  g_return_if_fail (JSON_IS_BUILDER (b));

  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const TlSource *r = &g_array_index (self->rows, Row, i).pub;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, r->name);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, tl_source_kind_to_string (r->kind));
      json_builder_set_member_name (b, "entity");
      if (r->entity_id)
        json_builder_add_string_value (b, r->entity_id);
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
  json_builder_add_int_value (b, self->n_statements);
  json_builder_set_member_name (b, "unnamed_statements");
  json_builder_add_int_value (b, self->unnamed);
  json_builder_set_member_name (b, "unnamed_share");
  json_builder_add_double_value (b, self->n_statements
                                    ? round (1000.0 * self->unnamed / self->n_statements) / 1000.0 : 0.0);
  json_builder_set_member_name (b, "upstream");
  if (self->upstream >= 0)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, self->upstream_name);
      json_builder_set_member_name (b, "entity");
      if (self->upstream_id)
        json_builder_add_string_value (b, self->upstream_id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "references");
      json_builder_add_int_value (b, self->upstream_refs);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}
