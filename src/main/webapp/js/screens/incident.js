import { h, add, field, fieldError, option } from '../dom.js';
import { t, term, formatDate, formatDateTime } from '../i18n.js';
import { all, get, post, session, uuid, ApiError } from '../api.js';
import { caseload, people } from '../caseload.js';
import { clearErrors, instant, localDate, localTime, showProblem } from '../forms.js';
import { describe, go, toast } from '../main.js';

const CONCERNS = ['SUSPECTED_ABUSE', 'NEGLECT', 'MISSING_GUARDIAN', 'SCHOOL_DROPOUT', 'NO_HOUSEHOLD_REGISTRATION', 'OTHER'];
const AUTHORITIES = ['POLICE', 'CIVIL_AFFAIRS_BUREAU', 'SCHOOL', 'VILLAGE_COMMITTEE', 'PROCURATORATE', 'OTHER'];
const STATUSES = ['OPEN', 'CLOSED', 'VOIDED'];

const roles = () => ((session.get() || {}).me || { user: { roles: [] } }).user.roles;
const supervises = () => roles().some((r) => r === 'SUPERVISOR' || r === 'ORG_ADMIN');

/** Radio or checkbox choices as rows of large labels (the label is the tap target). */
function choices(type, name, values, label, { legend, checked = () => false }) {
  return h('fieldset', { class: 'choices stacked', 'data-field': name },
    h('legend', null, legend),
    values.map((v) => {
      const id = `${name}-${v}`;
      return h('span', { class: 'choice' },
        h('input', { type, name, id, value: v, checked: checked(v) }),
        h('label', { for: id }, label(v)));
    }),
    h('small', { class: 'field-error', 'aria-live': 'polite' }));
}

const picked = (form, name) => [...form.querySelectorAll(`input[name="${CSS.escape(name)}"]:checked`)].map((i) => i.value);

/**
 * Raising a mandatory report (强制报告) about a child, from a visit (record=) or from the child's record: what was
 * found and when, the kind of concern, what was done on the spot, and to whom and when it was reported. The report
 * goes to the organization's supervisors and, minimized, to the funding bureau the moment it is saved.
 */
