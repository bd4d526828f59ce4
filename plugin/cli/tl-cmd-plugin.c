/* tl-cmd-plugin.c — telelens plugin install|uninstall|status
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Installs Telelens into the readers found on this machine, per user: the
 * build made for each reader's generation (tl-plugin-hosts.c), copied into
 * the reader's per-user plugin folder with its compiled settings schema
 * (the plugin reads it from beside its module), then enabled in the
 * reader's settings. What install did is written to
 * $XDG_DATA_HOME/telelens/installed.json, and uninstall undoes exactly that.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-cli.h"
#include "tl-index.h"
#include "tl-plugin-hosts.h"
#include "tl-plugin-manifest.h"
#include "tl-plugin-ops.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_INDEX_URL "http://127.0.0.1:47611"

typedef struct {
  const char             *reader;
  const char             *program;
  char                   *path;     /* NULL: not on this machine */
  char                   *version;  /* NULL: could not tell */
  const TlHostGeneration *gen;      /* NULL: no Telelens build for it */
} Found;

static void
found_clear (Found *f)
{
  g_free (f->path);
  g_free (f->version);
}

/* --- Finding the readers ----------------------------------------------------- */

static char *
reader_version (const char *path,
                const char *package)
{
  const char *argv[] = { path, "--version", NULL };
  g_autofree char *out = NULL;
  int status = 0;
  char *v;

  if (tl_run_capture (argv, 15, &out, NULL, &status, NULL) && status == 0 &&
      (v = tl_version_parse (out)) != NULL)
    return v;
  {
    const char *dpkg[] = { "dpkg-query", "-W", "-f=${Version}", package, NULL };
    g_clear_pointer (&out, g_free);
    if (tl_run_capture (dpkg, 15, &out, NULL, &status, NULL) && status == 0)
      return tl_version_parse (out);
  }
  return NULL;
}

/* Each reader (a program) once, with the generation its version names. When
 * the program itself is a binary, what it links decides: a Liferea whose
 * version says one thing and whose WebKit says another takes the build for
 * its WebKit. */
static GArray *
find_readers (void)
{
  guint n;
  const TlHostGeneration *gens = tl_host_generations (&n);
  GArray *found = g_array_new (FALSE, TRUE, sizeof (Found));

  g_array_set_clear_func (found, (GDestroyNotify) found_clear);
  for (guint i = 0; i < n; i++)
    {
      Found f = { gens[i].reader, gens[i].program, NULL, NULL, NULL };
      g_auto(GStrv) needed = NULL;
      gboolean seen = FALSE;

      for (guint j = 0; j < found->len; j++)
        seen |= strcmp (g_array_index (found, Found, j).program, f.program) == 0;
      if (seen)
        continue;
      if ((f.path = g_find_program_in_path (f.program)) != NULL)
        {
          f.version = reader_version (f.path, gens[i].package);
          needed = tl_elf_needed (f.path, NULL);
          for (guint j = 0; j < n; j++)
            if (strcmp (gens[j].program, f.program) == 0 && f.version &&
                tl_host_generation_takes (&gens[j], f.version))
              f.gen = &gens[j];
          /* (Generations told apart by a series written in the build link alike.) */
          if (needed)
            for (guint j = 0; j < n; j++)
              if (strcmp (gens[j].program, f.program) == 0 && gens[j].series_tag == NULL &&
                  tl_host_links (needed, gens[j].needs) &&
                  (f.gen == NULL || !tl_host_links (needed, f.gen->needs)))
                f.gen = &gens[j];
        }
      g_array_append_val (found, f);
    }
  return found;
}

static char *
supported_list (const char *program)
{
  guint n;
  const TlHostGeneration *gens = tl_host_generations (&n);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    if (strcmp (gens[i].program, program) == 0)
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", gens[i].generation);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
same_dir (const char *a,
          const char *b)
{
  g_autofree char *ra = realpath (a, NULL);
  g_autofree char *rb = realpath (b, NULL);
  return ra && rb && strcmp (ra, rb) == 0;
}

static char *
home_relative (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = strlen (home);

  if (len > 1 && g_str_has_prefix (path, home) && path[len] == '/')
    return g_strconcat ("~", path + len, NULL);
  return g_strdup (path);
}

/* The modules of every generation of @program but @keep: never enabled beside it. */
static GStrv
other_modules (const char *program,
               const char *keep)
{
  guint n;
  const TlHostGeneration *gens = tl_host_generations (&n);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < n; i++)
    if (strcmp (gens[i].program, program) == 0 && g_strcmp0 (gens[i].module, keep) != 0)
      g_strv_builder_add (b, gens[i].module);
  return g_strv_builder_end (b);
}

