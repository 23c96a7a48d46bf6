import { h, field, fieldError, option, stacked } from '../dom.js';
import { t, term, formatDate, formatDateTime } from '../i18n.js';
import { all, get, post, session, uuid, ApiError } from '../api.js';
import { clearErrors, localDate, showProblem } from '../forms.js';
import { describe, go, toast } from '../main.js';
import { actionForm } from './incident.js';

/** Town names by code for the bureau's lists (the incident row keeps the code only). */
const towns = new Map();
async function townName(code) {
  if (!code) return '';
  if (!towns.has(code)) towns.set(code, get(`regions/${code}`).then((r) => r.name, () => ''));
  return towns.get(code);
}

/**
 * The bureau's view of mandatory reports on its projects, oldest first, minimized as the API gives them: when the
 * concern was found and when it was logged, how many days since it was found, whether it is overdue and whether the
 * bureau has acknowledged it yet. Each opens to its handling (#/incidents/{id}).
 */
export async function incidentsScreen(main, route) {
  if (route.id) return bureauIncidentScreen(main, route);
  const status = route.params.get('status') || 'OPEN';
  const items = await all(`incidents?status=${encodeURIComponent(status)}`);
  const projects = new Map((await get('projects?limit=200')).items.map((p) => [p.id, p.title]));
  const names = new Map(await Promise.all([...new Set(items.map((i) => i.townCode))].map(async (c) => [c, await townName(c)])));
  main.append(h('h1', null, t('incidents.title')),
    h('ul', { class: 'tabs', role: 'list' }, ['OPEN', 'CLOSED', 'VOIDED'].map((s) =>
      h('li', null, h('a', { href: `#/incidents?status=${s}`, id: `tab-${s}`, 'aria-current': s === status ? 'page' : null }, term('incidentStatus', s))))),
    items.length
      ? h('div', { class: 'table-wrap' }, stacked(h('table', { id: 'incidents-table' },
        h('caption', null, t('incidents.caption', { n: items.length })),
        h('thead', null, h('tr', null, ['incidents.foundOn', 'incidents.loggedOn', 'incidents.days', 'incidents.child', 'incidents.concern', 'incidents.project', 'incidents.follow', 'incidents.steps']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, items.map((i) => h('tr', { class: i.overdue ? 'late' : '', 'data-incident': i.id },
          h('td', null, formatDate(i.foundAt)),
          h('td', null, formatDate(i.openSince)),
          h('td', null, String(i.daysSinceFound), i.overdue ? [' ', h('span', { class: 'badge warn' }, t('incidents.overdue'))] : null),
          h('td', null, h('a', { href: `#/incidents/${i.id}`, class: 'open-incident' }, h('span', { 'data-data': '' }, i.child || '')), h('br'), h('small', { 'data-data': '' }, names.get(i.townCode) || '')),
          h('td', null, term('concern', i.concern)),
          h('td', { 'data-data': '' }, projects.get(i.projectId) || ''),
          h('td', null, i.status !== 'OPEN' ? '' : i.acknowledgedOn
            ? t('incidents.acknowledgedOn', { date: formatDate(i.acknowledgedOn) })
            : h('span', { class: 'badge warn' }, t('incidents.notAcknowledged'))),
          h('td', null, (i.steps || []).length)))))))
      : h('p', { class: 'hint' }, t('incidents.none')));
}

/**
 * One report as the bureau follows it: the timeline of both parties' steps (the bureau's marked, referrals with
 * the department), then what the officer may do while it is open: acknowledge it, add a step, refer it to
 * another department, close it with the outcome. What was found stays with the organization.
 */
async function bureauIncidentScreen(main, route) {
  const i = await get(`incidents/${encodeURIComponent(route.id)}`);
  const project = await get(`projects/${encodeURIComponent(i.projectId)}`).catch(() => null);
  const me = (session.get() || {}).me;
  main.append(h('p', null, h('a', { href: '#/incidents', class: 'back' }, t('incident.back'))),
    h('h1', null, term('concern', i.concern), ' · ', h('span', { 'data-data': '' }, i.child || '')),
    h('p', null, h('span', { class: `badge incident-${i.status}`, id: 'incident-status' }, term('incidentStatus', i.status)),
      ' ', i.overdue ? h('span', { class: 'badge warn', id: 'incident-overdue' }, t('incidents.overdue')) : null,
      ' ', i.status === 'OPEN' ? h('span', { class: i.acknowledgedOn ? 'badge' : 'badge warn', id: 'incident-ack' },
        i.acknowledgedOn ? t('incidents.acknowledgedOn', { date: formatDate(i.acknowledgedOn) }) : t('incidents.notAcknowledged')) : null),
    h('dl', { class: 'facts', id: 'incident-facts' },
      project ? [h('dt', null, t('incident.project')), h('dd', { 'data-data': '' }, project.title)] : null,
      h('dt', null, t('incidents.foundOn')), h('dd', null, formatDateTime(i.foundAt)),
      h('dt', null, t('incidents.loggedOn')), h('dd', null, formatDate(i.openSince)),
      h('dt', null, t('incidents.days')), h('dd', { id: 'incident-days' }, String(i.daysSinceFound)),
      h('dt', null, t('incident.reportedTo')), h('dd', null, (i.reportedTo || []).map((a) => term('authority', a)).join(t('incidents.listSep')), ' · ', formatDateTime(i.reportedAt)),
      i.townCode ? [h('dt', null, t('incidents.town')), h('dd', { 'data-data': '' }, await townName(i.townCode))] : null),
    h('p', { class: 'hint' }, t('incidents.minimized')));
  const steps = i.steps || [];
  const party = (p) => t(p === 'BUREAU' ? 'incidents.byBureau' : 'incidents.byOrganization');
  const stepItem = (s) => h('li', { 'data-step': s.position, class: s.party === 'BUREAU' ? 'bureau' : '' },
    h('strong', null, formatDate(s.takenOn)), ' ',
    s.referredTo ? [t('incidents.referredTo'), ' ', h('span', { 'data-data': '', class: 'referred' }, s.referredTo), t('evaluation.colon')] : null,
    h('span', { 'data-data': '' }, s.action), h('br'),
    h('small', null, party(s.party), ' · ', h('span', { 'data-data': '' }, s.doneBy)),
    // #17: the organization referred the child in this step; the referral itself is not the bureau's to read.
    s.referralId ? [h('br'), h('small', { class: 'step-referral' }, t('incident.stepReferredBureau'))] : null);
  const closed = i.status !== 'CLOSED' ? null : h('li', { class: 'closed' },
    h('strong', null, formatDate(i.closedOn)), ' ', t('incident.stepClosed'), ' ',
    h('span', { 'data-data': '', id: 'incident-outcome' }, i.outcome || ''),
    i.closedBy ? [h('br'), h('small', null, party(i.closedBy))] : null);
  const voided = i.status !== 'VOIDED' ? null : h('li', { class: 'voided' },
    h('strong', null, formatDate(i.voidedAt)), ' ', t('incident.stepVoided'));
  const acknowledged = !i.acknowledgedOn ? null : h('li', { class: 'acknowledged' },
    h('strong', null, formatDate(i.acknowledgedOn)), ' ', t('incidents.stepAcknowledged'));
  // In the order things happened: a worker's step on the spot comes before the day the report was logged.
  const day = (iso) => (iso || '').slice(0, 10);
  const timeline = [
    { on: day(i.openSince), rank: 0, item: h('li', { class: 'raised' }, h('strong', null, formatDate(i.openSince)), ' ', t('incident.stepRaised')) },
    ...(acknowledged ? [{ on: day(i.acknowledgedOn), rank: 1, item: acknowledged }] : []),
    ...steps.map((st) => ({ on: day(st.takenOn), rank: 2, item: stepItem(st) })),
  ].sort((a, b) => a.on.localeCompare(b.on) || a.rank - b.rank);
  main.append(h('section', { class: 'card', 'aria-labelledby': 'steps-title' },
    h('h2', { id: 'steps-title' }, t('incident.steps')),
    h('ol', { class: 'timeline', id: 'incident-steps' }, timeline.map((e) => e.item), closed, voided)));

  if (i.status !== 'OPEN') return;
  const reload = () => go(`#/incidents/${i.id}`);
  const today = localDate(new Date());
  const name = me ? me.user.displayName : '';
  if (!i.acknowledgedOn) {
    const ack = h('button', { type: 'button', class: 'primary', id: 'incident-acknowledge' }, t('incidents.acknowledge'));
    const summary = h('div', { class: 'error', role: 'alert' });
    ack.addEventListener('click', async () => {
      ack.disabled = true;
      try {
        await post(`incidents/${i.id}/acknowledge`, {}, uuid());
        toast(t('incidents.acknowledged'));
        reload();
      } catch (e) {
        summary.textContent = describe(e);
        ack.disabled = false;
      }
    });
    main.append(h('section', { class: 'card', id: 'incident-ack-card' }, h('p', null, t('incidents.acknowledgeHint')), summary, h('div', { class: 'actions' }, ack)));
  }
  main.append(actionForm('step', t('incident.addStep'), [
    ['incident.takenOn', h('input', { type: 'date', name: 'takenOn', required: true, value: today, max: today })],
    ['incident.action', h('textarea', { name: 'action', rows: 2, required: true, maxlength: 2000 })],
    ['incident.doneByLabel', h('input', { name: 'doneBy', required: true, maxlength: 100, value: name })],
  ], (v) => post(`incidents/${i.id}/steps`, v, uuid()), reload));
  main.append(actionForm('refer', t('incidents.refer'), [
    ['incidents.referredOn', h('input', { type: 'date', name: 'referredOn', required: true, value: today, max: today })],
    ['incidents.department', h('input', { name: 'referredTo', required: true, maxlength: 200 })],
    ['incidents.referralAsk', h('textarea', { name: 'action', rows: 2, required: true, maxlength: 2000 })],
    ['incident.doneByLabel', h('input', { name: 'doneBy', required: true, maxlength: 100, value: name })],
  ], (v) => post(`incidents/${i.id}/referrals`, v, uuid()), reload));
  main.append(actionForm('close', t('incident.close'), [
    ['incident.closedOn', h('input', { type: 'date', name: 'closedOn', required: true, value: today, max: today })],
    ['incident.outcome', h('textarea', { name: 'outcome', rows: 2, required: true, maxlength: 2000 })],
  ], (v) => post(`incidents/${i.id}/close`, v, uuid()), reload));
}

/**
 * The platform operator's registry of tenants: provisioning a bureau or an organization (kind, name, code for the
 * login, unified social credit code, for a bureau its division, and the first administrator), and suspending (with
 * the reason) or reactivating a tenant. The API validates the credit code and its check digit (GB 32100).
 */
export async function tenantsScreen(main) {
  const tenants = await all('tenants');
  main.append(h('h1', null, t('tenants.title')),
    h('div', { class: 'table-wrap' }, stacked(h('table', { id: 'tenants-table' },
      h('thead', null, h('tr', null, ['tenants.slug', 'tenants.name', 'tenants.kind', 'tenants.status', 'tenants.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, tenants.map((x) => h('tr', { 'data-tenant': x.slug },
        h('td', { 'data-data': '' }, x.slug), h('td', { 'data-data': '' }, x.displayName),
        h('td', null, term('tenantKind', x.kind)),
        h('td', null, h('span', { class: x.status === 'SUSPENDED' ? 'badge warn' : 'badge', 'data-status': x.status }, term('tenantStatus', x.status)),
          x.status === 'SUSPENDED' && x.statusReason ? [h('br'), h('small', { 'data-data': '' }, x.statusReason)] : null),
        h('td', null, x.kind === 'PLATFORM' ? '' : tenantAction(x)))))))),
    provisionForm());
}

/** Suspend (asking the reason) or reactivate one tenant; the list is redrawn after. */
function tenantAction(x) {
  if (x.status === 'SUSPENDED') {
    return h('button', { type: 'button', class: 'reactivate', onclick: async (event) => {
      event.target.disabled = true;
      try {
        await post(`tenants/${x.id}/reactivate`, {});
        toast(t('tenants.reactivated'));
        go('#/tenants');
      } catch (e) {
        toast(describe(e));
        event.target.disabled = false;
      }
    } }, t('tenants.reactivate'));
  }
  const reason = h('input', { name: 'reason', required: true, maxlength: 500 });
  const summary = h('div', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'suspend', novalidate: true },
    field(t('tenants.reason'), reason), summary, h('button', { type: 'submit', class: 'danger' }, t('tenants.suspend')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    if (!reason.value.trim()) {
      fieldError(form, 'reason', t('error.required'));
      reason.focus();
      return;
    }
    try {
      await post(`tenants/${x.id}/suspend`, { reason: reason.value.trim() });
      toast(t('tenants.suspended'));
      go('#/tenants');
    } catch (e) {
      if (e instanceof ApiError) showProblem(form, summary, e);
      else summary.textContent = describe(e);
    }
  });
  return h('details', null, h('summary', null, t('tenants.suspend')), form);
}

