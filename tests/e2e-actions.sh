# e2e-actions.sh — what the end-to-end test does in Liferea, as a reader
# would: sourced by tools/liferea-headless.sh while Liferea is up, with
# $display, $work and $win set, and next_story (shows the next story).
# E2E_STEP says which run this is. It only acts and records (page dumps
# and screenshots in $work/probe); the test asserts on the records
# afterwards.

# probe, center and shoot come from tools/headless-lib.sh (sourced by the
# harness that sources this file).

# card_region DUMP: the card's rectangle on screen (WxH+X+Y) from a page
# dump taken while it is open.
card_region() {
  python3 - "$1" <<'PY' 2>/dev/null
import json, sys
d = json.load(open(sys.argv[1]))
x, y, w, h = d["page"]["card_rect"]
print(f"{w}x{h}+{d['origin'][0] + x}+{d['origin'][1] + y}")
PY
}

# changed_share BEFORE AFTER REGION: the share (0-100) of the pixels of
# REGION that differ between two screenshots, in any channel by any amount.
# (Not `compare -metric AE`: ImageMagick 7.1, in Debian unstable, counts
# there only some of the pixels a light card changes on a white page, 10%
# where 6 counts all of them.)
changed_share() {
  convert "$1" -crop "$3" +repage -alpha off "$2" -crop "$3" +repage -alpha off \
    -compose difference -composite -separate -evaluate-sequence max -threshold 0 \
    -format '%[fx:round(100*mean)]' info: 2>/dev/null || echo 0
}

# until_card_painted DUMP: dumps the page into DUMP until the page says a
# frame with the card in it has been painted (up to ten seconds).
until_card_painted() {
  for _ in $(seq 20); do
    probe dump > "$1"
    python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["page"].get("card_painted") else 1)' \
      "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "e2e-actions: the page never said the card was painted (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  return 1
}

# shoot_until_card NAME BEFORE DUMP: once the page says it painted the card
# (DUMP is rewritten then), screenshots NAME until most of the card's own
# region differs from the screenshot BEFORE: what a reader sees, the card
# painted over the story, not just in the page. Up to six tries, a second
# apart (X may show WebKit's frame a moment after the page painted it);
# writes NAME.txt: the tries, the seconds from the click (CLICKED_AT) and
# the share of the region that changed.
shoot_until_card() {
  local region share=0 t
  until_card_painted "$3"
  region=$(card_region "$3")
  for t in $(seq 6); do
    shoot "$1"
    [ -n "$region" ] && share=$(changed_share "$work/probe/$2.png" "$work/probe/$1.png" "$region")
    if [ "${share:-0}" -ge 60 ]; then
      echo "$t $(awk -v a="$(date +%s.%N)" -v b="${CLICKED_AT:-0}" 'BEGIN { printf "%.1f", a - b }') $share" \
        > "$work/probe/$1.txt"
      return 0
    fi
    sleep 1
  done
  echo "0 0 $share" > "$work/probe/$1.txt"
  echo "e2e-actions: the card's region ${region:-(none: no card in the page)} changed ${share:-0}% after six screenshots" >&2
  return 1
}

# until_card open|closed FILE: dumps the page into FILE until the card is
# open (or closed), for up to ten seconds; the last dump stays in FILE.
until_card() {
  for _ in $(seq 20); do
    probe dump > "$2"
    python3 -c 'import json,sys; c = json.load(open(sys.argv[1]))["page"].get("card"); sys.exit(0 if (c is not None) == (sys.argv[2] == "open") else 1)' \
      "$2" "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  return 1
}

probe dump > "$work/probe/page.json"

