import { h, field, fieldError, option } from '../dom.js';
import { t, term, formatDate, language } from '../i18n.js';
import { all, api, get, post, uuid, ApiError } from '../api.js';
import { describe, render } from '../main.js';
import { devicesCard } from './devices.js';

const ROLES = { ORGANIZATION: ['SOCIAL_WORKER', 'SUPERVISOR', 'ORG_ADMIN'], BUREAU: ['BUREAU_OFFICER', 'ORG_ADMIN'], PLATFORM: ['PLATFORM_ADMIN'] };

/**
 * The tenant's own accounts: create, disable and enable, reset a password (the temporary one is shown once). In an
 * organization each account opens its page (#/users/{id}): the supervisor whose team a worker is in, and the
 * transfer of a worker's caseload to a colleague.
 */
export async function usersScreen(main, route) {
  if (route && route.id) return userScreen(main, route.id.split('/')[0]);
  const s = JSON.parse(localStorage.getItem('shouhu.session'));
  const organization = s.me.tenant.kind === 'ORGANIZATION';
  const users = await all('users');
  const byId = new Map(users.map((u) => [u.id, u]));
  const result = h('div', { role: 'status', 'aria-live': 'polite', id: 'users-result' });
  const once = sessionStorage.getItem('shouhu.usersResult');
  sessionStorage.removeItem('shouhu.usersResult');
  if (once) result.append(h('p', { class: 'notice' }, once));

  const act = async (path, done) => {
    try {
      const answer = await post(path, {}, uuid());
      sessionStorage.setItem('shouhu.usersResult', done(answer));
      render();
    } catch (e) {
      result.textContent = describe(e);
    }
  };

  const username = h('input', { name: 'username', autocomplete: 'off', autocapitalize: 'off' });
  const displayName = h('input', { name: 'displayName', autocomplete: 'off' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
  const roles = (ROLES[s.me.tenant.kind] || []).map((r) => h('input', { type: 'checkbox', name: 'roles', value: r, id: `role-${r}` }));
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'new-user' },
    h('h2', { id: 'new-user' }, t('users.new')),
    field(t('users.username'), username), field(t('users.displayName'), displayName),
    h('fieldset', { class: 'choices', 'data-field': 'roles' }, h('legend', null, t('users.roles')),
      roles.map((box) => h('label', { class: 'choice', for: box.id }, box, term('role', box.value))),
      h('small', { class: 'field-error', 'aria-live': 'polite' })),
    field(t('users.password'), password, t('users.passwordHint')),
    h('button', { type: 'submit', class: 'primary' }, t('users.create')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('.field-error').forEach((el) => (el.textContent = ''));
    try {
      const created = await post('users', {
        username: username.value.trim(), displayName: displayName.value.trim(),
        roles: roles.filter((b) => b.checked).map((b) => b.value), password: password.value || null,
      }, uuid());
      sessionStorage.setItem('shouhu.usersResult', created.temporaryPassword
        ? t('users.temporary', { user: created.user ? created.user.username : username.value, password: created.temporaryPassword })
        : t('users.created', { user: username.value }));
      render();
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        e.errors.forEach((err) => fieldError(form, err.field.replace(/\[\d+\]$/, ''), t(`problem.${err.code}`) === `problem.${err.code}` ? err.message : t(`problem.${err.code}`)));
      } else {
        result.textContent = describe(e);
      }
    }
  });

  const sep = language() === 'en' ? ', ' : '、';
  main.append(h('h1', null, t('users.title')), result,
    h('ul', { class: 'list users', id: 'users-table' }, users.map((u) => h('li', { 'data-user': u.id },
      h('div', { class: 'user' },
        h('strong', { 'data-data': '' }, u.displayName), ' ', h('small', { 'data-data': '' }, u.username), h('br'),
        h('small', null, u.roles.map((r) => term('role', r)).join(sep), ' · ', term('userStatus', u.status),
          u.locked ? ` · ${t('users.locked')}` : '', u.mustChangePassword ? ` · ${t('users.mustChange')}` : ''),
        u.supervisorId && byId.get(u.supervisorId)
          ? [h('br'), h('small', { class: 'team' }, t('users.teamOf'), ': ', h('span', { 'data-data': '' }, byId.get(u.supervisorId).displayName))]
          : null),
      h('div', { class: 'actions' },
        organization ? h('a', { class: 'button', href: `#/users/${u.id}`, id: `open-${u.username}` }, t('users.open')) : null,
        u.id === s.me.user.id ? null : u.status === 'ACTIVE'
          ? h('button', { type: 'button', onclick: () => act(`users/${u.id}/disable`, () => t('users.disabled', { user: u.username })) }, t('users.disable'))
          : h('button', { type: 'button', onclick: () => act(`users/${u.id}/enable`, () => t('users.enabled', { user: u.username })) }, t('users.enable')),
        h('button', { type: 'button', onclick: () => act(`users/${u.id}/password-reset`, (a) => t('users.temporary', { user: u.username, password: a.temporaryPassword })) }, t('users.reset')))))),
    form);
}

