/**
 * Custom tfjs layers for the comparison CNN: an activation layer for any tfjs op, and
 * dropout layers whose masks are seeded per call (tfjs's own Dropout with a `seed` draws
 * the same mask on every batch), including AlphaDropout for SELU networks.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActivationFn } from './activationOps';
import { SELU_ALPHA, SELU_LAMBDA } from '../activations/defs/expLinearFamily';
import { dropoutMask } from './dropoutMask';

type Kwargs = Record<string, unknown>;

function one(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(inputs) ? inputs[0]! : inputs;
}

/** Applies an element-wise `ActivationFn`; output shape = input shape. */
export class ActivationLayer extends tf.layers.Layer {
  static readonly className = 'ActivationLabActivation';
  constructor(private readonly fn: ActivationFn, name: string) {
    super({ name });
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => this.fn(one(inputs)));
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig() };
  }
}

/**
 * A counter-based seed stream: call k of a layer built with seed s uses seed s + k * 7919,
 * so runs repeat exactly and successive batches get different masks.
 */
abstract class SeededNoiseLayer extends tf.layers.Layer {
  private calls = 0;
  constructor(readonly rate: number, private readonly seed: number, name: string) {
    super({ name });
    if (!(rate >= 0 && rate < 1)) throw new RangeError(`${name}: dropout rate ${rate} is not in [0, 1)`);
  }
  /**
   * Mask of `shape`: `keep` where kept (Bernoulli(1 - rate)), 0 where dropped, from this
   * layer's seed stream; drawn in JS (dropoutMask.ts), so the same on every backend.
   */
  protected keepMask(shape: number[], keep: number): tf.Tensor {
    const n = shape.reduce((a, b) => a * b, 1);
    return tf.tensor(dropoutMask(this.seed + 7919 * this.calls++, n, this.rate, keep), shape, 'float32');
  }
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = one(inputs);
    if (kwargs['training'] !== true || this.rate === 0) return tf.clone(x);
    return tf.tidy(() => this.drop(x));
  }
  protected abstract drop(x: tf.Tensor): tf.Tensor;
}

/** Inverted dropout (Srivastava et al. 2014): x * mask / (1 - rate) in training, identity otherwise. */
export class SeededDropout extends SeededNoiseLayer {
  static readonly className = 'ActivationLabDropout';
  protected drop(x: tf.Tensor): tf.Tensor {
    // Kept units are scaled by the float32 of 1 / (1 - rate), as tf.mul with that scalar would.
    return tf.mul(x, this.keepMask(x.shape, Math.fround(1 / (1 - this.rate))));
  }
}

/**
 * AlphaDropout constants for keep probability q = 1 - rate (Klambauer et al. 2017,
 * "Self-Normalizing Neural Networks", sec. "New Dropout Technique"): dropped units are set to
 * alpha' = -lambda * alpha, then y = a * x_dropped + b with
 * a = (q + alpha'^2 q (1 - q))^(-1/2) and b = -a (1 - q) alpha', which keeps zero mean and
 * unit variance of unit-normal inputs. Same as Keras `AlphaDropout`.
 */
export function alphaDropoutConstants(rate: number): { alphaP: number; a: number; b: number } {
  const q = 1 - rate;
  const alphaP = -SELU_LAMBDA * SELU_ALPHA;
  const a = 1 / Math.sqrt(q + alphaP * alphaP * q * (1 - q));
  return { alphaP, a, b: -a * (1 - q) * alphaP };
}

/** AlphaDropout for SELU networks (formulas in `alphaDropoutConstants`); identity outside training. */
export class AlphaDropout extends SeededNoiseLayer {
  static readonly className = 'ActivationLabAlphaDropout';
  protected drop(x: tf.Tensor): tf.Tensor {
    const { alphaP, a, b } = alphaDropoutConstants(this.rate);
    const keep = this.keepMask(x.shape, 1);
    // x * keep + alpha' * (1 - keep), then the affine correction.
    const dropped = tf.add(tf.mul(x, keep), tf.mul(alphaP, tf.sub(1, keep)));
    return tf.add(tf.mul(dropped, a), b);
  }
}
