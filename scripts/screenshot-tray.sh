#!/usr/bin/env bash
# The real tray menu in Spanish at 1024 px: a tray host (trayer, docked at
# the bottom right) under Xvfb, two vigiad on loopback (the first with
# failed notifications, the second just started), a console with a profile
# for each; the console's tray icon right-clicked with xdotool.
# Usage: bash scripts/screenshot-tray.sh [BUILD_DIR] (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
command -v xdotool >/dev/null && command -v import >/dev/null && command -v trayer >/dev/null \
    || { echo "needs xdotool, imagemagick and trayer (scripts/install-deps.sh)"; exit 1; }

root=$(mktemp -d)
trap 'kill ${pid_a:-0} ${pid_b:-0} 2>/dev/null || true; rm -rf "$root"' EXIT

# The first vigiad: Telegram unreachable, so what is sent fails.
work=$root/a port=18774
mkdir -p "$work"
. scripts/screenshot-common.sh
telegram_only_ini
bot=$(vigiad_token bot order-bot)
token_a=$(vigiad_token admin maria)
start_vigiad
pid_a=$pid
for order in 2042 2043 2044; do
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v1/notifications" \
        -H "Authorization: Bearer $bot" -H 'Content-Type: application/json' \
        -d "{\"channel\":\"telegram\",\"recipient\":\"12345$order\",\"customer_name\":\"Cliente $order\",\"order_id\":\"PED-$order\",\"type\":\"ORDER_RECEIVED\",\"text\":\"Recibimos tu pedido PED-$order.\"}"
done
wait_failed 3 "$token_a"

# The second: just started, nothing sent yet.
work=$root/b port=18775
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
server=http://127.0.0.1:18774
token_storage=file

[profiles]
1\\key=prod
1\\name=Producción
1\\url=http://127.0.0.1:18774
2\\key=pruebas
2\\name=Pruebas
2\\url=http://127.0.0.1:18775
size=2
CONF
printf '{"http://127.0.0.1:18774": "%s", "http://127.0.0.1:18775": "%s"}\n' "$token_a" "$token_b" \
    > "$config/vigia/vigia/token.json"
chmod 600 "$config/vigia/vigia/token.json"

mkdir -p docs/screenshots
out=$PWD/docs/screenshots
XDG_CONFIG_HOME="$config" LANGUAGE=es LANG=es_US.UTF-8 \
    xvfb-run -a -s "-screen 0 1024x768x24" bash -c '
        trayer --edge bottom --align right --widthtype request --height 32 --iconspacing 4 \
            --transparent false --tint 0x2b2b2b --SetDockType true --SetPartialStrut true &
        tray=$!
        sleep 1
        "$0" -geometry 1024x700+0+0 &
        app=$!
        timeout 20 xdotool search --sync --onlyvisible --class vigia >/dev/null
        sleep 5  # the live data, the icon in the state colour, the other profile answering
        # The one icon in trayer: the bottom right corner of the screen.
        xdotool mousemove 1008 752 click 3
        sleep 1
        import -window root "$1/tray-menu-es-1024.png"
        xdotool key Escape
        kill $app $tray' "$build/app/vigia" "$out"
echo "wrote docs/screenshots/tray-menu-es-1024.png"
