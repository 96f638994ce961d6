#!/usr/bin/env bash
# Sets up and runs Vigía on this machine: builds it, starts vigiad on an
# SQLite file in your data directory, creates a console token, and opens the
# console connected to it. Stopping the console stops vigiad.
# Without a config yet (a first run), it starts `vigiad --demo` instead: a
# simulated bot and WhatsApp gateway on a temporary store, so every part of
# the console moves within a minute. `bash scripts/run.sh --setup` writes the
# real config and runs on it.
set -euo pipefail
cd "$(dirname "$0")/.."
setup=false
case "${1:-}" in
    --setup) setup=true ;;
    "") ;;
    *) echo "usage: bash scripts/run.sh [--setup]"; exit 2 ;;
esac

bash scripts/install-deps.sh
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DVIGIA_BUILD_TESTS=OFF -DVIGIA_BUILD_BENCH=OFF >/dev/null
cmake --build build-release -j "$(nproc)"

data="${XDG_DATA_HOME:-$HOME/.local/share}/vigia"
config="$data/vigiad.ini"
listen="${VIGIA_LISTEN:-127.0.0.1:8765}"
vigiad=build-release/service/vigiad
host=${listen%:*}
port=${listen##*:}

# Waits until vigiad ($1, a pid) answers on $host:$port.
wait_listening() {
    for _ in $(seq 1 50); do
        if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
        kill -0 "$1" 2>/dev/null || { echo "vigiad did not start"; exit 1; }
        sleep 0.2
    done
}

if [ ! -f "$config" ] && [ "$setup" = false ]; then
    # A first run: the demo, on a temporary store vigiad removes when it stops.
    token_file=$(mktemp)
    "$vigiad" --demo --listen "$listen" --token-file "$token_file" &
    vigiad_pid=$!
    trap 'kill "$vigiad_pid" 2>/dev/null || true; wait "$vigiad_pid" 2>/dev/null || true; rm -f "$token_file"' EXIT
    wait_listening "$vigiad_pid"
    for _ in $(seq 1 50); do [ -s "$token_file" ] && break; sleep 0.1; done
    token=$(cat "$token_file")
    echo
    echo "This is a DEMO (no config yet): a simulated bot and WhatsApp gateway, nothing real."
    echo "To run Vigía for your bot: bash scripts/run.sh --setup  (writes $config"
    echo "from packaging/vigiad.ini.example; edit it to point at your WAHA gateway)."
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "No display: the demo vigiad runs at http://$listen (Ctrl+C stops it). Try:"
        echo "    curl -s -H \"Authorization: Bearer $token\" http://$listen/v1/status"
        wait "$vigiad_pid"
    else
        VIGIA_TOKEN="$token" build-release/app/vigia --server "http://$listen"
    fi
    exit 0
fi

mkdir -p "$data"
chmod 700 "$data"
# vigiad does not start without a webhook key: make one, for WAHA to sign with.
webhook_key=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
if [ ! -f "$config" ]; then
    sed -e "s|^listen *=.*|listen = $listen|" \
        -e "s|^sqlite *=.*|sqlite = $data/vigia.db|" \
        -e "s|^bot_restart *=|; bot_restart =|" \
        -e "s|^webhook_hmac_key *=.*|webhook_hmac_key = $webhook_key|" \
        packaging/vigiad.ini.example > "$config"
    chmod 600 "$config"
    echo "Wrote $config (edit it to point at your WAHA gateway; give WAHA's webhook"
    echo "the hmac.key that webhook_hmac_key holds there; or, for a bot without"
    echo "WhatsApp, set enabled = false under [waha])."
elif grep -Eq '^webhook_hmac_key *= *$' "$config"; then
    # A config an older run.sh wrote, before vigiad required the key.
    sed -i "s|^webhook_hmac_key *=.*|webhook_hmac_key = $webhook_key|" "$config"
    echo "Added a webhook_hmac_key to $config (give WAHA's webhook the same hmac.key)."
fi

# A fresh console token each run: the old one is revoked, nothing secret stays on disk.
"$vigiad" token revoke console-local --config "$config" >/dev/null 2>&1 || true
token=$("$vigiad" token add --config "$config" --role admin --name console-local | tail -n 1)

"$vigiad" --config "$config" &
vigiad_pid=$!
trap 'kill "$vigiad_pid" 2>/dev/null || true; wait "$vigiad_pid" 2>/dev/null || true' EXIT

wait_listening "$vigiad_pid"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    # The admin token above is for the console, which does not open here: say
    # how to get one for the API instead of leaving the user without any.
    echo "No display: vigiad runs at http://$listen (Ctrl+C stops it)."
    echo "Its config is $config."
    echo "To call the API, make a bot token in another terminal (printed once; keep it):"
    echo "    build-release/service/vigiad token add --config \"$config\" --role bot --name mybot"
    echo "then, for example:"
    echo "    curl -s -H \"Authorization: Bearer <token>\" http://$listen/v1/status"
    echo "Discord or Telegram only? Set [waha] enabled = false in the config and run this"
    echo "again (docs/bot-integration.md). On a desktop, this script also opens the console."
    wait "$vigiad_pid"
else
    VIGIA_TOKEN="$token" build-release/app/vigia --server "http://$listen"
fi
