import { h, add, field, stacked } from '../dom.js';
import { t, term, formatDate, formatNumber } from '../i18n.js';
import { get } from '../api.js';
import { chart } from '../charts.js';

/**
 * The bureau's drill-down: every figure of its reports opens to the records or people behind it, masked as the API
 * masks them for the bureau (GET /reports/bureau/records, /reports/bureau/people), and the quality screen, whose
 * numbers open the same way. A list says which figure it explains and its formula in words, pages through the rest,
 * and leads back to the screen it came from.
 */

export const SIGNALS = ['LATE_ENTRY', 'SAME_DAY_REPEAT', 'DOUBLE_BOOKED', 'RETURNED', 'APPROVED_VOID', 'MISSING_EVIDENCE'];
const PAGE = 50;

/** The hash of the records behind a figure; {@code back} names the screen the list leads back to. */
export function recordsLink(filters, back) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, back })) if (v != null && v !== '') q.set(k, v);
  return `#/drill/records?${q}`;
}

export function peopleLink(filters, back) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, back })) if (v != null && v !== '') q.set(k, v);
  return `#/drill/people?${q}`;
}

/** A figure as a link to what makes it (a zero has nothing behind it and stays a number). */
export function figureLink(n, hash, attrs = {}) {
  const text = formatNumber(n);
  const { 'aria-label': label, ...rest } = attrs;
  return n ? h('a', { href: hash, class: 'figure-link', 'aria-label': label, ...rest }, text) : h('span', rest, text);
}

function period(params) {
  const q = new URLSearchParams();
  for (const k of ['from', 'to']) if (params.get(k)) q.set(k, params.get(k));
  return q.toString();
}

/** Where a list leads back to: the screen named in {@code back}, with its period or project. */
function backLink(params) {
  const back = params.get('back');
  const query = period(params);
  const targets = {
    projects: '#/projects',
    project: params.get('project') ? `#/project/${params.get('project')}` : '#/projects',
    coverage: `#/coverage${query ? '?' + query : ''}`,
    activity: `#/activity${query ? '?' + query : ''}`,
    quality: `#/quality${query ? '?' + query : ''}`,
  };
  const target = targets[back] ? back : 'projects';
  return h('p', null, h('a', { href: targets[target], class: 'back', id: 'drill-back' }, t(`drill.back.${target}`)));
}

function pager(params, total, offset, limit) {
  const here = (o) => {
    const q = new URLSearchParams(params);
    q.set('offset', String(o));
    return `${location.hash.split('?')[0]}?${q}`;
  };
  const last = Math.min(total, offset + limit);
  return h('nav', { class: 'pager', 'aria-label': t('drill.pages') },
    offset > 0 ? h('a', { href: here(Math.max(0, offset - limit)), id: 'drill-prev', rel: 'prev' }, t('drill.prev')) : null,
    h('span', { id: 'drill-range' }, total ? t('drill.range', { first: formatNumber(offset + 1), last: formatNumber(last), total: formatNumber(total) }) : ''),
    last < total ? h('a', { href: here(offset + limit), id: 'drill-next', rel: 'next' }, t('drill.next')) : null);
}

/** Route #/drill/records?… and #/drill/people?…. */
export async function drillScreen(main, route) {
  if (route.id === 'people') return peopleScreen(main, route.params);
  return recordsScreen(main, route.params);
}

