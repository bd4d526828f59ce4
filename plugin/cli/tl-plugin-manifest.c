/* tl-plugin-manifest.c — what `telelens plugin install` did, for uninstall
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-cli.h"
#include "tl-plugin-manifest.h"

#include <errno.h>
#include <glib/gstdio.h>

/* --- The manifest ------------------------------------------------------------------ */

char *
tl_manifest_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "telelens", "installed.json", NULL);
}

JsonArray *
tl_manifest_load (void)
{
  g_autofree char *path = tl_manifest_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *o;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return json_array_new ();
  if (!json_parser_load_from_file (parser, path, NULL) || (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root) || (o = json_node_get_object (root)) == NULL ||
      !json_object_has_member (o, "installed") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "installed")))
    {
      tl_cli_fail ("plugin: %s is damaged; it is ignored (remove it, and Telelens's files by hand)", path);
      return json_array_new ();
    }
  return json_array_ref (json_object_get_array_member (o, "installed"));
}

gboolean
tl_manifest_save (JsonArray *installed)
{
  g_autofree char *path = tl_manifest_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (json_array_get_length (installed) == 0)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        tl_cli_fail ("plugin: cannot remove %s: %s", path, g_strerror (errno));
      return TRUE;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "installed");
  json_builder_add_value (b, json_node_init_array (json_node_alloc (), installed));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_set_contents (path, text, -1, &error))
    {
      tl_cli_fail ("plugin: cannot record what was installed in %s: %s", path,
                   error ? error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

JsonObject *
tl_manifest_find (JsonArray  *installed,
               const char *program,
               guint      *index)
{
  for (guint i = 0; i < json_array_get_length (installed); i++)
    {
      JsonObject *o = json_array_get_object_element (installed, i);
      if (o && g_strcmp0 (json_object_get_string_member_with_default (o, "program", ""), program) == 0)
        {
          if (index)
            *index = i;
          return o;
        }
    }
  return NULL;
}

gboolean
tl_manifest_has_file (JsonArray  *installed,
                   const char *path)
{
  for (guint i = 0; i < json_array_get_length (installed); i++)
    {
      JsonObject *o = json_array_get_object_element (installed, i);
      JsonArray *files = o && json_object_has_member (o, "files") ? json_object_get_array_member (o, "files") : NULL;
      for (guint j = 0; files && j < json_array_get_length (files); j++)
        if (g_strcmp0 (json_array_get_string_element (files, j), path) == 0)
          return TRUE;
    }
  return FALSE;
}