static gboolean
file_mentions (const char *path,
               const char *what)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  return g_file_get_contents (path, &data, &len, NULL) && memmem (data, len, what, strlen (what)) != NULL;
}

/* Copies through a temporary file in the same folder, renamed over the
 * target: Liferea never sees half a module. */
static gboolean
copy_into (const char  *src,
           const char  *target,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.%d.tmp", dir, base, (int) getpid ());
  g_autoptr(GFile) from = g_file_new_for_path (src);
  g_autoptr(GFile) to = g_file_new_for_path (tmp);

  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, error))
    return FALSE;
  if (g_chmod (tmp, 0644) != 0 || g_rename (tmp, target) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "cannot write %s: %s", target,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Files of other generations of this reader's Telelens in @dest: they
 * would abort it if enabled. */
static void
remove_other_generations (const TlHostGeneration *gen,
                          const char             *dest,
                          const char             *version)
{
  guint n;
  const TlHostGeneration *gens = tl_host_generations (&n);

  for (guint i = 0; i < n; i++)
    {
      /* (A generation whose files have this one's names is overwritten.) */
      if (&gens[i] == gen || strcmp (gens[i].program, gen->program) != 0 ||
          strcmp (gens[i].files[0], gen->files[0]) == 0)
        continue;
      for (guint k = 0; k <= G_N_ELEMENTS (gens[i].files); k++)
        {
          const char *name = k < G_N_ELEMENTS (gens[i].files) ? gens[i].files[k] : gens[i].optional_file;
          g_autofree char *p = NULL, *shown = NULL;

          if (name == NULL)
            continue;
          p = g_build_filename (dest, name, NULL);
          shown = home_relative (p);
          if (g_unlink (p) == 0)
            printf ("%s %s: removed %s (built for %s %s; it would abort this one)\n",
                    gen->reader, version, shown, gens[i].reader, gens[i].generation);
        }
    }
}

/* The folder with the build for @gen: the first of @from (--from) that has
 * one; without --from, the package's (system-wide) or where `meson install`
 * put it. G_IO_ERROR_NOT_FOUND: no build of this reader in any of them. */
static const char *
build_source (const TlHostGeneration *gen,
              const char             *version,
              const char *const      *from,
              GError                **error)
{
  const char *const defaults[] = { gen->system_dir, gen->builds_dir, NULL };
  const char *const *dirs = from ? from : defaults;
  g_autoptr(GError) first = NULL;

  for (guint i = 0; dirs[i]; i++)
    {
      g_autoptr(GError) local = NULL;
      if (tl_host_find_build (gen, dirs[i], version, &local))
        return dirs[i];
      /* A build refused says more than a folder without one. */
      if (first == NULL || (g_error_matches (first, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
                            !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)))
        g_set_error_literal (&first, local->domain, local->code, local->message);
    }
  g_propagate_error (error, g_steal_pointer (&first));
  return NULL;
}

static gboolean
install_one (Found             *f,
             const char *const *from,
             JsonArray         *installed,
             GError           **error)
{
  const TlHostGeneration *gen = f->gen;
  const char *src;
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(JsonArray) files = json_array_new ();
  g_autoptr(JsonArray) dirs = json_array_new ();
  g_auto(GStrv) others = other_modules (gen->program, gen->module);
  gboolean system_wide = FALSE, changed = FALSE;
  JsonObject *before = tl_manifest_find (installed, gen->program, NULL);
  guint old;

  if ((src = build_source (gen, f->version, from, error)) == NULL)
    return FALSE;
  /* Folders an earlier install made stay recorded. */
  if (before && json_object_has_member (before, "dirs"))
    {
      JsonArray *had = json_object_get_array_member (before, "dirs");
      for (guint i = 0; had && i < json_array_get_length (had); i++)
        if (json_array_get_string_element (had, i))
          json_array_add_string_element (dirs, json_array_get_string_element (had, i));
    }
  /* Installed system-wide (the package) and no other build asked for: that one. */
  system_wide = same_dir (src, gen->system_dir);

  if (system_wide)
    printf ("%s %s: Telelens for %s %s is installed system-wide (%s)\n", f->reader, f->version, gen->reader,
            gen->generation, gen->system_dir);
  else if (gen->user_dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s takes Telelens only system-wide (into %s): install the package", gen->reader,
                   gen->system_dir);
      return FALSE;
    }
  else
    {
      g_autofree char *dest = g_build_filename (g_get_user_data_dir (), gen->user_dir, NULL);
      g_autofree char *shown = home_relative (dest);
      g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
      char *up = g_strdup (dest);

      /* The folders made here are recorded (shallowest first): uninstall
       * removes them again when nothing else is in them. */
      while (!g_file_test (up, G_FILE_TEST_EXISTS) && strcmp (up, "/") != 0 && strcmp (up, ".") != 0)
        {
          g_ptr_array_insert (made, 0, up);
          up = g_path_get_dirname (up);
        }
      g_free (up);
      for (guint i = 0; i < made->len; i++)
        json_array_add_string_element (dirs, g_ptr_array_index (made, i));
      if (g_mkdir_with_parents (dest, 0755) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot create %s: %s", dest,
                       g_strerror (errno));
          return FALSE;
        }
      remove_other_generations (gen, dest, f->version);
      for (guint i = 0; i <= G_N_ELEMENTS (gen->files); i++)
        {
          const char *name = i < G_N_ELEMENTS (gen->files) ? gen->files[i] : gen->schema;
          g_autofree char *s = NULL, *t = NULL;

          if (name == NULL)
            continue;
          s = g_build_filename (src, name, NULL);
          t = g_build_filename (dest, name, NULL);
          if (!g_file_test (s, G_FILE_TEST_IS_REGULAR))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "%s has no %s (the compiled settings schema the build makes): rebuild", src, name);
              return FALSE;
            }
          /* The schema file has a generic name: never overwrite another plugin's. */
          if (name == gen->schema && g_file_test (t, G_FILE_TEST_EXISTS) &&
              !tl_manifest_has_file (installed, t) && !file_mentions (t, "org.telelens.plugin"))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           "%s belongs to another plugin; Telelens would overwrite it: move it away first", t);
              return FALSE;
            }
          if (!same_dir (src, dest) && !copy_into (s, t, error))
            return FALSE;
          json_array_add_string_element (files, t);
        }
      if (gen->optional_file)
        {
          g_autofree char *s = g_build_filename (src, gen->optional_file, NULL);
          g_autofree char *t = g_build_filename (dest, gen->optional_file, NULL);

          if (g_file_test (s, G_FILE_TEST_IS_REGULAR))
            {
              if (!same_dir (src, dest) && !copy_into (s, t, error))
                return FALSE;
              json_array_add_string_element (files, t);
            }
          else
            printf ("%s %s: this build has no %s (the analysis in WebKit's web process): the highlights "
                    "come from the reader\n", f->reader, f->version, gen->optional_file);
        }
      printf ("%s %s: installed Telelens for %s %s (%s) into %s\n", f->reader, f->version, gen->reader,
              gen->generation, gen->module, shown);
    }

  /* Recorded before enabling: uninstall removes the files even if that fails. */
  json_object_set_string_member (entry, "reader", gen->reader);
  json_object_set_string_member (entry, "program", gen->program);
  json_object_set_string_member (entry, "version", f->version);
  json_object_set_string_member (entry, "generation", gen->generation);
  json_object_set_string_member (entry, "module", gen->module);
  json_object_set_string_member (entry, "where", system_wide ? "system" : "user");
  json_object_set_array_member (entry, "files", json_array_ref (files));
  json_object_set_array_member (entry, "dirs", json_array_ref (dirs));
  if (tl_manifest_find (installed, gen->program, &old))
    json_array_remove_element (installed, old);
  json_array_add_object_element (installed, json_object_ref (entry));
  if (!tl_manifest_save (installed))
    return FALSE;

  if (gen->enable_schema == NULL)
    {
      printf ("%s %s: %s loads it at its next start (restart %s if it is running)\n", f->reader, f->version,
              gen->reader, gen->reader);
      return TRUE;
    }
  if (!tl_host_list_update (gen->enable_schema, gen->enable_key, gen->module, (const char *const *) others,
                            &changed, error))
    {
      g_prefix_error (error, "installed, but could not enable it in %s's settings: ", gen->reader);
      return FALSE;
    }
  printf ("%s %s: %s %s in %s's plugins (%s %s)%s\n", f->reader, f->version, changed ? "enabled" : "already enabled",
          gen->module, gen->reader, gen->enable_schema, gen->enable_key,
          changed ? "; restart it if it is running" : "");
  return TRUE;
}

