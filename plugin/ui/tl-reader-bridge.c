/* tl-reader-bridge.c — the reader view's bridge to the page
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-reader-view-private.h"
#include "tl-page-message.h"

#include <string.h>

/* Everything Telelens runs in the page runs in its own script world
 * (_TL_WORLD): the page's scripts cannot call it or see its variables.
 * Messages come back through the handler registered in that world, and are
 * still parsed and bounded here: the page is untrusted. */

/* --- Talking to the page ----------------------------------------------------------- */

void
_tl_reader_view_run_script (TlReaderView        *self,
                            const char          *script,
                            GAsyncReadyCallback  callback,
                            gpointer             data)
{
  if (self->view == NULL)
    return;
  webkit_web_view_evaluate_javascript (self->view, script, -1, _TL_WORLD, "telelens://telelens.js",
                                       self->cancel, callback, data);
}

char *
_tl_to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

Pending *
_tl_pending_new (TlReaderView *self)
{
  Pending *p = g_new0 (Pending, 1);
  p->self = g_object_ref (self);
  p->serial = self->serial;
  return p;
}

void
_tl_pending_free (gpointer data)
{
  Pending *p = data;

  g_object_unref (p->self);
  g_free (p);
}

gboolean
_tl_pending_is_current (Pending *p)
{
  return p->self->view != NULL && p->serial == p->self->serial;
}

void
_tl_reader_view_script_done (GObject      *source,
                             GAsyncResult *result,
                             gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);

  if (value == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("page script failed: %s", error->message);
}

/* --- Messages from the page ------------------------------------------------------- */

/**
 * _tl_reader_view_on_message:
 *
 * What the page script tells native code, checked by
 * _tl_page_message_parse() (tl-page-message.c lists the messages) and again
 * here against what native code itself gave the page.
 */
void
_tl_reader_view_on_message (WebKitUserContentManager *manager,
                            TlScriptMessage          *message,
                            TlReaderView             *self)
{
  gint64 entry = g_get_real_time ();   /* timing: before the message is read */
  JSCValue *value = tl_script_message_get_value (message);
  g_autofree char *raw = jsc_value_is_string (value) ? jsc_value_to_string (value) : NULL;
  TlPageMessage msg = _tl_page_message_parse (raw);

  switch (msg.type)
    {
    case TL_PAGE_MESSAGE_PREFS:
      g_signal_emit (self, _tl_reader_view_signals[_TL_SIGNAL_OPEN_PREFERENCES], 0);
      break;
    case TL_PAGE_MESSAGE_PANEL:
      g_settings_set_boolean (self->settings, "panel-open", msg.flag);
      break;
    case TL_PAGE_MESSAGE_ENTITY:
      _tl_reader_view_show_card (self, msg.number);
      break;
    case TL_PAGE_MESSAGE_OPEN:
      _tl_reader_view_open_card_link (self, msg.number);
      break;
    case TL_PAGE_MESSAGE_CARD:
      _tl_reader_view_close_card (self);
      break;
    case TL_PAGE_MESSAGE_STORY:
      _tl_reader_view_story_text (self, &msg, entry);
      break;
    case TL_PAGE_MESSAGE_PAINTED:
      _tl_reader_view_painted (self, msg.number, msg.painted);
      break;
    case TL_PAGE_MESSAGE_INVALID:
    default:
      break;
    }
  _tl_page_message_clear (&msg);
}
