/* tl-index-query.c — search, timelines, health, stats and check, for
 * every store
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The answers' JSON and the rules on what a user asks (an empty query, an
 * entity by any of its names, day or week) are here, once; the store finds
 * the rows (tl-index-store.h).
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-index-private.h"

#include <math.h>
#include <string.h>

#define STORE(self) _tl_index_store (self)
#define VT(self)    _tl_index_vt (self)

/* --- Search ------------------------------------------------------------------ */

static void
add_word (const char *word,
          gpointer    data)
{
  g_ptr_array_add (data, g_strdup (word));
}

/* The weight of each phrase of a search of words (BM25's IDF): the df of
 * its rarest story word (the terms table, as related coverage reads it);
 * a phrase with no story word (a stop word, a word under three letters)
 * counts as a word in half the stories. One phrase needs no weight. */
static double *
search_weights (TlIndex   *self,
                GPtrArray *phrases,
                guint      n_phrases)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gint64 *dfs = NULL;
  double *weights;
  gint64 n_docs;

  if (phrases == NULL || n_phrases < 2 || phrases->len != n_phrases)
    return NULL;
  for (guint p = 0; p < n_phrases; p++)
    {
      guint at = words->len;
      g_array_append_val (first, at);
      _tl_index_foreach_story_word (g_ptr_array_index (phrases, p), NULL, add_word, words);
    }
  g_array_append_val (first, words->len);
  dfs = g_new0 (gint64, MAX (1, words->len));
  if (words->len)
    VT (self)->terms_df (STORE (self), (const char *const *) words->pdata, words->len, dfs);
  n_docs = VT (self)->corpus_size (STORE (self));
  weights = g_new (double, n_phrases);
  for (guint p = 0; p < n_phrases; p++)
    {
      guint from = g_array_index (first, guint, p), to = g_array_index (first, guint, p + 1);
      gint64 df = from == to ? n_docs / 2 : G_MAXINT64;

      for (guint k = from; k < to; k++)
        df = MIN (df, dfs[k]);
      weights[p] = _tl_rank_search_idf (n_docs, df);
    }
  return weights;
}

/* The best @limit of the latest TL_STORE_SEARCH_WINDOW matches, ranked
 * here for every store (_tl_rank_search()). */
static GArray *
search_hits (TlIndex     *self,
             const char  *query,
             gboolean     syntax,
             guint        limit,
             GError     **error)
{
  g_autoptr(GPtrArray) phrases = NULL;
  g_autofree char *match = syntax ? g_strdup (query) : _tl_index_search_match (query, &phrases);
  g_autoptr(GArray) cands = g_array_new (FALSE, FALSE, sizeof (SearchCand));
  g_autoptr(GArray) tf = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree double *weights = NULL;
  guint n_phrases = 0, n;

  if (match == NULL)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_QUERY,
                   "search query “%.100s” has no word to look for", query);
      return NULL;
    }
  if (!VT (self)->search_window (STORE (self), match, phrases, TL_STORE_SEARCH_WINDOW, cands, tf, &n_phrases,
                                 error))
    return NULL;
  weights = search_weights (self, phrases, n_phrases);
  _tl_rank_search (cands, (const guint32 *) tf->data, n_phrases, weights);
  n = MIN (cands->len, MIN (limit, 500));
  return VT (self)->search_read (STORE (self), match, syntax, (const SearchCand *) cands->data, n, error);
}

static JsonNode *
search_json (TlIndex     *self,
             const char  *query,
             gboolean     syntax,
             guint        limit,
             GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GArray) hits = search_hits (self, query, syntax, limit, error);

  if (hits == NULL)
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < hits->len; i++)
    {
      const TlStoreHit *h = &g_array_index (hits, TlStoreHit, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, h->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, h->title ? h->title : "");
      json_builder_set_member_name (b, "outlet");
      if (h->outlet == NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, h->outlet);
      _tl_index_json_add_date (b, "published", h->published);
      json_builder_set_member_name (b, "url");
      if (h->url == NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, h->url);
      json_builder_set_member_name (b, "snippet");
      json_builder_add_string_value (b, h->snippet ? h->snippet : "");
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, round (h->score * 1000) / 1000);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
query_is_empty (const char  *query,
                GError     **error)
{
  if (query == NULL || strspn (query, " \t\r\n") == strlen (query))
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_QUERY, "the search query is empty");
      return TRUE;
    }
  return FALSE;
}

/**
 * tl_index_search:
 * @self: a #TlIndex
 * @query: words and "phrases", as a user types them: `T-Mobile`, `AT&T`,
 *   `CVE-2023-20198`, `"lawful intercept" Huawei`; stories with all of them
 * @limit: the most results
 * @error: return location for a #GError
 *
 * Never reads @query as the store's query syntax (tl_index_search_syntax()
 * does).
 *
 * Returns: (transfer full) (nullable): `{"results": [{id, title, outlet, …}]}`
 */
