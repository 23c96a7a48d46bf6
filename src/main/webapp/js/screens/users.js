import { h, field, fieldError } from '../dom.js';
import { t, term } from '../i18n.js';
import { all, post, uuid, ApiError } from '../api.js';
import { describe, render } from '../main.js';

const ROLES = { ORGANIZATION: ['SOCIAL_WORKER', 'SUPERVISOR', 'ORG_ADMIN'], BUREAU: ['BUREAU_OFFICER', 'ORG_ADMIN'], PLATFORM: ['PLATFORM_ADMIN'] };

/** The tenant's own accounts: create, disable and enable, reset a password (the temporary one is shown once). */
export async function usersScreen(main) {
  const s = JSON.parse(sessionStorage.getItem('shouhu.session'));
  const users = await all('users');
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
      roles.map((box) => h('span', { class: 'choice' }, box, h('label', { for: box.id }, term('role', box.value)))),
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

  main.append(h('h1', null, t('users.title')), result,
    h('div', { class: 'table-wrap' }, h('table', { id: 'users-table' },
      h('thead', null, h('tr', null, ['users.username', 'users.displayName', 'users.roles', 'users.status', 'users.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, users.map((u) => h('tr', null,
        h('td', null, u.username), h('td', null, u.displayName), h('td', null, u.roles.map((r) => term('role', r)).join('、')),
        h('td', null, term('userStatus', u.status), u.locked ? ` · ${t('users.locked')}` : '', u.mustChangePassword ? ` · ${t('users.mustChange')}` : ''),
        h('td', { class: 'actions' },
          u.id === s.me.user.id ? null : u.status === 'ACTIVE'
            ? h('button', { type: 'button', onclick: () => act(`users/${u.id}/disable`, () => t('users.disabled', { user: u.username })) }, t('users.disable'))
            : h('button', { type: 'button', onclick: () => act(`users/${u.id}/enable`, () => t('users.enabled', { user: u.username })) }, t('users.enable')),
          h('button', { type: 'button', onclick: () => act(`users/${u.id}/password-reset`, (a) => t('users.temporary', { user: u.username, password: a.temporaryPassword })) }, t('users.reset')))))))),
    form);
}
