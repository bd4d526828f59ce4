/* tl-evolution-source.c — the articles Evolution's News and Blogs keeps
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Facts from Evolution 3.46 (module-rss), read from what it wrote itself:
 *   $XDG_DATA_HOME/evolution/mail/rss/rss.ini   one group [feed:ID] per
 *       subscription (ID: sha1 of the feed's address) with href and
 *       display-name (the outlet); rewritten after each fetch
 *   …/rss/ID/XX/UID   each article, an RFC 822 message (tl-rfc822.c)
 * Only feed articles are read: never the user's mail.
 *
 * The cursor. Articles only appear (one rewritten gets a new time), so
 * what is new is what was modified after the newest article read. But a
 * file's time is no order: two articles written in the same second (or the
 * same clock tick, or on a filesystem that keeps whole or even seconds)
 * have the same time, and one written during a scan may turn up after an
 * article newer than it was read. So the cursor is the newest time read W
 * plus every article read whose time is within WINDOW of it; the next read
 * lists what was modified since W - WINDOW and is not in that list. An
 * article is read once (again when rewritten), whatever its time's
 * granularity and whatever order the files appear in within WINDOW.
 * W never moves past the present: one file dated in the future does not
 * hide the articles written after it.
 *
 *   "W_NSEC\nMTIME_NSEC FEED/XX/UID\n…"   (the path as g_strescape writes it)
 *
 * A cursor in any other form (the first version's "USEC/FEED/XX/UID") reads
 * everything again; the index skips what it has. Story ids are
 * "evolution:FEED:UID".
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-evolution-source.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

struct _TlEvolutionSource {
  GObject  parent_instance;
  char    *dir;
};

static void story_source_iface_init (TlStorySourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TlEvolutionSource, tl_evolution_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TL_TYPE_STORY_SOURCE, story_source_iface_init))

/**
 * tl_evolution_default_rss_dir:
 *
 * Returns: (transfer full): where Evolution keeps News and Blogs for this user
 */
char *
tl_evolution_default_rss_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "evolution", "mail", "rss", NULL);
}

static const char *
tl_evolution_source_get_name (TlStorySource *source)
{
  return "evolution";
}

static char **
tl_evolution_source_get_watch_paths (TlStorySource *source)
{
  char **paths = g_new0 (char *, 2);
  paths[0] = g_build_filename (TL_EVOLUTION_SOURCE (source)->dir, "rss.ini", NULL);
  return paths;
}

#define WINDOW_NSEC (G_GINT64_CONSTANT (60) * 1000000000)   /* one minute */

typedef struct {
  char   *key;      /* "MTIME_NSEC FEED/XX/UID": what the cursor keeps */
  gint64  mtime;    /* nanoseconds */
  char   *feed;
  char   *uid;
  char   *path;
} Article;

static void
article_free (gpointer p)
{
  Article *a = p;
  g_free (a->key);
  g_free (a->feed);
  g_free (a->uid);
  g_free (a->path);
  g_free (a);
}

