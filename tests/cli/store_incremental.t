# A batch rewrites only the events it changes (store.c, rebuild_pair), and the
# store is still the same function of the articles: ingesting several
# versions of a synthetic corpus (articles replaced, their reports moved to
# other dates, dropped, added) in different batchings and orders ends with
# the same rows as one clean ingest of the last version. Both ways of reading
# a pair's dates are run (SUKIEN_TEST_PAIR_SCAN=0: date by date through the
# index, as for a pair with thousands of reports).
source "$FIXTURES/store/lib.sh"
mkdir v0 v1 v2 v3
python3 "$STORE_FIX/gen.py" 500 21 v0
python3 "$STORE_FIX/mutate.py" v0 1 v1
python3 "$STORE_FIX/mutate.py" v1 2 v2
python3 "$STORE_FIX/mutate.py" v2 3 v3
# ing DB VERSION BATCH: ingest one version (same file names, so the same
# `source` column, whichever directory it comes from)
ing() { (cd "$2" && "$SUKIEN" ingest -q --db "../$1" --batch "$3" --coded coded.jsonl articles.jsonl); }
for v in v0 v1 v2 v3; do ing "clean-$v.db" "$v" 100000; dump "clean-$v.db" >"clean-$v.dump"; done
# step DB VERSION BATCH: ingest, then compare with the clean ingest of VERSION
# (after every step: a later recompute could hide a wrong extension)
step() { ing "$@"; dump "$1" >step.dump; cmp "clean-$2.dump" step.dump; }
for scan in "" 0 2; do
  export SUKIEN_TEST_PAIR_SCAN=$scan
  rm -f a.db b.db
  step a.db v0 13; step a.db v1 7; step a.db v2 50; step a.db v3 1
  step b.db v2 3; step b.db v1 1000; step b.db v3 9; step b.db v0 4
  check_invariants b.db
done
unset SUKIEN_TEST_PAIR_SCAN
# One pair reported by many articles in one cluster: appended batch by batch,
# its sources counted right whether a source is among the first reports, is
# new after many, or is an outlet spelled like another article's doc id.
python3 - <<'PY'
import json
with open("hot.jsonl", "w") as a, open("hot-coded.jsonl", "w") as c:
    for i in range(400):
        doc = "hot-%04d" % i
        art = {"id": doc, "text": "Ông A gặp ông B (%d)." % i}
        if i % 7 == 3:
            art["outlet"] = "O%d" % (i % 3)
        if i % 50 == 49:
            art["outlet"] = "hot-%04d" % (i - 40)
        if i % 11 == 5:
            art["corpus"] = "C%d" % (i // 100)
        a.write(json.dumps(art) + "\n")
        c.write(json.dumps({"doc": doc, "type": "MEET", "subtype": "talks", "status": "occurred" if i % 5 else "planned",
            "sides": [{"role": "host", "actors": [{"name": "Ông A", "kind": "person", "titles": [], "org": None, "country": "VNM"}], "country": "VNM"},
                      {"role": "guest", "actors": [{"name": "Ông B", "kind": "person", "titles": [], "org": None, "country": "FRA"}], "country": "FRA"}],
            "date": "2024-10-%02d" % (7 + i % 2) if i % 97 == 13 else None, "date_precision": "day" if i % 97 == 13 else None,
            "location": None, "cameo": "046", "plover": {"type": "CONSULT", "mode": None},
            "evidence": {"sentence": "Ông A gặp ông B.", "start": 0, "end": 20}}) + "\n")
PY
"$SUKIEN" ingest -q --db hot1.db --coded hot-coded.jsonl hot.jsonl
dump hot1.db >hot1.dump
for scan in "" 0; do
  rm -f hot2.db
  SUKIEN_TEST_PAIR_SCAN=$scan "$SUKIEN" ingest -q --db hot2.db --batch 9 --coded hot-coded.jsonl hot.jsonl
  dump hot2.db >hot2.dump
  cmp hot1.dump hot2.dump
done
check_invariants hot2.db
# A person or organisation whose most frequent spelling, country, org or
# title changes (ties go to the smaller value) as articles come in one by one.
python3 - <<'PY'
import json
vals = [("Ông C", "VNM", None, "Bộ trưởng"), ("ÔNG C", "VNM", None, "Bộ trưởng"),
        ("Ông C", "LAO", None, "Bộ trưởng"), ("Ông C", "LAO", "BỘ NGOẠI GIAO", "Bộ trưởng"),
        ("Ông C", None, "Bộ Ngoại giao", "Bộ trưởng"), ("ÔNG C", "VNM", "Bộ Ngoại giao", "BỘ TRƯỞNG"),
        ("ÔNG C", "VNM", "Bộ Ngoại giao", "BỘ TRƯỞNG"), ("ông c", "VNM", None, "Thứ trưởng"),
        ("ÔNG C", "VNM", "BỘ NGOẠI GIAO", "THỨ TRƯỞNG")]
with open("p.jsonl", "w") as a, open("p-coded.jsonl", "w") as c:
    for i, (name, country, org, title) in enumerate(vals):
        doc = "p-%d" % i
        a.write(json.dumps({"id": doc, "published": "2024-0%d-01" % (9 - i) if i != 3 else None, "text": "%s (%d)." % (name, i)}) + "\n")
        c.write(json.dumps({"doc": doc, "persons": [{"name": name, "titles": [title], "org": org, "country": country, "mentions": 1, "span": [0, 1]}]}) + "\n")
PY
# after each article (a later recompute would hide a wrong extension)
for k in 1 2 3 4 5 6 7 8 9; do
  head -$k p.jsonl >pk.jsonl
  rm -f p1.db
  "$SUKIEN" ingest -q --db p1.db --coded p-coded.jsonl pk.jsonl
  "$SUKIEN" ingest -q --db p2.db --coded p-coded.jsonl pk.jsonl
  dump p1.db >p1.dump; dump p2.db >p2.dump
  cmp p1.dump p2.dump
done
# A store made before person_values existed (its tables and meta key dropped
# here): the next open counts the stored rows once, later batches keep the
# counts exact, and the store ends as a clean ingest would.
ing old.db v0 50
sqlite3 old.db "DROP TABLE person_values; DROP TABLE person_title_values; DELETE FROM meta WHERE key = 'person_values'"
ing old.db v1 7
dump old.db >step.dump
cmp clean-v1.dump step.dump
check_invariants old.db
