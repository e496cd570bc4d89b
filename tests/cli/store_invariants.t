# The store's invariants (tests/tools/store_invariants.sql, also used by the
# crash test) hold on a synthetic store where many articles report the same
# contacts with full, partial and missing dates, ingested in small batches and
# then partly replaced; counts per event (reports, articles, sources) are
# checked against the rows. Regression for rebuild_pair's cluster walk
# (made linear after a pair reported by 100,000 articles took minutes a batch).
source "$FIXTURES/store/lib.sh"
python3 "$STORE_FIX/gen.py" 1500 11 .
"$SUKIEN" ingest -q --db s.db --batch 37 --coded coded.jsonl articles.jsonl
check_invariants s.db
[ "$(sqlite3 s.db 'SELECT max(n_reports) FROM events')" -gt 5 ]
[ "$(sqlite3 s.db 'SELECT count(*) FROM events WHERE n_sources > 1')" -gt 10 ]
# one pair reported by 3,000 articles from 3 outlets, twice per article, undated
python3 - <<'PY'
import json
with open("hot.jsonl", "w") as a, open("hot-coded.jsonl", "w") as c:
    for i in range(3000):
        doc = "hot-%04d" % i
        a.write(json.dumps({"id": doc, "outlet": "O%d" % (i % 3), "text": "Ông A gặp ông B."}) + "\n")
        for k in range(2):
            c.write(json.dumps({"doc": doc, "type": "MEET", "subtype": "talks", "status": "occurred",
                "sides": [{"role": "host", "actors": [{"name": "Ông A", "kind": "person", "titles": [], "org": None, "country": "VNM"}], "country": "VNM"},
                          {"role": "guest", "actors": [{"name": "Ông B", "kind": "person", "titles": [], "org": None, "country": "FRA"}], "country": "FRA"}],
                "date": None, "date_precision": None, "location": None, "cameo": "046",
                "plover": {"type": "CONSULT", "mode": None},
                "evidence": {"sentence": "Ông A gặp ông B.", "start": 0, "end": 20}}) + "\n")
PY
"$SUKIEN" ingest -q --db s.db --batch 250 --coded hot-coded.jsonl hot.jsonl
check_invariants s.db
[ "$(sqlite3 s.db "SELECT n_reports, n_articles, n_sources FROM events WHERE pair_key = 'MEET|ong a|ong b'")" = "6000|3000|3" ]
# replacing part of the articles keeps every count right
head -1000 hot.jsonl | sed 's/Ông A gặp ông B./Ông A gặp ông B hôm qua./' >hot2.jsonl
"$SUKIEN" ingest -q --db s.db --batch 100 --coded hot-coded.jsonl hot2.jsonl
check_invariants s.db
