import { h, field, fieldError, option, replace } from '../dom.js';
import { t, term, formatDate, formatDateTime } from '../i18n.js';
import { all, get, post, session } from '../api.js';
import { caseload, people } from '../caseload.js';
import { clearErrors, localDate, showProblem } from '../forms.js';
import { go, toast } from '../main.js';

/**
 * Counseling cases (个案) from intake to a confirmed closure. The worker opens a case from a child (intake: who
 * referred, the presenting problems, consent), writes the assessment and a plan of goals (what, by when, how
 * measured, and how often sessions are meant to be), logs sessions in the counseling form (#/counseling?case=) with
 * progress per goal, and proposes closure with an outcome per goal; a supervisor or the org admin confirms the
 * closure or returns it with a reason the worker sees on the case. Confidential session notes are never read here:
 * the page only says that one exists.
 */
const OPEN = ['INTAKE', 'ASSESSED', 'PLANNED', 'CLOSING'];
const REFERRALS = ['SELF', 'GUARDIAN', 'SCHOOL', 'CHILD_DIRECTOR', 'TOWN_SUPERVISOR', 'OTHER_ORGANIZATION', 'POLICE', 'OTHER'];
const RELATIONSHIPS = ['GRANDPARENT', 'MOTHER', 'FATHER', 'RELATIVE', 'SELF', 'OTHER'];
const CONSENT_METHODS = ['WRITTEN', 'ORAL', 'ELECTRONIC'];
const OUTCOMES = ['GOALS_MET', 'PARTLY_MET', 'REFERRED', 'WITHDRAWN'];
const GOAL_OUTCOMES = ['ACHIEVED', 'PARTLY', 'NOT_ACHIEVED'];
const EVERY = [7, 14, 30];

const me = () => session.get().me;
const isWorker = () => me().user.roles.includes('SOCIAL_WORKER');

export async function casesScreen(main, route) {
  if (route.id === 'new') return intakeScreen(main, route);
  if (route.id) return caseScreen(main, route.id, route.params.get('referral'));
  return listScreen(main);
}

/** Project titles and (masked) names of the people enrolled in the given projects, as the lists show them. */
async function directory(projectIds) {
  const titles = new Map();
  const names = new Map();
  for (const p of (await get('projects?limit=200')).items) titles.set(p.id, p.title);
  for (const id of new Set(projectIds)) {
    for (const e of await all(`projects/${id}/enrolments?includeVoided=true`)) names.set(e.beneficiaryId, e.name);
  }
  return { titles, names };
}

const clientName = (names, c) => names.get(c.clientId) || t('visit.someone');

/** What a case waits for, in a few words: the next session, the supervisor, or the worker's next step. */
function nextStep(c) {
  if (c.status === 'CLOSING') return t('cases.awaitingConfirmation');
  if (c.status === 'INTAKE') return t('cases.next.assess');
  if (c.status === 'ASSESSED') return t('cases.next.plan');
  if (c.status === 'PLANNED') {
    return c.nextSessionDue ? t('cases.nextSession', { date: formatDate(c.nextSessionDue) }) : t('cases.noRhythm');
  }
  if (c.status === 'CLOSED') return t('cases.closedOn', { date: formatDate(c.closedAt) });
  return '';
}

function caseItem(c, dir, withWorker) {
  const today = localDate(new Date());
  const overdue = c.status === 'PLANNED' && c.nextSessionDue && c.nextSessionDue < today;
  const returned = c.closureComment && ['INTAKE', 'ASSESSED', 'PLANNED'].includes(c.status);
  return h('li', { 'data-case': c.id, 'data-status': c.status },
    h('a', { class: 'case-link', href: `#/cases/${c.id}` },
      h('span', { 'data-data': '' }, clientName(dir.names, c)),
      h('small', { 'data-data': '' }, ` · ${dir.titles.get(c.projectId) || ''}`)),
    h('span', { class: `badge case-${c.status}` }, term('caseStatus', c.status)),
    h('p', { class: overdue ? 'warn' : 'hint' },
      nextStep(c),
      c.lastSessionOn ? ` · ${t('cases.lastSession', { date: formatDate(c.lastSessionOn) })}` : '',
      withWorker && c.workerName ? ` · ${t('cases.worker')} ` : '',
      withWorker && c.workerName ? h('span', { 'data-data': '' }, c.workerName) : null),
    returned ? h('p', { class: 'badge warn' }, t('cases.closureReturned')) : null);
}

