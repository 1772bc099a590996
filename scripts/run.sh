#!/usr/bin/env bash
# Installs what is missing and starts the Frontdesk desk app. With no server configured
# (FRONTDESK_SERVER unset) it works on its local SQLite file and a demo studio.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# `tauri build` embeds ui/dist into the binary (it runs `npm run ui:build` first); a plain
# `cargo run` would load the Vite dev server instead (that is `npx tauri dev`, for UI work).
npx tauri build --debug --no-bundle
exec target/debug/frontdesk "$@"