/* Every reader found gets the build made for it; a reader with no build in
 * the folders looked in (or a version Telelens has no build for) is
 * skipped with a note, unless nothing at all was installed. */
static int
cmd_install (int    argc,
             char **argv)
{
  g_auto(GStrv) from = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— install Telelens into the readers on this machine, for you");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(JsonArray) installed = NULL;
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  guint readers = 0, failed = 0, done = 0;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &from,
      "A folder with builds (a build tree's plugin/liferea or plugin/evolution; may be repeated); "
      "default: where they were installed", "DIR" },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      tl_cli_fail ("plugin install: %s", error->message);
      return 2;
    }
  for (guint i = 0; from && from[i]; i++)
    if (!g_file_test (from[i], G_FILE_TEST_IS_DIR))
      {
        tl_cli_fail ("plugin install: --from %s is not a folder", from[i]);
        return 2;
      }
  found = find_readers ();
  installed = tl_manifest_load ();
  for (guint i = 0; i < found->len; i++)
    {
      Found *f = &g_array_index (found, Found, i);
      g_autoptr(GError) local = NULL;

      if (f->path == NULL)
        continue;
      readers++;
      if (f->gen == NULL)
        {
          g_autofree char *list = supported_list (f->program);
          g_ptr_array_add (skipped, g_strdup_printf ("%s %s: Telelens has no build for this version (it supports %s %s)",
                                                     f->reader, f->version ? f->version : "(version unknown)",
                                                     f->reader, list));
        }
      else if (install_one (f, (const char *const *) from, installed, &local))
        done++;
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_ptr_array_add (skipped, g_strdup_printf ("%s %s: %s", f->reader, f->version, local->message));
      else
        {
          tl_cli_fail ("plugin install: %s %s: %s", f->reader, f->version, local->message);
          failed++;
        }
    }
  if (readers == 0)
    {
      tl_cli_fail ("plugin install: no reader Telelens supports was found (looked for liferea and evolution "
                   "on PATH); install Liferea or Evolution first");
      return 1;
    }
  /* Skipped readers are why nothing happened, or a note beside what did. */
  for (guint i = 0; i < skipped->len; i++)
    if (done == 0 && failed == 0)
      tl_cli_fail ("plugin install: %s", (char *) g_ptr_array_index (skipped, i));
    else
      printf ("%s; skipped\n", (char *) g_ptr_array_index (skipped, i));
  return failed || done == 0 ? 1 : 0;
}

