#!/usr/bin/env bash
# Installs what is missing and starts the Frontdesk desk app. With no server configured
# (FRONTDESK_SERVER unset) it works on its local SQLite file and a demo studio.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
npm run ui:build
exec cargo run --bin frontdesk -- "$@"
