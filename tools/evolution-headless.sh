#!/usr/bin/env bash
# Runs the real Evolution under Xvfb with a throwaway home, showing one feed
# article from its built-in News and Blogs, served from 127.0.0.1.
#   tools/evolution-headless.sh WORKDIR SECONDS [MODULE_BUILD_DIR [INDEX_URL]]
# MODULE_BUILD_DIR is the build directory plugin/evolution (it holds
# libtelelens-evolution.so and gschemas.compiled): the module is installed
# per user, where Evolution looks
# ($XDG_DATA_HOME/evolution/modules/lib/evolution/modules).
# Environment, as tools/liferea-headless.sh:
#   SAMPLE=FILE      one story (first line: the headline) as the article shown
#   HOSTILE=1        the hostile feed (tests/data/hostile-feed.xml) instead
#   (neither)        the demo feeds; the article shown is STORY (default e1-wirewatch)
#   MESSAGE=FILE[:FILE…]  mails (RFC 822, each with a Message-ID) in a local
#                    Maildir folder; the first is shown instead of an article
#   PROBE_DIR=DIR    where the test-only probe module is built
#                    (libtelelens-evolution-probe.so); it answers in WORKDIR/probe
#   ACTIONS=FILE     sourced while Evolution is up ($display, $work, $win set)
#   TOKEN_FILE=PATH  the token of the index at INDEX_URL
#   WATCH_LIST=FILE  the user's watch list
#   START_INDEX=true|false (default false): may the module start the index
#   PATH_PREPEND=DIR goes first on Evolution's PATH (a stand-in telelens)
# Writes WORKDIR/shot.png and Evolution's log to WORKDIR/evolution.log.
set -euo pipefail
. "$(dirname "$0")/headless-lib.sh"
work=$1; secs=${2:-30}; module_dir=${3:-}; index_url=${4:-}
here=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v evolution >/dev/null; then
  echo "evolution-headless: Evolution is not installed (apt install evolution)" >&2
  exit 1
fi
if [ -n "$module_dir" ] && [ ! -f "$module_dir/libtelelens-evolution.so" ]; then
  echo "evolution-headless: $module_dir has no libtelelens-evolution.so; build with -Devolution=enabled" >&2
  exit 1
fi
rm -rf "$work"; mkdir -p "$work"/{feeds,home,config/glib-2.0/settings,data,cache,runtime}
chmod 700 "$work/runtime"
story=${STORY:-e1-wirewatch}
if [ -n "${HOSTILE:-}" ]; then
  cp "$here/tests/data/hostile-feed.xml" "$work/feeds/hostile.xml"; story=hostile-1
elif [ -n "${SAMPLE:-}" ]; then
  python3 "$here/tools/demo-feeds.py" "$work/feeds" --story "$SAMPLE" >/dev/null; story=sample-1
else
  python3 "$here/tools/demo-feeds.py" "$work/feeds" >/dev/null
fi

python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$work/feeds" > "$work/http.log" 2>&1 &
http_pid=$!
for _ in $(seq 150); do grep -q "port" "$work/http.log" && break; sleep 0.1; done
port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/http.log" | head -1)
if [ -z "$port" ]; then
  kill "$http_pid" 2>/dev/null || true
  echo "evolution-headless: the feed server on 127.0.0.1 did not start (see $work/http.log)" >&2
  exit 1
fi

# Subscriptions live in rss.ini, one group per feed, named by the sha1 of the
# feed's address (as Evolution's own dialog does). Every item has a pubDate
# (Evolution skips items without one). The article's Message-ID is the sha1
# of its guid.
mkdir -p "$work/data/evolution/mail/rss"
feed_id=""
i=0
for f in "$work"/feeds/*.xml; do
  i=$((i + 1))
  url="http://127.0.0.1:$port/$(basename "$f")"
  id=$(printf '%s' "$url" | sha1sum | cut -d' ' -f1)
  title=$(sed -n 's:.*<channel>\s*::; s:^\s*<title>\(.*\)</title>:\1:p' "$f" | head -1)
  grep -q "<guid[^>]*>$story</guid>" "$f" && feed_id=$id
  cat >> "$work/data/evolution/mail/rss/rss.ini" <<INI
[feed:$id]
href=$url
display-name=$title
icon-filename=
last-etag=
last-modified=
content-type=0
total-count=0
unread-count=0
last-updated=0
index=$i

INI
done
if [ -z "$feed_id" ] && [ -z "${MESSAGE:-}" ]; then
  kill "$http_pid" 2>/dev/null || true
  echo "evolution-headless: no feed has the story $story" >&2
  exit 1
fi
mid="$(printf '%s' "$story" | sha1sum | cut -d' ' -f1)@localhost"
folder="folder://rss/$feed_id"

# A local Maildir (On This Computer); without .Outbox and the marker a
# blocking "local mail format has changed" dialog appears.
md="$work/data/evolution/mail/local"
mkdir -p "$md"/{cur,new,tmp} "$md"/.Outbox/{cur,new,tmp}
touch "$md/..maildir++"
if [ -n "${MESSAGE:-}" ]; then
  IFS=: read -r -a mails <<< "$MESSAGE"
  n=0
  for m in "${mails[@]}"; do
    n=$((n + 1))
    cp "$m" "$md/new/170000000$n.telelens-test$n.localhost"
  done
  mid=$(sed -n 's/^Message-I[Dd]:[[:space:]]*<\(.*\)>.*/\1/p' "${mails[0]}" | head -1)
  folder="folder://local/Inbox"
  [ -n "$mid" ] || { echo "evolution-headless: ${mails[0]} has no Message-ID" >&2; exit 1; }
