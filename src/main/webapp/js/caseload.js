import { all, get, Offline, session } from './api.js';

/**
 * The worker's active projects and the people enrolled in them (masked names, as the API lists them), the
 * counseling cases that take sessions (PLANNED) and the open groups they facilitate. Kept for the session so the
 * forms still open when the network has gone; dropped with the session (sessionStorage, gone with the tab).
 */
const KEY = 'shouhu.caseload';
const RECORDS = 'shouhu.records';

export async function caseload({ fresh = false } = {}) {
  const cached = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  if (cached && cached.owner === session.owner() && !fresh && cached.cases) return cached;
  try {
    const projects = (await get('projects?status=ACTIVE&limit=200')).items;
    for (const p of projects) {
      p.enrolled = await all(`projects/${p.id}/enrolments`);
    }
    const cases = await all('cases?status=PLANNED');
    const groups = await all('groups?status=OPEN');
    const loaded = { owner: session.owner(), projects, cases, groups, loadedAt: new Date().toISOString() };
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

/**
 * The worker's own records as last read (drafts and returned ones are what may be revised), so that a returned
 * record can be corrected without network; the revision then waits in the outbox like a new record.
 */
export function remember(records, { complete = [] } = {}) {
  const known = recorded();
  // A complete list of some states replaces what was remembered in them (a record resubmitted since is gone).
  for (const [id, r] of Object.entries(known)) if (complete.includes(r.status)) delete known[id];
  for (const r of records) known[r.id] = r;
  sessionStorage.setItem(RECORDS, JSON.stringify({ owner: session.owner(), byId: known }));
}

function recorded() {
  const cached = JSON.parse(sessionStorage.getItem(RECORDS) || 'null');
  return cached && cached.owner === session.owner() ? cached.byId : {};
}

/** The remembered records in one state, newest first (what My records shows without network). */
export function remembered(status) {
  return Object.values(recorded()).filter((r) => r.status === status).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** A record of the worker's from the server, or as last read when there is no network. */
export async function record(id) {
  try {
    const r = await get(`services/${encodeURIComponent(id)}`);
    remember([r]);
    return r;
  } catch (e) {
    if (e instanceof Offline && recorded()[id]) return { ...recorded()[id], stale: true };
    throw e;
  }
}

/**
 * Names of villages by code, read once per session and kept for offline use. A county's villages exist only once
 * imported, so names are read per town (its name, and its villages if any): a village not imported shows its town's
 * name, and no request is made that could only answer 404. A name that cannot be read (no network) is left out:
 * callers show nothing rather than a raw code.
 */
const PLACES = 'shouhu.places';

export async function placeNames(codes) {
  const known = JSON.parse(sessionStorage.getItem(PLACES) || '{}');
  const towns = [...new Set(codes.filter((c) => c && !(c in known) && c.length >= 9).map((c) => c.slice(0, 9)))];
  await Promise.all(towns.map(async (town) => {
    try {
      const [self, villages] = await Promise.all([get(`regions/${town}`), get(`regions?parent=${town}`)]);
      known[town] = self.name;
      for (const v of villages) known[v.code] = v.name;
    } catch (e) {
      if (!(e instanceof Offline)) known[town] = null;
    }
  }));
  for (const c of codes) if (c && !(c in known) && known[c.slice(0, 9)]) known[c] = known[c.slice(0, 9)];
  sessionStorage.setItem(PLACES, JSON.stringify(known));
  return new Map(Object.entries(known).filter(([, name]) => name));
}

/**
 * What waits in the outbox, as records: new records not yet on the server count as logged on Today (the day's
 * list, who is due, the last visit) with the state "waiting to be sent".
 */
export function waitingRecords(entries) {
  const kind = (e) => {
    if (e.body.homeVisit) return 'HOME_VISIT';
    if (/^cases\//.test(e.path)) return 'COUNSELING_SESSION';
    if (/^groups\//.test(e.path)) return 'GROUP_SESSION';
    if (/school-activities/.test(e.path)) return 'SCHOOL_ACTIVITY';
    return null;
  };
  return entries.filter((e) => e.body && e.body.startedAt && !e.recordId && e.state !== 'refused' && kind(e))
    .map((e) => ({ id: null, key: e.key, kind: kind(e), status: 'WAITING', projectId: e.body.projectId || null, startedAt: e.body.startedAt,
      endedAt: e.body.endedAt, participants: e.body.participants || present(e.body.attendance), schoolActivity: e.body.schoolActivity || null, label: e.label }));
}

const present = (attendance) => (Array.isArray(attendance) ? attendance.filter((a) => a.attendance === 'PRESENT').map((a) => a.beneficiaryId) : []);
