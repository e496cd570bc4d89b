#!/usr/bin/env python3
"""Lint the lexicon data files (data/*.tsv).

Usage: scripts/check-data.py [DATA_DIR] [--shared SHARED_DIR] [--quiet]

Checks every line of every known file: the 3-column shape
(canonical<TAB>aliases<TAB>attrs, empty alias/attr columns allowed;
person_offices.tsv has name<TAB>office<TAB>start<TAB>end), attributes that
parse as key=value;..., keys known for the file, allowed values for the keys
that have a closed set, ISO3 codes present in countries.tsv, no duplicate
canonical (folded) within a file, NFC text, no stray spaces, a header comment
naming the source. Exits 1 and prints file:line: message for each problem.

countries.tsv is the list of valid ISO3 codes, so the check needs nothing
outside DATA_DIR; with --shared (or ../shared beside the repo, when present)
it also cross-checks iso2 codes against the shared CLDR country list.
"""
import os
import re
import sys
import unicodedata

COMMON = {"case", "tones", "ambiguous", "note"}
SCHEMA = {
    "countries.tsv": COMMON | {"iso3", "iso2", "historical"},
    "places.tsv": COMMON | {"type", "country", "code", "status", "merged_into", "historical"},
    "offices.tsv": COMMON | {"level", "head", "jurisdiction", "country", "type", "org", "deputy", "scope",
                             "same_as", "io"},
    "organizations.tsv": COMMON | {"type", "country", "acronym", "place", "parent", "level", "historical"},
    "honorifics.tsv": COMMON | {"type", "gender", "country"},
    "surnames.tsv": COMMON | {"origin", "count"},
    "given_names.tsv": COMMON | {"gender"},
    "persons.tsv": COMMON | {"country", "wiki", "gender", "born", "died", "homonyms", "org"},
    "persons_foreign.tsv": COMMON | {"country", "gender", "office", "org", "born", "died"},
    "cues.tsv": COMMON | {"type", "subtype"},
    "triggers.tsv": COMMON | {"type", "subtype", "cameo", "plover", "mode", "role", "dir", "form", "frame"},
    "nonnames.tsv": COMMON | {"type", "position"},
}
VALUES = {
    "case": {"first", "all"},
    "tones": {"exact"},
    "ambiguous": {"1"},
    "historical": {"1"},
    "head": {"1"},
    "deputy": {"1"},
    "level": {"party", "state", "gov", "assembly", "front", "army", "local", "diplomat", "foreign", "io",
              "royal", "judicial", "mass", "business"},
    "jurisdiction": {"body", "place", "country", "none"},
    "scope": {"national", "local", "party", "none"},
    "gender": {"m", "f"},
    "status": {"current", "pre2025"},
    "origin": {"vi", "zh", "ko", "ja", "km", "lo"},
}
TYPES = {
    "places.tsv": {"province", "city", "capital", "region", "building"},
    "offices.tsv": {"office", "rank", "role"},
    "organizations.tsv": {"party", "body", "io", "ministry", "locality-body", "legislature", "army",
                          "agency", "mass", "embassy", "media"},
    "honorifics.tsv": {"address", "spouse", "academic", "religious", "royal", "military"},
    "cues.tsv": {"boilerplate", "planned", "negation", "delegation", "daypart", "time", "report",
                 "former", "acting", "counterpart", "location", "credit", "placehead"},
}
COUNTRY_KEYS = {"country"}
MULTI = {"jurisdiction", "origin"}  # comma-separated lists allowed
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " ".join(s.lower().split())


def spelling_key(s):
    return " ".join(unicodedata.normalize("NFC", s).lower().split())


