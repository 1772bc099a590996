#!/usr/bin/env bash
# Installs what building, running and testing Frontdesk needs on Debian 12, skipping what
# is already there: system packages (apt), the Rust toolchain's clippy and rustfmt, and the
# npm packages of the lockfile.
# Rust (cargo) and Node (npm) must already be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev # build the app
  libdbus-1-dev                                                            # the desk token in the Secret Service (keyring)
  xvfb xauth webkit2gtk-driver                                             # run it headless in tests
  rpm file                                                                 # bundle and inspect packages
  faketime                                                                 # the test suite with the clock in 2031
  chromium chromium-driver                                                 # the public booking page in a real browser
  prometheus                                                               # /metrics scraped by a real Prometheus (promtool too)
  python3-aiosmtpd                                                         # a real SMTP server for the messages tests (/usr/bin/python3)
  dbus-daemon desktop-file-utils procps                                    # kiosk start: one instance per desk file, autostart entries
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

for tool in cargo npm; do
  command -v "$tool" >/dev/null || { echo "setup: $tool is missing: install Rust (rustup) and Node.js 20 first" >&2; exit 1; }
done

# The lints scripts/test.sh runs: clippy and rustfmt, components of the Rust toolchain.
components=()
cargo clippy --version >/dev/null 2>&1 || components+=(clippy)
cargo fmt --version >/dev/null 2>&1 || components+=(rustfmt)
if [ ${#components[@]} -gt 0 ]; then
  command -v rustup >/dev/null ||
    { echo "setup: ${components[*]} missing and no rustup to add them: install them with your Rust toolchain" >&2; exit 1; }
  echo "setup: adding ${components[*]} to the Rust toolchain"
  rustup component add "${components[@]}"
fi

# npm ci only when the lockfile changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.frontdesk-lock; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.frontdesk-lock
fi
