/* tl-pg-store-query.c — what the PostgreSQL store reads: related-coverage
 * candidates, search, timelines, stats and check
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The same rows in the same order as the SQLite store
 * (tl-sqlite-store-query.c), so the shared code ranks them the same: NULL
 * dates sort last when descending, ties by row id as SQLite's indexes give
 * them. Lists of ids, words and keys go in one statement as arrays.
 * Full text: the 'simple' tsvector; a story's rarest words as an OR
 * tsquery ranked by ts_rank, a user's words all required (each word or
 * "phrase" quoted for websearch_to_tsquery, so nothing in it is an
 * operator); with --syntax, PostgreSQL's own tsquery syntax (to_tsquery).
 * Search results are ranked by shared code (_tl_rank_search()) from each
 * match's counts, read from its tsvector: the same ranking as SQLite's.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-pg-store-private.h"

#include <string.h>

#define SELF(store) TL_PG_STORE (store)
/* The latest TL_STORE_SEARCH_WINDOW matches (tl-index-store.h) by row id
 * alone, first among the latest stories (RECENT_ROWS, or the range that
 * RANGE_SQL says): a bitmap of the GIN index and the row-id range, so
 * only the heap rows of matches in that range are visited (a word in 20%
 * of 100k stories: 600 pages instead of 13,000); all matches when fewer
 * are there. Then only those are ranked, and the text read for the best. */
#define RECENT_ROWS (TL_STORE_SEARCH_WINDOW * 50)
#define WINDOW_SQL(tsq) \
  "SELECT id FROM documents WHERE fts @@ " tsq "('simple', $1)" \
  " AND id > (SELECT coalesce(max(id), 0) FROM documents) - $2::bigint ORDER BY id DESC LIMIT $3::int"
/* The same window read backwards by row id from the latest story, each
 * story's tsvector tested as it comes, up to $3 matches among at most $2
 * stories (ts_match_vq() is what @@ calls; as a function it keeps the GIN
 * index out of the plan, and the inner LIMIT keeps the test above it): a
 * GIN bitmap for a word in most stories reads the word's whole posting
 * list and the heap of every match in the range, where 200 matches are
 * among the latest few hundred stories. No max(id) either: its index-only
 * scan visits the heap of recent rows not yet marked all-visible. */
#define SCAN_SQL(tsq) \
  "SELECT id FROM (SELECT id, fts FROM documents ORDER BY id DESC LIMIT $2::bigint) s" \
  " WHERE ts_match_vq(s.fts, " tsq "('simple', $1)) ORDER BY id DESC LIMIT $3::int"
/* The share of the stories a search must match (all its phrases, as if
 * independent) for SCAN_SQL: it then reads about TL_STORE_SEARCH_WINDOW /
 * share stories (1,333 at most); below it the GIN bitmap is faster. At
 * 100k stories (EXPLAIN ANALYZE, warm, the two plans of one word): a word
 * in 8% 4.1 ms by bitmap, 15.4 ms by scan; in 18% 11.5 and 8.9 ms; in 22%
 * 11.9 and 6.3 ms; in 30% 26.0 and 2.1 ms (the bitmap ANDs the word's
 * whole posting list with the range and visits every match in it; the
 * scan stops at the 200th match). It was 0.4 by buffers read, which does
 * not count the bitmap's work. */
#define SCAN_SHARE 0.15
/* The range of row ids a search of words looks in (ESTIMATE_SQL sets it
 * for the rest of the transaction; RECENT_ROWS, $2, otherwise): wide
 * enough that RANGE_MARGIN times the window's matches are expected in it,
 * the phrases taken as independent, and never narrower than RECENT_ROWS.
 * A fixed RECENT_ROWS made a search whose matches are a little too rare
 * there (198 of 200 at 100k stories: two words in 25% and 8%) visit
 * every match in the index (2,088 heap rows, 6 of its 8 ms) to keep the
 * latest 200. The range is a bitmap of the primary key, so it costs by
 * its rows as the matches cost by theirs: 0.068 ms a thousand ids against
 * 2.6-3.1 µs a match's heap row (EXPLAIN ANALYZE, 100k stories, warm), a
 * row of the range RANGE_ROW_COST of a match. When the matches of the
 * whole index cost less than the range would (two words in 4% of the
 * stories each: 210 of them at 100k, 2,100 at 1M against a range of
 * 190,000 ids), or the range is the whole index, a search reads them all
 * (ALL_SQL), once: it read the latest RECENT_ROWS for nothing before. */
#define RANGE_MARGIN 2
#define RANGE_ROW_COST "0.025"
#define RANGE_SQL "coalesce(nullif(current_setting('telelens.search_range', true), '')::bigint, $2::bigint)"
/* WINDOW_SQL for a plan of bitmaps only (BITMAP_SETTING), in the range
 * (RANGE_SQL): the latest row id from the sequence (max(id) would be a
 * sequential scan without index scans; ids after a rolled-back insert
 * only make the range shorter, and ALL_SQL follows when fewer than the
 * window match there). */
#define BITMAP_SQL(tsq) \
  "SELECT id FROM documents WHERE fts @@ " tsq "('simple', $1)" \
  " AND id > (SELECT last_value FROM documents_id_seq) - " RANGE_SQL " ORDER BY id DESC LIMIT $3::int"
/* For a word in fewer stories, PostgreSQL's planner reads the latest
 * stories backwards by id and tests each tsvector (it does not count
 * reading a TOASTed tsvector as work): 19,000 buffers for a word in 4% of
 * 100k stories, where the bitmap of the GIN index and the id range reads
 * 440. Index scans are off for that statement only. */
#define BITMAP_SETTING "enable_indexscan"
#define ALL_SQL(tsq) \
  "SELECT id FROM documents WHERE fts @@ " tsq "('simple', $1) AND $2::bigint > 0 ORDER BY id DESC LIMIT $3::int"
/* The window among the latest stories (@recent), or among all (@all) when
 * fewer than the window match there and the range did not already cover
 * every row id (the range of ALL_SQL's plan does): one statement. */
