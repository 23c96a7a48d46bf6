import { h, replace } from './dom.js';
import { t, language, setLanguage, onLanguage, loadScreens } from './i18n.js';
import { session, onExpired, onRefreshed, get, logout as endSession, Offline, Expired } from './api.js';
import * as outbox from './outbox.js';

/** A screen's module is fetched the first time it is shown: the login screen does not wait for the others. */
const lazy = (path, name) => async (...args) => (await import(path))[name](...args);
const loginScreen = lazy('./screens/login.js', 'loginScreen');
const passwordScreen = lazy('./screens/login.js', 'passwordScreen');
const todayScreen = lazy('./screens/worker.js', 'todayScreen');
const recordsScreen = lazy('./screens/worker.js', 'recordsScreen');
const visitScreen = lazy('./screens/visit.js', 'visitScreen');
const counselingScreen = lazy('./screens/sessions.js', 'counselingScreen');
const groupScreen = lazy('./screens/sessions.js', 'groupScreen');
const schoolScreen = lazy('./screens/school.js', 'schoolScreen');
const reviewScreen = lazy('./screens/review.js', 'reviewScreen');
const projectsScreen = lazy('./screens/projects.js', 'projectsScreen');
const registryScreen = lazy('./screens/registry.js', 'registryScreen');
const groupsScreen = lazy('./screens/groups.js', 'groupsScreen');
const usersScreen = lazy('./screens/users.js', 'usersScreen');
const incidentsScreen = lazy('./screens/incidents.js', 'incidentsScreen');
const tenantsScreen = lazy('./screens/incidents.js', 'tenantsScreen');
const projectScreen = lazy('./screens/project.js', 'projectScreen');
const coverageScreen = lazy('./screens/bureau.js', 'coverageScreen');
const activityScreen = lazy('./screens/bureau.js', 'activityScreen');
const evaluationsScreen = lazy('./screens/evaluation.js', 'evaluationsScreen');
const casesScreen = lazy('./screens/cases.js', 'casesScreen');
const personScreen = lazy('./screens/person.js', 'personScreen');
const raiseIncidentScreen = lazy('./screens/incident.js', 'raiseIncidentScreen');
const orgIncidentsScreen = lazy('./screens/incident.js', 'orgIncidentsScreen');
const incidentScreen = lazy('./screens/incident.js', 'incidentScreen');
const contractsScreen = lazy('./screens/award.js', 'contractsScreen');
const drillScreen = lazy('./screens/drill.js', 'drillScreen');
const qualityScreen = lazy('./screens/drill.js', 'qualityScreen');
const referralsScreen = lazy('./screens/referrals.js', 'referralsScreen');
const referralFiguresScreen = lazy('./screens/referrals.js', 'referralFiguresScreen');
const platformSettingsScreen = lazy('./screens/platform.js', 'platformSettingsScreen');

/** Mandatory reports: the bureau's list of its projects' reports, or the organization's own reports and their handling. */
const incidentsRoute = (main, route) => {
  const s = session.get();
  if (s.me.tenant.kind === 'BUREAU') return incidentsScreen(main, route);
  return route.id ? incidentScreen(main, route) : orgIncidentsScreen(main, route);
};

/**
 * The shell: header (who, language, records waiting on the device), role-based menu and a hash router. Screens are
 * functions (main element, route params) → promise; a screen for an API not built yet is simply absent from the
 * menu, and a new one is one import and one line in SCREENS and MENU.
 */
const SCREENS = {
  login: { render: loginScreen, anonymous: true },
  password: { render: passwordScreen },
  today: { render: todayScreen, roles: ['SOCIAL_WORKER'] },
  records: { render: recordsScreen, roles: ['SOCIAL_WORKER'] },
  visit: { render: visitScreen, roles: ['SOCIAL_WORKER'] },
  counseling: { render: counselingScreen, roles: ['SOCIAL_WORKER'] },
  group: { render: groupScreen, roles: ['SOCIAL_WORKER'] },
  school: { render: schoolScreen, roles: ['SOCIAL_WORKER'] },
  projects: { render: projectsScreen, roles: ['SUPERVISOR', 'ORG_ADMIN', 'BUREAU_OFFICER'] },
  cases: { render: casesScreen, roles: ['SOCIAL_WORKER', 'SUPERVISOR', 'ORG_ADMIN'], kind: 'ORGANIZATION' },
  project: { render: projectScreen, roles: ['SUPERVISOR', 'ORG_ADMIN', 'BUREAU_OFFICER'] },
  coverage: { render: coverageScreen, roles: ['BUREAU_OFFICER'], kind: 'BUREAU' },
  activity: { render: activityScreen, roles: ['BUREAU_OFFICER'], kind: 'BUREAU' },
  quality: { render: qualityScreen, roles: ['BUREAU_OFFICER'], kind: 'BUREAU' },
  drill: { render: drillScreen, roles: ['BUREAU_OFFICER'], kind: 'BUREAU' },
  evaluations: { render: evaluationsScreen, roles: ['BUREAU_OFFICER', 'SUPERVISOR', 'ORG_ADMIN'] },
  review: { render: reviewScreen, roles: ['SUPERVISOR', 'ORG_ADMIN'], kind: 'ORGANIZATION' },
  registry: { render: registryScreen, roles: ['SUPERVISOR', 'ORG_ADMIN'], kind: 'ORGANIZATION' },
  groups: { render: groupsScreen, roles: ['SOCIAL_WORKER', 'SUPERVISOR', 'ORG_ADMIN'], kind: 'ORGANIZATION' },
  users: { render: usersScreen, roles: ['ORG_ADMIN'] },
  incidents: { render: incidentsRoute, roles: ['BUREAU_OFFICER', 'SOCIAL_WORKER', 'SUPERVISOR', 'ORG_ADMIN'] },
  incident: { render: raiseIncidentScreen, roles: ['SOCIAL_WORKER', 'SUPERVISOR', 'ORG_ADMIN'], kind: 'ORGANIZATION' },
  person: { render: personScreen, roles: ['SOCIAL_WORKER', 'SUPERVISOR', 'ORG_ADMIN'], kind: 'ORGANIZATION' },
  tenants: { render: tenantsScreen, roles: ['PLATFORM_ADMIN'] },
  contracts: { render: contractsScreen, roles: ['BUREAU_OFFICER'], kind: 'BUREAU' },
  referrals: { render: referralsScreen, roles: ['SOCIAL_WORKER', 'SUPERVISOR', 'ORG_ADMIN'], kind: 'ORGANIZATION' },
  referralFigures: { render: referralFiguresScreen, roles: ['BUREAU_OFFICER'], kind: 'BUREAU' },
  platformSettings: { render: platformSettingsScreen, roles: ['PLATFORM_ADMIN'] },
};

