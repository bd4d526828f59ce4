/* tl-knowledge-base.c — bundled entities plus the user's watch list
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Files are JSON: {"entities": [{"id", "name", "type", "aliases",
 * "context_aliases", "country", "description", "wikidata", "source"}, …]}.
 * "context_aliases" lists ambiguous short forms (and may list the name
 * itself): they match only where the story supports them
 * (tl-kb-context.c). "source" says where the facts come from; it is
 * documentation and is not kept. Every entry is validated
 * on load; an error names the file, the entry and the field, and a file
 * that fails leaves the knowledge base as it was before.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-knowledge-base-private.h"

#include <string.h>

/* Bounds for user-supplied files (the bundled ones are far below). */
#define MAX_FILE_BYTES     ((gsize) 32 * 1024 * 1024)
#define MAX_ALIASES_TOTAL  250000
#define MAX_ALIAS_BYTES    200
#define MAX_FIELD_BYTES    2000

static const char *const bundled_files[] = {
  "countries.json", "places.json", "vendors.json", "operators.json",
  "government.json", "organizations.json", "media.json", "people.json",
  "technology.json", "threats.json", "laws.json",
};

struct _TlKnowledgeBase {
  GObject      parent_instance;
  GPtrArray   *entities;  /* TlKbEntity, owned */
  GHashTable  *by_id;     /* id → TlKbEntity */
  GArray      *aliases;   /* TlKbAlias, rebuilt when dirty */
  GHashTable  *context;   /* entity id → GPtrArray of context-only aliases */
  guint        generation;
  guint        n_alias_total;
  gboolean     aliases_dirty;
};

G_DEFINE_TYPE (TlKnowledgeBase, tl_knowledge_base, G_TYPE_OBJECT)
G_DEFINE_QUARK (tl-kb-error-quark, tl_kb_error)

static void
kb_entity_free (gpointer data)
{
  TlKbEntity *e = data;

  if (e == NULL)  /* moved out of a parse list */
    return;
  g_free (e->id);
  g_free (e->name);
  g_strfreev (e->aliases);
  g_free (e->country);
  g_free (e->description);
  g_free (e->wikidata);
  g_free (e);
}

static void
kb_alias_clear (gpointer data)
{
  TlKbAlias *a = data;
  g_free (a->text);
}

static void
tl_knowledge_base_finalize (GObject *object)
{
  TlKnowledgeBase *self = TL_KNOWLEDGE_BASE (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  g_clear_pointer (&self->aliases, g_array_unref);
  g_clear_pointer (&self->context, g_hash_table_unref);
  G_OBJECT_CLASS (tl_knowledge_base_parent_class)->finalize (object);
}

static void
tl_knowledge_base_class_init (TlKnowledgeBaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_knowledge_base_finalize;
}

static void
tl_knowledge_base_init (TlKnowledgeBase *self)
{
  self->entities = g_ptr_array_new_with_free_func (kb_entity_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->aliases = g_array_new (FALSE, TRUE, sizeof (TlKbAlias));
  g_array_set_clear_func (self->aliases, kb_alias_clear);
  self->context = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
}

/**
 * tl_knowledge_base_new:
 *
 * Returns: (transfer full): an empty knowledge base
 */
TlKnowledgeBase *
tl_knowledge_base_new (void)
{
  return g_object_new (TL_TYPE_KNOWLEDGE_BASE, NULL);
}

TlCaseRule
_tl_case_rule_for (const char *alias)
{
  guint upper = 0, lower = 0;
  gunichar first = 0;

  for (const char *p = alias; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isupper (c))
        upper++;
      else if (g_unichar_islower (c))
        lower++;
      if (first == 0 && g_unichar_isalpha (c))
        first = c;
    }
  if (upper > 0 && lower == 0)
    return TL_CASE_EXACT;
  if (first != 0 && g_unichar_isupper (first))
    return TL_CASE_TITLE;
  return TL_CASE_ANY;
}

/* Aliases follow the span rules: no leading article. */
static char *
normalize_alias (const char *s)
{
  g_autofree char *t = g_strstrip (g_strdup (s));

  if (g_str_has_prefix (t, "The ") || g_str_has_prefix (t, "the "))
    return g_strstrip (g_strdup (t + 4));
  return g_steal_pointer (&t);
}

static gboolean
valid_id (const char *id)
{
  if (*id == '\0' || strlen (id) > 128)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '.'))
      return FALSE;
  return TRUE;
}

