import { h, field, fieldError, option } from '../dom.js';
import { t, term, formatDate } from '../i18n.js';
import { get, Offline } from '../api.js';
import * as outbox from '../outbox.js';
import { caseload, record } from '../caseload.js';
import { clearErrors, deliver, instant, recordHeader, whenFields } from '../forms.js';
import { go, toast } from '../main.js';

const AREAS = ['LIVING_CONDITIONS', 'SAFETY', 'SCHOOLING', 'HEALTH', 'GUARDIANSHIP'];
const PRESENCE = ['GUARDIAN', 'ENTRUSTED_GUARDIAN', 'NOBODY'];
const RISKS = ['LOW', 'MEDIUM', 'HIGH'];

/**
 * The worker's latest home visit to a child that the device knows of: one still waiting in the outbox, else the
 * newest of their own records (the API lists each worker their own). What "same as last visit" copies.
 */
export async function lastVisit(child, mine) {
  const waiting = (await outbox.entries())
    .filter((e) => e.body && e.body.homeVisit && (e.body.participants || []).includes(child))
    .map((e) => ({ startedAt: e.body.startedAt, homeVisit: e.body.homeVisit, waiting: true }));
  const stored = mine.filter((r) => r.kind === 'HOME_VISIT' && r.status !== 'VOIDED' && r.homeVisit && r.participants.includes(child));
  return [...waiting, ...stored].sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0] || null;
}

/** A row of large buttons for one choice (radio inputs, each with its label as the tap target). */
function segments(name, values, label, checked, { legend, field: dataField, id }) {
  return h('fieldset', { class: 'segments', 'data-field': dataField, id },
    h('legend', null, legend),
    h('span', { class: 'segment-row' }, values.map((v) => {
      const inputId = `${name}-${v}`;
      return h('span', { class: 'segment' },
        h('input', { type: 'radio', name, id: inputId, value: String(v), checked: checked != null && String(checked) === String(v) }),
        h('label', { for: inputId }, label(v)));
    })),
    h('small', { class: 'field-error', 'aria-live': 'polite' }));
}

const chosen = (form, name) => (form.querySelector(`input[name="${CSS.escape(name)}"]:checked`) || {}).value || '';

/**
 * One screen for a home visit: who, when, who was present, the five areas rated 1–5 with a note each, risk after the
 * visit, follow-up and the next visit. Ratings are never preset: the worker taps them, or taps "same as last
 * visit" to copy their last visit's ratings, presence and risk into the form, visibly, to confirm or change. New
 * records and revisions go through the outbox with their own Idempotency-Key, so a visit logged without network (or
 * with a session that ran out) is kept on the device and sent later.
 */
