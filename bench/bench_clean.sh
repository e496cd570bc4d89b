#!/usr/bin/env bash
# Throughput of `sukien clean` (read, normalise, clean, fold, split, write JSON).
# usage: bench/bench_clean.sh [INPUT.jsonl] [RUNS]
# Default input: ../shared/corpus/vietnews.jsonl. Reports the best of RUNS runs
# (MB/s of input, articles/s) and the peak RSS of the last run.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
in=${1:-$here/../shared/corpus/vietnews.jsonl}
runs=${2:-5}
bin=${SUKIEN:-$here/build/sukien}
[ -f "$in" ] || { echo "bench_clean: no input $in (skipped)"; exit 0; }
[ -x "$bin" ] || make -C "$here" -s >/dev/null
bytes=$(stat -c %s "$in")
articles=$({ "$bin" clean -q "$in" 2>/dev/null || true; } | wc -l)
cat "$in" >/dev/null # warm the page cache
best=""
for _ in $(seq "$runs"); do
  s=$(date +%s.%N)
  "$bin" clean -q "$in" >/dev/null 2>&1 || true
  e=$(date +%s.%N)
  t=$(echo "$e - $s" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
rss=$({ /usr/bin/time -f "%M" "$bin" clean -q "$in" 2>&1 >/dev/null || true; } | tail -1)
printf 'input      %s (%d bytes, %d articles)\n' "$in" "$bytes" "$articles"
printf 'best of %d  %.3f s\n' "$runs" "$best"
printf 'throughput %.1f MB/s, %.0f articles/s\n' "$(echo "$bytes / $best / 1000000" | bc -l)" \
  "$(echo "$articles / $best" | bc -l)"
printf 'peak RSS   %d KB\n' "$rss"
