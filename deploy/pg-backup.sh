#!/usr/bin/env bash
# Backs up a Frontdesk PostgreSQL database (every studio of a chain in it) into one file,
# while the instances run: pg_dump's custom format, one consistent snapshot. The dump is
# then listed back with pg_restore to check it is whole before it counts as made.
#
#   deploy/pg-backup.sh postgres://frontdesk@db.example/frontdesk /backups/frontdesk-2026-12-03.dump
#
# The password comes from PGPASSWORD or a password file (PGPASSFILE, ~/.pgpass), never the
# command line. Restore with deploy/pg-restore.sh. For point-in-time recovery (a base backup
# plus archived WAL), see docs/server.md "Backups".
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DATABASE_URL OUT_FILE" >&2; exit 2; }
url=$1 out=$2
[ ! -e "$out" ] || { echo "pg-backup: $out exists already: choose a new name; nothing was written" >&2; exit 1; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
pg_dump=${PG_DUMP:-${bin:+$bin/}pg_dump}
pg_restore=${PG_RESTORE:-${bin:+$bin/}pg_restore}
"$pg_dump" --format=custom --no-owner --file="$out.partial" "$url"
tables=$("$pg_restore" --list "$out.partial" | grep -c " TABLE DATA ") || true
[ "${tables:-0}" -gt 0 ] || { rm -f "$out.partial"; echo "pg-backup: the dump holds no table data; nothing kept" >&2; exit 1; }
mv "$out.partial" "$out"
echo "pg-backup: $out ($tables tables with data, $(du -h "$out" | cut -f1)); keep it off this machine"
