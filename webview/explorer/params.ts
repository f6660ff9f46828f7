/**
 * Live parameter sliders for the plotted activations: one range input plus an editable
 * numeric read-out per parameter (typed values are checked against the ParamSpec range
 * and rejected inline). Slider input fires on every move; the chart coalesces per frame.
 */
import type { ActivationDef, ParamSpec } from '../../src/core/activations/types';
import { parseDecimal } from '../../src/core/charts/explorerInput';
import { h } from '../shared/dom';
import { fmt } from './dom';

/** Called with a new in-range value for parameter `name` of activation `id`. */
export type OnParam = (id: string, name: string, value: number) => void;

function paramRow(def: ActivationDef, spec: ParamSpec, value: number, onParam: OnParam): HTMLElement {
  const base = `p-${def.id}-${spec.name}`.replace(/[^\w-]/g, '_');
  const slider = h('input', {
    type: 'range', id: base, min: spec.min, max: spec.max, step: spec.step, value,
    'aria-describedby': `${base}-desc`,
  });
  const box = h('input', {
    type: 'text', inputmode: 'decimal', class: 'num', value: fmt(value), size: 6,
    'aria-label': `${def.name} ${spec.name} value`, 'aria-describedby': `${base}-err`,
  });
  const err = h('div', { class: 'field-error', id: `${base}-err`, role: 'alert' });
  slider.addEventListener('input', () => {
    const v = Number(slider.value);
    box.value = fmt(v);
    box.setAttribute('aria-invalid', 'false');
    err.textContent = '';
    onParam(def.id, spec.name, v);
  });
  box.addEventListener('input', () => {
    const v = parseDecimal(box.value);
    const bad = typeof v === 'string' ? v : v < spec.min || v > spec.max ? `must be within [${spec.min}, ${spec.max}]` : '';
    box.setAttribute('aria-invalid', String(!!bad));
    err.textContent = bad ? `${spec.name}: ${bad}` : '';
    if (!bad && typeof v === 'number') { slider.value = String(v); onParam(def.id, spec.name, v); }
  });
  return h('div', { class: 'param' },
    h('div', { class: 'param-head' }, h('label', { for: base }, h('code', {}, spec.name)), box),
    slider,
    h('div', { class: 'muted small', id: `${base}-desc` }, spec.description),
    err);
}

/**
 * Renders the parameter controls of every activation in `curves` that has parameters
 * into `root` (replacing its content); shows a note when none has any. `onReset(id)`
 * restores that activation's defaults.
 */
export function renderParams(
  root: HTMLElement,
  curves: ReadonlyArray<{ readonly def: ActivationDef; readonly params: Readonly<Record<string, number>> }>,
  onParam: OnParam,
  onReset: (id: string) => void,
): void {
  const withParams = curves.filter((c) => c.def.params.length > 0);
  root.replaceChildren(...withParams.map(({ def, params }) => {
    const reset = h('button', { type: 'button', class: 'secondary reset', title: `Reset ${def.name} to its defaults` }, 'Reset');
    reset.addEventListener('click', () => onReset(def.id));
    return h('fieldset', { class: 'group params', 'data-id': def.id },
      h('legend', {}, def.name),
      ...def.params.map((spec) => paramRow(def, spec, params[spec.name] ?? spec.default, onParam)),
      h('div', { class: 'param-actions' }, reset));
  }));
  if (!withParams.length) root.append(h('p', { class: 'muted small' }, 'The selected activations have no parameters.'));
}
