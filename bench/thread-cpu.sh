#!/usr/bin/env bash
# Where vigiad's CPU goes, thread by thread: one wrk run of durable enqueues
# (bench/peers/post.lua) against a vigiad delivering to the loopback WAHA
# double, then the wait until every accepted notification is delivered.
# Prints, per thread, CPU microseconds per accepted notification, read from
# /proc/PID/task/*/stat before and after. Run it twice (or with two builds,
# --vigiad A then --vigiad B) back to back and compare the figures.
# --hang: the double never answers, so vigiad only takes notifications in
# (the cost of intake alone); nothing is waited for after wrk.
#
# Usage: bash bench/thread-cpu.sh [--vigiad PATH] [--conns N] [--seconds S]
#                                 [--concurrency C]   ([delivery] concurrency)
#                                 [--hang]
set -euo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR=${VIGIA_BENCH_BUILD_DIR:-$PWD/build-bench}
VIGIAD=$BUILD_DIR/service/vigiad
CONNS=32
SECONDS_=10
CONCURRENCY=128 # vigiad's default
HANG=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --vigiad) VIGIAD=$2; shift 2 ;;
        --conns) CONNS=$2; shift 2 ;;
        --seconds) SECONDS_=$2; shift 2 ;;
        --concurrency) CONCURRENCY=$2; shift 2 ;;
        --hang) HANG=(--hang); shift ;;
        *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "needs wrk (bench/packages.txt)" >&2; exit 1; }
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port=$(free_port); waha_port=$(free_port)
"$BUILD_DIR/bench/vigia_bench_waha" --port "$waha_port" "${HANG[@]}" >"$work/waha.log" 2>&1 &
pids+=($!); waha=$!
wait_port() { # PORT PID NAME
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || break
        sleep 0.1
    done
    echo "thread-cpu.sh: $3 did not start on port $1" >&2
    exit 1
}
wait_port "$waha_port" "$waha" "the WAHA double"
cat >"$work/vigiad.ini" <<INI
[server]
listen = 127.0.0.1:$port
[store]
sqlite = $work/vigia.db
[waha]
url = http://127.0.0.1:$waha_port
session = default
webhook_hmac_key = bench-$RANDOM$RANDOM
[admin]
contact = +584240000000
[delivery]
ack_timeout_s = 0
concurrency = $CONCURRENCY
[health]
probe_interval_ms = 15000
[actions]
INI
token=$("$VIGIAD" token add --config "$work/vigiad.ini" --role bot --name bench 2>/dev/null | tail -n 1)
"$VIGIAD" --config "$work/vigiad.ini" >"$work/vigiad.log" 2>&1 &
pids+=($!); pid=$!
wait_port "$port" "$pid" vigiad
snapshot() {
    for t in /proc/$pid/task/*; do echo "$(tr ' ' _ <"$t/comm") $(awk '{print $14 + $15}' "$t/stat")"; done
    echo "WAHA_double $(awk '{print $14 + $15}' /proc/$waha/stat)"
}
snapshot >"$work/before"
result=$(BENCH_TOKEN=$token wrk -t$((CONNS < 2 ? CONNS : 2)) -c"$CONNS" -d"${SECONDS_}s" \
    -s bench/peers/post.lua "http://127.0.0.1:$port/v1/notifications" 2>&1 | grep '^RESULT')
accepted=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")
delivered_in_run=$(sqlite3 "$work/vigia.db" "SELECT count(*) FROM notifications WHERE state = 'delivered'")
drain_checks=120 # half-second checks until all is delivered; none when hung
[[ ${#HANG[@]} -eq 0 ]] || drain_checks=0
for _ in $(seq "$drain_checks"); do
    delivered=$(sqlite3 "$work/vigia.db" "SELECT count(*) FROM notifications WHERE state = 'delivered'")
    [[ $delivered -ge $accepted ]] && break
    sleep 0.5
done
snapshot >"$work/after"
echo "$(basename "$VIGIAD") $result delivered_by_end_of_run=$delivered_in_run"
python3 - "$accepted" "$(getconf CLK_TCK)" "$work/before" "$work/after" <<'PY'
import collections, sys
accepted, tick = int(sys.argv[1]), int(sys.argv[2])
def load(path):
    ticks = collections.Counter()
    for line in open(path):
        name, value = line.split()
        ticks[name] += int(value)
    return ticks
before, after = load(sys.argv[3]), load(sys.argv[4])
total = 0.0
for name in sorted(after):
    us = (after[name] - before.get(name, 0)) * 1e6 / tick / max(accepted, 1)
    if name != "WAHA_double":
        total += us
    if us >= 1:
        print(f"  {name:<28} {us:6.0f} us/notification")
print(f"  {'vigiad, all threads':<28} {total:6.0f} us/notification")
PY
