/* tl-pg-store-private.h — what the PostgreSQL store's files share
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <libpq-fe.h>
#include "tl-pg-store.h"
#include "tl-index-features.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* 1: documents (with who added each), story-word and entity counts,
 * doc_entities, aliases, state; tsvector + GIN over title and text. */
#define _TL_PG_SCHEMA_VERSION 1

struct _TlPgStore {
  GObject  parent_instance;
  char    *url;        /* as given: libpq's, without a password */
  char    *shown;      /* for messages */
  char    *added_by;   /* "user@host" of this service */
  PGconn  *conn;
  guint    depth;      /* begin/commit nesting (each story commits alone) */
  /* Bulk mode (tl_index_set_bulk()): the outermost begin/commit is one
   * transaction, and the story-word and entity counts of its stories are
   * added up here and written once, in key order, at its commit. */
  gboolean    bulk;
  gboolean    in_tx;
  GHashTable *bulk_terms;   /* word → gint64 stories */
  GHashTable *bulk_ents;    /* key → TlPgBulkEntity */
  gint64      bulk_docs;
  GHashTable *prepared;     /* SQL → name of its prepared statement */
  /* What a search's estimate read (the stories, its words' counts), for
   * its weights; only from search_window() to search_read(). */
  GPtrArray  *search_words;
  GArray     *search_dfs;   /* gint64 per word */
  gint64      search_n_docs;
};

void      _tl_pg_forget_search_counts (TlPgStore *self);

typedef struct {
  char   *name, *type;   /* the first the key came with */
  gint64  df;
} TlPgBulkEntity;

/* Runs one statement with text parameters (NULL: SQL NULL). A lost
 * connection is re-made (waiting up to TL_PG_RECONNECT_SECONDS for the
 * server) and the statement run again when @retry allows it: reads, and
 * writes that are idempotent. Errors name the store and say what to do. */
PGresult *_tl_pg_exec        (TlPgStore          *self,
                              const char         *sql,
                              int                 n_params,
                              const char *const  *params,
                              gboolean            retry,
                              const char         *what,
                              GError            **error);
/* One statement of a pipeline. */
typedef struct {
  const char        *sql;
  int                n_params;
  const char *const *params;
} TlPgStatement;

/* Runs @n statements in one round trip (libpq's pipeline mode), in one
 * implicit transaction: a statement sees what the ones before it set
 * (set_config(…, true) lasts until the last one), and when one fails the
 * rest are not run and nothing of them stays. @out gets each statement's
 * result (the caller clears them); on failure, none, and @error as
 * _tl_pg_exec() sets it. @retry as for _tl_pg_exec(). */
gboolean  _tl_pg_exec_pipeline (TlPgStore           *self,
                                const TlPgStatement *stmts,
                                guint                n,
                                PGresult           **out,
                                gboolean             retry,
                                const char          *what,
                                GError             **error);
gboolean  _tl_pg_fail        (TlPgStore          *self,
                              const PGresult     *res,
                              const char         *what,
                              GError            **error);
gboolean  _tl_pg_reconnect   (TlPgStore          *self,
                              GError            **error);
char     *_tl_pg_text_array  (const char *const  *items,
                              guint               n);
gint64    _tl_pg_int         (const PGresult     *res,
                              int                 row,
                              int                 col,
                              gint64              if_null);
char     *_tl_pg_dup         (const PGresult     *res,
                              int                 row,
                              int                 col);
gboolean  _tl_pg_migrate     (TlPgStore          *self,
                              GError            **error);
void      _tl_pg_query_iface_init (TlIndexStoreInterface *iface);

#define TL_PG_RECONNECT_SECONDS 30

G_END_DECLS
