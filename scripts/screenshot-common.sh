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
