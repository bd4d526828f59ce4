#!/usr/bin/env bash
# Runs the real Liferea under Xvfb on the demo feeds, served from 127.0.0.1.
#   tools/liferea-headless.sh WORKDIR SECONDS [PLUGIN_BUILD_DIR [INDEX_URL]]
# PLUGIN_BUILD_DIR holds the Telelens module for each Liferea generation
# built (telelens-liferea114.plugin, …); the one for the installed Liferea
# is installed per user and enabled ($module, also for ACTIONS).
# TOKEN_FILE=PATH: the token of the index at INDEX_URL (`telelens serve
# --token-file PATH`), put where the plugin in the throwaway home reads it.
# Leaves Liferea's own database in WORKDIR/data/liferea/liferea.db and a
# screenshot in WORKDIR/shot.png. Used to make tests/data/liferea/liferea.db
# (a database written by Liferea itself) and by the plugin's end-to-end test.
# START_INDEX=true|false: may the plugin start the index when it is down
# (default: false for test runs, true for the demo, INTERACTIVE=1, as the
# plugin's own default); PATH_PREPEND=DIR goes first on Liferea's PATH (a
# stand-in telelens).
set -euo pipefail
work=$1; secs=${2:-15}; plugin_dir=${3:-}; index_url=${4:-}
here=$(cd "$(dirname "$0")/.." && pwd)
module=""
if [ -n "$plugin_dir" ]; then
  # The Telelens module built for the installed Liferea's generation
  # (telelens-liferea114 for 1.14, telelens-liferea115 for 1.15): the other
  # generation's would abort this Liferea.
  webkit=$(ldd "$(command -v liferea)" 2>/dev/null | grep -o 'libwebkit2gtk-4\.[01]' | head -1 || true)
  case "$webkit" in
    libwebkit2gtk-4.0) gen=1.14 ;;
    libwebkit2gtk-4.1) gen=1.15 ;;
    *) gen="" ;;
  esac
  if [ -n "$gen" ] && [ -f "$plugin_dir/telelens-liferea${gen/./}.plugin" ]; then
    module="telelens-liferea${gen/./}"
  elif [ -f "$plugin_dir/telelens.plugin" ]; then
    module=$(sed -n 's/^Module=//p' "$plugin_dir/telelens.plugin")  # a build from before generations
  else
    echo "liferea-headless: $plugin_dir has no Telelens module for the installed Liferea" \
         "(${gen:-unknown; it links ${webkit:-no webkit2gtk}}): expected telelens-liferea${gen/./}.plugin;" \
         "build with -Dliferea_generations=${gen:-1.14}" >&2
    exit 1
  fi
fi
rm -rf "$work"; mkdir -p "$work"/{feeds,home,config/liferea,config/glib-2.0/settings,data,cache}
if [ -n "${HOSTILE:-}" ]; then
  # One feed whose only item tries to run script everywhere it can
  # (tests/data/hostile-feed.xml); its scripts mark the page if they run.
  cp "$here/tests/data/hostile-feed.xml" "$work/feeds/hostile.xml"
elif [ -n "${SAMPLE:-}" ]; then
  # One feed whose only item is the story in $SAMPLE (first line: headline).
  python3 "$here/tools/demo-feeds.py" "$work/feeds" --story "$SAMPLE" >/dev/null
else
  python3 "$here/tools/demo-feeds.py" "$work/feeds" >/dev/null
