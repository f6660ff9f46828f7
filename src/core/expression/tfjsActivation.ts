/**
 * A user-defined activation as a TensorFlow.js op, built from the same whitelisted tree as
 * the scalar evaluator, with tf ops only, so tfjs autodiff gives its gradient (for the MNIST
 * comparison). Sub-trees constant in x are folded to numbers by our evaluator. Pure: no
 * vscode, no DOM (tfjs runs in Node and in the webview).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Params } from '../activations/types';
import type { ActivationChoice } from '../training/types';
import { activationOp } from '../training/activationOps';
import { dependsOnX, type Expr } from './ast';
import { children, compileUserActivation, type UserActivationDef } from './compile';
import { evaluate, type ParamValues } from './evaluate';

type Tf = typeof tfjs;
type T = tfjs.Tensor;
type V = number | T;

/**
 * Builds the op a = f(z) for a compiled user activation (or an expression, compiled here).
 * `?:` becomes `tf.where` with x masked to 0 inside the branch not taken, so an overflow
 * there (ELU's exp(x) at large x) cannot turn the gradient into NaN (0 * Infinity); a branch
 * that is itself not finite at x = 0 can still give NaN gradients where it is not taken.
 * Ties of max/min follow tf.maximum/minimum (first argument), |u|' = sign(u) (0 at 0).
 * @param tf the tfjs namespace in use (Node or webview build).
 * @param params parameter values overriding the saved defaults.
 * @throws Error with the compile error's message for an invalid expression, or naming a
 *   catalogue activation that has no tfjs op.
 */
export function tfjsActivation(tf: Tf, defOrExpression: UserActivationDef | string, params: Params = {}): (x: T) => T {
  let def: UserActivationDef;
  if (typeof defOrExpression === 'string') {
    const r = compileUserActivation(defOrExpression, params);
    if (!r.ok) throw new Error(`${r.error.message} (at ${r.error.start})`);
    def = r.def;
  } else def = defOrExpression;
  const values = new Map<string, number>(def.params.map((p) => [p.name, Object.prototype.hasOwnProperty.call(params, p.name) ? params[p.name]! : p.default]));
  check(def.tree);
  return (x: T) => tf.tidy(() => {
    const out = build(tf, def.tree, x, values);
    return typeof out === 'number' ? tf.fill(x.shape, out) : out.dtype === 'bool' ? tf.cast(out, 'float32') : out;
  });
}

/** Throws early for catalogue calls without a tfjs op (instead of in the training loop). */
function check(e: Expr): void {
  if (e.k === 'act' && !activationOp(e.def.id, {})) throw new Error(`'${e.def.id}' has no TensorFlow.js op; it cannot be used in a custom activation for training`);
  children(e).forEach(check);
}

function num(tf: Tf, v: V): T {
  if (typeof v === 'number') return tf.scalar(v);
  return v.dtype === 'bool' ? tf.cast(v, 'float32') : v;
}

function bool(tf: Tf, v: V): T {
  return typeof v === 'number' ? tf.scalar(v !== 0) : v.dtype === 'bool' ? v : tf.notEqual(v, 0);
}

function build(tf: Tf, e: Expr, x: T, p: ParamValues): V {
  if (!dependsOnX(e)) return evaluate(e, 0, p).v;
  const go = (s: Expr): V => build(tf, s, x, p);
  switch (e.k) {
    case 'x': return x;
    case 'neg': return tf.neg(num(tf, go(e.a)));
    case 'not': case 'cmp': case 'logic': return detached(tf, x, (t) => predicate(tf, e, t, p));
    case 'bin': {
      const [a, b] = [num(tf, go(e.a)), num(tf, go(e.b))];
      return e.op === '+' ? tf.add(a, b) : e.op === '-' ? tf.sub(a, b) : e.op === '*' ? tf.mul(a, b) : e.op === '/' ? tf.div(a, b) : tf.pow(a, b);
    }
    case 'cond': {
      const c = tf.cast(detached(tf, x, (t) => bool(tf, build(tf, e.test, t, p))), 'bool');
      const zeros = tf.zerosLike(x);
      const t = num(tf, build(tf, e.then, tf.where(c, x, zeros), p));
      const f = num(tf, build(tf, e.else, tf.where(c, zeros, x), p));
      return tf.where(tf.broadcastTo(c, x.shape), tf.broadcastTo(t, x.shape), tf.broadcastTo(f, x.shape));
    }
    case 'call': return call(tf, e.name, e.args.map((a) => num(tf, go(a))));
    case 'act': {
      const partial: Record<string, number> = {};
      e.params.forEach((a, i) => { partial[e.def.params[i]!.name] = evaluate(a, 0, p).v; });
      return activationOp(e.def.id, partial)!(num(tf, go(e.arg)));
    }
    default: return NaN; // num/param: constant, folded above
  }
}

