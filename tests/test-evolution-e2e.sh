#!/usr/bin/env bash
# End to end with the real Evolution under Xvfb: the Telelens module,
# installed per user, decorates the feed article or message Evolution shows,
# and gets related coverage from a real `telelens serve` on 127.0.0.1 port 0.
# What the reader sees is read back from WebKit (the top document and each
# part's iframe) by a separate test-only module (tests/evolution-probe), not
# taken from Telelens's own log; clicks are real X events (xdotool).
#   test-evolution-e2e.sh SOURCE_ROOT BUILD_ROOT
set -uo pipefail
src=$1; build=$2
work=$(mktemp -d -t telelens-evo-e2e-XXXXXX)
. "$src/tests/e2e-lib.sh"
run() {  # run NAME STEP [VAR=VALUE...]: Evolution with Telelens and the probe
  local name=$1 step=$2; shift 2
  env TOKEN_FILE="$work/token" "$@" E2E_STEP="$step" ACTIONS="$src/tests/evolution-e2e-actions.sh" \
    PROBE_DIR="$build/tests" bash "$src/tools/evolution-headless.sh" "$work/$name" 40 "$build/plugin/evolution" \
    "http://127.0.0.1:$port" > "$work/$name.out" 2>&1
  local rc=$?
  [ "$rc" = 0 ] || { echo "# evolution-headless ($name) failed:"; sed 's/^/#   /' "$work/$name.out"; }
}
no_warnings='! grep -E "telelens-(CRITICAL|WARNING)|CRITICAL.*telelens|Telelens (could not|cannot|skipped)" "$log"'
tel="$build/plugin/cli/telelens"
ndocs() { sqlite3 "$work/index.db" "select count(*) from documents" 2>/dev/null || echo "?"; }
echo "1..30"

"$tel" import jsonl --db "$work/index.db" "$src/data/demo/stories.jsonl" >/dev/null
"$tel" serve --db "$work/index.db" --port 0 --token-file "$work/token" > "$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 50); do grep -q "127.0.0.1:" "$work/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.log" | head -1)
docs_before=$(ndocs)

# 1. A feed article from News and Blogs, index up: highlights, panel,
#    statements, related links; a click opens the card; the gear opens the
#    Telelens page of Evolution's Preferences, where turning Person off
#    removes person highlights; unloading leaves nothing behind.
run up up
log="$work/up/evolution.log"; p="$work/up/probe"
check "the article shows highlights ($(nmarks "$p/page.json") marks: $(types "$p/page.json"))" \
  'page "$p/page.json" "len(page[\"marks\"]) >= 5 and all(m[\"text\"].strip() for m in page[\"marks\"])"'
check "highlights are inside the article's iframe, on screen" \
  'page "$p/page.json" "page[\"frames\"] >= 1 and sum(1 for m in page[\"marks\"] if m[\"rect\"][2] > 0 and m[\"rect\"][3] > 0) >= 5"'
check "the page shows the panel with the topic and the sources" \
  'page "$p/page.json" "page[\"panel\"] and \"Telecom security\" in page[\"panel\"] and \"statement\" in page[\"panel\"]"'
check "statements are marked in the article" 'page "$p/page.json" "page[\"statements\"] >= 1"'
check "the panel links related coverage from the index" \
  'page "$p/page.json" "len(page[\"links\"]) >= 1 and all(l[\"href\"].startswith(\"http\") for l in page[\"links\"])"'
diff=$(compare -metric AE "$p/before-card.png" "$p/card.png" null: 2>&1 | sed 's/[^0-9].*//')
check "clicking a highlight opens the card (${diff:-0} pixels changed)" '[ "${diff:-0}" -ge 20000 ]'
check "the card opens for the highlight clicked, with the focus and no tooltip over it ($(cat "$p/tooltips-card.txt" 2>/dev/null) showing)" \
  'grep -qx 0 "$p/tooltips-card.txt" && page "$p/page-card.json" "page[\"card\"] and \"In this story:\" in page[\"card\"] and page[\"card_has_focus\"] and page[\"titles\"] == 0 and any(m[\"text\"] in page[\"card\"] for m in page[\"marks\"])"'
