/* tl-analyzer.c — input checks, then entities, attributions and topic
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-analysis-private.h"
#include "tl-attribution-private.h"
#include "tl-lexicon-private.h"
#include "tl-recognizer-private.h"
#include "tl-tokens-private.h"
#include "tl-topic-private.h"

#include <string.h>

struct _TlAnalyzer {
  GObject          parent_instance;
  TlKnowledgeBase *kb;
  TlLexicon       *lexicon;
  TlRecognizer    *recognizer;
  guint            kb_generation;
  TlTopicModel    *topic;
  TlCueLexicon    *cues;
};

G_DEFINE_FINAL_TYPE (TlAnalyzer, tl_analyzer, G_TYPE_OBJECT)
G_DEFINE_QUARK (tl-analyzer-error-quark, tl_analyzer_error)

static void
tl_analyzer_finalize (GObject *object)
{
  TlAnalyzer *self = TL_ANALYZER (object);

  g_clear_pointer (&self->recognizer, _tl_recognizer_free);
  g_clear_pointer (&self->lexicon, _tl_lexicon_free);
  g_clear_pointer (&self->topic, _tl_topic_model_free);
  g_clear_pointer (&self->cues, _tl_cue_lexicon_free);
  g_clear_object (&self->kb);
  G_OBJECT_CLASS (tl_analyzer_parent_class)->finalize (object);
}

static void
tl_analyzer_class_init (TlAnalyzerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_analyzer_finalize;
}

static void
tl_analyzer_init (TlAnalyzer *self)
{
}

/**
 * tl_analyzer_new:
 * @kb: a loaded #TlKnowledgeBase
 * @error: return location for a #GError
 *
 * Compiles the knowledge base into a matcher. Later changes to @kb (a
 * watch list loaded afterwards) are picked up on the next analysis.
 *
 * Returns: (transfer full) (nullable): a new analyzer
 */
TlAnalyzer *
tl_analyzer_new (TlKnowledgeBase  *kb,
                 GError          **error)
{
  g_autoptr(TlAnalyzer) self = NULL;

  g_return_val_if_fail (TL_IS_KNOWLEDGE_BASE (kb), NULL);

  self = g_object_new (TL_TYPE_ANALYZER, NULL);
  self->kb = g_object_ref (kb);
  if ((self->lexicon = _tl_lexicon_load (error)) == NULL ||
      (self->topic = _tl_topic_model_load (error)) == NULL ||
      (self->cues = _tl_cue_lexicon_load (error)) == NULL)
    return NULL;
  self->recognizer = _tl_recognizer_new (kb, self->lexicon);
  self->kb_generation = _tl_knowledge_base_get_generation (kb);
  return g_steal_pointer (&self);
}

TlKnowledgeBase *
tl_analyzer_get_kb (TlAnalyzer *self)
{
  g_return_val_if_fail (TL_IS_ANALYZER (self), NULL);
  return self->kb;
}

/**
 * tl_analyzer_get_topic_threshold:
 * @self: a #TlAnalyzer
 *
 * Returns: the score from which a story counts as telecom security
 *   (default from data/topic.json)
 */
double
tl_analyzer_get_topic_threshold (TlAnalyzer *self)
{
  g_return_val_if_fail (TL_IS_ANALYZER (self), 0.5);
  return _tl_topic_model_get_threshold (self->topic);
}

/**
 * tl_analyzer_set_topic_threshold:
 * @self: a #TlAnalyzer
 * @threshold: a score in [0, 1]
 *
 * Sets the score from which later analyses count a story as telecom
 * security.
 */
void
tl_analyzer_set_topic_threshold (TlAnalyzer *self,
                                 double      threshold)
{
  g_return_if_fail (TL_IS_ANALYZER (self));
  _tl_topic_model_set_threshold (self->topic, threshold);
}

/**
 * tl_analyzer_get_topic_lower_bound:
 * @self: a #TlAnalyzer
 *
 * Returns: the score from which a story is "possibly" telecom security
 *   (default from data/topic.json; never above the threshold in effect)
 */
double
tl_analyzer_get_topic_lower_bound (TlAnalyzer *self)
{
  g_return_val_if_fail (TL_IS_ANALYZER (self), 0.0);
  return _tl_topic_model_get_lower_bound (self->topic);
}

/**
 * tl_analyzer_set_topic_lower_bound:
 * @self: a #TlAnalyzer
 * @lower_bound: a score in [0, 1]
 *
 * Sets the score from which later analyses call a story "possibly" telecom
 * security (tl_analysis_get_topic_verdict()). A bound above the threshold
 * acts as the threshold.
 */
void
tl_analyzer_set_topic_lower_bound (TlAnalyzer *self,
                                   double      lower_bound)
{
  g_return_if_fail (TL_IS_ANALYZER (self));
  _tl_topic_model_set_lower_bound (self->topic, lower_bound);
}

