/* test-index-evolution.c — Evolution's News and Blogs as a source of stories
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The articles are written here the way Evolution 3.46 writes them
 * (rss.ini, then FEED/XX/UID files, RFC 822 with an HTML body that starts
 * <h4><a href=LINK>); the texts are ours.
 */
#include "tl-test-util.h"
#include "tl-test-server.h"
#include "tl-index.h"
#include "tl-evolution-source.h"

#include <glib/gstdio.h>
#include <string.h>

#define FEED_A "1111111111111111111111111111111111111111"
#define FEED_B "2222222222222222222222222222222222222222"

static void
write_file (const char *dir,
            const char *rel,
            const char *contents,
            gint64      mtime)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  if (mtime > 0)
    g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, (guint64) mtime,
                                                G_FILE_QUERY_INFO_NONE, NULL, NULL));
}

static char *
make_rss_dir (char **index_path)
{
  g_autofree char *dir = tl_test_tmpdir ();
  char *rss = g_build_filename (dir, "rss", NULL);

  *index_path = g_build_filename (dir, "index.db", NULL);
  write_file (rss, "rss.ini",
              "[feed:" FEED_A "]\nhref=http://127.0.0.1/a.xml\ndisplay-name=Harbour Wire\nindex=1\n\n"
              "[feed:" FEED_B "]\nhref=http://127.0.0.1/b.xml\ndisplay-name=Kestrel Post\nindex=2\n\n"
              "[settings]\nnot-a-feed=true\n", 0);
  /* Plain UTF-8, as Evolution writes an article. */
  write_file (rss, FEED_A "/0a/aaaa0001",
              "Message-ID: <aaaa0001@localhost>\r\nDate: Tue, 03 Mar 2026 09:00:00 +0000\r\n"
              "From: desk@harbour.example (Harbour Desk)\r\nX-RSS-Feed: http://127.0.0.1/a.xml\r\n"
              "Subject: Operator reports SIM swap fraud wave\r\n"
              "Content-Type: text/html; charset=\"utf-8\"\r\nMIME-Version: 1.0\r\n\r\n"
              "<h4><a href=\"https://harbour.example/sim-swap?a=1&amp;b=2\">Operator reports SIM swap fraud wave</a></h4>"
              "<p>Vodafone said fraudsters used SIM swap attacks against customers in Porto.</p>", 1700000000);
  /* An encoded subject (RFC 2047, folded) and a base64 body. */
  {
    const char *body = "<h4><a href=\"https://kestrel.example/cable\">Cable cut</a></h4>"
                       "<p>The Baltic cable between Tallinn and Helsinki was cut, Elisa said.</p>";
    g_autofree char *b64 = g_base64_encode ((const guchar *) body, strlen (body));
    g_autofree char *msg = g_strdup_printf (
      "Date: Wed, 4 Mar 2026 10:30 +0100\nSubject: =?UTF-8?B?Q8OhYmxlIGN1dCBuZWFy?=\n =?UTF-8?Q?_Tallinn_=E2=80=94_update?=\n"
      "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n%s\n", b64);
    write_file (rss, FEED_B "/1b/bbbb0001", msg, 1700000100);
  }
  /* Quoted-printable in Latin-1. */
  write_file (rss, FEED_B "/1b/bbbb0002",
              "Date: Thu, 05 Mar 2026 08:00:00 -0500\nSubject: =?iso-8859-1?Q?Regulator_fines_carrier_in_S=E3o_Paulo?=\n"
              "Content-Type: text/html; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
              "<p>Anatel fined the carrier in S=E3o Paulo over a data breach that exposed call =\nrecords.</p>\n",
              1700000200);
  /* Not a message: skipped, never fatal. */
  write_file (rss, FEED_A "/0a/junk0001", "\x01\x02 not a message at all", 1700000300);
  /* Not a feed's folder (the user's mail lives elsewhere; nothing else here is read). */
  write_file (rss, "mail/0a/private01",
              "Subject: Family dinner\n\n<p>Private words: Quillfeather.</p>", 1700000400);
  return rss;
}

typedef struct {
  char          *rss;      /* Evolution's News and Blogs, as make_rss_dir () writes it */
  TlIndex       *index;
  TlStorySource *source;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;

  f->rss = make_rss_dir (&db);
  f->index = tl_index_open (db, tl_test_get_analyzer (), &error);
  g_assert_no_error (error);
  f->source = tl_evolution_source_new (f->rss);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->source);
  g_clear_object (&f->index);
  g_free (f->rss);
}

