import { h, add, field, fieldError, option } from '../dom.js';
import { t, term, formatDate } from '../i18n.js';
import { all, get, post, session, ApiError } from '../api.js';
import { describe } from '../main.js';
import { reason, today } from './registry.js';

/** Supervisors and ORG_ADMIN keep every group; a worker sees and keeps the groups they facilitate. */
const supervisory = () => {
  const roles = session.get().me.user.roles;
  return roles.includes('SUPERVISOR') || roles.includes('ORG_ADMIN');
};

function showErrors(form, summary, e) {
  form.querySelectorAll('.field-error').forEach((el) => (el.textContent = ''));
  summary.textContent = describe(e);
  for (const err of (e instanceof ApiError && e.errors) || []) {
    const text = t(`problem.${err.code}`) === `problem.${err.code}` ? err.message : t(`problem.${err.code}`);
    if (!fieldError(form, err.field || '', text)) summary.append(h('p', null, text));
  }
}

/** The organization's social workers who may facilitate, by id (a worker knows only themselves). */
async function facilitators() {
  const me = session.get().me.user;
  const list = supervisory() ? await get('groups/facilitators') : [{ id: me.id, displayName: me.displayName }];
  return new Map(list.map((f) => [f.id, f.displayName]));
}

/**
 * Groups (小组): #/groups lists the organization's groups (a worker: their own) with state, members and sessions,
 * and sets a new one up; #/groups/{id} keeps one group: members in and out with their dates, its sessions, the
 * facilitator, closing.
 */
export async function groupsScreen(main, route) {
  if (route.id) return groupScreen(main, route.id);
  const status = route.params.get('status') || 'OPEN';
  const [page, projects, workers] = await Promise.all([
    get(`groups?limit=200${status === 'ALL' ? '' : `&status=${status}`}`),
    get('projects?limit=200'), facilitators()]);
  const titles = new Map(projects.items.map((p) => [p.id, p.title]));
  const filter = h('select', { name: 'status', id: 'groups-status', onchange: (e) => (location.hash = `#/groups?status=${e.target.value}`) },
    ['OPEN', 'CLOSED', 'ALL'].map((s) => option(s, t(`groups.filter.${s}`), s === status)));

  add(main, [h('h1', null, t('groups.title')), field(t('groups.show'), filter),
    h('p', { id: 'groups-count', class: 'count' }, t('groups.count', { n: page.total })),
    page.items.length ? null : h('p', { class: 'hint' }, t('groups.none')),
    h('ul', { class: 'plain groups', id: 'group-list' }, page.items.map((g) => h('li', { class: 'card', 'data-group': g.id },
      h('h2', null, h('a', { href: `#/groups/${g.id}`, class: 'title' }, h('span', { 'data-data': true }, g.name)), ' ',
        h('span', { class: `badge group-${g.status}` }, term('groupStatus', g.status))),
      h('p', { class: 'meta' }, h('span', { 'data-data': true }, titles.get(g.projectId) || ''), ' · ',
        t('groups.line', { members: g.memberCount, held: g.sessionCount, planned: g.plannedSessions }), ' · ',
        t('groups.facilitator'), t('label.colon'), h('span', { 'data-data': true }, workers.get(g.facilitatorId) || t('groups.someone'))),
      g.schedule ? h('p', { class: 'meta' }, t('groups.schedule'), t('label.colon'), h('span', { 'data-data': true }, g.schedule)) : null)))]);

  const active = projects.items.filter((p) => p.status === 'ACTIVE');
  main.append(newGroupForm(active, workers));
}

function newGroupForm(projects, workers) {
  const project = h('select', { name: 'projectId' }, option('', t('enrol.chooseProject')), projects.map((p) => option(p.id, p.title)));
  const name = h('input', { name: 'name', maxlength: 100 });
  const purpose = h('textarea', { name: 'purpose', rows: 3, maxlength: 2000 });
  const planned = h('input', { name: 'plannedSessions', type: 'number', min: 1, max: 100, value: 6, inputmode: 'numeric' });
  const schedule = h('input', { name: 'schedule', maxlength: 200, placeholder: t('groups.schedulePlaceholder') });
  const facilitator = supervisory()
    ? h('select', { name: 'facilitatorId' }, option('', t('groups.chooseFacilitator')), [...workers].map(([id, n]) => option(id, n)))
    : null;
  const summary = h('div', { class: 'error', role: 'alert', id: 'new-group-error' });
  const form = h('form', { class: 'card', id: 'new-group', novalidate: true, 'aria-labelledby': 'new-group-title' },
    h('h2', { id: 'new-group-title' }, t('groups.new')),
    field(t('enrol.project'), project), field(t('groups.name'), name), field(t('groups.purpose'), purpose),
    field(t('groups.planned'), planned), field(t('groups.schedule'), schedule, t('groups.scheduleHint')),
    facilitator ? field(t('groups.facilitator'), facilitator) : null,
    h('button', { type: 'submit', class: 'primary', id: 'new-group-submit' }, t('groups.create')), summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await post('groups', {
        projectId: project.value || null, name: name.value, purpose: purpose.value,
        plannedSessions: planned.value ? Number(planned.value) : null, schedule: schedule.value || null,
        facilitatorId: facilitator ? facilitator.value || null : null,
      });
      location.hash = `#/groups/${created.id}`;
    } catch (e) {
      showErrors(form, summary, e);
    }
  });
  return h('details', { class: 'add card', id: 'new-group-details' }, h('summary', null, t('groups.new')), form);
}

