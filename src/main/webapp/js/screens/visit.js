import { h, field, fieldError, option } from '../dom.js';
import { t, term } from '../i18n.js';
import { get, post, uuid, ApiError, Expired, Offline, session } from '../api.js';
import * as outbox from '../outbox.js';
import { caseload } from '../caseload.js';
import { describe, go, toast } from '../main.js';

const AREAS = ['LIVING_CONDITIONS', 'SAFETY', 'SCHOOLING', 'HEALTH', 'GUARDIANSHIP'];
const PRESENCE = ['GUARDIAN', 'ENTRUSTED_GUARDIAN', 'NOBODY'];
const RISKS = ['LOW', 'MEDIUM', 'HIGH'];

const pad = (n) => String(n).padStart(2, '0');
const localDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localTime = (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** The device's local date and time with its offset, as the API wants it (ISO 8601 with offset). */
function instant(date, time) {
  const d = new Date(`${date}T${time}:00`);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${date}T${time}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/**
 * One screen for a home visit: who, when, who was present, the five areas rated 1–5 with a note each, risk after the
 * visit, follow-up and the next visit. New records go through the outbox with their own Idempotency-Key, so a
 * visit logged without network (or with a session that ran out) is kept on the device and sent later; a record
 * being revised (draft or returned) needs the network.
 */
export async function visitScreen(main, route) {
  const load = await caseload();
  const existing = route.id ? await get(`services/${encodeURIComponent(route.id)}`) : null;
  const editable = !existing || existing.status === 'DRAFT' || existing.status === 'RETURNED';

  const choices = [];
  for (const p of load.projects) for (const e of p.enrolled) choices.push({ project: p, person: e });
  const wanted = existing
    ? { project: existing.projectId, child: existing.participants[0] }
    : { project: route.params.get('project'), child: route.params.get('child') };

  main.append(h('h1', null, existing ? t('visit.editTitle') : t('visit.title')));
  if (existing && existing.status === 'RETURNED' && existing.returnComment) {
    main.append(h('div', { class: 'notice warn', role: 'note', id: 'return-comment' },
      h('strong', null, t('records.comment')), ' ', h('q', null, existing.returnComment)));
  }
  if (existing && !editable) {
    main.append(h('p', { class: 'notice' }, t('visit.readOnly', { status: term('status', existing.status) })));
  }
  if (!choices.length && !existing) {
    main.append(h('p', { class: 'hint' }, t('today.noProjects')));
    return;
  }

  const child = h('select', { name: 'participants', required: true, disabled: !!existing },
    option('', t('visit.chooseChild')),
    choices.map((c) => option(`${c.project.id}|${c.person.beneficiaryId}`,
      `${c.person.name} · ${c.project.title}`,
      c.project.id === wanted.project && c.person.beneficiaryId === wanted.child)));
  if (existing && !choices.some((c) => c.person.beneficiaryId === wanted.child)) {
    child.append(option(`${existing.projectId}|${wanted.child}`, t('visit.someone'), true));
  }

  const start = existing ? new Date(existing.startedAt) : new Date(Date.now() - 45 * 60000);
  const end = existing ? new Date(existing.endedAt) : new Date();
  const date = h('input', { type: 'date', name: 'startedAt', required: true, value: localDate(start), max: localDate(new Date()) });
  const from = h('input', { type: 'time', name: 'from', required: true, value: localTime(start) });
  const to = h('input', { type: 'time', name: 'endedAt', required: true, value: localTime(end) });

  const hv = existing && existing.homeVisit;
  const present = h('fieldset', { class: 'choices', 'data-field': 'homeVisit.present' },
    h('legend', null, t('visit.present')),
    PRESENCE.map((p) => {
      const id = `present-${p}`;
      return h('span', { class: 'choice' },
        h('input', { type: 'radio', name: 'present', id, value: p, checked: hv ? hv.present === p : p === 'GUARDIAN' }),
        h('label', { for: id }, term('presence', p)));
    }),
    h('small', { class: 'field-error', 'aria-live': 'polite' }));

  const findings = AREAS.map((area) => {
    const known = hv && hv.findings[area];
    const rating = h('select', { name: `rating-${area}`, required: true, id: `rating-${area}` },
      option('', t('visit.rate')),
      [1, 2, 3, 4, 5].map((n) => option(String(n), `${n} · ${t(`rating.${n}`)}`, known && known.rating === n)));
    const note = h('input', { name: `note-${area}`, id: `note-${area}`, maxlength: 500, value: (known && known.note) || '' });
    return { area, rating, note };
  });
  const areas = h('fieldset', { class: 'areas' }, h('legend', null, t('visit.findings')),
    findings.map((f) => h('div', { class: 'area', 'data-field': `homeVisit.findings.${f.area}` },
      h('label', { for: f.rating.id }, term('area', f.area)), f.rating,
      h('label', { for: f.note.id, class: 'sr-only' }, t('visit.noteFor', { area: term('area', f.area) })),
      f.note,
      h('small', { class: 'field-error', 'aria-live': 'polite' }))));
  findings.forEach((f) => f.note.setAttribute('placeholder', t('visit.note')));

  const risk = h('select', { name: 'homeVisit.riskAfter', required: true },
    option('', t('visit.rate')), RISKS.map((r) => option(r, term('risk', r), hv && hv.riskAfter === r)));
  const followUp = h('textarea', { name: 'homeVisit.followUp', rows: 2, maxlength: 1000 }, (hv && hv.followUp) || '');
  const next = h('input', { type: 'date', name: 'homeVisit.nextVisitOn', value: (hv && hv.nextVisitOn) || '' });

  const summary = h('div', { class: 'error', role: 'alert', id: 'visit-error' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'visit-submit', value: 'submit' }, t('visit.submit'));
  const draft = h('button', { type: 'submit', id: 'visit-draft', value: 'draft' }, t('visit.saveDraft'));
  const fields = h('fieldset', { class: 'plain', disabled: !editable },
    field(t('visit.child'), child),
    h('div', { class: 'row' }, field(t('visit.date'), date), field(t('visit.from'), from), field(t('visit.to'), to)),
    present, areas,
    field(t('visit.riskAfter'), risk),
    field(t('visit.followUp'), followUp),
    field(t('visit.nextVisit'), next));
  const form = h('form', { class: 'card visit', novalidate: true, id: 'visit-form' }, fields, summary,
    editable ? h('div', { class: 'actions' }, submit, draft) : null);
  main.append(form);

  let key = uuid();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const wantSubmit = !event.submitter || event.submitter.value !== 'draft';
    summary.replaceChildren();
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    form.querySelectorAll('.field-error').forEach((el) => (el.textContent = ''));

    const missing = [];
    if (!child.value) missing.push(['participants', child]);
    if (!date.value) missing.push(['startedAt', date]);
    if (!from.value) missing.push(['from', from]);
    if (!to.value) missing.push(['endedAt', to]);
    findings.forEach((f) => { if (!f.rating.value) missing.push([`homeVisit.findings.${f.area}`, f.rating]); });
    if (!risk.value) missing.push(['homeVisit.riskAfter', risk]);
    if (missing.length) {
      missing.forEach(([name]) => fieldError(form, name, t('error.required')));
      summary.textContent = t('visit.incomplete');
      missing[0][1].focus();
      return;
    }
    const [projectId, beneficiaryId] = child.value.split('|');
    const project = load.projects.find((p) => p.id === projectId);
    const person = project && project.enrolled.find((e) => e.beneficiaryId === beneficiaryId);
    const content = {
      startedAt: instant(date.value, from.value),
      endedAt: instant(date.value, to.value),
      placeCode: existing ? existing.placeCode : (person && person.village) || project.coveredTowns[0],
      participants: [beneficiaryId],
      homeVisit: {
        present: form.querySelector('input[name=present]:checked').value,
        findings: findings.map((f) => ({ area: f.area, rating: Number(f.rating.value), note: f.note.value.trim() || null })),
        riskAfter: risk.value,
        followUp: followUp.value.trim() || null,
        nextVisitOn: next.value || null,
      },
    };
    submit.disabled = draft.disabled = true;
    try {
      if (existing) {
        await post(`services/${existing.id}/revise`, content, uuid());
        if (wantSubmit) await post(`services/${existing.id}/submit`, {}, uuid());
        toast(wantSubmit ? t('visit.submitted') : t('visit.saved'));
        go('#/today');
        return;
      }
      const deliverable = project.deliverables.find((d) => d.kind === 'HOME_VISIT');
      if (!deliverable) {
        summary.textContent = t('visit.noDeliverable');
        return;
      }
      const entry = {
        key, owner: session.owner(), method: 'POST', path: 'services', createdAt: new Date().toISOString(),
        state: 'waiting', label: `${term('kind', 'HOME_VISIT')} · ${person ? person.name : ''} · ${date.value} ${from.value}`,
        body: { projectId, deliverableId: deliverable.id, ...content, submit: wantSubmit },
      };
      await outbox.put(entry);
      try {
        await outbox.send(entry);
        toast(wantSubmit ? t('visit.submitted') : t('visit.saved'));
        go('#/today');
      } catch (e) {
        if (e instanceof Offline || (e instanceof ApiError && e.status >= 500)) {
          toast(t('visit.keptOffline'));
          go('#/today');
        } else if (e instanceof Expired) {
          // The app has gone to the login screen; the record waits in the outbox and is sent after the login.
        } else if (e instanceof ApiError) {
          // Refused: the worker corrects the form and sends it as a new request (a new key: the body changes).
          await outbox.remove(entry.key);
          key = uuid();
          showProblem(form, summary, e);
        } else {
          throw e;
        }
      }
    } catch (e) {
      if (e instanceof ApiError) showProblem(form, summary, e);
      else if (!(e instanceof Expired)) summary.textContent = describe(e);
    } finally {
      submit.disabled = draft.disabled = false;
    }
  });
}

function showProblem(form, summary, e) {
  summary.textContent = describe(e);
  for (const err of e.errors) {
    const text = t(`problem.${err.code}`) === `problem.${err.code}` ? err.message : t(`problem.${err.code}`);
    const name = err.field.startsWith('homeVisit.findings') ? findingField(err.field) : err.field;
    if (!fieldError(form, name, text)) summary.append(h('p', null, text));
  }
}

function findingField(name) {
  const m = /findings\[(\d+)\]/.exec(name);
  return m ? `homeVisit.findings.${AREAS[Number(m[1])]}` : 'homeVisit.findings.LIVING_CONDITIONS';
}
