/* tl-related.h — related coverage as the index finds it, and its JSON
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The index returns these typed results; tl_related_to_json() is the one
 * place that writes them as the JSON of `telelens related` and
 * `GET|POST /v1/related` (docs/api.md).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * TlRelatedItem:
 * @id: the stored story's id
 * @url: (nullable): its link
 * @title: its headline (may be empty)
 * @outlet: (nullable): who published it
 * @published: Unix seconds, or %TL_INDEX_NO_DATE when undated
 * @score: how surely it reports the same event, 0–1
 * @shared_entities: (element-type utf8): why it matched: the entities both
 *   stories mention (by knowledge-base id, whichever alias each used), rarest first
 * @shared_terms: (element-type utf8): why it matched: the distinctive words
 *   both stories use, rarest first
 * @days_apart: days between the two stories, -1 when either is undated
 * @also_in: (element-type utf8): outlets carrying a copy of it (collapsed into this result)
 *
 * One related story.
 */
typedef struct {
  char      *id;
  char      *url;
  char      *title;
  char      *outlet;
  gint64     published;
  double     score;
  GPtrArray *shared_entities;
  GPtrArray *shared_terms;
  int        days_apart;
  GPtrArray *also_in;
} TlRelatedItem;

/**
 * TlRelated:
 * @results: (element-type TlRelatedItem): best first
 * @copies_in: (element-type utf8): other outlets carrying a copy of the story itself
 * @candidates: how many stories were considered
 * @took_ms: the time the answer took
 * @find_ms: of which finding the candidates (the store's word and entity
 *   look-ups; not in the JSON)
 * @read_ms: of which reading the candidates (rows, entities, story words)
 *
 * Related coverage of one story.
 */
typedef struct {
  GPtrArray *results;
  GPtrArray *copies_in;
  guint      candidates;
  double     took_ms;
  double     find_ms;
  double     read_ms;
} TlRelated;

TlRelated     *tl_related_new      (void);
void           tl_related_free     (TlRelated       *self);
TlRelatedItem *tl_related_item_new (void);
void           tl_related_item_free (TlRelatedItem  *item);
JsonNode      *tl_related_to_json  (const TlRelated *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlRelated, tl_related_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlRelatedItem, tl_related_item_free)

G_END_DECLS
