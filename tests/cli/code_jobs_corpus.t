# `sukien code --jobs N` on a slice of the shared news corpus: stdout and
# stderr byte-identical to --jobs 1 for N = 2 and 7, memory bounded.
if [ ! -f "$SHARED/corpus/vietnews.jsonl" ]; then
  echo "skipped: $SHARED/corpus/vietnews.jsonl not present (needs ../shared)"
  exit 77
fi
head -n 1000 "$SHARED/corpus/vietnews.jsonl" >slice.jsonl
set +e
"$SUKIEN" code slice.jsonl >one.out 2>one.err
want=$?
set -e
[ "$want" -le 1 ] || { echo "--jobs 1 exit $want"; cat one.err; exit 1; }
[ "$(grep -c '"type":' one.out)" -ge 500 ] || { echo "too few events in the slice"; exit 1; }
for j in 2 7; do
  expect_exit "$want" "$SUKIEN" code --jobs "$j" slice.jsonl
  cmp one.out out || { echo "--jobs $j: stdout differs from --jobs 1"; exit 1; }
  cmp one.err err || { echo "--jobs $j: stderr differs from --jobs 1"; exit 1; }
done
# Bounded memory: the whole slice (4 MB of text, more as coded output) is not
# held; 7 jobs keep 56 articles in flight. (Under ASan, freed memory would
# stay in its quarantine and count: turn that off for this run. Under
# valgrind, time measures memcheck itself: no bound then.)
if [ -x /usr/bin/time ] && [ "${VALGRIND:-0}" = 0 ]; then
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" \
    /usr/bin/time -f '%M' -o rss "$SUKIEN" code -q -j 7 slice.jsonl >/dev/null || [ $? -eq 1 ]
  [ "$(tail -1 rss)" -lt 120000 ] || { echo "peak RSS $(tail -1 rss) KB"; exit 1; }
fi
