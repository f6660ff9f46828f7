/** Tiny DOM helpers for the Gradient Flow page (text is always set as text, never as HTML). */

type Child = Node | string | false | null | undefined;

/** Creates `<tag>` with attributes (false/undefined skipped) and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/**
 * A number for tables: exact 0, 6 significant digits, exponent form outside [1e-4, 1e6),
 * and the words for non-finite values.
 */
export function num(v: number, digits = 6): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+∞ (overflow)' : '−∞ (overflow)';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a >= 1e-4 && a < 1e6 ? String(Number(v.toPrecision(digits))) : v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return s.replace('-', '−');
}

/** A power of ten from its log10, e.g. `1e−7.1`, for magnitudes beyond double range. */
export function pow10(lg: number): string {
  return Number.isFinite(lg) ? `10^${lg.toFixed(1)}` : lg > 0 ? '∞' : '0';
}
