/* tl-analysis-html.c — a standalone page that shows a story's cast
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Everything from the story is escaped; the page has no script, so a
 * hostile story cannot run code in whatever shows it.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-analysis-private.h"

#include <string.h>

static const char page_style[] =
  ":root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fbfbf8;--muted:#5f6368;--rule:#d9d9d4}\n"
  "@media (prefers-color-scheme:dark){:root{--fg:#e8e6e3;--bg:#1e1f22;--muted:#a0a4aa;--rule:#3a3c40}}\n"
  "body{font:17px/1.6 Georgia,'DejaVu Serif',serif;color:var(--fg);background:var(--bg);"
  "max-width:46rem;margin:2rem auto;padding:0 1rem}\n"
  "h1{font:600 1.5rem/1.3 system-ui,sans-serif}h2{font:600 1.05rem system-ui,sans-serif;"
  "margin-top:2rem;border-bottom:1px solid var(--rule)}\n"
  ".meta,.legend,table{font:14px/1.5 system-ui,sans-serif}.meta{color:var(--muted)}\n"
  ".legend span{display:inline-block;margin:0 .4rem .3rem 0}\n"
  "mark{color:inherit;border-radius:3px;padding:0 .1em;border-bottom:2px solid}\n"
  ".t-vendor{background:#fde3cc;border-color:#d9731a}.t-operator{background:#d8eaff;border-color:#2f6fc0}\n"
  ".t-government{background:#e7defc;border-color:#7150c4}.t-organization{background:#e6e6e6;border-color:#7a7a7a}\n"
  ".t-media{background:#fbf0bf;border-color:#b5920c}.t-person{background:#d5f3dc;border-color:#2f9a4c}\n"
  ".t-place{background:#d2f0ee;border-color:#1f918a}.t-technology{background:#fde0ed;border-color:#c2447c}\n"
  ".t-threat{background:#ffd5d2;border-color:#c8302a}.t-law{background:#efe5d3;border-color:#94703a}\n"
  ".t-vulnerability{background:#ffd5d2;border-color:#c8302a;font-weight:600}\n"
  "@media (prefers-color-scheme:dark){mark{background:transparent!important}\n"
  ".t-vendor{background:#4a3020!important}.t-operator{background:#1f3350!important}"
  ".t-government{background:#352a52!important}.t-organization{background:#38393b!important}"
  ".t-media{background:#46401c!important}.t-person{background:#1f4029!important}"
  ".t-place{background:#17403d!important}.t-technology{background:#4a2234!important}"
  ".t-threat,.t-vulnerability{background:#55201e!important}.t-law{background:#44392a!important}}\n"
  "table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;"
  "border-bottom:1px solid var(--rule);vertical-align:top}th{color:var(--muted);font-weight:500}\n"
  ".st{text-decoration-line:underline;text-decoration-thickness:2px;text-underline-offset:.3em}\n"
  ".s0{text-decoration-color:#1a73e8}.s1{text-decoration-color:#e8710a}.s2{text-decoration-color:#188038}"
  ".s3{text-decoration-color:#a142f4}.s4{text-decoration-color:#d01884}.s5{text-decoration-color:#12b5cb}"
  ".s6{text-decoration-color:#9e6c00}.s7{text-decoration-color:#5f6368}\n"
  ".chip{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em;vertical-align:-.05em}\n"
  ".c0{background:#1a73e8}.c1{background:#e8710a}.c2{background:#188038}.c3{background:#a142f4}"
  ".c4{background:#d01884}.c5{background:#12b5cb}.c6{background:#9e6c00}.c7{background:#5f6368}\n"
  ".sources{font:14px/1.5 system-ui,sans-serif;border:1px solid var(--rule);border-radius:6px;padding:.5rem .8rem}\n"
  ".sources ul{margin:.3rem 0;padding-left:1.1rem;list-style:none}.sources li{margin:.1rem 0}\n"
  ".flag{color:#b3261e;font-weight:600}\n"
  ".kind-anonymous,.kind-role{color:#b3261e;font-weight:600}\n"
  "p.story{white-space:pre-wrap}\n";

static void
append_escaped (GString    *out,
                const char *s,
                gssize      len)
{
  g_autofree char *esc = g_markup_escape_text (s, len);
  g_string_append (out, esc);
}

typedef struct {
  guint pos;
  gint  delta;   /* +1 opens, -1 closes */
  guint index;   /* statement index */
} Edge;

