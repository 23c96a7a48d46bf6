import { all, get, Offline, session } from './api.js';

/**
 * The worker's active projects and the people enrolled in them (masked names, as the API lists them). Kept for the
 * session so the visit form still opens when the network has gone; dropped with the session.
 */
const KEY = 'shouhu.caseload';

export async function caseload({ fresh = false } = {}) {
  const cached = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  if (cached && cached.owner === session.owner() && !fresh) return cached;
  try {
    const projects = (await get('projects?status=ACTIVE&limit=200')).items;
    for (const p of projects) {
      p.enrolled = await all(`projects/${p.id}/enrolments`);
    }
    const loaded = { owner: session.owner(), projects, loadedAt: new Date().toISOString() };
    sessionStorage.setItem(KEY, JSON.stringify(loaded));
    return loaded;
  } catch (e) {
    if (e instanceof Offline && cached && cached.owner === session.owner()) return { ...cached, stale: true };
    throw e;
  }
}

/** beneficiary id → { name, village } across the caseload, to name participants of records. */
export function people(load) {
  const map = new Map();
  for (const p of load.projects) for (const e of p.enrolled) map.set(e.beneficiaryId, e);
  return map;
}
