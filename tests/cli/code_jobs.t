# `sukien code --jobs N` writes the bytes of `--jobs 1` (stdout and stderr) and
# exits with the same code, for any N: over good, repaired and broken records,
# several files of every format, a missing and an empty file, and standard input.
# (tests/cli/code_jobs_corpus.t does the same on a slice of the shared corpus.)
mixed="$FIXTURES/jobs/mixed.jsonl"
# Enough articles to wrap the in-flight window (8 per job) many times over.
for k in $(seq 1 40); do sed "s/\"id\": \"j-/\"id\": \"r$k-j-/" "$mixed"; done >many.jsonl
cat "$FIXTURES/store/articles.jsonl" "$FIXTURES/jsonl/articles.jsonl" >>many.jsonl
: >empty.jsonl
files=(many.jsonl "$FIXTURES/text/trang-tin.txt" "$FIXTURES/html/tiep-dai-su.html" missing.jsonl
  "$FIXTURES/warc/crawl.warc.gz" empty.jsonl "$mixed")

expect_exit 1 "$SUKIEN" code --jobs 1 "${files[@]}"
mv out one.out; mv err one.err
[ "$(grep -c '"type":' one.out)" -ge 100 ] || { echo "too few events to test with"; exit 1; }
contains one.err 'malformed JSON'
contains one.err 'NUL or control character'
contains one.err 'missing.jsonl: error: cannot open'
contains one.err 'empty.jsonl: error: empty file'
for j in 2 3 7 64; do
  expect_exit 1 "$SUKIEN" code --jobs "$j" "${files[@]}"
  cmp one.out out || { echo "--jobs $j: stdout differs from --jobs 1"; exit 1; }
  cmp one.err err || { echo "--jobs $j: stderr differs from --jobs 1"; diff one.err err | head; exit 1; }
done
# -j, --jobs=N, --quiet, --no-persons, standard input
expect_exit 1 "$SUKIEN" code -q --no-persons -j1 - <many.jsonl
mv out q1.out
expect_exit 1 "$SUKIEN" code -q --no-persons --jobs=5 - <many.jsonl
cmp q1.out out
lacks err 'warning'
contains err 'malformed JSON'
# Good input only: exit 0 for any N
grep -v -e bad -e '^\[' -e '^$' -e j-nul -e j-utf8 "$mixed" >good.jsonl
expect_exit 0 "$SUKIEN" code -j 1 good.jsonl
mv out good1.out
expect_exit 0 "$SUKIEN" code -j 4 good.jsonl
cmp good1.out out
[ ! -s err ]
# `sukien mentions` shares the loop
expect_exit 1 "$SUKIEN" mentions -q many.jsonl
mv out m1.out
expect_exit 1 "$SUKIEN" mentions -q -j 3 many.jsonl
cmp m1.out out
# Bad values
for bad in 0 -1 257 x 2x ''; do
  expect_exit 2 "$SUKIEN" code --jobs "$bad" good.jsonl
  contains err '--jobs must be 1..256'
done
expect_exit 0 "$SUKIEN" code --help
contains out '--jobs N'
