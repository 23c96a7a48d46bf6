import { h, field, fieldError } from './dom.js';
import { t, term } from './i18n.js';
import { ApiError, Expired, Offline, get, session, uuid } from './api.js';
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
    if (outbox.isTransient(e)) return { outcome: 'kept' };
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

/**
 * What the worker has on record today, as intervals [start, end) in ms: their own records (not voided) as the API
 * lists them, and what waits in the outbox (not yet on the server, but the server will refuse an overlap with it
 * all the same). Without network, the outbox alone.
 */
export async function busyToday() {
  const day = localDate(new Date());
  const spans = [];
  try {
    for (const r of (await get('services/mine?limit=50')).items) spans.push({ start: r.startedAt, end: r.endedAt, id: r.id });
  } catch (e) {
    if (!(e instanceof Offline)) throw e;
  }
  for (const e of await outbox.entries()) {
    if (e.body && e.body.startedAt && e.body.endedAt && !e.recordId) spans.push({ start: e.body.startedAt, end: e.body.endedAt });
  }
  return spans.map((s) => ({ start: new Date(s.start).getTime(), end: new Date(s.end).getTime(), id: s.id }))
    .filter((s) => localDate(new Date(s.start)) === day);
}

/**
 * Default times of a new record that do not collide with the worker's own records of the day (the API refuses an
 * overlap with 409 SVC_WORKER_DOUBLE_BOOKED): from the end of the last record up to now when that leaves a
 * plausible session, else the latest free stretch of `minutes` before now. Null when the day has no room: the
 * form then leaves the times empty and says why.
 */
export function freeSlot(busy, minutes, now = Date.now()) {
  const step = 60000;
  const round = (ms) => Math.floor(ms / step) * step;
  const end0 = round(now);
  const midnight = new Date(now).setHours(0, 0, 0, 0);
  const clash = (a, b) => busy.filter((s) => s.start < b && a < s.end);
  if (!busy.length) return { start: new Date(end0 - minutes * step), end: new Date(end0) };
  {
    const last = Math.max(...busy.map((s) => s.end));
    const start = Math.max(last, end0 - minutes * step);
    if (end0 - start >= 15 * step && !clash(start, end0).length) return { start: new Date(start), end: new Date(end0), after: new Date(last) };
  }
  let end = end0;
  while (end - minutes * step >= midnight) {
    const start = end - minutes * step;
    const rivals = clash(start, end);
    if (!rivals.length) return { start: new Date(start), end: new Date(end), moved: end !== end0 };
    end = round(Math.min(...rivals.map((s) => s.start)));
  }
  return null;
}

/**
 * The date, from and to inputs of a worker's form, in one row that fits a 360 px phone. A record being revised
 * keeps its own times; a new one gets a free slot of the day (see freeSlot) with a line saying where it came from.
 */
export async function whenFields(existing, minutes = 45) {
  let start = existing ? new Date(existing.startedAt) : null;
  let end = existing ? new Date(existing.endedAt) : null;
  let note = null;
  if (!existing) {
    const slot = freeSlot(await busyToday(), minutes);
    if (slot) {
      ({ start, end } = slot);
      if (slot.after) note = t('when.afterLast', { time: localTime(slot.after) });
      else if (slot.moved) note = t('when.moved');
    } else {
      note = t('when.noRoom');
    }
  }
  const date = h('input', { type: 'date', name: 'startedAt', required: true, value: localDate(start || new Date()), max: localDate(new Date()) });
  const from = h('input', { type: 'time', name: 'from', required: true, value: start ? localTime(start) : '' });
  const to = h('input', { type: 'time', name: 'endedAt', required: true, value: end ? localTime(end) : '' });
  const row = h('div', { class: 'row when' }, field(t('visit.date'), date), field(t('visit.from'), from), field(t('visit.to'), to),
    note ? h('small', { class: 'hint when-note', id: 'when-note' }, note) : null);
  return { date, from, to, row };
}
