/* tl-knowledge-base.h — the entities Telelens knows by name
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#if !defined (TELELENS_INSIDE) && !defined (TELELENS_COMPILATION)
# error "Only <telelens/telelens.h> can be included directly."
#endif

#include <gio/gio.h>
#include "tl-types.h"

G_BEGIN_DECLS

#define TL_KB_ERROR (tl_kb_error_quark ())

/**
 * TlKbError:
 * @TL_KB_ERROR_PARSE: the file is not valid JSON
 * @TL_KB_ERROR_INVALID: an entry lacks a field or has a wrong value
 * @TL_KB_ERROR_DUPLICATE: two entries share an id
 * @TL_KB_ERROR_TOO_LARGE: the file exceeds what Telelens loads
 *
 * Errors from loading knowledge-base and watch-list files. Messages name the
 * file, the entry and the field.
 */
typedef enum {
  TL_KB_ERROR_PARSE,
  TL_KB_ERROR_INVALID,
  TL_KB_ERROR_DUPLICATE,
  TL_KB_ERROR_TOO_LARGE,
} TlKbError;

GQuark tl_kb_error_quark (void);

/**
 * TlKbEntity:
 * @id: stable identifier (lowercase, `[a-z0-9-]`)
 * @name: canonical name
 * @type: the entity type
 * @aliases: (array zero-terminated=1): other surface forms, canonical name excluded
 * @country: (nullable): ISO 3166 alpha-2 code, lowercase
 * @description: (nullable): one line
 * @wikidata: (nullable): Wikidata id such as `Q148`
 * @user: %TRUE when the entry comes from the user's watch list
 *
 * One knowledge-base entry. Owned by its #TlKnowledgeBase; read only.
 */
typedef struct {
  char          *id;
  char          *name;
  TlEntityType   type;
  char         **aliases;
  char          *country;
  char          *description;
  char          *wikidata;
  gboolean       user;
} TlKbEntity;

#define TL_TYPE_KNOWLEDGE_BASE (tl_knowledge_base_get_type ())
G_DECLARE_FINAL_TYPE (TlKnowledgeBase, tl_knowledge_base, TL, KNOWLEDGE_BASE, GObject)

TlKnowledgeBase  *tl_knowledge_base_new            (void);
gboolean          tl_knowledge_base_load_bundled   (TlKnowledgeBase  *self,
                                                    GError          **error);
gboolean          tl_knowledge_base_load_file      (TlKnowledgeBase  *self,
                                                    const char       *path,
                                                    gboolean          user,
                                                    GError          **error);
gboolean          tl_knowledge_base_load_data      (TlKnowledgeBase  *self,
                                                    const char       *data,
                                                    gsize             length,
                                                    const char       *origin,
                                                    gboolean          user,
                                                    GError          **error);
char             *tl_knowledge_base_get_watch_list_path (void);
gboolean          tl_knowledge_base_load_watch_list (TlKnowledgeBase *self,
                                                     const char      *path,
                                                     GError         **error);
guint             tl_knowledge_base_get_n_entities (TlKnowledgeBase  *self);
guint             tl_knowledge_base_get_n_aliases  (TlKnowledgeBase  *self);
const TlKbEntity *tl_knowledge_base_get_nth        (TlKnowledgeBase  *self,
                                                    guint             index);
const TlKbEntity *tl_knowledge_base_lookup         (TlKnowledgeBase  *self,
                                                    const char       *id);

G_END_DECLS
