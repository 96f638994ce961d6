#!/usr/bin/env bash
# Durable HTTP enqueue: vigiad against two peers a bot author would otherwise use,
# all driven by the same wrk script (bench/peers/post.lua), on this machine's loopback.
#
#   vigiad                     this project, Release build, SQLite WAL with group commit,
#                              delivering to a loopback WAHA double while it takes the load
#   vigiad_hang                the same with the double's answers held back: vigiad only
#                              takes notifications in, as the peers below do
#   vigiad at REV (--baseline) the same, built from an earlier git revision: before/after
#                              figures from one run on one machine
#   Flask + SQLite WAL         bench/peers/flask_outbox.py under gunicorn -w 2, synchronous=FULL
#   BullMQ on Redis            bench/peers/bullmq_outbox.mjs, Redis appendfsync always
#   bullmq_delivering          the same plus bench/peers/bullmq_worker.mjs delivering each
#                              job to the WAHA double at once, 128 at a time as vigiad does
#
# Every system answers 201 only once the notification is durable (fsynced), so the
# figures compare like with like. Each (system, connection count) run gets a fresh
# store, and afterwards the stored rows are checked against the 2xx answers.
#
# Usage: bash bench/compare.sh [--seconds N] [--conns "1 6 32"] [--only SYSTEM]...
#                              [--baseline REV] [--dir PARENT] [--keep]
#                              [--delivery-concurrency N]  (vigiad's [delivery] concurrency;
#                                                            its default when not given)
# SYSTEM: vigiad, vigiad_hang, flask, bullmq, bullmq_delivering (all by default).
# The report (Markdown) goes to stdout, progress to stderr:
#   bash bench/compare.sh > report.md
# Exit status is non-zero when a system failed to start or a row check mismatched.
set -euo pipefail
export LC_ALL=C   # printf/awk decimals with a dot whatever the user's locale

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PEERS=$ROOT/bench/peers
BUILD_DIR=${VIGIA_BENCH_BUILD_DIR:-$ROOT/build-bench}
WAIT_TIMEOUT=30        # seconds to wait for any server to accept connections
DRAIN_WAIT=5           # seconds to watch vigiad's delivery backlog after wrk stops

