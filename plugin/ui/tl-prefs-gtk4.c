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

/* What the list shows and when it can be edited is TlPrefsWatch's business
 * (tl-prefs-watch.c); these are its widgets. */
typedef struct {
  TlPrefsWatch *state;
  GtkWidget    *problem;        /* why the list cannot be edited, with Reload */
  GtkWidget    *problem_label;
  GtkWidget    *list;
  GtkWidget    *add_row;
  GtkWidget    *name;
  GtkWidget    *aliases;
  GtkWidget    *type;
  GtkWidget    *status;
} Watch;

static void
watch_free (gpointer data)
{
  Watch *w = data;
  g_clear_pointer (&w->state, tl_prefs_watch_free);
  g_free (w);
}

static void
show_problem (gpointer    data,
              const char *message,
              gboolean    editable)
{
  Watch *w = data;

  gtk_label_set_text (GTK_LABEL (w->problem_label), message ? message : "");
  gtk_widget_set_visible (w->problem, message != NULL);
  gtk_widget_set_sensitive (w->add_row, editable);
}

static void
show_status (gpointer    data,
             const char *text)
{
  Watch *w = data;

  gtk_label_set_text (GTK_LABEL (w->status), text);
}

static void
on_remove (GtkButton *button,
           Watch     *w)
{
  tl_prefs_watch_remove (w->state, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static void
show_entries (gpointer           data,
              const char *const *entries,
              const char        *empty)
{
  Watch *w = data;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (w->list)))
    gtk_list_box_remove (GTK_LIST_BOX (w->list), child);
  for (guint i = 0; entries[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *del = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entries[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_tooltip_text (del, "Remove from the watch list");
      gtk_widget_set_valign (del, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (del, "flat");
      g_object_set_data (G_OBJECT (del), "index", GUINT_TO_POINTER (i));
      g_signal_connect (del, "clicked", G_CALLBACK (on_remove), w);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), del);
      gtk_list_box_append (GTK_LIST_BOX (w->list), row);
    }
  if (empty)
    {
      GtkWidget *none = gtk_label_new (empty);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_append (GTK_LIST_BOX (w->list), none);
    }
}

static const TlPrefsWatchView watch_view = { show_problem, show_status, show_entries };

static void
on_watch_reload (GtkButton *button,
                 Watch     *w)
{
  tl_prefs_watch_load (w->state);
}

static void
on_add (GtkWidget *widget,
        Watch     *w)
{
  guint type = gtk_drop_down_get_selected (GTK_DROP_DOWN (w->type));

  if (tl_prefs_watch_add (w->state, gtk_editable_get_text (GTK_EDITABLE (w->name)),
                          gtk_editable_get_text (GTK_EDITABLE (w->aliases)),
                          type < TL_N_ENTITY_TYPES ? tl_entity_type_to_string (type) : NULL))
    {
      gtk_editable_set_text (GTK_EDITABLE (w->name), "");
      gtk_editable_set_text (GTK_EDITABLE (w->aliases), "");
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
  w->state = tl_prefs_watch_new (NULL, &watch_view, w);

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
    if (g_strcmp0 (tl_entity_type_to_string (t), TL_PREFS_WATCH_DEFAULT_TYPE) == 0)
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
  tl_prefs_watch_load (w->state);
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