fi
n_feeds=$(ls "$work"/feeds/*.xml | wc -l)
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$work/feeds" > "$work/http.log" 2>&1 &
http_pid=$!
for _ in $(seq 150); do grep -q "port" "$work/http.log" && break; sleep 0.1; done
port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/http.log" | head -1)
if [ -z "$port" ]; then
  kill "$http_pid" 2>/dev/null || true
  echo "liferea-headless: the feed server on 127.0.0.1 did not start (see $work/http.log)" >&2
  exit 1
fi
{
  echo '<?xml version="1.0"?><opml version="1.0"><head><title>Telelens demo</title></head><body>'
  i=0
  for f in "$work"/feeds/*.xml; do
    i=$((i+1)); slug=$(basename "$f" .xml)
    title=$(sed -n 's:.*<channel>\s*::; s:^\s*<title>\(.*\)</title>:\1:p' "$f" | head -1)
    echo "<outline title=\"$title\" text=\"$title\" type=\"rss\" id=\"demo$i\" xmlUrl=\"http://127.0.0.1:$port/$slug.xml\" updateInterval=\"1\"/>"
  done
  echo '</body></opml>'
} > "$work/config/liferea/feedlist.opml"
plugins="@as []"
if [ -n "$plugin_dir" ]; then
  # A per-user install, as the README's main command does it.
  plugins="['$module']"
  mkdir -p "$work/data/liferea/plugins"
  for f in "lib$module.so" "$module.plugin" gschemas.compiled; do
    if [ -n "${INTERACTIVE:-}" ]; then ln -sf "$plugin_dir/$f" "$work/data/liferea/plugins/$f"
    else cp "$plugin_dir/$f" "$work/data/liferea/plugins/"; fi
  done
fi
if [ -n "${PROBE_DIR:-}" ]; then
  # The end-to-end test's observer (tests/liferea-probe), beside Telelens.
  plugins="['$module', 'telelens-probe']"
  cp "$PROBE_DIR/libtelelens-probe.so" "$PROBE_DIR/telelens-probe.plugin" "$work/data/liferea/plugins/"
  mkdir -p "$work/probe"
fi
if [ -n "${WATCH_LIST:-}" ]; then
  mkdir -p "$work/data/telelens"
  cp "$WATCH_LIST" "$work/data/telelens/watchlist.json"
fi
if [ -n "${TOKEN_FILE:-}" ] && [ ! -r "$TOKEN_FILE" ]; then
  echo "liferea-headless: TOKEN_FILE $TOKEN_FILE cannot be read; related coverage will be refused" >&2
elif [ -n "${TOKEN_FILE:-}" ]; then
  # Every request to the index carries the token; the plugin reads it from
  # $XDG_DATA_HOME/telelens/token, like `telelens serve` writes it.
  mkdir -p "$work/data/telelens"
  chmod 700 "$work/data/telelens"
  install -m 600 "$TOKEN_FILE" "$work/data/telelens/token"
fi
cat > "$work/config/glib-2.0/settings/keyfile" <<KEY
[org/gnome/liferea]
browser-id='manual'
browser='true %s'
last-node-selected='demo1'

[org/gnome/liferea/plugins]
active-plugins=$plugins

[org/telelens/plugin]
index-url='${index_url:-http://127.0.0.1:47611}'
start-index=${START_INDEX:-$([ -n "${INTERACTIVE:-}" ] && echo true || echo false)}
KEY
if [ -n "${INTERACTIVE:-}" ]; then
  # The demo: on the user's own display, until they close Liferea.
  display=${DISPLAY:?no display}
  xvfb_pid=""
else
  # Xvfb picks a free display itself and tells us which (no collisions
  # with another run on the same machine).
  exec 5> "$work/display.txt"
  Xvfb -displayfd 5 -screen 0 1280x900x24 > "$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  exec 5>&-
  for _ in $(seq 100); do [ -s "$work/display.txt" ] && break; sleep 0.1; done
  display=":$(head -1 "$work/display.txt" | tr -d '[:space:]')"
fi
if [ -n "${INTERACTIVE:-}" ]; then
  env -i PATH="$PATH" DISPLAY="$display" HOME="$work/home" XDG_CONFIG_HOME="$work/config" \
    XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" GSETTINGS_BACKEND=keyfile \
    XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-}" dbus-run-session -- liferea &
  lf_pid=$!
  sleep 8
  command -v xdotool >/dev/null && DISPLAY="$display" xdotool key ctrl+n 2>/dev/null || true
  wait "$lf_pid" 2>/dev/null || true
  kill "$http_pid" 2>/dev/null || true
  exit 0
fi
env -i PATH="${PATH_PREPEND:+$PATH_PREPEND:}/usr/bin:/bin" DISPLAY="$display" HOME="$work/home" XDG_CONFIG_HOME="$work/config" \
  XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" GSETTINGS_BACKEND=keyfile \
  G_MESSAGES_DEBUG=telelens GIO_USE_PROXY_RESOLVER=dummy GTK_THEME="${GTK_THEME:-}" \
  ${WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS:+WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1} \
  TELELENS_PROBE="${PROBE_DIR:+$work/probe}" \
  dbus-run-session -- liferea > "$work/liferea.log" 2>&1 &
lf_pid=$!
# Wait (up to SECONDS) for Liferea's window and for the feeds to arrive.
win=""
for _ in $(seq $((secs * 2))); do
  win=$(DISPLAY="$display" xdotool search --onlyvisible --class liferea 2>/dev/null | head -1 || true)
  [ -n "$win" ] && [ "$(grep -c GET "$work/http.log")" -ge "$n_feeds" ] && break
  sleep 0.5
done
sleep 2
if [ -n "$plugin_dir" ] && [ -n "$win" ]; then
  # Show a story: "next unread" (Ctrl+N), then wait until Telelens is done.
  DISPLAY="$display" xdotool windowsize "$win" 1280 900 windowmove "$win" 0 0 2>/dev/null || true
  sleep 1
  DISPLAY="$display" xdotool key ctrl+n 2>/dev/null || true
  for _ in $(seq 60); do
    grep -q "related coverage:" "$work/liferea.log" && break
    sleep 0.5
  done
  # WebKit paints a moment after the last script returns.
  sleep 3
fi
DISPLAY="$display" import -window root "$work/shot.png" || true
if [ -n "${ACTIONS:-}" ] && [ -n "$win" ]; then
  # The caller's steps while Liferea is up ($display, $work and $win are
  # set); whatever they do, Liferea is shut down below.
  ( set +eu; . "$ACTIONS" ) || true
fi
if [ -n "${CLICK:-}" ]; then
  # Click a highlight (x,y on screen) and photograph the card.
  DISPLAY="$display" xdotool mousemove "${CLICK%,*}" "${CLICK#*,}" click 1 || true
  sleep 3
  DISPLAY="$display" import -window root "$work/shot-card.png" || true
fi
if [ -n "$plugin_dir" ] && [ -n "$win" ] && [ "${STORIES:-1}" -gt 1 ]; then
  # Show more stories, one after another, as a reader would (timing).
  for _ in $(seq $((STORIES - 1))); do
    n=$(grep -c "story decorated:" "$work/liferea.log" || true)
    DISPLAY="$display" xdotool key ctrl+n 2>/dev/null || true
    for _ in $(seq 20); do
      [ "$(grep -c "story decorated:" "$work/liferea.log" || true)" -gt "$n" ] && break
      sleep 0.25
    done
    sleep 0.5
  done
fi
pkill -TERM -P "$lf_pid" 2>/dev/null || true
sleep 3
kill "$lf_pid" $xvfb_pid "$http_pid" 2>/dev/null || true
wait 2>/dev/null || true
echo "$work/data/liferea/liferea.db"
