// Latency of the main `sukien serve` endpoints (docs/BENCHMARKS.md, "serve").
// usage: node tests/web/bench-serve.mjs BASE_URL [REQUESTS_PER_ENDPOINT] [CONCURRENCY]
// Each endpoint gets REQUESTS requests over CONCURRENCY keep-alive connections
// (after 5 warm-up requests); prints p50/p95/max in milliseconds as a table.
import http from 'node:http';

const [base, nArg = '200', cArg = '4'] = process.argv.slice(2);
if (!base) { console.error('usage: node bench-serve.mjs BASE_URL [N] [CONCURRENCY]'); process.exit(2); }
const N = +nArg, C = +cArg;
const agent = new http.Agent({keepAlive: true, maxSockets: C});

const endpoints = [
  ['stats', '/api/stats'],
  ['events (page 1, newest)', '/api/events?sort=-date&limit=50'],
  ['events type+country', '/api/events?type=MEET&country=CHN&sort=-date&limit=50'],
  ['events person', '/api/events?person=to%20lam&limit=50'],
  ['events deep page', '/api/events?limit=50&offset=4000'],
  ['event detail', null], // filled from the first events page
  ['person profile', '/api/persons/to%20lam'],
  ['persons list', '/api/persons?limit=50'],
  ['search (folded)', '/api/search?q=to%20lam&limit=20'],
  ['search phrase', '/api/search?q=dang%20cong%20san&limit=20'],
  ['timeline by type', '/api/timeline?by=type'],
  ['timeline by country', '/api/timeline?by=country&since=2020'],
  ['network countries', '/api/network?level=country&max_nodes=60'],
  ['network persons', '/api/network?level=person&max_nodes=60'],
  ['export csv 1000', '/api/export?format=csv&limit=1000'],
  ['page /', '/'],
];

function get(path) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    http.get(base + path, {agent}, res => {
      let bytes = 0;
      res.on('data', d => { bytes += d.length; });
      res.on('end', () => resolve({status: res.statusCode, bytes, ms: Number(process.hrtime.bigint() - t0) / 1e6}));
    }).on('error', reject);
  });
}

async function getJson(path) {
  return new Promise((resolve, reject) => {
    http.get(base + path, {agent}, res => {
      let s = '';
      res.setEncoding('utf8');
      res.on('data', d => { s += d; });
      res.on('end', () => resolve(JSON.parse(s)));
    }).on('error', reject);
  });
}

const pct = (a, p) => a[Math.min(a.length - 1, Math.floor(p * a.length))];
const first = await getJson('/api/events?sort=articles&limit=1');
endpoints.find(e => e[0] === 'event detail')[1] = '/api/events/' + first.events[0].id;

console.log(`| endpoint | p50 ms | p95 ms | max ms | bytes |`);
console.log(`|---|---:|---:|---:|---:|`);
for (const [name, path] of endpoints) {
  for (let i = 0; i < 5; i++) await get(path);
  const times = [];
  let bytes = 0, bad = 0, next = 0;
  await Promise.all(Array.from({length: C}, async () => {
    while (next < N) {
      next++;
      const r = await get(path);
      times.push(r.ms);
      bytes = r.bytes;
      if (r.status !== 200) bad++;
    }
  }));
  times.sort((a, b) => a - b);
  console.log(`| ${name} \`${path}\` | ${pct(times, 0.5).toFixed(1)} | ${pct(times, 0.95).toFixed(1)} | ` +
              `${times[times.length - 1].toFixed(1)} | ${bytes}${bad ? ` (${bad} errors)` : ''} |`);
}
agent.destroy();
