#!/usr/bin/env bash
# Installs what is missing and starts the Frontdesk desk app. With no server configured
# (FRONTDESK_SERVER unset) it works on its local SQLite file and a demo studio.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# `tauri build` embeds ui/dist into the binary (it runs `npm run ui:build` first); a plain
# `cargo run` would load the Vite dev server instead (that is `npx tauri dev`, for UI work).
npx tauri build --debug --no-bundle
# A new desk welcomes staff (connect to a server, set up a studio, or try the demo); this
# command picks the demo at once. FRONTDESK_DEMO=0 shows the welcome screen instead.
export FRONTDESK_DEMO="${FRONTDESK_DEMO:-1}"
exec target/debug/frontdesk "$@"
