/* tl-test-host-webext.c — a stand-in for Liferea's own web process extension
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Test-only (tests/test-webext.c, never installed). Like Liferea's
 * liblifereawebextension.so it takes the initialization data the host set
 * (Liferea: its D-Bus address); it shows it to the page's main world as
 * window.hostExtension, so the test sees that the host's extension still
 * loads, with its data, beside Telelens's.
 */
#if TL_WEBKIT_API >= 60
#include <webkit/webkit-web-process-extension.h>
typedef WebKitWebProcessExtension TlWebExtension;
#define TL_INITIALIZE_WITH_USER_DATA webkit_web_process_extension_initialize_with_user_data
#else
#include <webkit2/webkit-web-extension.h>
typedef WebKitWebExtension TlWebExtension;
#define TL_INITIALIZE_WITH_USER_DATA webkit_web_extension_initialize_with_user_data
#endif

static char *host_data;

static void
on_cleared (WebKitScriptWorld *world,
            WebKitWebPage     *page,
            WebKitFrame       *frame,
            gpointer           data)
{
  JSCContext *ctx = webkit_frame_get_js_context_for_script_world (frame, world);
  JSCValue *global = jsc_context_get_global_object (ctx);
  JSCValue *v = jsc_value_new_string (ctx, host_data);

  jsc_value_object_set_property (global, "hostExtension", v);
  g_object_unref (v);
  g_object_unref (global);
  g_object_unref (ctx);
}

G_MODULE_EXPORT void TL_INITIALIZE_WITH_USER_DATA (TlWebExtension *extension,
                                                   GVariant       *data);

G_MODULE_EXPORT void
TL_INITIALIZE_WITH_USER_DATA (TlWebExtension *extension,
                              GVariant       *data)
{
  host_data = g_strdup (data && g_variant_is_of_type (data, G_VARIANT_TYPE_STRING) ? g_variant_get_string (data, NULL)
                                                                                   : "no data");
  g_signal_connect (webkit_script_world_get_default (), "window-object-cleared", G_CALLBACK (on_cleared), NULL);
}
