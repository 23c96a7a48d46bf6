import { h } from '../dom.js';
import { t, term, formatDate, formatDateTime } from '../i18n.js';
import { get, Offline } from '../api.js';
import * as outbox from '../outbox.js';
import { caseload, people, remember, remembered } from '../caseload.js';
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
function visitsDue(project, person, mine) {
  const deliverable = project.deliverables.find((d) => d.kind === 'HOME_VISIT' && d.minimumPerBeneficiary && d.cadence);
  const visits = mine.filter((r) => r.kind === 'HOME_VISIT' && r.projectId === project.id && r.participants.includes(person.beneficiaryId));
  const last = visits.length ? visits.map((r) => r.startedAt).sort().at(-1) : null;
  if (!deliverable) return { last, due: false };
  const from = periodStart(deliverable.cadence);
  const done = visits.filter((r) => chinaDay(new Date(r.startedAt)) >= from).length;
  return { last, due: done < deliverable.minimumPerBeneficiary, done, min: deliverable.minimumPerBeneficiary, cadence: deliverable.cadence };
}

/** Phone first: what waits on the device, what came back, today's visits, and the people to visit with one tap each. */
export async function todayScreen(main) {
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
      h('button', { type: 'button', id: 'sync-now', onclick: () => sync() }, t('outbox.sendNow'))));
  }

  let mine = [];
  let returned = 0;
  let drafts = 0;
  try {
    mine = (await get('services/mine?limit=200')).items;
    returned = (await get('services/mine?status=RETURNED&limit=1')).total;
    drafts = (await get('services/mine?status=DRAFT&limit=1')).total;
    remember(mine.filter((r) => r.status === 'DRAFT' || r.status === 'RETURNED'), { complete: mine.length < 200 ? ['DRAFT', 'RETURNED'] : [] });
  } catch (e) {
    if (!(e instanceof Offline)) throw e;
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

  const section = h('section', { class: 'card', 'aria-labelledby': 'people-title' }, h('h2', { id: 'people-title' }, t('today.people')));
  if (!load.projects.length) section.append(h('p', { class: 'hint' }, t('today.noProjects')));
  let dueCount = 0;
  // Projects with someone due come first; inside a project, the due people first, then the longest unvisited.
  const dueIn = (p) => p.enrolled.filter((e) => visitsDue(p, e, mine).due).length;
  const projects = [...load.projects].sort((a, b) => dueIn(b) - dueIn(a));
  for (const p of projects) {
    section.append(h('h3', null, p.title));
    if (!p.enrolled.length) section.append(h('p', { class: 'hint' }, t('today.noneEnrolled')));
    const people = p.enrolled.map((e) => ({ e, state: visitsDue(p, e, mine) }))
      .sort((a, b) => Number(b.state.due) - Number(a.state.due) || (a.state.last || '').localeCompare(b.state.last || ''));
    dueCount += people.filter((x) => x.state.due).length;
    section.append(h('ul', { class: 'list people' }, people.map(({ e, state }) => h('li', { 'data-person': e.beneficiaryId, 'data-due': String(state.due) },
      h('span', { class: 'person' }, e.name, h('small', null, ` ${[...e.categories].map((c) => term('category', c)).join('、')}`),
        h('br'),
        state.cadence
          ? h('span', { class: state.due ? 'badge warn' : 'badge status-APPROVED' }, state.due
            ? t('today.due', { period: term('cadence', state.cadence), done: state.done, min: state.min })
            : t('today.visited', { period: term('cadence', state.cadence), done: state.done }))
          : null,
        h('small', null, ' ', state.last ? t('today.last', { date: formatDate(state.last) }) : t('today.never'))),
      h('a', { class: 'button', href: `#/visit?project=${p.id}&child=${e.beneficiaryId}`, 'data-child': e.beneficiaryId },
        t('today.logVisit'), h('span', { class: 'sr-only' }, ` ${e.name}`))))));
  }
  if (dueCount) section.querySelector('h2').append(' ', h('span', { class: 'badge warn', id: 'due-count' }, t('today.dueCount', { n: dueCount })));
  main.append(section);
}

/** Each kind of record opens in its own form. */
const FORMS = { HOME_VISIT: 'visit', COUNSELING_SESSION: 'counseling', GROUP_SESSION: 'group', SCHOOL_ACTIVITY: 'school' };

function recordItem(r, names) {
  const who = r.kind === 'SCHOOL_ACTIVITY' && r.schoolActivity
    ? r.schoolActivity.schoolName
    : r.participants.map((id) => (names.get(id) || {}).name || '…').join('、');
  return h('li', { 'data-record': r.id, 'data-status': r.status, 'data-kind': r.kind },
    h('a', { href: `#/${FORMS[r.kind] || 'visit'}/${r.id}` }, `${formatDateTime(r.startedAt)} ${term('kind', r.kind)} · ${who}`),
    h('span', { class: `badge status-${r.status}` }, term('status', r.status)),
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
  main.append(h('h1', null, t('records.title')),
    offline ? h('p', { class: 'notice', role: 'status' }, t('form.offlineCopy')) : null,
    h('ul', { class: 'tabs', role: 'list' }, ['RETURNED', 'DRAFT', 'SUBMITTED', 'APPROVED'].map((s) =>
      h('li', null, h('a', { href: `#/records?status=${s}`, id: `tab-${s}`, 'aria-current': s === status ? 'page' : null }, term('status', s))))),
    page.items.length
      ? h('ul', { class: 'list', id: 'records' }, page.items.map((r) => recordItem(r, names)))
      : h('p', { class: 'hint' }, t('records.none')),
    page.total > page.items.length ? h('p', { class: 'hint' }, t('list.more', { shown: page.items.length, total: page.total })) : null);
}
