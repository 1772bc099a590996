#!/usr/bin/env bash
# Regenerates the upgrade fixtures (tests/fixtures/upgrade/) from a release: the desk file,
# the server's SQLite file and its PostgreSQL database, exactly as that release writes them.
# tests/upgrade.rs opens them with the current code.
#
#   scripts/upgrade-fixtures.sh REV     # a release's tag or commit, e.g. v0.2.0
#
# How: a worktree of REV gets this checkout's generator (examples/upgrade_fixture.rs) and
# summary (tests/upgrade/summary.rs), which use only the store, desk and test-kit calls a
# release has; it is built there in a target folder of its own (target/upgrade-fixtures:
# its server binary must not replace this checkout's), writes the two files and what they
# hold; then that release's `frontdesk-server migrate` moves the server file into a fresh
# PostgreSQL database (a throwaway cluster, scripts/pg-test-cluster.sh), which is dumped.
set -euo pipefail
rev=${1:?usage: scripts/upgrade-fixtures.sh REV (a release tag or commit)}
root=$(git rev-parse --show-toplevel)
cd "$root"
commit=$(git rev-parse --verify "$rev^{commit}")
work=$(mktemp -d)
cleanup() {
  git worktree remove --force "$work/src" >/dev/null 2>&1 || true
  rm -rf "$work"
  if [ -n "${started_cluster:-}" ]; then pg_test_cluster_stop; fi
}
trap cleanup EXIT
git worktree add --detach "$work/src" "$commit" >/dev/null
mkdir -p "$work/src/examples" "$work/src/tests/upgrade"
cp examples/upgrade_fixture.rs "$work/src/examples/"
cp tests/upgrade/summary.rs "$work/src/tests/upgrade/"

out="$root/tests/fixtures/upgrade"
rm -rf "$out"
mkdir -p "$out"
export CARGO_TARGET_DIR="$root/target/upgrade-fixtures"
(cd "$work/src" && cargo run --quiet --example upgrade_fixture -- "$out")
(cd "$work/src" && cargo build --quiet -p frontdesk-server --bin frontdesk-server)

source scripts/pg-test-cluster.sh
if [ -z "${FRONTDESK_TEST_PG:-}" ]; then
  pg_test_cluster_start
  started_cluster=1
fi
db="upgrade_fixture_$$"
psql -q "$FRONTDESK_TEST_PG" -c "CREATE DATABASE $db"
url="${FRONTDESK_TEST_PG%/*}/$db"
"$CARGO_TARGET_DIR/debug/frontdesk-server" migrate --from "$out/server.sqlite" --to "$url"
pg_dump --no-owner --no-privileges "$url" > "$out/server.pg.sql"
psql -q "$FRONTDESK_TEST_PG" -c "DROP DATABASE $db"

printf '%s\n' "$commit" > "$out/RELEASE"
echo "upgrade fixtures of $rev ($commit) in tests/fixtures/upgrade/"
