#!/usr/bin/env bash
# Renders the console as an operator sees it, under Xvfb, into docs/screenshots/:
# a vigiad whose WhatsApp gateway is down, a few failed orders, the console live.
# Usage: bash scripts/screenshot.sh [BUILD_DIR] (default build)
# VIGIA_SCREENSHOTS_ONLY=firstrun: only the first-run dialog pictures (no vigiad needed).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
command -v xvfb-run >/dev/null || { echo "needs xvfb (scripts/install-deps.sh)"; exit 1; }
command -v curl >/dev/null || apt-get install -y -qq curl >/dev/null

work=$(mktemp -d)
trap 'kill ${pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
# The console as a new user first sees it: no layout kept from earlier runs.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"

# A first run on a machine without a keychain (as under Xvfb), the token
# typed, and nothing listening at the address: the dialog says the
# connection was refused, in English and Spanish, at a laptop's 1024 px.
# A fresh home folder each, so no earlier choice shows.
mkdir -p docs/screenshots
firstrun() { # language file
    mkdir -p "$work/home-$1"
    HOME="$work/home-$1" XDG_CONFIG_HOME= VIGIA_NO_KEYCHAIN=1 VIGIA_TOKEN=typed-by-the-operator \
        LANGUAGE=$1 LANG=$1_US.UTF-8 xvfb-run -a -s "-screen 0 1024x768x24" \
        "$build/app/vigia" --first-run --server "http://127.0.0.1:9" -geometry 1024x640+0+0 \
        --screenshot "docs/screenshots/$2"
    echo "wrote docs/screenshots/$2"
}
firstrun en firstrun-refused-en-1024.png
firstrun es firstrun-refused-es-1024.png
[ "${VIGIA_SCREENSHOTS_ONLY:-}" = firstrun ] && exit 0
port=18765
. scripts/screenshot-common.sh
cat > "$work/vigiad.ini" <<INI
[server]
listen = 127.0.0.1:$port
[store]
sqlite = $work/vigia.db
[waha]
url = http://127.0.0.1:9   ; nothing listens there: every send and probe is refused
allow_unsigned_webhooks = true   ; a demo on loopback: nothing signs webhooks here
[admin]
contact = +58 424-0000000
[health]
probe_interval_ms = 300    ; quick probes and trial sends, so the demo settles in seconds
probe_timeout_ms = 300
[delivery]
backoff_initial_ms = 50
backoff_max_ms = 200
ack_timeout_s = 0
INI
"$build/service/vigiad" token add --config "$work/vigiad.ini" --role bot --name order-bot | tail -n 1 > "$work/bot"
token=$(vigiad_token admin maria)
start_vigiad

post() {
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v1/notifications" \
        -H "Authorization: Bearer $(cat "$work/bot")" -H 'Content-Type: application/json' -d "$1"
}
post '{"channel":"whatsapp","recipient":"+58 424-1234567","customer_name":"Ana Pérez","order_id":"PED-1042","type":"ORDER_RECEIVED","text":"Hola Ana, recibimos tu pedido PED-1042."}'
post '{"channel":"whatsapp","recipient":"+58 414-7654321","customer_name":"Luis Rojas","order_id":"PED-1043","type":"PAYMENT_CONFIRMED","text":"Luis, confirmamos tu pago del pedido PED-1043."}'
post '{"channel":"whatsapp","recipient":"+58 412-5550199","customer_name":"Carmen Díaz","order_id":"PED-1039","type":"ORDER_SHIPPED","text":"Carmen, tu pedido PED-1039 va en camino."}'
wait_failed 3 "$token"

# Someone in voice, a game party and a half-finished admin flow, for the sessions tab.
put() { # a refused one is said, and the pictures are still taken
    curl -s -o "$work/put.out" -w '%{http_code}' -X PUT "http://127.0.0.1:$port$1" \
        -H "Authorization: Bearer $(cat "$work/bot")" -H 'Content-Type: application/json' -d "$2" \
        | grep -q '^20' || echo "PUT $1 refused: $(cat "$work/put.out")" >&2
}
put /v1/sessions/voice/pino '{"user_id":"1001","username":"Pino","where":"General","confirmed":true,"entry_notified":true}'
put /v1/sessions/voice/luz '{"user_id":"1002","username":"Luz","where":"Música","confirmed":true,"entry_notified":true}'
put /v1/sessions/game/ana '{"user_id":"1003","username":"Ana","where":"Minecraft","confirmed":true}'
put /v1/sessions/party/among-7 '{"user_id":"pino","username":"Among Us #7","where":"Among Us","data":{"game":"Among Us","players":["pino","luz","ana","beto"]}}'
put /v1/conversations/admin-42/crear-tarifa '{"step":"duracion","data":{"precio":15},"ttl_seconds":900}'

mkdir -p docs/screenshots
shoot() { # language tab file
    LANGUAGE=$1 LANG=$1_US.UTF-8 VIGIA_TOKEN="$token" \
        xvfb-run -a -s "-screen 0 1280x800x24" \
        "$build/app/vigia" --server "http://127.0.0.1:$port" --tab "$2" --screenshot "docs/screenshots/$3"
    echo "wrote docs/screenshots/$3"
}
shoot en failed console.png
shoot es failed console-es.png
# The details pane beside the Failed table (the first failure selected), in
# English and, at a laptop's 1024 px, in Spanish.
shoot en failed details.png
LANGUAGE=es LANG=es_US.UTF-8 VIGIA_TOKEN="$token" \
    xvfb-run -a -s "-screen 0 1024x768x24" \
    "$build/app/vigia" --server "http://127.0.0.1:$port" --tab failed -geometry 1024x640+0+0 --screenshot docs/screenshots/details-es-1024.png
