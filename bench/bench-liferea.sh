#!/usr/bin/env bash
# bench-liferea.sh — load-finished → highlights in the real Liferea, and where the time goes
#   bench/bench-liferea.sh BUILD_DIR [STORIES [RUNS]]
# Runs the installed Liferea (1.14 or 1.15) under Xvfb with the plugin of
# BUILD_DIR (tools/liferea-headless.sh), shows STORIES stories one after
# another (Ctrl+N, default 8) in each of RUNS runs (default 1), and reads the
# one line the plugin logs per decorated story (G_MESSAGES_DEBUG=telelens).
# Prints, over all stories, p50 / p99 / max of each step, in ms after
# Liferea's load-finished (both clocks are the machine's wall clock: the
# page's performance.timeOrigin + now(), the reader's g_get_real_time()):
#   Liferea filled the page   the story's text is in the page (Liferea's loadContent())
#   page → reader             the page script read the text and posted it; the reader has it
#   analysis                  analysed and the highlights' JSON made, in the reader
#   reader → page             the script call reached the page
#   decorating                telelens.apply() in the page
# A story the page decorated itself with the web process extension
# (plugin/webext; Liferea 1.14/1.15) has no hop: "page → reader" and
# "reader → page" are 0 for it, "analysis" is the page reading the text and
# the extension analysing it; the count of such stories is printed.
#   highlights                load-finished → the end of apply (the measure of issue 12)
#   the frame after (paint)   the end of apply → the frame that paints them is done
#                             (a task queued from requestAnimationFrame; builds
#                             with the page's "painted" message only)
#   story in the page → painted  the part Telelens controls, up to pixels
# and the share of each step in the median story, the part Telelens
# controls (story in the page → highlights) and the 16 ms frame budget as
# ratios, with the load average before and after: on a shared machine the
# absolute times measure the machine as much as Telelens. Never a pass/fail.
set -euo pipefail
build=$(cd "${1:?usage: bench-liferea.sh BUILD_DIR [STORIES [RUNS]]}" && pwd)
stories=${2:-8}; runs=${3:-1}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d -t telelens-bench-liferea-XXXXXX)
trap 'rm -rf "$work"' EXIT
# BENCH_LOG=FILE keeps the plugin's log of all runs there.
[ -z "${BENCH_LOG:-}" ] || trap 'cp "$work/all.log" "$BENCH_LOG" 2>/dev/null; rm -rf "$work"' EXIT
command -v liferea >/dev/null || { echo "bench-liferea: Liferea is not installed" >&2; exit 1; }
version=$(liferea --version 2>/dev/null | head -1 || true)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq "$runs"); do
  STORIES=$stories bash "$here/tools/liferea-headless.sh" "$work/run$r" 30 "$build/plugin/liferea" \
    "http://127.0.0.1:9" > /dev/null 2>&1 || true
  cat "$work/run$r/liferea.log" >> "$work/all.log" 2>/dev/null || true
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$work/all.log" "$version" "$load_before" "$load_after" <<'PY'
import re, sys
log, version, before, after = sys.argv[1:5]
pat = re.compile(r"highlights ([-0-9.]+) ms after load-finished \(decorating in the page: ([-0-9.]+) ms; "
                 r"the story was in the page ([-0-9.]+) ms after load-finished; Telelens had the text at ([-0-9.]+), "
                 r"sent the highlights at ([-0-9.]+), the page began at ([-0-9.]+), Telelens heard back at ([-0-9.]+)"
                 r"(?:; the page posted at ([-0-9.]+|none), the reader's handler began at ([-0-9.]+), "
                 r"the page's first frame after posting ran ([-0-9.]+|none) to ([-0-9.]+|none))?\)")
painted_pat = re.compile(r"highlights painted ([-0-9.]+) ms after load-finished \(the frame after decorating: ([-0-9.]+) ms")
rows = []
in_web_process = 0
local = False
for line in open(log, errors="replace"):
    if "story decorated:" in line and "in the web process" in line:
        in_web_process += 1
        local = True
    m = pat.search(line)
    if m and local:
        # Decorated in the page (the web process extension): no hop on the
        # way to the highlights; the reader heard of it afterwards.
        local = False
        total, deco, filled, had, sent, began, back = map(float, m.groups()[:7])
        start = max(filled, 0.0)
        rows.append({
            "Liferea filled the page": start,
            "  page reads, extension analyses": began - start,
            "decorating": deco,
            "story in the page → highlights": total - start,
            "highlights": total,
            "_start": start,
        })
        continue
    if m:
        total, deco, filled, had, sent, began, back = map(float, m.groups()[:7])
        posted, entry, fstart, fend = m.groups()[7:]
        start = max(filled, 0.0)   # a story filled before load-finished starts there
        row = {
            "Liferea filled the page": max(filled, 0.0),
            "page → reader": max(had - start, 0.0),
        }
        # Builds that log each hop: the page reading and posting the text,
        # the post reaching the reader's handler, the handler reading the
        # message; and whether the page rendered a frame (the story as
        # Liferea filled it) between the post and decorating.
        if posted not in (None, "none"):
            row["  page reads and posts"] = float(posted) - start
            row["  post → reader's handler"] = float(entry) - float(posted)
            row["  handler reads the message"] = had - float(entry)
        row.update({
            "analysis": sent - max(had, 0.0),
            "reader → page": began - sent,
        })
        if fstart not in (None, "none") and fend not in (None, "none") and float(fstart) < began:
            row["  a frame before decorating"] = float(fend) - float(fstart)
        row.update({
            "decorating": deco,
            "story in the page → highlights": total - start,
            "highlights": total,
            "_start": start,
        })
        rows.append(row)
        continue
    m = painted_pat.search(line)
    if m and rows and "painted" not in rows[-1]:
        rows[-1]["the frame after (paint)"] = float(m.group(2))
        rows[-1]["story in the page → painted"] = float(m.group(1)) - rows[-1]["_start"]
        rows[-1]["painted"] = float(m.group(1))
for r in rows:
    del r["_start"]
if not rows:
    print(f"bench-liferea: no story was decorated ({version}); see tools/liferea-headless.sh")
    sys.exit(1)
def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]
print(f"{version}: {len(rows)} stories; load average {before} before, {after} after")
print(f"decorated in the page by the web process extension (no process hop): {in_web_process} of {len(rows)}")
print(f"{'step':32} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  share of the median story")
med_total = pct([r['highlights'] for r in rows], 50)
keys = list(dict.fromkeys(k for r in rows for k in r))
for k in keys:
    v = [r[k] for r in rows if k in r]
    share = pct(v, 50) / med_total if med_total > 0 else 0
    note = f"  ({len(v)} stories)" if len(v) != len(rows) else ""
    print(f"{k:32} {pct(v, 50):8.2f} {pct(v, 99):8.2f} {max(v):8.2f}  {share:5.2f}{note}")
print(f"highlights p50 / 16 ms frame: {med_total / 16:.2f}; stories over 16 ms: "
      f"{sum(r['highlights'] > 16 for r in rows)} of {len(rows)}")
PY
