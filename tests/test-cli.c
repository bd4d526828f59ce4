/* test-cli.c — telelens annotate as a user runs it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tl-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

static Result
run (const char *stdin_data,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = NULL, out = NULL, err = NULL;
  Result r = { 0 };
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TELELENS_BIN"));
  va_start (ap, stdin_data);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  in = g_bytes_new (stdin_data ? stdin_data : "", stdin_data ? strlen (stdin_data) : 0);
  g_subprocess_communicate (proc, in, NULL, &out, &err, &error);
  g_assert_no_error (error);
  r.status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
  r.out = g_strndup (g_bytes_get_size (out) ? g_bytes_get_data (out, NULL) : "", g_bytes_get_size (out));
  r.err = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, NULL) : "", g_bytes_get_size (err));
  return r;
}

/* A file in a directory of its own: no fixed names under /tmp. */
static char *
write_temp (const char *name,
            const char *data,
            gsize       len)
{
  g_autofree char *dir = NULL;
  char *path;
  g_autoptr(GError) error = NULL;

  dir = g_dir_make_tmp ("telelens-cli-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/* A clear one-line error and a non-zero exit, never a crash. */
static void
assert_one_line_error (Result     *r,
                       int         status,
                       const char *part)
{
  g_test_message ("stderr: %s", r->err);
  g_assert_cmpint (r->status, ==, status);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "telelens: "));
  g_assert_nonnull (strstr (r->err, part));
  g_assert_null (strchr (r->err, '\n') == r->err + strlen (r->err) - 1 ? NULL : "more than one line");
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *path = write_temp ("latin1.txt", "Telef\xf3nica said", 15);
  Result r = run (NULL, "annotate", path, NULL);
  assert_one_line_error (&r, 1, "not valid UTF-8 (byte 5, line 1)");
  result_clear (&r);
}

static void
test_binary (void)
{
  g_autofree char *path = write_temp ("binary.bin", "\x7f" "ELF\x02\x01\x01\0\0\0", 10);
  Result r = run (NULL, "annotate", path, NULL);
  assert_one_line_error (&r, 1, "looks binary");
  result_clear (&r);
}

static void
test_unreadable (void)
{
  Result r = run (NULL, "annotate", "/nonexistent/story.txt", NULL);
  assert_one_line_error (&r, 1, "cannot read /nonexistent/story.txt");
  result_clear (&r);
  g_autofree char *dir = g_dir_make_tmp ("telelens-cli-XXXXXX", NULL);
  r = run (NULL, "annotate", dir, NULL);
  assert_one_line_error (&r, 1, "cannot read");
  result_clear (&r);
}

static void
test_bad_options (void)
{
  Result r = run (NULL, "annotate", "--format", "pdf", NULL);
  assert_one_line_error (&r, 2, "unknown format “pdf”");
  result_clear (&r);
}

/* A hostile story cannot put markup into the HTML view. */
static void
test_html_escapes_story (void)
{
  Result r = run ("Huawei <img src=x onerror=alert(1)> said \"hi\" & left.\n"
                  "<script>alert(2)</script> Ericsson <SCRIPT src=//x.example/a.js></SCRIPT>\n",
                  "annotate", "--input", "text", "--format", "html", "-", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "<img"));
  g_assert_nonnull (strstr (r.out, "&lt;img src=x onerror=alert(1)&gt;"));
  g_assert_nonnull (strstr (r.out, "<mark class=\"t-vendor\""));
  /* The story's scripts are shown as text, never as markup. */
  g_assert_null (strcasestr (r.out, "<script"));
  g_assert_nonnull (strstr (r.out, "&lt;script&gt;alert(2)&lt;/script&gt;"));
  g_assert_nonnull (strstr (r.out, "&lt;SCRIPT src=//x.example/a.js&gt;"));
  result_clear (&r);
}

/* Scripts in an HTML story are dropped with their content: no markup and
 * no script text reach the HTML view. */
