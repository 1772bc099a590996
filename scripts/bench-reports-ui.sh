#!/usr/bin/env bash
# The Reports view's render time in WebKitGTK (the engine of the desk's window): builds the
# bench page (ui/bench/), opens it in MiniBrowser through WebKitWebDriver under Xvfb, and
# prints the medians beside the naive alternative of the same run, with the host's steal
# share over the run and the load average (see docs/reports.md, "Charts").
set -euo pipefail
cd "$(dirname "$0")/.."
command -v WebKitWebDriver >/dev/null || { echo "WebKitWebDriver missing: run scripts/setup.sh" >&2; exit 1; }
npx vite build --config ui/bench/vite.config.ts >/dev/null

steal() { awk '/^cpu /{print $9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
read -r s0 t0 < <(steal)
WEBKIT_DRIVER_PORT=$port xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -euo pipefail
  WebKitWebDriver --port=$WEBKIT_DRIVER_PORT >/dev/null 2>&1 &
  driver=$!
  trap "kill $driver 2>/dev/null || true" EXIT
  for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/$WEBKIT_DRIVER_PORT) 2>/dev/null && break; sleep 0.1; done
  node ui/bench/run.mjs
'
read -r s1 t1 < <(steal)
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores)"
awk -v s="$((s1 - s0))" -v t="$((t1 - t0))" 'BEGIN { printf "steal over the run: %.1f%% of CPU time\n", t ? 100 * s / t : 0 }'
