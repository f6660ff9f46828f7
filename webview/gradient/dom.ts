/** Number formatting for the Gradient Flow page (the DOM builder is webview/shared/dom.ts). */

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
