/**
 * mathjs parse tree -> whitelisted `Expr`. Accepts only numbers, x, the user's parameters,
 * named constants, arithmetic, comparisons, logic, `?:`, the math functions of functions.ts
 * and catalogue activations; everything else (assignments, function definitions, property
 * access, matrices, strings, units, ranges, objects, blocks, other operators) is rejected with
 * an error at its position. Pure: no vscode, no DOM.
 */
import { getActivation } from '../activations/catalogue';
import { ExpressionFault, type BinaryOp, type CompareOp, type Expr, type LogicOp } from './ast';
import { CONSTANTS, FORBIDDEN_NAMES, MATH_FUNCTIONS } from './functions';
import { union, type Locator } from './locate';
import type { MathNode } from './mathjs';

const BINARY: Readonly<Record<string, BinaryOp>> = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' };
const COMPARE: Readonly<Record<string, CompareOp>> = {
  smaller: '<', smallerEq: '<=', larger: '>', largerEq: '>=', equal: '==', unequal: '!=',
};
const LOGIC: Readonly<Record<string, LogicOp>> = { and: 'and', or: 'or', xor: 'xor' };

const NODE_WORDS: Readonly<Record<string, [string, string]>> = {
  AccessorNode: ['.[', 'Property access (.name or [index]) is not allowed: only x, parameters, numbers and math functions'],
  IndexNode: ['.[', 'Property access (.name or [index]) is not allowed'],
  AssignmentNode: ['=', "Assignments are not allowed: type only the right-hand side, an expression in x (write 'x * sigmoid(x)', not 'f = x * sigmoid(x)'); set parameters in the rows below"],
  FunctionAssignmentNode: ['=', "Function definitions are not allowed: type only the body, an expression in x (write 'x * sigmoid(x)', not 'f(x) = ...')"],
  ArrayNode: ['[', 'Matrices and vectors are not allowed: an activation maps one real number to one real number'],
  ObjectNode: ['{', 'Objects are not allowed: an activation maps one real number to one real number'],
  RangeNode: [':', "Ranges ('a:b') are not allowed"],
  BlockNode: [';\n', "Only one expression is allowed (no ';' or line breaks between expressions)"],
};

/** Converts `node` (from `math.parse(loc.source)`) to an Expr; see the file comment. */
export function toExpr(node: MathNode, loc: Locator, params: ReadonlySet<string>): Expr {
  return new Converter(loc, params).convert(node);
}

class Converter {
  constructor(private readonly loc: Locator, private readonly params: ReadonlySet<string>) {}

