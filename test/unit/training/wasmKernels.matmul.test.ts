/**
 * The wasm BatchMatMul, _FusedMatMul, GatherV2, Identity and Cast kernels
 * (src/core/training/wasmKernels.ts) against tfjs's cpu backend. Products: relative error
 * below 1e-5 (reductions of up to 9,216 float32 terms); gathers and copies exact.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../src/cli/compare';
import { assertClose, both, firstDifference, values } from './wasmKernelsCompare';

describe('wasm BatchMatMul and _FusedMatMul vs the cpu backend', () => {
  before(async () => {
    await initNodeBackend('wasm');
  });

  // [M, K, N, transposeA, transposeB, batchA, batchB]; the SIMD gemm takes batch 1 and N % 16 == 0.
  const cases: Array<[string, number, number, number, boolean, boolean, number, number]> = [
    ['dense1 forward of the CNN', 128, 9216, 128, false, false, 1, 1],
    ['dense1 weight gradient (transposeA)', 9216, 128, 128, true, false, 1, 1],
    ['dense1 input gradient (transposeB)', 128, 128, 9216, false, true, 1, 1],
    ['odd rows, both transposed', 7, 33, 48, true, true, 1, 1],
    ['one row', 1, 5, 16, false, false, 1, 1],
    ['10 columns (XNNPACK)', 128, 128, 10, false, false, 1, 1],
    ['10 columns transposed (XNNPACK after transposing)', 13, 128, 10, true, true, 1, 1],
    ['batch 3 (the backend kernel)', 5, 6, 16, false, true, 3, 3],
    ['broadcast batch 1 x 3 (the backend kernel)', 4, 7, 32, true, false, 1, 3],
  ];
  for (const [name, M, K, N, ta, tb, ba, bb] of cases) {
    it(`BatchMatMul: ${name}`, async () => {
      const pairs = await both(() => {
        const a = tf.tensor3d(values(ba * M * K, 1), ta ? [ba, K, M] : [ba, M, K]);
        const b = tf.tensor3d(values(bb * K * N, 2), tb ? [bb, N, K] : [bb, K, N]);
        return tf.matMul(a, b, ta, tb);
      });
      assertClose(pairs, 1e-5);
    });
  }

  for (const [name, activation, bias] of [['bias, no activation (SIMD gemm)', 'linear', true], ['no bias (SIMD gemm)', 'linear', false], ['ReLU (the backend kernel)', 'relu', true]] as const) {
    it(`_FusedMatMul: ${name}`, async () => {
      const pairs = await both(() => tf.fused.matMul({
        a: tf.tensor2d(values(64 * 300, 3), [64, 300]), b: tf.tensor2d(values(300 * 32, 4), [300, 32]),
        bias: bias ? tf.tensor1d(values(32, 5)) : undefined, activation,
      }));
      assertClose(pairs, 1e-5);
    });
  }

  it('gradients of a dense layer (the products of its backward pass)', async () => {
    const pairs = await both(() => {
      const x = tf.tensor2d(values(32 * 200, 6), [32, 200]);
      const w = tf.tensor2d(values(200 * 48, 7), [200, 48]);
      const b = tf.tensor1d(values(48, 8));
      const weight = tf.tensor2d(values(32 * 48, 9), [32, 48]);
      return tf.grads((p: tf.Tensor, q: tf.Tensor, r: tf.Tensor) => tf.sum(tf.mul(tf.fused.matMul({ a: p as tf.Tensor2D, b: q as tf.Tensor2D, bias: r }), weight)))([x, w, b]);
    });
    assertClose(pairs, 1e-5, ['dX', 'dW', 'dBias']);
  });
});

describe('wasm GatherV2, Identity and Cast vs the cpu backend', () => {
  it('GatherV2 of rows (float32 and int32, 2-d indices) is exact', async () => {
    for (const dtype of ['float32', 'int32'] as const) {
      const pairs = await both(() => {
        const x = tf.tensor3d(dtype === 'int32' ? Int32Array.from(values(50 * 12, 1, -99, 99), Math.round) : values(50 * 12, 1), [50, 3, 4], dtype);
        return tf.cast(tf.gather(x, tf.tensor2d([5, 0, 49, 5], [2, 2], 'int32')), 'float32');
      });
      assert.equal(firstDifference(pairs[0]![0], pairs[0]![1]), -1);
    }
  });

  it('GatherV2 along axis 1 (the backend kernel) is exact', async () => {
    const pairs = await both(() => tf.gather(tf.tensor2d(values(6 * 7, 2), [6, 7]), tf.tensor1d([6, 1, 1], 'int32'), 1));
    assert.equal(firstDifference(pairs[0]![0], pairs[0]![1]), -1);
  });

  it('GatherV2 with an index out of range throws, as the backend kernel does', async () => {
    await tf.setBackend('wasm');
    const x = tf.ones([4, 2]);
    const i = tf.tensor1d([1, 4], 'int32');
    assert.throws(() => tf.gather(x, i), /index value 4 is not in \[0, 3\]/);
    tf.dispose([x, i]);
  });

  it('Identity (tf.clone) and Cast to the same dtype share data: values kept after the source is disposed', async () => {
    await tf.setBackend('wasm');
    const start = tf.memory().numBytes;
    const x = tf.tensor1d(values(1000, 3));
    const expected = x.dataSync().slice();
    const [c, k] = [tf.clone(x), tf.cast(x, 'float32')];
    x.dispose();
    assert.equal(firstDifference(c.dataSync(), expected), -1);
    assert.equal(firstDifference(k.dataSync(), expected), -1);
    tf.dispose([c, k]);
    assert.equal(tf.memory().numBytes, start);
  });

  it('Cast between dtypes converts as the cpu backend does (to bool: x != 0, NaN true)', async () => {
    const pairs = await both(() => [
      tf.cast(tf.tensor1d([1.7, -2.2, 0, 3, -0.5], 'float32'), 'int32'),
      tf.cast(tf.tensor1d([0, 2, -1, 256], 'int32'), 'bool'),
      tf.cast(tf.tensor1d([0, -0, 0.5, Number.NaN, -3], 'float32'), 'bool'),
    ].map((t) => tf.cast(t, 'float32')));
    for (const [w, c] of pairs) assert.equal(firstDifference(w, c), -1, `wasm ${Array.from(w)}, cpu ${Array.from(c)}`);
  });
});
