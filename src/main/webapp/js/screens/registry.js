import { h, field, fieldError, option, replace } from '../dom.js';
import { t, term, formatDate, formatDateTime } from '../i18n.js';
import { api, get, post, ApiError } from '../api.js';
import { describe } from '../main.js';

const CATEGORIES = ['LEFT_BEHIND_CHILD', 'CHILD_IN_DIFFICULTY', 'LEFT_BEHIND_ELDERLY', 'LEFT_BEHIND_WOMAN', 'OTHER'];
const RISKS = ['LOW', 'MEDIUM', 'HIGH'];
const DIFFICULTIES = ['ORPHAN', 'DE_FACTO_UNSUPPORTED', 'LOW_INCOME', 'DISABLED', 'UNSAFE_GUARDIANSHIP'];
const RELATIONSHIPS = ['FATHER', 'MOTHER', 'GRANDPARENT', 'RELATIVE', 'OTHER'];
const END_REASONS = ['LEFT_AREA', 'AGED_OUT', 'TRANSFERRED', 'OTHER'];
let polling = null;

const pad = (n) => String(n).padStart(2, '0');
/** Today in China, as the API's dates are. */
export function today() {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A refusal in words: the field's own code when the API names one (a 400 says only VALIDATION_FAILED). */
export function reason(e) {
  if (e instanceof ApiError && e.errors.length) {
    return e.errors.map((err) => (t(`problem.${err.code}`) === `problem.${err.code}` ? err.message : t(`problem.${err.code}`))).join('；');
  }
  return describe(e);
}

/** Puts each of the API's field errors under its field (rename maps API names to the form's); the rest in summary. */
function showErrors(form, summary, e, rename = (n) => n) {
  form.querySelectorAll('.field-error').forEach((el) => (el.textContent = ''));
  summary.textContent = describe(e);
  for (const err of (e && e.errors) || []) {
    const text = t(`problem.${err.code}`) === `problem.${err.code}` ? err.message : t(`problem.${err.code}`);
    if (!fieldError(form, rename(err.field || ''), text)) summary.append(h('p', null, text));
  }
}

/** A checkbox whose label is the whole 44 px row (the box alone is too small a target on a phone). */
function check(name, value, label, checked, extra = {}) {
  const box = h('input', { type: 'checkbox', name, value, checked: !!checked, ...extra });
  return h('label', { class: 'check' }, box, h('span', null, label));
}

/**
 * The register, masked as the API lists it, with search; people are chosen with checkboxes and enrolled into one of
 * the organization's active projects in one action (one request per person, each answered in words); each person
 * opens for editing at #/registry/{id}. The ledger import above it refreshes the list when it finishes.
 */
export async function registryScreen(main, route) {
  if (route.id) return personScreen(main, route.id);
  const p = route.params;
  const query = new URLSearchParams({ limit: '100' });
  ['q', 'category', 'risk'].forEach((k) => p.get(k) && query.set(k, p.get(k)));

  const q = h('input', { name: 'q', type: 'search', value: p.get('q') || '' });
  const category = h('select', { name: 'category' }, option('', t('filter.all')), CATEGORIES.map((c) => option(c, term('category', c), c === p.get('category'))));
  const risk = h('select', { name: 'risk' }, option('', t('filter.all')), RISKS.map((r) => option(r, term('risk', r), r === p.get('risk'))));
  const filters = h('form', { class: 'filters', role: 'search' },
    field(t('registry.search'), q), field(t('registry.category'), category), field(t('registry.risk'), risk),
    h('button', { type: 'submit' }, t('filter.apply')));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (q.value.trim()) next.set('q', q.value.trim());
    if (category.value) next.set('category', category.value);
    if (risk.value) next.set('risk', risk.value);
    location.hash = `#/registry?${next}`;
  });

  const list = h('section', { id: 'registry-list', 'aria-live': 'polite' });
  const draw = async () => {
    const page = await get(`beneficiaries?${query}`);
    replace(list,
      h('p', { id: 'registry-count', class: 'count' }, t('registry.caption', { n: page.total })),
      page.items.length ? null : h('p', { class: 'hint' }, t('registry.none')),
      h('ul', { id: 'registry-table', class: 'people' }, page.items.map((b) => h('li', { class: 'person', 'data-id': b.id },
        check('pick', b.id, h('span', { 'data-data': true, class: 'name' }, b.name), false, { 'aria-label': t('registry.pick', { name: b.name }) }),
        h('p', { class: 'meta' }, [term('gender', b.gender), t('registry.ageYears', { n: b.age }), b.villageCode,
          b.categories.map((c) => term('category', c)).join('、'),
          `${t('registry.risk')}${t('label.colon')}${b.riskLevel ? term('risk', b.riskLevel) : t('registry.unassessed')}`].filter(Boolean).join(' · ')),
        h('a', { class: 'button', href: `#/registry/${b.id}`, 'data-open': b.id }, t('registry.open'))))));
  };

  main.append(h('h1', null, t('registry.title')), await importPanel(draw), filters, await enrolPanel(list), list);
  await draw();
}

