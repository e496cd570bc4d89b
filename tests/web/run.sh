#!/usr/bin/env bash
# Browser tests for `sukien serve`: builds a store from tests/fixtures/web with
# `sukien ingest`, serves it on a free port, and drives the page in headless
# Chromium (Debian's /usr/bin/chromium via playwright-core; never downloads a
# browser). Screenshots go to tests/artifacts/. Skips (exit 0, with a message)
# only when chromium or node_modules/playwright-core is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${SUKIEN:?set SUKIEN to the sukien binary}"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "web-test: SKIP: no chromium at $CHROMIUM (scripts/install-deps.sh installs it)"; exit 0
fi
if ! command -v node >/dev/null 2>&1 || [ ! -d "$root/node_modules/playwright-core" ]; then
  echo "web-test: SKIP: node or node_modules/playwright-core missing (run npm install)"; exit 0
fi
tmp=$(mktemp -d)
spid=
cleanup() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
bin=$SUKIEN
if "$SUKIEN" ingest --help >/dev/null 2>&1; then
  store="real store (sukien ingest of tests/fixtures/web)"
  rc=0; "$SUKIEN" ingest --db "$tmp/web.db" --quiet "$root/tests/fixtures/web/articles.jsonl" \
    >"$tmp/ingest.log" 2>&1 || rc=$?
  if [ $rc -gt 1 ]; then cat "$tmp/ingest.log"; exit 1; fi
else
  # Before the store is merged: the fake store (tests/fakes/), same page and API.
  store="fake store (no sukien ingest in this build)"
  bin=$(dirname "$SUKIEN")/sukien-fake
  [ -x "$bin" ] || make -C "$root" "${bin#"$root"/}" >/dev/null
  : >"$tmp/web.db"
fi
"$bin" serve --db "$tmp/web.db" --port 0 --threads 4 2>"$tmp/serve.log" &
spid=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$tmp/serve.log")
  [ -n "$port" ] && break
  kill -0 "$spid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then echo "web-test: server did not start"; cat "$tmp/serve.log"; exit 1; fi
mkdir -p "$root/tests/artifacts"
echo "web-test: $store on port $port"
rc=0
node "$here/e2e.mjs" "http://127.0.0.1:$port" "$root/tests/artifacts" "$CHROMIUM" || rc=$?
if [ $rc -ne 0 ]; then echo "web-test: server log:"; tail -20 "$tmp/serve.log"; fi
exit $rc
