/* tl-evolution-prefs.c — a Telelens page in Evolution's Preferences
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The same widget and the same settings (org.telelens.plugin, with the
 * watch list file) as Liferea's preferences: a change in either reader
 * shows in the other. Added once per Preferences window, from the first
 * shell window.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-evolution-host.h"
#include "tl-prefs.h"

#define PAGE "telelens"

struct _TlEvolutionPrefs {
  EExtension parent_instance;
};

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TlEvolutionPrefs, tl_evolution_prefs, E_TYPE_EXTENSION, G_TYPE_FLAG_FINAL, {})

static GtkWidget *
create_page (EPreferencesWindow *window)
{
  GSettings *settings = tl_evolution_settings ();
  /* The widget scrolls by itself. */
  GtkWidget *page = settings ? tl_prefs_widget_new (settings)
                             : gtk_label_new ("Telelens settings are not installed; reinstall the Telelens module.");

  gtk_widget_show_all (page);
  return page;
}

static void
add_page (EShell *shell)
{
  GtkWidget *window = e_shell_get_preferences_window (shell);

  if (window == NULL || g_object_get_data (G_OBJECT (window), "telelens-page"))
    return;
  e_preferences_window_add_page (E_PREFERENCES_WINDOW (window), PAGE, "preferences-system", "Telelens",
                                 NULL, create_page, 900);
  g_object_set_data (G_OBJECT (window), "telelens-page", GINT_TO_POINTER (1));
}

/**
 * tl_evolution_prefs_present:
 * @near: a widget in the window the request came from
 *
 * Opens Evolution's Preferences at the Telelens page (the gear in the panel).
 */
void
tl_evolution_prefs_present (GtkWidget *near)
{
  EShell *shell = e_shell_get_default ();
  GtkWidget *window, *top;

  if (shell == NULL || (window = e_shell_get_preferences_window (shell)) == NULL)
    return;
  add_page (shell);
  e_preferences_window_setup (E_PREFERENCES_WINDOW (window));
  top = near ? gtk_widget_get_toplevel (near) : NULL;
  if (GTK_IS_WINDOW (top))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (top));
  gtk_window_present (GTK_WINDOW (window));
  e_preferences_window_show_page (E_PREFERENCES_WINDOW (window), PAGE);
}

static void
tl_evolution_prefs_constructed (GObject *object)
{
  EShellWindow *window;

  G_OBJECT_CLASS (tl_evolution_prefs_parent_class)->constructed (object);
  window = E_SHELL_WINDOW (e_extension_get_extensible (E_EXTENSION (object)));
  if (window)
    add_page (e_shell_window_get_shell (window));
}

static void
tl_evolution_prefs_class_init (TlEvolutionPrefsClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = tl_evolution_prefs_constructed;
  E_EXTENSION_CLASS (klass)->extensible_type = E_TYPE_SHELL_WINDOW;
}

static void
tl_evolution_prefs_class_finalize (TlEvolutionPrefsClass *klass)
{
}

static void
tl_evolution_prefs_init (TlEvolutionPrefs *self)
{
}

void
tl_evolution_prefs_type_register (GTypeModule *module)
{
  tl_evolution_prefs_register_type (module);
}
