import { h, add, field, option, stacked } from '../dom.js';
import { t, term, formatDate, formatDateTime } from '../i18n.js';
import { all, get, post, download, session } from '../api.js';
import { clearErrors, showProblem, localDate } from '../forms.js';
import { go, toast } from '../main.js';

const REQUIRED = ['NAME', 'GENDER', 'BIRTH_DATE', 'VILLAGE', 'CATEGORIES'];
const OPTIONAL = ['CITIZEN_ID', 'PHONE', 'SCHOOL', 'GRADE', 'DIFFICULTY_TYPE'];
const AGENCIES = ['SCHOOL', 'POLICE', 'HOSPITAL', 'CIVIL_AFFAIRS_OFFICE', 'COURT', 'WOMENS_FEDERATION'];
const RELATIONS = ['FATHER', 'MOTHER', 'GRANDPARENT', 'RELATIVE', 'OTHER', 'SELF'];

/**
 * Referrals (转介, #17) for an organization's staff: the inbox of referrals sent to it and the list of those it sent
 * (#/referrals), one referral with its answer (#/referrals/{id}: a receiving supervisor accepts or declines, the
 * sender withdraws, follows up an agency and prints the letter), and the form to refer a child
 * (#/referrals/new?child=…), reached from the child's record, a case (&case=…) or a visit (&record=…: the visit is
 * named on the referral).
 */
export async function referralsScreen(main, route) {
  if (route.id === 'new') return referForm(main, route.params.get('child'), route.params.get('case'), route.params.get('record'));
  if (route.id) return referralDetail(main, route.id);
  const [inbox, sent] = await Promise.all([get('referrals/inbox'), get('referrals/sent')]);
  add(main, h('h1', null, t('referrals.title')),
    h('section', { class: 'card', id: 'referrals-inbox', 'aria-labelledby': 'inbox-title' },
      h('h2', { id: 'inbox-title' }, t('referrals.inbox')),
      inbox.length ? h('ul', { class: 'list' }, inbox.map((r) => item(r, r.senderName))) : h('p', { class: 'hint' }, t('referrals.inboxEmpty'))),
    h('section', { class: 'card', id: 'referrals-sent', 'aria-labelledby': 'sent-title' },
      h('h2', { id: 'sent-title' }, t('referrals.sent')),
      sent.length ? h('ul', { class: 'list' }, sent.map((r) => item(r, r.receiverName || r.agencyName))) : h('p', { class: 'hint' }, t('referrals.sentEmpty'))));
}

function item(r, other) {
  return h('li', { 'data-referral': r.id, 'data-status': r.status },
    h('a', { href: `#/referrals/${r.id}` }, h('span', { 'data-data': '' }, r.shared.NAME || ''), ' → ', h('span', { 'data-data': '' }, other)),
    ' ', status(r),
    h('br'), h('small', null, t('referrals.sentOn', { date: formatDate(r.sentAt) }), ' · ', term('urgency', r.urgency)));
}

function status(r) {
  return h('span', { class: `badge ${r.overdue ? 'warn' : ''} referral-${r.status}` }, term('referralStatus', r.status),
    r.status === 'SENT' ? ` · ${t('referrals.days', { n: r.daysWaiting })}` : '');
}

/** Status of a child's referrals, for the child's record: what was sent, to whom, and the answer. */
export function referralsCard(referrals, child) {
  return h('section', { class: 'card', id: 'person-referrals', 'aria-labelledby': 'person-referrals-title' },
    h('h2', { id: 'person-referrals-title' }, t('referrals.ofPerson')),
    referrals.length
      ? h('ul', { class: 'list' }, referrals.map((r) => h('li', { 'data-referral': r.id, 'data-status': r.status },
        h('a', { href: `#/referrals/${r.id}` }, h('span', { 'data-data': '' }, r.receiverName || r.agencyName)), ' ', status(r),
        r.answeredAt ? h('small', null, ` · ${t('referrals.answeredOn', { date: formatDate(r.answeredAt) })}`) : null)))
      : h('p', { class: 'hint' }, t('referrals.noneForPerson')),
    h('p', null, h('a', { class: 'button', href: `#/referrals/new?child=${child}`, id: 'person-refer' }, t('referrals.refer'))));
}