#define FALLBACK_SQL(recent, all) \
  "WITH r AS MATERIALIZED (" recent ")," \
  " k AS MATERIALIZED (SELECT (SELECT count(*) FROM r) >= $3::int" \
  "  OR " RANGE_SQL " >= (SELECT last_value FROM documents_id_seq) AS enough)" \
  " SELECT id FROM r WHERE (SELECT enough FROM k)" \
  " UNION ALL SELECT id FROM (" all ") a WHERE NOT (SELECT enough FROM k)"
/* The plan that ESTIMATE_SQL chose, in the same round trip: each branch
 * stands behind a condition without a row in it (a one-time filter), so
 * only the chosen one runs; the others are planned, never read. */
#define GATED(plan) " WHERE current_setting('telelens.search_plan', true) = '" plan "'"
#define CHOSEN_SQL(tsq) \
  "SELECT id FROM (" SCAN_SQL (tsq) ") s" GATED ("scan") \
  " UNION ALL SELECT id FROM (" BITMAP_SQL (tsq) ") b" GATED ("bitmap") \
  " UNION ALL SELECT id FROM (" ALL_SQL (tsq) ") a" GATED ("all") \
  " UNION ALL SELECT id FROM (" WINDOW_SQL (tsq) ") x" GATED ("planner")
/* The share of the stories a search of words matches: each phrase's rarest
 * story word's count in the terms table ($1 the words, $2 each one's
 * phrase, $3 how many phrases; 0: the planner's choice), the phrases
 * taken as independent. From SCAN_SHARE ($4) up, SCAN_SQL; below it,
 * with index scans off (BITMAP_SETTING), BITMAP_SQL in the range where
 * RANGE_MARGIN ($7) times the window ($6) are expected, at least
 * RECENT_ROWS ($5), or ALL_SQL when the range would cost more than all
 * the matches or is the whole index (see RANGE_SQL); the plan and the
 * range hold until the end of the pipeline's transaction. Also what the
 * search's weights read next (search_weights(), tl-index-query.c): the
 * stories and each word's count, so they need no round trips of their
 * own. */
#define ESTIMATE_SQL \
  "WITH t AS (SELECT w.i, w.p, coalesce(x.df, 0) AS df" \
  "  FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS w(term, p, i) LEFT JOIN terms x ON x.term = w.term)," \
  " m AS (SELECT p, min(df)::float8 AS df FROM t GROUP BY p)," \
  " n AS (SELECT coalesce(sum(n), 0)::bigint AS n FROM doc_count)," \
  " s AS (SELECT CASE WHEN min(m.df) <= 0 THEN 0" \
  "  ELSE exp(sum(ln(greatest(m.df, 1) / greatest((SELECT n FROM n), 1)))) END AS share FROM m)," \
  " g AS (SELECT CASE WHEN share > 0 THEN greatest($5::float8, ceil($7::float8 * $6::float8 / share))" \
  "  ELSE 1e15 END AS range FROM s)," \
  " c AS (SELECT CASE WHEN $3::int < 1 OR n.n < 1 OR (SELECT count(*) FROM m) <> $3::int THEN 'planner'" \
  "  WHEN (SELECT share FROM s) >= $4::float8 THEN 'scan'" \
  "  WHEN (SELECT range < n.n AND n.n * share >= " RANGE_ROW_COST " * range FROM g, s) THEN 'bitmap'" \
  "  ELSE 'all' END AS plan, n.n FROM n)" \
  " SELECT set_config('telelens.search_plan', c.plan, true)," \
  "  set_config('" BITMAP_SETTING "', CASE WHEN c.plan IN ('bitmap', 'all') THEN 'off'" \
  "   ELSE current_setting('" BITMAP_SETTING "') END, true)," \
  "  c.n, (SELECT coalesce(array_agg(df ORDER BY i), '{}') FROM t)," \
  "  set_config('telelens.search_range', (CASE c.plan WHEN 'bitmap' THEN (SELECT range FROM g)::bigint" \
  "   WHEN 'all' THEN 1e15::bigint ELSE $5::bigint END)::text, true) FROM c"
/* Each of the window's stories (WINDOW_SQL or ALL_SQL) with its text's
 * length and, for each phrase i, each of the phrase's lexemes found in its
 * tsvector, with how many positions it has in all and in the title
 * (weight A). The tsvector is first cut down to the query's lexemes by
 * whole-vector functions (setweight() marks them B, which no story has,
 * and ts_filter() keeps only B): unnest() of a whole tsvector builds
 * arrays for every lexeme, 0.5 ms a story. The title's positions are
 * counted from the title's own tsvector, cut down the same way: the
 * stored one begins with it (weight A; tsvector concatenation keeps the
 * left one's positions first), so the counts are the same, and the
 * stored tsvector, TOASTed (about 4 buffers and its decompression), is
 * read once a story instead of twice. Plain words: the phrases $4 as the
 * user typed them; PostgreSQL's syntax: each lexeme of the query $1 (NOT
 * and prefix terms too) is a phrase. One statement with the window, as
 * the search was before. */
#define COUNTS_SQL(window, phrases) \
  "WITH w AS MATERIALIZED (" window ")," \
  " p AS MATERIALIZED (" phrases ")," \
  " l AS MATERIALIZED (SELECT array_agg(x) AS lx FROM p, unnest(p.lx) x)," \
  " d AS MATERIALIZED (SELECT d.id, octet_length(d.text) AS n, ts_filter(setweight(d.fts, 'b', l.lx), '{b}') AS v," \
  "  ts_filter(setweight(to_tsvector('simple', d.title), 'b', l.lx), '{b}') AS t" \
  "  FROM documents d, l WHERE d.id IN (SELECT id FROM w))" \
  " SELECT d.id, d.n, p.i, cardinality(p.lx), u.lexeme, cardinality(u.positions)," \
  "  (SELECT cardinality(a.positions) FROM unnest(d.t) a WHERE a.lexeme = u.lexeme)" \
  " FROM d CROSS JOIN p LEFT JOIN LATERAL unnest(d.v) u ON u.lexeme = ANY (p.lx)" \
  " ORDER BY d.id DESC, p.i, u.lexeme"
#define PLAIN_PHRASES \
  "SELECT i::int AS i, tsvector_to_array(to_tsvector('simple', w)) AS lx" \
  " FROM unnest($4::text[]) WITH ORDINALITY AS t(w, i)"
