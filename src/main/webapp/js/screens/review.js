import { h, field, option } from '../dom.js';
import { t, term, formatDateTime } from '../i18n.js';
import { all, get, post, uuid } from '../api.js';
import { describe, render } from '../main.js';

const STATUSES = ['SUBMITTED', 'RETURNED', 'APPROVED', 'DRAFT'];
const KINDS = ['HOME_VISIT'];

/**
 * The supervisor's review queue with filters, and approval or return of many records at once. Results come back per
 * record: a refusal (say, a record already reviewed by a colleague) does not hold up the others.
 */
export async function reviewScreen(main, route) {
  const params = route.params;
  const status = params.get('status') || 'SUBMITTED';
  const projectId = params.get('project') || '';
  const kind = params.get('kind') || '';
  const worker = params.get('worker') || '';
  const s = JSON.parse(sessionStorage.getItem('shouhu.session'));
  const isAdmin = s.me.user.roles.includes('ORG_ADMIN');

  const projects = (await get('projects?limit=200')).items;
  const users = isAdmin ? await all('users') : [];
  const workerName = new Map(users.map((u) => [u.id, u.displayName]));
  const query = new URLSearchParams({ status, limit: '100' });
  if (projectId) query.set('project', projectId);
  if (kind) query.set('kind', kind);
  if (worker) query.set('worker', worker);
  const page = await get(`services/review?${query}`);
  const names = new Map();
  for (const pid of new Set(page.items.map((r) => r.projectId))) {
    for (const e of await all(`projects/${pid}/enrolments?includeVoided=true`)) names.set(e.beneficiaryId, e.name);
  }
  const titles = new Map(projects.map((p) => [p.id, p.title]));

  const statusSel = h('select', { name: 'status' }, STATUSES.map((x) => option(x, term('status', x), x === status)));
  const projectSel = h('select', { name: 'project' }, option('', t('filter.all')), projects.map((p) => option(p.id, p.title, p.id === projectId)));
  const kindSel = h('select', { name: 'kind' }, option('', t('filter.all')), KINDS.map((k) => option(k, term('kind', k), k === kind)));
  const workerSel = isAdmin
    ? h('select', { name: 'worker' }, option('', t('filter.all')),
      users.filter((u) => u.roles.includes('SOCIAL_WORKER')).map((u) => option(u.id, u.displayName, u.id === worker)))
    : null;
  const filters = h('form', { class: 'filters', role: 'search' },
    field(t('filter.status'), statusSel), field(t('filter.project'), projectSel), field(t('filter.kind'), kindSel),
    workerSel ? field(t('filter.worker'), workerSel) : null,
    h('button', { type: 'submit' }, t('filter.apply')));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = new URLSearchParams();
    for (const el of filters.querySelectorAll('select')) if (el.value) q.set(el.name, el.value);
    location.hash = `#/review?${q}`;
  });

  const boxes = [];
  const all_ = h('input', { type: 'checkbox', id: 'select-all', onchange: () => boxes.forEach((b) => (b.checked = all_.checked)) });
  const rows = page.items.map((r) => {
    const box = h('input', { type: 'checkbox', value: r.id, id: `pick-${r.id}`, disabled: r.status !== 'SUBMITTED' });
    boxes.push(box);
    const hv = r.homeVisit;
    return h('tr', { 'data-record': r.id },
      h('td', null, box, h('label', { for: box.id, class: 'sr-only' }, t('review.pick'))),
      h('td', null, formatDateTime(r.startedAt), h('br'), h('small', null, term('kind', r.kind))),
      h('td', null, r.participants.map((id) => names.get(id) || '…').join('、'), h('br'), h('small', null, titles.get(r.projectId) || '')),
      h('td', { class: 'worker' }, r.workerName || workerName.get(r.workerId) || r.workerId.slice(0, 8)),
      h('td', { class: 'findings' }, hv ? [
        h('div', null, term('presence', hv.present), ' · ', t('visit.riskAfter'), ': ', term('risk', hv.riskAfter)),
        h('ul', null, Object.entries(hv.findings).map(([area, a]) =>
          h('li', null, `${term('area', area)} ${a.rating}`, a.note ? h('span', { class: 'note' }, ` — ${a.note}`) : null))),
        hv.followUp ? h('div', { class: 'note' }, t('visit.followUp'), ': ', hv.followUp) : null,
      ] : null),
      h('td', null, r.flags.map((f) => h('span', { class: 'badge warn' }, term('flag', f))),
        r.returnComment ? h('p', { class: 'comment' }, h('q', null, r.returnComment)) : null),
      h('td', null, h('span', { class: `badge status-${r.status}`, 'data-status': r.status }, term('status', r.status))));
  });

  const comment = h('textarea', { name: 'comment', rows: 2, maxlength: 1000, id: 'review-comment' });
  const result = h('div', { role: 'status', 'aria-live': 'polite', id: 'review-result' });
  const act = async (action) => {
    const ids = boxes.filter((b) => b.checked).map((b) => b.value);
    result.replaceChildren();
    if (!ids.length) {
      result.textContent = t('review.pickFirst');
      return;
    }
    if (action === 'RETURN' && !comment.value.trim()) {
      result.textContent = t('review.commentNeeded');
      comment.focus();
      return;
    }
    try {
      const answer = await post('services/review', { ids, action, comment: comment.value.trim() || null }, uuid());
      sessionStorage.setItem('shouhu.reviewResult', JSON.stringify(answer));
      render();
    } catch (e) {
      result.textContent = describe(e);
    }
  };

  const last = JSON.parse(sessionStorage.getItem('shouhu.reviewResult') || 'null');
  sessionStorage.removeItem('shouhu.reviewResult');
  if (last) {
    result.append(h('p', { class: 'notice' }, t('review.done', { approved: last.approved, returned: last.returned, refused: last.refused })),
      h('ul', null, last.items.filter((i) => i.result === 'REFUSED').map((i) =>
        h('li', { class: 'error' }, `${i.id.slice(0, 8)}: ${describe({ code: i.code, message: i.message })}`))));
  }

  main.append(h('h1', null, t('review.title')), filters, result,
    page.items.length
      ? h('div', { class: 'table-wrap' }, h('table', { id: 'review-table' },
        h('caption', null, t('review.caption', { n: page.total })),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, all_, h('label', { for: 'select-all', class: 'sr-only' }, t('review.pickAll'))),
          ['review.when', 'review.who', 'review.worker', 'review.findings', 'review.flags', 'review.status'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, rows)))
      : h('p', { class: 'hint', id: 'review-empty' }, t('review.empty')),
    status === 'SUBMITTED' && page.items.length
      ? h('div', { class: 'card actions-bar' },
        field(t('review.comment'), comment, t('review.commentHint')),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', id: 'approve', onclick: () => act('APPROVE') }, t('review.approve')),
          h('button', { type: 'button', id: 'return', onclick: () => act('RETURN') }, t('review.return'))))
      : null);
}
