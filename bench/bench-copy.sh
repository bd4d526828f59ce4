#!/usr/bin/env bash
# `telelens index copy` of a personal index (SQLite) into a team's
# (PostgreSQL), a baseline build against this one in the same run:
#   bash bench/bench-copy.sh BUILD BASE_TELELENS [STORIES [RUNS]]
# (defaults: 1000 stories, 3 runs of each). BASE_TELELENS is the telelens
# binary to compare with (e.g. main's, built before the change).
#
# The stories are the demo's 21 (data/demo/stories.jsonl), repeated with
# ids and links of their own, imported once into a SQLite index; each run
# copies it into a new, empty database of a throwaway cluster
# (tools/pg-cluster.sh: Unix socket only, removed afterwards), every story
# through the full analysis again. The two binaries alternate, the
# baseline first, so a change in the machine's load falls on both; each
# run prints its wall time, the copy's own CPU time (user + system) and the
# load average, and the summary the median wall time of each and their
# ratio. Figures, never a pass/fail.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/bench-lib.sh"
build=${1:?usage: bench-copy.sh BUILD BASE_TELELENS [STORIES [RUNS]]}
base=${2:?usage: bench-copy.sh BUILD BASE_TELELENS [STORIES [RUNS]]}
n=${3:-1000}
runs=${4:-3}
tl="$build/plugin/cli/telelens"
[ -x "$tl" ] || { echo "bench-copy: no $tl (build first: ninja -C $build)" >&2; exit 1; }
[ -x "$base" ] || { echo "bench-copy: no $base" >&2; exit 1; }

bench_tmp telelens-bench-copy

bench_stories "$n" "$tmp/stories.jsonl"
"$tl" import jsonl --db "$tmp/mine.db" "$tmp/stories.jsonl" >/dev/null
bash "$here/tools/pg-cluster.sh" start "$tmp/pg" >/dev/null

echo "== SQLite → PostgreSQL ($(pg_config --version 2>/dev/null || echo '?')): $n stories, $runs runs of each"
old=() new=()
for r in $(seq "$runs"); do
  for which in base new; do
    bin=$tl; [ "$which" = base ] && bin=$base
    url=$(bash "$here/tools/pg-cluster.sh" createdb "$tmp/pg" "copy_${r}_$which")
    /usr/bin/time -o "$tmp/time" -f '%e %U %S' "$bin" index copy --from "$tmp/mine.db" --to "$url" \
      >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    read -r secs cpu < <(awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$tmp/time")
    printf '  run %d %-4s %7.2f s  %6.0f stories/s  copy CPU %6.2f s  load %s\n' "$r" "$which" "$secs" \
      "$(awk -v n="$n" -v s="$secs" 'BEGIN { print n / s }')" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
    if [ "$which" = base ]; then old+=("$secs"); else new+=("$secs"); fi
  done
done
mo=$(printf '%s\n' "${old[@]}" | median)
mn=$(printf '%s\n' "${new[@]}" | median)
awk -v o="$mo" -v b="$mn" -v n="$n" 'BEGIN { printf "  median: base %.2f s (%.0f stories/s), new %.2f s (%.0f stories/s): %.2fx\n", o, n / o, b, n / b, o / b }'
