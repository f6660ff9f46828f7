/**
 * User-defined activations: an expression in x with named parameters -> an `ActivationDef`
 * usable everywhere a catalogue entry is (explorer, gradient flow, training, hover, CLI).
 * Parsed by mathjs, checked against a whitelist (toExpr.ts), evaluated by our own walker
 * with forward-mode AD (evaluate.ts); LaTeX from the parse tree; symbolic f' where mathjs
 * can differentiate (symbolic.ts). Pure: no vscode, no DOM.
 */
import type { ActivationDef, ParamSpec, Params } from '../activations/types';
import { FLAT_PROBES } from '../activations/catalogue';
import { ExpressionFault, hasBranches, type Expr, type ExpressionError } from './ast';
import { evaluate, type Diagnosis, type NonFiniteOrigin, type ParamValues } from './evaluate';
import { toTex } from './latex';
import { MAX_EXPRESSION_LENGTH_CHARS } from './limits';
import { Locator } from './locate';
import { math, type MathNode } from './mathjs';
import { checkParams } from './params';
import { symbolicDerivative } from './symbolic';
import { toExpr } from './toExpr';

/** Longest accepted expression, in UTF-16 code units (a formula from a paper fits easily). */
const MAX_EXPRESSION_LENGTH = MAX_EXPRESSION_LENGTH_CHARS;

/** A compiled user activation: an ActivationDef plus what only expressions have. */
export interface UserActivationDef extends ActivationDef {
  /** The expression as typed. */
  readonly expression: string;
  /** The whitelisted tree (for the tfjs builder, tfjsActivation.ts). */
  readonly tree: Expr;
  /** True when latex.df/text.df are a symbolic f' from mathjs; false: f' by AD only. */
  readonly symbolicDf: boolean;
  /** Where f(x; p) first became non-finite, or undefined when f(x; p) is finite. */
  diagnose(x: number, p?: Params): NonFiniteOrigin | undefined;
}

/** Success with the def (and non-fatal remarks, e.g. an unused parameter), or an error with a position. */
export type CompileResult =
  | { readonly ok: true; readonly def: UserActivationDef; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: ExpressionError };

/** Options of `compileUserActivation`. */
export interface CompileOptions {
  /** Saved name (id of the def); default `custom`. */
  readonly name?: string;
}

/** Probe inputs: where a "not real" result is a compile error (an activation is real on R). */
const PROBE = Array.from({ length: 81 }, (_, i) => -10 + i * 0.25);

/**
 * Compiles `source` with parameter values `params` (e.g. `{ a: 0.5 }`).
 * Errors (never thrown): empty or over-long input, syntax errors, unknown names, forbidden
 * names (`constructor`, `__proto__`, `import`, `evaluate`, ...), wrong arity, disallowed
 * constructs (assignments, definitions, matrices, strings, units, property access), bad
 * parameter names/values (error.param names the row), and results that are not real on
 * [-10, 10] (e.g. `sqrt(x)`). Overflow (`exp(1000 * x)`), poles (`1 / x` at 0) and 0/0 are
 * not errors: f returns IEEE +-Infinity/NaN there and `diagnose` says which and where.
 */
export function compileUserActivation(source: string, params: Readonly<Record<string, number>> = {}, options: CompileOptions = {}): CompileResult {
  try {
    return { ok: true, ...build(source, params, options) };
  } catch (err) {
    if (err instanceof ExpressionFault) return { ok: false, error: err.toError() };
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      return { ok: false, error: { message: 'The expression is nested too deeply', start: 0, end: source.length } };
    }
    return { ok: false, error: { message: `Cannot compile: ${(err as Error).message}`, start: 0, end: source.length } };
  }
}

function build(source: string, params: Readonly<Record<string, number>>, options: CompileOptions): { def: UserActivationDef; warnings: string[] } {
  if (typeof source !== 'string' || source.trim() === '') throw new ExpressionFault('Type an expression in x, e.g. x * sigmoid(x)', { start: 0, end: 0 });
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionFault(`The expression has ${source.length} characters; the limit is ${MAX_EXPRESSION_LENGTH}`, { start: MAX_EXPRESSION_LENGTH, end: source.length });
  }
  const values = checkParams(params);
  const node = parse(source);
  const tree = toExpr(node, new Locator(source), new Set(values.keys()));
  const warnings = [...values.keys()].filter((k) => !usesParam(tree, k)).map((k) => `Parameter '${k}' is not used in the expression`);
  probe(tree, values);
  const d = symbolicDerivative(node);
  const dTree = d && agrees(tree, d, values) ? d : undefined;
  return { def: makeDef(source, node, tree, dTree, values, options), warnings };
}

function parse(source: string): MathNode {
  try {
    return math.parse(source);
  } catch (err) {
    if (err instanceof RangeError) throw err;
    const e = err as Error & { char?: number };
    const at = typeof e.char === 'number' ? Math.max(0, Math.min(source.length, e.char - 1)) : 0;
    const message = e.message.replace(/\s*\(char \d+\)\s*$/, '');
    throw new ExpressionFault(`Syntax error: ${message}`, { start: at, end: Math.min(at + 1, source.length) || at });
  }
}

