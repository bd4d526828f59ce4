/* tl-recognizer-private.h — finds entity mentions in text
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "telelens/telelens.h"
#include "tl-knowledge-base-private.h"
#include "tl-lexicon-private.h"

G_BEGIN_DECLS

typedef enum {
  TL_ORIGIN_KB,        /* a knowledge-base alias */
  TL_ORIGIN_PATTERN,   /* a CVE id or a threat actor's code name */
  TL_ORIGIN_CONTEXT,   /* a name found by context, not in the knowledge base */
  TL_ORIGIN_LINK,      /* a surname or short form referring back */
  TL_ORIGIN_KB_CONTEXT, /* an ambiguous knowledge-base alias, until
                         * _tl_kb_context_filter() decides */
} TlOrigin;

typedef struct {
  guint             start;
  guint             end;
  TlEntityType      type;
  TlOrigin          origin;
  const TlKbEntity *kb;     /* NULL unless known */
  char             *key;    /* grouping key of an entity not in the KB */
} TlRawMention;

typedef struct _TlRecognizer TlRecognizer;

TlRecognizer *_tl_recognizer_new   (TlKnowledgeBase *kb,
                                    const TlLexicon *lexicon);
GArray       *_tl_recognizer_run   (TlRecognizer    *self,
                                    const char      *text,
                                    gsize            length,
                                    GArray          *tokens);
void          _tl_recognizer_free  (TlRecognizer    *self);
void          _tl_raw_mention_clear (gpointer        data);

/* For the benchmark: the raw gazetteer pass alone. Returns the hit count. */
guint         _tl_recognizer_count_raw_hits (TlRecognizer *self,
                                             const char   *text,
                                             gsize         length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlRecognizer, _tl_recognizer_free)

G_END_DECLS
