# Bad input: each problem is reported with file and line (or record), the rest
# of the batch goes on, and the exit code is 1. Big and binary inputs are made here.
good="$FIXTURES/jsonl/articles.jsonl"

# Invalid UTF-8 and a few NUL bytes: repaired (U+FFFD, space), warned, kept.
printf 'Tiêu đề\nNội dung h\xff\xfeợp lệ một phần.\nCó ký tự\0NUL ở giữa.\n' >bad.txt
expect_exit 1 "$SUKIEN" clean bad.txt
contains err 'bad.txt:1: warning: doc bad: 2 invalid UTF-8 sequence(s) replaced with U+FFFD'
contains err 'NUL or control character(s) replaced with spaces'
contains out 'Nội dung h��ợp lệ một phần.'
contains out 'Có ký tự NUL ở giữa.'
expect_exit 1 "$SUKIEN" clean --quiet bad.txt   # quiet hides warnings, not the exit code
[ ! -s err ]

# Empty and binary files are skipped with an error; the good file still comes out.
: >empty.txt
# (starts with a control byte: random bytes starting with "{" or "<" would be sniffed as
#  JSON Lines or HTML and named so in the message, about one run in a hundred)
{ printf '\001'; head -c 19999 /dev/urandom; } >random.bin
printf 'P\0K\0\3\4\0\0\0\0\0\0\0\0\1\2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0' >nuls.txt
expect_exit 1 "$SUKIEN" clean empty.txt random.bin nuls.txt "$good" missing.txt
contains err 'empty.txt: error: empty file'
contains err 'random.bin: error: binary data, not text'
contains err 'nuls.txt: error: binary data'
contains err 'missing.txt: error: cannot open'
[ "$(wc -l <out)" = 2 ]
# The same as JSON Lines or HTML
cp random.bin random.jsonl
expect_exit 1 "$SUKIEN" clean random.jsonl
contains err 'random.jsonl: error: binary data, not jsonl'
[ "$(grep -c error err)" = 1 ]

# The binary sniff judges the first 64 KB only (it used to take the whole first
# 1 MB read, and skipped this file as binary): text whose junk comes later is
# read, and the junk replaced and warned about.
{
  for i in $(seq 1 1000); do printf 'Đoạn %d: Bộ trưởng tiếp đoàn đại biểu tại Hà Nội.\n' "$i"; done
  head -c 60000 /dev/zero
  printf '\nĐoạn cuối.\n'
} >late.txt
[ "$(head -c 65536 late.txt | tr -d '\000' | wc -c)" = 65536 ]
expect_exit 1 "$SUKIEN" clean late.txt
lacks err 'binary data'
contains err 'late.txt:1: warning: doc late: 60000 NUL or control character(s) replaced'
contains out 'Đoạn cuối.'

# Malformed JSON lines, a line without text, blank lines: each named by line.
{
  echo '{"id": "ok1", "text": "Dòng một hợp lệ."}'
  echo '{"id": "x", "text": "thiếu ngoặc"'
  echo ''
  echo '[1, 2, 3]'
  echo '{"id": "y", "title": "không có text"}'
  echo '{"id": "z", "text": "chuỗi \q sai"}'
  echo '{"id": "ok2", "text": "Dòng hai \u0110\u00e0 N\u1eb5ng, emoji \ud83d\ude00."}'
} >mixed.jsonl
expect_exit 1 "$SUKIEN" clean mixed.jsonl
contains err 'mixed.jsonl:2: error: doc x: malformed JSON at column 38: expected'
contains err 'mixed.jsonl:4: error: malformed JSON at column 1: not a JSON object'
contains err 'mixed.jsonl:5: error: doc y: no "text" string field'
contains err 'mixed.jsonl:6: error: doc z: malformed JSON'
[ "$(grep -c error err)" = 4 ]
[ "$(wc -l <out)" = 2 ]
contains out 'Dòng hai Đà Nẵng, emoji 😀.'

# A 200 MB single line is skipped without being held in memory (limit 8 MB here
# so that peak RSS shows it, also under ASan).
gen() {
  echo '{"id": "before", "text": "Trước dòng lớn."}'
  printf '{"id": "huge", "text": "'; head -c 200000000 /dev/zero | tr '\0' 'a'; echo '"}'
  echo '{"id": "after", "text": "Sau dòng lớn."}'
}
if [ -x /usr/bin/time ]; then
  set +e; gen | /usr/bin/time -f '%M' -o rss "$SUKIEN" clean -m 8M --format jsonl - >out 2>err; rc=$?; set -e
  [ "$rc" = 1 ]
  [ "$(tail -1 rss)" -lt 120000 ] || { echo "peak RSS $(tail -1 rss) KB"; exit 1; }
else
  set +e; gen | "$SUKIEN" clean -m 8M --format jsonl - >out 2>err; rc=$?; set -e
  [ "$rc" = 1 ]
fi
contains err '-:2: error: line of 200000026 bytes exceeds the record limit of 8388608 bytes; skipped'
contains out '"doc":"before"'
contains out '"doc":"after"'
# the limit is configurable
expect_exit 1 "$SUKIEN" clean --max-record 200 "$good"
contains err 'articles.jsonl:1: error: line of'
[ "$(wc -l <out)" = 1 ]
expect_exit 2 "$SUKIEN" clean --max-record lots "$good"

# Truncated plain WARC: records before the cut survive, the cut record is named.
head -c 3500 "$FIXTURES/warc/crawl.warc" >cut.warc
expect_exit 1 "$SUKIEN" clean cut.warc
contains err 'cut.warc:5: error'
contains err 'record 5 is truncated'
[ "$(wc -l <out)" = 1 ]
# Not a WARC at all after the first record
{ head -c 1000 "$FIXTURES/warc/crawl.warc"; echo "garbage"; } >junk.warc
expect_exit 1 "$SUKIEN" clean junk.warc
contains err 'junk.warc'

# HTML nested deeper than libxml2's 256 levels: parsing stops there (a bound we
# keep, the tree walks recurse), and the lost rest of the page is reported.
python3 -c '
import sys
d = 100000
sys.stdout.write("<html><body><article><p>Sáng 7/10, Chủ tịch nước Lê Văn An tiếp Đại sứ Pháp.</p>"
                 + "<div>" * d + "<p>Nội dung sâu.</p>" + "</div>" * d + "</article></body></html>\n")' >deep.html
expect_exit 1 "$SUKIEN" clean deep.html
contains err 'deep.html:1: warning: doc deep: HTML parsing stopped at HTML line 1 ('
contains err 'the rest of the page is dropped'
contains out 'Chủ tịch nước Lê Văn An tiếp Đại sứ Pháp.'
