/* tl-sources.h — the sources of a story's statements, at a glance
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#if !defined (TELELENS_INSIDE) && !defined (TELELENS_COMPILATION)
# error "Only <telelens/telelens.h> can be included directly."
#endif

#include <json-glib/json-glib.h>
#include "tl-analysis.h"

G_BEGIN_DECLS

/**
 * TlSource:
 * @name: the name shown for the source: the entity's name for a named
 *   source; for an unnamed source the words printed, followed by the entity
 *   it belongs to in brackets when there is one ("a study (Pentagon)")
 * @kind: the kind of source
 * @entity: index of the source's entity in tl_analysis_get_entities(), or -1
 * @entity_id: (nullable): the knowledge-base id of that entity
 * @count: how many statements rest on this source
 * @direct: how many of them are direct quotations
 *
 * One distinct source of a story's statements. Named sources are grouped by
 * entity (every way of printing "Huawei" is one source); unnamed ones by the
 * words printed, so "officials" and "two officials" stay apart.
 */
typedef struct {
  const char   *name;
  TlSourceKind  kind;
  gint          entity;
  const char   *entity_id;
  guint         count;
  guint         direct;
} TlSource;

#define TL_TYPE_SOURCES (tl_sources_get_type ())
G_DECLARE_FINAL_TYPE (TlSources, tl_sources, TL, SOURCES, GObject)

TlSources      *tl_sources_new                 (TlAnalysis *analysis);
guint           tl_sources_get_n_sources       (TlSources  *self);
const TlSource *tl_sources_get_source          (TlSources  *self,
                                                guint       index);
guint           tl_sources_get_source_of       (TlSources  *self,
                                                guint       statement);
guint           tl_sources_get_n_statements    (TlSources  *self);
guint           tl_sources_get_unnamed_statements (TlSources *self);
gint            tl_sources_get_upstream        (TlSources  *self,
                                                guint      *references);
void            tl_sources_add_json            (TlSources   *self,
                                                JsonBuilder *builder);

G_END_DECLS
