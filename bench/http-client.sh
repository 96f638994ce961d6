#!/usr/bin/env bash
# The gateways' HTTP client alone: QNetworkAccessManager (what the gateways
# used up to 2026-12) against libcurl's multi interface on a Qt event loop
# (service/delivery/HttpClient), both POSTing WAHA sendText requests to the
# loopback WAHA double, C in flight. Reports the client's own CPU per request
# and its throughput, and the ratio of the two clients measured in the same run.
#
# Usage: bash bench/http-client.sh [--requests N] [--conns "1 6 32"] [--runs R]
# Needs a build with the benchmarks (build-bench, or VIGIA_BENCH_BUILD_DIR) for
# vigia_bench_waha, and libcurl4-openssl-dev (scripts/debian-packages.txt).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR=${VIGIA_BENCH_BUILD_DIR:-$PWD/build-bench}
REQUESTS=20000
CONNS="1 6 32"
RUNS=2
while [[ $# -gt 0 ]]; do
    case $1 in
        --requests) REQUESTS=$2; shift 2 ;;
        --conns) CONNS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
    esac
done
[[ -x $BUILD_DIR/bench/vigia_bench_waha ]] || cmake --build "$BUILD_DIR" --target vigia_bench_waha >&2
work=$(mktemp -d)
trap 'kill "${waha_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
g++ -O2 -std=c++17 -fPIC bench/peers/http_client_bench.cpp -o "$work/http_client_bench" \
    $(pkg-config --cflags --libs Qt6Network libcurl)
port=$((20000 + RANDOM % 20000))
"$BUILD_DIR/bench/vigia_bench_waha" --port "$port" >/dev/null 2>&1 &
waha_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/api/sendText"

echo "| in flight | QNetworkAccessManager µs CPU/req (req/s) | libcurl µs CPU/req (req/s) | CPU ratio curl/QNAM |"
echo "|---|---|---|---|"
for c in $CONNS; do
    declare -A cpu=() rps=()
    for run in $(seq "$RUNS"); do
        for client in qnam curl; do
            line=$("$work/http_client_bench" "$client" "$url" "$REQUESTS" "$c")
            echo "$line" >&2
            cpu[$client]="${cpu[$client]:-} $(sed 's/.*cpu_us_per_req=\([0-9.]*\).*/\1/' <<<"$line")"
            rps[$client]="${rps[$client]:-} $(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$line")"
        done
    done
    median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
    q=$(median "${cpu[qnam]}"); k=$(median "${cpu[curl]}")
    printf '| %s | %.1f (%s) | %.1f (%s) | %.2f |\n' "$c" "$q" "$(median "${rps[qnam]}")" "$k" \
        "$(median "${rps[curl]}")" "$(awk -v a="$k" -v b="$q" 'BEGIN {print a / b}')"
done
