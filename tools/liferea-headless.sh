#!/usr/bin/env bash
# Runs the real Liferea under Xvfb on the demo feeds, served from 127.0.0.1.
#   tools/liferea-headless.sh WORKDIR SECONDS [PLUGIN_BUILD_DIR [INDEX_URL]]
# PLUGIN_BUILD_DIR holds the Telelens module for each Liferea generation
# built (telelens-liferea114.plugin, telelens-liferea20.plugin, …);
# `telelens plugin install --from PLUGIN_BUILD_DIR` installs the one for the
# installed Liferea into the throwaway home and enables it ($module, also for
# ACTIONS; $gen is the generation: 1.14, 1.15 or 2.0). The command is the
# build tree's (PLUGIN_BUILD_DIR/../cli/telelens), $TELELENS, or on PATH.
# TOKEN_FILE=PATH: the token of the index at INDEX_URL (`telelens serve
# --token-file PATH`), put where the plugin in the throwaway home reads it.
# Leaves Liferea's own database in WORKDIR/data/liferea/liferea.db and a
# screenshot in WORKDIR/shot.png. Used to make tests/data/liferea/liferea.db
# (a database written by Liferea itself) and by the plugin's end-to-end test.
# START_INDEX=true|false: may the plugin start the index when it is down
# (default: false for test runs, true for the demo, INTERACTIVE=1, as the
# plugin's own default); PATH_PREPEND=DIR goes first on Liferea's PATH (a
# stand-in telelens).
# PLUGIN_BUILD_DIR `system`: the plugin a package installed system-wide
# (liferea-plugin-telelens), enabled by the package's default, as a new user
# gets it: nothing is installed into the throwaway home, and Liferea's list
# of plugins keeps its default.
set -euo pipefail
. "$(dirname "$0")/headless-lib.sh"
work=$1; secs=${2:-15}; plugin_dir=${3:-}; index_url=${4:-}
here=$(cd "$(dirname "$0")/.." && pwd)
module=""
# The installed Liferea's generation, from the WebKit it links: the other
# generations' modules would abort it.
webkit=$(ldd "$(command -v liferea)" 2>/dev/null | grep -o 'libwebkit2gtk-4\.[01]\|libwebkitgtk-6\.0' | head -1 || true)
case "$webkit" in
  libwebkit2gtk-4.0) gen=1.14 ;;
  libwebkit2gtk-4.1) gen=1.15 ;;
  libwebkitgtk-6.0) gen=2.0 ;;
  *) gen="" ;;
esac
system=""
[ "$plugin_dir" = system ] && system=1
if [ -n "$plugin_dir" ] && [ -z "$system" ]; then
  # The command that installs it: the build tree's beside PLUGIN_DIR
  # (BUILD/plugin/liferea -> BUILD/plugin/cli/telelens), $TELELENS, or the
  # one on PATH.
  telelens=${TELELENS:-}
  [ -n "$telelens" ] || { [ -x "$plugin_dir/../cli/telelens" ] && telelens="$plugin_dir/../cli/telelens"; }
  [ -n "$telelens" ] || telelens=$(command -v telelens || true)
  if [ -z "$telelens" ]; then
    echo "liferea-headless: no telelens command to install the plugin with (set TELELENS=PATH)" >&2
    exit 1
  fi
fi
# KEEP_PROFILE=1 (the demo): a profile that is there already keeps its
# subscriptions, read state and settings; only the feeds are served anew.
keep=""
[ -n "${KEEP_PROFILE:-}" ] && [ -f "$work/config/liferea/feedlist.opml" ] && keep=1
if [ -n "$keep" ]; then rm -rf "$work/feeds" "$work/probe"; else rm -rf "$work"; fi
mkdir -p "$work"/{feeds,home,config/liferea,config/glib-2.0/settings,data,cache}
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
if [ -n "$keep" ]; then
  # Same feeds, served on this run's port.
  sed -i "s#http://127\.0\.0\.1:[0-9]*/#http://127.0.0.1:$port/#g" "$work/config/liferea/feedlist.opml"
else
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
fi
if [ -n "${PROBE_DIR:-}" ]; then
  # The end-to-end test's observer (tests/liferea-probe), beside Telelens.
  mkdir -p "$work/data/liferea/plugins" "$work/probe"
  cp "$PROBE_DIR/libtelelens-probe.so" "$PROBE_DIR/telelens-probe.plugin" "$work/data/liferea/plugins/"
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
if [ -z "$keep" ]; then
  # The demo's window opens at a usable size (Liferea's default is tiny
  # without a saved one).
  window=""
  [ -n "${INTERACTIVE:-}" ] && window=$'last-window-width=1200\nlast-window-height=800\nlast-window-maximized=false\nlast-hpane-pos=260\nlast-vpane-pos=280'
  # Liferea 2.0 (GTK 4) cannot be resized from outside without a window
  # manager: in test runs its size and panes come from its settings too
  # (there hpane is the item list's height, vpane the feed list's width).
  if [ -z "$window" ] && [ "$gen" = 2.0 ]; then
    window=$'last-window-width=1280\nlast-window-height=900\nlast-window-maximized=false\nlast-hpane-pos=190\nlast-vpane-pos=260'
  fi
  cat > "$work/config/glib-2.0/settings/keyfile" <<KEY