/**
 * One account: whose team a worker is in, and their caseload with its transfer. The transfer shows first what
 * will move (cases, groups, people due a visit), then asks for the colleague and a reason, then a confirmation.
 */
async function userScreen(main, id) {
  const [user, users, projects] = await Promise.all([get(`users/${encodeURIComponent(id)}`), all('users'), get('projects?limit=200')]);
  const titles = new Map(projects.items.map((p) => [p.id, p.title]));
  const worker = user.roles.includes('SOCIAL_WORKER');
  const result = h('div', { role: 'status', 'aria-live': 'polite', id: 'user-result' });
  const once = sessionStorage.getItem('shouhu.userResult');
  sessionStorage.removeItem('shouhu.userResult');
  if (once) result.append(h('p', { class: 'notice', id: 'transfer-done' }, once));
  const nameOf = new Map(users.map((u) => [u.id, u.displayName]));

  main.append(h('p', null, h('a', { href: '#/users', class: 'back' }, t('users.back'))),
    h('h1', null, h('span', { 'data-data': '' }, user.displayName)),
    h('p', { class: 'meta' }, user.roles.map((r) => term('role', r)).join(language() === 'en' ? ', ' : '、'), ' · ', term('userStatus', user.status)),
    result,
    await devicesCard(`users/${user.id}/sessions`, { own: false }));

  if (user.roles.includes('SUPERVISOR')) {
    const members = users.filter((u) => u.supervisorId === user.id);
    main.append(h('section', { class: 'card', 'aria-labelledby': 'team-h' }, h('h2', { id: 'team-h' }, t('users.team')),
      members.length
        ? h('ul', { class: 'list', id: 'team-members' }, members.map((m) => h('li', null,
          h('a', { href: `#/users/${m.id}`, 'data-data': '' }, m.displayName))))
        : h('p', { class: 'hint' }, t('users.teamEmpty'))));
  }
  if (!worker) return;

  const supervisors = users.filter((u) => u.roles.includes('SUPERVISOR') && u.status === 'ACTIVE' && u.id !== user.id);
  const supervisor = h('select', { name: 'supervisorId', id: 'supervisor' }, option('', t('users.noTeam')),
    supervisors.map((u) => option(u.id, u.displayName, u.id === user.supervisorId)));
  const teamForm = h('form', { class: 'card', id: 'team-form', novalidate: true, 'aria-labelledby': 'team-form-h' },
    h('h2', { id: 'team-form-h' }, t('users.teamOf')),
    field(t('users.supervisor'), supervisor, t('users.supervisorHint')),
    h('button', { type: 'submit', class: 'primary', id: 'team-save' }, t('users.saveTeam')));
  teamForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('PUT', `users/${user.id}/supervisor`, { body: { supervisorId: supervisor.value || null }, key: uuid() });
      sessionStorage.setItem('shouhu.userResult', supervisor.value
        ? t('users.teamSaved', { user: user.displayName, supervisor: nameOf.get(supervisor.value) })
        : t('users.teamCleared', { user: user.displayName }));
      render();
    } catch (e) {
      result.textContent = describe(e);
    }
  });

  const load = await get(`users/${user.id}/caseload`);
  const names = new Map();
  for (const pid of new Set([...load.cases, ...load.groups, ...load.visits].map((x) => x.projectId))) {
    for (const e of await all(`projects/${pid}/enrolments?includeVoided=true`)) names.set(e.beneficiaryId, e.name);
  }
  const person = (bid) => names.get(bid) || t('review.unnamed');
  const project = (pid) => titles.get(pid) || '';
  const total = load.cases.length + load.groups.length + load.visits.length;
  const section = (key, id, items, line) => h('section', { 'aria-labelledby': `${id}-h` },
    h('h3', { id: `${id}-h` }, t(key, { n: items.length })),
    items.length ? h('ul', { class: 'list', id }, items.map(line)) : h('p', { class: 'hint' }, t('users.none')));
  const preview = h('section', { class: 'card', id: 'caseload', 'aria-labelledby': 'caseload-h' },
    h('h2', { id: 'caseload-h' }, t('users.caseload')),
    section('users.cases', 'caseload-cases', load.cases, (c) => h('li', { 'data-case': c.id },
      h('span', { 'data-data': '' }, person(c.beneficiaryId)), h('span', { class: 'badge' }, term('caseStatus', c.status)),
      h('small', null, h('span', { 'data-data': '' }, project(c.projectId)), ' · ', t('users.sessions', { n: c.sessionCount })))),
    section('users.groups', 'caseload-groups', load.groups, (g) => h('li', { 'data-group': g.id },
      h('span', { 'data-data': '' }, g.name), h('small', null, h('span', { 'data-data': '' }, project(g.projectId)), ' · ', t('users.members', { n: g.memberCount })))),
    section('users.visits', 'caseload-visits', load.visits, (v) => h('li', { 'data-person': v.beneficiaryId },
      h('span', { 'data-data': '' }, person(v.beneficiaryId)),
      h('small', null, h('span', { 'data-data': '' }, project(v.projectId)), ' · ',
        v.lastVisitAt ? t('users.lastVisit', { date: formatDate(v.lastVisitAt) }) : t('users.neverVisited')))));

  const targets = users.filter((u) => u.roles.includes('SOCIAL_WORKER') && u.status === 'ACTIVE' && u.id !== user.id);
  const target = h('select', { name: 'toUserId', id: 'transfer-to' }, option('', t('users.pickWorker')), targets.map((u) => option(u.id, u.displayName)));
  const reason = h('textarea', { name: 'reason', id: 'transfer-reason', rows: 2, maxlength: 500 });
  const confirmBox = h('div', { id: 'transfer-confirm', role: 'alert' });
  const transfer = h('form', { class: 'card', id: 'transfer-form', novalidate: true, 'aria-labelledby': 'transfer-h' },
    h('h2', { id: 'transfer-h' }, t('users.transfer')),
    h('p', { class: 'hint' }, t('users.transferHint')),
    field(t('users.transferTo'), target), field(t('users.reason'), reason, t('users.reasonHint')),
    h('button', { type: 'submit', class: 'primary', id: 'transfer-next' }, t('users.transferNext')), confirmBox);
  transfer.addEventListener('submit', (event) => {
    event.preventDefault();
    transfer.querySelectorAll('.field-error').forEach((el) => (el.textContent = ''));
    if (!target.value) return fieldError(transfer, 'toUserId', t('users.pickWorkerFirst'));
    if (!reason.value.trim()) return fieldError(transfer, 'reason', t('users.reasonNeeded'));
    const go = h('button', { type: 'button', class: 'primary', id: 'transfer-confirm-button' }, t('users.transferConfirm'));
    const cancel = h('button', { type: 'button', id: 'transfer-cancel', onclick: () => confirmBox.replaceChildren() }, t('users.cancel'));
    go.addEventListener('click', async () => {
      go.disabled = true;
      try {
        const moved = await post(`users/${user.id}/caseload/transfer`, { toUserId: target.value, reason: reason.value.trim() }, uuid());
        sessionStorage.setItem('shouhu.userResult', t('users.transferred', {
          cases: moved.cases.length, groups: moved.groups.length, visits: moved.visits.length, worker: nameOf.get(target.value),
        }));
        render();
      } catch (e) {
        go.disabled = false;
        if (e instanceof ApiError && e.errors.length) e.errors.forEach((err) => fieldError(transfer, err.field, describe({ code: err.code, message: err.message })));
        else confirmBox.replaceChildren(h('p', { class: 'error' }, describe(e)));
      }
    });
    confirmBox.replaceChildren(h('p', { class: 'notice' }, t('users.transferSummary', {
      cases: load.cases.length, groups: load.groups.length, visits: load.visits.length, worker: nameOf.get(target.value),
    })), h('div', { class: 'actions' }, go, cancel));
    return null;
  });

  main.append(teamForm, preview, total ? transfer : h('p', { class: 'hint', id: 'caseload-empty' }, t('users.caseloadEmpty')));
}