static void
test_html_input_drops_scripts (void)
{
  Result r = run ("<html><body><p>Huawei said the audit was complete.</p>"
                  "<script>document.title = 'pwned-by-story'</script>"
                  "<p onclick=\"alert(3)\">Nokia <b>declined</b> to comment.</p></body></html>",
                  "annotate", "--input", "html", "--format", "html", "-", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "<mark class=\"t-vendor\""));
  g_assert_nonnull (strstr (r.out, "declined"));
  g_assert_null (strcasestr (r.out, "<script"));
  g_assert_null (strstr (r.out, "pwned-by-story"));
  g_assert_null (strstr (r.out, "onclick"));
  result_clear (&r);
}

/* The HTML view shows the sources first and underlines statements; quoted
 * words from the story stay text even inside attributes. */
static void
test_html_sources_view (void)
{
  Result r = run ("“<img src=x onerror=alert(1)> is harmless,” said Anna Berg. "
                  "The operator was breached, officials familiar with the matter said.\n",
                  "annotate", "--input", "text", "--format", "html", "-", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "<div class=\"sources\"><b>Sources</b> · 2 statements"));
  g_assert_nonnull (strstr (r.out, "1 from unnamed sources (50%)"));
  g_assert_nonnull (strstr (r.out, "<span class=\"st s"));
  g_assert_nonnull (strstr (r.out, "officials familiar with the matter"));
  g_assert_null (strstr (r.out, "<img"));
  result_clear (&r);
}

/* JSON offsets are byte offsets into the text that --format text prints. */
static void
test_json_offsets_match_text (void)
{
  const char *html = "<html><body><h1>Salt Typhoon hit Verizon</h1><p>The FBI and CISA said "
                     "Salt Typhoon breached AT&amp;T and Lumen.</p></body></html>";
  Result j = run (html, "annotate", NULL);
  Result t = run (html, "annotate", "--format", "text", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *ents;
  guint checked = 0;

  g_assert_cmpint (j.status, ==, 0);
  g_assert_cmpint (t.status, ==, 0);
  json_parser_load_from_data (parser, j.out, -1, &error);
  g_assert_no_error (error);
  ents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "entities");
  for (guint i = 0; i < json_array_get_length (ents); i++)
    {
      JsonArray *ms = json_object_get_array_member (json_array_get_object_element (ents, i), "mentions");
      for (guint k = 0; k < json_array_get_length (ms); k++)
        {
          JsonObject *m = json_array_get_object_element (ms, k);
          gint64 s = json_object_get_int_member (m, "start"), e = json_object_get_int_member (m, "end");
          const char *txt = json_object_get_string_member (m, "text");

          g_assert_cmpint (e, <=, (gint64) strlen (t.out));
          g_assert_cmpmem (t.out + s, e - s, txt, strlen (txt));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 7);
  g_assert_nonnull (strstr (j.out, "\"AT&T\""));
  result_clear (&j);
  result_clear (&t);
}

/* Bad lines are reported with their number and skipped; nothing good is
 * lost; a second run adds nothing; no progress noise when not on a terminal. */
static void
test_import_jsonl (void)
{
  g_autofree char *dir = g_dir_make_tmp ("telelens-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "stories.jsonl", NULL);
  const char *lines =
    "{\"id\": \"a\", \"title\": \"One\", \"outlet\": \"X\", \"published\": \"2026-01-02\", \"text\": \"Huawei was banned.\"}\n"
    "{not json\n"
    "{\"id\": \"b\", \"title\": \"No text\"}\n"
    "{\"id\": \"c\", \"published\": \"last Tuesday\", \"text\": \"ZTE too.\"}\n"
    "[1, 2]\n"
    "\n"
    "{\"id\": \"d\", \"published\": \"2026-01-03T10:00:00+01:00\", \"text\": \"<p>Nokia &amp; Ericsson won.</p>\"}\n"
    "{\"id\": \"e\", \"text\": \"Salt Typhoon breached carriers.\"}\n";
  Result r;

  g_assert_true (g_file_set_contents (jsonl, lines, -1, NULL));
  r = run (NULL, "import", "jsonl", "--db", db, jsonl, NULL);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.out, "3 stories added, 0 already in the index, 4 lines skipped"));
  g_assert_nonnull (strstr (r.err, "stories.jsonl:2: not a JSON object"));
  g_assert_nonnull (strstr (r.err, "stories.jsonl:3: “text” is missing"));
  g_assert_nonnull (strstr (r.err, "stories.jsonl:4: “published”"));
  g_assert_nonnull (strstr (r.err, "stories.jsonl:5: not a JSON object"));
  g_assert_null (strchr (r.err, '\r'));
  result_clear (&r);

  r = run (NULL, "import", "jsonl", "--db", db, jsonl, NULL);
  g_assert_nonnull (strstr (r.out, "0 stories added, 3 already in the index"));
  result_clear (&r);

  r = run (NULL, "search", "--db", db, "ericsson", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"id\" : \"d\""));
  result_clear (&r);
}

