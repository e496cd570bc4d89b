#!/usr/bin/env bash
# The main job on the example articles: clean and code them (and, once the
# store exists, ingest into ./sukien.db and list the events).
set -euo pipefail
cd "$(dirname "$0")/.."
./sukien clean examples/articles.jsonl | head -c 400; echo
