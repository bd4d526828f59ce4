#!/usr/bin/env python3
"""Builds data/kb/*.json from the compact tables in tools/kb/*.txt.

Each table line: name|aliases separated by ;|country code|description[|wikidata[|source]]
A "?" before the name or an alias marks an ambiguous short form ("?Three"),
matched only where the story supports it.
(countries.txt: name|aliases|code|wikidata|region[|source]). Lines starting with # are
comments, except "#@source: TEXT", which sets where the facts of the entries
below it come from (until the next such line); a sixth field overrides it for
one entry. Every entry must have a source, and a Wikidata id only with a
source that was read (see data/kb/README.md). One thing, one entry: a name
or alias may name only one entry of a type (compared as the matcher compares
them, see claim()); gen.py refuses a clash and writes nothing. The JSON files
are what Telelens loads; edit the tables and rerun:
    python3 tools/kb/gen.py
"""
import json, os, re, sys, unicodedata

here = os.path.dirname(os.path.abspath(__file__))
out_dir = os.path.join(here, "..", "..", "data", "kb")
used_ids = set()
claimed = {}   # (type, folded text) -> (id, name, where)
clashes = []

def fold(text):
    """The matcher's key for a name or alias: surrounding spaces and a
    leading "The " dropped (normalize_alias() in
    plugin/core/tl-knowledge-base.c), ASCII capitals and the Latin-1 capitals
    À–Þ (not ×) folded to small letters (fold_byte() in
    plugin/core/tl-matcher.c); nothing else is folded there either."""
    t = text.strip()
    if t.startswith(("The ", "the ")):
        t = t[4:].strip()
    return "".join(chr(ord(c) + 32) if ("A" <= c <= "Z" or ("\u00c0" <= c <= "\u00de" and c != "\u00d7")) else c
                   for c in t)

def claim(e, where):
    """Records every name and alias of entry e (plain and ambiguous) as
    naming e; a text that already names another entry of the same type is a
    clash: the same thing listed twice (merge the lines) or an alias that
    names something else (drop it)."""
    for text in [e["name"]] + e.get("aliases", []) + e.get("context_aliases", []):
        key = (e["type"], fold(text))
        other = claimed.setdefault(key, (e["id"], e["name"], where))
        if other[0] != e["id"]:
            clashes.append(f"{where}: {e['type']} “{text}” names both {other[0]} (“{other[1]}”, {other[2]}) "
                           f"and {e['id']} (“{e['name']}”): merge the two entries or drop the alias")

def slug(name):
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = s.replace("&", " and ").lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "entity"

def make_id(name, type_, cc):
    base = slug(name)
    cand = base
    if cand in used_ids:
        cand = f"{base}-{type_}"
    if cand in used_ids and cc:
        cand = f"{base}-{cc}"
    n = 2
    while cand in used_ids:
        cand = f"{base}-{n}"; n += 1
    used_ids.add(cand)
    return cand

def rows(fname):
    """Yields (fields, source) per table line."""
    source = None
    for n, line in enumerate(open(os.path.join(here, fname), encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith("#@source:"):
            source = line[len("#@source:"):].strip() or None
            continue
        if not line.strip() or line.startswith("#"):
            continue
        if source is None:
            sys.exit(f"{fname}:{n}: no #@source: line above this entry")
        yield [f.strip() for f in line.split("|")], source, f"{fname}:{n}"

def entry(where, name, type_, aliases, cc, desc, qid=None, source=None):
    # "?Three": an ambiguous short form, matched only where the story
    # supports it (plugin/core/tl-kb-context.c); also allowed on the name.
    context = []
    if name.startswith("?"):
        name = name[1:]
        context.append(name)
    e = {"id": make_id(name, type_, cc), "name": name, "type": type_}
    raw = [x.strip() for x in aliases.split(";")]
    context += [a[1:] for a in raw if a.startswith("?") and a[1:] != name]
    al = [a for a in raw if a and not a.startswith("?") and a != name]
    # News text uses both apostrophes: "People's" and "People’s".
    for a in [name] + al:
        if "'" in a and a.replace("'", "\u2019") not in al:
            al.append(a.replace("'", "\u2019"))
    if al:
        e["aliases"] = al
    if context:
        e["context_aliases"] = context
    if cc:
        e["country"] = cc
    if desc:
        e["description"] = desc
    if qid:
        e["wikidata"] = qid
    e["source"] = source
    claim(e, where)
    return e

pending = []

def write(fname, entities):
    """Queues a file; nothing is written until every table is read and no
    name clashes."""
    pending.append((fname, entities))
    return len(entities)

def write_all():
    for fname, entities in pending:
        path = os.path.join(out_dir, fname)
        with open(path, "w", encoding="utf-8") as f:
            f.write('{"entities": [\n')
            f.write(",\n".join(json.dumps(e, ensure_ascii=False) for e in entities))
            f.write("\n]}\n")

total = 0
countries = []
# Where "Country in REGION" would be wrong.
own_description = {n: "Nation of the United Kingdom" for n in ("Scotland", "Wales", "England", "Northern Ireland")}
own_description["Faroe Islands"] = "Islands in the North Atlantic"
for r, source, where in rows("countries.txt"):
    r += [""] * (6 - len(r))
    name, aliases, cc, qid, region, own_source = r[:6]
    source = own_source or source
    if qid and "wikidata" not in source.lower():
        sys.exit(f"{where}: a Wikidata id needs a source that shows it (name it in the source)")
    desc = own_description.get(name, f"Country in {region}")
    countries.append(entry(where, name, "place", aliases, cc, desc, qid or None, source))
total += write("countries.json", countries)

simple = {
    "places.json": ("places.txt", "place"),
    "vendors.json": ("vendors.txt", "vendor"),
    "operators.json": ("operators.txt", "operator"),
    "government.json": ("government.txt", "government"),
    "organizations.json": ("organizations.txt", "organization"),
    "media.json": ("media.txt", "media"),
    "people.json": ("people.txt", "person"),
    "technology.json": ("technology.txt", "technology"),
    "threats.json": ("threats.txt", "threat"),
    "laws.json": ("laws.txt", "law"),
}
for out, (src, type_) in simple.items():
    ents = []
    for r, source, where in rows(src):
        if len(r) > 6:
            sys.exit(f"{where}: more than 6 fields")
        r += [""] * (6 - len(r))
        name, aliases, cc, desc, qid, own_source = r[:6]
        source = own_source or source
        if qid and "wikidata" not in source.lower():
            sys.exit(f"{where}: a Wikidata id needs a source that shows it (name it in the source)")
        if type_ == "place" and desc == "City" and cc:
            desc = f"City in {next((c['name'] for c in countries if c.get('country') == cc), cc.upper())}"
        ents.append(entry(where, name, type_, aliases, cc, desc, qid or None, source))
    n = write(out, ents)
    total += n
if clashes:
    print("\n".join(clashes), file=sys.stderr)
    sys.exit(f"{len(clashes)} names or aliases name two entries of one type; nothing written")
write_all()
print(f"{total} entities written to {os.path.normpath(out_dir)}", file=sys.stderr)
