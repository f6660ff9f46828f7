/**
 * The "Activations" part of the MNIST form: one row per activation (any catalogue entry, or a
 * saved custom activation from `activationLab.customActivations` under "Custom"), with a
 * number input per parameter. Catalogue parameters are checked by `resolveParams`; a custom
 * one's by compiling its expression with the typed values (finite, real on [-10, 10]).
 */
import { CATALOGUE, getActivation, resolveParams } from '../../src/core/activations/catalogue';
import type { ActivationDef } from '../../src/core/activations/types';
import { compileUserActivation } from '../../src/core/expression/compile';
import type { SavedCustom } from '../../src/core/expression/saved';
import { SUPPORTED_ACTIVATIONS } from '../../src/core/training/activationOps';
import type { ActivationChoice } from '../../src/core/training/types';

let rowId = 0;

/** A saved custom, compiled with its saved parameter values (def undefined: did not compile). */
interface CompiledCustom {
  readonly saved: SavedCustom;
  readonly def?: ActivationDef;
  readonly error?: string;
}

/** An editable list of activation choices. */
export class ActivationList {
  readonly element: HTMLElement;
  private readonly rows: HTMLElement;
  private customs = new Map<string, CompiledCustom>();

  /** @param customs saved custom activations (compiled here; invalid ones listed disabled). */
  constructor(customs: readonly SavedCustom[] = []) {
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
    this.setCustoms(customs);
  }

  /**
   * Replaces the saved custom activations (the setting changed). Rows keep their choice and
   * typed values; a row whose custom was removed or broke shows why under the row.
   */
  setCustoms(customs: readonly SavedCustom[]): void {
    this.customs = new Map(customs.map((saved) => {
      const r = compileUserActivation(saved.expression, saved.params, { name: saved.name });
      return [saved.name, r.ok ? { saved, def: r.def } : { saved, error: r.error.message }];
    }));
    for (const row of this.rows.querySelectorAll<HTMLElement>('.activation-row')) {
      const select = row.querySelector('select')!;
      const value = select.value;
      this.fillOptions(select);
      select.value = value;
      if (getActivation(value)) continue;
      const kept = select.value === value && this.defFor(value) !== undefined;
      if (!kept) {
        row.querySelector('.field-error')!.textContent = `'${value}' is no longer a saved custom activation that compiles`;
        select.value = 'relu';
      }
      this.paramInputs(row.querySelector('.params')!, select.value, kept ? this.currentValues(row) : {});
    }
  }

  /** Replaces the rows with `choices`. */
  set(choices: readonly ActivationChoice[]): void {
    this.rows.replaceChildren();
    for (const c of choices) this.add(c);
  }

  /**
   * Shows `choice` in the list (a hover's "Compare on MNIST"): the first row of the same
   * activation (catalogue id or alias, or saved name) takes its parameters, else a row is
   * appended; that row is scrolled into view, focused and marked `data-selected`.
   */
  select(choice: ActivationChoice): void {
    const id = getActivation(choice.activation)?.id ?? choice.activation;
    let row = [...this.rows.querySelectorAll<HTMLElement>('.activation-row')].find((r) => r.querySelector('select')?.value === id);
    if (row) {
      this.paramInputs(row.querySelector<HTMLElement>('.params')!, id, choice.params);
    } else {
      this.add(choice);
      row = this.rows.lastElementChild as HTMLElement;
    }
    for (const r of this.rows.querySelectorAll('.activation-row[data-selected]')) r.removeAttribute('data-selected');
    row.dataset.selected = 'true';
    row.scrollIntoView({ block: 'nearest' });
    row.querySelector('select')?.focus();
  }

  /** Appends a row for `choice` (unknown ids fall back to relu, with the error shown). */
  add(choice: ActivationChoice): void {
    const row = document.createElement('div');
    row.className = 'activation-row';
    const select = document.createElement('select');
    select.id = `act-${++rowId}`;
    select.setAttribute('aria-label', 'Activation');
    this.fillOptions(select);
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
    const id = getActivation(choice.activation)?.id ?? (this.customs.get(choice.activation)?.def ? choice.activation : undefined);
    select.value = id ?? 'relu';
    if (!id) error.textContent = `unknown activation '${choice.activation}' in settings`;
    select.addEventListener('change', () => this.paramInputs(params, select.value, {}));
    this.paramInputs(params, select.value, choice.params);
    row.append(select, params, remove, error);
    this.rows.append(row);
  }

