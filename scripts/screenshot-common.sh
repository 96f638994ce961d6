# Sourced by the screenshot scripts (scripts/screenshot*.sh): what each needs
# to put a throwaway vigiad on loopback behind a console under Xvfb.
# Expects $build (the build directory), $work (a throwaway directory) and
# $port (where vigiad listens) to be set by the script that sources it.

command -v xvfb-run >/dev/null || { echo "needs xvfb (scripts/install-deps.sh)"; exit 1; }

# A config for vigiad without WhatsApp whose Telegram is unreachable: every
# send is refused, so notifications fail within a second.
telegram_only_ini() {
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
}

# Prints the secret of a new token (vigiad token add's last line).
vigiad_token() { # role name
    "$build/service/vigiad" token add --config "$work/vigiad.ini" --role "$1" --name "$2" | tail -n 1
}

# Starts vigiad on $work/vigiad.ini (its pid in $pid) and waits until it answers.
start_vigiad() {
    QT_LOGGING_RULES="vigia.*.info=false" "$build/service/vigiad" --config "$work/vigiad.ini" &
    pid=$!
    for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
}

# Waits (up to 15 s) until vigiad counts at least N failed notifications.
wait_failed() { # count admin-token
    local failed
    for _ in $(seq 1 150); do
        failed=$(curl -sf "http://127.0.0.1:$port/v1/queue/stats" -H "Authorization: Bearer $2" \
            | grep -o '"failed":[0-9]*' | head -1 | cut -d: -f2)
        [ "${failed:-0}" -ge "$1" ] && return 0
        sleep 0.1
    done
}

# Two vigiad on loopback for the profile screenshots, and a console config
# with a profile for each (Producción, Pruebas) and their tokens in the
# token file: the first, on port_a, with `orders` failed notifications (its
# admin token in $token_a), the second, on port_b, just started (a viewer
# token in $token_b). Sets $pid_a, $pid_b and $config (an XDG_CONFIG_HOME),
# and exports an XDG_DATA_HOME of this run's own: the console's local
# snapshot of an earlier run would show a "While you were away" panel.
two_profile_servers() { # root port_a port_b orders
    local root=$1 port_a=$2 port_b=$3 orders=$4 bot order i
    export XDG_DATA_HOME=$root/data
    work=$root/a port=$port_a
    mkdir -p "$work"
    telegram_only_ini
    bot=$(vigiad_token bot order-bot)
    token_a=$(vigiad_token admin maria)
    start_vigiad
    pid_a=$pid
    for ((i = 0; i < orders; i++)); do
        order=$((2042 + i))
        curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v1/notifications" \
            -H "Authorization: Bearer $bot" -H 'Content-Type: application/json' \
            -d "{\"channel\":\"telegram\",\"recipient\":\"12345$order\",\"customer_name\":\"Cliente $order\",\"order_id\":\"PED-$order\",\"type\":\"ORDER_RECEIVED\",\"text\":\"Recibimos tu pedido PED-$order.\"}"
    done
    wait_failed "$orders" "$token_a"

    work=$root/b port=$port_b
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
server=http://127.0.0.1:$port_a
token_storage=file

[profiles]
1\\key=prod
1\\name=Producción
1\\url=http://127.0.0.1:$port_a
2\\key=pruebas
2\\name=Pruebas
2\\url=http://127.0.0.1:$port_b
size=2
CONF
    printf '{"http://127.0.0.1:%s": "%s", "http://127.0.0.1:%s": "%s"}\n' \
        "$port_a" "$token_a" "$port_b" "$token_b" > "$config/vigia/vigia/token.json"
    chmod 600 "$config/vigia/vigia/token.json"
}
