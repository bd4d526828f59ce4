/* tl-prefs.c — what to highlight, how, the panel, the index, the watch list
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * GNOME HIG layout: a vertical stack of titled groups, settings applied
 * at once (no Apply button), bound to GSettings. The GTK 3 front end of the
 * settings described and bound in tl-prefs-table.c (tl-prefs-gtk4.c is the
 * GTK 4 one): only widgets. The watch list is the user's own entities, kept
 * in ~/.local/share/telelens/watchlist.json; what it shows is tl-prefs-watch.c's.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-prefs.h"
#include "tl-prefs-table.h"
#include "tl-prefs-watch.h"

#include <telelens/telelens.h>

/* --- Helpers ------------------------------------------------------------------ */

static GtkWidget *
group (GtkWidget  *page,
       const char *title)
{
  GtkWidget *frame_label = gtk_label_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", title);

  gtk_label_set_markup (GTK_LABEL (frame_label), markup);
  gtk_label_set_xalign (GTK_LABEL (frame_label), 0.0);
  gtk_widget_set_margin_top (frame_label, 12);
  gtk_box_pack_start (GTK_BOX (page), frame_label, FALSE, FALSE, 0);
  gtk_widget_set_margin_start (box, 12);
  gtk_box_pack_start (GTK_BOX (page), box, FALSE, FALSE, 0);
  return box;
}

static GtkWidget *
row (GtkWidget  *box,
     const char *text,
     GtkWidget  *control)
{
  GtkWidget *r = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *l = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), control);
  gtk_box_pack_start (GTK_BOX (r), l, TRUE, TRUE, 0);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_box_pack_end (GTK_BOX (r), control, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (box), r, FALSE, FALSE, 0);
  return control;
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
  GList *children = gtk_container_get_children (GTK_CONTAINER (list));

  for (GList *l = children; l; l = l->next)
    gtk_widget_destroy (l->data);
  g_list_free (children);
  for (guint i = 0; entries[i]; i++)
    {
      GtkWidget *r = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *l = gtk_label_new (entries[i]);
      GtkWidget *del = gtk_button_new_from_icon_name ("list-remove-symbolic", GTK_ICON_SIZE_BUTTON);

      gtk_label_set_xalign (GTK_LABEL (l), 0.0);
      gtk_widget_set_tooltip_text (del, "Remove from the watch list");
      tl_prefs_watch_connect_remove (watch, del, i);
      gtk_box_pack_start (GTK_BOX (r), l, TRUE, TRUE, 0);
      gtk_box_pack_end (GTK_BOX (r), del, FALSE, FALSE, 0);
      gtk_container_add (GTK_CONTAINER (list), r);
    }
  if (empty)
    {
      GtkWidget *none = gtk_label_new (empty);
      gtk_label_set_xalign (GTK_LABEL (none), 0.0);
      gtk_style_context_add_class (gtk_widget_get_style_context (none), "dim-label");
      gtk_container_add (GTK_CONTAINER (list), none);
    }
  gtk_widget_show_all (list);
}

static void
on_watch_reload (GtkInfoBar   *bar,
                 int           response,
                 TlPrefsWatch *watch)
{
  tl_prefs_watch_load (watch);
}

static GtkWidget *
watch_section (GtkWidget *page)
{
  GtkWidget *box = group (page, TL_PREFS_WATCH_GROUP);
  GtkWidget *add = gtk_button_new_with_mnemonic ("_Add");
  GtkWidget *intro = gtk_label_new (TL_PREFS_WATCH_INTRO);
  GtkWidget *problem, *problem_label, *list, *add_row, *name, *aliases, *type, *status;
  TlPrefsWatch *watch;

  gtk_label_set_xalign (GTK_LABEL (intro), 0.0);
  gtk_label_set_line_wrap (GTK_LABEL (intro), TRUE);
  gtk_box_pack_start (GTK_BOX (box), intro, FALSE, FALSE, 0);

  problem = gtk_info_bar_new_with_buttons ("_Reload", GTK_RESPONSE_APPLY, NULL);
  gtk_info_bar_set_message_type (GTK_INFO_BAR (problem), GTK_MESSAGE_ERROR);
  problem_label = gtk_label_new (NULL);
  gtk_label_set_line_wrap (GTK_LABEL (problem_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (problem_label), 60);
  gtk_label_set_selectable (GTK_LABEL (problem_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem_label), 0.0);
  gtk_container_add (GTK_CONTAINER (gtk_info_bar_get_content_area (GTK_INFO_BAR (problem))), problem_label);
  gtk_widget_show (problem_label);
  gtk_widget_set_no_show_all (problem, TRUE);
  gtk_box_pack_start (GTK_BOX (box), problem, FALSE, FALSE, 0);

  list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_pack_start (GTK_BOX (box), list, FALSE, FALSE, 0);
  add_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  name = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (name), "Name");
  aliases = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (aliases), "Aliases, comma-separated");
  type = gtk_combo_box_text_new ();
  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (type), tl_entity_type_to_string (t), tl_entity_type_label (t));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (type), TL_PREFS_WATCH_DEFAULT_TYPE);
  gtk_box_pack_start (GTK_BOX (add_row), name, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (add_row), aliases, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (add_row), type, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (add_row), add, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (box), add_row, FALSE, FALSE, 0);
  status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (status), 0.0);
  gtk_label_set_line_wrap (GTK_LABEL (status), TRUE);
  gtk_box_pack_start (GTK_BOX (box), status, FALSE, FALSE, 0);

  watch = tl_prefs_watch_new (NULL, &(TlPrefsWatchView) {
      G_OBJECT (problem), G_OBJECT (problem_label), G_OBJECT (add_row), G_OBJECT (name), G_OBJECT (aliases),
      G_OBJECT (type), "active-id", G_OBJECT (add), G_OBJECT (status), show_entries, list });
  g_signal_connect (problem, "response", G_CALLBACK (on_watch_reload), watch);
  g_object_set_data_full (G_OBJECT (box), "watch", watch, (GDestroyNotify) tl_prefs_watch_free);
  tl_prefs_watch_load (watch);
  return box;
}

