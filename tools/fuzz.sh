#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, ASan and UBSan, and runs each for
# SECONDS (default 60) from its seed corpus in tests/fuzz/corpus. A finding
# (crash, sanitizer report, leak, failed property) fails the run and leaves
# the input in _fuzz/findings/ — turn it into a regression seed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
build="$here/_fuzz"
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$here" -Dfuzzing=true -Dliferea=disabled \
    -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link \
    --buildtype=debugoptimized >/dev/null
fi
ninja -C "$build" --quiet
mkdir -p "$build/findings"
export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:allocator_may_return_null=1
export LSAN_OPTIONS=suppressions=$here/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export GIO_USE_PROXY_RESOLVER=dummy GSETTINGS_BACKEND=memory
status=0
for t in html annotate kb jsonl client http; do
  corpus=$(mktemp -d)
  cp "$here/tests/fuzz/corpus/$t/"* "$corpus/"
  if "$build/tests/fuzz/fuzz-$t" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
       -artifact_prefix="$build/findings/$t-" -print_final_stats=1 "$corpus" > "$build/findings/$t.log" 2>&1; then
    echo "fuzz-$t: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$build/findings/$t.log" | grep -o '[0-9]*$') runs in ${secs}s, no finding"
  else
    echo "fuzz-$t: FINDING, see $build/findings/$t.log"; tail -30 "$build/findings/$t.log"; status=1
  fi
  rm -rf "$corpus"
done
exit $status