export async function raiseIncidentScreen(main, route) {
  const child = route.params.get('child');
  const recordId = route.params.get('record');
  const load = await caseload();
  const person = people(load).get(child);
  const projects = load.projects.filter((p) => p.enrolled.some((e) => e.beneficiaryId === child));
  let source = null;
  if (recordId) source = await get(`services/${encodeURIComponent(recordId)}`);
  add(main, h('h1', null, t('incident.title')),
    h('p', { class: 'lead' }, t('incident.about'), ' ', h('strong', { 'data-data': '', id: 'incident-child' }, person ? person.name : t('visit.someone')),
      source ? h('span', { id: 'incident-source' }, ' · ', t('incident.fromRecord', { kind: term('kind', source.kind), when: formatDateTime(source.startedAt) })) : null));
  if (!projects.length) {
    main.append(h('p', { class: 'hint', id: 'incident-no-project' }, t('incident.noProject')));
    return;
  }
  const project = h('select', { name: 'projectId', required: true },
    projects.map((p) => option(p.id, p.title, source ? source.projectId === p.id : projects.length === 1)));
  const now = new Date();
  const foundStart = source ? new Date(source.startedAt) : now;
  const foundDate = h('input', { type: 'date', name: 'foundAt', required: true, value: localDate(foundStart), max: localDate(now) });
  const foundTime = h('input', { type: 'time', name: 'foundTime', required: true, value: localTime(foundStart) });
  const found = h('textarea', { name: 'found', rows: 4, required: true, maxlength: 4000 });
  const immediate = h('textarea', { name: 'immediateAction', rows: 3, required: true, maxlength: 2000 });
  const reportedDate = h('input', { type: 'date', name: 'reportedAt', required: true, value: localDate(now), max: localDate(now) });
  const reportedTime = h('input', { type: 'time', name: 'reportedTime', required: true, value: localTime(now) });
  const summary = h('div', { class: 'error', role: 'alert', id: 'incident-error' });
  const submit = h('button', { type: 'submit', class: 'primary danger', id: 'incident-submit' }, t('incident.submit'));
  const form = h('form', { class: 'card incident', novalidate: true, id: 'incident-form' },
    projects.length > 1 ? field(t('incident.project'), project) : null,
    choices('radio', 'concern', CONCERNS, (c) => term('concern', c), { legend: t('incident.concern') }),
    field(t('incident.found'), found, t('incident.foundHint')),
    h('div', { class: 'row when pair' }, field(t('incident.foundOn'), foundDate), field(t('incident.foundTime'), foundTime)),
    field(t('incident.immediate'), immediate, t('incident.immediateHint')),
    choices('checkbox', 'reportedTo', AUTHORITIES, (a) => term('authority', a), { legend: t('incident.reportedTo') }),
    h('div', { class: 'row when pair' }, field(t('incident.reportedOn'), reportedDate), field(t('incident.reportedTime'), reportedTime)),
    summary, h('div', { class: 'actions' }, submit));
  main.append(form);

  // One key for this report until it is answered: a double tap or a lost answer does not raise it twice.
  let key = uuid();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    const empty = [];
    if (!picked(form, 'concern').length) empty.push(['concern', form.querySelector('input[name=concern]')]);
    if (!found.value.trim()) empty.push(['found', found]);
    if (!foundDate.value) empty.push(['foundAt', foundDate]);
    if (!foundTime.value) empty.push(['foundTime', foundTime]);
    if (!immediate.value.trim()) empty.push(['immediateAction', immediate]);
    if (!picked(form, 'reportedTo').length) empty.push(['reportedTo', form.querySelector('input[name=reportedTo]')]);
    if (!reportedDate.value) empty.push(['reportedAt', reportedDate]);
    if (!reportedTime.value) empty.push(['reportedTime', reportedTime]);
    if (empty.length) {
      empty.forEach(([name]) => fieldError(form, name, t('error.required')));
      summary.textContent = t('visit.incomplete');
      empty[0][1].focus();
      return;
    }
    const body = {
      projectId: project.value,
      serviceRecordId: source ? source.id : null,
      beneficiaryId: child,
      concern: picked(form, 'concern')[0],
      found: found.value.trim(),
      foundAt: instant(foundDate.value, foundTime.value),
      immediateAction: immediate.value.trim(),
      reportedTo: picked(form, 'reportedTo'),
      reportedAt: instant(reportedDate.value, reportedTime.value),
    };
    submit.disabled = true;
    try {
      const raised = await post('incidents', body, key);
      toast(t('incident.raised'));
      go(`#/incidents/${raised.id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        summary.textContent = describe(e);
        return;
      }
      key = uuid();
      showProblem(form, summary, e, (name) => name.replace(/\[\d+\]$/, ''));
    } finally {
      submit.disabled = false;
    }
  });
}

/** The organization's mandatory reports, oldest open first, by state; each opens to its handling. */
export async function orgIncidentsScreen(main, route) {
  const status = route.params.get('status') || 'OPEN';
  const items = await all(`incidents?status=${encodeURIComponent(status)}`);
  const load = await caseload().catch(() => ({ projects: [] }));
  const titles = new Map(load.projects.map((p) => [p.id, p.title]));
  add(main, h('h1', null, t('incidents.title')),
    h('ul', { class: 'tabs', role: 'list' }, STATUSES.map((s) =>
      h('li', null, h('a', { href: `#/incidents?status=${s}`, id: `tab-${s}`, 'aria-current': s === status ? 'page' : null }, term('incidentStatus', s))))),
    items.length
      ? h('ul', { class: 'list incidents', id: 'incidents-list' }, items.map((i) => h('li', { 'data-incident': i.id, class: i.status === 'OPEN' && i.ageDays > 7 ? 'late' : '' },
        h('a', { href: `#/incidents/${i.id}` }, h('strong', null, term('concern', i.concern)), ' · ', h('span', { 'data-data': '' }, i.child || '')),
        h('small', null, [t('incident.foundShort', { date: formatDate(i.foundAt) }),
          i.status === 'OPEN' ? t('incident.daysOpen', { n: i.ageDays }) : null,
          t('incident.stepCount', { n: (i.steps || []).length }), titles.get(i.projectId)].filter(Boolean).join(' · ')),
        h('span', { class: `badge incident-${i.status}` }, term('incidentStatus', i.status)))))
      : h('p', { class: 'hint', id: 'incidents-none' }, t('incidents.none')));
}

/**
 * One report and its handling as a timeline: what was found (the organization's view only), to whom it was
 * reported, every step, and the closing. Steps are appended while the report is open (any of the organization's
 * staff); closing and voiding belong to SUPERVISOR and ORG_ADMIN, as in the API.
 */
export async function incidentScreen(main, route) {
  const i = await get(`incidents/${encodeURIComponent(route.id)}`);
  const load = await caseload().catch(() => ({ projects: [] }));
  const title = (load.projects.find((p) => p.id === i.projectId) || {}).title;
  const me = (session.get() || {}).me;
  const own = !!i.beneficiaryId;
  add(main, h('p', null, h('a', { href: '#/incidents', class: 'back' }, t('incident.back'))),
    h('h1', null, term('concern', i.concern), ' · ', h('span', { 'data-data': '' }, i.child || '')),
    h('p', null, h('span', { class: `badge incident-${i.status}`, id: 'incident-status' }, term('incidentStatus', i.status)),
      i.status === 'OPEN' ? h('small', null, ' ', t('incident.daysOpen', { n: i.ageDays })) : null),
    h('dl', { class: 'facts', id: 'incident-facts' },
      title ? [h('dt', null, t('incident.project')), h('dd', { 'data-data': '' }, title)] : null,
      h('dt', null, t('incident.foundOn')), h('dd', null, formatDateTime(i.foundAt)),
      own ? [h('dt', null, t('incident.found')), h('dd', { id: 'incident-found' }, i.found)] : null,
      h('dt', null, t('incident.reportedTo')), h('dd', null, (i.reportedTo || []).map((a) => term('authority', a)).join('、'), ' · ', formatDateTime(i.reportedAt)),
      own && i.serviceRecordId && roles().includes('SOCIAL_WORKER')
        ? [h('dt', null, t('incident.source')), h('dd', null, h('a', { href: `#/visit/${i.serviceRecordId}` }, t('incident.openSource')))] : null,
      own ? [h('dt', null, t('incident.child')), h('dd', null, h('a', { href: `#/person/${i.beneficiaryId}`, id: 'incident-person' }, t('person.open')))] : null),
    own ? h('p', { class: 'hint', id: 'incident-bureau' }, t('incident.bureauSees')) : null);

  const steps = i.steps || [];
  main.append(h('section', { class: 'card', 'aria-labelledby': 'steps-title' },
    h('h2', { id: 'steps-title' }, t('incident.steps')),
    h('ol', { class: 'timeline', id: 'incident-steps' },
      h('li', { class: 'raised' }, h('strong', null, formatDate(i.openSince)), ' ', t('incident.stepRaised')),
      steps.map((s) => h('li', { 'data-step': s.position },
        h('strong', null, formatDate(s.takenOn)), ' ', s.action, h('br'), h('small', null, t('incident.doneBy', { who: s.doneBy })),
        // #17: a step that referred the child links the referral; the bureau only learns that there is one.
        s.referralId ? h('br') : null,
        s.referralId && own ? h('a', { href: `#/referrals/${s.referralId}`, class: 'step-referral' }, t('incident.stepReferral')) : null,
        s.referralId && !own ? h('small', { class: 'step-referral' }, t('incident.stepReferredBureau')) : null)),
      i.status === 'CLOSED' ? h('li', { class: 'closed' }, h('strong', null, formatDate(i.closedOn)), ' ', t('incident.stepClosed'), ' ', i.outcome || '') : null,
      i.status === 'VOIDED' ? h('li', { class: 'voided' }, h('strong', null, formatDate(i.voidedAt)), ' ', t('incident.stepVoided'), i.voidReason ? ` ${i.voidReason}` : '') : null)));

  if (!own || i.status !== 'OPEN') return;
  const reload = () => go(`#/incidents/${i.id}`);
  // #17: a step that referred the child may name the organization's referral of the child (optional).
  const sent = await get(`referrals/sent?beneficiaryId=${i.beneficiaryId}&limit=200`).catch(() => []);
  const referral = sent.length ? h('select', { name: 'referralId', id: 'incident-step-referral', 'data-optional': '' },
    option('', t('incident.stepNoReferral')),
    sent.map((r) => option(r.id, `${r.receiverName || r.agencyName} · ${formatDate(r.sentAt)}`))) : null;
  main.append(actionForm('step', t('incident.addStep'), [
    ['incident.takenOn', h('input', { type: 'date', name: 'takenOn', required: true, value: localDate(new Date()), max: localDate(new Date()) })],
    ['incident.action', h('textarea', { name: 'action', rows: 2, required: true, maxlength: 2000 })],
    ['incident.doneByLabel', h('input', { name: 'doneBy', required: true, maxlength: 100, value: me ? me.user.displayName : '' })],
    referral ? ['incident.stepReferralLabel', referral] : null,
  ].filter(Boolean), (v) => post(`incidents/${i.id}/steps`, { ...v, referralId: v.referralId || null }, uuid()), reload));
  if (!supervises()) return;
  main.append(actionForm('close', t('incident.close'), [
    ['incident.closedOn', h('input', { type: 'date', name: 'closedOn', required: true, value: localDate(new Date()), max: localDate(new Date()) })],
    ['incident.outcome', h('textarea', { name: 'outcome', rows: 2, required: true, maxlength: 2000 })],
  ], (v) => post(`incidents/${i.id}/close`, v, uuid()), reload));
  main.append(actionForm('void', t('incident.void'), [
    ['incident.voidReason', h('textarea', { name: 'reason', rows: 2, required: true, maxlength: 500 })],
  ], (v) => post(`incidents/${i.id}/void`, v, uuid()), reload));
}

/**
 * A small form of required fields, given as [label key, input] pairs, that posts once and redraws the report: the
 * organization's and the bureau's actions on a report (incidents.js) are the same shape.
 */
export function actionForm(id, title, fields, send, done) {
  const inputs = fields.map(([, input]) => input);
  const summary = h('div', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', id: `incident-${id}-submit`, class: id === 'step' ? 'primary' : '' }, title);
  const form = h('form', { class: 'card', novalidate: true, id: `incident-${id}` },
    h('h2', null, title), fields.map(([label, input]) => field(t(label), input)), summary, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    const empty = inputs.filter((input) => !input.hasAttribute('data-optional') && !input.value.trim());
    if (empty.length) {
      empty.forEach((input) => fieldError(form, input.name, t('error.required')));
      summary.textContent = t('visit.incomplete');
      empty[0].focus();
      return;
    }
    submit.disabled = true;
    try {
      await send(Object.fromEntries(inputs.map((input) => [input.name, input.value.trim()])));
      toast(t('incident.saved'));
      done();
    } catch (e) {
      if (e instanceof ApiError) showProblem(form, summary, e);
      else summary.textContent = describe(e);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
