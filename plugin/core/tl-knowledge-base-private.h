/* tl-knowledge-base-private.h
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "telelens/telelens.h"

G_BEGIN_DECLS

typedef enum {
  TL_CASE_ANY,    /* any case: "fifth-generation", "core network" */
  TL_CASE_TITLE,  /* first letter must be a capital: "Orange", "Telia" */
  TL_CASE_EXACT,  /* byte for byte: acronyms such as "US", "EE", "BT" */
} TlCaseRule;

typedef struct {
  const TlKbEntity *entity;
  char             *text;
  TlCaseRule        rule;
  gboolean          needs_context;  /* an ambiguous short form ("Three",
                                     * "Orange"): counts only where the story
                                     * supports it, see tl-kb-context.c */
} TlKbAlias;

guint            _tl_knowledge_base_get_generation (TlKnowledgeBase *self);
const TlKbAlias *_tl_knowledge_base_get_aliases    (TlKnowledgeBase *self,
                                                    guint           *n_aliases);
TlCaseRule       _tl_case_rule_for                 (const char      *alias);

G_END_DECLS
