# The Hadoop-Streaming contract of docs/SCALING.md, with files and pipes:
#  map:    `sukien code` is a pure streaming map. Splitting JSON Lines input at
#          line boundaries, coding the pieces separately and concatenating the
#          outputs in piece order gives the single-process bytes.
#  reduce: `sukien merge` is keyed and order-independent. Its output does not
#          depend on the order of its input lines, and reducing partitions of a
#          keyed shuffle (here: by event type, which the pair key starts with)
#          then sorting by key gives the single-reduce bytes.
# (tests/cli/mapreduce_parallel.t runs the same map under GNU parallel.)

# articles IN: fixtures, each article twice (second copy with a new id) so the
# merge has cross-article work; plus gold and corpus articles when ../shared exists.
cat "$FIXTURES/store/articles.jsonl" "$FIXTURES/jsonl/articles.jsonl" >in.jsonl
sed 's/^{"id": *"/{"id": "copy-/' in.jsonl >copy.jsonl
cat copy.jsonl >>in.jsonl
if [ -d "$SHARED/corpus" ]; then
  cat "$SHARED/gold/dev_articles.jsonl" >>in.jsonl
  head -n 60 "$SHARED/corpus/dantri2020.jsonl" >>in.jsonl
fi
n=$(wc -l <in.jsonl)

expect_exit 0 "$SUKIEN" code -q in.jsonl
mv out single.jsonl
events=$(grep -c '"type":' single.jsonl)
[ "$events" -ge 6 ] || { echo "too few events to test with: $events"; exit 1; }

# map: split into 1, 2, 3 and 7 pieces at line boundaries (GNU split -n l/K),
# code each piece on its own, concatenate in piece order.
for k in 1 2 3 7; do
  rm -f piece.* coded.*
  split -n "l/$k" -d in.jsonl piece.
  for p in piece.*; do
    "$SUKIEN" code -q "$p" >"coded.${p#piece.}" || [ $? -eq 1 ]
  done
  cat coded.* >concat.jsonl
  cmp single.jsonl concat.jsonl || { echo "map over $k pieces differs from one process"; exit 1; }
done
# the same through standard input, one article per process (first 12 articles)
head -n 12 in.jsonl >first.jsonl
"$SUKIEN" code -q first.jsonl >first-single.jsonl || [ $? -eq 1 ]
: >concat.jsonl
while IFS= read -r line; do
  printf '%s\n' "$line" | { "$SUKIEN" code -q - || [ $? -eq 1 ]; } >>concat.jsonl
done <first.jsonl
cmp first-single.jsonl concat.jsonl || { echo "per-article processes differ from one process"; exit 1; }

# reduce: one merge over the single-process output
expect_exit 0 "$SUKIEN" merge single.jsonl
mv out merged.jsonl
merged=$(wc -l <merged.jsonl)
[ "$merged" -ge 3 ] && [ "$merged" -lt "$events" ] || {
  echo "merge gave $merged events from $events reports"; exit 1; }
# every fixture event was reported by an article and its copy
grep -q '"n_articles":2' merged.jsonl || { echo "no cross-article merge"; exit 1; }

# order independence: reversed, sorted (what a shuffle's sort does), shuffled
tac single.jsonl | "$SUKIEN" merge >m1.jsonl
LC_ALL=C sort single.jsonl | "$SUKIEN" merge >m2.jsonl
shuf --random-source=<(yes sukien) single.jsonl | "$SUKIEN" merge >m3.jsonl
cat coded.* | shuf --random-source=<(yes 7) | "$SUKIEN" merge >m4.jsonl
for m in m1 m2 m3 m4; do
  cmp merged.jsonl "$m.jsonl" || { echo "merge depends on input order ($m)"; exit 1; }
done

# keyed shuffle: partition the map output by event type (every pair key starts
# with it, so reports that can merge meet in one reducer), reduce each partition
# from shuffled input, then sort the reducers' outputs by event key.
for t in MEET VISIT CALL MESSAGE AGREEMENT; do
  grep -F "\"type\":\"$t\"" single.jsonl | shuf --random-source=<(yes "$t") >"part.$t" || true
  "$SUKIEN" merge "part.$t" >"reduced.$t"
done
cat reduced.* | LC_ALL=C sort -s -t'"' -k8,8 >keyed.jsonl
cmp merged.jsonl keyed.jsonl || { echo "keyed reduce differs from one merge"; exit 1; }
# Hadoop Streaming as in docs/SCALING.md: map emits TYPE<TAB>line, `sort` plays
# the shuffle, one reducer per type drops the key and merges.
awk 'match($0, /"type":"(MEET|VISIT|CALL|MESSAGE|AGREEMENT)"/) {
       print substr($0, RSTART + 8, RLENGTH - 9) "\t" $0 }' single.jsonl |
  LC_ALL=C sort -t"$(printf '\t')" -k1,1 >shuffled.tsv
for t in $(cut -f1 shuffled.tsv | sort -u); do
  awk -F'\t' -v t="$t" '$1 == t' shuffled.tsv | cut -f2- | "$SUKIEN" merge
done | LC_ALL=C sort -s -t'"' -k8,8 >hadoop.jsonl
cmp merged.jsonl hadoop.jsonl || { echo "streaming-style map/shuffle/reduce differs"; exit 1; }
[ "$(cut -f1 shuffled.tsv | sort -u | wc -l)" -ge 2 ] || { echo "one type only"; exit 1; }
echo "ok: $n articles, $events event reports, $merged merged events"