/* The last line lacks "text": it is skipped, the lines before it are kept
 * (they were lost: the final batch was never committed), the exit status
 * says lines were skipped, and a rerun works. */
static void
test_import_last_line_bad (void)
{
  g_autofree char *dir = g_dir_make_tmp ("telelens-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "stories.jsonl", NULL);
  const char *lines =
    "{\"id\": \"a\", \"text\": \"Vodafone said the fault was fixed.\"}\n"
    "{\"id\": \"b\", \"text\": \"Telefonica denied the report.\"}\n"
    "{\"id\": \"c\", \"title\": \"No text here\"}\n";
  Result r;

  g_assert_true (g_file_set_contents (jsonl, lines, -1, NULL));
  for (guint round = 0; round < 2; round++)
    {
      r = run (NULL, "import", "jsonl", "--db", db, jsonl, NULL);
      g_test_message ("round %u: %s%s", round, r.out, r.err);
      g_assert_cmpint (r.status, ==, 3);
      g_assert_nonnull (strstr (r.out, round == 0 ? "2 stories added, 0 already in the index, 1 lines skipped"
                                                  : "0 stories added, 2 already in the index, 1 lines skipped"));
      g_assert_nonnull (strstr (r.err, "stories.jsonl:3: “text” is missing"));
      g_assert_null (strstr (r.err, "import stopped"));
      result_clear (&r);
    }
  r = run (NULL, "index", "stats", "--db", db, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"documents\" : 2"));
  result_clear (&r);
}

/* A folder is not a JSONL file: one line, non-zero, nothing created. */
static void
test_import_directory (void)
{
  g_autofree char *dir = g_dir_make_tmp ("telelens-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  Result r = run (NULL, "import", "jsonl", "--db", db, dir, NULL);

  assert_one_line_error (&r, 1, "is a folder");
  result_clear (&r);
}

/* Commands that read never create: a typo in --db is an error naming the
 * path, and neither the file nor its folder appears. */
static void
test_read_commands_never_create (void)
{
  g_autofree char *dir = g_dir_make_tmp ("telelens-cli-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "nonexistent", NULL);
  g_autofree char *db = g_build_filename (sub, "x.db", NULL);
  g_autofree char *flat = g_build_filename (dir, "typo.db", NULL);
  const char *const *cmds[] = {
    (const char *[]) { "index", "check", NULL },
    (const char *[]) { "index", "stats", NULL },
    (const char *[]) { "search", "huawei", NULL },
    (const char *[]) { "related", "--id", "a", NULL },
    (const char *[]) { "timeline", "huawei", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cmds); i++)
    for (guint k = 0; k < 2; k++)
      {
        const char *path = k ? flat : db;
        Result r = run (NULL, cmds[i][0], cmds[i][1], cmds[i][2] ? cmds[i][2] : "--db",
                        cmds[i][2] ? "--db" : path, cmds[i][2] ? path : NULL, NULL);
        g_test_message ("%s %s: %s", cmds[i][0], cmds[i][1], r.err);
        assert_one_line_error (&r, 1, path);
        g_assert_nonnull (strstr (r.err, "does not exist"));
        result_clear (&r);
      }
  g_assert_false (g_file_test (sub, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (flat, G_FILE_TEST_EXISTS));
}

/* index stats: documents, entities and size on disk, as JSON. */
static void
test_index_stats (void)
{
  g_autofree char *dir = g_dir_make_tmp ("telelens-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *demo = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "stories.jsonl", NULL);
  g_autoptr(JsonParser) p = json_parser_new ();
  JsonObject *o;
  GStatBuf st;
  Result r = run (NULL, "import", "jsonl", "--db", db, demo, NULL);

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run (NULL, "index", "stats", "--db", db, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (p, r.out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (p));
  g_assert_cmpint (json_object_get_int_member (o, "documents"), ==, 21);
  g_assert_cmpint (json_object_get_int_member (o, "entities"), >, 20);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "size_bytes"), >=, st.st_size);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "files"), "db"), ==, st.st_size);
  g_assert_cmpstr (json_object_get_string_member (o, "path"), ==, db);
  result_clear (&r);
}

