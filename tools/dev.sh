#!/usr/bin/env bash
# Telelens developer entry point.
#   bash tools/dev.sh demo [--reset]
#                                install what is missing, build, install telelens and the
#                                Liferea plugin for this user (telelens plugin install), seed
#                                the index with the demo stories, start the index, and open
#                                Liferea on the demo feeds (its profile kept; --reset: anew)
#   bash tools/dev.sh test       install what is missing, build, run the whole test suite
#   bash tools/dev.sh bench      build and run the benchmarks (the index on SQLite and on a
#                                throwaway PostgreSQL: bench/bench-stores.sh)
#   bash tools/dev.sh bench-liferea [STORIES [RUNS]]
#                                build, then load-finished → highlights in the installed
#                                Liferea, step by step (bench/bench-liferea.sh; Xvfb)
#   bash tools/dev.sh bench-liferea-host debian-13 [STORIES [RUNS]]
#                                the same in a clean Debian 13 root, against its Liferea 1.15.8
#                                (tools/test-host.sh's cached root; root; mounts always undone)
#   bash tools/dev.sh team       try a team index: a PostgreSQL of your own (tools/pg-cluster.sh,
#                                in ~/.cache/telelens-team), the demo stories imported, served
#                                on 127.0.0.1:47611 (Ctrl+C stops the service)
#   bash tools/dev.sh uninstall  remove what demo installed (telelens plugin uninstall; --purge:
#                                also the index data)
#   bash tools/dev.sh sanitize   the test suite under ASan + UBSan with leak checking
#   bash tools/dev.sh fuzz [S]   each libFuzzer target for S seconds (default 60)
#   bash tools/dev.sh deps [deb] only install what is missing (deb: also what packaging needs)
#   bash tools/dev.sh deb        the Debian packages into _build/deb/ (debhelper), checked by lintian
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
# The Liferea bench in another release's clean root (test-host's cached
# root, its mounts always undone): e.g. Liferea 1.15.8 in Debian 13.
if [ "${1:-}" = bench-liferea-host ]; then
  [ -n "${2:-}" ] || { echo "usage: bash tools/dev.sh bench-liferea-host debian-13 [STORIES [RUNS]]" >&2; exit 2; }
  exec bash "$here/tools/test-host.sh" "$2" bench "${3:-8}" "${4:-1}"
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# The packages the build and the tests need, on Debian 12, 13 and unstable
# (build-essential: the C toolchain and libc headers, which a minimal root
# lacks; dpkg-buildpackage also checks for it).
packages=(meson ninja-build pkg-config build-essential gcc binutils python3 libglib2.0-dev libglib2.0-dev-bin
          libjson-glib-dev libsqlite3-dev libsoup-3.0-dev libpq-dev postgresql grep
          liferea liferea-data xvfb xdotool imagemagick dbus libglib2.0-bin sqlite3 procps)
# The WebKit API of the release's Liferea decides the rest (Debian 12: 4.0
# for Liferea 1.14; Debian 13: 4.1 for 1.15; unstable: 6.0 for Liferea 2.0,
# GTK 4 and libpeas-2).
liferea_webkit() {
  { dpkg-query -W -f='${Depends}' liferea 2>/dev/null || true; apt-cache depends liferea 2>/dev/null || true; } |
    grep -o 'libwebkit2gtk-4\.[01]\|libwebkitgtk-6\.0' | head -1 || true
}
# A fresh root has no package lists: fetch them once (not again below).
updated=""
webkit=$(liferea_webkit)
if [ -z "$webkit" ]; then
  $sudo apt-get update -q >&2 || true
  updated=1
  webkit=$(liferea_webkit)
fi
case "${webkit:-libwebkit2gtk-4.0}" in
  libwebkitgtk-6.0)
    packages+=(libwebkitgtk-6.0-dev libgtk-4-dev libadwaita-1-dev libpeas-2-dev) ;;
  libwebkit2gtk-4.1)
    # Debian 13 (Liferea 1.15) and Evolution 3.56 (webkit2gtk-4.1 and
    # libsoup 3, as Liferea here) with its development files, for the
    # Evolution module and its test.
    packages+=(libwebkit2gtk-4.1-dev libgtk-3-dev libpeas-dev libsoup2.4-dev
               evolution evolution-dev evolution-data-server-dev libebook1.2-dev) ;;
  *)
    # libsoup 2.4 for Liferea 1.14's client (gone from Debian unstable).
    # Evolution 3.46 (webkit2gtk-4.1 and libsoup 3) and its development
    # files, for the Evolution module and its test.
    packages+=("${webkit:-libwebkit2gtk-4.0}-dev" libgtk-3-dev libpeas-dev libsoup2.4-dev
               evolution evolution-dev evolution-data-server-dev libebook1.2-dev libwebkit2gtk-4.1-dev) ;;
