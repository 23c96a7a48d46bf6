import { h, add, field, option, stacked, uid } from '../dom.js';
import { t, term, formatDate, formatDateTime, formatNumber } from '../i18n.js';
import { api, get, post, download, session } from '../api.js';
import { describe, go, render } from '../main.js';
import { clearErrors, showProblem, localDate } from '../forms.js';

const KINDS = ['HOME_VISIT', 'COUNSELING_SESSION', 'GROUP_SESSION', 'SCHOOL_ACTIVITY', 'CASE', 'COMMUNITY_EVENT', 'TRAINING'];
const UNITS = ['VISIT', 'SESSION', 'EVENT', 'CASE', 'PERSON'];
// The unit a kind is usually counted in, preselected when the kind is chosen (the officer may change it).
const UNIT_OF = { HOME_VISIT: 'VISIT', COUNSELING_SESSION: 'SESSION', GROUP_SESSION: 'SESSION', SCHOOL_ACTIVITY: 'EVENT',
  CASE: 'CASE', COMMUNITY_EVENT: 'EVENT', TRAINING: 'SESSION' };
const GROUPS = ['LEFT_BEHIND_CHILD', 'CHILD_IN_DIFFICULTY', 'LEFT_BEHIND_ELDERLY', 'LEFT_BEHIND_WOMAN', 'OTHER'];
const CADENCES = ['MONTH', 'QUARTER', 'YEAR'];
const MILESTONES = ['FIRST', 'INTERIM', 'FINAL'];

/** The towns of the bureau's own county, by code, to choose from and to name codes with. */
async function countyTowns() {
  const county = session.get().me.tenant.divisionCode;
  if (!county) return [];
  return (await get(`regions?parent=${county}`)).filter((r) => r.level === 'TOWN');
}

const townName = (towns, code) => (towns.find((x) => x.code === code) || { name: code }).name;

/**
 * The officer's contract screens: #/contracts (or #/contracts/new) awards a new project in a form; #/contracts/{id}
 * is the project as its funder steers it — a draft revised in the same form and activated; an active one amended
 * (target, period, towns: recorded with reason and date, never a silent edit), its milestones paid and their payment
 * notices printed, and closed or terminated with a reason.
 */
export async function contractsScreen(main, route) {
  if (!route.id || route.id === 'new') return formScreen(main, null);
  const project = await get(`projects/${route.id}`);
  if (project.status === 'DRAFT') return formScreen(main, project);
  return contractScreen(main, project);
}

/** A checkbox group as one field: the API's field name (coveredTowns, targetGroups) carries its error. */
function checkGroup(name, legend, items, chosen, hint, data) {
  const boxes = items.map(([value, label]) => {
    const id = uid('c');
    return h('label', { class: 'check', for: id },
      h('input', { type: 'checkbox', id, name, value, checked: chosen.includes(value) }), ' ', data ? h('span', { 'data-data': '' }, label) : label);
  });
  return h('fieldset', { class: 'field checks', 'data-field': name },
    h('legend', null, legend), hint ? h('small', { class: 'hint' }, hint) : null,
    h('div', { class: 'check-list' }, boxes),
    h('small', { class: 'field-error', id: uid('e'), 'aria-live': 'polite' }));
}

const checked = (form, name) => [...form.querySelectorAll(`input[type=checkbox][name="${name}"]:checked`)].map((x) => x.value);

/** One repeated part (deliverable or milestone) of the form: its inputs carry the API's field names once numbered. */
function part(kind, fields, onRemove) {
  const remove = h('button', { type: 'button', class: 'secondary remove-part' }, t('award.remove'));
  const box = h('fieldset', { class: `part ${kind}` }, h('legend', null, ''), fields, remove);
  remove.addEventListener('click', () => {
    box.remove();
    onRemove();
  });
  return box;
}

