#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests of the server's PostgreSQL backend.
#
#   source scripts/pg-test-cluster.sh   # installs PostgreSQL from Debian when missing,
#   pg_test_cluster_start               # starts a cluster in a temp folder and exports
#                                       # FRONTDESK_TEST_PG=postgres://postgres@127.0.0.1:PORT/postgres
#                                       # and FRONTDESK_TEST_PG_CA=<its test CA's certificate>
#   pg_test_cluster_stop                # stops it and removes the folder
#
# PG_TEST_PORT, when set, is the port to listen on (else a free one is chosen with python3).
# The test kit (crates/testkit/src/postgres.rs) starts its own cluster with these functions
# when a test process finds no FRONTDESK_TEST_PG.
#
# The cluster runs as the `postgres` user (PostgreSQL refuses root), listens on a free
# loopback port and a Unix socket in its folder, trusts local connections and runs with
# fsync off: it holds only test data. Each test creates its own database in it.
# It also speaks TLS (ssl=on; clients choose, so plain connections work as before) with a
# server certificate for 127.0.0.1 and localhost, signed by a throwaway CA made here with
# openssl (which Debian's postgresql package pulls in); the CA's key is deleted once it has
# signed. Tests of verified TLS connect with `sslmode=require&sslrootcert=$FRONTDESK_TEST_PG_CA`.

pg_test_cluster_install() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "pg-test-cluster: installing postgresql"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  fi
}

# A throwaway CA's certificate (ca.crt) and a server certificate it signed for 127.0.0.1
# and localhost (server.crt, server.key) in folder $1 (EC P-256: made in milliseconds). The
# CA's key is deleted once it has signed. Valid for a century from today: the tests run
# with the clock in 2031 too (scripts/test-in-2031.sh). deploy/check-proxy.sh uses it for
# nginx as well.
test_certificates() {
  local dir=$1 ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  openssl req -x509 "${ec[@]}" -days 36500 -subj "/CN=frontdesk test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null &&
  openssl req "${ec[@]}" -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" \
    2>/dev/null &&
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" >"$dir/server.ext" &&
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -days 36500 \
    -set_serial "0x$(openssl rand -hex 8)" -extfile "$dir/server.ext" -out "$dir/server.crt" \
    2>/dev/null || return 1
  rm -f "$dir/ca.key" "$dir/server.csr" "$dir/server.ext"
  chmod 600 "$dir/server.key"
}

pg_test_cluster_start() {
  pg_test_cluster_install
  local bin
  bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
  PG_TEST_DIR=$(mktemp -d /tmp/frontdesk-pg.XXXXXX)
  local port=${PG_TEST_PORT:-}
  [ -n "$port" ] ||
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PG_TEST_DIR"
    as=(runuser -u postgres --)
  fi
  local tls=() ca=""
  if command -v openssl >/dev/null && test_certificates "$PG_TEST_DIR"; then
    # PostgreSQL wants its key owned by itself and private.
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PG_TEST_DIR/server.key" "$PG_TEST_DIR/server.crt"; fi
    tls=(-c ssl=on -c "ssl_cert_file=$PG_TEST_DIR/server.crt" -c "ssl_key_file=$PG_TEST_DIR/server.key")
    ca="$PG_TEST_DIR/ca.crt"
  else
    echo "pg-test-cluster: no test certificate (openssl missing or failing): TLS off" >&2
  fi
  "${as[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth=trust --no-sync \
    -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 ||
    { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  PG_TEST_BIN=$bin   # before the start: pg_test_cluster_stop stops even a start that failed
  "${as[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TEST_DIR -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 ${tls[*]}" >/dev/null ||
    { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
  export FRONTDESK_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres"
  export FRONTDESK_TEST_PG_CA="$ca"
  echo "pg-test-cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port${ca:+ (TLS: test CA $ca)}"
}

pg_test_cluster_stop() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
  PG_TEST_DIR=""
  unset FRONTDESK_TEST_PG_CA
}
