/**
 * JSON text as other programs write it: Python's `json.dump` writes the tokens `NaN`,
 * `Infinity` and `-Infinity` (allow_nan=True, its default; Python docs, json module),
 * which JavaScript's JSON.parse rejects. Parsed with JSON.parse when it can (fast), else
 * with json5 (https://json5.org, a superset of JSON with those tokens), whose errors carry
 * the line and column. Pure; no vscode, no Node.
 */
import JSON5 from 'json5';

/** Text that is not JSON; `line` and `column` are 1-based, where the parser stopped. */
export class JsonTextError extends Error {
  override readonly name = 'JsonTextError';
  constructor(readonly line: number, readonly column: number, readonly reason: string) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

/** What json5 says, in the words of a user who saved a file: a cut-off file is "truncated". */
function reasonOf(message: string): string {
  const m = /^JSON5: (.*?)(?: at \d+:\d+)?$/.exec(message);
  const r = m ? m[1]! : message;
  return r === 'invalid end of input' ? 'the text ends too early (a truncated file?)' : r;
}

/** Every non-finite number (NaN, ±Infinity) replaced by null, as JSON.stringify writes them. */
function finiteOrNull(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(finiteOrNull);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: finiteOrNull(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/**
 * Parses JSON text that may hold Python's NaN / Infinity / -Infinity tokens (and a leading
 * UTF-8 byte order mark); non-finite numbers come back as null, the way our files store them.
 * @throws JsonTextError with the 1-based line and column where the text stops being JSON.
 */
export function parseJsonText(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    // Not plain JSON: json5 reads the Python tokens, or says where the text breaks.
  }
  let value: unknown;
  try {
    value = JSON5.parse(body);
  } catch (e) {
    const err = e as { lineNumber?: number; columnNumber?: number; message?: string };
    throw new JsonTextError(err.lineNumber ?? 1, err.columnNumber ?? 1, reasonOf(err.message ?? String(e)));
  }
  return finiteOrNull(value);
}
