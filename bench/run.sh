#!/usr/bin/env bash
# `make bench`: speed and scale of sukien on the shared corpus (issue 7).
#
#   bench/run.sh [all|load|throughput|scaling|parallel|ingest|ingest-pg|vntk]...   (default: all)
#
# Inputs are built under bench/out/ (gitignored) from ../shared/corpus/*.jsonl:
# corpus-1x.jsonl is the four files concatenated (26.7 MB, 13 119 articles);
# corpus-Nx.jsonl repeats it N times, copy r>0 with ids prefixed "rR-" so that
# every article id stays unique. Results go to bench/out/results.md (markdown,
# pasted into docs/BENCHMARKS.md) and bench/out/results.tsv (one row per run).
#
# Environment: SUKIEN (binary, default build/sukien), REPS (runs per timed
# point, default 3; the median is reported), SCALES (default "1 4 16"),
# JOBS (processes / threads for the parallel runs, default: nproc), INGEST_SCALES
# (scales for ingest, default SCALES up to 4x; 16x takes minutes), SHARED (default
# ../shared), SUKIEN_TEST_PG (PostgreSQL cluster for ingest-pg).
# The machine is shared: wall times move with the load, so each row also gives
# CPU time (user+sys) and MB/s per CPU-second, the steadier per-core figure.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
SHARED=${SHARED:-$here/../shared}
SUKIEN=${SUKIEN:-$here/build/sukien}
REPS=${REPS:-3}
SCALES=${SCALES:-1 4 16}
JOBS=${JOBS:-$(nproc)}
out=$here/bench/out
mkdir -p "$out"
[ -d "$SHARED/corpus" ] || { echo "bench: no $SHARED/corpus (skipped)"; exit 0; }
[ -x "$SUKIEN" ] || make -s -C "$here"
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (/usr/bin/time)"; exit 3; }
export LC_ALL=C

