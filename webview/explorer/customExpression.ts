/**
 * The custom-activation widget of the explorer (issue 7): an expression in x, parameter rows
 * (name = value), a live error with a caret under the bad token, LaTeX of f and f', and
 * "Save" (posts `webview/saveCustom`, src/protocol/shared.ts; the host's answer comes back
 * through the page's channel to `saved`). The compiled definition (id `custom:<name>`) is
 * handed to the explorer through `onChange`. State: slot `custom`.
 */
import { compileUserActivation } from '../../src/core/expression/compile';
import type { ActivationDef } from '../../src/core/activations/types';
import type { ExpressionError } from '../../src/core/expression/ast';
import { customNameProblem } from '../../src/core/expression/resolve';
import type { HostToWebview, WebviewToHost } from '../../src/protocol/shared';
import { renderMath } from '../shared/math';
import { h } from '../shared/dom';
import { loadSlot, saveSlot } from './state';
import './customExpression.css';

interface Row { name: string; value: string }
interface Slot { name: string; expression: string; rows: Row[] }

const EMPTY: Slot = { name: '', expression: '', rows: [] };

function loadState(): Slot {
  const raw = loadSlot('custom') as Partial<Slot> | undefined;
  const str = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : undefined);
  if (!raw || typeof raw !== 'object') return EMPTY;
  const rows = Array.isArray(raw.rows) ? raw.rows.slice(0, 16).map((r: Partial<Row>) => ({ name: str(r?.name, 40) ?? '', value: str(r?.value, 40) ?? '' })) : [];
  return { name: str(raw.name, 40) ?? '', expression: str(raw.expression, 2000) ?? '', rows };
}

/** Parameter rows -> values, or the first bad row's message. */
function rowValues(rows: readonly Row[]): { params: Record<string, number> } | { error: string; index: number } {
  const params: Record<string, number> = {};
  for (const [i, r] of rows.entries()) {
    const name = r.name.trim();
    if (!name && !r.value.trim()) continue;
    const v = r.value.trim() === '' ? NaN : Number(r.value);
    if (!Number.isFinite(v)) return { error: `${name || 'parameter'}: '${r.value}' is not a finite number`, index: i };
    if (Object.prototype.hasOwnProperty.call(params, name)) return { error: `'${name}' appears twice`, index: i };
    params[name] = v;
  }
  return { params };
}

/** Two monospace lines: the source near the error, and a caret under [start, end). */
function caretLines(source: string, e: ExpressionError): [string, string] {
  const flat = source.replace(/[\r\n\t]/g, ' ');
  const from = Math.max(0, e.start - 40);
  const to = Math.min(flat.length, Math.max(e.end, e.start + 1) + 40);
  const prefix = from > 0 ? '…' : '';
  const line = prefix + flat.slice(from, to) + (to < flat.length ? '…' : '');
  const caret = ' '.repeat(prefix.length + e.start - from) + '^'.repeat(Math.max(1, Math.min(e.end, to) - e.start));
  return [line, caret];
}

/** The widget's handle: `saved` shows the host's answer to a save. */
export interface CustomExpressionWidget {
  saved(m: Extract<HostToWebview, { type: 'webview/customSaved' }>): void;
}

/**
 * Builds the widget into `container`. `onChange` receives the current custom definitions
 * (zero or one) whenever the expression, its parameters or its name change; `requestSave` posts the
 * Save button's request to the host.
 */