static char *
slug_from_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *s = g_string_new ("user-");
  gboolean dash = FALSE;

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && s->len > 5)
            g_string_append_c (s, '-');
          g_string_append_c (s, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  if (s->len == 5)
    g_string_append (s, "entity");
  return g_string_free (s, FALSE);
}

static gboolean
get_optional_string (JsonObject  *obj,
                     const char  *field,
                     char       **out,
                     const char  *where,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (obj, field);
  const char *value;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_INVALID,
                   "%s: field “%s” must be a string", where, field);
      return FALSE;
    }
  value = json_node_get_string (node);
  if (strlen (value) > MAX_FIELD_BYTES)
    {
      g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_INVALID,
                   "%s: field “%s” is longer than %d bytes", where, field, MAX_FIELD_BYTES);
      return FALSE;
    }
  *out = g_strdup (value);
  return TRUE;
}

/* A list of alias strings: each at most MAX_ALIAS_BYTES, without a leading
 * article. A missing or null field is an empty list. */
static gboolean
get_alias_list (JsonObject  *obj,
                const char  *field,
                GPtrArray   *out,
                const char  *where,
                GError     **error)
{
  JsonNode *node = json_object_get_member (obj, field);
  JsonArray *arr;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_INVALID,
                   "%s: field “%s” must be a list of strings", where, field);
      return FALSE;
    }
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *a = json_array_get_element (arr, i);
      const char *s;

      if (!JSON_NODE_HOLDS_VALUE (a) || json_node_get_value_type (a) != G_TYPE_STRING)
        {
          g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_INVALID,
                       "%s: field “%s”, item %u: must be a string", where, field, i + 1);
          return FALSE;
        }
      s = json_node_get_string (a);
      if (strlen (s) > MAX_ALIAS_BYTES)
        {
          g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_INVALID,
                       "%s: field “%s”, item %u: longer than %d bytes",
                       where, field, i + 1, MAX_ALIAS_BYTES);
          return FALSE;
        }
      g_ptr_array_add (out, normalize_alias (s));
    }
  return TRUE;
}

static TlKbEntity *
parse_entry (JsonNode    *node,
             guint        index,
             const char  *origin,
             gboolean     user,
             guint       *n_aliases,
             GPtrArray   *context,
             GError     **error)
{
  g_autoptr(GPtrArray) aliases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = NULL;
  g_autofree char *id = NULL, *name = NULL, *type = NULL;
  TlKbEntity *e;
  JsonObject *obj;
  TlEntityType etype;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_INVALID,
                   "%s: entry %u: must be an object", origin, index + 1);
      return NULL;
    }
  obj = json_node_get_object (node);
  where = g_strdup_printf ("%s: entry %u", origin, index + 1);

  if (!get_optional_string (obj, "name", &name, where, error))
    return NULL;
  if (name == NULL || *g_strstrip (name) == '\0')
    {
      g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_INVALID,
                   "%s: field “name” is missing or empty", where);
      return NULL;
    }
  g_free (where);
  where = g_strdup_printf ("%s: entry %u (“%s”)", origin, index + 1, name);

  if (!get_optional_string (obj, "id", &id, where, error))
    return NULL;
  if (id == NULL && user)
    id = slug_from_name (name);
  if (id == NULL || !valid_id (id))
    {
      g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_INVALID,
                   "%s: field “id” %s (use lowercase letters, digits and “-”)",
                   where, id == NULL ? "is missing" : "is not a valid id");
      return NULL;
    }

  if (!get_optional_string (obj, "type", &type, where, error))
    return NULL;
  if (!tl_entity_type_from_string (type, &etype))
    {
      g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_INVALID,
                   "%s: field “type” %s%s%s (one of vendor, operator, government, "
                   "organization, media, person, place, technology, threat, law, "
                   "vulnerability)", where, type ? "“" : "is missing",
                   type ? type : "", type ? "” is not a known type" : "");
      return NULL;
    }

  if (!get_alias_list (obj, "aliases", aliases, where, error) ||
      !get_alias_list (obj, "context_aliases", context, where, error))
    return NULL;
  *n_aliases += aliases->len + context->len + 1;

  e = g_new0 (TlKbEntity, 1);
  e->type = etype;
  e->user = user;
  if (!get_optional_string (obj, "country", &e->country, where, error) ||
      !get_optional_string (obj, "description", &e->description, where, error) ||
      !get_optional_string (obj, "wikidata", &e->wikidata, where, error))
    {
      kb_entity_free (e);
      return NULL;
    }
  if (e->wikidata != NULL &&
      (e->wikidata[0] != 'Q' || e->wikidata[1] == '\0' ||
       strspn (e->wikidata + 1, "0123456789") != strlen (e->wikidata + 1)))
    {
      g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_INVALID,
                   "%s: field “wikidata”: “%s” is not a Wikidata id like Q148",
                   where, e->wikidata);
      kb_entity_free (e);
      return NULL;
    }
  e->id = g_steal_pointer (&id);
  e->name = g_steal_pointer (&name);
  g_ptr_array_add (aliases, NULL);
  e->aliases = (char **) g_ptr_array_free (g_steal_pointer (&aliases), FALSE);
  return e;
}

