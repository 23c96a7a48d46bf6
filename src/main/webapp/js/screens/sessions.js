import { h, field, fieldError, option, replace } from '../dom.js';
import { t, term } from '../i18n.js';
import { get, Offline } from '../api.js';
import { steps } from '../outbox.js';
import { caseload, people, record } from '../caseload.js';
import { clearErrors, deliver, instant, localDate, missing, recordHeader, whenFields } from '../forms.js';
import { go, toast } from '../main.js';

const METHODS = ['FACE_TO_FACE', 'PHONE', 'VIDEO', 'HOME_VISIT', 'SCHOOL', 'OTHER'];
const ATTENDANCE = ['PRESENT', 'ABSENT', 'EXCUSED'];
const PROGRESS = ['NOT_STARTED', 'SOME_PROGRESS', 'ACHIEVED'];

/**
 * Progress toward each goal of the chosen case's plan: a choice per goal (none chosen until the worker chooses) and
 * a short remark. A revision starts from the session's own ratings.
 */
function goalProgress(cases, which, existing) {
  const box = h('div', { id: 'goal-progress', 'data-field': 'goalProgress' });
  const before = new Map(((existing && existing.session && existing.session.goalProgress) || []).map((p) => [p.position, p]));
  const draw = () => {
    const chosen = cases.find((c) => c.id === which.value);
    const goals = chosen ? chosen.goals : [...before.values()];
    replace(box, goals.length ? h('h2', null, t('counseling.goalProgress')) : null, goals.map((g) => {
      const was = before.get(g.position) || {};
      return h('fieldset', { class: 'choices', 'data-goal': String(g.position) },
        h('legend', null, t('counseling.goalN', { n: g.position }), ' ', h('span', { 'data-data': '' }, g.goal)),
        PROGRESS.map((code) => {
          const id = `progress-${g.position}-${code}`;
          return h('span', { class: 'choice' },
            h('input', { type: 'radio', name: `progress-${g.position}`, id, value: code, checked: was.progress === code }),
            h('label', { for: id }, term('goalProgress', code)));
        }),
        field(t('counseling.progressNote'), h('input', { name: `progress-note-${g.position}`, maxlength: 500, value: was.note || '' })));
    }), h('small', { class: 'field-error', 'aria-live': 'polite' }));
  };
  which.addEventListener('change', draw);
  draw();
  const value = () => [...box.querySelectorAll('fieldset[data-goal]')]
    .filter((fs) => fs.querySelector('input:checked'))
    .map((fs) => ({
      position: Number(fs.dataset.goal),
      progress: fs.querySelector('input:checked').value,
      note: fs.querySelector('input[name^="progress-note"]').value.trim() || null,
    }));
  return { box, value };
}

function buttons(prefix) {
  return {
    submit: h('button', { type: 'submit', class: 'primary', id: `${prefix}-submit`, value: 'submit' }, t('visit.submit')),
    draft: h('button', { type: 'submit', id: `${prefix}-draft`, value: 'draft' }, t('visit.saveDraft')),
  };
}

/** After the outbox has the record: tell the worker what happened and go back to Today (unless it was refused). */
function finish({ outcome, recordId }, wantSubmit, form) {
  if (outcome === 'refused' && recordId) {
    form.querySelector('.actions').replaceChildren(h('a', { class: 'button', href: `#/${form.dataset.route}/${recordId}` }, t('form.openStored')));
  }
  if (outcome === 'sent') {
    toast(wantSubmit ? t('visit.submitted') : t('visit.saved'));
    go('#/today');
  } else if (outcome === 'kept') {
    toast(t('visit.keptOffline'));
    go('#/today');
  }
}

/**
 * A counseling session (个案辅导) of one of the worker's planned cases: when, how it was held, and the confidential
 * note. The note goes only to the API's note mechanism (sealed, read through its own audited endpoint); this form
 * never shows it back: a revision leaves it as it is unless a new note is written.
 */
