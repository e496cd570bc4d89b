# A text far longer than any news article (3 MB: a broken record or a whole
# scraped site in one field) is coded in slices (src/lib/coder.c): memory
# stays that of one slice, every offset still points into the whole text,
# persons are listed once with their mentions added up, and `mentions` and
# `--jobs` agree.
python3 - <<'PY'
import json
vn = ["Nguyễn Văn An", "Trần Minh Bình", "Lê Thị Hoa", "Phạm Quốc Cường", "Hoàng Thanh Dũng"]
foreign = [("Pháp", "Jean Dupont"), ("Nhật Bản", "Kenji Tanaka"), ("Lào", "Khamphone Vong")]
paras, size, i = [], 0, 0
while size < 3_000_000:
    country, name = foreign[i % 3]
    p = ("Sáng %d/%d, tại Hà Nội, Bộ trưởng %s tiếp Đại sứ %s %s. Hai bên bàn về dự án "
         "thứ %d của chương trình hợp tác. Chiều cùng ngày, Thứ trưởng %s điện đàm với "
         "Thứ trưởng %s về kế hoạch số %d." % (1 + i % 28, 1 + i // 28 % 12, vn[i % 5], country,
                                                name, i, vn[(i + 1) % 5], country, 7 * i + 3))
    paras.append(p)
    size += len(p.encode()) + 1
    i += 1
rec = {"id": "huge", "published": "2024-05-20", "title": "Tổng hợp", "text": "\n".join(paras)}
open("huge.jsonl", "w").write(json.dumps(rec, ensure_ascii=False) + "\n")
rec["text"] = "\n".join(paras[:2000])  # ~650 KB: three slices, for `ingest`
open("long.jsonl", "w").write(json.dumps(rec, ensure_ascii=False) + "\n")
PY
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" \
  /usr/bin/time -f '%M' -o rss "$SUKIEN" code huge.jsonl >code.out 2>err
# whole-article coding took ~50 bytes per input byte (150 MB here); under
# valgrind the RSS is valgrind's own (~3x), so the bound is for native runs
if [ "${VALGRIND:-0}" = 0 ]; then
  [ "$(tail -1 rss)" -lt 100000 ] || { echo "peak RSS $(tail -1 rss) KB"; exit 1; }
fi
[ ! -s err ]
"$SUKIEN" clean huge.jsonl >clean.out
"$SUKIEN" mentions huge.jsonl >mentions.out
python3 - <<'PY'
import json
text = json.loads(open("clean.out").readline())["text"].encode()
events, persons = [], None
for line in open("code.out"):
    o = json.loads(line)
    if "persons" in o:
        assert persons is None, "one persons line"
        persons = o["persons"]
    else:
        events.append(o)
assert len(events) > 10000, len(events)
for e in events:
    ev = e["evidence"]
    assert text[ev["start"]:ev["end"]].decode() == ev["sentence"], ev
assert max(e["evidence"]["start"] for e in events) > len(text) - 20000, "events up to the end"
keys = [(p["name"], p["country"]) for p in persons]
assert len(keys) == len(set(keys)), "persons listed once"
for p in persons:
    s, t = p["span"]
    assert text[s:t].decode() == p["name"], p
# each foreign ambassador is received in every third paragraph of the whole text
dupont = [p for p in persons if p["name"] == "Jean Dupont"][0]
assert dupont["mentions"] >= text.count("Jean Dupont".encode()), dupont
spans = 0
for line in open("mentions.out"):
    for m in json.loads(line)["mentions"]:
        s, t = m["span"]
        assert text[s:t].decode() == m["text"], m
        spans += 1
assert spans > 50000, spans
PY
expect_exit 0 "$SUKIEN" code -j 3 huge.jsonl
cmp code.out out
# `ingest` keeps the events of all slices: it stores one report per event
# that `code` writes
"$SUKIEN" code -q --no-persons long.jsonl >long.out
[ "$(wc -l <long.out)" -gt 3000 ]
expect_exit 0 "$SUKIEN" ingest -q --db kb.db long.jsonl
expect_exit 0 "$SUKIEN" events --db kb.db --stats
contains out "\"reports\": $(wc -l <long.out),"
