/**
 * The chain form: presets, every input with its label, hint and an inline error slot
 * (`aria-invalid` + `aria-describedby`), and the clipping choice. It only reads and writes
 * text; parsing is src/core/gradient/input.ts.
 */
import { CATALOGUE } from '../../src/core/activations/catalogue';
import { CLIP_LIBRARY_NAMES, type ClipMethod } from '../../src/core/gradient/clipping';
import type { ChainField, ChainForm } from '../../src/core/gradient/input';
import { h } from '../shared/dom';

type TextField = Exclude<ChainField, 'clipMethod'>;

const FIELDS: ReadonlyArray<{ key: TextField; label: string; hint: string; wide?: boolean }> = [
  { key: 'activations', label: 'Activation f', hint: 'One id for every layer, or one per layer: sigmoid, relu, relu. relu*3 repeats.', wide: true },
  { key: 'params', label: 'Parameters', hint: 'name=value, e.g. alpha=0.1; elu.alpha=0.5 for one activation only.', wide: true },
  { key: 'input', label: 'Input x = a₀', hint: '' },
  { key: 'weights', label: 'Weights w₁ … w_L', hint: 'Comma-separated; 0.2*6 = six layers of 0.2. 1 ≤ L ≤ 1000.', wide: true },
  { key: 'biases', label: 'Biases b₁ … b_L', hint: 'One per layer.', wide: true },
  { key: 'target', label: 'Target y', hint: 'C = (a_L − y)²' },
  { key: 'lr', label: 'Learning rate η', hint: 'w′ = w − η ∂C/∂w' },
  { key: 'clipThreshold', label: 'Clip threshold c', hint: '> 0' },
  { key: 'steps', label: 'Steps N', hint: 'Descent steps to chart; blank: none.' },
];

/** The mounted form. */
export interface ChainFormView {
  read(): ChainForm;
  write(f: ChainForm): void;
  /** Shows one message per bad field and clears the others. */
  showErrors(errors: Partial<Record<ChainField, string>>): void;
  /** The parameter hint (names and defaults for the chosen activations). */
  setParamHint(text: string): void;
}

function inputFor(key: string, label: string, hint: string): { wrap: HTMLElement; input: HTMLInputElement; error: HTMLElement; hintEl: HTMLElement } {
  const id = `f-${key}`;
  const input = h('input', { id, type: 'text', name: key, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${id}-hint ${id}-err` });
  const hintEl = h('div', { id: `${id}-hint`, class: 'hint muted' }, hint);
  const error = h('div', { id: `${id}-err`, class: 'field-error', role: 'alert', 'aria-live': 'polite' });
  return { wrap: h('div', { class: 'field' }, h('label', { for: id }, label), input, hintEl, error), input, error, hintEl };
}

/** The clipping method select, labelled with the Keras / PyTorch names. */
function clipField(onChange: () => void): { wrap: HTMLElement; select: HTMLSelectElement; error: HTMLElement } {
  const select = h('select', { id: 'f-clipMethod', name: 'clipMethod', 'aria-describedby': 'f-clipMethod-err' },
    ...(Object.keys(CLIP_LIBRARY_NAMES) as ClipMethod[]).map((m) => h('option', { value: m }, CLIP_LIBRARY_NAMES[m])));
  const error = h('div', { id: 'f-clipMethod-err', class: 'field-error' });
  select.addEventListener('change', onChange);
  return { wrap: h('div', { class: 'field wide' }, h('label', { for: 'f-clipMethod' }, 'Gradient clipping'), select, error), select, error };
}

/** Builds the form into `parent`; `onChange` fires on every edit. */
export function mountChainForm(parent: HTMLElement, onChange: () => void): ChainFormView {
  const inputs = new Map<TextField, HTMLInputElement>();
  const errors = new Map<ChainField, HTMLElement>();
  let paramHint: HTMLElement | undefined;
  const grid = h('div', { class: 'form-grid' });
  for (const f of FIELDS) {
    const r = inputFor(f.key, f.label, f.hint);
    if (f.wide) r.wrap.classList.add('wide');
    inputs.set(f.key, r.input);
    errors.set(f.key, r.error);
    if (f.key === 'params') paramHint = r.hintEl;
    r.input.addEventListener('input', onChange);
    grid.append(r.wrap);
  }
  const list = h('datalist', { id: 'activation-ids' }, ...CATALOGUE.map((d) => h('option', { value: d.id }, d.name)));
  inputs.get('activations')!.setAttribute('list', 'activation-ids');
  const clip = clipField(() => {
    inputs.get('clipThreshold')!.disabled = clip.select.value === 'none';
    onChange();
  });
  const select = clip.select;
  errors.set('clipMethod', clip.error);
  grid.insertBefore(clip.wrap, inputs.get('clipThreshold')!.parentElement);
  parent.append(list, grid);
  return {
    read: () => {
      const v = (k: TextField) => inputs.get(k)!.value;
      return {
        weights: v('weights'), biases: v('biases'), input: v('input'), target: v('target'), lr: v('lr'),
        activations: v('activations'), params: v('params'), clipMethod: select.value as ClipMethod, clipThreshold: v('clipThreshold'), steps: v('steps'),
      };
    },
    write: (f) => {
      for (const [k, el] of inputs) el.value = f[k];
      select.value = f.clipMethod;
      inputs.get('clipThreshold')!.disabled = f.clipMethod === 'none';
    },
    showErrors: (errs) => {
      for (const [k, el] of errors) {
        const msg = errs[k];
        el.textContent = msg ?? '';
        const input = k === 'clipMethod' ? select : inputs.get(k)!;
        if (msg) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
    },
    setParamHint: (text) => {
      if (paramHint) paramHint.textContent = text;
    },
  };
}
