# bench-lib.sh — what the store benchmarks share; sourced, never run:
#   here=…; . "$here/bench/bench-lib.sh"
# bench_tmp NAME: a temporary folder in $tmp for a throwaway cluster
# (tools/pg-cluster.sh), destroyed with it on exit.
# bench_stories N FILE: the demo's 21 stories (data/demo/stories.jsonl)
# repeated N times in all, each with an id and a link of its own.
# median: the median of the numbers on standard input, one a line.

bench_tmp() {
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/$1-XXXXXX")
  # When root, the cluster runs as an unprivileged user that must reach it.
  chmod 0755 "$tmp"
  trap bench_cleanup EXIT
}

bench_cleanup() {
  bash "$here/tools/pg-cluster.sh" destroy "$tmp/pg" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}

bench_stories() {
  python3 - "$here/data/demo/stories.jsonl" "$1" > "$2" <<'PY'
import json, sys
demo = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for i in range(int(sys.argv[2])):
    s = dict(demo[i % len(demo)])
    s.pop("event", None)
    s["id"] = "bench-%d-%s" % (i, s["id"])
    s["url"] = "%s?copy=%d" % (s.get("url", "https://bench.example/story"), i)
    print(json.dumps(s))
PY
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
