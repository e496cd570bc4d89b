#!/usr/bin/env bash
# CPU time of two or more sukien binaries on the same input, run alternately:
# this VM's speed moves by up to 30 % from one minute to the next, so a fair
# comparison interleaves the binaries and reports medians (issue 7).
#
#   bench/ab.sh [-n RUNS] [-f FILE] BINARY...
#
# FILE defaults to bench/out/corpus-1x.jsonl (built by `bench/run.sh
# throughput`). Each round runs every binary once, `BINARY code -q FILE`,
# under GNU time; CPU = user + sys. Prints, per binary, the median and best
# CPU seconds and the MB per CPU-second they give, then the median of the
# per-round ratios to the first binary (the steadiest figure: both runs of a
# round see the same machine).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=10
file=$root/bench/out/corpus-1x.jsonl
while getopts n:f: o; do
    case $o in
    n) runs=$OPTARG ;;
    f) file=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: bench/ab.sh [-n RUNS] [-f FILE] BINARY..." >&2; exit 2; }
[ -s "$file" ] || { echo "bench/ab.sh: no $file (run: bench/run.sh throughput)" >&2; exit 77; }
command -v /usr/bin/time >/dev/null || { echo "bench/ab.sh: needs GNU time (/usr/bin/time)" >&2; exit 3; }
bytes=$(stat -c %s "$file")
tf=$(mktemp)
trap 'rm -f "$tf"' EXIT
declare -a cpu # cpu[round*nbin+b]
nbin=$#
bins=("$@")
for r in $(seq 0 $((runs - 1))); do
    for b in $(seq 0 $((nbin - 1))); do
        rc=0
        /usr/bin/time -o "$tf" -f "%U %S" "${bins[$b]}" code -q "$file" >/dev/null 2>&1 || rc=$?
        # exit 1 = some records were repaired or skipped (the corpora have a few)
        [ "$rc" -le 1 ] || { echo "bench/ab.sh: ${bins[$b]} exited $rc" >&2; exit 1; }
        cpu[$((r * nbin + b))]=$(tail -1 "$tf" | awk '{printf "%.3f", $1 + $2}')
    done
done
echo "input: $file ($(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB), $runs rounds"
for b in $(seq 0 $((nbin - 1))); do
    for r in $(seq 0 $((runs - 1))); do echo "${cpu[$((r * nbin + b))]}"; done | sort -g |
        awk -v name="${bins[$b]}" -v mb="$(awk -v b="$bytes" 'BEGIN {print b / 1e6}')" '
            { t[NR] = $1 }
            END {
                m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
                if (m <= 0) m = 0.001
                best = t[1] > 0 ? t[1] : 0.001
                printf "%s: CPU s median %.3f best %.3f -> %.1f MB per CPU-s (median), %.1f (best)\n",
                    name, m, best, mb / m, mb / best
            }'
done
for b in $(seq 1 $((nbin - 1))); do
    for r in $(seq 0 $((runs - 1))); do
        awk -v x="${cpu[$((r * nbin + b))]}" -v y="${cpu[$((r * nbin))]}" 'BEGIN {printf "%.3f\n", (y > 0 ? x / y : 0)}'
    done | sort -g | awk -v name="${bins[$b]}" -v base="${bins[0]}" '
        { q[NR] = $1 }
        END {
            m = (NR % 2) ? q[(NR + 1) / 2] : (q[NR / 2] + q[NR / 2 + 1]) / 2
            printf "%s / %s: median round ratio %.3f (range %.3f-%.3f)\n", name, base, m, q[1], q[NR]
        }'
done
