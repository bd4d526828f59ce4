/* test-attribution.c — who said what: one case per pattern, and the gold story
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each case lists the statements expected, as
 *   "SOURCE | CUE | words of the content | kind | direct"
 * (SOURCE as printed; with "=Name" after it, the entity it resolves to, with
 * "=-" that it resolves to none), and
 * the number of statements. Contents match when the expected words occur in
 * the found content (with "$" after them: when the content ends with them;
 * with "^" before and "$" after: when the content is exactly them).
 */
#include "tl-test-util.h"

#include <string.h>

typedef struct {
  const char *path;
  const char *text;
  guint       n;
  const char *expect[6];
} Case;

static const Case cases[] = {
  { "/core/attribution/direct/colon-before-quote",
    "Anna Berg said: “The network is safe and we have proof.”", 1,
    { "Anna Berg|said|The network is safe and we have proof|person|direct" } },
  { "/core/attribution/direct/quote-first",
    "“The network is safe and we have proof,” Anna Berg said.", 1,
    { "Anna Berg|said|The network is safe and we have proof|person|direct" } },
  { "/core/attribution/direct/quote-first-inverted-with-apposition",
    "“The network is safe and we have proof,” said Anna Berg, a company spokeswoman.", 1,
    { "Anna Berg|said|The network is safe and we have proof|person|direct" } },
  { "/core/attribution/direct/straight-quotes",
    "\"We found no evidence of tampering,\" Anna Berg told reporters.", 1,
    { "Anna Berg|told|We found no evidence of tampering|person|direct" } },
  { "/core/attribution/direct/split-around-cue",
    "Anna Berg runs security at the operator. “The network is safe,” she said, “and we will prove it in court.”", 2,
    { "she=Anna Berg|said|The network is safe|person|direct",
      "she=Anna Berg|said|and we will prove it in court|person|direct" } },
  { "/core/attribution/direct/continuation-without-cue",
    "“We saw the intruders in our core network in March,” Anna Berg said. “They were gone by April, as far as we can tell.”", 2,
    { "Anna Berg|said|We saw the intruders in our core network|person|direct",
      "Anna Berg|said|They were gone by April|person|direct" } },
  { "/core/attribution/direct/continuation-after-indirect",
    "Anna Berg said the ban on the vendor was long overdue. “We waited three years for this decision, and the "
    "networks paid for it.”", 2,
    { "Anna Berg|said|^the ban on the vendor was long overdue$|person|indirect",
      "Anna Berg|said|^We waited three years for this decision, and the networks paid for it$|person|direct" } },
  { "/core/attribution/direct/no-continuation-of-an-outlet-or-a-cut-quotation",
    "Local media reported that the cable was cut. “The repairs will take several weeks at the very least.”\n\n"
    "Anna Berg said the ban was overdue. “We waited three years for this decision and", 2,
    { "Local media|reported|^the cable was cut$|outlet|indirect",
      "Anna Berg|said|^the ban was overdue$|person|indirect" } },
  { "/core/attribution/direct/continuation-after-quoted-by",
    "“The outage hit every region,” the regulator said in a statement quoted by Reuters. “We will publish a full "
    "report once the repairs are done.”", 3,
    { "the regulator|said in a statement|^The outage hit every region$|organization|direct",
      "Reuters|quoted by|the regulator said in a statement quoted by Reuters|outlet|indirect",
      "the regulator|said in a statement|^We will publish a full report once the repairs are done$|organization|direct" } },
  { "/core/attribution/direct/quotation-opens-with-a-report",
    "“Vodafone estimates with moderate confidence that the outage cost ten million euros,” the company said.", 2,
    { "the company=Vodafone|said|^Vodafone estimates with moderate confidence that the outage cost ten million euros$|organization|direct",
      "Vodafone|estimates|^the outage cost ten million euros$|organization|indirect" } },
  { "/core/attribution/direct/quotation-opens-with-a-document",
    "“The first results of our audit show that the intruders left the network in May,” the carrier said.", 2,
    { "the carrier|said|^The first results of our audit show that the intruders left the network in May$|organization|direct",
      "The first results of our audit|show|^the intruders left the network in May$|document|indirect" } },
  { "/core/attribution/indirect/adverbial-in-commas-before-that",
    "Vodafone estimates, with some caution, that the outage cost ten million euros.", 1,
    { "Vodafone|estimates|^the outage cost ten million euros$|organization|indirect" } },
  { "/core/attribution/direct/quote-over-paragraphs",
    "Anna Berg said: “The first part of the answer runs to the end of this paragraph.\n\n“And the second paragraph closes the quotation here.”", 2,
    { "Anna Berg|said|The first part of the answer|person|direct",
      "Anna Berg|said|the second paragraph closes the quotation|person|direct" } },
  { "/core/attribution/indirect/that-clause",
    "The regulator said that it would fine the operator for the outage.", 1,
    { "The regulator|said|it would fine the operator for the outage|organization|indirect" } },
  { "/core/attribution/indirect/cue-after-clause",
    "The operator will pay a fine of four million euros, the regulator said.", 1,
    { "the regulator|said|The operator will pay a fine|organization|indirect" } },
  { "/core/attribution/indirect/according-to-first",
    "According to Reuters, the carrier was breached in March by a state-backed group.", 1,
    { "Reuters|According to|the carrier was breached in March|outlet|indirect" } },
  { "/core/attribution/indirect/according-to-citing",
    "The carrier was breached in March, according to Bloomberg, citing people familiar with the matter.", 2,
    { "Bloomberg|according to|The carrier was breached in March|outlet|indirect",
      "people familiar with the matter|citing|The carrier was breached in March|anonymous|indirect" } },
  { "/core/attribution/indirect/told-an-outlet",
    "Anna Berg told Reuters on Tuesday that the breach had been contained within hours.", 1,
    { "Anna Berg|told|the breach had been contained within hours|person|indirect" } },
  { "/core/attribution/nested/outlet-reports-announcement",
    "According to Bloomberg, Nancy Faeser announced that Huawei parts would be removed from the core.", 2,
    { "Bloomberg|According to|Nancy Faeser announced that Huawei parts|outlet|indirect",
      "Nancy Faeser|announced|Huawei parts would be removed from the core|person|indirect" } },
  { "/core/attribution/document/study-from-agency",
    "A report from the Government Accountability Office found that carriers still used Huawei gear in rural areas.", 1,
    { "A report=Government Accountability Office|found|carriers still used Huawei gear|document|indirect" } },
  { "/core/attribution/unnamed/role",
    "A senior administration official said the rule would be published next week.", 1,
    { "A senior administration official|said|the rule would be published next week|role|indirect" } },
  { "/core/attribution/unnamed/anonymous-with-post-modifier",
    "Officials familiar with the talks said no agreement had been reached on the vendor rules.", 1,
    { "Officials familiar with the talks|said|no agreement had been reached|anonymous|indirect" } },
  { "/core/attribution/unnamed/relative-who",
    "The plan was criticised by a senior diplomat, who said that it would raise prices for everyone.", 1,
    { "a senior diplomat|said|it would raise prices for everyone|role|indirect" } },
  { "/core/attribution/pronoun/it-resolves-to-company",
    "Vodafone published its results on Tuesday. It said the outage was caused by a software fault.", 1,
    { "It=Vodafone|said|the outage was caused by a software fault|organization|indirect" } },
  { "/core/attribution/coordinated/subject-shared",
    "Huawei did not immediately respond to a request for comment, but has always denied that its equipment poses a risk.", 1,
    { "Huawei|denied|its equipment poses a risk|organization|indirect" } },
  { "/core/attribution/dateline/not-a-source",
    "LONDON (Reuters) - BT said on Monday that it had removed Huawei equipment from its core.", 1,
    { "BT|said|it had removed Huawei equipment from its core|organization|indirect" } },
  { "/core/attribution/not/announced-the-matter",
    "Microsoft, which separately announced the matter in a statement, said the group was Chinese. Telia confirmed "
    "the news on Monday. The regulator said the matter was closed.", 2,
    { "Microsoft|said|^the group was Chinese$|organization|indirect",
      "The regulator|said|^the matter was closed$|organization|indirect" } },
  { "/core/attribution/assessed-needs-a-clause",
    "An unpublished report assessed the security of the routers. Telia said it assessed with “high "
    "confidence” that the group was state-backed.", 2,
    { "Telia|said|^it assessed with “high confidence” that the group was state-backed$|organization|indirect",
      "it=Telia|assessed|^the group was state-backed$|organization|indirect" } },
  { "/core/attribution/an-unnamed-body-s-announcement",
    "The ban follows the German government’s announcement in March that it was reviewing its suppliers. "
    "Investors welcomed the company's claim that the gear was safe. The company’s claim that it was hacked was "
    "denied.", 2,
    { "the German government’s=-|announcement|^it was reviewing its suppliers$|organization|indirect",
      "the company's=-|claim|^the gear was safe$|organization|indirect" } },
  /* a word of three bytes ending in 0x99 and "s" reads as possessive:
   * nothing may be cut from before it (run under ASan) */
  { "/core/attribution/not/short-word-ending-like-a-possessive",
    "Investors welcomed the ęs announcement that the gear was safe.", 0, { NULL } },
  { "/core/attribution/not/negated", "Ericsson did not say whether it would appeal the ruling.", 0, { NULL } },
  { "/core/attribution/not/declined-to-comment", "Nokia declined to comment on the contract.", 0, { NULL } },
  { "/core/attribution/not/reportedly-without-source", "Huawei is reportedly planning a new modem chip.", 0, { NULL } },
  { "/core/attribution/not/reporting-credit", "Reporting by Anna Berg; editing by Tom Smith", 0, { NULL } },
  { "/core/attribution/not/headline", "Ericsson Says Profits Fell As Operators Cut Spending", 0, { NULL } },
  { "/core/attribution/not/object-of-preposition",
    "Mark Warner said the intrusion into the carriers showed that wiretap systems are a target.", 1,
    { "Mark Warner|said|the intrusion into the carriers showed|person|indirect" } },
  { "/core/attribution/not/noun-states", "The rules will apply to all member states from next year.", 0, { NULL } },
  { "/core/attribution/said-last-with-adverbial",
    "Service was restored to most customers by Monday evening, Vodafone said on its website.", 1,
    { "Vodafone|said|Service was restored to most customers by Monday evening|organization|indirect" } },
  { "/core/attribution/said-last-quote-in-a-statement",
    "“We have closed the access point and informed the police,” Vodafone said in a news release obtained by Reuters.", 1,
    { "Vodafone|said|We have closed the access point and informed the police|organization|direct" } },
  { "/core/attribution/told-an-event",
    "The outage was caused by a faulty software update, Anna Berg told a press conference, adding that no data was lost.", 2,
    { "Anna Berg|told|The outage was caused by a faulty software update|person|indirect",
      "Anna Berg|adding|no data was lost|person|indirect" } },
  { "/core/attribution/adverbial-before-that",
    "The regulator said in opening remarks on Tuesday that the licence conditions would be tightened.", 1,
    { "The regulator|said|the licence conditions would be tightened|organization|indirect" } },
  { "/core/attribution/quote-ending-a-clause",
    "The company believes the courts will reach “a fair outcome,” the spokeswoman added.", 1,
    { "the spokeswoman|added|The company believes the courts will reach|role|indirect" } },
  { "/core/attribution/not/reported-on-a-topic",
    "Several outlets reported on the discovery in their evening bulletins.", 0, { NULL } },
  { "/core/attribution/post-cue-titled-speaker",
    "“We will keep untrusted gear out of our networks,” said FCC Chairwoman Anna Berg, a former engineer, in a statement.", 1,
    { "Anna Berg|said|We will keep untrusted gear out of our networks|person|direct" } },
  { "/core/attribution/post-cue-titled-speaker-with-company",
    "“The outage has several causes,” said Vodafone CEO Anna Berg in a video statement.", 1,
    { "Anna Berg|said|The outage has several causes|person|direct" } },
  { "/core/attribution/said-last-titled-speaker",
    "“Instead of punishing the staff, the company rewarded them,” Commerce Secretary Anna Berg said in the statement.", 1,
    { "Anna Berg|said|Instead of punishing the staff, the company rewarded them|person|direct" } },
  { "/core/attribution/said-last-bare-weekday",
    "Hackers are mapping the routers of regional carriers, Microsoft said Wednesday.", 1,
    { "Microsoft|said|Hackers are mapping the routers of regional carriers|organization|indirect" } },
  { "/core/attribution/per-source",
    "At least one suspect has been arrested, per Vodafone.", 1,
    { "Vodafone|per|At least one suspect has been arrested|organization|indirect" } },
  { "/core/attribution/not/per-unit",
    "The operator charges two euros per month, per line.", 0, { NULL } },
  { "/core/attribution/joint-sources-named",
    "Vodafone and Telefonica said they would replace the equipment by 2027.", 1,
    { "Vodafone and Telefonica=-|said|^they would replace the equipment by 2027$|organization|indirect" } },
  { "/core/attribution/joint-sources-agencies",
    "The FBI and CISA disclosed that the intruders had reached lawful intercept systems.", 1,
    { "FBI and CISA=-|disclosed|^the intruders had reached lawful intercept systems$|organization|indirect" } },
  { "/core/attribution/possessive-group-noun",
    "The regulator's press office confirmed to Reuters that it had opened a review of the contract.", 1,
    { "The regulator's press office|confirmed|^it had opened a review of the contract$|organization|indirect" } },
  { "/core/attribution/possessive-group-noun-of-a-name",
    "Customers lost their lines for a day. Telia's press service said the fault had been repaired by noon.", 1,
    { "Telia's press service=Telia|said|the fault had been repaired by noon|organization|indirect" } },
  { "/core/attribution/adverb-in-ly-before-cue",
    "Nokia initially blamed Vodafone for the outage in the northern region.", 1,
    { "Nokia|blamed|Vodafone for the outage in the northern region|organization|indirect" } },
  { "/core/attribution/cue-thanked",
    "Vodafone thanked the police for their quick help after the break-in.", 1,
    { "Vodafone|thanked|the police for their quick help|organization|indirect" } },
  { "/core/attribution/told-by-names-the-speaker",
    "The Guardian was told by a senior engineer: “The network was never at risk.”", 1,
    { "a senior engineer|told by|The network was never at risk|role|direct" } },
  { "/core/attribution/leading-phrase-before-apposition",
    "In an interview with the BBC on Monday, Anna Berg, the head of security at Vodafone, stated that the outage was deliberate.", 1,
    { "Anna Berg|stated|^the outage was deliberate$|person|indirect" } },
  { "/core/attribution/unnamed-source-with-dotted-abbreviation",
    "The routers had not been patched for years, a U.S. official said.", 1,
    { "a U.S. official|said|^The routers had not been patched for years$|role|indirect" } },
  { "/core/attribution/according-to-people-where-they-are",
    "According to officials in Brussels, the rules will be tightened next year. The rules were drafted in haste, according to diplomats in Berlin.", 2,
    { "officials in Brussels=-|According to|^the rules will be tightened next year$|anonymous|indirect",
      "diplomats in Berlin=-|according to|^The rules were drafted in haste$|anonymous|indirect" } },
  { "/core/attribution/place-says-where-not-who",
    "Nokia shipped the radios in May. The Russian embassy in Helsinki said the claims were baseless. A spokesman for Nokia in Helsinki said the radios were safe.", 2,
    { "The Russian embassy in Helsinki=-|said|^the claims were baseless$|organization|indirect",
      "A spokesman=Nokia|said|^the radios were safe$|role|indirect" } },
  { "/core/attribution/apposition-after-dateline",
    "STOCKHOLM (Reuters) - Telia, Sweden's largest mobile operator, said on Monday that a cable fault had cut service.", 1,
    { "Telia|said|^a cable fault had cut service$|organization|indirect" } },
  { "/core/attribution/joint-sources-with-articles",
    "The FBI and the NSA said in a joint advisory that the intruders used stolen passwords.", 1,
    { "FBI and the NSA=-|said|^the intruders used stolen passwords$|organization|indirect" } },
  { "/core/attribution/dateline-with-date-is-not-content",
    "VIENNA, November 12 (Reuters) - Austria will remove China's Huawei from the core next year, the digital ministry said.", 1,
    { "the digital ministry=Austria|said|^Austria will remove China's Huawei from the core next year$|organization|indirect" } },
  { "/core/attribution/coordinated-cue-ends-the-content",
    "Vodafone confirmed that some customers had lost service and said it had replaced the faulty card.", 2,
    { "Vodafone|confirmed|^some customers had lost service$|organization|indirect",
      "Vodafone|said|^it had replaced the faulty card$|organization|indirect" } },
  { "/core/attribution/told-addressee-where-before-that",
    "Anna Berg told lawmakers at a hearing in the capital that the network was never at risk.", 1,
    { "Anna Berg|told|^the network was never at risk$|person|indirect" } },
  { "/core/attribution/inverted-cue-document-with-participle",
    "The intruders had been inside the core network since March, said a statement issued by the regulators of three countries.", 1,
    { "a statement issued by the regulators of three countries|said|^The intruders had been inside the core network since March$|document|indirect" } },
  { "/core/attribution/inverted-cue-source-asked-not-to-be-identified",
    "The audit found three backdoors, said an engineer who asked not to be identified. The fix will take a year, said one official who declined to be named because the review is secret.", 2,
    { "an engineer who asked not to be identified|said|^The audit found three backdoors$|role|indirect",
      "one official who declined to be named|said|^The fix will take a year$|role|indirect" } },
  { "/core/attribution/person-of-a-body-speaks",
    "Eerik Kross of Estonia warned that the cables had been cut. Anna Berg at Vodafone said repairs would take weeks.", 2,
    { "Eerik Kross|warned|^the cables had been cut$|person|indirect",
      "Anna Berg|said|^repairs would take weeks$|person|indirect" } },
  { "/core/attribution/not/warned-about-a-topic",
    "Vodafone warned about the cables. The regulator warned customers about phishing texts.", 0, { NULL } },
  { "/core/attribution/media-as-outlet",
    "Local media reported that the cable had been cut by an anchor.", 1,
    { "Local media|reported|^the cable had been cut by an anchor$|outlet|indirect" } },
  { "/core/attribution/said-last-after-dateline",
    "LISBON (Reuters) - Hackers stole the records of about two million customers, the company and Portuguese authorities said.", 1,
    { "the company and Portuguese authorities=-|said|^Hackers stole the records of about two million customers$|organization|indirect" } },
  { "/core/attribution/joint-sources-are-one-statement",
    "Sweden and Finland said they were deeply concerned about the damaged cable. Telia, Elisa and Tele2 said the traffic had been rerouted.", 2,
    { "Sweden and Finland=-|said|^they were deeply concerned about the damaged cable$|organization|indirect",
      "Telia, Elisa and Tele2=-|said|^the traffic had been rerouted$|organization|indirect" } },
  { "/core/attribution/unknown-name-after-its-noun-is-no-one-before",
    "Telia said its card payments had failed. The lender Nordbank said it had problems with its app.", 2,
    { "Telia=Telia|said|^its card payments had failed$|organization|indirect",
      "Nordbank=-|said|^it had problems with its app$|organization|indirect" } },
  { "/core/attribution/unknown-name-after-a-quotation-speaks",
    "“We closed a gap that let risky gear into the networks,” Brandt said in a thread of posts. “Nothing changes for "
    "our customers,” Sarbank said. “The audit found no backdoor,” KRTB said in a series of interviews.", 3,
    { "Brandt=-|said|^We closed a gap that let risky gear into the networks$|person|direct",
      "Sarbank=-|said|^Nothing changes for our customers$|organization|direct",
      "KRTB=-|said|^The audit found no backdoor$|organization|direct" } },
  { "/core/attribution/unknown-company-reports",
    "Sarbank reported a large cyberattack on its payment systems. Baltbank, the second-largest lender, also reported "
    "problems with card terminals. State-owned Telia, the largest operator, reported outages in the north.", 3,
    { "Sarbank=-|reported|^a large cyberattack on its payment systems$|organization|indirect",
      "Baltbank=-|reported|^problems with card terminals$|organization|indirect",
      "Telia=Telia|reported|^outages in the north$|organization|indirect" } },
  { "/core/attribution/name-after-a-country-s-long-noun",
    "Sweden’s largest mobile payment service, Telia, which many soldiers use, also reported a large cyberattack on "
    "its systems.", 1,
    { "Telia=Telia|reported|^a large cyberattack on its systems$|organization|indirect" } },
  { "/core/attribution/one-and-another-of-the-people-before",
    "Three engineers spoke to us. One said the link had failed twice. Another pointed out that the backup was "
    "down. A third said the repair took a day.", 3,
    { "One=-|said|^the link had failed twice$|role|indirect",
      "Another=-|pointed out|^the backup was down$|role|indirect",
      "A third=-|said|^the repair took a day$|role|indirect" } },
  { "/core/attribution/not/one-with-no-people-before",
    "The operator published a report. One said the link had failed.", 0, { NULL } },
  { "/core/attribution/expressed-opposition-to",
    "Beijing expressed opposition to the ban. The operator voiced concern about the cost of replacing the gear.", 2,
    { "Beijing|expressed opposition to|^the ban$|organization|indirect",
      "The operator|voiced concern about|^the cost of replacing the gear$|organization|indirect" } },
  { "/core/attribution/present-plural-cues",
    "Beijing and the vendor reject such claims. Officials blame Russia for the outage. Investigators believe "
    "hackers are to blame.", 3,
    { "Beijing and the vendor=-|reject|^such claims$|organization|indirect",
      "Officials|blame|^Russia for the outage$|anonymous|indirect",
      "Investigators|believe|^hackers are to blame$|anonymous|indirect" } },
  { "/core/attribution/statement-from-a-body-after-a-quotation",
    "Anna Berg runs the agency. “We closed the gap,” Berg said. “Nothing in this order protects anyone,” said a "
    "statement from the supplier.", 2,
    { "Berg=Anna Berg|said|^We closed the gap$|person|direct",
      "a statement from the supplier=-|said|^Nothing in this order protects anyone$|document|direct" } },
  { "/core/attribution/joint-sources-then-relative-clause",
    "Telia and Vodafone, whose shops were targeted, said they had tightened identity checks.", 1,
    { "Telia and Vodafone=-|said|^they had tightened identity checks$|organization|indirect" } },
  { "/core/attribution/said-at-least-is-content",
    "Vodafone said at least eight carriers had been breached. The regulator said at most two were affected.", 2,
    { "Vodafone|said|^at least eight carriers had been breached$|organization|indirect",
      "The regulator|said|^at most two were affected$|organization|indirect" } },
  { "/core/attribution/unnamed-source-where-then-relative-clause",
    "A senior engineer at one carrier, who declined to be named because he was not allowed to speak to the press, "
    "said the gateways had been taken offline.", 1,
    { "A senior engineer at one carrier|said|^the gateways had been taken offline$|role|indirect" } },
  { "/core/attribution/person-of-a-unit-speaks",
    "Inspector Anna Berg of the agency's fraud unit said the case showed a weak link. Karl Lund, of the police's "
    "cyber crime squad, said arrests would follow. Detective Maria Holm of the FBI's cyber division said the suspects "
    "were known.", 3,
    { "Anna Berg|said|^the case showed a weak link$|person|indirect",
      "Karl Lund|said|^arrests would follow$|person|indirect",
      "Maria Holm|said|^the suspects were known$|person|indirect" } },
  { "/core/attribution/told-a-conference-in-a-place",
    "Anna Berg runs the agency. “We are protecting the network,” Berg told a news conference in Berlin on Monday.", 1,
    { "Berg=Anna Berg|told|^We are protecting the network$|person|direct" } },
  { "/core/attribution/unnamed-source-close-to-a-body",
    "It plans to appeal, a person close to the company told local media. A person close to Vodafone said the fine "
    "was unfair. Two people familiar with the company said talks had stalled.", 3,
    { "a person close to the company=-|told|^It plans to appeal$|role|indirect",
      "A person close to Vodafone=-|said|^the fine was unfair$|role|indirect",
      "Two people familiar with the company=-|said|^talks had stalled$|anonymous|indirect" } },
  { "/core/attribution/government-is-not-the-dateline",
    "LONDON - Operators must meet new duties from October, the government said, with fines of up to a tenth of "
    "turnover for those that fall short.", 1,
    { "the government=-|said|^Operators must meet new duties from October$|organization|indirect" } },
  { "/core/attribution/warned-of-a-risk",
    "Ericsson warned of flaws in its packet core software.", 1,
    { "Ericsson|warned|^flaws in its packet core software$|organization|indirect" } },
  { "/core/attribution/one-of-the-officials",
    "Two officials spoke to us. “The direction is clear,” one of the officials said. “Nothing new will come from "
    "untrusted suppliers.”", 2,
    { "one of the officials|said|^The direction is clear$|role|direct",
      "one of the officials|said|^Nothing new will come from untrusted suppliers$|role|direct" } },
  { "/core/attribution/dateline-is-not-part-of-the-source",
    "NEW DELHI - India's telecoms department has told operators to stop buying equipment from untrusted vendors.", 1,
    { "India's telecoms department|told|^stop buying equipment from untrusted vendors$|organization|indirect" } },
  { "/core/attribution/comment-on-the-statement-after-the-cue",
    "The department has told operators to stop buying the gear, two officials said, a move that will squeeze two "
    "vendors out.", 2,
    { "two officials|said|^The department has told operators to stop buying the gear$|anonymous|indirect",
      "The department|told|^stop buying the gear$|organization|indirect" } },
  { "/core/attribution/company-unit-in-a-country",
    "Huawei India said in a statement that it had always complied with local laws.", 1,
    { "Huawei India=Huawei|said in a statement|^it had always complied with local laws$|organization|indirect" } },
  { "/core/attribution/not/passive-told-to",
    "Indian carriers told to remove Chinese gear from sensitive networks.", 0, { NULL } },
  { "/core/attribution/according-to-one-of-the-sources",
    "The operators have begun reviewing their suppliers, according to one of the sources.", 1,
    { "one of the sources|according to|^The operators have begun reviewing their suppliers$|role|indirect" } },
  { "/core/attribution/unknown-body-after-a-comma",
    "The intruders moved within days, SektorCERT said, adding that some plants switched to island mode. Prices "
    "rose, Nord Energi Group said.", 3,
    { "SektorCERT=-|said|^The intruders moved within days$|organization|indirect",
      "SektorCERT=-|adding|^some plants switched to island mode$|organization|indirect",
      "Nord Energi Group|said|^Prices rose$|organization|indirect" } },
  { "/core/attribution/it-after-but-is-the-document",
    "Zyxel issued patches in April. The agency's report does not name the attackers, but it notes that the traffic "
    "was linked to a known group.", 1,
    { "it=-|notes|^the traffic was linked to a known group$|document|indirect" } },
  { "/core/attribution/told-an-addressee-then-a-name",
    "The minister told reporters Huawei posed no risk.", 1,
    { "The minister|told|^Huawei posed no risk$|role|indirect" } },
  { "/core/attribution/warned-an-addressee-against",
    "The agency warned operators of critical infrastructure against using equipment from two vendors.", 1,
    { "The agency|warned|^against using equipment from two vendors$|organization|indirect" } },
  { "/core/attribution/unnamed-source-speaks-for-the-body-before-its-noun",
    "The regulator is investigating, an ACMA spokesperson confirmed. US officials said the review was routine.", 2,
    { "an ACMA spokesperson=Australian Communications and Media Authority|confirmed|^The regulator is investigating$|role|indirect",
      "US officials=-|said|^the review was routine$|anonymous|indirect" } },
  { "/core/attribution/person-set-off-by-commas-after-a-role",
    "The country's digital affairs minister, Wiktor Zielonka, said the government would consider whether to exclude the vendor.", 1,
    { "Wiktor Zielonka|said|^the government would consider whether to exclude the vendor$|person|indirect" } },
  { "/core/attribution/not/informed-an-addressee-and-nothing-said",
    "The carrier said it had filed a complaint and informed the CNIL, the data protection watchdog. It also warned the banks.", 1,
    { "The carrier|said|^it had filed a complaint and informed the CNIL, the data protection watchdog$|organization|indirect" } },
  { "/core/attribution/not/an-addressee-cue-inside-another-statement",
    "Swisscom said the thief had warned the bank. The broadcaster SRF reported that the carrier informed the federal police.", 2,
    { "Swisscom|said|^the thief had warned the bank$|organization|indirect",
      "SRF|reported|^the carrier informed the federal police$|outlet|indirect" } },
  { "/core/attribution/the-paper-is-a-newspaper-after-one",
    "Le Monde reported that the breach began in May. The paper said the vendor had been warned. A white paper from the ministry said the risk was low.", 3,
    { "Le Monde|reported|^the breach began in May$|outlet|indirect",
      "The paper=-|said|^the vendor had been warned$|outlet|indirect",
      "A white paper from the ministry|said|^the risk was low$|document|indirect" } },
  { "/core/attribution/the-paper-in-a-headline",
    "Carrier kept its vendor despite warnings, paper says", 1,
    { "paper|says|^Carrier kept its vendor despite warnings$|outlet|indirect" } },
  { "/core/attribution/the-paper-with-no-outlet-is-a-document",
    "The researchers published their findings in March. The paper said the flaw was easy to exploit.", 1,
    { "The paper|said|^the flaw was easy to exploit$|document|indirect" } },
  { "/core/attribution/the-agency-after-a-news-agency",
    "The Reuters news agency reported that the cable was cut near Finland. The agency said two ships were nearby. The news agency added that the navy was searching.", 3,
    { "Reuters|reported|^the cable was cut near Finland$|outlet|indirect",
      "The agency=Reuters|said|^two ships were nearby$|outlet|indirect",
      "The news agency=Reuters|added|^the navy was searching$|outlet|indirect" } },
  { "/core/attribution/the-role-of-a-person-named-before",
    "Ambassador Ana Reis said the decision was political. “It was taken in Washington,” said the ambassador. Tomas Hrubý, the deputy minister, said the vendor would appeal. The ruling is final, the minister added.", 4,
    { "Ana Reis|said|^the decision was political$|person|indirect",
      "the ambassador=Ana Reis|said|^It was taken in Washington$|person|direct",
      "Tomas Hrubý|said|^the vendor would appeal$|person|indirect",
      "the minister=Tomas Hrubý|added|^The ruling is final$|person|indirect" } },
  { "/core/attribution/the-role-of-someone-unnamed-in-between",
    "Ministry spokesman Jan Novak said the vendor was excluded. A spokesperson for the vendor said it would appeal. The appeal is ready, the spokesman added.", 3,
    { "Jan Novak|said|^the vendor was excluded$|person|indirect",
      "A spokesperson for the vendor|said|^it would appeal$|role|indirect",
      "the spokesman|added|^The appeal is ready$|role|indirect" } },
  { "/core/attribution/quote-then-a-role-descriptor-and-a-name",
    "“We will defend our companies,” foreign ministry spokesman Lin Jian told reporters in Beijing on Friday. The vendor must leave the network, deputy digital minister Jan Kral said on Monday.", 2,
    { "Lin Jian|told|^We will defend our companies$|person|direct",
      "Jan Kral|said|^The vendor must leave the network$|person|indirect" } },
  { "/core/attribution/not/a-belief-with-an-infinitive",
    "Jan Novak, the chief executive, said the network was back. Novak did not say which group he believed to be responsible, but said no customer data had been taken. The intruders, thought to have ties to a foreign service, left no note.", 2,
    { "Jan Novak|said|^the network was back$|person|indirect",
      "Novak=Jan Novak|said|^no customer data had been taken$|person|indirect" } },
  { "/core/attribution/a-quotation-over-two-paragraphs",
    "The chief executive, Marta Lind, said the choice was made years ago. “We followed every rule that applied at the time.\n\n"
    "“Nobody has told us otherwise since then,” she said.\n"
    "“The first part of what she said next runs over this paragraph.\n"
    "“And it closes in this one, long enough to count.”\n"
    "The regulator called the rule “a blunt tool.\nIt takes effect in May.", 5,
    { "Marta Lind|said|^the choice was made years ago$|person|indirect",
      "Marta Lind|said|^We followed every rule that applied at the time$|person|direct",
      "she=Marta Lind|said|^Nobody has told us otherwise since then$|person|direct",
      "she=Marta Lind|said|^The first part of what she said next runs over this paragraph$|person|direct",
      "she=Marta Lind|said|^And it closes in this one, long enough to count$|person|direct" } },
  { "/core/attribution/a-closing-mark-typed-as-an-opening-one",
    "“The campaign could disrupt links between the regions in a crisis“, he said.\n“The behaviour we saw suggests the actor wanted to listen in.”", 2,
    { "he|said|^The campaign could disrupt links between the regions in a crisis$|person|direct",
      "he|said|^The behaviour we saw suggests the actor wanted to listen in$|person|direct" } },
  { "/core/attribution/not/a-question-about-a-statement",
    "Police have not said whether they believe the cut was deliberate. It is unclear if the operator said anything to customers. Asked whether the vendor had been warned, the minister said it knew the rules.", 1,
    { "the minister|said|^it knew the rules$|role|indirect" } },
  { "/core/attribution/a-passive-with-its-source-after-by",
    "The limits on the two vendors were announced by the digital minister on Thursday. The outage was confirmed by Telia on Monday. The plan announced by the minister bans older radios. The flaw, which has been disclosed by researchers at a university, affects routers.", 2,
    { "the digital minister|announced by|^The limits on the two vendors$|role|indirect",
      "Telia|confirmed by|^The outage$|organization|indirect" } },
  { "/core/attribution/the-company-is-not-the-outlet-reporting",
    "ZTE sells radios in Europe. Senior officials told Reuters that the vendor had been warned. The Chinese company admitted it had ignored the warning. The BBC said its own systems had been breached. The company said no viewer data was taken.", 4,
    { "Senior officials|told|^the vendor had been warned$|anonymous|indirect",
      "The Chinese company=ZTE|admitted|^it had ignored the warning$|organization|indirect",
      "BBC|said|^its own systems had been breached$|outlet|indirect",
      "The company=BBC|said|^no viewer data was taken$|organization|indirect" } },
  { "/core/attribution/not/only-a-time-after-the-cue",
    "Telia will drop the vendor. It announced on Thursday after months of pressure from allies. The minister said after the vote that the ban would stand.", 1,
    { "The minister|said|^the ban would stand$|role|indirect" } },
  { "/core/attribution/the-clause-before-a-decision-announced",
    "Telia will drop the vendor from its core network, a long-awaited decision it announced on Thursday after months of pressure from allies.", 1,
    { "it=Telia|announced|^Telia will drop the vendor from its core network$|organization|indirect" } },
  { "/core/attribution/sources-named-together-after-the-cue",
    "The intruders reached the billing systems, said Telia and Telenor. Targets included military sites, say Microsoft and western spy agencies. Foreign intelligence agencies said the cable was cut on purpose.", 3,
    { "Telia and Telenor|said|^The intruders reached the billing systems$|organization|indirect",
      "Microsoft and western spy agencies|say|^Targets included military sites$|organization|indirect",
      "Foreign intelligence agencies|said|^the cable was cut on purpose$|anonymous|indirect" } },
  { "/core/attribution/descriptor-before-a-trailing-source",
    "Customers should ignore such calls, the national cybersecurity agency ANSSI said. The outage is over, the country's telecoms regulator Arcep said.", 2,
    { "ANSSI|said|^Customers should ignore such calls$|organization|indirect",
      "Arcep|said|^The outage is over$|organization|indirect" } },
  { "/core/attribution/coordinated-cue-after-an-owners-noun",
    "Norway's foreign ministry said it was deeply concerned and urged the court to act fairly.", 2,
    { "Norway's foreign ministry|said|^it was deeply concerned and urged the court to act fairly$|organization|indirect",
      "Norway's foreign ministry|urged|^act fairly$|organization|indirect" } },
  { "/core/attribution/not/reported-a-long-incident-to-the-authorities",
    "The country's largest carrier, Telstra, has reported a suspected intrusion into its billing and customer systems to the relevant authorities, raising fears of fraud.", 0, { NULL } },
  { "/core/attribution/content-ends-before-its-reporter-and-a-time",
    "An internal audit warned that the vendor could reach the core network, Le Monde reported on Friday.", 2,
    { "Le Monde|reported|^An internal audit warned that the vendor could reach the core network$|outlet|indirect",
      "An internal audit|warned|^the vendor could reach the core network$|document|indirect" } },
  { "/core/attribution/short-form-in-brackets-then-a-relative-clause",
    "The Norwegian Police Security Service (PST), which handles counter-intelligence, said it was assisting the police.", 1,
    { "Norwegian Police Security Service|said|^it was assisting the police$|organization|indirect" } },
  { "/core/attribution/one-of-them-after-a-body",
    "Telenor has hired two outside firms, according to two people familiar with the review. One of them said the work would take a month.", 2,
    { "two people familiar with the review|according to|^Telenor has hired two outside firms$|anonymous|indirect",
      "One of them=-|said|^the work would take a month$|role|indirect" } },
  { "/core/attribution/not/added-a-thing-to-a-list",
    "The agency added the flaw to its catalogue of exploited vulnerabilities. The carrier added the vendor to the Entity List review.", 0, { NULL } },
  { "/core/attribution/quotation-then-role-of-something-then-name",
    "“We take this very seriously,” Telenor's head of security, Ingrid Solheim, said in a statement.", 1,
    { "Ingrid Solheim|said in a statement|^We take this very seriously$|person|direct" } },
  { "/core/attribution/a-charge-the-source-denies",
    "Norway barred the vendor, saying its radios could be switched off remotely, a charge the company denies.", 2,
    { "Norway|saying|^its radios could be switched off remotely$|organization|indirect",
      "the company|denies|^its radios could be switched off remotely$|organization|indirect" } },
  { "/core/attribution/the-group-after-a-country-is-no-country",
    "Rebels in Yemen have attacked ships in the area, but the group denied targeting the cables. Two jets turned back, the airline said.", 2,
    { "the group=-|denied|^targeting the cables$|organization|indirect",
      "the airline=-|said|^Two jets turned back$|organization|indirect" } },
  { "/core/attribution/content-in-a-relative-clause-ends-at-its-comma",
    "Vodafone, which has said it will appeal, did not respond to questions on Monday.", 1,
    { "Vodafone|said|^it will appeal$|organization|indirect" } },
  { "/core/attribution/unnamed-source-ends-with-its-noun-phrase",
    "The breach began in March, two people familiar with the investigation who asked not to be named said.", 1,
    { "two people familiar with the investigation who asked not to be named|said|The breach began in March|anonymous|indirect" } },
  { "/core/attribution/not/modal-passive-clause",
    "A licence may be denied if the applicant relies on equipment from a high-risk vendor.", 0, { NULL } },
  { "/core/attribution/provenance-credit",
    "The story was first reported by Reuters.", 1,
    { "Reuters|was first reported by|The story was first reported by Reuters|outlet|indirect" } },
  { "/core/attribution/outlet-noun-as-source",
    "The decision will be announced in June, according to the newspaper.", 1,
    { "the newspaper|according to|The decision will be announced in June|outlet|indirect" } },
  { "/core/attribution/unnamed-group-told-outlet",
    "More than half of the towers remain offline, resellers told Reuters.", 1,
    { "resellers|told|More than half of the towers remain offline|anonymous|indirect" } },
  { "/core/attribution/sentence-adverb-before-source",
    "Interestingly, Bloomberg reported that the ban was not discussed at the summit.", 1,
    { "Bloomberg|reported|the ban was not discussed at the summit|outlet|indirect" } },
  { "/core/attribution/said-last-comma-at-paragraph-end",
    "“We are not aware of any wrongdoing,” the spokesperson said,\n\nThe company will cooperate with investigators.", 1,
    { "the spokesperson|said|We are not aware of any wrongdoing|role|direct" } },
  { "/core/attribution/not/told-names-the-addressee",
    "The traffic now runs over other cables, according to Anna Berg, head of the network centre, told the broadcaster Yle.", 1,
    { "Anna Berg|according to|The traffic now runs over other cables|person|indirect" } },
  { "/core/attribution/said-last-then-citing",
    "The operator filed the notice on Monday, Reuters reported, citing two sources.", 2,
    { "Reuters|reported|The operator filed the notice on Monday|outlet|indirect",
      "two sources|citing|The operator filed the notice on Monday|anonymous|indirect" } },
  { "/core/attribution/adverbial-between-commas-before-that",
    "Another executive said, on the same condition of anonymity, that the attack came as no surprise.", 1,
    { "Another executive|said|the attack came as no surprise|role|indirect" } },
  { "/core/attribution/not/only-an-adverbial-after-the-cue",
    "The company stated in a filing on Thursday, Jan. 19.", 0, { NULL } },
  { "/core/attribution/source-noun-giant",
    "Vodafone lost records of millions of users. The telecom giant said it would notify every customer.", 1,
    { "The telecom giant=Vodafone|said|it would notify every customer|organization|indirect" } },
  { "/core/attribution/ticker-after-name",
    "Vodafone VOD.L said Friday the company had found the intruders in April.", 1,
    { "Vodafone|said|the company had found the intruders in April|organization|indirect" } },
  { "/core/attribution/apposition-after-bullet",
    "• Vodafone, a mobile operator, said it was a deliberate attack.", 1,
    { "Vodafone|said|it was a deliberate attack|organization|indirect" } },
  { "/core/attribution/not/reported-to-the-authorities",
    "Vodafone reported the incident to the national regulator on Monday.", 0, { NULL } },
  { "/core/attribution/findings-verbs",
    "The company determined that the intruders had used a single stolen password.", 1,
    { "The company|determined|the intruders had used a single stolen password|organization|indirect" } },
  { "/core/attribution/participle-continues-speaker",
    "Anna Berg said the cable was cut on Sunday, adding that the cause was not yet known.", 2,
    { "Anna Berg|said|the cable was cut on Sunday|person|indirect",
      "Anna Berg|adding|the cause was not yet known|person|indirect" } },
  { "/core/attribution/noun-cue-with-its-source",
    "Shares fell after a Bloomberg report that the carrier had lost two million records. Anna Berg repeated her "
    "argument that the vendor could not be trusted. Following reports in local media that the cable had been cut, "
    "the operator said repairs would take weeks.", 4,
    { "Bloomberg|report|^the carrier had lost two million records$|outlet|indirect",
      "her=Anna Berg|argument|^the vendor could not be trusted$|person|indirect",
      "local media|reports|^the cable had been cut$|outlet|indirect",
      "the operator|said|^repairs would take weeks$|organization|indirect" } },
  { "/core/attribution/not/noun-cue-without-a-clause",
    "A Bloomberg report that was leaked on Monday named three vendors. The statement that the ministry published "
    "last week named none. Our report that day covered the outage.", 0, { NULL } },
  { "/core/attribution/cue-then-citing-without-comma",
    "The vendor had shipped radios to the ministry for years, Bloomberg reported citing two people familiar with the matter.", 2,
    { "Bloomberg|reported|^The vendor had shipped radios to the ministry for years$|outlet|indirect",
      "two people familiar with the matter|citing|^The vendor had shipped radios to the ministry for years$|anonymous|indirect" } },
  { "/core/attribution/year-between-subject-and-cue",
    "Vodafone in 2021 said it would remove the vendor from its core network.", 1,
    { "Vodafone|said|^it would remove the vendor from its core network$|organization|indirect" } },
  { "/core/attribution/coordinated-cue-after-comma",
    "Vodafone reports a data breach, says two million customer accounts were hacked. The carrier confirmed the "
    "outage lasted six hours, said Anna Berg.", 4,
    { "Vodafone|reports|^a data breach$|organization|indirect",
      "Vodafone|says|^two million customer accounts were hacked$|organization|indirect",
      "Anna Berg|said|^The carrier confirmed the outage lasted six hours$|person|indirect",
      "The carrier|confirmed|the outage lasted six hours|organization|indirect" } },
  { "/core/attribution/unnamed-source-with-a-prepositional-phrase",
    "The foreign ministers of the two countries said the cable was cut by an anchor. Officials from both countries "
    "said repairs would take weeks.", 2,
    { "The foreign ministers of the two countries|said|^the cable was cut by an anchor$|anonymous|indirect",
      "Officials from both countries|said|^repairs would take weeks$|anonymous|indirect" } },
  { "/core/attribution/said-in-a-statement-without-that",
    "The foreign ministers said in a joint statement they were deeply concerned by the damage. Anna Berg said in an "
    "interview the company had found no backdoor.", 2,
    { "The foreign ministers|said|^they were deeply concerned by the damage$|anonymous|indirect",
      "Anna Berg|said|^the company had found no backdoor$|person|indirect" } },
  { "/core/attribution/name-in-apposition-after-a-role",
    "Its chief executive, Anna Berg, told local television that the network was shut off. The carrier said service "
    "was down, while its technology chief, Maria Lund, told reporters that the core was intact.", 3,
    { "Anna Berg|told|^the network was shut off$|person|indirect",
      "The carrier|said|^service was down$|organization|indirect",
      "Maria Lund|told|^the core was intact$|person|indirect" } },
  { "/core/attribution/progressive-reporting-verb",
    "Several operators are warning that the new rules will delay repairs. Security researchers were now "
    "suggesting that the fault lay in the landing station. The regulator is not saying that the outage was an attack.", 2,
    { "Several operators|warning|^the new rules will delay repairs$|anonymous|indirect",
      "Security researchers|suggesting|^the fault lay in the landing station$|anonymous|indirect" } },
  { "/core/attribution/participle-of-the-subject",
    "Norvik Telecom cut its forecast on Monday, stating that demand for new lines had fallen. The country's "
    "embassy in Oslo issued a statement saying the arrest of its citizen was unlawful.", 2,
    { "Norvik Telecom|stating|^demand for new lines had fallen$|organization|indirect",
      "The country's embassy in Oslo|saying|^the arrest of its citizen was unlawful$|organization|indirect" } },
  { "/core/attribution/telling-an-addressee-that",
    "Norvik Telecom had earlier discussed the outage, telling a local radio station on Monday that a damaged "
    "cable was to blame.", 1,
    { "Norvik Telecom|telling|^a damaged cable was to blame$|organization|indirect" } },
  { "/core/attribution/request-to-act",
    "The embassy here has asked Norway to release the engineer. Norway appealed to Sweden to avoid harming "
    "trade between the two countries. A spokeswoman for the Danish embassy in Oslo released a statement "
    "calling on both governments to “correct the mistake at once.” The engineer was asked to leave.", 3,
    { "The embassy here|asked|^release the engineer$|organization|indirect",
      "Norway|appealed|^avoid harming trade between the two countries$|organization|indirect",
      "A spokeswoman for the Danish embassy in Oslo|calling on|^correct the mistake at once$|role|direct" } },
  { "/core/attribution/direct/single-curly-quotes",
    "‘The carriers’ backup links weren’t enough. We lost the route at once,’ Anna Berg told the radio station.", 1,
    { "Anna Berg|told|The carriers’ backup links weren’t enough. We lost the route at once|person|direct" } },
  { "/core/attribution/quotation-ends-clause",
    "High-risk vendors now face “an exclusion from every core network in the country,” Anna Berg said.", 1,
    { "Anna Berg|said|High-risk vendors now face “an exclusion|person|indirect" } },
  { "/core/attribution/participle-after-quotation",
    "Anna Berg said in an email: “The network is stable and we are restoring service,” adding that hospitals "
    "were being connected first.", 2,
    { "Anna Berg|said|The network is stable and we are restoring service|person|direct",
      "Anna Berg|adding|hospitals were being connected first|person|indirect" } },
  { "/core/attribution/direct/said-comma-quotation",
    "Announcing the rules in a statement, Anna Berg said, “Today we are making our networks safer. Vendors that "
    "pose a risk will be excluded.”", 1,
    { "Anna Berg|said|Today we are making our networks safer. Vendors that pose a risk|person|direct" } },
  { "/core/attribution/citing-a-reason",
    "The regulator banned the vendor's equipment on Friday, citing an unacceptable risk to national security.", 1,
    { "The regulator|citing|an unacceptable risk to national security|organization|indirect" } },
  { "/core/attribution/citing-before-cue",
    "Bloomberg, citing an unnamed official, reported that the meeting did not discuss the ban.", 2,
    { "Bloomberg|reported|the meeting did not discuss the ban|outlet|indirect",
      "an unnamed official|citing|the meeting did not discuss the ban|role|indirect" } },
  { "/core/attribution/name-before-its-noun",
    "The Reuters news agency reported that the cable was cut by an anchor.", 1,
    { "Reuters|reported|the cable was cut by an anchor|outlet|indirect" } },
  { "/core/attribution/bracketed-short-form",
    "The National Security Agency (NSA) told reporters that the cable was cut by an anchor.", 1,
    { "National Security Agency|told|the cable was cut by an anchor|organization|indirect" } },
  { "/core/attribution/abbreviation-in-unnamed-source",
    "The vendor will be listed within a month, according to two U.S. officials.", 1,
    { "two U.S. officials|according to|The vendor will be listed within a month|anonymous|indirect" } },
  { "/core/attribution/participle-says-how",
    "“The outage hit every customer,” the company said in a statement, referring to the night of the storm.", 1,
    { "the company|said in a statement|The outage hit every customer|organization|direct" } },
  /* a pledge is a statement of its own (the corpus's gold counts it) */
  { "/core/attribution/pledging-is-a-statement",
    "“The outage hit every customer,” the company said in a statement, pledging to compensate users.", 2,
    { "the company|said in a statement|The outage hit every customer|organization|direct",
      "the company|pledging|^to compensate users$|organization|indirect" } },
  { "/core/attribution/possessive-title-before-speaker",
    "“The attack hit our payment gateway,” the bank’s co-founder Anna Berg said in a statement.", 1,
    { "Anna Berg|said in a statement|The attack hit our payment gateway|person|direct" } },
  { "/core/attribution/post-cue-title-with-of",
    "“Untrusted vendors will be kept out of the core,” said Minister of Transport Anna Berg.", 1,
    { "Anna Berg|said|^Untrusted vendors will be kept out of the core$|person|direct" } },
  { "/core/attribution/post-cue-title-with-for",
    "The rules will be tightened next year, said Secretary for Digital Affairs Anna Berg.", 1,
    { "Anna Berg|said|^The rules will be tightened next year$|person|indirect" } },
  { "/core/attribution/said-last-title-with-of",
    "“The masts will be checked first,” Secretary of the Treasury Anna Berg said on Monday.", 1,
    { "Anna Berg|said|^The masts will be checked first$|person|direct" } },
  { "/core/attribution/post-cue-speaker-of-a-company",
    "“The new masts will be switched on next week,” said Anna Berg of Vodafone.", 1,
    { "Anna Berg|said|^The new masts will be switched on next week$|person|direct" } },
  { "/core/attribution/post-cue-speaker-of-a-body-then-adding",
    "Operators welcomed the plan, said Anna Berg of the regulator, adding that costs would rise.", 2,
    { "Anna Berg|said|^Operators welcomed the plan$|person|indirect",
      "Anna Berg|adding|^costs would rise$|person|indirect" } },
  { "/core/attribution/speaker-of-a-body-before-cue",
    "Anna Berg of Vodafone said the masts would be switched on in June. "
    "“The masts are ready,” Anna Berg from the regulator said.", 2,
    { "Anna Berg|said|^the masts would be switched on in June$|person|indirect",
      "Anna Berg|said|^The masts are ready$|person|direct" } },
  { "/core/attribution/document/relative-that",
    "The carrier issued a press release that stated most of its customers were affected.", 1,
    { "a press release|stated|most of its customers were affected|document|indirect" } },
  { "/core/attribution/document/findings-established",
    "An internal investigation established that a ship’s anchor had cut the cable.", 1,
    { "An internal investigation|established|a ship’s anchor had cut the cable|document|indirect" } },
  { "/core/attribution/document/noun-of-a-document",
    "The preliminary result of our investigation indicates that the intruders used one interface.", 1,
    { "The preliminary result of our investigation|indicates|the intruders used one interface|document|indirect" } },
  { "/core/attribution/document/according-to-a-notification",
    "According to the notification, there is no evidence that the core network was breached.", 1,
    { "the notification|According to|there is no evidence that the core network was breached|document|indirect" } },
  { "/core/attribution/according-to-object-pronoun",
    "Anna Berg runs the network. According to her, the carrier uses three cables to reach the island.", 1,
    { "her=Anna Berg|According to|the carrier uses three cables|person|indirect" } },
  { "/core/attribution/according-to-capital-starts-statement",
    "Cable repairs began on Monday According to the ministry, the cable was cut by an anchor.", 1,
    { "the ministry|According to|the cable was cut by an anchor|organization|indirect" } },
  { "/core/attribution/date/after-cue",
    "Telia said on 3 March it had found a fault in the cable. Vodafone said Nov. 4 it would replace two masts. "
    "Orange said on Friday, 9 May, that the outage was over.", 3,
    { "Telia|said|it had found a fault in the cable|organization|indirect",
      "Vodafone|said|it would replace two masts|organization|indirect",
      "Orange|said|the outage was over|organization|indirect" } },
  { "/core/attribution/date/between-source-and-cue",
    "Telia on March 3, 2025 said it had found a fault in the cable.", 1,
    { "Telia|said|it had found a fault in the cable|organization|indirect" } },
  { "/core/attribution/date/opens-sentence-before-apposition",
    "On 3 March, Telia, the Swedish operator, reported a fault in its cable to Estonia.", 1,
    { "Telia|reported|a fault in its cable to Estonia|organization|indirect" } },
  { "/core/attribution/date/after-quote-and-cue",
    "“We found the fault within hours,” the company stated in a filing on Thursday, Jan. 9.", 1,
    { "the company|stated|We found the fault within hours|organization|direct" } },
  { "/core/attribution/document/participle-phrase-subject",
    "A notice issued by the regulator to all carriers noted that the outage lasted six hours. "
    "The filing dated May 2 says the intruders copied call records.", 2,
    { "A notice issued by the regulator to all carriers|noted|the outage lasted six hours|document|indirect",
      "The filing dated May 2|says|the intruders copied call records|document|indirect" } },
  { "/core/attribution/document/according-to-participle-phrase",
    "According to a decree signed last spring, the ministry can exclude any vendor from the core network.", 1,
    { "a decree signed last spring|According to|the ministry can exclude any vendor|document|indirect" } },
  { "/core/attribution/document/participle-phrase-then-dash-apposition",
    "A report commissioned by the ministry – the first of its kind – found that most masts were unguarded.", 1,
    { "A report commissioned by the ministry|found|most masts were unguarded|document|indirect" } },
  { "/core/attribution/document/nested-finding-without-that",
    "Telia said its audit found intruders had copied call records for two months.", 2,
    { "Telia|said|its audit found intruders had copied call records|organization|indirect",
      "its audit|found|intruders had copied call records for two months|document|indirect" } },
  { "/core/attribution/disclosed-object",
    "The carrier disclosed a breach that exposed the records of two million subscribers.", 1,
    { "The carrier|disclosed|a breach that exposed the records of two million subscribers|organization|indirect" } },
  { "/core/attribution/dash-apposition",
    "Telia – the largest operator in the country – said the damage was found near the coast.", 1,
    { "Telia|said|the damage was found near the coast|organization|indirect" } },
  { "/core/attribution/compound-noun-source",
    "The engineer was arrested in March, the broadcaster said, citing law enforcement sources.", 2,
    { "the broadcaster|said|The engineer was arrested in March|outlet|indirect",
      "law enforcement sources|citing|The engineer was arrested in March|anonymous|indirect" } },
  { "/core/attribution/content-drops-dash-before-cue",
    "The cable was cut on purpose – the ministry said.", 1,
    { "the ministry|said|The cable was cut on purpose$|organization|indirect" } },
  { "/core/attribution/role-with-prepositional-phrase",
    "A spokeswoman for the embassy in Oslo said the engineer had broken no law. "
    "The chief of the country's second operator said the outage was over. "
    "Officials at the ministry said the mast had been repaired.", 3,
    { "A spokeswoman for the embassy in Oslo|said|the engineer had broken no law|role|indirect",
      "The chief of the country's second operator|said|the outage was over|role|indirect",
      "Officials at the ministry|said|the mast had been repaired|anonymous|indirect" } },
  { "/core/attribution/speaker-name-with-particle",
    "Ambassador Anna van der Berg said the decision was aimed at the vendor.", 1,
    { "Anna van der Berg|said|the decision was aimed at the vendor|person|indirect" } },
};

