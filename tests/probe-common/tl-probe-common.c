/* tl-probe-common.c — what the test probes share
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tl-probe-common.h"

#include <glib/gstdio.h>

void
tl_probe_answer (const char *dir,
                 const char *text)
{
  g_autofree char *tmp = g_build_filename (dir, "out.tmp", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);

  if (g_file_set_contents (tmp, text, -1, NULL))
    g_rename (tmp, out);
}

char *
tl_probe_js_string (const char *text)
{
  GString *s = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (s, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (s, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

char *
tl_probe_dump_reply (WebKitWebView *view,
                     int            x,
                     int            y,
                     const char    *page,
                     gboolean       failed)
{
  if (page == NULL)
    return g_strdup_printf ("{\"error\":\"%s\"}", failed ? "script failed" : "no page");
  return g_strdup_printf ("{\"origin\":[%d,%d],\"script_markup\":%s,\"page\":%s}", x, y,
                          webkit_settings_get_enable_javascript_markup (webkit_web_view_get_settings (view))
                            ? "true" : "false",
                          page);
}
