import { api, ApiError, Expired, Offline, session } from './api.js';

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
 * Sends one entry. Resolves with the server's answer; throws Offline or Expired (the entry stays), or ApiError for
 * a refusal (4xx: the caller decides; the entry is marked refused so the worker sees why).
 */
export async function send(entry) {
  try {
    const reply = await api(entry.method, entry.path, { body: entry.body, key: entry.key });
    await remove(entry.key);
    return reply.data;
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) {
      await put({ ...entry, state: 'refused', problem: { code: e.code, message: e.message, errors: e.errors } });
    }
    throw e;
  }
}

/** Sends every waiting entry in the order written; stops at the first sign of no network or no session. */
export function flush() {
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
            if (!(e instanceof ApiError) || e.status >= 500) break;
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