/** Names every part's inputs as the API names its fields (deliverables[1].target), so refusals land under them. */
function renumber(list, prefix, legendKey) {
  [...list.children].forEach((box, i) => {
    box.querySelector('legend').textContent = t(legendKey, { n: i + 1 });
    box.dataset.index = i;
    for (const wrap of box.querySelectorAll('[data-part]')) {
      const name = `${prefix}[${i}].${wrap.dataset.part}`;
      wrap.dataset.field = name;
      const input = wrap.querySelector('input, select');
      input.name = name;
    }
  });
}

function partField(partName, label, input, hint) {
  const wrap = field(label, input, hint);
  wrap.dataset.part = partName;
  return wrap;
}

function deliverableBox(d, onRemove) {
  const kind = h('select', { class: 'd-kind' }, KINDS.map((k) => option(k, term('kind', k), d && d.kind === k)));
  const unit = h('select', { class: 'd-unit' }, UNITS.map((u) => option(u, term('unit', u), (d ? d.unit : UNIT_OF[kind.value]) === u)));
  kind.addEventListener('change', () => (unit.value = UNIT_OF[kind.value]));
  const target = h('input', { type: 'number', class: 'd-target', min: 1, step: 1, inputmode: 'numeric', value: d ? d.target : '' });
  const group = h('select', { class: 'd-group' }, option('', t('award.anyGroup')), GROUPS.map((g) => option(g, term('category', g), d && d.targetGroup === g)));
  const minimum = h('input', { type: 'number', class: 'd-minimum', min: 1, step: 1, inputmode: 'numeric', value: d && d.minimumPerBeneficiary ? d.minimumPerBeneficiary : '' });
  const cadence = h('select', { class: 'd-cadence' }, option('', t('award.noCadence')), CADENCES.map((c) => option(c, t(`award.cadence.${c}`), d && d.cadence === c)));
  return part('deliverable', [
    h('div', { class: 'row pair' }, partField('kind', t('award.kind'), kind), partField('unit', t('award.unit'), unit)),
    h('div', { class: 'row pair' }, partField('target', t('award.target'), target), partField('targetGroup', t('award.targetGroup'), group)),
    h('div', { class: 'row pair' }, partField('minimumPerBeneficiary', t('award.minimum'), minimum), partField('cadence', t('award.cadence'), cadence)),
    h('small', { class: 'hint' }, t('award.minimumHint')),
  ], onRemove);
}

function milestoneBox(m, onRemove, defaults) {
  const kind = h('select', { class: 'm-kind' }, MILESTONES.map((k) => option(k, term('milestone', k), (m ? m.kind : defaults.kind) === k)));
  const share = h('input', { type: 'number', class: 'm-share', min: 0.01, max: 100, step: '0.01', inputmode: 'decimal', value: m ? Number(m.sharePercent) : defaults.share });
  const due = h('input', { type: 'date', class: 'm-due', value: m ? m.dueDate : '' });
  const evaluation = h('input', { type: 'checkbox', class: 'm-evaluation', checked: m ? m.requiresEvaluation : defaults.kind !== 'FIRST' });
  const evalId = uid('m');
  evaluation.id = evalId;
  const evalWrap = h('div', { class: 'field', 'data-part': 'requiresEvaluation' },
    h('label', { class: 'check', for: evalId }, evaluation, ' ', t('award.requiresEvaluation')),
    h('small', { class: 'field-error', 'aria-live': 'polite' }));
  return part('milestone', [
    h('div', { class: 'row pair' }, partField('kind', t('award.milestoneKind'), kind), partField('sharePercent', t('award.share'), share)),
    h('div', { class: 'row pair' }, partField('dueDate', t('award.dueDate'), due), evalWrap),
  ], onRemove);
}

/** The API's field names that name a whole part or one checkbox: shown under the input they concern. */
function rename(name, code) {
  let m = /^(deliverables|milestones)\[(\d+)\]$/.exec(name);
  if (m && m[1] === 'milestones') return `${name}.${/DUE/.test(code) ? 'dueDate' : /KIND/.test(code) ? 'kind' : 'sharePercent'}`;
  if (m) return `${name}.${/MINIMUM/.test(code) ? 'minimumPerBeneficiary' : /KIND/.test(code) ? 'kind' : 'target'}`;
  m = /^(coveredTowns|targetGroups)\[\d+\]$/.exec(name);
  return m ? m[1] : name;
}

