import { h, field, fieldError, option, stacked } from '../dom.js';
import { t, term, formatDate, formatNumber } from '../i18n.js';
import { all, get, post } from '../api.js';
import { describe, render } from '../main.js';
import { chart } from '../charts.js';
import { exportButtons } from '../exports.js';
import { recordsLink } from './drill.js';

/**
 * One project's dashboard for both its parties (GET /reports/projects/{id}/progress): per deliverable the approved
 * count against the target and against what is expected by today, with the API's status (AHEAD, ON_TRACK, BEHIND,
 * AT_RISK) in colour and in words; the budget's milestones; and the weekly or monthly series as a chart.
 */
export async function projectScreen(main, route) {
  const p = await get(`reports/projects/${route.id}/progress`);
  const period = route.params.get('series') === 'weekly' ? 'weekly' : 'monthly';
  // The bureau's figures open to the records behind them (#13); the organization has its own review lists.
  const bureau = JSON.parse(localStorage.getItem('shouhu.session')).me.tenant.kind === 'BUREAU';
  const drill = (d, status) => recordsLink({ project: p.projectId, deliverable: d.deliverableId, status, from: p.periodStart, to: p.periodEnd }, 'project');

  const funder = JSON.parse(localStorage.getItem('shouhu.session')).me.tenant.kind === 'BUREAU';
  main.append(h('p', { class: 'links' }, h('a', { href: '#/projects' }, t('dashboard.back')),
    funder ? [' ', h('a', { href: `#/contracts/${route.id}`, class: 'contract-link' }, t('projects.contract'))] : null),
    h('h1', null, h('span', { 'data-data': '' }, p.title), ' ', statusBadge(p.status, 'project-status')),
    h('p', { class: 'meta' }, `${p.contractNumber} · ${p.organizationName || ''} · ${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)} · `,
      t('dashboard.elapsed', { elapsed: p.elapsedDays, days: p.periodDays, asOf: formatDate(p.asOf) })));

  main.append(h('section', { class: 'card' }, h('h2', null, t('projects.deliverables')),
    h('div', { class: 'table-wrap' }, stacked(h('table', { id: 'dashboard-deliverables', class: 'deliverables' },
      h('thead', null, h('tr', null, ['projects.deliverable', 'projects.approved', 'dashboard.expected', 'projects.progress',
        'dashboard.status'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, p.deliverables.map((d) => {
        const expected = Number(d.expected);
        return h('tr', { 'data-deliverable': d.deliverableId, 'data-kind': d.kind, 'data-status': d.status },
          h('th', { scope: 'row' }, term('kind', d.kind)),
          h('td', { class: 'approved' }, bureau && d.approved
            ? h('a', { href: drill(d, 'APPROVED'), class: 'count figure-link', 'data-approved': d.approved }, formatNumber(d.approved))
            : h('span', { class: 'count', 'data-approved': d.approved }, formatNumber(d.approved)),
            ` / ${formatNumber(d.target)} ${term('unit', d.unit)}`,
            d.submittedNotApproved ? h('small', null, h('br'), bureau
              ? h('a', { href: drill(d, 'SUBMITTED'), class: 'pending-link' }, t('dashboard.pending', { n: formatNumber(d.submittedNotApproved) }))
              : t('dashboard.pending', { n: formatNumber(d.submittedNotApproved) })) : null),
          h('td', { class: 'expected', 'data-expected': d.expected }, formatNumber(expected),
            h('small', null, h('br'), t('dashboard.percentOfExpected', { n: d.percentOfExpected ?? '–' }))),
          h('td', null, bar(d), h('small', { class: 'hint' }, t('dashboard.projected', { n: d.projectedAtEnd ?? '–' }))),
          h('td', null, statusBadge(d.status)));
      })))))));

  if (p.budget) {
    const b = p.budget;
    main.append(h('section', { class: 'card', id: 'dashboard-budget' }, h('h2', null, t('dashboard.budget')),
      h('p', null, t('dashboard.budgetLine', { budget: b.budget, due: b.dueAmount, paid: b.paidAmount, released: b.releasedAmount ?? '0' })),
      b.costPerUnitDelivered ? h('p', { class: 'hint' }, t('dashboard.costPerUnit', { planned: b.plannedCostPerUnit ?? '–', actual: b.costPerUnitDelivered })) : null,
      b.milestones && b.milestones.length ? h('ul', null, b.milestones.map((m) =>
        h('li', null, `${m.label || term('milestone', m.kind)} · ¥${m.amount} · ${formatDate(m.dueDate)} · ${term('milestoneStatus', m.status)}`))) : null));
  }

  const seriesSel = h('select', { name: 'series', onchange: () => (location.hash = `#/project/${route.id}?series=${seriesSel.value}`) },
    option('monthly', t('dashboard.monthly'), period === 'monthly'), option('weekly', t('dashboard.weekly'), period === 'weekly'));
  const figure = h('div', { class: 'chart', id: 'dashboard-chart', role: 'img', 'aria-label': t('dashboard.chartLabel') });
  const series = p[period] || [];
  main.append(h('section', { class: 'card' }, h('h2', null, t('dashboard.seriesTitle')), field(t('dashboard.seriesPeriod'), seriesSel), figure,
    h('details', null, h('summary', null, t('dashboard.seriesTable')), series.map((s) => {
      const d = p.deliverables.find((x) => x.deliverableId === s.deliverableId);
      // A time series reads down its weeks: on a phone it scrolls sideways inside its own box, the page does not.
      return h('div', { class: 'table-wrap scroll-x' }, h('table', { class: 'series', 'data-deliverable': s.deliverableId },
        h('caption', null, d ? term('kind', d.kind) : ''),
        h('thead', null, h('tr', null, ['dashboard.from', 'dashboard.approvedInPeriod', 'dashboard.cumulative', 'dashboard.expectedCumulative']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, s.points.map((pt) => h('tr', null, h('td', null, formatDate(pt.start)), h('td', { class: 'num' }, pt.approved),
          h('td', { class: 'num' }, pt.cumulative), h('td', { class: 'num' }, pt.expectedCumulative))))));
    }))));

  if (p.projectStatus !== 'DRAFT') main.append(await surveysSection(p));

  main.append(exportButtons('deliverables-export', `exports/projects/${p.projectId}/deliverables`, ['XLSX', 'PDF', 'CSV'], t('export.deliverables')));

  if (series.some((s) => s.points.length)) {
    const labels = [...new Set(series.flatMap((s) => s.points.map((pt) => pt.start)))].sort();
    const lines = [];
    for (const s of series) {
      const d = p.deliverables.find((x) => x.deliverableId === s.deliverableId);
      const name = d ? term('kind', d.kind) : '';
      const at = new Map(s.points.map((pt) => [pt.start, pt]));
      lines.push({ name: `${name} · ${t('dashboard.cumulative')}`, type: 'line', data: labels.map((l) => (at.has(l) ? at.get(l).cumulative : null)) });
      lines.push({ name: `${name} · ${t('dashboard.expectedCumulative')}`, type: 'line', lineStyle: { type: 'dashed' },
        data: labels.map((l) => (at.has(l) ? Number(at.get(l).expectedCumulative) : null)) });
    }
    chart(figure, {
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels.map((l) => (period === 'monthly' ? l.slice(0, 7) : l.slice(5))) },
      yAxis: { type: 'value', minInterval: 1 },
      series: lines,
    });
  } else {
    figure.hidden = true;
  }
}

/** The progress bar of a deliverable, with the expected-by-today mark as a second, thin bar under it. */
function bar(d) {
  const max = Math.max(d.target, 1);
  return h('div', { class: 'bars' },
    h('progress', { max, value: Math.min(d.approved, max), class: `status-${d.status}`,
      'aria-label': t('projects.progressLabel', { kind: term('kind', d.kind), approved: d.approved, target: d.target }) }),
    h('progress', { max, value: Math.min(Number(d.expected), max), class: 'expected-bar',
      'aria-label': t('projects.expected', { n: d.expected }) }));
}

/** A progress status as colour and words (never colour alone). */
export function statusBadge(status, id) {
  return h('span', { class: `badge progress-${status}`, id, 'data-status': status }, term('progress', status));
}

const RESPONDENTS = ['BENEFICIARY', 'GUARDIAN', 'SCHOOL'];
const SCALES = ['FIVE_POINT', 'PERCENT'];

/**
 * Satisfaction surveys of the project (GET/POST /projects/{id}/surveys): both parties read them all and enter their
 * own (the organization its questionnaires, the bureau its spot checks); their mean feeds the evaluation's
 * satisfaction indicator. One overall score per questionnaire, the respondent by kind only.
 */
async function surveysSection(p) {
  const surveys = await all(`projects/${p.projectId}/surveys`);
  const counted = surveys.filter((x) => !x.voided);
  const mean = counted.length ? (counted.reduce((n, x) => n + Number(x.percent), 0) / counted.length).toFixed(2) : null;
  const respondent = h('select', { name: 'respondent' }, RESPONDENTS.map((r) => option(r, term('respondent', r))));
  const scale = h('select', { name: 'scale' }, SCALES.map((x) => option(x, term('scale', x))));
  const score = h('input', { type: 'number', name: 'score', min: 0, max: 100, step: '0.01', inputmode: 'decimal', id: 'survey-score', required: true });
  const on = h('input', { type: 'date', name: 'surveyedOn', value: p.asOf, max: p.asOf, min: p.periodStart, required: true });
  const comment = h('input', { type: 'text', name: 'comment', maxlength: 500 });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'filters', id: 'survey-form' },
    field(t('survey.respondent'), respondent), field(t('survey.scale'), scale), field(t('survey.score'), score, t('survey.scoreHint')),
    field(t('survey.on'), on), field(t('survey.comment'), comment, t('survey.commentHint')),
    h('button', { type: 'submit', id: 'survey-submit' }, t('survey.record')), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    ['respondent', 'scale', 'score', 'surveyedOn', 'comment'].forEach((f) => fieldError(form, f, null));
    try {
      await post(`projects/${p.projectId}/surveys`, { respondent: respondent.value, scale: scale.value,
        score: score.value === '' ? null : Number(score.value), surveyedOn: on.value, comment: comment.value.trim() || null });
      render();
    } catch (e) {
      const known = (e.errors || []).filter((x) => fieldError(form, x.field, describe({ code: x.code, message: x.message })));
      if (!known.length) error.textContent = describe(e);
    }
  });
  return h('section', { class: 'card', id: 'surveys' }, h('h2', null, t('survey.title')),
    h('p', { class: 'hint', id: 'survey-mean', 'data-mean': mean || '' },
      mean ? t('survey.mean', { n: counted.length, mean }) : t('survey.none')),
    surveys.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'surveys-table' },
      h('thead', null, h('tr', null, ['survey.on', 'survey.respondent', 'survey.score', 'survey.percent', 'survey.by', 'survey.comment']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, surveys.map((x) => h('tr', { class: x.voided ? 'voided' : '', 'data-survey': x.id },
        h('td', null, formatDate(x.surveyedOn)), h('td', null, term('respondent', x.respondent)),
        h('td', { class: 'num' }, `${x.score}${x.scale === 'FIVE_POINT' ? ' / 5' : ''}`), h('td', { class: 'num' }, x.percent),
        h('td', null, term('party', x.recordedBy)),
        h('td', null, x.comment || '', x.voided ? h('small', null, ` ${t('survey.voided')}：${x.voidReason || ''}`) : null)))))) : null,
    h('h3', null, t('survey.recordTitle')), form);
}
