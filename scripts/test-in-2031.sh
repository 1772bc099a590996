#!/usr/bin/env bash
# Runs every Rust test binary of the workspace again with the system clock set to a day in
# 2031 (libfaketime), to show that no test depends on today's date: every desk and server
# under test reads the time from an injected clock that the test pins. The binaries are
# the ones `cargo test` just built (nothing is rebuilt); each runs in its package's folder,
# as cargo runs it. Cargo itself does not run under the fake clock.
# Last line: `rust tests in 2031: N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

FAKE_AT="2031-06-02 10:00:00"
lib=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketimeMT.so.1$' | head -1)
[ -n "$lib" ] || { echo "test-in-2031: libfaketime is missing: run scripts/setup.sh" >&2; exit 1; }

list=$(mktemp)
trap 'rm -f "$list"' EXIT
cargo test --workspace --locked --lib --bins --tests --no-run --message-format=json 2>/dev/null |
  python3 -c '
import json, os, sys
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]:
        print(os.path.dirname(m["manifest_path"]) + "\t" + m["executable"])
' >"$list"
[ -s "$list" ] || { echo "test-in-2031: no test binaries were built" >&2; exit 1; }

passed=0 failed=0 status=0
while IFS=$'\t' read -r dir exe; do
  out=$(cd "$dir" && FAKETIME="@$FAKE_AT" FAKETIME_DONT_FAKE_MONOTONIC=1 LD_PRELOAD="$lib" \
    "$exe" 2>&1) || status=1
  result=$(grep '^test result:' <<<"$out" | tail -1)
  echo "$(basename "$exe"): ${result:-no result line}"
  if [ -z "$result" ]; then status=1; failed=$((failed + 1)); continue; fi
  passed=$((passed + $(awk '{print $4}' <<<"$result")))
  failed=$((failed + $(awk '{print $6}' <<<"$result")))
  grep -q 'test result: ok' <<<"$result" || { grep -E '^(---- |thread .* panicked)' <<<"$out" | head -20; }
done <"$list"
[ "$failed" -eq 0 ] || status=1
echo "rust tests in 2031: $passed passed, $failed failed"
exit "$status"