[org/gnome/liferea]
browser-id='manual'
browser='true %s'
last-node-selected='demo1'
$window

$([ -z "$system" ] && printf '%s\n' '[org/gnome/liferea/plugins]' 'active-plugins=@as []' '')
[org/telelens/plugin]
index-url='${index_url:-http://127.0.0.1:47611}'
start-index=${START_INDEX:-$([ -n "${INTERACTIVE:-}" ] && echo true || echo false)}
KEY
fi
# What Liferea sees in this profile: its home, folders and settings.
in_profile() {
  env -i PATH="/usr/bin:/bin" HOME="$work/home" XDG_CONFIG_HOME="$work/config" \
    XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" GSETTINGS_BACKEND=keyfile "$@"
}
if [ -n "$system" ]; then
  module=$(sed -n 's/^Module=//p' /usr/lib/*/liferea/plugins/telelens-liferea*.plugin 2>/dev/null | head -1)
  if [ -z "$module" ]; then
    echo "liferea-headless: no Telelens plugin installed system-wide (/usr/lib/*/liferea/plugins); install liferea-plugin-telelens" >&2
    kill "$http_pid" 2>/dev/null || true
    exit 1
  fi
  if [ -n "${PROBE_DIR:-}" ]; then
    active=$(in_profile gsettings get net.sf.liferea.plugins active-plugins)
    in_profile gsettings set net.sf.liferea.plugins active-plugins "${active%]}, 'telelens-probe']"
  fi
elif [ -n "$plugin_dir" ]; then
  # Installed per user and enabled, as the README says: `telelens plugin
  # install`, which takes the build for this Liferea's generation and
  # refuses another.
  if ! in_profile "$telelens" plugin install --from "$plugin_dir" > "$work/plugin-install.log" 2>&1; then
    cat "$work/plugin-install.log" >&2
    echo "liferea-headless: telelens plugin install failed (above)" >&2
    kill "$http_pid" 2>/dev/null || true
    exit 1
  fi
  module=$(sed -n 's/^Module=//p' "$work"/data/liferea/plugins/telelens-liferea*.plugin | head -1)
  if [ -n "${PROBE_DIR:-}" ]; then
    active=$(in_profile gsettings get net.sf.liferea.plugins active-plugins)
    in_profile gsettings set net.sf.liferea.plugins active-plugins "${active%]}, 'telelens-probe']"
  fi
elif [ -n "${PROBE_DIR:-}" ]; then
  # Liferea alone, observed by the probe: what the host does without Telelens.
  in_profile gsettings set net.sf.liferea.plugins active-plugins "['telelens-probe']"
fi
if [ -n "${INTERACTIVE:-}" ]; then
  # The demo: on the user's own display, until they close Liferea.
  display=${DISPLAY:?no display}
  xvfb_pid=""
else
  tl_xvfb_start "$work" 1280x900x24 liferea-headless || { kill "$http_pid" 2>/dev/null || true; exit 1; }
fi
if [ -n "${INTERACTIVE:-}" ]; then
  env -i PATH="$PATH" DISPLAY="$display" HOME="$work/home" XDG_CONFIG_HOME="$work/config" \
    XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" GSETTINGS_BACKEND=keyfile \
    G_MESSAGES_DEBUG=telelens XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-}" \
    dbus-run-session -- liferea > "$work/liferea.log" 2>&1 &
  lf_pid=$!
  # Open a story: Liferea's window focused, then "next unread" (Ctrl+N);
  # when nothing is unread any more (a kept profile), the first row of the
  # item list. Until Telelens says it decorated one, or 30 s.
  if command -v xdotool >/dev/null; then
    win=""
    for _ in $(seq 60); do
      win=$(DISPLAY="$display" xdotool search --onlyvisible --class liferea 2>/dev/null | head -1 || true)
      [ -n "$win" ] && break
      sleep 0.5
    done
    sleep 3
    for attempt in 1 2 3 4; do
      [ -n "$win" ] || break
      grep -q "story decorated:" "$work/liferea.log" && break
      DISPLAY="$display" xdotool windowactivate --sync "$win" 2>/dev/null ||
        DISPLAY="$display" xdotool windowfocus "$win" 2>/dev/null || true
      if [ "$attempt" -le 2 ]; then
        DISPLAY="$display" xdotool key --clearmodifiers ctrl+n 2>/dev/null || true
      else
        hpane=$(sed -n 's/^last-hpane-pos=//p' "$work/config/glib-2.0/settings/keyfile" | head -1)
        DISPLAY="$display" xdotool mousemove --window "$win" $(( ${hpane:-260} + 120 )) 90 click 1 2>/dev/null || true
      fi
      for _ in $(seq 10); do grep -q "story decorated:" "$work/liferea.log" && break; sleep 0.5; done
    done
  fi
  wait "$lf_pid" 2>/dev/null || true
  kill "$http_pid" 2>/dev/null || true
  exit 0
