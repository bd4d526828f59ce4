/* tl-evolution-host.h — the Evolution adapter's types
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Evolution's headers are its private ones and its module interface changes
 * with each release: this adapter is built for one series
 * (TL_EVOLUTION_SERIES) and rebuilt for the next.
 */
#pragma once

#include <glib.h>

/* Evolution's and evolution-data-server's headers use GLib API that our
 * GLIB_VERSION_MIN_REQUIRED deprecates (GTimeVal): not ours to fix. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <e-util/e-util.h>
#include <mail/e-mail-display.h>
#include <shell/e-shell.h>
#include <shell/e-shell-window.h>
G_GNUC_END_IGNORE_DEPRECATIONS
#include <telelens/telelens.h>
#include "tl-reader-view.h"

G_BEGIN_DECLS

/* One per EMailDisplay (preview pane, message windows). */
#define TL_TYPE_EVOLUTION_DISPLAY (tl_evolution_display_get_type ())
G_DECLARE_FINAL_TYPE (TlEvolutionDisplay, tl_evolution_display, TL, EVOLUTION_DISPLAY, EExtension)
void tl_evolution_display_type_register (GTypeModule *module);

/* Adds the Telelens page to Evolution's Preferences, once. */
#define TL_TYPE_EVOLUTION_PREFS (tl_evolution_prefs_get_type ())
G_DECLARE_FINAL_TYPE (TlEvolutionPrefs, tl_evolution_prefs, TL, EVOLUTION_PREFS, EExtension)
void tl_evolution_prefs_type_register (GTypeModule *module);
void tl_evolution_prefs_present (GtkWidget *near);

/* The module's settings (org.telelens.plugin, the same as Liferea's). */
GSettings *tl_evolution_settings (void);

/* What the story view needs from a message: title, link, outlet, date. */
typedef struct {
  char *title;
  char *url;
  char *outlet;
  char *published;
  gboolean is_feed;   /* an article from News and Blogs */
} TlEvolutionStory;

gboolean tl_evolution_story_from_parts (EMailPartList    *parts,
                                        TlEvolutionStory *story);
void     tl_evolution_story_clear      (TlEvolutionStory *story);

G_END_DECLS