static JsonObject *
find (JsonNode   *results,
      const char *id)
{
  JsonArray *res = json_object_get_array_member (json_node_get_object (results), "results");
  for (guint i = 0; i < json_array_get_length (res); i++)
    {
      JsonObject *o = json_array_get_object_element (res, i);
      if (g_strcmp0 (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  return NULL;
}

/* Articles become stories: title (decoded), link (from the body), outlet
 * (the feed's name), date; junk is skipped; no other folder is read. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) found = NULL;
  guint added = 0, seen = 0, remaining = 9;
  JsonObject *o;

  g_assert_cmpstr (tl_story_source_get_name (f->source), ==, "evolution");
  g_assert_true (tl_story_source_import (f->source, f->index, G_MAXUINT, &added, &seen, &remaining, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen, ==, 4);
  g_assert_cmpuint (added, ==, 3);
  g_assert_cmpuint (remaining, ==, 0);
  g_assert_cmpuint (tl_index_count (f->index), ==, 3);

  found = tl_index_search (f->index, "SIM", 10, &error);
  g_assert_no_error (error);
  o = find (found, "evolution:" FEED_A ":aaaa0001");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Operator reports SIM swap fraud wave");
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, "https://harbour.example/sim-swap?a=1&b=2");
  g_assert_cmpstr (json_object_get_string_member (o, "outlet"), ==, "Harbour Wire");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "published"), "2026-03-03T09:00:00"));
  g_clear_pointer (&found, json_node_unref);

  found = tl_index_search (f->index, "Tallinn", 10, &error);
  o = find (found, "evolution:" FEED_B ":bbbb0001");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "C\xc3\xa1" "ble cut near Tallinn \xe2\x80\x94 update");
  g_assert_cmpstr (json_object_get_string_member (o, "outlet"), ==, "Kestrel Post");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "published"), "2026-03-04T09:30:00"));
  g_clear_pointer (&found, json_node_unref);

  found = tl_index_search (f->index, "Anatel", 10, &error);
  o = find (found, "evolution:" FEED_B ":bbbb0002");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Regulator fines carrier in S\xc3\xa3o Paulo");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "published"), "2026-03-05T13:00:00"));
  g_clear_pointer (&found, json_node_unref);

  /* Soft line breaks of quoted-printable are gone from the text. */
  found = tl_index_search (f->index, "\"call records\"", 10, &error);
  g_assert_nonnull (find (found, "evolution:" FEED_B ":bbbb0002"));
  g_clear_pointer (&found, json_node_unref);

  found = tl_index_search (f->index, "Quillfeather", 10, &error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (found), "results")), ==, 0);
}

/* A second run adds nothing; an article Evolution fetches later is added. */
static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint added = 0, seen = 0, remaining = 0;

  g_assert_true (tl_story_source_import (f->source, f->index, 2, &added, &seen, &remaining, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen, ==, 2);
  g_assert_cmpuint (remaining, ==, 2);
  g_assert_true (tl_story_source_import (f->source, f->index, G_MAXUINT, &added, &seen, &remaining, &error));
  g_assert_cmpuint (seen, ==, 2);
  g_assert_cmpuint (tl_index_count (f->index), ==, 3);
  g_assert_true (tl_story_source_import (f->source, f->index, G_MAXUINT, &added, &seen, NULL, &error));
  g_assert_cmpuint (seen, ==, 0);
  g_assert_cmpuint (added, ==, 0);
  write_file (f->rss, FEED_A "/0c/aaaa0002",
              "Date: Fri, 06 Mar 2026 12:00:00 +0000\nSubject: Second story\nContent-Type: text/html\n\n"
              "<p>Telia said the outage in Stockholm was not an attack.</p>", 1700001000);
  g_assert_true (tl_story_source_import (f->source, f->index, G_MAXUINT, &added, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (tl_index_count (f->index), ==, 4);
  /* The health answer names the newest article's time, not the list kept. */
  {
    g_autoptr(JsonNode) health = tl_index_health (f->index);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (health), "evolution_last_item"), ==,
                     "1700001000000000000");
  }
}

static guint
import_all (TlStorySource *source,
            TlIndex       *index,
            guint          step)
{
  g_autoptr(GError) error = NULL;
  guint added = 0, seen = 0, remaining = 0, total = 0;

  do
    {
      g_assert_true (tl_story_source_import (source, index, step, &added, &seen, &remaining, &error));
      g_assert_no_error (error);
      total += added;
    }
  while (remaining > 0);
  return total;
}

#define ARTICLE(subject) \
  "Date: Fri, 06 Mar 2026 12:00:00 +0000\nSubject: " subject "\nContent-Type: text/html\n\n" \
  "<p>" subject ": Telia said the outage in Stockholm was not an attack.</p>"

/* A file's time is no order: articles Evolution writes in the same second
 * (the same time to the nanosecond on a coarse clock or a filesystem that
 * keeps whole seconds), in whatever order their names sort, and one that
 * turns up after a newer one was read, are all stored. */