static gboolean
matches (TlAnalysis          *a,
         const TlAttribution *r,
         const char          *spec,
         GString             *why)
{
  g_auto(GStrv) f = g_strsplit (spec, "|", 5);
  g_auto(GStrv) src = g_strsplit (f[0], "=", 2);
  const char *text = tl_analysis_get_text (a, NULL);
  g_autofree char *s = g_strndup (text + r->source.start, r->source.end - r->source.start);
  g_autofree char *cue = g_strndup (text + r->cue.start, r->cue.end - r->cue.start);
  g_autofree char *content = g_strndup (text + r->content.start, r->content.end - r->content.start);
  guint n_ent;
  const TlEntity *ents = tl_analysis_get_entities (a, &n_ent);

  gsize want_len = strlen (f[2]);

  /* "^words$": the content is exactly them */
  if (want_len > 1 && f[2][0] == '^' && f[2][want_len - 1] == '$')
    {
      if (strlen (content) != want_len - 2 || strncmp (content, f[2] + 1, want_len - 2) != 0)
        return FALSE;
    }
  /* "words$": the content ends with them */
  else if (want_len > 0 && f[2][want_len - 1] == '$')
    {
      g_autofree char *tail = g_strndup (f[2], want_len - 1);
      if (!g_str_has_suffix (content, tail))
        return FALSE;
    }
  else if (strstr (content, f[2]) == NULL)
    return FALSE;
  if (strcmp (s, src[0]) != 0 || strcmp (cue, f[1]) != 0)
    return FALSE;
  /* "=-": the source resolves to nothing */
  if (src[1] != NULL && strcmp (src[1], "-") == 0)
    {
      if (r->entity >= 0)
        g_string_append_printf (why, "“%s” resolves to %s, not to nothing; ", s, ents[r->entity].name);
    }
  else if (src[1] != NULL && (r->entity < 0 || strcmp (ents[r->entity].name, src[1]) != 0))
    g_string_append_printf (why, "“%s” resolves to %s, not %s; ", s,
                            r->entity >= 0 ? ents[r->entity].name : "nothing", src[1]);
  if (strcmp (tl_source_kind_to_string (r->kind), f[3]) != 0)
    g_string_append_printf (why, "“%s” is %s, not %s; ", s, tl_source_kind_to_string (r->kind), f[3]);
  if (r->direct != (strcmp (f[4], "direct") == 0))
    g_string_append_printf (why, "“%s” direct is %d; ", content, r->direct);
  return TRUE;
}

