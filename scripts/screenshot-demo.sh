#!/usr/bin/env bash
# Renders the console on `vigiad --demo` as a newcomer sees it after
# `scripts/run.sh` with no config, in Spanish at a laptop's 1024 px, into
# docs/screenshots/demo-es-1024-*.png: during the first outage (failures,
# held deliveries), after the recovery (the incident and its end, sessions),
# and the charts (the demo starts with an invented hour of history).
# Usage: bash scripts/screenshot-demo.sh [BUILD_DIR] (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
command -v xvfb-run >/dev/null || { echo "needs xvfb (scripts/install-deps.sh)"; exit 1; }
command -v curl >/dev/null || apt-get install -y -qq curl >/dev/null

port=${VIGIA_DEMO_PORT:-18791}
work=$(mktemp -d)
trap 'kill ${pid:-0} 2>/dev/null || true; wait ${pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
# The console as a new user first sees it: no layout kept from earlier runs.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"

QT_LOGGING_RULES="vigia.*.info=false" "$build/service/vigiad" --demo \
    --listen "127.0.0.1:$port" --token-file "$work/token" >"$work/vigiad.out" &
pid=$!
for _ in $(seq 1 100); do [ -s "$work/token" ] && break; sleep 0.1; done
token=$(cat "$work/token")
started=$(date +%s)

# Waits until the demo has run $1 seconds.
at() { local left=$(( $1 - ($(date +%s) - started) )); [ "$left" -le 0 ] || sleep "$left"; }

mkdir -p docs/screenshots
shoot() { # tab file [ms after the first live data]
    LANGUAGE=es LANG=es_US.UTF-8 VIGIA_TOKEN="$token" \
        xvfb-run -a -s "-screen 0 1024x768x24" \
        "$build/app/vigia" --server "http://127.0.0.1:$port" --tab "$1" -geometry 1024x640+0+0 \
        --screenshot "docs/screenshots/$2" --screenshot-delay "${3:-800}"
    echo "wrote docs/screenshots/$2"
}
# The gateway goes down 30 s in, for 20 s: critical, orders failing and held.
at 38
shoot failed demo-es-1024-failed.png
shoot waiting demo-es-1024-waiting.png
# Back at 50 s: the backlog replayed, the incident closed, the summary sent
# (the status bar of a console open meanwhile says so).
at 45
shoot incidents demo-es-1024-incidents.png 10000
shoot sessions demo-es-1024-sessions.png
# The invented hour before start (one long outage) and the first minute.
shoot charts demo-es-1024-charts.png
