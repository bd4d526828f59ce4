/* tl-evolution-module.c — Telelens in Evolution: the module's entry points
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Evolution loads every module in its module folders at start-up
 * (`e_module_load`), and may unload and load one again as its types fall
 * out of use. The reader UI registers static types and a GResource, so the
 * library stays resident once loaded; the dynamic types (the extensions)
 * are registered again on each load, as GTypeModule expects.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-evolution-host.h"

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <libedataserver/libedataserver.h>
G_GNUC_END_IGNORE_DEPRECATIONS

G_MODULE_EXPORT void e_module_load   (GTypeModule *type_module);
G_MODULE_EXPORT void e_module_unload (GTypeModule *type_module);

/* The series this module is built for, read by `telelens plugin install`
 * and `status` (tl-plugin-hosts.c): Evolution's module interface changes
 * with each release, and the module's file has one name in every series. */
__attribute__((used)) static const char series_tag[] = "telelens-evolution-series=" TL_EVOLUTION_SERIES;

static char *module_dir;
static GSettings *settings;

/**
 * tl_evolution_settings:
 *
 * The schema compiled beside the module (a per-user install) or the
 * system's. Returns: (transfer none) (nullable): the settings
 */
GSettings *
tl_evolution_settings (void)
{
  if (settings == NULL)
    settings = tl_settings_new (module_dir);
  return settings;
}

/* Evolution loads every .so in its module folders whatever its name, and
 * its private libraries keep their sonames across series: a build for
 * another series would link and then call into an interface that changed.
 * It stays off instead, with one warning (Evolution loads a module more
 * than once). Evolution and evolution-data-server share their series. */
static gboolean
series_matches (void)
{
  static gboolean warned;

  if (eds_major_version == TL_EVOLUTION_MAJOR && eds_minor_version == TL_EVOLUTION_MINOR)
    return TRUE;
  if (!warned)
    g_warning ("Telelens: this module was built for Evolution " TL_EVOLUTION_SERIES
               " and this is Evolution %u.%u, so Telelens stays off. Install the build "
               "for this Evolution (the evolution-plugin-telelens package of this "
               "release, or \"telelens plugin install\" with a build made here).",
               eds_major_version, eds_minor_version);
  warned = TRUE;
  return FALSE;
}

G_MODULE_EXPORT void
e_module_load (GTypeModule *type_module)
{
  if (!series_matches ())
    return;
  if (module_dir == NULL && E_IS_MODULE (type_module))
    {
      const char *file = e_module_get_filename (E_MODULE (type_module));
      GModule *self;

      module_dir = g_path_get_dirname (file);
      /* Static types and resources must outlive an unload. */
      if ((self = g_module_open (file, G_MODULE_BIND_LAZY)) != NULL)
        g_module_make_resident (self);
      g_debug ("Telelens module loaded from %s (built for Evolution " TL_EVOLUTION_SERIES ")", file);
    }
  tl_evolution_display_type_register (type_module);
  tl_evolution_prefs_type_register (type_module);
}

G_MODULE_EXPORT void
e_module_unload (GTypeModule *type_module)
{
  /* Nothing is left to undo here: each extension undid its own work when
   * its view went away. The settings and the folder stay for a reload. */
}
