import { h, add, replace } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { api, get } from '../api.js';
import { describe, toast } from '../main.js';

/**
 * The platform operator's settings (#/platformSettings, #17): whether an organization may refer a person to any active
 * organization on the platform, or only to those its own bureaus fund. Kept in the database, so every node and the
 * database's own checks answer the same the moment it is saved; each change is audited in the platform's chain.
 */
export async function platformSettingsScreen(main) {
  const settings = await get('platform/settings');
  const state = h('p', { id: 'platform-wide-state', 'data-enabled': String(settings.referralsPlatformWide) });
  const box = h('input', { type: 'checkbox', id: 'platform-wide', name: 'referralsPlatformWide', checked: settings.referralsPlatformWide });
  const result = h('p', { role: 'status', 'aria-live': 'polite', id: 'platform-settings-result' });
  const paint = (s) => {
    state.dataset.enabled = String(s.referralsPlatformWide);
    replace(state, h('span', { class: s.referralsPlatformWide ? 'badge warn' : 'badge' }, t(s.referralsPlatformWide ? 'platform.wideOn' : 'platform.wideOff')),
      s.changedBy ? h('small', null, ` · ${t('platform.changedAt', { when: formatDateTime(s.changedAt) })}`) : null);
  };
  paint(settings);
  const save = h('button', { type: 'submit', class: 'primary', id: 'platform-settings-save' }, t('platform.save'));
  const form = h('form', { class: 'card', id: 'platform-settings-form', novalidate: true },
    h('h2', null, t('platform.referrals')),
    h('p', { class: 'hint' }, t('platform.referralsHint')),
    h('label', { class: 'check', for: 'platform-wide' }, box, ' ', t('platform.wideLabel')),
    state, result, save);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    try {
      const { data } = await api('PUT', 'platform/settings', { body: { referralsPlatformWide: box.checked } });
      paint(data);
      result.textContent = t('platform.saved');
      toast(t('platform.saved'));
    } catch (e) {
      result.textContent = describe(e);
    } finally {
      save.disabled = false;
    }
  });
  add(main, h('h1', null, t('platform.title')), form);
}
