import { h, add, field, option } from '../dom.js';
import { t, term, formatDateTime, language } from '../i18n.js';
import { accessToken, all, get, post, uuid } from '../api.js';
import { describe, render } from '../main.js';

const STATUSES = ['SUBMITTED', 'RETURNED', 'APPROVED', 'DRAFT'];
const KINDS = ['HOME_VISIT', 'SCHOOL_ACTIVITY', 'GROUP_SESSION', 'COUNSELING_SESSION'];
/** Below this width the queue is a list of cards: a seven-column table wraps one character per line on a phone. */
const PHONE = '(max-width: 599.98px)';

/**
 * The supervisor's review queue with filters, and approval or return of many records at once. Results come back per
 * record: a refusal (say, a record already reviewed by a colleague) does not hold up the others. A supervisor with a
 * team sees the team's records first ("all" widens: permissions are the organization's, the team is a view).
 */
export async function reviewScreen(main, route) {
  const params = route.params;
  const status = params.get('status') || 'SUBMITTED';
  const projectId = params.get('project') || '';
  const kind = params.get('kind') || '';
  const worker = params.get('worker') || '';
  const s = JSON.parse(localStorage.getItem('shouhu.session'));
  const isAdmin = s.me.user.roles.includes('ORG_ADMIN');

  const me = await get('me');
  const team = me.team || [];
  const scope = params.get('team') || (team.length ? 'mine' : 'all');
  const projects = (await get('projects?limit=200')).items;
  const users = isAdmin ? await all('users') : [];
  const workerName = new Map([...users, ...team].map((u) => [u.id, u.displayName]));
  const query = new URLSearchParams({ status, limit: '100' });
  if (projectId) query.set('project', projectId);
  if (kind) query.set('kind', kind);
  if (worker) query.set('worker', worker);
  if (scope === 'mine' && team.length) query.set('team', 'mine');
  const page = await get(`services/review?${query}`);
  const names = new Map();
  for (const pid of new Set(page.items.map((r) => r.projectId))) {
    for (const e of await all(`projects/${pid}/enrolments?includeVoided=true`)) names.set(e.beneficiaryId, e.name);
  }
  const groups = new Map();
  if (page.items.some((r) => r.kind === 'GROUP_SESSION')) {
    for (const g of await all('groups')) groups.set(g.id, g.name);
  }
  const titles = new Map(projects.map((p) => [p.id, p.title]));
  const ctx = { names, groups, titles, workerName };

  const statusSel = h('select', { name: 'status' }, STATUSES.map((x) => option(x, term('status', x), x === status)));
  const projectSel = h('select', { name: 'project' }, option('', t('filter.all')), projects.map((p) => option(p.id, p.title, p.id === projectId)));
  const kindSel = h('select', { name: 'kind' }, option('', t('filter.all')), KINDS.map((k) => option(k, term('kind', k), k === kind)));
  const workers = isAdmin ? users.filter((u) => u.roles.includes('SOCIAL_WORKER')) : team;
  const workerSel = workers.length
    ? h('select', { name: 'worker' }, option('', t('filter.all')), workers.map((u) => option(u.id, u.displayName, u.id === worker)))
    : null;
  const teamInput = h('input', { type: 'hidden', name: 'team', value: scope });
  const filters = h('form', { class: 'filters', role: 'search' },
    field(t('filter.status'), statusSel), field(t('filter.project'), projectSel), field(t('filter.kind'), kindSel),
    workerSel ? field(t('filter.worker'), workerSel) : null, teamInput,
    h('button', { type: 'submit' }, t('filter.apply')));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = new URLSearchParams();
    for (const el of filters.querySelectorAll('select, input[type=hidden]')) if (el.value) q.set(el.name, el.value);
    location.hash = `#/review?${q}`;
  });
  const scopeLink = (value, label) => {
    const q = new URLSearchParams(params);
    q.set('team', value);
    q.delete('worker');
    return h('li', null, h('a', { href: `#/review?${q}`, id: `team-${value}`, 'aria-current': scope === value ? 'page' : null }, label));
  };
  const scopes = team.length
    ? h('ul', { class: 'tabs', 'aria-label': t('review.scope') },
      scopeLink('mine', t('review.myTeam', { n: team.length })), scopeLink('all', t('review.everyone')))
    : s.me.user.roles.includes('SUPERVISOR') ? h('p', { class: 'hint', id: 'no-team' }, t('review.noTeam')) : null;

  const boxes = [];
  const pick = (r) => {
    const box = h('input', { type: 'checkbox', value: r.id, id: `pick-${r.id}`, disabled: r.status !== 'SUBMITTED' });
    boxes.push(box);
    return box;
  };
  const all_ = h('input', { type: 'checkbox', id: 'select-all', onchange: () => boxes.forEach((b) => { if (!b.disabled) b.checked = all_.checked; }) });
  const phone = window.matchMedia(PHONE);
  const list = page.items.length
    ? (phone.matches ? cards(page, ctx, pick, all_) : table(page, ctx, pick, all_))
    : h('p', { class: 'hint', id: 'review-empty' }, t(scope === 'mine' && team.length ? 'review.emptyTeam' : 'review.empty'));
  // Turning the phone or resizing the window across the breakpoint redraws the queue in the other form.
  phone.addEventListener('change', () => { if (main.isConnected) render(); }, { once: true });

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

  // add() skips what is absent (no team tabs, no action bar): append() would print it as "null".
  add(main, [h('h1', null, t('review.title')), scopes, filters, result, list,
    status === 'SUBMITTED' && page.items.length
      ? h('div', { class: 'card actions-bar' },
        field(t('review.comment'), comment, t('review.commentHint')),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', id: 'approve', onclick: () => act('APPROVE') }, t('review.approve')),
          h('button', { type: 'button', id: 'return', onclick: () => act('RETURN') }, t('review.return'))))
      : null]);
}

