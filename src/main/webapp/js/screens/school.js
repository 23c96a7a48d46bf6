import { h, field, option, replace } from '../dom.js';
import { t, term } from '../i18n.js';
import { get, Offline } from '../api.js';
import { steps } from '../outbox.js';
import { caseload, record } from '../caseload.js';
import { clearErrors, deliver, fileProblem, instant, missing, recordHeader, whenFields } from '../forms.js';
import { go, toast } from '../main.js';

const TOPICS = ['POLICY_TALK', 'ANTI_DROWNING', 'ANTI_BULLYING', 'MENTAL_HEALTH', 'LEGAL_EDUCATION', 'SEXUAL_ABUSE_PREVENTION', 'OTHER'];
/** The API's limit per file; a larger photo is refused here, before it costs the worker's data plan. */
const MAX_BYTES = 10 * 1024 * 1024;

const megabytes = (n) => (n / 1024 / 1024).toFixed(1);
const size = (n) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${megabytes(n)} MB`);

/**
 * A school activity (进校园): project, the school and its town, topic, how many took part, notes, and photos from the
 * phone's camera as evidence. The photos wait on the device with the record (IndexedDB) and are uploaded one by one
 * after the server has the record; the API takes files only on a draft, so a record with photos is created as a
 * draft, gets its photos, and is submitted last.
 */
export async function schoolScreen(main, route) {
  const load = await caseload();
  const existing = route.id ? await record(route.id) : null;
  const editable = recordHeader(main, existing, { create: 'school.title', edit: 'school.editTitle' });
  const projects = load.projects.filter((p) => p.deliverables.some((d) => d.kind === 'SCHOOL_ACTIVITY'));
  if (!projects.length && !existing) {
    main.append(h('p', { class: 'hint', id: 'no-school-projects' }, t('school.noDeliverable')));
    return;
  }
  const sa = (existing && existing.schoolActivity) || {};
  const project = h('select', { name: 'projectId', required: true, disabled: !!existing },
    projects.length === 1 && !existing ? null : option('', t('visit.chooseChild')),
    projects.map((p) => option(p.id, p.title, existing ? existing.projectId === p.id : projects.length === 1)));
  if (existing && !projects.some((p) => p.id === existing.projectId)) project.append(option(existing.projectId, t('school.thisProject'), true));
  const town = h('select', { name: 'placeCode', required: true });
  const drawTowns = async () => {
    const p = load.projects.find((x) => x.id === project.value);
    const codes = p ? p.coveredTowns : existing ? [existing.placeCode] : [];
    replace(town, codes.map((c) => option(c, c, existing ? existing.placeCode === c : codes.length === 1)));
    if (existing && !codes.includes(existing.placeCode)) town.append(option(existing.placeCode, existing.placeCode, true));
    // Names make the choice readable; without network the codes have to do.
    for (const o of town.options) {
      try {
        o.textContent = `${(await get(`regions/${o.value}`)).name}`;
      } catch (e) {
        if (!(e instanceof Offline)) break;
        break;
      }
    }
  };
  project.addEventListener('change', drawTowns);
  await drawTowns();
  const school = h('input', { name: 'schoolActivity.schoolName', required: true, maxlength: 100, value: sa.schoolName || '', autocomplete: 'organization' });
  const topic = h('select', { name: 'schoolActivity.topic', required: true },
    option('', t('visit.chooseChild')), TOPICS.map((x) => option(x, term('topic', x), sa.topic === x)));
  const count = h('input', { type: 'number', name: 'schoolActivity.participantCount', required: true, min: 1, max: 5000, inputmode: 'numeric', value: sa.participantCount || '' });
  const notes = h('textarea', { name: 'schoolActivity.topicNote', rows: 2, maxlength: 200 }, sa.topicNote || '');
  const { date, from, to, row } = await whenFields(existing, 60);

  // Photos: each pick from the camera adds to the list; nothing is sent before the record is.
  const photos = [];
  const camera = h('input', { type: 'file', name: 'photo', id: 'photo', accept: 'image/*', capture: 'environment', multiple: true });
  const list = h('ul', { class: 'list photos', id: 'photos' });
  const photoErrors = h('div', { class: 'error', role: 'alert', id: 'photo-errors' });
  const drawPhotos = () => replace(list, photos.map((f, i) => h('li', { 'data-photo': f.name },
    h('span', null, `${f.name} · ${size(f.size)}`),
    h('button', { type: 'button', class: 'link', onclick: () => { photos.splice(i, 1); drawPhotos(); } },
      t('school.removePhoto'), h('span', { class: 'sr-only' }, ` ${f.name}`)))));
  camera.addEventListener('change', () => {
    photoErrors.replaceChildren();
    for (const file of camera.files) {
      if (file.size > MAX_BYTES) {
        photoErrors.append(h('p', null, t('photo.tooLarge', { name: file.name, size: megabytes(file.size) })));
      } else if (!photos.some((p) => p.name === file.name && p.size === file.size)) {
        photos.push(file);
      }
    }
    camera.value = '';
    drawPhotos();
  });
  const attached = h('ul', { class: 'list', id: 'evidence' });
  if (existing) {
    try {
      const files = (await get(`services/${existing.id}/evidence`)).filter((e) => !e.voidedAt);
      replace(attached, files.map((e) => h('li', { 'data-evidence': e.id }, `${e.fileName} · ${size(e.size)}`)));
    } catch (e) {
      if (!(e instanceof Offline)) throw e;
    }
  }
  const progress = h('progress', { id: 'upload-progress', max: 100, value: 0, hidden: true, 'aria-labelledby': 'upload-status' });
  const progressText = h('p', { class: 'hint', id: 'upload-status', 'aria-live': 'polite' });

  const summary = h('div', { class: 'error', role: 'alert', id: 'school-error' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'school-submit', value: 'submit' }, t('visit.submit'));
  const draft = h('button', { type: 'submit', id: 'school-draft', value: 'draft' }, t('visit.saveDraft'));
  const form = h('form', { class: 'card visit', novalidate: true, id: 'school-form' },
    h('fieldset', { class: 'plain', disabled: !editable },
      field(t('school.project'), project),
      field(t('school.school'), school),
      field(t('school.town'), town),
      row,
      field(t('school.topic'), topic),
      field(t('school.count'), count),
      field(t('school.notes'), notes, t('school.notesHint')),
      existing ? h('div', null, h('h2', null, t('school.attached')), attached) : null,
      field(t('school.photo'), camera, t('school.photoHint')),
      photoErrors, list, progress, progressText),
    summary, editable ? h('div', { class: 'actions' }, submit, draft) : null);
  main.append(form);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const wantSubmit = !event.submitter || event.submitter.value !== 'draft';
    clearErrors(form, summary);
    photoErrors.replaceChildren();
    if (missing(form, summary, [['projectId', project], ['schoolActivity.schoolName', school], ['placeCode', town],
      ['startedAt', date], ['from', from], ['endedAt', to], ['schoolActivity.topic', topic], ['schoolActivity.participantCount', count]])) return;
    const content = {
      startedAt: instant(date.value, from.value),
      endedAt: instant(date.value, to.value),
      placeCode: town.value,
      participants: existing ? existing.participants : [],
      schoolActivity: { schoolName: school.value.trim(), topic: topic.value, topicNote: notes.value.trim() || null, participantCount: Number(count.value) },
    };
    const files = photos.map((f) => ({ name: f.name, type: f.type, blob: f }));
    const label = `${term('kind', 'SCHOOL_ACTIVITY')} · ${school.value.trim()} · ${date.value} ${from.value}`
      + (files.length ? ` · ${t('school.photoCount', { n: files.length })}` : '');
    let entry;
    if (existing) {
      entry = { method: 'POST', path: `services/school-activities/${existing.id}/revise`, body: content, recordId: existing.id, label,
        ...steps({ files, submit: wantSubmit }) };
    } else {
      const p = load.projects.find((x) => x.id === project.value);
      const deliverable = p.deliverables.find((d) => d.kind === 'SCHOOL_ACTIVITY');
      // Files attach only to a draft: with photos the record is submitted after them, as a step of its own.
      entry = { method: 'POST', path: 'services/school-activities', label,
        body: { projectId: p.id, deliverableId: deliverable.id, ...content, submit: wantSubmit && !files.length },
        ...steps({ files, submit: wantSubmit && files.length > 0 }) };
    }
    const onProgress = ({ file, index, count: n, sent, total }) => {
      progress.hidden = false;
      progress.value = total ? Math.round((sent / total) * 100) : 0;
      progressText.textContent = t('photo.uploading', { index, count: n, name: file.name, percent: progress.value });
    };
    submit.disabled = draft.disabled = true;
    try {
      const result = await deliver(entry, { form, summary, onProgress });
      progress.hidden = true;
      if (result.outcome === 'sent' && result.fileErrors.length) {
        // The record is stored; the refused photos are named here and the worker can add others to it.
        progressText.textContent = '';
        photos.splice(0);
        drawPhotos();
        replace(photoErrors, result.fileErrors.map((err) => h('p', null, fileProblem(err))),
          h('p', null, h('a', { href: `#/school/${result.recordId}`, id: 'open-record' }, t('school.openRecord'))));
        summary.textContent = wantSubmit ? t('school.storedWithout') : t('visit.saved');
      } else if (result.outcome === 'sent') {
        progressText.textContent = files.length ? t('photo.uploaded', { n: files.length }) : '';
        toast(wantSubmit ? t('visit.submitted') : t('visit.saved'));
        go('#/today');
      } else if (result.outcome === 'refused' && result.recordId) {
        // Stored but refused at submission: open the stored draft rather than send this form again as a new one.
        replace(photoErrors, h('p', null, h('a', { href: `#/school/${result.recordId}`, id: 'open-record' }, t('form.openStored'))));
      } else if (result.outcome === 'kept') {
        toast(t('school.keptOffline', { n: files.length }));
        go('#/today');
      }
    } finally {
      submit.disabled = draft.disabled = false;
    }
  });
}