#define SYNTAX_PHRASES \
  "SELECT row_number() OVER (ORDER BY w)::int AS i, ARRAY[w] AS lx" \
  " FROM unnest(tsvector_to_array(to_tsvector('simple', querytree(to_tsquery('simple', $1))))) AS w"
#define READ_SQL(tsq) \
  "WITH q AS (SELECT " tsq "('simple', $1) AS q)" \
  " SELECT d.id, d.ext_id, d.title, d.outlet, d.published, d.url," \
  "  ts_headline('simple', left(d.text, 100000), q.q, 'StartSel=\"\", StopSel=\"\"," \
  "  MaxWords=16, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=\" … \"')" \
  " FROM documents d, q WHERE d.id = ANY ($2::bigint[])"

static gint64
pg_date (const PGresult *res,
         int             row,
         int             col)
{
  return _tl_pg_int (res, row, col, TL_INDEX_NO_DATE);
}

static double
pg_double (const PGresult *res,
           int             row,
           int             col)
{
  return PQgetisnull (res, row, col) ? 0 : g_ascii_strtod (PQgetvalue (res, row, col), NULL);
}

/* --- Related coverage ------------------------------------------------------ */

#define CORPUS_SQL "SELECT coalesce(sum(n), 1) FROM doc_count"

static gint64
corpus_size (TlIndexStore *store)
{
  if (SELF (store)->search_words != NULL)   /* read by this search's estimate */
    return MAX (1, SELF (store)->search_n_docs);
  g_autoptr(PGresult) res = _tl_pg_exec (SELF (store), CORPUS_SQL, 0, NULL, TRUE, "counting", NULL);
  return res ? MAX (1, _tl_pg_int (res, 0, 0, 1)) : 1;
}

static void
terms_df (TlIndexStore      *store,
          const char *const *terms,
          guint              n,
          gint64            *dfs)
{
  TlPgStore *self = SELF (store);
  g_autofree char *arr = NULL;
  const char *params[1];
  g_autoptr(PGresult) res = NULL;

  memset (dfs, 0, n * sizeof *dfs);
  if (n == 0)
    return;
  if (self->search_words != NULL && self->search_words->len == n)
    {
      /* The words of this search's estimate (ESTIMATE_SQL), read with the
       * window a moment ago. */
      guint k = 0;
      while (k < n && strcmp (g_ptr_array_index (self->search_words, k), terms[k]) == 0)
        k++;
      if (k == n)
        {
          for (k = 0; k < n; k++)
            dfs[k] = g_array_index (self->search_dfs, gint64, k);
          return;
        }
    }
  arr = _tl_pg_text_array (terms, n);
  params[0] = arr;
  /* Each word by the primary key (a subquery per word): as a join, the
   * planner read the whole terms table into a hash for a story's ~450
   * words (36,000 rows at 100k stories, 5 ms, growing with the index). */
  res = _tl_pg_exec (self, "SELECT coalesce((SELECT x.df FROM terms x WHERE x.term = t.term), 0)"
                                   " FROM unnest($1::text[]) WITH ORDINALITY AS t(term, i) ORDER BY t.i", 1, params, TRUE,
                     "reading word counts", NULL);
  for (int i = 0; res && i < PQntuples (res) && (guint) i < n; i++)
    dfs[i] = _tl_pg_int (res, i, 0, 0);
}

static gint64
entity_df (TlIndexStore *store,
           const char   *key)
{
  const char *params[] = { key };
  g_autoptr(PGresult) res = _tl_pg_exec (SELF (store), "SELECT df FROM entities WHERE key = $1", 1, params, TRUE,
                                         "reading entities", NULL);
  return res && PQntuples (res) == 1 ? _tl_pg_int (res, 0, 0, -1) : -1;
}

static void
fill_row (Cand           *c,
          const PGresult *res,
          int             i)
{
  /* id, ext_id, url, url_norm, title, outlet, published, simhash, text, topic */
  c->ext_id = _tl_pg_dup (res, i, 1);
  c->url = _tl_pg_dup (res, i, 2);
  c->url_norm = _tl_pg_dup (res, i, 3);
  c->title = _tl_pg_dup (res, i, 4);
  c->outlet = _tl_pg_dup (res, i, 5);
  c->published = pg_date (res, i, 6);
  c->simhash = (guint64) _tl_pg_int (res, i, 7, 0);
  c->head = _tl_pg_dup (res, i, 8);
  c->topic = pg_double (res, i, 9);
  c->entities = g_array_new (FALSE, FALSE, sizeof (CandEntity));
  g_array_set_clear_func (c->entities, _tl_rank_cand_entity_clear);
}

/* The entities of stories, by story and key (ENTITIES_SQL (ids):
 * the ids as an expression). */
#define ENTITIES_SQL(ids) \
  "SELECT d.doc_id, d.key, d.count, e.name, e.df, e.type FROM doc_entities d" \
  " JOIN entities e ON e.key = d.key WHERE d.doc_id = " ids " ORDER BY d.doc_id, d.key"

/* Each row of ENTITIES_SQL to its story in @by_id (row id → Cand). */
static void
fill_entities (const PGresult *res,
               GHashTable     *by_id)
{
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 id = _tl_pg_int (res, i, 0, 0);
      Cand *c = g_hash_table_lookup (by_id, &id);
      CandEntity e = { _tl_pg_dup (res, i, 1), _tl_pg_dup (res, i, 3), (int) _tl_pg_int (res, i, 2, 0),
                       _tl_pg_int (res, i, 4, 0), _tl_rank_is_company (PQgetvalue (res, i, 5)) };
      if (c == NULL)
        {
          _tl_rank_cand_entity_clear (&e);
          continue;
        }
      g_array_append_val (c->entities, e);
    }
}

#define STORY_ID_SQL \
  "coalesce((SELECT id FROM documents WHERE ext_id = $1), (SELECT doc_id FROM doc_aliases WHERE alias = $1))"