static void
replace_if_set (char       **dst,
                const char  *src)
{
  if (src == NULL)
    return;
  g_free (*dst);
  *dst = g_strdup (src);
}

/* A user entry for a known id extends it: more aliases, overridden fields. */
static void
merge_into (TlKbEntity *dst,
            TlKbEntity *src)
{
  GPtrArray *all = g_ptr_array_new ();

  for (char **a = dst->aliases; *a; a++)
    g_ptr_array_add (all, g_strdup (*a));
  if (g_strcmp0 (src->name, dst->name) != 0)
    g_ptr_array_add (all, g_strdup (src->name));
  for (char **a = src->aliases; *a; a++)
    g_ptr_array_add (all, g_strdup (*a));
  g_ptr_array_add (all, NULL);
  g_strfreev (dst->aliases);
  dst->aliases = (char **) g_ptr_array_free (all, FALSE);
  dst->type = src->type;
  replace_if_set (&dst->description, src->description);
  replace_if_set (&dst->country, src->country);
  replace_if_set (&dst->wikidata, src->wikidata);
  dst->user = TRUE;
}

/**
 * tl_knowledge_base_load_data:
 * @self: a #TlKnowledgeBase
 * @data: JSON text
 * @length: its length in bytes
 * @origin: a name for error messages, usually the file name
 * @user: whether the entries come from the user (watch list): user entries
 *   may omit `id`, and override bundled entries with the same id
 * @error: return location for a #GError
 *
 * Validates every entry before adding any: on error nothing changes.
 *
 * Returns: %TRUE on success
 */
