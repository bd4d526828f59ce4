/* tl-prefs-table.c — the preferences, described once for every toolkit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-prefs-table.h"

static const TlPrefChoice color_schemes[] = {
  { "soft", "Soft tints" },
  { "underline", "Underline only" },
  { "vivid", "Vivid" },
  { NULL, NULL },
};

/* In the order shown; keys from data/org.telelens.plugin.gschema.xml. */
static const TlPref prefs[] = {
  { "Highlighting", TL_PREF_SWITCH, "topic-only", "Only in stories (possibly) about _telecom security" },
  { NULL, TL_PREF_NUMBER, "topic-threshold", "Topic _threshold (higher: fewer stories count)", 0.0, 1.0, 0.05, 2 },
  { NULL, TL_PREF_NUMBER, "topic-possible-from", "“_Possibly” from score (still highlighted)", 0.0, 1.0, 0.05, 2 },
  { NULL, TL_PREF_CHOICE, "color-scheme", "_Colours", 0, 0, 0, 0, color_schemes },
  { NULL, TL_PREF_TYPES, "highlight-types", "Highlight" },
  { NULL, TL_PREF_SWITCH, "block-scripts", "_Block scripts that come with stories (safer)" },
  { "Story panel", TL_PREF_SWITCH, "show-panel", "Show the _panel above each story" },
  { NULL, TL_PREF_NUMBER, "related-count", "_Related stories to show", 1, 10, 1, 0 },
  { "Local index", TL_PREF_TEXT, "index-url", "_Address (this computer only)" },
  { NULL, TL_PREF_SWITCH, "start-index", "_Start the local index when it is not running" },
};

/**
 * tl_prefs_table:
 * @n_prefs: (out): how many
 *
 * Returns: (array length=n_prefs): the settings the preferences show, in order
 */
const TlPref *
tl_prefs_table (guint *n_prefs)
{
  *n_prefs = G_N_ELEMENTS (prefs);
  return prefs;
}

gboolean
tl_prefs_type_enabled (GSettings  *settings,
                       const char *type)
{
  g_auto(GStrv) types = g_settings_get_strv (settings, "highlight-types");

  return g_strv_contains ((const char *const *) types, type);
}

/* Turns one entity type on or off, keeping the others as they are. */
void
tl_prefs_set_type_enabled (GSettings  *settings,
                           const char *type,
                           gboolean    enabled)
{
  g_auto(GStrv) types = g_settings_get_strv (settings, "highlight-types");
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  for (char **t = types; *t; t++)
    if (g_strcmp0 (*t, type) != 0)
      g_ptr_array_add (out, *t);
  if (enabled)
    g_ptr_array_add (out, (gpointer) type);
  g_ptr_array_add (out, NULL);
  g_settings_set_strv (settings, "highlight-types", (const char *const *) out->pdata);
}

/* What the preferences say when the watch list file cannot be read. */
char *
tl_prefs_watch_unreadable (const GError *error)
{
  return g_strdup_printf ("Telelens could not read your watch list, so it leaves the file "
                          "as it is and highlights without it.\n%s\n"
                          "Fix the file in a text editor, then press Reload.", error->message);
}
