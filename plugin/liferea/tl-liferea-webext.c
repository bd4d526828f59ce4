/* tl-liferea-webext.c — Telelens's web process extension into every Liferea generation
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * WebKit loads web process extensions from ONE directory per context.
 * Liferea 1.14/1.15 set it in their own handler of the default context's
 * "initialize-web-extensions" (emitted before each new web process), to
 * their own folder (<libdir>/liferea/web-extension, liblifereawebextension.so:
 * a D-Bus helper for scrolling and link hovering), with their D-Bus address
 * as the initialization data; Liferea 2.0 (WebKitGTK 6.0) sets it once, at
 * start-up, to <libdir>/liferea/web-process-extensions, where it installs
 * nothing. Our handler of "initialize-web-extensions" (6.0:
 * "initialize-web-process-extensions") runs after Liferea's (Liferea
 * connected first, at start-up) and points WebKit at a folder of ours
 * instead, which holds our extension and a link to every module of
 * Liferea's folder: all are loaded into each new web process, and Liferea's
 * still gets its address (the initialization data is left as Liferea set
 * it; ours takes none). The folder is the user's
 * (XDG_RUNTIME_DIR/telelens/web-extensions-PID), made at activation and
 * removed at deactivation, when Liferea's folder is set again. The web
 * process Liferea made before activating its plugins is replaced
 * (tl_liferea_webext_restart_view()).
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-liferea-webext.h"

#include <dlfcn.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* plugin/liferea/meson.build names it after the WebKit API. */
#if TL_WEBKIT_API >= 60
#define TL_WEBEXT_MODULE "libtelelens-webext-webkitgtk" G_STRINGIFY (TL_WEBKIT_API) ".so"
#else
#define TL_WEBEXT_MODULE "libtelelens-webext-webkit2gtk" G_STRINGIFY (TL_WEBKIT_API) ".so"
#endif

struct _TlLifereaWebext {
  char   *dir;      /* ours */
  char   *host_dir; /* Liferea's */
  gulong  handler;
};

/* Liferea's folder: <the libdir WebKit is installed in>/liferea/FOLDER
 * (Liferea's pkglibdir; Debian: /usr/lib/<triplet>/liferea/…), or
 * TELELENS_LIFEREA_WEBEXT_DIR. Liferea 1.14/1.15 install their D-Bus helper
 * in web-extension; Liferea 2.0 points WebKit at web-process-extensions and
 * installs nothing there (2.0.2 has no web process extension). A folder
 * that is missing while Liferea's pkglibdir is there holds nothing to keep
 * loading; without the pkglibdir, Liferea is installed where we cannot
 * tell: NULL, and the reader's path. */
#if TL_WEBKIT_API >= 60
#define TL_LIFEREA_WEBEXT_FOLDER "web-process-extensions"
#else
#define TL_LIFEREA_WEBEXT_FOLDER "web-extension"
#endif