const MENU = ['today', 'records', 'projects', 'contracts', 'cases', 'review', 'registry', 'groups', 'coverage', 'activity', 'quality', 'evaluations', 'incidents', 'referrals', 'referralFigures', 'users', 'tenants', 'platformSettings'];

function allowed(name, me) {
  const screen = SCREENS[name];
  if (!screen.roles) return true;
  if (!me) return false;
  if (screen.kind && me.tenant.kind !== screen.kind) return false;
  const roles = me.user.roles;
  if (['projects', 'project', 'evaluations'].includes(name) && me.tenant.kind === 'BUREAU') return roles.includes('BUREAU_OFFICER');
  if (name === 'incidents' && me.tenant.kind !== 'ORGANIZATION') return roles.includes('BUREAU_OFFICER');
  return screen.roles.some((r) => roles.includes(r));
}

export function home(me) {
  return MENU.find((name) => allowed(name, me)) || 'password';
}

export function parseRoute() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/');
  return { name: name || '', id: rest.join('/') || null, params: new URLSearchParams(query || '') };
}

export function go(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

let waiting = [];

function header() {
  const s = session.get();
  const me = s && s.me;
  const bar = document.getElementById('bar');
  const pending = waiting.filter((e) => e.state !== 'refused').length;
  const refused = waiting.length - pending;
  replace(bar,
    h('span', { class: 'brand' }, t('app.name')),
    me ? h('a', { class: 'who', id: 'account', href: '#/password', title: t('account.title') }, `${me.user.displayName} · ${me.tenant.displayName}`) : null,
    h('span', { class: waiting.length ? 'pending on' : 'pending', id: 'pending', 'aria-live': 'polite', 'data-count': pending },
      waiting.length ? t('outbox.waiting', { n: pending }) + (refused ? ' · ' + t('outbox.refusedCount', { n: refused }) : '') : ''),
    h('button', { type: 'button', class: 'link', id: 'lang', lang: language() === 'en' ? 'zh-CN' : 'en',
      onclick: () => setLanguage(language() === 'en' ? 'zh-CN' : 'en').catch(() => toast(t('error.offline'))) }, t('app.otherLanguage')),
    me ? h('button', { type: 'button', class: 'link', id: 'logout', onclick: logout }, t('app.logout')) : null);
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('app.menu'));
  const current = parseRoute().name;
  replace(nav, me && session.active()
    ? h('ul', null, MENU.filter((name) => allowed(name, me)).map((name) =>
      h('li', null, h('a', { href: `#/${name}`, id: `nav-${name}`, 'aria-current': current === name ? 'page' : null }, t(`nav.${name}`)))))
    : null);
  paintIncidentBadge();
  document.getElementById('skip-link').textContent = t('app.skip');
  document.title = `${t('app.name')}`;
}

// The officer's menu counts the open mandatory reports the bureau has not yet acknowledged (#13).
let unacknowledged = 0;

export async function refreshIncidentBadge() {
  const s = session.get();
  const me = session.active() && s.me;
  if (!me || me.tenant.kind !== 'BUREAU' || !me.user.roles.includes('BUREAU_OFFICER')) return;
  try {
    unacknowledged = (await get('incidents?status=OPEN&acknowledged=false&limit=1')).total;
  } catch (e) {
    return;
  }
  paintIncidentBadge();
}

