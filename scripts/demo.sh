#!/usr/bin/env bash
# The main job on the example articles that ship with the project: code them,
# store the events in the embedded default store (./sukien.db, SQLite), and
# list what was stored.
set -euo pipefail
cd "$(dirname "$0")/.."
./sukien ingest --db sukien.db examples/articles.jsonl
./sukien events --db sukien.db
