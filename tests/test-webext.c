/* test-webext.c — highlights made inside WebKit's web process (plugin/webext)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A real WebKitWebView under an Xvfb of its own, with the reader view
 * attached as in Liferea, and the web process extension loaded the way the
 * Liferea adapter loads it (tl-liferea-webext.c: our folder in place of the
 * host's, with a link to each of the host's modules; a stand-in host
 * extension, tests/host-webext, takes the host's initialization data).
 * What a reader would notice:
 *  - the story is highlighted while the reader's main loop is blocked (no
 *    process hop: the page analysed and decorated it itself), honouring the
 *    highlight types chosen in the preferences, and not decorated a second
 *    time when the reader then hears of it;
 *  - the page's own scripts (the main world) cannot reach the native
 *    function, nor Telelens's page script;
 *  - the host's own extension still loads, with its data;
 *  - bad input (a story over 64 KiB, lone surrogates, nonsense options)
 *    gets no highlights from the extension and does not crash the web
 *    process;
 *  - without the extension, the reader's path decorates, as before.
 */
#include "tl-config.h"
#include "tl-reader-view.h"
#include "tl-liferea-webext.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* GTK 4 and WebKitGTK 6.0 (Liferea 2.0), or GTK 3 and WebKitGTK 4.x. */
#if TL_WEBKIT_API >= 60
#define tl_test_gtk_init(argc, argv) gtk_init ()
#define tl_test_view_new(context) \
  WEBKIT_WEB_VIEW (context ? g_object_new (WEBKIT_TYPE_WEB_VIEW, "web-context", context, NULL) : webkit_web_view_new ())
#define tl_test_window_new() gtk_window_new ()
#define tl_test_window_show(window, child) \
  (gtk_window_set_child (GTK_WINDOW (window), child), gtk_window_present (GTK_WINDOW (window)))
#define tl_test_window_destroy(window) gtk_window_destroy (GTK_WINDOW (window))
#define tl_test_set_initialization_user_data webkit_web_context_set_web_process_extensions_initialization_user_data
#else
#define tl_test_gtk_init(argc, argv) gtk_init (argc, argv)
#define tl_test_view_new(context) \
  WEBKIT_WEB_VIEW (context ? webkit_web_view_new_with_context (context) : webkit_web_view_new ())
#define tl_test_window_new() gtk_window_new (GTK_WINDOW_TOPLEVEL)
#define tl_test_window_show(window, child) \
  (gtk_container_add (GTK_CONTAINER (window), child), gtk_widget_show_all (window))
#define tl_test_window_destroy(window) gtk_widget_destroy (window)
#define tl_test_set_initialization_user_data webkit_web_context_set_web_extensions_initialization_user_data
#endif

/* Written for this test. */
#define STORY "Vodafone will replace Huawei equipment in its 5G core with gear from Ericsson and Nokia, the operator said on Tuesday. Telefonica plans to remove ZTE radios from its network by 2027, according to Maria Jensen, a Telefonica spokesperson. The security review found that the equipment could let a vendor reach the core network."

static GPid xvfb;

/* Xvfb goes when the test goes, also when it aborts (and only then). */
static void
xvfb_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start_xvfb (void)
{
  int fds[2];
  g_autofree char *fd = NULL;
  char buf[32] = { 0 };
  gsize got = 0;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pipe (fds), ==, 0);
  fd = g_strdup_printf ("%d", fds[1]);
  {
    const char *argv[] = { "Xvfb", "-displayfd", fd, "-screen", "0", "1024x768x24", "-nolisten", "tcp", NULL };
    g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                  G_SPAWN_SEARCH_PATH | G_SPAWN_LEAVE_DESCRIPTORS_OPEN | G_SPAWN_DO_NOT_REAP_CHILD |
                                  G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_STDOUT_TO_DEV_NULL,
                                  xvfb_setup, NULL, &xvfb, &error));
  }
  close (fds[1]);
  while (got < sizeof buf - 1)
    {
      ssize_t n = read (fds[0], buf + got, 1);
      if (n <= 0 || buf[got] == '\n')
        break;
      got++;
    }
  close (fds[0]);
  buf[got] = '\0';
  g_assert_cmpuint (got, >, 0);
  {
    g_autofree char *display = g_strdup_printf (":%s", buf);
    g_setenv ("DISPLAY", display, TRUE);
  }
}

