/* tl-index-store.h — where the index keeps its stories: one interface, one
 * implementation per database
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * TlIndex (tl-index.c) does everything that does not depend on the
 * database, once: it analyses each story and derives what is stored (id,
 * normalised URL, SimHash, story words, entity keys), and it weighs, scores,
 * collapses and explains related coverage (tl-index-related.c,
 * tl-index-rank.c), builds the JSON of search and timelines
 * (tl-index-query.c). A store only keeps and finds rows: the personal index
 * in SQLite (TlSqliteStore), a team's in PostgreSQL. So related coverage
 * ranks the same on both.
 *
 * Rules every store keeps:
 *  - add_story() stores a record whole or not at all, and a story whose id
 *    is stored already is never written twice;
 *  - text keys (entity keys, story words) compare byte by byte, and rows
 *    of one story's entities come back ordered by key (ties in ranking
 *    follow that order);
 *  - errors are #TL_INDEX_ERROR with a message naming the store
 *    (get_location(), never a password) and what to do.
 */
#pragma once

#include "tl-index.h"
#include "tl-index-rank.h"

G_BEGIN_DECLS

/* One entity of a story to store, as the analysis found it (several may
 * share a key: their counts add up, and each counts towards the df). */
typedef struct {
  char       *key;
  const char *name;
  const char *type;
  int         count;
} TlStoreEntity;

/* A story ready to store: everything derived from it by shared code. */
typedef struct {
  const char    *id;
  const char    *url;
  const char    *url_norm;
  const char    *title;
  const char    *outlet;
  gint64         published;   /* TL_INDEX_NO_DATE when undated */
  gint64         added;       /* Unix seconds */
  double         topic;
  guint64        simhash;
  const char    *text;
  gsize          text_len;
  GPtrArray     *words;       /* distinct story words, in the story's order */
  GArray        *entities;    /* TlStoreEntity, in the analysis's order */
} TlStoreRecord;

/* A search ranks the latest TL_STORE_SEARCH_WINDOW stories that match (by
 * when they were added), not every match, and ranks them in shared code
 * (_tl_rank_search(), tl-index-rank.c) from what the store reads of each:
 * how often each phrase of the query is in its title and its text, and its
 * text's length. The store's own ranking (FTS5's BM25, PostgreSQL's
 * ts_rank) is not used: BM25 counts, for each phrase, every story of the
 * index that has it (100 ms for a word in most of 100k stories, growing
 * with the index), and the two stores ranked differently. Both stores use
 * the same window and scoring, so they answer alike. */
#define TL_STORE_SEARCH_WINDOW 200

/* One search result, best first. */
typedef struct {
  char   *id, *title, *outlet, *url, *snippet;
  gint64  published;
  double  score;
} TlStoreHit;

/* A story in a timeline: the latest dated ones, then the latest undated. */
typedef struct {
  gint64  when;   /* published, or when it was added */
  char   *id, *title, *url, *outlet;
  gint64  published;
} TlStoreLatest;

/* Stories mentioning an entity in one day or week (starting on Monday). */
typedef struct {
  char   *start;  /* YYYY-MM-DD */
  gint64  count;
} TlStorePoint;

void _tl_store_hit_clear    (gpointer data);
void _tl_store_latest_clear (gpointer data);
void _tl_store_report_dangling (GString    *report,
                                const char *shown,
                                gint64      rows,
                                gint64      stories);
void _tl_store_point_clear  (gpointer data);

#define TL_TYPE_INDEX_STORE (tl_index_store_get_type ())
G_DECLARE_INTERFACE (TlIndexStore, tl_index_store, TL, INDEX_STORE, GObject)

/**
 * TlIndexStoreInterface:
 * @get_location: the file, or the database URL without its password
 * @begin: starts a transaction, or nests in the open one
 * @commit: ends the outermost transaction: what it wrote is durable
 * @rollback: forgets the open transaction, however deep
 * @find_story: (transfer full): the stored id of a story stored under @id,
 *   or under an id it had before; %NULL when none (then @error is set only
 *   when the lookup failed)
 * @add_story: stores @rec, its story words and entities, all or nothing;
 *   @out_added is %FALSE when another writer stored the same id first
 * @get_state: a value of the index's state (cursors, last ingest)
 * @set_state: sets one
 * @list_cursors: (transfer full): the sources' cursors ("NAME_last_item"),
 *   as key, value, key, value… ordered by key
 * @count: stories stored
 * @count_entities: entities some story mentions
 * @corpus_size: the highest row id (at least 1): the N of IDF
 * @terms_df: how many stories have each story word (0 when none)
 * @entity_df: how many stories mention @key, -1 when none
 * @load_story: the story stored under @id (or an id it had before), with
 *   its whole text in @out->head and its entities, and corpus_size() in
 *   @n_docs; %TL_INDEX_ERROR_NOT_FOUND
 * @find_url: the row id of a story stored with exactly this URL, 0 if none
 * @match_words: adds to @rowids at most @limit stories holding any of
 *   @words, best match first
 * @entity_stories: adds to @rowids stories mentioning @key: within two
 *   weeks of @published when dated (60; else the 60 latest), then the 30
 *   latest undated ones
 * @gather: (nullable): match_words() of @words (none when @n_words is 0)
 *   into @rowids[0] and entity_stories() of each of @keys into @rowids[1 +
 *   k], at once (one round trip to a database server); %NULL: related
 *   coverage calls those one by one
 * @describe: fills each candidate from its row (head: the first
 *   %TL_INDEX_STORY_WORD_BYTES characters of its text), or marks it missing
 * @search_window: the latest @window stories matching @match (@phrases: the
 *   quoted phrases it was made of, in its order; %NULL when @match is in
 *   the store's own syntax), newest first, into @cands (SearchCand) with
 *   2 counts per phrase (in the title, in the text) appended to @tf;
 *   @n_phrases gets how many phrases each has (in the store's syntax, the
 *   store's own count); %TL_INDEX_ERROR_QUERY when the query cannot be read
 * @search_read: (transfer full): the stories of @best that are still
 *   there, in that order, with their scores and a snippet around @match
 * @entity_by_name: (transfer full): the key of the entity whose stored
 *   name or key is @name in any case, the most mentioned; %NULL if none
 * @entity_info: name, type and df of a stored entity; %FALSE if none
 * @entity_points: (transfer full): TlStorePoint by day or week, oldest first
 * @entity_latest: (transfer full): TlStoreLatest, at most 8 dated then 8
 *   undated
 * @read_stories: adds to @docs (TlIndexDoc, cleared by the array) at most
 *   @max stories stored after row @after, in row order; @last gets the last
 *   row read (unchanged when none)
 * @stats: (transfer full): `telelens index stats`
 * @check: checks the store, writing what it checked to @report
 * @set_bulk: (nullable): from now on the outermost begin/commit is one
 *   transaction, written at once (bulk loads); a store whose transactions
 *   always are leaves it %NULL
 * @can_retry: (nullable): whether @error, from add_story() or commit(),
 *   may pass when the rolled-back work is done again (a lost connection,
 *   which the next begin() makes again; a deadlock); %NULL: never
 */
