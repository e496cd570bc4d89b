#!/usr/bin/env python3
"""The five seed pages (shared/corpus/seeds) against their gold events in
shared/gold/dev.jsonl: every occurred gold event must be found with the right
roles, countries and every gold title of both leads; extra system events are
listed. Uses shared/tools/score.py for the pairing. Exit 0 when all are found,
1 otherwise, 2 when ../shared is missing.

    scripts/check-seeds.py [--sukien ./sukien] [--shared ../shared]
"""
import argparse
import json
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sukien", default="./sukien")
    ap.add_argument("--shared", default=os.environ.get("SHARED", "../shared"))
    a = ap.parse_args()
    gold_path = os.path.join(a.shared, "gold", "dev.jsonl")
    seeds = os.path.join(a.shared, "corpus", "seeds")
    if not os.path.exists(gold_path) or not os.path.isdir(seeds):
        print("check-seeds: %s or %s not found" % (gold_path, seeds), file=sys.stderr)
        return 2
    sys.path.insert(0, os.path.join(a.shared, "tools"))
    import score as S  # noqa: E402  (the shared scorer's pairing)

    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8")]
    gold = [g for g in gold if g.get("corpus") == "seeds"]
    files = [os.path.join(seeds, f) for f in sorted(os.listdir(seeds))]
    out = subprocess.run([a.sukien, "code", "-q"] + files, capture_output=True, text=True).stdout
    system = {}
    for line in out.splitlines():
        r = json.loads(line)
        if "type" in r:
            system.setdefault(r["doc"], []).append(r)
    found = total = 0
    for g in gold:
        ss = system.get(g["doc"], [])
        used = set()
        for ge in g["events"]:
            if not S.occurred(ge):
                continue
            total += 1
            best = None
            for j, se in enumerate(ss):
                p = S.pair(ge, se)
                if p and (best is None or p["roles"] + p["country"] > best[1]["roles"] + best[1]["country"]):
                    best = (j, p)
            ok = best and best[1]["roles"] and best[1]["country"] and best[1]["titles"][0] == best[1]["titles"][1]
            if ok:
                found += 1
                used.add(best[0])
            else:
                print("NOT FOUND %s %s %s %s" % (g["doc"], ge["type"],
                      [S.lead(s).get("name") for s in ge["sides"]], best and best[1]))
        for j, se in enumerate(ss):
            if j not in used and S.occurred(se):
                print("EXTRA %s %s %s" % (g["doc"], se["type"], [S.lead(s).get("name") for s in se["sides"]]))
        print("%s: %d system events, %d gold events" % (g["doc"], len(ss), len(g["events"])))
    print("seeds: %d of %d gold events found with right roles, countries and titles" % (found, total))
    return 0 if found == total else 1


if __name__ == "__main__":
    sys.exit(main())