async function recordsScreen(main, params) {
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const q = new URLSearchParams();
  for (const k of ['from', 'to', 'month', 'project', 'deliverable', 'kind', 'town', 'org', 'status', 'signal']) {
    if (params.get(k)) q.set(k, params.get(k));
  }
  q.set('offset', String(offset));
  q.set('limit', String(PAGE));
  const [page, portfolio] = await Promise.all([get(`reports/bureau/records?${q}`),
    params.get('project') || params.get('org') ? get('reports/bureau/projects') : null]);
  const signal = params.get('signal');
  const status = params.get('status') || (signal ? '' : 'APPROVED');
  const project = portfolio && portfolio.projects.find((p) => p.projectId === params.get('project'));
  const deliverable = project && project.deliverables.find((d) => d.deliverableId === params.get('deliverable'));
  const orgName = portfolio && (portfolio.projects.find((p) => p.organizationId === params.get('org')) || {}).organizationName;
  const town = params.get('town') ? await townName(params.get('town')) : null;

  const what = signal ? t(`signal.${signal}`) : t(`drill.status.${status}`);
  const context = [
    project ? h('span', { 'data-data': '' }, `${project.contractNumber} ${project.title}`) : null,
    deliverable || params.get('kind') ? term('kind', deliverable ? deliverable.kind : params.get('kind')) : null,
    town ? h('span', { 'data-data': '' }, town) : null,
    orgName ? h('span', { 'data-data': '' }, orgName) : null,
    params.get('month') ? params.get('month') : null,
    !params.get('month') && (params.get('from') || params.get('to'))
      ? t('drill.period', { from: formatDate(params.get('from')), to: formatDate(params.get('to')) }) : null,
  ].filter(Boolean).flatMap((x, i) => (i ? [' · ', x] : [x]));
  const formula = signal ? t(`drill.formula.${signal}`)
    : params.get('deliverable') ? t(`drill.formula.deliverable.${status}`, { unit: deliverable ? t(`drill.unit.${deliverable.unit}`) : '' })
      : t('drill.formula.services');

  // add() skips what is absent; Element.append would write "null".
  add(main, backLink(params),
    h('h1', { id: 'drill-title' }, t('drill.recordsTitle', { what })),
    context.length ? h('p', { class: 'meta', id: 'drill-context' }, context) : null,
    h('p', { class: 'hint formula', id: 'drill-formula' }, formula),
    h('p', { class: 'summary', id: 'drill-summary', 'data-total': page.total, 'data-attendances': page.attendances, 'data-returns': page.returns },
      t('drill.recordsSummary', { records: formatNumber(page.total), attendances: formatNumber(page.attendances) }),
      signal === 'RETURNED' ? ` · ${t('drill.returnsSummary', { n: formatNumber(page.returns) })}` : null));
  if (!page.items.length) {
    main.append(h('p', { class: 'hint', id: 'drill-empty' }, t('drill.noRecords')));
    return;
  }
  const heads = ['drill.day', 'drill.kind', 'drill.people', 'drill.organization', 'drill.town', 'drill.recordStatus', 'drill.signals'];
  const rows = page.items.map((r) => h('tr', { 'data-record': r.id, 'data-status': r.status },
    h('td', null, formatDate(r.day)),
    h('td', null, term('kind', r.kind)),
    h('td', { class: 'masked' }, r.maskedNames || '–', h('small', null, ` (${formatNumber(r.participants)})`)),
    h('td', null, r.organizationName || '', h('br'), h('small', null, r.contractNumber || '')),
    h('td', null, r.townName || r.townCode || ''),
    h('td', null, h('span', { class: `badge status-${r.status}` }, term('status', r.status))),
    h('td', { class: 'signals' }, [
      ...r.flags.map((f) => h('span', { class: 'badge warn' }, term('flag', f))),
      r.returns ? h('span', { class: 'badge' }, t('drill.returned', { n: r.returns })) : null,
      r.kind === 'SCHOOL_ACTIVITY' ? h('small', null, t('drill.evidence', { n: r.evidenceFiles })) : null,
    ].filter(Boolean).flatMap((x, i) => (i ? [' ', x] : [x])))));
  const table = h('table', { id: 'drill-records' },
    h('caption', { class: 'sr-only' }, t('drill.recordsTitle', { what })),
    h('thead', null, h('tr', null, heads.map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, rows));
  main.append(h('div', { class: 'table-wrap' }, stacked(table)),
  pager(new URLSearchParams(params), page.total, offset, PAGE));
}

async function townName(code) {
  try {
    return (await get(`regions/${code}`)).name;
  } catch {
    return code;
  }
}

async function peopleScreen(main, params) {
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const state = (params.get('state') || 'registered').toLowerCase();
  const q = new URLSearchParams();
  for (const k of ['from', 'to', 'town', 'category']) if (params.get(k)) q.set(k, params.get(k));
  q.set('state', state);
  q.set('offset', String(offset));
  q.set('limit', String(PAGE));
  const page = await get(`reports/bureau/people?${q}`);
  const town = params.get('town') ? await townName(params.get('town')) : null;
  const context = [
    town ? h('span', { 'data-data': '' }, town) : t('drill.allTowns'),
    params.get('category') ? term('category', params.get('category')) : null,
    state === 'served' ? t('drill.period', { from: formatDate(params.get('from')), to: formatDate(params.get('to')) }) : null,
  ].filter(Boolean).flatMap((x, i) => (i ? [' · ', x] : [x]));
  main.append(backLink(params),
    h('h1', { id: 'drill-title' }, t('drill.peopleTitle', { what: t(`drill.state.${state}`) })),
    h('p', { class: 'meta', id: 'drill-context' }, context),
    h('p', { class: 'hint formula', id: 'drill-formula' }, t(`drill.formula.${state}`)),
    h('p', { class: 'summary', id: 'drill-summary', 'data-total': page.total }, t('drill.peopleSummary', { n: formatNumber(page.total) })));
  if (!page.items.length) {
    main.append(h('p', { class: 'hint', id: 'drill-empty' }, t('drill.noPeople')));
    return;
  }
  const heads = ['drill.name', 'drill.village', 'drill.categories', 'drill.organization', 'drill.lastVisit', 'drill.lastService'];
  const rows = page.items.map((p) => h('tr', { 'data-town': p.townCode },
    h('td', { class: 'masked' }, p.maskedName),
    h('td', null, p.villageName || p.villageCode || '–'),
    h('td', null, p.categories.map((c) => term('category', c)).join('、')),
    h('td', null, p.organizationName || ''),
    h('td', { class: p.lastHomeVisitOn ? '' : 'warn' }, p.lastHomeVisitOn ? formatDate(p.lastHomeVisitOn) : t('drill.never')),
    h('td', null, p.lastServedOn ? formatDate(p.lastServedOn) : t('drill.never'))));
  const table = h('table', { id: 'drill-people' },
    h('caption', { class: 'sr-only' }, t('drill.peopleTitle', { what: t(`drill.state.${state}`) })),
    h('thead', null, h('tr', null, heads.map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, rows));
  main.append(h('div', { class: 'table-wrap' }, stacked(table)),
  pager(new URLSearchParams(params), page.total, offset, PAGE));
}

/** The data-quality signals of the bureau's projects (GET /reports/bureau/quality) per organization and per month. */
export async function qualityScreen(main, route) {
  const from = route.params.get('from') || '';
  const to = route.params.get('to') || '';
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  const qual = await get(`reports/bureau/quality${query.toString() ? '?' + query : ''}`);
  const fromIn = h('input', { type: 'date', name: 'from', value: from });
  const toIn = h('input', { type: 'date', name: 'to', value: to });
  const form = h('form', { class: 'filters', role: 'search', id: 'quality-period' },
    field(t('period.from'), fromIn), field(t('period.to'), toIn), h('button', { type: 'submit' }, t('filter.apply')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = new URLSearchParams();
    if (fromIn.value) q.set('from', fromIn.value);
    if (toIn.value) q.set('to', toIn.value);
    location.hash = `#/quality?${q}`;
  });
  main.append(h('h1', null, t('quality.title')), form,
    h('p', { class: 'meta', id: 'quality-period-text' }, t('drill.period', { from: formatDate(qual.from), to: formatDate(qual.to) })));
  if (!qual.organizations.length) {
    main.append(h('p', { class: 'hint' }, t('quality.none')));
    return;
  }
  // The period the figures were computed for, so a list shows the same records however the default period moves.
  const span = { from: qual.from, to: qual.to };
  const value = (line, signal) => ({
    LATE_ENTRY: line.lateEntries, SAME_DAY_REPEAT: line.sameDayRepeats, DOUBLE_BOOKED: line.doubleBooked,
    RETURNED: line.returns, APPROVED_VOID: line.approvedVoids, MISSING_EVIDENCE: line.missingEvidence,
  })[signal];
  const share = (line, signal) => ({
    LATE_ENTRY: line.lateEntryPercent, DOUBLE_BOOKED: line.doubleBookedPercent, RETURNED: line.returnPercent,
    MISSING_EVIDENCE: line.missingEvidencePercent,
  })[signal];
  const cells = (line, filters) => SIGNALS.map((signal) => h('td', { class: `num signal-${signal}`, 'data-signal': signal, 'data-value': value(line, signal) },
    figureLink(value(line, signal), recordsLink({ ...filters, signal, org: line.organizationId }, 'quality'),
      { 'data-signal-link': signal, 'aria-label': `${t(`signal.${signal}`)} ${formatNumber(value(line, signal))}: ${t('drill.open')}` }),
    share(line, signal) != null && value(line, signal) ? h('small', null, ` (${share(line, signal)}%)`) : null));
  const heads = (first) => h('thead', null, h('tr', null, first.map((k) => h('th', { scope: 'col' }, t(k))),
    h('th', { scope: 'col' }, t('quality.handedIn')), SIGNALS.map((s) => h('th', { scope: 'col' }, t(`signal.${s}`)))));
  main.append(h('section', { class: 'card' }, h('h2', null, t('quality.byOrganization')),
    h('div', { class: 'table-wrap' }, stacked(h('table', { id: 'quality-organizations' }, heads(['drill.organization']),
      h('tbody', null, qual.organizations.map((o) => h('tr', { 'data-org': o.organizationId },
        h('th', { scope: 'row' }, h('span', { 'data-data': '' }, o.organizationName || '')),
        h('td', { class: 'num' }, formatNumber(o.handedIn)), cells(o, span))))))),
    h('p', { class: 'hint' }, t('quality.explain'))));

  const figure = h('div', { class: 'chart', id: 'quality-chart', role: 'img', 'aria-label': t('quality.chartLabel') });
  main.append(h('section', { class: 'card' }, h('h2', null, t('quality.byMonth')), figure,
    h('div', { class: 'table-wrap' }, stacked(h('table', { id: 'quality-months' }, heads(['quality.month', 'drill.organization']),
      h('tbody', null, qual.months.map((m) => h('tr', { 'data-month': m.month, 'data-org': m.organizationId },
        h('th', { scope: 'row' }, m.month), h('td', null, h('span', { 'data-data': '' }, m.organizationName || '')),
        h('td', { class: 'num' }, formatNumber(m.handedIn)), cells(m, { ...span, month: m.month })))))))));
  const months = [...new Set(qual.months.map((m) => m.month))].sort();
  figure.style.height = '18rem';
  chart(figure, {
    aria: { enabled: true },
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series: SIGNALS.map((signal) => ({ name: t(`signal.${signal}`), type: 'bar', stack: 'signals',
      data: months.map((month) => qual.months.filter((m) => m.month === month).reduce((n, m) => n + value(m, signal), 0)) })),
  });
}