function paintIncidentBadge() {
  const link = document.getElementById('nav-incidents');
  if (!link) return;
  let badge = link.querySelector('.count');
  if (!unacknowledged) {
    if (badge) badge.remove();
    return;
  }
  if (!badge) {
    badge = h('span', { class: 'badge warn count', id: 'incidents-badge' });
    link.append(' ', badge);
  }
  badge.textContent = String(unacknowledged);
  badge.setAttribute('title', t('incidents.badge', { n: unacknowledged }));
}

async function logout() {
  if (waiting.length && !confirm(t('outbox.logoutWarning', { n: waiting.length }))) return;
  const s = session.get();
  await endSession();
  if (s) localStorage.setItem('shouhu.lastLogin', JSON.stringify({ tenant: s.tenant, username: s.username }));
  go('#/login');
}

let rendering = 0;
export async function render() {
  const turn = ++rendering;
  const route = parseRoute();
  const s = session.get();
  const active = session.active();
  const main = document.getElementById('main');
  let name = route.name;
  if (!SCREENS[name]) name = active && s.me ? home(s.me) : 'login';
  if (!SCREENS[name].anonymous && !active) {
    name = 'login';
  } else if (active && s.me && !allowed(name, s.me)) {
    name = home(s.me);
  } else if (active && s.mustChangePassword && name !== 'password') {
    name = 'password';
  }
  if (`#/${name}` !== `#/${route.name}`) {
    history.replaceState(null, '', `#/${name}${name === route.name && route.id ? '/' + route.id : ''}`);
  }
  header();
  refreshIncidentBadge();
  replace(main, h('p', { class: 'loading' }, t('app.loading')));
  try {
    const content = h('div', { class: `screen screen-${name}` });
    // The login screen has its words in the core catalogue; every other screen needs the screens' words (i18n.js).
    if (name !== 'login') await loadScreens();
    await SCREENS[name].render(content, { ...parseRoute(), name });
    if (turn !== rendering) return;
    replace(main, content);
    const heading = main.querySelector('h1');
    if (heading) heading.setAttribute('tabindex', '-1');
  } catch (e) {
    if (turn !== rendering) return;
    replace(main, h('div', { class: 'screen' }, h('p', { class: 'error', role: 'alert' }, describe(e))));
  }
}

/** A failure in words the user can act on. */
export function describe(e) {
  if (!e) return '';
  if (e instanceof Offline) return t('error.offline');
  if (e instanceof Expired) return t('error.expired');
  if (e.code) {
    const key = `problem.${e.code}`;
    const text = t(key);
    const base = text === key ? e.message : text;
    return e.problem && e.problem.requestId && e.status >= 500 ? `${base} (${e.problem.requestId})` : base;
  }
  return String(e.message || e);
}

export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.add('on');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('on'), 5000);
}

/**
 * Tries to send what waits on the device; the screen shows how many are left. The timer and the network's return
 * respect a server's Retry-After; the worker's own "Send now" (`force`) does not wait for it.
 */
export async function sync({ force = false } = {}) {
  if (!session.active()) return 0;
  const sent = await outbox.flush({ force });
  if (sent > 0) {
    toast(t('outbox.sent', { n: sent }));
    if (['today', 'records'].includes(parseRoute().name)) render();
  }
  return sent;
}

/**
 * A refresh is where a role change reaches this device (the server cut the old access token): read `me` again and
 * redraw if the roles or the tenant's state differ, so the menu never offers what the server now refuses.
 */
onRefreshed(async () => {
  const before = session.get() && session.get().me;
  if (!before) return;
  let me;
  try {
    me = await get('me');
  } catch {
    return; // offline or expired: the next refresh tries again
  }
  const shape = (m) => JSON.stringify([m.user.roles, m.tenant, (m.team || []).map((w) => w.id)]);
  if (shape(me) !== shape(before)) {
    session.set({ ...session.get(), me });
    render();
  } else {
    session.set({ ...session.get(), me });
  }
});

onExpired(() => {
  const s = session.get();
  // A new visit that was being sent is in the outbox by now: after the login the worker sees it go out on Today
  // rather than an empty form.
  const back = /^#\/(visit|counseling|group|school)(\?|$)/.test(location.hash) ? '#/today' : location.hash;
  if (s) session.set({ ...s, token: null, refreshToken: null, returnTo: back, expired: true });
  go('#/login');
});

outbox.onChange((list) => {
  waiting = list;
  header();
});
onLanguage(() => render());
window.addEventListener('hashchange', render);
window.addEventListener('online', () => sync());
setInterval(() => {
  if (waiting.some((e) => e.state !== 'refused')) sync();
}, 10000);

export async function afterLogin() {
  const s = session.get();
  const me = await get('me');
  session.set({ ...session.get(), me, expired: false });
  await outbox.refresh();
  sync();
  const back = s.returnTo && s.returnTo !== '#/login' ? s.returnTo : null;
  session.set({ ...session.get(), returnTo: null });
  go(back || `#/${home(me)}`);
}

/**
 * The service worker keeps the app's own files on the device so the app opens with no network at all (and shows
 * what waits in the outbox); it never touches the API. Service workers exist only on https and localhost.
 */
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('sw.js').catch(() => {});
}

outbox.refresh().catch(() => {});
render();
sync();
