/**
 * The wasm MaxPoolGrad and Sum kernels (src/core/training/wasmPoolSum.ts) against tfjs's cpu
 * backend. MaxPoolGrad must agree exactly (every float32 equal): the gradient of each window
 * goes to its first strict maximum in row-major order, as the cpu backend decides, including
 * ties, the all-zero windows ReLU makes, and windows of -Infinity or NaN. Sum over leading
 * axes accumulates in float64 like the cpu backend: relative error below 1e-6.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../src/cli/compare';
import { assertClose, both, firstDifference, values } from './wasmKernelsCompare';

type Pad = 'valid' | 'same' | number;

/** dX of sum(maxPool(x) * pattern) for x from `make`. */
function poolGrad(make: () => tf.Tensor4D, filter: number, stride: number, pad: Pad): () => tf.Tensor {
  return () => {
    const x = make();
    const y = tf.maxPool(x, filter, stride, pad);
    const weight = tf.tensor(values(y.size, 11), y.shape);
    return tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, filter, stride, pad), weight)))(x);
  };
}

/** Values from a few levels (0, 1, 2), so most windows hold ties. */
const levels = (shape: [number, number, number, number], seed: number): tf.Tensor4D =>
  tf.tensor4d(Float32Array.from(values(shape.reduce((a, b) => a * b), seed, 0, 3), Math.floor), shape);

/** ReLU of uniform values: about half zeros, so many windows are all zero. */
const reluOf = (shape: [number, number, number, number], seed: number): tf.Tensor4D =>
  tf.relu(tf.tensor4d(values(shape.reduce((a, b) => a * b), seed), shape));

async function assertSameGrad(f: () => tf.Tensor): Promise<void> {
  const [[w, c]] = (await both(f)) as [[Float32Array, Float32Array]];
  const i = firstDifference(w, c);
  assert.equal(i, -1, `element ${i}: wasm ${w[i]}, cpu ${c[i]}`);
}

describe('wasm MaxPoolGrad vs the cpu backend (exact)', () => {
  before(async () => {
    await initNodeBackend('wasm');
  });

  it('2x2 stride 2 after ReLU, the CNN\'s pool (SIMD path): all-zero windows', () =>
    assertSameGrad(poolGrad(() => reluOf([2, 24, 24, 64], 1), 2, 2, 'valid')));
  it('ties from three levels, 4 channels (SIMD path)', () => assertSameGrad(poolGrad(() => levels([3, 8, 8, 4], 2), 2, 2, 'valid')));
  it('ties, 3 channels (plain-JS path)', () => assertSameGrad(poolGrad(() => levels([3, 8, 8, 3], 3), 2, 2, 'valid')));
  it('odd sizes with same padding: partial windows (SIMD path)', () => assertSameGrad(poolGrad(() => levels([2, 7, 9, 4], 4), 2, 2, 'same')));
  it('odd sizes, valid: the last row and column belong to no window (SIMD path)', () => assertSameGrad(poolGrad(() => levels([2, 7, 9, 8], 5), 2, 2, 'valid')));
  it('stride 3 over 2x2 windows: gaps between windows (SIMD path)', () => assertSameGrad(poolGrad(() => reluOf([1, 9, 9, 4], 6), 2, 3, 'valid')));
  it('overlapping 3x3 stride 2 windows (plain-JS path)', () => assertSameGrad(poolGrad(() => levels([2, 9, 9, 4], 7), 3, 2, 'valid')));
  it('overlapping 3x3 stride 1, same padding, batch 1, 1 channel (plain-JS path)', () => assertSameGrad(poolGrad(() => levels([1, 6, 6, 1], 8), 3, 1, 'same')));
  it('explicit padding 1 (SIMD path)', () => assertSameGrad(poolGrad(() => levels([2, 6, 6, 4], 9), 2, 2, 1)));
  it('windows of -Infinity get no gradient; NaN never wins (SIMD and plain-JS paths)', async () => {
    for (const channels of [4, 3]) {
      const make = (): tf.Tensor4D => {
        const v = values(2 * 4 * 4 * channels, 10);
        for (let i = 0; i < v.length; i += 5) v[i] = Number.NEGATIVE_INFINITY;
        for (let i = 3; i < v.length; i += 7) v[i] = Number.NaN;
        v.fill(Number.NEGATIVE_INFINITY, 0, 2 * channels);
        v.fill(Number.NEGATIVE_INFINITY, 4 * channels, 6 * channels);
        return tf.tensor4d(v, [2, 4, 4, channels]);
      };
      await assertSameGrad(poolGrad(make, 2, 2, 'valid'));
    }
  });
});

describe('wasm Sum vs the cpu backend (relative error < 1e-6)', () => {
  const cases: Array<[string, number[], number | number[], boolean, tf.DataType?]> = [
    ['conv2 bias gradient [128, 24, 24, 64] over axes 0-2', [128, 24, 24, 64], [0, 1, 2], false],
    ['keepDims', [6, 5, 4, 16], [0, 1, 2], true],
    ['one leading axis, odd sizes', [7, 3, 5], 0, false],
    ['two leading axes given out of order, 3 columns', [4, 5, 3], [1, 0], false],
    ['trailing axes (the backend kernel)', [4, 5, 6, 7], [2, 3], false],
    ['all axes (the backend kernel)', [9, 8], [0, 1], false],
    ['int32 (the backend kernel)', [10, 6], 0, false, 'int32'],
  ];
  for (const [name, shape, axis, keepDims, dtype] of cases) {
    it(name, async () => {
      const n = shape.reduce((a, b) => a * b, 1);
      const pairs = await both(() => {
        const v = dtype === 'int32' ? Int32Array.from(values(n, 12, -50, 50), Math.round) : values(n, 12);
        return tf.cast(tf.sum(tf.tensor(v, shape, dtype ?? 'float32'), axis, keepDims), 'float32');
      });
      assertClose(pairs, 1e-6);
      const shapes = await Promise.all(['cpu', 'wasm'].map(async (b) => {
        await tf.setBackend(b);
        return tf.tidy(() => tf.sum(tf.zeros(shape, dtype ?? 'float32'), axis, keepDims).shape);
      }));
      assert.deepEqual(shapes[1], shapes[0]);
    });
  }
});
