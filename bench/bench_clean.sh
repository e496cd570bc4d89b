#!/usr/bin/env bash
# Throughput of `sukien clean` (read, normalise, clean, fold, split, write JSON).
# usage: bench/bench_clean.sh [INPUT.jsonl] [RUNS]
# Default input: ../shared/corpus/vietnews.jsonl. Reports the best of RUNS runs
# by wall-clock time and by CPU time (user + sys; steadier on a busy machine),
# as MB/s of input and articles/s, and the peak RSS.
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
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
best_wall="" best_cpu="" rss=0
for _ in $(seq "$runs"); do
  /usr/bin/time -f '%e %U %S %M' -o "$tmp" "$bin" clean -q "$in" >/dev/null 2>&1 || true
  read -r wall user sys kb < <(tail -1 "$tmp")
  cpu=$(echo "$user + $sys" | bc -l)
  if [ -z "$best_wall" ] || [ "$(echo "$wall < $best_wall" | bc -l)" = 1 ]; then best_wall=$wall; fi
  if [ -z "$best_cpu" ] || [ "$(echo "$cpu < $best_cpu" | bc -l)" = 1 ]; then best_cpu=$cpu; fi
  [ "$kb" -gt "$rss" ] && rss=$kb
done
printf 'input       %s (%d bytes, %d articles)\n' "$in" "$bytes" "$articles"
printf 'wall (best of %d)  %.2f s  %6.1f MB/s  %7.0f articles/s\n' "$runs" "$best_wall" \
  "$(echo "$bytes / $best_wall / 1000000" | bc -l)" "$(echo "$articles / $best_wall" | bc -l)"
printf 'cpu  (best of %d)  %.2f s  %6.1f MB/s  %7.0f articles/s\n' "$runs" "$best_cpu" \
  "$(echo "$bytes / $best_cpu / 1000000" | bc -l)" "$(echo "$articles / $best_cpu" | bc -l)"
printf 'peak RSS    %d KB\n' "$rss"
