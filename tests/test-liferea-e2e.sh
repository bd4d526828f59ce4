#!/usr/bin/env bash
# End to end with the real Liferea 1.14 under Xvfb: the plugin, installed per
# user, decorates the story Liferea shows, and gets related coverage from a
# real `telelens serve` on 127.0.0.1 port 0 — or says the index is
# unreachable while highlights still work.
#   test-liferea-e2e.sh SOURCE_ROOT BUILD_ROOT
set -uo pipefail
src=$1; build=$2
work=$(mktemp -d /tmp/telelens-e2e-XXXXXX)
tap=0; fail=0
ok() { tap=$((tap + 1)); echo "ok $tap $1"; }
bad() { tap=$((tap + 1)); fail=1; echo "not ok $tap $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
echo "1..9"

"$build/plugin/cli/telelens" import jsonl --db "$work/index.db" "$src/data/demo/stories.jsonl" >/dev/null
"$build/plugin/cli/telelens" serve --db "$work/index.db" --port 0 --token-file "$work/token" > "$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 50); do grep -q "127.0.0.1:" "$work/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.log" | head -1)

# 1. Index up: highlights, panel, related coverage.
STORIES=6 bash "$src/tools/liferea-headless.sh" "$work/up" 30 "$build/plugin/liferea" "http://127.0.0.1:$port" >/dev/null 2>&1
log="$work/up/liferea.log"
pieces=$(sed -n 's/.*story decorated: \([0-9]*\) highlighted pieces.*/\1/p' "$log" | head -1)
related=$(sed -n 's/.*related coverage: \([0-9]*\) stories.*/\1/p' "$log" | head -1)
check "the plugin loads in Liferea and decorates the shown story (${pieces:-0} pieces)" '[ "${pieces:-0}" -ge 5 ]'
check "related coverage comes from the local index (${related:-0} stories)" '[ "${related:-0}" -ge 1 ]'
check "no critical warnings from Telelens" '! grep -E "telelens-(CRITICAL|WARNING)|CRITICAL.*telelens" "$log"'
check "a screenshot of the annotated story exists" '[ -s "$work/up/shot.png" ]'
cp "$work/up/shot.png" "$build/liferea-e2e-index-up.png" 2>/dev/null || true
# Time from Liferea's load-finished to highlights in the page, per story.
times=$(sed -n 's/.*highlights \([0-9.]*\) ms after load-finished.*/\1/p' "$log" | sort -n)
n=$(echo "$times" | grep -c . || true)
if [ "$n" -gt 0 ]; then
  median=$(echo "$times" | awk -v n="$n" 'NR == int((n + 1) / 2) { print }')
  echo "# load-finished to highlights: median $median ms over $n stories (min $(echo "$times" | head -1), max $(echo "$times" | tail -1))"
fi

# 2. Index down: highlights still work and the panel says so.
kill "$serve" 2>/dev/null; wait "$serve" 2>/dev/null
bash "$src/tools/liferea-headless.sh" "$work/down" 30 "$build/plugin/liferea" "http://127.0.0.1:$port" >/dev/null 2>&1
log="$work/down/liferea.log"
pieces=$(sed -n 's/.*story decorated: \([0-9]*\) highlighted pieces.*/\1/p' "$log" | tail -1)
check "with the index down, highlights still work (${pieces:-0} pieces)" '[ "${pieces:-0}" -ge 5 ]'
check "with the index down, the panel says it is unreachable" 'grep -q "related coverage: index unreachable" "$log"'
check "no critical warnings from Telelens" '! grep -E "telelens-(CRITICAL|WARNING)|CRITICAL.*telelens" "$log"'
cp "$work/down/shot.png" "$build/liferea-e2e-index-down.png" 2>/dev/null || true

# 3. Liferea's own database now holds the demo items (the plugin did not break it).
check "Liferea fetched the demo feeds" '[ "$(sqlite3 "$work/up/data/liferea/liferea.db" "select count(*) from items" 2>/dev/null)" = 21 ]'
check "the plugin exports only peas_register_types" '[ "$(nm -D --defined-only "$build/plugin/liferea/libtelelens.so" | grep -c " T ")" = 1 ]'

rm -rf "$work"
exit $fail
