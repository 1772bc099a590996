#!/usr/bin/env bash
# Installs what is missing and runs every test: the UI's unit tests, then all Rust tests of
# the workspace (unit, property, store-on-disk and crash tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
npm run ui:build   # the app embeds ui/dist at compile time
npm run ui:test
log=$(mktemp)
set +e
cargo test --workspace --locked --lib --bins --tests 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
awk '/^test result:/ { passed += $4; failed += $6 } END { printf "cargo test: %d passed, %d failed\n", passed, failed }' "$log"
rm -f "$log"
exit "$status"
