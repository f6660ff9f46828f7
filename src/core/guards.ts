/** Small runtime checks for messages that arrive from a webview (untrusted input). */

/** A plain object (not null, not an array). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A finite number (rejects NaN, ±Infinity and numeric strings). */
export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
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
  return isRecord(x) && Object.entries(x).every(([k, v]) => PARAM_NAME.test(k) && !FORBIDDEN_KEYS.has(k) && isFiniteNumber(v));
}

/** A list of at most `max` strings, each at most `maxChars` long. */
export function isShortStringArray(x: unknown, max = 1000, maxChars = 10_000): x is string[] {
  return Array.isArray(x) && x.length <= max && x.every((s) => isShortString(s, maxChars));
}

/** A chart export file name from a webview: 1-100 letters, digits, `_`, `.` or `-` (no path separators). */
export const EXPORT_NAME = /^[\w.-]{1,100}$/;

/** Compile-time exhaustiveness check for `switch (msg.type)`; logs at run time. */
export function assertNever(x: never): void {
  console.error(`Activation Lab: unhandled message ${JSON.stringify(x)}`);
}
