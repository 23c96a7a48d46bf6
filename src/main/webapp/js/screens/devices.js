import { h, replace } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { api, get } from '../api.js';
import { describe } from '../main.js';

/**
 * The devices an account is logged in on (its live device sessions): name, since when, last used. Each can be
 * signed out, which stops it at once; "all others" keeps only this one. {@code path} is `me/sessions` for the user's
 * own, `users/{id}/sessions` for an administrator looking at a member.
 */
export async function devicesCard(path, { own }) {
  const card = h('section', { class: 'card', id: 'devices', 'aria-labelledby': 'devices-h' });
  const status = h('p', { role: 'status', 'aria-live': 'polite', id: 'devices-result' });
  const draw = async (message) => {
    let sessions;
    try {
      sessions = await get(path);
    } catch (e) {
      replace(card, h('h2', { id: 'devices-h' }, t('devices.title')), h('p', { class: 'error', role: 'alert' }, describe(e)));
      return;
    }
    status.textContent = message || '';
    const end = async (url, done) => {
      try {
        const { data } = await api('DELETE', url);
        await draw(done(data));
      } catch (e) {
        status.textContent = describe(e);
      }
    };
    const others = sessions.filter((s) => !s.current);
    replace(card,
      h('h2', { id: 'devices-h' }, t('devices.title')),
      h('p', { class: 'hint' }, own ? t('devices.hintOwn') : t('devices.hintMember')),
      sessions.length
        ? h('ul', { class: 'list', id: 'device-list' }, sessions.map((s) => h('li', { 'data-session': s.id },
          h('span', null, h('strong', { 'data-data': '' }, s.label), s.current ? [' ', h('span', { class: 'badge ok', id: 'device-current' }, t('devices.current'))] : null),
          h('small', null, t('devices.since', { date: formatDateTime(s.createdAt) }), ' · ', t('devices.lastUsed', { date: formatDateTime(s.lastUsedAt) })),
          s.current ? null : h('button', { type: 'button', class: 'revoke', id: `revoke-${s.id}`,
            onclick: () => end(`${path}/${s.id}`, () => t('devices.revoked', { label: s.label })) }, t('devices.revoke')))))
        : h('p', { class: 'hint', id: 'devices-none' }, t('devices.none')),
      (own ? others.length > 0 : sessions.length > 1)
        ? h('button', { type: 'button', id: 'revoke-all', onclick: () => end(path, (d) => t('devices.revokedAll', { n: d.revoked })) },
          own ? t('devices.revokeOthers') : t('devices.revokeAll'))
        : null,
      status);
  };
  await draw();
  return card;
}