export function mountCustomExpression(
  container: HTMLElement,
  onChange: (defs: ActivationDef[]) => void,
  requestSave: (m: Extract<WebviewToHost, { type: 'webview/saveCustom' }>) => void,
): CustomExpressionWidget {
  let slot = loadState();
  const name = h('input', { type: 'text', id: 'custom-name', value: slot.name, spellcheck: 'false', 'aria-label': 'Name of the custom activation' });
  const expr = h('textarea', {
    id: 'custom-expression', rows: 2, spellcheck: 'false', placeholder: 'x * sigmoid(1.702 * x)',
    'aria-describedby': 'custom-expression-error', 'aria-label': 'Custom activation expression in x',
  });
  expr.value = slot.expression;
  const rowsBox = h('div', { class: 'custom-rows', role: 'group', 'aria-label': 'Parameters' });
  const addRow = h('button', { type: 'button', class: 'secondary' }, 'Add parameter');
  const error = h('div', { id: 'custom-expression-error', class: 'custom-error', role: 'status', 'aria-live': 'polite' });
  const texF = h('div', { class: 'custom-tex', 'aria-label': 'f(x)' });
  const texDf = h('div', { class: 'custom-tex', 'aria-label': "f'(x)" });
  const save = h('button', { type: 'button', id: 'custom-save' }, 'Save to workspace settings');
  const saved = h('div', { class: 'muted small', role: 'status' });
  container.append(
    h('label', { for: expr.id }, 'Expression in x'), expr, rowsBox, addRow, error, texF, texDf,
    h('label', { for: name.id }, 'Name'), name, save, saved,
    h('div', { class: 'muted small' }, 'Math: + - * / ^, exp, log, tanh, erf, max, min, abs, x > 0 ? … : …; catalogue ids as functions (relu(x), gelu(x)).'),
  );

  let current: ActivationDef | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const showError = (message: string, lines?: [string, string], unknown?: string): void => {
    const caret = lines ? [h('pre', { class: 'custom-caret' }, `${lines[0]}\n${lines[1]}`)] : [];
    const add = unknown ? [h('button', { type: 'button', class: 'secondary', id: 'custom-add-unknown' }, `Add parameter ${unknown} = 1`)] : [];
    add[0]?.addEventListener('click', () => { slot = { ...slot, rows: [...slot.rows, { name: unknown!, value: '1' }] }; renderRows(); compile(); });
    error.replaceChildren(h('div', {}, message), ...caret, ...add);
    expr.setAttribute('aria-invalid', 'true');
    save.disabled = true;
  };

  const compile = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    saveSlot('custom', slot);
    const rows = rowValues(slot.rows);
    rowsBox.querySelectorAll('input').forEach((el) => el.removeAttribute('aria-invalid'));
    if ('error' in rows) {
      rowsBox.querySelectorAll(`[data-row="${rows.index}"]`).forEach((el) => el.setAttribute('aria-invalid', 'true'));
      showError(rows.error);
    } else {
      const id = `custom:${slot.name.trim() || 'expression'}`;
      const r = compileUserActivation(slot.expression, rows.params, { name: id });
      if (!slot.expression.trim()) {
        error.replaceChildren();
        expr.removeAttribute('aria-invalid');
        save.disabled = true;
        current = undefined;
      } else if (!r.ok) {
        const unknown = /^Unknown name/.test(r.error.message) && slot.rows.length < 16 ? slot.expression.slice(r.error.start, r.error.end) : undefined;
        showError(r.error.param !== undefined ? `Parameter ${r.error.param}: ${r.error.message}` : r.error.message,
          r.error.param !== undefined ? undefined : caretLines(slot.expression, r.error), unknown);
        current = undefined;
      } else {
        current = { ...r.def, name: slot.name.trim() || r.def.expression };
        expr.removeAttribute('aria-invalid');
        error.replaceChildren(...r.warnings.map((w) => h('div', { class: 'muted' }, w)));
        renderMath(texF, r.def.latex.f);
        renderMath(texDf, r.def.latex.df);
        const nameProblem = customNameProblem(slot.name.trim());
        save.disabled = nameProblem !== undefined;
        save.title = nameProblem ?? '';
      }
    }
    onChange(current ? [current] : []);
    // Observable idle state: tests wait for it instead of sleeping past the debounce.
    container.dataset.pending = 'false';
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    container.dataset.pending = 'true';
    timer = setTimeout(compile, 120);
  };

  const renderRows = (): void => {
    rowsBox.replaceChildren(...slot.rows.map((r, i) => {
      const n = h('input', { type: 'text', value: r.name, 'data-row': i, 'aria-label': `Parameter ${i + 1} name`, class: 'custom-param-name', spellcheck: 'false' });
      const v = h('input', { type: 'text', value: r.value, 'data-row': i, 'aria-label': `Parameter ${i + 1} value`, class: 'custom-param-value', inputmode: 'decimal' });
      const del = h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove parameter ${r.name || i + 1}` }, '×');
      n.addEventListener('input', () => { slot = { ...slot, rows: slot.rows.map((x, j) => (j === i ? { ...x, name: n.value } : x)) }; schedule(); });
      v.addEventListener('input', () => { slot = { ...slot, rows: slot.rows.map((x, j) => (j === i ? { ...x, value: v.value } : x)) }; schedule(); });
      del.addEventListener('click', () => { slot = { ...slot, rows: slot.rows.filter((_, j) => j !== i) }; renderRows(); compile(); });
      return h('div', { class: 'custom-row' }, n, h('span', { 'aria-hidden': 'true' }, ' = '), v, del);
    }));
    addRow.disabled = slot.rows.length >= 16;
  };

  expr.addEventListener('input', () => { slot = { ...slot, expression: expr.value }; schedule(); });
  name.addEventListener('input', () => { slot = { ...slot, name: name.value }; schedule(); });
  addRow.addEventListener('click', () => { slot = { ...slot, rows: [...slot.rows, { name: '', value: '' }] }; renderRows(); });
  save.addEventListener('click', () => {
    const rows = rowValues(slot.rows);
    if (!current || 'error' in rows) return;
    requestSave({ type: 'webview/saveCustom', name: slot.name.trim(), expression: slot.expression, params: rows.params });
    saved.textContent = 'Saving…';
  });
  renderRows();
  compile();
  return {
    saved: (m) => {
      saved.textContent = m.error ? `Not saved: ${m.error}` : `Saved '${m.name}' to activationLab.customActivations.`;
    },
  };
}