/**
 * `fn(x)` as float32 0/1 with a zero gradient: tfjs has no gradients for comparisons and
 * logical ops, so they are computed inside a customGrad, off the tape.
 */
function detached(tf: Tf, x: T, fn: (t: T) => T): T {
  const f = (t: T) => ({ value: tf.cast(fn(t), 'float32'), gradFunc: () => tf.zerosLike(t) });
  return tf.customGrad(f as unknown as Parameters<Tf['customGrad']>[0])(x);
}

/** A comparison or logical node as a bool tensor (called off the tape, see `detached`). */
function predicate(tf: Tf, e: Expr, x: T, p: ParamValues): T {
  const go = (s: Expr): T => num(tf, build(tf, s, x, p));
  if (e.k === 'cmp') {
    const ops = { '<': tf.less, '<=': tf.lessEqual, '>': tf.greater, '>=': tf.greaterEqual, '==': tf.equal, '!=': tf.notEqual } as const;
    return ops[e.op](go(e.a), go(e.b));
  }
  if (e.k === 'not') return tf.logicalNot(bool(tf, go(e.a)));
  if (e.k !== 'logic') return bool(tf, go(e));
  const [a, b] = [bool(tf, go(e.a)), bool(tf, go(e.b))];
  return e.op === 'and' ? tf.logicalAnd(a, b) : e.op === 'or' ? tf.logicalOr(a, b) : tf.logicalXor(a, b);
}

function call(tf: Tf, name: string, args: T[]): T {
  const u = args[0]!;
  const unary: Record<string, () => T> = {
    exp: () => tf.exp(u), expm1: () => tf.expm1(u), log1p: () => tf.log1p(u),
    log2: () => tf.div(tf.log(u), Math.LN2), log10: () => tf.div(tf.log(u), Math.LN10),
    sqrt: () => tf.sqrt(u), cbrt: () => tf.mul(tf.sign(u), tf.pow(tf.abs(u), 1 / 3)),
    square: () => tf.square(u), cube: () => tf.mul(u, tf.square(u)),
    // u * sign(u): value |u|, tfjs gradient sign(u) (0 at 0) like the scalar evaluator (tf.abs gives -1 there).
    abs: () => tf.mul(u, tf.sign(u)), sign: () => tf.sign(u), floor: () => tf.floor(u), ceil: () => tf.ceil(u), round: () => tf.round(u),
    sin: () => tf.sin(u), cos: () => tf.cos(u), tan: () => tf.tan(u),
    sec: () => tf.reciprocal(tf.cos(u)), csc: () => tf.reciprocal(tf.sin(u)), cot: () => tf.reciprocal(tf.tan(u)),
    asin: () => tf.asin(u), acos: () => tf.acos(u), atan: () => tf.atan(u),
    sinh: () => tf.sinh(u), cosh: () => tf.cosh(u), tanh: () => tf.tanh(u),
    sech: () => tf.reciprocal(tf.cosh(u)), csch: () => tf.reciprocal(tf.sinh(u)), coth: () => tf.reciprocal(tf.tanh(u)),
    asinh: () => tf.asinh(u), acosh: () => tf.acosh(u), atanh: () => tf.atanh(u), erf: () => tf.erf(u),
    log: () => (args[1] ? tf.div(tf.log(u), tf.log(args[1])) : tf.log(u)),
    pow: () => tf.pow(u, args[1]!),
    max: () => args.slice(1).reduce((a, b) => tf.maximum(a, b), u),
    min: () => args.slice(1).reduce((a, b) => tf.minimum(a, b), u),
  };
  const f = unary[name];
  if (!f) throw new Error(`no tfjs op for ${name}`);
  return f();
}

/**
 * The `resolveOp` hook of the training core (ModelOptions.resolveOp): the tfjs op of a choice
 * that carries an `expression` (a saved custom activation), else undefined (catalogue ops).
 * @throws Error (at model build time) for an expression that does not compile.
 */
export function expressionResolveOp(tf: Tf): (choice: ActivationChoice) => ((z: T) => T) | undefined {
  return (choice) => {
    if (typeof choice.expression !== 'string') return undefined;
    const r = compileUserActivation(choice.expression, choice.params, { name: choice.activation });
    if (!r.ok) throw new Error(`custom activation '${choice.activation}': ${r.error.message}`);
    return tfjsActivation(tf, r.def);
  };
}
