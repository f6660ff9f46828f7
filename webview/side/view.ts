/**
 * DOM of the "Activation at Cursor" view: built with createElement/textContent only (no
 * HTML strings from messages). Charts and formulas are filled in by main.ts.
 */
import type { SideActivation, SideResults } from '../../src/protocol/sideView';
import { h } from '../shared/dom';

/** Handles to the parts main.ts updates. */
export interface SideUi {
  readonly empty: HTMLElement;
  readonly card: HTMLElement;
  readonly title: HTMLElement;
  readonly pin: HTMLButtonElement;
  readonly matched: HTMLElement;
  readonly chart: HTMLElement;
  readonly formulaF: HTMLElement;
  readonly formulaDf: HTMLElement;
  readonly params: HTMLElement;
  readonly conventions: HTMLElement;
  readonly notes: HTMLElement;
  readonly explorer: HTMLButtonElement;
  readonly mnist: HTMLButtonElement;
  readonly resultsChart: HTMLElement;
  readonly resultsInfo: HTMLElement;
}

/** Builds the static layout inside `root`. */
export function layout(root: HTMLElement): SideUi {
  const empty = h('p', { class: 'muted empty' }, 'Put the cursor on an activation, e.g. nn.GELU(approximate=\'tanh\'), activation=\'relu\' or tf.layers.leakyReLU({alpha: 0.2}).');
  const card = h('section', { class: 'activation' });
  card.hidden = true;
  const head = h('div', { class: 'head' });
  const title = h('h2', { class: 'title' });
  const pin = h('button', { class: 'secondary pin' }, 'Pin');
  pin.setAttribute('aria-pressed', 'false');
  pin.title = 'Keep this activation while the cursor moves (Activation Lab: Pin or Unpin)';
  head.append(title, pin);
  const matched = h('p', { class: 'matched' });
  const chart = h('div', { class: 'chart' });
  chart.setAttribute('role', 'img');
  const formulaF = h('div', { class: 'formula' });
  const formulaDf = h('div', { class: 'formula' });
  const params = h('div', { class: 'params' });
  const conventions = h('div', { class: 'conventions' });
  const notes = h('div', { class: 'notes' });
  const actions = h('div', { class: 'actions' });
  const explorer = h('button', {}, 'Open in Explorer');
  const mnist = h('button', { class: 'secondary' }, 'Compare on MNIST');
  actions.append(explorer, mnist);
  card.append(head, matched, chart, formulaF, formulaDf, params, conventions, notes, actions);
  const results = h('section', { class: 'results' });
  const resultsChart = h('div', { class: 'chart results-chart' });
  resultsChart.setAttribute('role', 'img');
  const resultsInfo = h('div', { class: 'muted results-info' });
  results.append(h('h3', {}, 'Latest MNIST results'), resultsInfo, resultsChart);
  root.append(empty, card, results);
  return { empty, card, title, pin, matched, chart, formulaF, formulaDf, params, conventions, notes, explorer, mnist, resultsChart, resultsInfo };
}

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>, caption: string): HTMLTableElement {
  const t = h('table');
  t.append(h('caption', {}, caption));
  const hr = h('tr');
  for (const name of head) hr.append(h('th', {}, name));
  t.append(hr);
  for (const r of rows) {
    const tr = h('tr');
    for (const c of r) tr.append(h('td', {}, c));
    t.append(tr);
  }
  return t;
}

/** Fills the text parts (not chart or KaTeX) for activation `a`. */
export function fillActivation(ui: SideUi, a: SideActivation, pinned: boolean): void {
  ui.empty.hidden = true;
  ui.card.hidden = false;
  ui.title.textContent = a.name;
  ui.matched.textContent = '';
  const lib = a.library === 'user' ? 'your function' : a.library ?? 'name only';
  ui.matched.append(h('span', { class: 'lib' }, lib), ' ', h('code', {}, a.matched), ' ', h('span', { class: 'muted' }, a.where));
  ui.chart.setAttribute('aria-label', `${a.name}: f solid and f' dashed`);
  setPinned(ui, pinned);
  const libName = a.library === 'user' || !a.library ? 'catalogue' : a.library;
  const rows = a.readings.map((r) => [r.ours && r.ours !== r.lib ? `${r.lib} (${r.ours})` : r.lib, typeof r.value === 'string' ? `'${r.value}'` : String(r.value), r.from === 'code' ? 'your code' : `${libName} default`]);
  for (const [k, v] of Object.entries(a.params)) if (!a.readings.some((r) => r.ours === k)) rows.push([k, String(v), 'catalogue default']);
  ui.params.replaceChildren(...(rows.length ? [table(['parameter', 'value', 'from'], rows, 'Parameters')] : []));
  ui.conventions.replaceChildren(table(['library', 'call', 'defaults'], a.conventions.map((c) => [c.library, c.api, c.note]), 'Library conventions'));
  ui.notes.replaceChildren(...a.notes.map((n) => h('p', { class: 'note' }, n)), h('p', { class: 'muted source' }, `Source: ${a.source}`));
}

/** Shows the pin state on the button (text and aria-pressed). */
export function setPinned(ui: SideUi, pinned: boolean): void {
  ui.pin.textContent = pinned ? 'Unpin' : 'Pin';
  ui.pin.setAttribute('aria-pressed', String(pinned));
}

/** Fills the results caption and notes; returns whether there is a chart to draw. */
export function fillResults(ui: SideUi, r: SideResults): boolean {
  const lines = r.file ? [`${r.file}${r.createdAt ? ` (${r.createdAt})` : ''}`] : [];
  const best = r.runs.filter((x) => x.testAccuracy !== null).map((x) => `${x.activation} ${(x.testAccuracy! * 100).toFixed(1)} %`);
  if (best.length) lines.push(`Test accuracy: ${best.join(', ')}`);
  ui.resultsInfo.replaceChildren(...[...lines, ...r.notes].map((t) => h('p', {}, t)));
  ui.resultsChart.hidden = r.runs.length === 0;
  ui.resultsChart.setAttribute('aria-label', 'Validation accuracy per epoch for each activation');
  return r.runs.length > 0;
}
