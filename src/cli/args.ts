import { parseFinite } from '../core/gradient/input';

/**
 * A bad command line: the CLI prints `message` on one stderr line and exits with 2. Line
 * breaks in the message (e.g. from an echoed token) are collapsed to single spaces.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(oneLine(message));
  }
}

/** `text` with every run of line breaks (and the blanks around them) replaced by one space. */
export function oneLine(text: string): string {
  return text.replace(/[ \t]*[\r\n\u2028\u2029]+[ \t]*/g, ' ');
}

/**
 * A user's token quoted for a message: JSON string syntax, so newlines, quotes and control
 * characters are escaped and the message stays on one line (`"foo\nbar"`).
 */
export function quote(token: string): string {
  return JSON.stringify(token);
}

/** Parsed command line: positionals, `--name=value` / `--name value` options, flags. */
export interface ParsedArgs {
  readonly positionals: string[];
  /** The value of each option (`--x=-3,-1` keeps the leading minus); each given at most once. */
  readonly options: Map<string, string>;
  /** Every `--param name=value`, in order. */
  readonly params: string[];
  readonly flags: Set<string>;
}

/**
 * Parses argv after the subcommand. `valued` names options that take a value; a value may
 * follow `=` or be the next token (which may start with '-', e.g. `--input -0.5`).
 * @throws UsageError naming an unknown option, a missing value, a value given to a flag, or
 *   an option or flag given twice (`--param` may repeat; parseParams checks its names).
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: new Map(), params: [], flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (!tok.startsWith('--') || tok === '--') {
      out.positionals.push(tok);
      continue;
    }
    const eq = tok.indexOf('=');
    const name = tok.slice(2, eq < 0 ? undefined : eq);
    if (flags.includes(name)) {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value (got ${quote(tok)})`);
      if (out.flags.has(name)) throw new UsageError(`option --${name} is given more than once`);
      out.flags.add(name);
      continue;
    }
    if (!valued.includes(name) && name !== 'param') throw new UsageError(`unknown option ${quote('--' + name)}`);
    const value: string | undefined = eq < 0 ? argv[++i] : tok.slice(eq + 1);
    if (value === undefined) throw new UsageError(`option --${name} needs a value`);
    if (name === 'param') out.params.push(value);
    else if (out.options.has(name)) throw new UsageError(`option --${name} is given more than once (${quote(out.options.get(name)!)} and ${quote(value)})`);
    else out.options.set(name, value);
  }
  return out;
}

/**
 * Parses one decimal number (`-3`, `0.5`, `.5`, `1e-3`; no hex, binary, `Infinity`, `NaN`),
 * with the rules of `parseFinite` (src/core/gradient/input.ts); `what` names the field.
 * @throws UsageError `<what>: "<token>" ...` for a non-decimal token, an overflow to ±Infinity
 *   or a non-zero literal that underflows to 0.
 */
export function parseNumber(token: string, what: string): number {
  try {
    return parseFinite(token);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const t = token.trim();
    const reason = e.message.startsWith(`'${t}'`) ? e.message.slice(t.length + 2).trim() : e.message;
    throw new UsageError(t === '' ? `${what}: empty value` : `${what}: ${quote(token)} ${reason}`);
  }
}

/**
 * Parses a comma-separated list of decimal numbers (`-3,-1,0.5`).
 * @throws UsageError for an empty list, an empty entry (naming its 1-based position) or a bad element.
 */
export function parseNumberList(token: string | undefined, what: string): number[] {
  if (token === undefined || token.trim() === '') throw new UsageError(`${what}: empty list`);
  return token.split(',').map((t, i) => {
    if (t.trim() === '') throw new UsageError(`${what}: entry ${i + 1} is empty`);
    return parseNumber(t, what);
  });
}

/** A parameter name: a JavaScript identifier in ASCII (`alpha`, `beta_1`). */
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses repeated `--param name=value` into a prototype-free record (`__proto__` cannot
 * reach Object.prototype; it is rejected as a name anyway).
 * @throws UsageError for a token without `=`, a name that is not an identifier, a name given
 *   twice, or a bad value.
 */
export function parseParams(tokens: readonly string[]): Record<string, number> {
  const p = Object.create(null) as Record<string, number>;
  for (const t of tokens) {
    const eq = t.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param: ${quote(t)} is not name=value`);
    const name = t.slice(0, eq).trim();
    if (!PARAM_NAME.test(name) || name === '__proto__') throw new UsageError(`--param: ${quote(name)} is not a parameter name (letters, digits, _)`);
    if (Object.hasOwn(p, name)) throw new UsageError(`--param: ${quote(name)} is given more than once`);
    p[name] = parseNumber(t.slice(eq + 1), `--param ${name}`);
  }
  return p;
}
