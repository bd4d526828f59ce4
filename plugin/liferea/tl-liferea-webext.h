/* tl-liferea-webext.h — Telelens's web process extension into every Liferea generation
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "tl-webkit-compat.h"

G_BEGIN_DECLS

typedef struct _TlLifereaWebext TlLifereaWebext;

TlLifereaWebext *tl_liferea_webext_new          (const char      *module_dir);
gboolean         tl_liferea_webext_restart_view (TlLifereaWebext *self,
                                                 WebKitWebView   *view);
void             tl_liferea_webext_free         (TlLifereaWebext *self);

G_END_DECLS
