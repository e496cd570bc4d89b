#!/usr/bin/env python3
"""Golden-fact checks for the recognition layer and the event coder.

    check_facts.py [--sukien BIN] [--data DIR] [--strict] [-v] FACTS.json...

Each tests/fixtures/coder/NAME.facts.json sits beside NAME.jsonl (the input
articles). The facts file is a JSON array with one object per article:

    {"doc": "meet-tiep-01",
     "events": [ EXPECTED EVENT, ... ],
     "n_events": 1,                 # occurred events, exactly
     "n_events_of": {"MEET": 1},    # occurred events of a type, exactly
     "no_events_of": ["VISIT"],     # no occurred event of these types
     "persons": ["Tô Lâm"],         # each is in the article's persons line
     "persons_exact": ["Tô Lâm", "Fabien Roussel"],  # the set, exactly
     "not_persons": ["Hà Nội"],     # none of these is a person
     "person_titles": {"Tô Lâm": ["Tổng Bí thư", "Chủ tịch nước"]},  # exact list
     "person_country": {"Fabien Roussel": "FRA"},
     "mentions": [{"kind": "date", "text": "sáng 7/10", "canonical": "2024-10-07"}],
                                    # "text" may be a list of acceptable spellings
     "no_mentions": [{"kind": "person", "text": "Ảnh"}],
     "note": "free text, ignored"}

An EXPECTED EVENT names its type and the lead of one side or both, by role:

    {"type": "MEET", "subtype": "receive", "status": "occurred",
     "host": "Tô Lâm", "guest": "Fabien Roussel",       # lead (actors[0]) of that side
     "host_titles": ["Tổng Bí thư", "Chủ tịch nước"],  # exact list, in order
     "guest_country": "FRA", "guest_org": "...", "guest_kind": "person",
     "guest_locality": "Hà Nội", "guest_others": ["..."],   # other actors on the side
     "parties": ["A", "B"],                            # AGREEMENT: both sides, any order
     "actors": ["A", "B"],                             # leads, roles not checked
     "date": "2024-10-07", "date_precision": "day",
     "location": "Hà Nội", "location_country": "VNM",  # location null: "location": null
     "cameo": "043", "plover_type": "CONSULT", "plover_mode": "visit",
     "evidence_contains": "đã tiếp"}

Roles are host guest caller callee sender recipient. The expected event is
paired with the system event of the same type whose actors include every
expected lead name (any side; names marked known_failure are not required) and which passes the most facts; each system
event pairs at most once. Names and titles are compared after NFC; names
also case-insensitively. Fields omitted are not checked.

Any fact's value may be wrapped as {"expect": VALUE, "known_failure": "why"}
(list facts: per element). An expected event with "known_failure" at its top
level is a known failure when it is not found at all. A failing known failure
prints KNOWN FAILURE and does not fail the run; a passing one prints
UNEXPECTED PASS (remove the mark) and fails the run only with --strict.
"""
import argparse
import json
import os
import subprocess
import sys
import unicodedata

ROLES = ("host", "guest", "caller", "callee", "sender", "recipient")
SIDE_FACTS = ("titles", "country", "org", "kind", "locality", "others")
EVENT_SCALARS = ("subtype", "status", "date", "date_precision", "cameo", "plover_type",
                 "plover_mode", "location", "location_country", "evidence_contains")
DOC_KEYS = {"doc", "events", "n_events", "n_events_of", "no_events_of", "persons",
            "persons_exact", "not_persons", "person_titles", "person_country", "mentions",
            "no_mentions", "note"}
EVENT_KEYS = ({"type", "known_failure", "note", "parties", "actors"} | set(ROLES)
              | {f"{r}_{f}" for r in ROLES for f in SIDE_FACTS} | set(EVENT_SCALARS))


def nfc(s):
    return unicodedata.normalize("NFC", s) if isinstance(s, str) else s


def fold(s):
    return nfc(s).casefold() if isinstance(s, str) else s


def unwrap(v):
    """(value, known_failure reason or None)"""
    if isinstance(v, dict) and "expect" in v:
        extra = set(v) - {"expect", "known_failure"}
        if extra:
            raise ValueError(f"unknown keys in wrapped fact: {sorted(extra)}")
        return v["expect"], v.get("known_failure")
    return v, None