/* --- uninstall ---------------------------------------------------------------- */

static gboolean
uninstall_one (JsonObject *entry)
{
  const char *reader = json_object_get_string_member_with_default (entry, "reader", "?");
  const char *program = json_object_get_string_member_with_default (entry, "program", "");
  JsonArray *files = json_object_has_member (entry, "files") ? json_object_get_array_member (entry, "files") : NULL;
  guint n, removed = 0;
  const TlHostGeneration *gens = tl_host_generations (&n);
  gboolean ok = TRUE;

  for (guint i = 0; files && i < json_array_get_length (files); i++)
    {
      const char *p = json_array_get_string_element (files, i);
      if (p == NULL)
        continue;
      if (g_unlink (p) == 0)
        removed++;
      else if (errno != ENOENT)
        {
          tl_cli_fail ("plugin uninstall: cannot remove %s: %s", p, g_strerror (errno));
          ok = FALSE;
        }
    }
  if (removed)
    printf ("%s: removed %u Telelens files\n", reader, removed);
  /* The folders install made, deepest first, when nothing else is in them. */
  if (json_object_has_member (entry, "dirs") && json_object_get_array_member (entry, "dirs"))
    {
      JsonArray *dirs = json_object_get_array_member (entry, "dirs");
      for (guint i = json_array_get_length (dirs); i > 0; i--)
        {
          const char *d = json_array_get_string_element (dirs, i - 1);
          if (d && g_rmdir (d) != 0 && errno != ENOENT && errno != ENOTEMPTY && errno != EEXIST)
            g_debug ("kept %s: %s", d, g_strerror (errno));
        }
    }
  for (guint i = 0; i < n; i++)
    if (strcmp (gens[i].program, program) == 0 && gens[i].enable_schema)
      {
        g_auto(GStrv) modules = other_modules (program, NULL);
        g_autoptr(GError) error = NULL;
        gboolean changed = FALSE;

        if (!tl_host_list_update (gens[i].enable_schema, gens[i].enable_key, NULL, (const char *const *) modules,
                                  &changed, &error))
          {
            tl_cli_fail ("plugin uninstall: %s: could not disable Telelens: %s", reader, error->message);
            ok = FALSE;
          }
        else if (changed)
          printf ("%s: disabled Telelens in %s's plugins\n", reader, reader);
        break;
      }
  return ok;
}

