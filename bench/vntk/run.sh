#!/usr/bin/env bash
# Side by side on the gold articles (issue 3): vntk's NER (npm, Node) and
# `sukien code`, same input file, same machine, one run after the other.
# Prints a markdown section (persons P/R/F1 from shared/tools/score.py, time,
# throughput, ratio). Files in bench/out/: vntk-persons.jsonl, sukien-dev.jsonl.
# usage: bench/vntk/run.sh [ARTICLES.jsonl [GOLD.jsonl]]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
SHARED=${SHARED:-$root/../shared}
SUKIEN=${SUKIEN:-$root/build/sukien}
REPS=${REPS:-3}
in=${1:-$SHARED/gold/dev_articles.jsonl}
gold=${2:-$SHARED/gold/dev.jsonl}
out=$root/bench/out
mkdir -p "$out"
[ -f "$in" ] || { echo "vntk: no $in (skipped)"; exit 0; }
command -v node >/dev/null || { echo "vntk: node not installed (skipped)"; exit 0; }
if [ ! -d "$here/node_modules/vntk" ]; then
  (cd "$here" && npm install --no-audit --no-fund --silent) >&2
fi
# crfsuite is a native addon: its install script may be skipped by npm, and no
# prebuilt binary can be fetched here, so build it from source when missing.
if ! (cd "$here" && node -e "require('crfsuite')" 2>/dev/null); then
  (cd "$here" && npm rebuild crfsuite --build-from-source --silent) >&2
fi
[ -x "$SUKIEN" ] || make -s -C "$root"

bytes=$(stat -c %s "$in")
arts=$(grep -c . "$in")
cpu_wall() { # cpu_wall TIMEFILE -> "wall cpu rss_kb"
  awk '{printf "%s %.2f %s", $1, $2+$3, $4}' "$1"
}
# sukien: median of REPS runs (each includes process start and lexicon load)
rows=()
for _ in $(seq "$REPS"); do
  /usr/bin/time -f "%e %U %S %M" -o "$out/.t" "$SUKIEN" code -q "$in" >"$out/sukien-dev.jsonl" 2>/dev/null || true
  rows+=("$(cpu_wall "$out/.t")")
done
sk=$(printf '%s\n' "${rows[@]}" | sort -k1,1g | sed -n "$(((REPS + 1) / 2))p")
# vntk: one run (it takes minutes); load and tagging times come from ner.js
/usr/bin/time -f "%e %U %S %M" -o "$out/.t" node "$here/ner.js" "$in" >"$out/vntk-persons.jsonl" 2>"$out/vntk.err"
vn=$(cpu_wall "$out/.t")
vn_inner=$(grep '^{' "$out/vntk.err" | tail -1)
rm -f "$out/.t"
score() { python3 "$SHARED/tools/score.py" "$gold" "$1" | awk '$1=="persons"{print $3, $5, $7}'; }
read -r sk_p sk_r sk_f <<<"$(score "$out/sukien-dev.jsonl")"
read -r vn_p vn_r vn_f <<<"$(score "$out/vntk-persons.jsonl")"
ver=$(cd "$here" && node -p "require('vntk/package.json').version")
python3 - "$bytes" "$arts" "$sk" "$vn" "$vn_inner" "$sk_p $sk_r $sk_f" "$vn_p $vn_r $vn_f" "$ver" "$in" <<'PY'
import json, sys
b, n = int(sys.argv[1]), int(sys.argv[2])
skw, skc, skm = (float(x) for x in sys.argv[3].split())
vnw, vnc, vnm = (float(x) for x in sys.argv[4].split())
inner = json.loads(sys.argv[5]) if sys.argv[5] else {}
skp, vnp = sys.argv[6].split(), sys.argv[7].split()
print(f"### peer comparison (vntk {sys.argv[8]}) on `{sys.argv[9].split('/')[-1]}`"
      f" ({b/1e3:.0f} KB, {n} articles)\n")
print("| system | persons P | persons R | persons F1 | wall s | CPU s | KB/s (wall) | articles/s (wall) | max RSS MB |")
print("|:---|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, p, w, c, m in (("`sukien code` (median of runs)", skp, skw, skc, skm),
                         ("vntk `ner()` (bench/vntk/ner.js)", vnp, vnw, vnc, vnm)):
    w = max(w, 0.001)
    print(f"| {name} | {p[0]} | {p[1]} | {p[2]} | {w:.2f} | {c:.2f} | {b/1e3/w:.1f} | {n/w:.1f} | {m/1024:.1f} |")
print()
ratio_w = vnw / max(skw, 0.001)
ratio_c = vnc / max(skc, 0.001)
print(f"Throughput ratio sukien : vntk = {ratio_w:.0f}x by wall time, {ratio_c:.0f}x by CPU time"
      " (whole processes, including sukien's lexicon load and vntk's model load).")
if inner:
    tag = inner.get("tag_ms", 0) / 1000
    print(f"vntk alone: model load {inner.get('load_ms', 0)/1000:.2f} s, tagging {tag:.1f} s"
          f" = {b/1e3/max(tag, 0.001):.1f} KB/s.")
print()
PY