/* --- Driving the view ------------------------------------------------------ */

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;
  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct {
  gboolean  done;
  char     *json;
} Eval;

static void
on_eval (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Eval *e = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) v = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);

  g_assert_no_error (error);
  e->json = jsc_value_is_string (v) ? jsc_value_to_string (v) : g_strdup ("");
  e->done = TRUE;
}

/* Runs @js (it returns a string) in @world (NULL: the page's own world). */
static char *
eval (WebKitWebView *view,
      const char    *world,
      const char    *js)
{
  Eval e = { 0 };

  webkit_web_view_evaluate_javascript (view, js, -1, world, NULL, NULL, on_eval, &e);
  while (!e.done)
    g_main_context_iteration (NULL, TRUE);
  return e.json;
}

static void
on_load (WebKitWebView   *view,
         WebKitLoadEvent  event,
         gpointer         data)
{
  if (event == WEBKIT_LOAD_FINISHED)
    *(gboolean *) data = TRUE;
}

static void
on_terminated (WebKitWebView                     *view,
               WebKitWebProcessTerminationReason  reason,
               gpointer                           data)
{
  *(gboolean *) data = TRUE;
}

typedef struct {
  GtkWidget     *window;
  WebKitWebView *view;
  GSettings     *settings;
  TlReaderView  *reader;
  gboolean       crashed;
} Fixture;

/* A view of @context (NULL: the default one, with the extension) with
 * the reader on it, an empty story body loaded, the reader told the story
 * is shown (as the Liferea adapter does at load-finished). */
static void
fixture_init (Fixture          *f,
              WebKitWebContext *context)
{
  gboolean loaded = FALSE;
  const char *const types[] = { "vendor", "operator", NULL };
  TlStory story = { "A story", "http://example.test/story", "Example", NULL };

  f->settings = tl_settings_new (g_getenv ("G_TEST_BUILDDIR"));
  g_assert_nonnull (f->settings);
  g_settings_set_strv (f->settings, "highlight-types", types);
  g_settings_set_boolean (f->settings, "topic-only", FALSE);
  g_settings_set_boolean (f->settings, "show-panel", FALSE);
  f->view = tl_test_view_new (context);
  g_signal_connect (f->view, "web-process-terminated", G_CALLBACK (on_terminated), &f->crashed);
  f->window = tl_test_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  tl_test_window_show (f->window, GTK_WIDGET (f->view));
  f->reader = tl_reader_view_new (f->view, f->settings, "#content");
  g_signal_connect (f->view, "load-changed", G_CALLBACK (on_load), &loaded);
  webkit_web_view_load_html (f->view, "<html><body><h1>A story</h1><div id=\"content\"></div></body></html>",
                             "http://example.test/");
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (f->view, on_load, &loaded);
  spin (300);   /* the knowledge base: the reader's, and the web process's */
  tl_reader_view_show (f->reader, &story);
}

static void
fixture_clear (Fixture *f)
{
  tl_reader_view_detach (f->reader);
  g_clear_object (&f->reader);
  tl_test_window_destroy (f->window);
  g_clear_object (&f->settings);
  spin (50);
}

/* The page's own script (its main world) fills the story body 200 ms from
 * now, as Liferea's loadContent() does, and 300 ms later notes what it
 * sees. */
#define FILL_THEN_LOOK \
  "window.report = {};" \
  "report.nativeInMain = typeof window.telelensNative;" \
  "report.telelensInMain = typeof window.telelens;" \
  "report.host = typeof window.hostExtension === 'string' ? window.hostExtension : null;" \
  "setTimeout(() => {" \
  "  document.getElementById('content').textContent = '" STORY "';" \
  "  setTimeout(() => {" \
  "    const marks = Array.from(document.querySelectorAll('mark.tl-mark'));" \
  "    report.marks = marks.length;" \
  "    report.types = Array.from(new Set(marks.map((m) => m.className))).sort();" \
  "  }, 300);" \
  "}, 200); 'ok'"

