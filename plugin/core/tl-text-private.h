/* tl-text-private.h — story text and its map back to the input
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A run of output bytes that corresponds byte for byte to input bytes,
 * starting at @out in the text and @in in the input. */
typedef struct {
  guint out;
  guint in;
} TlTextRun;

typedef struct {
  GString *str;    /* the analysed text, always valid UTF-8 */
  GArray  *runs;   /* TlTextRun, sorted by out */
  char    *title;  /* <title> of an HTML page, or NULL */
} TlText;

TlText *_tl_text_new_plain (const char *input,
                            gsize       length);
TlText *_tl_text_new_html  (const char *input,
                            gsize       length);
guint   _tl_text_map       (const TlText *text,
                            guint         out_offset);
void    _tl_text_free      (TlText     *text);

gboolean _tl_utf8_is_word_char_at   (const char *text,
                                     gsize       len,
                                     gsize       offset);
gboolean _tl_utf8_is_word_char_before (const char *text,
                                       gsize       offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlText, _tl_text_free)

G_END_DECLS
