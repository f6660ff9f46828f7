/**
 * A min/max pair of text fields for one axis, validated as the user types; the error
 * is shown under the fields (aria-invalid + aria-describedby) and the chart keeps its
 * last valid range until the input is fixed.
 */
import { checkOptionalRange, checkRange } from '../../src/core/charts/explorerInput';
import { h } from '../shared/dom';

/** What a valid edit reports: the typed text, and the numbers (undefined = auto). */
export interface RangeEdit {
  readonly minText: string;
  readonly maxText: string;
  readonly range?: { readonly min: number; readonly max: number };
}

/**
 * Mounts the fields for `axis` ('x' or 'y') into `root`. `optional` allows both blank
 * (auto). `onValid` fires after each edit that validates; `onText` after every edit.
 */
export function mountRangeFields(
  root: HTMLElement,
  axis: 'x' | 'y',
  initial: { min: string; max: string },
  optional: boolean,
  onValid: (e: RangeEdit) => void,
  onText: (minText: string, maxText: string) => void,
): void {
  const errId = `${axis}-range-error`;
  const input = (which: 'min' | 'max', value: string) => h('input', {
    type: 'text', inputmode: 'decimal', id: `${axis}-${which}`, value, size: 7, spellcheck: 'false',
    placeholder: optional ? 'auto' : '', 'aria-describedby': errId,
    'aria-label': `${axis} ${which === 'min' ? 'minimum' : 'maximum'}`,
  });
  const min = input('min', initial.min);
  const max = input('max', initial.max);
  const error = h('div', { class: 'field-error', id: errId, role: 'alert', 'aria-live': 'polite' });
  const validate = (): void => {
    const r = optional ? checkOptionalRange(min.value, max.value) : checkRange(min.value, max.value);
    min.setAttribute('aria-invalid', String(!r.ok && r.field === 'min'));
    max.setAttribute('aria-invalid', String(!r.ok && r.field === 'max'));
    error.textContent = r.ok ? '' : r.message;
    if (r.ok) onValid({ minText: min.value, maxText: max.value, range: 'auto' in r ? undefined : { min: r.min, max: r.max } });
  };
  for (const i of [min, max]) i.addEventListener('input', () => { onText(min.value, max.value); validate(); });
  root.append(
    h('div', { class: 'range-row' },
      h('label', { for: min.id }, axis === 'x' ? 'x from' : 'y from'), min,
      h('label', { for: max.id }, 'to'), max),
    error,
  );
  validate();
}
