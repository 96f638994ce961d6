#!/usr/bin/env bash
# Server profiles and the settings dialog in Spanish at 1024 px: two vigiad
# on loopback (the first with failed notifications, the second just
# started), a console with a profile for each and their tokens in the token
# file; File → Servidor opened with xdotool, then File → Configuración…
# Usage: bash scripts/screenshot-profiles.sh [BUILD_DIR] (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
command -v xdotool >/dev/null && command -v import >/dev/null \
    || { echo "needs xdotool and imagemagick"; exit 1; }

root=$(mktemp -d)
trap 'kill ${pid_a:-0} ${pid_b:-0} 2>/dev/null || true; rm -rf "$root"' EXIT

# The first vigiad: Telegram unreachable, so what is sent fails.
work=$root/a port=18771
mkdir -p "$work"
. scripts/screenshot-common.sh
telegram_only_ini
bot=$(vigiad_token bot order-bot)
token_a=$(vigiad_token admin maria)
start_vigiad
pid_a=$pid
for order in 2042 2043; do
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v1/notifications" \
        -H "Authorization: Bearer $bot" -H 'Content-Type: application/json' \
        -d "{\"channel\":\"telegram\",\"recipient\":\"12345$order\",\"customer_name\":\"Cliente $order\",\"order_id\":\"PED-$order\",\"type\":\"ORDER_RECEIVED\",\"text\":\"Recibimos tu pedido PED-$order.\"}"
done
wait_failed 2 "$token_a"

# The second: just started, nothing sent yet.
work=$root/b port=18772
mkdir -p "$work"
telegram_only_ini
token_b=$(vigiad_token viewer maria)
start_vigiad
pid_b=$pid

config=$root/config
mkdir -p "$config/vigia/vigia"
cat > "$config/vigia/vigia.conf" <<CONF
[connection]
activeProfile=prod
server=http://127.0.0.1:18771
token_storage=file

[profiles]
1\\key=prod
1\\name=Producción
1\\url=http://127.0.0.1:18771
2\\key=pruebas
2\\name=Pruebas
2\\url=http://127.0.0.1:18772
size=2
CONF
printf '{"http://127.0.0.1:18771": "%s", "http://127.0.0.1:18772": "%s"}\n' "$token_a" "$token_b" \
    > "$config/vigia/vigia/token.json"
chmod 600 "$config/vigia/vigia/token.json"

mkdir -p docs/screenshots
out=$PWD/docs/screenshots
XDG_CONFIG_HOME="$config" LANGUAGE=es LANG=es_US.UTF-8 \
    xvfb-run -a -s "-screen 0 1024x768x24" bash -c '
        "$0" -geometry 1024x700+0+0 &
        app=$!
        win=$(timeout 20 xdotool search --sync --onlyvisible --class vigia | tail -n 1)
        sleep 4  # the live data, and the other profile answering its watcher
        xdotool windowfocus "$win"
        xdotool key alt+a
        sleep 0.5
        xdotool key v
        sleep 0.8
        import -window root "$1/tray-profiles-es-1024.png"
        xdotool key Escape Escape Escape
        sleep 0.3
        xdotool key ctrl+comma
        sleep 2
        import -window root "$1/settings-es-1024.png"
        xdotool key ctrl+Tab
        sleep 1
        import -window root "$1/settings-servers-es-1024.png"
        kill $app' "$build/app/vigia" "$out"
echo "wrote docs/screenshots/{tray-profiles,settings,settings-servers}-es-1024.png"