class Linter:
    def __init__(self):
        self.errors = 0

    def err(self, path, line, msg):
        self.errors += 1
        print("%s:%d: %s" % (path, line, msg))

    def text_checks(self, path, n, raw):
        if unicodedata.normalize("NFC", raw) != raw:
            self.err(path, n, "not NFC-normalised")
        if raw != raw.rstrip(" \u00a0\u200b"):
            self.err(path, n, "trailing whitespace")
        if "\r" in raw:
            self.err(path, n, "carriage return")

    def parse_attrs(self, path, n, field):
        attrs = {}
        if field == "":
            return attrs
        for part in field.split(";"):
            if "=" not in part:
                self.err(path, n, "attribute without '=': %r" % part)
                continue
            k, v = part.split("=", 1)
            if not KEY.match(k):
                self.err(path, n, "bad attribute key %r" % k)
            if k in attrs:
                self.err(path, n, "duplicate attribute %r" % k)
            if v != v.strip() or v == "":
                self.err(path, n, "empty or padded value for %r" % k)
            attrs[k] = v
        return attrs

    def read(self, path):
        """Yields (line number, raw line) for content lines; checks the header."""
        with open(path, encoding="utf-8", newline="") as f:
            try:
                lines = f.read().split("\n")
            except UnicodeDecodeError as e:
                self.err(path, 0, "not UTF-8: %s" % e)
                return
        if lines and lines[-1] == "":
            lines.pop()
        header = []
        for raw in lines:
            if not raw.startswith("#"):
                break
            header.append(raw)
        if not header or not re.search(r"source", " ".join(header), re.I):
            self.err(path, 1, "header comment must name the file's source(s)")
        for n, raw in enumerate(lines, 1):
            self.text_checks(path, n, raw)
            if raw.startswith("#") or raw.strip() == "":
                continue
            yield n, raw


def check_entries(lint, path, name, iso3s, iso2_of, shared_iso2):
    known = SCHEMA.get(name)
    seen = {}
    entries = []
    for n, raw in lint.read(path):
        cols = raw.split("\t")
        if len(cols) != 3:
            lint.err(path, n, "want 3 tab-separated columns (canonical, aliases, attrs), got %d" % len(cols))
            continue
        canon, aliases, attrf = cols
        if canon.strip() == "" or canon != canon.strip() or "  " in canon:
            lint.err(path, n, "empty or badly spaced canonical %r" % canon)
            continue
        if "|" in canon:
            lint.err(path, n, "'|' in canonical")
        als = aliases.split("|") if aliases else []
        fc = fold(canon)
        # aliases are compared with their diacritics: the lexicon matches a spelling written
        # with diacritics exactly ("Ả-rập" and "A-rập" are two spellings), case aside
        kc = spelling_key(canon)
        fal = set()
        for a in als:
            if a == "" or a != a.strip() or "  " in a:
                lint.err(path, n, "empty or badly spaced alias %r" % a)
            elif spelling_key(a) == kc:
                lint.err(path, n, "alias %r is the canonical form again (not needed)" % a)
            elif spelling_key(a) in fal:
                lint.err(path, n, "duplicate alias %r" % a)
            fal.add(spelling_key(a))
        attrs = lint.parse_attrs(path, n, attrf)
        if known is not None:
            for k in attrs:
                if k not in known:
                    lint.err(path, n, "unknown attribute %r for %s" % (k, name))
        for k, v in attrs.items():
            multi = k in MULTI
            if k in VALUES and any(x not in VALUES[k] for x in (v.split(",") if multi else [v])):
                lint.err(path, n, "bad value %s=%s" % (k, v))
        if "type" in attrs and name in TYPES and attrs["type"] not in TYPES[name]:
            lint.err(path, n, "bad type=%s for %s" % (attrs["type"], name))
        if name in ("places.tsv", "organizations.tsv", "cues.tsv", "honorifics.tsv") and "type" not in attrs:
            lint.err(path, n, "type= is required in %s" % name)
        if name == "offices.tsv" and "level" not in attrs:
            lint.err(path, n, "level= is required in offices.tsv")
        if name == "countries.tsv":
            i3, i2 = attrs.get("iso3", ""), attrs.get("iso2", "")
            if not re.match(r"^[A-Z]{3}$", i3):
                lint.err(path, n, "iso3 must be three capital letters, got %r" % i3)
            if not re.match(r"^[A-Z]{2}$", i2):
                lint.err(path, n, "iso2 must be two capital letters, got %r" % i2)
            if shared_iso2 is not None and "historical" not in attrs and i2 not in shared_iso2:
                lint.err(path, n, "iso2 %s not in the shared CLDR country list" % i2)
        for k in COUNTRY_KEYS:
            if k in attrs:
                for c in attrs[k].split(","):
                    if c not in iso3s:
                        lint.err(path, n, "%s=%s is not an ISO3 code listed in countries.tsv" % (k, c))
        if name == "organizations.tsv" and attrs.get("type") == "io" and "acronym" not in attrs:
            lint.err(path, n, "type=io needs acronym=")
        prev = seen.get(fc)
        if prev is not None:
            pn, pcanon, pattrs = prev
            if not (attrs.get("tones") == "exact" and pattrs.get("tones") == "exact" and pcanon != canon):
                lint.err(path, n, "duplicate canonical %r (line %d)" % (canon, pn))
        else:
            seen[fc] = (n, canon, attrs)
        entries.append((n, canon, als, attrs))
    return entries


