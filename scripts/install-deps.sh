#!/usr/bin/env bash
# Install what sukien needs on Debian (12 "bookworm" or later): compiler, the
# libraries it links, PostgreSQL for the store tests, Chromium + playwright-core
# for the browser tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
PKGS=(build-essential pkg-config clang libclang-rt-dev clang-format
      libutf8proc-dev libjansson-dev libxml2-dev zlib1g-dev libsqlite3-dev sqlite3
      libpq-dev postgresql libmicrohttpd-dev
      python3 valgrind chromium parallel)
# Node.js may come from elsewhere (NodeSource bundles npm); only add Debian's when absent.
command -v npm >/dev/null 2>&1 || PKGS+=(nodejs npm)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || true
  $SUDO apt-get install -y -qq "${missing[@]}"
fi
# Front-end test driver (uses Debian's chromium; never downloads a browser).
if [ -f package.json ] && [ ! -d node_modules/playwright-core ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent
fi
