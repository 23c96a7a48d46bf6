/**
 * The only way screens build markup. Every piece of data becomes a text node or a property, never HTML: there is
 * no innerHTML anywhere in the app, so a note containing "<script>" is shown as those characters.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'value' || name === 'checked' || name === 'selected' || name === 'disabled') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  add(el, children);
  return el;
}

export function add(el, ...children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function replace(el, ...children) {
  el.replaceChildren();
  return add(el, children);
}

let ids = 0;
/** A unique id, to tie a label to its input. */
export function uid(prefix = 'f') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form field: the label names the input for screen readers and for taps on a phone. */
export function field(label, input, hint) {
  if (!input.id) input.id = uid();
  const hintEl = hint ? h('small', { class: 'hint', id: input.id + '-hint' }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  const error = h('small', { class: 'field-error', id: input.id + '-error', 'aria-live': 'polite' });
  return h('div', { class: 'field', 'data-field': input.name || '' }, h('label', { for: input.id }, label), input, hintEl, error);
}

/** Marks a field's error under its input (or clears it with null). */
export function fieldError(form, name, message) {
  const wrap = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!wrap) return false;
  const input = wrap.querySelector('input, select, textarea');
  const error = wrap.querySelector('.field-error');
  error.textContent = message || '';
  if (input) {
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), error.id].filter(Boolean).join(' '));
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
  return true;
}

export function option(value, label, selected) {
  return h('option', { value, selected: !!selected }, label);
}

/**
 * A table that is stacked on a phone (app.css, table.stack): one block per row, each cell labelled with its column's
 * heading, so a wide table fits 360 px without sideways scrolling. Returns the table.
 */
export function stacked(table) {
  table.classList.add('stack');
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
  for (const row of table.querySelectorAll('tbody tr')) {
    [...row.children].forEach((cell, i) => { if (heads[i]) cell.setAttribute('data-label', heads[i]); });
  }
  return table;
}