export async function counselingScreen(main, route) {
  const load = await caseload();
  const names = people(load);
  const existing = route.id ? await record(route.id) : null;
  const editable = recordHeader(main, existing, { create: 'counseling.title', edit: 'counseling.editTitle' });
  const caseOf = existing && existing.session ? existing.session.caseId : route.params.get('case');
  let hasNote = false;
  if (existing && caseOf) {
    try {
      hasNote = (await get(`cases/${caseOf}/sessions/${existing.id}`)).hasNote;
    } catch (e) {
      if (!(e instanceof Offline)) throw e;
    }
  }
  const cases = load.cases || [];
  if (!cases.length && !existing) {
    main.append(h('p', { class: 'hint', id: 'no-cases' }, t('counseling.noCases')));
    return;
  }
  const project = (id) => load.projects.find((p) => p.id === id);
  const caseLabel = (c) => `${(names.get(c.clientId) || {}).name || t('visit.someone')} · ${(project(c.projectId) || {}).title || ''}`
    + ` · ${t('counseling.nth', { n: c.sessionCount + 1 })}`;
  const which = h('select', { name: 'case', required: true, disabled: !!existing },
    option('', t('visit.chooseChild')),
    cases.map((c) => option(c.id, caseLabel(c), c.id === caseOf)));
  if (existing && !cases.some((c) => c.id === caseOf)) which.append(option(caseOf, t('counseling.thisCase'), true));
  const { date, from, to, row } = await whenFields(existing);
  const method = h('select', { name: 'method', required: true },
    METHODS.map((m) => option(m, term('method', m), existing ? existing.session.method === m : m === 'FACE_TO_FACE')));
  const note = h('textarea', { name: 'note', rows: 5, maxlength: 8000, autocomplete: 'off' });
  const progress = goalProgress(cases, which, existing);
  const summary = h('div', { class: 'error', role: 'alert', id: 'counseling-error' });
  const { submit, draft } = buttons('counseling');
  const form = h('form', { class: 'card visit', novalidate: true, id: 'counseling-form', 'data-route': 'counseling' },
    h('fieldset', { class: 'plain', disabled: !editable },
      field(t('counseling.case'), which),
      row,
      field(t('counseling.method'), method),
      progress.box,
      field(t('counseling.note'), note, existing && hasNote ? t('counseling.noteKept') : t('counseling.noteHint'))),
    summary, editable ? h('div', { class: 'actions' }, submit, draft) : null);
  main.append(form);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const wantSubmit = !event.submitter || event.submitter.value !== 'draft';
    clearErrors(form, summary);
    if (missing(form, summary, [['case', which], ['startedAt', date], ['from', from], ['endedAt', to], ['method', method]])) return;
    const chosen = cases.find((c) => c.id === which.value);
    const clientId = chosen ? chosen.clientId : existing.participants[0];
    const person = names.get(clientId);
    const p = project(chosen ? chosen.projectId : existing.projectId);
    const content = {
      startedAt: instant(date.value, from.value),
      endedAt: instant(date.value, to.value),
      placeCode: existing ? existing.placeCode : (person && person.village) || (p && p.coveredTowns[0]),
      method: method.value,
      note: note.value.trim() || null,
      goalProgress: progress.value(),
    };
    // The label is what the device lists while the record waits: never the note.
    const label = `${term('kind', 'COUNSELING_SESSION')} · ${person ? person.name : ''} · ${date.value} ${from.value}`;
    const entry = existing
      ? { method: 'POST', path: `cases/${caseOf}/sessions/${existing.id}/revise`, body: content, recordId: existing.id, label, ...steps({ submit: wantSubmit }) }
      : { method: 'POST', path: `cases/${which.value}/sessions`, body: { ...content, submit: wantSubmit }, label };
    submit.disabled = draft.disabled = true;
    try {
      const rename = (name) => (name.startsWith('goalProgress') ? 'goalProgress' : name);
      finish(await deliver(entry, { form, summary, rename }), wantSubmit, form);
    } finally {
      submit.disabled = draft.disabled = false;
    }
  });
}

/** Who belonged to the group on a day (China time days are what the API judges membership by). */
const membersOn = (group, day) => group.members.filter((m) => m.joinedOn <= day && (!m.leftOn || m.leftOn >= day));

/**
 * A group session (小组活动): the group, when, its topic and, for every member of the group that day, present, absent
 * or excused. The list of members follows the date: someone who joined later is not asked about.
 */
