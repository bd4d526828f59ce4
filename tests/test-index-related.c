/* test-index-related.c — related coverage on short, undated stories worded
 * differently, look-alikes, why a result matched, timelines by alias
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every story here was written for this test. The index holds the demo
 * stories as well, so word and entity rarity are not those of five stories.
 */
#include "tl-test-util.h"
#include "tl-test-server.h"
#include "tl-index.h"

#include <string.h>

typedef struct {
  const char *id;
  const char *outlet;
  const char *title;
  const char *text;
} Story;

/* One event (a regulator fines an operator over a signalling flaw), three
 * outlets, no dates, few shared sentences. */
static const Story event[] = {
  { "ss7-fine-harbour", "Harbour Times", "",
    "Sweden's telecoms regulator PTS has fined Telia 42 million kronor after finding that a flaw in "
    "its SS7 signalling gateway let outsiders locate subscribers' phones for almost a year. "
    "The authority said the operator failed to filter location queries arriving from foreign "
    "roaming partners, and that at least 1,800 customers, including several journalists, were "
    "tracked. Telia said it had closed the gap in March, added a firewall between its core "
    "network and the interconnect, and would appeal the size of the penalty. Investigators "
    "traced the requests to two small carriers that lease access to the global signalling "
    "network. PTS also ordered every Swedish operator to report its SS7 filtering rules "
    "within sixty days." },
  { "ss7-fine-nordic", "Nordic Wire", "Telia penalised over phone-tracking loophole",
    "STOCKHOLM — The Swedish Post and Telecom Authority on Tuesday imposed a penalty of 42 "
    "million Swedish kronor on Telia, saying the carrier's Signalling System 7 defences left "
    "roughly 1,800 subscribers exposed to covert location tracking. According to the "
    "regulator's decision, attackers abused roaming interconnections leased through two minor "
    "carriers to send location requests that Telia's gateway answered without checks. "
    "Journalists were among those tracked. The company said the loophole was fixed this "
    "spring with a new signalling firewall and that it plans to challenge the amount in "
    "court. The watchdog gave all operators two months to hand over their filtering policies." },
  { "ss7-fine-ledger", "Baltic Ledger", "",
    "Telia must pay a record fine of SEK 42m for failing to stop location tracking through "
    "the SS7 network, the Swedish regulator PTS decided. Roughly 1,800 customers had their "
    "whereabouts exposed over eleven months because the operator's interconnect gateway did "
    "not filter queries from roaming partners. Some of the people tracked work as reporters. "
    "Telia, which will appeal the fine, says a firewall installed in March now blocks such "
    "requests. The regulator wants every operator in Sweden to report how it filters SS7 "
    "traffic within sixty days, and says the queries came via two small carriers that rent "
    "signalling access." },
};

/* The same operator and regulator, another story entirely. */
static const Story lookalike = {
  "telia-3g-switch-off", "Harbour Times", "",
  "Telia will switch off its 3G network in Sweden by the end of next year and reuse the "
  "frequencies for 5G, the operator said, after the regulator PTS approved its plan to "
  "migrate the remaining customers. About 90,000 subscribers still use older handsets that "
  "only support 3G; Telia will offer them discounted phones and has set up a hotline for "
  "elderly users. Rival operators Tele2 and Telenor have announced similar timetables. The "
  "company expects the change to cut energy use in its radio network by a fifth and said "
  "coverage in rural areas will improve once the spectrum is refarmed for 5G." };

/* Look-alikes of the event, one per class of error: each gets no related
 * result, and no report of the event lists it. */

/* A story that names nothing but the operator (a breach of its support
 * desk): one shared company is not a full entity match. */
static const Story only_company = {
  "telia-support-breach", "Coast Courier", "",
  "Telia said criminals broke into a customer-service system and copied the names, "
  "addresses and phone numbers of people who had contacted its support desk since last "
  "spring. The company said no passwords or payment details were taken, that the "
  "intruders used a contractor's stolen login, and that it had reported the breach to the "
  "police. Affected customers will be told by letter within a week. Telia advised them to "
  "be wary of calls or messages that quote their details and ask for codes, and said it "
  "had reset the access of every contractor while the investigation continues." };

/* Another operator's event of the same kind (a regulator's fine over
 * exposed records): each story's leading company is absent from the other. */
static const Story other_company = {
  "tele2-records-fine", "Coast Courier", "",
  "Sweden's telecoms regulator PTS has fined Tele2 15 million kronor after a "
  "misconfigured billing server left the call records of about 30,000 customers open to "
  "anyone on the internet for several weeks. The regulator said the operator failed to "
  "protect traffic data as the law requires and did not notify the authority within a day "
  "of finding the leak. Tele2 said the server was taken offline as soon as a security "
  "researcher reported it, that there was no sign the records were copied, and that it "
  "would not appeal. PTS ordered the company to audit every system that stores subscriber "
  "data within ninety days." };

