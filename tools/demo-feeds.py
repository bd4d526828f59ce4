#!/usr/bin/env python3
"""Writes RSS 2.0 feeds for Liferea to subscribe to.

    python3 tools/demo-feeds.py OUTDIR               one feed per outlet of
                                                     data/demo/stories.jsonl
    python3 tools/demo-feeds.py OUTDIR --story FILE  one feed, "Sample Wire",
                                                     with the story in FILE
                                                     (first line: headline)

The feeds carry HTML bodies; Liferea subscribes to them in the demo, in the
end-to-end test and in the test that produces the Liferea database fixture.
"""
import json, os, sys, html
from email.utils import format_datetime
from datetime import datetime


def write_feed(out, outlet, stories):
    slug = outlet.lower().replace(" ", "-")
    items = []
    for s in sorted(stories, key=lambda s: s["published"], reverse=True):
        when = format_datetime(datetime.fromisoformat(s["published"].replace("Z", "+00:00")))
        body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in s["text"].split("\n\n") if p.strip())
        items.append(f"""  <item>
    <title>{html.escape(s['title'])}</title>
    <link>{html.escape(s['url'])}</link>
    <guid isPermaLink="false">{html.escape(s['id'])}</guid>
    <pubDate>{when}</pubDate>
    <author>desk@{slug}.example (Sample Desk)</author>
    <description>{html.escape(body)}</description>
  </item>""")
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>{html.escape(outlet)}</title>
  <link>https://{slug}.example/</link>
  <description>Invented sample stories for the Telelens demo</description>
{chr(10).join(items)}
</channel>
</rss>
"""
    with open(os.path.join(out, f"{slug}.xml"), "w", encoding="utf-8") as f:
        f.write(feed)
    print(f"{slug}.xml")


out = sys.argv[1]
os.makedirs(out, exist_ok=True)
if len(sys.argv) == 4 and sys.argv[2] == "--story":
    headline, _, text = open(sys.argv[3], encoding="utf-8").read().partition("\n")
    write_feed(out, "Sample Wire", [{"id": "sample-1", "title": headline.strip(), "text": text.strip(),
                                     "url": "https://sample-wire.example/story",
                                     "published": "2026-03-03T09:00:00Z"}])
    sys.exit(0)
here = os.path.dirname(os.path.abspath(__file__))
by_outlet = {}
for line in open(os.path.join(here, "..", "data", "demo", "stories.jsonl"), encoding="utf-8"):
    s = json.loads(line)
    by_outlet.setdefault(s["outlet"], []).append(s)
for outlet, stories in by_outlet.items():
    write_feed(out, outlet, stories)
