/* tl-prefs-gtk4.c — the preferences in GTK 4 and libadwaita
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The GTK 4 front end of the settings described and bound in
 * tl-prefs-table.c (the GTK 3 one is tl-prefs.c): the same groups, words
 * and keys, laid out as libadwaita preference rows, applied at once. Only
 * widgets: what the watch list shows is tl-prefs-watch.c's.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-prefs-gtk4.h"
#include "tl-prefs-table.h"
#include "tl-prefs-watch.h"

#include <adwaita.h>
#include <telelens/telelens.h>

/* --- Settings rows --------------------------------------------------------- */

static GtkWidget *
pref_row (const TlPref *pref,
          GSettings    *settings)
{
  GtkWidget *row = NULL;

  switch (pref->kind)
    {
    case TL_PREF_SWITCH:
      row = adw_switch_row_new ();
      tl_prefs_bind (settings, pref, row, "active");
      break;
    case TL_PREF_NUMBER:
      row = adw_spin_row_new_with_range (pref->min, pref->max, pref->step);
      adw_spin_row_set_digits (ADW_SPIN_ROW (row), pref->digits);
      tl_prefs_bind (settings, pref, row, "value");
      break;
    case TL_PREF_CHOICE:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
        for (const TlPrefChoice *c = pref->choices; c->id; c++)
          gtk_string_list_append (labels, c->label);
        row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
        tl_prefs_bind (settings, pref, row, "selected");
      }
      break;
    case TL_PREF_TEXT:
      row = adw_entry_row_new ();
      tl_prefs_bind (settings, pref, row, "text");
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
            tl_prefs_bind_type (settings, tl_entity_type_to_string (t), check, "active");
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

/* What the list shows, when it can be edited and what Add does are
 * TlPrefsWatch's business (tl-prefs-watch.c); these are its widgets. */
static void
show_entries (TlPrefsWatch      *watch,
              gpointer           list,
              const char *const *entries,
              const char        *empty)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)))
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
  for (guint i = 0; entries[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *del = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entries[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_tooltip_text (del, "Remove from the watch list");
      gtk_widget_set_valign (del, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (del, "flat");
      tl_prefs_watch_connect_remove (watch, del, i);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), del);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (empty)
    {
      GtkWidget *none = gtk_label_new (empty);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_append (GTK_LIST_BOX (list), none);
    }
}

static GtkWidget *
watch_group (void)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *reload = gtk_button_new_with_mnemonic ("_Reload");
  GtkWidget *add = gtk_button_new_with_mnemonic ("_Add");
  GtkWidget *problem, *problem_label, *list, *add_row, *name, *aliases, *type, *status;
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  TlPrefsWatch *watch;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), TL_PREFS_WATCH_GROUP);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), TL_PREFS_WATCH_INTRO);

  problem = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (problem, "card");
  gtk_widget_add_css_class (problem, "error");
  problem_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (problem_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (problem_label), 60);
  gtk_label_set_selectable (GTK_LABEL (problem_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem_label), 0.0);
  gtk_widget_set_hexpand (problem_label, TRUE);
  gtk_widget_set_margin_start (problem_label, 12);
  gtk_widget_set_margin_top (problem_label, 12);
  gtk_widget_set_margin_bottom (problem_label, 12);
  gtk_widget_set_valign (reload, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (reload, 12);
  gtk_box_append (GTK_BOX (problem), problem_label);
  gtk_box_append (GTK_BOX (problem), reload);
  gtk_box_append (GTK_BOX (box), problem);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);

  add_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  name = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (name), "Name");
  gtk_widget_set_hexpand (name, TRUE);
  aliases = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (aliases), "Aliases, comma-separated");
  gtk_widget_set_hexpand (aliases, TRUE);
  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    gtk_string_list_append (types, tl_entity_type_label (t));
  type = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (types)), NULL);
  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    if (g_strcmp0 (tl_entity_type_to_string (t), TL_PREFS_WATCH_DEFAULT_TYPE) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (type), t);
  gtk_box_append (GTK_BOX (add_row), name);
  gtk_box_append (GTK_BOX (add_row), aliases);
  gtk_box_append (GTK_BOX (add_row), type);
  gtk_box_append (GTK_BOX (add_row), add);
  gtk_box_append (GTK_BOX (box), add_row);

  status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (status), 0.0);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_box_append (GTK_BOX (box), status);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);

  watch = tl_prefs_watch_new (NULL, &(TlPrefsWatchView) {
      G_OBJECT (problem), G_OBJECT (problem_label), G_OBJECT (add_row), G_OBJECT (name), G_OBJECT (aliases),
      G_OBJECT (type), "selected", G_OBJECT (add), G_OBJECT (status), show_entries, list });
  g_signal_connect_swapped (reload, "clicked", G_CALLBACK (tl_prefs_watch_load), watch);
  g_object_set_data_full (G_OBJECT (group), "watch", watch, (GDestroyNotify) tl_prefs_watch_free);
  tl_prefs_watch_load (watch);
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
