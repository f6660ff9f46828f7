/**
 * Validation of the Activation Explorer's typed axis ranges, with messages meant to be
 * shown next to the field that is wrong. Pure.
 */

/** Largest |x| or |y| accepted for an axis bound. */
const AXIS_LIMIT = 1e6;
/** Smallest accepted max - min (below it the grid would be mostly rounding noise). */
const MIN_SPAN = 1e-6;

/** A valid range, or the field that is wrong and why. */
export type RangeCheck =
  | { readonly ok: true; readonly min: number; readonly max: number }
  | { readonly ok: false; readonly field: 'min' | 'max'; readonly message: string };

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A decimal number typed by a user (`-6`, `2.5`, `1e-3`); hex, `Infinity`, blanks and
 * trailing junk are rejected, unlike `Number()`/`parseFloat`.
 * @returns the value, or a message saying what is wrong.
 */
export function parseDecimal(text: string): number | string {
  const t = text.trim();
  if (!t) return 'enter a number';
  if (!DECIMAL.test(t)) return `'${t.length > 20 ? `${t.slice(0, 20)}…` : t}' is not a number`;
  const v = Number(t);
  if (!Number.isFinite(v) || Math.abs(v) > AXIS_LIMIT) return `must be within ±${AXIS_LIMIT.toExponential(0)}`;
  return v;
}

/**
 * Checks a typed [min, max] axis range: both numbers, |v| <= 1e6, max - min >= 1e-6.
 * The error names the field to mark (`max` when the two are in the wrong order).
 */
export function checkRange(minText: string, maxText: string): RangeCheck {
  const min = parseDecimal(minText);
  if (typeof min === 'string') return { ok: false, field: 'min', message: `Min: ${min}` };
  const max = parseDecimal(maxText);
  if (typeof max === 'string') return { ok: false, field: 'max', message: `Max: ${max}` };
  if (!(max > min)) return { ok: false, field: 'max', message: 'Max must be greater than min' };
  if (max - min < MIN_SPAN) return { ok: false, field: 'max', message: `Range must be at least ${MIN_SPAN} wide` };
  return { ok: true, min, max };
}

/**
 * Like {@link checkRange}, but both fields blank means "fit to the data" (`auto`).
 * One blank field is an error on that field.
 */
export function checkOptionalRange(minText: string, maxText: string): RangeCheck | { readonly ok: true; readonly auto: true } {
  const a = minText.trim();
  const b = maxText.trim();
  if (!a && !b) return { ok: true, auto: true };
  if (!a) return { ok: false, field: 'min', message: 'Min: enter a number, or clear both for auto' };
  if (!b) return { ok: false, field: 'max', message: 'Max: enter a number, or clear both for auto' };
  return checkRange(a, b);
}
