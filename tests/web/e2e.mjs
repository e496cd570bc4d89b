// End-to-end tests of the sukien page in headless Chromium (playwright-core).
// usage: node e2e.mjs BASE_URL ARTIFACTS_DIR [CHROMIUM]
// Each test drives the page like a user and checks what is on screen;
// screenshots go to ARTIFACTS_DIR/web-*.png. Exit 1 if any test fails.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, artifacts, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
if (!base || !artifacts) {
  console.error('usage: node e2e.mjs BASE_URL ARTIFACTS_DIR [CHROMIUM]');
  process.exit(2);
}
mkdirSync(artifacts, {recursive: true});
const profile = mkdtempSync(join(tmpdir(), 'sukien-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: {width: 1280, height: 900},
  acceptDownloads: true,
});
const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(20000);
const problems = [];
page.on('console', m => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
page.on('pageerror', e => problems.push('page error: ' + e.message));
page.on('dialog', d => { problems.push('dialog opened: ' + d.message()); d.dismiss(); });

function check(cond, msg) { if (!cond) throw new Error(msg); }

const ready = () => page.evaluate(() => document.body.dataset.ready || '');
// Run an action that changes the route, then wait until the new view is drawn.
async function nav(action) {
  const before = await ready();
  await action();
  await page.waitForFunction(b => document.body.dataset.ready && document.body.dataset.ready !== b, before);
}
async function goto(hash) {
  await page.goto(base + '/' + hash);
  await page.waitForFunction(h => document.body.dataset.ready === h, hash);
}
const shot = name => page.screenshot({path: join(artifacts, `web-${name}.png`), fullPage: true});
const texts = sel => page.locator(sel).allInnerTexts();

const tests = [];
const test = (name, fn) => tests.push({name, fn});

test('page loads over the API with security headers and no errors', async () => {
  const res = await page.goto(base + '/');
  check(res.status() === 200, 'status ' + res.status());
  const h = res.headers();
  check((h['content-security-policy'] || '').includes("default-src 'self'"), 'CSP header missing');
  check(h['x-content-type-options'] === 'nosniff', 'nosniff header missing');
  await page.waitForFunction(() => document.body.dataset.ready);
  const rows = await page.locator('table.events tbody tr').count();
  check(rows >= 3, `only ${rows} event rows`);
  await page.waitForFunction(() => /events from/.test(document.getElementById('stats').textContent));
  await shot('01-events');
});

test('search by a folded name: "to lam" finds Tô Lâm', async () => {
  await page.fill('#search-q', 'to lam');
  await nav(() => page.press('#search-q', 'Enter'));
  check((await ready()).startsWith('#/search?q=to'), 'not on the search page: ' + await ready());
  const names = await texts('#view a.person');
  check(names.includes('Tô Lâm'), 'no link to Tô Lâm among ' + JSON.stringify(names));
  check(await page.locator('#search-events table.events tbody tr').count() >= 1, 'no events found');
  await shot('02-search');
});

test('filter events by type and person', async () => {
  await goto('#/events');
  await page.selectOption('#f-type', 'MEET');
  await page.fill('#f-person', 'to lam');
  await nav(() => page.click('#f-apply'));
  const h = await ready();
  check(h.includes('type=MEET') && h.includes('person=to+lam'), 'filters not in the URL: ' + h);
  const types = await texts('table.events tbody td:nth-child(2) .type');
  check(types.length >= 1, 'no rows after filtering');
  check(types.every(t => t === 'MEET'), 'non-MEET rows: ' + types);
  const sides = await texts('table.events tbody tr');
  check(sides.every(s => s.includes('Tô Lâm')), 'a row without Tô Lâm');
  await shot('03-filtered');
});

test('filter by country and date range', async () => {
  await goto('#/events');
  await page.fill('#f-country', 'FRA');
  await page.fill('#f-since', '2025-03');
  await page.fill('#f-until', '2025-03');
  await nav(() => page.click('#f-apply'));
  const rows = await texts('table.events tbody tr');
  check(rows.length >= 1, 'no rows for FRA in March 2025');
  check(rows.every(r => r.includes('FRA') && r.includes('2025-03')), 'rows outside the filter: ' + rows.join(' | '));
  await goto('#/events?type=MEET&since=2099');
  check(await page.locator('.empty').count() === 1, 'no empty-state message');
});

test('download the table as CSV and JSON', async () => {
  await goto('#/events?type=MEET');
  const ids = await page.locator('table.events tbody tr').evaluateAll(trs => trs.map(t => t.dataset.id));
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#dl-csv')]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  check(csvText.split('\n').length >= ids.length + 1, 'CSV too short: ' + csvText.slice(0, 200));
  check(ids.every(id => csvText.includes(id)), 'CSV lacks an event on screen');
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#dl-json')]);
  const rows = JSON.parse(readFileSync(await json.path(), 'utf8'));
  check(Array.isArray(rows) && rows.length === ids.length, `JSON has ${rows.length} rows, screen ${ids.length}`);
  check(rows.every(r => r.type === 'MEET'), 'JSON rows outside the filter');
});

test('open an event: sides, codes, sources, evidence highlighted', async () => {
  await goto('#/events?person=to+lam&type=MEET');
  await nav(() => page.locator('table.events tbody tr a.open').first().click());
  check((await ready()).startsWith('#/event/ev_'), 'not on an event page');
  check(await page.locator('.side-card').count() === 2, 'two sides expected');
  check(/\d{3}/.test(await page.innerText('#ev-cameo')), 'no CAMEO code');
  check((await page.innerText('#ev-plover')).includes('CONSULT'), 'no PLOVER code');
  const reports = page.locator('article.report');
  check(await reports.count() >= 1, 'no reporting article');
  const mark = reports.first().locator('blockquote.evidence mark.evidence-mark');
  check(await mark.isVisible(), 'evidence not highlighted');
  const bg = await mark.evaluate(m => getComputedStyle(m).backgroundColor);
  check(bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent', 'highlight has no background');
  const actors = await reports.first().locator('b.actor').allInnerTexts();
  check(actors.includes('Tô Lâm'), 'actor not marked in the evidence: ' + actors);
  check(/bytes \d+–\d+/.test(await reports.first().locator('.offsets').innerText()), 'no offsets');
  const href = await reports.first().locator('a.source').getAttribute('href');
  check(/^https:\/\//.test(href), 'no source link: ' + href);
  check((await reports.first().locator('a.source').getAttribute('rel')).includes('noopener'), 'source link lacks rel');
  await shot('04-event');
});

test('open a person: offices over time, counterparts, contacts', async () => {
  await nav(() => page.locator('.side-card a.person', {hasText: 'Tô Lâm'}).first().click());
  check((await ready()).startsWith('#/person/'), 'not on a person page');
  check((await page.innerText('#person-name')) === 'Tô Lâm', 'wrong person');
  check(await page.locator('#offices table tbody tr').count() >= 1, 'no offices');
  check(await page.locator('#offices svg.offices-chart rect').count() >= 1, 'no offices chart');
  check(await page.locator('#contacts table tbody tr').count() >= 1, 'no counterparts');
  check(await page.locator('#person-events table.events tbody tr').count() >= 1, 'no contacts table');
  await shot('05-person');
});

test('timeline by type and by counterpart country, click-through', async () => {
  await goto('#/timeline');
  check(await page.locator('svg.timeline-chart rect.bar').count() >= 1, 'no bars');
  check((await texts('.legend li')).some(t => t.trim().startsWith('MEET')), 'no MEET series');
  await shot('06-timeline');
  await page.selectOption('#f-by', 'country');
  await nav(() => page.click('#f-apply'));
  const legend = await texts('.legend li');
  check(legend.some(t => /^[A-Z]{3}/.test(t.trim())), 'no country series: ' + legend);
  await shot('06-timeline-country');
  const bar = page.locator('svg.timeline-chart rect.bar').first();
  const month = await bar.getAttribute('data-month');
  await nav(() => bar.click());
  const h = await ready();
  check(h.startsWith('#/events') && h.includes('since=' + month), 'bar click did not filter: ' + h);
  check(await page.locator('table.events tbody tr').count() >= 1, 'no events for the bar');
});

test('network of countries and persons, click a node', async () => {
  await goto('#/network');
  const nodes = page.locator('svg.network-chart a.node');
  check(await nodes.count() >= 2, 'fewer than 2 nodes');
  check(await page.locator('svg.network-chart line.edge').count() >= 1, 'no links');
  const r = await page.locator('svg.network-chart a.node circle')
    .evaluateAll(cs => cs.map(c => +c.getAttribute('r')));
  check(Math.max(...r) > Math.min(...r), 'nodes not sized by frequency');
  await shot('07-network');
  await nav(() => page.locator('svg.network-chart a.node[data-id="c:VNM"]').click());
  const h = await ready();
  check(h.startsWith('#/events') && h.includes('country=VNM'), 'node click: ' + h);
  await goto('#/network?level=person');
  check(await nodes.count() >= 2, 'no person nodes');
  await shot('07-network-persons');
  await nav(() => page.locator('svg.network-chart a.node[data-id^="p:"]').first().click());
  check((await ready()).startsWith('#/person/'), 'person node did not open a person');
  check((await page.innerText('#person-name')).length > 0, 'person page empty');
});

test('hostile input in the URL is shown as text, never run', async () => {
  await goto('#/search?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E');
  check((await page.innerText('h1')).includes('<img src=x onerror=alert(1)>'), 'query not shown literally');
  check(await page.locator('#view img').count() === 0, 'markup injected');
  await goto('#/person/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
  check((await page.innerText('.error')).includes('404'), 'unknown person not reported');
  await goto('#/events?type=BOGUS');
  check((await page.innerText('.error')).includes('400'), 'bad filter not reported');
});

let failed = 0;
for (const t of tests) {
  const before = problems.length;
  try {
    await t.fn();
    // Expected error pages log failed fetches; only the last test has them.
    const own = problems.slice(before).filter(p => !(t.name.startsWith('hostile') && /status of 40[04]/.test(p)));
    if (own.length) throw new Error(own.join('; '));
    console.log(`web ok: ${t.name}`);
  } catch (e) {
    failed++;
    console.log(`web FAIL: ${t.name}\n    ${e.message.split('\n')[0]}`);
    await shot('FAIL-' + tests.indexOf(t)).catch(() => {});
  }
}
await context.close();
rmSync(profile, {recursive: true, force: true});
console.log(`web tests: ${tests.length - failed} passed, ${failed} failed (headless ${executablePath}); ` +
            `screenshots in ${artifacts}`);
process.exit(failed ? 1 : 0);