  convert(n: MathNode): Expr {
    switch (n.type) {
      case 'ConstantNode': return this.constant(n as MathNode & { value: unknown });
      case 'SymbolNode': return this.symbol((n as MathNode & { name: string }).name);
      case 'ParenthesisNode': {
        const inner = this.convert((n as MathNode & { content: MathNode }).content);
        return { ...inner, span: this.loc.wrap(inner.span, '(', ')') };
      }
      case 'OperatorNode': return this.operator(n as MathNode & { fn: string; op: string; args: MathNode[] });
      case 'RelationalNode': return this.relational(n as MathNode & { conditionals: string[]; params: MathNode[] });
      case 'ConditionalNode': {
        const c = n as MathNode & { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
        const test = this.convert(c.condition);
        const then = this.convert(c.trueExpr);
        const otherwise = this.convert(c.falseExpr);
        return { k: 'cond', test, then, else: otherwise, span: union(test.span, otherwise.span) };
      }
      case 'FunctionNode': return this.call(n as MathNode & { fn: MathNode; args: MathNode[] });
      default: {
        const [chars, message] = NODE_WORDS[n.type] ?? ['', `'${n.type}' is not allowed in an activation expression`];
        throw new ExpressionFault(message, this.loc.punctuation(chars));
      }
    }
  }

  private constant(n: { value: unknown }): Expr {
    if (typeof n.value === 'number') return { k: 'num', v: n.value, span: this.loc.number() };
    if (typeof n.value === 'string') throw new ExpressionFault('Strings are not allowed: an activation computes with numbers only', this.loc.string());
    const word = String(n.value);
    throw new ExpressionFault(`'${word}' is not a number: use a comparison such as x > 0 for a condition`, this.loc.name(word));
  }

  private symbol(name: string): Expr {
    const span = this.loc.name(name);
    if (name === 'x') return { k: 'x', span };
    if (this.params.has(name)) return { k: 'param', name, span };
    const c = CONSTANTS.get(name);
    if (c !== undefined) return { k: 'num', v: c, span };
    if (MATH_FUNCTIONS.has(name) || getActivation(name)) {
      throw new ExpressionFault(`'${name}' is a function: call it with an argument, e.g. ${name}(x)`, span);
    }
    throw new ExpressionFault(unknownName(name), span);
  }

  private operator(n: { fn: string; op: string; args: MathNode[] }): Expr {
    if (n.fn === 'unaryMinus' || n.fn === 'unaryPlus' || n.fn === 'not') {
      const a = this.convert(n.args[0]!);
      if (n.fn === 'unaryPlus') return { ...a, span: this.loc.sign(a.span) };
      return n.fn === 'not' ? { k: 'not', a, span: a.span } : { k: 'neg', a, span: this.loc.sign(a.span) };
    }
    const kind = BINARY[n.fn] ? 'bin' : COMPARE[n.fn] ? 'cmp' : LOGIC[n.fn] ? 'logic' : undefined;
    if (!kind) {
      const first = n.args[0] ? this.convert(n.args[0]) : undefined;
      const span = this.loc.punctuation(n.op.slice(0, 1) || ' ');
      throw new ExpressionFault(`Operator '${n.op}' (${n.fn}) is not supported: use + - * / ^, comparisons, and, or, not, ? :`, first ? { start: span.start, end: span.start + n.op.length } : span);
    }
    let acc = this.convert(n.args[0]!);
    for (const arg of n.args.slice(1)) {
      const b = this.convert(arg);
      const span = union(acc.span, b.span);
      if (kind === 'bin') acc = { k: 'bin', op: BINARY[n.fn]!, a: acc, b, span };
      else if (kind === 'cmp') acc = { k: 'cmp', op: COMPARE[n.fn]!, a: acc, b, span };
      else acc = { k: 'logic', op: LOGIC[n.fn]!, a: acc, b, span };
    }
    return acc;
  }

  /** `a < x <= b` -> (a < x) and (x <= b). */
  private relational(n: { conditionals: string[]; params: MathNode[] }): Expr {
    const terms = n.params.map((p) => this.convert(p));
    let acc: Expr | undefined;
    n.conditionals.forEach((fn, i) => {
      const a = terms[i]!;
      const b = terms[i + 1]!;
      const cmp: Expr = { k: 'cmp', op: COMPARE[fn] ?? '==', a, b, span: union(a.span, b.span) };
      acc = acc ? { k: 'logic', op: 'and', a: acc, b: cmp, span: union(acc.span, cmp.span) } : cmp;
    });
    return acc!;
  }

  private call(n: { fn: MathNode; args: MathNode[] }): Expr {
    if (n.fn.type !== 'SymbolNode') {
      throw new ExpressionFault('Only named functions can be called, e.g. exp(x)', this.loc.punctuation('('));
    }
    const name = (n.fn as MathNode & { name: string }).name;
    const nameSpan = this.loc.name(name);
    if (name === 'x' || this.params.has(name)) {
      throw new ExpressionFault(`'${name}' is ${name === 'x' ? 'the input' : 'a parameter'}, not a function: write ${name} * (...) to multiply`, nameSpan);
    }
    const fn = MATH_FUNCTIONS.get(name);
    const def = fn ? undefined : getActivation(name);
    if (!fn && !def) throw new ExpressionFault(unknownName(name, true), nameSpan);
    const args = n.args.map((a) => this.convert(a));
    const last = args.length ? args[args.length - 1]!.span : nameSpan;
    const close = args.length ? this.loc.wrap({ start: last.end, end: last.end }, '\u0000', ')') : this.loc.punctuation(')');
    const span = { start: nameSpan.start, end: Math.max(close.end, last.end) };
    const [lo, hi] = fn ? (fn.kind === 'unary' ? [1, 1] : [fn.minArgs, fn.maxArgs]) : [1, 1 + def!.params.length];
    if (args.length < lo || args.length > hi) throw new ExpressionFault(arityMessage(name, lo, hi, args.length, def), span);
    if (fn) return { k: 'call', name, fn, args, span };
    const [arg, ...params] = args as [Expr, ...Expr[]];
    return { k: 'act', def: def!, arg, params, span };
  }
}

function unknownName(name: string, called = false): string {
  if (FORBIDDEN_NAMES.has(name) || name.startsWith('__')) {
    return `'${name}' is not available: an expression can use only x, its parameters, math functions (exp, log, tanh, erf, max, ...) and catalogue activations (sigmoid, relu, gelu, ...)`;
  }
  return called
    ? `Unknown function '${name}': use a math function (exp, log, tanh, erf, max, ...) or a catalogue activation (sigmoid, relu, gelu, ...)`
    : `Unknown name '${name}': use x, a parameter (add a row '${name} = value'), pi or e`;
}

function arityMessage(name: string, lo: number, hi: number, got: number, def: { params: readonly { name: string }[] } | undefined): string {
  const want = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} to ${hi}`;
  const extra = def && def.params.length ? ` (x, then optionally ${def.params.map((p) => p.name).join(', ')})` : '';
  return `${name}() takes ${want} argument${hi === 1 ? '' : 's'}${extra}, got ${got}`;
}
