#!/usr/bin/env bash
# clang-tidy over every production source (app, core, models, service,
# widgets) with the profile in .clang-tidy; any finding is an error.
# Usage: bash scripts/lint.sh BUILD_DIR   (a configured build: it needs
# compile_commands.json and the generated moc/uic headers, so build first)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: lint.sh BUILD_DIR}
command -v run-clang-tidy >/dev/null || { echo "needs clang-tidy (scripts/install-deps.sh)"; exit 1; }
run-clang-tidy -quiet -j "$(nproc)" -p "$build" -extra-arg=-Wno-unknown-warning-option \
    "$PWD/(app|core|models|service|widgets)/.*\.cpp$" > "$build/clang-tidy.log" 2>&1 || true
# run-clang-tidy's own exit code does not say whether anything was found.
if grep -E "(warning|error): " "$build/clang-tidy.log" | grep -v "^Suppressed\|warnings generated" > "$build/clang-tidy-findings.txt"; then
    sort -u "$build/clang-tidy-findings.txt"
    echo "clang-tidy: $(sort -u "$build/clang-tidy-findings.txt" | wc -l) finding(s); see $build/clang-tidy.log"
    exit 1
fi
echo "clang-tidy: no findings"
