/**
 * Gradient Flow speed: one backprop through the longest chain (L = 1000), a long N-step run,
 * and the default depth sweep per activation (the panel runs six in a row on the UI thread,
 * so this is the pause a user sees, divided by six).
 */
import type { BenchRow } from './run';
import { getActivation, resolveParams } from '../src/core/activations/catalogue';
import type { LayerActivation } from '../src/core/gradient/chain';
import { backprop } from '../src/core/gradient/chain';
import { runDescent } from '../src/core/gradient/descent';
import { drawSweepData, sweepOne } from '../src/core/gradient/depthSweep';

function act(id: string): LayerActivation {
  const def = getActivation(id)!;
  return { def, params: resolveParams(def, {}) };
}

function time(fn: () => void, reps: number): number {
  fn();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}

/** Rows: microseconds per backprop, milliseconds per descent run and per sweep activation. */
export async function bench(): Promise<BenchRow[]> {
  const L = 1000;
  const sig = act('sigmoid');
  const spec = { weights: Array(L).fill(100), biases: [-100, ...Array(L - 1).fill(-50)], x: 1, y: 0, activations: Array(L).fill(sig) };
  const bp = time(() => backprop(spec), 200) * 1000;
  const short = { ...spec, weights: spec.weights.slice(0, 100), biases: spec.biases.slice(0, 100), activations: spec.activations.slice(0, 100) };
  const steps = time(() => runDescent({ ...short, weights: Array(100).fill(0.2), biases: Array(100).fill(0) }, 0.5, { method: 'globalNorm', threshold: 1 }, 10_000), 2);
  const sweepSpec = { width: 64, depth: 30, batch: 128, init: 'lecun_normal' as const, seed: 42 };
  const data = drawSweepData(sweepSpec);
  const sweepSelu = time(() => sweepOne(sweepSpec, data, act('selu')), 3);
  const sweepGelu = time(() => sweepOne(sweepSpec, data, act('gelu')), 3);
  return [
    { name: 'backprop, sigmoid chain L = 1000', value: bp, unit: 'µs/call' },
    { name: 'gradient descent 10,000 steps, L = 100, global-norm clip', value: steps, unit: 'ms' },
    { name: 'depth sweep W=64 D=30 B=128, SELU', value: sweepSelu, unit: 'ms' },
    { name: 'depth sweep W=64 D=30 B=128, GELU', value: sweepGelu, unit: 'ms', note: `${(sweepGelu / sweepSelu).toFixed(2)}x SELU (erf cost)` },
  ];
}