/**
 * "My cases" for the worker (open ones by the next session due, then ended ones); for a supervisor or the org admin
 * the organization's cases, with closures awaiting their confirmation first.
 */
async function listScreen(main) {
  const worker = isWorker();
  const cases = await all('cases?limit=200');
  const dir = await directory(cases.map((c) => c.projectId));
  main.append(h('h1', null, worker ? t('cases.mine') : t('cases.title')));
  if (worker) main.append(h('p', { class: 'links new-record' }, h('a', { class: 'button', href: '#/cases/new', id: 'new-case' }, t('cases.open'))));
  const byDue = (a, b) => (a.nextSessionDue || '9999').localeCompare(b.nextSessionDue || '9999') || b.intakeOn.localeCompare(a.intakeOn);
  const section = (id, title, list, empty) => h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title, ' ', h('span', { class: 'badge' }, String(list.length))),
    list.length ? h('ul', { class: 'list cases' }, list.map((c) => caseItem(c, dir, !worker))) : h('p', { class: 'hint' }, empty));
  const closing = cases.filter((c) => c.status === 'CLOSING');
  const open = cases.filter((c) => OPEN.includes(c.status) && c.status !== 'CLOSING').sort(byDue);
  const ended = cases.filter((c) => !OPEN.includes(c.status));
  if (worker) {
    main.append(section('open-cases', t('cases.openCases'), [...open, ...closing], t('cases.noneOpen')));
  } else {
    main.append(section('closing-cases', t('cases.toConfirm'), closing, t('cases.noneToConfirm')));
    main.append(section('open-cases', t('cases.openCases'), open, t('cases.noneOpen')));
  }
  main.append(section('ended-cases', t('cases.endedCases'), ended, t('cases.noneEnded')));
  main.append(h('p', { class: 'hint' }, t('cases.dueExplained')));
}

