/**
 * KaTeX source for the chain-rule product of dC/db_1 with the numbers substituted, in the
 * form of Nielsen, "Neural Networks and Deep Learning", ch. 5, Eq. (122):
 *
 *   dC/db_1 = sigma'(z_1) w_2 sigma'(z_2) w_3 sigma'(z_3) ... w_L sigma'(z_L) dC/da_L
 *
 * with dC/da_L = 2(a_L - y) for this cost. Long chains are truncated in the middle.
 */
import type { ChainGradients, LayerActivation } from './chain';

/** Number of factors shown at each end before the middle is elided. */
const PRODUCT_EDGE = 2;

/** A number as KaTeX: 4 significant digits, `\times 10^{k}` outside [1e-3, 1e4). */
export function texNumber(v: number): string {
  if (Number.isNaN(v)) return '\\text{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e4) return String(Number(v.toPrecision(4)));
  const [m, e] = v.toExponential(3).split('e');
  return `${Number(m)} \\times 10^{${Number(e)}}`;
}

/** Symbol of the derivative: sigma for an all-sigmoid chain, R (the seed's) for all-ReLU, else f_j. */
function symbol(acts: readonly LayerActivation[]): (j: number) => string {
  const ids = new Set(acts.map((a) => a.def.id));
  if (ids.size === 1 && ids.has('sigmoid')) return () => "\\sigma'";
  if (ids.size === 1 && ids.has('relu')) return () => "R'";
  return (j) => `f_{${j}}'`;
}

function wrap(v: number): string {
  const t = texNumber(v);
  return v < 0 || t.includes('\\times') ? `(${t})` : t;
}

/** The result of the product: the double, or its log10 when the double overflowed/underflowed. */
function resultTex(g: ChainGradients): string {
  const first = g.layers[0]!;
  const v = first.dCdb;
  const lg = first.log10AbsDCdb;
  const exact = texNumber(v);
  if (Number.isFinite(v) && (v !== 0 || lg === -Infinity)) return exact;
  if (Number.isFinite(lg)) {
    const note = v === 0 ? '\\text{underflows to } 0' : `\\text{overflows to } ${exact}`;
    return `${exact}\\;\\bigl(|\\cdot| \\approx 10^{${lg.toFixed(1)}},\\ ${note}\\bigr)`;
  }
  return exact;
}

/**
 * Two aligned lines: the symbolic product and the same product with numbers.
 * @param g result of `backprop`; `acts` the per-layer activations; `y` the target.
 * @returns KaTeX source (display mode), using `aligned`.
 */
export function chainProductTex(g: ChainGradients, acts: readonly LayerActivation[], y: number): string {
  const L = g.layers.length;
  const d = symbol(acts);
  const show = (j: number) => L <= 2 * PRODUCT_EDGE + 2 || j <= PRODUCT_EDGE || j > L - PRODUCT_EDGE;
  const sym: string[] = [`${d(1)}(z_1)`];
  const num: string[] = [wrap(g.layers[0]!.dadz)];
  let elided = false;
  for (let j = 2; j <= L; j++) {
    if (!show(j)) {
      if (!elided) {
        const k = L - 2 * PRODUCT_EDGE;
        sym.push('\\cdots');
        num.push(`\\underbrace{\\cdots}_{${k}\\text{ factors}}`);
        elided = true;
      }
      continue;
    }
    const l = g.layers[j - 1]!;
    sym.push(`w_{${j}}\\,${d(j)}(z_{${j}})`);
    num.push(`\\underbrace{${wrap(l.w)} \\cdot ${wrap(l.dadz)}}_{${texNumber(l.factor)}}`);
  }
  const aL = g.layers[L - 1]!.a;
  sym.push(`\\frac{\\partial C}{\\partial a_{${L}}}`);
  num.push(`2\\bigl(${texNumber(aL)} - ${wrap(y)}\\bigr)`);
  return [
    '\\begin{aligned}',
    `\\frac{\\partial C}{\\partial b_1} &= ${sym.join('\\;')} \\\\`,
    `&= ${num.join(' \\cdot ')} \\\\`,
    `&= ${resultTex(g)}`,
    '\\end{aligned}',
  ].join('\n');
}
