#!/usr/bin/env bash
# The index benchmark on both stores, side by side in one run:
#   bash bench/bench-stores.sh BUILD [N [CONCURRENT [WRITERS [QUERIES]]]]
# (defaults: 100000 stories, 10000 more by 4 writers at once, 500 queries).
# SQLite in a temporary folder; PostgreSQL in a throwaway cluster of its own
# there (tools/pg-cluster.sh: Unix socket only, no TCP port, removed
# afterwards). Prints bench-store's figures for each (bench/bench-store.c).
# TL_BENCH_STORES=sqlite or =postgresql runs only that one.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/bench-lib.sh"
build=${1:?usage: bench-stores.sh BUILD [N [CONCURRENT [WRITERS [QUERIES]]]]}
n=${2:-100000}
concurrent=${3:-$((n / 10))}
writers=${4:-4}
queries=${5:-500}
bench="$build/bench/bench-store"
[ -x "$bench" ] || { echo "bench-stores: no $bench (build first: ninja -C $build)" >&2; exit 1; }

bench_tmp telelens-bench

stores=${TL_BENCH_STORES:-sqlite postgresql}
if [[ " $stores " == *" sqlite "* ]]; then
  echo "== SQLite"
  "$bench" "$tmp/index.db" "$n" "$concurrent" "$writers" "$queries"
  du -sh "$tmp/index.db" | awk '{ print "  database " $1 }'
  rm -f "$tmp/index.db" "$tmp/index.db-wal" "$tmp/index.db-shm"
fi
if [[ " $stores " == *" postgresql "* ]]; then
  echo "== PostgreSQL ($(pg_config --version 2>/dev/null || echo '?'))"
  url=$(bash "$here/tools/pg-cluster.sh" start "$tmp/pg")
  "$bench" "$url" "$n" "$concurrent" "$writers" "$queries"
  du -sh "$tmp/pg/data" | awk '{ print "  cluster " $1 }'
fi