JsonNode *
tl_index_search (TlIndex     *self,
                 const char  *query,
                 guint        limit,
                 GError     **error)
{
  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  if (query_is_empty (query, error))
    return NULL;
  return search_json (self, query, FALSE, limit, error);
}

/**
 * tl_index_search_syntax:
 * @self: a #TlIndex
 * @query: the store's query syntax (SQLite: FTS5's words, "phrases",
 *   AND/OR/NOT, NEAR, prefix*)
 * @limit: the most results
 * @error: return location for a #GError; %TL_INDEX_ERROR_QUERY for syntax
 *
 * For users who ask for operators (`telelens search --syntax`,
 * `/v1/search?syntax=fts`).
 *
 * Returns: (transfer full) (nullable): as tl_index_search()
 */
JsonNode *
tl_index_search_syntax (TlIndex     *self,
                        const char  *query,
                        guint        limit,
                        GError     **error)
{
  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  if (query_is_empty (query, error))
    return NULL;
  return search_json (self, query, TRUE, limit, error);
}

/* --- Timeline ----------------------------------------------------------------- */

static int
latest_cmp (gconstpointer a,
            gconstpointer b)
{
  gint64 x = ((const TlStoreLatest *) a)->when, y = ((const TlStoreLatest *) b)->when;
  return (x < y) - (x > y);
}

/* `stories`: the latest stories that mention the entity, under any of its
 * names (the key is the knowledge-base id): the newest dated ones and the
 * latest undated ones, by date or else by when they were added. */
static gboolean
add_latest_stories (TlIndex     *self,
                    JsonBuilder *b,
                    const char  *entity,
                    GError     **error)
{
  g_autoptr(GArray) rows = VT (self)->entity_latest (STORE (self), entity, error);

  if (rows == NULL)
    return FALSE;
  g_array_sort (rows, latest_cmp);
  json_builder_set_member_name (b, "stories");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len && i < 8; i++)
    {
      TlStoreLatest *l = &g_array_index (rows, TlStoreLatest, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, l->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, l->title ? l->title : "");
      json_builder_set_member_name (b, "url");
      l->url ? json_builder_add_string_value (b, l->url) : json_builder_add_null_value (b);
      json_builder_set_member_name (b, "outlet");
      l->outlet ? json_builder_add_string_value (b, l->outlet) : json_builder_add_null_value (b);
      _tl_index_json_add_date (b, "published", l->published);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

static gint64
stored_df (TlIndex    *self,
           const char *key)
{
  return VT (self)->entity_df (STORE (self), key);
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *x = NULL, *y = NULL;

  if (a == NULL || b == NULL || !g_utf8_validate (a, -1, NULL) || !g_utf8_validate (b, -1, NULL))
    return FALSE;
  x = g_utf8_casefold (a, -1);
  y = g_utf8_casefold (b, -1);
  return strcmp (x, y) == 0;
}

/**
 * tl_index_resolve_entity:
 * @self: a #TlIndex
 * @name: what the user typed: a key (`verizon`, `person:Jane Roe`), or any
 *   name or alias of an entity, in any case (as `telelens kb lookup`)
 * @error: return location for a #GError; %TL_INDEX_ERROR_NOT_FOUND
 *
 * When several entities answer to @name, the one most stories mention.
 *
 * Returns: (transfer full) (nullable): the key the index stores it under
 */
char *
tl_index_resolve_entity (TlIndex     *self,
                         const char  *name,
                         GError     **error)
{
  TlKnowledgeBase *kb = tl_analyzer_get_kb (_tl_index_analyzer (self));
  g_autofree char *best = NULL;
  const char *kb_name = NULL;
  g_autoptr(GError) local = NULL;
  gint64 best_df = 0;
  guint n;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID, "give an entity: a name, an alias or an id");
      return NULL;
    }
  if (stored_df (self, name) >= 0)
    return g_strdup (name);

  /* The knowledge base: id, name or alias, in any case. */
  n = kb ? tl_knowledge_base_get_n_entities (kb) : 0;
  for (guint i = 0; i < n; i++)
    {
      const TlKbEntity *e = tl_knowledge_base_get_nth (kb, i);
      gboolean hit = same_name (e->id, name) || same_name (e->name, name);
      gint64 df;

      for (char **a = e->aliases; !hit && a && *a; a++)
        hit = same_name (*a, name);
      if (!hit)
        continue;
      kb_name = kb_name ? kb_name : e->name;
      if ((df = stored_df (self, e->id)) > best_df)
        {
          g_free (best);
          best = g_strdup (e->id);
          best_df = df;
        }
    }
  if (best != NULL)
    return g_steal_pointer (&best);

  /* Entities found by context: their stored name, or key, in any case. */
  best = VT (self)->entity_by_name (STORE (self), name, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (best != NULL)
    return g_steal_pointer (&best);

  if (kb_name != NULL)
    g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_NOT_FOUND,
                 "no story in the index mentions “%.80s” (%s)", name, kb_name);
  else
    g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_NOT_FOUND,
                 "no story in the index mentions “%.80s”, and it is no name or alias in the knowledge base "
                 "(try “telelens kb lookup”)", name);
  return NULL;
}