def show(v):
    return json.dumps(v, ensure_ascii=False)


class Tally:
    def __init__(self, verbose):
        self.verbose = verbose
        self.facts = self.passed = self.failed = self.known = self.fixed = 0
        self.docs = 0

    def record(self, doc, what, ok, expected, got, known):
        self.facts += 1
        if ok and not known:
            self.passed += 1
            if self.verbose:
                print(f"ok      {doc}: {what}")
        elif ok and known:
            self.passed += 1
            self.fixed += 1
            print(f"UNEXPECTED PASS {doc}: {what} (remove known_failure: {known})")
        elif known:
            self.known += 1
            print(f"KNOWN FAILURE {doc}: {what}: {known}\n"
                  f"    expected {show(expected)}\n    got      {show(got)}")
        else:
            self.failed += 1
            print(f"FAIL    {doc}: {what}\n"
                  f"    expected {show(expected)}\n    got      {show(got)}")


def run_sukien(binary, data, mode, path):
    env = dict(os.environ)
    if data:
        env["SUKIEN_DATA"] = data
    p = subprocess.run([binary, mode, path], capture_output=True, env=env)
    if p.returncode not in (0, 1):
        sys.exit(f"check_facts: {binary} {mode} {path} exited {p.returncode}:\n"
                 + p.stderr.decode(errors="replace"))
    out = []
    for line in p.stdout.decode().splitlines():
        if line.strip():
            out.append(json.loads(line))
    return out


# ---- events -------------------------------------------------------------

def side_by_role(ev, role):
    for s in ev.get("sides") or []:
        if s.get("role") == role:
            return s
    return None


def lead_name(side):
    acts = (side or {}).get("actors") or []
    return acts[0].get("name") if acts else None


def all_actor_names(ev):
    return {fold(a.get("name")) for s in ev.get("sides") or [] for a in s.get("actors") or []}


def expected_names(exp):
    """Lead names used to pair the event (a name marked known_failure is not required)."""
    names = []
    for k in ROLES + ("parties", "actors"):
        if k in exp:
            v, kf = unwrap(exp[k])
            if not kf:
                names += [v] if isinstance(v, str) else list(v)
    return [n for n in names if n]


def event_facts(exp, ev):
    """[(label, ok, expected, got, known)] for one expected event vs a system event."""
    out = []
    for r in ROLES:
        if r in exp:
            want, kf = unwrap(exp[r])
            got = lead_name(side_by_role(ev, r))
            out.append((f"{r} lead", fold(got) == fold(want), want, got, kf))
        for f in SIDE_FACTS:
            key = f"{r}_{f}"
            if key not in exp:
                continue
            want, kf = unwrap(exp[key])
            side = side_by_role(ev, r)
            lead = ((side or {}).get("actors") or [{}])[0]
            if f == "titles":
                got = [nfc(t) for t in lead.get("titles") or []]
                ok = got == [nfc(t) for t in want]
            elif f == "kind":
                got = lead.get("kind")
                ok = got == want
            elif f == "org":
                got = lead.get("org")
                ok = fold(got) == fold(want)
            elif f == "others":
                got = [a.get("name") for a in ((side or {}).get("actors") or [])[1:]]
                ok = all(fold(w) in {fold(g) for g in got} for w in want)
            else:  # country, locality: of the side
                got = (side or {}).get(f)
                ok = fold(got) == fold(want)
            out.append((key, ok, want, got, kf))
    for k in ("parties", "actors"):
        if k in exp:
            want, kf = unwrap(exp[k])
            got = [lead_name(s) for s in ev.get("sides") or []]
            ok = sorted(fold(x) for x in want) == sorted(fold(x) for x in got if x)
            out.append((f"{k} (leads)", ok, want, got, kf))
    for k in EVENT_SCALARS:
        if k not in exp:
            continue
        want, kf = unwrap(exp[k])
        if k == "location":
            loc = ev.get("location")
            got = loc.get("name") if isinstance(loc, dict) else None
            ok = fold(got) == fold(want)
        elif k == "location_country":
            loc = ev.get("location")
            got = loc.get("country") if isinstance(loc, dict) else None
            ok = got == want
        elif k in ("plover_type", "plover_mode"):
            got = (ev.get("plover") or {}).get(k.split("_")[1])
            ok = got == want
        elif k == "evidence_contains":
            got = (ev.get("evidence") or {}).get("sentence")
            ok = isinstance(got, str) and nfc(want) in nfc(got)
        else:
            got = ev.get(k)
            ok = got == want
        out.append((k, ok, want, got, kf))
    return out


