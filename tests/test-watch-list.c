/* test-watch-list.c — Preferences never lose the user's watch list
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The watch-list file as Preferences read and write it (plugin/ui/
 * tl-watch-list.c): a file that cannot be read is kept byte for byte and
 * the error says where; saves are atomic, keep the previous version, and
 * never overwrite a file changed on disk meanwhile.
 */
#include "tl-test-util.h"
#include "tl-watch-list.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <utime.h>
#include <string.h>

typedef struct {
  char *dir;
  char *path;     /* DIR/telelens/watchlist.json */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("telelens-watch-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "telelens", "watchlist.json", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
write_file (Fixture    *f,
            const char *contents)
{
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (f->path, contents, -1, NULL));
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static const char valid[] =
  "{\n"
  "  \"note\": \"kept by hand\",\n"
  "  \"entities\": [\n"
  "    {\"name\": \"Kestrel Mobile\", \"type\": \"operator\", \"aliases\": [\"Kestrel\"]}\n"
  "  ]\n"
  "}\n";

/* A stray comma on line 3: the classic hand edit. */
static const char broken[] =
  "{\n"
  "  \"entities\": [\n"
  "    {\"name\": \"Kestrel Mobile\",, \"type\": \"operator\"}\n"
  "  ]\n"
  "}\n";

static void
assert_untouched (Fixture    *f,
                  const char *expected)
{
  g_autofree char *now = read_file (f->path);
  g_autofree char *backup = g_strconcat (f->path, "~", NULL);

  g_assert_cmpstr (now, ==, expected);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TlWatchList) w = tl_watch_list_new (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlKnowledgeBase) kb = tl_knowledge_base_new ();
  g_autofree char *dir = g_path_get_dirname (f->path);
  const char *aliases[] = { " Falcon ", "", NULL };
  GStatBuf st;

  g_assert_true (tl_watch_list_load (w, &error));
  g_assert_no_error (error);
  g_assert_true (tl_watch_list_is_editable (w));
  g_assert_cmpuint (tl_watch_list_get_n_entries (w), ==, 0);

  g_assert_true (tl_watch_list_add (w, "  Falcon Networks ", "vendor", aliases, &error));
  g_assert_no_error (error);
  /* Private to the user: 0600 in a 0700 folder. */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  /* The reader loads what Preferences wrote. */
  g_assert_true (tl_knowledge_base_load_watch_list (kb, f->path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tl_knowledge_base_get_n_entities (kb), ==, 1);
  g_assert_cmpstr (tl_knowledge_base_get_nth (kb, 0)->name, ==, "Falcon Networks");
  g_assert_cmpstr (tl_knowledge_base_get_nth (kb, 0)->aliases[0], ==, "Falcon");
  g_assert_null (tl_knowledge_base_get_nth (kb, 0)->aliases[1]);
}

static void
test_unparseable_kept (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TlWatchList) w = tl_watch_list_new (f->path);
  g_autoptr(GError) error = NULL;

  write_file (f, broken);
  g_assert_false (tl_watch_list_load (w, &error));
  g_assert_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_UNREADABLE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "line 3, column"));
  g_assert_false (tl_watch_list_is_editable (w));
  g_assert_cmpuint (tl_watch_list_get_n_entries (w), ==, 0);
  g_clear_error (&error);

  /* The next Add (what used to overwrite the file) is refused. */
  g_assert_false (tl_watch_list_add (w, "Falcon Networks", "vendor", NULL, &error));
  g_assert_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "Reload"));
  assert_untouched (f, broken);
}

static void
test_wrong_shape_kept (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const shapes[] = {
    "[{\"name\": \"Kestrel Mobile\", \"type\": \"operator\"}]\n",
    "{\"entities\": {\"name\": \"Kestrel Mobile\"}}\n",
    "{\"entities\": [{\"name\": \"Kestrel Mobile\", \"type\": \"spaceship\"}]}\n",
    "{\"entities\": [{\"type\": \"operator\"}]}\n",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(TlWatchList) w = tl_watch_list_new (f->path);
      g_autoptr(GError) error = NULL;

      write_file (f, shapes[i]);
      g_assert_false (tl_watch_list_load (w, &error));
      g_assert_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_UNREADABLE);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, f->path));
      g_clear_error (&error);
      g_assert_false (tl_watch_list_add (w, "Falcon Networks", "vendor", NULL, &error));
      assert_untouched (f, shapes[i]);
    }
}

static void
test_fixed_then_reload (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TlWatchList) w = tl_watch_list_new (f->path);
  g_autoptr(GError) error = NULL;

  write_file (f, broken);
  g_assert_false (tl_watch_list_load (w, NULL));
  write_file (f, valid);
  g_assert_true (tl_watch_list_load (w, &error));
  g_assert_no_error (error);
  g_assert_true (tl_watch_list_is_editable (w));
  g_assert_cmpuint (tl_watch_list_get_n_entries (w), ==, 1);
}

