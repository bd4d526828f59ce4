/* tl-web-extension.c — the analysis inside WebKit's web process (webkit2gtk-4.0/4.1, webkitgtk-6.0)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Issue 12 asks for highlights within one frame of the story being in the
 * page. With the analysis in the reader's process, every story makes two
 * process hops (page → reader → page) with the host's main loop in between
 * (docs/performance.md, "In Liferea"). This extension is loaded into the
 * web process (plugin/liferea/tl-liferea-webext.c says how, for every
 * Liferea generation) and gives
 * Telelens's own script world — and no other — one native function,
 * telelensNative(text, options), that analyses the story right there and
 * returns the highlights' JSON that telelens.apply() takes, built by the
 * same code as the reader's (tl-story-job.c), with the reader's settings,
 * which the page hands over. The page decorates at once and still posts the
 * text to the reader (for the panel's related coverage, the card), which
 * then does not decorate again.
 *
 * The matcher is built once, in a thread started at initialization; until
 * it is there, and for a story the reader would analyse in a worker thread
 * (over 64 KiB) or a text that is not valid UTF-8, the function returns null
 * and the page takes the reader's path as before. The page's own scripts
 * live in the main world, where the function is never defined.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-story-job.h"

#include <string.h>
#include <unistd.h>
/* Built once per WebKit API (plugin/liferea/meson.build): 6.0 renamed the
 * web extension a web process extension, and its header and entry point;
 * the script world, frame and JavaScriptCore calls used here are the same. */
#if TL_WEBKIT_API >= 60
#include <webkit/webkit-web-process-extension.h>
typedef WebKitWebProcessExtension TlWebExtension;
#define TL_WEB_EXTENSION_INITIALIZE webkit_web_process_extension_initialize
#else
#include <webkit2/webkit-web-extension.h>
typedef WebKitWebExtension TlWebExtension;
#define TL_WEB_EXTENSION_INITIALIZE webkit_web_extension_initialize
#endif

/* The script world Telelens's page script runs in (tl-reader-view-private.h). */
#define TL_WEBEXT_WORLD "telelens"

static TlAnalyzer *analyzer;   /* set once, by the loading thread (atomic) */
static WebKitScriptWorld *world;

static gpointer
load_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autoptr(GError) local = NULL;
  TlAnalyzer *a;
  gint64 t0 = g_get_monotonic_time ();

  if (!tl_knowledge_base_load_bundled (kb, &error))
    {
      g_warning ("Telelens (web process): cannot load its knowledge base: %s", error->message);
      return NULL;
    }
  /* The user's watch list, as the reader loads it (tl_reader_load_kb). */
  if (!tl_knowledge_base_load_watch_list (kb, NULL, &local))
    g_debug ("watch list skipped: %s", local->message);
  if ((a = tl_analyzer_new (kb, &error)) == NULL)
    {
      g_warning ("Telelens (web process): cannot build its matcher: %s", error->message);
      return NULL;
    }
  g_atomic_pointer_set (&analyzer, a);
  g_debug ("matcher ready in the web process (%.1f ms)", (g_get_monotonic_time () - t0) / 1000.0);
  return NULL;
}

/* telelensNative(text, options): the highlights' JSON, or null (not ready,
 * too long, not text, bad options, or a story to leave untouched: the reader
 * decides those). Runs on the web process's main thread, synchronously, in
 * the page script's call. */
static char *
native_analyze (const char *text,
                const char *options,
                gpointer    data)
{
  TlAnalyzer *a = g_atomic_pointer_get (&analyzer);
  g_autoptr(TlStoryOptions) opts = NULL;
  g_autoptr(TlStoryResult) res = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (a == NULL || text == NULL)
    return NULL;
  len = strlen (text);
  if (len == 0 || len > TL_STORY_JOB_INLINE_MAX || !g_utf8_validate (text, len, NULL))
    return NULL;
  if ((opts = tl_story_options_from_json (options)) == NULL)
    return NULL;
  res = tl_story_job_run (a, text, len, opts, &error);
  if (res == NULL || res->payload == NULL)
    return NULL;
  return g_steal_pointer (&res->payload);
}

static void
on_window_object_cleared (WebKitScriptWorld *w,
                          WebKitWebPage     *page,
                          WebKitFrame       *frame,
                          gpointer           data)
{
  g_autoptr(JSCContext) ctx = NULL;
  g_autoptr(JSCValue) global = NULL;
  g_autoptr(JSCValue) fn = NULL;

  /* The page script is injected into the top frame only. */
  if (!webkit_frame_is_main_frame (frame))
    return;
  g_debug ("web process: telelensNative defined in Telelens's world of %s", webkit_frame_get_uri (frame));
  ctx = webkit_frame_get_js_context_for_script_world (frame, w);
  global = jsc_context_get_global_object (ctx);
  fn = jsc_value_new_function (ctx, "telelensNative", G_CALLBACK (native_analyze), NULL, NULL,
                               G_TYPE_STRING, 2, G_TYPE_STRING, G_TYPE_STRING);
  jsc_value_object_define_property_data (global, "telelensNative",
                                         JSC_VALUE_PROPERTY_CONFIGURABLE, fn);
}

/* Liferea's own extension, loaded from the same folder, takes the
 * initialization data (its D-Bus address); this one takes none. */
G_MODULE_EXPORT void TL_WEB_EXTENSION_INITIALIZE (TlWebExtension *extension);

G_MODULE_EXPORT void
TL_WEB_EXTENSION_INITIALIZE (TlWebExtension *extension)
{
  if (world != NULL)
    return;
  world = webkit_script_world_new_with_name (TL_WEBEXT_WORLD);
  g_signal_connect (world, "window-object-cleared", G_CALLBACK (on_window_object_cleared), NULL);
  g_debug ("web process extension loaded (pid %d)", (int) getpid ());
  g_thread_unref (g_thread_new ("telelens-kb", load_thread, NULL));
}
