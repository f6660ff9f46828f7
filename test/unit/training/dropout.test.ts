/**
 * AlphaDropout keeps zero mean and unit variance of standard-normal inputs (the defining
 * property, Klambauer et al. 2017, "New Dropout Technique"); inverted dropout keeps the mean.
 * Both are identity outside training and reproducible from their seed.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { AlphaDropout, SeededDropout, alphaDropoutConstants } from '../../../src/core/training/layers';

const N = 400_000;

function moments(t: tf.Tensor): { mean: number; variance: number } {
  const { mean, variance } = tf.moments(t);
  const out = { mean: mean.dataSync()[0]!, variance: variance.dataSync()[0]! };
  tf.dispose([mean, variance]);
  return out;
}

describe('AlphaDropout', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  for (const rate of [0.05, 0.25, 0.5]) {
    it(`rate ${rate}: output of N(0,1) input has mean 0 and variance 1 (n = ${N})`, () => {
      const x = tf.randomNormal([N], 0, 1, 'float32', 7);
      const layer = new AlphaDropout(rate, 11, 'ad');
      const y = layer.apply(x, { training: true }) as tf.Tensor;
      const m = moments(y);
      // Standard errors: mean 1/sqrt(N) = 0.0016; variance about 0.003. Allow ~5 sigma.
      assert.ok(Math.abs(m.mean) < 0.01, `mean ${m.mean}`);
      assert.ok(Math.abs(m.variance - 1) < 0.015, `variance ${m.variance}`);
      // Dropped units all sit at a * alpha' + b; their share is the rate.
      const { alphaP, a, b } = alphaDropoutConstants(rate);
      const droppedValue = Math.fround(Math.fround(alphaP) * Math.fround(a) + Math.fround(b));
      const share = tf.tidy(() => tf.mean(tf.cast(tf.less(tf.abs(tf.sub(y, droppedValue)), 1e-5), 'float32')).dataSync()[0]!);
      assert.ok(Math.abs(share - rate) < 0.005, `dropped share ${share}`);
      tf.dispose([x, y]);
    });
  }

  it("alpha' = -lambda * alpha = -1.7580993408473768599402175208123 (Klambauer et al. 2017)", () => {
    assert.ok(Math.abs(alphaDropoutConstants(0.1).alphaP - -1.7580993408473768599402175208123) < 1e-15);
  });

  it('is the identity outside training', () => {
    const x = tf.randomNormal([1000], 0, 1, 'float32', 3);
    const y = new AlphaDropout(0.5, 1, 'ad').apply(x, { training: false }) as tf.Tensor;
    assert.deepEqual(y.dataSync(), x.dataSync());
    tf.dispose([x, y]);
  });
});

describe('SeededDropout', () => {
  it('zeroes a share `rate` of units and scales the rest by 1/(1 - rate), keeping the mean', () => {
    const x = tf.ones([N]);
    const y = new SeededDropout(0.25, 5, 'd').apply(x, { training: true }) as tf.Tensor;
    const v = y.dataSync();
    const zeros = v.filter((e) => e === 0).length / N;
    assert.ok(Math.abs(zeros - 0.25) < 0.005, `zero share ${zeros}`);
    assert.ok(v.every((e) => e === 0 || Math.abs(e - 4 / 3) < 1e-6));
    assert.ok(Math.abs(moments(y).mean - 1) < 0.01);
    tf.dispose([x, y]);
  });

  it('repeats with the same seed, and draws a new mask on every call', () => {
    const x = tf.ones([256]);
    const a = new SeededDropout(0.5, 9, 'a');
    const b = new SeededDropout(0.5, 9, 'b');
    const [a1, a2, b1] = [a.apply(x, { training: true }), a.apply(x, { training: true }), b.apply(x, { training: true })] as tf.Tensor[];
    assert.deepEqual(a1!.dataSync(), b1!.dataSync());
    assert.notDeepEqual(a1!.dataSync(), a2!.dataSync());
    tf.dispose([x, a1!, a2!, b1!]);
  });

  it('rejects a rate outside [0, 1)', () => {
    assert.throws(() => new SeededDropout(1, 1, 'd'), RangeError);
  });
});