# Whole on screen: inside the message's frame (Evolution sizes each part's
# iframe to its content) and inside the view.
check "the whole card is on screen ($(python3 -c 'import json,sys; p = json.load(open(sys.argv[1]))["page"]; print("card", p["card_rect"], "frame", p["card_frame"], "view", p["view"])' "$p/page-card.json" 2>/dev/null))" \
  'page "$p/page-card.json" "(lambda c, f, v: c[2] > 100 and c[3] > 60 and c[0] >= 0 and c[1] >= 0 and c[0] + c[2] <= v[0] and c[1] + c[3] <= v[1] and (f is None or (f[0] <= c[0] and f[1] <= c[1] and c[0] + c[2] <= f[0] + f[2] and c[1] + c[3] <= f[1] + f[3])))(page[\"card_rect\"], page[\"card_frame\"], page[\"view\"])"'
check "the card lists coverage from the index" 'page "$p/page-card.json" "\"Coverage that mentions it\" in page[\"card\"]"'
check "Esc closes the card and gives the focus back to its highlight" \
  'page "$p/page-card-closed.json" "page[\"card\"] is None and page[\"focus\"] and page[\"focus\"].get(\"mark\") and page[\"titles\"] > 0"'
check "a script of the message cannot read the panel ($(cat "$p/peek.txt" 2>/dev/null))" \
  'python3 -c "import json,sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d[\"hosts\"] >= 1 and d[\"found\"] == [] else 1)" "$p/peek.txt"'
check "the gear opens Evolution's Preferences at the Telelens page" \
  'grep -qx "Evolution Preferences" "$p/windows.txt" && grep -q "^label: Your own names to highlight" "$p/prefs-widgets.txt"'
check "turning Place off there removes place highlights ($(types "$p/page-no-place.json"))" \
  'page "$p/page.json" "any(m[\"type\"] == \"place\" for m in page[\"marks\"])" &&
   page "$p/page-no-place.json" "page[\"marks\"] and not any(m[\"type\"] == \"place\" for m in page[\"marks\"])"'
check "unloading Telelens removes everything it added to the page" \
  'grep -qx unloaded "$p/unload.txt" && page "$p/page-unloaded.json" "page[\"tl_nodes\"] == 0 and page[\"panel\"] is None"'
check "after unloading, the next article is left alone" \
  'python3 -c "import json,sys; a, b = (json.load(open(f))[\"page\"] for f in sys.argv[1:]); sys.exit(0 if b[\"tl_nodes\"] == 0 and b[\"body\"] != a[\"body\"] and \"Huawei\" in b[\"body\"] else 1)" "$p/page-unloaded.json" "$p/page-next.json"'
check "no critical warnings from Telelens" "$no_warnings"
check "a screenshot of the annotated article exists" '[ -s "$work/up/shot.png" ]'
for f in shot:article probe/card:card probe/prefs:prefs probe/unloaded:unloaded; do
  cp "$work/up/${f%%:*}.png" "$build/evolution-e2e-${f##*:}.png" 2>/dev/null || true
done
times=$(sed -n 's/.*highlights \([0-9.]*\) ms after load-finished.*/\1/p' "$log" | sort -n)
[ -n "$times" ] && echo "# content-loaded (settled) to highlights: $(echo "$times" | tr '\n' ' ')ms"

