/**
 * Small run-time checks of untrusted values (messages from a webview, command arguments,
 * files, settings). Pure; each returns false rather than throw.
 */

/** A plain object (not null, not an array). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A finite number (rejects NaN, ±Infinity and numeric strings). */
export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** An integer in [min, max]. */
export function isInt(x: unknown, min: number, max: number): x is number {
  return Number.isInteger(x) && (x as number) >= min && (x as number) <= max;
}

/** A string of at most `max` UTF-16 units (default 10,000). */
export function isShortString(x: unknown, max = 10_000): x is string {
  return typeof x === 'string' && x.length <= max;
}

/** A parameter name: an identifier of 1-64 characters (letters, digits, `_`; not starting with a digit). */
export const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Keys that would reach or shadow `Object.prototype` when copied into a plain object. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A record of finite numbers by name, e.g. activation params `{alpha: 0.2}`: every key matches
 * {@link PARAM_NAME} and is not `__proto__`, `constructor` or `prototype`.
 */
export function isParamRecord(x: unknown): x is Record<string, number> {
  return isRecord(x) && Object.entries(x).every(([k, v]) => isParamName(k) && isFiniteNumber(v));
}

/** A parameter name: {@link PARAM_NAME}, and not `__proto__`, `constructor` or `prototype`. */
export function isParamName(x: string): boolean {
  return PARAM_NAME.test(x) && !FORBIDDEN_KEYS.has(x);
}

/** A list of at most `max` strings, each at most `maxChars` long. */
export function isShortStringArray(x: unknown, max = 1000, maxChars = 10_000): x is string[] {
  return Array.isArray(x) && x.length <= max && x.every((s) => isShortString(s, maxChars));
}