/* The story, its entities and the stories' count in one round trip. */
static gboolean
load_story (TlIndexStore  *store,
            const char    *id,
            Cand          *c,
            gint64        *n_docs,
            GError       **error)
{
  TlPgStore *self = SELF (store);
  const char *params[] = { id };
  const TlPgStatement stmts[] = {
    { "SELECT id, ext_id, url, url_norm, title, outlet, published, simhash, text, topic"
      " FROM documents WHERE id = " STORY_ID_SQL, 1, params },
    { ENTITIES_SQL (STORY_ID_SQL), 1, params },
    { CORPUS_SQL, 0, NULL },
  };
  PGresult *res[G_N_ELEMENTS (stmts)];
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean found;

  if (!_tl_pg_exec_pipeline (self, stmts, G_N_ELEMENTS (stmts), res, TRUE, "reading a story", error))
    return FALSE;
  found = PQntuples (res[0]) > 0;
  if (found)
    {
      c->rowid = _tl_pg_int (res[0], 0, 0, 0);
      fill_row (c, res[0], 0);
      g_hash_table_insert (by_id, &c->rowid, c);
      fill_entities (res[1], by_id);
    }
  else
    g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_NOT_FOUND, "no story with id “%.80s” in the index", id);
  *n_docs = MAX (1, _tl_pg_int (res[2], 0, 0, 1));
  for (guint k = 0; k < G_N_ELEMENTS (res); k++)
    PQclear (res[k]);
  return found;
}

static gboolean
find_url (TlIndexStore  *store,
          const char    *url,
          gint64        *rowid,
          GError       **error)
{
  const char *params[] = { url };
  g_autoptr(PGresult) res = _tl_pg_exec (SELF (store), "SELECT id FROM documents WHERE url = $1 ORDER BY id LIMIT 1",
                                         1, params, TRUE, "reading a story", error);

  *rowid = 0;
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) > 0)
    *rowid = _tl_pg_int (res, 0, 0, 0);
  return TRUE;
}

static void
add_rows (const PGresult *res,
          GArray         *rowids)
{
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 row = _tl_pg_int (res, i, 0, 0);
      g_array_append_val (rowids, row);
    }
}

#define MATCH_WORDS_SQL \
  "WITH q AS (SELECT to_tsquery('simple', string_agg(quote_literal(w), ' | ')) AS q" \
  " FROM unnest($1::text[]) AS w)" \
  " SELECT d.id FROM documents d, q WHERE d.fts @@ q.q" \
  " ORDER BY ts_rank(d.fts, q.q) DESC, d.id LIMIT $2::int"

static gboolean
match_words (TlIndexStore      *store,
             const char *const *words,
             guint              n,
             guint              limit,
             GArray            *rowids,
             GError           **error)
{
  g_autofree char *arr = _tl_pg_text_array (words, n);
  g_autofree char *lim = g_strdup_printf ("%u", limit);
  const char *params[] = { arr, lim };
  g_autoptr(PGresult) res = NULL;

  res = _tl_pg_exec (SELF (store), MATCH_WORDS_SQL, 2, params, TRUE, "finding stories with the same words", error);
  if (res == NULL)
    return FALSE;
  add_rows (res, rowids);
  return TRUE;
}

/* The latest stories with an entity (around @published when dated), and
 * its latest undated ones: two statements into @stmts, their parameters
 * in @dated (3) and @undated (1); @from and @to bound the dates. */
static void
entity_statements (const char    *key,
                   gint64         published,
                   const char    *from,
                   const char    *to,
                   const char   **dated,
                   const char   **undated,
                   TlPgStatement *stmts)
{
  dated[0] = key;
  dated[1] = from;
  dated[2] = to;
  undated[0] = key;
  stmts[0] = (TlPgStatement) { "SELECT doc_id FROM doc_entities WHERE key = $1 AND published BETWEEN $2 AND $3"
                               " ORDER BY published, doc_id LIMIT 60", 3, dated };
  if (published == TL_INDEX_NO_DATE)
    stmts[0] = (TlPgStatement) { "SELECT doc_id FROM doc_entities WHERE key = $1"
                                 " ORDER BY published DESC NULLS LAST, doc_id DESC LIMIT 60", 1, undated };
  stmts[1] = (TlPgStatement) { "SELECT doc_id FROM doc_entities WHERE key = $1 AND published IS NULL"
                               " ORDER BY doc_id DESC LIMIT 30", 1, undated };
}

/* One round trip. */
static gboolean
entity_stories (TlIndexStore  *store,
                const char    *key,
                gint64         published,
                GArray        *rowids,
                GError       **error)
{
  TlPgStore *self = SELF (store);
  g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, published - 14 * DAY);
  g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, published + 14 * DAY);
  const char *dated[3], *undated[1];
  TlPgStatement stmts[2];
  PGresult *res[G_N_ELEMENTS (stmts)];

  entity_statements (key, published, from, to, dated, undated, stmts);
  if (!_tl_pg_exec_pipeline (self, stmts, G_N_ELEMENTS (stmts), res, TRUE, "reading entities", error))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (res); k++)
    {
      add_rows (res[k], rowids);
      PQclear (res[k]);
    }
  return TRUE;
}

/* match_words() and entity_stories() of each key in one round trip. */
static gboolean
gather (TlIndexStore      *store,
        const char *const *words,
        guint              n_words,
        guint              limit,
        const char *const *keys,
        guint              n_keys,
        gint64             published,
        GArray *const     *rowids,
        GError           **error)
{
  TlPgStore *self = SELF (store);
  g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, published - 14 * DAY);
  g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, published + 14 * DAY);
  g_autofree char *arr = n_words ? _tl_pg_text_array (words, n_words) : NULL;
  g_autofree char *lim = g_strdup_printf ("%u", limit);
  const char *match[] = { arr, lim };
  g_autofree const char **dated = g_new (const char *, 3 * n_keys + 1);
  g_autofree const char **undated = g_new (const char *, n_keys + 1);
  g_autofree TlPgStatement *stmts = g_new (TlPgStatement, 1 + 2 * n_keys);
  g_autofree PGresult **res = NULL;
  guint n = 0, at = 0;

  if (n_words > 0)
    stmts[n++] = (TlPgStatement) { MATCH_WORDS_SQL, 2, match };
  for (guint k = 0; k < n_keys; k++, n += 2)
    entity_statements (keys[k], published, from, to, dated + 3 * k, undated + k, stmts + n);
  if (n == 0)
    return TRUE;
  res = g_new (PGresult *, n);
  if (!_tl_pg_exec_pipeline (self, stmts, n, res, TRUE, "finding related stories", error))
    return FALSE;
  if (n_words > 0)
    add_rows (res[at++], rowids[0]);
  for (guint k = 0; k < n_keys; k++)
    for (guint j = 0; j < 2; j++)
      add_rows (res[at++], rowids[1 + k]);
  for (guint k = 0; k < n; k++)
    PQclear (res[k]);
  return TRUE;
}

