#!/usr/bin/env bash
# Telelens developer entry point.
#   bash tools/dev.sh demo       install what is missing, build, install the Liferea plugin
#                                for this user, seed the index with the demo stories, start
#                                the index, and open Liferea on the demo feeds
#   bash tools/dev.sh test       install what is missing, build, run the whole test suite
#   bash tools/dev.sh bench      build and run the benchmarks
#   bash tools/dev.sh uninstall  remove what demo installed (--purge: also the index data)
#   bash tools/dev.sh sanitize   the test suite under ASan + UBSan with leak checking
#   bash tools/dev.sh fuzz [S]   each libFuzzer target for S seconds (default 60)
#   bash tools/dev.sh deps       only install what is missing
#   bash tools/dev.sh test-host debian-13|debian-sid
#                                `test` in a clean Debian 13 (Liferea 1.15) or unstable
#                                (Liferea 2.0) root (tools/test-host.sh; root)
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build="$here/_build"

if [ "${1:-}" = test-host ]; then
  shift
  exec bash "$here/tools/test-host.sh" "$@"
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# The packages the build and the tests need, on Debian 12, 13 and unstable.
packages=(meson ninja-build pkg-config gcc binutils python3 libglib2.0-dev libglib2.0-dev-bin
          libjson-glib-dev libsqlite3-dev libsoup-3.0-dev grep
          liferea liferea-data xvfb xdotool imagemagick dbus libglib2.0-bin sqlite3 procps)
# The WebKit API of the release's Liferea decides the rest (Debian 12: 4.0
# for Liferea 1.14; Debian 13: 4.1 for 1.15; unstable: 6.0 for Liferea 2.0,
# GTK 4 and libpeas-2).
liferea_webkit() {
  { dpkg-query -W -f='${Depends}' liferea 2>/dev/null || true; apt-cache depends liferea 2>/dev/null || true; } |
    grep -o 'libwebkit2gtk-4\.[01]\|libwebkitgtk-6\.0' | head -1 || true
}
webkit=$(liferea_webkit)
if [ -z "$webkit" ]; then
  $sudo apt-get update -q >&2 || true
  webkit=$(liferea_webkit)
fi
case "${webkit:-libwebkit2gtk-4.0}" in
  libwebkitgtk-6.0)
    packages+=(libwebkitgtk-6.0-dev libgtk-4-dev libadwaita-1-dev libpeas-2-dev) ;;
  *)
    # libsoup 2.4 for Liferea 1.14's client (gone from Debian unstable).
    packages+=("${webkit:-libwebkit2gtk-4.0}-dev" libgtk-3-dev libpeas-dev libsoup2.4-dev) ;;
esac
# clang and its runtime (libFuzzer) only for the fuzz targets.
[ "${1:-}" = fuzz ] && packages+=(clang libclang-rt-dev)