static char *
describe (TlAnalysis *a)
{
  GString *s = g_string_new (NULL);
  const char *text = tl_analysis_get_text (a, NULL);
  guint n;
  const TlAttribution *r = tl_analysis_get_attributions (a, &n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "[%.*s|%.*s|%.*s|%s|%s] ",
                            (int) (r[i].source.end - r[i].source.start), text + r[i].source.start,
                            (int) (r[i].cue.end - r[i].cue.start), text + r[i].cue.start,
                            (int) (r[i].content.end - r[i].content.start), text + r[i].content.start,
                            tl_source_kind_to_string (r[i].kind), r[i].direct ? "direct" : "indirect");
  return g_string_free (s, FALSE);
}

static void
check_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(TlAnalysis) a = tl_test_analyze (c->text);
  g_autofree char *got = describe (a);
  g_autoptr(GString) why = g_string_new (NULL);
  guint n;
  const TlAttribution *r = tl_analysis_get_attributions (a, &n);

  g_test_message ("found: %s", got);
  if (n != c->n)
    g_string_append_printf (why, "expected %u statements, found %u; ", c->n, n);
  for (guint k = 0; k < G_N_ELEMENTS (c->expect) && c->expect[k]; k++)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < n && !found; i++)
        found = matches (a, &r[i], c->expect[k], why);
      if (!found)
        g_string_append_printf (why, "missing [%s]; ", c->expect[k]);
    }
  if (why->len > 0)
    {
      g_test_message ("%s: %s", c->path, why->str);
      g_test_fail ();
    }
}

