/**
 * Loss and accuracy as Keras computes them on softmax probabilities (tf.keras backend,
 * `categorical_crossentropy` / `binary_crossentropy` with from_logits=False, epsilon 1e-7).
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from './types';

/** Keras `backend.epsilon()`: probabilities are clipped to [EPS, 1 - EPS] before the log. */
export const EPS = 1e-7;

/**
 * Per-sample loss [n] for one-hot targets y [n, 10] and probabilities p [n, 10].
 * categorical: -sum_k y_k log p_k; binary: -mean_k (y_k log p_k + (1 - y_k) log(1 - p_k)).
 */
export function perSampleLoss(kind: TrainConfig['loss'], y: tf.Tensor, p: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const pc = tf.clipByValue(p, EPS, 1 - EPS);
    if (kind === 'categorical_crossentropy') return tf.neg(tf.sum(tf.mul(y, tf.log(pc)), -1)) as tf.Tensor1D;
    const ll = tf.add(tf.mul(y, tf.log(pc)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, pc))));
    return tf.neg(tf.mean(ll, -1)) as tf.Tensor1D;
  });
}

/**
 * Number of correct predictions (float32 scalar). Keras resolves metrics=['accuracy'] by the
 * loss: categorical -> argmax match; binary -> binary_accuracy, the share of the 10 outputs
 * on the right side of 0.5, times 10 per sample here so that dividing by n gives it.
 */
export function correctCount(kind: TrainConfig['loss'], y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    if (kind === 'categorical_crossentropy') return tf.sum(tf.cast(tf.equal(tf.argMax(y, -1), tf.argMax(p, -1)), 'float32'));
    const hit = tf.cast(tf.equal(y, tf.cast(tf.greater(p, 0.5), 'float32')), 'float32');
    return tf.div(tf.sum(hit), y.shape[1]!) as tf.Scalar;
  });
}

/** Categorical (argmax) correct count whatever the loss: the basis of `testAccuracy`. */
export function argmaxCorrect(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  return correctCount('categorical_crossentropy', y, p);
}