function who(r, ctx) {
  return r.participants.map((id) => ctx.names.get(id) || t('review.unnamed')).join(language() === 'en' ? ', ' : '、');
}

function workerOf(r, ctx) {
  return r.workerName || ctx.workerName.get(r.workerId) || t('review.unnamed');
}

/** The phone's queue: one card per record, its checkbox inside a label a thumb can hit. */
function cards(page, ctx, pick, all_) {
  return h('div', { id: 'review-cards' },
    h('p', { class: 'review-head' },
      h('label', { class: 'pick', for: 'select-all' }, all_, t('review.pickAll')),
      h('span', { class: 'hint' }, t('review.caption', { n: page.total }))),
    h('ul', { class: 'review-cards' }, page.items.map((r) => {
      const box = pick(r);
      return h('li', { class: 'card review-card', 'data-record': r.id, 'data-kind': r.kind },
        h('div', { class: 'review-card-top' },
          h('label', { class: 'pick', for: box.id }, box, h('span', null, t('review.pick'))),
          h('span', { class: 'badge' }, term('kind', r.kind)),
          h('span', { class: `badge status-${r.status}`, 'data-status': r.status }, term('status', r.status))),
        h('p', { class: 'meta' }, formatDateTime(r.startedAt), ' · ', h('span', { class: 'worker', 'data-data': '' }, workerOf(r, ctx))),
        r.participants.length ? h('p', { class: 'who', 'data-data': '' }, who(r, ctx)) : null,
        h('p', { class: 'meta', 'data-data': '' }, ctx.titles.get(r.projectId) || ''),
        judge(r, ctx),
        r.flags.length ? h('p', null, r.flags.map((f) => h('span', { class: 'badge warn' }, term('flag', f)))) : null,
        r.returnComment ? h('p', { class: 'comment' }, t('review.returned'), ': ', h('q', null, r.returnComment)) : null);
    })));
}

/** A wide screen's queue: the table, with the same "what to judge by" in its findings column. */
function table(page, ctx, pick, all_) {
  const rows = page.items.map((r) => {
    const box = pick(r);
    return h('tr', { 'data-record': r.id, 'data-kind': r.kind },
      h('td', null, h('label', { class: 'pick', for: box.id }, box, h('span', { class: 'sr-only' }, t('review.pick')))),
      h('td', null, formatDateTime(r.startedAt), h('br'), h('small', null, term('kind', r.kind))),
      h('td', null, h('span', { 'data-data': '' }, who(r, ctx)), h('br'), h('small', { 'data-data': '' }, ctx.titles.get(r.projectId) || '')),
      h('td', { class: 'worker' }, workerOf(r, ctx)),
      h('td', { class: 'findings' }, judge(r, ctx)),
      h('td', null, r.flags.map((f) => h('span', { class: 'badge warn' }, term('flag', f))),
        r.returnComment ? h('p', { class: 'comment' }, h('q', null, r.returnComment)) : null),
      h('td', null, h('span', { class: `badge status-${r.status}`, 'data-status': r.status }, term('status', r.status))));
  });
  return h('div', { class: 'table-wrap' }, h('table', { id: 'review-table' },
    h('caption', null, t('review.caption', { n: page.total })),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, h('label', { class: 'pick', for: 'select-all' }, all_, h('span', { class: 'sr-only' }, t('review.pickAll')))),
      ['review.when', 'review.who', 'review.worker', 'review.findings', 'review.flags', 'review.status'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, rows)));
}