/** The award form: a new project, or a draft being revised (same body, PUT), with Activate once saved. */
async function formScreen(main, draft) {
  const [orgs, towns] = await Promise.all([get('organizations'), countyTowns()]);
  main.append(h('p', null, h('a', { href: '#/projects', class: 'back' }, t('award.back'))),
    h('h1', null, draft ? [t('award.draftTitle'), ' ', h('span', { 'data-data': '' }, draft.title)] : t('award.newTitle')));
  if (draft) main.append(h('p', { class: 'notice', id: 'draft-notice' }, t('award.draftNotice')));

  const contract = h('input', { type: 'text', name: 'contractNumber', maxlength: 64, value: draft ? draft.contractNumber : '', disabled: !!draft, autocomplete: 'off' });
  const title = h('input', { type: 'text', name: 'title', maxlength: 200, value: draft ? draft.title : '' });
  const org = draft
    ? h('input', { type: 'text', name: 'organizationId', value: (orgs.find((o) => o.id === draft.organizationId) || { displayName: '' }).displayName, disabled: true })
    : h('select', { name: 'organizationId' }, option('', t('award.chooseOrganization')), orgs.map((o) => option(o.id, o.displayName)));
  const budget = h('input', { type: 'number', name: 'budget', min: 0, step: '0.01', inputmode: 'decimal', value: draft ? Number(draft.budget) : '' });
  const start = h('input', { type: 'date', name: 'periodStart', value: draft ? draft.periodStart : '' });
  const end = h('input', { type: 'date', name: 'periodEnd', value: draft ? draft.periodEnd : '' });
  const lock = h('input', { type: 'number', name: 'lockDays', min: 0, max: 90, step: 1, inputmode: 'numeric', value: draft ? draft.lockDays : 10 });
  const summary = h('div', { class: 'error', role: 'alert', id: 'award-summary' });

  const deliverables = h('div', { class: 'parts', id: 'deliverables' });
  const milestones = h('div', { class: 'parts', id: 'milestones' });
  const numberD = () => renumber(deliverables, 'deliverables', 'award.deliverableN');
  const numberM = () => renumber(milestones, 'milestones', 'award.milestoneN');
  const addD = (d) => { deliverables.append(deliverableBox(d, numberD)); numberD(); };
  const addM = (m) => {
    const n = milestones.children.length;
    milestones.append(milestoneBox(m, numberM, { kind: MILESTONES[Math.min(n, 2)], share: n ? '' : 30 }));
    numberM();
  };
  (draft && draft.deliverables.length ? draft.deliverables : [null]).forEach(addD);
  (draft && draft.milestones.length ? draft.milestones : [null]).forEach(addM);

  const save = h('button', { type: 'submit', id: 'award-save' }, draft ? t('award.saveDraft') : t('award.create'));
  const form = h('form', { id: 'award-form', novalidate: true },
    h('section', { class: 'card' }, h('h2', null, t('award.contract')),
      field(t('award.contractNumber'), contract, draft ? t('award.contractFixed') : t('award.contractHint')),
      field(t('award.title'), title),
      field(t('award.organization'), org, draft ? t('award.organizationFixed') : null),
      field(t('award.budget'), budget, t('award.budgetHint')),
      h('div', { class: 'row pair' }, field(t('award.periodStart'), start), field(t('award.periodEnd'), end)),
      field(t('award.lockDays'), lock, t('award.lockDaysHint'))),
    h('section', { class: 'card' }, h('h2', null, t('award.where')),
      towns.length
        ? checkGroup('coveredTowns', t('award.towns'), towns.map((x) => [x.code, x.name]), draft ? draft.coveredTowns : [], t('award.townsHint'), true)
        : h('p', { class: 'hint' }, t('award.noTowns')),
      checkGroup('targetGroups', t('award.targetGroups'), GROUPS.map((g) => [g, term('category', g)]), draft ? draft.targetGroups : [])),
    h('section', { class: 'card' }, h('h2', null, t('award.deliverables')), deliverables,
      h('button', { type: 'button', class: 'secondary', id: 'add-deliverable', onclick: () => addD(null) }, t('award.addDeliverable'))),
    h('section', { class: 'card' }, h('h2', null, t('award.milestones')), h('p', { class: 'hint' }, t('award.milestonesHint')), milestones,
      h('button', { type: 'button', class: 'secondary', id: 'add-milestone', onclick: () => addM(null) }, t('award.addMilestone'))),
    summary, save);
  main.append(form);

  const body = () => ({
    contractNumber: draft ? draft.contractNumber : contract.value.trim(),
    title: title.value.trim(),
    organizationId: draft ? draft.organizationId : org.value || null,
    budget: budget.value === '' ? null : budget.value,
    periodStart: start.value || null,
    periodEnd: end.value || null,
    coveredTowns: checked(form, 'coveredTowns'),
    targetGroups: checked(form, 'targetGroups'),
    lockDays: lock.value === '' ? null : Number(lock.value),
    deliverables: [...deliverables.children].map((box) => {
      const v = (c) => box.querySelector(c).value;
      return { kind: v('.d-kind'), unit: v('.d-unit'), target: v('.d-target') === '' ? null : Number(v('.d-target')),
        targetGroup: v('.d-group') || null, minimumPerBeneficiary: v('.d-minimum') === '' ? null : Number(v('.d-minimum')),
        cadence: v('.d-cadence') || null };
    }),
    milestones: [...milestones.children].map((box) => ({
      kind: box.querySelector('.m-kind').value, sharePercent: box.querySelector('.m-share').value || null,
      dueDate: box.querySelector('.m-due').value || null, requiresEvaluation: box.querySelector('.m-evaluation').checked,
    })),
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    save.disabled = true;
    try {
      const saved = draft ? (await api('PUT', `projects/${draft.id}`, { body: body() })).data : await post('projects', body());
      if (draft) render();
      else go(`#/contracts/${saved.id}`);
    } catch (e) {
      (e.errors || []).forEach((x) => (x.field = rename(x.field || '', x.code)));
      showProblem(form, summary, e);
      const first = form.querySelector('[aria-invalid]');
      if (first) first.focus();
    } finally {
      save.disabled = false;
    }
  });

  if (draft) {
    const activateError = h('p', { class: 'error', role: 'alert', id: 'activate-error' });
    main.append(h('section', { class: 'card', id: 'activate' }, h('h2', null, t('award.activateTitle')),
      h('p', { class: 'hint' }, t('award.activateHint')),
      h('button', { type: 'button', id: 'activate-button', onclick: async () => {
        activateError.textContent = '';
        try {
          await post(`projects/${draft.id}/activate`, {});
          render();
        } catch (e) {
          activateError.textContent = describe(e);
        }
      } }, t('award.activate')), activateError));
    main.append(endSection(draft));
  }
}