static gboolean
describe (TlIndexStore  *store,
          GArray        *cands,
          GError       **error)
{
  TlPgStore *self = SELF (store);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  PGresult *res[2];
  GString *ids = g_string_new ("{");
  g_autofree char *ids_arr = NULL, *head = g_strdup_printf ("%d", TL_INDEX_STORY_WORD_BYTES);

  if (cands->len == 0)
    {
      g_string_free (ids, TRUE);
      return TRUE;
    }
  for (guint i = 0; i < cands->len; i++)
    {
      Cand *c = &g_array_index (cands, Cand, i);
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "", c->rowid);
      c->missing = TRUE;   /* until its row is read */
      g_hash_table_insert (by_id, &c->rowid, c);
    }
  g_string_append_c (ids, '}');
  ids_arr = g_string_free (ids, FALSE);
  {
    const char *params[] = { ids_arr, head };
    const TlPgStatement stmts[] = {
      { "SELECT id, ext_id, url, url_norm, title, outlet, published, simhash,"
        " substr(text, 1, $2::int), topic FROM documents WHERE id = ANY ($1::bigint[])", 2, params },
      { ENTITIES_SQL ("ANY ($1::bigint[])"), 1, params },
    };
    if (!_tl_pg_exec_pipeline (self, stmts, G_N_ELEMENTS (stmts), res, TRUE, "reading stories", error))
      return FALSE;
  }
  for (int i = 0; i < PQntuples (res[0]); i++)
    {
      gint64 id = _tl_pg_int (res[0], i, 0, 0);
      Cand *c = g_hash_table_lookup (by_id, &id);
      if (c == NULL || !c->missing)
        continue;
      c->missing = FALSE;
      fill_row (c, res[0], i);
    }
  fill_entities (res[1], by_id);
  PQclear (res[0]);
  PQclear (res[1]);
  return TRUE;
}

/* --- Search ------------------------------------------------------------------ */

