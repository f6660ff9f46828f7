/**
 * The whitelisted expression tree: what a user expression may contain once the mathjs parse
 * tree has been checked (see toExpr.ts). Every node keeps its source span for error carets.
 * Pure: no vscode, no DOM.
 */
import type { ActivationDef } from '../activations/types';
import type { MathFn } from './functions';
import type { Span } from './locate';

export type { Span };

/** An error at a position of the source: `message` for humans, [start, end) for a caret. */
export interface ExpressionError {
  readonly message: string;
  /** UTF-16 offset of the first bad character. */
  readonly start: number;
  /** UTF-16 offset one past the last bad character (>= start). */
  readonly end: number;
  /** Set when the error is in a parameter row (name of the row) rather than in the expression. */
  readonly param?: string;
}

/** Thrown inside the expression module; converted to an `ExpressionError` result at the API. */
export class ExpressionFault extends Error {
  override readonly name = 'ExpressionFault';
  constructor(message: string, readonly span: Span) {
    super(message);
  }
  /** The plain-object form returned to callers. */
  toError(): ExpressionError {
    return { message: this.message, start: this.span.start, end: this.span.end };
  }
}

export type BinaryOp = '+' | '-' | '*' | '/' | '^';
export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type LogicOp = 'and' | 'or' | 'xor';

/** A node of the whitelisted tree; `span` is where it came from in the source. */
export type Expr = { readonly span: Span } & (
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'x' }
  | { readonly k: 'param'; readonly name: string }
  | { readonly k: 'neg'; readonly a: Expr }
  | { readonly k: 'not'; readonly a: Expr }
  | { readonly k: 'bin'; readonly op: BinaryOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'cmp'; readonly op: CompareOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'logic'; readonly op: LogicOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'cond'; readonly test: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly k: 'call'; readonly name: string; readonly fn: MathFn; readonly args: readonly Expr[] }
  | {
      readonly k: 'act';
      readonly def: ActivationDef;
      readonly arg: Expr;
      /** Positional parameter arguments, in the order of `def.params` (constant in x). */
      readonly params: readonly Expr[];
    }
);

/** True when `e` depends on x anywhere. */
export function dependsOnX(e: Expr): boolean {
  switch (e.k) {
    case 'x': return true;
    case 'num': case 'param': return false;
    case 'neg': case 'not': return dependsOnX(e.a);
    case 'bin': case 'cmp': case 'logic': return dependsOnX(e.a) || dependsOnX(e.b);
    case 'cond': return dependsOnX(e.test) || dependsOnX(e.then) || dependsOnX(e.else);
    case 'call': return e.args.some(dependsOnX);
    case 'act': return dependsOnX(e.arg) || e.params.some(dependsOnX);
  }
}

/** True when the tree has a kink or a branch: max/min/abs/sign/floor/ceil/round, ?:, comparisons. */
export function hasBranches(e: Expr): boolean {
  switch (e.k) {
    case 'x': case 'num': case 'param': return false;
    case 'cmp': case 'cond': case 'logic': case 'not': return true;
    case 'neg': return hasBranches(e.a);
    case 'bin': return hasBranches(e.a) || hasBranches(e.b);
    case 'call': return ['max', 'min', 'abs', 'sign', 'floor', 'ceil', 'round'].includes(e.name) || e.args.some(hasBranches);
    case 'act': return e.def.kinkNote !== undefined || hasBranches(e.arg);
  }
}
