#!/usr/bin/env bash
# Ingest throughput into a new store, SQLite or PostgreSQL, with the CPU the
# database server spent (PostgreSQL: the backends' CPU, read from the
# postmaster's reaped-children counters, so only a cluster of our own counts,
# e.g. scripts/start-test-postgres.sh's). That counter also takes in any
# autovacuum worker that ends during the run, so it varies from run to run.
#
#   bench/bench_ingest.sh TARGET INPUT... [-- INGEST-OPTIONS...]
#     TARGET: sqlite (a new file under bench/out/) or pg (a new database in the
#             cluster of $SUKIEN_TEST_PG)
#   SUKIEN=build/sukien (default)
# Prints one line: target, articles, wall s, client CPU s, server CPU s,
# articles/s (wall), peak RSS MB.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
SUKIEN=${SUKIEN:-$here/build/sukien}
target=$1; shift
inputs=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do inputs+=("$1"); shift; done
[ $# -gt 0 ] && shift
opts=("$@")
out=$here/bench/out
mkdir -p "$out"
tick=$(getconf CLK_TCK)
server_cpu() { # postmaster's cutime + cstime, in ticks
  local pid; pid=$(head -1 "$pgdata/postmaster.pid")
  awk '{ print $16 + $17 }' "/proc/$pid/stat"
}
case $target in
sqlite)
  db=$out/bench-ingest.db
  rm -f "$db" "$db"-*
  ;;
pg)
  : "${SUKIEN_TEST_PG:?set SUKIEN_TEST_PG (scripts/start-test-postgres.sh)}"
  host=${SUKIEN_TEST_PG#*host=}; host=${host%%&*}
  pgdata=$host/data
  name=bench_ingest_$$
  PGOPTIONS=--client-min-messages=warning psql "$SUKIEN_TEST_PG" -Xq -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
  db="postgresql://sukien@/$name?host=$host"
  ;;
*) echo "usage: $0 sqlite|pg INPUT... [-- OPTIONS]" >&2; exit 2 ;;
esac
[ "$target" = pg ] && s0=$(server_cpu)
t=$(mktemp)
set +e
/usr/bin/time -f "%e %U %S %M" -o "$t" "$SUKIEN" ingest -q "${opts[@]}" --db "$db" "${inputs[@]}"
rc=$?
set -e
[ $rc -le 1 ] || { echo "ingest exit $rc" >&2; exit 1; }
server=0
if [ "$target" = pg ]; then
  sleep 0.5 # the backend exits after the client disconnects
  server=$(awk -v a="$s0" -v b="$(server_cpu)" -v t="$tick" 'BEGIN { printf "%.2f", (b - a) / t }')
  psql "$SUKIEN_TEST_PG" -Xq -c "DROP DATABASE $name"
else
  rm -f "$db" "$db"-*
fi
n=$(cat "${inputs[@]}" | wc -l)
tail -1 "$t" | awk -v tg="$target" -v n="$n" -v s="$server" '{
  printf "%s %d articles: wall %.2f s, client CPU %.2f s, server CPU %s s, %.0f articles/s, peak RSS %.0f MB\n",
    tg, n, $1, $2 + $3, s, n / ($1 > 0 ? $1 : 0.001), $4 / 1024 }'
rm -f "$t"
