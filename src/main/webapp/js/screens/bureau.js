import { h, field } from '../dom.js';
import { t, term, formatDate, formatNumber } from '../i18n.js';
import { get } from '../api.js';
import { chart } from '../charts.js';
import { exportButtons } from '../exports.js';
import { figureLink, peopleLink, recordsLink } from './drill.js';

/** Names of towns by code, asked once per session: the reports carry codes only. */
const towns = new Map();

async function townNames(codes) {
  await Promise.all(codes.filter((c) => c && !towns.has(c)).map(async (code) => {
    try {
      towns.set(code, (await get(`regions/${code}`)).name);
    } catch {
      towns.set(code, null);
    }
  }));
  return (code) => towns.get(code) || code || t('coverage.noTown');
}

/** The period filter the bureau's reports offer (from/to, both included; empty: 1 January to today). */
function periodForm(screen, from, to) {
  const fromIn = h('input', { type: 'date', name: 'from', value: from || '' });
  const toIn = h('input', { type: 'date', name: 'to', value: to || '' });
  const form = h('form', { class: 'filters', role: 'search', id: `${screen}-period` },
    field(t('period.from'), fromIn), field(t('period.to'), toIn),
    h('button', { type: 'submit' }, t('filter.apply')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = new URLSearchParams();
    if (fromIn.value) q.set('from', fromIn.value);
    if (toIn.value) q.set('to', toIn.value);
    location.hash = `#/${screen}?${q}`;
  });
  return form;
}

function periodQuery(from, to) {
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  return q.toString();
}

const percent = (part, whole) => (whole ? `${Math.round((100 * part) / whole)}%` : '–');

/**
 * Coverage by town (GET /reports/bureau/coverage): per town and category the registered people against those served
 * in the period, and the children in difficulty not visited in the last 30 or 90 days, which are highlighted. The
 * chart shows the same figures as the table.
 */
/** The share of registered people served, in five steps for the map's colours (none registered: its own step). */
function shareStep(town) {
  if (!town || !town.registered) return 'none';
  const share = town.served / town.registered;
  return share >= 0.75 ? 's4' : share >= 0.5 ? 's3' : share >= 0.25 ? 's2' : share > 0 ? 's1' : 's0';
}

/** What a town code says of its kind (GB/T 10114): 0xx subdistricts, 1xx towns, 2xx townships, the rest others. */
const townKind = (code) => { const n = Number(code.slice(6, 9)); return n < 100 ? 'street' : n < 200 ? 'town' : n < 400 ? 'township' : 'other'; };

/**
 * Coverage as a tile map of the bureau's county: one tile per town of the county (regions API), in the order of
 * their division codes and in rows by kind (subdistricts, towns, townships, others), coloured by the share of
 * registered people served. No openly licensed town-level outline of Chinese counties can be shipped (docs/web.md),
 * so the tiles stand in for shapes. Each tile opens the town's people (#/drill/people?town=).
 */
async function townMap(c, name) {
  const counts = new Map(c.towns.map((x) => [x.townCode, x]));
  const prefixes = new Map();
  c.towns.forEach((x) => prefixes.set(x.townCode.slice(0, 6), (prefixes.get(x.townCode.slice(0, 6)) || 0) + 1));
  const county = [...prefixes.entries()].sort((a, b) => b[1] - a[1])[0][0];
  let all = [];
  try {
    all = (await get(`regions?parent=${county}`)).map((r) => ({ code: r.code, name: r.name }));
  } catch {
    all = [];
  }
  // Towns the report counts but the directory lacks still get a tile.
  c.towns.forEach((x) => { if (!all.some((r) => r.code === x.townCode)) all.push({ code: x.townCode, name: name(x.townCode) }); });
  all.sort((a, b) => a.code.localeCompare(b.code));
  const rows = ['street', 'town', 'township', 'other'].map((kind) => all.filter((r) => townKind(r.code) === kind)).filter((r) => r.length);
  const tile = (r) => {
    const x = counts.get(r.code);
    const step = shareStep(x);
    return h('a', { class: `tile ${step}`, href: `#/drill/people?town=${r.code}`, 'data-town': r.code, 'data-step': step,
      title: x ? t('coverage.tileTitle', { registered: x.registered, served: x.served }) : t('coverage.tileNone') },
    h('span', { class: 'tile-name', 'data-data': '' }, r.name),
    h('span', { class: 'tile-figure' }, x && x.registered ? percent(x.served, x.registered) : '–'));
  };
  return h('section', { class: 'card', id: 'coverage-map', 'aria-labelledby': 'coverage-map-title' },
    h('h2', { id: 'coverage-map-title' }, t('coverage.mapTitle')),
    h('p', { class: 'hint' }, t('coverage.mapHint')),
    rows.map((list) => h('div', { class: 'tiles' }, list.map(tile))),
    h('ul', { class: 'tile-legend', 'aria-label': t('coverage.legend') }, ['s0', 's1', 's2', 's3', 's4', 'none'].map((step) =>
      h('li', null, h('span', { class: `swatch ${step}`, 'aria-hidden': 'true' }), t(`coverage.step.${step}`)))));
}

