/* tl-test-util.h — shared helpers for the GTest programs
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <telelens/telelens.h>

G_BEGIN_DECLS

void        tl_test_init          (int    *argc,
                                   char ***argv);
TlAnalyzer *tl_test_get_analyzer  (void);
TlAnalysis *tl_test_analyze       (const char *text);
char       *tl_test_read_data     (const char *name,
                                   gsize      *length);
char       *tl_test_copy_liferea_db (const char *dir,
                                     const char *name);
gboolean    tl_test_find_mention  (TlAnalysis   *analysis,
                                   const char   *surface,
                                   TlEntityType *type,
                                   const char  **kb_id);
char       *tl_test_describe      (TlAnalysis   *analysis);
void        tl_test_assert_short_numbers (const char *json,
                                          guint       max_decimals);

G_END_DECLS
