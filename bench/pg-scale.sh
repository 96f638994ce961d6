#!/usr/bin/env bash
# Several vigiad instances on PostgreSQL against one on SQLite, in one run on
# this machine's loopback (issue 14):
#
#   sqlite x1      the default: one vigiad, SQLite WAL with group commit
#   postgres xN    N = 1, 2, 3 vigiad instances on one PostgreSQL 15 database
#                  (a cluster of this run's own, durable: fsync and
#                  synchronous_commit on, as in production)
#
# For each: producers post durable notifications (wrk, bench/peers/post.lua,
# CONNS connections spread over the instances) for SECONDS, to a WAHA double
# that accepts everything (bench/vigia_bench_waha); then the run waits until
# every stored notification is delivered. Reported: enqueue rate (2xx per
# second), delivery throughput (delivered / time from the first request to the
# last delivery), both as ratios to SQLite; and for N >= 2 the failover time:
# the leader is killed with SIGKILL and /healthz of the others is polled until
# one leads.
#
# Usage: bash bench/pg-scale.sh [--seconds N] [--conns C] [--build DIR] [--keep]
# Needs root (the cluster runs as the postgres user), wrk, curl, Debian's
# postgresql 15, and a build with vigiad and vigia_bench_waha (default: build/;
# a Release build gives the figures that matter). Markdown report on stdout.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BUILD_DIR=$ROOT/build
SECONDS_PER_RUN=10
CONNS=12
KEEP=0
PG_BIN=${VIGIA_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=54331

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'pg-scale.sh: %s\n' "$*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
    case $1 in
        --seconds) SECONDS_PER_RUN=${2:?}; shift 2 ;;
        --conns) CONNS=${2:?}; shift 2 ;;
        --build) BUILD_DIR=$(realpath "${2:?}"); shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument $1 (try --help)" ;;
    esac
done