/** The project as its funder steers it after activation. */
async function contractScreen(main, p) {
  const [towns, amendments, standing] = await Promise.all([countyTowns(), get(`projects/${p.id}/amendments`),
    get('reports/bureau/projects').then((r) => r.projects.find((x) => x.projectId === p.id)).catch(() => null)]);
  const kindOf = (id) => {
    const d = p.deliverables.find((x) => x.id === id);
    return d ? term('kind', d.kind) : '';
  };
  add(main, h('p', null, h('a', { href: '#/projects', class: 'back' }, t('award.back'))),
    h('h1', null, h('span', { 'data-data': '' }, p.title), ' ', h('span', { class: `badge project-${p.status}`, id: 'contract-status', 'data-status': p.status }, term('projectStatus', p.status))),
    h('p', { class: 'meta' }, `${p.contractNumber} · `, h('span', { 'data-data': '' }, standing ? standing.organizationName : ''),
      ` · ${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)} · ${t('projects.budget')} ¥${formatNumber(Number(p.budget))}`),
    p.status === 'ACTIVE' ? h('p', null, h('a', { href: `#/project/${p.id}`, class: 'dashboard-link button-link' }, t('projects.dashboard'))) : null,
    p.statusReason ? h('p', { class: 'notice', id: 'status-reason' }, t('award.terminatedBecause'), ' ', h('q', null, p.statusReason)) : null);

  main.append(h('section', { class: 'card', id: 'terms' }, h('h2', null, t('award.terms')),
    h('dl', { class: 'facts' },
      h('dt', null, t('award.towns')), h('dd', { id: 'terms-towns' }, p.coveredTowns.map((c) => townName(towns, c)).join(t('award.listSep'))),
      h('dt', null, t('award.targetGroups')), h('dd', null, p.targetGroups.length ? p.targetGroups.map((g) => term('category', g)).join(t('award.listSep')) : t('award.anyGroup')),
      h('dt', null, t('award.lockDays')), h('dd', null, t('award.lockDaysValue', { n: p.lockDays }))),
    h('ul', { class: 'terms-deliverables' }, p.deliverables.map((d) => h('li', { 'data-deliverable': d.id, 'data-target': d.target },
      `${term('kind', d.kind)}：${formatNumber(d.target)} ${term('unit', d.unit)}`,
      d.targetGroup ? ` · ${term('category', d.targetGroup)}` : '',
      d.minimumPerBeneficiary ? ` · ${t('award.minimumLine', { n: d.minimumPerBeneficiary, cadence: t(`award.cadence.${d.cadence}`) })}` : '')))));

  main.append(amendmentsSection(p, amendments, towns, kindOf));
  main.append(milestonesSection(p));
  if (p.status === 'ACTIVE') main.append(endSection(p));
}

