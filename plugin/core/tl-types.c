/* tl-types.c — names of entity types
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "telelens/telelens.h"

#include <string.h>

static const char *const type_names[TL_N_ENTITY_TYPES] = {
  "vendor", "operator", "government", "organization", "media", "person",
  "place", "technology", "threat", "law", "vulnerability",
};

static const char *const type_labels[TL_N_ENTITY_TYPES] = {
  "Vendor", "Operator", "Government", "Organisation", "Media", "Person",
  "Place", "Technology", "Threat", "Law", "Vulnerability",
};

/**
 * tl_entity_type_to_string:
 * @type: a #TlEntityType
 *
 * Returns: (transfer none): the JSON name of @type, e.g. `vendor`
 */
const char *
tl_entity_type_to_string (TlEntityType type)
{
  g_return_val_if_fail (type < TL_N_ENTITY_TYPES, NULL);
  return type_names[type];
}

/**
 * tl_entity_type_label:
 * @type: a #TlEntityType
 *
 * Returns: (transfer none): a human label for @type, e.g. `Vendor`
 */
const char *
tl_entity_type_label (TlEntityType type)
{
  g_return_val_if_fail (type < TL_N_ENTITY_TYPES, NULL);
  return type_labels[type];
}

/**
 * tl_entity_type_from_string:
 * @str: a JSON type name
 * @out_type: (out): where to store the type
 *
 * Returns: %TRUE if @str names a type
 */
gboolean
tl_entity_type_from_string (const char   *str,
                            TlEntityType *out_type)
{
  g_return_val_if_fail (out_type != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < TL_N_ENTITY_TYPES; i++)
    if (strcmp (str, type_names[i]) == 0)
      {
        *out_type = (TlEntityType) i;
        return TRUE;
      }
  return FALSE;
}
