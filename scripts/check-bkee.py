#!/usr/bin/env python3
"""Extra check of the event coder against the published BKEE dataset.

    scripts/check-bkee.py [--bkee DIR] [--sukien BIN] [--split dev|train|test|all]
                          [--min-recall PCT] [--sample N] [--verbose]

BKEE (Vietnamese ACE-style event extraction, LREC-COLING 2024, CC BY-NC 4.0)
is read from ../shared/corpus/bkee/ by default: brat standoff .txt/.ann pairs
in dev/, train/ (test/ when present), word-segmented text (syllables joined by
"_"), one sentence per line, the title on line 1. Its Meet and Phone-write
events are the ones closest to sukien's contacts; BKEE marks every event of
its 33 types in every sentence, so a sukien event whose sentence holds no
BKEE trigger at all is a candidate false positive.

Each document becomes one sukien JSONL record: "_" becomes " ", the token
spacing before punctuation is undone (" ," -> ","), text is NFC-normalised;
a character map keeps BKEE's offsets valid. The title goes to "title", the
rest to "text". sukien's evidence byte offsets are checked against the
sentence it reports; when sukien's cleaning shifted them, the sentence is
found in the text by its characters (whitespace ignored).

Reported per split:
  (a) trigger recall: of BKEE Meet / Phone-write mentions in the body (title
      mentions are counted apart: sukien does not code titles), the share
      whose trigger lies inside the evidence sentence of a sukien event of a
      compatible type (Meet -> MEET or VISIT, Phone-write -> CALL or MESSAGE),
      and of any type; events of any status count.
  (b) argument check: of those compatible hits with at least one BKEE
      Entity-Arg*/Person-Arg* argument, the share where one argument text and
      one of the sukien event's actor names contain each other (whole words,
      case and diacritics ignored).
  (c) precision proxy: sukien events with status occurred whose evidence
      sentence contains no BKEE trigger of any type: count and a sample.
  (d) --verbose: every miss and every extra with its sentence.

Exit codes: 0 done; 1 recall of Meet+Phone-write (compatible type) below
--min-recall; 2 bad command line; 3 sukien failed or data unreadable;
77 the BKEE directory is absent (skip).
"""
import argparse
import bisect
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

CONTACT = ("Meet", "Phone-write")
COMPATIBLE = {"Meet": {"MEET", "VISIT"}, "Phone-write": {"CALL", "MESSAGE"}}
ARG_ROLE = re.compile(r"^(Entity|Person)-Arg\d*$")
CLOSERS = set(",.;:!?)]}%…”’")
OPENERS = set("([{“‘")
INVISIBLE = set("\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e")


# ---------------------------------------------------------------- BKEE input