/**
 * The possible receivers, grouped when the platform lets this organization refer beyond its bureaus' organizations:
 * those its own bureau funds first, then the others on the platform.
 */
function receiverOptions(receivers) {
  const funded = receivers.filter((r) => r.fundedByOwnBureau);
  const others = receivers.filter((r) => !r.fundedByOwnBureau);
  if (!others.length) return funded.map((r) => option(r.organizationId, r.name));
  return [
    funded.length ? h('optgroup', { label: t('referrals.fundedByOwnBureau'), id: 'refer-receivers-funded' }, funded.map((r) => option(r.organizationId, r.name))) : null,
    h('optgroup', { label: t('referrals.elsewhereOnPlatform'), id: 'refer-receivers-platform' }, others.map((r) => option(r.organizationId, r.name))),
  ];
}

async function referForm(main, child, fromCase, fromRecord) {
  const record = fromRecord && /^[0-9a-f-]{36}$/.test(fromRecord) ? fromRecord : null;
  const [person, receivers, visit] = await Promise.all([get(`beneficiaries/${encodeURIComponent(child)}`), get('referrals/receivers'),
    record ? get(`services/${record}`) : null]);
  const summary = h('div', { class: 'error', role: 'alert', id: 'refer-summary' });
  const dest = h('select', { name: 'destination', id: 'refer-destination' },
    option('ORGANIZATION', t('referrals.toOrganization'), true), option('AGENCY', t('referrals.toAgency')));
  const receiver = h('select', { name: 'receiverId', id: 'refer-receiver' }, option('', t('referrals.chooseReceiver')),
    receiverOptions(receivers));
  const kind = h('select', { name: 'agencyKind', id: 'refer-agency-kind' }, AGENCIES.map((a) => option(a, term('agency', a))));
  const agencyName = h('input', { name: 'agencyName', id: 'refer-agency-name', maxlength: 200 });
  const contact = h('input', { name: 'agencyContact', id: 'refer-agency-contact', maxlength: 200 });
  const handedOver = h('input', { name: 'handedOver', id: 'refer-handed-over', maxlength: 1000 });
  const how = h('select', { name: 'handedOverHow', id: 'refer-how' }, ['IN_PERSON', 'LETTER', 'PHONE', 'ONLINE'].map((x) => option(x, term('handOver', x))));
  const followUp = h('input', { type: 'date', name: 'followUpOn', id: 'refer-follow-up' });
  const reason = h('textarea', { name: 'reason', id: 'refer-reason', rows: 3, maxlength: 1000 });
  const services = h('input', { name: 'services', id: 'refer-services', maxlength: 500 });
  const urgency = h('select', { name: 'urgency', id: 'refer-urgency' }, ['ROUTINE', 'URGENT', 'EMERGENCY'].map((u) => option(u, term('urgency', u))));
  const givenBy = h('input', { name: 'consent.givenBy', id: 'refer-consent-by', maxlength: 100 });
  const relation = h('select', { name: 'consent.relationship', id: 'refer-consent-relation' }, RELATIONS.map((r) => option(r, term('relation', r))));
  const givenOn = h('input', { type: 'date', name: 'consent.givenOn', id: 'refer-consent-on', value: localDate(new Date()) });
  const method = h('select', { name: 'consent.method', id: 'refer-consent-method' }, ['WRITTEN', 'ORAL', 'ELECTRONIC'].map((m) => option(m, term('consentMethod', m))));
  const box = (f, checked, disabled) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'sharedFields', value: f, checked, disabled, id: `refer-share-${f}` }), ' ', t(`sharedField.${f}`));
  const orgPart = h('div', { id: 'refer-org-part' }, field(t('referrals.receiver'), receiver));
  const agencyPart = h('div', { id: 'refer-agency-part', hidden: true },
    field(t('referrals.agencyKind'), kind), field(t('referrals.agencyName'), agencyName), field(t('referrals.agencyContact'), contact),
    field(t('referrals.handedOver'), handedOver), field(t('referrals.handedOverHow'), how), field(t('referrals.followUpOn'), followUp));
  const requiredBoxes = h('div', { id: 'refer-required-fields' }, REQUIRED.map((f) => box(f, true, true)));
  dest.addEventListener('change', () => {
    const agency = dest.value === 'AGENCY';
    orgPart.hidden = agency;
    agencyPart.hidden = !agency;
    requiredBoxes.querySelectorAll('input').forEach((i) => (i.disabled = !agency));
  });
  const form = h('form', { id: 'refer-form', novalidate: true },
    field(t('referrals.destination'), dest), orgPart, agencyPart,
    field(t('referrals.reason'), reason), field(t('referrals.services'), services), field(t('referrals.urgency'), urgency),
    h('fieldset', null, h('legend', null, t('referrals.consent')),
      h('p', { class: 'hint' }, t('referrals.consentHint')),
      field(t('referrals.consentBy'), givenBy), field(t('referrals.consentRelation'), relation),
      field(t('referrals.consentOn'), givenOn), field(t('referrals.consentMethod'), method),
      h('small', { class: 'field-error', id: 'refer-consent-error', 'aria-live': 'polite' })),
    h('fieldset', { 'data-field': 'sharedFields' }, h('legend', null, t('referrals.shareWhat')),
      h('p', { class: 'hint' }, t('referrals.shareHint')), requiredBoxes, OPTIONAL.map((f) => box(f, false, false)),
      h('small', { class: 'field-error', 'aria-live': 'polite' })),
    summary,
    h('button', { type: 'submit', class: 'primary', id: 'refer-submit' }, t('referrals.send')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, summary);
    const agency = dest.value === 'AGENCY';
    const shared = [...form.querySelectorAll('input[name="sharedFields"]')].filter((i) => i.checked).map((i) => i.value);
    const body = {
      beneficiaryId: child, reason: reason.value, services: services.value, urgency: urgency.value, sharedFields: shared,
      consent: givenBy.value ? { givenBy: givenBy.value, relationship: relation.value, givenOn: givenOn.value, method: method.value } : null,
      serviceRecordId: record,
    };
    if (agency) {
      Object.assign(body, { agencyKind: kind.value, agencyName: agencyName.value, agencyContact: contact.value || null,
        handedOver: handedOver.value || null, handedOverHow: how.value, followUpOn: followUp.value || null });
    } else {
      body.receiverId = receiver.value;
    }
    try {
      const r = await post(agency ? 'referrals/agency' : 'referrals', body);
      toast(t('referrals.sentToast'));
      // Referred while closing a case: back to the closure, where the new referral is offered to link.
      go(fromCase && /^[0-9a-f-]{36}$/.test(fromCase) ? `#/cases/${fromCase}?referral=${r.id}` : `#/referrals/${r.id}`);
    } catch (e) {
      showProblem(form, summary, e);
      const consentError = (e.errors || []).find((x) => x.field === 'consent');
      if (consentError) form.querySelector('#refer-consent-error').textContent = t(`problem.${consentError.code}`);
    }
  });
  add(main, h('h1', null, t('referrals.referTitle')),
    h('p', { class: 'lead' }, h('span', { 'data-data': '' }, person.name), ` · ${t('person.age', { n: person.age })}`),
    visit ? h('p', { class: 'notice referral-source', id: 'refer-source' }, source(visit.kind, visit.startedAt)) : null,
    form);
}

