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

# Two vigiad (Telegram unreachable, so what the first sends fails) and a
# console with a profile for each.
. scripts/screenshot-common.sh
two_profile_servers "$root" 18774 18775 3

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
