/* tl-evolution-source.c — the articles Evolution's News and Blogs keeps
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Facts from Evolution 3.46 (module-rss), read from what it wrote itself:
 *   $XDG_DATA_HOME/evolution/mail/rss/rss.ini   one group [feed:ID] per
 *       subscription (ID: sha1 of the feed's address) with href and
 *       display-name (the outlet); rewritten after each fetch
 *   …/rss/ID/XX/UID   each article, an RFC 822 message (tl-rfc822.c)
 * Only feed articles are read: never the user's mail. Files only appear
 * (an article rewritten gets a new time), so the cursor is the last file's
 * modification time and path, "USEC/ID/XX/UID"; the next run reads what
 * sorts after it. Story ids are "evolution:ID:UID".
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-evolution-source.h"

#include <string.h>

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

typedef struct {
  char   *key;      /* "USEC/ID/XX/UID": the cursor */
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
  return strcmp (x->key, y->key);
}

/* Every article file of one feed folder (two levels: XX/UID). */
static void
list_feed (const char *dir,
           const char *feed,
           GPtrArray  *out)
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
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                                          G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                          G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
          Article *a;
          guint64 usec;
          if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR || name[0] == '.')
            continue;
          usec = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
                 g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
          a = g_new0 (Article, 1);
          a->key = g_strdup_printf ("%020" G_GUINT64_FORMAT "/%s/%s/%s", usec, feed, sub, name);
          a->feed = g_strdup (feed);
          a->uid = g_strdup (name);
          a->path = g_steal_pointer (&path);
          g_ptr_array_add (out, a);
        }
    }
}

static gboolean
tl_evolution_source_read (TlStorySource  *source,
                          const char     *cursor,
                          guint           max_stories,
                          TlStoryFunc     func,
                          gpointer        data,
                          guint          *out_remaining,
                          GError        **error)
{
  TlEvolutionSource *self = TL_EVOLUTION_SOURCE (source);
  g_autofree char *ini = g_build_filename (self->dir, "rss.ini", NULL);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (article_free);
  g_auto(GStrv) groups = NULL;
  guint done = 0, i;

  if (!g_file_test (ini, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_OPEN,
                   "Evolution's News and Blogs (%s) not found; subscribe to a feed in Evolution first, "
                   "or pass --evolution-rss-dir", ini);
      return FALSE;
    }
  if (!g_key_file_load_from_file (kf, ini, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_FOREIGN,
                   "cannot read Evolution's feed list %s: %s", ini, local->message);
      return FALSE;
    }
  groups = g_key_file_get_groups (kf, NULL);
  for (i = 0; groups[i]; i++)
    {
      const char *feed = groups[i] + strlen ("feed:");
      /* Only a feed's own folder: a name that is a plain sha1. */
      if (!g_str_has_prefix (groups[i], "feed:") || strlen (feed) != 40 ||
          strspn (feed, "0123456789abcdef") != 40)
        continue;
      list_feed (self->dir, feed, articles);
    }
  g_ptr_array_sort (articles, article_cmp);
  for (i = 0; i < articles->len; i++)
    {
      Article *a = g_ptr_array_index (articles, i);
      g_autofree char *contents = NULL, *group = NULL, *outlet = NULL, *id = NULL;
      TlRssArticle art;
      gsize len;
      gboolean ok;

      if (cursor && strcmp (a->key, cursor) <= 0)
        continue;
      if (done == max_stories)
        break;
      done++;
      group = g_strconcat ("feed:", a->feed, NULL);
      outlet = g_key_file_get_string (kf, group, "display-name", NULL);
      id = g_strdup_printf ("evolution:%s:%s", a->feed, a->uid);
      if (!g_file_get_contents (a->path, &contents, &len, &local) ||
          !tl_rss_article_parse (contents, len, &art, &local))
        {
          /* An article Evolution is rewriting, or one it never wrote: skipped. */
          g_debug ("Evolution article %s skipped: %s", a->path, local ? local->message : "unreadable");
          g_clear_error (&local);
          {
            TlIndexDoc empty = { .id = id, .published = TL_INDEX_NO_DATE };
            if (!func (&empty, a->key, data, error))
              return FALSE;
          }
          continue;
        }
      {
        TlIndexDoc doc = {
          .id = id, .title = art.title, .url = art.link, .text = art.html,
          .outlet = outlet && *outlet ? outlet : NULL, .published = art.published,
        };
        ok = func (&doc, a->key, data, error);
      }
      tl_rss_article_clear (&art);
      if (!ok)
        return FALSE;
    }
  if (out_remaining)
    {
      guint left = 0;
      for (guint k = i; k < articles->len; k++)
        if (!cursor || strcmp (((Article *) g_ptr_array_index (articles, k))->key, cursor) > 0)
          left++;
      *out_remaining = left;
    }
  return TRUE;
}

static void
story_source_iface_init (TlStorySourceInterface *iface)
{
  iface->get_name = tl_evolution_source_get_name;
  iface->get_watch_paths = tl_evolution_source_get_watch_paths;
  iface->read = tl_evolution_source_read;
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
