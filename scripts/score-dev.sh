#!/usr/bin/env bash
# Where the engine stands on the hand-annotated dev set:
#   scripts/score-dev.sh            # summary (score.py levels)
#   scripts/score-dev.sh --verbose  # also every missed and extra event
#   scripts/score-dev.sh --store    # score the merged store instead of `code`
# --store ingests the dev articles into a scratch SQLite store and scores
# `export --format jsonl`: one line per event merged across articles, given
# the doc of its first report (what a harness reading the store sees; events
# reported by two articles count once, and there are no persons lines).
# Needs ../shared (the gold set and its scorer); not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
[ -f "$shared/gold/dev.jsonl" ] || { echo "score-dev: $shared/gold/dev.jsonl not found" >&2; exit 2; }
store=0
if [ "${1:-}" = --store ]; then
    store=1
    shift
fi
make -s all
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/system.jsonl
if [ "$store" = 1 ]; then
    ./sukien ingest --quiet --db "$tmp/dev.db" "$shared/gold/dev_articles.jsonl" || true
    ./sukien export --db "$tmp/dev.db" --format jsonl >"$tmp/export.jsonl"
    python3 - "$tmp/export.jsonl" "$out" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as dst:
    for line in src:
        ev = json.loads(line)
        first = ev["reports"][0]
        ev["doc"], ev["evidence"] = first["doc"], first["evidence"]
        dst.write(json.dumps(ev, ensure_ascii=False) + "\n")
PY
else
    ./sukien code -q "$shared/gold/dev_articles.jsonl" >"$out" || true
fi
python3 "$shared/tools/score.py" "$shared/gold/dev.jsonl" "$out" "$@"
