import { h, stacked } from '../dom.js';
import { t, term, formatDate, formatNumber } from '../i18n.js';
import { get } from '../api.js';
import { chart } from '../charts.js';
import { exportButtons } from '../exports.js';
import { statusBadge } from './project.js';
import { recordsLink } from './drill.js';

const DAY = 86400000;

/** How far through its period a project is today (0…1), for the "expected by today" mark. */
function elapsed(p) {
  const start = Date.parse(`${p.periodStart}T00:00:00+08:00`);
  const end = Date.parse(`${p.periodEnd}T00:00:00+08:00`) + DAY;
  return Math.min(1, Math.max(0, (Date.now() - start) / (end - start)));
}

/**
 * Projects the caller's tenant is party to, with each deliverable's approved count against its target and the share
 * expected by today. The organization's managers and the funding bureau see the same figures (only approved records
 * count), from the progress report (GET /reports/projects/{id}/progress).
 */
export async function projectsScreen(main) {
  const s = JSON.parse(localStorage.getItem('shouhu.session'));
  const bureau = s.me.tenant.kind === 'BUREAU';
  const projects = (await get('projects?limit=200&sort=-createdAt')).items;
  const delivery = new Map();
  const orgs = new Map();
  if (bureau) {
    // One portfolio read gives every funded project's progress and its organization's name (only officers reach
    // this screen on the bureau's side), instead of one progress read per project.
    for (const standing of (await get('reports/bureau/projects')).projects) {
      delivery.set(standing.projectId, standing);
      orgs.set(standing.organizationId, standing.organizationName);
    }
  } else {
    await Promise.all(projects.filter((p) => p.status !== 'DRAFT').map(async (p) => {
      delivery.set(p.id, await get(`reports/projects/${p.id}/progress`));
    }));
  }

  main.append(h('h1', null, bureau ? t('projects.bureauTitle') : t('projects.title')));
  if (bureau) main.append(h('p', null, h('a', { href: '#/contracts/new', class: 'button', id: 'new-contract' }, t('projects.newContract'))),
    exportButtons('portfolio-export', 'reports/bureau/export', ['XLSX', 'PDF', 'CSV'], t('export.portfolio')));
  if (!projects.length) {
    main.append(h('p', { class: 'hint' }, t('projects.none')));
    return;
  }
  const active = projects.filter((p) => p.status === 'ACTIVE' && delivery.has(p.id));
  const figure = h('div', { class: 'chart', id: 'delivery-chart', role: 'img', 'aria-label': t('projects.chartLabel') });
  if (active.length) main.append(h('section', { class: 'card' }, h('h2', null, t('projects.chartTitle')), figure));
  const counts = {};
  projects.forEach((p) => (counts[p.status] = (counts[p.status] || 0) + 1));
  main.append(h('p', { class: 'summary' }, Object.entries(counts).map(([st, n]) =>
    h('span', { class: `badge project-${st}` }, `${term('projectStatus', st)} ${n}`))));

  for (const p of projects) {
    const share = elapsed(p);
    const made = delivery.get(p.id);
    main.append(h('section', { class: `card project project-${p.status}`, 'data-project': p.id, 'aria-labelledby': `p-${p.id}` },
      h('h2', { id: `p-${p.id}` }, h('span', { 'data-data': '' }, p.title), ' ', h('span', { class: `badge project-${p.status}` }, term('projectStatus', p.status)),
        made && made.status ? [' ', statusBadge(made.status)] : null),
      h('p', { class: 'meta' },
        `${p.contractNumber} · ${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)} · ${t('projects.budget')} ¥${formatNumber(Number(p.budget))}`,
        bureau ? ` · ${orgs.get(p.organizationId) || ''}` : null,
        made ? [' · ', h('a', { href: `#/project/${p.id}`, class: 'dashboard-link' }, t('projects.dashboard'))] : null,
        bureau ? [' · ', h('a', { href: `#/contracts/${p.id}`, class: 'contract-link' }, t(p.status === 'DRAFT' ? 'projects.editDraft' : 'projects.contract'))] : null),
      // Stacked on a phone: four columns with a progress bar and a status word do not fit 360 px in English.
      stacked(h('table', { class: 'deliverables' },
        h('caption', { class: 'sr-only' }, t('projects.deliverables')),
        h('thead', null, h('tr', null, ['projects.deliverable', 'projects.approved', 'projects.progress', 'dashboard.status'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, p.deliverables.map((d) => {
          const progress = made ? made.deliverables.find((x) => x.deliverableId === d.id) : null;
          const approved = progress ? progress.approved : 0;
          // The API's expected-by-today and status where it gives them; a draft project has no progress yet.
          const expected = progress ? Number(progress.expected) : Math.round(d.target * share);
          const behind = progress ? ['BEHIND', 'AT_RISK'].includes(progress.status) : false;
          return h('tr', { 'data-deliverable': d.id, 'data-kind': d.kind, 'data-status': progress ? progress.status : '' },
            h('th', { scope: 'row' }, term('kind', d.kind), d.targetGroup ? h('small', null, ` ${term('category', d.targetGroup)}`) : null),
            h('td', { class: 'approved' }, bureau && approved
              ? h('a', { href: recordsLink({ project: p.id, deliverable: d.id, status: 'APPROVED', from: p.periodStart, to: p.periodEnd }, 'projects'),
                class: 'count figure-link', 'data-approved': approved }, formatNumber(approved))
              : h('span', { class: 'count', 'data-approved': approved }, formatNumber(approved)),
              ` / ${formatNumber(d.target)} ${term('unit', d.unit)}`),
            h('td', null,
              h('progress', { max: d.target, value: Math.min(approved, d.target), class: progress ? `status-${progress.status}` : '',
                'aria-label': t('projects.progressLabel', { kind: term('kind', d.kind), approved, target: d.target }) }),
              h('small', { class: behind ? 'warn' : 'hint' }, t('projects.expected', { n: formatNumber(expected) }))),
            h('td', null, progress ? statusBadge(progress.status) : ''));
        }))))));
  }
  if (active.length) {
    const share = (p, pick) => {
      const made = delivery.get(p.id).deliverables;
      const target = made.reduce((n, d) => n + d.target, 0) || 1;
      return Math.round((100 * made.reduce((n, d) => n + pick(d), 0)) / target);
    };
    const rows = active.slice(0, 20);
    figure.style.height = `${6 + rows.length * 2.5}rem`;
    chart(figure, {
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: rows.map((p) => (p.title.length > 14 ? p.title.slice(0, 13) + '…' : p.title)) },
      series: [
        { name: t('projects.chartApproved'), type: 'bar', data: rows.map((p) => share(p, (d) => Math.min(d.approved, d.target))), itemStyle: { color: '#1d6b35' } },
        { name: t('projects.chartExpected'), type: 'bar', data: rows.map((p) => Math.round(100 * elapsed(p))), itemStyle: { color: '#9aa5b1' } },
      ],
    });
  }
}