DURATION=10
CONNS="1 6 32"
ONLY=()
KEEP=0
BASELINE_REV=""
DELIVERY_CONCURRENCY=""
PARENT_DIR=${TMPDIR:-/tmp}
WAHA_OK=1
WAHA_PORT=""       # the WAHA double every delivering run sends to
HUNG_WAHA_PORT=""  # the one that never answers (vigiad_hang)

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
}

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'compare.sh: warning: %s\n' "$*" >&2; }
die() { printf 'compare.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- arguments

parse_args() {
    while [[ $# -gt 0 ]]; do
        case $1 in
            --seconds) DURATION=${2:?--seconds needs a value}; shift 2 ;;
            --conns) CONNS=${2:?--conns needs a value}; shift 2 ;;
            --only)
                local name
                local list=${2:?--only needs a value}
                for name in ${list//,/ }; do ONLY+=("$name"); done
                shift 2 ;;
            --dir) PARENT_DIR=${2:?--dir needs a value}; shift 2 ;;
            --keep) KEEP=1; shift ;;
            --baseline) BASELINE_REV=${2:?--baseline needs a git revision}; shift 2 ;;
            --delivery-concurrency) DELIVERY_CONCURRENCY=${2:?--delivery-concurrency needs a value}; shift 2 ;;
            -h|--help) usage; exit 0 ;;
            *) die "unknown option $1 (try --help)" ;;
        esac
    done
    [[ $DURATION =~ ^[1-9][0-9]*$ ]] || die "--seconds must be a whole number > 0"
    [[ -z $DELIVERY_CONCURRENCY || $DELIVERY_CONCURRENCY =~ ^[1-9][0-9]*$ ]] \
        || die "--delivery-concurrency must be a whole number > 0"
    local c
    for c in $CONNS; do
        [[ $c =~ ^[1-9][0-9]*$ ]] || die "--conns must list whole numbers > 0, got '$c'"
    done
    [[ -n ${CONNS// /} ]] || die "--conns is empty"
    if [[ ${#ONLY[@]} -eq 0 ]]; then
        ONLY=(vigiad vigiad_hang flask bullmq bullmq_delivering)
    fi
    if [[ -n $BASELINE_REV ]]; then
        git -C "$ROOT" rev-parse --verify --quiet "$BASELINE_REV^{commit}" >/dev/null \
            || die "--baseline: '$BASELINE_REV' is not a commit in this repository"
        ONLY+=(baseline)
    fi
    local s
    for s in "${ONLY[@]}"; do
        case $s in
            vigiad|vigiad_hang|flask|bullmq|bullmq_delivering|baseline) ;;
            *) die "--only takes vigiad, vigiad_hang, flask, bullmq or bullmq_delivering, got '$s'" ;;
        esac
    done
}

selected() {
    local s
    for s in "${ONLY[@]}"; do [[ $s == "$1" ]] && return 0; done
    return 1
}

# ---------------------------------------------------------------- setup

# Installs what bench/packages.txt lists and this machine lacks. A package counts
# as present when dpkg has it installed, or when its cmd= command is on PATH.
ensure_packages() {
    local line pkg cmd optional field missing=() missing_optional=()
    while IFS= read -r line || [[ -n $line ]]; do
        line=${line%%#*}
        read -r pkg line <<<"$line" || true
        [[ -n ${pkg:-} ]] || continue
        cmd="" optional=0
        for field in $line; do
            case $field in
                cmd=*) cmd=${field#cmd=} ;;
                optional) optional=1 ;;
            esac
        done
        if [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true) == "install ok installed" ]]; then
            continue
        fi
        if [[ -n $cmd ]] && command -v "$cmd" >/dev/null; then
            continue
        fi
        if [[ $optional -eq 1 ]]; then missing_optional+=("$pkg"); else missing+=("$pkg"); fi
    done <"$ROOT/bench/packages.txt"

    [[ ${#missing[@]} -gt 0 || ${#missing_optional[@]} -gt 0 ]] || return 0
    local sudo=()
    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null || die "missing packages ${missing[*]} ${missing_optional[*]}; run as root or install them"
        sudo=(sudo)
    fi
    # apt-get update only when apt does not know a package yet (fresh image, empty lists).
    local p need_update=0
    for p in "${missing[@]}" "${missing_optional[@]}"; do
        if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]'; then need_update=1; fi
    done
    if [[ $need_update -eq 1 ]]; then
        log "apt-get update"
        "${sudo[@]}" apt-get update -qq >&2 || die "apt-get update failed"
    fi
    if [[ ${#missing[@]} -gt 0 ]]; then
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >&2 \
            || die "apt-get install ${missing[*]} failed"
    fi
    for p in "${missing_optional[@]}"; do
        log "installing optional $p"
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$p" >&2 \
            || warn "optional package $p could not be installed; going on without it"
    done
}

ensure_node_modules() {
    [[ -d $PEERS/node_modules/bullmq ]] && return 0
    log "npm ci in bench/peers"
    (cd "$PEERS" && npm ci --no-audit --no-fund >&2) || die "npm ci in bench/peers failed"
}

build_vigiad() {
    log "building vigiad, vigia_bench_waha, vigia_feed_latency (Release) in $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DVIGIA_BUILD_CONSOLE=OFF -DVIGIA_BUILD_TESTS=OFF >&2 || die "cmake configure failed"
    cmake --build "$BUILD_DIR" --target vigiad vigia_bench_waha vigia_feed_latency >&2 \
        || die "building vigiad and the bench tools failed"
    VIGIAD=$BUILD_DIR/service/vigiad
    WAHA_DOUBLE=$BUILD_DIR/bench/vigia_bench_waha
    FEED_LATENCY=$BUILD_DIR/bench/vigia_feed_latency
    local b
    for b in "$VIGIAD" "$WAHA_DOUBLE" "$FEED_LATENCY"; do
        [[ -x $b ]] || die "the build finished but $b is missing"
    done
}

# vigiad as it was at BASELINE_REV, built from a clean export of that commit.
build_baseline() {
    local src=$BUILD_DIR/baseline-src build=$BUILD_DIR/baseline-build
    log "building vigiad at $BASELINE_REV (Release) in $build"
    rm -rf "$src"
    mkdir -p "$src"
    git -C "$ROOT" archive "$BASELINE_REV" | tar -x -C "$src" || die "cannot export $BASELINE_REV"
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DVIGIA_BUILD_CONSOLE=OFF -DVIGIA_BUILD_TESTS=OFF >&2 || die "cmake configure of $BASELINE_REV failed"
    cmake --build "$build" --target vigiad >&2 || die "building vigiad at $BASELINE_REV failed"
    BASELINE_VIGIAD=$build/service/vigiad
    [[ -x $BASELINE_VIGIAD ]] || die "the build finished but $BASELINE_VIGIAD is missing"
}

# ---------------------------------------------------------------- processes

PIDS=()          # every process this script started; the trap ends them all
WORK=""

# Starts "$@" in the background with stdout+stderr to LOG, in its own process
# group so that stopping it also ends its children (gunicorn's workers).
# Sets STARTED_PID.
start_bg() {
    local log=$1; shift
    setsid "$@" >"$log" 2>&1 </dev/null &
    STARTED_PID=$!
    PIDS+=("$STARTED_PID")
}

stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$? i
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[i]}"; done
    if [[ -n $WORK && -d $WORK ]]; then
        # On a failure the logs the report points at must still be there.
        if [[ $KEEP -eq 1 || $FAILED -ne 0 ]]; then
            log "kept $WORK"
        else
            rm -rf "$WORK"
        fi
    fi
    exit "$rc"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_port PORT PID NAME LOG: waits until PORT accepts connections; fails early
# when PID died, showing the end of its log.
wait_port() {
    local port=$1 pid=$2 name=$3 logfile=$4 deadline=$((SECONDS + WAIT_TIMEOUT))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            warn "$name exited during start-up; end of $logfile:"
            tail -n 20 "$logfile" >&2 || true
            return 1
        fi
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    warn "$name did not accept connections on 127.0.0.1:$port within ${WAIT_TIMEOUT}s; end of $logfile:"
    tail -n 20 "$logfile" >&2 || true
    return 1
}

# wait_line LOG TEXT PID NAME: waits until LOG contains TEXT (a ready message).
wait_line() {
    local logfile=$1 text=$2 pid=$3 name=$4 deadline=$((SECONDS + WAIT_TIMEOUT))
    while ((SECONDS < deadline)); do
        grep -q -- "$text" "$logfile" 2>/dev/null && return 0
        if ! kill -0 "$pid" 2>/dev/null; then
            warn "$name exited during start-up; end of $logfile:"
            tail -n 20 "$logfile" >&2 || true
            return 1
        fi
        sleep 0.1
    done
    warn "$name did not print '$text' within ${WAIT_TIMEOUT}s; end of $logfile:"
    tail -n 20 "$logfile" >&2 || true
    return 1
}

http_get() { # URL [TOKEN]
    local auth=()
    [[ -n ${2:-} ]] && auth=(-H "Authorization: Bearer $2")
    curl -fsS --max-time 10 "${auth[@]}" "$1"
}

# ---------------------------------------------------------------- systems
#
# Each start_<system> DIR starts that system on a fresh store inside DIR, sets
# PORT, TOKEN and the pids in SYSTEM_PIDS, and returns non-zero (after saying
# why) when it did not come up. stored_<system> prints the number of stored rows.

SYSTEM_PIDS=()

start_flask() {
    local dir=$1
    PORT=$(free_port)
    TOKEN=$BENCH_TOKEN
    # gunicorn's sync workers: one request at a time each, no keep-alive, as in the
    # Flask tutorials' deployment section.
    start_bg "$dir/gunicorn.log" env BENCH_TOKEN="$TOKEN" BENCH_DB="$dir/outbox.db" \
        gunicorn -w 2 -b "127.0.0.1:$PORT" --chdir "$PEERS" --log-level warning flask_outbox:app
    SYSTEM_PIDS=("$STARTED_PID")
    wait_port "$PORT" "$STARTED_PID" "gunicorn (Flask peer)" "$dir/gunicorn.log" || return 1
    # The schema is created on a worker's first request; make it before wrk starts.
    stored_flask >/dev/null || { warn "Flask peer does not answer GET /count"; return 1; }
}

stored_flask() {
    http_get "http://127.0.0.1:$PORT/count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
}

REDIS_PORT=""
start_bullmq() {
    local dir=$1 redis_port
    redis_port=$(free_port)
    REDIS_PORT=$redis_port
    mkdir -p "$dir/redis"
    # appendfsync always: Redis fsyncs the AOF before it answers a write, the same
    # promise as SQLite synchronous=FULL. --save '' turns off RDB snapshots.
    start_bg "$dir/redis.log" redis-server --bind 127.0.0.1 --port "$redis_port" \
        --appendonly yes --appendfsync always --save '' --dir "$dir/redis" --logfile ''
    SYSTEM_PIDS=("$STARTED_PID")
    wait_port "$redis_port" "$STARTED_PID" "redis-server" "$dir/redis.log" || return 1

    PORT=$(free_port)
    TOKEN=$BENCH_TOKEN
    start_bg "$dir/bullmq.log" env BENCH_TOKEN="$TOKEN" PORT="$PORT" REDIS_PORT="$redis_port" \
        node "$PEERS/bullmq_outbox.mjs"
    SYSTEM_PIDS+=("$STARTED_PID")
    wait_port "$PORT" "$STARTED_PID" "node bullmq_outbox.mjs (BullMQ peer)" "$dir/bullmq.log"
}

stored_bullmq() {
    http_get "http://127.0.0.1:$PORT/count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
}

# BullMQ with a worker process sending every job to the same WAHA double as vigiad.
start_bullmq_delivering() {
    local dir=$1
    start_bullmq "$dir" || return 1
    start_bg "$dir/worker.log" env REDIS_PORT="$REDIS_PORT" WAHA_URL="http://127.0.0.1:$WAHA_PORT" \
        CONCURRENCY="${DELIVERY_CONCURRENCY:-128}" node "$PEERS/bullmq_worker.mjs"
    SYSTEM_PIDS+=("$STARTED_PID")
    wait_line "$dir/worker.log" working "$STARTED_PID" "node bullmq_worker.mjs (BullMQ worker)"
}

stored_bullmq_delivering() { stored_bullmq; }

# The WAHA double is shared by every delivering run: it only answers /api/sendText.
# A second one, started with --hang, takes vigiad_hang's sends and never answers.
start_waha_double() { # [--hang]
    local port log=$WORK/waha${1:+-hung}.log pid
    port=$(free_port)
    start_bg "$log" "$WAHA_DOUBLE" --port "$port" "$@"
    pid=$STARTED_PID
    wait_line "$log" listening "$pid" "vigia_bench_waha $* (WAHA double)" || return 1
    wait_port "$port" "$pid" "vigia_bench_waha $* (WAHA double)" "$log" || return 1
    if [[ -n ${1:-} ]]; then HUNG_WAHA_PORT=$port; else WAHA_PORT=$port; fi
}

start_vigiad() {
    local dir=$1
    PORT=$(free_port)
    local cfg=$dir/vigiad.ini
    cat >"$cfg" <<EOF
[server]
listen = 127.0.0.1:$PORT
[store]
sqlite = $dir/vigia.db
[waha]
url = http://127.0.0.1:$WAHA_PORT
session = default
; the double sends no webhooks, but vigiad will not start without a key
webhook_hmac_key = bench-$RANDOM$RANDOM
[admin]
contact = +584240000000
[delivery]
; trust WAHA's 201: the double sends no message.ack webhooks
ack_timeout_s = 0
${DELIVERY_CONCURRENCY:+concurrency = $DELIVERY_CONCURRENCY}
[health]
probe_interval_ms = 15000
[actions]
EOF
    # Tokens live in the store, so each fresh store gets its own. The secret is
    # the last line 'vigiad token add' prints.
    if ! TOKEN=$("$VIGIAD" token add --config "$cfg" --role bot --name bench 2>"$dir/token.log" | tail -n 1) \
        || ! ADMIN_TOKEN=$("$VIGIAD" token add --config "$cfg" --role admin --name bench-admin 2>>"$dir/token.log" | tail -n 1); then
        warn "vigiad token add failed:"
        cat "$dir/token.log" >&2
        return 1
    fi
    [[ -n $TOKEN && -n $ADMIN_TOKEN ]] || { warn "vigiad token add printed no token"; return 1; }
    start_bg "$dir/vigiad.log" "$VIGIAD" --config "$cfg"
    SYSTEM_PIDS=("$STARTED_PID")
    wait_port "$PORT" "$STARTED_PID" "vigiad" "$dir/vigiad.log"
}

# The same vigiad set-up with one thing swapped: a prefix assignment holds
# only while start_vigiad runs.
start_baseline() { VIGIAD=$BASELINE_VIGIAD start_vigiad "$1"; }

stored_baseline() { stored_vigiad; }

start_vigiad_hang() { WAHA_PORT=$HUNG_WAHA_PORT start_vigiad "$1"; }

stored_vigiad_hang() { stored_vigiad; }

is_vigiad() { [[ $1 == vigiad || $1 == baseline || $1 == vigiad_hang ]]; }
# The systems that deliver to the WAHA double while wrk runs.
delivers() { [[ $1 == vigiad || $1 == baseline || $1 == bullmq_delivering ]]; }

# Prints "backlog delivered failed" for a delivering system.
delivery_counts() { # SYSTEM
    if is_vigiad "$1"; then
        local p s d f
        read -r p s d f _ < <(vigiad_counts) || return 1
        echo "$((p + s)) $d $f"
    else
        http_get "http://127.0.0.1:$PORT/count" | python3 -c '
import json, sys
c = json.load(sys.stdin)["counts"]
backlog = sum(int(c.get(k, 0)) for k in ("waiting", "active", "delayed", "prioritized", "paused"))
print(backlog, int(c.get("completed", 0)), int(c.get("failed", 0)))'
    fi
}

# Prints "pending sending delivered failed resolved" from GET /v1/queue/stats.
vigiad_counts() {
    http_get "http://127.0.0.1:$PORT/v1/queue/stats" "$ADMIN_TOKEN" | python3 -c '
import json, sys
c = json.load(sys.stdin)["counts"]
print(*(int(c.get(k, 0)) for k in ("pending", "sending", "delivered", "failed", "resolved")))'
}

stored_vigiad() {
    local p s d f r
    read -r p s d f r < <(vigiad_counts) || return 1
    echo $((p + s + d + f + r))
}

stop_system() {
    local pid
    for pid in "${SYSTEM_PIDS[@]}"; do stop_pid "$pid"; done
    SYSTEM_PIDS=()
}

# ---------------------------------------------------------------- measuring

declare -A RPS P50 P99   # keyed "system:conns"
CHECK_LINES=()
DELIVERY_LINES=()
FAILED=0

# run_wrk NAME CONNS LOG: one wrk run against 127.0.0.1:$PORT; sets R_requests,
# R_ok, R_non2xx, R_errors, R_rps, R_p50_ms, R_p99_ms from post.lua's RESULT line.
run_wrk() {
    local name=$1 conns=$2 logfile=$3 threads=$(( $2 < 2 ? $2 : 2 ))
    log "$name: wrk -t$threads -c$conns -d${DURATION}s"
    # --timeout 10s: a slow fsync is slow, not an error; wrk's default is 2 s.
    if ! BENCH_TOKEN=$TOKEN BENCH_NONCE="$name-$conns-$RANDOM$RANDOM" \
        timeout $((DURATION + 60)) wrk -t "$threads" -c "$conns" -d "${DURATION}s" --timeout 10s \
        --latency -s "$PEERS/post.lua" "http://127.0.0.1:$PORT/v1/notifications" >"$logfile" 2>&1; then
        warn "wrk against $name failed; end of $logfile:"
        tail -n 20 "$logfile" >&2
        return 1
    fi
    local line kv
    line=$(grep '^RESULT ' "$logfile" | tail -n 1) || { warn "wrk printed no RESULT line ($logfile)"; return 1; }
    R_requests="" R_ok="" R_non2xx="" R_errors="" R_rps="" R_p50_ms="" R_p99_ms=""
    for kv in ${line#RESULT }; do
        case $kv in
            requests=*) R_requests=${kv#*=} ;;
            ok=*) R_ok=${kv#*=} ;;
            non2xx=*) R_non2xx=${kv#*=} ;;
            errors=*) R_errors=${kv#*=} ;;
            rps=*) R_rps=${kv#*=} ;;
            p50_ms=*) R_p50_ms=${kv#*=} ;;
            p99_ms=*) R_p99_ms=${kv#*=} ;;
        esac
    done
    if [[ -z $R_requests || -z $R_ok || -z $R_non2xx || -z $R_errors || -z $R_rps || -z $R_p50_ms || -z $R_p99_ms ]]; then
        warn "wrk's RESULT line lacks a field: $line"
        return 1
    fi
}

# check_rows SYSTEM CONNS BEFORE AFTER: every 2xx must be a stored row. A request
# still in flight when wrk stopped may be stored without its 2xx being counted,
# so up to one extra row per connection (plus wrk's timeouts) is expected.
check_rows() {
    local system=$1 conns=$2 before=$3 after=$4
    local stored=$((after - before)) verdict
    local slack=$((conns + R_errors))
    if ((stored == R_ok)); then
        verdict=OK
    elif ((stored > R_ok && stored - R_ok <= slack)); then
        verdict="OK ($((stored - R_ok)) request(s) in flight when wrk stopped)"
    else
        verdict=MISMATCH
        FAILED=1
    fi
    [[ $R_non2xx -eq 0 && $R_errors -eq 0 ]] || verdict+="; $R_non2xx non-2xx answers, $R_errors socket errors"
    CHECK_LINES+=("- $(label "$system"), $conns conn: 2xx = $R_ok, rows stored = $stored → $verdict")
}

label() {
    case $1 in
        vigiad) echo "vigiad" ;;
        vigiad_hang) echo "vigiad, gateway hung (enqueue only)" ;;
        baseline) echo "vigiad at $BASELINE_REV (before)" ;;
        flask) echo "Flask+SQLite WAL (gunicorn 2 workers)" ;;
        bullmq) echo "BullMQ on Redis (appendfsync always)" ;;
        bullmq_delivering) echo "BullMQ on Redis + worker delivering to the WAHA double" ;;
    esac
}