async function referralDetail(main, id) {
  const r = await get(`referrals/${encodeURIComponent(id)}`);
  const roles = session.get().me.user.roles;
  const supervisor = roles.includes('SUPERVISOR') || roles.includes('ORG_ADMIN');
  const received = r.side === 'RECEIVED';
  add(main, h('h1', null, t(received ? 'referrals.receivedTitle' : 'referrals.sentTitle')),
    h('p', { class: 'lead', id: 'referral-status' }, status(r),
      r.answeredAt ? ` ${t('referrals.answeredOn', { date: formatDateTime(r.answeredAt) })}` : ''),
    h('dl', { class: 'facts', id: 'referral-facts' },
      h('dt', null, t('referrals.from')), h('dd', { 'data-data': '' }, r.senderName),
      h('dt', null, t('referrals.to')), h('dd', { 'data-data': '' }, r.receiverName || `${term('agency', r.agencyKind)} · ${r.agencyName}`),
      h('dt', null, t('referrals.reason')), h('dd', { 'data-data': '', id: 'referral-reason' }, r.reason),
      h('dt', null, t('referrals.services')), h('dd', { 'data-data': '' }, r.services),
      h('dt', null, t('referrals.urgency')), h('dd', null, term('urgency', r.urgency)),
      h('dt', null, t('referrals.consent')), h('dd', null, h('span', { 'data-data': '' }, r.consent.givenBy), ` · ${term('relation', r.consent.relationship)} · ${formatDate(r.consent.givenOn)}`),
      r.statusReason ? [h('dt', null, t('referrals.answer')), h('dd', { 'data-data': '', id: 'referral-answer' }, r.statusReason)] : null,
      r.source ? [h('dt', null, t('referrals.madeFrom')), h('dd', { id: 'referral-source' }, roles.includes('SOCIAL_WORKER') && r.source.kind === 'HOME_VISIT'
        ? h('a', { href: `#/visit/${r.source.serviceRecordId}` }, source(r.source.kind, r.source.startedAt))
        : source(r.source.kind, r.source.startedAt))] : null),
    h('section', { class: 'card', id: 'referral-shared', 'aria-labelledby': 'shared-title' },
      h('h2', { id: 'shared-title' }, t('referrals.shared')),
      h('p', { class: 'hint' }, t(received && r.status === 'SENT' ? 'referrals.maskedHint' : 'referrals.sharedHint')),
      h('ul', { class: 'list' }, r.sharedFields.map((f) => h('li', { 'data-shared': f }, t(`sharedField.${f}`), ': ',
        h('span', { 'data-data': '' }, r.shared[f] == null ? t('referrals.afterAccept') : shown(f, r.shared[f])))))));
  if (received && r.receivedBeneficiaryId) {
    main.append(h('p', null, h('a', { class: 'button', href: `#/person/${r.receivedBeneficiaryId}`, id: 'referral-person' }, t('referrals.openPerson'))));
  }
  if (!received && r.beneficiaryId) {
    main.append(h('p', null, h('a', { href: `#/person/${r.beneficiaryId}`, id: 'referral-child' }, t('referrals.openChild'))));
  }
  if (received && r.status === 'SENT' && supervisor) main.append(await answerForms(r));
  if (!received && r.status === 'SENT') main.append(reasonForm('withdraw', `referrals/${r.id}/withdraw`, 'referrals.withdraw', 'referrals.withdrawReason'));
  if (r.agencyKind) {
    main.append(h('p', null, h('button', { type: 'button', id: 'referral-letter', onclick: () => download(`referrals/${r.id}/letter`, 'referral-letter.pdf').catch((e) => toast(e.message)) }, t('referrals.letter'))));
    if (r.status !== 'CLOSED') {
      main.append(reasonForm('follow-up', `referrals/${r.id}/follow-up`, 'referrals.followUp', 'referrals.followUpNote', 'note'),
        reasonForm('close', `referrals/${r.id}/close`, 'referrals.close', 'referrals.outcome', 'outcome'));
    }
  }
}

