/* tl-types.h — entity and source kinds shared by the whole core
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#if !defined (TELELENS_INSIDE) && !defined (TELELENS_COMPILATION)
# error "Only <telelens/telelens.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/**
 * TlEntityType:
 * @TL_ENTITY_VENDOR: makers of network equipment, handsets or chips
 * @TL_ENTITY_OPERATOR: network operators, carriers, ISPs
 * @TL_ENTITY_GOVERNMENT: government bodies, regulators, alliances
 * @TL_ENTITY_ORGANIZATION: other organisations
 * @TL_ENTITY_MEDIA: news outlets, wires, photo agencies
 * @TL_ENTITY_PERSON: people
 * @TL_ENTITY_PLACE: countries, cities, regions
 * @TL_ENTITY_TECHNOLOGY: generations, protocols, network domains
 * @TL_ENTITY_THREAT: threat actors, malware, campaigns
 * @TL_ENTITY_LAW: laws, regulations, lists, programmes
 * @TL_ENTITY_VULNERABILITY: CVE identifiers
 *
 * The entity types (docs/analysis.md); their JSON names are the lowercase
 * words after `TL_ENTITY_`.
 */
typedef enum {
  TL_ENTITY_VENDOR,
  TL_ENTITY_OPERATOR,
  TL_ENTITY_GOVERNMENT,
  TL_ENTITY_ORGANIZATION,
  TL_ENTITY_MEDIA,
  TL_ENTITY_PERSON,
  TL_ENTITY_PLACE,
  TL_ENTITY_TECHNOLOGY,
  TL_ENTITY_THREAT,
  TL_ENTITY_LAW,
  TL_ENTITY_VULNERABILITY,
  TL_N_ENTITY_TYPES
} TlEntityType;

const char *tl_entity_type_to_string   (TlEntityType  type);
gboolean    tl_entity_type_from_string (const char   *str,
                                        TlEntityType *out_type);
const char *tl_entity_type_label       (TlEntityType  type);

G_END_DECLS
