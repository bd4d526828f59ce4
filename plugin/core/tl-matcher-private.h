/* tl-matcher-private.h — many-pattern matching in one pass
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TlMatcher TlMatcher;

/* A raw hit: the pattern's bytes occur, case-folded, at [start, end). */
typedef struct {
  guint start;
  guint end;
  guint pattern;
} TlMatch;

typedef gboolean (*TlMatchFunc) (const TlMatch *match,
                                 gpointer       user_data);

TlMatcher *_tl_matcher_new          (void);
void       _tl_matcher_add          (TlMatcher  *self,
                                     const char *pattern,
                                     gsize       length,
                                     guint       id);
void       _tl_matcher_compile      (TlMatcher  *self);
void       _tl_matcher_scan         (const TlMatcher *self,
                                     const char      *text,
                                     gsize            length,
                                     TlMatchFunc      func,
                                     gpointer         user_data);
guint      _tl_matcher_get_n_states (const TlMatcher *self);
gsize      _tl_matcher_get_memory   (const TlMatcher *self);
void       _tl_matcher_free         (TlMatcher  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlMatcher, _tl_matcher_free)

G_END_DECLS