/** Where a referral came from: "from the home visit of 3 December". */
function source(kind, startedAt) {
  return t('referrals.fromRecord', { kind: term('kind', kind), date: formatDate(startedAt) });
}

function shown(f, v) {
  if (f === 'GENDER') return term('gender', v);
  if (f === 'CATEGORIES') return v.split(',').map((c) => term('category', c)).join('、');
  if (f === 'DIFFICULTY_TYPE') return term('difficulty', v);
  return v;
}

async function answerForms(r) {
  const projects = (await all('projects?status=ACTIVE')).filter((p) => p.organizationId === session.get().me.tenant.id);
  const summary = h('div', { class: 'error', role: 'alert', id: 'accept-summary' });
  const project = h('select', { name: 'projectId', id: 'accept-project' }, option('', t('referrals.noProject')),
    projects.map((p) => option(p.id, p.title)));
  const accept = h('form', { id: 'accept-form', class: 'card', novalidate: true },
    h('h2', null, t('referrals.accept')), h('p', { class: 'hint' }, t('referrals.acceptHint')),
    field(t('referrals.enrolIn'), project), summary,
    h('button', { type: 'submit', class: 'primary', id: 'accept-submit' }, t('referrals.accept')));
  accept.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(accept, summary);
    try {
      await post(`referrals/${r.id}/accept`, { projectId: project.value || null });
      toast(t('referrals.acceptedToast'));
      go(`#/referrals/${r.id}`);
    } catch (e) {
      showProblem(accept, summary, e);
    }
  });
  return h('div', { id: 'referral-answer-forms' }, accept,
    reasonForm('decline', `referrals/${r.id}/decline`, 'referrals.decline', 'referrals.declineReason'));
}

