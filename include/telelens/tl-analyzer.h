/* tl-analyzer.h — turns a story into a TlAnalysis
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#if !defined (TELELENS_INSIDE) && !defined (TELELENS_COMPILATION)
# error "Only <telelens/telelens.h> can be included directly."
#endif

#include "tl-knowledge-base.h"
#include "tl-analysis.h"

G_BEGIN_DECLS

#define TL_ANALYZER_ERROR (tl_analyzer_error_quark ())

/**
 * TlAnalyzerError:
 * @TL_ANALYZER_ERROR_INVALID_UTF8: the input is not UTF-8 text
 * @TL_ANALYZER_ERROR_BINARY: the input holds NUL bytes or control data
 * @TL_ANALYZER_ERROR_TOO_LARGE: the input exceeds the size limit
 * @TL_ANALYZER_ERROR_LEXICON: the bundled word lists could not be loaded
 */
typedef enum {
  TL_ANALYZER_ERROR_INVALID_UTF8,
  TL_ANALYZER_ERROR_BINARY,
  TL_ANALYZER_ERROR_TOO_LARGE,
  TL_ANALYZER_ERROR_LEXICON,
} TlAnalyzerError;

GQuark tl_analyzer_error_quark (void);

/**
 * TlInputFormat:
 * @TL_INPUT_AUTO: HTML when the first non-blank character is `<`, else text
 * @TL_INPUT_TEXT: plain text
 * @TL_INPUT_HTML: HTML; tags, scripts and styles are dropped
 */
typedef enum {
  TL_INPUT_AUTO,
  TL_INPUT_TEXT,
  TL_INPUT_HTML,
} TlInputFormat;

/**
 * TL_ANALYZER_MAX_INPUT:
 *
 * The largest story analysed, in bytes (4 MiB — far above any news story).
 * Analysis is linear (about 13 bytes of memory per input byte at the peak);
 * the bound keeps the JSON view of an extreme story within reason too.
 */
#define TL_ANALYZER_MAX_INPUT ((gsize) 4 * 1024 * 1024)

#define TL_TYPE_ANALYZER (tl_analyzer_get_type ())
G_DECLARE_FINAL_TYPE (TlAnalyzer, tl_analyzer, TL, ANALYZER, GObject)

TlAnalyzer      *tl_analyzer_new        (TlKnowledgeBase  *kb,
                                         GError          **error);
TlKnowledgeBase *tl_analyzer_get_kb     (TlAnalyzer       *self);
double           tl_analyzer_get_topic_threshold (TlAnalyzer *self);
void             tl_analyzer_set_topic_threshold (TlAnalyzer *self,
                                                  double      threshold);
double           tl_analyzer_get_topic_lower_bound (TlAnalyzer *self);
void             tl_analyzer_set_topic_lower_bound (TlAnalyzer *self,
                                                    double      lower_bound);
TlAnalysis      *tl_analyzer_analyze    (TlAnalyzer       *self,
                                         const char       *input,
                                         gsize             length,
                                         TlInputFormat     format,
                                         GError          **error);

G_END_DECLS
