#!/usr/bin/env bash
# Installs what is missing and runs every test: the UI's unit tests (Vitest), all Rust tests
# of the workspace (unit, property, store-on-disk, crash, server and two-desk tests), the
# same Rust test binaries with the clock in 2031 (scripts/test-in-2031.sh), the
# schema-driven fuzzing of the server's HTTP API against its OpenAPI document
# (scripts/fuzz-api.sh), the public booking page in headless Chromium
# (e2e/public-page.browser.mjs), then the end-to-end tests of the real app window (scripts/e2e.sh).
# First the lints: clippy on every target with warnings as errors, rustfmt, and ESLint on the
# UI (`npm run lint`); each one passes or fails the run like a test.
# The server's PostgreSQL backend is tested in a throwaway cluster started here (installed
# from Debian's packages when missing) and stopped at the end; each test makes its own
# database in it. Ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
log=$(mktemp -d)
source scripts/pg-test-cluster.sh
trap 'pg_test_cluster_stop; rm -rf "$log"' EXIT
pg_test_cluster_start
status=0

npm run ui:build   # the app embeds ui/dist at compile time (clippy compiles the app too)

# Lints: each one counted as a pass or a failure; the summary names each.
lint_passed=0 lint_failed=0 lints=()
lint() {
  local name=$1
  shift
  if "$@" 2>&1 | tee "$log/lint-$name"; then
    lint_passed=$((lint_passed + 1)) lints+=("$name ok")
  else
    lint_failed=$((lint_failed + 1)) lints+=("$name FAILED") status=1
  fi
}
lint clippy cargo clippy --workspace --all-targets --locked -- -D warnings
lint fmt cargo fmt --all --check
lint eslint npm run lint

npx vitest run --config ui/vite.config.ts 2>&1 | tee "$log/ui" || status=1

cargo test --workspace --locked --lib --bins --tests 2>&1 | tee "$log/cargo" || status=1
# The same test binaries again with the system clock in 2031: no test depends on today.
bash scripts/test-in-2031.sh 2>&1 | tee "$log/2031" || status=1

cargo build --locked -p frontdesk-server --bin frontdesk-server || status=1
bash scripts/fuzz-api.sh 2>&1 | tee "$log/fuzz" || status=1

# The public booking page in Debian's Chromium (headless, chromedriver) against the server
# just built, a desk watching over HTTP: counted with the end-to-end tests.
node --test e2e/public-page.browser.mjs 2>&1 | tee "$log/page" || status=1

bash scripts/e2e.sh 2>&1 | tee "$log/e2e" || status=1

strip() { sed 's/\x1b\[[0-9;]*m//g' "$1"; }
ui_passed=$(strip "$log/ui" | awk '/^ *Tests / { for (i = 1; i <= NF; i++) if ($(i+1) ~ /^passed/) print $i }' | tail -1)
ui_failed=$(strip "$log/ui" | awk '/^ *Tests / { for (i = 1; i <= NF; i++) if ($(i+1) ~ /^failed/) print $i }' | tail -1)
cargo_counts=$(awk '/^test result:/ { p += $4; f += $6 } END { print p + 0, f + 0 }' "$log/cargo")
e2e_passed=$(awk '/^# pass / { print $3 }' "$log/e2e" | tail -1)
e2e_failed=$(awk '/^# fail / { print $3 }' "$log/e2e" | tail -1)
page_passed=$(awk '/^# pass / { print $3 }' "$log/page" | tail -1)
page_failed=$(awk '/^# fail / { print $3 }' "$log/page" | tail -1)
later_passed=$(awk '/^rust tests in 2031: / { print $5 }' "$log/2031" | tail -1)
later_failed=$(awk '/^rust tests in 2031: / { print $7 }' "$log/2031" | tail -1)
fuzz_passed=$(awk '/^api fuzz: / { print $3 }' "$log/fuzz" | tail -1)
fuzz_failed=$(awk '/^api fuzz: / { print $5 }' "$log/fuzz" | tail -1)
read -r cargo_passed cargo_failed <<<"$cargo_counts"
lint_summary=$(IFS=,; echo "${lints[*]}")
echo "lints: ${lint_summary//,/, }"
echo "ui (vitest): ${ui_passed:-0} passed, ${ui_failed:-0} failed"
echo "cargo test: $cargo_passed passed, $cargo_failed failed"
echo "cargo test, clock in 2031: ${later_passed:-0} passed, ${later_failed:-0} failed"
echo "api fuzz: ${fuzz_passed:-0} passed, ${fuzz_failed:-0} failed"
echo "public page (Chromium): ${page_passed:-0} passed, ${page_failed:-0} failed"
echo "e2e (app window): ${e2e_passed:-0} passed, ${e2e_failed:-0} failed"
total_passed=$(( lint_passed + ${ui_passed:-0} + cargo_passed + ${later_passed:-0} + ${fuzz_passed:-0} + ${page_passed:-0} + ${e2e_passed:-0} ))
total_failed=$(( lint_failed + ${ui_failed:-0} + cargo_failed + ${later_failed:-0} + ${fuzz_failed:-0} + ${page_failed:-0} + ${e2e_failed:-0} ))
# A step that failed without counting a failure (a build error) still fails the run.
if [ "$status" -ne 0 ] && [ "$total_failed" -eq 0 ]; then total_failed=1; fi
echo "all: $total_passed passed, $total_failed failed"
exit "$status"