static void
test_same_second (Fixture       *f,
                  gconstpointer  data)
{
  const gint64 t = 1700002000;

  g_assert_cmpuint (import_all (f->source, f->index, G_MAXUINT), ==, 3);
  /* Read while its neighbour of the same second is not there yet. */
  write_file (f->rss, FEED_B "/7f/ffff0001", ARTICLE ("Late story one"), t);
  g_assert_cmpuint (import_all (f->source, f->index, G_MAXUINT), ==, 1);
  write_file (f->rss, FEED_A "/00/00000001", ARTICLE ("Late story two"), t);
  g_assert_cmpuint (import_all (f->source, f->index, G_MAXUINT), ==, 1);
  /* Written 30 s before the newest read, but seen only now. */
  write_file (f->rss, FEED_A "/05/0000aaaa", ARTICLE ("Late story three"), t - 30);
  g_assert_cmpuint (import_all (f->source, f->index, G_MAXUINT), ==, 1);
  /* Five of the same second, read one at a time (as serve reads in steps). */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *rel = g_strdup_printf (FEED_B "/%02x/batch%u", 9 - i, i);
      write_file (f->rss, rel, ARTICLE ("Batch story"), t + 1);
    }
  g_assert_cmpuint (import_all (f->source, f->index, 1), ==, 5);
  g_assert_cmpuint (import_all (f->source, f->index, G_MAXUINT), ==, 0);
  g_assert_cmpuint (tl_index_count (f->index), ==, 11);
}

/* One article dated in the future (a wrong clock, a copied profile) does
 * not hide the articles written after it. */
static void
test_future_time (Fixture       *f,
                  gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  write_file (f->rss, FEED_A "/0e/future01", ARTICLE ("Dated next year"), now + 365 * 86400);
  g_assert_cmpuint (import_all (f->source, f->index, G_MAXUINT), ==, 4);
  write_file (f->rss, FEED_A "/0e/today001", ARTICLE ("Written today"), now);
  g_assert_cmpuint (import_all (f->source, f->index, G_MAXUINT), ==, 1);
  g_assert_cmpuint (import_all (f->source, f->index, G_MAXUINT), ==, 0);
  g_assert_cmpuint (tl_index_count (f->index), ==, 5);
}

/* A cursor from the first version ("USEC/FEED/XX/UID"), or damaged: all is
 * read again and nothing is stored twice. */
static void
test_old_cursor (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint added = 0, seen = 0;

  g_assert_cmpuint (import_all (f->source, f->index, G_MAXUINT), ==, 3);
  g_assert_true (tl_index_set_state (f->index, "evolution_last_item",
                                     "00000001700000300000000/" FEED_A "/0a/junk0001", &error));
  g_assert_true (tl_story_source_import (f->source, f->index, G_MAXUINT, &added, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen, ==, 4);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (tl_index_count (f->index), ==, 3);
}

static void
test_missing (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *rss = g_build_filename (dir, "nothing", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlIndex) index = tl_index_open (db, tl_test_get_analyzer (), &error);
  g_autoptr(TlStorySource) source = tl_evolution_source_new (rss);
  guint a, s;

  g_assert_false (tl_story_source_import (source, index, G_MAXUINT, &a, &s, NULL, &error));
  g_assert_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "subscribe to a feed in Evolution"));
}

/* Any bytes: an article is read or refused, never a crash. */
static void
test_parse_hostile (void)
{
  const char *inputs[] = {
    "", "\n", "Subject: x", "Subject: =?utf-8?B?", "Subject: =?x?Q?=?=\n\nbody",
    "Subject: =?utf-8?Q?=ZZ=?=\nDate: Mon, 99 Foo 1 99:99\n\n<h4><a href=\"javascript:alert(1)\">x</a></h4>",
    "Content-Type: image/png\n\n\x89PNG", "Content-Type: text/html; charset=no-such-charset\n\n\xff\xfe",
    "Content-Transfer-Encoding: base64\n\n!!!!", "Content-Transfer-Encoding: quoted-printable\n\n=\n=4",
  };
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      TlRssArticle art;
      g_autoptr(GError) error = NULL;
      if (tl_rss_article_parse (inputs[i], strlen (inputs[i]), &art, &error))
        {
          g_assert_true (g_utf8_validate (art.html, -1, NULL));
          g_assert_true (art.title == NULL || g_utf8_validate (art.title, -1, NULL));
          g_assert_null (art.link);   /* only http(s) links */
          tl_rss_article_clear (&art);
        }
      else
        g_assert_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN);
    }
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add ("/index/evolution/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/index/evolution/incremental", Fixture, NULL, fixture_set_up, test_incremental, fixture_tear_down);
  g_test_add ("/index/evolution/same-second", Fixture, NULL, fixture_set_up, test_same_second, fixture_tear_down);
  g_test_add ("/index/evolution/future-time", Fixture, NULL, fixture_set_up, test_future_time, fixture_tear_down);
  g_test_add ("/index/evolution/old-cursor", Fixture, NULL, fixture_set_up, test_old_cursor, fixture_tear_down);
  g_test_add_func ("/index/evolution/missing", test_missing);
  g_test_add_func ("/index/evolution/hostile-articles", test_parse_hostile);
  return g_test_run ();
}
