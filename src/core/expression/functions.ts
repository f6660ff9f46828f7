/**
 * The whitelist of math functions a user expression may call, each with its value, its
 * derivative (for forward-mode automatic differentiation) and the set of finite arguments
 * where it is not real. Nothing outside this table and the activation catalogue is callable.
 * Derivative formulas: Abramowitz & Stegun, ch. 4 (elementary) and 7.1.19 (erf).
 * Pure: no vscode, no DOM.
 */
import { erf } from '../math/erf';

/** One real function of one argument: value, derivative and domain test. */
export interface UnaryFn {
  readonly kind: 'unary';
  f(u: number): number;
  /** f'(u); may be +-Infinity at a branch point (e.g. sqrt at 0). */
  df(u: number): number;
  /** True for a finite u where f(u) is not a real number (e.g. sqrt(-1)). */
  notReal?(u: number): boolean;
}

/** A function with a special evaluation rule in the evaluator (max, min, log, pow). */
export interface SpecialFn {
  readonly kind: 'special';
  readonly minArgs: number;
  /** Infinity for variadic functions. */
  readonly maxArgs: number;
}

export type MathFn = UnaryFn | SpecialFn;

const outside = (lo: number, hi: number) => (u: number) => u < lo || u > hi;
const sech = (u: number): number => 1 / Math.cosh(u);
const u1 = (f: (u: number) => number, df: (u: number) => number, notReal?: (u: number) => boolean): UnaryFn =>
  notReal ? { kind: 'unary', f, df, notReal } : { kind: 'unary', f, df };

/** Functions by name. A Map, so `constructor`, `__proto__` and friends are never found. */
export const MATH_FUNCTIONS: ReadonlyMap<string, MathFn> = new Map<string, MathFn>([
  ['exp', u1(Math.exp, Math.exp)],
  ['expm1', u1(Math.expm1, Math.exp)],
  ['log1p', u1(Math.log1p, (u) => 1 / (1 + u), (u) => u < -1)],
  ['log2', u1(Math.log2, (u) => 1 / (u * Math.LN2), (u) => u < 0)],
  ['log10', u1(Math.log10, (u) => 1 / (u * Math.LN10), (u) => u < 0)],
  ['sqrt', u1(Math.sqrt, (u) => 0.5 / Math.sqrt(u), (u) => u < 0)],
  ['cbrt', u1(Math.cbrt, (u) => 1 / (3 * Math.cbrt(u) * Math.cbrt(u)))],
  ['square', u1((u) => u * u, (u) => 2 * u)],
  ['cube', u1((u) => u * u * u, (u) => 3 * u * u)],
  // |u|' = sign(u), 0 at u = 0 (PyTorch's convention; tfjs uses -1 there).
  ['abs', u1(Math.abs, (u) => Math.sign(u))],
  ['sign', u1(Math.sign, () => 0)],
  ['floor', u1(Math.floor, () => 0)],
  ['ceil', u1(Math.ceil, () => 0)],
  ['round', u1(Math.round, () => 0)],
  ['sin', u1(Math.sin, Math.cos)],
  ['cos', u1(Math.cos, (u) => -Math.sin(u))],
  ['tan', u1(Math.tan, (u) => 1 / (Math.cos(u) * Math.cos(u)))],
  ['sec', u1((u) => 1 / Math.cos(u), (u) => Math.tan(u) / Math.cos(u))],
  ['csc', u1((u) => 1 / Math.sin(u), (u) => -1 / (Math.tan(u) * Math.sin(u)))],
  ['cot', u1((u) => 1 / Math.tan(u), (u) => -1 / (Math.sin(u) * Math.sin(u)))],
  ['asin', u1(Math.asin, (u) => 1 / Math.sqrt(1 - u * u), outside(-1, 1))],
  ['acos', u1(Math.acos, (u) => -1 / Math.sqrt(1 - u * u), outside(-1, 1))],
  ['atan', u1(Math.atan, (u) => 1 / (1 + u * u))],
  ['sinh', u1(Math.sinh, Math.cosh)],
  ['cosh', u1(Math.cosh, Math.sinh)],
  ['tanh', u1(Math.tanh, (u) => sech(u) * sech(u))],
  ['sech', u1(sech, (u) => -Math.tanh(u) * sech(u))],
  ['csch', u1((u) => 1 / Math.sinh(u), (u) => -1 / (Math.tanh(u) * Math.sinh(u)))],
  ['coth', u1((u) => 1 / Math.tanh(u), (u) => -1 / (Math.sinh(u) * Math.sinh(u)))],
  ['asinh', u1(Math.asinh, (u) => 1 / Math.sqrt(u * u + 1))],
  ['acosh', u1(Math.acosh, (u) => 1 / Math.sqrt(u * u - 1), (u) => u < 1)],
  ['atanh', u1(Math.atanh, (u) => 1 / (1 - u * u), outside(-1, 1))],
  // erf'(u) = 2/sqrt(pi) exp(-u^2) (A&S 7.1.19 with n = 0).
  ['erf', u1(erf, (u) => 1.1283791670955126 * Math.exp(-u * u))],
  // log(u) or log(u, base); u < 0 is not real.
  ['log', { kind: 'special', minArgs: 1, maxArgs: 2 }],
  ['pow', { kind: 'special', minArgs: 2, maxArgs: 2 }],
  ['max', { kind: 'special', minArgs: 1, maxArgs: Infinity }],
  ['min', { kind: 'special', minArgs: 1, maxArgs: Infinity }],
]);

/** Named constants (mathjs spelling). */
export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
  ['tau', 2 * Math.PI],
  ['phi', (1 + Math.sqrt(5)) / 2],
]);

/**
 * Names that reach JavaScript or mathjs internals. They are unknown anyway (nothing is looked
 * up on an object), but get their own message so the user sees why.
 */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  'constructor', '__proto__', 'prototype', 'import', 'evaluate', 'compile', 'parse', 'createUnit',
  'simplify', 'derivative', 'reviver', 'config', 'typed', 'chain', 'help', 'resolve', 'parser',
  'eval', 'Function', 'globalThis', 'window', 'process', 'require', 'this', 'self',
  'hasOwnProperty', 'valueOf', 'toString', '__defineGetter__', '__lookupGetter__',
]);
