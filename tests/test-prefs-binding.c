/* test-prefs-binding.c — both preferences front ends bind the same way
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The toolkit-free part of the preferences (plugin/ui/tl-prefs-table.c,
 * tl-prefs-watch.c) that tl-prefs.c (GTK 3) and tl-prefs-gtk4.c (GTK 4)
 * both use: a control shows its key and a change is saved at once, a
 * choice either by id or by position, a type's check keeps the other types,
 * and the watch list shows what is saved, refused or unreadable. Controls
 * here are plain GObjects with the properties the widgets have.
 */
#include "tl-test-util.h"
#include "tl-prefs-table.h"
#include "tl-prefs-watch.h"

#include <telelens/telelens.h>

#include <glib/gstdio.h>
#include <string.h>

/* --- A control: the properties widgets bind ------------------------------------ */

#define TEST_TYPE_CONTROL (test_control_get_type ())
G_DECLARE_FINAL_TYPE (TestControl, test_control, TEST, CONTROL, GObject)

struct _TestControl {
  GObject  parent_instance;
  gboolean active;
  double   value;
  guint    selected;
  char    *id;
  char    *label;
  char    *text;
  gboolean visible;
  gboolean sensitive;
};

enum { PROP_0, PROP_ACTIVE, PROP_VALUE, PROP_SELECTED, PROP_ID, PROP_LABEL, PROP_TEXT, PROP_VISIBLE, PROP_SENSITIVE };

G_DEFINE_FINAL_TYPE (TestControl, test_control, G_TYPE_OBJECT)

