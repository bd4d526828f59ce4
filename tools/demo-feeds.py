#!/usr/bin/env python3
"""Writes one RSS 2.0 feed per outlet from data/demo/stories.jsonl.

    python3 tools/demo-feeds.py OUTDIR [BASEURL]

The feeds carry the invented demo stories (HTML bodies); Liferea subscribes to
them in the demo and in the test that produces the Liferea database fixture.
"""
import json, os, sys, html
from email.utils import format_datetime
from datetime import datetime

here = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
by_outlet = {}
for line in open(os.path.join(here, "..", "data", "demo", "stories.jsonl"), encoding="utf-8"):
    s = json.loads(line)
    by_outlet.setdefault(s["outlet"], []).append(s)
for outlet, stories in by_outlet.items():
    slug = outlet.lower().replace(" ", "-")
    items = []
    for s in sorted(stories, key=lambda s: s["published"], reverse=True):
        when = format_datetime(datetime.fromisoformat(s["published"].replace("Z", "+00:00")))
        body = "".join(f"<p>{html.escape(p)}</p>" for p in s["text"].split("\n\n"))
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