static gint
article_cmp (gconstpointer a,
             gconstpointer b)
{
  const Article *x = *(Article **) a, *y = *(Article **) b;
  if (x->mtime != y->mtime)
    return x->mtime < y->mtime ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* One read: the feed list, the articles not read yet, oldest first, and
 * what the cursor it started from kept. */
typedef struct {
  GKeyFile  *feeds;
  GPtrArray *articles;
  gint64     since;     /* W of the cursor, or G_MININT64 */
  GPtrArray *kept;      /* its entries ("MTIME_NSEC FEED/XX/UID") */
} Listing;

static void
tl_evolution_source_free_listing (TlStorySource *source,
                                  gpointer       data)
{
  Listing *l = data;
  g_clear_pointer (&l->feeds, g_key_file_unref);
  g_clear_pointer (&l->articles, g_ptr_array_unref);
  g_clear_pointer (&l->kept, g_ptr_array_unref);
  g_free (l);
}

static gint64
entry_mtime (const char *entry)
{
  return g_ascii_strtoll (entry, NULL, 10);
}

/* Reads "W\nENTRY\n…"; anything else is no cursor (everything again). */
static void
parse_cursor (Listing    *l,
              const char *cursor)
{
  g_auto(GStrv) lines = cursor ? g_strsplit (cursor, "\n", -1) : NULL;
  char *end = NULL;
  gint64 w;

  l->since = G_MININT64;
  if (lines == NULL || lines[0] == NULL)
    return;
  w = g_ascii_strtoll (lines[0], &end, 10);
  if (end == lines[0] || *end != '\0')
    return;
  l->since = w;
  for (guint i = 1; lines[i]; i++)
    if (*lines[i])
      g_ptr_array_add (l->kept, g_strdup (lines[i]));
}

/* Every article file of one feed folder (two levels: XX/UID) that is not
 * in the cursor. */
static void
list_feed (const char *dir,
           const char *feed,
           Listing    *l,
           GHashTable *kept)
{
  g_autofree char *feed_dir = g_build_filename (dir, feed, NULL);
  g_autoptr(GDir) d = g_dir_open (feed_dir, 0, NULL);
  const char *sub;

  while (d && (sub = g_dir_read_name (d)))
    {
      g_autofree char *sub_dir = g_build_filename (feed_dir, sub, NULL);
      g_autoptr(GDir) s = g_file_test (sub_dir, G_FILE_TEST_IS_DIR) ? g_dir_open (sub_dir, 0, NULL) : NULL;
      const char *name;
      while (s && (name = g_dir_read_name (s)))
        {
          g_autofree char *path = g_build_filename (sub_dir, name, NULL);
          g_autofree char *rel = NULL, *escaped = NULL, *key = NULL;
          GStatBuf st;
          gint64 mtime;
          Article *a;

          if (name[0] == '.' || g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
            continue;
          mtime = (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
          if (l->since != G_MININT64 && mtime < l->since - WINDOW_NSEC)
            continue;   /* read before */
          rel = g_build_filename (feed, sub, name, NULL);
          escaped = g_strescape (rel, NULL);
          key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", mtime, escaped);
          if (g_hash_table_contains (kept, key))
            continue;
          a = g_new0 (Article, 1);
          a->key = g_steal_pointer (&key);
          a->mtime = mtime;
          a->feed = g_strdup (feed);
          a->uid = g_strdup (name);
          a->path = g_steal_pointer (&path);
          g_ptr_array_add (l->articles, a);
        }
    }
}

static gpointer
tl_evolution_source_list (TlStorySource  *source,
                          const char     *cursor,
                          guint          *out_n,
                          GError        **error)
{
  TlEvolutionSource *self = TL_EVOLUTION_SOURCE (source);
  g_autofree char *ini = g_build_filename (self->dir, "rss.ini", NULL);
  g_autoptr(GError) local = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) groups = NULL;
  Listing *l;

  if (!g_file_test (ini, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN,
                   "Evolution's News and Blogs (%s) not found; subscribe to a feed in Evolution first, "
                   "or pass --evolution-rss-dir", ini);
      return NULL;
    }
  l = g_new0 (Listing, 1);
  l->feeds = g_key_file_new ();
  l->articles = g_ptr_array_new_with_free_func (article_free);
  l->kept = g_ptr_array_new_with_free_func (g_free);
  if (!g_key_file_load_from_file (l->feeds, ini, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                   "cannot read Evolution's feed list %s: %s", ini, local->message);
      tl_evolution_source_free_listing (source, l);
      return NULL;
    }
  parse_cursor (l, cursor);
  for (guint i = 0; i < l->kept->len; i++)
    g_hash_table_add (kept, g_ptr_array_index (l->kept, i));
  groups = g_key_file_get_groups (l->feeds, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      const char *feed = groups[i] + strlen ("feed:");
      /* Only a feed's own folder: a name that is a plain sha1. */
      if (!g_str_has_prefix (groups[i], "feed:") || strlen (feed) != 40 ||
          strspn (feed, "0123456789abcdef") != 40)
        continue;
      list_feed (self->dir, feed, l, kept);
    }
  g_ptr_array_sort (l->articles, article_cmp);
  *out_n = l->articles->len;
  return l;
}

static gboolean
tl_evolution_source_load (TlStorySource  *source,
                          gpointer        data,
                          guint           i,
                          TlIndexDoc     *doc,
                          GError        **error)
{
  Listing *l = data;
  Article *a = g_ptr_array_index (l->articles, i);
  g_autofree char *contents = NULL, *group = g_strconcat ("feed:", a->feed, NULL);
  g_autofree char *outlet = g_key_file_get_string (l->feeds, group, "display-name", NULL);
  g_autoptr(GError) local = NULL;
  TlRssArticle art;
  gsize len;

  if (!g_file_get_contents (a->path, &contents, &len, &local) ||
      !tl_rss_article_parse (contents, len, &art, &local))
    {
      /* An article Evolution is rewriting, or one it never wrote. */
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                   "article %s cannot be read: %s", a->path, local->message);
      return FALSE;
    }
  doc->id = g_strdup_printf ("evolution:%s:%s", a->feed, a->uid);
  doc->title = g_steal_pointer (&art.title);
  doc->url = g_steal_pointer (&art.link);
  doc->text = g_steal_pointer (&art.html);
  doc->outlet = outlet && *outlet ? g_steal_pointer (&outlet) : NULL;
  doc->published = art.published;
  tl_rss_article_clear (&art);
  return TRUE;
}

/* W: the newest time read, never past the present; then every entry read
 * (before and now) within WINDOW of it. */
static char *
tl_evolution_source_get_cursor (TlStorySource *source,
                                gpointer       data,
                                guint          n_read)
{
  Listing *l = data;
  gint64 newest = ((Article *) g_ptr_array_index (l->articles, n_read - 1))->mtime;
  gint64 now = g_get_real_time () * 1000;
  gint64 w = MAX (l->since, MIN (newest, now));
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%" G_GINT64_FORMAT, w);
  for (guint i = 0; i < l->kept->len; i++)
    {
      const char *entry = g_ptr_array_index (l->kept, i);
      if (entry_mtime (entry) >= w - WINDOW_NSEC)
        g_string_append_printf (out, "\n%s", entry);
    }
  for (guint i = 0; i < n_read; i++)
    {
      Article *a = g_ptr_array_index (l->articles, i);
      if (a->mtime >= w - WINDOW_NSEC)
        g_string_append_printf (out, "\n%s", a->key);
    }
  return g_string_free (out, FALSE);
}

static void
story_source_iface_init (TlStorySourceInterface *iface)
{
  iface->get_name = tl_evolution_source_get_name;
  iface->get_watch_paths = tl_evolution_source_get_watch_paths;
  iface->list = tl_evolution_source_list;
  iface->load = tl_evolution_source_load;
  iface->get_cursor = tl_evolution_source_get_cursor;
  iface->free_listing = tl_evolution_source_free_listing;
}

static void
tl_evolution_source_finalize (GObject *object)
{
  g_free (TL_EVOLUTION_SOURCE (object)->dir);
  G_OBJECT_CLASS (tl_evolution_source_parent_class)->finalize (object);
}

static void
tl_evolution_source_class_init (TlEvolutionSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_evolution_source_finalize;
}

static void
tl_evolution_source_init (TlEvolutionSource *self)
{
}

/**
 * tl_evolution_source_new:
 * @rss_dir: (nullable): Evolution's News and Blogs folder, %NULL for this user's
 *
 * Nothing is read until the first read: Evolution may not have run yet.
 *
 * Returns: (transfer full): the source
 */
TlStorySource *
tl_evolution_source_new (const char *rss_dir)
{
  TlEvolutionSource *self = g_object_new (TL_TYPE_EVOLUTION_SOURCE, NULL);
  self->dir = rss_dir ? g_strdup (rss_dir) : tl_evolution_default_rss_dir ();
  return TL_STORY_SOURCE (self);
}