/** Intake (接案): the worker chooses project and child from their caseload (or comes with both from the child's record). */
async function intakeScreen(main, route) {
  main.append(h('h1', null, t('cases.intakeTitle')));
  if (!isWorker()) {
    main.append(h('p', { class: 'notice' }, t('cases.workersOpen')));
    return;
  }
  const load = await caseload({ fresh: true });
  const today = localDate(new Date());
  const project = h('select', { name: 'projectId', required: true },
    option('', t('cases.chooseProject')),
    load.projects.map((p) => option(p.id, p.title, p.id === route.params.get('project'))));
  const child = h('select', { name: 'beneficiaryId', required: true });
  const fillChildren = () => {
    const p = load.projects.find((x) => x.id === project.value);
    const wanted = child.value || route.params.get('child');
    replace(child, option('', t('visit.chooseChild')),
      p ? p.enrolled.map((e) => option(e.beneficiaryId, e.name, e.beneficiaryId === wanted)) : []);
  };
  if (!project.value && route.params.get('child')) {
    const holder = load.projects.find((p) => p.enrolled.some((e) => e.beneficiaryId === route.params.get('child')));
    if (holder) project.value = holder.id;
  }
  fillChildren();
  project.addEventListener('change', fillChildren);
  const intakeOn = h('input', { type: 'date', name: 'intakeOn', required: true, value: today, max: today });
  const referral = h('select', { name: 'referralSource', required: true },
    option('', t('cases.chooseReferral')), REFERRALS.map((r) => option(r, term('referral', r))));
  const issue = h('textarea', { name: 'presentingIssue', rows: 4, maxlength: 2000, required: true });
  const givenBy = h('input', { name: 'consent.givenBy', maxlength: 100, autocomplete: 'off' });
  const relationship = h('select', { name: 'consent.relationship' },
    option('', t('cases.chooseRelationship')), RELATIONSHIPS.map((r) => option(r, term('caseRelation', r))));
  const givenOn = h('input', { type: 'date', name: 'consent.givenOn', value: today, max: today });
  const method = h('select', { name: 'consent.method' }, CONSENT_METHODS.map((m) => option(m, term('consentMethod', m), m === 'WRITTEN')));
  const summary = h('div', { class: 'error', role: 'alert', id: 'intake-error' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'intake-submit' }, t('cases.openSubmit'));
  const form = h('form', { class: 'card case-form', novalidate: true, id: 'intake-form' },
    field(t('cases.project'), project),
    field(t('cases.child'), child),
    field(t('cases.intakeOn'), intakeOn),
    field(t('cases.referral'), referral),
    field(t('cases.issue'), issue, t('cases.issueHint')),
    h('fieldset', { 'data-field': 'consent' },
      h('legend', null, t('cases.consent')),
      h('small', { class: 'hint' }, t('cases.consentHint')),
      h('small', { class: 'field-error', 'aria-live': 'polite' }),
      field(t('cases.consentBy'), givenBy),
      field(t('cases.consentRelation'), relationship),
      field(t('cases.consentOn'), givenOn),
      field(t('cases.consentMethod'), method)),
    summary, h('div', { class: 'actions' }, submit));
  main.append(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    const required = [['projectId', project], ['beneficiaryId', child], ['intakeOn', intakeOn], ['referralSource', referral], ['presentingIssue', issue]];
    const empty = required.filter(([, input]) => !input.value.trim());
    empty.forEach(([name]) => fieldError(form, name, t('error.required')));
    if (empty.length) {
      summary.textContent = t('visit.incomplete');
      empty[0][1].focus();
      return;
    }
    const p = load.projects.find((x) => x.id === project.value);
    const caseDeliverables = ((p && p.deliverables) || []).filter((d) => d.kind === 'CASE');
    const body = {
      projectId: project.value,
      beneficiaryId: child.value,
      // A case counts toward the project's CASE deliverable when there is exactly one to count toward.
      deliverableId: caseDeliverables.length === 1 ? caseDeliverables[0].id : null,
      intakeOn: intakeOn.value,
      referralSource: referral.value,
      presentingIssue: issue.value.trim(),
      consent: givenBy.value.trim() || relationship.value
        ? { givenBy: givenBy.value.trim(), relationship: relationship.value, givenOn: givenOn.value, method: method.value }
        : null,
    };
    submit.disabled = true;
    try {
      const opened = await post('cases', body);
      toast(t('cases.opened'));
      go(`#/cases/${opened.id}`);
    } catch (e) {
      showProblem(form, summary, e);
    } finally {
      submit.disabled = false;
    }
  });
}

