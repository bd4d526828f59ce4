/* tl-prefs-gtk4.c — the preferences in GTK 4 and libadwaita
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The GTK 4 front end of the settings described in tl-prefs-table.c (the
 * GTK 3 one is tl-prefs.c): the same groups, words and keys, laid out as
 * libadwaita preference rows, applied at once, bound to GSettings. The
 * watch list file is TlWatchList's business; this is its view.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-prefs-gtk4.h"
#include "tl-prefs-table.h"
#include "tl-watch-list.h"

#include <adwaita.h>
#include <telelens/telelens.h>

/* --- Settings rows --------------------------------------------------------- */

static gboolean
choice_get (GValue   *value,
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
choice_set (const GValue       *value,
            const GVariantType *type,
            gpointer            data)
{
  const TlPrefChoice *choices = data;
  guint i = g_value_get_uint (value), n = 0;

  while (choices[n].id)
    n++;
  return i < n ? g_variant_new_string (choices[i].id) : NULL;
}

static void
on_type_toggled (GtkCheckButton *button,
                 GSettings      *settings)
{
  tl_prefs_set_type_enabled (settings, g_object_get_data (G_OBJECT (button), "type"),
                             gtk_check_button_get_active (button));
}

static GtkWidget *
pref_row (const TlPref *pref,
          GSettings    *settings)
{
  GtkWidget *row = NULL;

  switch (pref->kind)
    {
    case TL_PREF_SWITCH:
      row = adw_switch_row_new ();
      g_settings_bind (settings, pref->key, row, "active", G_SETTINGS_BIND_DEFAULT);
      break;
    case TL_PREF_NUMBER:
      row = adw_spin_row_new_with_range (pref->min, pref->max, pref->step);
      adw_spin_row_set_digits (ADW_SPIN_ROW (row), pref->digits);
      g_settings_bind (settings, pref->key, row, "value", G_SETTINGS_BIND_DEFAULT);
      break;
    case TL_PREF_CHOICE:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
        for (const TlPrefChoice *c = pref->choices; c->id; c++)
          gtk_string_list_append (labels, c->label);
        row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
        g_settings_bind_with_mapping (settings, pref->key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                      choice_get, choice_set, (gpointer) pref->choices, NULL);
      }
      break;
    case TL_PREF_TEXT:
      row = adw_entry_row_new ();
      g_settings_bind (settings, pref->key, row, "text", G_SETTINGS_BIND_DEFAULT);
      break;
    case TL_PREF_TYPES:
      {
        GtkWidget *types = gtk_flow_box_new ();
        gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (types), GTK_SELECTION_NONE);
        gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (types), 4);
        gtk_widget_set_margin_top (types, 6);
        gtk_widget_set_margin_bottom (types, 6);
        for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
          {
            GtkWidget *check = gtk_check_button_new_with_label (tl_entity_type_label (t));
            g_object_set_data (G_OBJECT (check), "type", (gpointer) tl_entity_type_to_string (t));
            gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                         tl_prefs_type_enabled (settings, tl_entity_type_to_string (t)));
            g_signal_connect (check, "toggled", G_CALLBACK (on_type_toggled), settings);
            gtk_flow_box_append (GTK_FLOW_BOX (types), check);
          }
        return types;
      }
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pref->label);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  return row;
}

/* --- Watch list --------------------------------------------------------------------- */

typedef struct {
  TlWatchList *file;
  GtkWidget   *problem;        /* why the list cannot be edited, with Reload */
  GtkWidget   *problem_label;
  GtkWidget   *list;
  GtkWidget   *add_row;
  GtkWidget   *name;
  GtkWidget   *aliases;
  GtkWidget   *type;
  GtkWidget   *status;
} Watch;

static void
watch_free (gpointer data)
{
  Watch *w = data;
  g_clear_object (&w->file);
  g_free (w);
}

static void watch_refresh (Watch *w);

static void
watch_problem (Watch      *w,
               const char *message,
               gboolean    editable)
{
  gtk_label_set_text (GTK_LABEL (w->problem_label), message ? message : "");
  gtk_widget_set_visible (w->problem, message != NULL);
  gtk_widget_set_sensitive (w->add_row, editable);
}

static void
watch_saved (Watch  *w,
             GError *error)
{
  if (error == NULL)
    {
      watch_problem (w, NULL, TRUE);
      gtk_label_set_text (GTK_LABEL (w->status), TL_PREFS_WATCH_SAVED);
    }
  else if (g_error_matches (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_INVALID))
    gtk_label_set_text (GTK_LABEL (w->status), error->message);
  else
    {
      gtk_label_set_text (GTK_LABEL (w->status), "");
      watch_problem (w, error->message, FALSE);
    }
  watch_refresh (w);
}

static void
watch_load (Watch *w)
{
  g_autoptr(GError) error = NULL;

  if (tl_watch_list_load (w->file, &error))
    watch_problem (w, NULL, TRUE);
  else
    {
      g_autofree char *msg = tl_prefs_watch_unreadable (error);
      watch_problem (w, msg, FALSE);
    }
  gtk_label_set_text (GTK_LABEL (w->status), "");
  watch_refresh (w);
}

static void
on_watch_reload (GtkButton *button,
                 Watch     *w)
{
  watch_load (w);
}

static void
on_remove (GtkButton *button,
           Watch     *w)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(GError) error = NULL;

  if (index < tl_watch_list_get_n_entries (w->file))
    {
      tl_watch_list_remove (w->file, index, &error);
      watch_saved (w, error);
    }
}

