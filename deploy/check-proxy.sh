#!/usr/bin/env bash
# Runs the topology of compose.yaml without Docker, on this machine: a throwaway PostgreSQL
# cluster (TLS on), two frontdesk-server instances reaching it over verified TLS, and nginx
# (Debian's) with deploy/nginx.conf in front — with deploy/upstream.conf, the systemd
# instances' upstream, pointed at this run's two loopback ports, its certificate a throwaway one made here with openssl for 127.0.0.1 and
# localhost, signed by a test CA. Then, through the proxy only, every request over HTTPS
# verified against that CA (curl --cacert, Python's ssl): health; the HSTS header; port 80
# answering only with a redirect to HTTPS; a client that does not know the CA refused; a desk
# enrolled; its event stream left open; bookings that the round robin sends to both
# instances; every booking's change announced on the stream; the quiet stream kept open
# past the server's 15 s keep-alive comment; and the servers' database connections all TLS.
#
#   deploy/check-proxy.sh [path/to/frontdesk-server]    # default: target/debug/frontdesk-server
#
# Installs nginx (and PostgreSQL, through scripts/pg-test-cluster.sh) from Debian when
# missing. A tool, not part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:-target/debug/frontdesk-server}
[ -x "$server" ] || { echo "check-proxy: no $server: cargo build -p frontdesk-server" >&2; exit 1; }
if ! command -v nginx >/dev/null; then
  echo "check-proxy: installing nginx"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nginx >/dev/null