/* --- The page ------------------------------------------------------------------ */

/**
 * tl_prefs_widget_new:
 * @settings: the plugin's settings
 *
 * Returns: (transfer floating): the preferences, for a dialog or a host's
 *   own preferences window
 */
GtkWidget *
tl_prefs_widget_new (GSettings *settings)
{
  GtkWidget *scroll = gtk_scrolled_window_new (NULL, NULL);
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *box = NULL, *w, *types;
  guint n_prefs;
  const TlPref *prefs = tl_prefs_table (&n_prefs);

  gtk_container_set_border_width (GTK_CONTAINER (page), 18);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  /* As tall as the settings (up to most of a laptop screen), so a window
   * opens with every group but the watch list in view. */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), 480);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroll), 700);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroll), 560);

  for (guint i = 0; i < n_prefs; i++)
    {
      const TlPref *pref = &prefs[i];

      if (pref->group)
        box = group (page, pref->group);
      switch (pref->kind)
        {
        case TL_PREF_SWITCH:
          tl_prefs_bind (settings, pref, row (box, pref->label, gtk_switch_new ()), "active");
          break;
        case TL_PREF_NUMBER:
          w = gtk_spin_button_new_with_range (pref->min, pref->max, pref->step);
          gtk_spin_button_set_digits (GTK_SPIN_BUTTON (w), pref->digits);
          tl_prefs_bind (settings, pref, row (box, pref->label, w), "value");
          break;
        case TL_PREF_CHOICE:
          w = gtk_combo_box_text_new ();
          for (const TlPrefChoice *c = pref->choices; c->id; c++)
            gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (w), c->id, c->label);
          tl_prefs_bind (settings, pref, row (box, pref->label, w), "active-id");
          break;
        case TL_PREF_TEXT:
          w = gtk_entry_new ();
          gtk_entry_set_width_chars (GTK_ENTRY (w), 28);
          tl_prefs_bind (settings, pref, row (box, pref->label, w), "text");
          break;
        case TL_PREF_TYPES:
          types = gtk_flow_box_new ();
          gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (types), GTK_SELECTION_NONE);
          gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (types), 4);
          for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
            {
              GtkWidget *check = gtk_check_button_new_with_label (tl_entity_type_label (t));
              tl_prefs_bind_type (settings, tl_entity_type_to_string (t), check, "active");
              gtk_container_add (GTK_CONTAINER (types), check);
            }
          gtk_box_pack_start (GTK_BOX (box), types, FALSE, FALSE, 0);
          break;
        }
    }

  watch_section (page);

  gtk_container_add (GTK_CONTAINER (scroll), page);
  gtk_widget_show_all (scroll);
  return scroll;
}

/**
 * tl_prefs_dialog_present:
 * @parent: (nullable): the host's window
 * @settings: the plugin's settings
 *
 * Shows the preferences in a dialog of their own (one at a time).
 */
void
tl_prefs_dialog_present (GtkWindow *parent,
                         GSettings *settings)
{
  static GtkWidget *dialog;

  if (dialog == NULL)
    {
      /* A header bar of its own: the title shows even where no window
       * manager draws one. */
      dialog = g_object_new (GTK_TYPE_DIALOG, "title", TL_PREFS_TITLE, "transient-for", parent,
                             "destroy-with-parent", TRUE, "use-header-bar", TRUE, NULL);
      gtk_box_pack_start (GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))),
                          tl_prefs_widget_new (settings), TRUE, TRUE, 0);
      g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}
