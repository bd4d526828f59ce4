#!/usr/bin/env python3
"""Builds data/kb/*.json from the compact tables in tools/kb/*.txt.

Each table line: name|aliases separated by ;|country code|description[|wikidata]
(countries.txt: name|aliases|code|wikidata|region). Lines starting with # are
comments. The JSON files are what Telelens loads; edit the tables and rerun:
    python3 tools/kb/gen.py
"""
import json, os, re, sys, unicodedata

here = os.path.dirname(os.path.abspath(__file__))
out_dir = os.path.join(here, "..", "..", "data", "kb")
used_ids = set()

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
    for line in open(os.path.join(here, fname), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        yield [f.strip() for f in line.split("|")]

def entry(name, type_, aliases, cc, desc, qid=None):
    e = {"id": make_id(name, type_, cc), "name": name, "type": type_}
    al = [a for a in (x.strip() for x in aliases.split(";")) if a and a != name]
    if al:
        e["aliases"] = al
    if cc:
        e["country"] = cc
    if desc:
        e["description"] = desc
    if qid:
        e["wikidata"] = qid
    return e

def write(fname, entities):
    path = os.path.join(out_dir, fname)
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"entities": [\n')
        f.write(",\n".join(json.dumps(e, ensure_ascii=False) for e in entities))
        f.write("\n]}\n")
    return len(entities)

total = 0
countries = []
for name, aliases, cc, qid, region in rows("countries.txt"):
    desc = f"Country in {region}" if name not in ("Scotland", "Wales", "England", "Northern Ireland") else "Nation of the United Kingdom"
    countries.append(entry(name, "place", aliases, cc, desc, qid or None))
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
    for r in rows(src):
        r += [""] * (5 - len(r))
        name, aliases, cc, desc, qid = r[:5]
        if type_ == "place" and desc == "City" and cc:
            desc = f"City in {next((c['name'] for c in countries if c.get('country') == cc), cc.upper())}"
        ents.append(entry(name, type_, aliases, cc, desc, qid or None))
    n = write(out, ents)
    total += n
print(f"{total} entities written to {os.path.normpath(out_dir)}", file=sys.stderr)
