#!/usr/bin/env bash
# Checks against a real PostgreSQL that asks for a password (scram-sha-256) that the server
# takes the password from PGPASSWORD, PGPASSFILE and the URL's ?passfile= when the URL has
# none, that a wrong or a missing password is said as such, and that `ps` shows no password
# while it serves. A throwaway cluster (scripts/pg-test-cluster.sh, which trusts local
# connections) gets a role `frontdesk` with a password and a pg_hba.conf line asking that
# role for it; the cluster is stopped and removed at the end, however this ends.
#
#   deploy/check-pg-password.sh [path/to/frontdesk-server]    # default: target/debug/frontdesk-server
#
# crates/server/tests/operator_first_hour.rs runs it. Takes about 3 s.
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:-target/debug/frontdesk-server}
[ -x "$server" ] || { echo "check-pg-password: no $server: cargo build -p frontdesk-server" >&2; exit 1; }
work=$(mktemp -d)
server_pid=""
source scripts/pg-test-cluster.sh
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  pg_test_cluster_stop
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "check-pg-password: $*" >&2; exit 1; }
say() { echo "check-pg-password: $*"; }
pg_test_cluster_start >/dev/null
admin=$FRONTDESK_TEST_PG
port=${admin##*:}
port=${port%%/*}
secret="pw-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
psql "$admin" -qX -v ON_ERROR_STOP=1 -c "CREATE ROLE frontdesk LOGIN PASSWORD '$secret'" \
  -c "CREATE DATABASE frontdesk OWNER frontdesk" >/dev/null
psql "${admin%/*}/frontdesk" -qX -v ON_ERROR_STOP=1 \
  -c "CREATE EXTENSION btree_gist" -c "CREATE EXTENSION pg_trgm" >/dev/null
hba=$(psql "$admin" -qXAt -c "SHOW hba_file")
{ echo "host all frontdesk 127.0.0.1/32 scram-sha-256"; cat "$hba"; } >"$work/hba"
cat "$work/hba" >"$hba"
psql "$admin" -qXAt -c "SELECT pg_reload_conf()" >/dev/null
cp deploy/studio.example.toml "$work/studio.toml"
url="postgres://frontdesk@127.0.0.1:$port/frontdesk?sslmode=disable"
mkdir "$work/home"
# The server with the environment given, never the runner's PostgreSQL variables or ~/.pgpass.
run() { env -u PGPASSWORD -u PGPASSFILE HOME="$work/home" "$@"; }
list() { "$server" desk list --config "$work/studio.toml" --database "$1"; }

said=$(run "$server" desk add reception --config "$work/studio.toml" --database "$url" 2>&1) &&
  fail "no password, yet it connected: $said"
grep -q 'asks user "frontdesk" for a password and none was given' <<<"$said" || fail "no password: $said"
say "no password: refused, saying so"
said=$(run PGPASSWORD=wrong "$server" desk add reception --config "$work/studio.toml" --database "$url" 2>&1) &&
  fail "a wrong password connected: $said"
grep -q 'authentication failed for user "frontdesk": check the password' <<<"$said" || fail "wrong password: $said"
say "a wrong PGPASSWORD: refused, saying so"
run PGPASSWORD="$secret" "$server" desk add reception --config "$work/studio.toml" --database "$url" \
  >"$work/code" 2>"$work/err" || fail "PGPASSWORD: $(cat "$work/err")"
say "PGPASSWORD: connected (desk add printed a code)"
install -m 0600 /dev/null "$work/pgpass"
echo "127.0.0.1:$port:frontdesk:frontdesk:$secret" >"$work/pgpass"
run PGPASSFILE="$work/pgpass" "$server" desk list --config "$work/studio.toml" --database "$url" \
  2>"$work/err" | grep -q '^reception' || fail "PGPASSFILE: $(cat "$work/err")"
say "PGPASSFILE: connected (desk list shows the desk)"
run "$server" desk list --config "$work/studio.toml" --database "$url&passfile=${work//\//%2F}%2Fpgpass" \
  2>"$work/err" | grep -q '^reception' || fail "?passfile=: $(cat "$work/err")"
say "?passfile= in the URL: connected"
chmod 0644 "$work/pgpass"
said=$(run PGPASSFILE="$work/pgpass" "$server" desk list --config "$work/studio.toml" --database "$url" 2>&1) &&
  fail "a password file others may read was used"
grep -q 'chmod 600' <<<"$said" || fail "an open password file: $said"
chmod 0600 "$work/pgpass"
say "a password file others may read: refused, naming it"

run PGPASSFILE="$work/pgpass" "$server" serve --config "$work/studio.toml" --database "$url" \
  --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 100); do grep -q listening "$work/serve.out" && break; sleep 0.1; done
base=$(sed -n 's/^listening on //p' "$work/serve.out")
[ -n "$base" ] || fail "serve did not start: $(cat "$work/serve.log")"
ready=$(curl -s -o /dev/null -w '%{http_code}' "$base/v1/ready")
[ "$ready" = 200 ] || fail "GET /v1/ready: $ready"
if tr '\0' ' ' <"/proc/$server_pid/cmdline" | grep -qF "$secret"; then fail "the password is on the command line"; fi
if grep -qF "$secret" "$work/serve.log"; then fail "the password is in the log"; fi
say "serve with PGPASSFILE: /v1/ready 200; the password is neither on its command line nor in its log"
