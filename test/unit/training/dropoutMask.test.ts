/**
 * dropoutMask (src/core/training/dropoutMask.ts) draws exactly the masks tfjs's own
 * `tf.randomUniform(shape, 0, 1, 'float32', seed)` thresholded at the rate gives (tfjs-core's
 * seedrandom Alea is the reference), so the dropout layers keep their seeded streams.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { dropoutMask } from '../../../src/core/training/dropoutMask';

describe('dropoutMask', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  const cases: Array<[number, number, number]> = [[4292, 100_000, 0.25], [0, 1000, 0.5], [123456789012, 5000, 0.1], [1.5, 777, 0.9], [-17, 300, 0.05]];
  for (const [seed, n, rate] of cases) {
    it(`seed ${seed}, ${n} values, rate ${rate}: every element equals tf.randomUniform >= rate, scaled`, () => {
      const keep = Math.fround(1 / (1 - rate));
      const ref = tf.tidy(() => tf.mul(tf.cast(tf.greaterEqual(tf.randomUniform([n], 0, 1, 'float32', seed), rate), 'float32'), keep).dataSync());
      const got = dropoutMask(seed, n, rate, keep);
      const i = got.findIndex((v, k) => !Object.is(v, ref[k]));
      assert.equal(i, -1, `element ${i}: ${got[i]} vs ${ref[i]}`);
    });
  }

  it('keeps a share 1 - rate of the elements', () => {
    const m = dropoutMask(7, 200_000, 0.25, 1);
    const kept = m.reduce((a, v) => a + v, 0) / m.length;
    assert.ok(Math.abs(kept - 0.75) < 0.005, `kept ${kept}`);
  });
});