struct _TlIndexStoreInterface {
  GTypeInterface parent_iface;

  const char * (*get_location)   (TlIndexStore  *self);
  gboolean     (*begin)          (TlIndexStore  *self,
                                  GError       **error);
  gboolean     (*commit)         (TlIndexStore  *self,
                                  GError       **error);
  void         (*rollback)       (TlIndexStore  *self);
  char *       (*find_story)     (TlIndexStore  *self,
                                  const char    *id,
                                  GError       **error);
  gboolean     (*add_story)      (TlIndexStore  *self,
                                  const TlStoreRecord *rec,
                                  gboolean      *out_added,
                                  GError       **error);
  gboolean     (*get_state)      (TlIndexStore  *self,
                                  const char    *key,
                                  char         **value);
  gboolean     (*set_state)      (TlIndexStore  *self,
                                  const char    *key,
                                  const char    *value,
                                  GError       **error);
  GPtrArray *  (*list_cursors)   (TlIndexStore  *self);
  guint64      (*count)          (TlIndexStore  *self);
  gint64       (*count_entities) (TlIndexStore  *self);
  gint64       (*corpus_size)    (TlIndexStore  *self);
  void         (*terms_df)       (TlIndexStore  *self,
                                  const char *const *terms,
                                  guint          n,
                                  gint64        *dfs);
  gint64       (*entity_df)      (TlIndexStore  *self,
                                  const char    *key);
  gboolean     (*load_story)     (TlIndexStore  *self,
                                  const char    *id,
                                  Cand          *out,
                                  gint64        *n_docs,
                                  GError       **error);
  gboolean     (*find_url)       (TlIndexStore  *self,
                                  const char    *url,
                                  gint64        *rowid,
                                  GError       **error);
  gboolean     (*match_words)    (TlIndexStore  *self,
                                  const char *const *words,
                                  guint          n,
                                  guint          limit,
                                  GArray        *rowids,
                                  GError       **error);
  gboolean     (*entity_stories) (TlIndexStore  *self,
                                  const char    *key,
                                  gint64         published,
                                  GArray        *rowids,
                                  GError       **error);
  gboolean     (*gather)         (TlIndexStore  *self,
                                  const char *const *words,
                                  guint          n_words,
                                  guint          limit,
                                  const char *const *keys,
                                  guint          n_keys,
                                  gint64         published,
                                  GArray *const *rowids,
                                  GError       **error);
  gboolean     (*describe)       (TlIndexStore  *self,
                                  GArray        *cands,
                                  GError       **error);
  gboolean     (*search_window)  (TlIndexStore  *self,
                                  const char    *match,
                                  GPtrArray     *phrases,
                                  guint          window,
                                  GArray        *cands,
                                  GArray        *tf,
                                  guint         *n_phrases,
                                  GError       **error);
  GArray *     (*search_read)    (TlIndexStore  *self,
                                  const char    *match,
                                  gboolean       syntax,
                                  const SearchCand *best,
                                  guint          n,
                                  GError       **error);
  char *       (*entity_by_name) (TlIndexStore  *self,
                                  const char    *name,
                                  GError       **error);
  gboolean     (*entity_info)    (TlIndexStore  *self,
                                  const char    *key,
                                  char         **name,
                                  char         **type,
                                  gint64        *df,
                                  GError       **error);
  GArray *     (*entity_points)  (TlIndexStore  *self,
                                  const char    *key,
                                  gboolean       week,
                                  GError       **error);
  GArray *     (*entity_latest)  (TlIndexStore  *self,
                                  const char    *key,
                                  GError       **error);
  gboolean     (*read_stories)   (TlIndexStore  *self,
                                  gint64         after,
                                  guint          max,
                                  GArray        *docs,
                                  gint64        *last,
                                  GError       **error);
  JsonNode *   (*stats)          (TlIndexStore  *self);
  gboolean     (*check)          (TlIndexStore  *self,
                                  GString       *report,
                                  GError       **error);
  void         (*set_bulk)       (TlIndexStore  *self,
                                  gboolean       bulk);
  gboolean     (*can_retry)      (TlIndexStore  *self,
                                  const GError  *error);
};

G_END_DECLS