static char *
id_array (const gint64 *ids,
          guint         n)
{
  GString *arr = g_string_new ("{");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (arr, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (arr, '}');
  return g_string_free (arr, FALSE);
}

/* The window's counts (COUNTS_SQL): a phrase's count in a column is the
 * least of its lexemes' (0 when one is missing), as near as a tsvector
 * comes to FTS5's count of the phrase. Rows come by story (newest first),
 * phrase, lexeme. */
static void
window_counts (const PGresult *res,
               GArray         *cands,
               GArray         *tf,
               guint          *n_phrases)
{
  int rows = PQntuples (res);

  *n_phrases = 0;
  for (int i = 0; i < rows; i++)
    *n_phrases = MAX (*n_phrases, (guint) _tl_pg_int (res, i, 2, 0));
  for (int i = 0; i < rows;)
    {
      gint64 id = _tl_pg_int (res, i, 0, 0);
      SearchCand c = { id, _tl_pg_int (res, i, 1, 0), tf->len, -1, 0 };

      g_array_set_size (tf, tf->len + 2 * *n_phrases);
      while (i < rows && _tl_pg_int (res, i, 0, 0) == id)
        {
          guint p = (guint) _tl_pg_int (res, i, 2, 1) - 1;
          guint want = (guint) _tl_pg_int (res, i, 3, 0), seen = 0;
          guint32 title = G_MAXUINT32, text = G_MAXUINT32;

          while (i < rows && _tl_pg_int (res, i, 0, 0) == id && (guint) _tl_pg_int (res, i, 2, 1) - 1 == p)
            {
              if (!PQgetisnull (res, i, 4))
                {
                  gint64 all = _tl_pg_int (res, i, 5, 0), a = MIN (all, _tl_pg_int (res, i, 6, 0));
                  title = MIN (title, (guint32) a);
                  text = MIN (text, (guint32) (all - a));
                  seen++;
                }
              i++;
            }
          if (seen == 0 || seen < want)
            title = text = 0;
          if (p < *n_phrases)
            {
              g_array_index (tf, guint32, c.tf_at + 2 * p) = title;
              g_array_index (tf, guint32, c.tf_at + 2 * p + 1) = text;
            }
        }
      g_array_append_val (cands, c);
    }
}

static void
add_story_word (const char *word,
                gpointer    data)
{
  g_ptr_array_add (data, g_strdup (word));
}

/* The story words of @phrases (_tl_index_foreach_story_word(), as the
 * ranking's weights read them) and, for each, its phrase (from 1).
 * FALSE when a phrase has none (a stop word, a short word). */
static gboolean
phrase_words (GPtrArray *phrases,
              GPtrArray *words,
              GPtrArray *of)
{
  gboolean all = TRUE;

  for (guint p = 0; p < phrases->len; p++)
    {
      guint at = words->len;
      _tl_index_foreach_story_word (g_ptr_array_index (phrases, p), NULL, add_story_word, words);
      all = all && words->len > at;
      for (guint k = at; k < words->len; k++)
        g_ptr_array_add (of, g_strdup_printf ("%u", p + 1));
    }
  return all;
}

/* What ESTIMATE_SQL read of the stories and of @words' counts, kept for
 * terms_df() and corpus_size() until the search ends (search_read()). */
static void
keep_counts (TlPgStore      *self,
             const PGresult *res,
             GPtrArray      *words)
{
  const char *arr = PQntuples (res) == 1 ? PQgetvalue (res, 0, 3) : "";
  g_autoptr(GArray) dfs = g_array_new (FALSE, FALSE, sizeof (gint64));

  _tl_pg_forget_search_counts (self);
  if (*arr != '{')
    return;
  for (const char *p = arr + 1; *p && *p != '}';)
    {
      char *after;
      gint64 df = g_ascii_strtoll (p, &after, 10);
      if (after == p)
        return;
      g_array_append_val (dfs, df);
      p = *after == ',' ? after + 1 : after;
    }
  if (dfs->len != words->len)
    return;
  self->search_words = g_ptr_array_ref (words);
  self->search_dfs = g_array_ref (dfs);
  self->search_n_docs = _tl_pg_int (res, 0, 2, 0);
}

/* RECENT_ROWS; TELELENS_PG_SEARCH_RECENT=N (N > 0) sets it for the tests,
 * whose indexes are too small to have stories outside it. */
static gint64
recent_rows (void)
{
  const char *v = g_getenv ("TELELENS_PG_SEARCH_RECENT");
  gint64 n = v ? g_ascii_strtoll (v, NULL, 10) : 0;

  return n > 0 ? n : RECENT_ROWS;
}

/* The latest TL_STORE_SEARCH_WINDOW matches by row id alone, with their
 * counts: among the latest RECENT_ROWS stories (WINDOW_SQL; SCAN_SQL for
 * words in most stories, BITMAP_SQL for fewer), then among all (ALL_SQL)
 * when fewer are there (FALLBACK_SQL). A search of words is one round
 * trip: the estimate that chooses the plan (ESTIMATE_SQL), the window with
 * its counts, and the setting's reset, sent at once. */
static gboolean
search_window (TlIndexStore  *store,
               const char    *match,
               GPtrArray     *phrases,
               guint          window,
               GArray        *cands,
               GArray        *tf,
               guint         *n_phrases,
               GError       **error)
{
  TlPgStore *self = SELF (store);
  gboolean syntax = phrases == NULL;
  g_autofree char *recent = g_strdup_printf ("%" G_GINT64_FORMAT, recent_rows ());
  g_autofree char *lim = g_strdup_printf ("%u", window);
  g_autofree char *arr = phrases ? _tl_pg_text_array ((const char *const *) phrases->pdata, phrases->len) : NULL;
  const char *params[] = { match, recent, lim, arr };
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) of = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *words_arr = NULL, *of_arr = NULL, *n_arg = NULL, *share_arg = NULL;
  g_autoptr(GError) local = NULL;
  PGresult *res[3] = { NULL, NULL, NULL };
  guint counts_at = 0;
  gboolean ok;

  _tl_pg_forget_search_counts (self);
  *n_phrases = 0;
  if (syntax)
    {
      TlPgStatement stmt = { COUNTS_SQL (FALLBACK_SQL (WINDOW_SQL ("to_tsquery"), ALL_SQL ("to_tsquery")),
                                         SYNTAX_PHRASES), 3, params };
      ok = _tl_pg_exec_pipeline (self, &stmt, 1, res, TRUE, "searching", &local);
    }
  else
    {
      /* TELELENS_PG_SEARCH_PLAN=0: the planner's choice, as before (the
       * bench's baseline); also when a phrase has no story word. */
      gboolean choose = phrase_words (phrases, words, of) &&
                        g_strcmp0 (g_getenv ("TELELENS_PG_SEARCH_PLAN"), "0") != 0;
      const char *estimate[7];
      TlPgStatement stmts[3] = {
        { ESTIMATE_SQL, G_N_ELEMENTS (estimate), estimate },
        { COUNTS_SQL (FALLBACK_SQL (CHOSEN_SQL ("websearch_to_tsquery"), ALL_SQL ("websearch_to_tsquery")),
                      PLAIN_PHRASES), 4, params },
        { "RESET " BITMAP_SETTING, 0, NULL },
      };

      words_arr = _tl_pg_text_array ((const char *const *) words->pdata, words->len);
      of_arr = _tl_pg_text_array ((const char *const *) of->pdata, of->len);
      n_arg = g_strdup_printf ("%u", choose ? phrases->len : 0);
      share_arg = g_strdup_printf ("%.3f", SCAN_SHARE);
      estimate[0] = words_arr;
      estimate[1] = of_arr;
      estimate[2] = n_arg;
      estimate[3] = share_arg;
      estimate[4] = recent;
      estimate[5] = lim;
      estimate[6] = G_STRINGIFY (RANGE_MARGIN);
      ok = _tl_pg_exec_pipeline (self, stmts, 3, res, TRUE, "searching", &local);
      if (ok)
        keep_counts (self, res[0], words);
      counts_at = 1;
    }
  if (ok)
    window_counts (res[counts_at], cands, tf, n_phrases);
  for (guint i = 0; i < G_N_ELEMENTS (res); i++)
    g_clear_pointer (&res[i], PQclear);
  if (local != NULL)
    {
      if (strstr (local->message, "syntax error in tsquery") != NULL ||
          strstr (local->message, "no operand in tsquery") != NULL)
        g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_QUERY,
                     "search query “%.100s” is not valid: PostgreSQL tsquery syntax (words joined by & | !, "
                     "<-> for phrases, prefix:*)", match);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* The rows of the best, with their snippets, in @rowids' order. */
static GArray *
search_read (TlIndexStore  *store,
             const char    *match,
             gboolean       syntax,
             const SearchCand *best,
             guint          n,
             GError       **error)
{
  TlPgStore *self = SELF (store);
  g_autoptr(GArray) hits = g_array_new (FALSE, TRUE, sizeof (TlStoreHit));
  g_autoptr(GHashTable) row_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *rowids = g_new (gint64, MAX (1, n));
  g_autofree char *id_arr = NULL;
  const char *params[] = { match, NULL };
  g_autoptr(PGresult) res = NULL;
  g_autofree gint64 *keys = NULL;

  _tl_pg_forget_search_counts (self);   /* the search's weights are read */
  g_array_set_clear_func (hits, _tl_store_hit_clear);
  if (n == 0)
    return g_steal_pointer (&hits);
  for (guint k = 0; k < n; k++)
    rowids[k] = best[k].rowid;
  id_arr = id_array (rowids, n);
  params[1] = id_arr;
  res = _tl_pg_exec (self, syntax ? READ_SQL ("to_tsquery") : READ_SQL ("websearch_to_tsquery"), 2, params, TRUE,
                     "searching", error);
  if (res == NULL)
    return NULL;
  keys = g_new (gint64, MAX (1, PQntuples (res)));
  for (int i = 0; i < PQntuples (res); i++)
    {
      keys[i] = _tl_pg_int (res, i, 0, 0);
      g_hash_table_insert (row_of, &keys[i], GINT_TO_POINTER (i + 1));
    }
  for (guint k = 0; k < n; k++)
    {
      int i = GPOINTER_TO_INT (g_hash_table_lookup (row_of, &rowids[k])) - 1;
      TlStoreHit h;

      if (i < 0)
        continue;   /* deleted since */
      h = (TlStoreHit) { _tl_pg_dup (res, i, 1), _tl_pg_dup (res, i, 2), _tl_pg_dup (res, i, 3), _tl_pg_dup (res, i, 5),
                         _tl_pg_dup (res, i, 6), pg_date (res, i, 4), best[k].score };
      g_array_append_val (hits, h);
    }
  return g_steal_pointer (&hits);
}

/* --- Entities and timelines ------------------------------------------------------ */

static char *
entity_by_name (TlIndexStore  *store,
                const char    *name,
                GError       **error)
{
  const char *params[] = { name };
  g_autoptr(PGresult) res = _tl_pg_exec (SELF (store), "SELECT key FROM entities WHERE lower(name) = lower($1)"
                                         " OR lower(key) = lower($1) ORDER BY df DESC, key LIMIT 1", 1, params, TRUE,
                                         "reading entities", error);
  return res && PQntuples (res) > 0 ? g_strdup (PQgetvalue (res, 0, 0)) : NULL;
}

static gboolean
entity_info (TlIndexStore  *store,
             const char    *key,
             char         **name,
             char         **type,
             gint64        *df,
             GError       **error)
{
  const char *params[] = { key };
  g_autoptr(PGresult) res = _tl_pg_exec (SELF (store), "SELECT name, type, df FROM entities WHERE key = $1", 1, params,
                                         TRUE, "reading entities", error);

  if (res == NULL || PQntuples (res) == 0)
    return FALSE;
  *name = _tl_pg_dup (res, 0, 0);
  *type = _tl_pg_dup (res, 0, 1);
  *df = _tl_pg_int (res, 0, 2, 0);
  return TRUE;
}

static GArray *
entity_points (TlIndexStore  *store,
               const char    *key,
               gboolean       week,
               GError       **error)
{
  const char *params[] = { key };
  g_autoptr(PGresult) res = NULL;
  GArray *out;

  res = week
    ? _tl_pg_exec (SELF (store), "SELECT to_char(date_trunc('week', to_timestamp(published) AT TIME ZONE 'UTC'),"
                                 " 'YYYY-MM-DD') AS b, count(*) FROM doc_entities WHERE key = $1 AND published IS NOT NULL"
                                 " GROUP BY b ORDER BY b", 1, params, TRUE, "reading a timeline", error)
    : _tl_pg_exec (SELF (store), "SELECT to_char(to_timestamp(published) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS b,"
                                 " count(*) FROM doc_entities WHERE key = $1 AND published IS NOT NULL"
                                 " GROUP BY b ORDER BY b", 1, params, TRUE, "reading a timeline", error);
  if (res == NULL)
    return NULL;
  out = g_array_new (FALSE, FALSE, sizeof (TlStorePoint));
  g_array_set_clear_func (out, _tl_store_point_clear);
  for (int i = 0; i < PQntuples (res); i++)
    {
      TlStorePoint p = { _tl_pg_dup (res, i, 0), _tl_pg_int (res, i, 1, 0) };
      g_array_append_val (out, p);
    }
  return out;
}

static GArray *
entity_latest (TlIndexStore  *store,
               const char    *key,
               GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (TlStoreLatest));
  const char *const sql[2] = {
    "SELECT d.ext_id, d.title, d.url, d.outlet, d.published, d.added FROM doc_entities e"
    " JOIN documents d ON d.id = e.doc_id WHERE e.key = $1 AND e.published IS NOT NULL"
    " ORDER BY e.published DESC, e.doc_id DESC LIMIT 8",
    "SELECT d.ext_id, d.title, d.url, d.outlet, d.published, d.added FROM doc_entities e"
    " JOIN documents d ON d.id = e.doc_id WHERE e.key = $1 AND e.published IS NULL"
    " ORDER BY e.doc_id DESC LIMIT 8",
  };
  const char *params[] = { key };

  g_array_set_clear_func (rows, _tl_store_latest_clear);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(PGresult) res = _tl_pg_exec (SELF (store), sql[k], 1, params, TRUE, "reading a timeline", error);
      if (res == NULL)
        return NULL;
      for (int i = 0; i < PQntuples (res); i++)
        {
          TlStoreLatest l = { 0 };
          l.id = _tl_pg_dup (res, i, 0);
          l.title = _tl_pg_dup (res, i, 1);
          l.url = _tl_pg_dup (res, i, 2);
          l.outlet = _tl_pg_dup (res, i, 3);
          l.published = pg_date (res, i, 4);
          l.when = l.published != TL_INDEX_NO_DATE ? l.published : _tl_pg_int (res, i, 5, 0);
          g_array_append_val (rows, l);
        }
    }
  return g_steal_pointer (&rows);
}

