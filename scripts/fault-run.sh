#!/usr/bin/env bash
# The randomized fault run with real desks (tests/fault_run.rs, docs/fault-run.md), for as
# long as asked and with a chosen seed: a seed replays the same choices.
#
#   scripts/fault-run.sh --seconds 1800 --seed 42 [--desks 3] [--strict]
#
# --strict fails the run on violations that a known defect explains too (tests/fault_findings.rs;
# without it they are listed and counted, and only unexplained ones fail).
# Starts its own throwaway PostgreSQL (scripts/pg-test-cluster.sh), stopped at the end, and
# prints the run's seed, operations by kind, desk kills, instance kills, partitions and the
# invariants checked. Exit status: 0 when every invariant held.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
seed=$(date +%s)
desks=3
strict=0
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --desks) desks=$2; shift 2 ;;
    --strict) strict=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "fault-run: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
for n in "$seconds" "$seed" "$desks"; do
  case "$n" in ''|*[!0-9]*) echo "fault-run: $n is not a whole number" >&2; exit 2 ;; esac
done

# shellcheck source=scripts/pg-test-cluster.sh
source scripts/pg-test-cluster.sh
pg_test_cluster_start
trap pg_test_cluster_stop EXIT

echo "fault-run: seed $seed, $seconds s of faults, $desks desks"
# Built first, so the time below is the run's own.
cargo test --test fault_run --no-run
started=$(date +%s)
status=0
FRONTDESK_FAULT_SECONDS=$seconds FRONTDESK_FAULT_SEED=$seed FRONTDESK_FAULT_DESKS=$desks \
  FRONTDESK_FAULT_STRICT=$strict \
  cargo test --test fault_run -- --nocapture --test-threads 1 --exact \
  desks_and_instances_under_faults_end_equal_to_the_server || status=$?
echo "fault-run: seed $seed, $(( $(date +%s) - started )) s wall, exit status $status"
if [ "$status" -ne 0 ]; then
  # The database the report names stays for a look (the desk files are kept by the test).
  trap - EXIT
  echo "fault-run: PostgreSQL stays up at $FRONTDESK_TEST_PG; stop it with:"
  echo "  (source scripts/pg-test-cluster.sh; PG_TEST_DIR=$PG_TEST_DIR PG_TEST_BIN=$PG_TEST_BIN pg_test_cluster_stop)"
fi
echo "fault-run: replay with scripts/fault-run.sh --seconds $seconds --seed $seed --desks $desks$([ $strict = 1 ] && echo ' --strict')"
exit $status
