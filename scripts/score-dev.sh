#!/usr/bin/env bash
# Where the engine stands on the hand-annotated dev set:
#   scripts/score-dev.sh            # summary (score.py levels)
#   scripts/score-dev.sh --verbose  # also every missed and extra event
# Needs ../shared (the gold set and its scorer); not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
[ -f "$shared/gold/dev.jsonl" ] || { echo "score-dev: $shared/gold/dev.jsonl not found" >&2; exit 2; }
make -s all
out=$(mktemp)
trap 'rm -f "$out"' EXIT
./sukien code -q "$shared/gold/dev_articles.jsonl" >"$out" || true
python3 "$shared/tools/score.py" "$shared/gold/dev.jsonl" "$out" "$@"