/** Enrols the chosen people into a project on a day: one request per person, the outcome of each in words. */
async function enrolPanel(list) {
  const projects = (await get('projects?status=ACTIVE&limit=200')).items;
  const project = h('select', { name: 'project', id: 'enrol-project' }, option('', t('enrol.chooseProject')),
    projects.map((x) => option(x.id, x.title)));
  const on = h('input', { type: 'date', name: 'enrolledOn', id: 'enrol-date', value: today(), max: today() });
  const results = h('ul', { id: 'enrol-results', class: 'results', 'aria-live': 'polite' });
  const summary = h('p', { id: 'enrol-summary', role: 'status' });
  const all = check('all', 'all', t('enrol.all'), false, { id: 'enrol-all' });
  all.querySelector('input').addEventListener('change', (event) => {
    list.querySelectorAll('input[name=pick]').forEach((box) => (box.checked = event.target.checked));
  });
  const form = h('form', { class: 'card', id: 'enrol-form', novalidate: true, 'aria-labelledby': 'enrol-title' },
    h('h2', { id: 'enrol-title' }, t('enrol.title')),
    h('p', { class: 'hint' }, projects.length ? t('enrol.explain') : t('enrol.noProjects')),
    field(t('enrol.project'), project), field(t('enrol.date'), on), all,
    h('button', { type: 'submit', class: 'primary', id: 'enrol-submit' }, t('enrol.submit')), summary, results);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    results.replaceChildren();
    const chosen = [...list.querySelectorAll('input[name=pick]:checked')];
    if (!project.value) {
      summary.textContent = t('enrol.needProject');
      project.focus();
      return;
    }
    if (!chosen.length) {
      summary.textContent = t('enrol.needPeople');
      return;
    }
    const button = form.querySelector('#enrol-submit');
    button.disabled = true;
    summary.textContent = t('enrol.working', { n: chosen.length });
    let done = 0;
    for (const box of chosen) {
      const name = box.closest('li').querySelector('.name').textContent;
      let outcome;
      try {
        await post(`projects/${project.value}/enrolments`, { beneficiaryId: box.value, enrolledOn: on.value || null });
        done += 1;
        box.checked = false;
        outcome = h('li', { class: 'ok', 'data-result': 'enrolled' }, h('span', { 'data-data': true }, name), ' · ', t('enrol.enrolled'));
      } catch (e) {
        outcome = h('li', { class: 'error', 'data-result': 'refused' }, h('span', { 'data-data': true }, name), ' · ', reason(e));
      }
      results.append(outcome);
    }
    button.disabled = false;
    const projectTitle = project.options[project.selectedIndex].textContent;
    summary.textContent = done === chosen.length
      ? t('enrol.doneAll', { done, project: projectTitle })
      : t('enrol.done', { done, refused: chosen.length - done, project: projectTitle });
  });
  return form;
}

/** Why an import failed, in words: the API's failure text starts with its code. */
function failure(text) {
  const code = (/^([A-Z_]+):/.exec(text || '') || [])[1];
  return code && t(`importFailure.${code}`) !== `importFailure.${code}` ? t(`importFailure.${code}`) : t('importFailure.IMPORT_FAILED');
}

