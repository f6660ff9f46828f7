/**
 * The "Activations" part of the MNIST form: one row per activation (any catalogue entry),
 * with a number input per parameter, validated by the catalogue's `resolveParams`.
 */
import { CATALOGUE, getActivation, resolveParams } from '../../src/core/activations/catalogue';
import { SUPPORTED_ACTIVATIONS } from '../../src/core/training/activationOps';
import type { ActivationChoice } from '../../src/core/training/types';

let rowId = 0;

/** An editable list of activation choices. */
export class ActivationList {
  readonly element: HTMLElement;
  private readonly rows: HTMLElement;

  constructor() {
    this.element = document.createElement('fieldset');
    this.element.className = 'activations';
    const legend = document.createElement('legend');
    legend.textContent = 'Activations (one model each, same data and seed)';
    this.rows = document.createElement('div');
    const add = document.createElement('button');
    add.type = 'button';
    add.className = 'secondary';
    add.textContent = 'Add activation';
    add.addEventListener('click', () => this.add({ activation: 'relu', params: {} }));
    this.element.append(legend, this.rows, add);
  }

  /** Replaces the rows with `choices`. */
  set(choices: readonly ActivationChoice[]): void {
    this.rows.replaceChildren();
    for (const c of choices) this.add(c);
  }

  /** Appends a row for `choice` (unknown ids fall back to relu, with the error shown). */
  add(choice: ActivationChoice): void {
    const row = document.createElement('div');
    row.className = 'activation-row';
    const id = `act-${++rowId}`;
    const select = document.createElement('select');
    select.id = id;
    select.setAttribute('aria-label', 'Activation');
    for (const d of CATALOGUE) {
      const o = new Option(d.name, d.id);
      if (!SUPPORTED_ACTIVATIONS.includes(d.id)) {
        o.disabled = true;
        o.text += ' (not trainable yet)';
      }
      select.add(o);
    }
    const params = document.createElement('span');
    params.className = 'params';
    const error = document.createElement('span');
    error.className = 'field-error';
    error.setAttribute('role', 'alert');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'secondary icon';
    remove.textContent = '×';
    remove.title = 'Remove this activation';
    remove.setAttribute('aria-label', 'Remove this activation');
    remove.addEventListener('click', () => row.remove());
    const def = getActivation(choice.activation);
    select.value = def?.id ?? 'relu';
    if (!def) error.textContent = `unknown activation '${choice.activation}' in settings`;
    const fill = (values: Readonly<Record<string, number>>) => this.paramInputs(params, select.value, values);
    select.addEventListener('change', () => fill({}));
    fill(choice.params);
    row.append(select, params, remove, error);
    this.rows.append(row);
  }

  private paramInputs(host: HTMLElement, id: string, values: Readonly<Record<string, number>>): void {
    host.replaceChildren();
    for (const p of getActivation(id)?.params ?? []) {
      const label = document.createElement('label');
      label.textContent = `${p.name} `;
      label.title = p.description;
      const input = document.createElement('input');
      input.type = 'number';
      input.name = p.name;
      input.min = String(p.min);
      input.max = String(p.max);
      input.step = String(p.step);
      input.value = String(values[p.name] ?? p.default);
      input.className = 'param';
      label.append(input);
      host.append(label);
    }
  }

  /**
   * The choices, with parameters checked by `resolveParams`; marks bad rows.
   * @returns the choices, or an error message for the first bad row.
   */
  read(): { choices: ActivationChoice[] } | { error: string } {
    const choices: ActivationChoice[] = [];
    let first: string | undefined;
    for (const row of this.rows.querySelectorAll<HTMLElement>('.activation-row')) {
      const def = getActivation(row.querySelector('select')!.value)!;
      const err = row.querySelector('.field-error')!;
      const partial: Record<string, number> = {};
      const inputs = [...row.querySelectorAll<HTMLInputElement>('input.param')];
      for (const i of inputs) partial[i.name] = i.value.trim() === '' ? NaN : Number(i.value);
      try {
        choices.push({ activation: def.id, params: { ...resolveParams(def, partial) } });
        err.textContent = '';
        inputs.forEach((i) => i.removeAttribute('aria-invalid'));
      } catch (e) {
        err.textContent = (e as Error).message;
        inputs.forEach((i) => i.setAttribute('aria-invalid', String(!Number.isFinite(partial[i.name]) || (e as Error).message.includes(`'${i.name}'`))));
        first ??= (e as Error).message;
      }
    }
    if (first) return { error: first };
    if (choices.length === 0) return { error: 'add at least one activation' };
    return { choices };
  }
}