function describeAmendment(a, towns, kindOf) {
  const value = (v) => {
    if (a.kind === 'PERIOD') return v.split('/').map(formatDate).join(' – ');
    if (a.kind === 'TOWNS') return v.split(',').map((c) => townName(towns, c)).join(t('award.listSep'));
    return formatNumber(Number(v));
  };
  const what = a.kind === 'TARGET' ? t('award.amendTargetOf', { kind: kindOf(a.deliverableId) }) : t(`award.amendKind.${a.kind}`);
  return t('award.amendLine', { what, before: value(a.before), after: value(a.after) });
}

/** The contract's history of amendments, and (while active) the form that records a new one. */
function amendmentsSection(p, amendments, towns, kindOf) {
  const history = amendments.length
    ? h('ol', { class: 'timeline', id: 'amendments' }, amendments.map((a) => h('li', { 'data-amendment': a.id, 'data-kind': a.kind },
      h('strong', null, describeAmendment(a, towns, kindOf)),
      h('br'), h('small', null, t('award.amendedLine', { on: formatDate(a.effectiveOn), at: formatDateTime(a.createdAt) })),
      h('br'), t('award.reasonLabel'), h('q', { 'data-data': '' }, a.reason))))
    : h('p', { class: 'hint', id: 'amendments' }, t('award.noAmendments'));
  const section = h('section', { class: 'card', id: 'amendments-card' }, h('h2', null, t('award.amendments')), history);
  if (p.status !== 'ACTIVE') return section;

  const kind = h('select', { name: 'kind' }, ['TARGET', 'PERIOD', 'TOWNS'].map((k) => option(k, t(`award.amendKind.${k}`))));
  const deliverable = h('select', { name: 'deliverableId' }, p.deliverables.map((d) => option(d.id, `${term('kind', d.kind)} (${formatNumber(d.target)})`)));
  const target = h('input', { type: 'number', name: 'target', min: 1, step: 1, inputmode: 'numeric' });
  const start = h('input', { type: 'date', name: 'periodStart', value: p.periodStart });
  const end = h('input', { type: 'date', name: 'periodEnd', value: p.periodEnd });
  const townBoxes = checkGroup('coveredTowns', t('award.towns'), towns.map((x) => [x.code, x.name]), p.coveredTowns, null, true);
  const reason = h('textarea', { name: 'reason', maxlength: 500, rows: 2 });
  const effective = h('input', { type: 'date', name: 'effectiveOn', value: localDate(new Date()), min: p.periodStart, max: p.periodEnd });
  const summary = h('div', { class: 'error', role: 'alert' });
  const parts = {
    TARGET: h('div', { class: 'amend-part' }, field(t('award.deliverable'), deliverable), field(t('award.newTarget'), target)),
    PERIOD: h('div', { class: 'amend-part row pair' }, field(t('award.periodStart'), start), field(t('award.periodEnd'), end)),
    TOWNS: h('div', { class: 'amend-part' }, townBoxes),
  };
  const show = () => Object.entries(parts).forEach(([k, el]) => (el.hidden = k !== kind.value));
  kind.addEventListener('change', show);
  show();
  const form = h('form', { id: 'amend-form', novalidate: true }, h('h3', null, t('award.amendTitle')),
    h('p', { class: 'hint' }, t('award.amendHint')),
    field(t('award.amendKind'), kind), Object.values(parts), field(t('award.reason'), reason), field(t('award.effectiveOn'), effective),
    summary, h('button', { type: 'submit', id: 'amend-submit' }, t('award.amend')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    const body = { kind: kind.value, reason: reason.value.trim(), effectiveOn: effective.value || null };
    if (kind.value === 'TARGET') Object.assign(body, { deliverableId: deliverable.value, target: target.value === '' ? null : Number(target.value) });
    if (kind.value === 'PERIOD') Object.assign(body, { periodStart: start.value || null, periodEnd: end.value || null });
    if (kind.value === 'TOWNS') body.coveredTowns = checked(form, 'coveredTowns');
    try {
      await post(`projects/${p.id}/amendments`, body);
      render();
    } catch (e) {
      (e.errors || []).forEach((x) => (x.field = rename(x.field || '', x.code)));
      showProblem(form, summary, e);
    }
  });
  section.append(form);
  return section;
}