/* --- Reading every story (index copy) ---------------------------------------- */

static gboolean
read_stories (TlIndexStore  *store,
              gint64         after,
              guint          max,
              GArray        *docs,
              gint64        *last,
              GError       **error)
{
  g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT, after), *m = g_strdup_printf ("%u", max);
  const char *params[] = { a, m };
  g_autoptr(PGresult) res = _tl_pg_exec (SELF (store), "SELECT id, ext_id, url, title, outlet, published, text"
                                         " FROM documents WHERE id > $1 ORDER BY id LIMIT $2::int", 2, params, TRUE,
                                         "reading stories", error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      TlIndexDoc d = { _tl_pg_dup (res, i, 1), _tl_pg_dup (res, i, 2), _tl_pg_dup (res, i, 3), _tl_pg_dup (res, i, 4),
                       pg_date (res, i, 5), _tl_pg_dup (res, i, 6) };
      *last = _tl_pg_int (res, i, 0, 0);
      g_array_append_val (docs, d);
    }
  return TRUE;
}

/* --- Stats and check ------------------------------------------------------------ */

static gint64
count_of (TlPgStore  *self,
          const char *sql)
{
  g_autoptr(PGresult) res = _tl_pg_exec (self, sql, 0, NULL, TRUE, "counting", NULL);
  return res && PQntuples (res) == 1 ? _tl_pg_int (res, 0, 0, 0) : 0;
}

