import { h, add } from '../dom.js';
import { t, term, has, formatDate, formatDateTime } from '../i18n.js';
import { all, get, session } from '../api.js';
import * as outbox from '../outbox.js';
import { caseload, placeNames, waitingRecords } from '../caseload.js';
import { visitsDue } from './worker.js';
import { referralsCard } from './referrals.js';

const PAGE = 20;
const FORMS = { HOME_VISIT: 'visit', COUNSELING_SESSION: 'counseling', GROUP_SESSION: 'group', SCHOOL_ACTIVITY: 'school' };
const LIVE_CASES = ['INTAKE', 'ASSESSED', 'PLANNED', 'CLOSING'];

/**
 * A child's record (个人档案) for the organization's staff: the person as the API shows this role (opening it is
 * audited by the API), categories, guardians, risk, the services they received (a worker sees their own records,
 * supervisors the organization's), open cases, groups and reports, and when the next visit is due; with the next
 * steps one tap away: log a visit, open a case, raise a mandatory report, and (supervisors) edit the record.
 */
export async function personScreen(main, route) {
  const id = route.id;
  const roles = session.get().me.user.roles;
  const worker = roles.includes('SOCIAL_WORKER');
  const supervisor = roles.includes('SUPERVISOR') || roles.includes('ORG_ADMIN');
  const p = await get(`beneficiaries/${encodeURIComponent(id)}`);
  const load = await caseload();
  const projects = load.projects.filter((x) => x.enrolled.some((e) => e.beneficiaryId === id));
  const [services, cases, groups, reports, places, referrals] = await Promise.all([
    get(`services?beneficiary=${encodeURIComponent(id)}&limit=${PAGE}`),
    all(`cases?client=${encodeURIComponent(id)}`),
    all('groups?status=OPEN'),
    all('incidents?status=OPEN'),
    placeNames([p.villageCode]),
    get(`referrals/sent?beneficiaryId=${encodeURIComponent(id)}`),
  ]);
  const waiting = waitingRecords(await outbox.entries()).filter((r) => r.participants.includes(id));

  add(main, h('h1', { 'data-data': '', id: 'person-name' }, p.name),
    h('p', { class: 'lead', id: 'person-facts' }, [
      term('gender', p.gender), t('person.age', { n: p.age }), places.get(p.villageCode),
      p.school ? [p.school, p.grade].filter(Boolean).join(' ') : null,
    ].filter(Boolean).join(' · ')),
    h('p', { class: 'tags', id: 'person-categories' }, p.categories.map((c) => h('span', { class: 'badge' }, term('category', c))),
      p.difficultyType && has(`difficulty.${p.difficultyType}`) ? h('span', { class: 'badge' }, term('difficulty', p.difficultyType)) : null));

  // The next steps first: on a phone this is what the worker opened the record for.
  const actions = h('p', { class: 'links person-actions', id: 'person-actions' });
  if (worker) {
    for (const x of projects) {
      const q = `project=${x.id}&child=${id}`;
      actions.append(h('a', { class: 'button primary', href: `#/visit?${q}`, id: projects.length === 1 ? 'person-visit' : null, 'data-project': x.id },
        t('today.logVisit'), projects.length > 1 ? h('span', { 'data-data': '' }, ` · ${x.title}`) : null),
      h('a', { class: 'button', href: `#/cases/new?${q}`, 'data-project': x.id, id: projects.length === 1 ? 'person-case' : null },
        t('person.openCase'), projects.length > 1 ? h('span', { 'data-data': '' }, ` · ${x.title}`) : null));
    }
  }
  if (projects.length) actions.append(h('a', { class: 'button warn', href: `#/incident/new?child=${id}`, id: 'person-incident' }, t('incident.raise')));
  if (supervisor) actions.append(h('a', { class: 'button', href: `#/registry/${id}`, id: 'person-edit' }, t('person.edit')));
  if (actions.childNodes.length) main.append(actions);
  if (!projects.length) main.append(h('p', { class: 'hint', id: 'person-not-enrolled' }, t('person.notEnrolled')));

  // When the next visit is due, per project with a home-visit deliverable; waiting visits count as done.
  const visits = [...waiting, ...services.items];
  const due = projects.map((x) => ({ x, state: visitsDue(x, { beneficiaryId: id }, visits) })).filter((d) => d.state.cadence);
  const lastHome = visits.filter((r) => r.kind === 'HOME_VISIT').sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  const planned = lastHome && lastHome.homeVisit && lastHome.homeVisit.nextVisitOn;
  main.append(h('section', { class: 'card', id: 'person-due', 'aria-labelledby': 'due-title' },
    h('h2', { id: 'due-title' }, t('person.nextVisit')),
    due.length || planned || lastHome
      ? h('ul', { class: 'list' },
        due.map(({ x, state }) => h('li', { 'data-due': String(state.due) }, h('span', { 'data-data': '' }, x.title), ' ',
          h('span', { class: state.due ? 'badge warn' : 'badge status-APPROVED' }, state.due
            ? t('today.due', { period: term('cadence', state.cadence), done: state.done, min: state.min })
            : t('today.visited', { period: term('cadence', state.cadence), done: state.done })))),
        lastHome ? h('li', null, t('today.last', { date: formatDate(lastHome.startedAt) }), lastHome.status === 'WAITING' ? ` · ${t('today.lastWaiting')}` : '') : null,
        planned ? h('li', { id: 'person-planned' }, t('person.planned', { date: formatDate(planned) })) : null)
      : h('p', { class: 'hint' }, t('today.never'))));

  main.append(h('section', { class: 'card', 'aria-labelledby': 'risk-title', id: 'person-risk' },
    h('h2', { id: 'risk-title' }, t('person.risk')),
    p.risk
      ? h('p', null, h('span', { class: `badge risk-${p.risk.level}` }, term('risk', p.risk.level)), ' ', p.risk.reason || '',
        h('br'), h('small', null, t('person.assessedOn', { date: formatDate(p.risk.assessedAt) })))
      : h('p', { class: 'hint' }, t('person.noRisk'))));

  main.append(h('section', { class: 'card', 'aria-labelledby': 'guardians-title', id: 'person-guardians' },
    h('h2', { id: 'guardians-title' }, t('person.guardians')),
    p.guardians.length
      ? h('ul', { class: 'list' }, p.guardians.map((g) => h('li', null,
        h('strong', null, g.name), ' ', term('relation', g.relationship),
        g.phone ? h('span', null, ' · ', g.phone) : null,
        h('br'), h('small', null, [g.livesWithChild ? t('person.livesWith') : t('person.livesApart'),
          g.entrusted ? t('person.entrusted', { date: g.entrustmentAgreedOn ? formatDate(g.entrustmentAgreedOn) : '' }) : null].filter(Boolean).join(' · ')))))
      : h('p', { class: 'hint' }, t('person.noGuardians')),
    p.citizenId || p.phone ? h('p', null, h('small', null, [p.citizenId ? t('person.citizenId', { v: p.citizenId }) : null, p.phone ? t('person.phone', { v: p.phone }) : null].filter(Boolean).join(' · '))) : null));

  main.append(referralsCard(referrals, id));

  const liveCases = cases.filter((c) => LIVE_CASES.includes(c.status));
  const myGroups = groups.filter((g) => g.members.some((m) => m.beneficiaryId === id && m.current));
  const myReports = reports.filter((r) => r.beneficiaryId === id);
  main.append(h('section', { class: 'card', 'aria-labelledby': 'open-title', id: 'person-open' },
    h('h2', { id: 'open-title' }, t('person.openWork')),
    liveCases.length || myGroups.length || myReports.length
      ? h('ul', { class: 'list' },
        liveCases.map((c) => h('li', { 'data-case': c.id }, h('a', { href: `#/cases/${c.id}` }, t('person.case', { date: formatDate(c.intakeOn) })),
          ' ', h('span', { class: 'badge' }, term('caseState', c.status)))),
        myGroups.map((g) => h('li', { 'data-group': g.id }, h('a', { href: `#/groups/${g.id}` }, t('person.group'), ' ', h('span', { 'data-data': '' }, g.name)))),
        myReports.map((r) => h('li', { 'data-incident': r.id }, h('a', { href: `#/incidents/${r.id}` }, t('person.report', { concern: term('concern', r.concern), date: formatDate(r.foundAt) })),
          ' ', h('span', { class: 'badge warn' }, term('incidentStatus', r.status)))))
      : h('p', { class: 'hint' }, t('person.nothingOpen'))));

  // The history of services: newest first, a page at a time.
  const list = h('ul', { class: 'list', id: 'person-services' });
  const more = h('button', { type: 'button', id: 'person-more', class: 'secondary' }, t('person.more'));
  let shown = 0;
  const draw = (page) => {
    list.append(...page.items.map((r) => serviceItem(r, worker)));
    shown += page.items.length;
    more.hidden = shown >= page.total;
    count.textContent = t('person.servicesCount', { n: page.total });
  };
  const count = h('small', { id: 'person-services-count' });
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      draw(await get(`services?beneficiary=${encodeURIComponent(id)}&limit=${PAGE}&offset=${shown}`));
    } finally {
      more.disabled = false;
    }
  });
  main.append(h('section', { class: 'card', 'aria-labelledby': 'services-title' },
    h('h2', { id: 'services-title' }, t(worker && !supervisor ? 'person.myServices' : 'person.services')), count,
    waiting.length ? h('ul', { class: 'list', id: 'person-waiting' }, waiting.map((r) => serviceItem(r, false))) : null,
    list, more));
  draw(services);
  if (!services.total && !waiting.length) list.append(h('li', { class: 'hint' }, t('person.noServices')));
}

function serviceItem(r, linked) {
  const text = `${formatDateTime(r.startedAt)} ${term('kind', r.kind)}`;
  const risk = r.homeVisit && r.homeVisit.riskAfter;
  return h('li', { 'data-record': r.id || r.key, 'data-kind': r.kind, 'data-status': r.status },
    linked && r.id ? h('a', { href: `#/${FORMS[r.kind] || 'visit'}/${r.id}` }, text) : h('span', null, text),
    r.workerName ? h('small', { 'data-data': '' }, ` · ${r.workerName}`) : null,
    risk ? h('small', null, ` · ${t('person.riskAfter', { risk: term('risk', risk) })}`) : null,
    h('span', { class: `badge status-${r.status}` }, r.status === 'WAITING' ? t('status.WAITING') : term('status', r.status)));
}
