import { h, field, fieldError } from '../dom.js';
import { t, preloadScreens } from '../i18n.js';
import { api, ApiError, session } from '../api.js';
import { afterLogin, describe, go, home } from '../main.js';
import * as outbox from '../outbox.js';
import { devicesCard } from './devices.js';

/** Login: tenant, user, password. Says plainly why a login failed, how long a lockout lasts, and that a session ran out. */
export async function loginScreen(main) {
  const previous = session.get() || JSON.parse(localStorage.getItem('shouhu.lastLogin') || 'null') || {};
  const waiting = previous.tenant ? (await outbox.entries(`${previous.tenant}/${previous.username}`)).length : 0;
  const tenant = h('input', { name: 'tenant', autocomplete: 'organization', required: true, autocapitalize: 'off', spellcheck: 'false', value: previous.tenant || '' });
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'off', spellcheck: 'false', value: previous.username || '' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'error', role: 'alert', id: 'login-error' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'login-submit' }, t('login.submit'));
  const form = h('form', { class: 'card narrow', novalidate: true, 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, t('login.title')),
    previous.expired ? h('p', { class: 'notice', role: 'status', id: 'login-expired' }, t('login.expired')) : null,
    waiting ? h('p', { class: 'notice', id: 'login-waiting' }, t('login.waiting', { n: waiting })) : null,
    field(t('login.tenant'), tenant, t('login.tenantHint')),
    field(t('login.username'), username),
    field(t('login.password'), password),
    message,
    button);
  // The next screen's words travel while the user types, not after the login answers.
  form.addEventListener('input', preloadScreens, { once: true });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    ['tenant', 'username', 'password'].forEach((f) => fieldError(form, f, null));
    const missing = [tenant, username, password].filter((i) => !i.value.trim());
    missing.forEach((i) => fieldError(form, i.name, t('error.required')));
    if (missing.length) {
      missing[0].focus();
      return;
    }
    button.disabled = true;
    try {
      const { data } = await api('POST', 'auth/token', {
        anonymous: true,
        body: { tenant: tenant.value.trim(), username: username.value.trim(), password: password.value },
      });
      const before = session.get();
      session.set({
        tenant: tenant.value.trim(), username: username.value.trim(), mustChangePassword: data.must_change_password,
        returnTo: before && before.username === username.value.trim() && before.tenant === tenant.value.trim() ? before.returnTo : null,
      });
      session.tokens(data);
      localStorage.setItem('shouhu.lastLogin', JSON.stringify({ tenant: tenant.value.trim(), username: username.value.trim() }));
      if (data.must_change_password) {
        go('#/password');
        return;
      }
      await afterLogin();
    } catch (e) {
      password.value = '';
      if (e instanceof ApiError && (e.code === 'ACCOUNT_LOCKED' || e.code === 'LOGIN_THROTTLED')) {
        message.textContent = t(`problem.${e.code}`, { minutes: Math.max(1, Math.ceil((e.retryAfter || 60) / 60)) });
      } else {
        message.textContent = describe(e);
      }
      password.focus();
    } finally {
      button.disabled = false;
    }
  });
  main.append(form);
  setTimeout(() => (tenant.value ? (username.value ? password : username) : tenant).focus(), 0);
}

/**
 * The account: changing one's own password (forced after a login with a temporary password: the API refuses all else
 * until then), and the devices the account is logged in on.
 */
export async function passwordScreen(main) {
  const s = session.get();
  const current = h('input', { name: 'currentPassword', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password' });
  const again = h('input', { name: 'confirm', type: 'password', autocomplete: 'new-password' });
  const message = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', null, t('password.title')),
    s.mustChangePassword ? h('p', { class: 'notice', role: 'status', id: 'must-change' }, t('password.mustChange')) : null,
    field(t('password.current'), current),
    field(t('password.new'), next, t('password.rules')),
    field(t('password.confirm'), again),
    message,
    h('button', { type: 'submit', class: 'primary' }, t('password.submit')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    ['currentPassword', 'newPassword', 'confirm'].forEach((f) => fieldError(form, f, null));
    if (next.value !== again.value) {
      fieldError(form, 'confirm', t('password.mismatch'));
      again.focus();
      return;
    }
    try {
      // The change cut every token issued before, this device's too: it answers this device's new ones.
      const { data } = await api('POST', 'me/password', { body: { currentPassword: current.value, newPassword: next.value } });
      session.tokens(data);
      session.set({ ...session.get(), mustChangePassword: false });
      if (session.get().me) go(`#/${home(session.get().me)}`);
      else await afterLogin();
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        e.errors.forEach((err) => fieldError(form, err.field, t(`problem.${err.code}`) === `problem.${err.code}` ? err.message : t(`problem.${err.code}`)));
      } else {
        message.textContent = describe(e);
      }
    }
  });
  main.append(form);
  if (!s.mustChangePassword) main.append(await devicesCard('me/sessions', { own: true }));
}