async function importPanel(refresh) {
  const file = h('input', { type: 'file', name: 'ledger', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const bar = h('progress', { max: 1, value: 0, id: 'import-progress', hidden: true, 'aria-label': t('import.progress') });
  const status = h('div', { role: 'status', 'aria-live': 'polite', id: 'import-status' });
  const rejections = h('div', { id: 'import-rejections' });
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, t('import.title')),
    h('p', { class: 'hint' }, t('import.explain')),
    field(t('import.file'), file), h('button', { type: 'submit', class: 'primary', id: 'import-submit' }, t('import.start')),
    bar, status, rejections);

  const show = async (job) => {
    bar.hidden = false;
    bar.max = Math.max(1, job.rowsTotal || 1);
    bar.value = job.rowsDone || 0;
    status.textContent = t('import.state', {
      file: job.fileName || '', status: term('jobStatus', job.status), done: job.rowsDone || 0, total: job.rowsTotal || 0,
      created: job.created || 0, updated: job.updated || 0, unchanged: job.unchanged || 0, rejected: job.rejected || 0,
    });
    if (job.status === 'DONE' && !job.rowsTotal) status.append(h('p', { class: 'warn', id: 'import-empty' }, t('import.noRows')));
    if (job.status === 'FAILED') status.append(h('p', { class: 'error', id: 'import-failure' }, failure(job.failure)));
    if (job.status === 'DONE' && job.rejected) {
      const rows = (await get(`beneficiaries/imports/${job.id}/rejections?limit=200`)).items;
      rejections.replaceChildren(h('table', null, h('caption', null, t('import.rejections')),
        h('thead', null, h('tr', null, ['import.row', 'import.column', 'import.code'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, rows.map((r) => h('tr', null, h('td', null, r.row), h('td', { 'data-data': true }, r.field),
          h('td', { 'data-code': r.code }, t(`problem.${r.code}`) === `problem.${r.code}` ? t('import.otherReason') : t(`problem.${r.code}`)))))));
    }
    return job.status === 'DONE' || job.status === 'FAILED';
  };
  // Only an import followed to its end on this screen redraws the list (a finished one shown on arrival has not changed it).
  const follow = (id) => {
    clearInterval(polling);
    polling = setInterval(async () => {
      if (!document.body.contains(bar)) return clearInterval(polling);
      try {
        if (await show(await get(`beneficiaries/imports/${id}`))) {
          clearInterval(polling);
          await refresh();
        }
      } catch (e) {
        status.textContent = describe(e);
        clearInterval(polling);
      }
    }, 1000);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    rejections.replaceChildren();
    const chosen = file.files[0];
    if (!chosen) {
      status.textContent = t('import.chooseFile');
      file.focus();
      return;
    }
    if (!chosen.size) {
      bar.hidden = true;
      status.replaceChildren(h('p', { class: 'warn', id: 'import-empty' }, t('import.emptyFile', { file: chosen.name })));
      return;
    }
    try {
      const { data } = await api('POST', `beneficiaries/imports?fileName=${encodeURIComponent(chosen.name)}`, { file: chosen });
      if (await show(data)) await refresh();
      else follow(data.id);
    } catch (e) {
      status.textContent = describe(e);
    }
  });

  const recent = (await get('beneficiaries/imports?limit=1')).items[0];
  if (recent) {
    const finished = await show(recent);
    if (!finished) follow(recent.id);
    status.prepend(h('span', { class: 'hint' }, `${t('import.latest')} ${formatDateTime(recent.createdAt)} · `));
  }
  return form;
}

/**
 * One person of the register, opened (and so audited) for editing: particulars, categories and difficulty, risk with
 * its reason, guardians (added; each opened in full only on request), and the person's enrolments, of which an
 * active one can be ended on a day for a reason. A link leads to the child's record (#/person/{id}).
 */
async function personScreen(main, id) {
  const b = await get(`beneficiaries/${id}`);
  const enrolments = await get(`beneficiaries/${id}/enrolments`);
  const redraw = () => { main.replaceChildren(); return personScreen(main, id); };

  main.append(h('p', null, h('a', { href: '#/registry', class: 'back' }, t('regPerson.backToRegister'))),
    h('h1', { id: 'person-title' }, h('span', { 'data-data': true }, b.name), ' ',
      h('span', { class: 'badge' }, b.risk ? `${t('registry.risk')}${t('label.colon')}${term('risk', b.risk.level)}` : t('registry.unassessed'))),
    h('p', { class: 'meta' }, [term('gender', b.gender), t('registry.ageYears', { n: b.age }), b.villageCode,
      b.categories.map((c) => term('category', c)).join('、')].filter(Boolean).join(' · ')),
    h('p', null, h('a', { class: 'button', href: `#/person/${id}`, id: 'view-record' }, t('regPerson.viewRecord'))));

  main.append(enrolmentsCard(b, enrolments, redraw), riskCard(b, redraw), particularsCard(b, redraw), guardiansCard(b, redraw));
}

function enrolmentsCard(b, enrolments, redraw) {
  const items = enrolments.map((e) => {
    const line = h('li', { class: `enrolment enrolment-${e.status}`, 'data-enrolment': e.id },
      h('p', null, h('strong', { 'data-data': true }, e.projectTitle), ' ', h('span', { class: `badge enrolment-${e.status}` }, term('enrolmentStatus', e.status))),
      h('p', { class: 'meta' }, t('personEnrolment.since', { on: formatDate(e.enrolledOn) }),
        e.status === 'ENDED' ? ` · ${t('personEnrolment.endedLine', { on: formatDate(e.endedOn), reason: term('endReason', e.endReason) })}` : '',
        e.status === 'ENDED' && e.endNote ? h('span', { 'data-data': true }, ` · ${e.endNote}`) : '',
        e.status === 'VOIDED' ? ` · ${t('personEnrolment.voidedLine')}` : ''));
    if (e.status === 'ACTIVE') line.append(endForm(e, redraw));
    return line;
  });
  return h('section', { class: 'card', id: 'person-enrolments', 'aria-labelledby': 'enrolments-title' },
    h('h2', { id: 'enrolments-title' }, t('personEnrolment.title')),
    items.length ? h('ul', { class: 'plain' }, items) : h('p', { class: 'hint' }, t('personEnrolment.none')));
}

/** Ending is not voiding: the person was rightly served until that day. The form says so next to the reasons. */
function endForm(e, redraw) {
  const on = h('input', { type: 'date', name: 'endedOn', value: today(), min: e.enrolledOn, max: today() });
  const why = h('select', { name: 'reason' }, option('', t('personEnrolment.chooseReason')), END_REASONS.map((r) => option(r, term('endReason', r))));
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 500 });
  const summary = h('div', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'end-enrolment', novalidate: true, 'data-end': e.id },
    h('p', { class: 'hint' }, t('personEnrolment.endExplain')),
    field(t('personEnrolment.endedOn'), on), field(t('personEnrolment.reason'), why), field(t('personEnrolment.note'), note, t('personEnrolment.noteHint')),
    h('button', { type: 'submit', class: 'primary' }, t('personEnrolment.end')), summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!why.value) {
      fieldError(form, 'reason', t('error.required'));
      why.focus();
      return;
    }
    try {
      await post(`projects/${e.projectId}/enrolments/${e.id}/end`, { endedOn: on.value, reason: why.value, note: note.value || null });
      await redraw();
    } catch (err) {
      showErrors(form, summary, err);
    }
  });
  return h('details', { class: 'end' }, h('summary', null, t('personEnrolment.endTitle')), form);
}

