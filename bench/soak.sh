#!/usr/bin/env bash
# usage: bench/soak.sh [--seconds 60] [--kills 5] [--producers 4] [--count 150]
#                      [--fail-percent 20] [--build DIR]
# Load and SIGKILL, Jepsen-style, on 127.0.0.1 only. PRODUCERS clients each
# POST COUNT notifications (a unique Idempotency-Key each, retried with the
# same key after a connection error) over about SECONDS, while vigiad is
# killed with SIGKILL KILLS times at random moments and restarted, delivering
# to a WAHA double that answers FAIL_PERCENT of sends with a 500. Then it
# waits for delivery to finish and prints accepted / stored / delivered /
# lost / duplicated. Exits 1 when anything accepted was lost.
# Builds vigiad and vigia_bench_waha in DIR (default build-soak).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60 kills=5 producers=4 count=150 fail_percent=20 build=build-soak
while [ $# -gt 0 ]; do
    case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --kills) kills=$2; shift 2 ;;
    --producers) producers=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --fail-percent) fail_percent=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    *) echo "soak.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DVIGIA_BUILD_CONSOLE=OFF -DVIGIA_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target vigiad vigia_bench_waha >/dev/null
vigiad=$PWD/$build/service/vigiad
waha=$PWD/$build/bench/vigia_bench_waha

work=$(mktemp -d "${TMPDIR:-/tmp}/vigia-soak.XXXXXX")
waha_pid="" vigiad_pid="" producers_pid=""
cleanup() {
    for pid in $producers_pid $vigiad_pid $waha_pid; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_healthy() {
    for _ in $(seq 1 200); do
        if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
            "http://127.0.0.1:$port/healthz" 2>/dev/null; then
            return 0
        fi
        kill -0 "$vigiad_pid" 2>/dev/null || break
        sleep 0.05
    done
    echo "soak.sh: vigiad did not start; its log:" >&2
    tail -n 30 "$work/vigiad.log" >&2
    exit 2
}
start_vigiad() {
    "$vigiad" --config "$work/vigiad.ini" >>"$work/vigiad.log" 2>&1 &
    vigiad_pid=$!
    wait_healthy
}

waha_port=$(free_port)
"$waha" --port "$waha_port" --fail-percent "$fail_percent" --log "$work/waha.jsonl" \
    >"$work/waha.out" 2>&1 &
waha_pid=$!
for _ in $(seq 1 100); do grep -q listening "$work/waha.out" && break; sleep 0.05; done

port=$(free_port)
cat >"$work/vigiad.ini" <<INI
[server]
listen = 127.0.0.1:$port
[store]
sqlite = $work/vigia.db
[waha]
url = http://127.0.0.1:$waha_port
session = default
webhook_hmac_key = soak-webhook-key
[admin]
contact = +584240000000
[delivery]
; enough attempts that the flaky gateway never exhausts them
max_attempts = 100
backoff_initial_ms = 50
backoff_max_ms = 1000
; trust WAHA's 201: the double sends no message.ack webhooks
ack_timeout_s = 0
[health]
probe_interval_ms = 15000
INI
token=$("$vigiad" token add --config "$work/vigiad.ini" --role bot --name soak 2>>"$work/vigiad.log" | tail -n 1)
admin=$("$vigiad" token add --config "$work/vigiad.ini" --role admin --name soak-admin 2>>"$work/vigiad.log" | tail -n 1)
start_vigiad

echo "soak: $producers producers x $count notifications over ~${seconds}s, $kills SIGKILLs," \
    "gateway fails ${fail_percent}% of sends"
python3 - "$port" "$token" "$producers" "$count" "$seconds" "$work/accepted.txt" <<'PY' &
import http.client, json, sys, threading, time
port, token, producers, count, seconds, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
accepted, refused, lock = [], [], threading.Lock()

def post(key):
    body = json.dumps({"channel": "whatsapp", "recipient": "+584241234567",
                       "type": "SOAK", "text": "soak " + key})
    while True:  # the same key until vigiad answers: a retry is never a second order
        try:
            c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=5)
            c.request("POST", "/v1/notifications", body,
                      {"Authorization": "Bearer " + token, "Content-Type": "application/json",
                       "Idempotency-Key": key})
            r = c.getresponse()
            r.read()
            c.close()
            if r.status in (200, 201):
                return
            if r.status != 503:
                return "%s answered %d" % (key, r.status)
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.05)

def producer(p):
    pause = seconds / count
    for i in range(count):
        started = time.monotonic()
        key = "soak-%d-%d" % (p, i)
        error = post(key)
        with lock:
            (refused if error else accepted).append(error or key)
        time.sleep(max(0.0, pause - (time.monotonic() - started)))

threads = [threading.Thread(target=producer, args=(p,)) for p in range(producers)]
for t in threads: t.start()
for t in threads: t.join()
with open(out, "w") as f:
    f.write("\n".join(accepted) + "\n")
if refused:
    sys.exit("producers were refused: " + "; ".join(refused[:5]))
PY
producers_pid=$!

# SIGKILL at random moments, one in each slice of the run.
slice_ms=$((seconds * 1000 / kills))
for k in $(seq 1 "$kills"); do
    sleep "$(python3 -c "import random; print(random.uniform(0.2, 0.9) * $slice_ms / 1000)")"
    kill -9 "$vigiad_pid"
    wait "$vigiad_pid" 2>/dev/null || true
    echo "  kill $k at $(date +%T)"
    start_vigiad
    sleep "$(python3 -c "print(max(0.0, $slice_ms / 1000 * 0.1))")"
done
wait "$producers_pid"
producers_pid=""

# Delivery finishes when nothing is pending or sending (at most 5 minutes).
for _ in $(seq 1 600); do
    left=$(python3 - "$port" "$admin" <<'PY'
import json, sys, urllib.request
q = urllib.request.Request("http://127.0.0.1:%s/v1/queue/stats" % sys.argv[1],
                           headers={"Authorization": "Bearer " + sys.argv[2]})
c = json.load(urllib.request.urlopen(q, timeout=5))["counts"]
print(int(c.get("pending", 0)) + int(c.get("sending", 0)))
PY
)
    [ "$left" = 0 ] && break
    sleep 0.5
done
kill "$vigiad_pid"; wait "$vigiad_pid" 2>/dev/null || true; vigiad_pid=""

python3 - "$work/accepted.txt" "$work/vigia.db" "$work/waha.jsonl" <<'PY'
import collections, json, sqlite3, sys
accepted = set(l.strip() for l in open(sys.argv[1]) if l.strip())
db = sqlite3.connect(sys.argv[2])
rows = {text[len("soak "):]: state for text, state in
        db.execute("SELECT text, state FROM notifications WHERE type = 'SOAK'")}
received = collections.Counter()
for line in open(sys.argv[3]):
    text = json.loads(line).get("text", "")
    if text.startswith("soak "):
        received[text[len("soak "):]] += 1
stored = accepted & rows.keys()
delivered = {k for k in stored if rows[k] == "delivered"}
lost = {k for k in accepted if received[k] == 0}
duplicated = {k for k, n in received.items() if n > 1}
print("accepted   %d" % len(accepted))
print("stored     %d" % len(stored))
print("delivered  %d  (state delivered in the store)" % len(delivered))
print("received   %d  (distinct, at the gateway)" % sum(1 for k in received if k in accepted))
print("lost       %d" % len(lost))
print("duplicated %d  (reached the gateway more than once)" % len(duplicated))
if lost:
    print("lost keys:", " ".join(sorted(lost)[:20]))
    sys.exit(1)
PY
