#!/usr/bin/env python3
"""Regenerate data/persons.tsv and data/person_offices.tsv from the Vietnamese
Wikipedia politician infoboxes collected by datmieu204/political-net
(shared/data/datmieu204-political-net/politicians_infobox_normalized.json;
CC BY-SA 4.0, attribution: Wikipedia contributors).

Usage: scripts/build-person-data.py [SHARED_DIR]   (default ../shared)

persons.tsv:        name<TAB>aliases<TAB>country=VNM;wiki=PAGEID[,PAGEID];born=...;died=...;homonyms=N
person_offices.tsv: name<TAB>office<TAB>start<TAB>end   (ISO dates; empty when open or unknown)

Names: the page title without its disambiguator ("Nguyễn Thanh Bình (Hà Tĩnh)"
-> "Nguyễn Thanh Bình"). People who share a name share one persons.tsv line
(homonyms=N, all page ids) and their offices are all listed under that name.
Office strings are cleaned, not mapped: remarks in parentheses and "khóa ..."
term numbers are dropped, "office, body" is joined, and a comma list of
offices is split into one row per office.
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
SRC = os.path.join("data", "datmieu204-political-net", "politicians_infobox_normalized.json")

# Words that open an office, used to split "office A, office B" lists.
OFFICE_HEADS = ("Phó ", "Chủ tịch", "Bí thư", "Ủy viên", "Uỷ viên", "Thủ tướng", "Bộ trưởng", "Thứ trưởng",
                "Trưởng ", "Tổng ", "Đại biểu", "Giám đốc", "Chánh ", "Chủ nhiệm", "Thường trực", "Tư lệnh",
                "Chính ủy", "Đại sứ", "Viện trưởng", "Thống đốc", "Hiệu trưởng", "Cục trưởng", "Vụ trưởng",
                "Tổng cục trưởng", "Người phát ngôn", "Trợ lý", "Thư ký", "Đại tướng", "Thượng tướng",
                "Trung tướng", "Thiếu tướng", "Đảng ủy viên")
RANKS = ("dai tuong", "thuong tuong", "trung tuong", "thieu tuong", "dai ta", "tien si", "giao su",
         "pho giao su", "thac si", "dong chi", "ong ", "ba ")
# Infobox subjects who are not Vietnamese officials.
COUNTRY_OVERRIDE = {"Lâm Ngọc Huy": "BRN"}  # Lim Jock Hoi, ASEAN Secretary-General from Brunei


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " ".join(s.lower().split())
OPEN = {"nay", "đương nhiệm", "hiện tại", "nay, ()", "()", "không rõ", ""}


def nfc(s):
    return unicodedata.normalize("NFC", str(s))


def clean_space(s):
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(" ,;:.-–")


def parse_date(v):
    """ISO date (YYYY, YYYY-MM or YYYY-MM-DD) from the infobox's free text, or ''."""
    s = clean_space(nfc(v)).lower()
    if s in OPEN or s.startswith("nay"):
        return ""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s)
    if m:
        y, mo, d = m.groups()
        return "-".join(x for x in (y, mo, d) if x)
    m = re.fullmatch(r"(?:tháng\s*)?(\d{1,2})\s*[/.]\s*(\d{4})", s)
    if m:
        return "%s-%02d" % (m.group(2), int(m.group(1)))
    m = re.fullmatch(r"(\d{1,2})\s*tháng\s*(\d{1,2})\s*,?\s*(?:năm|tháng)?\s*(\d{4})", s)
    if m:
        return "%s-%02d-%02d" % (m.group(3), int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(r"tháng\s*(\d{1,2})\s*[,/]?\s*(?:năm)?\s*(\d{4})", s)
    if m:
        return "%s-%02d" % (m.group(2), int(m.group(1)))
    m = re.fullmatch(r"(?:(?:đầu|cuối|giữa)\s*)?(?:năm\s*)?(\d{4})", s)
    if m:
        return m.group(1)
    return ""


def valid(d):
    if not d:
        return True
    parts = [int(x) for x in d.split("-")]
    if not 1800 <= parts[0] <= 2100:
        return False
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return False
    return True


def split_offices(text):
    t = nfc(text)
    t = re.sub(r"\([^)]*\)", " ", t)
    t = re.sub(r"\s+khóa\s+[IVXLC0-9]+(?:\s*(?:,|và|-|–)\s*[IVXLC0-9]+)*", " ", t, flags=re.I)
    t = re.sub(r"\s+nhiệm kỳ\s+[\d\s–-]+", " ", t, flags=re.I)
    parts = [clean_space(p) for p in t.split(",")]
    parts = [p for p in parts if p]
    out = []
    for p in parts:
        if out and not p.startswith(OFFICE_HEADS):
            out[-1] = out[-1] + " " + p  # "Thứ trưởng phụ trách, Bộ Y tế" -> one office
        else:
            out.append(p)
    return [o for o in (clean_space(x) for x in out) if len(o) > 2]


def person_name(entry):
    title = nfc(entry.get("title") or "")
    name = re.sub(r"\s*\([^)]*\)\s*$", "", title).strip()
    if not name:
        name = nfc(entry["infobox"].get("name", "")).split(",")[0].strip()
    return clean_space(name)


def aliases_of(entry, name):
    ib = entry["infobox"]
    out = []
    raw = [nfc(ib.get("name", ""))] + [nfc(ib.get(k, "")) for k in ("nickname", "birth_name", "birthname")]
    for r in raw:
        for p in re.split(r"[,;()]", r):
            p = clean_space(p)
            if not p or fold(p) == fold(name) or fold(p).startswith(RANKS) or len(p.split()) < 2 or len(p) > 40:
                continue
            if re.search(r"[\d<>\[\]{}=]", p):
                continue
            if all(w[:1].isupper() for w in p.split()):
                out.append(p)
    return out


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared")
    with open(os.path.join(shared, SRC), encoding="utf-8") as f:
        people = json.load(f)
    persons = {}
    offices = []
    for e in people:
        name = person_name(e)
        if len(name.split()) < 2:
            continue
        ib = e["infobox"]
        p = persons.setdefault(name, {"wiki": [], "aliases": [], "born": set(), "died": set()})
        p["wiki"].append(str(e["id"]))
        for a in aliases_of(e, name):
            if a not in p["aliases"]:
                p["aliases"].append(a)
        b, d = parse_date(ib.get("birth_date", "")), parse_date(ib.get("death_date", ""))
        if b and valid(b):
            p["born"].add(b)
        if d and valid(d):
            p["died"].add(d)
        for k in sorted(ib, key=lambda k: (len(k), k)):
            m = re.fullmatch(r"office(\d*)", k)
            if not m:
                continue
            n = m.group(1)
            start = parse_date(ib.get("term_start" + n, ""))
            end = parse_date(ib.get("term_end" + n, ""))
            if not valid(start):
                start = ""
            if not valid(end):
                end = ""
            if start and end and end < start:
                start = end = ""
            for o in split_offices(ib[k]):
                offices.append((name, o, start, end))
    # Aliases must not collide with another person's name.
    names = set(persons)
    folds = {}
    for n in names:
        folds.setdefault(fold(n), set()).add(n)
    with open(os.path.join(DATA, "persons.tsv"), "w", encoding="utf-8") as f:
        f.write("# persons.tsv — Vietnamese politicians with a vi.wikipedia infobox (generated; do not edit).\n")
        f.write("# Columns: name<TAB>aliases<TAB>attrs: country=VNM; wiki= vi.wikipedia page id(s); born=/died= ISO\n")
        f.write("#   dates; homonyms=N when N pages share the name (their offices are merged in person_offices.tsv);\n")
        f.write("#   case=all (a name only counts capitalised); tones=exact when another name folds the same.\n")
        f.write("# Source: datmieu204/political-net, politicians_infobox_normalized.json (vi.wikipedia infoboxes,\n")
        f.write("#   state of late 2025). Licence: CC BY-SA 4.0, attribution: Wikipedia contributors.\n")
        f.write("# Regenerate with scripts/build-person-data.py.\n")
        for name in sorted(persons):
            p = persons[name]
            als = []
            for a in p["aliases"]:
                if fold(a) not in folds and fold(a) not in [fold(x) for x in als]:
                    als.append(a)
            attrs = ["country=" + COUNTRY_OVERRIDE.get(name, "VNM"), "wiki=" + ",".join(p["wiki"])]
            if len(p["born"]) == 1:
                attrs.append("born=" + next(iter(p["born"])))
            if len(p["died"]) == 1:
                attrs.append("died=" + next(iter(p["died"])))
            if len(p["wiki"]) > 1:
                attrs.append("homonyms=%d" % len(p["wiki"]))
            attrs.append("case=all")
            if len(folds[fold(name)]) > 1:
                attrs.append("tones=exact")  # another name folds the same (Phạm Hùng / Phạm Hưng)
            f.write("%s\t%s\t%s\n" % (name, "|".join(als), ";".join(attrs)))
    seen = set()
    with open(os.path.join(DATA, "person_offices.tsv"), "w", encoding="utf-8") as f:
        f.write("# person_offices.tsv — offices held by the people in persons.tsv (generated; do not edit).\n")
        f.write("# Columns: name<TAB>office<TAB>start<TAB>end; ISO dates (YYYY, YYYY-MM or YYYY-MM-DD), empty when\n")
        f.write("#   open (\"nay\", \"đương nhiệm\") or unknown. Office text is the infobox's, cleaned (see the script).\n")
        f.write("# Source: datmieu204/political-net (vi.wikipedia infoboxes). Licence: CC BY-SA 4.0,\n")
        f.write("#   attribution: Wikipedia contributors. Regenerate with scripts/build-person-data.py.\n")
        for row in offices:
            if row in seen:
                continue
            seen.add(row)
            f.write("\t".join(row) + "\n")
    print("persons: %d, offices: %d" % (len(persons), len(seen)))


if __name__ == "__main__":
    main()