def event_label(exp):
    who = " ".join(f"{r}={unwrap(exp[r])[0]}" for r in ROLES if r in exp)
    for k in ("parties", "actors"):
        if k in exp:
            who += f" {k}={'/'.join(unwrap(exp[k])[0])}"
    return f"{exp['type']}[{who.strip()}]"


def check_events(doc, exps, events, tally):
    used = set()
    for exp in exps:
        bad = set(exp) - EVENT_KEYS
        if bad:
            sys.exit(f"check_facts: {doc}: unknown event keys {sorted(bad)}")
        label = event_label(exp)
        names = [fold(n) for n in expected_names(exp)]
        best, best_score, best_facts = None, -1, None
        for i, ev in enumerate(events):
            if i in used or ev.get("type") != exp["type"]:
                continue
            if not all(n in all_actor_names(ev) for n in names):
                continue
            facts = event_facts(exp, ev)
            score = sum(1 for f in facts if f[1])
            if score > best_score:
                best, best_score, best_facts = i, score, facts
        kf = exp.get("known_failure")
        found = best is not None
        brief = [f"{e.get('type')}/{e.get('status')} "
                 + " | ".join(f"{s.get('role')}={lead_name(s)}" for s in e.get("sides") or [])
                 for e in events]
        tally.record(doc, f"{label} exists", found, label, brief, kf)
        if not found:
            # Every fact of a missing event fails with it (counted, not printed).
            n = len(event_facts(exp, {}))
            tally.facts += n
            if kf:
                tally.known += n
            else:
                tally.failed += n
            continue
        used.add(best)
        for what, ok, want, got, fkf in best_facts:
            tally.record(doc, f"{label} {what}", ok, want, got, fkf)


# ---- persons and mentions ------------------------------------------------

def check_doc(spec, events, persons, mentions, tally):
    doc = spec["doc"]
    bad = set(spec) - DOC_KEYS
    if bad:
        sys.exit(f"check_facts: {doc}: unknown keys {sorted(bad)}")
    occurred = [e for e in events if e.get("status") == "occurred"]
    brief = [f"{e.get('type')}/{e.get('subtype')} "
             + " | ".join(f"{s.get('role')}={lead_name(s)}" for s in e.get("sides") or [])
             + f" @{e.get('date')}" for e in occurred]
    if "events" in spec:
        check_events(doc, spec["events"], events, tally)
    if "n_events" in spec:
        want, kf = unwrap(spec["n_events"])
        tally.record(doc, "n_events (occurred)", len(occurred) == want, want, brief, kf)
    for t, v in (spec.get("n_events_of") or {}).items():
        want, kf = unwrap(v)
        got = [b for b, e in zip(brief, occurred) if e.get("type") == t]
        tally.record(doc, f"n_events_of {t}", len(got) == want, want, got, kf)
    for v in spec.get("no_events_of") or []:
        t, kf = unwrap(v)
        got = [b for b, e in zip(brief, occurred) if e.get("type") == t]
        tally.record(doc, f"no occurred {t}", not got, [], got, kf)

    pnames = [p.get("name") for p in persons]
    pf = {fold(n): p for n, p in zip(pnames, persons)}
    for v in spec.get("persons") or []:
        want, kf = unwrap(v)
        tally.record(doc, f"person {want}", fold(want) in pf, want, pnames, kf)
    if "persons_exact" in spec:
        want, kf = unwrap(spec["persons_exact"])
        ok = sorted(fold(x) for x in want) == sorted(fold(x) for x in pnames)
        tally.record(doc, "persons exactly", ok, sorted(want), sorted(pnames), kf)
    for v in spec.get("not_persons") or []:
        want, kf = unwrap(v)
        tally.record(doc, f"not a person: {want}", fold(want) not in pf, None, pnames, kf)
    for name, v in (spec.get("person_titles") or {}).items():
        want, kf = unwrap(v)
        p = pf.get(fold(name))
        got = [nfc(t) for t in p.get("titles") or []] if p else None
        tally.record(doc, f"titles of {name}", got == [nfc(t) for t in want], want, got, kf)
    for name, v in (spec.get("person_country") or {}).items():
        want, kf = unwrap(v)
        p = pf.get(fold(name))
        got = p.get("country") if p else None
        tally.record(doc, f"country of {name}", got == want, want, got, kf)

    def find(m):
        hits = []
        for x in mentions:
            if "kind" in m and x.get("kind") != m["kind"]:
                continue
            if "text" in m:
                alts = m["text"] if isinstance(m["text"], list) else [m["text"]]
                if fold(x.get("text")) not in {fold(t) for t in alts}:
                    continue
            hits.append(x)
        return hits

    for v in spec.get("mentions") or []:
        want, kf = unwrap(v)
        hits = find(want)
        extra = {k: w for k, w in want.items() if k not in ("kind", "text")}
        ok = any(all(fold(h.get(k)) == fold(w) for k, w in extra.items()) for h in hits)
        got = [{k: h.get(k) for k in ("kind", "text", *extra)} for h in hits]
        tally.record(doc, f"mention {show(want)}", ok, want, got, kf)
    for v in spec.get("no_mentions") or []:
        want, kf = unwrap(v)
        hits = find(want)
        tally.record(doc, f"no mention {show(want)}", not hits, [],
                     [{k: h.get(k) for k in ("kind", "text", "canonical")} for h in hits], kf)


