#!/usr/bin/env bash
# A throwaway PostgreSQL for trying and testing a team index: a cluster of
# its own in DIR, reachable only through a Unix socket in DIR (no TCP).
#
#   bash tools/pg-cluster.sh start DIR     initdb (first time), start; prints the --store URL
#   bash tools/pg-cluster.sh stop DIR      stop it (DIR stays; start again later)
#   bash tools/pg-cluster.sh restart DIR   stop, then start (the tests' fault)
#   bash tools/pg-cluster.sh createdb DIR NAME   one more empty database; prints its URL
#   bash tools/pg-cluster.sh destroy DIR   stop it (immediately) and remove DIR
#
# The server's programs come from `pg_config --bindir` (Debian: the server
# package's /usr/lib/postgresql/NN/bin), else the newest
# /usr/lib/postgresql/*/bin. PostgreSQL refuses to run as root: run as root
# (CI), the cluster belongs to TELELENS_PG_USER (default `nobody`), and
# initdb and the server run as that user (runuser); DIR is made theirs,
# mode 0700. The database `telelens` (UTF-8) is made on first start, with
# local trust authentication: only who can reach the socket in DIR (its
# owner, and root) can connect.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: pg-cluster.sh start|stop|restart|destroy DIR | createdb DIR NAME" >&2
  exit 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
  bindir=$(pg_config --bindir)
else
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-cluster: no PostgreSQL server found (install the postgresql package)" >&2
  exit 1
fi

as_owner=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  owner=${TELELENS_PG_USER:-nobody}
  as_owner=(runuser -u "$owner" --)
  chown "$owner" "$dir"
  if ! "${as_owner[@]}" test -x "$dir"; then
    echo "pg-cluster: $owner cannot reach $dir (a folder above it is private); use a folder such as \$(mktemp -d)" >&2
    exit 1
  fi
fi
chmod 0700 "$dir"
data="$dir/data"
log="$dir/server.log"

start() {
  if [ ! -f "$data/PG_VERSION" ]; then
    "${as_owner[@]}" "$bindir/initdb" -D "$data" -E UTF8 --locale=C --auth=trust -U "$owner" >"$dir/initdb.log" 2>&1 || {
      echo "pg-cluster: initdb failed; see $dir/initdb.log" >&2
      exit 1
    }
  fi
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=on" start >/dev/null || {
    echo "pg-cluster: the server did not start; see $log" >&2
    exit 1
  }
  if ! "${as_owner[@]}" "$bindir/psql" -h "$dir" -U "$owner" -d postgres -Atqc \
       "SELECT 1 FROM pg_database WHERE datname = 'telelens'" | grep -q 1; then
    "${as_owner[@]}" "$bindir/createdb" -h "$dir" -U "$owner" -E UTF8 -T template0 telelens
  fi
  echo "postgresql:///telelens?host=$dir&user=$owner"
}

stop() {
  if [ -f "$data/postmaster.pid" ]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -w -t 60 -m fast stop >/dev/null
  fi
}

createdb() {
  local name=${3:-}
  case "$name" in
    ''|*[!a-z0-9_]*) echo "pg-cluster: a database name is lowercase letters, digits and _" >&2; exit 2 ;;
  esac
  "${as_owner[@]}" "$bindir/createdb" -h "$dir" -U "$owner" -E UTF8 -T template0 "$name"
  echo "postgresql:///$name?host=$dir&user=$owner"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  createdb) createdb "$@" ;;
  destroy)
    if [ -f "$data/postmaster.pid" ]; then
      "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -w -t 60 -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir" ;;
  *) echo "usage: pg-cluster.sh start|stop|restart|destroy DIR | createdb DIR NAME" >&2; exit 2 ;;
esac