async function groupScreen(main, id) {
  const g = await get(`groups/${id}`);
  const [people, sessions, workers, project] = await Promise.all([
    all(`projects/${g.projectId}/enrolments?includeVoided=true`), get(`groups/${id}/sessions`), facilitators(),
    get(`projects/${g.projectId}`).catch(() => null)]);
  const names = new Map(people.map((e) => [e.beneficiaryId, e.name]));
  const enrolledNow = people.filter((e) => e.status === 'ACTIVE');
  const me = session.get().me.user;
  const keeps = supervisory() || g.facilitatorId === me.id;
  const open = g.status === 'OPEN';
  const redraw = () => { main.replaceChildren(); return groupScreen(main, id); };
  const nameOf = (b) => h('span', { 'data-data': true, class: 'name' }, names.get(b) || t('groups.unknownPerson'));

  add(main, [h('p', null, h('a', { href: '#/groups', class: 'back' }, t('groups.back'))),
    h('h1', { id: 'group-title' }, h('span', { 'data-data': true }, g.name), ' ', h('span', { class: `badge group-${g.status}`, id: 'group-status' }, term('groupStatus', g.status))),
    h('p', { class: 'meta' }, project ? h('span', { 'data-data': true }, project.title) : '', project ? ' · ' : '',
      t('groups.line', { members: g.memberCount, held: g.sessionCount, planned: g.plannedSessions })),
    h('p', { class: 'meta' }, t('groups.facilitator'), t('label.colon'), h('span', { 'data-data': true, id: 'group-facilitator' }, workers.get(g.facilitatorId) || t('groups.someone')),
      g.schedule ? [' · ', t('groups.schedule'), t('label.colon'), h('span', { 'data-data': true }, g.schedule)] : null),
    h('p', { class: 'purpose', 'data-data': true }, g.purpose),
    g.status === 'CLOSED' ? h('p', { class: 'meta' }, t('groups.closedLine', { on: formatDate(g.closedOn) }), h('br'), h('span', { 'data-data': true }, g.closureSummary)) : null]);
  if (open && g.facilitatorId === me.id) {
    main.append(h('p', null, h('a', { class: 'button primary', href: `#/group?group=${g.id}`, id: 'log-session' }, t('groups.logSession'))));
  }

  const current = g.members.filter((m) => m.current);
  const past = g.members.filter((m) => !m.current);
  main.append(h('section', { class: 'card', id: 'group-members', 'aria-labelledby': 'members-title' },
    h('h2', { id: 'members-title' }, t('groups.members', { n: current.length })),
    current.length ? h('ul', { class: 'plain' }, current.map((m) => h('li', { 'data-member': m.beneficiaryId },
      h('p', null, nameOf(m.beneficiaryId), ' · ', t('groups.joinedOn', { on: formatDate(m.joinedOn) })),
      open && keeps ? leaveForm(g, m, redraw) : null))) : h('p', { class: 'hint' }, t('groups.noMembers')),
    past.length ? [h('h3', null, t('groups.former')), h('ul', { class: 'plain', id: 'former-members' }, past.map((m) => h('li', { 'data-member': m.beneficiaryId },
      nameOf(m.beneficiaryId), ' · ', t('groups.spell', { from: formatDate(m.joinedOn), to: formatDate(m.leftOn) }))))] : null));

  if (open && keeps) main.append(joinForm(g, enrolledNow.filter((e) => !current.some((m) => m.beneficiaryId === e.beneficiaryId)), redraw));

  main.append(h('section', { class: 'card', id: 'group-sessions', 'aria-labelledby': 'sessions-title' },
    h('h2', { id: 'sessions-title' }, t('groups.sessions', { n: sessions.length })),
    sessions.length ? h('ul', { class: 'plain' }, sessions.map((s) => {
      const present = s.attendance.filter((a) => a.attendance === 'PRESENT').length;
      return h('li', { 'data-session': s.record.id },
        t('groups.sessionLine', { n: s.record.session ? s.record.session.number : '', on: formatDate(s.record.startedAt),
          present, total: s.attendance.length }), ' · ',
        s.record.session && s.record.session.topic ? h('span', { 'data-data': true }, s.record.session.topic) : '', ' ',
        h('span', { class: `badge status-${s.record.status}` }, term('status', s.record.status)));
    })) : h('p', { class: 'hint' }, t('groups.noSessions'))));

  if (open && supervisory()) main.append(handOverForm(g, workers, redraw));
  if (open && keeps) main.append(closeForm(g, redraw));
}