export async function coverageScreen(main, route) {
  const from = route.params.get('from') || '';
  const to = route.params.get('to') || '';
  const query = periodQuery(from, to);
  const c = await get(`reports/bureau/coverage${query ? '?' + query : ''}`);
  const name = await townNames(c.towns.map((x) => x.townCode));
  // Each figure opens to the people behind it (#13), for the period the figures were computed for.
  const people = (filters) => peopleLink({ ...filters, from: c.from, to: c.to }, 'coverage');

  main.append(h('h1', null, t('coverage.title')), periodForm('coverage', from, to),
    h('p', { class: 'meta', id: 'coverage-period' }, t('coverage.period', { from: formatDate(c.from), to: formatDate(c.to), asOf: formatDate(c.asOf) })),
    h('p', { class: 'summary', id: 'coverage-summary' },
      h('span', { class: 'badge' }, t('coverage.registered'), ' ', h('strong', { 'data-registered': c.registered }, figureLink(c.registered, people({ state: 'registered' })))),
      ' ', h('span', { class: 'badge' }, t('coverage.served'), ' ', h('strong', { 'data-served': c.served }, figureLink(c.served, people({ state: 'served' }))), ` (${percent(c.served, c.registered)})`),
      ' ', h('span', { class: c.notVisited30Days ? 'badge warn' : 'badge' }, t('coverage.notVisited30'), ' ', h('strong', { 'data-not-visited-30': c.notVisited30Days }, figureLink(c.notVisited30Days, people({ state: 'unvisited30' })))),
      ' ', h('span', { class: c.notVisited90Days ? 'badge alarm' : 'badge' }, t('coverage.notVisited90'), ' ', h('strong', { 'data-not-visited-90': c.notVisited90Days }, figureLink(c.notVisited90Days, people({ state: 'unvisited90' }))))),
    exportButtons('portfolio-export', `reports/bureau/export${query ? '?' + query : ''}`, ['XLSX', 'PDF', 'CSV'], t('export.portfolio')));

  if (!c.towns.length) {
    main.append(h('p', { class: 'hint' }, t('coverage.none')));
    return;
  }
  main.append(await townMap(c, name));
  const figure = h('div', { class: 'chart', id: 'coverage-chart', role: 'img', 'aria-label': t('coverage.chartLabel') });
  main.append(h('section', { class: 'card' }, h('h2', null, t('coverage.chartTitle')), figure));

  const rows = [];
  for (const town of c.towns) {
    const cats = town.categories.length ? town.categories : [{ category: null, registered: town.registered, served: town.served }];
    cats.forEach((cat, i) => {
      const difficulty = cat.category === 'CHILD_IN_DIFFICULTY';
      rows.push(h('tr', { 'data-town': town.townCode, 'data-category': cat.category || '',
        class: difficulty && town.notVisited30Days ? 'late' : '' },
        i === 0 ? h('th', { scope: 'rowgroup', rowspan: cats.length },
          h('span', { 'data-data': '' }, name(town.townCode)), h('br'), h('small', null, town.townCode), h('br'),
          h('small', null, t('coverage.townTotal', { registered: formatNumber(town.registered), served: formatNumber(town.served) }))) : null,
        h('td', null, cat.category ? term('category', cat.category) : ''),
        h('td', { class: 'num registered' }, figureLink(cat.registered, people({ town: town.townCode, category: cat.category, state: 'registered' }))),
        h('td', { class: 'num served' }, figureLink(cat.served, people({ town: town.townCode, category: cat.category, state: 'served' }))),
        h('td', { class: 'num' }, percent(cat.served, cat.registered)),
        h('td', { class: `num not-visited-30${difficulty && town.notVisited30Days ? ' warn' : ''}` }, difficulty ? figureLink(town.notVisited30Days, people({ town: town.townCode, state: 'unvisited30' })) : ''),
        h('td', { class: `num not-visited-90${difficulty && town.notVisited90Days ? ' alarm' : ''}` }, difficulty ? figureLink(town.notVisited90Days, people({ town: town.townCode, state: 'unvisited90' })) : '')));
    });
  }
  main.append(h('div', { class: 'table-wrap scroll-x' }, h('table', { id: 'coverage-table' },
    h('caption', null, t('coverage.caption', { n: c.towns.length })),
    h('thead', null, h('tr', null, ['coverage.town', 'coverage.category', 'coverage.registered', 'coverage.served', 'coverage.share',
      'coverage.notVisited30', 'coverage.notVisited90'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, rows))),
  h('p', { class: 'hint' }, t('coverage.explain')));

  const bars = [];
  for (const town of c.towns) {
    for (const cat of town.categories) bars.push({ label: `${name(town.townCode)} · ${term('category', cat.category)}`, cat, town });
  }
  figure.style.height = `${8 + bars.length * 2.2}rem`;
  chart(figure, {
    aria: { enabled: true },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label) },
    series: [
      { name: t('coverage.registered'), type: 'bar', data: bars.map((b) => b.cat.registered), itemStyle: { color: '#9aa5b1' } },
      { name: t('coverage.served'), type: 'bar', data: bars.map((b) => b.cat.served), itemStyle: { color: '#1d6b35' } },
      { name: t('coverage.notVisited30'), type: 'bar',
        data: bars.map((b) => (b.cat.category === 'CHILD_IN_DIFFICULTY' ? b.town.notVisited30Days : 0)), itemStyle: { color: '#b35900' } },
    ],
  });
}