/* F1 against the gold statements of the sample story. A match is the same
 * source (same start, or the same words) and content overlapping the gold
 * content by at least half of its length. */
static void
test_gold (void)
{
  g_autofree char *story = tl_test_read_data ("fixtures/prague-5g-summit.txt", NULL);
  g_autofree char *gold_json = tl_test_read_data ("fixtures/prague-5g-summit.gold.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TlAnalysis) a = tl_test_analyze (story);
  g_autoptr(GError) error = NULL;
  JsonArray *gold;
  guint n, tp = 0, unnamed_gold = 0, unnamed_found = 0;
  const TlAttribution *r = tl_analysis_get_attributions (a, &n);
  gboolean *used = g_new0 (gboolean, n);
  double p, rec, f1, score;
  guint body_end;

  json_parser_load_from_data (parser, gold_json, -1, &error);
  g_assert_no_error (error);
  gold = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "attributions");
  body_end = g_utf8_offset_to_pointer (story, json_object_get_int_member (
    json_node_get_object (json_parser_get_root (parser)), "body_end")) - story;

  for (guint g = 0; g < json_array_get_length (gold); g++)
    {
      JsonObject *o = json_array_get_object_element (gold, g);
      const char *src = json_object_get_string_member (o, "source");
      const char *kind = json_object_get_string_member (o, "source_kind");
      guint ss = g_utf8_offset_to_pointer (story, json_object_get_int_member (o, "source_start")) - story;
      guint cs = g_utf8_offset_to_pointer (story, json_object_get_int_member (o, "content_start")) - story;
      guint ce = g_utf8_offset_to_pointer (story, json_object_get_int_member (o, "content_end")) - story;
      gboolean unnamed = strcmp (kind, "ANONYMOUS") == 0 || strcmp (kind, "ROLE") == 0;
      gboolean hit = FALSE;

      unnamed_gold += unnamed;
      for (guint i = 0; i < n && !hit; i++)
        {
          guint ov_s = MAX (cs, r[i].content.start), ov_e = MIN (ce, r[i].content.end);
          gboolean same_source = r[i].source.start == ss ||
            (r[i].source.end - r[i].source.start == strlen (src) &&
             g_ascii_strncasecmp (story + r[i].source.start, src, strlen (src)) == 0);

          if (used[i] || !same_source || ov_e <= ov_s || (ov_e - ov_s) * 2 < ce - cs)
            continue;
          hit = used[i] = TRUE;
          tp++;
          if (unnamed && (r[i].kind == TL_SOURCE_ROLE || r[i].kind == TL_SOURCE_ANONYMOUS))
            unnamed_found++;
        }
      if (!hit)
        g_test_message ("missed: %s | %s", src, json_object_get_string_member (o, "cue"));
    }
  {
    guint found_body = 0;
    for (guint i = 0; i < n; i++)
      if (r[i].source.start < body_end)
        {
          found_body++;
          if (!used[i])
            g_test_message ("extra: %.*s | %.*s", (int) (r[i].source.end - r[i].source.start),
                            story + r[i].source.start, (int) (r[i].cue.end - r[i].cue.start),
                            story + r[i].cue.start);
        }
    p = (double) tp / MAX (1, found_body);
  }
  rec = (double) tp / json_array_get_length (gold);
  f1 = p + rec > 0 ? 2 * p * rec / (p + rec) : 0;
  g_test_message ("attributions: precision %.3f recall %.3f F1 %.3f; unnamed sources %u/%u",
                  p, rec, f1, unnamed_found, unnamed_gold);
  g_assert_cmpfloat (f1, >=, 0.85);
  g_assert_cmpuint (unnamed_found, ==, unnamed_gold);
  g_assert_true (tl_analysis_get_topic (a, &score));
  g_test_message ("topic score %.3f", score);
  g_free (used);
}