gboolean
tl_knowledge_base_load_data (TlKnowledgeBase  *self,
                             const char       *data,
                             gsize             length,
                             const char       *origin,
                             gboolean          user,
                             GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (kb_entity_free);
  g_autoptr(GPtrArray) parsed_context = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);  /* id → entry */
  g_autoptr(GError) local_error = NULL;
  JsonNode *root, *list;
  JsonArray *arr;
  guint n_aliases = 0;

  g_return_val_if_fail (TL_IS_KNOWLEDGE_BASE (self), FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);

  if (length > MAX_FILE_BYTES)
    {
      g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_TOO_LARGE,
                   "%s: file is %" G_GSIZE_FORMAT " MiB, more than the %" G_GSIZE_FORMAT
                   " MiB Telelens loads; split it or remove entries",
                   origin, length >> 20, MAX_FILE_BYTES >> 20);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_PARSE, "%s: %s", origin,
                   local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  list = root;
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    list = json_object_get_member (json_node_get_object (root), "entities");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_INVALID,
                   "%s: expected an object with an “entities” list", origin);
      return FALSE;
    }
  arr = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autoptr(GPtrArray) context = g_ptr_array_new_with_free_func (g_free);
      TlKbEntity *e = parse_entry (json_array_get_element (arr, i), i, origin,
                                   user, &n_aliases, context, error);
      TlKbEntity *old;

      if (e == NULL)
        return FALSE;
      if (self->n_alias_total + n_aliases > MAX_ALIASES_TOTAL)
        {
          kb_entity_free (e);
          g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_TOO_LARGE,
                       "%s: entry %u: more than %d names and aliases in all; "
                       "Telelens keeps highlighting fast by refusing more",
                       origin, i + 1, MAX_ALIASES_TOTAL);
          return FALSE;
        }
      old = g_hash_table_lookup (seen, e->id);
      if (old != NULL || (!user && g_hash_table_contains (self->by_id, e->id)))
        {
          g_set_error (error, TL_KB_ERROR, TL_KB_ERROR_DUPLICATE,
                       "%s: entry %u (“%s”): field “id”: “%s” is already used%s%s",
                       origin, i + 1, e->name, e->id, old ? " by " : "",
                       old ? old->name : "");
          kb_entity_free (e);
          return FALSE;
        }
      g_hash_table_insert (seen, e->id, e);
      g_ptr_array_add (parsed, e);
      g_ptr_array_add (parsed_context, g_steal_pointer (&context));
    }

  for (guint i = 0; i < parsed->len; i++)
    {
      TlKbEntity *e = g_ptr_array_index (parsed, i);
      TlKbEntity *existing = g_hash_table_lookup (self->by_id, e->id);
      GPtrArray *context = g_ptr_array_index (parsed_context, i);

      if (context->len > 0)
        {
          GPtrArray *known = g_hash_table_lookup (self->context, e->id);

          if (known == NULL)
            {
              known = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (self->context, g_strdup (e->id), known);
            }
          for (guint k = 0; k < context->len; k++)
            g_ptr_array_add (known, g_strdup (g_ptr_array_index (context, k)));
        }
      if (existing != NULL)
        {
          merge_into (existing, e);
          continue;
        }
      parsed->pdata[i] = NULL;
      g_ptr_array_add (self->entities, e);
      g_hash_table_insert (self->by_id, e->id, e);
    }
  self->n_alias_total += n_aliases;
  self->aliases_dirty = TRUE;
  self->generation++;
  return TRUE;
}

/**
 * tl_knowledge_base_load_file:
 * @self: a #TlKnowledgeBase
 * @path: a JSON file
 * @user: whether it is a user file (see tl_knowledge_base_load_data())
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
tl_knowledge_base_load_file (TlKnowledgeBase  *self,
                             const char       *path,
                             gboolean          user,
                             GError          **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length = 0;

  g_return_val_if_fail (TL_IS_KNOWLEDGE_BASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  return tl_knowledge_base_load_data (self, contents, length, path, user, error);
}

/**
 * tl_knowledge_base_load_bundled:
 * @self: a #TlKnowledgeBase
 * @error: return location for a #GError
 *
 * Loads the knowledge base compiled into Telelens.
 *
 * Returns: %TRUE on success
 */
