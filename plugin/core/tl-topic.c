/* tl-topic.c — is the story mainly about telecom security?
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A small, explainable linear model over three kinds of evidence, with all
 * terms and weights in data/topic.json:
 *   telecom  — networks, operators, vendors, technologies;
 *   security — espionage, breaches, bans of high-risk vendors, interception,
 *              threat actors, CVEs;
 *   offtopic — what shares the vocabulary without being the subject: phone
 *              launches, tariffs and prices, earnings, trade talks,
 *              attacks on hospitals and schools.
 * Each group saturates (f(x) = 1 − e^(−x/k)); a story needs both telecom and
 * security evidence (an interaction term) and loses to off-topic evidence.
 * Terms in the headline count more; evidence is scaled down with length so
 * a passing mention in a long story weighs less. The strongest terms come
 * back as signals, so a reader can see why.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-topic-private.h"
#include "tl-matcher-private.h"
#include "tl-lexicon-private.h"

#include <math.h>
#include <string.h>

enum { G_TELECOM, G_SECURITY, G_OFFTOPIC, N_GROUPS };
static const char *const group_names[N_GROUPS] = { "telecom", "security", "offtopic" };

typedef struct {
  char   *term;
  guint   group;
  double  weight;
} Term;

struct _TlTopicModel {
  TlMatcher *matcher;
  GArray    *terms;     /* Term */
  double     threshold;
  double     bias;
  double     w[N_GROUPS];
  double     w_both;
  double     saturation[N_GROUPS];
  double     title_factor;
  double     length_unit;
  gint       entity_group[TL_N_ENTITY_TYPES];   /* -1 when unused */
  double     entity_weight[TL_N_ENTITY_TYPES];
};

static void
term_clear (gpointer data)
{
  g_free (((Term *) data)->term);
}

void
_tl_topic_model_free (TlTopicModel *model)
{
  if (model == NULL)
    return;
  g_clear_pointer (&model->matcher, _tl_matcher_free);
  g_clear_pointer (&model->terms, g_array_unref);
  g_free (model);
}

static gint
group_index (const char *name)
{
  for (guint g = 0; g < N_GROUPS; g++)
    if (g_strcmp0 (name, group_names[g]) == 0)
      return (gint) g;
  return -1;
}

static double
member_double (JsonObject *obj,
               const char *member,
               double      fallback)
{
  return obj && json_object_has_member (obj, member)
    ? json_object_get_double_member (obj, member) : fallback;
}

TlTopicModel *
_tl_topic_model_load (GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  TlTopicModel *model;
  JsonObject *root, *groups, *weights, *sat, *ents;

  if ((root = _tl_json_resource_object (parser, "topic.json", error)) == NULL)
    return NULL;
  groups = json_object_get_object_member (root, "groups");
  if (groups == NULL)
    {
      g_set_error (error, TL_ANALYZER_ERROR, TL_ANALYZER_ERROR_LEXICON,
                   "topic.json: expected an object with “groups”");
      return NULL;
    }
  weights = json_object_get_object_member (root, "weights");
  sat = json_object_get_object_member (root, "saturation");
  ents = json_object_get_object_member (root, "entity_weights");

  model = g_new0 (TlTopicModel, 1);
  model->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (model->terms, term_clear);
  model->matcher = _tl_matcher_new ();
  model->threshold = member_double (root, "threshold", 0.5);
  model->bias = member_double (root, "bias", 0.0);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      model->w[g] = member_double (weights, group_names[g], 1.0);
      model->saturation[g] = MAX (0.1, member_double (sat, group_names[g], 4.0));
    }
  model->w_both = member_double (weights, "both", 0.0);
  model->title_factor = member_double (root, "title_factor", 1.0);
  model->length_unit = MAX (1.0, member_double (root, "length_unit_words", 400));

  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    {
      JsonArray *pair = ents && json_object_has_member (ents, tl_entity_type_to_string (t))
        ? json_object_get_array_member (ents, tl_entity_type_to_string (t)) : NULL;
      model->entity_group[t] = pair ? group_index (json_array_get_string_element (pair, 0)) : -1;
      model->entity_weight[t] = pair ? json_array_get_double_element (pair, 1) : 0.0;
    }

  for (guint g = 0; g < N_GROUPS; g++)
    {
      JsonObject *terms = json_object_get_object_member (groups, group_names[g]);
      g_autoptr(GList) names = terms ? json_object_get_members (terms) : NULL;

      for (GList *l = names; l; l = l->next)
        {
          Term term = { g_utf8_strdown (l->data, -1), g,
                        json_object_get_double_member (terms, l->data) };
          _tl_matcher_add (model->matcher, term.term, strlen (term.term), model->terms->len);
          g_array_append_val (model->terms, term);
        }
    }
  _tl_matcher_compile (model->matcher);
  return model;
}

double
_tl_topic_model_get_threshold (TlTopicModel *model)
{
  return model->threshold;
}

void
_tl_topic_model_set_threshold (TlTopicModel *model,
                               double        threshold)
{
  model->threshold = CLAMP (threshold, 0.0, 1.0);
}

