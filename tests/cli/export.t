# Every export format parses back: JSON Lines, CSV, TSV, GDELT TSV, PLOVER JSON, GraphML.
source "$FIXTURES/store/lib.sh"
ingest_fixture kb.db
for f in jsonl csv tsv gdelt plover graphml; do
  expect_exit 0 "$SUKIEN" export --db kb.db --format $f -o out.$f
done
expect_exit 2 "$SUKIEN" export --db kb.db --format xml
python3 - <<'PY'
import csv, json, xml.etree.ElementTree as ET
ev = [json.loads(l) for l in open("out.jsonl")]
assert len(ev) == 3 and all(e["reports"] for e in ev)
meet = [e for e in ev if e["type"] == "MEET"][0]
assert len(meet["reports"]) == 3 and meet["reports"][0]["evidence"]["sentence"]
rows = list(csv.DictReader(open("out.csv", newline="", encoding="utf-8")))
assert len(rows) == 3, rows
r = [r for r in rows if r["type"] == "MEET"][0]
assert r["side1_lead"] == "Tô Lâm" and r["side2_lead"] == "Fabien Roussel" and r["n_articles"] == "3", r
assert r["side2_titles"] == "Bí thư toàn quốc Đảng Cộng sản Pháp" and r["cameo"] == "043", r
assert r["evidence"].startswith("Sáng 7/10") and r["location"] == "Trụ sở Trung ương Đảng", r
trows = list(csv.DictReader(open("out.tsv", encoding="utf-8"), delimiter="\t"))
assert [dict(x) for x in trows] == [dict(x) for x in rows]
g = [l.rstrip("\n").split("\t") for l in open("out.gdelt", encoding="utf-8")]
assert len(g) == 3 and all(len(x) == 61 for x in g), [len(x) for x in g]
gm = [x for x in g if x[26] == "043"][0]
assert gm[1] == "20241007" and gm[2] == "202410" and gm[3] == "2024", gm[:5]
assert gm[5] == "VNM" and gm[6] == "Tô Lâm" and gm[15] == "FRA" and gm[16] == "Fabien Roussel", gm
assert gm[29] == "1" and gm[30] == "2.8" and gm[31] == "3" and gm[33] == "3", gm[25:35]
assert gm[52] == "Trụ sở Trung ương Đảng" and gm[59] == "20241007000000" and gm[60].startswith("https://"), gm[50:]
gc = [x for x in g if x[26] == "041"][0]
assert gc[5] == "VNM" and gc[15] == "FRA" and gc[32] == "2"
p = [json.loads(l) for l in open("out.plover")]
pm = [x for x in p if x["cameo"] == "043"][0]
assert pm["event_type"] == "CONSULT" and pm["event_mode"] == "visit", pm
assert pm["actor"] == "Fabien Roussel" and pm["recipient"] == "Tô Lâm", pm
assert len(pm["story_ids"]) == 3 and pm["num_articles"] == 3
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse("out.graphml").getroot()
nodes = root.findall(".//g:node", ns); edges = root.findall(".//g:edge", ns)
assert sorted(n.get("id") for n in nodes) == ["c:FRA", "c:VNM"], [n.get("id") for n in nodes]
assert len(edges) == 1
w = [d.text for d in edges[0].findall("g:data", ns) if d.get("key") == "weight"]
assert w == ["3"], w
PY
expect_exit 0 "$SUKIEN" export --db kb.db --format graphml --level person
python3 - <<'PY'
import xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse("out").getroot()
ids = sorted(n.get("id") for n in root.findall(".//g:node", ns))
assert ids == ["p:emmanuel macron", "p:fabien roussel", "p:michel barnier", "p:pham minh chinh", "p:to lam"], ids
labels = {d.text for d in root.findall(".//g:data", ns) if d.get("key") == "label"}
assert "Tô Lâm" in labels and "Phạm Minh Chính" in labels
assert len(root.findall(".//g:edge", ns)) == 3
PY
# Filters apply to exports.
expect_exit 0 "$SUKIEN" export --db kb.db --format jsonl --type CALL
[ "$(wc -l <out)" = 1 ]
# Timeline and network aggregates (the API behind `sukien serve`).
expect_exit 0 "$SUKIEN" events --db kb.db --timeline type --format json
python3 -c 'import json; o=json.load(open("out")); assert o["months"]==["2024-10"] and {s["key"]: s["counts"] for s in o["series"]}=={"MEET":[1],"CALL":[1],"MESSAGE":[1]}, o'
expect_exit 0 "$SUKIEN" events --db kb.db --timeline country
python3 -c 'import json; o=json.load(open("out")); assert o["series"]==[{"key":"FRA","counts":[3],"total":3}], o'
expect_exit 0 "$SUKIEN" events --db kb.db --network person
python3 -c 'import json; o=json.load(open("out")); assert len(o["nodes"])==5 and len(o["edges"])==3, o'