/** What is due: each milestone with its share, amount, due date and state; pay it, print its payment notice. */
function milestonesSection(p) {
  const today = localDate(new Date());
  const payable = (m) => m.status === 'RELEASED' || (m.status === 'PENDING' && !m.requiresEvaluation);
  const rows = p.milestones.map((m) => {
    const overdue = m.status !== 'PAID' && m.dueDate < today;
    const action = h('td', { class: 'actions' });
    if (p.status === 'ACTIVE' && payable(m)) action.append(payForm(p, m, today));
    if (payable(m) || m.status === 'PAID') action.append(noticeButton(p, m));
    if (m.status === 'PENDING' && m.requiresEvaluation) {
      action.append(h('small', { class: 'hint' }, t('award.waitsForEvaluation'), ' '),
        // The sheet that releases it, preselected: its project, the stage its kind calls for, the milestone itself.
        h('a', { href: `#/evaluations?project=${p.id}&stage=${m.kind === 'FINAL' ? 'FINAL' : 'MID_TERM'}&milestone=${m.id}`,
          class: 'evaluation-link' }, t('award.toEvaluations')));
    }
    return h('tr', { 'data-milestone': m.id, 'data-status': m.status },
      h('th', { scope: 'row' }, term('milestone', m.kind)),
      h('td', { class: 'num' }, `${Number(m.sharePercent)}%`),
      h('td', { class: 'num' }, `¥${formatNumber(Number(m.amount))}`),
      h('td', null, formatDate(m.dueDate), overdue ? h('small', { class: 'warn' }, ` ${t('award.overdue')}`) : null),
      h('td', null, h('span', { class: `badge milestone-${m.status}` }, term('milestoneStatus', m.status)),
        m.paidOn ? h('small', null, h('br'), t('award.paidLine', { on: formatDate(m.paidOn) }), m.paymentReference ? [' · ', h('span', { 'data-data': '' }, m.paymentReference)] : null) : null),
      action);
  });
  return h('section', { class: 'card', id: 'milestones-card' }, h('h2', null, t('award.milestones')),
    p.milestones.length
      ? h('div', { class: 'table-wrap' }, stacked(h('table', { id: 'milestones-table' },
        h('thead', null, h('tr', null, ['award.milestoneKind', 'award.share', 'award.amount', 'award.dueDate', 'dashboard.status', 'award.action']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, rows))))
      : h('p', { class: 'hint' }, t('award.noMilestones')));
}

function payForm(p, m, today) {
  const paidOn = h('input', { type: 'date', name: 'paidOn', value: today, max: today });
  const reference = h('input', { type: 'text', name: 'reference', maxlength: 100, autocomplete: 'off' });
  const summary = h('div', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'pay-form', 'data-milestone': m.id, novalidate: true },
    field(t('award.paidOn'), paidOn), field(t('award.voucher'), reference, t('award.voucherHint')), summary,
    h('button', { type: 'submit', class: 'pay-button' }, t('award.pay', { amount: formatNumber(Number(m.amount)) })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    if (!confirm(t('award.payConfirm', { amount: formatNumber(Number(m.amount)) }))) return;
    try {
      await post(`projects/${p.id}/milestones/${m.id}/pay`, { paidOn: paidOn.value || null, reference: reference.value.trim() || null });
      render();
    } catch (e) {
      showProblem(form, summary, e);
    }
  });
  return form;
}

