#!/usr/bin/env bash
# "While you were away" in Spanish at 1024 px: a vigiad whose Telegram is
# unreachable (every send fails), two hours of status history, one failure
# resolved by another operator (ana), and a console that last saw the server
# three hours ago.
# Usage: bash scripts/screenshot-away.sh [BUILD_DIR] (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

work=$(mktemp -d)
trap 'kill ${pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
port=18767
. scripts/screenshot-common.sh
telegram_only_ini
bot=$(vigiad_token bot order-bot)
token=$(vigiad_token admin maria)
ana=$(vigiad_token support ana)
now_ms=$(($(date +%s) * 1000))
# Python's own sqlite3: the sqlite3 command is not among the packages the
# project installs (scripts/debian-packages.txt).
python3 - "$work/vigia.db" "$now_ms" <<'PY'
import sqlite3, sys
db, now = sqlite3.connect(sys.argv[1]), int(sys.argv[2])
db.executemany("INSERT INTO status_periods (started_ms, state, reason_code) VALUES (?, ?, ?)",
               [(now - 150 * 60000, "incommunicado", "total_loss"),
                (now - 110 * 60000, "critical", "total_loss"),
                (now - 95 * 60000, "online", "")])
db.commit()
PY
start_vigiad

post() {
    curl -sf -X POST "http://127.0.0.1:$port/v1/notifications" \
        -H "Authorization: Bearer $bot" -H 'Content-Type: application/json' -d "$1" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
first=$(post '{"channel":"telegram","recipient":"123456789","customer_name":"Ana Pérez","order_id":"PED-2042","type":"ORDER_RECEIVED","text":"Hola Ana, recibimos tu pedido PED-2042."}')
post '{"channel":"telegram","recipient":"223456789","customer_name":"Luis Rojas","order_id":"PED-2043","type":"PAYMENT_CONFIRMED","text":"Luis, confirmamos tu pago del pedido PED-2043."}' >/dev/null
wait_failed 2 "$token"
curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v1/notifications/$first/resolve" \
    -H "Authorization: Bearer $ana" -H 'Content-Type: application/json' \
    -d '{"method":"phone_call","note":"Llamé a la clienta"}'

# The console last saw this server three hours ago (AwayWatch::lastSeenKey).
mkdir -p "$work/config/vigia"
key=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="-._~").replace("%", "_"))' "http://127.0.0.1:$port")
seen=$(date -u -d '3 hours ago' +%Y-%m-%dT%H:%M:%S.000Z)
printf '[servers]\n%s\\last_seen=%s\n' "$key" "$seen" > "$work/config/vigia/vigia.conf"

mkdir -p docs/screenshots
XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" LANGUAGE=es LANG=es_US.UTF-8 VIGIA_TOKEN="$token" \
    xvfb-run -a -s "-screen 0 1024x768x24" \
    "$build/app/vigia" --server "http://127.0.0.1:$port" --tab failed -geometry 1024x700+0+0 \
    --screenshot docs/screenshots/away-es-1024.png
echo "wrote docs/screenshots/away-es-1024.png"