function riskCard(b, redraw) {
  const level = h('select', { name: 'level', id: 'risk-level' }, option('', t('riskForm.choose')),
    RISKS.map((r) => option(r, term('risk', r), b.risk && b.risk.level === r)));
  const why = h('textarea', { name: 'reason', id: 'risk-reason', rows: 3, maxlength: 500 });
  const summary = h('div', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card', id: 'risk-form', novalidate: true, 'aria-labelledby': 'risk-title' },
    h('h2', { id: 'risk-title' }, t('riskForm.title')),
    b.risk ? h('p', { class: 'meta' }, t('riskForm.current', { level: term('risk', b.risk.level), at: formatDateTime(b.risk.assessedAt) }),
      h('br'), h('span', { 'data-data': true }, b.risk.reason)) : h('p', { class: 'hint' }, t('registry.unassessed')),
    field(t('riskForm.level'), level), field(t('riskForm.reason'), why, t('riskForm.reasonHint')),
    h('button', { type: 'submit', class: 'primary', id: 'risk-submit' }, t('riskForm.save')), summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await post(`beneficiaries/${b.id}/risk`, { level: level.value || null, reason: why.value });
      await redraw();
    } catch (e) {
      showErrors(form, summary, e);
    }
  });
  return form;
}

function particularsCard(b, redraw) {
  const input = (name, value, props = {}) => h('input', { name, value: value ?? '', ...props });
  const name = input('name', b.name);
  const gender = h('select', { name: 'gender' }, ['MALE', 'FEMALE'].map((g) => option(g, term('gender', g), b.gender === g)));
  const birth = input('birthDate', b.birthDate, { type: 'date' });
  const citizen = input('citizenId', b.citizenId, { autocomplete: 'off' });
  const phone = input('phone', b.phone, { type: 'tel' });
  const village = input('villageCode', b.villageCode, { inputmode: 'numeric' });
  const school = input('school', b.school);
  const grade = input('grade', b.grade);
  const categories = h('fieldset', { class: 'choices', 'data-field': 'categories' }, h('legend', null, t('registry.category')),
    CATEGORIES.map((c) => check('categories', c, term('category', c), b.categories.includes(c))), h('small', { class: 'field-error' }));
  const difficulty = h('select', { name: 'difficultyType' }, option('', t('regPerson.noDifficulty')),
    DIFFICULTIES.map((d) => option(d, term('difficulty', d), b.difficultyType === d)));
  const summary = h('div', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card', id: 'particulars-form', novalidate: true, 'aria-labelledby': 'particulars-title' },
    h('h2', { id: 'particulars-title' }, t('regPerson.particulars')),
    field(t('registry.name'), name), field(t('registry.gender'), gender), field(t('regPerson.birthDate'), birth),
    field(t('registry.citizenId'), citizen), field(t('regPerson.phone'), phone), field(t('registry.village'), village),
    field(t('regPerson.school'), school), field(t('regPerson.grade'), grade), categories, field(t('regPerson.difficulty'), difficulty),
    h('button', { type: 'submit', class: 'primary', id: 'particulars-submit' }, t('regPerson.save')), summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      version: b.version, name: name.value, gender: gender.value, birthDate: birth.value || null, citizenId: citizen.value || null,
      phone: phone.value || null, villageCode: village.value, school: school.value || null, grade: grade.value || null,
      categories: [...form.querySelectorAll('input[name=categories]:checked')].map((x) => x.value),
      difficultyType: difficulty.value || null,
    };
    try {
      await post(`beneficiaries/${b.id}/revise`, body);
      await redraw();
    } catch (e) {
      showErrors(form, summary, e);
    }
  });
  return form;
}

