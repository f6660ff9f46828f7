/**
 * A small, linear-time clean-up of mathjs derivative trees (constant folding, x*1, x+0,
 * 0*x, --x, x^1, numeric factors gathered in front). mathjs' own `simplify` and even
 * `simplifyCore` are exponential on plain sums (x+x+...+x: 22 terms took 2 s in
 * simplifyCore), which a live editor cannot afford. Pure: no vscode, no DOM.
 */
import { math, type MathNode } from './mathjs';

type Op = MathNode & { fn: string; op: string; args: MathNode[] };

const isNum = (n: MathNode): n is MathNode & { value: number } => n.type === 'ConstantNode' && typeof (n as { value?: unknown }).value === 'number';
const num = (v: number): MathNode => (v < 0 ? new math.OperatorNode('-', 'unaryMinus', [new math.ConstantNode(-v)]) : new math.ConstantNode(v));
/** The number a node stands for (a constant or minus a constant), else undefined. */
function valueOf(n: MathNode): number | undefined {
  if (isNum(n)) return n.value;
  const o = n as Op;
  if (n.type === 'OperatorNode' && o.fn === 'unaryMinus' && isNum(o.args[0]!)) return -o.args[0].value;
  return undefined;
}

/** The cleaned-up tree (new nodes; `node` is not modified). Linear in the tree size except for product chains (quadratic in their length). */
export function tidy(node: MathNode): MathNode {
  if (node.type === 'ParenthesisNode') return tidy((node as MathNode & { content: MathNode }).content);
  if (node.type === 'FunctionNode') {
    const f = node as MathNode & { fn: MathNode; args: MathNode[] };
    return new math.FunctionNode(f.fn, f.args.map(tidy));
  }
  if (node.type === 'ConditionalNode') {
    const c = node as MathNode & { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
    return new math.ConditionalNode(tidy(c.condition), tidy(c.trueExpr), tidy(c.falseExpr));
  }
  if (node.type !== 'OperatorNode') return node;
  const o = node as Op;
  const args = o.args.map(tidy);
  const [a, b] = args as [MathNode, MathNode | undefined];
  const va = valueOf(a);
  const vb = b ? valueOf(b) : undefined;
  switch (o.fn) {
    case 'unaryMinus': {
      if (va !== undefined) return num(-va);
      const inner = a as Op;
      return a.type === 'OperatorNode' && inner.fn === 'unaryMinus' ? inner.args[0]! : new math.OperatorNode('-', 'unaryMinus', [a]);
    }
    case 'unaryPlus': return a;
    case 'add': case 'subtract': {
      if (va !== undefined && vb !== undefined) return num(o.fn === 'add' ? va + vb : va - vb);
      if (vb === 0) return a;
      if (va === 0) return o.fn === 'add' ? b! : product([num(-1), b!]);
      const negB = negated(b!);
      const plus = (o.fn === 'add') !== (negB !== undefined);
      return new math.OperatorNode(plus ? '+' : '-', plus ? 'add' : 'subtract', [a, negB ?? b!]);
    }
    case 'multiply': return product(args);
    case 'divide': {
      if (va !== undefined && vb !== undefined && vb !== 0 && Number.isInteger(va / vb)) return num(va / vb);
      if (vb === 1) return a;
      if (va === 0) return num(0);
      const [c, rest] = split(a);
      return c === 1 ? new math.OperatorNode('/', 'divide', [a, b!]) : product([num(c), new math.OperatorNode('/', 'divide', [rest, b!])]);
    }
    case 'pow':
      if (vb === 1) return a;
      if (vb === 0) return num(1);
      if (va !== undefined && vb !== undefined && Number.isInteger(vb) && Math.abs(vb) < 8) return num(Math.pow(va, vb));
      return new math.OperatorNode('^', 'pow', [a, b!]);
    default: return new math.OperatorNode(o.op as never, o.fn as never, args);
  }
}

/** A numeric coefficient and the rest of a product (`-2 * u` -> [-2, u]; `u` -> [1, u]). */
function split(n: MathNode): [number, MathNode] {
  const o = n as Op;
  if (n.type === 'OperatorNode' && o.fn === 'unaryMinus') {
    const [c, rest] = split(o.args[0]!);
    return [-c, rest];
  }
  if (n.type === 'OperatorNode' && o.fn === 'multiply' && o.args.length === 2) {
    const v = valueOf(o.args[0]!);
    if (v !== undefined) return [v, o.args[1]!];
  }
  return [1, n];
}

/** -n when n reads as negative (`-u`, `-2 * u`, a negative constant), else undefined. */
function negated(n: MathNode): MathNode | undefined {
  const v = valueOf(n);
  if (v !== undefined) return v < 0 ? num(-v) : undefined;
  const [c, rest] = split(n);
  return c < 0 ? product([num(-c), rest]) : undefined;
}

/** Flattens a product, multiplies its numeric factors into one coefficient in front. */
function product(args: MathNode[]): MathNode {
  let coef = 1;
  const factors: MathNode[] = [];
  const visit = (n: MathNode): void => {
    const v = valueOf(n);
    const o = n as Op;
    if (v !== undefined) coef *= v;
    else if (n.type === 'OperatorNode' && o.fn === 'multiply') o.args.forEach(visit);
    else if (n.type === 'OperatorNode' && o.fn === 'unaryMinus') { coef = -coef; visit(o.args[0]!); }
    else factors.push(n);
  };
  args.forEach(visit);
  if (coef === 0 || factors.length === 0) return num(coef);
  const body = factors.reduce((acc, f) => new math.OperatorNode('*', 'multiply', [acc, f]));
  if (coef === 1) return body;
  if (coef === -1) return new math.OperatorNode('-', 'unaryMinus', [body]);
  return new math.OperatorNode('*', 'multiply', [num(coef), body]);
}
