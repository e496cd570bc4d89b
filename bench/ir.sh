#!/bin/sh
# Instructions executed by `sukien code -q` on a file, from callgrind: the
# speed measure that the machine's load does not move.
#
#   bench/ir.sh [BINARY] [FILE]     (default build/sukien, first 300 articles
#                                    of ../shared/corpus/vietnews.jsonl)
#
# Prints total Ir and Ir per input byte; the profile stays in
# $TMPDIR/sukien-ir.out for `callgrind_annotate`.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/sukien}
file=${2:-}
if [ -z "$file" ]; then
    src=${SHARED:-$root/../shared}/corpus/vietnews.jsonl
    [ -f "$src" ] || { echo "skip: $src not found" >&2; exit 77; }
    file=${TMPDIR:-/tmp}/sukien-v300.jsonl
    head -300 "$src" >"$file"
fi
prof=${TMPDIR:-/tmp}/sukien-ir.out
# exit 1 = some records were repaired or skipped (the corpora have a few)
rc=0
valgrind --tool=callgrind --callgrind-out-file="$prof" "$bin" code -q "$file" \
    >/dev/null 2>"$prof.log" || rc=$?
[ "$rc" -le 1 ] || { echo "sukien code failed ($rc): $prof.log" >&2; exit 1; }
ir=$(callgrind_annotate "$prof" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
bytes=$(wc -c <"$file")
echo "$ir Ir, $(awk -v i="$ir" -v b="$bytes" 'BEGIN {printf "%.1f", i / b}') per byte ($bytes bytes: $file)"
