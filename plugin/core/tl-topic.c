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
  char     *term;
  guint     group;
  double    weight;
  gboolean  allegation;  /* denied, it is still the story: "no security risk" */
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
  /* A sentence where a security term meets a telecom actor. */
  double     actor_weight[TL_N_ENTITY_TYPES];
  gboolean   authority[TL_N_ENTITY_TYPES];  /* a government acting ("… banned the vendor") */
  double     authority_factor;
  double     pair_min;
  double     pair_saturation;
  double     w_pair;
  double     lower_bound;
  GPtrArray *negations;       /* lower-case cues */
  gsize      negation_window; /* bytes before a term */
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
  g_clear_pointer (&model->negations, g_ptr_array_unref);
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
  JsonObject *root, *groups, *weights, *sat, *ents, *actors, *pair;
  JsonArray *allegations;
  JsonArray *negations, *authorities;

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
  pair = json_object_get_object_member (root, "sentence_pairs");
  actors = pair ? json_object_get_object_member (pair, "actors") : NULL;
  authorities = pair && json_object_has_member (pair, "authorities")
    ? json_object_get_array_member (pair, "authorities") : NULL;
  negations = json_object_has_member (root, "negations") ? json_object_get_array_member (root, "negations") : NULL;

  model = g_new0 (TlTopicModel, 1);
  model->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (model->terms, term_clear);
  model->matcher = _tl_matcher_new ();
  model->threshold = member_double (root, "threshold", 0.5);
  model->lower_bound = CLAMP (member_double (root, "possible_from", model->threshold), 0.0, 1.0);
  model->pair_min = member_double (pair, "min_weight", 0.8);
  model->pair_saturation = MAX (0.1, member_double (pair, "saturation", 4.0));
  model->w_pair = member_double (pair, "weight", 0.0);
  model->authority_factor = member_double (pair, "authority_factor", 1.0);
  model->negation_window = (gsize) MAX (0.0, member_double (root, "negation_window_bytes", 40));
  model->negations = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; negations && i < json_array_get_length (negations); i++)
    g_ptr_array_add (model->negations, g_utf8_strdown (json_array_get_string_element (negations, i), -1));
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
      JsonArray *ew = ents && json_object_has_member (ents, tl_entity_type_to_string (t))
        ? json_object_get_array_member (ents, tl_entity_type_to_string (t)) : NULL;
      model->entity_group[t] = ew ? group_index (json_array_get_string_element (ew, 0)) : -1;
      model->entity_weight[t] = ew ? json_array_get_double_element (ew, 1) : 0.0;
      model->actor_weight[t] = member_double (actors, tl_entity_type_to_string (t), 0.0);
      model->authority[t] = FALSE;
      for (guint i = 0; authorities && i < json_array_get_length (authorities); i++)
        if (g_strcmp0 (json_array_get_string_element (authorities, i), tl_entity_type_to_string (t)) == 0)
          model->authority[t] = TRUE;
    }

  allegations = json_object_has_member (root, "allegations") ? json_object_get_array_member (root, "allegations") : NULL;
  for (guint g = 0; g < N_GROUPS; g++)
    {
      JsonObject *terms = json_object_get_object_member (groups, group_names[g]);
      g_autoptr(GList) names = terms ? json_object_get_members (terms) : NULL;

      for (GList *l = names; l; l = l->next)
        {
          Term term = { g_utf8_strdown (l->data, -1), g,
                        json_object_get_double_member (terms, l->data), FALSE };

          for (guint i = 0; allegations && i < json_array_get_length (allegations); i++)
            if (g_ascii_strcasecmp (json_array_get_string_element (allegations, i), term.term) == 0)
              term.allegation = TRUE;
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

double
_tl_topic_model_get_lower_bound (TlTopicModel *model)
{
  return model->lower_bound;
}

void
_tl_topic_model_set_lower_bound (TlTopicModel *model,
                                 double        lower_bound)
{
  model->lower_bound = CLAMP (lower_bound, 0.0, 1.0);
}

/* One term occurrence, in text order. */
typedef struct {
  guint start;
  guint term;
} Hit;

typedef struct {
  const char *text;
  gsize       len;
  const guint8 *in_name;  /* per byte: inside an entity's name */
  GArray     *hits;       /* Hit */
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
  Hit hit = { m->start, m->pattern };

  if ((m->start > 0 && is_word_byte_at (h->text, h->len, m->start - 1)) ||
      is_word_byte_at (h->text, h->len, m->end))
    return TRUE;
  /* A term inside a name ("… Security Agency", "SK Telecom") is the name's
   * evidence, already counted by its entity type, not the story's. */
  if (h->in_name[m->start] && h->in_name[m->end - 1])
    return TRUE;
  g_array_append_val (h->hits, hit);
  return TRUE;
}

static int
hit_cmp (gconstpointer a,
         gconstpointer b)
{
  const Hit *x = a, *y = b;
  return (x->start > y->start) - (x->start < y->start);
}

static int
signal_cmp (gconstpointer a,
            gconstpointer b)
{
  double x = ((const TlTopicSignal *) a)->weight, y = ((const TlTopicSignal *) b)->weight;
  return (x < y) - (x > y);
}

/* Sentence ends: a newline, or . ! ? before a space and a capital, a
 * digit or a quote — but not the dot of a short capitalised abbreviation
 * ("ZTE Corp. said", "U.S. officials", "Mr. Ross"). */
static gboolean
ends_sentence (const char *t,
               gsize       len,
               gsize       i)
{
  gsize w = i;

  if (t[i] == '\n')
    return TRUE;
  if (!(t[i] == '.' || t[i] == '!' || t[i] == '?') || i + 2 >= len || t[i + 1] != ' ' ||
      g_ascii_islower (t[i + 2]))
    return FALSE;
  if (t[i] != '.')
    return TRUE;
  while (w > 0 && (g_ascii_isalpha (t[w - 1]) || t[w - 1] == '.'))
    w--;
  return !(i - w <= 4 && g_ascii_isupper (t[w]));
}

/* Is a security term at @start negated by what precedes it in its
 * sentence ("was not caused by a cyber attack", "rules out hacking")? */
static gboolean
is_negated (TlTopicModel *model,
            const char   *text,
            gsize         sentence_start,
            gsize         start)
{
  gsize from = start > sentence_start + model->negation_window ? start - model->negation_window : sentence_start;
  g_autofree char *window = g_ascii_strdown (text + from, start - from);

  for (guint i = 0; i < model->negations->len; i++)
    {
      const char *cue = g_ptr_array_index (model->negations, i);
      gsize n = strlen (cue);

      for (const char *p = strstr (window, cue); p; p = strstr (p + 1, cue))
        {
          gsize at = p - window;
          if ((at == 0 ? from == sentence_start || !is_word_byte_at (text, start, from - 1)
                       : !is_word_byte_at (window, start - from, at - 1)) &&
              !is_word_byte_at (window, start - from, at + n))
            return TRUE;
        }
    }
  return FALSE;
}

/* Is hit @h, or a hit starting where it does ("security" in "security
 * risk"), an allegation? */
static gboolean
allegation_at (TlTopicModel *model,
               GArray       *hits,
               guint         h)
{
  guint start = g_array_index (hits, Hit, h).start;

  for (guint k = h; k > 0 && g_array_index (hits, Hit, k - 1).start == start; k--)
    if (g_array_index (model->terms, Term, g_array_index (hits, Hit, k - 1).term).allegation)
      return TRUE;
  for (guint k = h; k < hits->len && g_array_index (hits, Hit, k).start == start; k++)
    if (g_array_index (model->terms, Term, g_array_index (hits, Hit, k).term).allegation)
      return TRUE;
  return FALSE;
}

typedef struct {
  guint    count;
  guint    negated;
  gboolean in_title;
} TermTally;

void
_tl_topic_score (TlTopicModel *model,
                 TlAnalysis   *analysis)
{
  const char *text = analysis->text->str->str;
  gsize len = analysis->text->str->len;
  const char *nl = memchr (text, '\n', len);
  gsize title_end = nl ? (gsize) (nl - text) : len;
  guint n_terms = model->terms->len;
  g_autofree TermTally *tally = g_new0 (TermTally, n_terms);
  g_autofree guint8 *in_name = g_malloc0 (len + 1);
  g_autoptr(GArray) hit_list = g_array_new (FALSE, FALSE, sizeof (Hit));
  Hits hits = { text, len, in_name, hit_list };
  g_autoptr(GArray) contrib = g_array_new (FALSE, TRUE, sizeof (TlTopicSignal));
  guint type_mentions[TL_N_ENTITY_TYPES] = { 0 };
  double sum[N_GROUPS] = { 0 }, f[N_GROUPS], logit, scale, pair_sum = 0.0, f_pair, threshold, lower_bound;
  guint words = 0, pairs = 0, h = 0, m = 0;
  double best_pair = 0.0;
  g_autofree char *best_pair_name = NULL;

  /* Headlines that are the whole story (one line) get no title bonus. */
  if (title_end >= len)
    title_end = 0;
  for (gsize i = 0; i < len; i++)
    words += (text[i] == ' ' || text[i] == '\n') && i + 1 < len && text[i + 1] != ' ' && text[i + 1] != '\n';
  for (guint i = 0; i < analysis->mentions->len; i++)
    {
      const TlMention *mn = &g_array_index (analysis->mentions, TlMention, i);
      type_mentions[g_array_index (analysis->entities, TlEntity, mn->entity).type]++;
      if (mn->end <= len && mn->start < mn->end)
        memset (in_name + mn->start, 1, mn->end - mn->start);
    }
  _tl_matcher_scan (model->matcher, text, len, on_term, &hits);
  g_array_sort (hit_list, hit_cmp);

  /* One pass over the sentences: tally each term (a negated security term
   * tallies as "ruled out"), and find the sentences where a security act
   * meets a telecom actor ("… banned the vendor …", "hackers breached the
   * carrier …", "the cable was severed"). */
  for (gsize s0 = 0; s0 < len;)
    {
      gsize s1 = s0;
      double tel = 0.0, sec = 0.0;
      guint best_tel = G_MAXUINT, best_sec = G_MAXUINT;
      gboolean by_authority = FALSE;

      while (s1 < len && !ends_sentence (text, len, s1))
        s1++;
      for (; h < hit_list->len && g_array_index (hit_list, Hit, h).start < s1; h++)
        {
          const Hit *hit = &g_array_index (hit_list, Hit, h);
          const Term *term = &g_array_index (model->terms, Term, hit->term);
          TermTally *t = &tally[hit->term];

          /* "Huawei said its kit posed no security risk": denying an
           * allegation keeps it the story; "no evidence of a cyberattack"
           * rules the attack out */
          if (term->group == G_SECURITY && !allegation_at (model, hit_list, h) && is_negated (model, text, s0, hit->start))
            {
              t->negated++;
              continue;
            }
          t->count++;
          if (hit->start < title_end)
            t->in_title = TRUE;
          if (term->group == G_TELECOM && term->weight > tel)
            tel = term->weight, best_tel = hit->term;
          else if (term->group == G_SECURITY && term->weight > sec)
            sec = term->weight, best_sec = hit->term;
        }
      for (; m < analysis->mentions->len && g_array_index (analysis->mentions, TlMention, m).start < s1; m++)
        {
          const TlMention *mn = &g_array_index (analysis->mentions, TlMention, m);
          TlEntityType type = g_array_index (analysis->entities, TlEntity, mn->entity).type;

          if (model->actor_weight[type] > tel)
            tel = model->actor_weight[type], best_tel = n_terms + type;
          if (model->entity_group[type] == G_SECURITY && model->entity_weight[type] > sec)
            sec = model->entity_weight[type], best_sec = n_terms + type;
          by_authority |= model->authority[type];
        }
      if (tel >= model->pair_min && sec >= model->pair_min)
        {
          double c = MIN (tel, sec) * (by_authority ? model->authority_factor : 1.0);
          pair_sum += c;
          pairs++;
          if (c > best_pair)
            {
              best_pair = c;
              g_free (best_pair_name);
              best_pair_name = g_strdup_printf ("%s + %s%s",
                                                best_sec < n_terms ? g_array_index (model->terms, Term, best_sec).term
                                                                   : tl_entity_type_to_string (best_sec - n_terms),
                                                best_tel < n_terms ? g_array_index (model->terms, Term, best_tel).term
                                                                   : tl_entity_type_to_string (best_tel - n_terms),
                                                by_authority ? " + a government" : "");
            }
        }
      s0 = s1 + 1;
    }

  for (guint k = 0; k < n_terms; k++)
    {
      const Term *term = &g_array_index (model->terms, Term, k);
      const TermTally *t = &tally[k];
      TlTopicSignal s;
      double c;

      if (t->count > 0)
        {
          /* Diminishing returns per term; one extra weight when in the headline. */
          c = term->weight * (1.0 + log (t->count) + (t->in_title ? model->title_factor - 1.0 : 0.0));
          sum[term->group] += c;
          s.name = g_strdup_printf ("%s: %s ×%u%s", group_names[term->group], term->term, t->count,
                                    t->in_title ? " (headline)" : "");
          s.weight = term->group == G_OFFTOPIC ? -c : c;
          g_array_append_val (contrib, s);
        }
      if (t->negated > 0)
        {
          /* "Rules out a cyber attack": the story is about something else. */
          c = term->weight * (1.0 + log (t->negated));
          sum[G_OFFTOPIC] += c;
          s.name = g_strdup_printf ("offtopic: ruled out: %s ×%u", term->term, t->negated);
          s.weight = -c;
          g_array_append_val (contrib, s);
        }
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
  if (pairs > 0)
    {
      TlTopicSignal s = { pairs > 1 ? g_strdup_printf ("both: %s in one sentence (and %u more)", best_pair_name, pairs - 1)
                                    : g_strdup_printf ("both: %s in one sentence", best_pair_name),
                          pair_sum };
      g_array_append_val (contrib, s);
    }

  /* Long stories need proportionally more evidence, but not linearly. */
  scale = sqrt (MAX (1.0, words / model->length_unit));
  for (guint g = 0; g < N_GROUPS; g++)
    f[g] = 1.0 - exp (-(sum[g] / scale) / model->saturation[g]);
  f_pair = 1.0 - exp (-(pair_sum / scale) / model->pair_saturation);
  logit = model->bias + model->w[G_TELECOM] * f[G_TELECOM] + model->w[G_SECURITY] * f[G_SECURITY] +
          model->w_both * f[G_TELECOM] * f[G_SECURITY] + model->w_pair * f_pair -
          model->w[G_OFFTOPIC] * f[G_OFFTOPIC];
  analysis->topic_score = 1.0 / (1.0 + exp (-logit));
  /* Each bound read once, so the verdict and the bounds it records agree.
   * The lower bound never rises above the threshold: "possibly" is the
   * band below "yes". */
  threshold = model->threshold;
  lower_bound = model->lower_bound;
  analysis->topic_threshold = threshold;
  analysis->topic = analysis->topic_score >= threshold;
  analysis->topic_possible_from = MIN (lower_bound, threshold);
  analysis->topic_possible = analysis->topic_score >= analysis->topic_possible_from;

  g_array_sort (contrib, signal_cmp);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      TlTopicSignal s = { g_strdup_printf ("group: %s %.2f of 1", group_names[g], f[g]),
                          g == G_OFFTOPIC ? -f[g] : f[g] };
      g_array_append_val (analysis->signals, s);
    }
  {
    TlTopicSignal s = { g_strdup_printf ("group: both %.2f of 1", f_pair), f_pair };
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
