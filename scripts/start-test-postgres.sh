#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the store tests and print its URL.
#
#   export SUKIEN_TEST_PG="$(scripts/start-test-postgres.sh)"
#   make check                       # the PostgreSQL store tests now run
#   "$(dirname-of-socket)/stop.sh"   # or leave it: it lives in a temp dir
#
# The cluster listens only on a unix socket inside a new temp directory (no
# TCP port), trusts local connections, runs with fsync off, and uses the C
# locale (byte order, like SQLite). initdb refuses to run as root, so as root
# the cluster belongs to the `postgres` user (created by Debian's postgresql
# package) and is started through runuser.
set -euo pipefail
BIN=${PG_BIN:-}
if [ -z "$BIN" ]; then
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && BIN=$d; done
fi
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "start-test-postgres: no initdb found (install postgresql, or set PG_BIN)" >&2
  exit 1
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/sukien-pg.XXXXXX")
RUN=()
if [ "$(id -u)" = 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "start-test-postgres: running as root needs a 'postgres' user" >&2
    exit 1
  fi
  chown postgres: "$dir"
  RUN=(runuser -u postgres --)
fi
"${RUN[@]}" "$BIN/initdb" -D "$dir/data" -A trust -U sukien -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2; exit 1; }
"${RUN[@]}" "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
cat >"$dir/stop.sh" <<STOP
#!/bin/sh
${RUN[*]} "$BIN/pg_ctl" -D "$dir/data" -m fast stop && rm -rf "$dir"
STOP
chmod +x "$dir/stop.sh"
echo "postgresql://sukien@/postgres?host=$dir"