/* The same operator, regulator, places and figures, but no security event
 * at all (a new interconnect hub): not the same event. */
static const Story no_security_event = {
  "telia-interconnect-hub", "Coast Courier", "",
  "Telia has opened a new interconnect hub in Stockholm, an investment of 42 million "
  "kronor that the Swedish regulator PTS approved in March. Partners from abroad and two "
  "small carriers that rent capacity from Telia will move their traffic there over the "
  "coming eleven months. The company expects the hub to lower its costs by a tenth and to "
  "bring in new wholesale revenue; rival operators in Sweden can sign contracts within "
  "sixty days. About 1,800 square metres of floor space were fitted out, and the operator "
  "said the building runs on renewable power." };

/* A fourth report of the event, posted rather than stored. */
static const char posted_text[] =
  "Swedish watchdog PTS has ordered Telia to pay SEK 42 million over an SS7 weakness that "
  "allowed location tracking of about 1,800 mobile customers, journalists among them. The "
  "regulator found the operator's signalling gateway accepted location queries from roaming "
  "partners without filtering them; the requests came through two small carriers. Telia "
  "says a new firewall fixed the problem in March and it will appeal. Other Swedish "
  "operators have sixty days to report their SS7 filtering.";

static char *
story_json (const Story *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, s->id);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, s->id);
  json_builder_set_member_name (b, "outlet");
  json_builder_add_string_value (b, s->outlet);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, s->title);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, s->text);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static void
add_story (TlIndex     *index,
           const Story *s)
{
  g_autoptr(JsonParser) p = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = story_json (s);
  TlIndexDoc doc;

  g_assert_true (json_parser_load_from_data (p, json, -1, &error));
  g_assert_true (tl_index_doc_from_json (json_node_get_object (json_parser_get_root (p)), &doc, &error));
  g_assert_true (tl_index_add (index, &doc, NULL, NULL, &error));
  g_assert_no_error (error);
  tl_index_doc_clear (&doc);
}

/* The demo stories, the event and the look-alike. */
static TlIndex *
open_index (void)
{
  g_autofree char *dir = tl_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "index.db", NULL);
  g_autofree char *jsonl = tl_test_import_demo (db);
  g_autoptr(GError) error = NULL;
  TlIndex *index = tl_index_open (db, tl_test_get_analyzer (), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (event); i++)
    add_story (index, &event[i]);
  add_story (index, &lookalike);
  add_story (index, &only_company);
  add_story (index, &other_company);
  add_story (index, &no_security_event);
  return index;
}

static const TlRelatedItem *
find_item (TlRelated  *r,
           const char *id)
{
  for (guint i = 0; i < r->results->len; i++)
    {
      const TlRelatedItem *it = g_ptr_array_index (r->results, i);
      if (strcmp (it->id, id) == 0)
        return it;
    }
  return NULL;
}

static gboolean
contains_word (const char *text,
               const char *word)
{
  g_autofree char *low = g_ascii_strdown (text, -1);
  return strstr (low, word) != NULL;
}

/* Undated, differently worded reports of one event find each other, and
 * not the same operator's other story. */
static void
test_undated_same_event (void)
{
  g_autoptr(TlIndex) index = open_index ();

  for (guint i = 0; i < G_N_ELEMENTS (event); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TlRelated) r = tl_index_related (index, event[i].id, 5, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < G_N_ELEMENTS (event); j++)
        if (j != i)
          {
            g_test_message ("%s → %s", event[i].id, event[j].id);
            g_assert_nonnull (find_item (r, event[j].id));
          }
      g_assert_null (find_item (r, lookalike.id));
    }
}

/* A look-alike (same operator and regulator, another story) gets no
 * related result at all. */
static void
test_same_vendor_other_event (void)
{
  g_autoptr(TlIndex) index = open_index ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TlRelated) r = tl_index_related (index, lookalike.id, 5, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < r->results->len; i++)
    g_test_message ("unexpected: %s (%.3f)", ((TlRelatedItem *) g_ptr_array_index (r->results, i))->id,
                    ((TlRelatedItem *) g_ptr_array_index (r->results, i))->score);
  g_assert_cmpuint (r->results->len, ==, 0);
}

/* @story gets no related result, and no report of the event lists it. */
static void
assert_unrelated (const Story *story)
{
  g_autoptr(TlIndex) index = open_index ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TlRelated) r = tl_index_related (index, story->id, 5, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < r->results->len; i++)
    g_test_message ("unexpected: %s (%.3f)", ((TlRelatedItem *) g_ptr_array_index (r->results, i))->id,
                    ((TlRelatedItem *) g_ptr_array_index (r->results, i))->score);
  g_assert_cmpuint (r->results->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (event); i++)
    {
      g_autoptr(TlRelated) e = tl_index_related (index, event[i].id, 5, &error);
      const TlRelatedItem *it;

      g_assert_no_error (error);
      if ((it = find_item (e, story->id)) != NULL)
        g_test_message ("%s lists %s (%.3f)", event[i].id, story->id, it->score);
      g_assert_null (it);
    }
}

