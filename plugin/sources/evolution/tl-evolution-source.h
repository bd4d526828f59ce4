/* tl-evolution-source.h — Evolution's News and Blogs as a source of stories
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-story-source.h"

G_BEGIN_DECLS

#define TL_TYPE_EVOLUTION_SOURCE (tl_evolution_source_get_type ())
G_DECLARE_FINAL_TYPE (TlEvolutionSource, tl_evolution_source, TL, EVOLUTION_SOURCE, GObject)

char          *tl_evolution_default_rss_dir (void);
TlStorySource *tl_evolution_source_new      (const char *rss_dir);

/* One cached article, read without Evolution's libraries (tl-rfc822.c). */
typedef struct {
  char   *title;
  char   *author;
  char   *html;        /* the body, decoded to UTF-8 */
  char   *link;        /* the article's own link, from the body */
  gint64  published;   /* Unix seconds, or TL_INDEX_NO_DATE */
} TlRssArticle;

gboolean tl_rss_article_parse (const char    *data,
                               gsize          len,
                               TlRssArticle  *article,
                               GError       **error);
void     tl_rss_article_clear (TlRssArticle  *article);

G_END_DECLS