#define MARKS_NOW \
  "JSON.stringify({ marks: document.querySelectorAll('mark.tl-mark').length," \
  "  nested: document.querySelectorAll('mark.tl-mark mark, span.tl-statement span.tl-statement').length })"

static JsonObject *
parse (const char *json,
       JsonParser *parser)
{
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

/* The story is highlighted while the reader's main loop is blocked: the
 * page analysed and decorated it itself, with the types the preferences
 * allow; then the reader hears of it, keeps its analysis and does not
 * decorate again. The page's own scripts see neither the native function
 * nor Telelens's script; the host's extension got its data. */
static void
test_highlights_without_the_reader (void)
{
  Fixture f = { 0 };
  g_autofree char *ok = NULL, *report = NULL, *after = NULL, *before = NULL;
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  JsonObject *r, *a, *b;
  JsonArray *types;

  fixture_init (&f, NULL);
  g_assert_cmpstr (eval (f.view, "telelens", "String(telelens.native())"), ==, "true");
  ok = eval (f.view, NULL, FILL_THEN_LOOK);
  g_assert_cmpstr (ok, ==, "ok");
  /* The reader's main loop does not run: nothing it would do reaches the
   * page (1 s: under the reader's 1.5 s before it asks the page itself). */
  g_usleep (1000 * 1000);
  report = eval (f.view, NULL, "JSON.stringify(report)");
  g_test_message ("the page's report, the reader blocked: %s", report);
  r = parse (report, p1);
  g_assert_cmpstr (json_object_get_string_member (r, "nativeInMain"), ==, "undefined");
  g_assert_cmpstr (json_object_get_string_member (r, "telelensInMain"), ==, "undefined");
  g_assert_cmpstr (json_object_get_string_member (r, "host"), ==, "host-data-42");
  g_assert_true (json_object_has_member (r, "marks"));
  g_assert_cmpint (json_object_get_int_member (r, "marks"), >=, 5);
  /* Only the types the preferences allow. */
  types = json_object_get_array_member (r, "types");
  g_assert_cmpuint (json_array_get_length (types), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (types, 0), ==, "tl-mark tl-t-operator");
  g_assert_cmpstr (json_array_get_string_element (types, 1), ==, "tl-mark tl-t-vendor");
  before = eval (f.view, NULL, MARKS_NOW);
  /* The reader hears of it now: it analyses it (the card, related
   * coverage) and leaves the page as it is. */
  spin (700);
  g_assert_nonnull (tl_reader_view_get_analysis (f.reader));
  after = eval (f.view, NULL, MARKS_NOW);
  a = parse (after, p2);
  b = parse (before, p3);
  g_assert_cmpint (json_object_get_int_member (a, "nested"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (a, "marks"), >=, 5);
  g_assert_cmpint (json_object_get_int_member (a, "marks"), ==, json_object_get_int_member (b, "marks"));
  g_assert_false (f.crashed);
  fixture_clear (&f);
}

/* The native function in Telelens's world, with what a hostile page could
 * make it read: no highlights from the extension for what it must not
 * take, and the web process lives on. */
static void
test_bad_input (void)
{
  Fixture f = { 0 };
  g_autofree char *out = NULL;

  fixture_init (&f, NULL);
  out = eval (f.view, "telelens",
    "const o = JSON.stringify({ scheme: '', types: ['vendor'], topic_only: false, show_panel: false,"
    "  panel_open: false, leave_off_topic: false, topic_threshold: 0.5, topic_possible_from: 0.3 });"
    "const big = 'Huawei and Nokia. '.repeat(4000);"   /* 72,000 bytes: over 64 KiB */
    "JSON.stringify({"
    "  ok: typeof telelensNative('Huawei sells radios to Vodafone.', o),"
    "  big: telelensNative(big, o),"
    "  surrogate: typeof telelensNative('Huawei \\uD800 Nokia \\uDFFF', o),"
    "  badOptions: telelensNative('Huawei sells radios.', '{nonsense'),"
    "  notText: telelensNative(42, 17),"
    "  none: telelensNative() })");
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "\"ok\":\"string\""));
  g_assert_nonnull (strstr (out, "\"big\":null"));
  g_assert_nonnull (strstr (out, "\"badOptions\":null"));
  g_assert_nonnull (strstr (out, "\"notText\":null"));
  g_assert_nonnull (strstr (out, "\"none\":null"));
  /* Still there, still answering. */
  g_free (out);
  out = eval (f.view, "telelens", "typeof telelensNative('Ericsson.', '{}')");
  g_assert_cmpstr (out, ==, "object");
  g_assert_false (f.crashed);
  fixture_clear (&f);
}