typedef struct {
  const char *text;
  gsize       len;
  gsize       title_end;
  guint      *counts;
  gboolean   *in_title;
  const Term *terms;
} Hits;

static gboolean
is_word_byte_at (const char *t,
                 gsize       len,
                 gsize       i)
{
  return i < len && (g_ascii_isalnum (t[i]) || (guchar) t[i] >= 0x80);
}

static gboolean
on_term (const TlMatch *m,
         gpointer       user_data)
{
  Hits *h = user_data;

  if ((m->start > 0 && is_word_byte_at (h->text, h->len, m->start - 1)) ||
      is_word_byte_at (h->text, h->len, m->end))
    return TRUE;
  h->counts[m->pattern]++;
  if (m->start < h->title_end)
    h->in_title[m->pattern] = TRUE;
  return TRUE;
}

static int
signal_cmp (gconstpointer a,
            gconstpointer b)
{
  double x = ((const TlTopicSignal *) a)->weight, y = ((const TlTopicSignal *) b)->weight;
  return (x < y) - (x > y);
}

void
_tl_topic_score (TlTopicModel *model,
                 TlAnalysis   *analysis)
{
  const char *text = analysis->text->str->str;
  gsize len = analysis->text->str->len;
  const char *nl = memchr (text, '\n', len);
  guint n_terms = model->terms->len;
  g_autofree guint *counts = g_new0 (guint, n_terms);
  g_autofree gboolean *in_title = g_new0 (gboolean, n_terms);
  Hits hits = { text, len, nl ? (gsize) (nl - text) : len, counts, in_title,
                (const Term *) (gpointer) model->terms->data };
  g_autoptr(GArray) contrib = g_array_new (FALSE, TRUE, sizeof (TlTopicSignal));
  guint type_mentions[TL_N_ENTITY_TYPES] = { 0 };
  double sum[N_GROUPS] = { 0 }, f[N_GROUPS], logit, scale;
  guint words = 0;

  /* Headlines that are the whole story (one line) get no title bonus. */
  if (hits.title_end >= len)
    hits.title_end = 0;
  for (gsize i = 0; i < len; i++)
    words += (text[i] == ' ' || text[i] == '\n') && i + 1 < len && text[i + 1] != ' ' && text[i + 1] != '\n';
  _tl_matcher_scan (model->matcher, text, len, on_term, &hits);

  for (guint k = 0; k < n_terms; k++)
    {
      const Term *term = &g_array_index (model->terms, Term, k);
      TlTopicSignal s;
      double c;

      if (counts[k] == 0)
        continue;
      /* Diminishing returns per term; one extra weight when in the headline. */
      c = term->weight * (1.0 + log (counts[k]) + (in_title[k] ? model->title_factor - 1.0 : 0.0));
      sum[term->group] += c;
      s.name = g_strdup_printf ("%s: %s ×%u%s", group_names[term->group], term->term, counts[k],
                                in_title[k] ? " (headline)" : "");
      s.weight = term->group == G_OFFTOPIC ? -c : c;
      g_array_append_val (contrib, s);
    }
  for (guint i = 0; i < analysis->mentions->len; i++)
    {
      const TlMention *m = &g_array_index (analysis->mentions, TlMention, i);
      type_mentions[g_array_index (analysis->entities, TlEntity, m->entity).type]++;
    }
  for (guint t = 0; t < TL_N_ENTITY_TYPES; t++)
    if (type_mentions[t] > 0 && model->entity_group[t] >= 0)
      {
        double c = model->entity_weight[t] * (1.0 + log (type_mentions[t]));
        TlTopicSignal s = { g_strdup_printf ("%s: %s mentions ×%u", group_names[model->entity_group[t]],
                                             tl_entity_type_to_string (t), type_mentions[t]), c };
        sum[model->entity_group[t]] += c;
        g_array_append_val (contrib, s);
      }

  /* Long stories need proportionally more evidence, but not linearly. */
  scale = sqrt (MAX (1.0, words / model->length_unit));
  for (guint g = 0; g < N_GROUPS; g++)
    f[g] = 1.0 - exp (-(sum[g] / scale) / model->saturation[g]);
  logit = model->bias + model->w[G_TELECOM] * f[G_TELECOM] + model->w[G_SECURITY] * f[G_SECURITY] +
          model->w_both * f[G_TELECOM] * f[G_SECURITY] - model->w[G_OFFTOPIC] * f[G_OFFTOPIC];
  analysis->topic_score = 1.0 / (1.0 + exp (-logit));
  analysis->topic = analysis->topic_score >= model->threshold;

  g_array_sort (contrib, signal_cmp);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      TlTopicSignal s = { g_strdup_printf ("group: %s %.2f of 1", group_names[g], f[g]),
                          g == G_OFFTOPIC ? -f[g] : f[g] };
      g_array_append_val (analysis->signals, s);
    }
  for (guint i = 0; i < contrib->len; i++)
    {
      TlTopicSignal *s = &g_array_index (contrib, TlTopicSignal, i);
      if (i < 8)
        g_array_append_val (analysis->signals, *s);
      else
        g_free (s->name);
    }
}