# measure SYSTEM CONNS: fresh store, wrk, row check, and for vigiad delivery figures.
MEMORY_LINES=()
# sample_rss PID FILE: the process's VmRSS (kB), once a second, until it ends
# or the sampler is killed.
sample_rss() {
    local pid=$1 file=$2
    while [[ -r /proc/$pid/status ]]; do
        awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" >>"$file" 2>/dev/null || break
        sleep 1
    done
}

measure() {
    local system=$1 conns=$2 dir
    dir=$WORK/$system-c$conns
    mkdir -p "$dir"
    log "$system: starting on a fresh store ($dir)"
    if ! "start_$system" "$dir"; then
        warn "$(label "$system") failed to start"
        FAILED=1
        CHECK_LINES+=("- $(label "$system"), $conns conn: failed to start (logs in $dir)")
        stop_system
        return 0
    fi
    local before after
    if ! before=$("stored_$system"); then
        warn "$system: could not read the stored row count"
        FAILED=1; stop_system; return 0
    fi
    local d0=0
    if delivers "$system"; then read -r _ d0 _ < <(delivery_counts "$system") || true; fi

    local rss_sampler=""
    if is_vigiad "$system"; then
        sample_rss "${SYSTEM_PIDS[0]}" "$dir/rss.kb" &
        rss_sampler=$!
    fi
    if ! run_wrk "$system" "$conns" "$dir/wrk.log"; then
        [[ -z $rss_sampler ]] || kill "$rss_sampler" 2>/dev/null || true
        FAILED=1
        CHECK_LINES+=("- $(label "$system"), $conns conn: wrk failed (see $dir/wrk.log)")
        stop_system
        return 0
    fi
    if [[ -n $rss_sampler ]]; then
        kill "$rss_sampler" 2>/dev/null || true
        wait "$rss_sampler" 2>/dev/null || true
        # Memory under load: flat means the last second's RSS is about the first's.
        if [[ -s $dir/rss.kb ]]; then
            MEMORY_LINES+=("$(awk -v who="$(label "$system")" -v c="$conns" '
                NR == 1 { first = $1 } { last = $1; if ($1 > max) max = $1; n++ }
                END { printf "- %s, %d conn: RSS %.1f MB after 1 s, %.1f MB at the end (%d s), highest %.1f MB\n",
                      who, c, first / 1024, last / 1024, n, max / 1024 }' "$dir/rss.kb")")
        fi
    fi
    RPS["$system:$conns"]=$R_rps
    P50["$system:$conns"]=$R_p50_ms
    P99["$system:$conns"]=$R_p99_ms

    after=$("stored_$system") || { warn "$system: could not read the stored row count"; after=$before; }
    if delivers "$system"; then
        # Does delivery keep up with intake? Counts right after wrk, then DRAIN_WAIT s later.
        local b1=0 d1=0 b2=0 d2=0 f2=0
        if ! read -r b1 d1 _ < <(delivery_counts "$system"); then
            warn "$system: its delivery counts could not be read after wrk"
            FAILED=1
        fi
        sleep "$DRAIN_WAIT"
        read -r b2 d2 f2 < <(delivery_counts "$system") || warn "$system: its delivery counts could not be read ${DRAIN_WAIT}s after wrk"
        DELIVERY_LINES+=("$(awk -v c="$conns" -v d="$((d1 - d0))" -v t="$DURATION" -v b1="$b1" \
            -v b2="$b2" -v dd="$((d2 - d1))" -v w="$DRAIN_WAIT" -v f="$f2" -v ok="$R_ok" \
            -v who="$(label "$system")" '
            BEGIN { printf "- %s, %d conn: %d accepted, %d delivered during the %d s run (%.0f/s); " \
                    "backlog (waiting or sending) %d right after wrk, %d after %d s more " \
                    "(%.0f delivered/s meanwhile); %d failed\n", who, c, ok, d, t, d / t, b1, b2, w, dd / w, f }')")
    fi
    check_rows "$system" "$conns" "$before" "$after"
    if [[ ${R_non2xx:-0} -gt 0 || ${R_errors:-0} -gt 0 ]]; then
        # Every request is valid: a refusal (503 and the like) or a broken
        # connection under load is a defect, not noise.
        CHECK_LINES+=("- $(label "$system"), $conns conn: $R_non2xx answers were not 2xx and $R_errors requests failed (see $dir/wrk.log) → FAILED")
        FAILED=1
    fi
    stop_system
}

CEILING_LINES=()
# measure_ceiling SYSTEM: wrk at the largest connection count with bodies
# vigiad refuses (422) once it has parsed and authorised them: the rate the
# HTTP layer carries with no store and no delivery behind it.
measure_ceiling() {
    local system=$1 dir=$WORK/$1-ceiling conns
    conns=$(echo "$CONNS" | tr ' ' '\n' | sort -n | tail -n 1)
    mkdir -p "$dir"
    if ! "start_$system" "$dir"; then
        CEILING_LINES+=("- $(label "$system") HTTP-layer ceiling: failed to start (logs in $dir)")
        FAILED=1; stop_system; return 0
    fi
    local line rps="" p50="" p99="" kv threads=$(( conns < 2 ? conns : 2 ))
    log "$system: HTTP-layer ceiling, $conns conn, 422 answers"
    BENCH_INVALID=1 BENCH_TOKEN=$TOKEN BENCH_NONCE="ceiling-$RANDOM$RANDOM" \
        timeout $((DURATION + 60)) wrk -t "$threads" -c "$conns" -d "${DURATION}s" --timeout 10s \
        --latency -s "$PEERS/post.lua" "http://127.0.0.1:$PORT/v1/notifications" >"$dir/wrk.log" 2>&1 || true
    line=$(grep '^RESULT ' "$dir/wrk.log" | tail -n 1 || true)
    for kv in ${line#RESULT }; do
        case $kv in
            all_rps=*) rps=${kv#*=} ;;
            p50_ms=*) p50=${kv#*=} ;;
            p99_ms=*) p99=${kv#*=} ;;
        esac
    done
    if [[ -n $rps ]]; then
        CEILING_LINES+=("- $(label "$system"), $conns conn, every answer a 422 (listener, HTTP parsing, routing, token, JSON; no store): $(printf '%.0f' "$rps") req/s (p50 $p50 / p99 $p99 ms)")
    else
        CEILING_LINES+=("- $(label "$system") HTTP-layer ceiling: wrk failed (see $dir/wrk.log)")
        FAILED=1
    fi
    stop_system
}

FEED_LINES=()
measure_feed() { # SYSTEM (vigiad or baseline)
    local system=$1 dir=$WORK/$1-feed
    mkdir -p "$dir"
    log "$system: live-feed latency, fresh store, 200 notifications/s for ${DURATION}s"
    if ! "start_$system" "$dir"; then
        FAILED=1
        FEED_LINES+=("$(label "$system") live-feed latency: failed to start (logs in $dir)")
        stop_system
        return 0
    fi
    # The admin token both posts (Ingest) and receives every /v1/live event.
    local rc=0 line kv events="" failed="" p50="" p99="" max="" push50="" push99=""
    timeout $((DURATION + 60)) "$FEED_LATENCY" --url "http://127.0.0.1:$PORT" --token "$ADMIN_TOKEN" \
        --rate 200 --seconds "$DURATION" >"$dir/feed.log" 2>&1 || rc=$?
    line=$(grep '^RESULT ' "$dir/feed.log" | tail -n 1 || true)
    for kv in ${line#RESULT }; do
        case $kv in
            events=*) events=${kv#*=} ;;
            failed_posts=*) failed=${kv#*=} ;;
            p50_ms=*) p50=${kv#*=} ;;
            p99_ms=*) p99=${kv#*=} ;;
            max_ms=*) max=${kv#*=} ;;
            push_p50_ms=*) push50=${kv#*=} ;;
            push_p99_ms=*) push99=${kv#*=} ;;
        esac
    done
    if [[ $rc -eq 0 && -n $p50 && -n $p99 ]]; then
        FEED_LINES+=("- $(label "$system") live-feed latency (POST sent → its /v1/live event, 200/s for ${DURATION} s): p50 $p50 ms, p99 $p99 ms, max ${max:-?} ms over ${events:-?} events; the push alone (201 received → event received): p50 ${push50:-?} ms, p99 ${push99:-?} ms")
    else
        warn "vigia_feed_latency failed (exit $rc); end of $dir/feed.log:"
        tail -n 20 "$dir/feed.log" >&2 || true
        FAILED=1
        FEED_LINES+=("- $(label "$system") live-feed latency: vigia_feed_latency failed (exit $rc${failed:+, $failed posts refused}${events:+, $events events timed}; see $dir/feed.log)")
    fi
    stop_system
}

# ---------------------------------------------------------------- report

cell() { # SYSTEM CONNS
    local k="$1:$2"
    if [[ -n ${RPS[$k]:-} ]]; then
        printf '%.0f (%s / %s)' "${RPS[$k]}" "${P50[$k]}" "${P99[$k]}"
    elif selected "$1"; then
        printf 'failed'
    else
        printf '—'
    fi
}

ratio() { # SYSTEM_A SYSTEM_B CONNS
    local a=${RPS["$1:$3"]:-} b=${RPS["$2:$3"]:-}
    if [[ -n $a && -n $b ]]; then awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else printf "—" }'
    else printf '—'; fi
}

report() {
    local c header="| system |" rule="|---|"
    for c in $CONNS; do header+=" $c conn: req/s (p50 / p99 ms) |"; rule+="---|"; done
    local rev
    rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [[ -n $(git -C "$ROOT" status --porcelain 2>/dev/null) ]]; then rev+=" (with uncommitted changes)"; fi

    echo "## Durable HTTP enqueue: vigiad against its peers"
    echo
    echo "Machine: $(nproc) cores, $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //' || echo 'cpu unknown')"
    echo "Stores on: $(df -PT "$WORK" | awk 'NR == 2 { print $2 " (" $1 ")" }'); date: $(date -u '+%Y-%m-%d %H:%M UTC'); git: $rev"
    echo "Each run: wrk -t min(C,2) -c C -d ${DURATION}s, bench/peers/post.lua, a fresh store; req/s counts 2xx answers only."
    echo "Every system fsyncs before its 201. vigiad and BullMQ + worker also deliver each notification to a"
    echo "loopback WAHA double during their runs, on the same cores (vigiad writes each state change durably"
    echo "as well); vigiad with its gateway hung, Flask and BullMQ alone only enqueue."
    echo "vigiad's [delivery] concurrency: ${DELIVERY_CONCURRENCY:-its default}."
    echo
    echo "$header"
    echo "$rule"
    local s
    for s in vigiad vigiad_hang baseline flask bullmq bullmq_delivering; do
        selected "$s" || [[ $s == vigiad || $s == flask || $s == bullmq ]] || continue
        printf '| %s |' "$(label "$s")"
        for c in $CONNS; do printf ' %s |' "$(cell "$s" "$c")"; done
        echo
    done
    printf '| **vigiad / Flask** |'
    for c in $CONNS; do printf ' %s |' "$(ratio vigiad flask "$c")"; done
    echo
    printf '| **vigiad / BullMQ** |'
    for c in $CONNS; do printf ' %s |' "$(ratio vigiad bullmq "$c")"; done
    echo
    if selected bullmq_delivering; then
        printf '| **vigiad / BullMQ + worker** (both delivering) |'
        for c in $CONNS; do printf ' %s |' "$(ratio vigiad bullmq_delivering "$c")"; done
        echo
    fi
    if selected vigiad_hang; then
        printf '| **vigiad hung / BullMQ** (both only enqueue) |'
        for c in $CONNS; do printf ' %s |' "$(ratio vigiad_hang bullmq "$c")"; done
        echo
        printf '| **vigiad hung / Flask** (both only enqueue) |'
        for c in $CONNS; do printf ' %s |' "$(ratio vigiad_hang flask "$c")"; done
        echo
    fi
    if selected baseline; then
        printf '| **vigiad / before** |'
        for c in $CONNS; do printf ' %s |' "$(ratio vigiad baseline "$c")"; done
        echo
    fi
    echo
    echo "Rows stored against 2xx answers:"
    printf '%s\n' "${CHECK_LINES[@]}"
    if [[ ${#DELIVERY_LINES[@]} -gt 0 ]]; then
        echo
        echo "Delivery to the WAHA double while taking the load:"
        printf '%s\n' "${DELIVERY_LINES[@]}"
    fi
    if selected vigiad || selected baseline; then
        echo
        printf '%s\n' "${FEED_LINES[@]:-live-feed latency: not measured}"
        echo
        echo "vigiad's memory while taking the load (VmRSS, sampled each second during wrk):"
        printf '%s\n' "${MEMORY_LINES[@]:-- not measured}"
        echo
        echo "What the HTTP layer alone carries:"
        printf '%s\n' "${CEILING_LINES[@]:-- not measured}"
    fi
    echo
    echo "Versions: $(wrk --version 2>&1 | head -n 1 | awk '{print $1, $2}'); $(redis-server --version | awk '{print $1, $3}'); node $(node --version 2>/dev/null || echo '?'); gunicorn $(gunicorn --version 2>/dev/null | awk '{print $NF}' | tr -d '()' || echo '?'); bullmq $(node -p 'require("./bench/peers/node_modules/bullmq/package.json").version' 2>/dev/null || echo '?')"
}

# ---------------------------------------------------------------- main

main() {
    parse_args "$@"
    ensure_packages
    if selected bullmq || selected bullmq_delivering; then ensure_node_modules; fi
    # The WAHA double is built with vigiad; BullMQ's worker delivers to it too.
    if selected vigiad || selected baseline || selected vigiad_hang || selected bullmq_delivering; then build_vigiad; fi
    if selected baseline; then build_baseline; fi

    mkdir -p "$PARENT_DIR"
    WORK=$(mktemp -d "$PARENT_DIR/vigia-compare.XXXXXX")
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    if [[ $(df -PT "$WORK" | awk 'NR == 2 { print $2 }') == tmpfs ]]; then
        warn "$WORK is on tmpfs, where fsync costs nothing: durable figures will flatter everyone (use --dir)"
    fi
    # One secret for the peers; vigiad makes its own with 'vigiad token add'.
    BENCH_TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

    if selected vigiad || selected baseline || selected bullmq_delivering; then
        # Without their gateway these would take the load but deliver nothing: skip
        # them (the report then shows them as failed).
        if ! start_waha_double; then
            warn "the WAHA double failed to start; the delivering systems are not measured"
            FAILED=1
            WAHA_OK=0
            CHECK_LINES+=("- delivering systems: not measured, vigia_bench_waha failed to start (see $WORK/waha.log)")
            FEED_LINES+=("live-feed latency: not measured, vigia_bench_waha failed to start")
        fi
    fi
    local hung_ok=1
    if selected vigiad_hang && ! start_waha_double --hang; then
        warn "the hung WAHA double failed to start; vigiad_hang is not measured"
        FAILED=1
        hung_ok=0
        CHECK_LINES+=("- $(label vigiad_hang): not measured, vigia_bench_waha --hang failed to start (see $WORK/waha-hung.log)")
    fi
    local s c
    for s in vigiad vigiad_hang baseline flask bullmq bullmq_delivering; do
        selected "$s" || continue
        if delivers "$s" && [[ $WAHA_OK -ne 1 ]]; then continue; fi
        if [[ $s == vigiad_hang && $hung_ok -ne 1 ]]; then continue; fi
        for c in $CONNS; do measure "$s" "$c"; done
    done
    if [[ $WAHA_OK -eq 1 ]]; then
        if selected vigiad; then measure_feed vigiad; measure_ceiling vigiad; fi
        if selected baseline; then measure_feed baseline; measure_ceiling baseline; fi
    fi

    report
    if [[ $FAILED -ne 0 ]]; then
        warn "something failed to start or a row check mismatched (see above)"
        exit 1
    fi
}

main "$@"
