/* tl-lexicon.c — loads data/lexicon.json from the bundled resources
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-lexicon-private.h"

/* Parses the bundled data file @name (e.g. `cues.json`) into @parser and
 * returns its top-level object, owned by @parser. */
JsonObject *
_tl_json_resource_object (JsonParser *parser,
                          const char *name,
                          GError    **error)
{
  g_autofree char *path = g_strconcat ("/org/telelens/core/", name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);
  gsize len;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, TL_ANALYZER_ERROR, TL_ANALYZER_ERROR_LEXICON, "%s: expected an object", name);
      return NULL;
    }
  return json_node_get_object (json_parser_get_root (parser));
}

/* The strings of root[member] as a set, lowercased on request. */
GHashTable *
_tl_json_string_set (JsonObject *root,
                     const char *member,
                     gboolean    lowercase)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonNode *node = json_object_get_member (root, member);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *arr = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          const char *s = json_array_get_string_element (arr, i);
          if (s != NULL)
            g_hash_table_add (set, lowercase ? g_utf8_strdown (s, -1) : g_strdup (s));
        }
    }
  return set;
}

void
_tl_lexicon_free (TlLexicon *lexicon)
{
  if (lexicon == NULL)
    return;
  g_clear_pointer (&lexicon->given_names, g_hash_table_unref);
  g_clear_pointer (&lexicon->honorifics, g_hash_table_unref);
  g_clear_pointer (&lexicon->roles, g_hash_table_unref);
  g_clear_pointer (&lexicon->government_heads, g_hash_table_unref);
  g_clear_pointer (&lexicon->short_form_heads, g_hash_table_unref);
  g_clear_pointer (&lexicon->org_suffixes, g_hash_table_unref);
  g_clear_pointer (&lexicon->stop_capitals, g_hash_table_unref);
  g_free (lexicon);
}

TlLexicon *
_tl_lexicon_load (GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(TlLexicon) lex = g_new0 (TlLexicon, 1);
  JsonObject *root;
  JsonNode *suffixes;

  if ((root = _tl_json_resource_object (parser, "lexicon.json", error)) == NULL)
    return NULL;
  lex->given_names = _tl_json_string_set (root, "given_names", FALSE);
  lex->honorifics = _tl_json_string_set (root, "honorifics", FALSE);
  lex->roles = _tl_json_string_set (root, "roles", TRUE);
  lex->government_heads = _tl_json_string_set (root, "government_heads", FALSE);
  lex->short_form_heads = _tl_json_string_set (root, "short_form_heads", FALSE);
  lex->stop_capitals = _tl_json_string_set (root, "stop_capitals", FALSE);
  lex->org_suffixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  suffixes = json_object_get_member (root, "org_suffixes");
  if (suffixes != NULL && JSON_NODE_HOLDS_OBJECT (suffixes))
    {
      JsonObject *obj = json_node_get_object (suffixes);
      g_autoptr(GList) members = json_object_get_members (obj);

      for (GList *l = members; l; l = l->next)
        {
          TlEntityType type;
          JsonArray *arr;

          if (!tl_entity_type_from_string (l->data, &type))
            continue;
          arr = json_object_get_array_member (obj, l->data);
          for (guint i = 0; arr && i < json_array_get_length (arr); i++)
            g_hash_table_insert (lex->org_suffixes,
                                 g_strdup (json_array_get_string_element (arr, i)),
                                 GINT_TO_POINTER (type + 1));
        }
    }
  return g_steal_pointer (&lex);
}
