#!/usr/bin/env bash
# A vigiad without WhatsApp ([waha] enabled = false, Telegram only) whose
# Telegram is unreachable: the console in Spanish at 1024 px, with the gateway
# indicator saying WhatsApp is off and the Failed list naming each type (an
# unknown one, STOCK_LOW, as it came; the newest, selected, with its code).
# Usage: bash scripts/screenshot-whatsapp-off.sh [BUILD_DIR] (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
command -v xvfb-run >/dev/null || { echo "needs xvfb (scripts/install-deps.sh)"; exit 1; }

work=$(mktemp -d)
trap 'kill ${pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
port=18766
cat > "$work/vigiad.ini" <<INI
[server]
listen = 127.0.0.1:$port
[store]
sqlite = $work/vigia.db
[waha]
enabled = false
[telegram]
api_url = http://127.0.0.1:9   ; nothing listens there: every send is refused
bot_token = 123456:demo
[delivery]
backoff_initial_ms = 50
backoff_max_ms = 200
INI
bot=$("$build/service/vigiad" token add --config "$work/vigiad.ini" --role bot --name order-bot | tail -n 1)
token=$("$build/service/vigiad" token add --config "$work/vigiad.ini" --role admin --name maria | tail -n 1)
QT_LOGGING_RULES="vigia.*.info=false" "$build/service/vigiad" --config "$work/vigiad.ini" &
pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

post() {
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v1/notifications" \
        -H "Authorization: Bearer $bot" -H 'Content-Type: application/json' -d "$1"
}
post '{"channel":"telegram","recipient":"423456789","customer_name":"Rosa Gil","order_id":"PED-2044","type":"STOCK_LOW","text":"Rosa, queda poco de lo que pediste."}'
post '{"channel":"telegram","recipient":"123456789","customer_name":"Ana Pérez","order_id":"PED-2042","type":"ORDER_RECEIVED","text":"Hola Ana, recibimos tu pedido PED-2042."}'
post '{"channel":"telegram","recipient":"223456789","customer_name":"Luis Rojas","order_id":"PED-2043","type":"PAYMENT_CONFIRMED","text":"Luis, confirmamos tu pago del pedido PED-2043."}'
post '{"channel":"telegram","recipient":"323456789","customer_name":"Pino","type":"VOICE_LEAVE","text":"Pino salió del canal de voz."}'
post '{"channel":"telegram","recipient":"@tienda_pedidos","customer_name":"Carmen Díaz","order_id":"PED-2039","type":"ORDER_SHIPPED","text":"Carmen, tu pedido PED-2039 va en camino."}'
for _ in $(seq 1 150); do
    failed=$(curl -sf "http://127.0.0.1:$port/v1/queue/stats" -H "Authorization: Bearer $token" | grep -o '"failed":[0-9]*' | head -1 | cut -d: -f2)
    [ "${failed:-0}" -ge 5 ] && break
    sleep 0.1
done

mkdir -p docs/screenshots
LANGUAGE=es LANG=es_US.UTF-8 VIGIA_TOKEN="$token" \
    xvfb-run -a -s "-screen 0 1024x768x24" \
    "$build/app/vigia" --server "http://127.0.0.1:$port" --tab failed -geometry 1024x640+0+0 \
    --screenshot docs/screenshots/whatsapp-off-es-1024.png
echo "wrote docs/screenshots/whatsapp-off-es-1024.png"
LANGUAGE=en LANG=en_US.UTF-8 VIGIA_TOKEN="$token" \
    xvfb-run -a -s "-screen 0 1024x768x24" \
    "$build/app/vigia" --server "http://127.0.0.1:$port" --tab failed -geometry 1024x640+0+0 \
    --screenshot docs/screenshots/whatsapp-off-1024.png
echo "wrote docs/screenshots/whatsapp-off-1024.png"
