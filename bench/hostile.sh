#!/usr/bin/env bash
# usage: bench/hostile.sh [--build DIR] [--idle N]
# A hostile client against a real vigiad on 127.0.0.1, all at once: a 10 GB
# declared body (streamed as fast as the socket takes it), N idle sockets
# (default 5000) from one address, a request head that never ends (16 KB+
# of header), a head sent one byte a second (slowloris) and a body sent one
# byte a second. Meanwhile a well-behaved client from another loopback
# address asks GET /healthz and POSTs a notification every 0.25 s. Prints
# what each attack was answered, the well-behaved client's success count and
# worst latency, and vigiad's RSS (VmRSS) and open fds, before, at peak and
# after. Exits 1 if the well-behaved client was ever refused or RSS/fds grew
# past bounds (RSS +64 MiB, fds above max_connections + 64).
# Builds vigiad in DIR (default build-soak, shared with bench/soak.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

build=build-soak idle=5000
while [ $# -gt 0 ]; do
    case $1 in
    --build) build=$2; shift 2 ;;
    --idle) idle=$2; shift 2 ;;
    *) echo "hostile.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
# The idle sockets are file descriptors of this client: raise its soft limit.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((idle + 200)) ]; then
    echo "hostile.sh: ulimit -n is $(ulimit -n); $idle idle sockets need more" >&2
    exit 2
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DVIGIA_BUILD_CONSOLE=OFF -DVIGIA_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target vigiad >/dev/null
vigiad=$PWD/$build/service/vigiad