/* Names Telelens highlights are searched as names; operators only with
 * --syntax; a timeline takes a name or an alias and says which entity. */
static void
test_search_and_timeline_by_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("telelens-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *demo = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "stories.jsonl", NULL);
  static const char *const names[] = { "T-Mobile", "AT&T", "Verizon AT&T" };
  Result r = run (NULL, "import", "jsonl", "--db", db, demo, NULL);

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      r = run (NULL, "search", "--db", db, names[i], NULL);
      g_test_message ("search %s: %d %s", names[i], r.status, r.err);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "\"id\" : \"e"));
      result_clear (&r);
    }
  r = run (NULL, "search", "--db", db, "CVE-2023-20198", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  result_clear (&r);
  r = run (NULL, "search", "--syntax", "--db", db, "wiretap AND (", NULL);
  assert_one_line_error (&r, 1, "is not valid");
  result_clear (&r);

  r = run (NULL, "timeline", "--db", db, "Verizon Wireless", NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "timeline of Verizon (operator, id verizon)"));
  g_assert_nonnull (strstr (r.out, "\"id\" : \"verizon\""));
  result_clear (&r);
}

/* A watch list the user names must exist; an unknown name in kb lookup
 * says so. */
static void
test_missing_watch_list_and_unknown_name (void)
{
  Result r = run ("Huawei said so.", "annotate", "--watch-list", "/nonexistent/missing.json", "-", NULL);
  assert_one_line_error (&r, 1, "watch list /nonexistent/missing.json does not exist");
  result_clear (&r);
  r = run (NULL, "kb", "lookup", "Unknown Name", NULL);
  assert_one_line_error (&r, 1, "no entity is named “Unknown Name”");
  result_clear (&r);
  r = run (NULL, "kb", "lookup", "verizon wireless", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "verizon\t"));
  result_clear (&r);
}

/* `related --file` finds other outlets' reports of the posted story's
 * event (not only copies of it), and --published counts: a date two months
 * on is another event. A date it cannot read is a usage error. */
static void
test_related_file_published (void)
{
  g_autofree char *dir = g_dir_make_tmp ("telelens-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *demo = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "stories.jsonl", NULL);
  g_autofree char *story = NULL;
  const char *text =
    "Investigators in Finland are examining a cargo ship after two telecom cables under the Baltic Sea "
    "were damaged, apparently by a dragged anchor. The cables connect Finland with Estonia and Sweden. "
    "Telia moved traffic onto other routes, and NATO announced extra patrols over undersea "
    "infrastructure in the region.";
  Result r;

  story = write_temp ("story.txt", text, strlen (text));
  r = run (NULL, "import", "jsonl", "--db", db, demo, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = run (NULL, "related", "--db", db, "--file", story, "--published", "2026-01-20", NULL);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"e4-"));
  g_assert_nonnull (strstr (r.out, "\"days_apart\" : 0"));
  result_clear (&r);

  r = run (NULL, "related", "--db", db, "--file", story, "--published", "2026-03-30", NULL);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "\"e4-"));
  result_clear (&r);

  r = run (NULL, "related", "--db", db, "--file", story, "--published", "last Tuesday", NULL);
  assert_one_line_error (&r, 2, "--published");
  result_clear (&r);
}

