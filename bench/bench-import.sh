#!/usr/bin/env bash
# `telelens import jsonl` on both stores, the bulk path against the old
# story-by-story path in the same run:
#   bash bench/bench-import.sh BUILD [STORIES [RUNS]]
# (defaults: 2000 stories, 3 runs of each path per store).
#
# The stories are the demo's 21 (data/demo/stories.jsonl), repeated with
# ids and links of their own, every one through the full analysis. Each
# run imports them into a new, empty index: SQLite in a temporary folder,
# PostgreSQL in a database of its own in a throwaway cluster there
# (tools/pg-cluster.sh: Unix socket only, removed afterwards). The old path
# is the same binary with TELELENS_IMPORT_BULK=0 (PostgreSQL then commits
# each story alone, as before; SQLite's batches are one transaction either
# way). The two paths alternate, old first, so a change in the machine's
# load falls on both; each prints its wall time, the import's own CPU time
# (user + system) and the load average, and the summary the median wall
# time of each path and their ratio. Figures, never a pass/fail.
# TL_BENCH_STORES=sqlite or =postgresql runs only that one.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/bench-lib.sh"
build=${1:?usage: bench-import.sh BUILD [STORIES [RUNS]]}
n=${2:-2000}
runs=${3:-3}
tl="$build/plugin/cli/telelens"
[ -x "$tl" ] || { echo "bench-import: no $tl (build first: ninja -C $build)" >&2; exit 1; }

bench_tmp telelens-bench-import

bench_stories "$n" "$tmp/stories.jsonl"

# One import: "SECONDS CPU_SECONDS" of the telelens process.
run_one() {
  local bulk=$1; shift
  TELELENS_IMPORT_BULK=$bulk /usr/bin/time -o "$tmp/time" -f '%e %U %S' "$tl" import jsonl "$@" "$tmp/stories.jsonl" \
    >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$tmp/time"
}

bench_store() {
  local name=$1 kind=$2
  local old=() new=()
  echo "== $name: $n stories, $runs runs of each path"
  for r in $(seq "$runs"); do
    for bulk in 0 1; do
      local where
      if [ "$kind" = sqlite ]; then
        where=(--db "$tmp/index-$r-$bulk.db")
      else
        where=(--store "$(bash "$here/tools/pg-cluster.sh" createdb "$tmp/pg" "bench_${r}_$bulk")")
      fi
      local res secs cpu
      res=$(run_one "$bulk" "${where[@]}")
      read -r secs cpu <<< "$res"
      local label=old; [ "$bulk" = 1 ] && label=bulk
      printf '  run %d %-4s %7.2f s  %6.0f stories/s  import CPU %6.2f s  load %s\n' "$r" "$label" "$secs" \
        "$(awk -v n="$n" -v s="$secs" 'BEGIN { print n / s }')" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
      if [ "$bulk" = 1 ]; then new+=("$secs"); else old+=("$secs"); fi
      rm -f "$tmp"/index-*.db*
    done
  done
  local mo mn
  mo=$(printf '%s\n' "${old[@]}" | median)
  mn=$(printf '%s\n' "${new[@]}" | median)
  awk -v o="$mo" -v b="$mn" -v n="$n" 'BEGIN { printf "  median: old %.2f s (%.0f stories/s), bulk %.2f s (%.0f stories/s): bulk %.2fx the old path\n", o, n / o, b, n / b, o / b }'
}

stores=${TL_BENCH_STORES:-sqlite postgresql}
[[ " $stores " == *" sqlite "* ]] && bench_store SQLite sqlite
if [[ " $stores " == *" postgresql "* ]]; then
  bash "$here/tools/pg-cluster.sh" start "$tmp/pg" >/dev/null
  bench_store "PostgreSQL ($(pg_config --version 2>/dev/null || echo '?'))" postgresql
fi