/* The sources at a glance: one row per source however it is printed, the
 * statements each rests on, the unnamed share, and the wire leaned on. */
static void
test_sources (void)
{
  g_autoptr(TlAnalysis) a = tl_test_analyze (
    "LISBON (Reuters) - Anna Berg said the operator had found no trace of the intruders. "
    "“We have looked at every switch,” she said. "
    "Two officials said the regulator would decide in June. "
    "The licence of the operator is at stake, according to Reuters.");
  g_autoptr(TlSources) src = tl_sources_new (a);
  guint n_attr, n_ent, refs = 0, berg = G_MAXUINT;
  const TlAttribution *attr = tl_analysis_get_attributions (a, &n_attr);
  const TlEntity *ents = tl_analysis_get_entities (a, &n_ent);
  gint upstream = tl_sources_get_upstream (src, &refs);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *found = tl_test_describe (a);
  JsonObject *o;

  g_test_message ("found: %s", found);
  g_assert_cmpuint (tl_sources_get_n_statements (src), ==, n_attr);
  for (guint i = 0; i < tl_sources_get_n_sources (src); i++)
    if (strcmp (tl_sources_get_source (src, i)->name, "Anna Berg") == 0)
      berg = i;
  g_assert_cmpuint (berg, !=, G_MAXUINT);
  /* "Anna Berg" and "she" are one source with two statements, one quoted. */
  g_assert_cmpuint (tl_sources_get_source (src, berg)->count, ==, 2);
  g_assert_cmpuint (tl_sources_get_source (src, berg)->direct, ==, 1);
  g_assert_cmpint (tl_sources_get_source (src, berg)->kind, ==, TL_SOURCE_PERSON);
  for (guint i = 0; i < n_attr; i++)
    if (attr[i].entity >= 0 && strcmp (ents[attr[i].entity].name, "Anna Berg") == 0)
      g_assert_cmpuint (tl_sources_get_source_of (src, i), ==, berg);
  g_assert_cmpuint (tl_sources_get_unnamed_statements (src), ==, 1);
  g_assert_cmpint (upstream, >=, 0);
  g_assert_cmpstr (ents[upstream].name, ==, "Reuters");
  g_assert_cmpuint (refs, ==, 2);

  json_builder_begin_object (b);
  tl_sources_add_json (src, b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  o = json_node_get_object (node);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "sources")), ==,
                    tl_sources_get_n_sources (src));
  o = json_object_get_object_member (o, "sourcing");
  g_assert_cmpint (json_object_get_int_member (o, "unnamed_statements"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "upstream"), "name"),
                   ==, "Reuters");
}

