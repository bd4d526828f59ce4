/* test-gold.c — entity F1 against the hand-annotated sample story
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The gold file gives Python-style character offsets; they are turned into
 * byte offsets here. A match is the same span and the same scoring class
 * (organisation and media are one class, as the annotation rules score them).
 */
#include "tl-test-util.h"

#include <string.h>

static const char *
class_of_gold (const char *gold_type)
{
  static const struct { const char *gold, *cls; } map[] = {
    { "PLACE", "place" }, { "TECH", "technology" }, { "ORG_GOV", "government" },
    { "ORG_OTHER", "organization" }, { "ORG_VENDOR", "vendor" },
    { "ORG_OPERATOR", "operator" }, { "PERSON", "person" }, { "THREAT", "threat" },
    { "LAW", "law" }, { "VULN", "vulnerability" }, { "VULNERABILITY", "vulnerability" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (map[i].gold, gold_type) == 0)
      return map[i].cls;
  return gold_type;
}

static const char *
class_of_type (TlEntityType type)
{
  return type == TL_ENTITY_MEDIA ? "organization" : tl_entity_type_to_string (type);
}

typedef struct {
  guint tp, fp, fn;
} Counts;

static void
test_gold_entities (void)
{
  g_autofree char *story = tl_test_read_data ("fixtures/prague-5g-summit.txt", NULL);
  g_autofree char *gold_json = tl_test_read_data ("fixtures/prague-5g-summit.gold.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TlAnalysis) a = NULL;
  g_autoptr(GHashTable) gold = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) per_class = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *ents;
  guint body_end, n;
  const TlMention *m;
  const TlEntity *entities;
  Counts total = { 0 };
  double p, r, f1;

  json_parser_load_from_data (parser, gold_json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  body_end = g_utf8_offset_to_pointer (story, json_object_get_int_member (root, "body_end")) - story;
  ents = json_object_get_array_member (root, "entities");

  for (guint i = 0; i < json_array_get_length (ents); i++)
    {
      JsonObject *e = json_array_get_object_element (ents, i);
      guint s, en;

      if (!json_object_get_boolean_member (e, "in_body"))
        continue;
      s = g_utf8_offset_to_pointer (story, json_object_get_int_member (e, "start")) - story;
      en = g_utf8_offset_to_pointer (story, json_object_get_int_member (e, "end")) - story;
      /* The offsets must point at the gold text: guards the conversion. */
      g_assert_cmpmem (story + s, en - s, json_object_get_string_member (e, "text"),
                       strlen (json_object_get_string_member (e, "text")));
      g_hash_table_insert (gold, g_strdup_printf ("%u:%u", s, en),
                           (gpointer) class_of_gold (json_object_get_string_member (e, "type")));
    }

  a = tl_test_analyze (story);
  m = tl_analysis_get_mentions (a, &n);
  entities = tl_analysis_get_entities (a, &(guint){ 0 });

#define CLASS_COUNTS(cls) ({ Counts *c_ = g_hash_table_lookup (per_class, cls); \
  if (!c_) { c_ = g_new0 (Counts, 1); g_hash_table_insert (per_class, (gpointer) cls, c_); } c_; })

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = NULL;
      const char *want, *got = class_of_type (entities[m[i].entity].type);

      if (m[i].start >= body_end)
        continue;
      key = g_strdup_printf ("%u:%u", m[i].start, m[i].end);
      want = g_hash_table_lookup (gold, key);
      if (want != NULL && strcmp (want, got) == 0)
        {
          total.tp++;
          CLASS_COUNTS (got)->tp++;
          g_hash_table_remove (gold, key);
        }
      else
        {
          total.fp++;
          CLASS_COUNTS (got)->fp++;
          g_test_message ("false positive: %.*s/%s", (int) (m[i].end - m[i].start),
                          story + m[i].start, got);
        }
    }
  {
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init (&it, gold);
    while (g_hash_table_iter_next (&it, &k, &v))
      {
        total.fn++;
        CLASS_COUNTS (v)->fn++;
        g_test_message ("missed: %s/%s", (char *) k, (char *) v);
      }
  }

  {
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init (&it, per_class);
    while (g_hash_table_iter_next (&it, &k, &v))
      {
        Counts *c = v;
        g_test_message ("%-13s P %.3f R %.3f (tp %u fp %u fn %u)", (char *) k,
                        c->tp + c->fp ? (double) c->tp / (c->tp + c->fp) : 1.0,
                        c->tp + c->fn ? (double) c->tp / (c->tp + c->fn) : 1.0,
                        c->tp, c->fp, c->fn);
      }
  }
  p = (double) total.tp / MAX (1, total.tp + total.fp);
  r = (double) total.tp / MAX (1, total.tp + total.fn);
  f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
  g_test_message ("body mentions: precision %.3f recall %.3f F1 %.3f", p, r, f1);
  g_assert_cmpfloat (f1, >=, 0.95);
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/core/gold/prague-5g-summit/entities", test_gold_entities);
  return g_test_run ();
}
