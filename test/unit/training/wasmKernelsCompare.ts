/**
 * Helpers for the wasm training kernel tests: inputs identical on every backend, and the
 * comparison with tfjs's cpu backend (an independent implementation of the same ops in plain
 * JS, float64 accumulation), which is the reference throughout.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';

/** Values in [lo, hi) from a fixed LCG, identical on every backend (no backend RNG involved). */
export function values(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + (hi - lo) * (s / 2 ** 32);
  }
  return out;
}

/** Max |a - b| / max(max |b|, 1e-6): the error relative to the reference's scale. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, 'sizes differ');
  let num = 0, den = 1e-6;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    num = Number.isNaN(d) ? (Number.isNaN(a[i]!) && Number.isNaN(b[i]!) ? num : Infinity) : Math.max(num, d);
    den = Math.max(den, Math.abs(b[i]!));
  }
  return num / den;
}

/** Index of the first element that is not the same float32 (NaN equals NaN), or -1. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, 'sizes differ');
  for (let i = 0; i < a.length; i++) if (!(a[i] === b[i] || (Number.isNaN(a[i]!) && Number.isNaN(b[i]!)))) return i;
  return -1;
}

/** Runs `f` on `backend` and returns its outputs' values (tensors disposed). */
export async function on(backend: string, f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(f);
  const list = Array.isArray(outs) ? outs : [outs];
  const vals = await Promise.all(list.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose(list);
  return vals;
}

/** `f` on cpu and on wasm: [wasm, cpu] values per output. */
export async function both(f: () => tf.Tensor | tf.Tensor[]): Promise<Array<[Float32Array, Float32Array]>> {
  const cpu = await on('cpu', f);
  const wasm = await on('wasm', f);
  return wasm.map((w, i) => [w, cpu[i]!]);
}

/** Asserts each output's relative error (relErr) is below `bound`. */
export function assertClose(pairs: Array<[Float32Array, Float32Array]>, bound: number, names: string[] = []): void {
  pairs.forEach(([w, c], i) => {
    const e = relErr(w, c);
    assert.ok(e < bound, `${names[i] ?? `output ${i}`}: relative error ${e.toExponential(2)} >= ${bound}`);
  });
}
