#!/usr/bin/env bash
# Fuzzes the central server's HTTP API against the OpenAPI document it serves: schemathesis
# generates requests from GET /v1/openapi.json (valid ones and invalid ones), sends them to a
# real debug frontdesk-server on a free loopback port (studio e2e/studio.toml, a temp
# database), and checks every answer against the document with all of its checks: no 5xx,
# only documented statuses, content types, headers and bodies, valid requests accepted and
# invalid ones refused, auth enforced, and the stateful sequences (create → read → cancel).
#
# Needs target/debug/frontdesk-server (cargo build -p frontdesk-server --bin frontdesk-server)
# and python3 with venv; installs the pinned schemathesis into target/fuzz-venv if missing.
# Bounded by the examples per operation (FUZZ_MAX_EXAMPLES, 300: about 70 s on 2 cores),
# with a fixed seed (FUZZ_SEED). No check and no operation is left out; the one check setting
# that differs from schemathesis's defaults is explained in the config below. Exits non-zero
# on any failure, and when the server logged an error or a panic.
#
# The last line counts API operations, as schemathesis's JUnit report has them (one test
# case per operation, plus one for the stateful sequences): `api fuzz: N passed, M failed`;
# an operation fails when any check failed or errored on any of its requests.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
TOKEN=e2e-token-reception # the desk "reception" of e2e/studio.toml
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-300}
SEED=${FUZZ_SEED:-20261125}

venv=target/fuzz-venv
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -qx "schemathesis, version $SCHEMATHESIS_VERSION"; then
  echo "fuzz: installing schemathesis $SCHEMATHESIS_VERSION into $venv"
  python3 -m venv --clear "$venv" &&
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" || {
    echo "fuzz: cannot install schemathesis (python3 -m venv and pip must work)" >&2
    echo "api fuzz: 0 passed, 1 failed"
    exit 1
  }
fi

server_bin=target/debug/frontdesk-server
[ -x "$server_bin" ] || {
  echo "fuzz: $server_bin is missing: cargo build -p frontdesk-server --bin frontdesk-server" >&2
  echo "api fuzz: 0 passed, 1 failed"
  exit 1
}

tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
# Hypothesis (under schemathesis) keeps its example database here, not in the work tree.
export HYPOTHESIS_STORAGE_DIRECTORY="$tmp/hypothesis"

# The server on a free port of 127.0.0.1 only; its first line says where. Its rate limits are
# off: the fuzzer sends thousands of requests with one token (429 is in the document, and
# crates/server/tests/limits.rs tests the limits).
"$server_bin" serve --config e2e/studio.toml --db "$tmp/server.db" --listen 127.0.0.1:0 --dev-tokens \
  --token-rate 0 --address-rate 0 \
  >"$tmp/server.out" 2>"$tmp/server.log" &
server=$!
for _ in $(seq 100); do grep -q "^listening on " "$tmp/server.out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$tmp/server.out" | head -1)
[ -n "$url" ] || {
  cat "$tmp/server.log" >&2
  echo "fuzz: the server did not start" >&2
  echo "api fuzz: 0 passed, 1 failed"
  exit 1
}

# Settings the command line has no flag for.
cat >"$tmp/schemathesis.toml" <<'EOF'
# Schemathesis keeps no state between runs (nothing written into the work tree).
[cache]
enabled = false
[generation]
database = "none"

# The one check setting changed from the defaults, for the two operations that write spans
# of time: a booking or hold the document calls valid must not be refused as unreadable
# (400), but may be refused by a rule of the studio no JSON Schema can state: outside
# opening hours, off the 15-minute grid, an end not after its start, longer than 14 days, a
# duration the room does not offer (422 `invalid`); and a booking's room id is a free
# string in the document (its schema is shared with pushed bookings, where an unknown room
# is an `invalid` result of a 200), refused with 422 `unknown_room`. Every other operation
# must accept every request its schema allows (the default list), these too apart from 422.
[[operations]]
include-path = "/v1/bookings"
include-method = "POST"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]
[[operations]]
include-path = "/v1/holds/{session}"
include-method = "PUT"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

# The reports (tag "reports"): a period the document calls valid may still be refused with
# 422 by rules no JSON Schema can state — `to` before `from` or three years or more after
# it, `rooms` naming no room or rooms the studio does not have (`unknown_room`).
[[operations]]
include-tag = "reports"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

# The event stream never ends by itself: read each one for a second (what it has sent by
# then is checked), instead of the default request timeout.
[[operations]]
include-path = "/v1/events"
request-timeout = 1
EOF

status=0
"$venv/bin/schemathesis" --config-file "$tmp/schemathesis.toml" --no-color run \
  "$url/v1/openapi.json" --url "$url" \
  --header "Authorization: Bearer $TOKEN" \
  --checks all \
  --max-examples "$MAX_EXAMPLES" --seed "$SEED" \
  --request-timeout 20 \
  --report junit --report-junit-path "$tmp/junit.xml" || status=$?

if grep -qE "panicked|ERROR" "$tmp/server.log"; then
  echo "fuzz: the server logged errors:" >&2
  grep -E -A3 "panicked|ERROR" "$tmp/server.log" | head -40 >&2
  status=1
fi

# One line of counts from the JUnit report: a test case is an operation (or the stateful
# sequences); it failed if it has a failure or an error.
counts=$("$venv/bin/python" - "$tmp/junit.xml" <<'EOF' || echo "0 1"
import sys
import xml.etree.ElementTree as ET

passed = failed = 0
for case in ET.parse(sys.argv[1]).getroot().iter("testcase"):
    if case.find("failure") is not None or case.find("error") is not None:
        failed += 1
    elif case.find("skipped") is None:
        passed += 1
print(passed, failed)
EOF
)
read -r passed failed <<<"$counts"
# A run that failed without a failing operation (a crash, a server error in its log) fails.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$failed" -ne 0 ] && [ "$status" -eq 0 ]; then status=1; fi
echo "api fuzz: $passed passed, $failed failed"
exit "$status"