def check_person_offices(lint, path, persons):
    for n, raw in lint.read(path):
        cols = raw.split("\t")
        if len(cols) != 4:
            lint.err(path, n, "want 4 tab-separated columns (name, office, start, end), got %d" % len(cols))
            continue
        name, office, start, end = cols
        if not name or not office or name != name.strip() or office != office.strip():
            lint.err(path, n, "empty or padded name/office")
        for d in (start, end):
            if d and not ISO_DATE.match(d):
                lint.err(path, n, "date %r is not ISO (YYYY, YYYY-MM or YYYY-MM-DD)" % d)
        if start and end and end < start:
            lint.err(path, n, "end %s before start %s" % (end, start))
        if persons is not None and name not in persons:
            lint.err(path, n, "person %r not in persons.tsv" % name)


def main(argv):
    quiet = "--quiet" in argv
    argv = [a for a in argv if a != "--quiet"]
    shared = None
    if "--shared" in argv:
        i = argv.index("--shared")
        shared = argv[i + 1]
        del argv[i:i + 2]
    here = os.path.dirname(os.path.abspath(__file__))
    data = argv[0] if argv else os.path.join(here, "..", "data")
    lint = Linter()
    shared_iso2 = None
    if shared is None:
        cand = os.path.join(here, "..", "..", "shared")
        shared = cand if os.path.isdir(cand) else None
    if shared:
        p = os.path.join(shared, "data", "umpirsky-country-list", "vi_country.csv")
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                shared_iso2 = {ln.split(",", 1)[0] for ln in f.read().splitlines()[1:] if ln}
    cpath = os.path.join(data, "countries.tsv")
    if not os.path.exists(cpath):
        print("%s:0: missing (it holds the valid ISO3 codes)" % cpath)
        return 1
    countries = check_entries(lint, cpath, "countries.tsv", set(), {}, shared_iso2)
    iso3s = {e[3].get("iso3") for e in countries}
    counts = {"countries.tsv": len(countries)}
    persons = None
    entries_by_file = {}
    names = sorted(f for f in os.listdir(data) if f.endswith(".tsv"))
    for name in names:
        if name in ("countries.tsv", "person_offices.tsv"):
            continue
        path = os.path.join(data, name)
        if name not in SCHEMA:
            lint.err(path, 0, "unknown data file (add it to SCHEMA in scripts/check-data.py)")
        ents = check_entries(lint, path, name, iso3s, {}, None)
        counts[name] = len(ents)
        entries_by_file[name] = ents
        if name in ("persons.tsv", "persons_foreign.tsv"):
            persons = (persons or set()) | {e[1] for e in ents}
    # io= on an office names an international organisation listed in organizations.tsv
    io_acronyms = {e[3].get("acronym") for e in entries_by_file.get("organizations.tsv", [])
                   if e[3].get("type") == "io"}
    for n, canon, _, attrs in entries_by_file.get("offices.tsv", []):
        if "io" in attrs and attrs["io"] not in io_acronyms:
            lint.err(os.path.join(data, "offices.tsv"), n,
                     "io=%s is not the acronym of a type=io organisation" % attrs["io"])
    if "person_offices.tsv" in names:
        check_person_offices(lint, os.path.join(data, "person_offices.tsv"), persons)
    if not quiet:
        print("; ".join("%s %d" % kv for kv in sorted(counts.items())))
    if lint.errors:
        print("%d problem(s)" % lint.errors)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