static gboolean
remove_tree (const char  *path,
             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot remove %s: %s", path,
                       g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }
  if ((dir = g_dir_open (path, 0, error)) == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (!remove_tree (child, error))
        return FALSE;
    }
  if (g_rmdir (path) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot remove %s: %s", path,
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static int
cmd_uninstall (int    argc,
               char **argv)
{
  gboolean purge = FALSE;
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— undo what “telelens plugin install” did, stop the index");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) installed = NULL;
  g_autoptr(JsonArray) kept = json_array_new ();
  g_autofree char *db = tl_index_default_path ();
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "telelens", NULL);
  g_autofree char *log = g_build_filename (g_get_user_cache_dir (), "telelens-serve.log", NULL);
  long pid = 0;
  gboolean ok = TRUE, stopped;
  GOptionEntry entries[] = {
    { "purge", 0, 0, G_OPTION_ARG_NONE, &purge, "Also delete the index, its token and your watch list", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      tl_cli_fail ("plugin uninstall: %s", error->message);
      return 2;
    }
  installed = tl_manifest_load ();
  if (json_array_get_length (installed) == 0)
    printf ("Nothing was installed by “telelens plugin install” for this user\n");
  for (guint i = 0; i < json_array_get_length (installed); i++)
    {
      JsonObject *entry = json_array_get_object_element (installed, i);
      if (entry && !uninstall_one (entry))
        {
          json_array_add_object_element (kept, json_object_ref (entry));
          ok = FALSE;
        }
    }
  tl_manifest_save (kept);

  /* Whoever started it (the plugin, the demo, the user by hand): it runs the
   * program being removed, and --purge must not delete its index under it. */
  stopped = tl_index_service_stop (db, &pid, &error);
  if (!stopped)
    {
      tl_cli_fail ("plugin uninstall: %s", error->message);
      ok = FALSE;
    }
  else if (pid)
    printf ("Stopped the local index (telelens serve, process %ld)\n", pid);
  if (g_unlink (log) == 0)
    printf ("Removed the index's log %s\n", log);

  if (purge && !stopped)
    tl_cli_fail ("plugin uninstall: kept %s: the index service still runs", data);
  else if (purge)
    {
      g_clear_error (&error);
      if (!remove_tree (data, &error))
        {
          tl_cli_fail ("plugin uninstall: %s", error->message);
          ok = FALSE;
        }
      else
        printf ("Removed the index, its token and your watch list (%s)\n", data);
    }
  else if (g_file_test (data, G_FILE_TEST_IS_DIR))
    printf ("Kept your index, token and watch list in %s (--purge removes them)\n", data);
  return ok ? 0 : 1;
}

/* --- status -------------------------------------------------------------------- */

/* Which of the reader's builds are in @dir: the matching one, or others. */
static void
report_dir (Found      *f,
            const char *label,
            const char *dir,
            gboolean   *installed,
            gboolean   *mismatch)
{
  guint n;
  const TlHostGeneration *gens = tl_host_generations (&n);
  g_autofree char *shown = home_relative (dir);
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *module = g_build_filename (dir, gens[i].files[0], NULL);
      g_autoptr(GError) error = NULL;
      gboolean named_alike = strcmp (gens[i].files[0], f->gen->files[0]) == 0;

      /* Generations whose files have one name: the reader's own says which it is. */
      if (strcmp (gens[i].program, f->program) != 0 || !g_file_test (module, G_FILE_TEST_EXISTS) ||
          (named_alike && &gens[i] != f->gen))
        continue;
      any = TRUE;
      if (&gens[i] == f->gen && tl_host_check_build (f->gen, dir, f->version, &error))
        {
          printf ("  %s: installed (%s in %s), build matches %s %s\n", label, gens[i].module, shown,
                  f->reader, f->gen->generation);
          *installed = TRUE;
        }
      else
        {
          g_autofree char *why = error ? g_strdup (error->message)
                                       : g_strdup_printf ("built for %s %s, and this is %s %s; it would abort it",
                                                          gens[i].reader, gens[i].generation, f->reader, f->version);
          printf ("  %s: WRONG BUILD %s in %s: %s; run “telelens plugin install”\n", label, gens[i].module, shown, why);
          *mismatch = TRUE;
        }
    }
  if (!any)
    printf ("  %s: not installed\n", label);
}