export async function groupScreen(main, route) {
  const load = await caseload();
  const names = people(load);
  const existing = route.id ? await record(route.id) : null;
  const editable = recordHeader(main, existing, { create: 'group.title', edit: 'group.editTitle' });
  const groupOf = existing && existing.session ? existing.session.groupId : route.params.get('group');
  let marked = null;
  if (existing) {
    try {
      marked = (await get(`groups/${groupOf}/sessions/${existing.id}`)).attendance;
    } catch (e) {
      if (!(e instanceof Offline)) throw e;
    }
  }
  const groups = [...(load.groups || [])];
  if (existing && !groups.some((g) => g.id === groupOf)) {
    try {
      groups.push(await get(`groups/${groupOf}`));
    } catch (e) {
      if (!(e instanceof Offline)) throw e;
    }
  }
  if (!groups.length) {
    main.append(h('p', { class: 'hint', id: 'no-groups' }, t('group.noGroups')));
    return;
  }
  const which = h('select', { name: 'group', required: true, disabled: !!existing },
    option('', t('visit.chooseChild')),
    groups.map((g) => option(g.id, `${g.name} · ${t('group.members', { n: g.memberCount })}`, g.id === groupOf)));
  const { date, from, to, row } = await whenFields(existing);
  const topic = h('input', { name: 'topic', required: true, maxlength: 200, value: (existing && existing.session.topic) || '' });
  const attendance = h('div', { id: 'attendance', 'data-field': 'attendance' });
  const summary = h('div', { class: 'error', role: 'alert', id: 'group-error' });
  const { submit, draft } = buttons('group');

  // Without network a revised session's attendance is rebuilt from the record: those served were present.
  const before = (id) => {
    if (marked) return (marked.find((a) => a.beneficiaryId === id) || {}).attendance;
    if (existing) return existing.participants.includes(id) ? 'PRESENT' : 'ABSENT';
    return null;
  };
  const drawAttendance = () => {
    const group = groups.find((g) => g.id === which.value);
    if (!group) return replace(attendance);
    const members = membersOn(group, date.value || localDate(new Date()));
    return replace(attendance,
      h('h2', null, t('group.attendance', { n: members.length })),
      members.length ? null : h('p', { class: 'hint' }, t('group.nobody')),
      members.map((m) => {
        const name = (names.get(m.beneficiaryId) || {}).name || t('visit.someone');
        const previous = attendance.querySelector(`input[name="att-${m.beneficiaryId}"]:checked`);
        const chosen = previous ? previous.value : before(m.beneficiaryId) || 'PRESENT';
        return h('fieldset', { class: 'choices', 'data-member': m.beneficiaryId },
          h('legend', null, name),
          ATTENDANCE.map((a) => {
            const id = `att-${m.beneficiaryId}-${a}`;
            return h('span', { class: 'choice' },
              h('input', { type: 'radio', name: `att-${m.beneficiaryId}`, id, value: a, checked: a === chosen }),
              h('label', { for: id }, term('attendance', a)));
          }));
      }),
      h('small', { class: 'field-error', 'aria-live': 'polite' }));
  };
  which.addEventListener('change', drawAttendance);
  date.addEventListener('change', drawAttendance);
  date.addEventListener('input', drawAttendance);
  drawAttendance();

  const form = h('form', { class: 'card visit', novalidate: true, id: 'group-form', 'data-route': 'group' },
    h('fieldset', { class: 'plain', disabled: !editable },
      field(t('group.group'), which),
      row,
      field(t('group.topic'), topic),
      attendance),
    summary, editable ? h('div', { class: 'actions' }, submit, draft) : null);
  main.append(form);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const wantSubmit = !event.submitter || event.submitter.value !== 'draft';
    clearErrors(form, summary);
    if (missing(form, summary, [['group', which], ['startedAt', date], ['from', from], ['endedAt', to], ['topic', topic]])) return;
    const group = groups.find((g) => g.id === which.value) || { id: groupOf, name: '', projectId: existing.projectId };
    const lines = [...attendance.querySelectorAll('fieldset[data-member]')].map((fs) => ({
      beneficiaryId: fs.dataset.member,
      attendance: fs.querySelector('input:checked').value,
    }));
    if (!lines.some((l) => l.attendance === 'PRESENT')) {
      fieldError(form, 'attendance', t('problem.GRP_NOBODY_PRESENT'));
      summary.textContent = t('problem.GRP_NOBODY_PRESENT');
      return;
    }
    const p = load.projects.find((x) => x.id === group.projectId);
    const content = {
      startedAt: instant(date.value, from.value),
      endedAt: instant(date.value, to.value),
      placeCode: existing ? existing.placeCode : p && p.coveredTowns[0],
      topic: topic.value.trim(),
      attendance: lines,
    };
    const label = `${term('kind', 'GROUP_SESSION')} · ${group.name} · ${date.value} ${from.value}`;
    const entry = existing
      ? { method: 'POST', path: `groups/${group.id}/sessions/${existing.id}/revise`, body: content, recordId: existing.id, label, ...steps({ submit: wantSubmit }) }
      : { method: 'POST', path: `groups/${group.id}/sessions`, body: { ...content, submit: wantSubmit }, label };
    submit.disabled = draft.disabled = true;
    try {
      const rename = (name) => (name.startsWith('attendance') ? 'attendance' : name);
      finish(await deliver(entry, { form, summary, rename }), wantSubmit, form);
    } finally {
      submit.disabled = draft.disabled = false;
    }
  });
}