need_install=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need_install+=("$p")
done
if [ ${#need_install[@]} -gt 0 ]; then
  echo "telelens: installing ${need_install[*]}" >&2
  $sudo apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need_install[@]}" >&2
fi

[ "${1:-}" = deps ] && exit 0

# Compiler warnings are always shown (ninja --quiet drops only the progress
# lines). TELELENS_WERROR=1 makes them errors: CI's native Debian 12 build
# sets it (.ci/run); builds with another compiler can leave it unset (or 0)
# and only see them.
werror=false
[ "${TELELENS_WERROR:-0}" = 1 ] && werror=true
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$here" -Dwerror=$werror >/dev/null
elif ! meson introspect "$build" --buildoptions | grep -q "\"name\": \"werror\", \"value\": $werror"; then
  meson configure "$build" -Dwerror=$werror >/dev/null
fi
ninja -C "$build" --quiet

case "${1:-demo}" in
  demo)
    out="$build/demo"
    mkdir -p "$out"
    for story in "$here/data/sample/sample-story.txt" "$here/tests/data/fixtures/prague-5g-summit.txt"; do
      name=$(basename "$story" .txt)
      "$build/plugin/cli/telelens" annotate --format html "$story" > "$out/$name.html"
      "$build/plugin/cli/telelens" annotate --format json "$story" > "$out/$name.json"
    done
    echo "Telelens annotated the sample stories: $out/*.html"

    # Per-user install: no root, into Liferea's per-user plugin dir.
    user="$here/_build-user"
    plugins="$HOME/.local/share/liferea/plugins"
    if [ ! -f "$user/build.ninja" ]; then
      meson setup "$user" "$here" --prefix="$HOME/.local" -Dliferea_plugin_dir="$plugins" >/dev/null
    fi
    meson install -C "$user" --quiet >/dev/null
    # The module built for the installed Liferea (telelens-liferea114, …).
    module=$(basename "$(ls "$user"/plugin/liferea/telelens-liferea*.plugin 2>/dev/null | head -1)" .plugin)
    [ -n "$module" ] || { echo "telelens: no Liferea plugin was built (is Liferea 1.14 or 1.15 installed?)" >&2; exit 1; }
    echo "Installed the plugin into $plugins and telelens into $HOME/.local/bin"

    # Enable it in Liferea (the list is replaced whole: keep what is there).
    if command -v gsettings >/dev/null && current=$(gsettings get net.sf.liferea.plugins active-plugins 2>/dev/null); then
      new=$(python3 -c 'import ast,sys; l=[] if "@as" in sys.argv[1] else ast.literal_eval(sys.argv[1]); l=l+[sys.argv[2]] if sys.argv[2] not in l else l; print(repr(l))' "$current" "$module")
      gsettings set net.sf.liferea.plugins active-plugins "$new" 2>/dev/null || true
      # gsettings exits 0 even when dconf cannot save: read it back.
      if gsettings get net.sf.liferea.plugins active-plugins 2>/dev/null | grep -q "$module"; then
        echo "Enabled Telelens in Liferea"
      else
        echo "Could not save Liferea's settings here: enable Telelens in Liferea under Tools > Plugins"
      fi
    else
      echo "Could not reach GSettings: enable Telelens in Liferea under Tools > Plugins"
    fi

    # The index: the demo stories, and the service following Liferea.
    "$HOME/.local/bin/telelens" import jsonl "$here/data/demo/stories.jsonl"
    if ! python3 -c 'import urllib.request; urllib.request.urlopen("http://127.0.0.1:47611/v1/health", timeout=2)' 2>/dev/null; then
      mkdir -p "$HOME/.cache"
      nohup "$HOME/.local/bin/telelens" serve --watch-liferea > "$HOME/.cache/telelens-serve.log" 2>&1 &
      echo "Started the local index on http://127.0.0.1:47611 (log: ~/.cache/telelens-serve.log)"
    fi

    if [ -n "${DISPLAY:-}" ]; then
      echo "Opening Liferea on the demo feeds (a separate demo profile; your own feeds are untouched)..."
      # The demo profile has its own data folder: give it the index's token
      # (serve creates it at start), or the index answers the plugin nothing.
      token="${XDG_DATA_HOME:-$HOME/.local/share}/telelens/token"
      for _ in $(seq 50); do [ -s "$token" ] && break; sleep 0.1; done
      TOKEN_FILE="$token" INTERACTIVE=1 bash "$here/tools/liferea-headless.sh" "$HOME/.cache/telelens-demo" 10 "$plugins" >/dev/null
    else
      echo "No display here: start Liferea yourself; Telelens is enabled for your next story."
    fi
    ;;
  uninstall)
    user="$here/_build-user"
    [ -f "$user/build.ninja" ] && ninja -C "$user" uninstall >/dev/null && echo "Removed the installed files"
    if command -v gsettings >/dev/null && current=$(gsettings get net.sf.liferea.plugins active-plugins 2>/dev/null); then
      new=$(python3 -c 'import ast,sys; l=[] if "@as" in sys.argv[1] else ast.literal_eval(sys.argv[1]); k=[p for p in l if p != "telelens" and not p.startswith("telelens-liferea")]; print(repr(k) if k else "@as []")' "$current")
      gsettings set net.sf.liferea.plugins active-plugins "$new" 2>/dev/null || true
      gsettings get net.sf.liferea.plugins active-plugins 2>/dev/null | grep -q telelens \
        && echo "Could not save Liferea's settings: disable Telelens under Tools > Plugins" \
        || echo "Disabled Telelens in Liferea"
    fi
    # Exactly the service of the user's index (its pid file), nothing else.
    bash "$here/tools/stop-index.sh" || true
    rm -rf "$HOME/.cache/telelens-demo"
    if [ "${2:-}" = "--purge" ]; then
      rm -rf "$HOME/.local/share/telelens" && echo "Removed the index, token and watch list"
    else
      echo "Kept your index, token and watch list in ~/.local/share/telelens (uninstall --purge removes them)"
    fi
    ;;
  test)
    meson test -C "$build" --print-errorlogs
    ;;
  sanitize)
    # The suite again under AddressSanitizer and UBSan, leaks checked (GLib's
    # own one-time allocations are suppressed in tests/lsan.supp).
    asan="$here/_asan"
    if [ ! -f "$asan/build.ninja" ]; then
      meson setup "$asan" "$here" -Db_sanitize=address,undefined -Db_lundef=false \
        -Dliferea=disabled --buildtype=debug >/dev/null
    fi
    ninja -C "$asan" --quiet
    ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
    LSAN_OPTIONS=suppressions=$here/tests/lsan.supp:print_suppressions=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      meson test -C "$asan" --no-suite liferea --timeout-multiplier 5 --print-errorlogs
    ;;
  fuzz)
    bash "$here/tools/fuzz.sh" "${2:-60}"
    ;;
  bench)
    "$build/bench/bench-core" "$here/tests/data/fixtures/prague-5g-summit.txt"
    "$build/bench/bench-index"
    "$build/bench/bench-load" "$build/plugin/cli/telelens" 10 8
    ;;
  *)
    echo "usage: bash tools/dev.sh [demo|test|sanitize|fuzz [SECONDS]|bench|uninstall [--purge]|deps|test-host debian-13|debian-sid]" >&2
    exit 2
    ;;
esac