static int
cmd_status (int    argc,
            char **argv)
{
  g_autofree char *url = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— is Telelens installed, enabled, matching each reader?");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  g_autofree char *detail = NULL;
  gboolean all_ok = TRUE;
  guint working = 0;
  GOptionEntry entries[] = {
    { "index-url", 0, 0, G_OPTION_ARG_STRING, &url, "The index to check (default " DEFAULT_INDEX_URL ")", "URL" },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      tl_cli_fail ("plugin status: %s", error->message);
      return 2;
    }
  found = find_readers ();
  for (guint i = 0; i < found->len; i++)
    {
      Found *f = &g_array_index (found, Found, i);
      gboolean installed = FALSE, mismatch = FALSE, enabled = TRUE;

      if (f->path == NULL)
        {
          printf ("%s: not found (no %s on PATH)\n", f->reader, f->program);
          continue;
        }
      if (f->gen == NULL)
        {
          g_autofree char *list = supported_list (f->program);
          printf ("%s %s: Telelens has no build for this version (it supports %s %s)\n", f->reader,
                  f->version ? f->version : "(version unknown)", f->reader, list);
          continue;
        }
      printf ("%s %s (takes Telelens built for %s %s: %s)\n", f->reader, f->version, f->reader,
              f->gen->generation, f->gen->module);
      if (f->gen->user_dir)
        {
          g_autofree char *dir = g_build_filename (g_get_user_data_dir (), f->gen->user_dir, NULL);
          report_dir (f, "per user", dir, &installed, &mismatch);
        }
      report_dir (f, "system-wide", f->gen->system_dir, &installed, &mismatch);
      if (f->gen->enable_schema)
        {
          g_auto(GStrv) active = NULL;
          g_autoptr(GError) local = NULL;

          if (!tl_host_list_get (f->gen->enable_schema, f->gen->enable_key, &active, &local))
            {
              printf ("  enabled: unknown (%s)\n", local->message);
              enabled = FALSE;
            }
          else if (g_strv_contains ((const char *const *) active, f->gen->module))
            printf ("  enabled: yes\n");
          else
            {
              printf ("  enabled: no; run “telelens plugin install”\n");
              enabled = FALSE;
            }
        }
      else if (installed)
        printf ("  loaded: by %s at its start (every module in its folders)\n", f->reader);
      /* A reader without Telelens is a fact; a wrong build or one not enabled is a fault. */
      if (mismatch || (installed && !enabled))
        all_ok = FALSE;
      else if (installed)
        working++;
    }
  if (working == 0)
    all_ok = FALSE;
  if (tl_index_reachable (url ? url : DEFAULT_INDEX_URL, &detail))
    printf ("Index: reachable at %s\n", detail);
  else
    printf ("Index: not reachable (%s); the plugin starts it when your reader shows a story, or run "
            "“telelens serve --watch-liferea --watch-evolution”\n", detail);
  return all_ok ? 0 : 1;
}

int
tl_cmd_plugin (int    argc,
               char **argv)
{
  static const char usage[] =
    "Usage: telelens plugin install [--from DIR] | uninstall [--purge] | status [--index-url URL]\n";

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      fputs (usage, argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }
  if (strcmp (argv[1], "install") == 0)
    return cmd_install (argc - 1, argv + 1);
  if (strcmp (argv[1], "uninstall") == 0)
    return cmd_uninstall (argc - 1, argv + 1);
  if (strcmp (argv[1], "status") == 0)
    return cmd_status (argc - 1, argv + 1);
  tl_cli_fail ("plugin: unknown subcommand “%s”; use install, uninstall or status", argv[1]);
  return 2;
}
