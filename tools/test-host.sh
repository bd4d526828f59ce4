#!/usr/bin/env bash
# The README's test command in a clean root of another Debian release:
#   bash tools/dev.sh test-host debian-13     (Liferea 1.15; also: debian-12)
#   bash tools/dev.sh test-host debian-sid    (Debian unstable: Liferea 2.0)
#   bash tools/dev.sh test-host debian-13 deb
#       instead of the suite: `dev.sh deb` there (packages + lintian), then
#       `apt install ./_build/deb/*.deb`, and for a new user `telelens plugin
#       status` must find the plugin system-wide, matching and enabled, and
#       that user's first Liferea start (Xvfb, tools/liferea-headless.sh in
#       its `system` mode) must highlight a story and show the panel, read
#       back from the page by the test-only probe.
#   bash tools/dev.sh test-host debian-13 bench [STORIES [RUNS]]
#       instead of the suite: build there and run bench/bench-liferea.sh
#       against that release's Liferea (1.15.8 in Debian 13), printing the
#       same table as `dev.sh bench-liferea` natively (also: dev.sh
#       bench-liferea-host debian-13 [STORIES [RUNS]]; BENCH_LOG=FILE keeps
#       the plugin's log of every story there). A bench, never a pass
#       or fail of the code: it exits non-zero only when nothing was measured.
#   bash tools/dev.sh test-host debian-sid e2e
#       instead of the whole suite: only what that Liferea adds, the end to
#       end test (suite liferea) and `telelens plugin` (suite cli), building
#       only what they need (CI: the rest is the same code as on Debian 12).
# Makes (once, then cached) a minimal root with debootstrap, clones this
# checkout's current commit into a fresh copy of it, and runs
# `bash tools/dev.sh test` there, Liferea end to end included. Needs root
# (or sudo) for debootstrap, chroot and mounts; the mounts are always undone.
#
# Exit: 0 when the suite passed there, or SKIP (printed, with the reason) when
# the root cannot be made or its packages cannot be installed — causes
# outside the project; non-zero when our build or our tests fail there.
#
# Environment: TELELENS_ROOT_CACHE (default /var/cache/telelens-roots),
# TELELENS_MIRROR (default: the host's Debian mirror), TELELENS_KEEP_ROOT=1
# keeps the run's root for a look afterwards (its mounts are undone anyway),
# TELELENS_TIMEOUT_MULTIPLIER=N (e2e mode) gives slow machines more time.
# TELELENS_TIME_BUDGET=SECONDS: the run must end within that (CI's time
# limit): every stage gets only what is left, and when it runs out the run
# stops, undoes its mounts and prints SKIP with the figures; not a PASS.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-}
mode=${2:-test}
case "$mode" in test|deb|e2e|bench) ;; *) echo "usage: bash tools/dev.sh test-host debian-13|debian-sid|debian-12 [deb|e2e|bench [STORIES [RUNS]]]" >&2; exit 2 ;; esac
bench_stories=${3:-8}; bench_runs=${4:-1}
case "$bench_stories$bench_runs" in *[!0-9]*) echo "test-host: STORIES and RUNS are numbers" >&2; exit 2 ;; esac
case "$target" in
  debian-13) suite=trixie ;;
  debian-12) suite=bookworm ;;
  debian-sid) suite=sid ;;
  *) echo "usage: bash tools/dev.sh test-host debian-13|debian-sid|debian-12" >&2; exit 2 ;;
esac
skip() { echo "SKIP test-host $target: $*"; exit 0; }

