#!/usr/bin/env bash
# End-to-end tests of the real app window: builds the app with its UI embedded, then drives
# it under Xvfb through tauri-driver and WebKitWebDriver (see e2e/):
# - e2e/desk.test.mjs: a standalone desk (no server), as the README's run command starts it;
# - e2e/online.test.mjs: a desk online with a real frontdesk-server on 127.0.0.1, and a
#   second desk acting through the HTTP API;
# - e2e/welcome.test.mjs: a new desk's first run (welcome, set up a studio, first booking),
#   and Settings' server fields refused until an admin signs in;
# - e2e/enrol.test.mjs: a new desk joins the server with a one-time enrolment code that the
#   test gets from the server's `POST /v1/desks` with the admin's development token;
# - e2e/a11y.test.mjs: a demo desk of its own: axe-core on every view and dialog in English
#   and German (no serious or critical violation), the focus ring's contrast, the day board
#   as one Tab stop, room colours reached with Tab, single-key shortcuts turned off, and a
#   room booked with the keyboard only;
# - e2e/reports.test.mjs: a demo desk of its own: bookings and payments, then the reports
#   with their charts, a CSV export read back, the day sheet and the cash-up printed (the
#   system's print dialog stubbed in the page, the only thing replaced);
# - e2e/kiosk.test.mjs: deploy/kiosk/provision.sh's autostart command with the packaged app on
#   a private D-Bus session bus: full screen, one instance per desk file, restart after a crash.
# The app under test is the one inside the .deb: built by `tauri build --debug --bundles deb`
# (the debug profile keeps CI quick; the release .deb comes from the README's install
# command), checked and unpacked by scripts/check-deb.sh.
# Screenshots of each test's final screen go to target/e2e/. Temp HOME and data dirs only.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version 2.1.0
command -v WebKitWebDriver >/dev/null || { echo "WebKitWebDriver missing: run scripts/setup.sh" >&2; exit 1; }

# The debug app with ui/dist embedded (a plain `cargo build` would load the dev server),
# packaged as a .deb, checked, and unpacked: the tests drive the packaged binary.
npx tauri build --debug --bundles deb
cargo build --locked -p frontdesk-server --bin frontdesk-server
version=$(node -p 'require("./tauri.conf.json").version')
unpacked=$(scripts/check-deb.sh "target/debug/bundle/deb/Frontdesk_${version}_amd64.deb" | tail -1)
export FRONTDESK_APP="$unpacked/usr/bin/frontdesk"

tmp=$(mktemp -d)
mkdir -p "$tmp/home" "$tmp/standalone" "$tmp/online" "$tmp/fresh" "$tmp/enrol" "$tmp/a11y" "$tmp/reports" "$tmp/exports" target/e2e
rm -f target/e2e/*.png

# The central server on a free loopback port; its first line says where. The desks' tokens
# of e2e/studio.toml count only with --dev-tokens (tests only: they are in the repository).
target/debug/frontdesk-server serve --config e2e/studio.toml --db "$tmp/server.db" \
  --listen 127.0.0.1:0 --dev-tokens >"$tmp/server.out" 2>"$tmp/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$tmp" "$unpacked"' EXIT
for _ in $(seq 100); do grep -q "^listening on " "$tmp/server.out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$tmp/server.out" | head -1)
[ -n "$url" ] || { cat "$tmp/server.log" >&2; echo "the server did not start" >&2; exit 1; }

export HOME="$tmp/home" FRONTDESK_E2E_SERVER="$url" TMP_E2E="$tmp"
export E2E_FILES="${E2E_FILES:-e2e/}"  # e.g. E2E_FILES=e2e/reports.test.mjs runs one file
export DRIVER
DRIVER="$(command -v tauri-driver)"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -euo pipefail
  wait_port() { for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }
  FRONTDESK_DATA_DIR="$TMP_E2E/standalone" FRONTDESK_DEMO=1 "$DRIVER" --port 4444 --native-port 4445 >"$TMP_E2E/driver-a.log" 2>&1 &
  a=$!
  FRONTDESK_DATA_DIR="$TMP_E2E/online" FRONTDESK_SERVER="$FRONTDESK_E2E_SERVER" \
    FRONTDESK_TOKEN=e2e-token-reception FRONTDESK_DESK=reception \
    "$DRIVER" --port 4446 --native-port 4447 >"$TMP_E2E/driver-b.log" 2>&1 &
  b=$!
  # A new desk on an empty data folder: its first run (the welcome screen).
  FRONTDESK_DATA_DIR="$TMP_E2E/fresh" "$DRIVER" --port 4448 --native-port 4449 >"$TMP_E2E/driver-c.log" 2>&1 &
  c=$!
  # Another new desk, for enrolment by code on its welcome screen.
  FRONTDESK_DATA_DIR="$TMP_E2E/enrol" "$DRIVER" --port 4450 --native-port 4451 >"$TMP_E2E/driver-d.log" 2>&1 &
  d=$!
  # A demo desk for the accessibility checks (its bookings stay out of the others).
  FRONTDESK_DATA_DIR="$TMP_E2E/a11y" FRONTDESK_DEMO=1 "$DRIVER" --port 4452 --native-port 4453 >"$TMP_E2E/driver-e.log" 2>&1 &
  e=$!
  # A demo desk for the reports, its CSV exports written to a folder the test reads.
  FRONTDESK_DATA_DIR="$TMP_E2E/reports" FRONTDESK_DEMO=1 FRONTDESK_EXPORT_DIR="$TMP_E2E/exports" \
    "$DRIVER" --port 4454 --native-port 4455 >"$TMP_E2E/driver-f.log" 2>&1 &
  f=$!
  trap "kill $a $b $c $d $e $f 2>/dev/null || true" EXIT
  wait_port 4444 && wait_port 4446 && wait_port 4448 && wait_port 4450 && wait_port 4452 && wait_port 4454
  TAURI_DRIVER_PORT=4444 TAURI_DRIVER_ONLINE_PORT=4446 TAURI_DRIVER_FRESH_PORT=4448 \
    TAURI_DRIVER_ENROL_PORT=4450 TAURI_DRIVER_A11Y_PORT=4452 FRONTDESK_E2E_ENROL_DIR="$TMP_E2E/enrol" \
    TAURI_DRIVER_REPORTS_PORT=4454 FRONTDESK_E2E_EXPORT_DIR="$TMP_E2E/exports" \
    node --test --test-concurrency=1 ${E2E_FILES:-e2e/}
'