static void
test_only_company_shared (void)
{
  assert_unrelated (&only_company);
}

static void
test_other_company_same_kind (void)
{
  assert_unrelated (&other_company);
}

static void
test_no_security_event (void)
{
  assert_unrelated (&no_security_event);
}

/* Each result says why: the entities and distinctive words both stories
 * have (each really in both), and no day gap when undated. */
static void
test_why (void)
{
  g_autoptr(TlIndex) index = open_index ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TlRelated) r = tl_index_related (index, event[0].id, 5, &error);
  const TlRelatedItem *it;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *why;
  gboolean telia = FALSE;

  g_assert_no_error (error);
  it = find_item (r, event[2].id);
  g_assert_nonnull (it);
  g_assert_cmpint (it->days_apart, ==, -1);
  for (guint k = 0; k < it->shared_entities->len; k++)
    telia |= strcmp (g_ptr_array_index (it->shared_entities, k), "Telia") == 0;
  g_assert_true (telia);
  g_assert_cmpuint (it->shared_terms->len, >=, 3);
  for (guint k = 0; k < it->shared_terms->len; k++)
    {
      const char *w = g_ptr_array_index (it->shared_terms, k);
      g_test_message ("shared term: %s", w);
      g_assert_true (contains_word (event[0].text, w));
      g_assert_true (contains_word (event[2].text, w));
    }
  /* The JSON carries it as "why". */
  json = tl_related_to_json (r);
  why = json_object_get_object_member (json_array_get_object_element (
          json_object_get_array_member (json_node_get_object (json), "results"), 0), "why");
  g_assert_nonnull (why);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (why, "terms")), >=, 3);
  g_assert_true (json_object_has_member (why, "days_apart"));
}

/* A posted story (the panel's query, `related --file`) finds other
 * outlets' reports of its event, not only copies of itself; a date given
 * with it counts, and a date far from theirs is another event. */
static void
test_posted_story (void)
{
  g_autoptr(TlIndex) index = open_index ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TlRelated) r = NULL;
  TlIndexDoc doc = { 0 };

  doc.text = g_strdup (posted_text);
  doc.outlet = g_strdup ("Evening Post");
  doc.published = TL_INDEX_NO_DATE;
  r = tl_index_related_doc (index, &doc, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->copies_in->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (event); i++)
    g_assert_nonnull (find_item (r, event[i].id));
  g_assert_null (find_item (r, lookalike.id));
  g_clear_pointer (&r, tl_related_free);

  /* Dated today, against undated reports: still found. */
  doc.published = g_get_real_time () / G_USEC_PER_SEC;
  r = tl_index_related_doc (index, &doc, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->results->len, >=, G_N_ELEMENTS (event));
  tl_index_doc_clear (&doc);
}

/* A story that names an agency only by its short form is in the agency's
 * timeline, and the timeline lists it. */
static void
test_timeline_by_alias (void)
{
  g_autoptr(TlIndex) index = open_index ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) out = NULL;
  static const Story short_form = { "fbi-short", "Harbour Times", "",
    "The FBI warned carriers that a criminal group is buying access to signalling networks." };
  static const Story full_name = { "fbi-full", "Nordic Wire", "",
    "The Federal Bureau of Investigation asked operators to report suspicious roaming queries." };
  JsonArray *stories;
  gboolean seen_short = FALSE, seen_full = FALSE;

  add_story (index, &short_form);
  add_story (index, &full_name);
  out = tl_index_timeline (index, "federal-bureau-of-investigation", "week", &error);
  g_assert_no_error (error);
  stories = json_object_get_array_member (json_node_get_object (out), "stories");
  g_assert_nonnull (stories);
  for (guint i = 0; i < json_array_get_length (stories); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (stories, i), "id");
      seen_short |= strcmp (id, "fbi-short") == 0;
      seen_full |= strcmp (id, "fbi-full") == 0;
    }
  g_assert_true (seen_short);
  g_assert_true (seen_full);
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  g_test_add_func ("/index/related/undated-same-event-different-wording", test_undated_same_event);
  g_test_add_func ("/index/related/same-vendor-other-event", test_same_vendor_other_event);
  g_test_add_func ("/index/related/only-company-shared", test_only_company_shared);
  g_test_add_func ("/index/related/other-company-same-kind", test_other_company_same_kind);
  g_test_add_func ("/index/related/same-subject-no-security-event", test_no_security_event);
  g_test_add_func ("/index/related/why", test_why);
  g_test_add_func ("/index/related/posted-story", test_posted_story);
  g_test_add_func ("/index/timeline/by-alias", test_timeline_by_alias);
  return g_test_run ();
}