static void
test_save_keeps_backup (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TlWatchList) w = tl_watch_list_new (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_path = g_strconcat (f->path, "~", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *now = NULL;
  g_autofree char *described = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDir) d = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  guint n_files = 0;

  write_file (f, valid);
  g_assert_true (tl_watch_list_load (w, &error));
  described = tl_watch_list_describe_entry (w, 0);
  g_assert_cmpstr (described, ==, "Kestrel Mobile (Operator)");
  g_assert_true (tl_watch_list_add (w, "Falcon Networks", "vendor", NULL, &error));
  g_assert_no_error (error);

  backup = read_file (backup_path);
  g_assert_cmpstr (backup, ==, valid);
  now = read_file (f->path);
  root = json_from_string (now, &error);
  g_assert_no_error (error);
  /* What the user put there beyond the entities stays. */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "note"), ==, "kept by hand");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "entities")), ==, 2);
  g_assert_cmpuint (tl_watch_list_get_n_entries (w), ==, 2);

  /* No temporary files left behind: the file and its backup only. */
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d))
    n_files++;
  g_assert_cmpuint (n_files, ==, 2);

  /* Removing saves too; the backup is now the two-entry version. */
  g_assert_true (tl_watch_list_remove (w, 0, &error));
  g_assert_no_error (error);
  g_free (backup);
  backup = read_file (backup_path);
  g_assert_cmpstr (backup, ==, now);
  g_assert_cmpuint (tl_watch_list_get_n_entries (w), ==, 1);
}

static void
test_changed_on_disk (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TlWatchList) w = tl_watch_list_new (f->path);
  g_autoptr(GError) error = NULL;
  static const char theirs[] = "{\"entities\": [{\"name\": \"Heron Labs\", \"type\": \"organization\"}]}\n";
  struct utimbuf later = { 0 };
  GStatBuf st;

  write_file (f, valid);
  g_assert_true (tl_watch_list_load (w, &error));
  /* A text editor saves the file meanwhile (a later time, as it would be). */
  write_file (f, theirs);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  later.actime = later.modtime = st.st_mtime + 5;
  g_assert_cmpint (g_utime (f->path, &later), ==, 0);

  g_assert_false (tl_watch_list_add (w, "Falcon Networks", "vendor", NULL, &error));
  g_assert_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_CHANGED);
  g_test_message ("%s", error->message);
  assert_untouched (f, theirs);
  g_assert_cmpuint (tl_watch_list_get_n_entries (w), ==, 1);
}

static void
test_appeared_on_disk (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TlWatchList) w = tl_watch_list_new (f->path);
  g_autoptr(GError) error = NULL;
  static const char theirs[] = "{\"entities\": [{\"name\": \"Heron Labs\", \"type\": \"organization\"}]}\n";

  g_assert_true (tl_watch_list_load (w, &error));
  write_file (f, theirs);
  g_assert_false (tl_watch_list_add (w, "Falcon Networks", "vendor", NULL, &error));
  g_assert_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_CHANGED);
  assert_untouched (f, theirs);
}

static void
test_invalid_add_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TlWatchList) w = tl_watch_list_new (f->path);
  g_autoptr(GError) error = NULL;

  write_file (f, valid);
  g_assert_true (tl_watch_list_load (w, &error));
  g_assert_false (tl_watch_list_add (w, "kestrel mobile", "operator", NULL, &error));
  g_assert_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (tl_watch_list_add (w, "   ", "vendor", NULL, &error));
  g_assert_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tl_watch_list_add (w, "Falcon Networks", "spaceship", NULL, &error));
  g_assert_error (error, TL_WATCH_LIST_ERROR, TL_WATCH_LIST_ERROR_INVALID);
  assert_untouched (f, valid);
  g_assert_cmpuint (tl_watch_list_get_n_entries (w), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add ("/plugin/watch-list/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("missing-file-is-an-empty-list-saved-private", test_missing_file);
  ADD ("unparseable-file-is-kept-and-says-line-and-column", test_unparseable_kept);
  ADD ("wrong-shape-or-invalid-entry-is-kept", test_wrong_shape_kept);
  ADD ("fixed-file-loads-on-reload", test_fixed_then_reload);
  ADD ("save-is-atomic-and-keeps-a-backup", test_save_keeps_backup);
  ADD ("file-changed-on-disk-is-not-overwritten", test_changed_on_disk);
  ADD ("file-created-meanwhile-is-not-overwritten", test_appeared_on_disk);
  ADD ("invalid-or-duplicate-add-is-refused", test_invalid_add_refused);
#undef ADD
  return g_test_run ();
}
