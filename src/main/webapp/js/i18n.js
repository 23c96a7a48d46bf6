import zh from './messages/zh-CN.js';

/**
 * Message catalogues per language; Chinese is the default and the fallback. Every visible label goes through t();
 * server problem codes are translated by their code (problem.CODE), falling back to the server's own text. Only the
 * language in use is fetched: English (a third of the first screen's bytes) comes when it is chosen, or before the
 * first screen when it was chosen last time.
 */
const LOADERS = { 'zh-CN': async () => zh, en: async () => (await import('./messages/en.js')).default };
const catalogues = { 'zh-CN': zh };
const STORE = 'shouhu.lang';
const listeners = new Set();

let current = LOADERS[localStorage.getItem(STORE)] ? localStorage.getItem(STORE) : 'zh-CN';
if (!catalogues[current]) {
  try {
    catalogues[current] = await LOADERS[current]();
  } catch {
    current = 'zh-CN';
  }
}

export function language() {
  return current;
}

export function languages() {
  return Object.keys(LOADERS);
}

export async function setLanguage(lang) {
  if (!LOADERS[lang] || lang === current) return;
  if (!catalogues[lang]) catalogues[lang] = await LOADERS[lang]();
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