esac
# clang and its runtime (libFuzzer) only for the fuzz targets.
[ "${1:-}" = fuzz ] && packages+=(clang libclang-rt-dev)
# Packaging tools, and systemd's pkg-config file (Debian 13: systemd-dev).
if [ "${1:-}" = deb ] || [ "${1:-}:${2:-}" = deps:deb ]; then
  packages+=(debhelper dpkg-dev fakeroot lintian)
  # evolution-plugin-telelens is built for the release's Evolution (also
  # on Debian 13, where the suite leaves the module out).
  packages+=(evolution evolution-dev evolution-data-server-dev libebook1.2-dev libwebkit2gtk-4.1-dev)
  if apt-cache show systemd-dev >/dev/null 2>&1; then packages+=(systemd-dev); else packages+=(systemd); fi
fi

need_install=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need_install+=("$p")
done
if [ ${#need_install[@]} -gt 0 ]; then
  echo "telelens: installing ${need_install[*]}" >&2
  [ -n "$updated" ] || $sudo apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need_install[@]}" >&2
fi

[ "${1:-}" = deps ] && exit 0

if [ "${1:-}" = deb ]; then
  # The Debian packages (debian/), from this checkout's files, into
  # _build/deb/: telelens and liferea-plugin-telelens (pinned to the
  # installed Liferea's series); then lintian, which must find no error.
  out="$build/deb"
  rm -rf "$out"
  mkdir -p "$out/src"
  git -C "$here" ls-files -z | (cd "$here" && tar --null -T - -cf -) | tar -C "$out/src" -xf -
  (cd "$out/src" && dpkg-buildpackage -b -us -uc >../build.log 2>&1) || {
    tail -30 "$out/build.log" >&2
    echo "telelens: the package build failed (log: $out/build.log)" >&2
    exit 1
  }
  rm -rf "$out/src"
  lintian --fail-on error --tag-display-limit 0 "$out"/*.changes
  ls "$out"/*.deb
  exit 0
fi

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

    # For this user, no root: the command into ~/.local/bin and the plugin
    # builds into ~/.local/lib/telelens/liferea (no schema in
    # ~/.local/share/glib-2.0, no unit), then `telelens plugin install`
    # puts the one for the installed Liferea where Liferea loads it.
    user="$here/_build-user"
    builds="$HOME/.local/lib/telelens/liferea"
    # The Evolution module (when Evolution's development files are there)
    # goes beside them, into ~/.local/lib/telelens/evolution.
    user_opts=(-Dliferea_plugin_dir="$builds" -Dgsettings_schema=false -Dsystemd_user_unit=false -Dtests=false
               -Devolution_module_dir="$HOME/.local/lib/telelens/evolution")
    if [ ! -f "$user/build.ninja" ]; then
      meson setup "$user" "$here" --prefix="$HOME/.local" "${user_opts[@]}" >/dev/null
    else
      meson configure "$user" "${user_opts[@]}" >/dev/null
    fi
    meson install -C "$user" --quiet >/dev/null
    tl="$HOME/.local/bin/telelens"
    echo "Installed telelens into $HOME/.local/bin"
    "$tl" plugin install || exit 1

    # The index: the demo stories, and the service following the demo
    # profile's Liferea (the one opened below).
    profile="${XDG_CACHE_HOME:-$HOME/.cache}/telelens-demo"
    "$tl" import jsonl "$here/data/demo/stories.jsonl"
    if ! python3 -c 'import urllib.request; urllib.request.urlopen("http://127.0.0.1:47611/v1/health", timeout=2)' 2>/dev/null; then
      mkdir -p "${XDG_CACHE_HOME:-$HOME/.cache}"
      nohup "$tl" serve --watch-liferea --liferea-db "$profile/data/liferea/liferea.db" \
        > "${XDG_CACHE_HOME:-$HOME/.cache}/telelens-serve.log" 2>&1 &
      echo "Started the local index on http://127.0.0.1:47611, following the demo's Liferea (log: ~/.cache/telelens-serve.log)"
    else
      echo "The local index is already running on http://127.0.0.1:47611 (telelens plugin uninstall stops it)"
    fi

    if [ -n "${DISPLAY:-}" ]; then
      echo "Opening Liferea on the demo feeds (a separate demo profile in $profile; your own feeds are untouched)..."
      [ "${2:-}" = --reset ] && rm -rf "$profile" && echo "Reset the demo profile"
      # The demo profile has its own data folder: give it the index's token
      # (serve creates it at start), or the index answers the plugin nothing.
      token="${XDG_DATA_HOME:-$HOME/.local/share}/telelens/token"
      for _ in $(seq 50); do [ -s "$token" ] && break; sleep 0.1; done
      TELELENS="$tl" TOKEN_FILE="$token" INTERACTIVE=1 KEEP_PROFILE=1 \
        bash "$here/tools/liferea-headless.sh" "$profile" 10 "$builds" >/dev/null
    else
      echo "No display here: start Liferea yourself; Telelens is enabled for your next story."
    fi
    ;;
  uninstall)
    # What `telelens plugin install` did, the index service, the log; then
    # the command and builds that demo installed, and the demo profile.
    tl="$HOME/.local/bin/telelens"
    [ -x "$tl" ] || tl="$build/plugin/cli/telelens"
    if [ -x "$tl" ]; then
      "$tl" plugin uninstall ${2:+"$2"} || true
    else
      bash "$here/tools/stop-index.sh" || true
    fi
    user="$here/_build-user"
    [ -f "$user/build.ninja" ] && ninja -C "$user" uninstall >/dev/null && echo "Removed telelens from ~/.local"
    # An older demo compiled the settings schema into ~/.local/share/glib-2.0.
    schemas="${XDG_DATA_HOME:-$HOME/.local/share}/glib-2.0/schemas"
    if [ -f "$schemas/org.telelens.plugin.gschema.xml" ]; then
      rm -f "$schemas/org.telelens.plugin.gschema.xml"
      if ls "$schemas"/*.xml >/dev/null 2>&1; then glib-compile-schemas "$schemas"; else rm -f "$schemas/gschemas.compiled"; fi
      echo "Removed the settings schema an older demo put in $schemas"
    fi
    rm -rf "${XDG_CACHE_HOME:-$HOME/.cache}/telelens-demo" && echo "Removed the demo profile"
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
        -Dliferea=disabled -Devolution=disabled --buildtype=debug >/dev/null
    fi
    ninja -C "$asan" --quiet
    ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
    LSAN_OPTIONS=suppressions=$here/tests/lsan.supp:print_suppressions=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      meson test -C "$asan" --no-suite liferea --no-suite evolution --timeout-multiplier 5 --print-errorlogs
    ;;
  fuzz)
    bash "$here/tools/fuzz.sh" "${2:-60}"
    ;;
  team)
    cluster="${XDG_CACHE_HOME:-$HOME/.cache}/telelens-team"
    url=$(bash "$here/tools/pg-cluster.sh" start "$cluster")
    echo "PostgreSQL in $cluster: $url"
    "$build/plugin/cli/telelens" import jsonl --store "$url" "$here/data/demo/stories.jsonl"
    echo "Serving the team index; the same --store URL works for import, related, search, timeline, index."
    exec "$build/plugin/cli/telelens" serve --store "$url"
    ;;
  bench)
    "$build/bench/bench-core" "$here/tests/data/fixtures/prague-5g-summit.txt"
    "$build/bench/bench-index"
    "$build/bench/bench-load" "$build/plugin/cli/telelens" 10 8
    # Both stores side by side (a throwaway PostgreSQL cluster); BENCH_STORIES
    # sets how many stories (default 100000; 10% more by 4 writers at once).
    bash "$here/bench/bench-stores.sh" "$build" "${BENCH_STORIES:-100000}"
    ;;
  bench-liferea)
    bash "$here/bench/bench-liferea.sh" "$build" "${2:-8}" "${3:-1}"
    ;;
  *)
    echo "usage: bash tools/dev.sh [demo [--reset]|test|team|sanitize|fuzz [SECONDS]|bench|bench-liferea [STORIES [RUNS]]|bench-liferea-host debian-13 [STORIES [RUNS]]|uninstall [--purge]|deps [deb]|deb|test-host debian-13|debian-sid [deb]]" >&2
    exit 2
    ;;
esac