static int
edge_cmp (gconstpointer a,
          gconstpointer b)
{
  const Edge *x = a, *y = b;
  if (x->pos != y->pos)
    return x->pos < y->pos ? -1 : 1;
  return x->delta - y->delta;   /* close before open */
}

static void
append_segment (TlAnalysis *self,
                GString    *out,
                guint       from,
                guint       to,
                const gint *active,
                guint       n_active,
                TlSources  *src)
{
  const char *text = self->text->str->str;
  gint inner = -1;

  if (from >= to)
    return;
  /* The innermost statement (latest start) gives the underline colour;
   * the tooltip names every statement the words belong to. */
  for (guint k = 0; k < n_active; k++)
    if (inner < 0 || g_array_index (self->attributions, TlAttribution, active[k]).content.start >=
                     g_array_index (self->attributions, TlAttribution, inner).content.start)
      inner = active[k];
  if (inner >= 0)
    {
      g_string_append_printf (out, "<span class=\"st s%u\" title=\"", tl_sources_get_source_of (src, inner) % 8);
      for (guint k = 0; k < n_active; k++)
        {
          const TlAttribution *a = &g_array_index (self->attributions, TlAttribution, active[k]);
          const TlSource *row = tl_sources_get_source (src, tl_sources_get_source_of (src, active[k]));
          g_string_append (out, k ? " · " : "");
          append_escaped (out, row->name, -1);
          g_string_append_printf (out, " (%s, ", tl_source_kind_to_string (row->kind));
          append_escaped (out, text + a->cue.start, a->cue.end - a->cue.start);
          g_string_append (out, ")");
        }
      g_string_append (out, "\">");
    }
  append_escaped (out, text + from, to - from);
  if (inner >= 0)
    g_string_append (out, "</span>");
}

/* The text is cut at every mention and statement boundary; each piece is
 * wrapped on its own, so overlapping and nested spans never mis-nest. */
static void
append_story (TlAnalysis      *self,
              GString         *out,
              TlSources  *src)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autofree gint *active = g_new0 (gint, self->attributions->len + 1);
  guint n_active = 0, pos = 0, e = 0;
  gsize len = self->text->str->len;

  for (guint i = 0; i < self->attributions->len; i++)
    {
      const TlAttribution *a = &g_array_index (self->attributions, TlAttribution, i);
      Edge open = { a->content.start, +1, i }, close = { a->content.end, -1, i };
      g_array_append_val (edges, open);
      g_array_append_val (edges, close);
    }
  g_array_sort (edges, edge_cmp);

  g_string_append (out, "<p class=\"story\">");
  for (guint i = 0; i <= self->mentions->len; i++)
    {
      const TlMention *m = i < self->mentions->len ? &g_array_index (self->mentions, TlMention, i) : NULL;
      guint stop = m ? m->start : (guint) len;

      /* Plain text up to the mention, cut at statement edges. */
      for (;;)
        {
          guint cut = stop;
          while (e < edges->len && g_array_index (edges, Edge, e).pos <= pos)
            {
              const Edge *ed = &g_array_index (edges, Edge, e++);
              if (ed->delta > 0)
                active[n_active++] = (gint) ed->index;
              else
                for (guint k = 0; k < n_active; k++)
                  if (active[k] == (gint) ed->index)
                    {
                      active[k] = active[--n_active];
                      break;
                    }
            }
          if (e < edges->len && g_array_index (edges, Edge, e).pos < stop)
            cut = g_array_index (edges, Edge, e).pos;
          append_segment (self, out, pos, cut, active, n_active, src);
          pos = cut;
          if (cut == stop)
            break;
        }
      if (m == NULL)
        break;
      {
        const TlEntity *ent = &g_array_index (self->entities, TlEntity, m->entity);
        g_string_append_printf (out, "<mark class=\"t-%s\" title=\"", tl_entity_type_to_string (ent->type));
        append_escaped (out, ent->name, -1);
        g_string_append_printf (out, " · %s", tl_entity_type_label (ent->type));
        if (ent->kb && ent->kb->description)
          {
            g_string_append (out, " · ");
            append_escaped (out, ent->kb->description, -1);
          }
        g_string_append (out, "\">");
        append_segment (self, out, m->start, m->end, active, n_active, src);
        g_string_append (out, "</mark>");
        pos = m->end;
      }
    }
  g_string_append (out, "</p>\n");
}

