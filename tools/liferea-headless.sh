#!/usr/bin/env bash
# Runs the real Liferea under Xvfb on the demo feeds, served from 127.0.0.1.
#   tools/liferea-headless.sh WORKDIR SECONDS [PLUGIN_DIR]
# Leaves Liferea's own database in WORKDIR/data/liferea/liferea.db and a
# screenshot in WORKDIR/shot.png. Used to make tests/data/liferea/liferea.db
# (a database written by Liferea itself) and by the plugin's end-to-end test.
set -euo pipefail
work=$1; secs=${2:-15}; plugin_dir=${3:-}
here=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$work"; mkdir -p "$work"/{feeds,home,config/liferea,config/glib-2.0/settings,data,cache}
python3 "$here/tools/demo-feeds.py" "$work/feeds" >/dev/null
python3 -m http.server 0 --bind 127.0.0.1 --directory "$work/feeds" > "$work/http.log" 2>&1 &
http_pid=$!
for _ in $(seq 50); do grep -q "port" "$work/http.log" && break; sleep 0.1; done
port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/http.log" | head -1)
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
[ -n "$plugin_dir" ] && plugins="['telelens']"
cat > "$work/config/glib-2.0/settings/keyfile" <<KEY
[org/gnome/liferea]
browser-id='manual'
browser='true %s'
last-node-selected='demo1'

[org/gnome/liferea/plugins]
active-plugins=$plugins
KEY
display=:$(( 90 + RANDOM % 9 ))
Xvfb "$display" -screen 0 1280x900x24 > "$work/xvfb.log" 2>&1 &
xvfb_pid=$!
sleep 1
env -i PATH=/usr/bin:/bin DISPLAY="$display" HOME="$work/home" XDG_CONFIG_HOME="$work/config" \
  XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" GSETTINGS_BACKEND=keyfile \
  dbus-run-session -- liferea > "$work/liferea.log" 2>&1 &
lf_pid=$!
sleep "$secs"
DISPLAY="$display" import -window root "$work/shot.png" || true
pkill -TERM -P "$lf_pid" 2>/dev/null || true; pkill -TERM -x liferea 2>/dev/null || true
sleep 3
kill "$lf_pid" "$xvfb_pid" "$http_pid" 2>/dev/null || true
wait 2>/dev/null || true
echo "$work/data/liferea/liferea.db"