fi
# Evolution's web process sandbox wants this folder to exist.
mkdir -p "$work/data/evolution/preview-plugins"

if [ -n "$module_dir" ]; then
  mods="$work/data/evolution/modules/lib/evolution/modules"
  mkdir -p "$mods"
  cp "$module_dir/libtelelens-evolution.so" "$module_dir/gschemas.compiled" "$mods/"
fi
if [ -n "${PROBE_DIR:-}" ]; then
  mkdir -p "$work/data/evolution/modules/lib/evolution/modules" "$work/probe"
  cp "$PROBE_DIR/libtelelens-evolution-probe.so" "$work/data/evolution/modules/lib/evolution/modules/"
fi
if [ -n "${WATCH_LIST:-}" ]; then
  mkdir -p "$work/data/telelens"
  cp "$WATCH_LIST" "$work/data/telelens/watchlist.json"
fi
if [ -n "${TOKEN_FILE:-}" ] && [ ! -r "$TOKEN_FILE" ]; then
  echo "evolution-headless: TOKEN_FILE $TOKEN_FILE cannot be read; related coverage will be refused" >&2
elif [ -n "${TOKEN_FILE:-}" ]; then
  mkdir -p "$work/data/telelens"
  chmod 700 "$work/data/telelens"
  install -m 600 "$TOKEN_FILE" "$work/data/telelens/token"
fi
# GSettings in a keyfile (groups are schema paths): no first-run wizard or
# dialogs, mail first, the preview on the right (no window manager places
# panes) with no To Do bar beside it, the window at a known place, and
# always online.
cat > "$work/config/glib-2.0/settings/keyfile" <<KEY
[org/gnome/evolution/mail]
show-startup-wizard=false
prompt-check-if-default-mailer=false
junk-check-incoming=false
layout=1
show-to-do-bar=false

[org/gnome/evolution/shell]
skip-warning-dialog=true
default-component-id='mail'

[org/gnome/evolution/shell/window]
width=1200
height=900
x=0
y=0

[org/gnome/evolution-data-server]
network-monitor-gio-name='always-online'

[org/telelens/plugin]
index-url='${index_url:-http://127.0.0.1:47611}'
start-index=${START_INDEX:-false}
KEY

# The search that `evolution mid:…` runs: Evolution 3.56.2 no longer sets
# its type and scope (its g_action_activate () on those radio actions fails
# an assertion), so it would look for the Message-ID as a subject in the
# current folder and find nothing. Preset them as 3.46 sets them: a
# free-form expression over all accounts, all messages.
mkdir -p "$work/config/evolution/mail"
cat > "$work/config/evolution/mail/state.ini" <<STATE
[GlobalSearch]
SearchFilter=mail-filter-all-messages
SearchOption=mail-search-free-form-expr
SearchScope=mail-scope-all-accounts
STATE

tl_xvfb_start "$work" 1280x960x24 evolution-headless || { kill "$http_pid" 2>/dev/null || true; exit 1; }

# Evolution's background services (the source registry, the factories) are
# started by the session bus: they inherit its environment, the throwaway one.
# In a chroot (tools/test-host.sh) WebKit's sandbox cannot start (bwrap:
# "Failed to make / slave"): the caller's WEBKIT_DISABLE_SANDBOX_… passes.
evo_env=(env -i PATH="${PATH_PREPEND:+$PATH_PREPEND:}/usr/bin:/bin" DISPLAY="$display" HOME="$work/home" XDG_CONFIG_HOME="$work/config"
         XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_RUNTIME_DIR="$work/runtime"
         GSETTINGS_BACKEND=keyfile G_MESSAGES_DEBUG=telelens GIO_USE_PROXY_RESOLVER=dummy
         GTK_THEME="${GTK_THEME:-}" NO_AT_BRIDGE=1 LANG=C.UTF-8 ${GTK_A11Y:+GTK_A11Y=$GTK_A11Y}
         ${WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS:+WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1}
         TELELENS_PROBE="${PROBE_DIR:+$work/probe}")
"${evo_env[@]}" dbus-daemon --session --fork --nopidfile --address="unix:path=$work/runtime/bus" \
  --print-pid=1 > "$work/dbus.pid"
dbus_pid=$(head -1 "$work/dbus.pid")
evo_env+=(DBUS_SESSION_BUS_ADDRESS="unix:path=$work/runtime/bus")

