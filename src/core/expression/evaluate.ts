/**
 * Our own evaluator for the whitelisted tree (ast.ts): forward-mode automatic
 * differentiation with dual numbers v + d*eps (Griewank & Walther, "Evaluating Derivatives",
 * 2nd ed. 2008, ch. 3), so f' is exact (to rounding) through piecewise definitions, max/min,
 * abs, `?:` and catalogue activations (their closed-form df). No eval, no Function, no
 * property look-up on user-controlled names. Optionally reports where the first non-finite
 * value came from. Pure: no vscode, no DOM.
 */
import { resolveParams } from '../activations/catalogue';
import type { Params } from '../activations/types';
import type { Expr, Span } from './ast';

/** A value and its derivative with respect to x. */
export interface Dual {
  readonly v: number;
  readonly d: number;
}

/** Why a value is not finite: IEEE overflow, a pole (division by 0, log 0), not real, 0/0-like. */
export type NonFiniteKind = 'overflow' | 'pole' | 'notReal' | 'undefined';

/** The node where a non-finite value first appeared, at input x, for a caret and a marker. */
export interface NonFiniteOrigin {
  readonly kind: NonFiniteKind;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly x: number;
}

/** Collects the first non-finite origin during one evaluation (pass a fresh one per x). */
export interface Diagnosis {
  first?: NonFiniteOrigin;
}

/** Parameter values by name (already validated; see compile.ts). */
export type ParamValues = ReadonlyMap<string, number>;

const NAN: Dual = { v: NaN, d: NaN };

/** c * d with 0 * anything = 0, so a zero tangent never turns into NaN (0 * Infinity). */
function mulD(c: number, d: number): number {
  return d === 0 ? 0 : c * d;
}

/**
 * Evaluates `e` at `x` with value and derivative. Only the taken branch of `?:` is
 * evaluated. Ties in max/min take the first argument's derivative (TensorFlow.js's
 * Maximum/Minimum gradients do the same), |u|' = sign(u) (0 at 0, as in PyTorch).
 * @param diag when given, receives the first node whose value became non-finite although its
 *   inputs were finite (or NaN although its inputs were not NaN).
 */
export function evaluate(e: Expr, x: number, p: ParamValues, diag?: Diagnosis): Dual {
  const r = step(e, x, p, diag);
  if (diag && !diag.first && !Number.isFinite(r.v) && !Number.isNaN(x) && Number.isFinite(x)) {
    note(diag, e.span, x, Number.isNaN(r.v) ? 'undefined' : 'overflow', 'the value is not finite');
  }
  return r;
}

function step(e: Expr, x: number, p: ParamValues, diag: Diagnosis | undefined): Dual {
  switch (e.k) {
    case 'num': return { v: e.v, d: 0 };
    case 'x': return { v: x, d: 1 };
    case 'param': return { v: p.get(e.name) ?? NaN, d: 0 };
    case 'neg': { const a = step(e.a, x, p, diag); return { v: -a.v, d: -a.d }; }
    case 'not': { const a = step(e.a, x, p, diag); return { v: Number.isNaN(a.v) ? NaN : a.v === 0 ? 1 : 0, d: 0 }; }
    case 'cond': {
      const t = step(e.test, x, p, diag);
      if (Number.isNaN(t.v)) return NAN;
      return step(t.v !== 0 ? e.then : e.else, x, p, diag);
    }
    case 'cmp': case 'logic': {
      const a = step(e.a, x, p, diag).v;
      const b = step(e.b, x, p, diag).v;
      return { v: Number.isNaN(a) || Number.isNaN(b) ? NaN : truth(e.op, a, b) ? 1 : 0, d: 0 };
    }
    case 'bin': return checked(binary(e.op, step(e.a, x, p, diag), step(e.b, x, p, diag), e.span, x, diag), e.span, x, diag);
    case 'call': return call(e.name, e.fn, e.args.map((a) => step(a, x, p, diag)), e.span, x, diag);
    case 'act': {
      const u = step(e.arg, x, p, diag);
      const params = actParams(e, x, p, diag);
      if (!params) return NAN;
      const r = { v: e.def.f(u.v, params), d: mulD(e.def.df(u.v, params), u.d) };
      if (Number.isFinite(u.v) && !Number.isFinite(r.v)) note(diag, e.span, x, Number.isNaN(r.v) ? 'undefined' : 'overflow', `${e.def.id}(${fmt(u.v)}) is not finite`);
      return r;
    }
  }
}

function truth(op: string, a: number, b: number): boolean {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '==': return a === b;
    case '!=': return a !== b;
    case 'and': return a !== 0 && b !== 0;
    case 'or': return a !== 0 || b !== 0;
    default: return (a !== 0) !== (b !== 0); // xor
  }
}

function binary(op: string, a: Dual, b: Dual, span: Span, x: number, diag: Diagnosis | undefined): Dual {
  switch (op) {
    case '+': return { v: a.v + b.v, d: a.d + b.d };
    case '-': return { v: a.v - b.v, d: a.d - b.d };
    case '*': return { v: a.v * b.v, d: mulD(b.v, a.d) + mulD(a.v, b.d) };
    case '/': {
      if (b.v === 0 && a.v !== 0 && Number.isFinite(a.v)) note(diag, span, x, 'pole', 'division by zero');
      return { v: a.v / b.v, d: mulD(1 / b.v, a.d) - mulD(a.v / b.v / b.v, b.d) };
    }
    default: return power(a, b, span, x, diag);
  }
}

