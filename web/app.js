// sukien — the page served by `sukien serve`: events, timeline, network,
// people and evidence over the JSON API (docs/API.md). Plain DOM, no
// framework; every value from the store goes in through textContent.
'use strict';

const TYPES = ['MEET', 'VISIT', 'CALL', 'MESSAGE', 'AGREEMENT'];
const FILTER_KEYS = ['type', 'country', 'person', 'org', 'since', 'until', 'q', 'with'];
const PAGE = 50;
const PALETTE = ['#1f5fa8', '#b3261e', '#2e7d32', '#e08a00', '#6a3d9a', '#00838f', '#8d6e63',
                 '#c2185b', '#546e7a', '#9e9d24'];
const SVGNS = 'http://www.w3.org/2000/svg';

// ------------------------------------------------------------------ helpers

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false) continue;
    e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return e;
}

function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const kid of kids.flat()) if (kid) e.append(kid);
  return e;
}

async function api(path, params) {
  const qs = params ? new URLSearchParams(clean(params)).toString() : '';
  const res = await fetch('/api/' + path + (qs ? '?' + qs : ''), {headers: {Accept: 'application/json'}});
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) {
    const err = new Error((body && body.error) || res.statusText || 'request failed');
    err.status = res.status;
    throw err;
  }
  return body;
}

function clean(params) {
  const out = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') out[k] = String(v);
  return out;
}

function hashParams() {
  const h = location.hash.slice(1) || '/events';
  const i = h.indexOf('?');
  return {path: i < 0 ? h : h.slice(0, i), params: new URLSearchParams(i < 0 ? '' : h.slice(i + 1))};
}

function link(route, params) {
  const qs = params ? new URLSearchParams(clean(params)).toString() : '';
  return '#' + route + (qs ? '?' + qs : '');
}

function filtersFrom(params) {
  const f = {};
  for (const k of FILTER_KEYS) if (params.get(k)) f[k] = params.get(k);
  return f;
}

function personLink(id, name) {
  return el('a', {href: link('/person/' + encodeURIComponent(id || name)), class: 'person'}, name);
}

function actorNode(a) {
  if (!a) return '';
  if (a.kind === 'person') return personLink(a.person_id, a.name);
  return el('span', {class: 'org'}, a.name);
}

function sideSummary(side) {
  if (!side) return '';
  const lead = (side.actors || [])[0];
  const title = lead && lead.titles && lead.titles.length ? lead.titles[0] : '';
  return el('span', {class: 'side'},
    side.country ? el('span', {class: 'cc', title: side.country}, side.country) : null,
    ' ', actorNode(lead),
    title ? el('span', {class: 'title'}, ' · ' + title) : null);
}

function render(view, ...kids) {
  view.replaceChildren(...kids.flat().filter(k => k !== null && k !== undefined && k !== false && k !== ''));
}

function setBusy(view, msg) {
  render(view, el('p', {class: 'muted'}, msg || 'Loading…'));
}