def read_doc(txt_path):
    """Text and annotations of one brat document.

    Returns (text, events) where each event is a dict with type, trigger
    (start, end, text) and args [(role, text)]; offsets are characters."""
    with open(txt_path, encoding="utf-8") as f:
        text = f.read()
    spans, raw_events = {}, []
    ann_path = txt_path[:-4] + ".ann"
    if os.path.exists(ann_path):
        with open(ann_path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 2:
                    continue
                if parts[0].startswith("T"):
                    head = parts[1].split(" ", 1)
                    if len(head) < 2:
                        continue
                    frags = [tuple(int(x) for x in fr.split()) for fr in head[1].split(";")]
                    s, e = frags[0][0], frags[-1][-1]
                    spans[parts[0]] = (head[0], s, e, parts[2] if len(parts) > 2 else text[s:e])
                elif parts[0].startswith("E"):
                    raw_events.append(parts[1].split())
    events = []
    for fields in raw_events:
        if not fields or ":" not in fields[0]:
            continue
        etype, tid = fields[0].split(":", 1)
        if tid not in spans:
            continue
        _, s, e, ttext = spans[tid]
        args = []
        for a in fields[1:]:
            if ":" in a:
                role, aid = a.split(":", 1)
                if aid in spans:
                    args.append((role, spans[aid][3]))
        events.append({"type": etype, "start": s, "end": e, "trigger": ttext, "args": args,
                       "source_ok": fold(text[s:e]) == fold(ttext)})
    return text, events


def detokenize(text):
    """BKEE text as a reader would see it, with the source index of each
    output character: '_' -> ' ', no space before closing punctuation or
    after opening brackets and quotes, NFC. Returns (out, src)."""
    # 1. NFC per cluster (a base character and its combining marks).
    chars, src = [], []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        for c in unicodedata.normalize("NFC", text[i:j]):
            if c == "_" or c in INVISIBLE or (c.isspace() and c != "\n"):
                c = " "
            chars.append(c)
            src.append(i)
        i = j
    # Runs of spaces become one; none at either end of a line.
    c2, s2 = [], []
    for c, x in zip(chars, src):
        if c == " " and (not c2 or c2[-1] in " \n"):
            continue
        if c == "\n" and c2 and c2[-1] == " ":
            c2.pop()
            s2.pop()
        c2.append(c)
        s2.append(x)
    if c2 and c2[-1] == " ":
        c2.pop()
        s2.pop()
    chars, src = c2, s2
    # 2. Token spacing, line by line (BKEE has one sentence per line).
    drop = [False] * len(chars)
    line_start = 0
    for k in range(len(chars) + 1):
        if k < len(chars) and chars[k] != "\n":
            continue
        quotes = 0
        for m in range(line_start, k):
            c = chars[m]
            alone = (m == line_start or chars[m - 1] == " ") and (m + 1 == k or chars[m + 1] == " ")
            if c == '"' and alone:
                quotes += 1
                if quotes % 2:  # opening quote: glue to the next word
                    if m + 1 < k:
                        drop[m + 1] = True
                elif m > line_start:  # closing quote: glue to the previous word
                    drop[m - 1] = True
            elif c in CLOSERS and m > line_start and chars[m - 1] == " ":
                drop[m - 1] = True
            elif c in OPENERS and m + 1 < k and chars[m + 1] == " ":
                drop[m + 1] = True
        line_start = k + 1
    out, osrc = [], []
    for k, c in enumerate(chars):
        if not drop[k]:
            out.append(c)
            osrc.append(src[k])
    return "".join(out), osrc


def out_span(src, s, e):
    """Output-character span of source span [s, e)."""
    return bisect.bisect_left(src, s), bisect.bisect_left(src, e)


# ---------------------------------------------------------------- matching

def fold(s):
    s = unicodedata.normalize("NFD", s.replace("_", " ").replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return re.findall(r"\w+", s)


def contains_words(a, b):
    """Word list b occurs in word list a."""
    if not b or len(b) > len(a):
        return False
    return any(a[i:i + len(b)] == b for i in range(len(a) - len(b) + 1))


def names_match(arg, name):
    a, b = fold(arg), fold(name)
    return contains_words(a, b) or contains_words(b, a)


def squeeze(s):
    """s without whitespace, with the index in s of each kept character."""
    idx = [i for i, c in enumerate(s) if not c.isspace()]
    return "".join(s[i] for i in idx), idx


def locate(doc, ev):
    """Character span of sukien's evidence sentence in doc['full'] (title +
    '\\n' + text), or None. Tries the byte offsets first."""
    evd = ev.get("evidence") or {}
    sent = unicodedata.normalize("NFC", evd.get("sentence") or "")
    start, end = evd.get("start"), evd.get("end")
    base = doc["text_base"]
    tb = doc["text_bytes"]
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(tb):
        try:
            if tb[start:end].decode("utf-8") == sent:
                cs = len(tb[:start].decode("utf-8"))
                doc["by_offset"] += 1
                return base + cs, base + cs + len(sent)
        except UnicodeDecodeError:
            pass
    if not sent.strip():
        return None
    sq, idx = doc.get("squeezed") or squeeze(doc["full"])
    doc["squeezed"] = (sq, idx)
    needle = squeeze(sent)[0]
    hint = base + (len(tb[:start].decode("utf-8", "ignore")) if isinstance(start, int) else 0)
    best, pos = None, sq.find(needle)
    while pos >= 0:
        span = (idx[pos], idx[pos + len(needle) - 1] + 1)
        if best is None or abs(span[0] - hint) < abs(best[0] - hint):
            best = span
        pos = sq.find(needle, pos + 1)
    if best:
        doc["by_text"] += 1
    return best


def line_of(full, pos):
    s = full.rfind("\n", 0, pos) + 1
    e = full.find("\n", pos)
    return full[s:e if e >= 0 else len(full)]


def actor_names(ev):
    return [a.get("name") or "" for side in ev.get("sides") or [] for a in side.get("actors") or []]


# ---------------------------------------------------------------- one split

def load_split(bkee, split):
    d = os.path.join(bkee, split)
    docs = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".txt"):
            continue
        raw, events = read_doc(os.path.join(d, name))
        full, src = detokenize(raw.rstrip("\n"))
        nl = full.find("\n")
        title, text = (full, "") if nl < 0 else (full[:nl], full[nl + 1:])
        doc = {"id": name[:-4], "full": full, "title": title, "text": text,
               "text_base": len(title) + 1, "text_bytes": text.encode("utf-8"),
               "by_offset": 0, "by_text": 0, "events": []}
        for e in events:
            s, t = out_span(src, e["start"], e["end"])
            e["span"] = (s, t)
            e["in_title"] = s < len(title) or nl < 0
            e["mapped_ok"] = fold(full[s:t]) == fold(e["trigger"])
            doc["events"].append(e)
        docs.append(doc)
    return docs


def run_sukien(binary, docs):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for d in docs:
            f.write(json.dumps({"id": d["id"], "title": d["title"], "text": d["text"]},
                               ensure_ascii=False) + "\n")
        path = f.name
    try:
        p = subprocess.run([binary, "code", "-q", path], capture_output=True)
    finally:
        os.unlink(path)
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr.decode("utf-8", "replace"))
        raise RuntimeError(f"{binary} code exited {p.returncode}")
    events, coded = {}, set()
    for line in p.stdout.decode("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if "type" in rec:
            events.setdefault(rec["doc"], []).append(rec)
        elif "persons" in rec:
            coded.add(rec.get("doc"))
    lost = len({d["id"] for d in docs} - coded)
    if lost:
        sys.stderr.write(p.stderr.decode("utf-8", "replace"))
        raise RuntimeError(f"{binary} code exited {p.returncode} and left {lost} of "
                           f"{len(docs)} documents uncoded")
    return events


def pct(a, b):
    return f"{a}/{b} = {100.0 * a / b:5.1f}%" if b else f"{a}/0"


def check_split(args, split):
    docs = load_split(args.bkee, split)
    sys_events = run_sukien(args.sukien, docs)
    hits = {t: [0, 0, 0] for t in CONTACT}  # compatible, any type, total
    elsewhere = {t: 0 for t in CONTACT}  # misses told by another sentence of the same event
    two = [0, 0, 0]  # the same for mentions with two or more Entity/Person arguments
    title_mentions = {t: 0 for t in CONTACT}
    arg_hit = arg_total = arg_none = 0
    n_sys = n_occ = unaligned = 0
    misses, extras, arg_misses = [], [], []
    by_offset = by_text = 0
    for doc in docs:
        evs = sys_events.get(doc["id"], [])
        located = []
        for ev in evs:
            n_sys += 1
            span = locate(doc, ev)
            if span is None:
                unaligned += 1
                continue
            located.append((span, ev))
        by_offset += doc["by_offset"]
        by_text += doc["by_text"]
        full = doc["full"]
        # (a), (b): BKEE contact mentions
        for be in doc["events"]:
            if be["type"] not in CONTACT:
                continue
            if be["in_title"]:
                title_mentions[be["type"]] += 1
                continue
            s, e = be["span"]
            around = [ev for (a, b), ev in located if a <= s and e <= b]
            compat = [ev for ev in around if ev["type"] in COMPATIBLE[be["type"]]]
            h = hits[be["type"]]
            h[2] += 1
            h[1] += bool(around)
            h[0] += bool(compat)
            ents = [t for r, t in be["args"] if ARG_ROLE.match(r)]
            if len(ents) >= 2:
                two[2] += 1
                two[1] += bool(around)
                two[0] += bool(compat)
            trig = full[s:e]
            if not compat:
                names = [n for (_, _), ev in located if ev["type"] in COMPATIBLE[be["type"]]
                         for n in actor_names(ev)]
                told = any(names_match(a, n) for a in ents for n in names)
                elsewhere[be["type"]] += told
                other = ",".join(sorted({ev["type"] for ev in around}))
                misses.append((doc["id"], be["type"], trig, other, told, line_of(full, s)))
                continue
            if not ents:
                arg_none += 1
                continue
            arg_total += 1
            names = [n for ev in compat for n in actor_names(ev)]
            if any(names_match(a, n) for a in ents for n in names):
                arg_hit += 1
            else:
                arg_misses.append((doc["id"], be["type"], trig, ents, names, line_of(full, s)))
        # (c): occurred sukien events with no BKEE trigger in their sentence
        for (a, b), ev in located:
            if ev.get("status") != "occurred":
                continue
            n_occ += 1
            if not any(be["span"][0] < b and a < be["span"][1] for be in doc["events"]):
                extras.append((doc["id"], ev["type"], ev.get("trigger") or "",
                               ", ".join(actor_names(ev)), full[a:b]))

    out = print
    n_docs = len(docs)
    n_bkee = sum(len(d["events"]) for d in docs)
    out(f"BKEE {split}: {n_docs} documents, {n_bkee} BKEE event mentions, "
        f"{n_sys} sukien events ({n_occ} occurred)")
    bad_map = sum(1 for d in docs for be in d["events"] if not be["mapped_ok"])
    bad_src = sum(1 for d in docs for be in d["events"] if not be["source_ok"])
    out(f"  triggers after conversion: {n_bkee - bad_map} read as annotated, {bad_map} differ "
        f"({bad_src} already differ in the source .txt/.ann)")
    out(f"  evidence located: {by_offset} by byte offsets, {by_text} by sentence text, "
        f"{unaligned} not found")
    out(f"  (a) trigger recall, body mentions (title mentions left out: "
        + ", ".join(f"{t} {title_mentions[t]}" for t in CONTACT) + ")")
    tot = [0, 0, 0]
    for t in CONTACT:
        h = hits[t]
        tot = [x + y for x, y in zip(tot, h)]
        out(f"      {t:<12} compatible {pct(h[0], h[2])}   any type {pct(h[1], h[2])}")
    out(f"      {'together':<12} compatible {pct(tot[0], tot[2])}   any type {pct(tot[1], tot[2])}")
    el = sum(elsewhere.values())
    out(f"      {'+elsewhere':<12} compatible {pct(tot[0] + el, tot[2])}   (a miss counts when a "
        "compatible event of the document, evidenced by another sentence, shares an argument)")
    out(f"      {'two-sided':<12} compatible {pct(two[0], two[2])}   any type {pct(two[1], two[2])}"
        "   (mentions with 2+ Entity/Person arguments)")
    out(f"  (b) argument check: {pct(arg_hit, arg_total)} of compatible hits share an "
        f"Entity/Person argument with the sukien actors ({arg_none} hits have no such argument)")
    out(f"  (c) precision proxy: {len(extras)} of {n_occ} occurred sukien events have no BKEE "
        f"trigger in their evidence sentence" + (" (" + ", ".join(
            f"{t} {sum(1 for x in extras if x[1] == t)}" for t in sorted({x[1] for x in extras}))
            + "; BKEE has no signing event type, so AGREEMENT extras are expected)" if extras else ""))
    shown = extras if args.verbose else extras[:args.sample]
    for x in shown:
        out(f"      extra {x[0]} {x[1]} [{x[2]}] {x[3]}: {x[4]}")
    if args.verbose:
        for m in misses:
            seen = f" (sentence coded as {m[3]})" if m[3] else ""
            seen += " (same event evidenced elsewhere)" if m[4] else ""
            out(f"      miss  {m[0]} {m[1]} [{m[2]}]{seen}: {m[5]}")
        for m in arg_misses:
            out(f"      args  {m[0]} {m[1]} [{m[2]}] BKEE {m[3]} vs sukien {m[4]}: {m[5]}")
    recall = 100.0 * tot[0] / tot[2] if tot[2] else 0.0
    out(f"  recall Meet+Phone-write (compatible): {recall:.1f}%")
    return recall


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    default_bkee = os.path.normpath(os.path.join(os.environ.get("SHARED", os.path.join(here, "..", "..", "shared")),
                                "corpus", "bkee"))
    ap.add_argument("--bkee", default=default_bkee, help="BKEE directory (default %(default)s)")
    ap.add_argument("--sukien", default="./sukien", help="sukien binary (default %(default)s)")
    ap.add_argument("--split", default="all", help="dev, train, test or all present (default)")
    ap.add_argument("--min-recall", type=float, default=None, metavar="PCT",
                    help="exit 1 when Meet+Phone-write compatible recall is below PCT")
    ap.add_argument("--sample", type=int, default=10, help="extras listed without --verbose")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    args = ap.parse_args()

    if not os.path.isdir(args.bkee):
        print(f"check-bkee: skipped: {args.bkee} not present")
        return 77
    present = [s for s in ("dev", "train", "test") if os.path.isdir(os.path.join(args.bkee, s))]
    splits = present if args.split == "all" else [args.split]
    for s in splits:
        if s not in present:
            print(f"check-bkee: no split '{s}' in {args.bkee} (present: {', '.join(present)})",
                  file=sys.stderr)
            return 2
    if not (os.path.isfile(args.sukien) and os.access(args.sukien, os.X_OK)):
        print(f"check-bkee: {args.sukien} is not an executable (build with make, or --sukien)",
              file=sys.stderr)
        return 3
    rc = 0
    for s in splits:
        try:
            recall = check_split(args, s)
        except (OSError, RuntimeError, ValueError) as e:
            print(f"check-bkee: {s}: {e}", file=sys.stderr)
            return 3
        if args.min_recall is not None and recall < args.min_recall:
            print(f"check-bkee: {s}: recall {recall:.1f}% below the floor {args.min_recall:.1f}%")
            rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
