import { h, add, field } from '../dom.js';
import { t, term, formatDate, formatDateTime } from '../i18n.js';
import { get, Offline } from '../api.js';
import * as outbox from '../outbox.js';
import { caseload, people, placeNames, remember, remembered, waitingRecords } from '../caseload.js';
import { describe, sync } from '../main.js';

/** A day in China time as yyyy-mm-dd (what the API's days, periods and cadences are reckoned in). */
const chinaDay = (d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const today = () => chinaDay(new Date());

/** First day of the current month, quarter or year: the period of a per-beneficiary minimum ("每月至少探视一次"). */
function periodStart(cadence) {
  const [y, m] = today().split('-').map(Number);
  if (cadence === 'YEAR') return `${y}-01-01`;
  if (cadence === 'QUARTER') return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

/**
 * Who is due a home visit: per person, the worker's own visits under the project in the current period of the
 * home-visit deliverable's cadence against its minimum per beneficiary. Colleagues' visits are not visible to a
 * worker (the API shows each worker their own), so this is "due from me"; the progress report (#5) will give the
 * organization-wide figure.
 */
export function visitsDue(project, person, mine) {
  const deliverable = project.deliverables.find((d) => d.kind === 'HOME_VISIT' && d.minimumPerBeneficiary && d.cadence);
  const visits = mine.filter((r) => r.kind === 'HOME_VISIT' && r.projectId === project.id && r.participants.includes(person.beneficiaryId));
  const newest = [...visits].sort((a, b) => a.startedAt.localeCompare(b.startedAt)).at(-1);
  const last = newest ? newest.startedAt : null;
  const waiting = !!newest && newest.status === 'WAITING';
  if (!deliverable) return { last, waiting, due: false };
  const from = periodStart(deliverable.cadence);
  const done = visits.filter((r) => chinaDay(new Date(r.startedAt)) >= from).length;
  return { last, waiting, due: done < deliverable.minimumPerBeneficiary, done, min: deliverable.minimumPerBeneficiary, cadence: deliverable.cadence };
}

/**
 * Phone first: what waits on the device, what came back, today's records, and the people to visit with one tap each.
 * What waits in the outbox counts as logged (it is on its way), so a visit logged offline is not shown as missing.
 * The people list can be searched (name, village, category) and narrowed to those due a visit.
 */
export async function todayScreen(main, route) {
  const load = await caseload({ fresh: true });
  const names = people(load);
  const waiting = await outbox.entries();
  main.append(h('h1', null, t('today.title')));
  if (load.stale) main.append(h('p', { class: 'notice', role: 'status' }, t('today.offlineCopy')));

  if (waiting.length) {
    main.append(h('section', { class: 'card', id: 'outbox', 'aria-labelledby': 'outbox-title' },
      h('h2', { id: 'outbox-title' }, t('outbox.title', { n: waiting.length })),
      h('p', { class: 'hint' }, t('outbox.explain')),
      h('ul', { class: 'list' }, waiting.map((e) => h('li', { class: e.state === 'refused' ? 'refused' : '' },
        h('span', null, e.label || e.path),
        h('span', { class: 'badge' }, e.state === 'refused' ? t('outbox.refused') : t('outbox.pending')),
        e.state === 'refused' ? h('p', { class: 'error' }, describe({ code: e.problem.code, message: e.problem.message })) : null,
        e.state === 'refused' ? h('button', { type: 'button', class: 'link', onclick: async () => { await outbox.remove(e.key); location.reload(); } }, t('outbox.discard')) : null))),
      h('button', { type: 'button', id: 'sync-now', onclick: () => sync({ force: true }) }, t('outbox.sendNow'))));
  }

  let stored = [];
  let returned = 0;
  let drafts = 0;
  try {
    stored = (await get('services/mine?limit=200')).items;
    returned = (await get('services/mine?status=RETURNED&limit=1')).total;
    drafts = (await get('services/mine?status=DRAFT&limit=1')).total;
    remember(stored.filter((r) => r.status === 'DRAFT' || r.status === 'RETURNED'), { complete: stored.length < 200 ? ['DRAFT', 'RETURNED'] : [] });
  } catch (e) {
    if (!(e instanceof Offline)) throw e;
    // Without network, what was last read of the worker's own records still counts.
    stored = [...remembered('DRAFT'), ...remembered('RETURNED')];
  }
  const mine = [...waitingRecords(waiting), ...stored];
  // #17: referrals to outside agencies whose follow-up day has come (none offline: they need the server).
  let followUps = [];
  try {
    followUps = await get('referrals/follow-ups');
  } catch (e) {
    if (!(e instanceof Offline)) throw e;
  }
  if (followUps.length) {
    main.append(h('section', { class: 'card', id: 'referral-follow-ups', 'aria-labelledby': 'follow-ups-title' },
      h('h2', { id: 'follow-ups-title' }, t('referrals.followUpsDue', { n: followUps.length })),
      h('ul', { class: 'list' }, followUps.map((r) => h('li', { 'data-referral': r.id },
        h('a', { href: `#/referrals/${r.id}` }, h('span', { 'data-data': '' }, r.shared.NAME || ''), ' → ',
          h('span', { 'data-data': '' }, r.agencyName)),
        h('small', null, ` · ${t('referrals.followUpOn')} ${formatDate(r.followUpOn)}`))))));
  }
  if (returned || drafts) {
    main.append(h('p', { class: 'links' },
      returned ? h('a', { href: '#/records?status=RETURNED', class: 'warn', id: 'returned-link' }, t('today.returned', { n: returned })) : null,
      drafts ? h('a', { href: '#/records?status=DRAFT', id: 'drafts-link' }, t('today.drafts', { n: drafts })) : null));
  }
  main.append(h('section', { class: 'card', 'aria-labelledby': 'new-title' },
    h('h2', { id: 'new-title' }, t('today.new')),
    h('p', { class: 'links new-record' },
      h('a', { class: 'button', href: '#/counseling', id: 'new-counseling' }, t('today.logCounseling')),
      h('a', { class: 'button', href: '#/group', id: 'new-group' }, t('today.logGroup')),
      h('a', { class: 'button', href: '#/school', id: 'new-school' }, t('today.logSchool')))));
  const todays = mine.filter((r) => chinaDay(new Date(r.startedAt)) === today());
  main.append(h('section', { class: 'card', 'aria-labelledby': 'logged-title' },
    h('h2', { id: 'logged-title' }, t('today.logged')),
    todays.length
      ? h('ul', { class: 'list', id: 'today-records' }, todays.map((r) => recordItem(r, names)))
      : h('p', { class: 'hint' }, t('today.nothingYet'))));

  const places = await placeNames(load.projects.flatMap((p) => p.enrolled.map((e) => e.village)));
  const section = h('section', { class: 'card', 'aria-labelledby': 'people-title' }, h('h2', { id: 'people-title' }, t('today.people')));
  if (!load.projects.length) section.append(h('p', { class: 'hint' }, t('today.noProjects')));
  let dueCount = 0;
  // Projects with someone due come first; inside a project, the due people first, then the longest unvisited.
  const dueIn = (p) => p.enrolled.filter((e) => visitsDue(p, e, mine).due).length;
  const projects = [...load.projects].sort((a, b) => dueIn(b) - dueIn(a));
  const search = h('input', { type: 'search', id: 'today-search', name: 'q', value: route.params.get('q') || '', placeholder: t('today.searchHint'), autocomplete: 'off' });
  const dueOnly = h('input', { type: 'checkbox', id: 'today-due', name: 'due', checked: route.params.get('due') === '1' });
  const filters = h('form', { class: 'filters today-filters', role: 'search', onsubmit: (e) => e.preventDefault() },
    field(t('today.search'), search),
    h('span', { class: 'choice' }, dueOnly, h('label', { for: 'today-due' }, t('today.dueOnly'))));
  if (load.projects.some((p) => p.enrolled.length)) section.append(filters);
  for (const p of projects) {
    const list = h('ul', { class: 'list people' });
    const block = h('div', { class: 'project-people', 'data-project': p.id }, h('h3', { 'data-data': '' }, p.title), list);
    if (!p.enrolled.length) block.append(h('p', { class: 'hint' }, t('today.noneEnrolled')));
    const folks = p.enrolled.map((e) => ({ e, state: visitsDue(p, e, mine) }))
      .sort((a, b) => Number(b.state.due) - Number(a.state.due) || (a.state.last || '').localeCompare(b.state.last || ''));
    dueCount += folks.filter((x) => x.state.due).length;
    list.append(...folks.map(({ e, state }) => {
      const village = places.get(e.village) || '';
      const cats = [...e.categories].map((c) => term('category', c));
      return h('li', { 'data-person': e.beneficiaryId, 'data-due': String(state.due),
        'data-search': [e.name, village, ...cats, ...e.categories].join(' ').toLowerCase() },
      h('span', { class: 'person' },
        h('a', { href: `#/person/${e.beneficiaryId}`, class: 'person-link', 'data-data': '' }, e.name),
        h('small', null, ` ${[village, cats.join('、')].filter(Boolean).join(' · ')}`),
        h('br'),
        state.cadence
          ? h('span', { class: state.due ? 'badge warn' : 'badge status-APPROVED' }, state.due
            ? t('today.due', { period: term('cadence', state.cadence), done: state.done, min: state.min })
            : t('today.visited', { period: term('cadence', state.cadence), done: state.done }))
          : null,
        h('small', { class: 'last-visit' }, ' ', state.last ? t('today.last', { date: formatDate(state.last) }) : t('today.never'),
          state.waiting ? ` · ${t('today.lastWaiting')}` : '')),
      h('a', { class: 'button', href: `#/visit?project=${p.id}&child=${e.beneficiaryId}`, 'data-child': e.beneficiaryId },
        t('today.logVisit'), h('span', { class: 'sr-only' }, ` ${e.name}`)));
    }));
    section.append(block);
  }
  const nobody = h('p', { class: 'hint', id: 'today-no-match', hidden: true }, t('today.noMatch'));
  section.append(nobody);
  if (dueCount) section.querySelector('h2').append(' ', h('span', { class: 'badge warn', id: 'due-count' }, t('today.dueCount', { n: dueCount })));
  main.append(section);

  // Narrowing happens on the device (the list is the worker's caseload, already here, also offline); the choice is
  // kept in the address so going back to Today keeps it.
  const narrow = () => {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    section.querySelectorAll('.project-people').forEach((block) => {
      let inBlock = 0;
      block.querySelectorAll('li[data-person]').forEach((li) => {
        const hit = words.every((w) => li.dataset.search.includes(w)) && (!dueOnly.checked || li.dataset.due === 'true');
        li.hidden = !hit;
        if (hit) inBlock += 1;
      });
      block.hidden = inBlock === 0 && (words.length > 0 || dueOnly.checked);
      shown += inBlock;
    });
    nobody.hidden = shown > 0 || !(words.length || dueOnly.checked);
    const params = new URLSearchParams();
    if (search.value.trim()) params.set('q', search.value.trim());
    if (dueOnly.checked) params.set('due', '1');
    history.replaceState(null, '', `#/today${params.size ? `?${params}` : ''}`);
  };
  search.addEventListener('input', narrow);
  dueOnly.addEventListener('change', narrow);
  if (search.value || dueOnly.checked) narrow();
}

/** Each kind of record opens in its own form. */
const FORMS = { HOME_VISIT: 'visit', COUNSELING_SESSION: 'counseling', GROUP_SESSION: 'group', SCHOOL_ACTIVITY: 'school' };

function recordItem(r, names) {
  const who = r.kind === 'SCHOOL_ACTIVITY' && r.schoolActivity
    ? r.schoolActivity.schoolName
    : r.participants.map((id) => (names.get(id) || {}).name || '…').join('、');
  const text = `${formatDateTime(r.startedAt)} ${term('kind', r.kind)} · ${who}`;
  return h('li', { 'data-record': r.id || r.key, 'data-status': r.status, 'data-kind': r.kind },
    // A record still in the outbox has no page yet: it is listed, not linked.
    r.id ? h('a', { href: `#/${FORMS[r.kind] || 'visit'}/${r.id}` }, text) : h('span', null, text),
    h('span', { class: `badge status-${r.status}` }, r.status === 'WAITING' ? t('status.WAITING') : term('status', r.status)),
    r.returnComment && r.status === 'RETURNED' ? h('p', { class: 'comment' }, t('records.comment'), ' ', h('q', null, r.returnComment)) : null);
}

/** The worker's own records by state: drafts to finish, records returned with the reviewer's comment, the rest. */
export async function recordsScreen(main, route) {
  const status = route.params.get('status') || 'RETURNED';
  const load = await caseload().catch(() => ({ projects: [] }));
  const names = people(load);
  let page;
  let offline = false;
  try {
    page = await get(`services/mine?status=${encodeURIComponent(status)}&limit=100`);
    if (status === 'RETURNED' || status === 'DRAFT') remember(page.items, { complete: page.total <= page.items.length ? [status] : [] });
  } catch (e) {
    // Without network, the drafts and returned records as last read: they can be corrected and wait in the outbox.
    if (!(e instanceof Offline) || (status !== 'RETURNED' && status !== 'DRAFT')) throw e;
    const items = remembered(status);
    page = { items, total: items.length };
    offline = true;
  }
  // add(), not append(): append() would print a null child as the word "null".
  add(main, h('h1', null, t('records.title')),
    offline ? h('p', { class: 'notice', role: 'status' }, t('form.offlineCopy')) : null,
    h('ul', { class: 'tabs', role: 'list' }, ['RETURNED', 'DRAFT', 'SUBMITTED', 'APPROVED'].map((s) =>
      h('li', null, h('a', { href: `#/records?status=${s}`, id: `tab-${s}`, 'aria-current': s === status ? 'page' : null }, term('status', s))))),
    page.items.length
      ? h('ul', { class: 'list', id: 'records' }, page.items.map((r) => recordItem(r, names)))
      : h('p', { class: 'hint' }, t('records.none')),
    page.total > page.items.length ? h('p', { class: 'hint' }, t('list.more', { shown: page.items.length, total: page.total })) : null);
}