VIGIAD=$BUILD_DIR/service/vigiad
WAHA=$BUILD_DIR/bench/vigia_bench_waha
[[ -x $VIGIAD ]] || die "$VIGIAD not built"
[[ -x $WAHA ]] || die "$WAHA not built"
command -v wrk >/dev/null || die "wrk is not installed"
[[ $(id -u) -eq 0 ]] || die "run as root (the cluster runs as postgres)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vigia-pg-scale.XXXXXX")
chmod 755 "$WORK"
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [[ -f $WORK/pg/data/postmaster.pid ]]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null || true
    fi
    if [[ $KEEP == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

# ------------------------------------------------------------ PostgreSQL
start_cluster() {
    mkdir -p "$WORK/pg/run"
    chown -R postgres:postgres "$WORK/pg"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$WORK/pg/initdb.log" 2>&1 \
        || { cat "$WORK/pg/initdb.log" >&2; die "initdb failed"; }
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$WORK/pg/run' -p $PG_PORT -c max_connections=100" \
        start >/dev/null || { cat "$WORK/pg/server.log" >&2; die "the cluster did not start"; }
}
psql_admin() { runuser -u postgres -- psql -q -h "$WORK/pg/run" -p $PG_PORT -U postgres -d postgres "$@"; }
fresh_database() {
    psql_admin -c "DROP DATABASE IF EXISTS vigia_bench" -c "CREATE DATABASE vigia_bench"
}
PG_URL="postgresql:///vigia_bench?host=$WORK/pg/run&port=$PG_PORT&user=postgres"

# ------------------------------------------------------------ instances
# write_config FILE PORT STORE_LINES
write_config() {
    cat >"$1" <<EOF
[server]
listen = 127.0.0.1:$2
max_connections_per_peer = 512
[store]
$3
[waha]
url = http://127.0.0.1:$WAHA_PORT
webhook_hmac_key = bench-key
[delivery]
ack_timeout_s = 0
[health]
probe_interval_ms = 1000
EOF
}

wait_healthy() {
    local port=$1 i
    for ((i = 0; i < 300; i++)); do
        curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    die "vigiad on $port did not answer /healthz"
}

metric() { # metric PORT TOKEN STATE
    curl -fs -H "Authorization: Bearer $2" "http://127.0.0.1:$1/metrics" \
        | awk -v s="$3" '$1 == "vigia_notifications{state=\"" s "\"}" {print $2}'
}

# run_case NAME COUNT  (STORE set by the caller: sqlite or postgres)
run_case() {
    local name=$1 count=$2 i dir=$WORK/$1
    mkdir -p "$dir"
    PORTS=()
    INSTANCE_PIDS=()
    for ((i = 1; i <= count; i++)); do
        local port store
        port=$(free_port)
        if [[ $STORE == sqlite ]]; then
            store="sqlite = $dir/vigia.db"
        else
            store="postgres = $PG_URL
instance = bench-$i"
        fi
        write_config "$dir/vigiad-$i.ini" "$port" "$store"
        PORTS+=("$port")
    done
    [[ $STORE == postgres ]] && fresh_database
    local token
    token=$("$VIGIAD" token add --config "$dir/vigiad-1.ini" --role admin --name bench | tail -1)
    for ((i = 1; i <= count; i++)); do
        QT_LOGGING_RULES='vigia.*.info=false' "$VIGIAD" --config "$dir/vigiad-$i.ini" \
            2>"$dir/vigiad-$i.log" &
        INSTANCE_PIDS+=($!)
        PIDS+=($!)
    done
    for port in "${PORTS[@]}"; do wait_healthy "$port"; done

    # Producers: CONNS connections over the instances, all at once.
    local per=$((CONNS / count)) start end ok=0 rps=0 line
    ((per >= 1)) || per=1
    start=$(now_ms)
    local wrk_pids=()
    for ((i = 0; i < count; i++)); do
        BENCH_TOKEN=$token BENCH_NONCE="$name-$i-$RANDOM" wrk -t1 -c"$per" -d"${SECONDS_PER_RUN}s" \
            -s "$ROOT/bench/peers/post.lua" "http://127.0.0.1:${PORTS[$i]}/v1/notifications" \
            >"$dir/wrk-$i.txt" 2>&1 &
        wrk_pids+=($!)
    done
    for pid in "${wrk_pids[@]}"; do wait "$pid"; done
    for ((i = 0; i < count; i++)); do
        line=$(grep '^RESULT' "$dir/wrk-$i.txt") || die "wrk failed: $(cat "$dir/wrk-$i.txt")"
        ok=$((ok + $(sed -E 's/.* ok=([0-9]+).*/\1/' <<<"$line")))
    done
    rps=$(awk -v ok="$ok" -v s="$SECONDS_PER_RUN" 'BEGIN {printf "%.0f", ok / s}')

    # Delivery: until nothing is pending or sending (at most 120 s).
    local port=${PORTS[0]} waiting=1 delivered=0
    for ((i = 0; i < 2400 && waiting > 0; i++)); do
        waiting=$(($(metric "$port" "$token" pending) + $(metric "$port" "$token" sending)))
        ((waiting > 0)) && sleep 0.05
    done
    end=$(now_ms)
    delivered=$(metric "$port" "$token" delivered)
    local dps
    dps=$(awk -v d="$delivered" -v ms=$((end - start)) 'BEGIN {printf "%.0f", d * 1000 / ms}')
    [[ $delivered -ge $ok ]] || log "$name: only $delivered of $ok delivered"

    # Failover: kill the leader, poll the others until one leads.
    local failover="—"
    if ((count >= 2)); then
        local leader=-1 t0 t1
        for ((i = 0; i < count; i++)); do
            curl -fs "http://127.0.0.1:${PORTS[$i]}/healthz" | grep -q '"leader":true' && leader=$i
        done
        if ((leader >= 0)); then
            kill -9 "${INSTANCE_PIDS[$leader]}"
            t0=$(now_ms)
            local found=0
            while ((found == 0 && $(now_ms) - t0 < 30000)); do
                for ((i = 0; i < count; i++)); do
                    ((i == leader)) && continue
                    curl -fs "http://127.0.0.1:${PORTS[$i]}/healthz" | grep -q '"leader":true' \
                        && found=1
                done
                ((found == 1)) || sleep 0.01
            done
            t1=$(now_ms)
            failover="$((t1 - t0)) ms"
        fi
    fi
    for pid in "${INSTANCE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    RESULTS+=("$name|$count|$ok|$rps|$delivered|$dps|$failover")
    log "$name: $ok accepted ($rps/s), $delivered delivered ($dps/s), failover $failover"
}

log "PostgreSQL cluster in $WORK/pg"
start_cluster
WAHA_PORT=$(free_port)
"$WAHA" --port "$WAHA_PORT" >"$WORK/waha.log" 2>&1 &
PIDS+=($!)
for ((i = 0; i < 100; i++)); do
    curl -fs "http://127.0.0.1:$WAHA_PORT/ping" >/dev/null 2>&1 && break
    sleep 0.05
done

RESULTS=()
STORE=sqlite run_case sqlite-x1 1
for n in 1 2 3; do STORE=postgres run_case "postgres-x$n" "$n"; done

base_rps=$(cut -d'|' -f4 <<<"${RESULTS[0]}")
base_dps=$(cut -d'|' -f6 <<<"${RESULTS[0]}")
echo "## vigiad: PostgreSQL instances vs SQLite ($(date -u +%F), $(nproc) cores, ${SECONDS_PER_RUN}s, $CONNS connections, build $(basename "$BUILD_DIR"))"
echo
echo "| store | instances | accepted | enqueue/s | vs SQLite | delivered | delivered/s | vs SQLite | failover |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in "${RESULTS[@]}"; do
    IFS='|' read -r name count ok rps delivered dps failover <<<"$r"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "${name%-x*}" "$count" "$ok" "$rps" \
        "$(awk -v a="$rps" -v b="$base_rps" 'BEGIN {printf "%.2f", a / b}')" "$delivered" "$dps" \
        "$(awk -v a="$dps" -v b="$base_dps" 'BEGIN {printf "%.2f", a / b}')" "$failover"
done
