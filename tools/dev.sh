#!/usr/bin/env bash
# Telelens developer entry point.
#   bash tools/dev.sh demo   install what is missing, build, annotate the sample stories
#   bash tools/dev.sh test   install what is missing, build, run the whole test suite
#   bash tools/dev.sh bench  build and run the benchmarks
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build="$here/_build"

# Debian 12 packages the build and the tests need.
packages=(meson ninja-build pkg-config gcc binutils python3 libglib2.0-dev libglib2.0-dev-bin
          libjson-glib-dev libsqlite3-dev libsoup-3.0-dev libsoup2.4-dev grep)

need_install=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need_install+=("$p")
done
if [ ${#need_install[@]} -gt 0 ]; then
  echo "telelens: installing ${need_install[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need_install[@]}" >&2
fi

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$here" >/dev/null
fi
ninja -C "$build" >/dev/null

case "${1:-demo}" in
  demo)
    out="$build/demo"
    mkdir -p "$out"
    for story in "$here/data/sample/sample-story.txt" "$here/tests/data/fixtures/prague-5g-summit.txt"; do
      name=$(basename "$story" .txt)
      "$build/plugin/cli/telelens" annotate --format html "$story" > "$out/$name.html"
      "$build/plugin/cli/telelens" annotate --format json "$story" > "$out/$name.json"
    done
    echo "Telelens annotated the sample stories:"
    for f in "$out"/*.html; do echo "  $f"; done
    echo
    echo "Cast of the sample story (open the .html files in a browser for the highlighted view):"
    python3 - "$out/sample-story.json" <<'PY' 2>/dev/null || "$build/plugin/cli/telelens" annotate "$here/data/sample/sample-story.txt" | head -40
import json, sys
d = json.load(open(sys.argv[1]))
t = d["topic"]
print(f"  topic: {'telecom security' if t['telecom_security'] else 'not telecom security'} (score {t['score']})")
for e in d["entities"]:
    print(f"  {e['type']:<13} {e['name']:<40} x{len(e['mentions'])}")
for a in d.get("attributions", []):
    print(f"  said: {a['source']['text']} ({a['kind']}) {a['cue']['text']}: {a['content']['text'][:70]}")
PY
    ;;
  test)
    meson test -C "$build" --print-errorlogs
    ;;
  bench)
    "$build/bench/bench-core" "$here/tests/data/fixtures/prague-5g-summit.txt"
    "$build/bench/bench-index"
    ;;
  *)
    echo "usage: bash tools/dev.sh [demo|test|bench]" >&2
    exit 2
    ;;
esac
