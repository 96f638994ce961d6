#!/usr/bin/env bash
# A vigiad without WhatsApp ([waha] enabled = false, Telegram only) whose
# Telegram is unreachable: the console in Spanish at 1024 px, with the gateway
# indicator saying WhatsApp is off and the Failed list naming each type (an
# unknown one, STOCK_LOW, as it came; the newest, selected, with its code).
# Usage: bash scripts/screenshot-whatsapp-off.sh [BUILD_DIR] (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

work=$(mktemp -d)
trap 'kill ${pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
port=18766
. scripts/screenshot-common.sh
telegram_only_ini
bot=$(vigiad_token bot order-bot)
token=$(vigiad_token admin maria)
start_vigiad

post() {
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v1/notifications" \
        -H "Authorization: Bearer $bot" -H 'Content-Type: application/json' -d "$1"
}
post '{"channel":"telegram","recipient":"423456789","customer_name":"Rosa Gil","order_id":"PED-2044","type":"STOCK_LOW","text":"Rosa, queda poco de lo que pediste."}'
post '{"channel":"telegram","recipient":"123456789","customer_name":"Ana Pérez","order_id":"PED-2042","type":"ORDER_RECEIVED","text":"Hola Ana, recibimos tu pedido PED-2042."}'
post '{"channel":"telegram","recipient":"223456789","customer_name":"Luis Rojas","order_id":"PED-2043","type":"PAYMENT_CONFIRMED","text":"Luis, confirmamos tu pago del pedido PED-2043."}'
post '{"channel":"telegram","recipient":"323456789","customer_name":"Pino","type":"VOICE_LEAVE","text":"Pino salió del canal de voz."}'
post '{"channel":"telegram","recipient":"@tienda_pedidos","customer_name":"Carmen Díaz","order_id":"PED-2039","type":"ORDER_SHIPPED","text":"Carmen, tu pedido PED-2039 va en camino."}'
wait_failed 5 "$token"

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