/* Who the story rests on, before the story itself. */
static void
append_sources_summary (TlAnalysis      *self,
                        GString         *out,
                        TlSources  *src)
{
  guint upstream_refs;
  gint upstream = tl_sources_get_upstream (src, &upstream_refs);
  guint n_unnamed = tl_sources_get_unnamed_statements (src);

  if (tl_sources_get_n_sources (src) == 0)
    {
      g_string_append (out, "<div class=\"sources\">No attributed statements.</div>\n");
      return;
    }
  g_string_append_printf (out, "<div class=\"sources\"><b>Sources</b> · %u statements",
                          self->attributions->len);
  if (n_unnamed > 0)
    g_string_append_printf (out, " · <span class=\"flag\">%u from unnamed sources (%.0f%%)</span>",
                            n_unnamed, 100.0 * n_unnamed / self->attributions->len);
  if (upstream >= 0)
    {
      g_string_append (out, " · leans on ");
      append_escaped (out, g_array_index (self->entities, TlEntity, upstream).name, -1);
      g_string_append_printf (out, " (%u references)", upstream_refs);
    }
  g_string_append (out, "<ul>");
  for (guint i = 0; i < tl_sources_get_n_sources (src); i++)
    {
      const TlSource *r = tl_sources_get_source (src, i);
      gboolean unnamed = r->kind == TL_SOURCE_ROLE || r->kind == TL_SOURCE_ANONYMOUS;

      g_string_append_printf (out, "<li><span class=\"chip c%u\"></span>", i % 8);
      append_escaped (out, r->name, -1);
      g_string_append_printf (out, " — <span class=\"kind-%s\">%s%s</span>, %u statement%s (%u quoted)</li>",
                              tl_source_kind_to_string (r->kind),
                              unnamed ? "unnamed: " : "", tl_source_kind_to_string (r->kind),
                              r->count, r->count == 1 ? "" : "s", r->direct);
    }
  g_string_append (out, "</ul></div>\n");
}

static void
append_legend (TlAnalysis *self,
               GString    *out)
{
  guint counts[TL_N_ENTITY_TYPES] = { 0 };

  for (guint i = 0; i < self->mentions->len; i++)
    {
      const TlMention *m = &g_array_index (self->mentions, TlMention, i);
      counts[g_array_index (self->entities, TlEntity, m->entity).type]++;
    }
  g_string_append (out, "<p class=\"legend\">");
  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    if (counts[t] > 0)
      g_string_append_printf (out, "<span><mark class=\"t-%s\">%s</mark> %u</span>",
                              tl_entity_type_to_string (t), tl_entity_type_label (t), counts[t]);
  g_string_append (out, "</p>\n");
}

static int
entity_order (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const TlEntity *entities = user_data;
  const TlEntity *ea = &entities[*(const guint *) a];
  const TlEntity *eb = &entities[*(const guint *) b];

  if (ea->type != eb->type)
    return (int) ea->type - (int) eb->type;
  if (ea->mentions->len != eb->mentions->len)
    return (int) eb->mentions->len - (int) ea->mentions->len;
  return g_utf8_collate (ea->name, eb->name);
}

