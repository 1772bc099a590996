#!/usr/bin/env bash
# Runs the topology of compose.yaml without Docker, on this machine: a throwaway PostgreSQL
# cluster, two frontdesk-server instances on it, and nginx (Debian's) with deploy/nginx.conf
# in front — its upstream names pointed at the two loopback ports. Then, through the proxy
# only: health; a desk's event stream left open; bookings that the round robin sends to
# both instances; and every booking's change announced on the stream.
#
#   deploy/check-proxy.sh [path/to/frontdesk-server]    # default: target/debug/frontdesk-server
#
# Needs nginx (apt-get install nginx-light) and what scripts/pg-test-cluster.sh needs.
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:-target/debug/frontdesk-server}
[ -x "$server" ] || { echo "check-proxy: no $server: cargo build -p frontdesk-server" >&2; exit 1; }
command -v nginx >/dev/null || { echo "check-proxy: nginx is missing: apt-get install nginx-light" >&2; exit 1; }

work=$(mktemp -d)
pids=()
source scripts/pg-test-cluster.sh
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  pg_test_cluster_stop
  rm -rf "$work"
}
trap cleanup EXIT
pg_test_cluster_start >/dev/null
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cp deploy/studio.example.toml "$work/studio.toml"
cat >>"$work/studio.toml" <<'EOF'

[[desks]]
id = "proxy-check"
token = "proxy-check-token"
EOF

ports=()
for name in a b; do
  port=$(free_port)
  "$server" serve --config "$work/studio.toml" --database "$FRONTDESK_TEST_PG" \
    --connections 2 --listen "127.0.0.1:$port" >"$work/server-$name.out" 2>"$work/server-$name.log" &
  pids+=("$!")
  ports+=("$port")
done
for name in a b; do
  for _ in $(seq 100); do grep -q listening "$work/server-$name.out" && break; sleep 0.1; done
  grep -q listening "$work/server-$name.out" || { cat "$work/server-$name.log" >&2; exit 1; }
done

proxy=$(free_port)
sed -e "s/server server-a:8787;/server 127.0.0.1:${ports[0]};/" \
    -e "s/server server-b:8787;/server 127.0.0.1:${ports[1]};/" \
    -e "s/listen 80;/listen 127.0.0.1:$proxy;/" deploy/nginx.conf >"$work/site.conf"
cat >"$work/nginx.conf" <<EOF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
  log_format upstream '\$request \$status \$upstream_addr';
  access_log $work/nginx-access.log upstream;
  client_body_temp_path $work;
  proxy_temp_path $work;
  include $work/site.conf;
}
EOF
nginx -t -c "$work/nginx.conf" -p "$work" 2>&1 | sed 's/^/check-proxy: /'
nginx -c "$work/nginx.conf" -p "$work"
base="http://127.0.0.1:$proxy"
for _ in $(seq 50); do curl -sf "$base/v1/health" >/dev/null && break; sleep 0.1; done

python3 - "$base" <<'EOF'
import json, sys, threading, time, urllib.request, uuid
base = sys.argv[1]
auth = {"Authorization": "Bearer proxy-check-token"}

def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={**auth, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, json.loads(r.read() or b"null")

assert call("GET", "/v1/health")[0] == 200
studio = call("GET", "/v1/studio")[1]
room = studio["rooms"][0]["id"]
heard, stream_open = [], threading.Event()

def listen():
    req = urllib.request.Request(base + "/v1/events", headers=auth)
    with urllib.request.urlopen(req, timeout=60) as r:
        assert r.headers["Content-Type"].startswith("text/event-stream"), r.headers
        stream_open.set()
        event = None
        for line in r:
            line = line.decode().strip()
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "change":
                heard.append((time.monotonic(), json.loads(line[5:])["seq"]))

threading.Thread(target=listen, daemon=True).start()
assert stream_open.wait(10), "the event stream did not open through the proxy"
made = []
for k in range(6):  # the round robin sends these to both instances
    start = f"2027-03-{1 + k:02d}T10:00:00+00:00"
    end = f"2027-03-{1 + k:02d}T11:00:00+00:00"
    body = {"id": str(uuid.uuid4()), "room": room, "start": start, "end": end,
            "customer": {"name": "Proxy check"}}
    status, booking = call("POST", "/v1/bookings", body)
    assert status == 201, (status, booking)
    made.append((time.monotonic(), booking["seq"]))
deadline = time.monotonic() + 5
while time.monotonic() < deadline and not all(any(s >= seq for _, s in heard) for _, seq in made):
    time.sleep(0.05)
late = [seq for _, seq in made if not any(s >= seq for _, s in heard)]
assert not late, f"changes {late} never reached the stream through the proxy (heard {heard})"
worst = max(min(t for t, s in heard if s >= seq) - at for at, seq in made)
print(f"check-proxy: 6 bookings through nginx over two instances, each announced on one stream "
      f"through nginx within {worst * 1000:.0f} ms")
EOF
served=$(grep '^POST /v1/bookings ' "$work/nginx-access.log" | awk '{print $NF}' | sort -u | wc -l)
echo "check-proxy: the bookings went to $served of 2 instances"
[ "$served" -eq 2 ] || { echo "check-proxy: the proxy did not spread the bookings" >&2; exit 1; }