function showError(view, err) {
  render(view, el('div', {class: 'error', role: 'alert'},
    el('strong', {}, 'Error' + (err.status ? ' ' + err.status : '')), ': ', err.message));
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = el('a', {href: url, download: name});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function toCsv(rows) {
  return rows.map(r => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function downloads(csvFn, jsonFn, base) {
  return el('span', {class: 'downloads'}, 'Download: ',
    el('button', {type: 'button', class: 'link', 'data-download': 'csv',
                  onclick: () => download(base + '.csv', 'text/csv', csvFn())}, 'CSV'), ' ',
    el('button', {type: 'button', class: 'link', 'data-download': 'json',
                  onclick: () => download(base + '.json', 'application/json',
                                          JSON.stringify(jsonFn(), null, 2))}, 'JSON'));
}

// ------------------------------------------------------------------ filters form

let countryList = null;
async function countries() {
  if (countryList) return countryList;
  try {
    const net = await api('network', {level: 'country', max_nodes: 1000});
    countryList = net.nodes.filter(n => n.kind === 'country')
      .map(n => ({code: n.country || n.id.replace(/^c:/, ''), label: n.label}));
  } catch (e) { countryList = []; }
  return countryList;
}

function filterForm(route, f, extra) {
  const typeSel = el('select', {name: 'type', id: 'f-type'}, el('option', {value: ''}, 'all types'),
    TYPES.map(t => el('option', {value: t, selected: f.type === t}, t)));
  const dl = el('datalist', {id: 'country-codes'});
  countries().then(cs => dl.replaceChildren(...cs.map(c => el('option', {value: c.code}, c.label))));
  const form = el('form', {class: 'filters', id: 'filters'},
    el('label', {}, 'Type ', typeSel),
    el('label', {}, 'Country ', el('input', {name: 'country', id: 'f-country', list: 'country-codes', size: 6,
      maxlength: 12, value: f.country || '', placeholder: 'FRA'})), dl,
    el('label', {}, 'Person ', el('input', {name: 'person', id: 'f-person', size: 16, maxlength: 200,
      value: f.person || '', placeholder: 'to lam'})),
    el('label', {}, 'Org ', el('input', {name: 'org', id: 'f-org', size: 14, maxlength: 200,
      value: f.org || '', placeholder: 'đảng cộng sản'})),
    el('label', {}, 'From ', el('input', {name: 'since', id: 'f-since', size: 10, maxlength: 10,
      value: f.since || '', placeholder: 'YYYY-MM-DD', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?'})),
    el('label', {}, 'to ', el('input', {name: 'until', id: 'f-until', size: 10, maxlength: 10,
      value: f.until || '', placeholder: 'YYYY-MM-DD', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?'})),
    el('label', {}, 'Text ', el('input', {name: 'q', id: 'f-q', size: 14, maxlength: 200,
      value: f.q || '', placeholder: 'phrase'})),
    f.with ? el('input', {type: 'hidden', name: 'with', value: f.with}) : null,
    extra || null,
    el('button', {type: 'submit', id: 'f-apply'}, 'Apply'),
    el('a', {href: link(route), class: 'reset'}, 'Reset'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const p = {};
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) p[k] = String(v).trim();
    location.hash = link(route, p);
  });
  return form;
}

// ------------------------------------------------------------------ events

function eventsTable(events) {
  if (!events.length) return el('p', {class: 'muted empty'}, 'No events match.');
  return el('table', {class: 'events'},
    el('thead', {}, el('tr', {}, ['Date', 'Type', 'Side A', 'Side B', 'Place', 'Articles', '']
      .map(h => el('th', {}, h)))),
    el('tbody', {}, events.map(ev => el('tr', {'data-id': ev.id},
      el('td', {class: 'date'}, ev.date || '—'),
      el('td', {}, el('span', {class: 'type t-' + ev.type}, ev.type), ev.subtype ? ' ' + ev.subtype : ''),
      el('td', {}, sideSummary(ev.sides && ev.sides[0])),
      el('td', {}, sideSummary(ev.sides && ev.sides[1])),
      el('td', {}, ev.location ? ev.location.name : ''),
      el('td', {class: 'num'}, ev.n_articles),
      el('td', {}, el('a', {href: link('/event/' + ev.id), class: 'open'}, 'open'))))));
}

function eventsCsv(events) {
  const rows = [['id', 'date', 'type', 'subtype', 'side_a_country', 'side_a', 'side_a_titles', 'side_b_country',
                 'side_b', 'side_b_titles', 'location', 'cameo', 'n_articles']];
  for (const ev of events) {
    const s = ev.sides || [];
    const lead = i => ((s[i] || {}).actors || [])[0] || {};
    rows.push([ev.id, ev.date, ev.type, ev.subtype, (s[0] || {}).country, lead(0).name, (lead(0).titles || []).join('; '),
               (s[1] || {}).country, lead(1).name, (lead(1).titles || []).join('; '),
               ev.location ? ev.location.name : '', ev.cameo, ev.n_articles]);
  }
  return toCsv(rows);
}

async function viewEvents(view, params) {
  const f = filtersFrom(params);
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const sort = params.get('sort') || '-date';
  render(view, el('h1', {}, 'Events'), filterForm('/events', f), el('p', {class: 'muted'}, 'Loading…'));
  let data;
  try {
    data = await api('events', {...f, sort, limit: PAGE, offset});
  } catch (e) { return showError(view, e); }
  const q = {...f, sort, limit: PAGE, offset};
  const exportUrl = fmt => '/api/export?' + new URLSearchParams(clean({...q, format: fmt})).toString();
  const pager = el('div', {class: 'pager'},
    el('span', {id: 'total'}, `${data.total} event${data.total === 1 ? '' : 's'}`),
    data.total ? ` · showing ${offset + 1}–${offset + data.events.length}` : '',
    offset > 0 ? el('a', {href: link('/events', {...f, sort, offset: Math.max(0, offset - PAGE)})}, '← newer') : null,
    offset + PAGE < data.total ? el('a', {href: link('/events', {...f, sort, offset: offset + PAGE})}, 'older →') : null,
    el('span', {class: 'downloads'}, 'Download: ',
      el('a', {href: exportUrl('csv'), download: 'sukien-events.csv', id: 'dl-csv'}, 'CSV'), ' ',
      el('a', {href: exportUrl('json'), download: 'sukien-events.json', id: 'dl-json'}, 'JSON')),
    el('a', {href: link('/timeline', f)}, 'timeline of these'),
    el('a', {href: link('/network', f)}, 'network of these'));
  render(view, el('h1', {}, 'Events'), filterForm('/events', f), pager, eventsTable(data.events));
}

// ------------------------------------------------------------------ one event

function highlightNames(sentence, names) {
  // Marks each actor name inside the evidence sentence.
  const frag = [];
  const found = [];
  for (const n of names) {
    if (!n) continue;
    let i = sentence.indexOf(n);
    while (i >= 0) { found.push([i, i + n.length]); i = sentence.indexOf(n, i + n.length); }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let pos = 0;
  for (const [s, e] of found) {
    if (s < pos) continue;
    frag.push(sentence.slice(pos, s), el('b', {class: 'actor'}, sentence.slice(s, e)));
    pos = e;
  }
  frag.push(sentence.slice(pos));
  return frag;
}

async function viewEvent(view, id) {
  setBusy(view);
  let ev;
  try { ev = await api('events/' + encodeURIComponent(id)); } catch (e) { return showError(view, e); }
  const names = (ev.sides || []).flatMap(s => (s.actors || []).map(a => a.name));
  const side = s => el('section', {class: 'side-card'},
    el('h3', {}, (s.role || 'side') + ' · ', s.country ? el('a', {href: link('/events', {country: s.country})}, s.country) : '—',
      s.locality ? ' (' + s.locality + ')' : ''),
    el('ul', {}, (s.actors || []).map(a => el('li', {},
      actorNode(a), a.titles && a.titles.length ? el('div', {class: 'titles'}, a.titles.join(' · ')) : null,
      a.org ? el('div', {class: 'muted'}, a.org) : null))));
  const reports = (ev.reports || []).map((r, i) => {
    const ok = r.url && /^https?:\/\//i.test(r.url);
    const ev_ = r.evidence || {};
    return el('article', {class: 'report', 'data-doc': r.doc},
      el('h4', {}, ok ? el('a', {href: r.url, target: '_blank', rel: 'noopener noreferrer', class: 'source'}, r.title || r.url)
                      : (r.title || r.doc)),
      el('div', {class: 'muted'}, [r.outlet, r.published, r.corpus && 'corpus ' + r.corpus, 'doc ' + r.doc,
        i === 0 ? 'representative report' : null].filter(Boolean).join(' · ')),
      ev_.sentence ? el('blockquote', {class: 'evidence'},
        el('mark', {class: 'evidence-mark', title: `bytes ${ev_.start}–${ev_.end} of the cleaned article text`},
          highlightNames(ev_.sentence, names))) : null,
      ev_.sentence ? el('div', {class: 'offsets muted'},
        `evidence at bytes ${ev_.start}–${ev_.end} of the cleaned text (as \`sukien clean\` prints it)` +
        (r.date && r.date !== ev.date ? ` · this report dates it ${r.date}` : '')) : null);
  });
  render(view, 
    el('p', {}, el('a', {href: '#/events'}, '← events')),
    el('h1', {}, el('span', {class: 'type t-' + ev.type}, ev.type), ' ', ev.subtype || '',
      ev.status && ev.status !== 'occurred' ? el('span', {class: 'status'}, ' (' + ev.status + ')') : ''),
    el('dl', {class: 'facts'},
      el('dt', {}, 'Date'), el('dd', {id: 'ev-date'}, ev.date || 'unknown', ev.date_precision ? ` (${ev.date_precision})` : ''),
      el('dt', {}, 'Place'), el('dd', {}, ev.location ? ev.location.name + (ev.location.country ? ', ' + ev.location.country : '') : 'unknown'),
      el('dt', {}, 'CAMEO'), el('dd', {id: 'ev-cameo'}, ev.cameo || '—'),
      el('dt', {}, 'PLOVER'), el('dd', {id: 'ev-plover'}, ev.plover ? [ev.plover.type, ev.plover.mode].filter(Boolean).join(' / ') : '—'),
      el('dt', {}, 'Sources'), el('dd', {}, `${ev.n_articles} article(s), ${ev.n_sources} outlet(s)`),
      el('dt', {}, 'Id'), el('dd', {class: 'mono'}, ev.id)),
    el('div', {class: 'sides'}, (ev.sides || []).map(side)),
    el('h2', {}, 'Reporting articles'),
    downloads(() => toCsv([['doc', 'url', 'title', 'outlet', 'published', 'date', 'sentence', 'start', 'end'],
      ...(ev.reports || []).map(r => [r.doc, r.url, r.title, r.outlet, r.published, r.date,
        (r.evidence || {}).sentence, (r.evidence || {}).start, (r.evidence || {}).end])]), () => ev, 'sukien-' + ev.id),
    el('div', {class: 'reports'}, reports));
}

// ------------------------------------------------------------------ search

async function viewSearch(view, params) {
  const q = (params.get('q') || '').trim();
  document.getElementById('search-q').value = q;
  if (!q) { render(view, el('h1', {}, 'Search'), el('p', {class: 'muted'}, 'Type a name or phrase above.')); return; }
  setBusy(view, 'Searching…');
  let r;
  try { r = await api('search', {q, limit: 50}); } catch (e) { return showError(view, e); }
  render(view, 
    el('h1', {}, 'Search: ', el('q', {}, q)),
    el('section', {id: 'search-persons'}, el('h2', {}, `People (${r.persons.total})`),
      r.persons.items.length ? el('ul', {class: 'persons'}, r.persons.items.map(p => el('li', {},
        personLink(p.id, p.name), el('span', {class: 'muted'},
          ` ${p.country || ''} · ${p.n_events} events · ${p.n_articles} articles`)))) : el('p', {class: 'muted'}, 'none')),
    el('section', {id: 'search-events'}, el('h2', {}, `Events (${r.events.total})`,
      r.events.total ? el('a', {class: 'small', href: link('/events', {q})}, ' filter all') : ''),
      eventsTable(r.events.items)),
    el('section', {id: 'search-articles'}, el('h2', {}, `Articles (${r.articles.total})`),
      el('ul', {class: 'articles'}, r.articles.items.map(a => el('li', {},
        a.url && /^https?:\/\//i.test(a.url) ? el('a', {href: a.url, target: '_blank', rel: 'noopener noreferrer'}, a.title || a.doc)
          : (a.title || a.doc),
        el('span', {class: 'muted'}, ` ${a.outlet || ''} ${a.published || ''}`),
        a.snippet ? el('div', {class: 'snippet'}, a.snippet) : null)))));
}

// ------------------------------------------------------------------ people

async function viewPersons(view, params) {
  const q = params.get('q') || '';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const form = el('form', {class: 'filters'}, el('label', {}, 'Name ',
    el('input', {name: 'q', id: 'p-q', value: q, maxlength: 200, placeholder: 'pham minh chinh'})),
    el('button', {type: 'submit'}, 'Find'));
  form.addEventListener('submit', ev => { ev.preventDefault(); location.hash = link('/persons', {q: form.q.value.trim()}); });
  render(view, el('h1', {}, 'People'), form, el('p', {class: 'muted'}, 'Loading…'));
  let r;
  try { r = await api('persons', {q, limit: PAGE, offset}); } catch (e) { return showError(view, e); }
  render(view, el('h1', {}, 'People'), form,
    el('div', {class: 'pager'}, `${r.total} people`,
      offset > 0 ? el('a', {href: link('/persons', {q, offset: Math.max(0, offset - PAGE)})}, '← previous') : null,
      offset + PAGE < r.total ? el('a', {href: link('/persons', {q, offset: offset + PAGE})}, 'next →') : null,
      downloads(() => toCsv([['id', 'name', 'country', 'org', 'n_events', 'n_articles', 'first_seen', 'last_seen'],
        ...r.persons.map(p => [p.id, p.name, p.country, p.org, p.n_events, p.n_articles, p.first_seen, p.last_seen])]),
        () => r, 'sukien-persons')),
    el('table', {class: 'persons'},
      el('thead', {}, el('tr', {}, ['Name', 'Country', 'Organisation', 'Events', 'Articles', 'Seen'].map(h => el('th', {}, h)))),
      el('tbody', {}, r.persons.map(p => el('tr', {},
        el('td', {}, personLink(p.id, p.name)), el('td', {}, p.country || ''), el('td', {}, p.org || ''),
        el('td', {class: 'num'}, p.n_events), el('td', {class: 'num'}, p.n_articles),
        el('td', {class: 'date'}, [p.first_seen, p.last_seen].filter(Boolean).join(' – ')))))));
}

function officeChart(offices) {
  const dated = offices.filter(o => o.first_seen && o.last_seen);
  if (!dated.length) return null;
  const t = d => Date.parse(d.length === 4 ? d + '-01-01' : d.length === 7 ? d + '-01' : d);
  const lo = Math.min(...dated.map(o => t(o.first_seen))), hi = Math.max(...dated.map(o => t(o.last_seen)));
  const W = 1000, L = 300, H = 22 * dated.length + 30, span = Math.max(hi - lo, 86400000);
  const x = d => L + (W - L - 10) * (t(d) - lo) / span;
  return svg('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart offices-chart', role: 'img', 'aria-label': 'offices over time'},
    dated.map((o, i) => svg('g', {},
      svg('text', {x: L - 6, y: 22 * i + 15, 'text-anchor': 'end', class: 'label', text: o.title}),
      svg('rect', {x: x(o.first_seen), y: 22 * i + 4, width: Math.max(3, x(o.last_seen) - x(o.first_seen)), height: 14,
                   fill: PALETTE[i % PALETTE.length]},
        svg('title', {text: `${o.title}: ${o.first_seen} – ${o.last_seen} (${o.n_articles} articles)`})))),
    svg('text', {x: L, y: H - 4, class: 'axis', text: dated.reduce((a, o) => a < o.first_seen ? a : o.first_seen, '9999')}),
    svg('text', {x: W - 10, y: H - 4, class: 'axis', 'text-anchor': 'end',
                 text: dated.reduce((a, o) => a > o.last_seen ? a : o.last_seen, '0000')}));
}

async function viewPerson(view, name) {
  setBusy(view);
  let p;
  try { p = await api('persons/' + encodeURIComponent(name), {limit: 50}); } catch (e) { return showError(view, e); }
  let evs = {events: [], total: 0};
  try { evs = await api('events', {person: p.id || p.name, sort: '-date', limit: PAGE}); } catch (e) { /* shown empty */ }
  const types = t => Object.entries(t || {}).map(([k, v]) => `${k} ${v}`).join(', ');
  render(view, 
    el('h1', {id: 'person-name'}, p.name),
    el('p', {class: 'muted'}, [p.country, p.org, `${p.n_events} events`, `${p.n_articles} articles`].filter(Boolean).join(' · ')),
    p.spellings && p.spellings.length > 1 ? el('p', {class: 'muted'}, 'Also written: ' + p.spellings.join(', ')) : null,
    el('section', {id: 'offices'}, el('h2', {}, 'Offices held'),
      officeChart(p.offices || []),
      el('table', {class: 'offices'},
        el('thead', {}, el('tr', {}, ['Title', 'First seen', 'Last seen', 'Articles'].map(h => el('th', {}, h)))),
        el('tbody', {}, (p.offices || []).map(o => el('tr', {}, el('td', {}, o.title), el('td', {class: 'date'}, o.first_seen || ''),
          el('td', {class: 'date'}, o.last_seen || ''), el('td', {class: 'num'}, o.n_articles)))))),
    el('section', {id: 'contacts'}, el('h2', {}, 'Counterparts'),
      downloads(() => toCsv([['name', 'kind', 'country', 'n_events', 'first_date', 'last_date', 'types'],
        ...(p.contacts || []).map(c => [c.name, c.kind, c.country, c.n_events, c.first_date, c.last_date, types(c.types)])]),
        () => p, 'sukien-person'),
      el('table', {class: 'contacts'},
        el('thead', {}, el('tr', {}, ['Counterpart', 'Country', 'Events', 'Types', 'First', 'Last'].map(h => el('th', {}, h)))),
        el('tbody', {}, (p.contacts || []).map(c => el('tr', {},
          el('td', {}, c.kind === 'person' ? personLink(c.person_id, c.name) : c.name),
          el('td', {}, c.country || ''),
          el('td', {class: 'num'}, el('a', {href: link('/events', {person: p.id || p.name, with: c.person_id || c.name})}, c.n_events)),
          el('td', {}, types(c.types)), el('td', {class: 'date'}, c.first_date || ''), el('td', {class: 'date'}, c.last_date || '')))))),
    el('section', {id: 'person-events'}, el('h2', {}, `Contacts (${evs.total} events)`,
      evs.total > PAGE ? el('a', {class: 'small', href: link('/events', {person: p.id || p.name})}, ' all') : ''),
      eventsTable(evs.events)),
    el('section', {}, el('h2', {}, 'Articles'),
      el('ul', {class: 'articles'}, (p.articles || []).map(a => el('li', {},
        a.url && /^https?:\/\//i.test(a.url) ? el('a', {href: a.url, target: '_blank', rel: 'noopener noreferrer'}, a.title || a.doc)
          : (a.title || a.doc),
        el('span', {class: 'muted'}, ` ${a.outlet || ''} ${a.published || ''}` + (a.titles && a.titles.length ? ' · ' + a.titles.join(', ') : '')))))));
}

// ------------------------------------------------------------------ timeline

async function viewTimeline(view, params) {
  const f = filtersFrom(params);
  const by = params.get('by') === 'country' ? 'country' : 'type';
  const bySel = el('select', {name: 'by', id: 'f-by'}, el('option', {value: 'type', selected: by === 'type'}, 'by type'),
    el('option', {value: 'country', selected: by === 'country'}, 'by counterpart country'));
  const form = filterForm('/timeline', f, el('label', {}, 'Group ', bySel));
  render(view, el('h1', {}, 'Timeline'), form, el('p', {class: 'muted'}, 'Loading…'));
  let t;
  try { t = await api('timeline', {...f, by}); } catch (e) { return showError(view, e); }
  const months = t.months || [];
  let series = t.series || [];
  if (series.length > 9) {
    const rest = series.slice(9), other = months.map((_, i) => rest.reduce((s, x) => s + (x.counts[i] || 0), 0));
    series = series.slice(0, 9).concat([{key: 'other', counts: other}]);
  }
  const chart = timelineChart(months, series, by, f);
  render(view, el('h1', {}, 'Timeline'), form,
    el('div', {class: 'pager'}, `${months.length} months, ${series.length} series`,
      downloads(() => toCsv([['month', ...series.map(s => s.key)], ...months.map((m, i) => [m, ...series.map(s => s.counts[i] || 0)])]),
        () => t, 'sukien-timeline-' + by)),
    chart || el('p', {class: 'muted empty'}, 'No dated events match.'),
    el('ul', {class: 'legend'}, series.map((s, i) => el('li', {},
      el('span', {class: 'swatch c' + (i % PALETTE.length)}), ' ', s.key, ' ',
      el('span', {class: 'muted'}, '(' + s.counts.reduce((a, b) => a + b, 0) + ')')))));
}

function timelineChart(months, series, by, f) {
  if (!months.length || !series.length) return null;
  const W = 960, H = 320, L = 40, B = 40, T = 10;
  const totals = months.map((_, i) => series.reduce((s, x) => s + (x.counts[i] || 0), 0));
  const max = Math.max(1, ...totals);
  const bw = (W - L - 10) / months.length;
  const y = v => T + (H - T - B) * (1 - v / max);
  const g = svg('g', {});
  months.forEach((m, i) => {
    let acc = 0;
    series.forEach((s, k) => {
      const v = s.counts[i] || 0;
      if (!v) return;
      const params = {...f, since: m, until: m};
      if (s.key !== 'other') { if (by === 'type') params.type = s.key; else params.country = s.key; }
      const r = svg('rect', {x: L + i * bw + 1, y: y(acc + v), width: Math.max(1, bw - 2), height: y(acc) - y(acc + v),
        fill: PALETTE[k % PALETTE.length], class: 'bar', 'data-month': m, 'data-key': s.key,
        onclick: () => { location.hash = link('/events', params); }},
        svg('title', {text: `${m} · ${s.key}: ${v}`}));
      g.append(r);
      acc += v;
    });
  });
  const step = Math.max(1, Math.ceil(months.length / 12));
  const axis = months.map((m, i) => i % step ? null :
    svg('text', {x: L + i * bw + bw / 2, y: H - B + 16, 'text-anchor': 'middle', class: 'axis', text: m}));
  const ticks = [0, Math.round(max / 2), max].map(v => svg('g', {},
    svg('line', {x1: L, x2: W - 10, y1: y(v), y2: y(v), class: 'grid'}),
    svg('text', {x: L - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'axis', text: String(v)})));
  return svg('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart timeline-chart', role: 'img', 'aria-label': 'events per month'},
    ticks, g, axis);
}

// ------------------------------------------------------------------ network

async function viewNetwork(view, params) {
  const f = filtersFrom(params);
  const level = ['country', 'org', 'person'].includes(params.get('level')) ? params.get('level') : 'country';
  const minw = params.get('min_weight') || '';
  const levelSel = el('select', {name: 'level', id: 'f-level'}, ['country', 'org', 'person'].map(l =>
    el('option', {value: l, selected: level === l}, l === 'org' ? 'parties & organisations' : l === 'person' ? 'persons' : 'countries')));
  const form = filterForm('/network', f, [el('label', {}, 'Nodes ', levelSel),
    el('label', {}, 'Min. contacts ', el('input', {name: 'min_weight', size: 3, value: minw, placeholder: '1'}))]);
  render(view, el('h1', {}, 'Network'), form, el('p', {class: 'muted'}, 'Loading…'));
  let net;
  try { net = await api('network', {...f, level, min_weight: minw, max_nodes: params.get('max_nodes') || 60}); } catch (e) { return showError(view, e); }
  render(view, el('h1', {}, 'Network'), form,
    el('div', {class: 'pager'}, `${net.nodes.length} nodes, ${net.edges.length} links` +
      (net.truncated ? ` (the ${net.nodes.length} most connected of ${net.total_nodes})` : ''),
      downloads(() => toCsv([['source', 'target', 'weight', 'first_date', 'last_date'],
        ...net.edges.map(e => [e.source, e.target, e.weight, e.first_date, e.last_date])]), () => net, 'sukien-network-' + level)),
    networkChart(net, f) || el('p', {class: 'muted empty'}, 'No contacts match.'),
    el('p', {class: 'muted'}, 'Circle size: number of events; line width: events linking the two. Click a node to see its events.'));
}

function nodeTarget(n, f) {
  if (n.kind === 'person') return link('/person/' + encodeURIComponent(n.id.replace(/^p:/, '')));
  if (n.kind === 'country') return link('/events', {...f, country: n.country || n.id.replace(/^c:/, '')});
  return link('/events', {...f, org: n.label});
}

function networkChart(net, f) {
  const nodes = net.nodes.map((n, i) => ({...n, i}));
  if (!nodes.length) return null;
  const idx = new Map(nodes.map(n => [n.id, n]));
  const edges = net.edges.filter(e => idx.has(e.source) && idx.has(e.target));
  const W = 960, H = 640, cx = W / 2, cy = H / 2;
  // Deterministic start on a spiral, then a few hundred steps of a simple force layout.
  nodes.forEach((n, i) => { const a = i * 2.39996, r = 12 * Math.sqrt(i + 1); n.x = cx + r * Math.cos(a); n.y = cy + r * Math.sin(a); });
  const maxW = Math.max(1, ...nodes.map(n => n.weight || 1));
  const maxE = Math.max(1, ...edges.map(e => e.weight || 1));
  nodes.forEach(n => { n.r = 5 + 25 * Math.sqrt((n.weight || 1) / maxW); });
  const k = Math.sqrt((W * H) / nodes.length) * 0.75;
  for (let it = 0, temp = 60; it < 300; it++, temp *= 0.985) {
    for (const n of nodes) { n.dx = 0; n.dy = 0; }
    for (let a = 0; a < nodes.length; a++) for (let b = a + 1; b < nodes.length; b++) {
      const p = nodes[a], q = nodes[b];
      let dx = p.x - q.x, dy = p.y - q.y, d = Math.hypot(dx, dy) || 0.01;
      const rep = (k * k) / d;
      dx /= d; dy /= d;
      p.dx += dx * rep; p.dy += dy * rep; q.dx -= dx * rep; q.dy -= dy * rep;
    }
    for (const e of edges) {
      const p = idx.get(e.source), q = idx.get(e.target);
      let dx = p.x - q.x, dy = p.y - q.y, d = Math.hypot(dx, dy) || 0.01;
      const att = (d * d) / k * (0.5 + 0.5 * (e.weight || 1) / maxE);
      dx /= d; dy /= d;
      p.dx -= dx * att; p.dy -= dy * att; q.dx += dx * att; q.dy += dy * att;
    }
    for (const n of nodes) {
      n.dx += (cx - n.x) * 0.3; n.dy += (cy - n.y) * 0.3;
      const d = Math.hypot(n.dx, n.dy) || 1, s = Math.min(d, temp) / d;
      n.x = Math.min(W - n.r - 20, Math.max(n.r + 20, n.x + n.dx * s));
      n.y = Math.min(H - n.r - 4, Math.max(n.r + 16, n.y + n.dy * s));
    }
  }
  const colour = {country: PALETTE[0], org: PALETTE[1], person: PALETTE[2]};
  const types = t => Object.entries(t || {}).map(([a, b]) => `${a} ${b}`).join(', ');
  return svg('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart network-chart', role: 'img', 'aria-label': 'contact network'},
    svg('g', {class: 'edges'}, edges.map(e => {
      const p = idx.get(e.source), q = idx.get(e.target);
      return svg('line', {x1: p.x, y1: p.y, x2: q.x, y2: q.y, 'stroke-width': 1 + 6 * (e.weight || 1) / maxE, class: 'edge'},
        svg('title', {text: `${p.label} — ${q.label}: ${e.weight} (${types(e.types)}) ${e.first_date || ''}–${e.last_date || ''}`}));
    })),
    svg('g', {class: 'nodes'}, nodes.map(n => svg('a', {href: nodeTarget(n, f), class: 'node', 'data-id': n.id},
      svg('circle', {cx: n.x, cy: n.y, r: n.r, fill: colour[n.kind] || PALETTE[3]}),
      svg('text', {x: n.x, y: n.y - n.r - 3, 'text-anchor': 'middle', class: 'nlabel', text: n.label}),
      svg('title', {text: `${n.label} (${n.kind}): ${n.weight} events`})))));
}

// ------------------------------------------------------------------ router

async function route() {
  const view = document.getElementById('view');
  const {path, params} = hashParams();
  const top = path.split('/')[1] || 'events';
  delete document.body.dataset.ready;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.nav === top);
  try {
    if (path === '/events' || path === '/' || path === '') await viewEvents(view, params);
    else if (path.startsWith('/event/')) await viewEvent(view, decodeURIComponent(path.slice(7)));
    else if (path === '/search') await viewSearch(view, params);
    else if (path === '/persons') await viewPersons(view, params);
    else if (path.startsWith('/person/')) await viewPerson(view, decodeURIComponent(path.slice(8)));
    else if (path === '/timeline') await viewTimeline(view, params);
    else if (path === '/network') await viewNetwork(view, params);
    else render(view, el('p', {class: 'error'}, 'No such page.'));
  } catch (e) {
    showError(view, e);
  }
  document.body.dataset.ready = location.hash || '#/events';
  window.scrollTo(0, 0);
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('search-form').addEventListener('submit', ev => {
    ev.preventDefault();
    const q = document.getElementById('search-q').value.trim();
    if (q) location.hash = link('/search', {q});
  });
  window.addEventListener('hashchange', route);
  route();
  api('stats').then(s => {
    document.getElementById('stats').textContent =
      `${s.events} events from ${s.articles} articles · ${s.persons} people · ${s.first_date || '?'} – ${s.last_date || '?'} · ${s.backend}`;
  }).catch(() => {});
});