function reasonForm(name, path, title, label, fieldName = 'reason') {
  const summary = h('div', { class: 'error', role: 'alert' });
  const text = h('textarea', { name: fieldName, id: `${name}-text`, rows: 2, maxlength: 1000 });
  const next = name === 'follow-up' ? h('input', { type: 'date', name: 'nextFollowUpOn', id: 'follow-up-next' }) : null;
  const form = h('form', { id: `${name}-form`, class: 'card', novalidate: true },
    h('h2', null, t(title)), field(t(label), text), next ? field(t('referrals.nextFollowUp'), next) : null, summary,
    h('button', { type: 'submit', id: `${name}-submit`, class: name === 'decline' || name === 'withdraw' ? 'warn' : '' }, t(title)));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, summary);
    try {
      const body = { [fieldName]: text.value };
      if (next) body.nextFollowUpOn = next.value || null;
      await post(path, body);
      go(location.hash);
    } catch (e) {
      showProblem(form, summary, e);
    }
  });
  return form;
}

/**
 * The bureau's referral figures (#/referralFigures): per organization it funds, what was sent, accepted, declined and
 * is waiting, with the oldest wait and an overdue mark; tapping an organization lists its referrals (no person).
 */
export async function referralFiguresScreen(main, route) {
  const figures = await get('referrals/figures');
  const org = route.params.get('organization');
  const table = h('table', { id: 'referral-figures' },
    h('thead', null, h('tr', null, ['organization', 'sent', 'accepted', 'declined', 'waiting', 'received', 'receivedWaiting', 'oldest',
      'toAgencies', 'agencyOutcomeKnown', 'agencyWaiting', 'agencyOldest']
      .map((c) => h('th', { scope: 'col' }, t(`referralFigures.${c}`))))),
    h('tbody', null, figures.organizations.map((o) => h('tr', { 'data-organization': o.organizationId, class: o.isOverdue ? 'overdue' : null },
      h('td', null, h('a', { href: `#/referralFigures?organization=${o.organizationId}` }, h('span', { 'data-data': '' }, o.name)),
        o.isOverdue ? [' ', h('span', { class: 'badge warn' }, t('referralFigures.overdue', { n: o.overdue + o.agencyOverdue }))] : null),
      [o.sent, o.accepted, o.declined, o.waiting, o.received, o.receivedWaiting].map((n) => h('td', { class: 'num' }, String(n))),
      h('td', { class: 'num' }, t('referrals.days', { n: o.oldestWaitingDays })),
      [o.toAgencies, o.agencyOutcomeKnown, o.agencyWaiting].map((n) => h('td', { class: 'num' }, String(n))),
      h('td', { class: 'num', 'data-agency-oldest': o.agencyOldestWaitingDays }, t('referrals.days', { n: o.agencyOldestWaitingDays }))))));
  add(main, h('h1', null, t('referralFigures.title')),
    h('p', { class: 'hint' }, t('referralFigures.hintAll', { days: figures.responseDays })),
    figures.organizations.length ? stacked(table) : h('p', { class: 'hint', id: 'referral-figures-empty' }, t('referralFigures.empty')));
  if (org) {
    const rows = await get(`referrals/figures/list?organizationId=${encodeURIComponent(org)}`);
    main.append(h('section', { class: 'card', id: 'referral-figures-list', 'aria-labelledby': 'figures-list-title' },
      h('h2', { id: 'figures-list-title' }, t('referralFigures.list')),
      h('ul', { class: 'list' }, rows.map((r) => h('li', { 'data-referral': r.id },
        h('span', { 'data-data': '' }, r.senderName), ' → ', h('span', { 'data-data': '' }, r.receiverName || term('agency', r.agencyKind)), ' ',
        h('span', { class: `badge ${r.overdue ? 'warn' : ''}`, 'data-status': r.status }, term('referralStatus', r.status)),
        r.overdue ? [' ', h('span', { class: 'badge warn referral-overdue' }, t('referralFigures.overdueOne'))] : null,
        h('br'), h('small', null, `${formatDate(r.sentAt)} · ${term('urgency', r.urgency)} · ${t('referrals.days', { n: r.daysWaiting })}`))))));
  }
}
