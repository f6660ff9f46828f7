/** Digit sets as tensors on the active tfjs backend: uploaded once, batches sliced there. */
import * as tf from '@tensorflow/tfjs';
import type { DigitSet } from './types';

/** x: [n, rows, cols, 1] float32 in [0, 1] (pixel / 255, as the seed); y: one-hot [n, 10]. */
export interface DeviceDigits {
  readonly x: tf.Tensor4D;
  readonly y: tf.Tensor2D;
  readonly count: number;
  /** The set on the host (labels and pixels for the confusion matrix and the misclassified strip). */
  readonly source: DigitSet;
  dispose(): void;
}

/**
 * Uploads a digit set to the device once (two tensors).
 * @throws RangeError if a label is outside 0..9 or the sizes disagree.
 */
export function uploadDigits(set: DigitSet): DeviceDigits {
  const px = set.rows * set.cols;
  if (set.images.length !== set.count * px || set.labels.length !== set.count) {
    throw new RangeError(`digit set: ${set.count} samples need ${set.count * px} pixels and ${set.count} labels`);
  }
  for (const l of set.labels) if (l > 9) throw new RangeError(`digit set: label ${l} is outside 0..9`);
  const x = tf.tidy(() => tf.div(tf.cast(tf.tensor4d(set.images, [set.count, set.rows, set.cols, 1], 'int32'), 'float32'), 255) as tf.Tensor4D);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(set.labels, 'int32'), 10).toFloat() as tf.Tensor2D);
  return { x, y, count: set.count, source: set, dispose: () => tf.dispose([x, y]) };
}

/** Rows `idx` of x and y, gathered on the device (only the int32 indices are uploaded). */
export function gatherBatch(d: DeviceDigits, idx: Int32Array): { xb: tf.Tensor4D; yb: tf.Tensor2D } {
  return tf.tidy(() => {
    const i = tf.tensor1d(idx, 'int32');
    return { xb: tf.gather(d.x, i) as tf.Tensor4D, yb: tf.gather(d.y, i) as tf.Tensor2D };
  });
}

/** Rows [start, start + size) of x and y, sliced on the device. */
export function sliceBatch(d: DeviceDigits, start: number, size: number): { xb: tf.Tensor4D; yb: tf.Tensor2D } {
  return { xb: tf.slice(d.x, [start, 0, 0, 0], [size, -1, -1, -1]), yb: tf.slice(d.y, [start, 0], [size, -1]) };
}
