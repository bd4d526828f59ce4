#!/usr/bin/env bash
# Stops the `telelens serve` of one index, and no other process.
#   tools/stop-index.sh [DB]     (default: $XDG_DATA_HOME/telelens/index.db)
# serve writes its pid to DB.pid and holds a lock on it while it runs; this
# stops that pid only if it is a telelens serve, and waits until it is gone.
# Exit status: 0 stopped, 1 nothing was running, 2 it would not stop.
set -uo pipefail
db=${1:-${XDG_DATA_HOME:-$HOME/.local/share}/telelens/index.db}
pidfile="$db.pid"
[ -f "$pidfile" ] || { echo "No index service for $db (no $pidfile)"; exit 1; }
pid=$(head -c 32 "$pidfile" | tr -cd '0-9')
if [ -z "$pid" ] || [ ! -r "/proc/$pid/cmdline" ] ||
   ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "telelens serve"; then
  echo "No index service for $db (stale $pidfile)"
  exit 1
fi
kill -TERM "$pid" 2>/dev/null || { echo "Could not stop process $pid"; exit 2; }
for _ in $(seq 50); do
  kill -0 "$pid" 2>/dev/null || { echo "Stopped the local index (process $pid)"; exit 0; }
  sleep 0.1
done
echo "Process $pid did not stop within 5 s"
exit 2
