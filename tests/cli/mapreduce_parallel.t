# docs/SCALING.md with GNU parallel: the map split across processes
# (`parallel --pipe` over standard input and `--pipe-part` over a file, output
# kept in input order with -k) gives the single-process bytes, and so does the
# map-then-merge pipeline. Skipped when GNU parallel is absent
# (scripts/install-deps.sh installs it).
command -v parallel >/dev/null || { echo "skipped: GNU parallel not installed"; exit 77; }
parallel --version 2>/dev/null | grep -q 'GNU parallel' || { echo "skipped: not GNU parallel"; exit 77; }
export HOME=${HOME:-$PWD} # parallel keeps state under ~/.parallel

cat "$FIXTURES/store/articles.jsonl" "$FIXTURES/jsonl/articles.jsonl" >in.jsonl
sed 's/^{"id": *"/{"id": "copy-/' in.jsonl >copy.jsonl
cat copy.jsonl >>in.jsonl
if [ -d "$SHARED/corpus" ]; then
  cat "$SHARED/gold/dev_articles.jsonl" >>in.jsonl
  head -n 60 "$SHARED/corpus/dantri2020.jsonl" >>in.jsonl
fi

expect_exit 0 "$SUKIEN" code -q in.jsonl
mv out single.jsonl
"$SUKIEN" merge single.jsonl >merged.jsonl

# -N: a fixed number of articles per job; --block: about that many bytes per job
parallel --will-cite --pipe -k -N 15 -j 3 "$SUKIEN" code -q - <in.jsonl >p1.jsonl || true
parallel --will-cite --pipe -k --block 100k -j 2 "$SUKIEN" code -q - <in.jsonl >p2.jsonl || true
parallel --will-cite --pipe-part -a in.jsonl -k --block 150k -j 2 "$SUKIEN" code -q - >p3.jsonl || true
for p in p1 p2 p3; do
  cmp single.jsonl "$p.jsonl" || { echo "parallel map ($p) differs from one process"; exit 1; }
done

# map under parallel without -k (pieces in completion order), then the merge
{ parallel --will-cite --pipe -N 25 -j 4 "$SUKIEN" code -q - <in.jsonl || true; } |
  "$SUKIEN" merge >pm.jsonl
cmp merged.jsonl pm.jsonl || { echo "parallel map + merge differs from one process"; exit 1; }