static char *
host_dir (void)
{
  const char *env = g_getenv ("TELELENS_LIFEREA_WEBEXT_DIR");
  Dl_info info;
  g_autofree char *libdir = NULL, *pkglibdir = NULL;

  if (env && *env)
    return g_strdup (env);
  if (dladdr ((void *) webkit_web_context_get_default, &info) == 0 || info.dli_fname == NULL)
    return NULL;
  libdir = g_path_get_dirname (info.dli_fname);
  pkglibdir = g_build_filename (libdir, "liferea", NULL);
  if (!g_file_test (pkglibdir, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_build_filename (pkglibdir, TL_LIFEREA_WEBEXT_FOLDER, NULL);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Folders left by a Liferea that did not deactivate the plugin (killed). */
static void
remove_stale (const char *parent)
{
  g_autoptr(GDir) d = g_dir_open (parent, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      guint64 pid;
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, "web-extensions-") ||
          !g_ascii_string_to_unsigned (name + strlen ("web-extensions-"), 10, 1, G_MAXINT, &pid, NULL))
        continue;
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      path = g_build_filename (parent, name, NULL);
      remove_dir (path);
    }
}

static void
on_initialize_web_extensions (WebKitWebContext *context,
                              TlLifereaWebext  *self)
{
  tl_web_context_set_extensions_directory (context, self->dir);
}

TlLifereaWebext *
tl_liferea_webext_new (const char *module_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ours = module_dir ? g_build_filename (module_dir, TL_WEBEXT_MODULE, NULL) : NULL;
  g_autofree char *host = NULL, *parent = NULL, *dir = NULL, *pid = NULL, *link = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  TlLifereaWebext *self;

  if (ours == NULL || !g_file_test (ours, G_FILE_TEST_IS_REGULAR))
    {
      g_debug ("no web process extension beside the plugin (%s): highlights come from the reader",
               ours ? ours : "no module folder");
      return NULL;
    }
  if ((host = host_dir ()) == NULL)
    {
      /* Without Liferea's own extension in our folder its D-Bus helper would
       * not load: keep Liferea's folder, and the reader's path. */
      g_debug ("Liferea's folder (its pkglibdir) was not found: highlights come from the reader");
      return NULL;
    }
  parent = g_build_filename (g_get_user_runtime_dir (), "telelens", NULL);
  pid = g_strdup_printf ("web-extensions-%d", (int) getpid ());
  dir = g_build_filename (parent, pid, NULL);
  remove_stale (parent);
  remove_dir (dir);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_warning ("Telelens cannot make %s: %s", dir, g_strerror (errno));
      return NULL;
    }
  link = g_build_filename (dir, TL_WEBEXT_MODULE, NULL);
  if (symlink (ours, link) != 0)
    {
      g_warning ("Telelens cannot link %s: %s", link, g_strerror (errno));
      remove_dir (dir);
      return NULL;
    }
  /* Liferea's modules, when it has any (2.0 has none). */
  d = g_dir_open (host, 0, &error);
  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = NULL, *to = NULL;

      if (!g_str_has_suffix (name, ".so") || g_strcmp0 (name, TL_WEBEXT_MODULE) == 0)
        continue;
      from = g_build_filename (host, name, NULL);
      to = g_build_filename (dir, name, NULL);
      if (symlink (from, to) != 0)
        g_warning ("Telelens cannot link %s: %s", to, g_strerror (errno));
    }
  self = g_new0 (TlLifereaWebext, 1);
  self->dir = g_steal_pointer (&dir);
  self->host_dir = g_steal_pointer (&host);
  self->handler = g_signal_connect (webkit_web_context_get_default (), TL_INITIALIZE_WEB_EXTENSIONS,
                                    G_CALLBACK (on_initialize_web_extensions), self);
  g_debug ("web process extension: new web processes load %s (with Liferea's %s)", self->dir, self->host_dir);
  return self;
}

/* Liferea made the story view's web process before it activated its
 * plugins, so that process has no extension of ours, and WebKit makes no
 * new one for the stories it shows next. With SELF, the view gets a new one,
 * with the extension, and shows again what it showed (Liferea 1.x fills the
 * page again at its load-finished, from what it keeps; Liferea 2.0's page
 * carries its story in its own script): TRUE. Without, FALSE: nothing done. */
gboolean
tl_liferea_webext_restart_view (TlLifereaWebext *self,
                                WebKitWebView   *view)
{
  if (self == NULL)
    return FALSE;
  g_debug ("the story view gets a new web process, with the web process extension");
  webkit_web_view_terminate_web_process (view);
  webkit_web_view_reload (view);
  return TRUE;
}

void
tl_liferea_webext_free (TlLifereaWebext *self)
{
  WebKitWebContext *context;

  if (self == NULL)
    return;
  context = webkit_web_context_get_default ();
  g_signal_handler_disconnect (context, self->handler);
  /* Until Liferea's handler sets it again, for the next web process. */
  tl_web_context_set_extensions_directory (context, self->host_dir);
  remove_dir (self->dir);
  g_free (self->dir);
  g_free (self->host_dir);
  g_free (self);
}
