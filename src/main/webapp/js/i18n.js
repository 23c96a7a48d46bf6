import zh from './messages/zh-CN.js';

/**
 * Message catalogues per language; Chinese is the default and the fallback. Every visible label goes through t();
 * server problem codes are translated by their code (problem.CODE), falling back to the server's own text.
 *
 * Each language comes in two modules, so the first screen carries only its own words: the core (messages/{lang}.js:
 * the shell, the login and password screens, errors and every problem code) and the screens' words
 * (messages/{lang}.screens.js), fetched by loadScreens() once someone is logged in, before any other screen is drawn
 * (main.js). Only the language in use is fetched: English comes when it is chosen, or before the first screen when
 * it was chosen last time. A key in the core wins over the same key in the screens' module.
 */
const CORE = { 'zh-CN': async () => zh, en: async () => (await import('./messages/en.js')).default };
const SCREENS = {
  'zh-CN': async () => (await import('./messages/zh-CN.screens.js')).default,
  en: async () => (await import('./messages/en.screens.js')).default,
};
const parts = { 'zh-CN': { core: zh, screens: null } };
const catalogues = { 'zh-CN': zh };
const STORE = 'shouhu.lang';
const listeners = new Set();
// Set once a screen past the login needed the screens' words: a language chosen afterwards comes with them.
let screensWanted = false;

/** Fetches what the language lacks (its core, and its screens' words if wanted) and merges it into one catalogue. */
async function load(lang, withScreens) {
  const have = parts[lang] || (parts[lang] = { core: null, screens: null });
  const [core, screens] = await Promise.all([have.core || CORE[lang](),
    withScreens && !have.screens ? SCREENS[lang]() : have.screens]);
  have.core = core;
  have.screens = screens;
  catalogues[lang] = screens ? { ...screens, ...core } : core;
}

let current = CORE[localStorage.getItem(STORE)] ? localStorage.getItem(STORE) : 'zh-CN';
if (current !== 'zh-CN') {
  try {
    await load(current, false);
  } catch {
    current = 'zh-CN';
  }
}

/**
 * The screens' words of the language in use: main.js awaits this before drawing any screen but the login. Fetched
 * once per language; later calls answer at once.
 */
export async function loadScreens() {
  screensWanted = true;
  if (!parts[current].screens) await load(current, true);
}

/** Starts fetching the screens' words while the user is still typing at the login, so the first screen after it is quick. */
export function preloadScreens() {
  if (!parts[current].screens) load(current, true).catch(() => {});
}

export function language() {
  return current;
}

export function languages() {
  return Object.keys(CORE);
}

export async function setLanguage(lang) {
  if (!CORE[lang] || lang === current) return;
  await load(lang, screensWanted);
  current = lang;
  localStorage.setItem(STORE, lang);
  document.documentElement.lang = lang;
  listeners.forEach((f) => f(lang));
}

export function onLanguage(f) {
  listeners.add(f);
}

export function has(key) {
  return key in catalogues[current] || key in catalogues['zh-CN'];
}

export function t(key, params) {
  let text = catalogues[current][key] ?? catalogues['zh-CN'][key] ?? key;
  if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (params[name] ?? m));
  return text;
}

/** A code (enum constant) in words: t('kind.HOME_VISIT'); unknown codes show as themselves. */
export function term(group, code) {
  if (code == null) return '';
  const key = `${group}.${code}`;
  return has(key) ? t(key) : code;
}

const CHINA = 'Asia/Shanghai';

export function formatDate(iso) {
  if (!iso) return '';
  const d = iso.length === 10 ? new Date(iso + 'T00:00:00+08:00') : new Date(iso);
  return new Intl.DateTimeFormat(current, { timeZone: CHINA, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export function formatDateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(current, {
    timeZone: CHINA, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
}

export function formatNumber(n) {
  return new Intl.NumberFormat(current).format(n);
}

document.documentElement.lang = current;