export async function visitScreen(main, route) {
  const load = await caseload();
  const existing = route.id ? await record(route.id) : null;
  const editable = recordHeader(main, existing, { create: 'visit.title', edit: 'visit.editTitle' });

  const choices = [];
  for (const p of load.projects) for (const e of p.enrolled) choices.push({ project: p, person: e });
  const wanted = existing
    ? { project: existing.projectId, child: existing.participants[0] }
    : { project: route.params.get('project'), child: route.params.get('child') };
  if (!choices.length && !existing) {
    main.append(h('p', { class: 'hint' }, t('today.noProjects')));
    return;
  }
  let mine = [];
  if (!existing) {
    try {
      mine = (await get('services/mine?limit=200')).items;
    } catch (e) {
      if (!(e instanceof Offline)) throw e;
    }
  }

  const child = h('select', { name: 'participants', required: true, disabled: !!existing },
    option('', t('visit.chooseChild')),
    choices.map((c) => option(`${c.project.id}|${c.person.beneficiaryId}`,
      `${c.person.name} · ${c.project.title}`,
      c.project.id === wanted.project && c.person.beneficiaryId === wanted.child)));
  if (existing && !choices.some((c) => c.person.beneficiaryId === wanted.child)) {
    child.append(option(`${existing.projectId}|${wanted.child}`, t('visit.someone'), true));
  }
  const { date, from, to, row } = await whenFields(existing);

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

  const notes = {};
  const areas = h('fieldset', { class: 'areas' }, h('legend', null, t('visit.findings')),
    h('p', { class: 'hint scale' }, [1, 2, 3, 4, 5].map((n) => `${n} ${t(`rating.${n}`)}`).join(' · ')),
    AREAS.map((area) => {
      const known = hv && hv.findings[area];
      notes[area] = h('input', { name: `note-${area}`, id: `note-${area}`, maxlength: 500, value: (known && known.note) || '', placeholder: t('visit.note') });
      return h('div', { class: 'area' },
        segments(`rating-${area}`, [1, 2, 3, 4, 5], (n) => String(n), known && known.rating,
          { legend: term('area', area), field: `homeVisit.findings.${area}`, id: `rating-${area}` }),
        h('label', { for: notes[area].id, class: 'sr-only' }, t('visit.noteFor', { area: term('area', area) })),
        notes[area]);
    }));

  const risk = segments('homeVisit.riskAfter', RISKS, (r) => term('risk', r), hv && hv.riskAfter,
    { legend: t('visit.riskAfter'), field: 'homeVisit.riskAfter', id: 'risk-after' });
  const followUp = h('textarea', { name: 'homeVisit.followUp', rows: 2, maxlength: 1000 }, (hv && hv.followUp) || '');
  const next = h('input', { type: 'date', name: 'homeVisit.nextVisitOn', value: (hv && hv.nextVisitOn) || '' });

  // "Same as last visit": one tap copies presence, the five ratings and the risk of the worker's last visit to this
  // child into the form, where the worker sees them and changes what is different today.
  const copied = h('p', { class: 'notice', role: 'status', id: 'same-note', hidden: true });
  const same = h('button', { type: 'button', id: 'same-as-last', class: 'secondary', hidden: true });
  const noLast = h('p', { class: 'hint', id: 'no-last-visit', hidden: true }, t('visit.noLast'));
  let last = null;
  const pickLast = async () => {
    copied.hidden = true;
    last = null;
    const [, beneficiaryId] = child.value.split('|');
    if (!existing && beneficiaryId) last = await lastVisit(beneficiaryId, mine);
    same.hidden = !last;
    noLast.hidden = !!last || !!existing || !beneficiaryId;
    if (last) same.textContent = t('visit.sameAsLast', { date: formatDate(last.startedAt) });
  };
  same.addEventListener('click', () => {
    if (!last) return;
    const v = last.homeVisit;
    const check = (name, value) => {
      const input = form.querySelector(`input[name="${CSS.escape(name)}"][value="${CSS.escape(String(value))}"]`);
      if (input) input.checked = true;
    };
    check('present', v.present);
    const findings = Array.isArray(v.findings) ? Object.fromEntries(v.findings.map((f) => [f.area, f])) : v.findings;
    for (const area of AREAS) if (findings[area]) check(`rating-${area}`, findings[area].rating);
    check('homeVisit.riskAfter', v.riskAfter);
    copied.textContent = t('visit.copied', { date: formatDate(last.startedAt) });
    copied.hidden = false;
    form.querySelectorAll('.field-error').forEach((el) => (el.textContent = ''));
  });
  child.addEventListener('change', pickLast);

  const summary = h('div', { class: 'error', role: 'alert', id: 'visit-error' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'visit-submit', value: 'submit' }, t('visit.submit'));
  const draft = h('button', { type: 'submit', id: 'visit-draft', value: 'draft' }, t('visit.saveDraft'));
  const fields = h('fieldset', { class: 'plain', disabled: !editable },
    field(t('visit.child'), child),
    row,
    existing ? null : h('div', { class: 'same' }, same, noLast, copied),
    present, areas, risk,
    field(t('visit.followUp'), followUp),
    field(t('visit.nextVisit'), next));
  const form = h('form', { class: 'card visit', novalidate: true, id: 'visit-form' }, fields, summary,
    editable ? h('div', { class: 'actions' }, submit, draft) : null);
  main.append(form);
  if (existing && !existing.stale && existing.status !== 'VOIDED') {
    const params = new URLSearchParams({ child: existing.participants[0], record: existing.id });
    // Refer the child from this visit (#17): the referral form with the child chosen and the visit named on it.
    const refer = new URLSearchParams({ child: existing.participants[0], record: existing.id });
    main.append(h('p', { class: 'links' },
      h('a', { href: `#/person/${existing.participants[0]}`, id: 'open-person' }, t('person.open')),
      h('a', { href: `#/referrals/new?${refer}`, id: 'refer-from-visit' }, t('referrals.referFromVisit')),
      h('a', { href: `#/incident/new?${params}`, class: 'warn', id: 'raise-incident' }, t('incident.raise'))));
  }
  await pickLast();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const wantSubmit = !event.submitter || event.submitter.value !== 'draft';
    clearErrors(form, summary);
    const empty = [];
    if (!child.value) empty.push(['participants', child]);
    if (!date.value) empty.push(['startedAt', date]);
    if (!from.value) empty.push(['from', from]);
    if (!to.value) empty.push(['endedAt', to]);
    AREAS.forEach((area) => { if (!chosen(form, `rating-${area}`)) empty.push([`homeVisit.findings.${area}`, form.querySelector(`#rating-${area}-1`)]); });
    if (!chosen(form, 'homeVisit.riskAfter')) empty.push(['homeVisit.riskAfter', form.querySelector('#homeVisit\\.riskAfter-LOW')]);
    if (empty.length) {
      empty.forEach(([name]) => fieldError(form, name, t('error.required')));
      summary.textContent = t('visit.incomplete');
      empty[0][1].focus();
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
        present: chosen(form, 'present'),
        findings: AREAS.map((area) => ({ area, rating: Number(chosen(form, `rating-${area}`)), note: notes[area].value.trim() || null })),
        riskAfter: chosen(form, 'homeVisit.riskAfter'),
        followUp: followUp.value.trim() || null,
        nextVisitOn: next.value || null,
      },
    };
    const label = `${term('kind', 'HOME_VISIT')} · ${person ? person.name : ''} · ${date.value} ${from.value}`;
    let entry;
    if (existing) {
      entry = { method: 'POST', path: `services/${existing.id}/revise`, body: content, recordId: existing.id, label, ...outbox.steps({ submit: wantSubmit }) };
    } else {
      const deliverable = project.deliverables.find((d) => d.kind === 'HOME_VISIT');
      if (!deliverable) {
        summary.textContent = t('visit.noDeliverable');
        return;
      }
      entry = { method: 'POST', path: 'services', body: { projectId, deliverableId: deliverable.id, ...content, submit: wantSubmit }, label };
    }
    submit.disabled = draft.disabled = true;
    try {
      const result = await deliver(entry, { form, summary, rename: findingField });
      if (result.outcome === 'sent') {
        toast(wantSubmit ? t('visit.submitted') : t('visit.saved'));
        go('#/today');
      } else if (result.outcome === 'kept') {
        toast(t('visit.keptOffline'));
        go('#/today');
      } else if (result.outcome === 'refused' && result.recordId) {
        form.querySelector('.actions').replaceChildren(h('a', { class: 'button', href: `#/visit/${result.recordId}` }, t('form.openStored')));
      }
    } finally {
      submit.disabled = draft.disabled = false;
    }
  });
}

/** The API names a finding by its index; the form by its area. */
function findingField(name) {
  const m = /findings\[(\d+)\]/.exec(name);
  if (m) return `homeVisit.findings.${AREAS[Number(m[1])]}`;
  return name.startsWith('homeVisit.findings') ? 'homeVisit.findings.LIVING_CONDITIONS' : name;
}
