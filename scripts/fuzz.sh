#!/usr/bin/env bash
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# Builds the libFuzzer targets in fuzz/ (clang, ASan + UBSan, in build-fuzz)
# and runs each for SECONDS (default 20) on a temporary copy of its seeds in
# fuzz/corpus/<target>/, so the repository never gets new corpus files.
# Fails on any crash, leak, undefined behaviour, timeout or out-of-memory;
# the input that did it is kept in build-fuzz/artifacts/. A timeout whose
# input runs quickly when tried again by itself was a machine pause: reported,
# not failed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
[ $# -gt 0 ] && shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_notification fuzz_session_put fuzz_reconcile fuzz_waha_webhook
             fuzz_config fuzz_live_event)
fi

echo "== fuzz build (clang, libFuzzer, ASan + UBSan)"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DVIGIA_FUZZ=ON -DVIGIA_BUILD_CONSOLE=OFF -DVIGIA_BUILD_TESTS=OFF \
    -DVIGIA_BUILD_BENCH=OFF >/dev/null
python3 scripts/check-deps.py build-fuzz
cmake --build build-fuzz -j "${VIGIA_FUZZ_JOBS:-$(nproc)}" --target "${targets[@]}"

work=$(mktemp -d "${TMPDIR:-/tmp}/vigia-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p build-fuzz/artifacts
failed=()

# Runs one saved input by itself; true when it finished well within the limit.
rerun_timeout() {
    local target=$1 input=$2 start end
    start=$(date +%s)
    QT_LOGGING_RULES="*.debug=false;*.info=false;*.warning=false" \
        ASAN_OPTIONS="detect_leaks=0:abort_on_error=1" \
        timeout 60 "build-fuzz/fuzz/$target" -timeout=30 -runs=1 "$input" >/dev/null 2>&1 || return 1
    end=$(date +%s)
    rerun_seconds=$((end - start))
    [ "$rerun_seconds" -lt 10 ]
}
for target in "${targets[@]}"; do
    mkdir -p "$work/$target/corpus" "$work/$target/tmp"
    cp fuzz/corpus/"$target"/* "$work/$target/corpus/"
    log="$work/$target/log"
    # The HTTP targets keep one vigiad for the whole run, and it keeps memory
    # from one input to the next: a leak check after every input costs 17x the
    # throughput there. Their leaks are the ASan test suite's (ServiceFixture).
    leaks=1
    case $target in fuzz_session_put | fuzz_reconcile | fuzz_waha_webhook) leaks=0 ;; esac
    echo "== $target: ${seconds}s"
    if TMPDIR="$work/$target/tmp" \
        ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1" \
        LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        QT_LOGGING_RULES="*.debug=false;*.info=false;*.warning=false" \
        "build-fuzz/fuzz/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
            -max_len=8192 -detect_leaks="$leaks" -print_final_stats=1 \
            -artifact_prefix="$PWD/build-fuzz/artifacts/$target-" \
            "$work/$target/corpus" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        echo "   ok: $runs runs, $rate/s, $cov, corpus $(ls "$work/$target/corpus" | wc -l) inputs"
    elif timeout_input=$(sed -n 's/.*Test unit written to \(.*timeout-[^ ]*\)$/\1/p' "$log") \
        && [ -n "$timeout_input" ] && rerun_timeout "$target" "$timeout_input"; then
        # libFuzzer's timeout is wall-clock time: a machine that pauses (a
        # shared host, a suspended VM) trips it with no hang in the code. A
        # real hang hangs again on the same input, so a timeout counts only
        # if its input is slow once more when run by itself.
        echo "   ok, after a timeout that did not reproduce: its input ran again in" \
            "${rerun_seconds}s (a machine pause, not a hang); kept in $timeout_input"
    else
        echo "   FAILED: the input is in build-fuzz/artifacts/; the end of the log:"
        tail -n 60 "$log"
        failed+=("$target")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found a problem in: ${failed[*]}"
    exit 1
fi
