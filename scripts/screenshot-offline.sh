#!/usr/bin/env bash
# Renders the console with an action kept offline, in Spanish at 1024 px,
# into docs/screenshots/offline-pending-es-1024.png: the console sees
# `vigiad --demo` live during its first outage (and keeps its local
# snapshot on quit), vigiad stops, a "mark contacted" is kept in the local
# file as the Failed tab's button would keep it, and the console starts
# again: it paints from the snapshot, "as of", with the action pending.
# Usage: bash scripts/screenshot-offline.sh [BUILD_DIR] (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
command -v xvfb-run >/dev/null || { echo "needs xvfb (scripts/install-deps.sh)"; exit 1; }

port=${VIGIA_DEMO_PORT:-18793}
work=$(mktemp -d)
trap 'kill ${pid:-0} 2>/dev/null || true; wait ${pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"

QT_LOGGING_RULES="vigia.*.info=false" "$build/service/vigiad" --demo \
    --listen "127.0.0.1:$port" --token-file "$work/token" >"$work/vigiad.out" &
pid=$!
for _ in $(seq 1 100); do [ -s "$work/token" ] && break; sleep 0.1; done
token=$(cat "$work/token")
started=$(date +%s)
at() { local left=$(( $1 - ($(date +%s) - started) )); [ "$left" -le 0 ] || sleep "$left"; }

console() { # file
    LANGUAGE=es LANG=es_US.UTF-8 VIGIA_TOKEN="$token" VIGIA_NO_KEYCHAIN=1 \
        xvfb-run -a -s "-screen 0 1024x768x24" \
        "$build/app/vigia" --server "http://127.0.0.1:$port" --tab failed -geometry 1024x640+0+0 \
        --screenshot "$1" --screenshot-delay 800
}
# The gateway goes down 30 s in: failures to contact by hand.
at 38
console "$work/live.png"
kill "$pid"; wait "$pid" 2>/dev/null || true
file=$(ls "$XDG_DATA_HOME"/vigia/vigia/snapshots/*.sqlite)
# What the Failed tab's Mark contacted keeps while the link is down.
python3 - "$file" <<'PY'
import sqlite3, sys, json, time
db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT json FROM rows WHERE list = 0 ORDER BY pos LIMIT 1 OFFSET 1").fetchone()
n = json.loads(row[0])
db.execute("INSERT INTO pending (notification_id, order_id, method, note, queued_ms)"
           " VALUES (?, ?, 'phone_call', 'Llamé y confirmó la dirección', ?)",
           (n["id"], n.get("order_id", ""), int(time.time() * 1000)))
db.commit()
PY
mkdir -p docs/screenshots
console docs/screenshots/offline-pending-es-1024.png
echo "wrote docs/screenshots/offline-pending-es-1024.png"
