/**
 * Regression tests for the wasm MaxPoolGrad replacement (src/core/training/wasmPoolSum.ts,
 * registered by registerWasmTrainingKernels): hand-worked windows (negative values, ties,
 * overlapping windows, NaN) on the plain-JS path (1 channel) and the SIMD path (4 channels),
 * and the cpu backend's kernel on the CNN's pooling shape. tfjs-backend-wasm 4.22's own kernel
 * fails the negative-window cases (it starts each window's maximum at FLT_MIN).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../src/cli/compare';

/** dX of sum(maxPool(x) * dy) on `backend` for a [1, h, w, channels] image. */
async function poolGrad(backend: string, x: number[], hw: [number, number], dy: number[], filter: number, stride: number, pad: 'valid' | 'same' = 'valid', channels = 1): Promise<number[]> {
  await tf.setBackend(backend);
  const g = tf.grad((t: tf.Tensor) => {
    const y = tf.maxPool(t as tf.Tensor4D, filter, stride, pad);
    return tf.sum(tf.mul(y, tf.tensor(dy, y.shape)));
  })(tf.tensor4d(x, [1, hw[0], hw[1], channels]));
  const out = Array.from(await g.data());
  g.dispose();
  return out;
}

describe('wasm MaxPoolGrad (replacement kernel)', () => {
  before(async () => {
    await initNodeBackend('wasm');
  });

  it('gives each 2x2 window\'s dy to its maximum, also in windows of negative values', async () => {
    // Windows: [0, .99 | .49, .8] -> .99; [-.26, -.93 | -.7, -.62] -> -.26; [.86, .4 | 1, -.11] -> 1; [-.96, -.15 | -.97, .36] -> .36.
    const x = [0, 0.99, -0.26, -0.93, 0.49, 0.8, -0.7, -0.62, 0.86, 0.4, -0.96, -0.15, 1, -0.11, -0.97, 0.36];
    const want = [0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 4];
    assert.deepEqual(await poolGrad('wasm', x, [4, 4], [1, 2, 3, 4], 2, 2), want);
    // The same image shifted by -5: every window is negative, the maxima stay where they were.
    assert.deepEqual(await poolGrad('wasm', x.map((v) => v - 5), [4, 4], [1, 2, 3, 4], 2, 2), want);
    assert.deepEqual(await poolGrad('cpu', x.map((v) => v - 5), [4, 4], [1, 2, 3, 4], 2, 2), want);
  });

  it('gives a tie to the first maximum in row-major order, and all-zero windows (ReLU) to their first element', async () => {
    assert.deepEqual(await poolGrad('wasm', [2, 2, 1, 2], [2, 2], [5], 2, 2), [5, 0, 0, 0]);
    assert.deepEqual(await poolGrad('wasm', [0, 0, 0, 0, 0, 0, 0, 0], [2, 4], [3, 7], 2, 2), [3, 0, 7, 0, 0, 0, 0, 0]);
  });

  it('sums dy over overlapping windows (stride 1) that share a maximum', async () => {
    // 9 is the maximum of all four 2x2 windows of the 3x3 image: dX there is 1 + 2 + 3 + 4.
    assert.deepEqual(await poolGrad('wasm', [1, 1, 1, 1, 9, 1, 1, 1, 1], [3, 3], [1, 2, 3, 4], 2, 1), [0, 0, 0, 0, 10, 0, 0, 0, 0]);
  });

  it('never picks NaN; a window of only NaN passes no gradient (as the cpu backend), on 1 and 4 channels', async () => {
    // Windows: [NaN, -3 | -4, -2] -> -2 (index 5); [NaN, NaN | NaN, NaN] -> none.
    const x = [NaN, -3, NaN, NaN, -4, -2, NaN, NaN];
    const want = [0, 0, 0, 0, 0, 1, 0, 0];
    assert.deepEqual(await poolGrad('wasm', x, [2, 4], [1, 1], 2, 2), want);
    assert.deepEqual(await poolGrad('cpu', x, [2, 4], [1, 1], 2, 2), want);
    const four = (v: number[]): number[] => v.flatMap((e) => [e, e, e, e]);
    assert.deepEqual(await poolGrad('wasm', four(x), [2, 4], four([1, 1]), 2, 2, 'valid', 4), four(want));
  });

  it('equals the cpu backend bit for bit on the CNN\'s pooling ([2, 24, 24, 64], 2x2, stride 2) and on same-padded stride-2 3x3 pooling', async () => {
    const run = async (backend: string, shape: [number, number, number, number], filter: number, pad: 'valid' | 'same'): Promise<Float32Array> => {
      await tf.setBackend(backend);
      // Negative values, exact zeros (ReLU-like) and ties, from a fixed formula (no backend RNG).
      const n = shape.reduce((a, b) => a * b);
      const v = Float32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : Math.round(Math.sin(i * 0.37) * 8) / 4 - 0.5));
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, filter, 2, pad), 1.5)))(tf.tensor4d(v, shape));
      const out = (await g.data()) as Float32Array;
      g.dispose();
      return out;
    };
    for (const [shape, filter, pad] of [[[2, 24, 24, 64], 2, 'valid'], [[2, 7, 9, 3], 3, 'same']] as const) {
      const cpu = await run('cpu', [...shape], filter, pad);
      const wasm = await run('wasm', [...shape], filter, pad);
      assert.deepEqual(wasm, cpu, `${JSON.stringify(shape)} ${filter}x${filter} ${pad}`);
    }
  });
});
