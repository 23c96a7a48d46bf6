/**
 * The JSON API as the screens use it: the bearer token of the session, problem+json turned into ApiError, a
 * network failure into Offline, and a session that can no longer be renewed into Expired (after telling the app,
 * which sends the user back to the login screen with everything queued on the device kept).
 *
 * The session lives in localStorage, not sessionStorage, because a worker closes the tab, or the phone closes it,
 * and comes back a day later with records in the outbox: the refresh token must outlive the tab to send them without
 * the password. localStorage rather than IndexedDB because it is synchronous, so the one refresh in flight can
 * re-read what another tab just stored before spending a token; IndexedDB would protect it no better (any script of
 * the origin reads either, which is what the content security policy guards against). Logout, an expired or refused
 * refresh, and the server's revocation all remove it.
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
      return JSON.parse(localStorage.getItem(SESSION));
    } catch {
      return null;
    }
  },
  set(value) {
    localStorage.setItem(SESSION, JSON.stringify(value));
  },
  clear() {
    localStorage.removeItem(SESSION);
  },
  /** Who owns what this device keeps (the outbox): tenant and username, never the token. */
  owner() {
    const s = this.get();
    return s ? `${s.tenant}/${s.username}` : null;
  },
  /** Logged in on this device: an access token, or a refresh token that can buy one. */
  active() {
    const s = this.get();
    return !!(s && (s.token || s.refreshToken));
  },
  /** Keeps the tokens of a login, a refresh or a password change (the server's token answer). */
  tokens(answer) {
    this.set({
      ...this.get(),
      token: answer.access_token,
      // By this device's clock, from the lifetime the server gives: a phone whose clock is off still renews in time.
      expiresAt: new Date(Date.now() + answer.expires_in * 1000).toISOString(),
      refreshToken: answer.refresh_token,
      refreshExpiresAt: answer.refresh_expires_at,
      sessionId: answer.session_id,
    });
  },
};

// A tab opened before this version kept its session in sessionStorage: carry it over once.
if (!localStorage.getItem(SESSION) && sessionStorage.getItem(SESSION)) {
  localStorage.setItem(SESSION, sessionStorage.getItem(SESSION));
  sessionStorage.removeItem(SESSION);
}

let expiredHandler = () => {};
export function onExpired(handler) {
  expiredHandler = handler;
}

let refreshedHandler = () => {};
/** Called after each refresh: the new token may carry other roles than the ones the screens were drawn for. */
export function onRefreshed(handler) {
  refreshedHandler = handler;
}

function expire() {
  const s = session.get();
  if (s && (s.token || s.refreshToken)) {
    session.set({ ...s, token: null, refreshToken: null });
    expiredHandler();
  }
}

const fresh = (s) => s && s.token && Date.parse(s.expiresAt) > Date.now() + 5000;

let refreshing = null;

/**
 * A new access token from the refresh token. One at a time: parallel requests that all found the token expired (or
 * all got 401) wait for the same refresh, because each refresh spends the refresh token and a second one with the
 * same token would look like a stolen copy and end the session. Across tabs the Web Locks API serializes it where
 * the browser offers it (https); after the lock the stored session is read again, since another tab may have
 * refreshed meanwhile. {@code stale} is the access token the caller saw refused: if the stored one differs, someone
 * else has refreshed already.
 */
function refresh(stale) {
  if (!refreshing) {
    const work = () => refreshOnce(stale);
    const locked = navigator.locks && navigator.locks.request ? navigator.locks.request('shouhu.refresh', work) : work();
    refreshing = locked.finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function refreshOnce(stale) {
  const s = session.get();
  if (s && s.token && s.token !== stale && fresh(s)) return s.token;
  if (!s || !s.refreshToken) {
    expire();
    throw new Expired();
  }
  let reply;
  try {
    reply = await fetch('api/v1/tokens/refresh', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: s.refreshToken }),
      cache: 'no-store',
    });
  } catch {
    // No network: the refresh token is kept for when there is one.
    throw new Offline();
  }
  let data = null;
  try {
    data = await reply.json();
  } catch {
    data = null;
  }
  if (reply.ok) {
    session.tokens(data);
    // Not awaited: the request that needed the token goes on; the menu follows when `me` has answered.
    Promise.resolve().then(() => refreshedHandler()).catch(() => {});
    return data.access_token;
  }
  if (reply.status === 401 || reply.status === 403) {
    expire();
    throw new Expired();
  }
  throw new ApiError(reply.status, data, reply.headers.get('Retry-After'));
}

/** The access token to send: the stored one while it is good, else a refreshed one. */
export async function accessToken() {
  const s = session.get();
  if (fresh(s)) return s.token;
  return refresh(s && s.token);
}

export async function api(method, path, options = {}) {
  const headers = { Accept: 'application/json' };
  let token = null;
  if (!options.anonymous) {
    token = await accessToken();
    headers.Authorization = `Bearer ${token}`;
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
    // Refused before its time (a role change, a clock that runs late): refresh once and send again. The request
    // was not carried out, so sending it again (with its Idempotency-Key) cannot do it twice.
    if (options.refreshed) {
      expire();
      throw new Expired();
    }
    await refresh(token);
    return api(method, path, { ...options, refreshed: true });
  }
  if (!reply.ok) throw new ApiError(reply.status, data, reply.headers.get('Retry-After'));
  return { data, location: reply.headers.get('Location'), status: reply.status };
}

/**
 * Uploads a file as the raw body (the evidence endpoint) with XMLHttpRequest, the one browser API that reports upload
 * progress: onProgress(sent, total) as bytes go out. Same errors as api(): Offline, Expired, ApiError.
 */
export async function upload(path, file, onProgress) {
  const token = await accessToken();
  try {
    return await uploadWith(token, path, file, onProgress);
  } catch (e) {
    if (!(e instanceof Expired)) throw e;
    await refresh(token);
    return uploadWith(await accessToken(), path, file, onProgress, true);
  }
}

function uploadWith(token, path, file, onProgress, last = false) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `api/v1/${path}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
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
        if (last) expire();
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

/** Ends this device's session on the server (best effort: offline, the session simply runs out), then forgets it. */
export async function logout() {
  const s = session.get();
  if (s && s.token && fresh(s)) {
    try {
      await fetch('api/v1/tokens/logout', { method: 'POST', headers: { Authorization: `Bearer ${s.token}` }, cache: 'no-store' });
    } catch {
      // offline: nothing more to do here
    }
  } else if (s && s.refreshToken) {
    try {
      const token = await refresh(s.token);
      await fetch('api/v1/tokens/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    } catch {
      // offline or already ended
    }
  }
  session.clear();
}

/**
 * A file from the API with the session's token: a link cannot carry the bearer header, so the answer is fetched,
 * kept as a Blob and handed to the browser as an object URL with the server's file name. Refusals become ApiError
 * like any other call.
 */
export async function download(path, fallbackName) {
  const fetchWith = async (token) => {
    try {
      return await fetch(`api/v1/${path}`, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    } catch {
      throw new Offline();
    }
  };
  const token = await accessToken();
  let reply = await fetchWith(token);
  if (reply.status === 401) {
    await refresh(token);
    reply = await fetchWith(await accessToken());
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