static void
on_add (GtkWidget *widget,
        Watch     *w)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (w->name));
  g_auto(GStrv) aliases = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (w->aliases)), ",", -1);
  guint type = gtk_drop_down_get_selected (GTK_DROP_DOWN (w->type));
  g_autoptr(GError) error = NULL;

  if (type >= TL_N_ENTITY_TYPES ||
      !tl_watch_list_add (w->file, name, tl_entity_type_to_string (type), (const char *const *) aliases, &error))
    {
      watch_saved (w, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (w->name), "");
  gtk_editable_set_text (GTK_EDITABLE (w->aliases), "");
  watch_saved (w, NULL);
}

static void
watch_refresh (Watch *w)
{
  guint n = tl_watch_list_get_n_entries (w->file);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (w->list)))
    gtk_list_box_remove (GTK_LIST_BOX (w->list), child);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = tl_watch_list_describe_entry (w->file, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *del = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_tooltip_text (del, "Remove from the watch list");
      gtk_widget_set_valign (del, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (del, "flat");
      g_object_set_data (G_OBJECT (del), "index", GUINT_TO_POINTER (i));
      g_signal_connect (del, "clicked", G_CALLBACK (on_remove), w);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), del);
      gtk_list_box_append (GTK_LIST_BOX (w->list), row);
    }
  if (n == 0 && tl_watch_list_is_editable (w->file))
    {
      GtkWidget *none = gtk_label_new (TL_PREFS_WATCH_EMPTY);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_append (GTK_LIST_BOX (w->list), none);
    }
}

static GtkWidget *
watch_group (void)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *reload = gtk_button_new_with_mnemonic ("_Reload");
  GtkWidget *add = gtk_button_new_with_mnemonic ("_Add");
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  Watch *w = g_new0 (Watch, 1);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), TL_PREFS_WATCH_GROUP);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), TL_PREFS_WATCH_INTRO);
  w->file = tl_watch_list_new (NULL);

  w->problem = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (w->problem, "card");
  gtk_widget_add_css_class (w->problem, "error");
  w->problem_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (w->problem_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (w->problem_label), 60);
  gtk_label_set_selectable (GTK_LABEL (w->problem_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (w->problem_label), 0.0);
  gtk_widget_set_hexpand (w->problem_label, TRUE);
  gtk_widget_set_margin_start (w->problem_label, 12);
  gtk_widget_set_margin_top (w->problem_label, 12);
  gtk_widget_set_margin_bottom (w->problem_label, 12);
  gtk_widget_set_valign (reload, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (reload, 12);
  g_signal_connect (reload, "clicked", G_CALLBACK (on_watch_reload), w);
  gtk_box_append (GTK_BOX (w->problem), w->problem_label);
  gtk_box_append (GTK_BOX (w->problem), reload);
  gtk_box_append (GTK_BOX (box), w->problem);

  w->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (w->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (w->list, "boxed-list");
  gtk_box_append (GTK_BOX (box), w->list);

  w->add_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  w->name = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (w->name), "Name");
  gtk_widget_set_hexpand (w->name, TRUE);
  w->aliases = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (w->aliases), "Aliases, comma-separated");
  gtk_widget_set_hexpand (w->aliases, TRUE);
  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    gtk_string_list_append (types, tl_entity_type_label (t));
  w->type = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (types)), NULL);
  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    if (g_strcmp0 (tl_entity_type_to_string (t), "organization") == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (w->type), t);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add), w);
  g_signal_connect (w->name, "activate", G_CALLBACK (on_add), w);
  gtk_box_append (GTK_BOX (w->add_row), w->name);
  gtk_box_append (GTK_BOX (w->add_row), w->aliases);
  gtk_box_append (GTK_BOX (w->add_row), w->type);
  gtk_box_append (GTK_BOX (w->add_row), add);
  gtk_box_append (GTK_BOX (box), w->add_row);

  w->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->status), 0.0);
  gtk_label_set_wrap (GTK_LABEL (w->status), TRUE);
  gtk_box_append (GTK_BOX (box), w->status);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  g_object_set_data_full (G_OBJECT (group), "watch", w, watch_free);
  watch_load (w);
  return group;
}

/* --- The page ------------------------------------------------------------------ */

/**
 * tl_prefs_gtk4_widget_new:
 * @settings: the plugin's settings
 *
 * Returns: (transfer floating): the preferences as a libadwaita page
 */
GtkWidget *
tl_prefs_gtk4_widget_new (GSettings *settings)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = NULL;
  guint n_prefs;
  const TlPref *prefs = tl_prefs_table (&n_prefs);

  for (guint i = 0; i < n_prefs; i++)
    {
      if (prefs[i].group || group == NULL)
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), prefs[i].group ? prefs[i].group : "");
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), pref_row (&prefs[i], settings));
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (watch_group ()));
  return page;
}

/**
 * tl_prefs_gtk4_present:
 * @parent: (nullable): the host's window
 * @settings: the plugin's settings
 *
 * Shows the preferences in a window of their own (one at a time).
 */
void
tl_prefs_gtk4_present (GtkWindow *parent,
                       GSettings *settings)
{
  static GtkWidget *window;

  adw_init ();
  if (window == NULL)
    {
      GtkWidget *view = adw_toolbar_view_new ();

      window = adw_window_new ();
      gtk_window_set_title (GTK_WINDOW (window), TL_PREFS_TITLE);
      gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
      gtk_window_set_transient_for (GTK_WINDOW (window), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
      adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (view), adw_header_bar_new ());
      adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), tl_prefs_gtk4_widget_new (settings));
      adw_window_set_content (ADW_WINDOW (window), view);
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
    }
  gtk_window_present (GTK_WINDOW (window));
}
