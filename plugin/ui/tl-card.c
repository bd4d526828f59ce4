/* tl-card.c — name, type, description, country, aliases, Wikidata, mentions,
 * statements, related coverage and a coverage timeline for one entity
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every string is set as plain text (labels escape nothing because they
 * parse nothing); links go through the host ("open-uri"). Index requests
 * are cancelled when the card closes.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-card.h"

#include <stdio.h>
#include <string.h>

struct _TlCard {
  GtkPopover     parent_instance;
  GCancellable  *cancel;
  char          *story_url;
  GtkWidget     *index_box;
  GtkWidget     *timeline;
  GArray        *points;     /* guint counts, oldest first */
  GPtrArray     *point_labels;
  GDate          first_week; /* the Monday of points[0] */
  gulong         tooltip_id; /* on relative-to: no page tooltip over the card */
};

G_DEFINE_FINAL_TYPE (TlCard, tl_card, GTK_TYPE_POPOVER)

static guint open_uri_signal;

static void
tl_card_dispose (GObject *object)
{
  TlCard *self = TL_CARD (object);

  if (self->cancel)
    g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  if (self->tooltip_id && gtk_popover_get_relative_to (GTK_POPOVER (self)))
    g_signal_handler_disconnect (gtk_popover_get_relative_to (GTK_POPOVER (self)), self->tooltip_id);
  self->tooltip_id = 0;
  g_clear_pointer (&self->story_url, g_free);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->point_labels, g_ptr_array_unref);
  G_OBJECT_CLASS (tl_card_parent_class)->dispose (object);
}

static void
tl_card_class_init (TlCardClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tl_card_dispose;
  open_uri_signal = g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tl_card_init (TlCard *self)
{
  self->cancel = g_cancellable_new ();
}

static GtkWidget *
label (const char *text,
       const char *css_class,
       gboolean    wrap)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0.0);
  gtk_label_set_selectable (GTK_LABEL (l), FALSE);
  if (wrap)
    {
      gtk_label_set_line_wrap (GTK_LABEL (l), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (l), 52);
    }
  if (css_class)
    gtk_style_context_add_class (gtk_widget_get_style_context (l), css_class);
  return l;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *l = label (text, NULL, FALSE);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (l), attrs);
  pango_attr_list_unref (attrs);
  gtk_widget_set_margin_top (l, 6);
  return l;
}

static gboolean
on_activate_link (GtkLinkButton *button,
                  TlCard        *self)
{
  g_signal_emit (self, open_uri_signal, 0, gtk_link_button_get_uri (button));
  return TRUE;   /* the host opens links its own way */
}

static GtkWidget *
link_button (TlCard     *self,
      const char *uri,
      const char *text)
{
  GtkWidget *b = gtk_link_button_new_with_label (uri, text);

  gtk_widget_set_halign (b, GTK_ALIGN_START);
  gtk_label_set_ellipsize (GTK_LABEL (gtk_bin_get_child (GTK_BIN (b))), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (gtk_bin_get_child (GTK_BIN (b))), 50);
  g_signal_connect (b, "activate-link", G_CALLBACK (on_activate_link), self);
  return b;
}