/** Province → city → county, each list asked of the regions API when the level above is chosen. */
function divisionPicker() {
  const levels = ['province', 'city', 'county'].map((level) => h('select', { name: `division-${level}`, 'data-level': level }));
  const fill = async (select, parent) => {
    const list = await get(parent ? `regions?parent=${parent}` : 'regions');
    select.replaceChildren(option('', t('tenants.pick')), ...list.map((r) => option(r.code, r.name)));
  };
  levels.forEach((select, n) => select.addEventListener('change', async () => {
    levels.slice(n + 1).forEach((below) => below.replaceChildren());
    if (select.value && levels[n + 1]) await fill(levels[n + 1], select.value);
  }));
  fill(levels[0], null).catch(() => {});
  const value = () => [...levels].reverse().map((s) => s.value).find(Boolean) || '';
  return { value, element: h('fieldset', { class: 'division', 'data-field': 'divisionCode' }, h('legend', null, t('tenants.division')),
    levels.map((select, n) => field(t(`tenants.level.${['province', 'city', 'county'][n]}`), select)),
    h('small', { class: 'field-error', 'aria-live': 'polite' })) };
}

function provisionForm() {
  const kind = h('select', { name: 'kind' }, ['ORGANIZATION', 'BUREAU'].map((k) => option(k, term('tenantKind', k))));
  const name = h('input', { name: 'displayName', required: true, maxlength: 200 });
  const slug = h('input', { name: 'slug', required: true, maxlength: 40, autocapitalize: 'none', spellcheck: false });
  const credit = h('input', { name: 'creditCode', maxlength: 18, autocapitalize: 'characters', spellcheck: false });
  const division = divisionPicker();
  const adminName = h('input', { name: 'admin.username', required: true, maxlength: 64, autocapitalize: 'none', spellcheck: false });
  const adminDisplay = h('input', { name: 'admin.displayName', required: true, maxlength: 100 });
  const summary = h('div', { class: 'error', role: 'alert', id: 'provision-error' });
  const done = h('div', { id: 'provision-done', 'aria-live': 'polite' });
  const divisionRow = division.element;
  const showDivision = () => { divisionRow.hidden = kind.value !== 'BUREAU'; };
  kind.addEventListener('change', showDivision);
  showDivision();
  const form = h('form', { class: 'card', id: 'provision-form', novalidate: true },
    h('h2', null, t('tenants.provision')),
    field(t('tenants.kind'), kind), field(t('tenants.name'), name), field(t('tenants.slug'), slug, t('tenants.slugHint')),
    field(t('tenants.creditCode'), credit, t('tenants.creditHint')), divisionRow,
    h('fieldset', null, h('legend', null, t('tenants.firstAdmin')),
      field(t('tenants.adminUsername'), adminName), field(t('tenants.adminName'), adminDisplay)),
    summary, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'provision-submit' }, t('tenants.provisionSubmit'))), done);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    done.replaceChildren();
    const empty = [name, slug, adminName, adminDisplay].filter((i) => !i.value.trim());
    if (kind.value === 'ORGANIZATION' && !credit.value.trim()) empty.push(credit);
    if (empty.length) {
      empty.forEach((i) => fieldError(form, i.name, t('error.required')));
      summary.textContent = t('visit.incomplete');
      empty[0].focus();
      return;
    }
    if (kind.value === 'BUREAU' && !division.value()) {
      fieldError(form, 'divisionCode', t('error.required'));
      summary.textContent = t('visit.incomplete');
      return;
    }
    try {
      const made = await post('tenants', {
        kind: kind.value, displayName: name.value.trim(), slug: slug.value.trim(),
        creditCode: credit.value.trim().toUpperCase() || null,
        divisionCode: kind.value === 'BUREAU' ? division.value() : null,
        admin: { username: adminName.value.trim(), displayName: adminDisplay.value.trim() },
      }, uuid());
      toast(t('tenants.provisioned'));
      const list = document.querySelector('#tenants-table tbody');
      if (list) list.append(h('tr', { 'data-tenant': made.tenant.slug }, h('td', { 'data-data': '' }, made.tenant.slug), h('td', { 'data-data': '' }, made.tenant.displayName),
        h('td', null, term('tenantKind', made.tenant.kind)), h('td', null, h('span', { class: 'badge', 'data-status': made.tenant.status }, term('tenantStatus', made.tenant.status))),
        h('td', null, tenantAction(made.tenant))));
      // The first administrator's temporary password is shown once, to be handed over out of band.
      done.replaceChildren(h('p', { class: 'notice' }, t('tenants.adminCreated', { user: made.admin.username }), ' ',
        h('code', { id: 'provision-password', 'data-data': '' }, made.admin.temporaryPassword || '')));
      form.reset();
      showDivision();
    } catch (e) {
      if (e instanceof ApiError) showProblem(form, summary, e);
      else summary.textContent = describe(e);
    }
  });
  return form;
}