function guardiansCard(b, redraw) {
  const relationship = h('select', { name: 'relationship' }, option('', t('guardianForm.chooseRelationship')),
    RELATIONSHIPS.map((r) => option(r, term('relationship', r))));
  const name = h('input', { name: 'name' });
  const phone = h('input', { name: 'phone', type: 'tel' });
  const lives = check('livesWithChild', 'true', t('guardianForm.livesWithChild'), false);
  const entrusted = check('entrusted', 'true', t('guardianForm.entrusted'), false);
  const agreed = h('input', { name: 'entrustmentAgreedOn', type: 'date', max: today() });
  const summary = h('div', { class: 'error', role: 'alert' });
  const form = h('form', { id: 'guardian-form', novalidate: true },
    h('h3', null, t('guardianForm.add')),
    field(t('guardianForm.relationship'), relationship), field(t('guardianForm.name'), name), field(t('guardianForm.phone'), phone),
    lives, entrusted, field(t('guardianForm.agreedOn'), agreed, t('guardianForm.agreedOnHint')),
    h('button', { type: 'submit', class: 'primary', id: 'guardian-submit' }, t('guardianForm.save')), summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await post(`beneficiaries/${b.id}/guardians`, {
        relationship: relationship.value || null, name: name.value, phone: phone.value || null,
        livesWithChild: lives.querySelector('input').checked, entrusted: entrusted.querySelector('input').checked,
        entrustmentAgreedOn: agreed.value || null,
      });
      await redraw();
    } catch (e) {
      showErrors(form, summary, e);
    }
  });
  return h('section', { class: 'card', id: 'person-guardians', 'aria-labelledby': 'guardians-title' },
    h('h2', { id: 'guardians-title' }, t('guardianForm.title')),
    b.guardians.length ? h('ul', { class: 'plain', id: 'guardian-list' }, b.guardians.map((g) => h('li', { 'data-guardian': g.id },
      h('strong', { 'data-data': true }, g.name), ` · ${term('relationship', g.relationship)}`, g.phone ? h('span', { 'data-data': true }, ` · ${g.phone}`) : '',
      g.livesWithChild ? ` · ${t('guardianForm.livesWithChild')}` : '',
      g.entrusted ? ` · ${t('guardianForm.entrustedOn', { on: formatDate(g.entrustmentAgreedOn) })}` : '')))
      : h('p', { class: 'hint' }, t('guardianForm.none')),
    h('details', { class: 'add' }, h('summary', null, t('guardianForm.add')), form));
}
