#!/usr/bin/env bash
# Builds Vigía with warnings as errors and runs every test; then builds the
# tests again with AddressSanitizer + UndefinedBehaviorSanitizer and runs them.
# Set VIGIA_SKIP_SANITIZERS=1 to skip the second pass while iterating.
# The store suites run on SQLite and on PostgreSQL: ctest's fixture
# `postgres` starts a throwaway cluster in each build tree
# (scripts/pg-test-cluster.sh, about a second) and stops it after; that needs
# root or the postgres user, and Debian's postgresql (install-deps.sh).
# Last, every libFuzzer target runs for VIGIA_FUZZ_SECONDS (20) each
# (scripts/fuzz.sh); VIGIA_SKIP_FUZZ=1 skips that.
# Finally the .deb packages are built, installed, smoke-tested and purged
# (scripts/package-test.sh, needs root); VIGIA_SKIP_PACKAGE_TEST=1 skips that.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

jobs=$(nproc)
export QT_QPA_PLATFORM=offscreen

# ctest, and on failure the Qt Test verdicts again, last: a long log is read
# from its end, and there the failing check and its line must be.
run_ctest() {
    local tree=$1
    shift
    if ctest --test-dir "$tree" --output-on-failure -j "$jobs" "$@"; then
        return 0
    fi
    echo "== what failed in $tree"
    grep -h -A 3 -E '^(FAIL!|XPASS|QFATAL)' "$tree/Testing/Temporary/LastTest.log" || true
    return 1
}

echo "== build (warnings are errors)"
cmake -S . -B build-ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DVIGIA_WARNINGS_AS_ERRORS=ON >/dev/null
echo "== every package the build loaded comes from scripts/debian-packages.txt"
python3 scripts/check-deps.py build-ci
cmake --build build-ci -j "$jobs"
echo "== format (.clang-format) and lint (.clang-tidy): any finding fails"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror
bash scripts/lint.sh build-ci
echo "== tests (the PostgreSQL ones on a throwaway cluster: fixture postgres)"
run_ctest build-ci --timeout 300

if [ "${VIGIA_SKIP_SANITIZERS:-0}" != 1 ]; then
    echo "== build with ASan + UBSan"
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DVIGIA_WARNINGS_AS_ERRORS=ON -DVIGIA_SANITIZE=ON -DVIGIA_BUILD_BENCH=OFF >/dev/null
    cmake --build build-asan -j "$jobs"
    echo "== tests under ASan + UBSan"
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1" \
    LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        run_ctest build-asan --timeout 600
fi

if [ "${VIGIA_SKIP_FUZZ:-0}" != 1 ]; then
    echo "== fuzz every parser (libFuzzer, ASan + UBSan)"
    bash scripts/fuzz.sh "${VIGIA_FUZZ_SECONDS:-20}"
fi

if [ "${VIGIA_SKIP_PACKAGE_TEST:-0}" != 1 ]; then
    echo "== packages: build the .deb and .tar.gz, lint, install, smoke-test, purge"
    if [ "$(id -u)" -eq 0 ]; then
        bash scripts/package-test.sh
    else
        # Installing packages takes root; CI runs as root and always does this.
        echo "skipped: installing the packages needs root (run scripts/package-test.sh as root)"
    fi
fi