function leaveForm(g, m, redraw) {
  const on = h('input', { type: 'date', name: 'leftOn', value: today(), min: m.joinedOn, max: today() });
  const summary = h('div', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'leave', novalidate: true, 'data-leave': m.beneficiaryId },
    field(t('groups.leftOn'), on), h('button', { type: 'submit' }, t('groups.leave')), summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await post(`groups/${g.id}/members/${m.beneficiaryId}/leave`, { leftOn: on.value || null });
      await redraw();
    } catch (e) {
      showErrors(form, summary, e);
    }
  });
  return h('details', null, h('summary', null, t('groups.leaveTitle')), form);
}

/** Takes the chosen enrolled people in on one day, one request each, each answered in words. */
function joinForm(g, candidates, redraw) {
  const on = h('input', { type: 'date', name: 'joinedOn', value: today(), max: today() });
  const results = h('ul', { class: 'results', id: 'join-results', 'aria-live': 'polite' });
  const summary = h('p', { role: 'status', id: 'join-summary' });
  const boxes = candidates.map((e) => h('label', { class: 'check', 'data-candidate': e.beneficiaryId },
    h('input', { type: 'checkbox', name: 'member', value: e.beneficiaryId }), h('span', { 'data-data': true, class: 'name' }, e.name),
    e.village ? h('small', { class: 'hint', 'data-data': true }, ` ${e.village}`) : null));
  const form = h('form', { class: 'card', id: 'join-form', novalidate: true, 'aria-labelledby': 'join-title' },
    h('h2', { id: 'join-title' }, t('groups.addMembers')),
    candidates.length ? h('fieldset', { class: 'choices people-choices' }, h('legend', null, t('groups.enrolledPeople')), boxes)
      : h('p', { class: 'hint' }, t('groups.noCandidates')),
    field(t('groups.joinedOnLabel'), on),
    h('button', { type: 'submit', class: 'primary', id: 'join-submit', disabled: !candidates.length }, t('groups.join')), summary, results);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = [...form.querySelectorAll('input[name=member]:checked')];
    if (!chosen.length) {
      summary.textContent = t('enrol.needPeople');
      return;
    }
    results.replaceChildren();
    let done = 0;
    for (const box of chosen) {
      const name = box.closest('label').querySelector('.name').textContent;
      try {
        await post(`groups/${g.id}/members`, { beneficiaryId: box.value, joinedOn: on.value || null });
        done += 1;
      } catch (e) {
        results.append(h('li', { class: 'error', 'data-result': 'refused' }, h('span', { 'data-data': true }, name), ' · ', reason(e)));
      }
    }
    if (done === chosen.length) return redraw();
    summary.textContent = t('groups.joinedSome', { done, refused: chosen.length - done });
  });
  return form;
}

function handOverForm(g, workers, redraw) {
  const to = h('select', { name: 'facilitatorId' }, option('', t('groups.chooseFacilitator')),
    [...workers].filter(([wid]) => wid !== g.facilitatorId).map(([wid, n]) => option(wid, n)));
  const summary = h('div', { class: 'error', role: 'alert' });
  const form = h('form', { id: 'hand-over', novalidate: true },
    h('p', { class: 'hint' }, t('groups.handOverExplain')), field(t('groups.newFacilitator'), to),
    h('button', { type: 'submit' }, t('groups.handOver')), summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await post(`groups/${g.id}/facilitator`, { facilitatorId: to.value || null });
      await redraw();
    } catch (e) {
      showErrors(form, summary, e);
    }
  });
  return h('details', { class: 'card' }, h('summary', null, t('groups.handOverTitle')), form);
}

function closeForm(g, redraw) {
  const on = h('input', { type: 'date', name: 'closedOn', value: today(), max: today() });
  const text = h('textarea', { name: 'summary', rows: 3, maxlength: 2000 });
  const summary = h('div', { class: 'error', role: 'alert' });
  const form = h('form', { id: 'close-group', novalidate: true },
    h('p', { class: 'hint' }, t('groups.closeExplain')), field(t('groups.closedOn'), on), field(t('groups.summary'), text),
    h('button', { type: 'submit', class: 'primary' }, t('groups.close')), summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await post(`groups/${g.id}/close`, { closedOn: on.value || null, summary: text.value });
      await redraw();
    } catch (e) {
      showErrors(form, summary, e);
    }
  });
  return h('details', { class: 'card', id: 'close-details' }, h('summary', null, t('groups.closeTitle')), form);
}
