#!/bin/sh
# A process may hold only one libsoup major: BINARY must link exactly MAJOR.
binary=$1; major=$2
# The whole closure counts: a library we link may pull in the other major.
found=$(ldd "$binary" | sed -n 's/.*\(libsoup-[0-9]\.[0-9]\)\.so.*/\1/p' | sort -u)
case "$major" in 2) want="libsoup-2.4" ;; *) want="libsoup-3.0" ;; esac
if [ "$found" = "$want" ]; then
  echo "1..1"; echo "ok 1 $binary links only $found"
else
  echo "1..1"; echo "not ok 1 $binary links: ${found:-nothing} (expected $want only)"
  exit 1
fi
