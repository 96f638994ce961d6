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

# Two vigiad (Telegram unreachable, so what the first sends fails) and a
# console with a profile for each.
. scripts/screenshot-common.sh
two_profile_servers "$root" 18771 18772 2

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
