/* tl-probe-common.h — what the test probes (Liferea's and Evolution's)
 * share: the answer file and the dump's JSON
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Compiled into each probe module with that module's WebKit; links nothing
 * of Telelens.
 */
#pragma once

#include <glib.h>
#if defined(TL_WEBKIT_API) && TL_WEBKIT_API == 60
#include <webkit/webkit.h>
#else
#include <webkit2/webkit2.h>
#endif

G_BEGIN_DECLS

/* Writes @text whole to @dir/out (through out.tmp and a rename), so the
 * test never reads half an answer. */
void  tl_probe_answer     (const char *dir,
                           const char *text);

/* @text as a JavaScript string literal. */
char *tl_probe_js_string  (const char *text);

/* The dump's reply: {"origin":[x,y],"script_markup":…,"page":PAGE}, or
 * {"error":…} when @page is NULL (the script failed, or gave no page). */
char *tl_probe_dump_reply (WebKitWebView *view,
                           int            x,
                           int            y,
                           const char    *page,
                           gboolean       failed);

G_END_DECLS