fi
command -v openssl >/dev/null || { echo "check-proxy: openssl is missing" >&2; exit 1; }

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
[ -n "$FRONTDESK_TEST_PG_CA" ] || { echo "check-proxy: the test cluster has no TLS" >&2; exit 1; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The servers reach PostgreSQL as a production server across hosts would: TLS, the
# certificate checked against the cluster's CA and its host name (127.0.0.1).
database="$FRONTDESK_TEST_PG?sslmode=verify-full&sslrootcert=$FRONTDESK_TEST_PG_CA"
cp deploy/studio.example.toml "$work/studio.toml"   # no desk tokens in it: desks enrol

ports=()
for name in a b; do
  port=$(free_port)
  "$server" serve --config "$work/studio.toml" --database "$database" \
    --connections 2 --listen "127.0.0.1:$port" --trust-proxy 127.0.0.1 >"$work/server-$name.out" 2>"$work/server-$name.log" &
  pids+=("$!")
  ports+=("$port")
done
for name in a b; do
  for _ in $(seq 100); do grep -q listening "$work/server-$name.out" && break; sleep 0.1; done
  grep -q listening "$work/server-$name.out" || { cat "$work/server-$name.log" >&2; exit 1; }
done

# nginx's certificate: a throwaway CA and a certificate it signed for 127.0.0.1/localhost.
mkdir "$work/tls"
test_certificates "$work/tls"
mv "$work/tls/server.crt" "$work/tls/fullchain.pem"
mv "$work/tls/server.key" "$work/tls/privkey.pem"
ca="$work/tls/ca.crt"

http=$(free_port)
https=$(free_port)
# The shipped upstream.conf (the systemd instances on 127.0.0.1:8787 and :8788), on the
# ports of this run's two servers, included where nginx.conf includes it.
sed -e "s/server 127.0.0.1:8787;/server 127.0.0.1:${ports[0]};/" \
    -e "s/server 127.0.0.1:8788;/server 127.0.0.1:${ports[1]};/" deploy/upstream.conf >"$work/upstream.conf"
sed -e "s|include /etc/nginx/frontdesk-upstream.conf;|include $work/upstream.conf;|" \
    -e "s/listen 80;/listen 127.0.0.1:$http;/" \
    -e "s/listen 443 ssl http2;/listen 127.0.0.1:$https ssl http2;/" \
    -e "s|return 301 https://\$host\$request_uri;|return 301 https://\$host:$https\$request_uri;|" \
    -e "s|/etc/nginx/tls/|$work/tls/|" deploy/nginx.conf >"$work/site.conf"
# Each line this script rewrote must still be in nginx.conf: fail loudly if it drifted.
for expected in "include $work/upstream.conf;" "listen 127.0.0.1:$http;" \
    "listen 127.0.0.1:$https ssl http2;" "https://\$host:$https\$request_uri" \
    "$work/tls/fullchain.pem" "$work/tls/privkey.pem"; do
  grep -qF "$expected" "$work/site.conf" ||
    { echo "check-proxy: deploy/nginx.conf changed: no '$expected' after rewriting it" >&2; exit 1; }
done
for expected in "server 127.0.0.1:${ports[0]};" "server 127.0.0.1:${ports[1]};"; do
  grep -qF "$expected" "$work/upstream.conf" ||
    { echo "check-proxy: deploy/upstream.conf changed: no '$expected' after rewriting it" >&2; exit 1; }
done
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
base="https://127.0.0.1:$https"
for _ in $(seq 50); do curl -sf --cacert "$ca" "$base/v1/health" >/dev/null && break; sleep 0.1; done

fail() { echo "check-proxy: $*" >&2; exit 1; }
# HTTPS, verified against the test CA; HTTP/2 offered; HSTS on the answer.
headers=$(curl -sS --cacert "$ca" --http2 -D - -o /dev/null "$base/v1/health")
grep -q '^HTTP/2 200' <<<"$headers" || fail "GET /v1/health over HTTPS: $headers"
hsts=$(grep -i '^strict-transport-security:' <<<"$headers" | tr -d '\r') ||
  fail "no Strict-Transport-Security header: $headers"
echo "check-proxy: https://127.0.0.1:$https/v1/health: 200 over HTTP/2, certificate verified against the test CA; $hsts"
ready=$(curl -sS --cacert "$ca" -o /dev/null -w '%{http_code}' "$base/v1/ready")
[ "$ready" = 200 ] || fail "GET /v1/ready (compose's health check) answered $ready"
echo "check-proxy: GET /v1/ready (the servers' health check in compose.yaml): $ready"
# A client that does not trust the test CA is refused (curl's exit 60: peer not verified).
rc=0
curl -sS -o /dev/null "$base/v1/health" 2>/dev/null || rc=$?
[ "$rc" -eq 60 ] || fail "a client without the test CA got through (curl exit $rc)"
echo "check-proxy: without the test CA: refused (curl exit 60, certificate not verified)"
# Port 80: a redirect to HTTPS and nothing else; following it ends on HTTPS.
redirect=$(curl -sS -D - -o /dev/null "http://127.0.0.1:$http/v1/studio" | tr -d '\r')
grep -q '^HTTP/1.1 301' <<<"$redirect" || fail "port 80 did not redirect: $redirect"
location=$(grep -i '^location:' <<<"$redirect" | awk '{print $2}')
[ "$location" = "$base/v1/studio" ] || fail "port 80 redirected to $location"
final=$(curl -sS -L --cacert "$ca" -o /dev/null -w '%{http_code} %{url_effective}' "http://127.0.0.1:$http/v1/health")
[ "$final" = "200 $base/v1/health" ] || fail "following the redirect ended at $final"
logged=$(grep '^GET /v1/studio ' "$work/nginx-access.log" | tail -1)
[ "$logged" = "GET /v1/studio HTTP/1.1 301 -" ] || fail "port 80 passed a request on: $logged"
echo "check-proxy: http://127.0.0.1:$http/v1/studio: 301 to $location (nothing proxied); followed: $final"

# A desk enrolled as in production: `desk add` prints a one-time code, which the desk
# exchanges for its token over HTTPS (POST /v1/enrol).
"$server" desk add proxy-check --config "$work/studio.toml" --database "$database" \
  >"$work/desk-add.out" 2>"$work/desk-add.log" || { cat "$work/desk-add.log" >&2; exit 1; }
code=$(grep -oE '\b[A-Z0-9]{4}-[A-Z0-9]{6}\b' "$work/desk-add.out" | head -1) ||
  fail "desk add printed no enrolment code: $(cat "$work/desk-add.out")"
token=$(curl -sS --fail-with-body --cacert "$ca" -H 'Content-Type: application/json' \
  -d "{\"code\": \"$code\"}" "$base/v1/enrol" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
echo "check-proxy: desk enrolled through the proxy with code $code"

python3 - "$base" "$ca" "$token" <<'EOF'
import json, ssl, sys, threading, time, urllib.request, uuid
base, ca, token = sys.argv[1:4]
tls = ssl.create_default_context(cafile=ca)  # verifies the chain and the host name
auth = {"Authorization": f"Bearer {token}"}

def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={**auth, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10, context=tls) as r:
        return r.status, json.loads(r.read() or b"null")

studio = call("GET", "/v1/studio")[1]
room = studio["rooms"][0]["id"]
heard, comments, stream_open = [], [], threading.Event()

def listen():
    req = urllib.request.Request(base + "/v1/events", headers=auth)
    with urllib.request.urlopen(req, timeout=60, context=tls) as r:
        assert r.headers["Content-Type"].startswith("text/event-stream"), r.headers
        assert r.headers["X-Accel-Buffering"] == "no", r.headers
        assert r.headers["Strict-Transport-Security"].startswith("max-age="), r.headers
        stream_open.set()
        event = None
        for line in r:
            line = line.decode().strip()
            if line.startswith(":"):  # the server's keep-alive comment, about every 15 s
                comments.append(time.monotonic())
            elif line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "change":
                heard.append((time.monotonic(), json.loads(line[5:])["seq"]))

threading.Thread(target=listen, daemon=True).start()
assert stream_open.wait(10), "the event stream did not open through the proxy"
opened = time.monotonic()
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
print(f"check-proxy: 6 bookings over HTTPS through nginx over two instances, each announced on "
      f"one stream (HSTS and X-Accel-Buffering: no on it) within {worst * 1000:.0f} ms")
# Quiet from here: the stream must stay open and pass the server's keep-alive comment on.
late = lambda: [at - opened for at in comments if at - opened > 10]
deadline = opened + 25
while time.monotonic() < deadline and not late():
    time.sleep(0.1)
assert late(), "no keep-alive comment came through the proxy between 10 and 25 s"
print(f"check-proxy: the quiet stream stayed open and passed the server's keep-alive comment "
      f"{late()[0]:.1f} s after it opened")
EOF
served=$(grep '^POST /v1/bookings ' "$work/nginx-access.log" | awk '{print $NF}' | sort -u | wc -l)
echo "check-proxy: the bookings went to $served of 2 instances"
[ "$served" -eq 2 ] || fail "the proxy did not spread the bookings"

# The servers' connections to PostgreSQL, as PostgreSQL sees them.
read -r tls plain < <(psql "$FRONTDESK_TEST_PG" -AtF ' ' -c "SELECT count(*) FILTER (WHERE s.ssl),
  count(*) FILTER (WHERE NOT s.ssl) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
  WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()")
echo "check-proxy: the servers' connections to PostgreSQL: $tls over TLS (verify-full), $plain plain"
[ "$tls" -gt 0 ] && [ "$plain" -eq 0 ] || fail "a server reached PostgreSQL without TLS"
