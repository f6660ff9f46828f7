/** Upload once, batch on the device: pixel / 255 in float32 (as the seed), one-hot labels, rows kept together. */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { gatherBatch, sliceBatch, uploadDigits } from '../../../src/core/training/deviceData';

const set = { images: Uint8Array.from({ length: 5 * 4 }, (_, i) => (i * 53) % 256), labels: Uint8Array.from([3, 0, 9, 1, 3]), count: 5, rows: 2, cols: 2 };

describe('device data', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('uploads x = pixel / 255 (float32) as [n, rows, cols, 1] and one-hot y [n, 10]', () => {
    const d = uploadDigits(set);
    assert.deepEqual(d.x.shape, [5, 2, 2, 1]);
    assert.deepEqual(Array.from(d.x.dataSync()), Array.from(set.images, (p) => Math.fround(p / 255)));
    assert.deepEqual(Array.from(d.y.argMax(-1).dataSync()), [3, 0, 9, 1, 3]);
    assert.equal(d.y.sum().dataSync()[0], 5);
    d.dispose();
  });

  it('gathers and slices rows with their labels', () => {
    const d = uploadDigits(set);
    const before = tf.memory().numTensors;
    const { xb, yb } = gatherBatch(d, Int32Array.from([4, 2]));
    assert.deepEqual(Array.from(xb.dataSync()), Array.from(set.images.subarray(16, 20), (p) => Math.fround(p / 255)).concat(Array.from(set.images.subarray(8, 12), (p) => Math.fround(p / 255))));
    assert.deepEqual(tf.tidy(() => Array.from(yb.argMax(-1).dataSync())), [3, 9]);
    const s = sliceBatch(d, 1, 3);
    assert.deepEqual(tf.tidy(() => Array.from(s.yb.argMax(-1).dataSync())), [0, 9, 1]);
    tf.dispose([xb, yb, s.xb, s.yb]);
    assert.equal(tf.memory().numTensors, before);
    d.dispose();
  });

  it('rejects a label outside 0..9 and inconsistent sizes', () => {
    assert.throws(() => uploadDigits({ ...set, labels: Uint8Array.from([3, 0, 10, 1, 3]) }), /label 10 is outside 0\.\.9/);
    assert.throws(() => uploadDigits({ ...set, count: 6 }), RangeError);
  });
});
