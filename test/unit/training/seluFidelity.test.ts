/**
 * SELU networks as the SELU paper and Keras set them up (Klambauer et al. 2017):
 * - the CNN's hidden kernels follow Keras `lecun_normal` (truncated normal with variance
 *   exactly 1 / fan_in), where tfjs's own `leCunNormal` gives 0.7737 / fan_in;
 * - tfjs-layers' `alphaDropout` (4.22) sets dropped units to +alpha' and so shifts the mean,
 *   which is why the catalogue warns against it and the CNN uses its own AlphaDropout.
 * Reference numbers from mpmath (30 digits):
 *   variance of N(0, 1) truncated to [-2, 2] = 1 - 4 phi(2) / (2 Phi(2) - 1) = 0.773741303549923...
 *   tfjs alphaDropout mean on N(0, 1), rate 0.25 = 2 a |alpha'| rate = 0.762362792139648...
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../../src/core/training/model';
import { AlphaDropout } from '../../../src/core/training/layers';
import { getActivation } from '../../../src/core/activations/catalogue';

const TRUNCATED_VARIANCE = 0.773741303549923;

function variance(values: Float32Array | Int32Array | Uint8Array): number {
  let s = 0, s2 = 0;
  for (const v of values) { s += v; s2 += v * v; }
  const m = s / values.length;
  return s2 / values.length - m * m;
}

describe('SELU fidelity', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('hidden kernels of the SELU CNN have variance 1 / fan_in (Keras lecun_normal)', () => {
    const model = buildModel({ activation: 'selu', params: {} }, { seed: 3 });
    try {
      const kernel = (name: string) => model.getLayer(name).getWeights()[0]!;
      // dense1: 9216 x 128 = 1.18 M draws, relative standard error of the variance ~0.13 %.
      const dense = kernel('dense1');
      assert.deepEqual(dense.shape, [9216, 128]);
      const vd = variance(dense.dataSync()) * 9216;
      assert.ok(Math.abs(vd - 1) < 0.01, `dense1 variance x fan_in = ${vd}`);
      // conv2: 3 x 3 x 32 x 64 = 18,432 draws (fan_in 288), relative standard error ~1 %.
      const vc = variance(kernel('conv2').dataSync()) * 288;
      assert.ok(Math.abs(vc - 1) < 0.05, `conv2 variance x fan_in = ${vc}`);
      // Truncation at 2 standard deviations, as in Keras: no draw beyond 2 / 0.8796 * sqrt(1 / fan_in).
      const limit = (2 / Math.sqrt(TRUNCATED_VARIANCE)) * Math.sqrt(1 / 9216) * (1 + 1e-6);
      assert.ok(dense.dataSync().every((v) => Math.abs(v) <= limit));
    } finally {
      model.dispose();
    }
  });

  it("tfjs's own leCunNormal draws variance 0.774 / fan_in (why the CNN does not use it)", () => {
    const w = tf.initializers.leCunNormal({ seed: 5 }).apply([9216, 128]);
    const v = variance(w.dataSync()) * 9216;
    w.dispose();
    assert.ok(Math.abs(v - TRUNCATED_VARIANCE) < 0.01, `variance x fan_in = ${v}`);
  });

  it("tf.layers.alphaDropout shifts the mean to 0.76 at rate 0.25; our AlphaDropout keeps 0 (the catalogue's advice)", () => {
    const x = tf.randomNormal([400_000], 0, 1, 'float32', 9);
    const theirs = tf.layers.alphaDropout({ rate: 0.25 }).apply(x, { training: true }) as tf.Tensor;
    const ours = new AlphaDropout(0.25, 13, 'ad').apply(x, { training: true }) as tf.Tensor;
    const mean = (t: tf.Tensor) => tf.tidy(() => tf.mean(t).dataSync()[0]!);
    assert.ok(Math.abs(mean(theirs) - 0.762362792139648) < 0.01, `tfjs alphaDropout mean ${mean(theirs)}`);
    assert.ok(Math.abs(mean(ours)) < 0.01, `our AlphaDropout mean ${mean(ours)}`);
    tf.dispose([x, theirs, ours]);
    const note = getActivation('selu')!.conventions.find((c) => c.library === 'TensorFlow.js')!.note;
    assert.match(note, /alphaDropout.*\+alpha' instead of -alpha'/);
    assert.match(note, /varianceScaling/);
  });
});
