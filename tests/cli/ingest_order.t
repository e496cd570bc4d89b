# Merged events do not depend on input order, --jobs or --batch.
source "$FIXTURES/store/lib.sh"
python3 "$STORE_FIX/gen.py" 300 3 .
"$SUKIEN" ingest -q --db a.db --coded coded.jsonl articles.jsonl
mkdir shuffled && python3 -c '
import random; lines = open("articles.jsonl").readlines(); random.Random(5).shuffle(lines)
open("shuffled/articles.jsonl", "w").writelines(lines)'
(cd shuffled && "$SUKIEN" ingest -q --db ../b.db --jobs 4 --batch 7 --coded ../coded.jsonl articles.jsonl)
"$SUKIEN" ingest -q --db c.db --jobs 3 --batch 1000 --coded coded.jsonl articles.jsonl
dump a.db >a.dump; dump b.db >b.dump; dump c.db >c.dump
cmp a.dump b.dump
cmp a.dump c.dump
# The batch merge step gives the same events as the store.
"$SUKIEN" merge coded.jsonl >m1.jsonl
python3 -c '
import json, random; lines = open("coded.jsonl").readlines(); random.Random(9).shuffle(lines)
open("coded_shuffled.jsonl", "w").writelines(lines)'
"$SUKIEN" merge coded_shuffled.jsonl >m2.jsonl
cmp m1.jsonl m2.jsonl
"$SUKIEN" events --db a.db --format jsonl --planned --sort id >ev.jsonl
python3 - <<'PY'
import json
m = {json.loads(l)["id"]: json.loads(l) for l in open("m1.jsonl")}
s = {json.loads(l)["id"]: json.loads(l) for l in open("ev.jsonl")}
assert set(m) == set(s), (len(m), len(s))
for k in m:
    assert m[k]["n_articles"] == s[k]["n_articles"], (m[k], s[k])
    assert m[k]["date"] == s[k]["date"], (m[k], s[k])
PY
