/**
 * LaTeX (KaTeX) of a mathjs expression tree. mathjs' own FunctionNode.toTex renders each
 * argument twice (once eagerly, once in its template), which is exponential in the nesting
 * depth of calls (tanh(tanh(...)) 22 deep took 9 s); this handler renders every call itself,
 * each argument once, so the whole is linear. Pure: no vscode, no DOM.
 */
import type { MathNode } from './mathjs';

const NAMED: Readonly<Record<string, string>> = {
  exp: '\\exp', sin: '\\sin', cos: '\\cos', tan: '\\tan', sec: '\\sec', csc: '\\csc', cot: '\\cot',
  sinh: '\\sinh', cosh: '\\cosh', tanh: '\\tanh', coth: '\\coth', asin: '\\arcsin', acos: '\\arccos', atan: '\\arctan',
  max: '\\max', min: '\\min',
};

type Fn = MathNode & { fn?: { name?: string }; args?: MathNode[] };

/** `\operatorname{name}` with `_` escaped (catalogue ids such as leaky_relu). */
function op(name: string): string {
  return `\\operatorname{${name.replace(/_/g, '\\_')}}`;
}

function call(name: string, a: readonly string[]): string {
  const [u = '', v = ''] = a;
  const paren = (s: string) => `\\left(${s}\\right)`;
  switch (name) {
    case 'sqrt': return `\\sqrt{${u}}`;
    case 'cbrt': return `\\sqrt[3]{${u}}`;
    case 'abs': return `\\left|${u}\\right|`;
    case 'floor': return `\\left\\lfloor ${u}\\right\\rfloor`;
    case 'ceil': return `\\left\\lceil ${u}\\right\\rceil`;
    case 'square': return `{${paren(u)}}^{2}`;
    case 'cube': return `{${paren(u)}}^{3}`;
    case 'pow': return `{${paren(u)}}^{${v}}`;
    case 'log': return a.length > 1 ? `\\log_{${v}}${paren(u)}` : `\\ln${paren(u)}`;
    case 'log2': return `\\log_{2}${paren(u)}`;
    case 'log10': return `\\log_{10}${paren(u)}`;
    case 'log1p': return `\\ln${paren(`1+${u}`)}`;
    case 'expm1': return paren(`e^{${u}}-1`);
    default: return `${NAMED[name] ?? op(name)}${paren(a.join(', '))}`;
  }
}

/** LaTeX of `node`; linear in its size. */
export function toTex(node: MathNode): string {
  const handler = (n: MathNode, options: object): string | undefined => {
    const f = n as Fn;
    const name = n.type === 'FunctionNode' ? f.fn?.name : undefined;
    if (!name) return undefined;
    return call(name, (f.args ?? []).map((arg) => arg.toTex(options)));
  };
  return node.toTex({ handler });
}
