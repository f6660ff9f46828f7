/** A bad command line: the CLI prints `message` on one stderr line and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parsed command line: positionals, `--name=value` / `--name value` options, flags. */
export interface ParsedArgs {
  readonly positionals: string[];
  /** Last value of each option (`--x=-3,-1` keeps the leading minus). */
  readonly options: Map<string, string>;
  /** Every `--param name=value`, in order. */
  readonly params: string[];
  readonly flags: Set<string>;
}

/**
 * Parses argv after the subcommand. `valued` names options that take a value; a value may
 * follow `=` or be the next token (which may start with '-', e.g. `--input -0.5`).
 * @throws UsageError naming an unknown option or a missing value.
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
    if (flags.includes(name) && eq < 0) {
      out.flags.add(name);
      continue;
    }
    if (!valued.includes(name) && name !== 'param') throw new UsageError(`unknown option '--${name}'`);
    let value: string | undefined = eq < 0 ? argv[++i] : tok.slice(eq + 1);
    if (value === undefined) throw new UsageError(`option '--${name}' needs a value`);
    if (name === 'param') out.params.push(value);
    else out.options.set(name, value);
  }
  return out;
}

/**
 * Parses a finite number; `what` names the field in the error.
 * @throws UsageError `<what>: '<token>' is not a finite number`.
 */
export function parseNumber(token: string, what: string): number {
  const t = token.trim();
  const v = t === '' ? NaN : Number(t);
  if (!Number.isFinite(v)) throw new UsageError(`${what}: '${token}' is not a finite number`);
  return v;
}

/**
 * Parses a comma-separated list of finite numbers (`-3,-1,0.5`).
 * @throws UsageError for an empty list or a bad element, naming it.
 */
export function parseNumberList(token: string | undefined, what: string): number[] {
  if (token === undefined || token.trim() === '') throw new UsageError(`${what}: empty list`);
  return token.split(',').map((t) => parseNumber(t, what));
}

/**
 * Parses repeated `--param name=value` into a record.
 * @throws UsageError for a token without `=` or a non-numeric value.
 */
export function parseParams(tokens: readonly string[]): Record<string, number> {
  const p: Record<string, number> = {};
  for (const t of tokens) {
    const eq = t.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param: '${t}' is not name=value`);
    p[t.slice(0, eq).trim()] = parseNumber(t.slice(eq + 1), `--param ${t.slice(0, eq).trim()}`);
  }
  return p;
}