function noticeButton(p, m) {
  const status = h('span', { class: 'export-status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'secondary notice-button', 'data-milestone': m.id, onclick: async () => {
    button.disabled = true;
    status.className = 'export-status';
    status.textContent = t('export.working');
    try {
      const file = await download(`exports/projects/${p.id}/milestones/${m.id}/notice?format=PDF`, 'payment-notice.pdf');
      status.textContent = t('export.done', { name: file.name, size: formatNumber(Math.ceil(file.size / 1024)) });
      status.dataset.file = file.name;
    } catch (e) {
      status.className = 'export-status error';
      status.textContent = describe(e);
    } finally {
      button.disabled = false;
    }
  } }, t('award.notice'));
  return h('div', { class: 'notice-download' }, button, status);
}

/** Close (ACTIVE, ran its course) or terminate with a reason (DRAFT or ACTIVE). */
function endSection(p) {
  const reason = h('textarea', { name: 'reason', maxlength: 500, rows: 2 });
  const summary = h('div', { class: 'error', role: 'alert', id: 'end-summary' });
  const terminate = h('form', { id: 'terminate-form', novalidate: true }, field(t('award.terminateReason'), reason, t('award.terminateHint')), summary,
    h('button', { type: 'submit', class: 'danger', id: 'terminate-button' }, t('award.terminate')));
  terminate.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(terminate, summary);
    if (reason.value.trim() && !confirm(t('award.terminateConfirm'))) return;
    try {
      await post(`projects/${p.id}/terminate`, { reason: reason.value.trim() });
      render();
    } catch (e) {
      showProblem(terminate, summary, e);
    }
  });
  const closeError = h('p', { class: 'error', role: 'alert', id: 'close-error' });
  return h('section', { class: 'card', id: 'end' }, h('h2', null, t('award.endTitle')),
    p.status === 'ACTIVE' ? [h('p', { class: 'hint' }, t('award.closeHint')),
      h('button', { type: 'button', id: 'close-button', onclick: async () => {
        closeError.textContent = '';
        if (!confirm(t('award.closeConfirm'))) return;
        try {
          await post(`projects/${p.id}/close`, {});
          render();
        } catch (e) {
          closeError.textContent = describe(e);
        }
      } }, t('award.close')), closeError] : null,
    terminate);
}