def check_file(facts_path, args, tally):
    base = facts_path[: -len(".facts.json")]
    inp = base + ".jsonl"
    with open(facts_path, encoding="utf-8") as f:
        specs = json.load(f)
    with open(inp, encoding="utf-8") as f:
        ids = [json.loads(line)["id"] for line in f if line.strip()]
    coded = run_sukien(args.sukien, args.data, "code", inp)
    ments = run_sukien(args.sukien, args.data, "mentions", inp)
    events, persons, mentions = {}, {}, {}
    for o in coded:
        if "persons" in o and "type" not in o:
            persons[o["doc"]] = o["persons"]
        else:
            events.setdefault(o["doc"], []).append(o)
    for o in ments:
        mentions[o["doc"]] = o.get("mentions") or []
    seen = set()
    for spec in specs:
        doc = spec["doc"]
        if doc in seen:
            sys.exit(f"check_facts: {facts_path}: {doc} listed twice")
        seen.add(doc)
        if doc not in ids:
            sys.exit(f"check_facts: {facts_path}: {doc} is not in {inp}")
        if doc not in persons:
            tally.record(doc, "article was coded (persons line)", False, True, False, None)
        tally.docs += 1
        check_doc(spec, events.get(doc, []), persons.get(doc, []), mentions.get(doc, []), tally)
    missing = [i for i in ids if i not in seen]
    if missing:
        sys.exit(f"check_facts: {facts_path}: articles without facts: {missing}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sukien", default=os.environ.get("SUKIEN", "./sukien"))
    ap.add_argument("--data", default=os.environ.get("SUKIEN_DATA"))
    ap.add_argument("--strict", action="store_true", help="unexpected passes fail the run")
    ap.add_argument("-v", "--verbose", action="store_true", help="print passing facts too")
    ap.add_argument("facts", nargs="+")
    args = ap.parse_args()
    tally = Tally(args.verbose)
    for path in args.facts:
        if not path.endswith(".facts.json"):
            sys.exit(f"check_facts: {path}: want a NAME.facts.json file")
        check_file(path, args, tally)
    print(f"coder facts: {tally.docs} articles, {tally.facts} facts: {tally.passed} passed, "
          f"{tally.known} known failures, {tally.failed} failed"
          + (f", {tally.fixed} unexpected passes" if tally.fixed else ""))
    if tally.failed or (args.strict and tally.fixed):
        sys.exit(1)


if __name__ == "__main__":
    main()