# The time budget: what is left of it (seconds) for the next stage, and the
# SKIP when a stage used it up (timeout exits 124, or 137 after KILL).
started=$SECONDS
budget=${TELELENS_TIME_BUDGET:-0}
case "$budget" in ''|*[!0-9]*) echo "test-host: TELELENS_TIME_BUDGET must be a number of seconds" >&2; exit 2 ;; esac
left() {
  if [ "$budget" -gt 0 ]; then echo $(( budget - (SECONDS - started) )); else echo 86400; fi
}
# within STAGE LOG COMMAND...: runs COMMAND, its output into LOG (- for
# ours), with the time left (TERM, then KILL a minute later); SKIP when that
# ran out.
within() {
  local stage=$1 log=$2 t status=0; shift 2
  if [ "$log" != - ]; then
    ( within "$stage" - "$@" ) > "$log" 2>&1 || status=$?
    # A SKIP went into the log with the rest: say it here too.
    grep "^SKIP " "$log" && exit 0
    return "$status"
  fi
  [ "$budget" -gt 0 ] || { "$@"; return; }
  t=$(left)
  [ "$t" -gt 60 ] || skip "no time left for $stage: the budget of $((budget / 60)) min is spent ($(( (SECONDS - started) / 60 )) min so far); not run, not passed"
  timeout --kill-after=60 "$t" "$@" || status=$?
  if [ "$status" = 124 ] || [ "$status" = 137 ]; then
    skip "$stage stopped: the time budget of $((budget / 60)) min ran out after $(( (SECONDS - started) / 60 )) min (load $(cut -d' ' -f1-3 /proc/loadavg)); not passed"
  fi
  return "$status"
}

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    exec sudo -n --preserve-env=TELELENS_ROOT_CACHE,TELELENS_MIRROR,TELELENS_KEEP_ROOT,TELELENS_TIMEOUT_MULTIPLIER,TELELENS_TIME_BUDGET \
      bash "$0" "$@"
  fi
  skip "making a root needs root (debootstrap, chroot, mounts); run it as root or with passwordless sudo"
fi