static void
test_control_set_property (GObject      *object,
                           guint         id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TestControl *self = TEST_CONTROL (object);

  switch (id)
    {
    case PROP_ACTIVE: self->active = g_value_get_boolean (value); break;
    case PROP_VALUE: self->value = g_value_get_double (value); break;
    case PROP_SELECTED: self->selected = g_value_get_uint (value); break;
    case PROP_ID: g_free (self->id); self->id = g_value_dup_string (value); break;
    case PROP_LABEL: g_free (self->label); self->label = g_value_dup_string (value); break;
    case PROP_TEXT: g_free (self->text); self->text = g_value_dup_string (value); break;
    case PROP_VISIBLE: self->visible = g_value_get_boolean (value); break;
    case PROP_SENSITIVE: self->sensitive = g_value_get_boolean (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
test_control_get_property (GObject    *object,
                           guint       id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestControl *self = TEST_CONTROL (object);

  switch (id)
    {
    case PROP_ACTIVE: g_value_set_boolean (value, self->active); break;
    case PROP_VALUE: g_value_set_double (value, self->value); break;
    case PROP_SELECTED: g_value_set_uint (value, self->selected); break;
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_VISIBLE: g_value_set_boolean (value, self->visible); break;
    case PROP_SENSITIVE: g_value_set_boolean (value, self->sensitive); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
test_control_finalize (GObject *object)
{
  g_free (TEST_CONTROL (object)->id);
  g_free (TEST_CONTROL (object)->label);
  g_free (TEST_CONTROL (object)->text);
  G_OBJECT_CLASS (test_control_parent_class)->finalize (object);
}

static void
test_control_class_init (TestControlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = test_control_set_property;
  object_class->get_property = test_control_get_property;
  object_class->finalize = test_control_finalize;
  g_object_class_install_property (object_class, PROP_ACTIVE,
    g_param_spec_boolean ("active", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_property (object_class, PROP_VALUE,
    g_param_spec_double ("value", NULL, NULL, -100, 100, 0, G_PARAM_READWRITE));
  g_object_class_install_property (object_class, PROP_SELECTED,
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, G_MAXUINT, G_PARAM_READWRITE));
  g_object_class_install_property (object_class, PROP_ID,
    g_param_spec_string ("active-id", NULL, NULL, NULL, G_PARAM_READWRITE));
  g_object_class_install_property (object_class, PROP_LABEL,
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READWRITE));
  g_object_class_install_property (object_class, PROP_TEXT,
    g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READWRITE));
  /* A button's and an entry's. */
  g_signal_new ("clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  g_object_class_install_property (object_class, PROP_VISIBLE,
    g_param_spec_boolean ("visible", NULL, NULL, TRUE, G_PARAM_READWRITE));
  g_object_class_install_property (object_class, PROP_SENSITIVE,
    g_param_spec_boolean ("sensitive", NULL, NULL, TRUE, G_PARAM_READWRITE));
}

static void
test_control_init (TestControl *self)
{
  self->selected = G_MAXUINT;
  self->visible = TRUE;
  self->sensitive = TRUE;
}

/* The widgets notify "active" only when it changes. */
static void
control_set_active (TestControl *control,
                    gboolean     active)
{
  if (control->active == active)
    return;
  control->active = active;
  g_object_notify (G_OBJECT (control), "active");
}

static const TlPref *
find_pref (const char *key)
{
  guint n;
  const TlPref *prefs = tl_prefs_table (&n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (prefs[i].key, key) == 0)
      return &prefs[i];
  g_assert_not_reached ();
}

/* --- Settings ------------------------------------------------------------------ */

static void
test_number_both_ways (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.telelens.plugin");
  g_autoptr(TestControl) control = g_object_new (TEST_TYPE_CONTROL, NULL);

  g_settings_set_double (settings, "topic-threshold", 0.35);
  tl_prefs_bind (settings, find_pref ("topic-threshold"), control, "value");
  g_assert_cmpfloat_with_epsilon (control->value, 0.35, 1e-9);
  g_object_set (control, "value", 0.6, NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "topic-threshold"), 0.6, 1e-9);
  g_settings_reset (settings, "topic-threshold");
}

/* GTK 3 shows a choice by its id, GTK 4 by its position: the same key. */
static void
test_choice_by_id_or_position (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.telelens.plugin");
  g_autoptr(TestControl) by_id = g_object_new (TEST_TYPE_CONTROL, NULL);
  g_autoptr(TestControl) by_position = g_object_new (TEST_TYPE_CONTROL, NULL);
  const TlPref *pref = find_pref ("color-scheme");
  g_autofree char *scheme = NULL;

  g_settings_set_string (settings, "color-scheme", "underline");
  tl_prefs_bind (settings, pref, by_id, "active-id");
  tl_prefs_bind (settings, pref, by_position, "selected");
  g_assert_cmpstr (by_id->id, ==, "underline");
  g_assert_cmpstr (pref->choices[by_position->selected].id, ==, "underline");

  g_object_set (by_position, "selected", 2, NULL);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, pref->choices[2].id);
  g_clear_pointer (&scheme, g_free);
  g_assert_cmpstr (by_id->id, ==, pref->choices[2].id);
  /* A position past the choices changes nothing. */
  g_object_set (by_position, "selected", 7, NULL);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, pref->choices[2].id);
  g_clear_pointer (&scheme, g_free);
  g_object_set (by_id, "active-id", "soft", NULL);
  g_assert_cmpuint (by_position->selected, ==, 0);
  g_settings_reset (settings, "color-scheme");
}

static void
test_type_check_keeps_others (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.telelens.plugin");
  g_autoptr(TestControl) person = g_object_new (TEST_TYPE_CONTROL, NULL);
  g_autoptr(TestControl) place = g_object_new (TEST_TYPE_CONTROL, NULL);
  const char *const start[] = { "vendor", "person", NULL };
  g_auto(GStrv) types = NULL;

  g_settings_set_strv (settings, "highlight-types", start);
  tl_prefs_bind_type (settings, "person", person, "active");
  tl_prefs_bind_type (settings, "place", place, "active");
  g_assert_true (person->active);
  g_assert_false (place->active);

  control_set_active (person, FALSE);
  control_set_active (place, TRUE);
  types = g_settings_get_strv (settings, "highlight-types");
  g_assert_true (g_strv_contains ((const char *const *) types, "vendor"));
  g_assert_true (g_strv_contains ((const char *const *) types, "place"));
  g_assert_false (g_strv_contains ((const char *const *) types, "person"));
  g_assert_cmpuint (g_strv_length (types), ==, 2);
  g_settings_reset (settings, "highlight-types");
}

/* --- Watch list ------------------------------------------------------------------ */

typedef struct {
  char         *dir;
  char         *path;
  TestControl  *problem;          /* "visible" while the list cannot be edited */
  TestControl  *problem_label;
  TestControl  *add_row;          /* "sensitive" while it can */
  TestControl  *name;
  TestControl  *aliases;
  TestControl  *type;             /* by position, as in GTK 4 */
  TestControl  *add;
  TestControl  *status;
  GStrv         entries;
  char         *empty;
  TlPrefsWatch *state;
} Watch;

static void
show_entries (TlPrefsWatch      *watch,
              gpointer           data,
              const char *const *entries,
              const char        *empty)
{
  Watch *w = data;

  g_strfreev (w->entries);
  w->entries = g_strdupv ((char **) entries);
  g_free (w->empty);
  w->empty = g_strdup (empty);
}

/* What the user reads above the list, or NULL when nothing is shown there. */
static const char *
problem (Watch *w)
{
  return w->problem->visible ? w->problem_label->label : NULL;
}

static void
watch_set_up (Watch         *w,
              gconstpointer  data)
{
  w->dir = g_dir_make_tmp ("telelens-prefs-XXXXXX", NULL);
  g_assert_nonnull (w->dir);
  w->path = g_build_filename (w->dir, "watchlist.json", NULL);
  w->problem = g_object_new (TEST_TYPE_CONTROL, NULL);
  w->problem_label = g_object_new (TEST_TYPE_CONTROL, NULL);
  w->add_row = g_object_new (TEST_TYPE_CONTROL, NULL);
  w->name = g_object_new (TEST_TYPE_CONTROL, NULL);
  w->aliases = g_object_new (TEST_TYPE_CONTROL, NULL);
  w->type = g_object_new (TEST_TYPE_CONTROL, NULL);
  w->add = g_object_new (TEST_TYPE_CONTROL, NULL);
  w->status = g_object_new (TEST_TYPE_CONTROL, NULL);
  w->state = tl_prefs_watch_new (w->path, &(TlPrefsWatchView) {
      G_OBJECT (w->problem), G_OBJECT (w->problem_label), G_OBJECT (w->add_row), G_OBJECT (w->name),
      G_OBJECT (w->aliases), G_OBJECT (w->type), "selected", G_OBJECT (w->add), G_OBJECT (w->status),
      show_entries, w });
}

static void
watch_tear_down (Watch         *w,
                 gconstpointer  data)
{
  g_autofree char *backup = g_strconcat (w->path, "~", NULL);

  g_unlink (w->path);
  g_unlink (backup);
  g_rmdir (w->dir);
  g_free (w->dir);
  g_free (w->path);
  tl_prefs_watch_free (w->state);
  g_object_unref (w->problem);
  g_object_unref (w->problem_label);
  g_object_unref (w->add_row);
  g_object_unref (w->name);
  g_object_unref (w->aliases);
  g_object_unref (w->type);
  g_object_unref (w->add);
  g_object_unref (w->status);
  g_strfreev (w->entries);
  g_free (w->empty);
}

static void
test_watch_add_refused_then_saved (Watch         *w,
                                   gconstpointer  data)
{
  TlPrefsWatch *state = w->state;
  g_autofree char *saved = NULL;

  tl_prefs_watch_load (state);
  g_assert_null (problem (w));
  g_assert_true (w->add_row->sensitive);
  g_assert_cmpuint (g_strv_length (w->entries), ==, 0);
  g_assert_cmpstr (w->empty, ==, TL_PREFS_WATCH_EMPTY);

  /* No name, or no type chosen: refused, said under the add row, still editable. */
  g_assert_false (tl_prefs_watch_add (state, "  ", "", TL_PREFS_WATCH_DEFAULT_TYPE));
  g_assert_cmpstr (w->status->label, ==, "Give a name and a type.");
  g_assert_false (tl_prefs_watch_add (state, "Falcon Networks", "", NULL));
  g_assert_cmpstr (w->status->label, ==, "Give a name and a type.");
  g_assert_null (problem (w));
  g_assert_true (w->add_row->sensitive);
  g_assert_false (g_file_test (w->path, G_FILE_TEST_EXISTS));

  g_assert_true (tl_prefs_watch_add (state, "Falcon Networks", "Falcon, FN", "vendor"));
  g_assert_cmpstr (w->status->label, ==, TL_PREFS_WATCH_SAVED);
  g_assert_cmpuint (g_strv_length (w->entries), ==, 1);
  g_assert_nonnull (strstr (w->entries[0], "Falcon Networks"));
  g_assert_cmpstr (w->entries[0], ==, "Falcon Networks (Vendor)");
  /* The aliases, split at the commas. */
  g_assert_true (g_file_get_contents (w->path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "\"Falcon\""));
  g_assert_nonnull (strstr (saved, "\"FN\""));
  g_assert_null (w->empty);
  g_assert_true (g_file_test (w->path, G_FILE_TEST_EXISTS));

  tl_prefs_watch_remove (state, 5);     /* no such row: nothing happens */
  g_assert_cmpuint (g_strv_length (w->entries), ==, 1);
  tl_prefs_watch_remove (state, 0);
  g_assert_cmpuint (g_strv_length (w->entries), ==, 0);
  g_assert_cmpstr (w->empty, ==, TL_PREFS_WATCH_EMPTY);
}

static void
test_watch_unreadable_then_reload (Watch         *w,
                                   gconstpointer  data)
{
  TlPrefsWatch *state = w->state;
  const char broken[] = "{\n  \"entities\": [\n    {\"name\": \"Falcon\",, \"type\": \"vendor\"}\n  ]\n}\n";
  g_autofree char *kept = NULL;

  g_assert_true (g_file_set_contents (w->path, broken, -1, NULL));
  tl_prefs_watch_load (state);
  g_assert_nonnull (problem (w));
  g_assert_nonnull (strstr (problem (w), "line 3"));
  g_assert_nonnull (strstr (problem (w), "press Reload"));
  g_assert_false (w->add_row->sensitive);
  g_assert_null (w->empty);     /* not "no entities": the file has some */
  g_assert_false (tl_prefs_watch_add (state, "Kestrel", "", "operator"));
  g_assert_nonnull (problem (w));
  g_assert_false (w->add_row->sensitive);
  g_assert_true (g_file_get_contents (w->path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, broken);

  /* Fixed in an editor, then Reload. */
  g_assert_true (g_file_set_contents (w->path, "{\"entities\": [{\"name\": \"Falcon\", \"type\": \"vendor\"}]}", -1, NULL));
  tl_prefs_watch_load (state);
  g_assert_null (problem (w));
  g_assert_true (w->add_row->sensitive);
  g_assert_cmpstr (w->status->label, ==, "");
  g_assert_cmpuint (g_strv_length (w->entries), ==, 1);
}

/* What Add and Enter in the name do: the row as typed, the type by
 * position; cleared once saved, kept as typed when refused. */
static void
test_watch_add_row (Watch         *w,
                    gconstpointer  data)
{
  g_autofree char *saved = NULL;
  guint operator = G_MAXUINT;

  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    if (g_strcmp0 (tl_entity_type_to_string (t), "operator") == 0)
      operator = t;
  tl_prefs_watch_load (w->state);

  g_object_set (w->name, "text", "Kestrel Mobile", NULL);
  g_object_set (w->aliases, "text", "Kestrel", NULL);
  g_object_set (w->type, "selected", TL_N_ENTITY_TYPES, NULL);   /* none chosen */
  g_signal_emit_by_name (w->add, "clicked");
  g_assert_cmpstr (w->status->label, ==, "Give a name and a type.");
  g_assert_cmpstr (w->name->text, ==, "Kestrel Mobile");
  g_assert_cmpstr (w->aliases->text, ==, "Kestrel");

  g_object_set (w->type, "selected", operator, NULL);
  g_signal_emit_by_name (w->name, "activate");
  g_assert_cmpstr (w->status->label, ==, TL_PREFS_WATCH_SAVED);
  g_assert_cmpstr (w->name->text, ==, "");
  g_assert_cmpstr (w->aliases->text, ==, "");
  g_assert_cmpuint (g_strv_length (w->entries), ==, 1);
  g_assert_cmpstr (w->entries[0], ==, "Kestrel Mobile (Operator)");
  g_assert_true (g_file_get_contents (w->path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "\"Kestrel\""));
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  /* The schema compiled beside this program (tests/meson.build). */
  g_setenv ("GSETTINGS_SCHEMA_DIR", g_test_get_dir (G_TEST_BUILT), TRUE);
  g_test_add_func ("/ui/prefs/number-both-ways", test_number_both_ways);
  g_test_add_func ("/ui/prefs/choice-by-id-or-position", test_choice_by_id_or_position);
  g_test_add_func ("/ui/prefs/type-check-keeps-other-types", test_type_check_keeps_others);
  g_test_add ("/ui/prefs/watch-add-refused-then-saved", Watch, NULL, watch_set_up,
              test_watch_add_refused_then_saved, watch_tear_down);
  g_test_add ("/ui/prefs/watch-add-row", Watch, NULL, watch_set_up, test_watch_add_row, watch_tear_down);
  g_test_add ("/ui/prefs/watch-unreadable-then-reload", Watch, NULL, watch_set_up,
              test_watch_unreadable_then_reload, watch_tear_down);
  return g_test_run ();
}
