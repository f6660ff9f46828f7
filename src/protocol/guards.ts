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

/** A record of finite numbers by name, e.g. activation params `{alpha: 0.2}`. */
export function isParamRecord(x: unknown): x is Record<string, number> {
  return isRecord(x) && Object.entries(x).every(([k, v]) => isShortString(k, 64) && isFiniteNumber(v));
}

/** Compile-time exhaustiveness check for `switch (msg.type)`; logs at run time. */
export function assertNever(x: never): void {
  console.error(`Activation Lab: unhandled message ${JSON.stringify(x)}`);
}