/* Without the extension (a web context that loads none), the page waits
 * for the reader, which decorates once its main loop runs: today's path. */
static void
test_fallback_to_the_reader (void)
{
  Fixture f = { 0 };
  g_autoptr(WebKitWebContext) context = webkit_web_context_new ();
  g_autofree char *ok = NULL, *report = NULL, *now = NULL;
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();

  fixture_init (&f, context);
  g_assert_cmpstr (eval (f.view, "telelens", "String(telelens.native())"), ==, "false");
  ok = eval (f.view, NULL, FILL_THEN_LOOK);
  g_usleep (1000 * 1000);
  report = eval (f.view, NULL, "JSON.stringify(report)");
  g_assert_cmpint (json_object_get_int_member (parse (report, p1), "marks"), ==, 0);
  spin (1000);
  now = eval (f.view, NULL, MARKS_NOW);
  g_assert_cmpint (json_object_get_int_member (parse (now, p2), "marks"), >=, 5);
  fixture_clear (&f);
}

/* The host (Liferea) sets its own folder and data: Liferea 1.x for each
 * new web process, in its handler, which runs before the Telelens loader's;
 * Liferea 2.0 once, at start-up. */
static void
on_host_initialize (WebKitWebContext *context,
                    gpointer          data)
{
  tl_web_context_set_extensions_directory (context, data);
  tl_test_set_initialization_user_data (context, g_variant_new_string ("host-data-42"));
}

int
main (int    argc,
      char **argv)
{
  TlLifereaWebext *loader;
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* meson test sets MALLOC_PERTURB_ to a random byte; the web processes
   * WebKit spawns inherit it, and with it Mesa's software renderer (the
   * only GL under Xvfb) crashes in WebKit's compositor thread about one
   * run in fifteen, with or without our extension loaded (seen in a view
   * of a context that loads none). Our own process keeps it. */
  g_unsetenv ("MALLOC_PERTURB_");
  start_xvfb ();
  tl_test_gtk_init (&argc, &argv);
  g_setenv ("TELELENS_LIFEREA_WEBEXT_DIR", TL_TEST_HOST_WEBEXT_DIR, TRUE);
#if TL_WEBKIT_API >= 60
  on_host_initialize (webkit_web_context_get_default (), (gpointer) TL_TEST_HOST_WEBEXT_DIR);
#else
  g_signal_connect (webkit_web_context_get_default (), TL_INITIALIZE_WEB_EXTENSIONS,
                    G_CALLBACK (on_host_initialize), (gpointer) TL_TEST_HOST_WEBEXT_DIR);
#endif
  loader = tl_liferea_webext_new (TL_TEST_WEBEXT_MODULE_DIR);
  g_assert_nonnull (loader);
  g_test_add_func ("/webext/highlights-while-the-reader-is-blocked", test_highlights_without_the_reader);
  g_test_add_func ("/webext/bad-input-does-not-crash", test_bad_input);
  g_test_add_func ("/webext/without-the-extension-the-reader-decorates", test_fallback_to_the_reader);
  ret = g_test_run ();
  tl_liferea_webext_free (loader);
  /* Xvfb stops when the test has exited (xvfb_setup): GTK 4's display is
   * torn down by exit handlers after main returns, and an X server gone
   * before them makes that an X I/O error, which exits with status 1. */
  return ret;
}