echo "wrote docs/screenshots/details-es-1024.png"
shoot en incidents incidents.png
shoot es sessions sessions-es.png

# Another operator (support, "Luis") says they are handling the selected
# failure: the row and the details pane show who and until when, and the
# buttons to take it are off for maria.
luis=$(vigiad_token support Luis)
carmen=$(curl -sf "http://127.0.0.1:$port/v1/notifications?state=failed&q=PED-1039" -H "Authorization: Bearer $token" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v1/notifications/$carmen/claim" \
    -H "Authorization: Bearer $luis" -H 'Content-Type: application/json' -d '{"minutes":45}' \
    || echo "the claim on PED-1039 was refused" >&2
LANGUAGE=es LANG=es_US.UTF-8 VIGIA_TOKEN="$token" \
    xvfb-run -a -s "-screen 0 1024x768x24" \
    "$build/app/vigia" --server "http://127.0.0.1:$port" --tab failed -geometry 1024x640+0+0 --screenshot docs/screenshots/claimed-es-1024.png
echo "wrote docs/screenshots/claimed-es-1024.png"

# The outage holds what the bot sends now: one trial at a time, so these wait
# (the Waiting tab), and the banner counts them with the failed orders.
post '{"channel":"whatsapp","recipient":"+58 424-2223344","customer_name":"Rosa Gil","order_id":"PED-1060","type":"ORDER_RECEIVED","text":"Rosa, recibimos tu pedido PED-1060."}'
post '{"channel":"whatsapp","recipient":"+58 414-3334455","customer_name":"Pedro Lara","order_id":"PED-1061","type":"ORDER_RECEIVED","text":"Pedro, recibimos tu pedido PED-1061."}'
post '{"channel":"whatsapp","recipient":"+58 412-4445566","customer_name":"Inés Mora","order_id":"PED-1062","type":"PAYMENT_CONFIRMED","text":"Inés, confirmamos tu pago del pedido PED-1062."}'
post '{"channel":"whatsapp","recipient":"+58 424-5556677","customer_name":"Pino","type":"VOICE_LEAVE","text":"Pino salió del canal de voz."}'
post '{"channel":"whatsapp","recipient":"+58 416-6667788","customer_name":"Tomás Ruiz","order_id":"PED-1063","type":"ORDER_SHIPPED","text":"Tomás, tu pedido PED-1063 va en camino."}'
post '{"channel":"whatsapp","recipient":"+58 424-7778899","customer_name":"Luz Vera","order_id":"PED-1064","type":"ORDER_RECEIVED","text":"Luz, recibimos tu pedido PED-1064."}'
for _ in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$port/v1/status" -H "Authorization: Bearer $token" | grep -Eq '"waiting": ?\{"count": ?[3-9]' && break
    sleep 0.1
done
LANGUAGE=es LANG=es_US.UTF-8 VIGIA_TOKEN="$token" \
    xvfb-run -a -s "-screen 0 1024x768x24" \
    "$build/app/vigia" --server "http://127.0.0.1:$port" --tab waiting -geometry 1024x640+0+0 --screenshot docs/screenshots/waiting-es-1024.png
echo "wrote docs/screenshots/waiting-es-1024.png"
shoot en waiting waiting.png

# A first install: WAHA delivers, but its webhooks do not reach vigiad yet,
# so no ack ever arrives. The console says so, in Spanish, at 1024 px.
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
python3 scripts/demo_waha.py 18767 &
waha_pid=$!
trap 'kill ${pid:-0} ${waha_pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:18767/ping" >/dev/null && break; sleep 0.1; done
sed -i -e 's|^url = .*|url = http://127.0.0.1:18767|' -e 's|^ack_timeout_s = .*|ack_timeout_s = 1|' \
    -e "s|^sqlite = .*|sqlite = $work/acks.db|" "$work/vigiad.ini"
"$build/service/vigiad" token add --config "$work/vigiad.ini" --role bot --name order-bot | tail -n 1 > "$work/bot"
token=$(vigiad_token admin maria)
start_vigiad
post '{"channel":"whatsapp","recipient":"+58 424-1234567","customer_name":"Ana Pérez","order_id":"PED-1050","type":"ORDER_RECEIVED","text":"Hola Ana, recibimos tu pedido PED-1050."}'
post '{"channel":"whatsapp","recipient":"+58 414-7654321","customer_name":"Luis Rojas","order_id":"PED-1051","type":"ORDER_RECEIVED","text":"Luis, recibimos tu pedido PED-1051."}'
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/v1/status" -H "Authorization: Bearer $token" | grep -q '"unconfirmed":2' && break
    sleep 0.1
done
LANGUAGE=es LANG=es_US.UTF-8 VIGIA_TOKEN="$token" \
    xvfb-run -a -s "-screen 0 1024x768x24" \
    "$build/app/vigia" --server "http://127.0.0.1:$port" --tab failed -geometry 1024x640+0+0 --screenshot docs/screenshots/acks-not-wired-es.png
echo "wrote docs/screenshots/acks-not-wired-es.png"

# Without WhatsApp (Telegram only): the gateway indicator says it is off, and
# the Failed list names each type in Spanish.
kill "$pid" "$waha_pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
bash scripts/screenshot-whatsapp-off.sh "$build"
# A day of history on the Charts tab, and "While you were away" after 3 h.
bash scripts/screenshot-charts.sh "$build"
bash scripts/screenshot-away.sh "$build"
