/**
 * `activation-lab list` and `activation-lab eval`: the catalogue and f, f' at given points,
 * from the same src/core code as the extension.
 */
import { CATALOGUE, getActivation, resolveParams } from '../core/activations/catalogue';
import type { Params } from '../core/activations/types';
import { parseArgs, parseNumberList, parseParams, quote, UsageError } from './args';
import { NON_FINITE_HELP, toJson } from './jsonOut';
import { compileUserActivation } from '../core/expression/compile';
import { describeExpressionError } from '../core/expression/resolve';

const LIST_HELP = `Usage: activation-lab list [--json]
Prints every catalogue activation: id, display name, parameters with their defaults.
--json: [{"id": "leaky_relu", "name": "Leaky ReLU", "params": {"alpha": 0.2}, "aliases": ["leakyrelu"]}, ...]`;

const EVAL_HELP = `Usage: activation-lab eval <id|expression> --x=v1,v2,... [--param name=value ...] [--json]
Evaluates f(x) and f'(x) of a catalogue activation (ids and aliases: 'activation-lab list'),
or of an expression in x such as "x * sigmoid(x)" or "max(alpha*x, x)"; in an expression,
each --param name=value defines a parameter it may use.
--json: {"activation": id, "params": {...}, "x": [...], "y": [...], "dy": [...]}, every number
in full double precision (shortest round-trip form).
${NON_FINITE_HELP}
Numbers are decimal (-3, 0.5, 1e-3); negative lists: --x=-3,-1,0.5 (or --x "-3,-1,0.5").`;

/** What `eval` evaluates: a catalogue entry with its resolved parameters. */
export interface EvalTarget {
  /** Canonical id (`swish` for `silu`). */
  readonly id: string;
  readonly params: Params;
  f(x: number): number;
  df(x: number): number;
}

/**
 * Resolves the `eval` target token to a function with validated parameters. Single place to
 * extend to expressions (`eval "x * sigmoid(x)"`).
 * @param token the positional after `eval`, an id or alias (`silu`, `leaky-relu`).
 * @param given `--param` values by name.
 * @throws UsageError naming the unknown activation, an unknown parameter or a value out of range.
 */
export function resolveEvalTarget(token: string, given: Readonly<Record<string, number>>): EvalTarget {
  const def = getActivation(token);
  if (!def) {
    // Not a catalogue id: an expression in x (issue 7), with --param values as its parameters.
    const r = compileUserActivation(token, given);
    if (!r.ok) throw new UsageError(describeExpressionError(token, r.error));
    return { id: token, params: { ...given }, f: (x) => r.def.f(x, {}), df: (x) => r.def.df(x, {}) };
  }
  let params: Params;
  try {
    params = resolveParams(def, given);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`--param: ${e.message}`);
    throw e;
  }
  return { id: def.id, params, f: (x) => def.f(x, params), df: (x) => def.df(x, params) };
}

/** Pads each column of `rows` to its widest cell. */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

/**
 * `list [--json]`. Writes to stdout; resolves to exit code 0.
 * @throws UsageError for an unknown option or a stray argument.
 */
export async function runList(argv: string[]): Promise<number> {
  const args = parseArgs(argv, [], ['json', 'help']);
  if (args.flags.has('help')) return help(LIST_HELP);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${quote(args.positionals[0]!)}`);
  const entries = CATALOGUE.map((d) => ({
    id: d.id,
    name: d.name,
    params: Object.fromEntries(d.params.map((p) => [p.name, p.default])),
    aliases: [...d.aliases],
  }));
  if (args.flags.has('json')) {
    process.stdout.write(toJson(entries) + '\n');
    return 0;
  }
  const rows = CATALOGUE.map((d, i) => [
    d.id,
    d.name,
    Object.entries(entries[i]!.params).map(([k, v]) => `${k}=${v}`).join(' ') || '-',
    d.aliases.join(', ') || '-',
  ]);
  process.stdout.write(table([['ID', 'NAME', 'PARAMS', 'ALIASES'], ...rows]) + '\n');
  return 0;
}

/**
 * `eval <id|expression> --x=... [--param name=value ...] [--json]`. Writes to stdout; resolves to 0.
 * @throws UsageError (exit 2) naming the bad token: unknown id or parameter, a non-numeric or
 *   non-finite value, an empty or missing list, a missing or extra positional.
 */
export async function runEval(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['x'], ['json', 'help']);
  if (args.flags.has('help')) return help(EVAL_HELP);
  if (args.positionals.length === 0) throw new UsageError('missing activation id or expression (see \'activation-lab list\')');
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument ${quote(args.positionals[1]!)}`);
  if (!args.options.has('x')) throw new UsageError('missing --x=v1,v2,...');
  const target = resolveEvalTarget(args.positionals[0]!, parseParams(args.params));
  const xs = parseNumberList(args.options.get('x'), '--x');
  const y = xs.map((x) => target.f(x));
  const dy = xs.map((x) => target.df(x));
  if (args.flags.has('json')) {
    process.stdout.write(toJson({ activation: target.id, params: target.params, x: xs, y, dy }) + '\n');
    return 0;
  }
  const head = Object.entries(target.params).map(([k, v]) => `${k}=${v}`).join(' ');
  const rows = xs.map((x, i) => [String(x), String(y[i]), String(dy[i])]);
  process.stdout.write(`${target.id}${head ? ` (${head})` : ''}\n${table([['x', 'f(x)', "f'(x)"], ...rows])}\n`);
  return 0;
}

function help(text: string): number {
  process.stdout.write(text + '\n');
  return 0;
}
