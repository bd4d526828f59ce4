/* tl-liferea-db.h — reading Liferea's own database into the index
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-index.h"

G_BEGIN_DECLS

char     *tl_liferea_default_db_path (void);
gboolean  tl_liferea_import          (TlIndex     *index,
                                      const char  *liferea_db,
                                      guint       *out_added,
                                      guint       *out_seen,
                                      GError     **error);

gboolean  tl_liferea_import_step     (TlIndex     *index,
                                      const char  *liferea_db,
                                      guint        max_items,
                                      guint       *out_added,
                                      guint       *out_seen,
                                      guint       *out_remaining,
                                      GError     **error);

G_END_DECLS