# The mirror the host itself uses (deb822 or one-line sources).
mirror=${TELELENS_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
fi
if [ -z "$mirror" ]; then
  mirror=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' \
           /etc/apt/sources.list 2>/dev/null || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

if ! command -v debootstrap >/dev/null; then
  echo "test-host: installing debootstrap" >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends \
    debootstrap >&2 || skip "debootstrap is not installed and could not be installed"
fi

cache=${TELELENS_ROOT_CACHE:-/var/cache/telelens-roots}/$target
mkdir -p "$cache/archives/partial"
base="$cache/base.tar"
run=$(mktemp -d /var/tmp/telelens-root-XXXXXX)
root="$run/root"
mkdir -p "$root"

# Undo every mount under the root, deepest first, then remove the copy
# only when nothing is mounted there any more (never delete through a mount).
cleanup() {
  local status=$? m left
  for m in $(awk -v r="$root" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
  left=$(awk -v r="$root" '$5 == r || index($5, r "/") == 1' /proc/self/mountinfo)
  if [ -n "$left" ]; then
    echo "test-host: could not unmount everything under $root; left it in place" >&2
  elif [ "${TELELENS_KEEP_ROOT:-}" = 1 ]; then
    echo "test-host: kept the root in $root" >&2
  else
    rm -rf --one-file-system "$run"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The clean root: debootstrap once, kept as a tarball; each run unpacks a
#    fresh copy, so every run starts from the same clean release.
if [ ! -s "$base" ]; then
  echo "test-host: making a clean $target root ($suite from $mirror; about a minute or more)" >&2
  fresh="$run/debootstrap"
  if ! within "debootstrap" "$run/debootstrap.log" \
       timeout 900 debootstrap --variant=minbase --include=ca-certificates,git "$suite" "$fresh" "$mirror"; then
    tail -5 "$run/debootstrap.log" >&2
    rm -rf --one-file-system "$fresh"
    skip "debootstrap of $suite from $mirror failed (log above)"
  fi
  tar -C "$fresh" -cf "$base.tmp" . && mv "$base.tmp" "$base"
  rm -rf --one-file-system "$fresh"
fi
tar -C "$root" -xf "$base"

# 2. What a chroot needs; .debs are cached between runs.
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys" && mount --make-rslave "$root/sys"
mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# How this host reaches its mirror (proxy, validity checks), nothing else.
# (a package's own file, such as appstream's, would stop that package's
# install in the root at a conffile prompt).
for f in /etc/apt/apt.conf.d/*; do
  dpkg -S "$f" >/dev/null 2>&1 && continue
  [ -f "$f" ] && grep -q '^[[:space:]]*Acquire::' "$f" && cp "$f" "$root/etc/apt/apt.conf.d/"
done
echo 'APT::Keep-Downloaded-Packages "true";' > "$root/etc/apt/apt.conf.d/10telelens-keep-debs"
# A throwaway root: dpkg need not fsync every file (minutes on a busy disk).
echo force-unsafe-io > "$root/etc/dpkg/dpkg.cfg.d/10telelens-unsafe-io"

# 3. The project: this checkout's current commit.
commit=$(git -C "$here" rev-parse HEAD)
git clone -q --no-hardlinks "$here" "$root/root/telelens"
git -C "$root/root/telelens" checkout -q --detach "$commit"
echo "test-host: $target root in $root, telelens at $commit" >&2

in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive GTK_A11Y=none \
    WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1 \
    bash -c "cd /root/telelens && $*"
}

# 4. The packages (a failure here is the mirror's or the release's), then
#    the README's test command: a failure there is ours. A newer compiler
#    here only reports warnings (TELELENS_WERROR is not set).
# Runs at the same time share the cached .debs: one apt at a time there.
deps="bash tools/dev.sh deps"
[ "$mode" = deb ] && deps="bash tools/dev.sh deps deb"
if ! within "installing the packages" "$run/deps.log" \
     flock "$cache/apt.lock" bash -c "$(declare -f in_root); root='$root'; in_root '$deps'"; then
  tail -15 "$run/deps.log" >&2
  skip "the packages tools/dev.sh needs could not be installed in the $target root (log above)"
fi
if [ "$mode" = deb ]; then
  echo "test-host: building and installing the Debian packages in the $target root" >&2
  if ! within "building the packages" - bash -c "$(declare -f in_root); root='$root'; in_root 'bash tools/dev.sh deb'"; then
    echo "test-host $target: FAIL (telelens $commit): bash tools/dev.sh deb failed in a clean $target root" >&2
    exit 1
  fi
  if ! flock "$cache/apt.lock" bash -c "$(declare -f in_root); root='$root'; in_root 'apt-get install -y -q ./_build/deb/*.deb'" \
       > "$run/apt.log" 2>&1; then
    tail -20 "$run/apt.log" >&2
    echo "test-host $target: FAIL (telelens $commit): apt install ./_build/deb/*.deb failed" >&2
    exit 1
  fi
  # A user who never ran anything: the package alone must do.
  status=$(in_root "useradd -m tlcheck 2>/dev/null; su tlcheck -s /bin/bash -c 'cd && telelens plugin status'" 2>&1) || true
  echo "$status" | sed 's/^/test-host:   /' >&2
  if ! echo "$status" | grep -q "system-wide: installed (telelens-liferea.*build matches" ||
     ! echo "$status" | grep -qx "  enabled: yes" ||
     ! echo "$status" | grep -q "system-wide: installed (telelens-evolution in .*build matches Evolution"; then
    echo "test-host $target: FAIL (telelens $commit): after apt install, telelens plugin status does not show the Liferea plugin installed, matching and enabled, and the Evolution module installed and matching" >&2
    exit 1
  fi
  # And it works: that user's next Liferea start (the real Liferea under
  # Xvfb, the packaged plugin and nothing from the build tree but the
  # test-only probe that reads the page back) highlights a story and shows
  # the panel.
  echo "test-host: starting Liferea as a new user with the packaged plugin" >&2
  if ! in_root "meson setup /root/probe-build . -Dtests=true -Dliferea=enabled >/dev/null &&
                ninja -C /root/probe-build --quiet tests/libtelelens-probe.so" > "$run/probe.log" 2>&1; then
    tail -20 "$run/probe.log" >&2
    echo "test-host $target: FAIL (telelens $commit): the test-only probe did not build" >&2
    exit 1
  fi
  in_root "rm -rf /home/tlcheck/check && git clone -q /root/telelens /home/tlcheck/check &&
           cp /root/probe-build/tests/libtelelens-probe.so /root/probe-build/tests/telelens-probe.plugin /home/tlcheck/check/ &&
           chown -R tlcheck: /home/tlcheck/check"
  # The run's settings go through env, on the command's own line: an
  # assignment on a line of its own would be a shell variable the script
  # never sees (no probe, no steps, the demo feeds instead of the sample).
  in_root "runuser -u tlcheck -- env WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1 \
             SAMPLE=tests/data/fixtures/prague-5g-summit.txt PROBE_DIR=/home/tlcheck/check \
             ACTIONS=/home/tlcheck/check/tests/e2e-actions.sh \
             bash -c 'cd /home/tlcheck/check && bash tools/liferea-headless.sh \$HOME/lf 30 system'" \
    > "$run/liferea-run.log" 2>&1 || true
  page="$root/home/tlcheck/lf/probe/page.json"
  verdict=$(python3 - "$page" <<'PY'
import json, sys
try:
    page = json.load(open(sys.argv[1]))["page"]
except Exception as e:
    print(f"no page read back from Liferea ({e})"); sys.exit(1)
marks = page.get("marks") or []
kinds = sorted({m.get("type") for m in marks})
if len(marks) < 10 or "telecom security" not in (page.get("panel") or "").lower():
    print(f"{len(marks)} highlights, panel {page.get('panel')!r:.80}"); sys.exit(1)
print(f"{len(marks)} highlights ({' '.join(kinds)}), the panel shown")
PY
) && ok=1 || ok=""
  echo "test-host:   Liferea with the packaged plugin: $verdict" >&2
  if [ -n "$ok" ]; then
    echo "test-host $target: PASS (telelens $commit): packages built, lintian clean, installed; Liferea plugin system-wide and enabled, Evolution module system-wide for its series; a new user's Liferea highlights a story"
    exit 0
  fi
  tail -5 "$run/liferea-run.log" >&2 || true
  [ -d "$root/home/tlcheck/lf/probe" ] || echo "test-host:   (the probe was not installed: $root/home/tlcheck/lf/probe is missing)" >&2
  grep -iE "telelens|critical|error" "$root/home/tlcheck/lf/liferea.log" 2>/dev/null | tail -10 >&2 || true
  echo "test-host $target: FAIL (telelens $commit): after apt install, a new user's Liferea did not show Telelens on a story ($verdict)" >&2
  exit 1
fi
if [ "$mode" = bench ]; then
  # Built as the README builds (dev.sh's own build is the test build), then
  # the same bench as natively, inside the root (its Liferea, Xvfb, its load).
  echo "test-host: building and running bench/bench-liferea.sh ($bench_stories stories, $bench_runs runs) in the $target root" >&2
  if ! within "the build" "$run/build.log" \
       bash -c "$(declare -f in_root); root='$root'; in_root 'meson setup _build >/dev/null && ninja -C _build'"; then
    tail -20 "$run/build.log" >&2
    echo "bench-liferea-host $target: the build failed in the root (telelens $commit)" >&2
    exit 1
  fi
  status=0
  within "the bench" - bash -c "$(declare -f in_root); root='$root'; in_root 'BENCH_LOG=/root/bench-liferea.log bash bench/bench-liferea.sh _build $bench_stories $bench_runs'" || status=$?
  # BENCH_LOG=FILE keeps the plugin's log of every story, as natively.
  [ -z "${BENCH_LOG:-}" ] || cp "$root/root/bench-liferea.log" "$BENCH_LOG" 2>/dev/null || true
  exit "$status"
fi
command="bash tools/dev.sh test"
# meson test builds only the selected tests' targets.
[ "$mode" = e2e ] && command="meson setup _build >/dev/null && meson test -C _build --suite liferea --suite cli --print-errorlogs --timeout-multiplier ${TELELENS_TIMEOUT_MULTIPLIER:-1}"
echo "test-host: running '$command' in the $target root" >&2
status=0
within "the tests" - bash -c "$(declare -f in_root); root='$root'; in_root '$command'" || status=$?
if [ "$status" = 0 ]; then
  echo "test-host $target: PASS (telelens $commit, $(( (SECONDS - started) / 60 )) min)"
else
  echo "test-host $target: FAIL (telelens $commit): $command exited $status in a clean $target root" >&2
  exit "$status"
fi
