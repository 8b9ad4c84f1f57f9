#!/usr/bin/env bash
# Runs every test of guidebook: formatting, lints, unit and integration tests (cargo test) and
# the browser tests in headless Chromium. On a fresh machine it first installs what the tests
# need: Debian's chromium and poppler-utils (for the PDF checks) and the browser driver from npm.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} (apt-get)..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
export GUIDEBOOK_CHROME="${GUIDEBOOK_CHROME:-$(command -v chromium)}"

if [ -f tests/browser/package.json ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo build --quiet --bin guidebook
cargo test --quiet

if [ -f tests/browser/package.json ]; then
  GUIDEBOOK_BIN="$PWD/target/debug/guidebook" node --test --test-concurrency=1 tests/browser/
fi