/* As the SQLite store's, with `added_by` (stories by each analyst's
 * service) in place of its files; size_bytes is the schema's tables and
 * indexes. */
static JsonNode *
stats (TlIndexStore *store)
{
  TlPgStore *self = SELF (store);
  const TlIndexStoreInterface *vt = TL_INDEX_STORE_GET_IFACE (store);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(PGresult) by = NULL;
  g_autofree char *last = NULL;

  vt->get_state (store, "last_ingest", &last);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, self->shown);
  json_builder_set_member_name (b, "documents");
  json_builder_add_int_value (b, (gint64) vt->count (store));
  json_builder_set_member_name (b, "entities");
  json_builder_add_int_value (b, count_of (self, "SELECT count(*) FROM entities"));
  json_builder_set_member_name (b, "entity_mentions");
  json_builder_add_int_value (b, count_of (self, "SELECT count(*) FROM doc_entities"));
  json_builder_set_member_name (b, "old_ids");
  json_builder_add_int_value (b, count_of (self, "SELECT count(*) FROM doc_aliases"));
  json_builder_set_member_name (b, "size_bytes");
  json_builder_add_int_value (b, count_of (self, "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)"
                                                 " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                                 " WHERE n.nspname = 'telelens' AND c.relkind = 'r'"));
  json_builder_set_member_name (b, "added_by");
  json_builder_begin_object (b);
  by = _tl_pg_exec (self, "SELECT added_by, count(*) FROM documents GROUP BY added_by ORDER BY added_by COLLATE \"C\"",
                    0, NULL, TRUE, "counting", NULL);
  for (int i = 0; by && i < PQntuples (by); i++)
    {
      json_builder_set_member_name (b, PQgetvalue (by, i, 0));
      json_builder_add_int_value (b, _tl_pg_int (by, i, 1, 0));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "last_ingest");
  last ? json_builder_add_string_value (b, last) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "schema");
  json_builder_add_int_value (b, _TL_PG_SCHEMA_VERSION);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The server answers, every story is in the full-text index, and the
 * counts agree with the stories. */
static gboolean
check (TlIndexStore  *store,
       GString       *report,
       GError       **error)
{
  TlPgStore *self = SELF (store);
  g_autoptr(PGresult) res = NULL;
  guint problems = 0;
  gint64 bad;

  g_string_append_printf (report, "index %s: %" G_GUINT64_FORMAT " stories\n",
                          self->shown, TL_INDEX_STORE_GET_IFACE (store)->count (store));
  res = _tl_pg_exec (self, "SELECT current_setting('server_version')", 0, NULL, TRUE, "checking", error);
  if (res == NULL)
    return FALSE;
  g_string_append_printf (report, "  database: ok (PostgreSQL %s)\n", PQgetvalue (res, 0, 0));
  bad = count_of (self, "SELECT count(*) FROM documents WHERE fts IS NULL");
  if (bad > 0)
    {
      problems++;
      g_string_append_printf (report, "  full-text index: %" G_GINT64_FORMAT " stories missing\n", bad);
    }
  else
    g_string_append (report, "  full-text index: ok\n");
  bad = count_of (self, "SELECT abs((SELECT count(*) FROM documents) - (SELECT coalesce(sum(n), 0) FROM doc_count))");
  if (bad > 0)
    {
      problems++;
      g_string_append_printf (report, "  story count: off by %" G_GINT64_FORMAT "\n", bad);
    }
  else
    g_string_append (report, "  story count: ok\n");
  bad = count_of (self, "SELECT count(*) FROM entities e WHERE e.df <>"
                        " (SELECT count(*) FROM doc_entities d WHERE d.key = e.key)");
  if (bad > 0)
    {
      problems++;
      g_string_append_printf (report, "  entity counts: %" G_GINT64_FORMAT " entities disagree with their stories\n", bad);
    }
  else
    g_string_append (report, "  entity counts: ok\n");
  /* As the SQLite store's: rows of doc_entities whose entity is gone,
   * reported and never deleted. */
  g_clear_pointer (&res, PQclear);
  res = _tl_pg_exec (self, "SELECT count(*), count(DISTINCT d.doc_id) FROM doc_entities d"
                           " WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.key = d.key)",
                     0, NULL, TRUE, "checking entity references", error);
  if (res == NULL)
    return FALSE;
  bad = _tl_pg_int (res, 0, 0, 0);
  if (bad > 0)
    {
      problems++;
      _tl_store_report_dangling (report, self->shown, bad, _tl_pg_int (res, 0, 1, 0));
    }
  else
    g_string_append (report, "  entity references: ok\n");
  if (problems > 0)
    {
      g_set_error (error, TL_INDEX_ERROR, TL_INDEX_ERROR_CORRUPT, "index %s has %u problem%s (details above)",
                   self->shown, problems, problems == 1 ? "" : "s");
      return FALSE;
    }
  return TRUE;
}

void
_tl_pg_query_iface_init (TlIndexStoreInterface *iface)
{
  iface->corpus_size = corpus_size;
  iface->terms_df = terms_df;
  iface->entity_df = entity_df;
  iface->load_story = load_story;
  iface->find_url = find_url;
  iface->match_words = match_words;
  iface->entity_stories = entity_stories;
  iface->gather = gather;
  iface->describe = describe;
  iface->search_window = search_window;
  iface->search_read = search_read;
  iface->entity_by_name = entity_by_name;
  iface->entity_info = entity_info;
  iface->entity_points = entity_points;
  iface->entity_latest = entity_latest;
  iface->read_stories = read_stories;
  iface->stats = stats;
  iface->check = check;
}