fi
# Liferea 2.0 under Xvfb: WebKit 6.0's DMA-BUF renderer paints the first
# frame of a page and no later change, so the shared-memory path is used.
start_liferea() {
  env -i PATH="${PATH_PREPEND:+$PATH_PREPEND:}/usr/bin:/bin" DISPLAY="$display" HOME="$work/home" XDG_CONFIG_HOME="$work/config" \
    XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" GSETTINGS_BACKEND=keyfile \
    G_MESSAGES_DEBUG=telelens GIO_USE_PROXY_RESOLVER=dummy GTK_THEME="${GTK_THEME:-}" \
    ${WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS:+WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1} \
    $([ "$gen" = 2.0 ] && echo WEBKIT_DISABLE_DMABUF_RENDERER=1) \
    TELELENS_PROBE="${PROBE_DIR:+$work/probe}" \
    dbus-run-session -- liferea > "$work/liferea.log" 2>&1 &
  lf_pid=$!
  started=$(date +%s)
}
start_liferea
# The next story, as a reader gets there: "next unread" (Ctrl+N) in 1.14 and
# 1.15. In 2.0 that action stays disabled here, so the item rows are clicked:
# the first feed's five, then the next feeds' first (the window's size and
# panes are preset above; rows are 24 pixels apart). Also for ACTIONS.
shown=0
next_story() {
  if [ "$gen" != 2.0 ]; then
    DISPLAY="$display" xdotool key ctrl+n 2>/dev/null || true
  elif [ "$shown" -lt 5 ]; then
    DISPLAY="$display" xdotool mousemove 700 $((62 + 24 * shown)) click 1 2>/dev/null || true
  else
    DISPLAY="$display" xdotool mousemove 100 $((60 + 20 * (shown - 4))) click 1 2>/dev/null || true
    sleep 1
    DISPLAY="$display" xdotool mousemove 700 62 click 1 2>/dev/null || true
  fi
  shown=$((shown + 1))
}
# Wait (up to SECONDS, on the clock: xdotool itself is slow on a loaded
# machine) for Liferea's window and for the feeds to arrive. A Liferea that
# exits before its window shows is started once more, with what it said
# kept in liferea-1.log; one that is still starting is waited for.
win=""
restarted=""
while :; do
  win=$(DISPLAY="$display" xdotool search --onlyvisible --class liferea 2>/dev/null | head -1 || true)
  [ -n "$win" ] && [ "$(grep -c GET "$work/http.log")" -ge "$n_feeds" ] && break
  if [ -z "$win" ] && ! kill -0 "$lf_pid" 2>/dev/null; then
    status=0; wait "$lf_pid" 2>/dev/null || status=$?
    echo "liferea-headless: Liferea exited (status $status) $(( $(date +%s) - started )) s after its start," \
         "before showing its window (load $(cut -d' ' -f1-3 /proc/loadavg)); last lines of its log:" >&2
    tail -5 "$work/liferea.log" >&2 2>/dev/null || true
    [ -n "$restarted" ] && break
    restarted=1
    mv "$work/liferea.log" "$work/liferea-1.log"
    echo "liferea-headless: starting Liferea once more" >&2
    start_liferea
    continue
  fi
  [ $(( $(date +%s) - started )) -ge "$secs" ] && break
  sleep 0.5
done
if [ -n "$win" ]; then
  echo "liferea-headless: Liferea's window after $(( $(date +%s) - started )) s, $(grep -c GET "$work/http.log") of $n_feeds feeds fetched" >&2
else
  # Nothing below can act without the window: say why, for the caller's log.
  alive=$(kill -0 "$lf_pid" 2>/dev/null && echo "still running" || echo "not running any more")
  echo "liferea-headless: no Liferea window within $secs s (Liferea $alive; load $(cut -d' ' -f1-3 /proc/loadavg));" \
       "last lines of $work/liferea.log:" >&2
  tail -5 "$work/liferea.log" >&2 2>/dev/null || true
fi
sleep 2
if [ -n "$plugin_dir${PROBE_DIR:-}" ] && [ -n "$win" ]; then
  # Show a story, then wait until Telelens is done (Liferea alone: a while).
  DISPLAY="$display" xdotool windowsize "$win" 1280 900 windowmove "$win" 0 0 2>/dev/null || true
  sleep 1
  next_story
  if [ -z "$plugin_dir" ]; then
    # No Telelens to say when the story is there: a while, and in 2.0 the
    # row clicked again in case the items were not listed yet.
    for _ in 1 2 3; do
      sleep 4
      if [ "$gen" = 2.0 ]; then shown=$((shown - 1)); next_story; fi
    done
  fi
  for i in $(seq 120); do
    [ -n "$plugin_dir" ] || break
    grep -q "related coverage:" "$work/liferea.log" && break
    # Liferea 2.0 may not have listed the items yet when the row was
    # clicked (a busy machine): click it again.
    if [ "$gen" = 2.0 ] && [ $((i % 20)) = 0 ] && ! grep -q "story analysed" "$work/liferea.log"; then
      shown=$((shown - 1)); next_story
    fi
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
    next_story
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
