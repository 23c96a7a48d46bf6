import { api, upload, uuid, ApiError, Expired, Offline, session } from './api.js';

/**
 * Records written on the device wait here (IndexedDB) until the server has them. Each entry carries the
 * Idempotency-Key it was given when the worker pressed the button, and keeps it through every retry: a request
 * that reached the server but whose answer was lost is replayed, not stored twice. Entries belong to the user who
 * wrote them (tenant/username) and are only sent with that user's token. Sent entries are removed at once: the
 * device keeps a child's data no longer than it must.
 */
const DB = 'shouhu';
const STORE = 'outbox';
const listeners = new Set();
let flushing = null;
const inFlight = new Map();

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'key' });
      store.createIndex('owner', 'owner');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export async function entries(owner = session.owner()) {
  if (!owner) return [];
  const list = await run('readonly', (store) => store.index('owner').getAll(owner));
  return list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function put(entry) {
  await run('readwrite', (store) => store.put(entry));
  changed();
}

export async function remove(key) {
  await run('readwrite', (store) => store.delete(key));
  changed();
}

export function onChange(f) {
  listeners.add(f);
}

async function changed() {
  const list = await entries();
  listeners.forEach((f) => f(list));
}

/**
 * A record that needs more than one request: photos to attach once the server has the record, then "submit". Such
 * steps are written into the entry before anything is sent, so a record logged offline with photos taken offline
 * waits on the device as one entry. Evidence files are uploaded to a DRAFT (the API refuses files on a submitted
 * record), which is why a record with photos is created as a draft and submitted last.
 *
 * entry: { key, owner, createdAt, state, label, method, path, body,   the first request (create or revise)
 *          recordId?,          known from the start for a revision, from the answer for a new record
 *          files?: [{ name, type, blob }], fileErrors?: [{ name, code, message }],
 *          submitAfter?: true, submitKey? }
 */
export function steps({ files = [], submit = false } = {}) {
  return files.length || submit ? { files, submitAfter: !!submit, submitKey: uuid() } : {};
}

/**
 * A failure that says "try later", not "no": no network, the server or its database away (5xx, 503 with
 * Retry-After), too many requests, the first copy of this request still running on the server, or a collision
 * with someone else's change of the same record at that moment (nothing was kept; sent again, it applies). The
 * entry stays, untouched, and goes out again with the same key.
 */
export function isTransient(e) {
  return e instanceof Offline
    || (e instanceof ApiError && (e.status >= 500 || e.status === 429
      || e.code === 'IDEMPOTENCY_KEY_IN_PROGRESS' || e.code === 'CONCURRENT_CHANGE'));
}

/** The server asked us to wait (Retry-After) until this time (ms); the background flush sends nothing before it. */
let notBefore = 0;

function honourRetryAfter(e) {
  if (e instanceof ApiError && e.retryAfter > 0) notBefore = Math.max(notBefore, Date.now() + e.retryAfter * 1000);
}

const idOf = (data) => (data && (data.id || (data.record && data.record.id))) || null;

/**
 * Sends one entry, step by step, saving its progress after each step so a retry resumes where it stopped. Resolves
 * with { data, recordId, fileErrors }; throws Offline or Expired (the entry stays), or ApiError for a refusal of the
 * record itself (the entry is marked refused so the worker sees why). A refused photo (too large, wrong type) does
 * not stop the record: it is reported in fileErrors. onProgress({ file, index, count, sent, total }) while uploading.
 */
export function send(entry, { onProgress, interactive = false } = {}) {
  // The form and the background flush may reach for the same entry at once: one sends, the other waits for it.
  if (!inFlight.has(entry.key)) {
    inFlight.set(entry.key, sendSteps(entry, onProgress, interactive).finally(() => inFlight.delete(entry.key)));
  }
  return inFlight.get(entry.key);
}

async function sendSteps(entry, onProgress, interactive) {
  let current = { ...entry };
  let data = current.reply || null;
  try {
    if (!current.done) {
      const reply = await api(current.method, current.path, { body: current.body, key: current.key });
      data = reply.data;
      // The body may hold a confidential note: once the server has it, the device forgets it.
      current = { ...current, done: true, body: null, recordId: current.recordId || idOf(data) };
      if (current.files && current.files.length || current.submitAfter) await put(current);
    }
    const count = (current.files || []).length;
    let index = 0;
    while (current.files && current.files.length) {
      const file = current.files[0];
      index += 1;
      try {
        const blob = file.blob instanceof Blob ? file.blob : new Blob([file.blob], { type: file.type });
        await upload(`services/${current.recordId}/evidence?fileName=${encodeURIComponent(file.name)}`,
          blob, (sent, total) => onProgress && onProgress({ file, index, count, sent, total }));
      } catch (e) {
        if (!(e instanceof ApiError) || isTransient(e)) throw e;
        current.fileErrors = [...(current.fileErrors || []), { name: file.name, code: e.code, message: e.message }];
      }
      current = { ...current, files: current.files.slice(1) };
      await put(current);
    }
    // A refused photo keeps the record a draft: the worker meant to submit it with its evidence.
    if (current.submitAfter && !(current.fileErrors || []).length) {
      await api('POST', `services/${current.recordId}/submit`, { body: {}, key: current.submitKey });
      current = { ...current, submitAfter: false };
    }
    if (current.fileErrors && current.fileErrors.length && !interactive) {
      // Nobody was watching when the photo was refused: the entry stays, refused, until the worker has read why.
      const first = current.fileErrors[0];
      await put({ ...current, state: 'refused', problem: { code: first.code, message: `${first.name}: ${first.message}`, file: first.name } });
    } else {
      await remove(current.key);
    }
    return { data, recordId: current.recordId, fileErrors: current.fileErrors || [] };
  } catch (e) {
    honourRetryAfter(e);
    if (e instanceof ApiError && !isTransient(e)) {
      await put({ ...current, state: 'refused', problem: { code: e.code, message: e.message, errors: e.errors } });
    }
    throw e;
  }
}

/**
 * Sends every waiting entry in the order written; stops at the first sign of no network, no session or a server
 * that asks to wait. Before the wait it asked for is over, the background flush sends nothing (`force`: the worker
 * pressed "Send now").
 */
export function flush({ force = false } = {}) {
  if (!force && Date.now() < notBefore) return Promise.resolve(0);
  if (!flushing) {
    flushing = (async () => {
      let sent = 0;
      try {
        for (const entry of await entries()) {
          if (entry.state === 'refused') continue;
          try {
            await send(entry);
            sent += 1;
          } catch (e) {
            if (e instanceof Offline || e instanceof Expired) break;
            if (isTransient(e)) break;
          }
        }
      } finally {
        flushing = null;
      }
      return sent;
    })();
  }
  return flushing;
}

export function refresh() {
  return changed();
}