# 2. The hostile feed (script in its title, body, link and an iframe) and a
#    watch-list entity whose name carries HTML: nothing runs.
#    The index is down here, and "Start the local index" on: the module
#    starts it once (a stand-in telelens first on
#    Evolution's PATH records each start).
mkdir -p "$work/bin"
printf '#!/bin/sh\necho "$*" >> "$TELELENS_PROBE/spawned.txt"\n' > "$work/bin/telelens"
chmod +x "$work/bin/telelens"
down=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
port_up=$port; port=$down
run hostile hostile HOSTILE=1 WATCH_LIST="$src/tests/data/watchlist-hostile.json" START_INDEX=true PATH_PREPEND="$work/bin"
port=$port_up
log="$work/hostile/evolution.log"; p="$work/hostile/probe"
check "the hostile article is decorated ($(nmarks "$p/page.json") marks)" 'page "$p/page.json" "len(page[\"marks\"]) >= 3"'
check "no script from the hostile article ran" 'page "$p/page.json" "page[\"pwned_nodes\"] == 0 and page[\"pwned\"] is None"'
check "the watch-list entity is highlighted" \
  'page "$p/page.json" "any(m[\"text\"] == \"Zeta Networks\" and m[\"type\"] == \"vendor\" for m in page[\"marks\"])"'
check "after its card is opened, still no script has run" 'page "$p/page-card.json" "page[\"pwned_nodes\"] == 0"'
check "with the index down, the module starts it once ($(head -1 "$p/spawned.txt" 2>/dev/null))" \
  '[ "$(grep -c . "$p/spawned.txt" 2>/dev/null)" = 1 ] && grep -qx "serve --watch-evolution --port $down" "$p/spawned.txt"'
check "no critical warnings from Telelens" "$no_warnings"
cp "$work/hostile/probe/card.png" "$build/evolution-e2e-hostile.png" 2>/dev/null || true

# 3. Personal mail (a local Maildir): one about telecom security is
#    decorated and related coverage is asked for, but the index keeps none
#    of it; the next, not about telecom security, stays exactly as Evolution
#    drew it, and its text goes nowhere.
run mail mail MESSAGE="$src/tests/data/evolution/mail-on-topic.eml:$src/tests/data/evolution/mail-off-topic.eml"
log="$work/mail/evolution.log"; p="$work/mail/probe"
check "a mail about telecom security is decorated ($(nmarks "$p/page.json") marks)" \
  'page "$p/page.json" "len(page[\"marks\"]) >= 3 and page[\"panel\"] and \"Telecom security\" in page[\"panel\"]"'
check "its text was sent for related coverage" 'grep -q "related coverage:" "$log"'
found=$("$tel" search --db "$work/index.db" Quillfeather 2>/dev/null |
        python3 -c 'import json,sys; print(len(json.load(sys.stdin)["results"]))' 2>/dev/null || echo "?")
check "the index kept nothing of the mail ($(ndocs) stories, $docs_before before; its codeword found ${found} times)" \
  '[ "$(ndocs)" = "$docs_before" ] && [ "$found" = 0 ] && ! grep -q Quillfeather "$work/index.db" "$work/serve.log"'
cp "$work/mail/shot.png" "$build/evolution-e2e-mail.png" 2>/dev/null || true
after=$(( $(cat "$p/log-lines-before-offtopic.txt" 2>/dev/null || echo 0) + 1 ))
check "the off-topic mail is shown" 'page "$p/page-offtopic.json" "\"lemon cake\" in page[\"body\"]"'
check "the off-topic mail is untouched: no highlight, no panel" \
  'page "$p/page-offtopic.json" "page[\"tl_nodes\"] == 0 and page[\"panel\"] is None" &&
   tail -n +"$after" "$log" | grep -q "left untouched"'
check "no related-coverage query was made for it" '! tail -n +"$after" "$log" | grep -q "related coverage:"'
cp "$p/offtopic.png" "$build/evolution-e2e-offtopic.png" 2>/dev/null || true

check "libtelelens-evolution.so exports only e_module_load and e_module_unload" \
  '[ "$(nm -D --defined-only "$build/plugin/evolution/libtelelens-evolution.so" | grep " T " | sed "s/.* T //" | sort | tr "\n" " ")" = "e_module_load e_module_unload " ]'

kill "$serve" 2>/dev/null; wait "$serve" 2>/dev/null
[ "$fail" = 0 ] && rm -rf "$work" || echo "# kept $work"
exit $fail