  /** Options: the catalogue ("Catalogue" group), then saved customs ("Custom" group). */
  private fillOptions(select: HTMLSelectElement): void {
    select.replaceChildren();
    const catalogue = document.createElement('optgroup');
    catalogue.label = 'Catalogue';
    for (const d of CATALOGUE) {
      const o = new Option(d.name, d.id);
      if (!SUPPORTED_ACTIVATIONS.includes(d.id)) {
        o.disabled = true;
        o.text += ' (not trainable yet)';
      }
      catalogue.append(o);
    }
    select.append(catalogue);
    if (this.customs.size === 0) return;
    const custom = document.createElement('optgroup');
    custom.label = 'Custom';
    for (const c of this.customs.values()) {
      const o = new Option(`${c.saved.name}: ${c.saved.expression.length > 40 ? `${c.saved.expression.slice(0, 37)}...` : c.saved.expression}`, c.saved.name);
      o.title = c.error ? `Does not compile: ${c.error}` : c.saved.expression;
      if (c.error) {
        o.disabled = true;
        o.text += ' (invalid)';
      }
      custom.append(o);
    }
    select.append(custom);
  }

  private defFor(id: string): ActivationDef | undefined {
    return getActivation(id) ?? this.customs.get(id)?.def;
  }

  private currentValues(row: HTMLElement): Record<string, number> {
    const out: Record<string, number> = {};
    for (const i of row.querySelectorAll<HTMLInputElement>('input.param')) if (i.value.trim() !== '') out[i.name] = Number(i.value);
    return out;
  }

  private paramInputs(host: HTMLElement, id: string, values: Readonly<Record<string, number>>): void {
    host.replaceChildren();
    for (const p of this.defFor(id)?.params ?? []) {
      const label = document.createElement('label');
      label.textContent = `${p.name} `;
      label.title = p.description;
      const input = document.createElement('input');
      input.type = 'number';
      input.name = p.name;
      // A custom parameter's spec range is only a slider hint (compile.ts), not a limit.
      if (getActivation(id)) {
        input.min = String(p.min);
        input.max = String(p.max);
      }
      input.step = String(p.step);
      input.value = String(values[p.name] ?? p.default);
      input.className = 'param';
      label.append(input);
      host.append(label);
    }
  }

  /** One row's choice. @throws Error (message for the row) when a parameter is invalid. */
  private choiceOf(id: string, partial: Record<string, number>): ActivationChoice {
    const def = getActivation(id);
    if (def) return { activation: def.id, params: { ...resolveParams(def, partial) } };
    const c = this.customs.get(id);
    if (!c?.def) throw new Error(`'${id}' is not a saved custom activation that compiles${c?.error ? `: ${c.error}` : ''}`);
    for (const [k, v] of Object.entries(partial)) if (!Number.isFinite(v)) throw new Error(`parameter '${k}' of ${id} must be a finite number`);
    const r = compileUserActivation(c.saved.expression, partial, { name: id });
    if (!r.ok) throw new Error(`${id}: ${r.error.message}`);
    return { activation: id, params: { ...partial }, expression: c.saved.expression };
  }

  /**
   * The choices (customs carry their expression), with parameters checked; marks bad rows.
   * @returns the choices, or an error message for the first bad row.
   */
  read(): { choices: ActivationChoice[] } | { error: string } {
    const choices: ActivationChoice[] = [];
    let first: string | undefined;
    for (const row of this.rows.querySelectorAll<HTMLElement>('.activation-row')) {
      const err = row.querySelector('.field-error')!;
      const partial: Record<string, number> = {};
      const inputs = [...row.querySelectorAll<HTMLInputElement>('input.param')];
      for (const i of inputs) partial[i.name] = i.value.trim() === '' ? NaN : Number(i.value);
      try {
        choices.push(this.choiceOf(row.querySelector('select')!.value, partial));
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
