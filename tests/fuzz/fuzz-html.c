/* fuzz-html.c — HTML to text with its offset map
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz-common.h"
#include "tl-text-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  TlText *t;

  /* The analyzer refuses anything but UTF-8 before HTML extraction. */
  if (!g_utf8_validate ((const char *) data, size, NULL) || memchr (data, 0, size))
    return 0;
  t = _tl_text_new_html ((const char *) data, size);
  FUZZ_CHECK (g_utf8_validate (t->str->str, t->str->len, NULL));
  for (gsize i = 0; i < t->str->len; i++)
    {
      guint at = _tl_text_map (t, i);
      FUZZ_CHECK (size == 0 || at < size);
      /* Copied ASCII letters map back to themselves. */
      if (g_ascii_isalnum (t->str->str[i]) && at < size && data[at] != '&')
        FUZZ_CHECK (data[at] == (guint8) t->str->str[i] || data[at] == '#' || g_ascii_isalnum (data[at]));
    }
  _tl_text_free (t);
  return 0;
}
