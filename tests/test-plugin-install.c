/* test-plugin-install.c — telelens plugin install|uninstall|status as a
 * user runs them
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each case has a throwaway HOME and XDG dirs, a stand-in `liferea` and
 * `evolution` on PATH that report a version, no session bus (Liferea's
 * setting is written by dconf under the command's own dbus-run-session, and
 * read back the same way here), and the real modules of this build
 * (TELELENS_PLUGIN_BUILDS, TELELENS_EVOLUTION_BUILD).
 */
#include "tl-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

typedef struct {
  char *home;
  char *bin;       /* the stand-in liferea's folder */
  char *data;      /* XDG_DATA_HOME */
  char *plugins;   /* XDG_DATA_HOME/liferea/plugins */
  char *modules;   /* XDG_DATA_HOME/evolution/modules/lib/evolution/modules */
  char *gen;       /* the generation this build has: "1.14", "1.15" or "2.0" */
  char *id;        /* "114", "115" or "20" */
  char *version;   /* what its stand-in liferea --version prints */
  char *other;     /* the other generation, its version, its id */
  char *other_version;
  char *other_id;
} Home;

typedef struct {
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

static const char *
builds (void)
{
  return g_getenv ("TELELENS_PLUGIN_BUILDS");
}

static void
fake_reader (Home       *h,
             const char *program,
             const char *version_line)
{
  g_autofree char *path = g_build_filename (h->bin, program, NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\necho '%s'\n", version_line);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
}

/* Each generation a tree may build, the version its Liferea prints, and a
 * generation whose Liferea that build would abort. */
static const struct {
  const char *gen, *id, *version, *other, *other_id, *other_version;
} generations[] = {
  { "1.14", "114", "Liferea 1.14.4", "1.15", "115", "Liferea 1.15.8" },
  { "1.15", "115", "Liferea 1.15.8", "1.14", "114", "Liferea 1.14.4" },
  { "2.0", "20", "Liferea 2.0.2", "1.15", "115", "Liferea 1.15.8" },
};

static void
fake_liferea (Home       *h,
              const char *version_line)
{
  fake_reader (h, "liferea", version_line);
}

static void
home_init (Home *h)
{
  g_autoptr(GError) error = NULL;
  guint g;

  /* The generation this tree built (the first one it has), and another to
   * refuse. */
  for (g = 0; g < G_N_ELEMENTS (generations); g++)
    {
      g_autofree char *name = g_strdup_printf ("libtelelens-liferea%s.so", generations[g].id);
      g_autofree char *module = g_build_filename (builds (), name, NULL);
      if (g_file_test (module, G_FILE_TEST_EXISTS))
        break;
    }
  g_assert_cmpuint (g, <, G_N_ELEMENTS (generations));
  h->home = g_dir_make_tmp ("telelens-plugin-XXXXXX", &error);
  g_assert_no_error (error);
  h->bin = g_build_filename (h->home, "bin", NULL);
  h->data = g_build_filename (h->home, "data", NULL);
  h->plugins = g_build_filename (h->data, "liferea", "plugins", NULL);
  h->modules = g_build_filename (h->data, "evolution", "modules", "lib", "evolution", "modules", NULL);
  g_assert_cmpint (g_mkdir_with_parents (h->bin, 0700), ==, 0);
  h->gen = g_strdup (generations[g].gen);
  h->id = g_strdup (generations[g].id);
  h->version = g_strdup (generations[g].version);
  h->other = g_strdup (generations[g].other);
  h->other_version = g_strdup (generations[g].other_version);
  h->other_id = g_strdup (generations[g].other_id);
  fake_liferea (h, h->version);
  /* An Evolution of a series Telelens has no build for: these cases are
   * about Liferea, and never run the machine's own Evolution. */
  fake_reader (h, "evolution", "evolution 3.40.0");
}

static void
home_clear (Home *h)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", h->home);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (h->home); g_free (h->bin); g_free (h->data); g_free (h->plugins); g_free (h->modules);
  g_free (h->gen); g_free (h->id); g_free (h->version); g_free (h->other); g_free (h->other_version); g_free (h->other_id);
}

static GSubprocessLauncher *
launcher (Home       *h,
          const char *path)
{
  GSubprocessLauncher *l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autofree char *config = g_build_filename (h->home, "config", NULL);
  g_autofree char *cache = g_build_filename (h->home, "cache", NULL);
  g_autofree char *p = path ? g_strdup (path) : g_strdup_printf ("%s:/usr/bin:/bin", h->bin);

  g_subprocess_launcher_setenv (l, "HOME", h->home, TRUE);
  g_subprocess_launcher_setenv (l, "XDG_DATA_HOME", h->data, TRUE);
  g_subprocess_launcher_setenv (l, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (l, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (l, "PATH", p, TRUE);
  /* No session bus and the user's real settings backend (dconf). */
  g_subprocess_launcher_unsetenv (l, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_unsetenv (l, "GSETTINGS_BACKEND");
  g_subprocess_launcher_unsetenv (l, "XDG_RUNTIME_DIR");
  /* The system's schemas (Liferea's), not the test harness's empty dirs. */
  g_subprocess_launcher_unsetenv (l, "XDG_DATA_DIRS");
  g_subprocess_launcher_unsetenv (l, "XDG_CONFIG_DIRS");
  return l;
}

static Result
run_argv (Home              *h,
          const char        *path,
          const char *const *argv)
{
  g_autoptr(GSubprocessLauncher) l = launcher (h, path);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0 };

  proc = g_subprocess_launcher_spawnv (l, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  r.status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
  return r;
}

static Result
telelens (Home       *h,
          const char *path,
          const char *a1,
          const char *a2,
          const char *a3)
{
  const char *argv[] = { g_getenv ("TELELENS_BIN"), "plugin", a1, a2, a3, NULL };
  return run_argv (h, path, argv);
}

/* Liferea's list of active plugins, read the way Liferea reads it: from
 * the user's dconf database, in a session of its own. */
static char *
active_plugins (Home *h)
{
  const char *argv[] = { "dbus-run-session", "--", "gsettings", "get", "net.sf.liferea.plugins",
                         "active-plugins", NULL };
  Result r = run_argv (h, NULL, argv);
  g_assert_cmpint (r.status, ==, 0);
  g_free (r.err);
  return r.out;
}

static gboolean
plugin_file (Home       *h,
             const char *id,
             const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("%stelelens-liferea%s%s", g_str_has_suffix (suffix, ".so") ? "lib" : "",
                                           id, suffix);
  g_autofree char *path = g_build_filename (h->plugins, name, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The web process extension of the generation @id (114: webkit2gtk-4.0,
 * 115: 4.1) in @dir. */
static gboolean
webext_file (const char *dir,
             const char *id)
{
  g_autofree char *path = g_strdup_printf ("%s/libtelelens-webext-webkit2gtk%s.so", dir,
                                           g_strcmp0 (id, "114") == 0 ? "40" : "41");
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_install_status_uninstall (void)
{
  Home h = { 0 };
  g_autofree char *module = NULL, *active = NULL, *manifest = NULL;
  const char *version;
  gboolean webext_built;
  Result r;

  home_init (&h);
  module = g_strdup_printf ("telelens-liferea%s", h.id);
  version = h.version;
  manifest = g_build_filename (h.data, "telelens", "installed.json", NULL);

  r = telelens (&h, NULL, "install", "--from", builds ());
  g_test_message ("install: %s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, version));
  g_assert_nonnull (strstr (r.out, "enabled"));
  g_assert_true (plugin_file (&h, h.id, ".so"));
  g_assert_true (plugin_file (&h, h.id, ".plugin"));
  {
    g_autofree char *schema = g_build_filename (h.plugins, "gschemas.compiled", NULL);
    g_assert_true (g_file_test (schema, G_FILE_TEST_EXISTS));
  }
  /* The analysis in WebKit's web process (Liferea 1.14/1.15), when the build has it. */
  webext_built = webext_file (builds (), h.id);
  if (webext_built)
    g_assert_true (webext_file (h.plugins, h.id));
  active = active_plugins (&h);
  g_assert_nonnull (strstr (active, module));
  /* Liferea's own plugins stay enabled. */
  g_assert_nonnull (strstr (active, "'gnome-keyring'"));
  result_clear (&r);

  r = telelens (&h, NULL, "status", "--index-url", "http://127.0.0.1:1");
  g_test_message ("status: %s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, version));
  g_assert_nonnull (strstr (r.out, "per user: installed"));
  g_assert_nonnull (strstr (r.out, "build matches"));
  g_assert_nonnull (strstr (r.out, "enabled: yes"));
  g_assert_nonnull (strstr (r.out, "Index: not reachable"));
  result_clear (&r);

  /* Installing again changes nothing and still succeeds. */
  r = telelens (&h, NULL, "install", "--from", builds ());
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "already enabled"));
  result_clear (&r);

  r = telelens (&h, NULL, "uninstall", NULL, NULL);
  g_test_message ("uninstall: %s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_false (plugin_file (&h, h.id, ".so"));
  g_assert_false (plugin_file (&h, h.id, ".plugin"));
  g_assert_false (webext_file (h.plugins, h.id));
  {
    g_autofree char *schema = g_build_filename (h.plugins, "gschemas.compiled", NULL);
    g_assert_false (g_file_test (schema, G_FILE_TEST_EXISTS));
  }
  g_assert_false (g_file_test (manifest, G_FILE_TEST_EXISTS));
  g_free (active);
  active = active_plugins (&h);
  g_assert_null (strstr (active, "telelens"));
  g_assert_nonnull (strstr (active, "'gnome-keyring'"));
  result_clear (&r);

  r = telelens (&h, NULL, "status", "--index-url", "http://127.0.0.1:1");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "per user: not installed"));
  g_assert_nonnull (strstr (r.out, "enabled: no"));
  result_clear (&r);
  home_clear (&h);
}

/* A Liferea of any other generation (1.14, 1.15, 2.0): the build here
 * would abort it. */
static void
test_refuses_other_generation (void)
{
  Home h = { 0 };

  home_init (&h);
  for (guint g = 0; g < G_N_ELEMENTS (generations); g++)
    {
      g_autofree char *active = NULL, *expect = NULL, *refused = NULL;
      Result r;

      if (strcmp (generations[g].gen, h.gen) == 0)
        continue;
      fake_liferea (&h, generations[g].version);
      r = telelens (&h, NULL, "install", "--from", builds ());
      g_test_message ("install into %s: %s%s", generations[g].version, r.out, r.err);
      g_assert_cmpint (r.status, ==, 1);
      expect = g_strdup_printf ("holds Telelens for Liferea %s (telelens-liferea%s)", h.gen, h.id);
      refused = g_strdup_printf ("not for %s", generations[g].version);
      g_assert_nonnull (strstr (r.err, expect));
      g_assert_nonnull (strstr (r.err, refused));
      g_assert_nonnull (strstr (r.err, "would abort"));
      g_assert_true (strchr (r.err, '\n') == r.err + strlen (r.err) - 1);  /* one line */
      g_assert_false (plugin_file (&h, h.id, ".so"));
      g_assert_false (plugin_file (&h, generations[g].id, ".so"));
      active = active_plugins (&h);
      g_assert_null (strstr (active, "telelens"));
      result_clear (&r);
    }
  home_clear (&h);
}

/* The other generation's files, but this generation's module inside:
 * renamed, it is still refused, by what it links. */
static void
test_refuses_renamed_build (void)
{
  Home h = { 0 };
  g_autofree char *dir = NULL, *src = NULL, *dst = NULL, *plugin = NULL, *text = NULL;
  g_autofree char *schema_src = NULL, *schema_dst = NULL, *cmd = NULL;
  g_autoptr(GError) error = NULL;
  Result r;

  home_init (&h);
  dir = g_build_filename (h.home, "renamed", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  src = g_strdup_printf ("%s/libtelelens-liferea%s.so", builds (), h.id);
  dst = g_strdup_printf ("%s/libtelelens-liferea%s.so", dir, h.other_id);
  schema_src = g_build_filename (builds (), "gschemas.compiled", NULL);
  schema_dst = g_build_filename (dir, "gschemas.compiled", NULL);
  cmd = g_strdup_printf ("cp '%s' '%s'", src, dst);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (cmd);
  cmd = g_strdup_printf ("cp '%s' '%s'", schema_src, schema_dst);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  plugin = g_strdup_printf ("%s/telelens-liferea%s.plugin", dir, h.other_id);
  text = g_strdup_printf ("[Plugin]\nModule=telelens-liferea%s\nName=Telelens\n", h.other_id);
  g_file_set_contents (plugin, text, -1, &error);
  g_assert_no_error (error);

  fake_liferea (&h, h.other_version);
  r = telelens (&h, NULL, "install", "--from", dir);
  g_test_message ("install: %s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "is not a build for Liferea"));
  g_assert_nonnull (strstr (r.err, h.other));
  g_assert_false (plugin_file (&h, h.other_id, ".so"));
  result_clear (&r);
  home_clear (&h);
}

/* Damaged modules are refused with a message, never a crash. */
static void
test_refuses_damaged_module (void)
{
  Home h = { 0 };
  g_autofree char *dir = NULL, *module = NULL, *plugin = NULL, *text = NULL, *real = NULL, *schema = NULL;
  g_autofree char *head = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  const struct { const char *name; gsize keep; const char *expect; } cases[] = {
    { "text", 0, "not an ELF file" },
    { "truncated ELF header", 40, "truncated or damaged" },
    { "ELF cut inside its program headers", 300, "truncated or damaged" },
    { "ELF cut before its dynamic section", 4096, "truncated or damaged" },
  };

  home_init (&h);
  dir = g_build_filename (h.home, "damaged", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  module = g_strdup_printf ("%s/libtelelens-liferea%s.so", dir, h.id);
  plugin = g_strdup_printf ("%s/telelens-liferea%s.plugin", dir, h.id);
  schema = g_build_filename (dir, "gschemas.compiled", NULL);
  text = g_strdup_printf ("[Plugin]\nModule=telelens-liferea%s\n", h.id);
  g_file_set_contents (plugin, text, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (schema, "org.telelens.plugin", -1, &error);
  g_assert_no_error (error);
  real = g_strdup_printf ("%s/libtelelens-liferea%s.so", builds (), h.id);
  g_file_get_contents (real, &head, &len, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result r;
      if (cases[i].keep == 0)
        g_file_set_contents (module, "not a module\n", -1, &error);
      else
        g_file_set_contents (module, head, (gssize) MIN (cases[i].keep, len), &error);
      g_assert_no_error (error);
      r = telelens (&h, NULL, "install", "--from", dir);
      g_test_message ("%s: %s%s", cases[i].name, r.out, r.err);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, cases[i].expect));
      g_assert_true (g_str_has_prefix (r.err, "telelens: plugin install: "));
      g_assert_false (plugin_file (&h, h.id, ".so"));
      result_clear (&r);
    }
  home_clear (&h);
}

static void
test_no_reader_unknown_version (void)
{
  Home h = { 0 };
  Result r;

  home_init (&h);
  r = telelens (&h, h.home, "install", "--from", builds ());  /* PATH without liferea */
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no reader Telelens supports was found"));
  result_clear (&r);

  fake_liferea (&h, "Liferea 1.9.2");
  r = telelens (&h, NULL, "install", "--from", builds ());
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Liferea 1.9.2: Telelens has no build for this version"));
  g_assert_false (plugin_file (&h, h.id, ".so"));
  result_clear (&r);

  r = telelens (&h, NULL, "status", "--index-url", "http://127.0.0.1:1");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "Liferea 1.9.2: Telelens has no build"));
  result_clear (&r);
  home_clear (&h);
}

/* A `telelens serve` started by hand: uninstall stops it, and --purge
 * deletes the index only once it has stopped. */
static void
test_uninstall_stops_service_then_purges (void)
{
  Home h = { 0 };
  g_autoptr(GSubprocessLauncher) l = NULL;
  g_autoptr(GSubprocess) serve = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL, *index = NULL, *log = NULL, *cache = NULL;
  Result r;

  home_init (&h);
  r = telelens (&h, NULL, "install", "--from", builds ());
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  l = launcher (&h, NULL);
  serve = g_subprocess_launcher_spawn (l, &error, g_getenv ("TELELENS_BIN"), "serve", "--port", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (serve));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (line, "served on"));
  index = g_build_filename (h.data, "telelens", "index.db", NULL);
  g_assert_true (g_file_test (index, G_FILE_TEST_EXISTS));
  cache = g_build_filename (h.home, "cache", NULL);
  log = g_build_filename (cache, "telelens-serve.log", NULL);
  g_assert_cmpint (g_mkdir_with_parents (cache, 0700), ==, 0);
  g_file_set_contents (log, "served\n", -1, &error);
  g_assert_no_error (error);

  r = telelens (&h, NULL, "uninstall", "--purge", NULL);
  g_test_message ("uninstall: %s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Stopped the local index"));
  /* Stopped, by a signal it handles: a clean exit. */
  g_subprocess_wait (serve, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (serve));
  g_assert_cmpint (g_subprocess_get_exit_status (serve), ==, 0);
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (log, G_FILE_TEST_EXISTS));
  g_assert_false (plugin_file (&h, h.id, ".so"));
  result_clear (&r);
  home_clear (&h);
}

/* --- Evolution ---------------------------------------------------------------- */

#define SERIES_TAG "telelens-evolution-series="

/* The module this tree built for the installed Evolution, and its series. */
static const char *
evo_build (void)
{
  return g_getenv ("TELELENS_EVOLUTION_BUILD");
}

static const char *
evo_series (void)
{
  return g_getenv ("TELELENS_EVOLUTION_SERIES");
}

/* Debian 12's and 13's: one is this build's, the other is not. */
static const char *
evo_other_series (void)
{
  return strcmp (evo_series (), "3.46") == 0 ? "3.56" : "3.46";
}

static gboolean
evo_module_in (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "libtelelens-evolution.so", NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* This build copied into @dir with the series written in its module
 * replaced by @series: to the installer, a build made for @series. */
static char *
evo_copy_for (Home       *h,
              const char *name,
              const char *series)
{
  g_autofree char *module = g_build_filename (evo_build (), "libtelelens-evolution.so", NULL);
  g_autofree char *schema = g_build_filename (evo_build (), "gschemas.compiled", NULL);
  g_autofree char *data = NULL, *schema_data = NULL, *from = NULL, *to = NULL;
  g_autoptr(GError) error = NULL;
  char *dir = g_build_filename (h->home, name, NULL);
  gsize len = 0, schema_len = 0;
  char *at;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_get_contents (module, &data, &len, &error);
  g_assert_no_error (error);
  from = g_strconcat (SERIES_TAG, evo_series (), NULL);
  to = g_strconcat (series ? SERIES_TAG : "telelens-evolution-serieZ=", series ? series : evo_series (), NULL);
  g_assert_cmpuint (strlen (from), ==, strlen (to));
  at = memmem (data, len, from, strlen (from));
  g_assert_nonnull (at);
  memcpy (at, to, strlen (to));
  g_free (module);
  module = g_build_filename (dir, "libtelelens-evolution.so", NULL);
  g_file_set_contents (module, data, (gssize) len, &error);
  g_assert_no_error (error);
  g_file_get_contents (schema, &schema_data, &schema_len, &error);
  g_assert_no_error (error);
  g_free (schema);
  schema = g_build_filename (dir, "gschemas.compiled", NULL);
  g_file_set_contents (schema, schema_data, (gssize) schema_len, &error);
  g_assert_no_error (error);
  return dir;
}

static void
test_evolution_install_status_uninstall (void)
{
  Home h = { 0 };
  g_autofree char *version = NULL, *expect = NULL, *schema = NULL, *evo_data = NULL;
  Result r;

  if (evo_build () == NULL)
    {
      g_test_skip ("this tree has no Evolution module (meson -Devolution)");
      return;
    }
  home_init (&h);
  version = g_strdup_printf ("evolution %s.4", evo_series ());
  fake_reader (&h, "evolution", version);
  schema = g_build_filename (h.modules, "gschemas.compiled", NULL);
  evo_data = g_build_filename (h.data, "evolution", NULL);

  /* Only an Evolution build here: Liferea is skipped, with a note. */
  r = telelens (&h, NULL, "install", "--from", evo_build ());
  g_test_message ("install: %s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  expect = g_strdup_printf ("installed Telelens for Evolution %s (telelens-evolution) into "
                            "~/data/evolution/modules/lib/evolution/modules", evo_series ());
  g_assert_nonnull (strstr (r.out, expect));
  g_assert_nonnull (strstr (r.out, "Evolution loads it at its next start"));
  g_assert_nonnull (strstr (r.out, "no Telelens build for Liferea"));
  g_assert_nonnull (strstr (r.out, "; skipped"));
  g_assert_true (evo_module_in (h.modules));
  g_assert_true (g_file_test (schema, G_FILE_TEST_EXISTS));
  g_assert_false (plugin_file (&h, h.id, ".so"));
  result_clear (&r);

  r = telelens (&h, NULL, "status", "--index-url", "http://127.0.0.1:1");
  g_test_message ("status: %s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_free (expect);
  expect = g_strdup_printf ("Evolution %s.4 (takes Telelens built for Evolution %s: telelens-evolution)",
                            evo_series (), evo_series ());
  g_assert_nonnull (strstr (r.out, expect));
  g_free (expect);
  expect = g_strdup_printf ("  per user: installed (telelens-evolution in ~/data/evolution/modules/lib/evolution/"
                            "modules), build matches Evolution %s", evo_series ());
  g_assert_nonnull (strstr (r.out, expect));
  g_assert_nonnull (strstr (r.out, "loaded: by Evolution"));
  result_clear (&r);

  /* Again: the same, still a success. */
  r = telelens (&h, NULL, "install", "--from", evo_build ());
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* Uninstall takes away what install put there, folders it made included. */
  r = telelens (&h, NULL, "uninstall", NULL, NULL);
  g_test_message ("uninstall: %s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Evolution: removed 2 Telelens files"));
  g_assert_false (evo_module_in (h.modules));
  g_assert_false (g_file_test (schema, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (evo_data, G_FILE_TEST_EXISTS));
  result_clear (&r);

  r = telelens (&h, NULL, "status", "--index-url", "http://127.0.0.1:1");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "  per user: not installed"));
  result_clear (&r);
  home_clear (&h);
}

/* Evolution's module interface changes with each release: a build for
 * another series is refused, by the series written in it, whatever its
 * file is called; after an upgrade, the new series' build replaces it. */
static void
test_evolution_refuses_other_series (void)
{
  Home h = { 0 };
  g_autofree char *version = NULL, *expect = NULL, *other_build = NULL, *unmarked = NULL;
  g_autofree char *cmd = NULL, *module = NULL;
  Result r;

  if (evo_build () == NULL)
    {
      g_test_skip ("this tree has no Evolution module (meson -Devolution)");
      return;
    }
  home_init (&h);
  /* This build, and an Evolution of the other series. */
  version = g_strdup_printf ("evolution %s.2", evo_other_series ());
  fake_reader (&h, "evolution", version);
  r = telelens (&h, NULL, "install", "--from", evo_build ());
  g_test_message ("install: %s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 1);
  expect = g_strdup_printf ("is a build for Evolution %s, not %s: Evolution's module interface changes with each "
                            "release, loading it would break Evolution %s.2", evo_series (), evo_other_series (),
                            evo_other_series ());
  g_assert_nonnull (strstr (r.err, expect));
  g_assert_true (g_str_has_prefix (r.err, "telelens: plugin install: Evolution "));
  g_assert_true (strchr (r.err, '\n') == r.err + strlen (r.err) - 1);  /* one line */
  g_assert_false (evo_module_in (h.modules));
  result_clear (&r);

  /* A module that says no series (an older build) is no better. */
  unmarked = evo_copy_for (&h, "unmarked", NULL);
  r = telelens (&h, NULL, "install", "--from", unmarked);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "(no series written in it)"));
  g_assert_false (evo_module_in (h.modules));
  result_clear (&r);

  /* Put there by hand, status names it as the wrong build. */
  g_assert_cmpint (g_mkdir_with_parents (h.modules, 0700), ==, 0);
  module = g_build_filename (evo_build (), "libtelelens-evolution.so", NULL);
  cmd = g_strdup_printf ("cp '%s' '%s'", module, h.modules);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  r = telelens (&h, NULL, "status", "--index-url", "http://127.0.0.1:1");
  g_test_message ("status: %s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "  per user: WRONG BUILD telelens-evolution"));
  g_assert_nonnull (strstr (r.out, expect));
  result_clear (&r);

  /* The build for this series replaces it. */
  other_build = evo_copy_for (&h, "other-series", evo_other_series ());
  r = telelens (&h, NULL, "install", "--from", other_build);
  g_test_message ("install: %s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = telelens (&h, NULL, "status", "--index-url", "http://127.0.0.1:1");
  g_assert_cmpint (r.status, ==, 0);
  g_free (expect);
  expect = g_strdup_printf ("build matches Evolution %s", evo_other_series ());
  g_assert_nonnull (strstr (r.out, expect));
  result_clear (&r);
  home_clear (&h);
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/cli/plugin/install-status-uninstall", test_install_status_uninstall);
  g_test_add_func ("/cli/plugin/refuses-other-generation", test_refuses_other_generation);
  g_test_add_func ("/cli/plugin/refuses-renamed-build", test_refuses_renamed_build);
  g_test_add_func ("/cli/plugin/refuses-damaged-module", test_refuses_damaged_module);
  g_test_add_func ("/cli/plugin/no-reader-unknown-version", test_no_reader_unknown_version);
  g_test_add_func ("/cli/plugin/uninstall-stops-service-then-purges", test_uninstall_stops_service_then_purges);
  g_test_add_func ("/cli/plugin/evolution/install-status-uninstall", test_evolution_install_status_uninstall);
  g_test_add_func ("/cli/plugin/evolution/refuses-other-series", test_evolution_refuses_other_series);
  return g_test_run ();
}
