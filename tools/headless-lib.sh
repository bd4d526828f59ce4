# headless-lib.sh — sourced by tools/liferea-headless.sh and
# tools/evolution-headless.sh (and so available to the ACTIONS file they
# source): what both harnesses do the same way. Uses $work and $display.

# tl_xvfb_start WORK GEOMETRY NAME
#   Starts Xvfb on a display it picks itself (no collisions with another
#   run on the same machine); sets $display (":N") and $xvfb_pid, Xvfb's
#   output in WORK/xvfb.log. Waits up to 30 s (a loaded machine can take
#   well over 10); on failure prints one line naming NAME, the load and the
#   log, stops Xvfb and returns 1.
tl_xvfb_start () {
  local work=$1 geometry=$2 name=$3
  exec 5> "$work/display.txt"
  Xvfb -displayfd 5 -screen 0 "$geometry" > "$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  exec 5>&-
  for _ in $(seq 300); do [ -s "$work/display.txt" ] && break; sleep 0.1; done
  if [ ! -s "$work/display.txt" ]; then
    echo "$name: Xvfb gave no display within 30 s (load $(cut -d' ' -f1-3 /proc/loadavg); $work/xvfb.log)" >&2
    kill "$xvfb_pid" 2>/dev/null || true
    return 1
  fi
  display=":$(head -1 "$work/display.txt" | tr -d '[:space:]')"
}

# tl_probe_ask COMMAND: the test probe's answer to one command (PROBE_DIR
# set), written to $work/probe/cmd (renamed into place, so the probe never
# reads half a line); returns 1 when no answer came within 10 s.
tl_probe_ask () {
  local d="$work/probe"
  rm -f "$d/out"
  printf '%s\n' "$1" > "$d/cmd.tmp" && mv "$d/cmd.tmp" "$d/cmd"
  for _ in $(seq 100); do
    [ -f "$d/out" ] && { cat "$d/out"; return 0; }
    sleep 0.1
  done
  return 1
}

# probe COMMAND: as tl_probe_ask, or a JSON error the checks can read.
probe () {
  tl_probe_ask "$1" || echo '{"error": "the probe did not answer"}'
}

# center DUMP PYTHON-EXPR-FOR-RECT: screen coordinates of the centre of a
# rectangle in a page dump.
center () {
  python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
x, y, w, h = eval(sys.argv[2], {"page": d["page"]})
print(d["origin"][0] + x + w // 2, d["origin"][1] + y + h // 2)
PY
}

# shoot NAME: a screenshot of the whole screen to $work/probe/NAME.png.
shoot () { DISPLAY="$display" import -window root "$work/probe/$1.png"; }
