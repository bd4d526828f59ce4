/* tl-index-rank.h — scoring and collapsing related coverage, without SQLite
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What tl-index-related.c gathers from the database (the target story and
 * its candidates) and what tl-index-rank.c does with it: pure functions, so
 * the judgement of "same event" can be read, and tested, on its own.
 */
#pragma once

#include "tl-index.h"

G_BEGIN_DECLS

#define NEAR_DUP_BITS    3
#define MIN_SCORE        0.22
#define WORD_WEIGHT      0.8
#define MIN_WORDS_NORM   80     /* distinct words of a ~700-character item */
#define FULL_ENTITIES    3      /* shared entities for a full entity match */
#define OTHER_LEAD       0.5    /* each story's leading company absent from the other */
#define OTHER_KIND       0.75   /* one is telecom security, the other plainly not */
#define MAX_WHY_ENTITIES 6
#define MAX_WHY_TERMS    8
#define DAY              86400

typedef struct {
  char     *key;
  double    weight;   /* 1 + ln(count) */
  double    idf;
  gboolean  company;  /* a vendor or an operator */
} TargetEntity;

/* One story word of the target, with its rarity. */
typedef struct {
  guint64  hash;
  gint64   df;      /* stories with the word, the target included */
  double   idf;
  char    *word;
} TargetWord;

/* The story whose coverage is wanted. */
typedef struct {
  gint64      rowid;      /* 0 when not stored */
  const char *title;
  const char *text;
  const char *outlet;
  gint64      published;
  const char *url_norm;
  guint64     simhash;
  GPtrArray  *entities;   /* TargetEntity, most telling first */
  GHashTable *entity_by_key;
  double      entity_mass;
  const char *lead;       /* key of its most telling company, or NULL */
  double      topic;      /* the analysis's telecom-security score */
  double      topic_yes;  /* the analyzer's threshold … */
  double      topic_no;   /* … and lower bound: under it, not telecom security */
  GArray     *words;      /* TargetWord, by hash */
  double      mean_idf;
  gint64      n_docs;     /* stories in the index, the target included */
} Target;

/* One entity of a candidate, in the database's order. */
typedef struct {
  char     *key;
  char     *name;
  int       count;
  gint64    df;
  gboolean  company;
} CandEntity;

typedef struct {
  gint64     rowid;
  gboolean   missing;   /* gone from the database meanwhile */
  gboolean   dropped;
  double     words_sim;
  double     ent_sim;
  double     score;
  double     topic;
  gint64     published;
  guint64    simhash;
  char      *ext_id;
  char      *url;
  char      *url_norm;
  char      *title;
  char      *outlet;
  char      *head;      /* the start of its text, as the store read it */
  GArray    *hits;      /* guint: indices of the target's words it has too, ascending */
  guint      n_words;   /* its distinct story words */
  GArray    *entities;  /* CandEntity */
  GPtrArray *shared;    /* entity names, rarest first */
  GPtrArray *terms;     /* shared words, rarest first */
  GPtrArray *also_in;   /* outlets of collapsed copies */
} Cand;

void     _tl_rank_target_entity_free (gpointer      data);
int      _tl_rank_target_entity_cmp  (gconstpointer a,
                                      gconstpointer b);
void     _tl_rank_target_word_clear  (gpointer      data);
int      _tl_rank_target_word_cmp    (gconstpointer a,
                                      gconstpointer b);
void     _tl_rank_cand_entity_clear  (gpointer      data);
void     _tl_rank_cand_clear         (gpointer      data);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cand, _tl_rank_cand_clear)
double   _tl_rank_entity_idf         (gint64        n_docs,
                                      gint64        df);
gboolean _tl_rank_is_company         (const char   *type);
void     _tl_rank_weigh_entities     (Target       *q);

void     _tl_rank_set_aside_copies   (const Target *q,
                                      GArray       *cands,
                                      GPtrArray    *copies_in);
void     _tl_rank_score              (const Target *q,
                                      GArray       *cands);
/* Search: one of the latest matches a store found (tl-index-store.h),
 * ranked by _tl_rank_search() for every store. */
typedef struct {
  gint64  rowid;
  gint64  text_bytes;   /* its text's length in bytes */
  guint   tf_at;        /* its counts in the tf array: 2 per phrase (title, text) */
  gint64  first;        /* the store's: where in the text its snippet begins (-1: the start) */
  double  score;
} SearchCand;

double   _tl_rank_search_idf         (gint64        n_docs,
                                      gint64        df);
void     _tl_rank_search             (GArray       *cands,
                                      const guint32 *tf,
                                      guint         n_phrases,
                                      const double *weights);

void     _tl_rank_collapse           (const Target *q,
                                      GArray       *cands,
                                      guint         limit,
                                      GPtrArray    *results);

G_END_DECLS
