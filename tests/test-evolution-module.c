/* test-evolution-module.c — the Evolution module as Evolution loads it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Evolution loads each .so of its module folders through EModule
 * (libedataserver) and lets its e_module_load register the extensions.
 * These tests do the same with the module this tree built and with a build
 * of the same sources for another Evolution series (tests/meson.build), as
 * a user gets after an upgrade to the next Debian: that one must register
 * nothing and say, once, what to do. Each load runs in its own process
 * (both builds have the same static types).
 */
#define G_LOG_DOMAIN "telelens-test"

#include "tl-test-util.h"

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <libedataserver/libedataserver.h>
G_GNUC_END_IGNORE_DEPRECATIONS

#define OFF_MESSAGE                                                                          \
  "Telelens: this module was built for Evolution " TL_OTHER_SERIES " and this is Evolution " \
  TL_THIS_SERIES ", so Telelens stays off. Install the build for this Evolution*"             \
  "telelens plugin install*"

/* Loads FILE as Evolution does, unloads it and loads it again (Evolution's
 * start-up does that too). */
static void
load_twice (const char *file)
{
  /* A type module is never freed (GObject refuses to dispose of one). */
  EModule *module = e_module_new (file);

  g_assert_nonnull (module);
  g_assert_true (g_type_module_use (G_TYPE_MODULE (module)));
  g_type_module_unuse (G_TYPE_MODULE (module));
  g_assert_true (g_type_module_use (G_TYPE_MODULE (module)));
}

static void
test_this_series (void)
{
  if (g_test_subprocess ())
    {
      load_twice (TL_THIS_MODULE);
      g_assert_cmpuint (g_type_from_name ("TlEvolutionDisplay"), !=, 0);
      g_assert_cmpuint (g_type_from_name ("TlEvolutionPrefs"), !=, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("*stays off*");
}

static void
test_other_series_stays_off (void)
{
  if (g_test_subprocess ())
    {
      /* Exactly one warning for both loads: a second one is fatal here. */
      g_test_expect_message ("telelens", G_LOG_LEVEL_WARNING, OFF_MESSAGE);
      load_twice (TL_OTHER_MODULE);
      g_test_assert_expected_messages ();
      g_assert_cmpuint (g_type_from_name ("TlEvolutionDisplay"), ==, 0);
      g_assert_cmpuint (g_type_from_name ("TlEvolutionPrefs"), ==, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/evolution/module/this-series", test_this_series);
  g_test_add_func ("/evolution/module/other-series-stays-off", test_other_series_stays_off);
  return g_test_run ();
}
