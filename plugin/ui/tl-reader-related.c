/* tl-reader-related.c — related coverage from the local index, for the panel
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-reader-view-private.h"

/**
 * _tl_index_problem:
 * @what: what the reader misses, "Related coverage"
 * @client: the client that failed
 * @error: its error
 *
 * One sentence for the reader: what failed, and what to do.
 *
 * Returns: (transfer full): the sentence
 */
char *
_tl_index_problem (const char    *what,
                   TlIndexClient *client,
                   const GError  *error)
{
  const char *url = tl_index_client_get_base_url (client);

  if (g_error_matches (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_UNREACHABLE))
    return g_strdup_printf ("%s is off because the local index at %s is unreachable: "
                            "start it with “telelens serve”.", what, url);
  if (g_error_matches (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_TIMEOUT))
    return g_strdup_printf ("%s is off because the local index at %s did not answer in time: "
                            "check that it is running, or restart it with “telelens serve”.", what, url);
  return g_strdup_printf ("%s is off: %s.", what, error->message);
}

static void
set_related_state (TlReaderView *self,
                   const char   *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL, *script = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  json = _tl_to_json (node);
  script = g_strdup_printf ("telelens.setRelated(%s)", json);
  _tl_reader_view_run_script (self, script, _tl_reader_view_script_done, NULL);
}

static gboolean retry_related (gpointer data);

static void
on_related (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Pending *p = data;
  TlReaderView *self = p->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = tl_index_client_call_finish (TL_INDEX_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !_tl_pending_is_current (p))
    {
      _tl_pending_free (p);
      return;
    }
  if (node == NULL && g_error_matches (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_UNREACHABLE) &&
      self->index_starting > 0 && g_get_monotonic_time () - self->index_starting < 20 * G_USEC_PER_SEC &&
      self->retries++ < 10)
    {
      /* The host just started the index: give it a moment. */
      set_related_state (self, "Starting the local index…");
      self->retry_data = p;
      self->retry_id = g_timeout_add (1500, retry_related, p);
      return;
    }
  if (node == NULL)
    {
      g_autofree char *msg = _tl_index_problem ("Related coverage", TL_INDEX_CLIENT (source), error);
      g_debug ("related coverage: index unreachable");
      set_related_state (self, msg);
    }
  else if (!json_object_has_member (json_node_get_object (node), "results") ||
           !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (node), "results")))
    set_related_state (self, "The local index answered something unexpected.");
  else
    {
      JsonArray *results = json_object_get_array_member (json_node_get_object (node), "results");

      /* Re-serialised from the parsed tree: only data reaches the page, and
       * not the raw ranking scores (4.3929999999999998), which it does not show. */
      for (guint i = 0; i < json_array_get_length (results); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (results, i)))
          json_object_remove_member (json_array_get_object_element (results, i), "score");
      g_debug ("related coverage: %u stories", json_array_get_length (results));
      g_autofree char *json = _tl_to_json (node);
      g_autofree char *script = g_strdup_printf ("telelens.setRelated(%s)", json);
      _tl_reader_view_run_script (self, script, _tl_reader_view_script_done, NULL);
    }
  _tl_pending_free (p);
}

static gboolean
retry_related (gpointer data)
{
  Pending *p = data;

  p->self->retry_id = 0;
  p->self->retry_data = NULL;
  if (_tl_pending_is_current (p))
    _tl_reader_view_request_related (p->self, p);
  else
    _tl_pending_free (p);
  return G_SOURCE_REMOVE;
}

void
_tl_reader_view_request_related (TlReaderView *self,
                                 Pending      *p)
{
  const char *text = tl_analysis_get_text (self->analysis, NULL);

  tl_index_client_related_doc_async (self->client, self->story_title, text, self->story_url,
                                     self->story_published,
                                     (guint) g_settings_get_int (self->settings, "related-count"),
                                     self->cancel, on_related, p);
}

void
_tl_reader_view_reconnect_client (TlReaderView *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "index-url");
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->client);
  self->client = tl_index_client_new (url, &error);
  if (self->client == NULL)
    g_warning ("Telelens: %s; related coverage is off until the address is fixed in Preferences",
               error->message);
  else
    tl_index_client_set_timeout (self->client, 5);
}

/* A retry still waiting is dropped with its story. */
void
_tl_reader_view_cancel_retry (TlReaderView *self)
{
  if (self->retry_id)
    {
      g_source_remove (self->retry_id);
      self->retry_id = 0;
      _tl_pending_free (g_steal_pointer (&self->retry_data));
    }
}
