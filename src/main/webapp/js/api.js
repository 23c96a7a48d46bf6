/**
 * The JSON API as the screens use it: the bearer token of the session, problem+json turned into ApiError, a
 * network failure into Offline, and an expired or refused token into Expired (after telling the app, which sends
 * the user back to the login screen with everything queued on the device kept).
 */
const SESSION = 'shouhu.session';

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code || `HTTP_${status}`;
    this.errors = this.problem.errors || [];
    this.retryAfter = retryAfter ? Number(retryAfter) : this.problem.retryAfterSeconds;
  }
}

export class Offline extends Error {}

export class Expired extends Error {}

export const session = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION));
    } catch {
      return null;
    }
  },
  set(value) {
    sessionStorage.setItem(SESSION, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(SESSION);
  },
  /** Who owns what this device keeps (the outbox): tenant and username, never the token. */
  owner() {
    const s = this.get();
    return s ? `${s.tenant}/${s.username}` : null;
  },
};

let expiredHandler = () => {};
export function onExpired(handler) {
  expiredHandler = handler;
}

function expire() {
  const s = session.get();
  if (s && s.token) {
    session.set({ ...s, token: null });
    expiredHandler();
  }
}

export async function api(method, path, options = {}) {
  const s = session.get();
  const headers = { Accept: 'application/json' };
  if (!options.anonymous) {
    if (!s || !s.token || Date.parse(s.expiresAt) <= Date.now()) {
      expire();
      throw new Expired();
    }
    headers.Authorization = `Bearer ${s.token}`;
  }
  let body;
  if (options.file) {
    headers['Content-Type'] = options.file.type || 'application/octet-stream';
    body = options.file;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.key) headers['Idempotency-Key'] = options.key;
  let reply;
  try {
    reply = await fetch(`api/v1/${path}`, { method, headers, body, cache: 'no-store' });
  } catch {
    throw new Offline();
  }
  const text = await reply.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (reply.status === 401 && !options.anonymous) {
    expire();
    throw new Expired();
  }
  if (!reply.ok) throw new ApiError(reply.status, data, reply.headers.get('Retry-After'));
  return { data, location: reply.headers.get('Location'), status: reply.status };
}

/**
 * Uploads a file as the raw body (the evidence endpoint) with XMLHttpRequest, the one browser API that reports upload
 * progress: onProgress(sent, total) as bytes go out. Same errors as api(): Offline, Expired, ApiError.
 */
export function upload(path, file, onProgress) {
  const s = session.get();
  if (!s || !s.token || Date.parse(s.expiresAt) <= Date.now()) {
    expire();
    return Promise.reject(new Expired());
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `api/v1/${path}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Authorization', `Bearer ${s.token}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new Offline());
    xhr.onabort = () => reject(new Offline());
    xhr.onload = () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status === 401) {
        expire();
        reject(new Expired());
      } else if (xhr.status === 0) {
        reject(new Offline());
      } else if (xhr.status < 200 || xhr.status >= 300) {
        reject(new ApiError(xhr.status, data, xhr.getResponseHeader('Retry-After')));
      } else {
        resolve({ data, location: xhr.getResponseHeader('Location'), status: xhr.status });
      }
    };
    xhr.send(file);
  });
}

export const get = async (path) => (await api('GET', path)).data;
export const post = async (path, body, key) => (await api('POST', path, { body: body ?? {}, key })).data;

/** A random UUID (v4) for Idempotency-Key; crypto.randomUUID exists only on https or localhost. */
export function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Every item of a paged list (the API answers at most 200 per page). */
export async function all(path, max = 1000) {
  const items = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let offset = 0; offset < max; offset += 200) {
    const page = await get(`${path}${sep}offset=${offset}&limit=200`);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) break;
  }
  return items;
}

/** The file name a download answer gives: RFC 6266 filename* (UTF-8) first, then the plain one. */
export function fileName(disposition, fallback) {
  if (disposition) {
    const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
    if (star) {
      try {
        return decodeURIComponent(star[1].trim());
      } catch {
        // a malformed encoding: try the plain name
      }
    }
    const plain = /filename\s*=\s*"([^"]+)"/i.exec(disposition) || /filename\s*=\s*([^;]+)/i.exec(disposition);
    if (plain) return plain[1].trim();
  }
  return fallback;
}

/**
 * A file from the API with the session's token: a link cannot carry the bearer header, so the answer is fetched,
 * kept as a Blob and handed to the browser as an object URL with the server's file name. Refusals become ApiError
 * like any other call.
 */
export async function download(path, fallbackName) {
  const s = session.get();
  if (!s || !s.token || Date.parse(s.expiresAt) <= Date.now()) {
    expire();
    throw new Expired();
  }
  let reply;
  try {
    reply = await fetch(`api/v1/${path}`, { headers: { Authorization: `Bearer ${s.token}` }, cache: 'no-store' });
  } catch {
    throw new Offline();
  }
  if (reply.status === 401) {
    expire();
    throw new Expired();
  }
  if (!reply.ok) {
    let problem = null;
    try {
      problem = await reply.json();
    } catch {
      problem = null;
    }
    throw new ApiError(reply.status, problem, reply.headers.get('Retry-After'));
  }
  const blob = await reply.blob();
  const name = fileName(reply.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click's task has run; the object URL would otherwise live with the page.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return { name, size: blob.size };
}
