/**
 * One training step of the comparison CNN (src/core/training/model.ts) with every wasm
 * training kernel in play, against tfjs's cpu backend: the same initial weights and dropout
 * masks (both drawn in JS from the seed), the same batch of real digits; the loss and the
 * gradient of every weight agree to a relative error below 1e-4 (float32 through six layers).
 * tanh puts negative values into the max-pool windows, which the wasm backend's own
 * MaxPoolGrad got wrong.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../src/cli/compare';
import { DEFAULT_CONFIG } from '../../../src/core/training/comparison';
import { perSampleLoss } from '../../../src/core/training/lossMetrics';
import { buildModel } from '../../../src/core/training/model';
import type { DigitSet } from '../../../src/core/training/types';
import { bundledDigits } from './fixtures';
import { relErr } from './wasmKernelsCompare';

const BATCH = 2;

/** [loss, ...gradients in trainableWeights order] of one training-mode batch on `backend`. */
async function stepGradients(backend: string, activation: string, digits: DigitSet): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const model = buildModel({ activation, params: {} }, { seed: 42 });
  const px = digits.rows * digits.cols;
  const xb = tf.tensor4d(Float32Array.from(digits.images.subarray(0, BATCH * px), (v) => v / 255), [BATCH, digits.rows, digits.cols, 1]);
  const yb = tf.oneHot(tf.tensor1d(Array.from(digits.labels.subarray(0, BATCH)), 'int32'), 10).toFloat();
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tf.mean(perSampleLoss(DEFAULT_CONFIG.loss, yb, model.apply(xb, { training: true }) as tf.Tensor)) as tf.Scalar, vars);
  const out = [Float32Array.from(await value.data()), ...(await Promise.all(vars.map(async (v) => Float32Array.from(await grads[v.name]!.data()))))];
  tf.dispose([xb, yb, value, ...Object.values(grads)]);
  model.dispose();
  return out;
}

describe('one CNN training step: wasm kernels vs the cpu backend', () => {
  let digits: DigitSet;
  before(async () => {
    await initNodeBackend('wasm');
    digits = await bundledDigits();
  });

  for (const activation of ['relu', 'tanh']) {
    it(`${activation}: loss and all eight weight gradients within 1e-4`, async () => {
      const cpu = await stepGradients('cpu', activation, digits);
      const wasm = await stepGradients('wasm', activation, digits);
      const names = ['loss', 'conv1 kernel', 'conv1 bias', 'conv2 kernel', 'conv2 bias', 'dense1 kernel', 'dense1 bias', 'output kernel', 'output bias'];
      assert.equal(wasm.length, names.length);
      wasm.forEach((w, i) => {
        const e = relErr(w, cpu[i]!);
        assert.ok(e < 1e-4, `${names[i]}: relative error ${e.toExponential(2)}`);
      });
    });
  }
});
