/**
 * The explorer page's skeleton: a toolbar, a left column of controls (activations,
 * custom expression), and a main column with axis ranges, the chart, the parameter
 * sliders and the detail cards.
 */
import { h } from '../shared/dom';

/** The containers the other modules fill. */
export interface ExplorerLayout {
  readonly list: HTMLElement;
  readonly custom: HTMLElement;
  readonly ranges: HTMLElement;
  readonly chart: HTMLElement;
  readonly status: HTMLElement;
  /** f and f' at the cursor x. */
  readonly readout: HTMLElement;
  readonly params: HTMLElement;
  readonly details: HTMLElement;
  readonly exportSvg: HTMLButtonElement;
  readonly exportPng: HTMLButtonElement;
  /** Plot height in px for the current window (about half its height, 260-520). */
  chartHeight(): number;
}

/** Builds the skeleton into `root`. */
export function layout(root: HTMLElement): ExplorerLayout {
  const list = h('div', { class: 'activation-list' });
  const custom = h('div', { class: 'custom' });
  const ranges = h('div', { class: 'ranges' });
  const chart = h('div', { class: 'chart', id: 'chart', role: 'group', 'aria-label': "Chart of f (solid) and f' (dashed) for the selected activations; arrow keys move a cursor whose values are read out below" });
  const status = h('div', { class: 'field-error', role: 'status', 'aria-live': 'polite' });
  const readout = h('div', { class: 'readout', 'aria-live': 'polite' });
  const params = h('div', { class: 'params-list' });
  const details = h('div', { class: 'details' });
  const exportSvg = h('button', { class: 'secondary', type: 'button', title: 'Save the chart as an SVG file' }, 'Export SVG');
  const exportPng = h('button', { class: 'secondary', type: 'button', title: 'Save the chart as a PNG file (2x)' }, 'Export PNG');
  root.replaceChildren(
    h('div', { class: 'explorer' },
      h('aside', { class: 'sidebar', 'aria-label': 'Activations' },
        h('h2', {}, 'Activations'), list,
        h('h2', {}, 'Custom'), custom),
      h('div', { class: 'main' },
        h('div', { class: 'toolbar' }, h('h1', {}, 'Activation Explorer'), ranges, h('div', { class: 'actions' }, exportSvg, exportPng)),
        chart, readout,
        h('p', { class: 'muted small caption' }, "Solid: f. Dashed: f\u2032. Shapes tell activations apart without colour. A dot marks a kink: the value f\u2032 takes exactly there, e.g. ReLU\u2032(0) = 0 as in TensorFlow and PyTorch."),
        status,
        h('section', { 'aria-label': 'Parameters' }, h('h2', {}, 'Parameters'), params),
        h('section', { 'aria-label': 'Details' }, details))),
  );
  return {
    list, custom, ranges, chart, status, readout, params, details, exportSvg, exportPng,
    chartHeight: () => Math.round(Math.min(520, Math.max(260, window.innerHeight * 0.5))),
  };
}