gboolean
tl_knowledge_base_load_bundled (TlKnowledgeBase  *self,
                                GError          **error)
{
  g_return_val_if_fail (TL_IS_KNOWLEDGE_BASE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (bundled_files); i++)
    {
      g_autofree char *path = g_strconcat ("/org/telelens/core/kb/", bundled_files[i], NULL);
      g_autofree char *origin = g_strconcat ("kb/", bundled_files[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);
      gsize len;
      const char *data;

      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &len);
      if (!tl_knowledge_base_load_data (self, data, len, origin, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * tl_knowledge_base_get_watch_list_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/telelens/watchlist.json`
 */
char *
tl_knowledge_base_get_watch_list_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "telelens", "watchlist.json", NULL);
}

/**
 * tl_knowledge_base_load_watch_list:
 * @self: a #TlKnowledgeBase
 * @path: (nullable): the file, or %NULL for the default path
 * @error: return location for a #GError
 *
 * Merges the user's own entries. A missing file is not an error.
 *
 * Returns: %TRUE on success or when there is no watch list
 */
gboolean
tl_knowledge_base_load_watch_list (TlKnowledgeBase  *self,
                                   const char       *path,
                                   GError          **error)
{
  g_autofree char *default_path = NULL;

  g_return_val_if_fail (TL_IS_KNOWLEDGE_BASE (self), FALSE);

  if (path == NULL)
    path = default_path = tl_knowledge_base_get_watch_list_path ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  return tl_knowledge_base_load_file (self, path, TRUE, error);
}

guint
tl_knowledge_base_get_n_entities (TlKnowledgeBase *self)
{
  g_return_val_if_fail (TL_IS_KNOWLEDGE_BASE (self), 0);
  return self->entities->len;
}

const TlKbEntity *
tl_knowledge_base_get_nth (TlKnowledgeBase *self,
                           guint            index)
{
  g_return_val_if_fail (TL_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (index < self->entities->len, NULL);
  return g_ptr_array_index (self->entities, index);
}

const TlKbEntity *
tl_knowledge_base_lookup (TlKnowledgeBase *self,
                          const char      *id)
{
  g_return_val_if_fail (TL_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->by_id, id);
}

guint
_tl_knowledge_base_get_generation (TlKnowledgeBase *self)
{
  return self->generation;
}

static void
add_alias (TlKnowledgeBase  *self,
           GHashTable       *seen,
           const TlKbEntity *e,
           const char       *text,
           gboolean          needs_context)
{
  TlKbAlias a;
  g_autofree char *key = NULL;

  if (text == NULL || *text == '\0')
    return;
  key = g_strdup_printf ("%p\n%s", (gpointer) e, text);
  if (!g_hash_table_add (seen, g_steal_pointer (&key)))
    return;
  a.entity = e;
  a.text = g_strdup (text);
  /* An ambiguous short form must appear exactly as listed: "Three", not
   * "THREE"; "du", not "Du". */
  a.rule = needs_context ? TL_CASE_EXACT : _tl_case_rule_for (text);
  a.needs_context = needs_context;
  g_array_append_val (self->aliases, a);
}

static gboolean
in_list (GPtrArray  *list,
         const char *text)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (strcmp (g_ptr_array_index (list, i), text) == 0)
      return TRUE;
  return FALSE;
}

const TlKbAlias *
_tl_knowledge_base_get_aliases (TlKnowledgeBase *self,
                                guint           *n_aliases)
{
  if (self->aliases_dirty)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      g_array_set_size (self->aliases, 0);
      for (guint i = 0; i < self->entities->len; i++)
        {
          const TlKbEntity *e = g_ptr_array_index (self->entities, i);
          GPtrArray *context = g_hash_table_lookup (self->context, e->id);
          g_autofree char *name = normalize_alias (e->name);

          /* A plain alias wins over the same text listed as ambiguous (a
           * user's watch list can make a short form plain again). */
          add_alias (self, seen, e, name,
                     in_list (context, name) && !g_strv_contains ((const char *const *) e->aliases, name));
          for (char **a = e->aliases; *a; a++)
            add_alias (self, seen, e, *a, FALSE);
          for (guint k = 0; context != NULL && k < context->len; k++)
            add_alias (self, seen, e, g_ptr_array_index (context, k), TRUE);
        }
      self->aliases_dirty = FALSE;
    }
  *n_aliases = self->aliases->len;
  return (const TlKbAlias *) (gpointer) self->aliases->data;
}

guint
tl_knowledge_base_get_n_aliases (TlKnowledgeBase *self)
{
  guint n;

  g_return_val_if_fail (TL_IS_KNOWLEDGE_BASE (self), 0);
  _tl_knowledge_base_get_aliases (self, &n);
  return n;
}