work=$(mktemp -d "${TMPDIR:-/tmp}/vigia-hostile.XXXXXX")
vigiad_pid=""
cleanup() {
    if [ -n "$vigiad_pid" ]; then kill "$vigiad_pid" 2>/dev/null || true; wait "$vigiad_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The shipped [server] limits (packaging/vigiad.ini.example), unchanged.
cat >"$work/vigiad.ini" <<INI
[server]
listen = 127.0.0.1:$port
[store]
sqlite = $work/vigia.db
[waha]
url = http://127.0.0.1:9
webhook_hmac_key = hostile-webhook-key
[admin]
contact = +584240000000
INI
token=$("$vigiad" token add --config "$work/vigiad.ini" --role bot --name hostile 2>>"$work/vigiad.log" | tail -n 1)
"$vigiad" --config "$work/vigiad.ini" >>"$work/vigiad.log" 2>&1 &
vigiad_pid=$!

python3 - "$port" "$token" "$vigiad_pid" "$idle" <<'PY'
import json, os, select, socket, sys, threading, time

port, token, pid, idle = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
# All loopback. vigiad caps connections per address, so each attack comes from its own
# address (the idle sockets would otherwise use up the others' share).
ATTACKER, FRIEND = "127.0.0.1", "127.0.0.2"

def rss_kib():
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
def fds():
    return len(os.listdir("/proc/%d/fd" % pid))

def connect(source=ATTACKER, timeout=5):
    s = socket.socket()
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s

def answer_of(s, limit=4096):
    """The status line vigiad answered on s, or what happened instead."""
    data = b""
    try:
        while b"\r\n" not in data and len(data) < limit:
            chunk = s.recv(limit)
            if not chunk:
                break
            data += chunk
    except OSError as e:
        return "error %s" % e.__class__.__name__
    return data.split(b"\r\n", 1)[0].decode(errors="replace") or "closed without answer"

for _ in range(200):
    try:
        connect(FRIEND).close()
        break
    except OSError:
        time.sleep(0.05)

samples, stop = [], threading.Event()
def monitor():
    while not stop.is_set():
        samples.append((time.monotonic(), rss_kib(), fds()))
        time.sleep(0.1)
results = {}
base_rss, base_fds = rss_kib(), fds()
threading.Thread(target=monitor, daemon=True).start()
t0 = time.monotonic()

def stream_until_answer(s, chunk, limit_bytes, limit_s):
    """Sends chunk after chunk until vigiad answers (or closes, or limits); returns
    (status line, bytes sent, seconds)."""
    sent, started = 0, time.monotonic()
    poller = select.poll()  # select() cannot take fds past 1024, and the idle sockets are many
    poller.register(s, select.POLLIN | select.POLLOUT)
    while sent < limit_bytes and time.monotonic() - started < limit_s:
        events = dict(poller.poll(1000)).get(s.fileno(), 0)
        if events & (select.POLLIN | select.POLLHUP | select.POLLERR):
            break
        if events & select.POLLOUT:
            try:
                sent += s.send(chunk)
            except OSError:
                break
    return answer_of(s), sent, time.monotonic() - started

def huge_body():
    flooded.wait()
    s = connect("127.0.0.3")
    s.sendall(b"POST /v1/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token.encode()
              + b"\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n")
    answer, sent, took = stream_until_answer(s, b"x" * 65536, 10737418240, 10)
    kept = 0
    try:  # what vigiad lets through after its answer is read and dropped, until it closes
        while True:
            kept += s.send(b"x" * 65536)
    except OSError:
        pass
    results["10 GB declared body"] = "%s after %.1f MB of body (%.2fs); %.1f MB more dropped before the close" % (
        answer, sent / 1e6, took, kept / 1e6)

def endless_header():
    flooded.wait()
    s = connect("127.0.0.4")
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    answer, sent, took = stream_until_answer(s, b"X-Filler: " + b"a" * 1000 + b"\r\n", 1 << 30, 30)
    results["header that never ends"] = "%s after %d KB of header (%.2fs)" % (answer, sent // 1024, took)

def slowloris():
    flooded.wait()
    s = connect("127.0.0.5", timeout=60)
    started = time.monotonic()
    try:
        for b in b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100:
            s.send(bytes([b]))
            time.sleep(1)
    except OSError:
        pass
    results["head at 1 byte/s"] = "%s after %.0fs" % (answer_of(s), time.monotonic() - started)

def slow_body():
    flooded.wait()
    s = connect("127.0.0.6", timeout=60)
    started = time.monotonic()
    s.sendall(b"POST /v1/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token.encode()
              + b"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
    try:
        for _ in range(1000):
            s.send(b" ")
            time.sleep(1)
    except OSError:
        pass
    results["body at 1 byte/s"] = "%s after %.0fs" % (answer_of(s), time.monotonic() - started)

idle_socks, flooded = [], threading.Event()
def idle_sockets():
    # Non-blocking connects: all 5,000 go out at once, however fast vigiad accepts.
    for _ in range(idle):
        s = socket.socket()
        s.bind((ATTACKER, 0))
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", port))
        idle_socks.append(s)
    # The other attacks start once the kernel's accept queue is past this burst, so what
    # they measure is vigiad's limits rather than a SYN backlog overflowing.
    time.sleep(2)
    flooded.set()
    time.sleep(3)
    quiet = answered = failed = 0
    for s in idle_socks:  # vigiad answers 503 and closes the ones over its caps
        if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
            failed += 1
            continue
        try:
            answered += 1 if s.recv(4096).startswith(b"HTTP/1.1 503") else 0
        except BlockingIOError:
            quiet += 1
        except OSError:
            failed += 1
    results["%d idle sockets" % idle] = ("%d answered 503 and closed, %d open without an answer, "
                                         "%d failed" % (answered, quiet, failed))

friend = {"ok": 0, "failed": 0, "worst_ms": 0.0, "errors": set()}
def friendly():
    i = 0
    while not stop.is_set():
        for method, path, body in (("GET", "/healthz", b""),
                                   ("POST", "/v1/notifications", json.dumps(
                                       {"channel": "whatsapp", "recipient": "+584241234567",
                                        "type": "HOSTILE_PROBE", "text": "probe %d" % i}).encode())):
            started = time.monotonic()
            try:
                s = connect(FRIEND)
                s.sendall(("%s %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                           "Content-Type: application/json\r\nContent-Length: %d\r\n"
                           "Connection: close\r\n\r\n" % (method, path, token, len(body))).encode() + body)
                status = answer_of(s)
                s.close()
            except OSError as e:
                status = "error %s" % e
            ok = status.startswith("HTTP/1.1 200") or status.startswith("HTTP/1.1 201")
            friend["ok" if ok else "failed"] += 1
            if not ok:
                friend["errors"].add(status)
            friend["worst_ms"] = max(friend["worst_ms"], (time.monotonic() - started) * 1000)
        i += 1
        time.sleep(0.25)

attacks = [threading.Thread(target=f) for f in (idle_sockets, huge_body, endless_header, slowloris, slow_body)]
friend_thread = threading.Thread(target=friendly)
friend_thread.start()
for t in attacks: t.start()
for t in attacks: t.join()
stop.set()
friend_thread.join()
peak_rss = max(r for _, r, _ in samples)
peak_fds = max(f for _, _, f in samples)
for s in idle_socks: s.close()
time.sleep(1)
print("vigiad (pid %d) under attack for %.0fs, shipped [server] limits" % (pid, time.monotonic() - t0))
for name, outcome in results.items():
    print("  %-26s %s" % (name + ":", outcome))
print("  %-26s %d answered 2xx, %d not, worst latency %.0f ms %s" % (
    "well-behaved client:", friend["ok"], friend["failed"], friend["worst_ms"],
    sorted(friend["errors"]) if friend["errors"] else ""))
print("  %-26s before %.1f MiB, peak %.1f MiB, after %.1f MiB" % ("VmRSS:", base_rss / 1024, peak_rss / 1024, rss_kib() / 1024))
print("  %-26s before %d, peak %d, after %d" % ("open fds:", base_fds, peak_fds, fds()))
bad = friend["failed"] > 0 or peak_rss - base_rss > 64 * 1024 or peak_fds > 512 + 64
sys.exit(1 if bad else 0)
PY