static char *
shorten (const char *text,
         gsize       len,
         guint       max_chars)
{
  g_autofree char *s = g_utf8_make_valid (text, len);
  glong n = g_utf8_strlen (s, -1);

  g_autofree char *head = NULL;

  if (n <= max_chars)
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

/* "Coverage that mentions it": the latest stories the index has for the
 * entity's id, so a story that used another of its names (an
 * abbreviation, a short form) is listed too. */
static void
show_coverage (TlCard    *self,
               JsonArray *res)
{
  GList *children = gtk_container_get_children (GTK_CONTAINER (self->index_box));

  for (GList *l = children; l; l = l->next)
    if (g_object_get_data (l->data, "placeholder"))
      gtk_widget_destroy (l->data);
  g_list_free (children);
  gtk_box_pack_start (GTK_BOX (self->index_box), heading ("Coverage that mentions it"), FALSE, FALSE, 0);
  if (res == NULL || json_array_get_length (res) == 0)
    gtk_box_pack_start (GTK_BOX (self->index_box), label ("Nothing else in your index yet.", "dim-label", FALSE),
                        FALSE, FALSE, 0);
  {
    g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
    guint listed = 0;

    for (guint i = 0; res && i < json_array_get_length (res) && listed < 4; i++)
      {
        JsonNode *rn = json_array_get_element (res, i);
        JsonObject *r;
        const char *title, *url, *outlet;
        g_autofree char *text = NULL;

        if (!JSON_NODE_HOLDS_OBJECT (rn))
          continue;
        r = json_node_get_object (rn);
        title = member_string (r, "title");
        url = member_string (r, "url");
        outlet = member_string (r, "outlet");
        /* Not the story being read, and one line per headline (reprints). */
        if ((url && g_strcmp0 (url, self->story_url) == 0) ||
            (title && *title && !g_hash_table_add (titles, (gpointer) title)))
          continue;
        listed++;
        text = g_strdup_printf ("%s: %s", outlet ? outlet : "Unknown outlet", title && *title ? title : "(untitled)");
        if (url && (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://")))
          gtk_box_pack_start (GTK_BOX (self->index_box), link_button (self, url, text), FALSE, FALSE, 0);
        else
          gtk_box_pack_start (GTK_BOX (self->index_box), label (text, NULL, TRUE), FALSE, FALSE, 0);
      }
    if (listed == 0 && res && json_array_get_length (res) > 0)
      gtk_box_pack_start (GTK_BOX (self->index_box), label ("Only this story so far.", "dim-label", FALSE),
                          FALSE, FALSE, 0);
  }
  gtk_widget_show_all (self->index_box);
}

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

/* --- Timeline ----------------------------------------------------------------- */

#define TIMELINE_WEEKS 26   /* half a year at most */

static void
timeline_text (GtkWidget  *area,
               cairo_t    *cr,
               const char *text,
               double      x,
               double      y,
               double      align)   /* 0 left, 1 right of x */
{
  PangoLayout *layout = gtk_widget_create_pango_layout (area, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int tw, th;

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, x - align * tw, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
week_label (const GDate *first,
            guint        weeks_later,
            char        *out,
            gsize        size)
{
  GDate d = *first;

  g_date_add_days (&d, weeks_later * 7);
  g_date_strftime (out, size, "%-d %b %Y", &d);
}

/* Bars per week on a real time axis: a week without coverage is an empty
 * slot, so weeks ten apart are drawn ten apart. The scale is on the left,
 * the first and last weeks' dates under the axis. */
static gboolean
draw_timeline (GtkWidget *area,
               cairo_t   *cr,
               TlCard    *self)
{
  int w = gtk_widget_get_allocated_width (area), h = gtk_widget_get_allocated_height (area);
  GtkStyleContext *ctx = gtk_widget_get_style_context (area);
  GdkRGBA fg;
  guint max = 1, n;
  const double left = 22, top = 4, bottom = 18;   /* room for the scale and the dates */
  double plot_w = w - left, plot_h = h - top - bottom;
  char first[32], last[32], scale[16];

  if (self->points == NULL || self->points->len == 0 || plot_w < 10 || plot_h < 10)
    return FALSE;
  gtk_style_context_get_color (ctx, gtk_style_context_get_state (ctx), &fg);
  n = self->points->len;
  for (guint i = 0; i < n; i++)
    max = MAX (max, g_array_index (self->points, guint, i));
  for (guint i = 0; i < n; i++)
    {
      double bw = plot_w / n;
      double bh = plot_h * (double) g_array_index (self->points, guint, i) / max;
      cairo_set_source_rgba (cr, 0.10, 0.45, 0.91, 0.85);
      cairo_rectangle (cr, left + i * bw + 1, top + plot_h - bh, MAX (1.0, bw - 2), bh);
      cairo_fill (cr);
    }
  /* Axes, a tick under every week. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.45);
  cairo_rectangle (cr, left, top + plot_h, plot_w, 1);
  cairo_rectangle (cr, left - 1, top, 1, plot_h + 1);
  for (guint i = 0; i <= n; i++)
    cairo_rectangle (cr, left + i * plot_w / n, top + plot_h, 1, 3);
  cairo_fill (cr);

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.75);
  g_snprintf (scale, sizeof scale, "%u", max);
  timeline_text (area, cr, scale, left - 4, top - 2, 1.0);
  timeline_text (area, cr, "0", left - 4, top + plot_h - 10, 1.0);
  week_label (&self->first_week, 0, first, sizeof first);
  timeline_text (area, cr, first, left, top + plot_h + 3, 0.0);
  if (n > 1)
    {
      week_label (&self->first_week, n - 1, last, sizeof last);
      timeline_text (area, cr, last, w, top + plot_h + 3, 1.0);
    }
  return FALSE;
}

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

static void
on_timeline (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(TlCard) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = tl_index_client_call_finish (TL_INDEX_CLIENT (source), result, &error);
  JsonNode *pts;
  JsonArray *points;
  guint n, total = 0, weeks;
  guint32 first = 0, last = 0;
  g_autofree char *summary = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->index_box == NULL)
    return;
  if (node == NULL && !g_error_matches (error, TL_INDEX_CLIENT_ERROR, TL_INDEX_CLIENT_ERROR_REFUSED))
    {
      g_autofree char *msg = _tl_index_problem ("Coverage from your index", TL_INDEX_CLIENT (source), error);
      GList *children = gtk_container_get_children (GTK_CONTAINER (self->index_box));
      for (GList *l = children; l; l = l->next)
        if (g_object_get_data (l->data, "placeholder"))
          gtk_widget_destroy (l->data);
      g_list_free (children);
      gtk_box_pack_start (GTK_BOX (self->index_box), label (msg, "dim-label", TRUE), FALSE, FALSE, 0);
      gtk_widget_show_all (self->index_box);
      return;
    }
  /* Refused (no story mentions it yet) or answered: one list either way. */
  show_coverage (self, node && json_object_has_member (json_node_get_object (node), "stories")
                         ? json_object_get_array_member (json_node_get_object (node), "stories") : NULL);
  if (node == NULL || (pts = json_object_get_member (json_node_get_object (node), "points")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (pts))
    return;
  points = json_node_get_array (pts);
  n = json_array_get_length (points);
  /* The weeks with coverage (the index leaves the others out), and the
   * span they cover, at most the last TIMELINE_WEEKS weeks. */
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
  weeks = (last - first) / 7 + 1;
  self->points = g_array_sized_new (FALSE, TRUE, sizeof (guint), weeks);
  g_array_set_size (self->points, weeks);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *pn = json_array_get_element (points, i);
      JsonObject *po;
      GDate day;
      guint32 j;
      gint64 c;

      if (!JSON_NODE_HOLDS_OBJECT (pn) || !parse_day (member_string ((po = json_node_get_object (pn)), "start"), &day))
        continue;
      j = g_date_get_julian (&day);
      c = json_object_get_int_member_with_default (po, "count", 0);
      if (j < first || c <= 0)
        continue;
      g_array_index (self->points, guint, (j - first) / 7) += (guint) MIN (c, 1000000);
      total += (guint) MIN (c, 1000000);
    }
  g_date_clear (&self->first_week, 1);
  g_date_set_julian (&self->first_week, first);
  summary = g_strdup_printf ("In your index: %u %s in %u %s, per week",
                             total, total == 1 ? "story" : "stories", weeks, weeks == 1 ? "week" : "weeks");
  gtk_box_pack_start (GTK_BOX (self->index_box), heading (summary), FALSE, FALSE, 0);
  self->timeline = gtk_drawing_area_new ();
  gtk_widget_set_size_request (self->timeline, 300, 72);
  g_signal_connect (self->timeline, "draw", G_CALLBACK (draw_timeline), self);
  gtk_box_pack_start (GTK_BOX (self->index_box), self->timeline, FALSE, FALSE, 0);
  gtk_widget_show_all (self->index_box);
}

/* --- No page tooltip over the card --------------------------------------- */

/* The page's tooltips (a highlight's "Name · Type") would open over the
 * card, which sits just below the highlight: none while the card shows. */
static gboolean
on_view_query_tooltip (GtkWidget  *view,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       TlCard     *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    g_signal_stop_emission_by_name (view, "query-tooltip");
  return FALSE;
}

static void
on_card_map (GtkWidget *card,
             GtkWidget *view)
{
  gtk_widget_trigger_tooltip_query (view);   /* hides one already showing */
}

/* --- Building ------------------------------------------------------------------- */

GtkWidget *
tl_card_new (GtkWidget     *relative_to,
             GdkRectangle  *pointing_to,
             TlAnalysis    *analysis,
             guint          entity,
             TlIndexClient *client,
             const char    *story_url)
{
  TlCard *self = g_object_new (TL_TYPE_CARD, "relative-to", relative_to, "position", GTK_POS_BOTTOM, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  guint n_entities, n_mentions, n_attr, count = 0, shown = 0;
  const TlEntity *entities = tl_analysis_get_entities (analysis, &n_entities);
  const TlEntity *e = &entities[entity];
  const TlMention *mentions = tl_analysis_get_mentions (analysis, &n_mentions);
  const TlAttribution *attr = tl_analysis_get_attributions (analysis, &n_attr);
  gsize text_len;
  const char *text = tl_analysis_get_text (analysis, &text_len);
  g_autofree char *key = tl_analysis_get_entity_key (analysis, entity);
  g_autoptr(GString) sub = g_string_new (tl_entity_type_label (e->type));
  GtkWidget *name;

  self->story_url = g_strdup (story_url);
  self->tooltip_id = g_signal_connect (relative_to, "query-tooltip", G_CALLBACK (on_view_query_tooltip), self);
  g_signal_connect (self, "map", G_CALLBACK (on_card_map), relative_to);
  gtk_popover_set_pointing_to (GTK_POPOVER (self), pointing_to);
  gtk_container_set_border_width (GTK_CONTAINER (box), 10);
  name = label (e->name, NULL, TRUE);
  {
    PangoAttrList *attrs = pango_attr_list_new ();
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    pango_attr_list_insert (attrs, pango_attr_scale_new (1.2));
    gtk_label_set_attributes (GTK_LABEL (name), attrs);
    pango_attr_list_unref (attrs);
  }
  gtk_box_pack_start (GTK_BOX (box), name, FALSE, FALSE, 0);
  if (e->kb && e->kb->country)
    {
      g_autofree char *cc = g_ascii_strup (e->kb->country, -1);
      g_string_append_printf (sub, " · %s", cc);
    }
  g_string_append (sub, e->kb ? "" : " · found by context, not in the knowledge base");
  gtk_box_pack_start (GTK_BOX (box), label (sub->str, "dim-label", TRUE), FALSE, FALSE, 0);
  if (e->kb && e->kb->description)
    gtk_box_pack_start (GTK_BOX (box), label (e->kb->description, NULL, TRUE), FALSE, FALSE, 0);
  if (e->kb && e->kb->aliases && e->kb->aliases[0])
    {
      g_autoptr(GString) al = g_string_new ("Also: ");
      for (guint i = 0; e->kb->aliases[i] && i < 6; i++)
        g_string_append_printf (al, "%s%s", i ? ", " : "", e->kb->aliases[i]);
      gtk_box_pack_start (GTK_BOX (box), label (al->str, "dim-label", TRUE), FALSE, FALSE, 0);
    }
  if (e->kb && e->kb->wikidata)
    {
      g_autofree char *uri = g_strdup_printf ("https://www.wikidata.org/wiki/%s", e->kb->wikidata);
      g_autofree char *text_w = g_strdup_printf ("Wikidata %s", e->kb->wikidata);
      gtk_box_pack_start (GTK_BOX (box), link_button (self, uri, text_w), FALSE, FALSE, 0);
    }

  /* Where it appears in this story. */
  for (guint i = 0; i < n_mentions; i++)
    count += mentions[i].entity == entity;
  {
    g_autofree char *where = g_strdup_printf ("In this story: %u mention%s", count, count == 1 ? "" : "s");
    gtk_box_pack_start (GTK_BOX (box), heading (where), FALSE, FALSE, 0);
  }
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
        gtk_box_pack_start (GTK_BOX (box), label (line, "dim-label", TRUE), FALSE, FALSE, 0);
        shown++;
      }

  /* What it said in this story. */
  shown = 0;
  for (guint i = 0; i < n_attr; i++)
    if (attr[i].entity == (gint) entity && shown < 4)
      {
        g_autofree char *cue = g_strndup (text + attr[i].cue.start, attr[i].cue.end - attr[i].cue.start);
        g_autofree char *content = shorten (text + attr[i].content.start,
                                            attr[i].content.end - attr[i].content.start, 160);
        g_autofree char *line = g_strdup_printf ("%s: %s%s%s", cue, attr[i].direct ? "“" : "", content,
                                                 attr[i].direct ? "”" : "");
        if (shown++ == 0)
          gtk_box_pack_start (GTK_BOX (box), heading ("What it said here"), FALSE, FALSE, 0);
        gtk_box_pack_start (GTK_BOX (box), label (line, NULL, TRUE), FALSE, FALSE, 0);
      }

  /* From the index, when it answers. */
  self->index_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_object_add_weak_pointer (G_OBJECT (self->index_box), (gpointer *) &self->index_box);
  gtk_box_pack_start (GTK_BOX (box), self->index_box, FALSE, FALSE, 0);
  if (client != NULL)
    {
      GtkWidget *wait = label ("Looking in your index…", "dim-label", FALSE);

      g_object_set_data (G_OBJECT (wait), "placeholder", GINT_TO_POINTER (1));
      gtk_box_pack_start (GTK_BOX (self->index_box), wait, FALSE, FALSE, 0);
      tl_index_client_timeline_async (client, key, "week", self->cancel, on_timeline, g_object_ref (self));
    }
  gtk_container_add (GTK_CONTAINER (self), box);
  gtk_widget_show_all (box);
  /* Escape closes a GtkPopover; it takes focus so the keyboard works. */
  return GTK_WIDGET (self);
}
