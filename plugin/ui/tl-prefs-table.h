/* tl-prefs-table.h — the preferences, described once for every toolkit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What the preferences show and which setting each control is bound to,
 * their words, how a value maps to and from a control, and what a change
 * does, are here (toolkit-free: GIO and GObject properties only; the watch
 * list's view state is tl-prefs-watch.c); tl-prefs.c (GTK 3) and
 * tl-prefs-gtk4.c (GTK 4 + libadwaita) only make the widgets and hand them
 * to tl_prefs_bind() and tl_prefs_bind_type().
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  TL_PREF_SWITCH,   /* a boolean key */
  TL_PREF_NUMBER,   /* a double or an int key, min..max by step */
  TL_PREF_CHOICE,   /* a string key, one of choices */
  TL_PREF_TEXT,     /* a string key */
  TL_PREF_TYPES,    /* highlight-types: one check button per entity type */
} TlPrefKind;

typedef struct {
  const char *id;
  const char *label;
} TlPrefChoice;

typedef struct {
  const char         *group;    /* a new group starts here, titled so; or NULL */
  TlPrefKind          kind;
  const char         *key;
  const char         *label;    /* with a mnemonic (_) */
  double              min, max, step;
  guint               digits;
  const TlPrefChoice *choices;  /* TL_PREF_CHOICE: ends with { NULL } */
} TlPref;

#define TL_PREFS_TITLE "Telelens Preferences"
#define TL_PREFS_WATCH_GROUP "Watch list"
#define TL_PREFS_WATCH_INTRO "Your own names to highlight: people, companies, products you follow."
#define TL_PREFS_WATCH_EMPTY "No entities of your own yet."
#define TL_PREFS_WATCH_SAVED "Saved. New stories use it; reopen a story to see it there."

const TlPref *tl_prefs_table            (guint        *n_prefs);
void          tl_prefs_bind             (GSettings    *settings,
                                         const TlPref *pref,
                                         gpointer      control,
                                         const char   *property);
void          tl_prefs_bind_type        (GSettings    *settings,
                                         const char   *type,
                                         gpointer      check,
                                         const char   *property);
gboolean      tl_prefs_type_enabled     (GSettings    *settings,
                                         const char   *type);
void          tl_prefs_set_type_enabled (GSettings    *settings,
                                         const char   *type,
                                         gboolean      enabled);
char         *tl_prefs_watch_unreadable (const GError *error);

G_END_DECLS
