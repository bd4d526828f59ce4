/* fuzz-annotate.c — the whole analysis, with its properties checked
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * For every input: offsets lie inside the text and on UTF-8 boundaries,
 * mentions are sorted and do not overlap, statements' spans lie inside the
 * text, and the JSON and HTML views are produced.
 */
#include "fuzz-common.h"

#include <string.h>

static void
check_span (const char *text,
            gsize       len,
            guint       start,
            guint       end)
{
  FUZZ_CHECK (start <= end && end <= len);
  FUZZ_CHECK (g_utf8_validate (text + start, end - start, NULL));
  FUZZ_CHECK (start == len || (text[start] & 0xC0) != 0x80);
  FUZZ_CHECK (end == len || (text[end] & 0xC0) != 0x80);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAnalysis) a = tl_analyzer_analyze (fuzz_analyzer (), (const char *) data, size, TL_INPUT_AUTO, &error);
  const TlMention *m;
  const TlAttribution *at;
  guint n, n_attr;
  gsize len;
  const char *text;

  if (a == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == TL_ANALYZER_ERROR);
      return 0;
    }
  text = tl_analysis_get_text (a, &len);
  FUZZ_CHECK (g_utf8_validate (text, len, NULL));
  m = tl_analysis_get_mentions (a, &n);
  for (guint i = 0; i < n; i++)
    {
      check_span (text, len, m[i].start, m[i].end);
      FUZZ_CHECK (m[i].end > m[i].start);
      if (i > 0)
        FUZZ_CHECK (m[i - 1].end <= m[i].start);
    }
  at = tl_analysis_get_attributions (a, &n_attr);
  for (guint i = 0; i < n_attr; i++)
    {
      check_span (text, len, at[i].source.start, at[i].source.end);
      check_span (text, len, at[i].cue.start, at[i].cue.end);
      check_span (text, len, at[i].content.start, at[i].content.end);
    }
  {
    g_autoptr(JsonNode) json = tl_analysis_to_json (a);
    g_autofree char *html = tl_analysis_to_html (a);
    FUZZ_CHECK (json != NULL && html != NULL);
    FUZZ_CHECK (strstr (html, "<script") == NULL);
  }
  return 0;
}