/**
 * tl_index_timeline:
 * @self: a #TlIndex
 * @entity: a knowledge-base id, a `type:Name` key, or any name or alias
 *   (tl_index_resolve_entity()); the answer's `entity` says which it is
 * @bucket: `day` or `week` (weeks start on Monday)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): story counts over time and the
 *   latest stories (`stories`) that mention the entity by any of its names
 */
JsonNode *
tl_index_timeline (TlIndex     *self,
                   const char  *entity,
                   const char  *bucket,
                   GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *key = NULL, *name = NULL, *type = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GError) local = NULL;
  gboolean week;
  gint64 df = 0;

  g_return_val_if_fail (TL_IS_INDEX (self), NULL);

  if (bucket == NULL)
    bucket = "week";
  if (strcmp (bucket, "day") != 0 && strcmp (bucket, "week") != 0)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_INVALID,
                   "bucket must be day or week, not “%.20s”", bucket);
      return NULL;
    }
  week = strcmp (bucket, "week") == 0;
  if ((key = tl_index_resolve_entity (self, entity, error)) == NULL)
    return NULL;
  if (!VT (self)->entity_info (STORE (self), key, &name, &type, &df, &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_NOT_FOUND,
                     "no story in the index mentions “%.80s”", entity);
      return NULL;
    }
  if ((points = VT (self)->entity_points (STORE (self), key, week, error)) == NULL)
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "entity");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, key);
  json_builder_set_member_name (b, "query");
  json_builder_add_string_value (b, entity);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "stories");
  json_builder_add_int_value (b, df);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "bucket");
  json_builder_add_string_value (b, bucket);
  json_builder_set_member_name (b, "points");
  json_builder_begin_array (b);
  for (guint i = 0; i < points->len; i++)
    {
      const TlStorePoint *p = &g_array_index (points, TlStorePoint, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start");
      json_builder_add_string_value (b, p->start);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, p->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (!add_latest_stories (self, b, key, error))
    return NULL;
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* --- Health, stats and check ------------------------------------------------------ */

JsonNode *
tl_index_health (TlIndex *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) cursors = VT (self)->list_cursors (STORE (self));
  g_autofree char *last = NULL;

  tl_index_get_state (self, "last_ingest", &last);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, TL_VERSION);
  json_builder_set_member_name (b, "documents");
  json_builder_add_int_value (b, (gint64) tl_index_count (self));
  json_builder_set_member_name (b, "entities");
  json_builder_add_int_value (b, VT (self)->count_entities (STORE (self)));
  json_builder_set_member_name (b, "last_ingest");
  last ? json_builder_add_string_value (b, last) : json_builder_add_null_value (b);
  /* Each source of stories' cursor, "NAME_last_item" (tl-story-source.h). */
  for (guint i = 0; i + 1 < cursors->len; i += 2)
    {
      /* Its first line: a cursor may go on with what it keeps (Evolution's). */
      const char *value = g_ptr_array_index (cursors, i + 1);
      g_autofree char *first = g_strndup (value, value ? strcspn (value, "\n") : 0);
      json_builder_set_member_name (b, g_ptr_array_index (cursors, i));
      json_builder_add_string_value (b, first);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * tl_index_stats:
 * @self: a #TlIndex
 *
 * What `telelens index stats` prints: `{path, documents, entities,
 * entity_mentions, old_ids, size_bytes, …, last_ingest, schema}`; the
 * SQLite store adds `files: {db, wal, shm}` (size_bytes is what the index
 * takes on disk, with its write-ahead log).
 *
 * Returns: (transfer full): the figures
 */
JsonNode *
tl_index_stats (TlIndex *self)
{
  g_return_val_if_fail (TL_IS_INDEX (self), NULL);
  return VT (self)->stats (STORE (self));
}

/**
 * tl_index_check:
 * @self: a #TlIndex
 * @report: where to write what was checked and found
 * @error: return location for a #GError, set when something is wrong
 *
 * Checks the store (SQLite: the database pages, the full-text index against
 * the stories) and the entity counts.
 *
 * Returns: %TRUE when everything is sound
 */
gboolean
tl_index_check (TlIndex  *self,
                GString  *report,
                GError  **error)
{
  g_return_val_if_fail (TL_IS_INDEX (self), FALSE);
  return VT (self)->check (STORE (self), report, error);
}
