/**
 * User-defined expressions (src/core/expression): compile latency (what a keystroke costs in
 * the explorer) and evaluation speed of f + f' by our AD walker relative to the catalogue's
 * closed form of the same function (swish), measured in the same run.
 */
import { getActivation, resolveParams } from '../src/core/activations/catalogue';
import { compileUserActivation } from '../src/core/expression/compile';
import type { BenchRow } from './run';

function timeMs(fn: () => void, reps: number): number {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}

/** Rows: compile ms (symbolic and AD-only expressions), ns per f+f' point, ratio to the catalogue. */
export async function bench(): Promise<BenchRow[]> {
  const compileSym = timeMs(() => compileUserActivation('0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))'), 20);
  const compileAd = timeMs(() => compileUserActivation('max(0, x) + 0.1 * min(0, x) + relu(x) - 0.5 * gelu(x)'), 20);
  const r = compileUserActivation('x * sigmoid(x)');
  if (!r.ok) throw new Error(r.error.message);
  const user = r.def;
  const swish = getActivation('swish')!;
  const p = resolveParams(swish, {});
  const xs = Array.from({ length: 100_000 }, (_, i) => -10 + i * 2e-4);
  let sink = 0;
  for (const x of xs) sink += user.f(x, {}) + user.df(x, {}) + swish.f(x, p) + swish.df(x, p); // JIT warm-up
  const userNs = (timeMs(() => { for (const x of xs) sink += user.f(x, {}) + user.df(x, {}); }, 5) * 1e6) / xs.length;
  const catNs = (timeMs(() => { for (const x of xs) sink += swish.f(x, p) + swish.df(x, p); }, 5) * 1e6) / xs.length;
  if (Number.isNaN(sink)) throw new Error('NaN');
  return [
    { name: 'compile GELU-tanh expression (symbolic f\' by mathjs)', value: compileSym, unit: 'ms' },
    { name: 'compile max/min + catalogue-call expression (AD only)', value: compileAd, unit: 'ms' },
    { name: "x * sigmoid(x): f + f' per point, AD tree walker", value: userNs, unit: 'ns' },
    { name: "swish catalogue closed form: f + f' per point", value: catNs, unit: 'ns' },
    { name: 'AD walker / closed form (same run)', value: userNs / catNs, unit: 'x', note: 'a plot evaluates ~1000 points' },
  ];
}