/** A small form that posts to the case and redraws it; the API's refusals appear under their fields. */
function action(id, { formId, path, body, button, done, primary = true }, ...fields) {
  const summary = h('div', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: primary ? 'primary' : null, id: `${formId}-submit` }, button);
  const form = h('form', { novalidate: true, id: formId, class: 'case-form' }, fields, summary, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    const payload = body(form, summary);
    if (!payload) return;
    submit.disabled = true;
    try {
      await post(`cases/${id}/${path}`, payload);
      toast(done);
      go(`#/cases/${id}`);
    } catch (e) {
      showProblem(form, summary, e);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** Marks empty required inputs; true when all are filled. */
function filled(form, summary, inputs) {
  const empty = inputs.filter((input) => !input.value.trim());
  empty.forEach((input) => fieldError(form, input.name, t('error.required')));
  if (empty.length) {
    summary.textContent = t('visit.incomplete');
    empty[0].focus();
  }
  return !empty.length;
}

function goalRow(index, goal, intakeOn) {
  const what = h('textarea', { name: `goals[${index}].goal`, rows: 2, maxlength: 500, value: (goal && goal.goal) || '' });
  const due = h('input', { type: 'date', name: `goals[${index}].dueOn`, min: intakeOn, value: (goal && goal.dueOn) || '' });
  const measure = h('input', { name: `goals[${index}].measure`, maxlength: 500, value: (goal && goal.measure) || '' });
  return h('fieldset', { class: 'goal', 'data-goal': String(index + 1) },
    h('legend', null, t('cases.goalN', { n: index + 1 })),
    field(t('cases.goalWhat'), what), field(t('cases.goalDue'), due), field(t('cases.goalMeasure'), measure, t('cases.goalMeasureHint')));
}

function planForm(c) {
  const rows = h('div', { id: 'goal-rows' });
  const draw = (goals) => replace(rows, goals.map((g, i) => goalRow(i, g, c.intakeOn)));
  const current = () => [...rows.querySelectorAll('fieldset.goal')].map((fs) => ({
    goal: fs.querySelector('textarea').value, dueOn: fs.querySelector('input[type=date]').value, measure: fs.querySelector('input:not([type])').value,
  }));
  draw(c.goals.length ? c.goals : [null]);
  const add = h('button', { type: 'button', id: 'add-goal', onclick: () => { if (current().length < 10) draw([...current(), null]); } }, t('cases.addGoal'));
  const remove = h('button', { type: 'button', id: 'remove-goal', onclick: () => { if (current().length > 1) draw(current().slice(0, -1)); } }, t('cases.removeGoal'));
  const every = h('select', { name: 'sessionEveryDays' }, option('', t('cases.everyNone')),
    EVERY.map((d) => option(String(d), t(`cases.every${d}`), c.sessionEveryDays === d)));
  return action(c.id, {
    formId: 'plan-form',
    path: 'plan',
    button: c.status === 'PLANNED' ? t('cases.revisePlan') : t('cases.savePlan'),
    done: t('cases.planned'),
    body: (form, summary) => {
      const inputs = [...rows.querySelectorAll('textarea, input')];
      if (!filled(form, summary, inputs)) return null;
      return {
        goals: current().map((g) => ({ goal: g.goal.trim(), dueOn: g.dueOn, measure: g.measure.trim() })),
        sessionEveryDays: every.value ? Number(every.value) : null,
      };
    },
  }, rows, h('div', { class: 'actions' }, add, remove), field(t('cases.every'), every, t('cases.everyHint')));
}

/** Per goal, the rating chosen in a radio group (none chosen: nothing). */
function goalChoices(goals, name, codes, group, chosen = {}) {
  return goals.map((g) => h('fieldset', { class: 'choices', [`data-${name}`]: String(g.position) },
    h('legend', null, t('cases.goalN', { n: g.position }), ' ', h('span', { 'data-data': '' }, g.goal)),
    codes.map((code) => {
      const id = `${name}-${g.position}-${code}`;
      return h('span', { class: 'choice' },
        h('input', { type: 'radio', name: `${name}-${g.position}`, id, value: code, checked: chosen[g.position] === code }),
        h('label', { for: id }, term(group, code)));
    })));
}

/** Referrals that can still carry the person on: not declined, withdrawn or closed, and not another case's. */
const linkable = (referrals, c) => referrals.filter((r) => !['DECLINED', 'WITHDRAWN', 'CLOSED'].includes(r.status) && (!r.caseId || r.caseId === c.id));

/**
 * Closing as REFERRED names the referral that carries the person on (#17): the person's open referrals to choose
 * from, or a link to refer now that comes back here with the new referral chosen.
 */
function referralChoice(c, referrals, chosen) {
  const open = linkable(referrals, c);
  const pick = chosen && open.some((r) => r.id === chosen) ? chosen : (open.length === 1 ? open[0].id : '');
  const radio = (value, label, id) => h('span', { class: 'choice' },
    h('input', { type: 'radio', name: 'referralId', id, value, checked: pick === value }), h('label', { for: id }, label));
  return h('fieldset', { class: 'choices stacked', id: 'case-referral-part', 'data-field': 'referralId', hidden: true },
    h('legend', null, t('cases.referralLink')),
    open.length
      ? open.map((r) => radio(r.id, [h('span', { 'data-data': '' }, r.receiverName || r.agencyName), ` · ${term('referralStatus', r.status)} · `,
        t('referrals.sentOn', { date: formatDate(r.sentAt) })], `case-referral-${r.id}`))
      : h('p', { class: 'hint', id: 'case-no-referrals' }, t('cases.noOpenReferrals')),
    open.length ? radio('', t('cases.referralNone'), 'case-referral-none') : null,
    h('p', null, h('a', { href: `#/referrals/new?child=${c.clientId}&case=${c.id}`, id: 'case-refer-now' }, t('cases.referNow'))),
    h('small', { class: 'field-error', 'aria-live': 'polite' }));
}

function closureForm(c, referrals, chosen) {
  const outcome = h('select', { name: 'outcome' }, option('', t('cases.chooseOutcome')), OUTCOMES.map((o) => option(o, term('caseOutcome', o), chosen && o === 'REFERRED')));
  const referral = referralChoice(c, referrals, chosen);
  const showReferral = () => { referral.hidden = outcome.value !== 'REFERRED'; };
  outcome.addEventListener('change', showReferral);
  showReferral();
  const text = h('textarea', { name: 'summary', rows: 4, maxlength: 2000 });
  const goals = h('div', { 'data-field': 'goalOutcomes' }, goalChoices(c.goals, 'goal-outcome', GOAL_OUTCOMES, 'goalOutcome'),
    h('small', { class: 'field-error', 'aria-live': 'polite' }));
  return action(c.id, {
    formId: 'closure-form',
    path: 'close',
    button: t('cases.proposeClosure'),
    done: t('cases.closureProposed'),
    body: (form, summary) => {
      const unrated = c.goals.filter((g) => !form.querySelector(`input[name="goal-outcome-${g.position}"]:checked`));
      if (unrated.length) fieldError(form, 'goalOutcomes', t('cases.rateEveryGoal'));
      if (!filled(form, summary, [outcome, text]) || unrated.length) {
        summary.textContent = t('visit.incomplete');
        return null;
      }
      const linked = outcome.value === 'REFERRED' && form.querySelector('input[name="referralId"]:checked');
      return {
        outcome: outcome.value,
        summary: text.value.trim(),
        referralId: linked && linked.value ? linked.value : null,
        goalOutcomes: c.goals.map((g) => ({ position: g.position, outcome: form.querySelector(`input[name="goal-outcome-${g.position}"]:checked`).value })),
      };
    },
  }, c.goals.length ? h('h3', null, t('cases.goalOutcomes')) : null, goals,
  field(t('cases.outcome'), outcome), referral, field(t('cases.summary'), text));
}

/** The latest rating of each goal across the case's sessions that are not voided: position → { progress, number }. */
function latestProgress(sessions) {
  const latest = {};
  for (const { record } of sessions) {
    if (record.status === 'VOIDED' || !record.session) continue;
    for (const p of record.session.goalProgress || []) {
      if (!latest[p.position] || latest[p.position].number < record.session.number) latest[p.position] = { progress: p.progress, number: record.session.number };
    }
  }
  return latest;
}

function dl(rows) {
  return h('dl', { class: 'facts' }, rows.filter(Boolean).map(([term_, value]) => [h('dt', null, term_), h('dd', null, value)]));
}

async function caseScreen(main, id, chosenReferral) {
  const c = await get(`cases/${encodeURIComponent(id)}`);
  const sessions = await get(`cases/${c.id}/sessions`);
  const dir = await directory([c.projectId]);
  const mine = isWorker() && c.workerId === me().user.id;
  // The counseling form lists the worker's planned cases from the caseload: refresh it so a case planned just now is there.
  if (mine) await caseload({ fresh: true });
  main.append(h('p', { class: 'links' }, h('a', { href: '#/cases', id: 'back-to-cases' }, t('cases.back'))));
  main.append(h('h1', null, t('cases.caseOf'), h('span', { 'data-data': '' }, clientName(dir.names, c))));
  main.append(h('p', { class: 'meta' },
    h('span', { class: `badge case-${c.status}`, id: 'case-status', 'data-status': c.status }, term('caseStatus', c.status)), ' ',
    h('span', { 'data-data': '' }, dir.titles.get(c.projectId) || ''),
    c.workerName && !mine ? [` · ${t('cases.worker')} `, h('span', { 'data-data': '' }, c.workerName)] : null));
  if (c.closureComment && ['INTAKE', 'ASSESSED', 'PLANNED'].includes(c.status)) {
    main.append(h('div', { class: 'notice warn', role: 'note', id: 'closure-returned' },
      h('strong', null, t('cases.returnedBecause')), ' ', h('q', null, c.closureComment)));
  }
  if (c.status === 'CLOSING') main.append(h('p', { class: 'notice', id: 'awaiting' }, mine || isWorker() ? t('cases.awaitingConfirmation') : t('cases.awaitingYou')));

  main.append(h('section', { class: 'card', id: 'intake', 'aria-labelledby': 'intake-title' },
    h('h2', { id: 'intake-title' }, t('cases.intake')),
    dl([
      [t('cases.intakeOn'), formatDate(c.intakeOn)],
      [t('cases.referral'), c.referralSource ? term('referral', c.referralSource) : t('cases.notRecorded')],
      [t('cases.issue'), h('span', { class: 'note' }, c.presentingIssue)],
      [t('cases.consent'), c.consent
        ? [h('span', { 'data-data': '' }, c.consent.givenBy), ` (${term('caseRelation', c.consent.relationship)}) · ${formatDate(c.consent.givenOn)} · ${term('consentMethod', c.consent.method)}`]
        : t('cases.notRecorded')],
    ])));

  const assessment = h('section', { class: 'card', id: 'assessment', 'aria-labelledby': 'assessment-title' },
    h('h2', { id: 'assessment-title' }, t('cases.assessment')),
    c.assessment ? h('p', { class: 'note', id: 'assessment-text' }, c.assessment) : h('p', { class: 'hint' }, t('cases.noAssessment')));
  if (mine && ['INTAKE', 'ASSESSED'].includes(c.status)) {
    const text = h('textarea', { name: 'assessment', rows: 5, maxlength: 4000, value: c.assessment || '' });
    assessment.append(action(c.id, {
      formId: 'assess-form', path: 'assess', button: c.assessment ? t('cases.reviseAssessment') : t('cases.saveAssessment'), done: t('cases.assessed'),
      body: (form, summary) => (filled(form, summary, [text]) ? { assessment: text.value.trim() } : null),
    }, field(c.assessment ? t('cases.reviseAssessmentLabel') : t('cases.assessmentLabel'), text, t('cases.assessmentHint'))));
  }
  main.append(assessment);

  const latest = latestProgress(sessions);
  const plan = h('section', { class: 'card', id: 'plan', 'aria-labelledby': 'plan-title' }, h('h2', { id: 'plan-title' }, t('cases.plan')));
  if (c.goals.length) {
    plan.append(h('ol', { class: 'goals', id: 'goals' }, c.goals.map((g) => h('li', { 'data-goal': String(g.position) },
      h('strong', { 'data-data': '' }, g.goal),
      h('br'),
      h('small', null, g.dueOn ? t('cases.dueBy', { date: formatDate(g.dueOn) }) : t('cases.noDue')),
      g.measure ? [h('br'), h('small', null, t('cases.measuredBy'), ' ', h('span', { 'data-data': '' }, g.measure))] : null,
      h('br'),
      latest[g.position]
        ? h('span', { class: `badge progress-${latest[g.position].progress}` }, t('cases.latestProgress', { progress: term('goalProgress', latest[g.position].progress), n: latest[g.position].number }))
        : h('small', null, t('cases.notRatedYet')),
      g.outcome ? [' ', h('span', { class: `badge outcome-${g.outcome}` }, term('goalOutcome', g.outcome))] : null))));
    plan.append(h('p', { class: 'hint', id: 'rhythm' }, c.sessionEveryDays ? t('cases.everyShown', { n: c.sessionEveryDays }) : t('cases.noRhythm')));
  } else {
    plan.append(h('p', { class: 'hint' }, c.status === 'INTAKE' ? t('cases.planAfterAssessment') : t('cases.noPlan')));
  }
  // A plan being followed is revised now and then: its form stays folded until asked for.
  if (mine && c.status === 'ASSESSED') plan.append(planForm(c));
  if (mine && c.status === 'PLANNED') plan.append(h('details', { class: 'more', id: 'revise-plan' }, h('summary', null, t('cases.revisePlanOpen')), planForm(c)));
  main.append(plan);

  const list = h('section', { class: 'card', id: 'sessions', 'aria-labelledby': 'sessions-title' },
    h('h2', { id: 'sessions-title' }, t('cases.sessions'), ' ', h('span', { class: 'badge' }, String(sessions.length))));
  if (c.status === 'PLANNED') {
    list.append(h('p', { id: 'next-session', class: c.nextSessionDue && c.nextSessionDue < localDate(new Date()) ? 'warn' : 'hint' },
      nextStep(c), c.nextSessionDue ? ` ${t('cases.dueExplainedShort')}` : ''));
  }
  if (mine && c.status === 'PLANNED') {
    list.append(h('p', { class: 'links new-record' }, h('a', { class: 'button', href: `#/counseling?case=${c.id}`, id: 'log-session' }, t('cases.logSession'))));
  }
  list.append(sessions.length
    ? h('ul', { class: 'list', id: 'session-list' }, sessions.map(({ record: r, hasNote }) => h('li', { 'data-record': r.id, 'data-status': r.status },
      mine
        ? h('a', { class: 'case-link', href: `#/counseling/${r.id}` }, t('cases.sessionN', { n: r.session.number }), ` · ${formatDateTime(r.startedAt)} · ${term('method', r.session.method)}`)
        : h('span', null, t('cases.sessionN', { n: r.session.number }), ` · ${formatDateTime(r.startedAt)} · ${term('method', r.session.method)}`),
      h('span', { class: `badge status-${r.status}` }, term('status', r.status)),
      (r.session.goalProgress || []).length
        ? h('p', { class: 'hint' }, r.session.goalProgress.map((p) => `${t('cases.goalN', { n: p.position })}: ${term('goalProgress', p.progress)}`).join(' · '))
        : null,
      hasNote ? h('p', { class: 'hint' }, t('cases.noteExists')) : null)))
    : h('p', { class: 'hint' }, t('cases.noSessions')));
  main.append(list);

  // The person's referrals: to offer when closing as REFERRED, and to name the one linked once closed so.
  const closingMine = mine && ['INTAKE', 'ASSESSED', 'PLANNED'].includes(c.status);
  const referrals = closingMine || c.outcome === 'REFERRED'
    ? await get(`referrals/sent?beneficiaryId=${c.clientId}&limit=200`).catch(() => []) : [];
  const linked = referrals.find((r) => r.caseId === c.id);
  const closure = h('section', { class: 'card', id: 'closure', 'aria-labelledby': 'closure-title' }, h('h2', { id: 'closure-title' }, t('cases.closure')));
  if (['CLOSING', 'CLOSED'].includes(c.status)) {
    closure.append(dl([
      [t('cases.outcome'), term('caseOutcome', c.outcome)],
      [t('cases.summary'), h('span', { class: 'note' }, c.closureSummary)],
      linked ? [t('cases.referredBy'), h('a', { href: `#/referrals/${linked.id}`, id: 'case-linked-referral' },
        h('span', { 'data-data': '' }, linked.receiverName || linked.agencyName), ` · ${term('referralStatus', linked.status)}`)] : null,
      [t('cases.proposedAt'), formatDateTime(c.closureProposedAt)],
      c.status === 'CLOSED' ? [t('cases.confirmedAt'), formatDateTime(c.closedAt)] : null,
    ]));
  }
  if (mine && ['INTAKE', 'ASSESSED', 'PLANNED'].includes(c.status)) {
    closure.append(h('p', { class: 'hint' }, t('cases.closureHint')), closureForm(c, referrals, chosenReferral));
  } else if (c.status === 'CLOSING' && !mine && !isWorker()) {
    closure.append(action(c.id, {
      formId: 'confirm-form', path: 'closure/confirm', button: t('cases.confirm'), done: t('cases.confirmed'), body: () => ({}),
    }));
    const reason = h('textarea', { name: 'comment', rows: 3, maxlength: 1000 });
    closure.append(action(c.id, {
      formId: 'return-form', path: 'closure/return', button: t('cases.return'), done: t('cases.returned'), primary: false,
      body: (form, summary) => (filled(form, summary, [reason]) ? { comment: reason.value.trim() } : null),
    }, field(t('cases.returnReason'), reason, t('cases.returnHint'))));
  } else if (!['CLOSING', 'CLOSED'].includes(c.status)) {
    closure.append(h('p', { class: 'hint' }, c.status === 'VOIDED' ? t('cases.voided') : t('cases.notProposed')));
  }
  main.append(closure);
}