res=$out/results.md
tsv=$out/results.tsv
what=("$@")
[ ${#what[@]} -gt 0 ] || what=(all)
want() { local w; for w in "${what[@]}"; do [ "$w" = all ] || [ "$w" = "$1" ] && return 0; done; return 1; }

# ---- inputs -----------------------------------------------------------------
input() { # input N -> path of the N-times replicated corpus (built once)
  local n=$1 f=$out/corpus-${1}x.jsonl
  if [ ! -s "$f" ]; then
    cat "$SHARED"/corpus/*.jsonl >"$out/corpus-1x.jsonl"
    if [ "$n" != 1 ]; then
      : >"$f.tmp"
      for r in $(seq 0 $((n - 1))); do
        if [ "$r" = 0 ]; then cat "$out/corpus-1x.jsonl"
        else sed "s/^{\"id\": \"/{\"id\": \"r$r-/" "$out/corpus-1x.jsonl"; fi
      done >"$f.tmp"
      mv "$f.tmp" "$f"
    fi
  fi
  echo "$f"
}

# ---- measurement ------------------------------------------------------------
# timed LABEL CMD... : runs CMD (stdout to /dev/null unless OUT is set) under
# GNU time; appends "label wall user sys rss_kb" to $tsv; prints the same.
timed() {
  local label=$1; shift
  local t; t=$(mktemp)
  set +e
  /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >"${OUT:-/dev/null}" 2>>"$out/stderr.log"
  local rc=$?
  set -e
  # sukien exits 1 when it repaired or skipped records (the corpus has some);
  # GNU parallel exits with the number of jobs that did not exit 0.
  case $label in
  *parallel*) [ $rc -eq 0 ] || echo "bench: $label: $rc jobs exited non-zero (1 = repaired records)" >&2 ;;
  *) [ $rc -le 1 ] || echo "bench: $label: exit $rc (see $out/stderr.log)" >&2 ;;
  esac
  local row; row="$label $(tail -1 "$t")"
  rm -f "$t"
  echo "$row" | tr ' ' '\t' >>"$tsv"
  echo "$row"
}

# median LABEL REPS CMD... : REPS runs, prints the row with the median wall time.
median() {
  local label=$1 reps=$2; shift 2
  local rows=()
  for _ in $(seq "$reps"); do rows+=("$(timed "$label" "$@")"); done
  printf '%s\n' "${rows[@]}" | sort -k2,2g | sed -n "$(((reps + 1) / 2))p"
}

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN{printf "%.1f", b/1e6}'; }
articles() { wc -l <"$1" | tr -d ' '; }

# row FILE "median-row" : markdown columns for one timed point
row() {
  local f=$1; shift
  local bytes arts
  bytes=$(stat -c %s "$f"); arts=$(articles "$f")
  echo "$1" | awk -v b="$bytes" -v a="$arts" '{
    wall=$2; cpu=$3+$4; if (wall<=0) wall=0.001; if (cpu<=0) cpu=0.001;
    printf "| %.1f | %d | %.2f | %.2f | %.1f | %.1f | %.0f | %.0f | %.1f |\n",
      b/1e6, a, wall, cpu, b/1e6/wall, b/1e6/cpu, a/wall, a/cpu, $5/1024 }'
}
# hdr FIRST-COLUMNS... : table header for rows made by row()
hdr() {
  local c cols="" sep=""
  for c in "$@"; do cols+="| $c "; sep+="|:---"; done
  echo "$cols| input MB | articles | wall s | CPU s | MB/s (wall) | MB/s per CPU-s | articles/s (wall) | articles/s per CPU-s | max RSS MB |"
  echo "$sep|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
}

rev=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
{
  echo "<!-- bench/run.sh ${what[*]} on $(date -u +%Y-%m-%dT%H:%MZ), commit $rev -->"
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
  echo "load average at start $(cut -d' ' -f1-3 /proc/loadavg); REPS=$REPS (median reported)."
  echo
} >"$res"
: >"$tsv"

# ---- lexicon load -----------------------------------------------------------
if want load; then
  echo "== lexicon load (sukien code on an empty input)"
  loads=()
  for _ in $(seq 21); do
    s=$(date +%s%N); "$SUKIEN" code -q /dev/null >/dev/null 2>&1 || true; e=$(date +%s%N)
    loads+=($(((e - s) / 1000)))
  done
  med=$(printf '%s\n' "${loads[@]}" | sort -n | sed -n 11p)
  min=$(printf '%s\n' "${loads[@]}" | sort -n | head -1)
  rss=$({ /usr/bin/time -f %M "$SUKIEN" code -q /dev/null 2>&1 >/dev/null || true; } | tail -1)
  {
    echo "### lexicon load"
    echo
    echo "\`$SUKIEN code -q /dev/null\`, 21 runs: median $((med / 1000)).$(printf %03d $((med % 1000))) ms," \
         "best $((min / 1000)).$(printf %03d $((min % 1000))) ms, max RSS $rss KB" \
         "(process start + loading and compiling data/*.tsv, $(du -sk data | cut -f1) KB)."
    echo
  } | tee -a "$res"
fi

# ---- throughput at 1x ---------------------------------------------------------
if want throughput; then
  f=$(input 1)
  echo "== throughput on $f ($(mb "$f") MB)"
  cat "$f" >/dev/null
  {
    echo "### throughput, one process (\`sukien clean|code -q corpus-1x.jsonl\`)"
    echo
    hdr command
  } >>"$res"
  for cmd in clean code; do
    r=$(median "$cmd-1x" "$REPS" "$SUKIEN" "$cmd" -q "$f")
    echo "| \`$cmd\` $(row "$f" "$r")" | tee -a "$res"
  done
  echo >>"$res"
fi

# ---- scaling ----------------------------------------------------------------
if want scaling; then
  {
    echo "### cost growth (one process; 1x = corpus-1x.jsonl)"
    echo
    hdr command scale
  } >>"$res"
  for cmd in clean code; do
    for n in $SCALES; do
      f=$(input "$n")
      echo "== scaling $cmd ${n}x ($(mb "$f") MB)"
      reps=1; [ "$n" = 1 ] && reps=$REPS
      r=$(median "$cmd-${n}x" "$reps" "$SUKIEN" "$cmd" -q "$f")
      echo "| \`$cmd\` | ${n}x $(row "$f" "$r")" | tee -a "$res"
    done
  done
  echo >>"$res"
fi

# ---- parallel: processes (GNU parallel) and threads (sukien code --jobs) -------
if want parallel; then
  n=$(echo "$SCALES" | awk '{print $NF}')
  f=$(input "$n")
  echo "== parallel code on ${n}x ($(mb "$f") MB), $JOBS processes / threads"
  {
    echo "### parallel \`code\` on ${n}x ($(mb "$f") MB)"
    echo
    hdr run
  } >>"$res"
  r=$(OUT=$out/code-single.jsonl timed "code-single" "$SUKIEN" code -q "$f")
  echo "| 1 process $(row "$f" "$r")" | tee -a "$res"
  if command -v parallel >/dev/null; then
    r=$(OUT=$out/code-parallel.jsonl timed "code-parallel" parallel --pipe-part -a "$f" \
      --block 16M -k -j "$JOBS" "$SUKIEN" code -q -)
    echo "| \`parallel --pipe-part -j$JOBS\` $(row "$f" "$r")" | tee -a "$res"
  fi
  r=$(OUT=$out/code-jobs.jsonl timed "code-jobs" "$SUKIEN" code -q --jobs "$JOBS" "$f")
  echo "| \`code --jobs $JOBS\` $(row "$f" "$r")" | tee -a "$res"
  echo >>"$res"
  # RSS of the parallel row is GNU parallel's own; each worker is a 1-process run.
  for v in parallel jobs; do
    [ -f "$out/code-$v.jsonl" ] || continue
    if cmp -s "$out/code-single.jsonl" "$out/code-$v.jsonl"; then same=yes; else same=NO; fi
    echo "$v output byte-identical to the single process: $same" | tee -a "$res"
  done
  echo >>"$res"
  rm -f "$out/code-single.jsonl" "$out/code-parallel.jsonl" "$out/code-jobs.jsonl"
fi

# ---- ingest (once `sukien ingest` is in the build) ------------------------------
if want ingest; then
  if "$SUKIEN" help 2>/dev/null | grep -q '^ *ingest'; then
    {
      echo "### ingest (SQLite, \`sukien ingest --db bench/out/bench.db\`)"
      echo
      hdr run scale
    } >>"$res"
    for n in ${INGEST_SCALES:-$SCALES}; do
      [ -z "${INGEST_SCALES:-}" ] && [ "$n" -gt 4 ] && break # 16x takes minutes: INGEST_SCALES="1 4 16"
      f=$(input "$n")
      for j in 1 "$JOBS"; do
        rm -f "$out"/bench.db*
        echo "== ingest ${n}x --jobs $j"
        r=$(timed "ingest-${n}x-j$j" "$SUKIEN" ingest -q --jobs "$j" --db "$out/bench.db" "$f")
        echo "| \`--jobs $j\` | ${n}x $(row "$f" "$r")" | tee -a "$res"
      done
    done
    rm -f "$out"/bench.db*
    echo >>"$res"
  else
    echo "== ingest: not in this build (skipped)"
  fi
fi

# ---- ingest into PostgreSQL (when a test cluster is given) -----------------------
if want ingest-pg; then
  if [ -n "${SUKIEN_TEST_PG:-}" ]; then
    f=$(input 1)
    echo "== ingest into PostgreSQL, corpus-1x --jobs $JOBS"
    {
      echo "### ingest into PostgreSQL (\`bench/bench_ingest.sh pg corpus-1x.jsonl -- --jobs $JOBS\`)"
      echo
      SUKIEN=$SUKIEN bench/bench_ingest.sh pg "$f" -- --jobs "$JOBS"
      SUKIEN=$SUKIEN bench/bench_ingest.sh sqlite "$f" -- --jobs "$JOBS"
      echo
    } | tee -a "$res"
  else
    echo "== ingest-pg: SUKIEN_TEST_PG unset (skipped; scripts/start-test-postgres.sh)"
  fi
fi

# ---- peer: vntk NER ------------------------------------------------------------
if want vntk; then
  if [ -d "$here/bench/vntk/node_modules/vntk" ]; then
    bash "$here/bench/vntk/run.sh" | tee -a "$res"
  else
    echo "== vntk: run 'npm install' in bench/vntk first (skipped)"
  fi
fi
echo "results: $res"
