import { h, option, field, stacked } from '../dom.js';
import { t, term, formatDate } from '../i18n.js';
import { all, get } from '../api.js';

/** The bureau's view of mandatory reports on its projects, oldest first, minimized as the API gives them. */
export async function incidentsScreen(main, route) {
  const status = route.params.get('status') || 'OPEN';
  const items = await all(`incidents?status=${encodeURIComponent(status)}`);
  const projects = new Map((await get('projects?limit=200')).items.map((p) => [p.id, p.title]));
  const select = h('select', { name: 'status', onchange: () => (location.hash = `#/incidents?status=${select.value}`) },
    ['OPEN', 'CLOSED', 'VOIDED'].map((s) => option(s, term('incidentStatus', s), s === status)));
  main.append(h('h1', null, t('incidents.title')),
    h('form', { class: 'filters' }, field(t('filter.status'), select)),
    items.length
      ? h('div', { class: 'table-wrap' }, stacked(h('table', { id: 'incidents-table' },
        h('caption', null, t('incidents.caption', { n: items.length })),
        h('thead', null, h('tr', null, ['incidents.openSince', 'incidents.days', 'incidents.child', 'incidents.concern', 'incidents.project', 'incidents.reportedTo', 'incidents.steps']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, items.map((i) => h('tr', { class: i.ageDays > 7 && i.status === 'OPEN' ? 'late' : '' },
          h('td', null, formatDate(i.openSince)), h('td', null, i.ageDays),
          h('td', null, i.child || '', h('br'), h('small', null, i.townCode || '')),
          h('td', null, term('concern', i.concern)),
          h('td', null, projects.get(i.projectId) || ''),
          h('td', null, (i.reportedTo || []).map((a) => term('authority', a)).join('、')),
          h('td', null, (i.steps || []).length)))))))
      : h('p', { class: 'hint' }, t('incidents.none')));
}

/** The platform operator's registry of tenants. */
export async function tenantsScreen(main) {
  const tenants = await all('tenants');
  main.append(h('h1', null, t('tenants.title')),
    h('div', { class: 'table-wrap' }, stacked(h('table', { id: 'tenants-table' },
      h('thead', null, h('tr', null, ['tenants.slug', 'tenants.name', 'tenants.kind', 'tenants.status'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, tenants.map((x) => h('tr', null, h('td', null, x.slug), h('td', null, x.displayName),
        h('td', null, term('tenantKind', x.kind)), h('td', null, term('tenantStatus', x.status)))))))));
}