/** Approved services of the bureau's projects (GET /reports/bureau/services) by month, kind, town and organization. */
export async function activityScreen(main, route) {
  const from = route.params.get('from') || '';
  const to = route.params.get('to') || '';
  const query = periodQuery(from, to);
  const s = await get(`reports/bureau/services${query ? '?' + query : ''}`);
  const name = await townNames(s.byTown.map((x) => x.key));
  const orgs = new Map(s.rows.map((r) => [r.organizationId, r.organizationName]));
  main.append(h('h1', null, t('activity.title')), periodForm('activity', from, to),
    h('p', { class: 'summary', id: 'activity-summary' },
      t('activity.summary', { from: formatDate(s.from), to: formatDate(s.to), records: formatNumber(s.records),
        attendances: formatNumber(s.attendances), people: formatNumber(s.uniqueBeneficiaries) })));
  const figure = h('div', { class: 'chart', id: 'activity-chart', role: 'img', 'aria-label': t('activity.chartLabel') });
  if (s.byMonth.length) main.append(h('section', { class: 'card' }, h('h2', null, t('activity.byMonth')), figure));
  const records = (filters) => recordsLink({ ...filters, from: s.from, to: s.to }, 'activity');
  const table = (id, title, totals, label, filter) => h('section', { class: 'card' }, h('h2', null, title),
    totals.length
      ? h('div', { class: 'table-wrap' }, h('table', { id },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, title), h('th', { scope: 'col' }, t('activity.records')),
          h('th', { scope: 'col' }, t('activity.attendances')))),
        h('tbody', null, totals.map((x) => h('tr', { 'data-key': x.key }, h('th', { scope: 'row' }, label(x.key)),
          h('td', { class: 'num' }, figureLink(x.records, records({ [filter]: x.key }))),
          h('td', { class: 'num' }, figureLink(x.attendances, records({ [filter]: x.key }))))))))
      : h('p', { class: 'hint' }, t('activity.none')));
  main.append(
    table('activity-month', t('activity.byMonth'), s.byMonth, (k) => k, 'month'),
    table('activity-kind', t('activity.byKind'), s.byKind, (k) => term('kind', k), 'kind'),
    // Town and organization names are data (Chinese in both languages), not the screen's words.
    table('activity-town', t('activity.byTown'), s.byTown, (k) => h('span', { 'data-data': '' }, name(k)), 'town'),
    table('activity-org', t('activity.byOrganization'), s.byOrganization, (k) => h('span', { 'data-data': '' }, orgs.get(k) || k), 'org'));
  if (s.byMonth.length) {
    chart(figure, {
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: s.byMonth.map((m) => m.key) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('activity.records'), type: 'bar', data: s.byMonth.map((m) => m.records), itemStyle: { color: '#0b5cad' } },
        { name: t('activity.attendances'), type: 'bar', data: s.byMonth.map((m) => m.attendances), itemStyle: { color: '#1d6b35' } },
      ],
    });
  }
}
