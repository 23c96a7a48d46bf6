import { h } from './dom.js';
import { t, formatNumber } from './i18n.js';
import { download } from './api.js';
import { describe } from './main.js';

/**
 * A row of download buttons for one export (XLSX, PDF, CSV …) with a status line that says what came down or, in
 * words, why not. {@code path} is the API path without the format; {@code id} prefixes the buttons' ids.
 */
export function exportButtons(id, path, formats, label) {
  const status = h('span', { class: 'export-status', id: `${id}-status`, role: 'status', 'aria-live': 'polite' });
  const buttons = formats.map((format) => {
    const button = h('button', { type: 'button', id: `${id}-${format.toLowerCase()}`, 'data-format': format,
      onclick: async () => {
        buttons.forEach((b) => (b.disabled = true));
        status.className = 'export-status';
        status.textContent = t('export.working');
        try {
          const sep = path.includes('?') ? '&' : '?';
          const file = await download(`${path}${sep}format=${format}`, `${id}.${format.toLowerCase()}`);
          status.textContent = t('export.done', { name: file.name, size: formatNumber(Math.ceil(file.size / 1024)) });
          status.dataset.file = file.name;
        } catch (e) {
          status.className = 'export-status error';
          status.textContent = describe(e);
        } finally {
          buttons.forEach((b) => (b.disabled = false));
        }
      } }, t(`export.${format}`));
    return button;
  });
  return h('div', { class: 'exports', role: 'group', 'aria-label': label }, h('span', { class: 'hint' }, label), buttons, status);
}