/* Scores and times read as the user expects (0.23, not
 * 0.23000000000000001) in every JSON the command prints, and strings with
 * quotes and control characters come out as valid JSON, unchanged. */
static void
test_json_short_numbers (void)
{
  g_autofree char *dir = g_dir_make_tmp ("telelens-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *demo = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "stories.jsonl", NULL);
  static const char odd[] =
    "{\"id\": \"odd-title\", \"title\": \"Carrier says \\\"no breach\\\"\\tafter\\u0001 outage\","
    " \"text\": \"Quokkatel said its network outage was not a breach.\"}\n";
  g_autofree char *demo_text = NULL, *all = NULL, *stories = NULL;
  g_autofree char *story = write_temp ("story.txt", "Telia said hackers used SS7 to track 1,800 customers.", 53);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *const cmds[][8] = {
    { "related", "--db", db, "--id", "e2-ledger", NULL },
    { "related", "--db", db, "--file", story, "--published", "2026-04-14", NULL },
    { "search", "--db", db, "Huawei", NULL },
    { "timeline", "--db", db, "huawei", NULL },
    { "annotate", story, NULL },
  };
  JsonObject *first;
  Result r;

  g_assert_true (g_file_get_contents (demo, &demo_text, NULL, NULL));
  all = g_strconcat (demo_text, odd, NULL);
  stories = write_temp ("stories.jsonl", all, strlen (all));
  r = run (NULL, "import", "jsonl", "--db", db, stories, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  for (guint i = 0; i < G_N_ELEMENTS (cmds); i++)
    {
      r = run (NULL, cmds[i][0], cmds[i][1], cmds[i][2], cmds[i][3], cmds[i][4], cmds[i][5], cmds[i][6], NULL);
      g_test_message ("%s: %s", cmds[i][0], r.err);
      g_assert_cmpint (r.status, ==, 0);
      tl_test_assert_short_numbers (r.out, 3);
      result_clear (&r);
    }
  r = run (NULL, "search", "--db", db, "Quokkatel", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  first = json_array_get_object_element (json_object_get_array_member (
            json_node_get_object (json_parser_get_root (parser)), "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Carrier says \"no breach\"\tafter\001 outage");
  result_clear (&r);
}

/* --store names a team's index by URL. What this Telelens cannot open is a
 * usage error of one line for every command that opens the index, before
 * anything is read or created. */
static void
test_store_unknown_kind (void)
{
  g_autofree char *dir = g_dir_make_tmp ("telelens-cli-XXXXXX", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "in.jsonl", NULL);
  const char *const *cmds[] = {
    (const char *[]) { "index", "check", NULL },
    (const char *[]) { "index", "stats", NULL },
    (const char *[]) { "search", "huawei", NULL },
    (const char *[]) { "related", "--id", "a", NULL },
    (const char *[]) { "timeline", "huawei", NULL },
    (const char *[]) { "import", "jsonl", jsonl, NULL },
    (const char *[]) { "serve", "--port", "0", NULL },
  };

  g_assert_true (g_file_set_contents (jsonl, "{\"id\": \"a\", \"text\": \"Huawei.\"}\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cmds); i++)
    {
      Result r = run (NULL, cmds[i][0], "--store", "mysql://db.example/team", cmds[i][1], cmds[i][2], NULL);
      g_test_message ("%s %s: %s", cmds[i][0], cmds[i][1], r.err);
      assert_one_line_error (&r, 2, "unknown kind “mysql:”");
      g_assert_nonnull (strstr (r.err, "postgresql://"));
      result_clear (&r);
    }
}

/* A password in a URL would show in ps to every user of the machine, and
 * in logs: refused, and never echoed. */
static void
test_store_password_refused (void)
{
  const char *const urls[] = {
    "postgresql://ann:s3cret-pw@db.example/team",
    "postgres://ann:s3cret-pw@db.example:5433/team?sslmode=require",
    "postgresql://db.example/team?sslmode=verify-full&password=s3cret-pw",
    "postgresql://ann@db.example/team?password=s3cret-pw",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      Result r = run (NULL, "search", "--store", urls[i], "huawei", NULL);
      g_test_message ("%s: %s", urls[i], r.err);
      assert_one_line_error (&r, 2, "~/.pgpass");
      g_assert_null (strstr (r.err, "s3cret"));
      g_assert_nonnull (strstr (r.err, "***"));
      result_clear (&r);
    }
}

/* --db and --store name the index twice. */
static void
test_store_and_db_conflict (void)
{
  Result r = run (NULL, "index", "stats", "--db", "index.db", "--store", "postgresql://db.example/team", NULL);

  assert_one_line_error (&r, 2, "not both");
  result_clear (&r);
}

/* sqlite:PATH is the same personal index as --db PATH. */
static void
test_store_sqlite_url (void)
{
  g_autofree char *dir = g_dir_make_tmp ("telelens-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *url = g_strconcat ("sqlite:", db, NULL);
  g_autofree char *jsonl = g_build_filename (dir, "in.jsonl", NULL);
  Result r;

  g_assert_true (g_file_set_contents (jsonl, "{\"id\": \"q1\", \"title\": \"Quokkatel fined\","
                                      " \"text\": \"Quokkatel was fined by the regulator.\"}\n", -1, NULL));
  r = run (NULL, "import", "jsonl", "--store", url, jsonl, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run (NULL, "search", "--db", db, "Quokkatel", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"q1\""));
  result_clear (&r);
  r = run (NULL, "index", "stats", "--store", url, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"documents\" : 1"));
  result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/cli/annotate/error/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/cli/annotate/error/binary", test_binary);
  g_test_add_func ("/cli/annotate/error/unreadable", test_unreadable);
  g_test_add_func ("/cli/annotate/error/bad-options", test_bad_options);
  g_test_add_func ("/cli/annotate/html/escapes-story", test_html_escapes_story);
  g_test_add_func ("/cli/annotate/html/input-drops-scripts", test_html_input_drops_scripts);
  g_test_add_func ("/cli/annotate/json/offsets-match-text", test_json_offsets_match_text);
  g_test_add_func ("/cli/annotate/html/sources-view", test_html_sources_view);
  g_test_add_func ("/cli/import/jsonl-bad-lines", test_import_jsonl);
  g_test_add_func ("/cli/import/last-line-bad-rest-kept", test_import_last_line_bad);
  g_test_add_func ("/cli/import/directory-refused", test_import_directory);
  g_test_add_func ("/cli/read/missing-db-never-created", test_read_commands_never_create);
  g_test_add_func ("/cli/index/stats", test_index_stats);
  g_test_add_func ("/cli/search-timeline/names-and-aliases", test_search_and_timeline_by_name);
  g_test_add_func ("/cli/errors/missing-watch-list-unknown-name", test_missing_watch_list_and_unknown_name);
  g_test_add_func ("/cli/related/file-published", test_related_file_published);
  g_test_add_func ("/cli/json/short-numbers-valid-strings", test_json_short_numbers);
  g_test_add_func ("/cli/store/unknown-kind", test_store_unknown_kind);
  g_test_add_func ("/cli/store/password-refused-never-shown", test_store_password_refused);
  g_test_add_func ("/cli/store/db-and-store-conflict", test_store_and_db_conflict);
  g_test_add_func ("/cli/store/sqlite-url-is-db", test_store_sqlite_url);
  return g_test_run ();
}
