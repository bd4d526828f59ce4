/* tl-reader-bridge.c — the reader view's bridge to the page
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-reader-view-private.h"
#include "tl-card.h"

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

/* --- Cards ---------------------------------------------------------------------- */

static void
on_card_open_uri (TlCard       *card,
                  const char   *uri,
                  TlReaderView *self)
{
  g_signal_emit (self, _tl_reader_view_signals[_TL_SIGNAL_OPEN_URI], 0, uri);
}

static void
show_card (TlReaderView *self,
           guint         entity,
           GdkRectangle *rect)
{
  guint n;

  if (self->analysis == NULL || self->view == NULL)
    return;
  tl_analysis_get_entities (self->analysis, &n);
  if (entity >= n)
    return;
  if (self->card)
    gtk_widget_destroy (self->card);
  self->card = tl_card_new (GTK_WIDGET (self->view), rect, self->analysis, entity, self->client,
                            self->story_url);
  g_object_add_weak_pointer (G_OBJECT (self->card), (gpointer *) &self->card);
  g_signal_connect (self->card, "open-uri", G_CALLBACK (on_card_open_uri), self);
  gtk_popover_popup (GTK_POPOVER (self->card));
}

void
_tl_reader_view_on_message (WebKitUserContentManager *manager,
                            WebKitJavascriptResult   *result,
                            TlReaderView             *self)
{
  JSCValue *value = webkit_javascript_result_get_js_value (result);
  g_autofree char *raw = jsc_value_is_string (value) ? jsc_value_to_string (value) : NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *msg;
  const char *type;

  /* The page is untrusted even in our own world: parse, check, bound. */
  if (raw == NULL || strlen (raw) > 4096 || !json_parser_load_from_data (parser, raw, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  msg = json_node_get_object (json_parser_get_root (parser));
  type = json_object_has_member (msg, "type") ? json_object_get_string_member (msg, "type") : NULL;
  if (g_strcmp0 (type, "prefs") == 0)
    g_signal_emit (self, _tl_reader_view_signals[_TL_SIGNAL_OPEN_PREFERENCES], 0);
  else if (g_strcmp0 (type, "panel") == 0 && json_object_has_member (msg, "open"))
    g_settings_set_boolean (self->settings, "panel-open", json_object_get_boolean_member (msg, "open"));
  else if (g_strcmp0 (type, "entity") == 0 && json_object_has_member (msg, "rect") &&
           JSON_NODE_HOLDS_OBJECT (json_object_get_member (msg, "rect")))
    {
      JsonObject *r = json_object_get_object_member (msg, "rect");
      gint64 entity = json_object_get_int_member (msg, "entity");
      GdkRectangle rect = {
        (int) CLAMP (json_object_get_int_member (r, "x"), -10000, 100000),
        (int) CLAMP (json_object_get_int_member (r, "y"), -10000, 100000),
        (int) CLAMP (json_object_get_int_member (r, "w"), 1, 4000),
        (int) CLAMP (json_object_get_int_member (r, "h"), 1, 4000),
      };
      double zoom = webkit_web_view_get_zoom_level (self->view);

      rect.x = (int) (rect.x * zoom);
      rect.y = (int) (rect.y * zoom);
      rect.width = (int) (rect.width * zoom);
      rect.height = (int) (rect.height * zoom);
      if (entity >= 0)
        show_card (self, (guint) entity, &rect);
    }
}

