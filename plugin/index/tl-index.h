/* tl-index.h — the local index of the user's stories
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <telelens/telelens.h>
#include "tl-related.h"

G_BEGIN_DECLS

#define TL_INDEX_ERROR (tl_index_error_quark ())

/**
 * TlIndexError:
 * @TL_INDEX_ERROR_OPEN: the database cannot be opened or created
 * @TL_INDEX_ERROR_FOREIGN: the file is not a Telelens index
 * @TL_INDEX_ERROR_CORRUPT: the database is damaged
 * @TL_INDEX_ERROR_FULL: the disk is full
 * @TL_INDEX_ERROR_INVALID: a document or argument is not acceptable
 * @TL_INDEX_ERROR_QUERY: a search query has a syntax error
 * @TL_INDEX_ERROR_NOT_FOUND: no such document or entity
 * @TL_INDEX_ERROR_IO: any other storage failure
 */
typedef enum {
  TL_INDEX_ERROR_OPEN,
  TL_INDEX_ERROR_FOREIGN,
  TL_INDEX_ERROR_CORRUPT,
  TL_INDEX_ERROR_FULL,
  TL_INDEX_ERROR_INVALID,
  TL_INDEX_ERROR_QUERY,
  TL_INDEX_ERROR_NOT_FOUND,
  TL_INDEX_ERROR_IO,
} TlIndexError;

GQuark tl_index_error_quark (void);

/* A story to store or to find related coverage for. Strings may be NULL
 * except text; published is Unix seconds or TL_INDEX_NO_DATE. */
#define TL_INDEX_NO_DATE G_MININT64

typedef struct {
  char   *id;
  char   *url;
  char   *title;
  char   *outlet;
  gint64  published;
  char   *text;
} TlIndexDoc;

void        tl_index_doc_clear      (TlIndexDoc *doc);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TlIndexDoc, tl_index_doc_clear)
gboolean    tl_index_doc_from_json  (JsonObject *obj,
                                     TlIndexDoc *doc,
                                     GError    **error);
gboolean    tl_index_parse_date     (const char *iso,
                                     gint64     *out,
                                     GError    **error);

#define TL_TYPE_INDEX (tl_index_get_type ())
G_DECLARE_FINAL_TYPE (TlIndex, tl_index, TL, INDEX, GObject)

TlIndex    *tl_index_open           (const char  *path,
                                     TlAnalyzer  *analyzer,
                                     GError     **error);
TlIndex    *tl_index_open_existing  (const char  *path,
                                     TlAnalyzer  *analyzer,
                                     GError     **error);
TlIndex    *tl_index_open_location  (const char  *location,
                                     TlAnalyzer  *analyzer,
                                     gboolean     create,
                                     GError     **error);
gboolean    tl_index_location_has_password (const char *location);
char       *tl_index_location_redact        (const char *location);
char       *tl_index_location_get_file      (const char *location);
gboolean    tl_index_location_check         (const char *location,
                                             GError    **error);
char       *tl_index_default_path   (void);
const char *tl_index_get_path       (TlIndex     *self);
gboolean    tl_index_begin          (TlIndex     *self,
                                     GError     **error);
gboolean    tl_index_commit         (TlIndex     *self,
                                     GError     **error);
void        tl_index_rollback       (TlIndex     *self);
void        tl_index_set_bulk       (TlIndex     *self,
                                     gboolean     bulk);
gboolean    tl_index_get_bulk       (TlIndex     *self);
gboolean    tl_index_stores_at_commit (TlIndex   *self);
gboolean    tl_index_can_retry      (TlIndex     *self,
                                     const GError *error);
gboolean    tl_index_add            (TlIndex     *self,
                                     const TlIndexDoc *doc,
                                     char       **out_id,
                                     gboolean    *out_new,
                                     GError     **error);
TlRelated  *tl_index_related        (TlIndex     *self,
                                     const char  *id,
                                     guint        limit,
                                     GError     **error);
TlRelated  *tl_index_related_doc    (TlIndex     *self,
                                     const TlIndexDoc *doc,
                                     guint        limit,
                                     GError     **error);
JsonNode   *tl_index_search         (TlIndex     *self,
                                     const char  *query,
                                     guint        limit,
                                     GError     **error);
JsonNode   *tl_index_search_syntax  (TlIndex     *self,
                                     const char  *query,
                                     guint        limit,
                                     GError     **error);
char       *tl_index_resolve_entity (TlIndex     *self,
                                     const char  *name,
                                     GError     **error);
JsonNode   *tl_index_timeline       (TlIndex     *self,
                                     const char  *entity,
                                     const char  *bucket,
                                     GError     **error);
JsonNode   *tl_index_health         (TlIndex     *self);
JsonNode   *tl_index_stats          (TlIndex     *self);
gboolean    tl_index_check          (TlIndex     *self,
                                     GString     *report,
                                     GError     **error);
gboolean    tl_index_get_state      (TlIndex     *self,
                                     const char  *key,
                                     char       **value);
gboolean    tl_index_set_state      (TlIndex     *self,
                                     const char  *key,
                                     const char  *value,
                                     GError     **error);
guint64     tl_index_count          (TlIndex     *self);
gboolean    tl_index_copy           (TlIndex     *self,
                                     TlIndex     *dest,
                                     guint       *out_added,
                                     guint       *out_seen,
                                     GError     **error);

G_END_DECLS
