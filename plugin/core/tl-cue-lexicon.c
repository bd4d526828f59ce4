/* tl-cue-lexicon.c — the words of attribution, loaded from data/cues.json
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Reporting verbs ("said"), cue phrases ("according to", "first reported
 * by"), the heads of unnamed sources ("officials", "spokesman", "report"),
 * and the words skipped between a subject and its cue. Multi-word phrases
 * are indexed by their first and their last word, so a cue can be matched
 * reading rightwards or leftwards in one lookup.
 */
#define G_LOG_DOMAIN "telelens"

#include "tl-config.h"
#include "tl-cue-lexicon-private.h"
#include "tl-lexicon-private.h"

static GPtrArray *phrase_list (JsonObject *root, const char *member, gboolean split);

static void
index_phrase (GHashTable *index,
              const char *word,
              char      **phrase)
{
  GPtrArray *list = g_hash_table_lookup (index, word);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (index, g_strdup (word), list);
    }
  g_ptr_array_add (list, phrase);
}

static void
phrase_set_init (PhraseSet  *set,
                 JsonObject *root,
                 const char *member)
{
  set->all = phrase_list (root, member, TRUE);
  set->by_first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  set->by_last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < set->all->len; i++)
    {
      char **words = g_ptr_array_index (set->all, i);
      guint n = g_strv_length (words);
      if (n == 0)
        continue;
      index_phrase (set->by_first, words[0], words);
      index_phrase (set->by_last, words[n - 1], words);
    }
}

static void
phrase_set_clear (PhraseSet *set)
{
  g_clear_pointer (&set->by_first, g_hash_table_unref);
  g_clear_pointer (&set->by_last, g_hash_table_unref);
  g_clear_pointer (&set->all, g_ptr_array_unref);
}

static GPtrArray *
phrase_list (JsonObject *root,
             const char *member,
             gboolean    split)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (split ? (GDestroyNotify) g_strfreev : g_free);
  JsonArray *arr = json_object_get_array_member (root, member);

  for (guint i = 0; arr && i < json_array_get_length (arr); i++)
    {
      g_autofree char *low = g_utf8_strdown (json_array_get_string_element (arr, i), -1);
      g_ptr_array_add (list, split ? (gpointer) g_strsplit (low, " ", -1) : g_steal_pointer (&low));
    }
  return list;
}

TlCueLexicon *
_tl_cue_lexicon_load (GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  TlCueLexicon *cues;
  JsonObject *root;

  if ((root = _tl_json_resource_object (parser, "cues.json", error)) == NULL)
    return NULL;
  cues = g_new0 (TlCueLexicon, 1);
  cues->speech = _tl_json_string_set (root, "speech", TRUE);
  phrase_set_init (&cues->phrases, root, "phrases");
  cues->take_addressee = _tl_json_string_set (root, "take_addressee", TRUE);
  cues->anonymous = _tl_json_string_set (root, "anonymous_heads", TRUE);
  cues->role = _tl_json_string_set (root, "role_heads", TRUE);
  cues->document = _tl_json_string_set (root, "document_heads", TRUE);
  cues->document_participles = _tl_json_string_set (root, "document_participles", TRUE);
  {
    GHashTableIter it;
    gpointer key;

    g_hash_table_iter_init (&it, cues->document_participles);
    while (g_hash_table_iter_next (&it, &key, NULL))
      {
        gsize n = strlen (key);
        char z = n > 0 ? ((const char *) key)[n - 1] : '\0';
        cues->participle_ends |= (z >= 'a' && z <= 'z') ? 1u << (z - 'a') : 0;
      }
  }
  cues->org_nouns = _tl_json_string_set (root, "organization_nouns", TRUE);
  cues->outlet_nouns = _tl_json_string_set (root, "outlet_nouns", TRUE);
  cues->skip = _tl_json_string_set (root, "skip_words", TRUE);
  phrase_set_init (&cues->post_modifiers, root, "post_modifiers");
  phrase_set_init (&cues->time_phrases, root, "time_phrases");
  cues->content_stops = phrase_list (root, "content_stops", FALSE);
  return cues;
}

void
_tl_cue_lexicon_free (TlCueLexicon *cues)
{
  if (cues == NULL)
    return;
  g_hash_table_unref (cues->speech);
  phrase_set_clear (&cues->phrases);
  g_hash_table_unref (cues->take_addressee);
  g_hash_table_unref (cues->anonymous);
  g_hash_table_unref (cues->role);
  g_hash_table_unref (cues->document);
  g_hash_table_unref (cues->document_participles);
  g_hash_table_unref (cues->org_nouns);
  g_hash_table_unref (cues->outlet_nouns);
  g_hash_table_unref (cues->skip);
  phrase_set_clear (&cues->post_modifiers);
  phrase_set_clear (&cues->time_phrases);
  g_ptr_array_unref (cues->content_stops);
  g_free (cues);
}
