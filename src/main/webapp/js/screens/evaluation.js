import { h, field, fieldError, option, stacked } from '../dom.js';
import { t, term, formatDate, formatDateTime, formatNumber } from '../i18n.js';
import { all, get, post, api } from '../api.js';
import { describe, go, render } from '../main.js';
import { exportButtons } from '../exports.js';

const STAGES = ['MID_TERM', 'FINAL'];

/**
 * Evaluation sheets (绩效评估): without an id the caller's sheets (the bureau's, or the organization's signed ones) and,
 * for the bureau, a form to open one for a running project; with an id the sheet itself (evaluationSheet).
 */
export async function evaluationsScreen(main, route) {
  if (route.id) {
    await evaluationSheet(main, route.id);
    return;
  }
  const projects = (await get('projects?limit=200&sort=-createdAt')).items;
  const titles = new Map(projects.map((p) => [p.id, p.title]));
  const sheets = await all('evaluations');
  const running = projects.filter((p) => p.status === 'ACTIVE' || p.status === 'CLOSED');
  const preset = route.params.get('project') || '';
  // The organization reads the sheets once signed (the API lists no drafts to it); only the bureau opens them.
  const s = JSON.parse(localStorage.getItem('shouhu.session'));
  const officer = s.me.tenant.kind === 'BUREAU' && s.me.user.roles.includes('BUREAU_OFFICER');

  const projectSel = h('select', { name: 'project', required: true }, option('', t('evaluation.pickProject')),
    running.map((p) => option(p.id, `${p.title}（${p.contractNumber}）`, p.id === preset)));
  const presetStage = route.params.get('stage');
  const stageSel = h('select', { name: 'stage' }, STAGES.map((s) => option(s, term('stage', s), s === presetStage)));
  // Come from a milestone that waits for an evaluation: the sheet is opened for that milestone, while the form still
  // names its project and stage (the API says EVAL_MILESTONE_MISMATCH if the officer changed them to another's).
  const presetMilestone = route.params.get('milestone');
  const error = h('p', { class: 'error', role: 'alert', id: 'evaluation-open-error' });
  const form = h('form', { class: 'card filters', id: 'evaluation-open' },
    field(t('filter.project'), projectSel), field(t('evaluation.stage'), stageSel),
    h('button', { type: 'submit', class: 'primary', id: 'evaluation-open-submit' }, t('evaluation.open')), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!projectSel.value) {
      error.textContent = t('evaluation.pickProject');
      return;
    }
    try {
      const milestoneId = presetMilestone && projectSel.value === preset && stageSel.value === presetStage ? presetMilestone : null;
      const opened = await post(`projects/${projectSel.value}/evaluations`, { stage: stageSel.value, milestoneId });
      go(`#/evaluations/${opened.id}`);
    } catch (e) {
      // A draft of this stage exists already: open it instead of refusing.
      if (e.code === 'EVAL_ALREADY_OPEN') {
        const draft = sheets.find((x) => x.projectId === projectSel.value && x.stage === stageSel.value && x.status === 'DRAFT');
        if (draft) return go(`#/evaluations/${draft.id}`);
      }
      error.textContent = describe(e);
    }
  });

  main.append(h('h1', null, t('evaluation.title')), ...(officer ? [h('h2', null, t('evaluation.openTitle')), form] : []),
    sheets.length
      ? h('div', { class: 'table-wrap' }, stacked(h('table', { id: 'evaluations-table' },
        h('caption', null, t('evaluation.caption', { n: sheets.length })),
        h('thead', null, h('tr', null, ['filter.project', 'evaluation.stage', 'evaluation.asOf', 'evaluation.status', 'evaluation.total', 'evaluation.grade']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, sheets.map((x) => h('tr', { 'data-evaluation': x.id },
          h('td', null, h('a', { href: `#/evaluations/${x.id}` }, titles.get(x.projectId) || x.projectId.slice(0, 8))),
          h('td', null, term('stage', x.stage)), h('td', null, formatDate(x.asOf)),
          h('td', null, h('span', { class: `badge eval-${x.status}` }, term('evaluationStatus', x.status))),
          h('td', { class: 'num' }, x.total || '–'), h('td', null, x.grade ? term('grade', x.grade) : '–')))))))
      : h('p', { class: 'hint' }, t('evaluation.none')));
}