/* A document named again ("the report", "the document") is one source
 * with the document first named; another document is another source;
 * "both companies" named before are no unnamed source. */
static void
test_sources_documents (void)
{
  g_autoptr(TlAnalysis) a = tl_test_analyze (
    "Huawei and ZTE sell radios to the operator. "
    "A report published by the regulator on Monday said the network was exposed. "
    "The report said two vendors were involved. "
    "A letter from the ministry said the deadline stood. "
    "The document added that the vendors had been warned. "
    "Both companies denied that their equipment posed a risk.");
  g_autoptr(TlSources) src = tl_sources_new (a);
  g_autofree char *found = tl_test_describe (a);
  guint report = G_MAXUINT, letter = G_MAXUINT;

  g_test_message ("found: %s", found);
  for (guint i = 0; i < tl_sources_get_n_sources (src); i++)
    {
      const TlSource *s = tl_sources_get_source (src, i);
      g_test_message ("source %s: %u", s->name, s->count);
      if (g_str_has_prefix (s->name, "A report"))
        report = i;
      else if (g_str_has_prefix (s->name, "A letter"))
        letter = i;
    }
  g_assert_cmpuint (report, !=, G_MAXUINT);
  g_assert_cmpuint (letter, !=, G_MAXUINT);
  g_assert_cmpuint (tl_sources_get_source (src, report)->count, ==, 2);
  /* "The document" comes after the letter: it is the letter. */
  g_assert_cmpuint (tl_sources_get_source (src, letter)->count, ==, 2);
  g_assert_cmpuint (tl_sources_get_n_sources (src), ==, 3);
  g_assert_cmpuint (tl_sources_get_unnamed_statements (src), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], check_case);
  g_test_add_func ("/core/sources/rows-and-upstream", test_sources);
  g_test_add_func ("/core/sources/a-document-named-again", test_sources_documents);
  g_test_add_func ("/core/gold/prague-5g-summit/attributions", test_gold);
  return g_test_run ();
}
