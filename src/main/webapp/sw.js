/*
 * The app shell on the device: the page, styles, modules and message catalogues, so the app opens with no network
 * at all and shows what waits in the outbox. Network first, revalidated against the server's ETags on every load
 * (a deployment is picked up at once when online); the cached copy answers only when the network fails or hangs.
 * The API is never cached or even seen here: its answers are personal data, and the outbox (IndexedDB) is the only
 * place records wait on the device.
 */
const CACHE = 'shouhu-shell-v1';
const SHELL = [
  './', 'index.html', 'app.css',
  'js/main.js', 'js/dom.js', 'js/i18n.js', 'js/api.js', 'js/outbox.js', 'js/caseload.js', 'js/forms.js',
  'js/messages/zh-CN.js', 'js/messages/en.js', 'js/messages/zh-CN.screens.js', 'js/messages/en.screens.js',
  'js/screens/login.js', 'js/screens/worker.js', 'js/screens/visit.js', 'js/screens/sessions.js', 'js/screens/school.js',
];
/** How long a hanging network may keep a worker from the cached copy. */
const PATIENCE_MS = 4000;
const scope = new URL(self.registration.scope);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shouhu-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

/** Only the app's own files: never the API, the OpenAPI document, the signing keys or the 1 MB chart library. */
function isShell(request) {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return false;
  const path = url.pathname.slice(scope.pathname.length);
  return !/^(api|openapi|\.well-known|vendor|problem)(\/|$)/.test(path);
}

self.addEventListener('fetch', (event) => {
  if (!isShell(event.request)) return;
  event.respondWith(networkElseCache(event.request));
});

async function networkElseCache(request) {
  const cache = await caches.open(CACHE);
  const key = request.mode === 'navigate' ? new URL('./', scope).href : request.url.split('#')[0];
  const cached = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
  const network = fetch(request, { cache: 'no-cache' }).then((response) => {
    if (response.ok && response.type === 'basic') cache.put(key, response.clone());
    return response;
  });
  if (!cached) return network;
  const timeout = new Promise((resolve) => setTimeout(() => resolve(cached), PATIENCE_MS));
  return Promise.race([network.catch(() => cached), timeout]);
}