case "${E2E_STEP:-}" in
up)
  # Click a person's highlight: the card opens.
  read -r x y < <(center "$work/probe/page.json" \
    '[m for m in page["marks"] if m["type"] == "person"][0]["rect"]') || true
  if [ -n "${x:-}" ]; then
    DISPLAY="$display" xdotool mousemove 5 890 click 1
    sleep 0.5
    shoot before-card
    DISPLAY="$display" xdotool mousemove "$x" "$y" click 1
    CLICKED_AT=$(date +%s.%N)
    until_card open "$work/probe/page-card.json"
    shoot_until_card card before-card "$work/probe/page-card.json"
    sleep 1   # the index's part of the card, and the tooltip's delay
    probe tooltips > "$work/probe/tooltips-card.txt"
    probe dump > "$work/probe/page-card.json"
    # A script of the page looks for what only Telelens' panel and card
    # show (their headings, a related title from the index): it must not
    # find any of it.
    related=$(python3 -c 'import json,sys; l = json.load(open(sys.argv[1]))["page"]["links"]; print(l[0]["text"] if l else "")' \
      "$work/probe/page-card.json" 2>/dev/null)
    for needle in "Related coverage" "In this story:" "$related"; do
      [ -n "$needle" ] && { probe "peek $needle"; echo; }
    done > "$work/probe/peek.txt"
    # Esc closes the card and gives the focus back to the highlight; Enter
    # there opens it again, from the keyboard; Esc closes it again.
    DISPLAY="$display" xdotool key Escape
    until_card closed "$work/probe/page-card-closed.json"
    DISPLAY="$display" xdotool key Return
    until_card open "$work/probe/page-card-key.json"
    sleep 1
    shoot card-keyboard
    probe dump > "$work/probe/page-card-key.json"
    DISPLAY="$display" xdotool key Escape
    until_card closed "$work/probe/page-card-key-closed.json"
  fi
  # The gear opens the preferences; turning Person off removes its highlights.
  read -r x y < <(center "$work/probe/page.json" 'page["gear"]') || true
  if [ -n "${x:-}" ]; then
    DISPLAY="$display" xdotool mousemove "$x" "$y" click 1
    sleep 2
    probe windows > "$work/probe/windows.txt"
    shoot prefs
    probe "click Person" > "$work/probe/click.txt"
    sleep 2
    probe dump > "$work/probe/page-no-person.json"
    probe "close Telelens Preferences" > /dev/null
    sleep 1
  fi
  # Liferea 2.0 shows a feed's own page (its title and description) in the
  # story view when the feed is selected: no story, left alone. Then the
  # first feed again, for the stories shown next.
  if [ "${gen:-}" = 2.0 ]; then
    DISPLAY="$display" xdotool mousemove 100 80 click 1
    sleep 3
    probe dump > "$work/probe/page-feed.json"
    DISPLAY="$display" xdotool mousemove 100 60 click 1
    sleep 1
  fi
  ;;
hostile)
  # Click the watch-list entity whose name carries HTML: the card opens.
  read -r x y < <(center "$work/probe/page.json" \
    '[m for m in page["marks"] if m["text"] == "Zeta Networks"][0]["rect"]') || true
  if [ -n "${x:-}" ]; then
    DISPLAY="$display" xdotool mousemove "$x" "$y" click 1
    sleep 1
    until_card open "$work/probe/page-card.json"
    sleep 1   # the index's part of the card, and the tooltip's delay
    probe tooltips > "$work/probe/tooltips-card.txt"
    shoot card
    probe dump > "$work/probe/page-card.json"
    DISPLAY="$display" xdotool key Escape
  fi
  ;;
down)
  # Turn Telelens off: what it added leaves the page, the next story is
  # left alone, and the story view's script setting is Liferea's again.
  probe "unload telelens" > "$work/probe/unload.txt"
  sleep 1.5
  probe dump > "$work/probe/page-unloaded.json"
  next_story
  sleep 3
  probe dump > "$work/probe/page-next.json"
  ;;
spawn)
  # The watch list on disk is broken: Preferences say where, and offer no
  # way to change it.
  read -r x y < <(center "$work/probe/page.json" 'page["gear"]') || true
  if [ -n "${x:-}" ]; then
    DISPLAY="$display" xdotool mousemove "$x" "$y" click 1
    sleep 2
    probe "widgets Telelens Preferences" > "$work/probe/prefs-widgets.txt"
    shoot prefs-broken-watch-list
    probe "close Telelens Preferences" > /dev/null
    sleep 1
  fi
  # The plugin started the (stand-in) index on activation. Now turn it off,
  # on and off again at once, its new probe still in flight, and wait
  # longer than that probe needs to fail.
  cp "$work/probe/spawned.txt" "$work/probe/spawned-before.txt" 2>/dev/null || : > "$work/probe/spawned-before.txt"
  probe "cycle telelens" > "$work/probe/cycle.txt"
  sleep 4
  ;;
esac
