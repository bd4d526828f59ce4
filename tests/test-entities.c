/* test-entities.c — the span and type rules (docs/analysis.md), one case each
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each case is a story snippet and expectations:
 *   "TEXT/type"      a mention with exactly this text and type
 *   "TEXT/type@id"   … linked to this knowledge-base id
 *   "!TEXT"          no mention with exactly this text
 *   "#N"             exactly N mentions
 *   "A=B"            the mentions A and B are the same entity
 */
#include "tl-test-util.h"

#include <string.h>

typedef struct {
  const char *path;
  const char *text;
  const char *expect[8];
} Case;

static const Case cases[] = {
  /* Case rules and word boundaries */
  { "/core/entities/case/us-not-inside-usb",
    "Plug the USB stick into the US laptop, the USA said.",
    { "US/place", "USA/place", "!USB", "#2" } },
  { "/core/entities/case/us-pronoun-is-not-a-place",
    "Tell us about the network and let us know.", { "#0" } },
  { "/core/entities/case/acronym-operators-exact",
    "EE and BT said the bee and the btree were fine.",
    { "EE/operator", "BT/operator", "#2" } },
  { "/core/entities/case/title-alias-not-on-lowercase-word",
    "He peeled an orange while Orange said it would upgrade its network.",
    { "Orange/operator", "#1" } },
  { "/core/entities/case/latin1-capitals-fold",
    "TELEFÓNICA and Telefónica both appear.",
    { "TELEFÓNICA/operator", "Telefónica/operator", "#2" } },
  { "/core/entities/boundary/unicode-letter-after-alias",
    "Teliaé is not a company, but Telia is.",
    { "Telia/operator", "#1" } },
  /* Span rules */
  { "/core/entities/span/no-leading-article",
    "The Netherlands and the UK agreed.",
    { "Netherlands/place", "UK/place", "!The Netherlands" } },
  { "/core/entities/span/no-possessive",
    "Huawei's equipment and Huawei’s phones.",
    { "Huawei/vendor@huawei", "#2", "!Huawei's" } },
  { "/core/entities/span/place-inside-compound",
    "A US-led group of China-based firms.",
    { "US/place", "China/place", "#2" } },
  { "/core/entities/span/longest-name-wins",
    "Huawei Technologies Co Ltd sued, and Huawei Australia objected.",
    { "Huawei Technologies Co Ltd/vendor@huawei", "Huawei Australia/vendor@huawei-australia", "#2" } },
  { "/core/entities/span/legal-suffix-extends-known-company",
    "Nokia Oyj and Ericsson AB signed the deal.",
    { "Nokia Oyj/vendor@nokia", "Ericsson AB/vendor@ericsson", "#2" } },
  { "/core/entities/span/legal-form-keeps-its-period",
    "Suppliers to ZTE Corp. and Huawei Technologies Co. Ltd. were told to stop on Friday.",
    { "ZTE Corp./vendor@zte", "Huawei Technologies Co. Ltd./vendor@huawei", "!ZTE Corp",
      "!Huawei Technologies Co", "#2" } },
  { "/core/entities/law/article-of-the-act",
    "The breach may violate Article 29 of the Personal Information Protection Act, and Section 5(2) of the TRACED Act.",
    { "Article 29 of the Personal Information Protection Act/law",
      "Section 5(2) of the TRACED Act/law", "!Personal Information Protection Act" } },
  { "/core/entities/law/instrument-of-the-act",
    "Under the Enforcement Decree of the Personal Information Protection Act, fines are capped.",
    { "Enforcement Decree of the Personal Information Protection Act/law", "#1" } },
  { "/core/entities/span/name-of-a-number-is-not-the-body",
    "Names and Social Security numbers were taken, the carrier said.",
    { "!Social Security" } },
  { "/core/entities/span/country-joins-agency",
    "A study from the US Department of Defence and the U.S. Commerce Department.",
    { "US Department of Defence/government@us-department-of-defense",
      "U.S. Commerce Department/government@us-department-of-commerce", "#2" } },
  { "/core/entities/span/possessive-splits-agency",
    "China's foreign ministry said the claims were false.",
    { "China/place", "#1" } },
  { "/core/entities/span/country-inside-title",
    "U.S. Secretary of Commerce Gina Raimondo spoke.",
    { "U.S./place", "Gina Raimondo/person", "!Secretary of Commerce", "#2" } },
  { "/core/entities/kb/police-and-privacy-authorities",
    "The Guardia Civil said the gang had swapped 300 SIM cards; the AEPD and Italy's Garante Privacy opened inquiries.",
    { "Guardia Civil/government@guardia-civil", "AEPD/government@spanish-data-protection-agency",
      "Garante Privacy/government@italian-data-protection-authority", "!Guardia Civil/person" } },
  { "/core/entities/context/company-by-suffix-is-not-a-person",
    "Northwind Cable Company said in a statement it was rerouting traffic.",
    { "Northwind Cable Company/organization", "#1" } },
  /* What is not an entity */
  { "/core/entities/not/demonyms",
    "Chinese and European officials met British carriers.", { "#0" } },
  { "/core/entities/not/event-name-yields-parts",
    "Delegates met at the Prague 5G Security Conference.",
    { "Prague/place", "5G/technology", "#2" } },
  { "/core/entities/not/generic-heads",
    "The Government said the Administration and the regulator agreed.", { "#0" } },
  { "/core/entities/not/headline-capitals",
    "Operators Brace For Tough New Security Rules At Summit", { "#0" } },
  /* Patterns */
  { "/core/entities/pattern/cve",
    "Attackers used CVE-2024-3400 and CVE-2023-20198; XCVE-2020-1234 and CVE-20-1 are not ids.",
    { "CVE-2024-3400/vulnerability", "CVE-2023-20198/vulnerability", "#2" } },
  { "/core/entities/pattern/threat-code-names",
    "Researchers tied UNC4821, FIN13 and Storm-1849 to the break-in; TA577 sent the lures. UNC12, XAPT41 and TA5770123 are not code names.",
    { "UNC4821/threat", "FIN13/threat", "Storm-1849/threat", "TA577/threat", "!UNC12", "!XAPT41", "!TA5770123", "#4" } },
  { "/core/entities/context/person-of-a-body-before-a-cue",
    "Eerik Kross of Estonia warned that the cables had been cut. Jaak Tamm from Vodafone, a former engineer, agreed.",
    { "Eerik Kross/person", "Estonia/place", "Jaak Tamm/person", "Vodafone/operator", "#4" } },
  { "/core/entities/context/threat-by-family-name",
    "A group tracked as Velvet Chollima, which Microsoft calls Onyx Sleet, and one called Amber Typhoon hit the carrier. Typhoon Haiyan struck in 2013.",
    { "Velvet Chollima/threat", "Onyx Sleet/threat", "Amber Typhoon/threat", "!Typhoon Haiyan", "!Haiyan" } },
  /* Names found by context */
  { "/core/entities/context/person-by-given-name",
    "Jane Whitfield, a network engineer, disagreed.",
    { "Jane Whitfield/person", "#1" } },
  { "/core/entities/context/given-name-that-is-also-a-month",
    "Jan Novak, a spokesman for the agency, said the review would end on Jan. 5 or Jan 6.",
    { "Jan Novak/person", "#1" } },
  { "/core/entities/context/person-by-reporting-verb",
    "Tomasz Wierzbicki said the audit was complete.",
    { "Tomasz Wierzbicki/person", "#1" } },
  { "/core/entities/context/person-set-off-by-commas-after-a-role",
    "The country's digital affairs minister, Wiktor Zielonka, said the review would take a year; its regulator, Ofcom, agreed. The spokesman, Halvard Brekke, declined to comment.",
    { "Wiktor Zielonka/person", "Halvard Brekke/person", "Ofcom/government", "#3" } },
  { "/core/entities/context/person-after-title",
    "Telecom Minister Abebe Kebede promised a review.",
    { "Abebe Kebede/person", "!Telecom Minister", "#1" } },
  { "/core/entities/context/person-by-apposition",
    "Wiremu Tawhiri, chief executive of the carrier, resigned.",
    { "Wiremu Tawhiri/person", "#1" } },
  { "/core/entities/context/organisation-by-suffix",
    "The contract went to Norvik Data Systems Ltd last year.",
    { "Norvik Data Systems Ltd/organization", "#1" } },
  { "/core/entities/context/operator-by-suffix",
    "Customers of Zephyr Telecom lost service.",
    { "Zephyr Telecom/operator", "#1" } },
  { "/core/entities/context/government-by-head",
    "The Ministry of Posts and Telecommunications of Ruritania issued a rule.",
    { "Ministry of Posts and Telecommunications of Ruritania/government", "#1" } },
  { "/core/entities/context/person-with-owner-role-apposition",
    "In an interview, Tadeo Rucker, Ericsson's vice president of sales, said the deal was done.",
    { "Tadeo Rucker/person", "Ericsson/vendor", "#2" } },
  /* Back-references */
  { "/core/entities/link/family-name-first",
    "The operator hired Zhao Kaiming, a senior engineer, in May. Later, Zhao said the outage was over.",
    { "Zhao Kaiming/person", "Zhao/person", "Zhao=Zhao Kaiming", "#2" } },
  { "/core/entities/link/surname-after-full-name",
    "Karel Novák, a spokesman for the operator, said so. Novák added more.",
    { "Karel Novák/person", "Novák/person", "Novák=Karel Novák", "#2" } },
  { "/core/entities/link/surname-of-known-person",
    "Brendan Carr spoke first. Later Carr said the FCC would act.",
    { "Carr/person@brendan-carr", "FCC/government", "#3" } },
  { "/core/entities/link/surname-after-an-office",
    "Karel Novák, the commerce secretary, spoke first. “The rules stand,” said Secretary of Commerce Novák. Later the Secretary of the Treasury Novák agreed.",
    { "Karel Novák/person", "Novák=Karel Novák", "#3" } },
  { "/core/entities/context/surname-after-an-office",
    "“The order stands,” said Secretary of Commerce Ross. Minister of Transport Ruiz said the ports were safe.",
    { "Ross/person@wilbur-ross", "Ruiz/person", "!Transport Ruiz", "!Commerce Ross", "#2" } },
  { "/core/entities/link/short-form-after-named-body",
    "The European Commission published a toolbox. The Commission said more would follow.",
    { "European Commission/government", "Commission/government@european-commission", "#2" } },
  { "/core/entities/link/no-short-form-without-named-body",
    "The Commission said more would follow.", { "#0" } },
  /* Credits: bylines, reporting lines and photo credits name people */
  { "/core/entities/credit/byline-line",
    "Operators face new rules\nBy Ilse Vandermeer\nRegulators said on Monday that the rules apply.",
    { "Ilse Vandermeer/person", "#1" } },
  { "/core/entities/credit/by-opening-a-sentence-is-not-a-byline",
    "By Monday the network was back.\nBy Christmas Eve the outage was over.",
    { "#0" } },
  { "/core/entities/credit/reporting-and-editing-lines",
    "(Reporting by Oskari Halme in Turku and Birte Olsvik; Editing by Teodor Brandt)",
    { "Oskari Halme/person", "Birte Olsvik/person", "Teodor Brandt/person", "Turku/place", "#4" } },
  { "/core/entities/credit/written-by-names-before-outlet",
    "Written by Grete Saarinen and Kwabena Osei for Reuters",
    { "Grete Saarinen/person", "Kwabena Osei/person", "Reuters/media", "#3" } },
  { "/core/entities/credit/photo-credit-around-slash",
    "A mast in Lyon. REUTERS/Hamid Darvish/File Photo\nA shop in Porto (Ilinca Dobre/AP)",
    { "Hamid Darvish/person", "Ilinca Dobre/person", "REUTERS/media", "AP/media", "!File Photo" } },
  /* Missions and short forms of named bodies */
  { "/core/entities/government/embassy-as-government",
    "The Chinese Embassy in Ottawa objected, and the US Embassy declined to comment.",
    { "Chinese Embassy/government", "US Embassy/government", "Ottawa/place", "#3" } },
  { "/core/entities/government/embassy-of-a-country",
    "The Embassy of Japan and the Embassy of the United States closed; an embassy reopened.",
    { "Embassy of Japan/government", "Embassy of the United States/government", "#2" } },
  { "/core/entities/link/department-word-after-department",
    "The Commerce Department added the firm. Shares fell on the Commerce ban.",
    { "Commerce Department/government@us-department-of-commerce",
      "Commerce/government@us-department-of-commerce", "#2" } },
  { "/core/entities/link/department-word-not-in-a-title",
    "The Commerce Department acted, said a former Undersecretary of Commerce and the Chamber of Commerce.",
    { "Commerce Department/government", "#1" } },
  { "/core/entities/link/newspaper-head-after-title",
    "The New York Times reported the breach. It began in May, the Times said. Times change.",
    { "New York Times/media@new-york-times", "Times/media@new-york-times", "#2" } },
  { "/core/entities/media/newspaper-head-as-source",
    "In a statement obtained by the Post, the carrier apologised, the Journal reported. Times change.",
    { "Post/media", "Journal/media", "!Times", "#2" } },
  { "/core/entities/law/kind-after-named-law",
    "The Personal Information Protection Act requires notice. Under Article 64-2 of the Act, fines apply.",
    { "Personal Information Protection Act/law", "Article 64-2 of the Act/law@personal-information-protection-act",
      "#2" } },
  { "/core/entities/law/unknown-law-by-its-kind",
    "Lawmakers passed the Rural Network Resilience Act in May, and the Harbour Cable Safety "
    "Regulation follows. The Ministry of Law objected.",
    { "Rural Network Resilience Act/law", "Harbour Cable Safety Regulation/law",
      "Ministry of Law/government" } },
  { "/core/entities/law/unknown-law-with-and",
    "The carrier must comply with the Secure and Open Relay Networks Act by June.",
    { "Secure and Open Relay Networks Act/law", "#1" } },
  { "/core/entities/law/executive-order-by-number",
    "The measure follows Executive Order 14555, signed on Monday.",
    { "Executive Order 14555/law", "#1" } },
  { "/core/entities/government/body-name-with-and",
    "Inspectors from the Signals and Cable Protection Agency met the Telecoms and Postal "
    "Oversight Authority.",
    { "Signals and Cable Protection Agency/government",
      "Telecoms and Postal Oversight Authority/government", "#2" } },
  { "/core/entities/span/body-name-stops-before-weekday",
    "The Coastal Spectrum Authority on Friday fined the Harbour Radio Board on Monday.",
    { "Coastal Spectrum Authority/government", "Harbour Radio Board/government", "#2" } },
  /* Knowledge-base coverage by category (data/kb/README.md) */
  { "/core/entities/kb/technology-generations-signalling-domains",
    "Attackers abused SS7 and SMS to reach the core network of a 5G and 4G operator.",
    { "SS7/technology", "SMS/technology", "core network/technology", "5G/technology",
      "4G/technology", "#5" } },
  { "/core/entities/kb/technology-not-identifiers-equipment-or-media",
    "Thieves copied the SIM card, IMSI and IMEI, then used Wi-Fi, satellite internet, "
    "an undersea cable and a base station with IoT sensors.",
    { "#0" } },
  { "/core/entities/kb/camera-makers-are-organisations",
    "Hikvision and Dahua cameras were banned along with Hytera radios.",
    { "Hikvision/organization", "Dahua/organization", "Hytera/vendor", "#3" } },
  { "/core/entities/kb/cable-and-satellite-operators",
    "Arelion and Southern Cross Cables said Telesat and Eutelsat were unaffected.",
    { "Arelion/operator", "Southern Cross Cables/operator", "Telesat/operator",
      "Eutelsat/operator", "#4" } },
  { "/core/entities/kb/security-agencies-and-seas",
    "Supo and the Finnish Border Guard searched the Gulf of Finland and the Baltic Sea.",
    { "Supo/government", "Finnish Border Guard/government", "Gulf of Finland/place",
      "Baltic Sea/place", "#4" } },
  { "/core/entities/kb/wires-broadcasters-and-monitors",
    "Yle, Lusa and NetBlocks reported the outage, citing a Rapid7 analyst. Photo: iStockphoto",
    { "Yle/media", "Lusa/media", "NetBlocks/organization", "Rapid7/organization",
      "iStockphoto/media", "#5" } },
  { "/core/entities/kb/either-apostrophe",
    "The People’s Republic of China and the People's Republic of China are one place.",
    { "People’s Republic of China/place@china", "People's Republic of China/place@china", "#2" } },
  { "/core/entities/kb/leader-by-surname",
    "Putin and Macron spoke; later Zelensky said the network held.",
    { "Putin/person@vladimir-putin", "Macron/person@emmanuel-macron",
      "Zelensky/person@volodymyr-zelensky", "#3" } },
  { "/core/entities/kb/department-abbreviations",
    "The U.S. Dept. of Commerce and the Justice Dept. acted.",
    { "U.S. Dept. of Commerce/government@us-department-of-commerce",
      "Justice Dept./government@us-department-of-justice", "#2" } },
  { "/core/entities/kb/programmes-are-laws",
    "Carriers used Universal Service Fund money under the TRACED Act.",
    { "Universal Service Fund/law", "TRACED Act/law", "#2" } },
  { "/core/entities/kb/operators-of-every-region",
    "NBN Co, Econet Wireless, Libyana, Smartfren, Zain Iraq and Claro Argentina restored links; Thaicom and Orange Marine helped.",
    { "NBN Co/operator", "Econet Wireless/operator", "Libyana/operator", "Smartfren/operator",
      "Zain Iraq/operator", "Claro Argentina/operator", "Thaicom/operator", "Orange Marine/operator" } },
  { "/core/entities/kb/industry-groups-think-tanks-and-contractors",
    "The NGMN Alliance, CableLabs, the Lowy Institute, Fingrid and Booz Allen Hamilton joined the review.",
    { "NGMN Alliance/organization", "CableLabs/organization", "Lowy Institute/organization",
      "Fingrid/organization", "Booz Allen Hamilton/organization", "#5" } },
  { "/core/entities/kb/researchers-and-agency-heads",
    "Doug Madory and Tobias Engel disagreed with Guillaume Poupard.",
    { "Doug Madory/person@doug-madory", "Tobias Engel/person@tobias-engel",
      "Guillaume Poupard/person@guillaume-poupard", "#3" } },
  { "/core/entities/kb/export-lists-and-national-laws",
    "Firms on the Unverified List and the Military End User List face the Telekommunikationsgesetz and UNCLOS.",
    { "Unverified List/law", "Military End User List/law", "Telekommunikationsgesetz/law", "UNCLOS/law", "#4" } },
  { "/core/entities/kb/technology-protocols-and-interconnect",
    "Spies abused SIGTRAN links, BGP routes and the IPX roaming exchange to reach VoWiFi calls and the PSTN.",
    { "SIGTRAN/technology@sigtran", "BGP/technology@bgp", "IPX/technology@ipx",
      "VoWiFi/technology@vowifi", "PSTN/technology@pstn", "#5" } },
  { "/core/entities/kb/technology-radio-variants-and-domains",
    "The 5.5G trial, TD-LTE cells, WiMAX links and non-terrestrial networks shared one access network.",
    { "5.5G/technology@5g-advanced", "TD-LTE/technology@4g", "WiMAX/technology@wimax",
      "non-terrestrial networks/technology@non-terrestrial-network",
      "access network/technology@access-network", "#5" } },
  { "/core/entities/kb/technology-left-out-words",
    "An eSIM, lawful interception gear, an SD-WAN box, a 1G port and a map of the power transmission line at the edge of town.",
    { "#0" } },
  { "/core/entities/kb/threat-typhoon-and-vendor-given-names",
    "Charcoal Typhoon, Nylon Typhoon and Mulberry Typhoon differ from what CrowdStrike calls Operator Panda.",
    { "Charcoal Typhoon/threat@charcoal-typhoon", "Nylon Typhoon/threat@nylon-typhoon",
      "Mulberry Typhoon/threat@mulberry-typhoon", "Operator Panda/threat@salt-typhoon",
      "CrowdStrike/organization", "#5" } },
  { "/core/entities/kb/threat-telecom-groups-and-their-tools",
    "Sea Turtle, Metador and APT39 were blamed, while BADBOX 2.0, HermeticWiper and Jaguar Tooth spread.",
    { "Sea Turtle/threat@sea-turtle", "Metador/threat@metador", "APT39/threat@apt39",
      "BADBOX 2.0/threat@badbox", "HermeticWiper/threat@hermeticwiper",
      "Jaguar Tooth/threat@jaguar-tooth", "#6" } },
  { "/core/entities/kb/sanctions-lists-and-certification-schemes",
    "Firms on the SDN List and the 1260H list must pass NESAS and Common Criteria audits under DORA.",
    { "SDN List/law@specially-designated-nationals-list", "1260H list/law@1260h-list",
      "NESAS/law@network-equipment-security-assurance-scheme", "Common Criteria/law@common-criteria",
      "DORA/law@digital-operational-resilience-act", "#5" } },
  { "/core/entities/kb/newer-national-cyber-laws",
    "The Cyber Security Act 2024 and the Active Cyber Defense Law came before the Cyber Security and Resilience Bill.",
    { "Cyber Security Act 2024/law@cyber-security-act-2024",
      "Active Cyber Defense Law/law@active-cyber-defense-law",
      "Cyber Security and Resilience Bill/law@cyber-security-and-resilience-bill", "#3" } },
  { "/core/entities/kb/cyber-agencies-and-military-units",
    "Unit 29155 and the Information Support Force were named by the JCDC, the CVERC and the Public Safety and Homeland Security Bureau.",
    { "Unit 29155/government@unit-29155", "Information Support Force/government@information-support-force",
      "JCDC/government@joint-cyber-defense-collaborative",
      "CVERC/government@national-computer-virus-emergency-response-center",
      "Public Safety and Homeland Security Bureau/government@public-safety-and-homeland-security-bureau",
      "#5" } },
  { "/core/entities/kb/towers-fibre-and-smaller-markets",
    "Cellnex, Helios Towers, Google Fiber, Telkom Kenya, Hormuud Telecom and Beltelecom reported no damage.",
    { "Cellnex/operator@cellnex", "Helios Towers/operator@helios-towers", "Google Fiber/operator@google-fiber",
      "Telkom Kenya/operator@telkom-kenya", "Hormuud Telecom/operator@hormuud-telecom",
      "Beltelecom/operator@beltelecom", "#6" } },
  { "/core/entities/kb/dpi-sim-chip-and-satellite-makers",
    "Sandvine, Gemalto, DrayTek, Sequans, Thales Alenia Space and Gilat supplied the parts.",
    { "Sandvine/vendor@sandvine", "Gemalto/vendor@gemalto", "DrayTek/vendor@draytek",
      "Sequans/vendor@sequans", "Thales Alenia Space/vendor@thales-alenia-space", "Gilat/vendor@gilat", "#6" } },
  { "/core/entities/kb/armed-force-short-form",
    "An Air Force jet shot down the balloon off the coast.",
    { "Air Force/government", "#1" } },
  /* Ambiguous short forms count only where the story supports them */
  { "/core/entities/ambiguous/trade-word-in-sentence",
    "Analysts said Orange would upgrade its network next year.",
    { "Orange/operator@orange", "#1" } },
  { "/core/entities/ambiguous/no-support-no-mention",
    "Analysts said Orange would paint the lobby next year; Sky looked grey and Free trade talks resumed.",
    { "#0" } },
  { "/core/entities/ambiguous/inside-longer-name",
    "Residents of Orange County recalled Agent Orange while the operator network was down.",
    { "!Orange", "!Orange County" } },
  { "/core/entities/ambiguous/sentence-start-common-word",
    "Three engineers restored the mobile network. Three said nothing more.",
    { "#0" } },
  { "/core/entities/ambiguous/sentence-start-after-dateline",
    "LONDON - Three men who hijacked mobile phone numbers were jailed. "
    "MADRID (Reuters) \xe2\x80\x94 Orange juice sold out in shops near the mobile network's offices.",
    { "LONDON/place", "MADRID/place", "Reuters/media", "!Three", "!Orange", "#3" } },
  { "/core/entities/link/generic-name-after-a-fuller-one",
    "The Swedish Security Service named China as a threat. The Security Service said spies target the operators. "
    "In London, the Gulf of Finland cable was discussed; Finland said little.",
    { "Swedish Security Service/government@swedish-security-service",
      "Security Service/government@swedish-security-service", "Finland/place@finland" } },
  { "/core/entities/ambiguous/after-unambiguous-name",
    "Three UK restored service overnight. Three said the fault was fixed.",
    { "Three UK/operator@three-uk", "Three/operator@three-uk", "#2" } },
  { "/core/entities/ambiguous/next-to-same-kind",
    "Vodafone, EE and Three cut prices.",
    { "Vodafone/operator", "EE/operator@ee", "Three/operator@three-uk", "#3" } },
  { "/core/entities/ambiguous/exact-case-only",
    "The Conseil du Roi met. Analysts said du and Etisalat sell 5G plans in Dubai, DU and THREE not.",
    { "du/operator", "!DU", "!THREE", "!Roi" } },
  { "/core/entities/ambiguous/app-by-its-trade-words",
    "Officials moved to Signal, the encrypted messaging app. Signal strength fell near the coast.",
    { "Signal/organization@signal-messenger", "#1" } },
  { "/core/entities/ambiguous/brand-short-forms-of-operators",
    "Analysts said Bell and A1 would raise mobile prices. Bell rang at noon; A1 steak sauce sold out.",
    { "Bell/operator@bell-canada", "A1/operator@a1-telekom-austria", "#2" } },
  { "/core/entities/ambiguous/ship-tracking-not-operator",
    "AIS data showed the vessel slowed over the cable.", { "#0" } },
  { "/core/entities/ambiguous/appliance-maker-short-form",
    "Press F5 to reload the page. F5 said the company found the intruders in its systems.",
    { "F5/organization@f5-networks", "#1" } },
  { "/core/entities/ambiguous/surname-needs-full-name",
    "Meng Wanzhou flew home. Meng thanked supporters. Elsewhere, Meng Lei painted a mural.",
    { "Meng Wanzhou/person@meng-wanzhou", "Meng/person@meng-wanzhou" } },
  { "/core/entities/ambiguous/surname-alone-is-not-known",
    "A painter named Meng said the mural was finished.", { "!Meng" } },
  /* HTML input */
  { "/core/entities/html/markup-dropped",
    "<p>Huawei &amp; <b>ZTE</b></p><script>var Nokia = 1;</script><style>.Ericsson{}</style>",
    { "Huawei/vendor", "ZTE/vendor", "#2" } },
};