/**
 * One sheet: the weighted indicators with their prefilled values and basis; per line a score, a comment and, when
 * the score departs from the prefilled value, the reason; the total and grade as they stand; signing freezes it.
 */
async function evaluationSheet(main, id) {
  const e = await get(`evaluations/${id}`);
  const project = await get(`projects/${e.projectId}`).catch(() => null);
  const signed = e.status === 'SIGNED';
  const s = JSON.parse(localStorage.getItem('shouhu.session'));
  const officer = s.me.tenant.kind === 'BUREAU' && s.me.user.roles.includes('BUREAU_OFFICER');
  const editable = officer && !signed;

  main.append(h('p', null, h('a', { href: '#/evaluations' }, t('evaluation.back'))),
    h('h1', null, t('evaluation.sheetTitle', { stage: term('stage', e.stage) }), ' ',
      h('span', { class: `badge eval-${e.status}`, id: 'evaluation-status', 'data-status': e.status }, term('evaluationStatus', e.status))),
    h('p', { class: 'meta' }, project ? `${project.title} · ${project.contractNumber} · ` : '', t('evaluation.asOfLine', { day: formatDate(e.asOf) }), ' · ',
      h('a', { href: `#/project/${e.projectId}` }, t('evaluation.projectLink')),
      officer ? [' · ', h('a', { href: `#/contracts/${e.projectId}`, id: 'evaluation-contract-link' }, t('evaluation.contractLink'))] : null));
  // Which payment this sheet decides: a pass releases it, and the officer pays it on the contract.
  const milestone = e.milestoneId && project ? (project.milestones || []).find((m) => m.id === e.milestoneId) : null;
  if (milestone) {
    main.append(h('p', { class: 'notice', id: 'evaluation-releases', 'data-milestone': milestone.id, 'data-status': milestone.status },
      t('evaluation.releases', { milestone: term('milestone', milestone.kind), amount: formatNumber(Number(milestone.amount)),
        due: formatDate(milestone.dueDate) }), ' ',
      h('span', { class: `badge milestone-${milestone.status}` }, term('milestoneStatus', milestone.status))));
  }

  const result = h('p', { role: 'status', 'aria-live': 'polite', id: 'evaluation-result' });
  const saved = sessionStorage.getItem('shouhu.evaluationSaved');
  sessionStorage.removeItem('shouhu.evaluationSaved');
  if (saved) result.textContent = t('evaluation.savedLine', { indicator: term('indicator', saved) });
  if (sessionStorage.getItem('shouhu.evaluationWeights')) result.textContent = t('weights.saved');
  sessionStorage.removeItem('shouhu.evaluationWeights');
  const rows = e.indicators.map((i) => indicatorRow(e, i, editable, result));
  const sheet = h('table', { id: 'evaluation-table', class: 'sheet' },
    h('caption', null, t('evaluation.sheetCaption')),
    h('thead', null, h('tr', null, ['evaluation.indicator', 'evaluation.weight', 'evaluation.prefilled', 'evaluation.score',
      'evaluation.comment', 'evaluation.reason', ...(editable ? ['evaluation.save'] : [])].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, rows),
    h('tfoot', null, h('tr', null, h('th', { scope: 'row', colspan: 3 }, t('evaluation.total')),
      h('td', { id: 'evaluation-total', 'data-total': e.total || '' }, e.total || t('evaluation.totalPending')),
      h('td', { colspan: editable ? 3 : 2 }, h('span', { id: 'evaluation-grade', 'data-grade': e.grade || '', class: `badge grade-${e.grade || 'NONE'}` },
        e.grade ? term('grade', e.grade) : t('evaluation.gradePending'))))));
  stacked(sheet);
  main.append(h('div', { class: 'table-wrap' }, sheet), result, h('p', { class: 'hint' }, t('evaluation.gradeRule')));
  if (editable) main.append(weightsForm(e));

  if (signed) {
    main.append(h('section', { class: 'card', id: 'evaluation-signed' }, h('h2', null, t('evaluation.signedTitle')),
      h('p', null, t('evaluation.signedAt', { when: formatDateTime(e.signedAt) })),
      e.conclusion ? h('p', null, t('evaluation.conclusion'), t('evaluation.colon'), h('q', { 'data-data': '' }, e.conclusion)) : null,
      h('p', null, e.passed ? t('evaluation.passed') : t('evaluation.failed')),
      officer && milestone && milestone.status === 'RELEASED'
        ? h('p', null, h('a', { href: `#/contracts/${e.projectId}`, class: 'button', id: 'evaluation-pay-link' },
          t('evaluation.payReleased', { milestone: term('milestone', milestone.kind) })))
        : null));
  } else if (editable) {
    const conclusion = h('textarea', { name: 'conclusion', id: 'evaluation-conclusion', rows: 3, maxlength: 2000 });
    const error = h('p', { class: 'error', role: 'alert', id: 'evaluation-sign-error' });
    const sign = h('button', { type: 'button', class: 'primary', id: 'evaluation-sign', onclick: async () => {
      error.textContent = '';
      if (!confirm(t('evaluation.signConfirm'))) return;
      try {
        await post(`evaluations/${e.id}/sign`, { conclusion: conclusion.value.trim() || null });
        render();
      } catch (err) {
        error.textContent = describe(err);
      }
    } }, t('evaluation.sign'));
    const refresh = h('button', { type: 'button', id: 'evaluation-refresh', onclick: async () => {
      try {
        await post(`evaluations/${e.id}/refresh`, {});
        render();
      } catch (err) {
        error.textContent = describe(err);
      }
    } }, t('evaluation.refresh'));
    main.append(h('section', { class: 'card' }, h('h2', null, t('evaluation.signTitle')),
      field(t('evaluation.conclusion'), conclusion, t('evaluation.signHint')),
      h('div', { class: 'actions' }, sign, refresh), error));
  }
  main.append(exportButtons('evaluation-export', `exports/evaluations/${e.id}`, ['PDF', 'XLSX'], t('export.evaluation')));
}

/** How a prefilled value was reckoned, worded from the API's codes and numbers (older sheets carry plain text). */
function basis(i) {
  const parts = i.basisParts || [];
  if (!parts.length) return i.prefillBasis ? h('small', { class: 'basis', 'data-data': '' }, h('br'), i.prefillBasis) : null;
  const words = parts.map(({ code, args }) => {
    const [a, b, c] = args || [];
    switch (code) {
      case 'DELIVERED': return t('basis.DELIVERED', { kind: term('kind', a), done: b, of: c });
      case 'EXPECTED_SHARE': return t('basis.EXPECTED_SHARE', { percent: a });
      case 'RECORDS_IN_ORDER': return t('basis.RECORDS_IN_ORDER', { done: a, of: b });
      case 'INCIDENTS_HANDLED': return t('basis.INCIDENTS_HANDLED', { done: a, of: b });
      case 'SURVEYS': return t('basis.SURVEYS', { n: a });
      default: return t(`basis.${code}`);
    }
  });
  return h('small', { class: 'basis', 'data-basis': parts.map((p) => p.code).join(' ') }, h('br'), words.join(t('basis.separator')));
}

const INDICATORS = ['COMPLETION', 'QUALITY', 'SATISFACTION', 'COMPLIANCE'];

/**
 * The project's weights, editable on a draft until a sheet of the project is signed (the API then refuses with
 * EVAL_WEIGHTS_FIXED). The sum is shown as it is typed and must be 100 before saving; the API checks it again.
 */
function weightsForm(e) {
  const byCode = new Map(e.indicators.map((i) => [i.code, i.weight]));
  const inputs = INDICATORS.map((code) => h('input', { type: 'number', name: code.toLowerCase(), min: 0, max: 100, step: 1,
    inputmode: 'numeric', id: `weight-${code}`, value: byCode.get(code) ?? 0 }));
  const sum = h('output', { id: 'weights-sum', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert', id: 'weights-error' });
  const total = () => inputs.reduce((n, input) => n + (Number(input.value) || 0), 0);
  const show = () => {
    const n = total();
    sum.textContent = t('weights.sum', { n });
    sum.className = n === 100 ? 'ok' : 'warn';
  };
  inputs.forEach((input) => input.addEventListener('input', show));
  show();
  const save = h('button', { type: 'submit', id: 'weights-save' }, t('weights.save'));
  const form = h('form', { class: 'card weights', id: 'weights-form', novalidate: true },
    h('h2', null, t('weights.title')), h('p', { class: 'hint' }, t('weights.hint')),
    h('div', { class: 'weights-grid' }, INDICATORS.map((code, n) => field(term('indicator', code), inputs[n]))),
    h('p', null, sum), error, h('div', { class: 'actions' }, save));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (inputs.some((input) => !/^\d+$/.test(input.value.trim()))) {
      error.textContent = t('weights.whole');
      return;
    }
    if (total() !== 100) {
      error.textContent = t('weights.notHundred', { n: total() });
      return;
    }
    save.disabled = true;
    try {
      await api('PUT', `projects/${e.projectId}/evaluations/weights`, { body: Object.fromEntries(inputs.map((input) => [input.name, Number(input.value)])) });
      sessionStorage.setItem('shouhu.evaluationWeights', '1');
      render();
    } catch (err) {
      error.textContent = describe(err);
      save.disabled = false;
    }
  });
  return form;
}

function indicatorRow(e, i, editable, result) {
  const code = i.code;
  const label = term('indicator', code);
  const cells = [
    h('th', { scope: 'row' }, label),
    h('td', { class: 'num' }, `${i.weight}`),
    h('td', null, i.prefilled ?? '–', basis(i)),
  ];
  if (!editable) {
    cells.push(h('td', { class: 'num score' }, i.score ?? '–', i.overridden ? h('span', { class: 'badge warn' }, ' ', t('evaluation.overridden')) : null),
      h('td', null, i.comment || ''), h('td', null, i.overrideReason || ''));
    return h('tr', { 'data-indicator': code }, cells);
  }
  const score = h('input', { type: 'number', name: 'score', min: 0, max: 100, step: '0.01', inputmode: 'decimal',
    id: `score-${code}`, value: i.score ?? '' });
  const comment = h('input', { type: 'text', name: 'comment', maxlength: 1000, id: `comment-${code}`, value: i.comment || '' });
  const reason = h('input', { type: 'text', name: 'reason', maxlength: 1000, id: `reason-${code}`, value: i.overrideReason || '' });
  const row = h('tr', { 'data-indicator': code, class: i.overridden ? 'overridden' : '' });
  const save = h('button', { type: 'button', id: `save-${code}`, onclick: async () => {
    ['score', 'comment', 'reason'].forEach((f) => fieldError(row, f, null));
    result.textContent = '';
    const given = score.value.trim();
    if (given && i.prefilled != null && Number(given) !== Number(i.prefilled) && !reason.value.trim()) {
      fieldError(row, 'reason', t('evaluation.reasonNeeded'));
      reason.focus();
      return;
    }
    if (!given && i.prefilled == null) {
      fieldError(row, 'score', t('evaluation.scoreNeeded'));
      score.focus();
      return;
    }
    try {
      await api('POST', `evaluations/${e.id}/indicators/${code}`, { body: {
        score: given ? Number(given) : null, comment: comment.value.trim() || null, reason: reason.value.trim() || null } });
      sessionStorage.setItem('shouhu.evaluationSaved', code);
      render();
    } catch (err) {
      const known = (err.errors || []).filter((x) => fieldError(row, x.field, describe({ code: x.code, message: x.message })));
      if (!known.length) result.textContent = describe(err);
    }
  } }, t('evaluation.save'));
  const cell = (input, name, text) => {
    const wrap = field(text, input);
    wrap.dataset.field = name;
    wrap.querySelector('label').className = 'sr-only';
    return h('td', null, wrap);
  };
  cells.push(cell(score, 'score', t('evaluation.scoreFor', { indicator: label })),
    cell(comment, 'comment', t('evaluation.commentFor', { indicator: label })),
    cell(reason, 'reason', t('evaluation.reasonFor', { indicator: label })),
    h('td', null, save, i.scoredAt ? h('small', { class: 'scored' }, h('br'), i.overridden ? t('evaluation.overridden') : t('evaluation.scored')) : null));
  cells.forEach((c) => row.append(c));
  return row;
}