/** What the record's kind is judged by. */
function judge(r, ctx) {
  const review = r.review || { attendance: [], evidence: [], hasNote: false };
  const box = h('div', { class: 'judge' });
  if (r.homeVisit) {
    const hv = r.homeVisit;
    // add(), not append(): the DOM's append writes a null (no refer link) as the text "null".
    add(box, h('div', null, term('presence', hv.present), ' · ', t('visit.riskAfter'), ': ', term('risk', hv.riskAfter)),
      h('ul', null, Object.entries(hv.findings).map(([area, a]) =>
        h('li', null, `${term('area', area)} ${a.rating}`, a.note ? h('span', { class: 'note' }, ` — ${a.note}`) : null))),
      hv.followUp ? h('div', { class: 'note' }, t('visit.followUp'), ': ', hv.followUp) : h('span'),
      // A supervisor refers the child from the visit they are reading (#17); a voided visit is no ground for one.
      r.status !== 'VOIDED' && r.participants.length === 1
        ? h('a', { class: 'refer-from-visit', href: `#/referrals/new?${new URLSearchParams({ child: r.participants[0], record: r.id })}` }, t('referrals.referFromVisit'))
        : null);
  }
  if (r.schoolActivity) {
    const a = r.schoolActivity;
    box.append(h('dl', { class: 'facts' },
      h('dt', null, t('review.school')), h('dd', { 'data-data': '' }, a.schoolName),
      h('dt', null, t('review.topic')), h('dd', null, term('topic', a.topic), a.topicNote ? h('span', { class: 'note', 'data-data': '' }, ` — ${a.topicNote}`) : null),
      h('dt', null, t('review.headCount')), h('dd', { class: 'head-count' }, String(a.participantCount))));
  }
  if (r.kind === 'GROUP_SESSION' && r.session) {
    const by = { PRESENT: [], ABSENT: [], EXCUSED: [] };
    for (const line of review.attendance) (by[line.attendance] || (by[line.attendance] = [])).push(ctx.names.get(line.beneficiaryId) || t('review.unnamed'));
    box.append(h('p', null, h('span', { 'data-data': '' }, ctx.groups.get(r.session.groupId) || ''), ' ',
      t('review.sessionNo', { n: r.session.number ?? '' }), r.session.topic ? [' · ', h('span', { 'data-data': '' }, r.session.topic)] : null),
    h('dl', { class: 'facts attendance' }, Object.entries(by).map(([state, people]) => [
      h('dt', null, term('attendance', state), ' ', h('span', { class: 'badge', 'data-count': state }, String(people.length))),
      h('dd', { 'data-data': '' }, people.join(language() === 'en' ? ', ' : '、') || '—')])));
  }
  if (r.kind === 'COUNSELING_SESSION' && r.session) {
    box.append(h('p', null, t('review.case'), ': ', h('span', { 'data-data': '' }, who(r, ctx)), ' · ',
      t('review.sessionNo', { n: r.session.number ?? '' }), r.session.method ? [' · ', term('method', r.session.method)] : null));
    const progress = r.goalProgress || (r.session && r.session.goalProgress) || [];
    if (Array.isArray(progress) && progress.length) {
      box.append(h('ul', { class: 'goal-progress' }, progress.map((g) => h('li', { 'data-data': '' },
        [g.goal || g.description || g.what || '', g.progress != null ? ` — ${term('goalProgress', g.progress)}` : '', g.note ? ` (${g.note})` : '']))));
    }
    if (review.hasNote) box.append(h('p', { class: 'badge note-exists' }, t('review.noteExists')));
  }
  if (review.evidence.length) box.append(thumbnails(review.evidence));
  return box;
}

/**
 * Photo thumbnails that open full size. An <img src> cannot carry the bearer token, so each file is fetched with it,
 * kept as a Blob and shown through an object URL; other files are listed by name.
 */
function thumbnails(files) {
  const list = h('ul', { class: 'thumbs' });
  for (const f of files) {
    if (!/^image\//.test(f.contentType)) {
      list.append(h('li', { 'data-data': '' }, f.fileName));
      continue;
    }
    const img = h('img', { alt: f.fileName, 'data-evidence': f.id, loading: 'lazy' });
    const open = h('button', { type: 'button', class: 'thumb', 'aria-label': t('review.openPhoto', { name: f.fileName }), disabled: true }, img);
    list.append(h('li', null, open));
    photo(f.id).then((url) => {
      img.src = url;
      open.disabled = false;
      open.addEventListener('click', () => showPhoto(url, f.fileName));
    }).catch(() => {
      open.replaceWith(h('span', { class: 'hint' }, t('review.photoUnavailable')));
    });
  }
  return list;
}

const photos = new Map();

async function photo(id) {
  if (photos.has(id)) return photos.get(id);
  const token = await accessToken();
  const reply = await fetch(`api/v1/evidence/${encodeURIComponent(id)}/content`, { headers: { Authorization: `Bearer ${token}` } });
  if (!reply.ok) throw new Error(String(reply.status));
  const url = URL.createObjectURL(await reply.blob());
  photos.set(id, url);
  return url;
}

function showPhoto(url, name) {
  const close = h('button', { type: 'button', class: 'primary', id: 'photo-close' }, t('review.closePhoto'));
  const dialog = h('dialog', { class: 'photo', id: 'photo-dialog', 'aria-label': name }, h('img', { src: url, alt: name }), close);
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
