# e2e-lib.sh — sourced by the end-to-end tests (test-liferea-e2e.sh,
# test-evolution-e2e.sh): TAP output and reading the probe's page dumps.
tap=0; fail=0
# ok TEXT / bad TEXT: one TAP line; check TEXT SHELL-CONDITION: ok or bad.
ok() { tap=$((tap + 1)); echo "ok $tap $1"; }
bad() { tap=$((tap + 1)); fail=1; echo "not ok $tap $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
# page DUMP EXPR: evaluates a Python expression over a page read back from
# WebKit (`page`); exits non-zero if it is false or the dump unreadable.
page() {
  python3 - "$1" "$2" <<'PY'
import json, sys
try:
    page = json.load(open(sys.argv[1]))["page"]
except Exception as e:
    print(f"# no page dump: {e}"); sys.exit(2)
v = eval(sys.argv[2], {"page": page})
sys.exit(0 if v else 1)
PY
}
# types DUMP: the highlight types in a dump; nmarks DUMP: how many.
types() { python3 -c 'import json,sys; print(" ".join(sorted({m["type"] for m in json.load(open(sys.argv[1]))["page"]["marks"]})))' "$1" 2>/dev/null; }
nmarks() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["page"]["marks"]))' "$1" 2>/dev/null || echo 0; }
