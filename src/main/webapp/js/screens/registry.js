import { h, field, option } from '../dom.js';
import { t, term, formatDateTime } from '../i18n.js';
import { api, get } from '../api.js';
import { describe } from '../main.js';

const CATEGORIES = ['LEFT_BEHIND_CHILD', 'CHILD_IN_DIFFICULTY', 'LEFT_BEHIND_ELDERLY', 'LEFT_BEHIND_WOMAN', 'OTHER'];
const RISKS = ['LOW', 'MEDIUM', 'HIGH'];
let polling = null;

/** The register, masked as the API lists it, with search, and the ledger import with its progress and refused rows. */
export async function registryScreen(main, route) {
  const p = route.params;
  const query = new URLSearchParams({ limit: '100' });
  ['q', 'category', 'risk'].forEach((k) => p.get(k) && query.set(k, p.get(k)));
  const page = await get(`beneficiaries?${query}`);

  const q = h('input', { name: 'q', type: 'search', value: p.get('q') || '' });
  const category = h('select', { name: 'category' }, option('', t('filter.all')), CATEGORIES.map((c) => option(c, term('category', c), c === p.get('category'))));
  const risk = h('select', { name: 'risk' }, option('', t('filter.all')), RISKS.map((r) => option(r, term('risk', r), r === p.get('risk'))));
  const filters = h('form', { class: 'filters', role: 'search' },
    field(t('registry.search'), q), field(t('registry.category'), category), field(t('registry.risk'), risk),
    h('button', { type: 'submit' }, t('filter.apply')));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (q.value.trim()) next.set('q', q.value.trim());
    if (category.value) next.set('category', category.value);
    if (risk.value) next.set('risk', risk.value);
    location.hash = `#/registry?${next}`;
  });

  main.append(h('h1', null, t('registry.title')), await importPanel(), filters,
    h('div', { class: 'table-wrap' }, h('table', { id: 'registry-table' },
      h('caption', null, t('registry.caption', { n: page.total })),
      h('thead', null, h('tr', null, ['registry.name', 'registry.gender', 'registry.age', 'registry.citizenId', 'registry.village', 'registry.category', 'registry.risk']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, page.items.map((b) => h('tr', null,
        h('td', null, b.name), h('td', null, term('gender', b.gender)), h('td', null, b.age),
        h('td', null, b.citizenId || ''), h('td', null, b.villageCode),
        h('td', null, b.categories.map((c) => term('category', c)).join('、')),
        h('td', null, b.riskLevel ? term('risk', b.riskLevel) : t('registry.unassessed'))))))));
}

async function importPanel() {
  const file = h('input', { type: 'file', name: 'ledger', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const bar = h('progress', { max: 1, value: 0, id: 'import-progress', hidden: true, 'aria-label': t('import.progress') });
  const status = h('div', { role: 'status', 'aria-live': 'polite', id: 'import-status' });
  const rejections = h('div', { id: 'import-rejections' });
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, t('import.title')),
    h('p', { class: 'hint' }, t('import.explain')),
    field(t('import.file'), file), h('button', { type: 'submit', class: 'primary', id: 'import-submit' }, t('import.start')),
    bar, status, rejections);

  const show = async (job) => {
    bar.hidden = false;
    bar.max = Math.max(1, job.rowsTotal || 1);
    bar.value = job.rowsDone || 0;
    status.textContent = t('import.state', {
      file: job.fileName || '', status: term('jobStatus', job.status), done: job.rowsDone || 0, total: job.rowsTotal || 0,
      created: job.created || 0, updated: job.updated || 0, unchanged: job.unchanged || 0, rejected: job.rejected || 0,
    }) + (job.failure ? ` ${job.failure}` : '');
    if (job.status === 'DONE' && job.rejected) {
      const rows = (await get(`beneficiaries/imports/${job.id}/rejections?limit=200`)).items;
      rejections.replaceChildren(h('table', null, h('caption', null, t('import.rejections')),
        h('thead', null, h('tr', null, ['import.row', 'import.column', 'import.code'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, rows.map((r) => h('tr', null, h('td', null, r.row), h('td', null, r.field), h('td', null, term('problem', r.code)))))));
    }
    return job.status === 'DONE' || job.status === 'FAILED';
  };
  const follow = (id) => {
    clearInterval(polling);
    polling = setInterval(async () => {
      if (!document.body.contains(bar)) return clearInterval(polling);
      try {
        if (await show(await get(`beneficiaries/imports/${id}`))) clearInterval(polling);
      } catch (e) {
        status.textContent = describe(e);
        clearInterval(polling);
      }
    }, 1000);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    rejections.replaceChildren();
    const chosen = file.files[0];
    if (!chosen) {
      status.textContent = t('import.chooseFile');
      file.focus();
      return;
    }
    try {
      const { data } = await api('POST', `beneficiaries/imports?fileName=${encodeURIComponent(chosen.name)}`, { file: chosen });
      await show(data);
      follow(data.id);
    } catch (e) {
      status.textContent = describe(e);
    }
  });

  const recent = (await get('beneficiaries/imports?limit=1')).items[0];
  if (recent) {
    const finished = await show(recent);
    if (!finished) follow(recent.id);
    status.prepend(h('span', { class: 'hint' }, `${t('import.latest')} ${formatDateTime(recent.createdAt)} · `));
  }
  return form;
}