/** u^w: the constant-exponent rule when w' = 0 (defined for u <= 0), else e^(w ln u). */
function power(u: Dual, w: Dual, span: Span, x: number, diag: Diagnosis | undefined): Dual {
  const v = Math.pow(u.v, w.v);
  if (Number.isNaN(v) && u.v < 0 && Number.isFinite(w.v)) {
    note(diag, span, x, 'notReal', `${fmt(u.v)}^${fmt(w.v)} is not real (negative base, non-integer exponent; use cbrt for cube roots)`);
  } else if (u.v === 0 && w.v < 0) note(diag, span, x, 'pole', `0^${fmt(w.v)} is a pole`);
  if (w.d === 0) return { v, d: w.v === 0 ? 0 : mulD(w.v * Math.pow(u.v, w.v - 1), u.d) };
  return { v, d: v * (mulD(Math.log(u.v), w.d) + mulD(w.v / u.v, u.d)) };
}

function call(name: string, fn: Extract<Expr, { k: 'call' }>['fn'], args: Dual[], span: Span, x: number, diag: Diagnosis | undefined): Dual {
  const u = args[0]!;
  if (fn.kind === 'unary') {
    if (diag && fn.notReal && Number.isFinite(u.v) && fn.notReal(u.v)) note(diag, span, x, 'notReal', `${name}(${fmt(u.v)}) is not real`);
    const r = { v: fn.f(u.v), d: mulD(fn.df(u.v), u.d) };
    if (Number.isFinite(u.v) && !Number.isFinite(r.v) && !Number.isNaN(r.v)) note(diag, span, x, poleAt(name, u.v) ? 'pole' : 'overflow', poleAt(name, u.v) ? `${name}(${fmt(u.v)}) is a pole` : `${name}(${fmt(u.v)}) overflows the double range (|value| > 1.8e308)`);
    return checked(r, span, x, diag);
  }
  if (name === 'max' || name === 'min') return extreme(name === 'max', args);
  if (name === 'pow') return power(u, args[1]!, span, x, diag);
  // log(u) or log(u, base) = ln u / ln base.
  if (u.v < 0) note(diag, span, x, 'notReal', `log(${fmt(u.v)}) is not real`);
  else if (u.v === 0) note(diag, span, x, 'pole', 'log(0) is a pole');
  const ln = { v: Math.log(u.v), d: mulD(1 / u.v, u.d) };
  const base = args[1];
  if (!base) return ln;
  const lb = { v: Math.log(base.v), d: mulD(1 / base.v, base.d) };
  return checked({ v: ln.v / lb.v, d: mulD(1 / lb.v, ln.d) - mulD(ln.v / lb.v / lb.v, lb.d) }, span, x, diag);
}

function poleAt(name: string, u: number): boolean {
  return u === 0 && ['log2', 'log10', 'csc', 'cot', 'csch', 'coth'].includes(name) || (u === 1 || u === -1) && name === 'atanh' || u === -1 && name === 'log1p';
}

/** max/min over several arguments: NaN if any is NaN; the first extreme argument wins. */
function extreme(isMax: boolean, args: Dual[]): Dual {
  let best = args[0]!;
  for (const a of args) {
    if (Number.isNaN(a.v)) return NAN;
    if (isMax ? a.v > best.v : a.v < best.v) best = a;
  }
  return best;
}

/** Notes a NaN that came out of non-NaN inputs as 'undefined' (0/0, inf - inf, 0 * inf). */
function checked(r: Dual, span: Span, x: number, diag: Diagnosis | undefined): Dual {
  if (diag && !diag.first && Number.isNaN(r.v)) note(diag, span, x, 'undefined', 'the value is undefined (0/0, inf - inf or 0 * inf)');
  else if (diag && !diag.first && !Number.isFinite(r.v) && !Number.isNaN(r.v)) note(diag, span, x, 'overflow', 'the value overflows the double range (|value| > 1.8e308)');
  return r;
}

function note(diag: Diagnosis | undefined, span: Span, x: number, kind: NonFiniteKind, what: string): void {
  if (diag && !diag.first) diag.first = { kind, message: `${what} at x = ${fmt(x)}`, start: span.start, end: span.end, x };
}

const cache = new WeakMap<Expr, Params>();

/** Positional catalogue parameters -> validated Params (cached when they are constants). */
function actParams(e: Extract<Expr, { k: 'act' }>, x: number, p: ParamValues, diag: Diagnosis | undefined): Params | undefined {
  const hit = cache.get(e);
  if (hit) return hit;
  const { def, params: args } = e;
  const partial: Record<string, number> = {};
  args.forEach((a, i) => { partial[def.params[i]!.name] = step(a, x, p, diag).v; });
  try {
    const r = resolveParams(def, partial);
    if (args.every((a) => a.k === 'num')) cache.set(e, r);
    return r;
  } catch (err) {
    note(diag, e.span, x, 'undefined', (err as Error).message);
    return undefined;
  }
}

/** Numbers in messages: up to 6 significant digits, no trailing noise. */
export function fmt(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : String(Number(v.toPrecision(6)));
}
