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

/* A choice shown by position (a GTK 4 drop-down's "selected"): the key holds
 * the choice's id. An id the table does not know selects nothing. */
static gboolean
choice_index_get (GValue   *value,
                  GVariant *variant,
                  gpointer  data)
{
  const TlPrefChoice *choices = data;
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i].id; i++)
    if (g_strcmp0 (choices[i].id, id) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
choice_index_set (const GValue       *value,
                  const GVariantType *type,
                  gpointer            data)
{
  const TlPrefChoice *choices = data;
  guint i = g_value_get_uint (value), n = 0;

  while (choices[n].id)
    n++;
  return i < n ? g_variant_new_string (choices[i].id) : NULL;
}

/**
 * tl_prefs_bind:
 * @settings: the plugin's settings
 * @pref: a row of tl_prefs_table(), not %TL_PREF_TYPES
 * @control: the widget the front end made for it
 * @property: @control's property that shows the value: a boolean for a
 *   switch, a double for a number, a string for text; for a choice either
 *   the choice's id (a string, e.g. GtkComboBox's "active-id") or its
 *   position in @pref's choices (a guint, e.g. AdwComboRow's "selected")
 *
 * Binds @control both ways to @pref's key, applied at once.
 */
void
tl_prefs_bind (GSettings    *settings,
               const TlPref *pref,
               gpointer      control,
               const char   *property)
{
  GParamSpec *pspec;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_OBJECT (control));
  g_return_if_fail (pref->kind != TL_PREF_TYPES);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (control), property);
  g_return_if_fail (pspec != NULL);

  if (pref->kind == TL_PREF_CHOICE && pspec->value_type == G_TYPE_UINT)
    g_settings_bind_with_mapping (settings, pref->key, control, property, G_SETTINGS_BIND_DEFAULT,
                                  choice_index_get, choice_index_set, (gpointer) pref->choices, NULL);
  else
    g_settings_bind (settings, pref->key, control, property, G_SETTINGS_BIND_DEFAULT);
}

typedef struct {
  GSettings  *settings;
  const char *type;    /* static: tl_entity_type_to_string() */
} TypeBinding;

static void
type_binding_free (gpointer  data,
                   GClosure *closure)
{
  TypeBinding *b = data;

  g_object_unref (b->settings);
  g_free (b);
}

static void
on_type_notify (GObject    *check,
                GParamSpec *pspec,
                gpointer    data)
{
  TypeBinding *b = data;
  gboolean active = FALSE;

  g_object_get (check, pspec->name, &active, NULL);
  tl_prefs_set_type_enabled (b->settings, b->type, active);
}

/**
 * tl_prefs_bind_type:
 * @settings: the plugin's settings
 * @type: (not nullable): an entity type's id (tl_entity_type_to_string()), static
 * @check: the check button the front end made for it
 * @property: @check's boolean property ("active")
 *
 * Shows whether @type is highlighted (a member of highlight-types) and
 * turns it on or off when @check changes, keeping the other types as they are.
 */
void
tl_prefs_bind_type (GSettings  *settings,
                    const char *type,
                    gpointer    check,
                    const char *property)
{
  g_autofree char *signal = NULL;
  TypeBinding *b;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (type != NULL);
  g_return_if_fail (G_IS_OBJECT (check));

  g_object_set (check, property, tl_prefs_type_enabled (settings, type), NULL);
  b = g_new0 (TypeBinding, 1);
  b->settings = g_object_ref (settings);
  b->type = type;
  signal = g_strconcat ("notify::", property, NULL);
  g_signal_connect_data (check, signal, G_CALLBACK (on_type_notify), b, type_binding_free, 0);
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
