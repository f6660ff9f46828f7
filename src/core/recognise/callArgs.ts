/**
 * Reads the arguments of a call written in source text, far enough to take parameter values
 * from literals: `nn.LeakyReLU(0.1)`, `F.gelu(x, approximate='tanh')`,
 * `tf.layers.leakyReLU({alpha: 0.2})`. Anything that is not a literal is kept as raw text so
 * the hover can say why it fell back to the library default. Pure: no vscode.
 */

/** One argument's value: a literal, or the raw source of an expression we do not evaluate. */
export type ArgValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'expr'; readonly raw: string };

/** Arguments of one call: positional in order, keywords (Python `k=v`, or JS `{k: v}`). */
export interface CallArgs {
  readonly positional: readonly ArgValue[];
  readonly keyword: ReadonlyMap<string, ArgValue>;
  /** Offset just past the closing parenthesis. */
  readonly end: number;
}

/** Longest argument list we read; longer calls are treated as having no readable literals. */
const MAX_CALL_CHARS = 4000;

const NUMBER = /^[+-]?(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?$/;

/** Parses one argument's source text (already trimmed) into an ArgValue. */
export function parseLiteral(src: string): ArgValue {
  const s = src.trim();
  if (NUMBER.test(s)) {
    const v = Number(s.replace(/_/g, ''));
    if (Number.isFinite(v)) return { kind: 'number', value: v };
  }
  const str = /^(?:[rRuU])?(["'`])([^"'`\\$]*)\1$/.exec(s);
  if (str) return { kind: 'string', value: str[2]! };
  if (s === 'True' || s === 'true') return { kind: 'bool', value: true };
  if (s === 'False' || s === 'false') return { kind: 'bool', value: false };
  if (s === 'None' || s === 'null' || s === 'undefined') return { kind: 'none' };
  return { kind: 'expr', raw: s };
}

/** Splits `text[from, to)` at top-level commas, skipping nested brackets and strings. */
function splitTopLevel(text: string, from: number, to: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i, to) - 1;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  const last = text.slice(start, to);
  if (last.trim() !== '') parts.push(last);
  return parts;
}

function skipString(text: string, i: number, limit: number): number {
  const q = text[i]!;
  for (let j = i + 1; j < limit; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === q) return j + 1;
  }
  return limit;
}

/** Offset of the `)` matching the `(` at `open`, or -1 when unbalanced within the limit. */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  const limit = Math.min(text.length, open + MAX_CALL_CHARS);
  for (let i = open; i < limit; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') i = skipString(text, i, limit) - 1;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return c === ')' ? i : -1;
  }
  return -1;
}

/** Reads `key: value` pairs of a JS object literal `{...}` (source including braces). */
function objectEntries(src: string, into: Map<string, ArgValue>): boolean {
  const s = src.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) return false;
  for (const part of splitTopLevel(s, 1, s.length - 1)) {
    const kv = /^\s*(["']?)([A-Za-z_$][\w$]*)\1\s*:\s*([\s\S]*)$/.exec(part);
    if (kv) into.set(kv[2]!, parseLiteral(kv[3]!));
  }
  return true;
}

/**
 * Reads the call whose `(` is the first non-space character at or after `from`.
 * A JS object literal argument contributes its entries as keywords (tfjs layer configs).
 * @returns `undefined` when no `(` follows or the parentheses do not balance.
 */
export function readCallArgs(text: string, from: number): CallArgs | undefined {
  let open = from;
  while (open < text.length && (text[open] === ' ' || text[open] === '\t')) open++;
  if (text[open] !== '(') return undefined;
  const close = matchingParen(text, open);
  if (close < 0) return undefined;
  const positional: ArgValue[] = [];
  const keyword = new Map<string, ArgValue>();
  for (const part of splitTopLevel(text, open + 1, close)) {
    const kw = /^\s*([A-Za-z_]\w*)\s*(?::[^=]*)?=(?![=>])\s*([\s\S]*)$/.exec(part);
    if (kw) keyword.set(kw[1]!, parseLiteral(kw[2]!));
    else if (!objectEntries(part, keyword)) positional.push(parseLiteral(part));
  }
  return { positional, keyword, end: close + 1 };
}
