/**
 * Symbolic f' with mathjs `derivative` (then our linear-time `tidy`, not mathjs' `simplify`,
 * which is exponential on some inputs), where mathjs can: it has no rules for max/min, comparisons, erf or catalogue activations, so those
 * expressions get f' from automatic differentiation only (evaluate.ts). A top-level `?:` (or
 * one under + / - / a constant factor) is differentiated branch by branch first, the same
 * convention as the evaluator. Pure: no vscode, no DOM.
 */
import { getActivation } from '../activations/catalogue';
import { MATH_FUNCTIONS } from './functions';
import { math, type MathNode } from './mathjs';
import { tidy } from './tidy';

/** Expressions bigger than this get no symbolic f' (AD only): the UI compiles on every keystroke. */
const MAX_NODES = 200;
/** Derivatives bigger than this are not shown symbolically (unreadable; AD still gives f'). */
const MAX_DERIVATIVE_NODES = 800;

type N = MathNode & { type: string; fn?: string | MathNode; args?: MathNode[]; content?: MathNode; name?: string };

/**
 * d/dx of `node` as a simplified mathjs tree, or undefined where mathjs has no rule (or the
 * tree is too large). Never throws.
 */
export function symbolicDerivative(node: MathNode): MathNode | undefined {
  try {
    if (countNodes(node) > MAX_NODES) return undefined;
    return diff(rewrite(node));
  } catch {
    return undefined;
  }
}

/** The node count of a tree (for the size limit). */
function countNodes(node: MathNode): number {
  let n = 0;
  node.traverse(() => { n++; });
  return n;
}

/**
 * square/cube/log1p/expm1, and parameter-free catalogue activations whose plain-text formula
 * is a mathjs expression (sigmoid: `1 / (1 + exp(-x))`), -> forms mathjs can differentiate
 * (same value in exact arithmetic; compile.ts cross-checks the result against AD).
 */
function rewrite(node: MathNode): MathNode {
  return node.transform((n: MathNode) => {
    const f = n as N;
    if (f.type !== 'FunctionNode' || !f.args || f.args.length !== 1) return n;
    const name = (f.fn as N).name!;
    if (!['square', 'cube', 'log1p', 'expm1'].includes(name) && (MATH_FUNCTIONS.has(name) || !getActivation(name))) return n;
    // Only now recurse into the argument (doing it for every call made this exponential in depth).
    const u = new math.ParenthesisNode(rewrite(f.args[0]!));
    const def = MATH_FUNCTIONS.has(name) ? undefined : getActivation(name);
    if (def && def.params.length === 0) return inline(def.text.f, u) ?? n;
    if (name === 'square') return new math.OperatorNode('^', 'pow', [u, new math.ConstantNode(2)]);
    if (name === 'cube') return new math.OperatorNode('^', 'pow', [u, new math.ConstantNode(3)]);
    if (name === 'log1p') return new math.FunctionNode('log', [new math.OperatorNode('+', 'add', [new math.ConstantNode(1), u])]);
    if (name === 'expm1') return new math.OperatorNode('-', 'subtract', [new math.FunctionNode('exp', [u]), new math.ConstantNode(1)]);
    return n;
  });
}

/** A catalogue formula in x with x := u, or undefined when it is not plain mathjs syntax. */
function inline(formula: string, u: MathNode): MathNode | undefined {
  try {
    const body = math.parse(formula);
    if (body.filter((m: MathNode) => m.type === 'SymbolNode' && !['x', 'pi', 'e'].includes((m as N).name!) && !isFunctionName(body, m)).length) return undefined;
    return new math.ParenthesisNode(body.transform((m: MathNode) => (m.type === 'SymbolNode' && (m as N).name === 'x' ? u : m)));
  } catch {
    return undefined;
  }
}

function isFunctionName(root: MathNode, sym: MathNode): boolean {
  return root.filter((m: MathNode) => m.type === 'FunctionNode' && (m as N).fn === sym).length > 0;
}

function hasConditional(node: MathNode): boolean {
  return node.filter((n: MathNode) => n.type === 'ConditionalNode').length > 0;
}

function hasX(node: MathNode): boolean {
  return node.filter((n: MathNode) => n.type === 'SymbolNode' && (n as N).name === 'x').length > 0;
}

function diff(node: MathNode): MathNode {
  const n = node as N;
  if (!hasConditional(node)) {
    const raw = math.derivative(node, 'x', { simplify: false });
    if (countNodes(raw) > MAX_DERIVATIVE_NODES) throw new Error('derivative too large to display');
    return tidy(raw);
  }
  if (n.type === 'ParenthesisNode') return diff(n.content!);
  if (n.type === 'ConditionalNode') {
    const c = node as MathNode & { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
    return new math.ConditionalNode(c.condition, diff(c.trueExpr), diff(c.falseExpr));
  }
  if (n.type === 'OperatorNode' && n.args) {
    const [a, b] = n.args;
    if (n.fn === 'unaryMinus' && a) return new math.OperatorNode('-', 'unaryMinus', [paren(diff(a))]);
    if ((n.fn === 'add' || n.fn === 'subtract') && a && b) {
      return new math.OperatorNode(n.fn === 'add' ? '+' : '-', n.fn, [paren(diff(a)), paren(diff(b))]);
    }
    if (n.fn === 'multiply' && a && b && (!hasX(a) || !hasX(b))) {
      return hasX(a)
        ? new math.OperatorNode('*', 'multiply', [paren(diff(a)), b])
        : new math.OperatorNode('*', 'multiply', [a, paren(diff(b))]);
    }
  }
  throw new Error('no symbolic rule');
}

function paren(node: MathNode): MathNode {
  return node.type === 'ConditionalNode' ? new math.ParenthesisNode(node) : node;
}