/** A "not real" result anywhere on [-10, 10] is an error at the node that produced it. */
function probe(tree: Expr, values: ParamValues): void {
  for (const x of PROBE) {
    const diag: Diagnosis = {};
    evaluate(tree, x, values, diag);
    const o = diag.first;
    if (o && (o.kind === 'notReal' || /parameter/.test(o.message))) {
      throw new ExpressionFault(o.kind === 'notReal' ? `Not real: ${o.message} (a point of the check grid -10, -9.75, ..., 10); an activation must be real for every x` : o.message, o);
    }
  }
}

/** Cross-check of mathjs' f' against AD on a grid; a disagreement drops the symbolic form. */
function agrees(tree: Expr, d: MathNode, values: ParamValues): boolean {
  try {
    const dExpr = toExpr(d, new Locator(d.toString()), new Set(values.keys()));
    return PROBE.every((x) => {
      const ad = evaluate(tree, x, values).d;
      const sym = evaluate(dExpr, x, values).v;
      if (!Number.isFinite(ad)) return true;
      // A symbolic form that is not finite where f' is (abs(x)/x at 0, x^(2/3) for x < 0) is not shown.
      if (!Number.isFinite(sym)) return false;
      return Math.abs(ad - sym) <= 1e-9 * Math.max(1, Math.abs(ad));
    });
  } catch {
    return false;
  }
}

function usesParam(e: Expr, name: string): boolean {
  let found = false;
  const visit = (n: Expr): void => {
    if (found) return;
    if (n.k === 'param' && n.name === name) { found = true; return; }
    for (const c of children(n)) visit(c);
  };
  visit(e);
  return found;
}

/** The direct sub-trees of a node. */
export function children(n: Expr): readonly Expr[] {
  switch (n.k) {
    case 'num': case 'x': case 'param': return [];
    case 'neg': case 'not': return [n.a];
    case 'bin': case 'cmp': case 'logic': return [n.a, n.b];
    case 'cond': return [n.test, n.then, n.else];
    case 'call': return n.args;
    case 'act': return [n.arg, ...n.params];
  }
}

function makeDef(source: string, node: MathNode, tree: Expr, d: MathNode | undefined, values: ParamValues, options: CompileOptions): UserActivationDef {
  const specs: ParamSpec[] = [...values].map(([name, v]) => paramSpec(name, v));
  const lookup = (p?: Params): ParamValues => {
    let m: Map<string, number> | undefined;
    for (const [k, v] of values) {
      const given = p && Object.prototype.hasOwnProperty.call(p, k) ? p[k] : undefined;
      if (given !== undefined && Number.isFinite(given) && given !== v) (m ??= new Map(values)).set(k, given);
    }
    return m ?? values;
  };
  let lastP: Params | undefined;
  let lastValues = values;
  const cached = (p?: Params): ParamValues => (p === lastP ? lastValues : ((lastP = p), (lastValues = lookup(p))));
  const fTex = toTex(node);
  const df = (x: number, p: Params): number => evaluate(tree, x, cached(p)).d;
  const zeroOn = (xs: readonly number[]): boolean => xs.every((x) => df(x, {}) === 0);
  const branches = hasBranches(tree);
  return {
    id: options.name ?? 'custom',
    aliases: [],
    name: options.name ?? source.trim(),
    params: specs,
    f: (x, p) => evaluate(tree, x, cached(p)).v,
    df,
    latex: { f: `f(x) = ${fTex}`, df: d ? `f'(x) = ${toTex(d)}` : `f'(x) = \\frac{d}{dx}\\left[${fTex}\\right]` },
    text: { f: node.toString(), df: d ? d.toString() : `d/dx [${node.toString()}] (automatic differentiation)` },
    source: 'User-defined expression; f\' by forward-mode automatic differentiation' + (d ? ' (symbolic form by mathjs derivative)' : ''),
    conventions: [],
    pros: [],
    cons: [],
    ...(branches ? { kinkNote: "At a kink f' follows the branch taken: the condition's branch for ?:, the first argument at ties of max/min (as TensorFlow.js), and |u|' = 0 at u = 0 (as PyTorch)." } : {}),
    canDie: FLAT_PROBES.some((zs) => zeroOn(zs)),
    expression: source,
    tree,
    symbolicDf: d !== undefined,
    diagnose(x: number, p?: Params) {
      const diag: Diagnosis = {};
      evaluate(tree, x, cached(p), diag);
      return diag.first;
    },
  };
}

/** Slider range for a user parameter: value +- 10 max(1, |value|), step 1/100 of that scale. */
function paramSpec(name: string, v: number): ParamSpec {
  const s = Math.max(1, Math.abs(v));
  return { name, default: v, min: v - 10 * s, max: v + 10 * s, step: s / 100, description: 'User-defined parameter' };
}