cleanup() {
  set +e
  if [ -n "${evo_pid:-}" ]; then
    kill "$evo_pid" 2>/dev/null
    for _ in $(seq 20); do kill -0 "$evo_pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$evo_pid" 2>/dev/null
    wait "$evo_pid" 2>/dev/null
  fi
  # The services the bus started for this run, then the bus itself.
  [ -n "${dbus_pid:-}" ] && pkill -TERM -P "$dbus_pid" 2>/dev/null
  [ -n "${dbus_pid:-}" ] && kill "$dbus_pid" 2>/dev/null
  kill "$xvfb_pid" "$http_pid" 2>/dev/null
  wait 2>/dev/null
  return 0
}
trap cleanup EXIT

# A plain start first: Evolution 3.56 handles a folder:// argument before
# its News and Blogs store is known, finds no folder, opens no window and
# quits.
"${evo_env[@]}" evolution > "$work/evolution.log" 2>&1 &
evo_pid=$!
win=""
for _ in $(seq $((secs * 2))); do
  win=$(DISPLAY="$display" xdotool search --onlyvisible --class evolution 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  sleep 0.5
done
if [ -z "$win" ]; then
  echo "evolution-headless: Evolution showed no window within $secs s (see $work/evolution.log)" >&2
  DISPLAY="$display" import -window root "$work/shot.png" 2>/dev/null || true
  exit 1
fi
# Opening the feed's folder fetches it (a plain start does not), in the
# running Evolution.
"${evo_env[@]}" evolution "$folder" >> "$work/evolution.log" 2>&1 || true
if [ -z "${MESSAGE:-}" ]; then
  # The fetch is done when rss.ini records when it last updated the feed.
  for _ in $(seq $((secs * 2))); do
    sed -n "/^\[feed:$feed_id\]/,/^\[/p" "$work/data/evolution/mail/rss/rss.ini" |
      grep -q '^last-updated=[1-9]' && break
    sleep 0.5
  done
else
  # Evolution has read the Maildir when it has moved the mails from new/
  # into cur/. The search `mid:` runs must find the mail at once: a search
  # folder that is empty when first shown selects nothing later (3.56).
  for _ in $(seq $((secs * 2))); do
    [ -z "$(ls -A "$md/new")" ] && break
    sleep 0.5
  done
  sleep 1
fi
# Whether Telelens is done with the message on show: its last "message
# shown" is followed by "left untouched", or by "story decorated" and then
# "related coverage:" (a story shown again is read again: wait for that too).
telelens_settled() {
  awk '/message shown:/ { state = 1 } /story decorated:/ && state == 1 { state = 2 }
       /related coverage:/ && state == 2 { state = 3 } /left untouched/ && state == 1 { state = 3 }
       END { exit state == 3 ? 0 : 1 }' "$work/evolution.log"
}
# Shows the message with this Message-ID in the running Evolution:
# `evolution mid:…` searches all accounts for it, and Evolution selects
# what it found when the search folder is first shown. Evolution 3.56 may
# leave it unselected (when the search folder is still being filled, as
# with a local Maildir): then the first row of the message list, where the
# probe says it is, is clicked, as a person would. Succeeds when Telelens
# says a message was shown (without the module: after 3 s).
select_message() {
  local before n x y w h rect
  before=$(grep -c "message shown:" "$work/evolution.log")
  "${evo_env[@]}" evolution "mid:$1" >> "$work/evolution.log" 2>&1 || true
  [ -z "$module_dir" ] && { sleep 3; return 0; }
  for n in $(seq 40); do
    [ "$(grep -c "message shown:" "$work/evolution.log")" -gt "$before" ] && return 0
    if [ "$n" = 12 ] && [ -n "${PROBE_DIR:-}" ] && rect=$(tl_probe_ask message-list) &&
       read -r x y w h <<< "$rect" && [ "${h:-0}" -gt 0 ] 2>/dev/null; then
      DISPLAY="$display" xdotool mousemove $((x + w / 2)) $((y + 8)) click 1
    fi
    sleep 0.5
  done
  return 1
}
# Select the story (asked again only when it did not show at all: a busy
# machine may take a while).
for _ in 1 2 3; do
  select_message "$mid" && break
done
if [ -n "$module_dir" ]; then
  # Settled, and the log quiet for a second (Evolution may show it again).
  quiet=0
  for _ in $(seq $((secs * 4))); do
    if telelens_settled; then
      quiet=$((quiet + 1))
      [ "$quiet" -ge 4 ] && break
    else
      quiet=0
    fi
    sleep 0.25
  done
fi
# A first read may come before the part's iframe has loaded (nothing then
# is decorated); WebKit paints a moment after the last script returns.
sleep 3
DISPLAY="$display" import -window root "$work/shot.png" || true
if [ -n "${ACTIONS:-}" ]; then
  ( set +eu; . "$ACTIONS" ) || true
fi
exit 0
