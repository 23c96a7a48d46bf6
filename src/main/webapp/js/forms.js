import { h, fieldError } from './dom.js';
import { t, term } from './i18n.js';
import { ApiError, Expired, Offline, session, uuid } from './api.js';
import * as outbox from './outbox.js';
import { describe } from './main.js';

/** What the one-screen forms of the worker share: times as the API wants them, errors under fields, the outbox. */
const pad = (n) => String(n).padStart(2, '0');
export const localDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export const localTime = (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** The device's local date and time with its offset, as the API wants it (ISO 8601 with offset). */
export function instant(date, time) {
  const d = new Date(`${date}T${time}:00`);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${date}T${time}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

export function clearErrors(form, summary) {
  summary.replaceChildren();
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('.field-error').forEach((el) => (el.textContent = ''));
}

/** Marks the missing required fields; true when something is missing (the first one gets the focus). */
export function missing(form, summary, required) {
  const empty = required.filter(([, input]) => !input.value);
  empty.forEach(([name]) => fieldError(form, name, t('error.required')));
  if (empty.length) {
    summary.textContent = t('visit.incomplete');
    empty[0][1].focus();
  }
  return empty.length > 0;
}

/** The API's refusal in words, each field error under its field (rename maps an API field name to the form's). */
export function showProblem(form, summary, e, rename = (name) => name) {
  summary.textContent = describe(e);
  for (const err of e.errors || []) {
    const text = t(`problem.${err.code}`) === `problem.${err.code}` ? err.message : t(`problem.${err.code}`);
    if (!fieldError(form, rename(err.field || ''), text)) summary.append(h('p', null, text));
  }
}

/** A refused photo in words: too large (413), not a photo (415), or the API's reason. */
export function fileProblem(err) {
  const known = { EVIDENCE_TOO_LARGE: 'photo.tooLarge', EVIDENCE_TYPE_NOT_ALLOWED: 'photo.wrongType' }[err.code];
  return t(known || 'photo.refused', { name: err.name, reason: describe(err) });
}

/**
 * Writes the request to the outbox, then sends it (with its photos and its submit step, if any). Answers what
 * happened: 'sent', 'kept' (no network or a server failure: it waits on the device and goes out later), 'expired'
 * (the app has gone to the login screen; it goes out after the login) or 'refused' (shown on the form; the entry is
 * dropped so the corrected record goes out as a new request with a new key).
 */
export async function deliver(entry, { form, summary, onProgress, rename }) {
  const full = { owner: session.owner(), createdAt: new Date().toISOString(), state: 'waiting', key: uuid(), ...entry };
  await outbox.put(full);
  try {
    const result = await outbox.send(full, { onProgress, interactive: true });
    return { outcome: 'sent', ...result };
  } catch (e) {
    if (e instanceof Offline || (e instanceof ApiError && e.status >= 500)) return { outcome: 'kept' };
    if (e instanceof Expired) return { outcome: 'expired' };
    if (e instanceof ApiError) {
      const left = (await outbox.entries()).find((x) => x.key === full.key);
      await outbox.remove(full.key);
      showProblem(form, summary, e, rename);
      // Refused after the server created the record (say at submission): sending this form again would make a
      // second record, so the worker is pointed to the one that exists.
      return { outcome: 'refused', recordId: left && left.done ? left.recordId : null };
    }
    throw e;
  }
}

/**
 * The top of a worker's record form: its title, a notice when the copy is the one last read offline, the
 * supervisor's comment on a returned record, and whether the record may still be changed (DRAFT or RETURNED).
 */
export function recordHeader(main, existing, titles) {
  main.append(h('h1', null, existing ? t(titles.edit) : t(titles.create)));
  if (existing && existing.stale) main.append(h('p', { class: 'notice', role: 'status' }, t('form.offlineCopy')));
  if (existing && existing.status === 'RETURNED' && existing.returnComment) {
    main.append(h('div', { class: 'notice warn', role: 'note', id: 'return-comment' },
      h('strong', null, t('records.comment')), ' ', h('q', null, existing.returnComment)));
  }
  const editable = !existing || existing.status === 'DRAFT' || existing.status === 'RETURNED';
  if (!editable) main.append(h('p', { class: 'notice' }, t('visit.readOnly', { status: term('status', existing.status) })));
  return editable;
}
