#!/usr/bin/env bash
# Checks the metrics part of the deployment without Docker: compose.yaml's `metrics` profile
# parses and its Prometheus start-up writes the token file (the shell lines run here as
# compose would run them), then Debian's real Prometheus (package `prometheus`) scrapes two
# real server instances with deploy/prometheus.yml (only its targets, the token file's path
# and the scrape interval changed), both targets come up with the token (a wrong token
# leaves a third target down with 401), and every query of deploy/dashboard.json runs.
#
#   deploy/check-metrics.sh [path/to/frontdesk-server]    # default: target/debug/frontdesk-server
#
# crates/server/tests/metrics.rs runs it when `prometheus` is installed. About 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:-target/debug/frontdesk-server}
[ -x "$server" ] || { echo "check-metrics: no $server: cargo build -p frontdesk-server" >&2; exit 1; }
command -v prometheus >/dev/null || { echo "check-metrics: no prometheus (apt-get install prometheus)" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "check-metrics: $*" >&2; exit 1; }
say() { echo "check-metrics: $*"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
token="metrics-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

# compose.yaml: the profile, the servers' token variable, Prometheus's start-up lines.
python3 - "$work" <<'PY'
import sys, yaml
work = sys.argv[1]
compose = yaml.safe_load(open("deploy/compose.yaml"))
services = compose["services"]
prom = services["prometheus"]
assert prom["profiles"] == ["metrics"], prom["profiles"]
assert "./prometheus.yml:/etc/prometheus/prometheus.yml:ro" in prom["volumes"]
assert all(s.get("profiles") is None for n, s in services.items() if n != "prometheus")
for name in ("server-a", "server-b"):
    env = services[name]["environment"]
    assert env["FRONTDESK_METRICS_TOKEN"] == "${FRONTDESK_METRICS_TOKEN:-}", env
# The lines as the container's shell gets them: compose turns $$ into $.
script = prom["command"][0].replace("$$", "$").replace("/etc/prometheus/token", work)
script = script.replace("exec /bin/prometheus", "echo would start prometheus")
open(f"{work}/start.sh", "w").write(script)
PY
FRONTDESK_METRICS_TOKEN=short sh "$work/start.sh" 2>/dev/null && fail "a short token was taken"
FRONTDESK_METRICS_TOKEN=$token sh "$work/start.sh" >/dev/null
[ "$(cat "$work/metrics.token")" = "$token" ] || fail "the start-up lines did not write the token"
[ "$(stat -c %a "$work/metrics.token")" = 600 ] || fail "the token file is readable by others"
say "compose.yaml: profile metrics, token file written 600, a short token refused"

cp deploy/studio.example.toml "$work/studio.toml"
urls=()
for name in a b; do
  FRONTDESK_METRICS_TOKEN=$token "$server" serve --config "$work/studio.toml" \
    --db "$work/$name.sqlite" --listen 127.0.0.1:0 >"$work/$name.out" 2>"$work/$name.log" &
  pids+=($!)
done
for name in a b; do
  for _ in $(seq 100); do grep -q listening "$work/$name.out" && break; sleep 0.1; done
  url=$(sed -n 's/^listening on //p' "$work/$name.out")
  [ -n "$url" ] || fail "server $name did not start: $(cat "$work/$name.log")"
  urls+=("$url")
  curl -fsS "$url/v1/health" >/dev/null
  curl -sS -o /dev/null "$url/v1/studio"   # 401: counted too
done
targets="\"${urls[0]#http://}\", \"${urls[1]#http://}\""
wrong="$work/wrong.token"
printf 'not-the-metrics-token' >"$wrong"
printf '%s' "$token" >"$work/metrics.token"
# The shipped file with its targets, token path and interval changed, plus a job with a
# wrong token.
python3 - "$work" "$targets" "${urls[0]#http://}" <<'PY'
import sys, yaml
work, targets, first = sys.argv[1], sys.argv[2], sys.argv[3]
config = yaml.safe_load(open("deploy/prometheus.yml"))
config["global"]["scrape_interval"] = "1s"
job = config["scrape_configs"][0]
assert job["authorization"]["credentials_file"] == "/etc/prometheus/token/metrics.token"
job["authorization"]["credentials_file"] = f"{work}/metrics.token"
job["static_configs"][0]["targets"] = yaml.safe_load(f"[{targets}]")
wrong = yaml.safe_load(yaml.safe_dump(job))
wrong["job_name"] = "wrong-token"
wrong["authorization"]["credentials_file"] = f"{work}/wrong.token"
wrong["static_configs"][0]["targets"] = [first]
config["scrape_configs"].append(wrong)
yaml.safe_dump(config, open(f"{work}/prometheus.yml", "w"))
PY
promtool check config "$work/prometheus.yml" >/dev/null || fail "promtool check config: $(promtool check config "$work/prometheus.yml" 2>&1)"
say "prometheus.yml: promtool check config ok"
port=$(free_port)
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
api="http://127.0.0.1:$port/api/v1"
health() {
  curl -fsS "$api/targets" 2>/dev/null | python3 -c '
import json, sys
active = json.load(sys.stdin)["data"]["activeTargets"]
print(" ".join(sorted("%s=%s" % (t["labels"]["job"], t["health"]) for t in active)))
print("\n".join(t["lastError"] for t in active if t["lastError"]), file=sys.stderr)' || true
}
seen=""
for _ in $(seq 150); do
  seen=$(health 2>"$work/errors")
  [ "$seen" = "frontdesk=up frontdesk=up wrong-token=down" ] && break
  sleep 0.2
done
[ "$seen" = "frontdesk=up frontdesk=up wrong-token=down" ] || fail "targets: $seen $(cat "$work/errors") $(tail -5 "$work/prometheus.log")"
grep -q 401 "$work/errors" || fail "the wrong token's target: $(cat "$work/errors")"
say "Prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}'): both instances up with the token; a wrong token down with $(grep -o 'server returned HTTP status [0-9]* [A-Za-z]*' "$work/errors" | head -1)"

query() { curl -fsS "$api/query" --data-urlencode "query=$1"; }
count=$(query 'count(frontdesk_build_info{job="frontdesk"})' | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["result"][0]["value"][1])')
[ "$count" = 2 ] || fail "frontdesk_build_info from $count instances"
health_seen=$(query 'sum(frontdesk_http_requests_total{job="frontdesk",route="/v1/health",status="200"})' | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["result"][0]["value"][1])')
[ "$health_seen" = 2 ] || fail "/v1/health counted $health_seen times, not 2"
say "series: frontdesk_build_info from 2 instances, /v1/health 200 counted 2"

python3 - "$api" <<'PY'
import json, sys, urllib.parse, urllib.request
api = sys.argv[1]
dashboard = json.load(open("deploy/dashboard.json"))
exprs = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
empty = []
for expr in exprs:
    url = f"{api}/query?" + urllib.parse.urlencode({"query": expr})
    answer = json.load(urllib.request.urlopen(url))
    assert answer["status"] == "success", (expr, answer)
    if not answer["data"]["result"]:
        empty.append(expr)
print(f"check-metrics: dashboard.json: {len(exprs)} queries of {len(dashboard['panels'])} panels run, {len(exprs) - len(empty)} with data already")
for expr in empty:
    print(f"check-metrics:   no data yet: {expr}")
PY
say "ok"
