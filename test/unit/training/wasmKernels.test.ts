/**
 * The wasm training kernels (src/core/training/wasmKernels.ts) against tfjs's cpu backend,
 * an independent implementation (plain JS loops) of the same gradients.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../src/cli/compare';

type Pad = 'valid' | 'same';

/** Max |a - b| / max(|b|max, 1e-6): relative to the reference's scale. */
function relErr(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let num = 0, den = 1e-6;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return num / den;
}

/** Values in [-1, 1) from a fixed LCG, identical on every backend (no backend RNG involved). */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

async function convGrads(backend: string, xs: number[], ws: number[], stride: number, pad: Pad): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const x = tf.tensor4d(values(xs.reduce((a, b) => a * b), 1), xs as [number, number, number, number]);
  const w = tf.tensor4d(values(ws.reduce((a, b) => a * b), 2), ws as [number, number, number, number]);
  // A non-uniform upstream gradient: weight each output by a fixed pattern.
  const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
    const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad);
    return tf.sum(tf.mul(y, tf.tensor(values(y.size, 3), y.shape)));
  });
  const [dx, dw] = g([x, w]);
  const out = [(await dx!.data()) as Float32Array, (await dw!.data()) as Float32Array];
  tf.dispose([x, w, dx!, dw!]);
  return out;
}

describe('wasm training kernels vs cpu backend', () => {
  before(async () => {
    await initNodeBackend('wasm');
  });

  const cases: Array<[string, number[], number[], number, Pad]> = [
    ['conv1 of the CNN (28x28x1 -> 32, valid, stride 1)', [4, 28, 28, 1], [3, 3, 1, 32], 1, 'valid'],
    ['conv2 of the CNN (26x26x32 -> 64, valid, stride 1)', [2, 26, 26, 32], [3, 3, 32, 64], 1, 'valid'],
    ['same padding, stride 1, 5x5 filter', [3, 9, 11, 4], [5, 5, 4, 6], 1, 'same'],
    ['valid, stride 2 (rows no output reads are cropped)', [2, 10, 9, 3], [3, 3, 3, 5], 2, 'valid'],
    ['same, stride 2', [2, 9, 10, 3], [3, 3, 3, 4], 2, 'same'],
  ];
  for (const [name, xs, ws, stride, pad] of cases) {
    it(`Conv2DBackpropFilter and Conv2DBackpropInput: ${name}`, async () => {
      const [dxCpu, dwCpu] = await convGrads('cpu', xs, ws, stride, pad);
      const [dxWasm, dwWasm] = await convGrads('wasm', xs, ws, stride, pad);
      assert.ok(relErr(dwWasm!, dwCpu!) < 1e-5, `dW relative error ${relErr(dwWasm!, dwCpu!)}`);
      assert.ok(relErr(dxWasm!, dxCpu!) < 1e-5, `dX relative error ${relErr(dxWasm!, dxCpu!)}`);
    });
  }

  it('registers Conv2DBackpropFilter for wasm, which tfjs-backend-wasm 4.22 lacks', () => {
    assert.ok(tf.getKernel('Conv2DBackpropFilter', 'wasm'));
  });

  for (const [ta, tb] of [[true, false], [false, true], [true, true], [false, false]] as const) {
    it(`BatchMatMul transposeA=${ta} transposeB=${tb} matches cpu`, async () => {
      const run = async (backend: string): Promise<Float32Array> => {
        await tf.setBackend(backend);
        const a = tf.tensor2d(values(6 * 7, 4), ta ? [7, 6] : [6, 7]);
        const b = tf.tensor2d(values(7 * 5, 5), tb ? [5, 7] : [7, 5]);
        const c = tf.matMul(a, b, ta, tb);
        const out = (await c.data()) as Float32Array;
        tf.dispose([a, b, c]);
        return out;
      };
      const ref = await run('cpu');
      assert.ok(relErr(await run('wasm'), ref) < 1e-6);
    });
  }

  it('the kernels leak no tensors or backend memory across a gradient step', async () => {
    await tf.setBackend('wasm');
    await convGrads('wasm', [2, 8, 8, 3], [3, 3, 3, 4], 1, 'valid');
    const before = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    await convGrads('wasm', [2, 8, 8, 3], [3, 3, 3, 4], 1, 'valid');
    assert.equal(tf.memory().numTensors, before);
    assert.equal(tf.memory().numBytes, bytes);
  });
});
