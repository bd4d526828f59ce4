/* tl-webkit-compat.h — what differs between the WebKitGTK APIs the UI is built for
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The reader UI is compiled once per WebKit API (plugin/ui/meson.build sets
 * TL_WEBKIT_API: 40 for webkit2gtk-4.0, 41 for webkit2gtk-4.1, 60 for
 * webkitgtk-6.0). The few calls whose shape changed in 6.0 are wrapped here,
 * so the rest of the code is written once:
 *  - the header (webkit2/webkit2.h → webkit/webkit.h);
 *  - a script message arrives as a WebKitJavascriptResult (4.x) or directly
 *    as a JSCValue (6.0);
 *  - registering a message handler for a script world: _in_world (4.x), or
 *    a third argument (6.0);
 *  - web extensions became web process extensions (6.0): the signal emitted
 *    before each new web process, and the folder they are loaded from.
 */
#pragma once

#ifndef TL_WEBKIT_API
#error "TL_WEBKIT_API is set by plugin/ui/meson.build (40, 41 or 60)"
#endif

#if TL_WEBKIT_API >= 60
#include <webkit/webkit.h>
#else
#include <webkit2/webkit2.h>
#endif

G_BEGIN_DECLS

#if TL_WEBKIT_API >= 60

/* What "script-message-received" hands its handler. */
typedef JSCValue TlScriptMessage;

static inline JSCValue *
tl_script_message_get_value (TlScriptMessage *message)
{
  return message;
}

static inline void
tl_register_script_message_handler (WebKitUserContentManager *ucm,
                                    const char               *name,
                                    const char               *world)
{
  webkit_user_content_manager_register_script_message_handler (ucm, name, world);
}

#define TL_INITIALIZE_WEB_EXTENSIONS "initialize-web-process-extensions"

static inline void
tl_web_context_set_extensions_directory (WebKitWebContext *context,
                                         const char       *dir)
{
  webkit_web_context_set_web_process_extensions_directory (context, dir);
}

#else

typedef WebKitJavascriptResult TlScriptMessage;

static inline JSCValue *
tl_script_message_get_value (TlScriptMessage *message)
{
  return webkit_javascript_result_get_js_value (message);
}

static inline void
tl_register_script_message_handler (WebKitUserContentManager *ucm,
                                    const char               *name,
                                    const char               *world)
{
  webkit_user_content_manager_register_script_message_handler_in_world (ucm, name, world);
}

#define TL_INITIALIZE_WEB_EXTENSIONS "initialize-web-extensions"

static inline void
tl_web_context_set_extensions_directory (WebKitWebContext *context,
                                         const char       *dir)
{
  webkit_web_context_set_web_extensions_directory (context, dir);
}

#endif

G_END_DECLS