static gboolean
check_input (const char  *input,
             gsize        length,
             GError     **error)
{
  const char *end = NULL;

  if (length > TL_ANALYZER_MAX_INPUT)
    {
      g_set_error (error, TL_ANALYZER_ERROR, TL_ANALYZER_ERROR_TOO_LARGE,
                   "input is %" G_GSIZE_FORMAT " MiB; Telelens analyses stories up to %"
                   G_GSIZE_FORMAT " MiB", length >> 20, TL_ANALYZER_MAX_INPUT >> 20);
      return FALSE;
    }
  if (memchr (input, '\0', length) != NULL)
    {
      gsize at = (const char *) memchr (input, '\0', length) - input;
      g_set_error (error, TL_ANALYZER_ERROR, TL_ANALYZER_ERROR_BINARY,
                   "input looks binary (NUL byte at offset %" G_GSIZE_FORMAT
                   "); give a text or HTML story", at);
      return FALSE;
    }
  if (!g_utf8_validate_len (input, length, &end))
    {
      gsize at = end - input;
      guint line = 1;

      for (const char *p = input; p < end; p++)
        line += (*p == '\n');
      g_set_error (error, TL_ANALYZER_ERROR, TL_ANALYZER_ERROR_INVALID_UTF8,
                   "input is not valid UTF-8 (byte %" G_GSIZE_FORMAT ", line %u); "
                   "convert it first, e.g. with iconv -f LATIN1 -t UTF-8", at, line);
      return FALSE;
    }
  return TRUE;
}

static gboolean
looks_like_html (const char *input,
                 gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (input, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (input[i]))
    i++;
  return i < length && input[i] == '<';
}

/* Groups mentions into entities: by knowledge-base entry, else by key. */
static void
build_entities (TlAnalysis *analysis,
                GArray     *raw)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *text = analysis->text->str->str;

  for (guint i = 0; i < raw->len; i++)
    {
      const TlRawMention *m = &g_array_index (raw, TlRawMention, i);
      g_autofree char *key = m->kb ? g_strconcat ("kb\n", m->kb->id, NULL) : g_strdup (m->key);
      gpointer found;
      guint e_index;
      TlMention mention = { m->start, m->end, 0 };
      guint mention_index = analysis->mentions->len;
      TlEntity *e;

      if (key == NULL)
        continue;
      if (g_hash_table_lookup_extended (index, key, NULL, &found))
        e_index = GPOINTER_TO_UINT (found);
      else
        {
          TlEntity ne = { 0 };

          ne.kb = m->kb;
          ne.type = m->kb ? m->kb->type : m->type;
          ne.name = m->kb ? g_strdup (m->kb->name) : g_strndup (text + m->start, m->end - m->start);
          ne.mentions = g_array_new (FALSE, FALSE, sizeof (guint));
          e_index = analysis->entities->len;
          g_array_append_val (analysis->entities, ne);
          g_hash_table_insert (index, g_steal_pointer (&key), GUINT_TO_POINTER (e_index));
        }
      e = &g_array_index (analysis->entities, TlEntity, e_index);
      /* A name found by context is named by its longest form. */
      if (e->kb == NULL && m->end - m->start > strlen (e->name) && m->origin != TL_ORIGIN_LINK)
        {
          g_free (e->name);
          e->name = g_strndup (text + m->start, m->end - m->start);
        }
      mention.entity = e_index;
      g_array_append_val (analysis->mentions, mention);
      g_array_append_val (e->mentions, mention_index);
    }
}

/**
 * tl_analyzer_analyze:
 * @self: a #TlAnalyzer
 * @input: the story, UTF-8 text or HTML
 * @length: its length in bytes
 * @format: how to read @input
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error
 *   set for input that is not UTF-8 text or is too large
 */
TlAnalysis *
tl_analyzer_analyze (TlAnalyzer     *self,
                     const char     *input,
                     gsize           length,
                     TlInputFormat   format,
                     GError        **error)
{
  g_autoptr(TlAnalysis) analysis = NULL;
  g_autoptr(GArray) raw = NULL;
  g_autoptr(GArray) tokens = NULL;
  gboolean html;
  TlText *text;

  g_return_val_if_fail (TL_IS_ANALYZER (self), NULL);
  g_return_val_if_fail (input != NULL || length == 0, NULL);

  if (!check_input (input, length, error))
    return NULL;

  if (self->kb_generation != _tl_knowledge_base_get_generation (self->kb))
    {
      g_clear_pointer (&self->recognizer, _tl_recognizer_free);
      self->recognizer = _tl_recognizer_new (self->kb, self->lexicon);
      self->kb_generation = _tl_knowledge_base_get_generation (self->kb);
    }

  html = format == TL_INPUT_HTML || (format == TL_INPUT_AUTO && looks_like_html (input, length));
  text = html ? _tl_text_new_html (input, length) : _tl_text_new_plain (input, length);
  analysis = _tl_analysis_new (text, html);

  /* One tokenization for the recognizer and attribution. */
  tokens = _tl_tokenize (text->str->str, text->str->len);
  raw = _tl_recognizer_run (self->recognizer, text->str->str, text->str->len, tokens);
  build_entities (analysis, raw);
  _tl_attribution_run (self->cues, analysis, tokens);
  _tl_topic_score (self->topic, analysis);
  return g_steal_pointer (&analysis);
}