#define case_fail(...) G_STMT_START { g_test_message (__VA_ARGS__); g_test_fail (); } G_STMT_END

static void
check_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(TlAnalysis) a = tl_test_analyze (c->text);
  g_autofree char *got = tl_test_describe (a);

  g_test_message ("found: %s", got);
  for (guint i = 0; i < G_N_ELEMENTS (c->expect) && c->expect[i]; i++)
    {
      const char *e = c->expect[i];

      if (e[0] == '#')
        {
          guint n;
          tl_analysis_get_mentions (a, &n);
          if (n != (guint) atoi (e + 1))
            case_fail ("%s: expected %s mentions, got %u: %s", c->path, e + 1, n, got);
        }
      else if (e[0] == '!')
        {
          if (tl_test_find_mention (a, e + 1, NULL, NULL))
            case_fail ("%s: “%s” must not be a mention: %s", c->path, e + 1, got);
        }
      else if (strchr (e, '=') != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (e, "=", 2);
          guint n;
          const TlMention *m = tl_analysis_get_mentions (a, &n);
          const char *text = tl_analysis_get_text (a, NULL);
          gint ent[2] = { -1, -1 };

          for (guint k = 0; k < 2; k++)
            for (guint j = 0; j < n && ent[k] < 0; j++)
              if (m[j].end - m[j].start == strlen (parts[k]) &&
                  strncmp (text + m[j].start, parts[k], strlen (parts[k])) == 0)
                ent[k] = (gint) m[j].entity;
          if (ent[0] < 0 || ent[0] != ent[1])
            case_fail ("%s: “%s” and “%s” should be one entity: %s", c->path, parts[0], parts[1], got);
        }
      else
        {
          g_auto(GStrv) parts = g_strsplit_set (e, "/@", 3);
          TlEntityType type, want;
          const char *id = NULL;

          g_assert_true (tl_entity_type_from_string (parts[1], &want));
          if (!tl_test_find_mention (a, parts[0], &type, &id))
            case_fail ("%s: no mention “%s”: %s", c->path, parts[0], got);
          if (type != want)
            case_fail ("%s: “%s” is %s, expected %s", c->path, parts[0],
                     tl_entity_type_to_string (type), parts[1]);
          if (parts[2] != NULL && g_strcmp0 (id, parts[2]) != 0)
            case_fail ("%s: “%s” links to %s, expected %s", c->path, parts[0],
                     id ? id : "(nothing)", parts[2]);
        }
    }
}

/* Offsets are byte offsets into the analysed text, and every text is its slice. */
static void
test_offsets_are_slices (void)
{
  g_autofree char *story = tl_test_read_data ("fixtures/prague-5g-summit.txt", NULL);
  g_autoptr(TlAnalysis) a = tl_test_analyze (story);
  guint n;
  gsize len;
  const TlMention *m = tl_analysis_get_mentions (a, &n);
  const char *text = tl_analysis_get_text (a, &len);

  g_assert_cmpuint (n, >, 50);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (m[i].start, <, m[i].end);
      g_assert_cmpuint (m[i].end, <=, len);
      g_assert_true (g_utf8_validate_len (text + m[i].start, m[i].end - m[i].start, NULL));
      if (i > 0)
        g_assert_cmpuint (m[i - 1].end, <=, m[i].start);
    }
}

int
main (int    argc,
      char **argv)
{
  tl_test_init (&argc, &argv);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], check_case);
  g_test_add_func ("/core/entities/offsets-are-slices", test_offsets_are_slices);
  return g_test_run ();
}
