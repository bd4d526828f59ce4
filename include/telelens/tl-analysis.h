/* tl-analysis.h — what Telelens found in one story
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#if !defined (TELELENS_INSIDE) && !defined (TELELENS_COMPILATION)
# error "Only <telelens/telelens.h> can be included directly."
#endif

#include <json-glib/json-glib.h>
#include "tl-types.h"
#include "tl-knowledge-base.h"

G_BEGIN_DECLS

/**
 * TlMention:
 * @start: UTF-8 byte offset into the analysed text
 * @end: end offset, exclusive
 * @entity: index of the entity in tl_analysis_get_entities()
 *
 * One occurrence of an entity.
 */
typedef struct {
  guint start;
  guint end;
  guint entity;
} TlMention;

/**
 * TlEntity:
 * @kb: (nullable): the knowledge-base entry, %NULL for names found by context
 * @name: the canonical name (knowledge base) or the longest surface form
 * @type: the entity type
 * @mentions: (element-type guint): indexes into tl_analysis_get_mentions()
 *
 * One distinct entity of a story with all its mentions.
 */
typedef struct {
  const TlKbEntity *kb;
  char             *name;
  TlEntityType      type;
  GArray           *mentions;
} TlEntity;

/**
 * TlSpan:
 * @start: UTF-8 byte offset
 * @end: end offset, exclusive
 */
typedef struct {
  guint start;
  guint end;
} TlSpan;

/**
 * TlSourceKind:
 * @TL_SOURCE_PERSON: a named person
 * @TL_SOURCE_ORGANIZATION: a company, government or other body
 * @TL_SOURCE_OUTLET: a news outlet used as the source
 * @TL_SOURCE_ROLE: one unnamed person identified by role
 * @TL_SOURCE_ANONYMOUS: unnamed people or groups
 * @TL_SOURCE_DOCUMENT: a report, study, letter, notice
 */
typedef enum {
  TL_SOURCE_PERSON,
  TL_SOURCE_ORGANIZATION,
  TL_SOURCE_OUTLET,
  TL_SOURCE_ROLE,
  TL_SOURCE_ANONYMOUS,
  TL_SOURCE_DOCUMENT,
  TL_N_SOURCE_KINDS
} TlSourceKind;

const char *tl_source_kind_to_string (TlSourceKind kind);

/**
 * TlTopicVerdict:
 * @TL_TOPIC_NO: not about telecom security (score below the lower bound)
 * @TL_TOPIC_POSSIBLY: uncertain: score between the lower bound and the threshold
 * @TL_TOPIC_YES: about telecom security (score at or above the threshold)
 */
typedef enum {
  TL_TOPIC_NO,
  TL_TOPIC_POSSIBLY,
  TL_TOPIC_YES
} TlTopicVerdict;

const char *tl_topic_verdict_to_string (TlTopicVerdict verdict);

/**
 * TlAttribution:
 * @source: the source as printed
 * @kind: the kind of source
 * @entity: index of the source's entity, or -1
 * @cue: the reporting word or phrase
 * @content: what was said
 * @direct: %TRUE when the whole content is quoted
 *
 * One reported statement.
 */
typedef struct {
  TlSpan        source;
  TlSourceKind  kind;
  int           entity;
  char         *resolved;
  TlSpan        cue;
  TlSpan        content;
  gboolean      direct;
} TlAttribution;

#define TL_TYPE_ANALYSIS (tl_analysis_get_type ())
G_DECLARE_FINAL_TYPE (TlAnalysis, tl_analysis, TL, ANALYSIS, GObject)

const char      *tl_analysis_get_text         (TlAnalysis *self,
                                               gsize      *length);
const char      *tl_analysis_get_title        (TlAnalysis *self);
const TlMention *tl_analysis_get_mentions     (TlAnalysis *self,
                                               guint      *n_mentions);
const TlEntity  *tl_analysis_get_entities     (TlAnalysis *self,
                                               guint      *n_entities);
const TlAttribution *tl_analysis_get_attributions (TlAnalysis *self,
                                                   guint      *n_attributions);
gboolean         tl_analysis_get_topic        (TlAnalysis *self,
                                               double     *score);
TlTopicVerdict   tl_analysis_get_topic_verdict (TlAnalysis *self,
                                                double     *score);
void             tl_analysis_judge_topic       (TlAnalysis *self,
                                                double      threshold,
                                                double      possible_from);
char           **tl_analysis_get_topic_reasons (TlAnalysis *self,
                                                guint       max);
guint            tl_analysis_map_to_source    (TlAnalysis *self,
                                               guint       offset);
char            *tl_analysis_get_entity_key   (TlAnalysis *self,
                                               guint       entity);
JsonNode        *tl_analysis_to_json          (TlAnalysis *self);
char            *tl_analysis_to_html          (TlAnalysis *self);

G_END_DECLS
