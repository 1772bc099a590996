#!/usr/bin/env bash
# Restores a dump made by deploy/pg-backup.sh into an EMPTY database (create it first:
# `createdb -O frontdesk frontdesk_restored`), in one transaction: a restore that fails
# leaves the database empty. Then point the instances at it (serve --database URL).
#
#   deploy/pg-restore.sh /backups/frontdesk-2026-12-03.dump postgres://frontdesk@db.example/frontdesk_restored
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DUMP_FILE DATABASE_URL" >&2; exit 2; }
dump=$1 url=$2
[ -f "$dump" ] || { echo "pg-restore: $dump does not exist" >&2; exit 1; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
pg_restore=${PG_RESTORE:-${bin:+$bin/}pg_restore}
psql=${PSQL:-${bin:+$bin/}psql}
taken=$("$psql" "$url" -Atc "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
[ "$taken" = 0 ] || { echo "pg-restore: the database is not empty ($taken tables): restore into a new one; nothing was written" >&2; exit 1; }
"$pg_restore" --no-owner --single-transaction --exit-on-error --dbname="$url" "$dump"
echo "pg-restore: restored $dump; start the instances with --database $url"
