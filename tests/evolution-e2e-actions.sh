# evolution-e2e-actions.sh — what the Evolution end-to-end test does, as a
# reader would: sourced by tools/evolution-headless.sh while Evolution is up,
# with $display, $work, $win, evo_env (the throwaway session's environment)
# and telelens_settled set. E2E_STEP says which run this is. It only acts and
# records (page dumps and screenshots in $work/probe); the test asserts on
# the records afterwards.

# probe, center and shoot come from tools/headless-lib.sh (sourced by the
# harness that sources this file).

# Shows the article or message with this Message-ID in the running
# Evolution (select_message of tools/evolution-headless.sh); with Telelens
# loaded, until it is done with it (at most 20 s more).
show_mid() {
  if [ "${2:-}" = unloaded ]; then
    "${evo_env[@]}" evolution "mid:$1" >> "$work/evolution.log" 2>&1 || true
    sleep 5
    return
  fi
  select_message "$1" || return
  for _ in $(seq 80); do
    telelens_settled && break
    sleep 0.25
  done
  sleep 1
}

probe dump > "$work/probe/page.json"

case "${E2E_STEP:-}" in
up)
  # Click a highlight on screen: the card opens.
  read -r x y < <(center "$work/probe/page.json" \
    '[m for m in page["marks"] if m["rect"][2] > 0 and 0 < m["rect"][1] < 650][0]["rect"]') || true
  if [ -n "${x:-}" ]; then
    DISPLAY="$display" xdotool mousemove 1250 940 click 1
    sleep 0.5
    shoot before-card
    DISPLAY="$display" xdotool mousemove "$x" "$y" click 1
    sleep 2
    shoot card
    probe dump > "$work/probe/page-card.json"
    probe tooltips > "$work/probe/tooltips-card.txt"
    DISPLAY="$display" xdotool key Escape
    sleep 1
    probe dump > "$work/probe/page-card-closed.json"
  fi
  # A script of the message looking for the panel's text finds nothing.
  probe "peek Related coverage" > "$work/probe/peek.txt"
  # The gear opens Evolution's Preferences at the Telelens page; turning
  # Place off there removes its highlights.
  read -r x y < <(center "$work/probe/page.json" 'page["gear"]') || true
  if [ -n "${x:-}" ]; then
    DISPLAY="$display" xdotool mousemove "$x" "$y" click 1
    sleep 3
    probe windows > "$work/probe/windows.txt"
    probe "widgets Evolution Preferences" > "$work/probe/prefs-widgets.txt"
    shoot prefs
    probe "click Place" > "$work/probe/click.txt"
    sleep 2
    probe dump > "$work/probe/page-no-place.json"
    probe "click Place" > /dev/null
    probe "close Evolution Preferences" > /dev/null
    sleep 1
  fi
  # Unloading Telelens leaves the page as Evolution drew it, and the next
  # article is left alone.
  probe "unload telelens" > "$work/probe/unload.txt"
  sleep 1.5
  probe dump > "$work/probe/page-unloaded.json"
  show_mid "$(printf '%s' e2-wirewatch | sha1sum | cut -d' ' -f1)@localhost" unloaded
  probe dump > "$work/probe/page-next.json"
  shoot unloaded
  ;;
mail)
  # The next mail is not about telecom security.
  wc -l < "$work/evolution.log" > "$work/probe/log-lines-before-offtopic.txt"
  show_mid off-topic-1@telelens.test
  probe dump > "$work/probe/page-offtopic.json"
  shoot offtopic
  ;;
hostile)
  read -r x y < <(center "$work/probe/page.json" \
    '[m for m in page["marks"] if m["text"] == "Zeta Networks" and m["rect"][2] > 0][0]["rect"]') || true
  if [ -n "${x:-}" ]; then
    DISPLAY="$display" xdotool mousemove "$x" "$y" click 1
    sleep 2
    shoot card
    probe dump > "$work/probe/page-card.json"
    DISPLAY="$display" xdotool key Escape
  fi
  ;;
esac
