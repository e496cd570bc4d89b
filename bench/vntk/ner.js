#!/usr/bin/env node
// Peer for docs/BENCHMARKS.md: vntk's NER (word segmentation, POS, chunking and
// NER CRFs) over the "text" of each JSON Lines article; writes one
// {"doc", "persons": [names]} line per article (PER spans, in order, distinct),
// the form shared/tools/score.py reads. Timing on stderr as JSON:
// load_ms (models), tag_ms (tagging only), bytes and articles of text tagged.
// usage: node ner.js ARTICLES.jsonl > persons.jsonl
'use strict';
const fs = require('fs');
const readline = require('readline');

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node ner.js ARTICLES.jsonl');
    process.exit(2);
  }
  const t0 = process.hrtime.bigint();
  const ner = require('vntk').ner();
  ner.tag('Hà Nội'); // open the model now, not inside the first article
  const t1 = process.hrtime.bigint();
  let tagNs = 0n, bytes = 0, articles = 0;
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  const out = [];
  for await (const line of rl) {
    if (!line.trim()) continue;
    const a = JSON.parse(line);
    const text = a.text || '';
    bytes += Buffer.byteLength(line);
    articles++;
    const persons = [];
    const s = process.hrtime.bigint();
    for (const para of text.split('\n')) {
      if (!para.trim()) continue;
      let cur = null;
      for (const tok of ner.tag(para)) {
        const tag = tok[3] || 'O';
        if (tag === 'B-PER' || (tag === 'I-PER' && cur === null)) {
          if (cur) persons.push(cur.join(' '));
          cur = [tok[0]];
        } else if (tag === 'I-PER') {
          cur.push(tok[0]);
        } else if (cur) {
          persons.push(cur.join(' '));
          cur = null;
        }
      }
      if (cur) persons.push(cur.join(' '));
    }
    tagNs += process.hrtime.bigint() - s;
    const seen = new Set();
    const uniq = persons.map((p) => p.replace(/_/g, ' ')).filter((p) => !seen.has(p) && seen.add(p));
    out.push(JSON.stringify({ doc: a.id, persons: uniq }));
  }
  process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
  console.error(JSON.stringify({
    load_ms: Number(t1 - t0) / 1e6, tag_ms: Number(tagNs) / 1e6, bytes, articles,
  }));
}

main().catch((e) => {
  console.error(e);
  process.exit(3);
});
