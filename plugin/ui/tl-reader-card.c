/* tl-reader-card.c — what the card in the page shows for one entity
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The card is drawn by the page script (telelens.js, in Telelens' world and
 * a closed shadow root); this file gives it its content as JSON text: the
 * name, type, country, description, aliases and Wikidata link from the
 * knowledge base, the mentions and statements in this story, then the
 * coverage that mentions it and a weekly timeline from the index. Links
 * never reach the page as something to follow: the page gets their text and
 * a number, and a click sends the number back; the address is looked up
 * here and opened by the host ("open-uri").
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-reader-view-private.h"

#include <stdio.h>
#include <string.h>

#define TIMELINE_WEEKS 26   /* half a year at most */
#define TIMELINE_MIN_WEEKS 8
#define COVERAGE_MAX    4

/* A link the card shows: its number in the page. */
static gint
add_link (TlReaderView *self,
          const char   *uri)
{
  if (uri == NULL || !(g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://")))
    return -1;
  g_ptr_array_add (self->card_links, g_strdup (uri));
  return (gint) self->card_links->len - 1;
}

static char *
shorten (const char *text,
         gsize       len,
         guint       max_chars)
{
  g_autofree char *s = g_utf8_make_valid (text, len);
  g_autofree char *head = NULL;

  if (g_utf8_strlen (s, -1) <= max_chars)
    return g_steal_pointer (&s);
  head = g_utf8_substring (s, 0, max_chars);
  return g_strconcat (head, "…", NULL);
}

/* A string member of an untrusted answer, or NULL. */
static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *n = json_object_get_member (obj, name);
  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
    ? json_node_get_string (n) : NULL;
}

static void
run_card_script (TlReaderView *self,
                 const char   *function,
                 JsonBuilder  *b)
{
  g_autoptr(JsonNode) node = json_builder_get_root (b);
  g_autofree char *json = _tl_to_json (node);
  g_autofree char *script = g_strdup_printf ("telelens.%s(%s)", function, json);

  if (self->view)
    webkit_web_view_evaluate_javascript (self->view, script, -1, _TL_WORLD, "telelens://telelens.js",
                                         self->card_cancel, _tl_reader_view_script_done, NULL);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* --- From the index ----------------------------------------------------------- */

/* "2026-03-02" → a GDate, or FALSE. */
static gboolean
parse_day (const char *text,
           GDate      *out)
{
  unsigned y, m, d;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

static char *
week_label (guint32 julian)
{
  char out[32];
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, julian);
  g_date_strftime (out, sizeof out, "%-d %b %Y", &d);
  return g_strdup (out);
}

/* "Coverage that mentions it": the latest stories the index has for the
 * entity's id (so a story that used another of its names is listed too),
 * not the story being read, one line per headline. */
static void
add_coverage (TlReaderView *self,
              JsonBuilder  *b,
              JsonArray    *res)
{
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  guint listed = 0, n = res ? json_array_get_length (res) : 0;

  json_builder_set_member_name (b, "coverage");
  json_builder_begin_array (b);
  for (guint i = 0; i < n && listed < COVERAGE_MAX; i++)
    {
      JsonNode *rn = json_array_get_element (res, i);
      JsonObject *r;
      const char *title, *url, *outlet, *published;
      g_autofree char *text = NULL;
      GDate day;
      gint link;

      if (!JSON_NODE_HOLDS_OBJECT (rn))
        continue;
      r = json_node_get_object (rn);
      title = member_string (r, "title");
      url = member_string (r, "url");
      outlet = member_string (r, "outlet");
      published = member_string (r, "published");
      if ((url && g_strcmp0 (url, self->story_url) == 0) ||
          (title && *title && !g_hash_table_add (titles, (gpointer) title)))
        continue;
      listed++;
      text = g_strdup_printf ("%s: %s", outlet ? outlet : "Unknown outlet", title && *title ? title : "(untitled)");
      link = add_link (self, url);
      json_builder_begin_object (b);
      add_string (b, "text", text);
      if (link >= 0)
        {
          json_builder_set_member_name (b, "link");
          json_builder_add_int_value (b, link);
        }
      if (parse_day (published, &day))
        {
          char date[16];
          g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
          add_string (b, "date", date);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (n == 0)
    add_string (b, "note", "Nothing else in your index yet.");
  else if (listed == 0)
    add_string (b, "note", "Only this story so far.");
}

/* Counts per week on a real time axis (the index leaves empty weeks out;
 * here they are empty slots), at most the last TIMELINE_WEEKS weeks and at
 * least TIMELINE_MIN_WEEKS. */
static void
add_timeline (JsonBuilder *b,
              JsonArray   *points)
{
  guint n = json_array_get_length (points), weeks, total = 0, max = 1;
  guint32 first = 0, last = 0;
  g_autofree guint *counts = NULL;
  g_autofree char *summary = NULL, *first_label = NULL, *last_label = NULL;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *pn = json_array_get_element (points, i);
      GDate day;
      if (JSON_NODE_HOLDS_OBJECT (pn) && parse_day (member_string (json_node_get_object (pn), "start"), &day))
        {
          guint32 j = g_date_get_julian (&day);
          first = first ? MIN (first, j) : j;
          last = MAX (last, j);
        }
    }
  if (last == 0)
    return;
  if ((last - first) / 7 + 1 > TIMELINE_WEEKS)
    first = last - (TIMELINE_WEEKS - 1) * 7;
  if ((last - first) / 7 + 1 < TIMELINE_MIN_WEEKS)   /* a little context before a lone week */
    first = last - (TIMELINE_MIN_WEEKS - 1) * 7;
  weeks = (last - first) / 7 + 1;
  counts = g_new0 (guint, weeks);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *pn = json_array_get_element (points, i);
      JsonNode *cn;
      GDate day;
      guint32 j;
      gint64 c;

      if (!JSON_NODE_HOLDS_OBJECT (pn) || !parse_day (member_string (json_node_get_object (pn), "start"), &day))
        continue;
      cn = json_object_get_member (json_node_get_object (pn), "count");
      if (cn == NULL || !JSON_NODE_HOLDS_VALUE (cn) || json_node_get_value_type (cn) != G_TYPE_INT64)
        continue;
      j = g_date_get_julian (&day);
      c = json_node_get_int (cn);
      if (j < first || c <= 0)
        continue;
      counts[(j - first) / 7] += (guint) MIN (c, 1000000);
      total += (guint) MIN (c, 1000000);
    }
  for (guint i = 0; i < weeks; i++)
    max = MAX (max, counts[i]);
  summary = g_strdup_printf ("In your index: %u %s in %u %s, per week", total, total == 1 ? "story" : "stories",
                             weeks, weeks == 1 ? "week" : "weeks");
  first_label = week_label (first);
  last_label = week_label (first + (weeks - 1) * 7);
  json_builder_set_member_name (b, "timeline");
  json_builder_begin_object (b);
  add_string (b, "summary", summary);
  add_string (b, "first", first_label);
  add_string (b, "last", last_label);
  json_builder_set_member_name (b, "max");
  json_builder_add_int_value (b, max);
  json_builder_set_member_name (b, "weeks");
  json_builder_begin_array (b);
  for (guint i = 0; i < weeks; i++)
    json_builder_add_int_value (b, counts[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint i = 0; i < weeks; i++)
    {
      g_autofree char *l = week_label (first + i * 7);
      json_builder_add_string_value (b, l);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

typedef struct {
  TlReaderView *self;
  guint         entity;
} CardRequest;

static void
on_card_timeline (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  CardRequest *req = data;
  g_autoptr(TlReaderView) self = req->self;
  guint entity = req->entity;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = tl_index_client_call_finish (TL_INDEX_CLIENT (source), result, &error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonObject *obj = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *stories = obj ? json_object_get_member (obj, "stories") : NULL;
  JsonNode *points = obj ? json_object_get_member (obj, "points") : NULL;

  g_free (req);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->view == NULL)
    return;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "entity");
  json_builder_add_int_value (b, entity);
  if (node == NULL && !g_error_matches (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_REFUSED))
    {
      g_autofree char *msg = _tl_index_problem ("Coverage from your index", TL_INDEX_CLIENT (source), error);
      add_string (b, "error", msg);
    }
  else
    {
      /* Refused (no story mentions it yet) or answered: one list either way. */
      add_coverage (self, b, stories && JSON_NODE_HOLDS_ARRAY (stories) ? json_node_get_array (stories) : NULL);
      if (points && JSON_NODE_HOLDS_ARRAY (points))
        add_timeline (b, json_node_get_array (points));
    }
  json_builder_end_object (b);
  run_card_script (self, "setCardIndex", b);
}

/* Lines of the story around its first two mentions of @entity. */
static void
add_contexts (JsonBuilder *b,
              TlAnalysis  *analysis,
              guint        entity)
{
  guint n_mentions, count = 0, shown = 0;
  const TlMention *mentions = tl_analysis_get_mentions (analysis, &n_mentions);
  gsize text_len;
  const char *text = tl_analysis_get_text (analysis, &text_len);
  g_autofree char *where = NULL;

  for (guint i = 0; i < n_mentions; i++)
    count += mentions[i].entity == entity;
  where = g_strdup_printf ("In this story: %u mention%s", count, count == 1 ? "" : "s");
  add_string (b, "mentions", where);
  json_builder_set_member_name (b, "contexts");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_mentions && shown < 2; i++)
    if (mentions[i].entity == entity)
      {
        gsize from = mentions[i].start > 60 ? mentions[i].start - 60 : 0;
        gsize to = MIN (text_len, mentions[i].end + 60);
        g_autofree char *ctx = NULL, *line = NULL;

        while (from > 0 && (text[from] & 0xC0) == 0x80)
          from--;
        while (to < text_len && (text[to] & 0xC0) == 0x80)
          to++;
        ctx = g_utf8_make_valid (text + from, to - from);
        g_strdelimit (ctx, "\n", ' ');
        line = g_strdup_printf ("%s%s%s", from > 0 ? "…" : "", ctx, to < text_len ? "…" : "");
        json_builder_add_string_value (b, line);
        shown++;
      }
  json_builder_end_array (b);
}

/* What @entity said in this story, at most four statements. */
static void
add_statements (JsonBuilder *b,
                TlAnalysis  *analysis,
                guint        entity)
{
  guint n_attr, shown = 0;
  const TlAttribution *attr = tl_analysis_get_attributions (analysis, &n_attr);
  const char *text = tl_analysis_get_text (analysis, NULL);

  json_builder_set_member_name (b, "said");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_attr && shown < 4; i++)
    if (attr[i].entity == (gint) entity)
      {
        g_autofree char *cue = g_strndup (text + attr[i].cue.start, attr[i].cue.end - attr[i].cue.start);
        g_autofree char *content = shorten (text + attr[i].content.start,
                                            attr[i].content.end - attr[i].content.start, 160);
        g_autofree char *line = g_strdup_printf ("%s: %s%s%s", cue, attr[i].direct ? "“" : "", content,
                                                 attr[i].direct ? "”" : "");
        json_builder_add_string_value (b, line);
        shown++;
      }
  json_builder_end_array (b);
}

/* The highlights' tooltips ("Name · Type") would stay over the card: the
 * page takes their titles off while it is open, and the one the view may
 * already show (WebKit keeps it until the pointer moves) is hidden here. */
static gboolean
on_query_tooltip (GtkWidget    *view,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip,
                  TlReaderView *self)
{
  if (self->card_links != NULL)
    g_signal_stop_emission_by_name (view, "query-tooltip");
  return FALSE;
}

/**
 * _tl_reader_view_show_card:
 * @entity: an entity of the current analysis, as the page asked (checked here)
 *
 * Opens the card in the page and asks the index for its coverage.
 */
void
_tl_reader_view_show_card (TlReaderView *self,
                           gint64        entity)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint n;
  const TlEntity *entities;
  const TlEntity *e;
  g_autofree char *key = NULL;
  g_autoptr(GString) sub = NULL;

  if (self->analysis == NULL || self->view == NULL)
    return;
  entities = tl_analysis_get_entities (self->analysis, &n);
  if (entity < 0 || entity >= n)
    return;
  e = &entities[entity];
  _tl_reader_view_close_card (self);
  self->card_cancel = g_cancellable_new ();
  self->card_links = g_ptr_array_new_with_free_func (g_free);

  sub = g_string_new (tl_entity_type_label (e->type));
  if (e->kb && e->kb->country)
    {
      g_autofree char *cc = g_ascii_strup (e->kb->country, -1);
      g_string_append_printf (sub, " · %s", cc);
    }
  g_string_append (sub, e->kb ? "" : " · found by context, not in the knowledge base");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "entity");
  json_builder_add_int_value (b, entity);
  add_string (b, "name", e->name);
  add_string (b, "sub", sub->str);
  if (e->kb && e->kb->description)
    add_string (b, "description", e->kb->description);
  if (e->kb && e->kb->aliases && e->kb->aliases[0])
    {
      g_autoptr(GString) al = g_string_new ("Also: ");
      for (guint i = 0; e->kb->aliases[i] && i < 6; i++)
        g_string_append_printf (al, "%s%s", i ? ", " : "", e->kb->aliases[i]);
      add_string (b, "aliases", al->str);
    }
  if (e->kb && e->kb->wikidata)
    {
      g_autofree char *uri = g_strdup_printf ("https://www.wikidata.org/wiki/%s", e->kb->wikidata);
      g_autofree char *text = g_strdup_printf ("Wikidata %s", e->kb->wikidata);
      gint link = add_link (self, uri);

      json_builder_set_member_name (b, "wikidata");
      json_builder_begin_object (b);
      add_string (b, "text", text);
      json_builder_set_member_name (b, "link");
      json_builder_add_int_value (b, link);
      json_builder_end_object (b);
    }
  add_contexts (b, self->analysis, (guint) entity);
  add_statements (b, self->analysis, (guint) entity);
  json_builder_set_member_name (b, "index");
  json_builder_add_boolean_value (b, self->client != NULL);
  json_builder_end_object (b);
  run_card_script (self, "showCard", b);
  if (self->tooltip_id == 0)
    self->tooltip_id = g_signal_connect (self->view, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self->view));

  if (self->client != NULL)
    {
      g_autofree char *entity_key = tl_analysis_get_entity_key (self->analysis, (guint) entity);
      CardRequest *req = g_new0 (CardRequest, 1);

      req->self = g_object_ref (self);
      req->entity = (guint) entity;
      tl_index_client_timeline_async (self->client, entity_key, "week", self->card_cancel, on_card_timeline, req);
    }
  g_debug ("card for entity %u", (guint) entity);
}

/* The page says the user followed link @link of the open card. */
void
_tl_reader_view_open_card_link (TlReaderView *self,
                                gint64        link)
{
  if (self->card_links == NULL || link < 0 || link >= self->card_links->len)
    return;
  g_signal_emit (self, _tl_reader_view_signals[_TL_SIGNAL_OPEN_URI], 0,
                 (const char *) g_ptr_array_index (self->card_links, link));
}

/* The card closed (or the story changed): its index request is dropped. */
void
_tl_reader_view_close_card (TlReaderView *self)
{
  g_cancellable_cancel (self->card_cancel);
  g_clear_object (&self->card_cancel);
  g_clear_pointer (&self->card_links, g_ptr_array_unref);
  if (self->tooltip_id && self->view)
    g_signal_handler_disconnect (self->view, self->tooltip_id);
  self->tooltip_id = 0;
}