static void
append_cast (TlAnalysis *self,
             GString    *out)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->entities->len; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, entity_order, self->entities->data);

  g_string_append (out, "<h2>Cast</h2>\n<table><tr><th>Name</th><th>Type</th>"
                        "<th>Mentions</th><th>About</th></tr>\n");
  for (guint k = 0; k < order->len; k++)
    {
      const TlEntity *e = &g_array_index (self->entities, TlEntity, g_array_index (order, guint, k));

      g_string_append_printf (out, "<tr><td><mark class=\"t-%s\">", tl_entity_type_to_string (e->type));
      append_escaped (out, e->name, -1);
      g_string_append_printf (out, "</mark></td><td>%s</td><td>%u</td><td>",
                              tl_entity_type_label (e->type), e->mentions->len);
      if (e->kb && e->kb->description)
        append_escaped (out, e->kb->description, -1);
      else if (e->kb == NULL)
        g_string_append (out, "<i>not in the knowledge base (found by context)</i>");
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</table>\n");
}

static void
append_sources (TlAnalysis *self,
                GString    *out)
{
  const char *text = self->text->str->str;

  if (self->attributions->len == 0)
    return;
  g_string_append (out, "<h2>Who said what</h2>\n<table><tr><th>Source</th><th>Kind</th>"
                        "<th>Cue</th><th>Statement</th></tr>\n");
  for (guint i = 0; i < self->attributions->len; i++)
    {
      const TlAttribution *a = &g_array_index (self->attributions, TlAttribution, i);
      const char *kind = tl_source_kind_to_string (a->kind);

      g_string_append (out, "<tr><td>");
      append_escaped (out, text + a->source.start, a->source.end - a->source.start);
      if (a->entity >= 0 || a->resolved)
        {
          const char *who = a->entity >= 0
            ? g_array_index (self->entities, TlEntity, a->entity).name : a->resolved;
          g_string_append (out, " <span class=\"meta\">(");
          append_escaped (out, who, -1);
          g_string_append (out, ")</span>");
        }
      g_string_append_printf (out, "</td><td class=\"kind-%s\">%s</td><td>", kind, kind);
      append_escaped (out, text + a->cue.start, a->cue.end - a->cue.start);
      g_string_append (out, "</td><td>");
      if (a->direct)
        g_string_append (out, "“");
      append_escaped (out, text + a->content.start, a->content.end - a->content.start);
      if (a->direct)
        g_string_append (out, "”");
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</table>\n");
}

/**
 * tl_analysis_to_html:
 * @self: a #TlAnalysis
 *
 * Returns: (transfer full): a standalone HTML page with the story
 *   highlighted by entity type, a legend and the list of entities
 */
char *
tl_analysis_to_html (TlAnalysis *self)
{
  GString *out = g_string_new (NULL);
  const char *title = self->text->title;
  g_autoptr(TlSources) src = NULL;
  g_autofree char *first_line = NULL;

  g_return_val_if_fail (TL_IS_ANALYSIS (self), NULL);

  if (title == NULL)
    {
      const char *t = self->text->str->str;
      const char *nl = strchr (t, '\n');
      first_line = g_strndup (t, MIN (nl ? (gsize) (nl - t) : strlen (t), 200));
      title = first_line;
    }
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "style-src 'unsafe-inline'\">\n<title>Telelens · ");
  append_escaped (out, title, -1);
  g_string_append_printf (out, "</title>\n<style>\n%s</style></head><body>\n<h1>", page_style);
  append_escaped (out, title, -1);
  g_string_append_printf (out, "</h1>\n<p class=\"meta\">Telelens · %s (score %.2f) · "
                               "%u entities, %u mentions · %u attributed statements</p>\n",
                          self->topic ? "about telecom security"
                          : self->topic_possible ? "possibly about telecom security" : "not about telecom security",
                          self->topic_score, self->entities->len, self->mentions->len,
                          self->attributions->len);
  src = tl_sources_new (self);
  append_sources_summary (self, out, src);
  append_legend (self, out);
  append_story (self, out, src);
  append_sources (self, out);
  append_cast (self, out);
  g_string_append (out, "</body></html>\n");
  return g_string_free (out, FALSE);
}
