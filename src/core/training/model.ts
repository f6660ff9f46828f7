/**
 * The seed's CNN, corrected (issue 4): Conv2D 32 3x3 -> Conv2D 64 3x3 -> MaxPool 2x2 ->
 * Dropout 0.25 -> Flatten -> Dense 128 -> Dropout 0.5 -> Dense 10 softmax, the chosen
 * activation after every hidden layer. Keras defaults otherwise (glorot_uniform kernels,
 * zero biases, 'valid' padding); SELU gets Keras's lecun_normal and AlphaDropout as in the seed.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActivationChoice } from './types';
import type { ActivationFn } from './activationOps';
import { activationOp, isSelu } from './activationOps';
import { ActivationLayer, AlphaDropout, SeededDropout } from './layers';
import { TRUNCATED_STD } from '../gradient/init';

/** Options for `buildModel`. */
export interface ModelOptions {
  /** Seeds every initialiser and dropout mask (integer). */
  readonly seed: number;
  /** Image size, default 28 x 28 x 1. */
  readonly inputShape?: readonly [number, number, number];
  /**
   * Op for an activation this module cannot resolve (a user-defined expression, issue 7).
   * Consulted before the catalogue ops when it returns a function.
   */
  readonly resolveOp?: (choice: ActivationChoice) => ActivationFn | undefined;
}

/**
 * Resolves the activation op for a choice.
 * @throws RangeError naming the activation when neither `resolveOp` nor the catalogue ops know it.
 */
export function resolveActivation(choice: ActivationChoice, resolveOp?: ModelOptions['resolveOp']): ActivationFn {
  const fn = resolveOp?.(choice) ?? activationOp(choice.activation, choice.params);
  if (!fn) throw new RangeError(`unknown activation '${choice.activation}'`);
  return fn;
}

/**
 * Keras `lecun_normal` (keras/initializers/random_initializers.py, VarianceScaling with
 * scale 1, mode 'fan_in', distribution 'truncated_normal'): a normal truncated to 2 standard
 * deviations whose stddev is sqrt(1 / fan_in) / 0.87962566103423978, so the drawn variance is
 * exactly 1 / fan_in (LeCun et al. 1998; the SELU paper's init, Klambauer et al. 2017).
 * tfjs's `leCunNormal` truncates without that correction (variance 0.774 / fan_in); its
 * VarianceScaling 'normal' draws the same truncated normal, so scaling `scale` by
 * 1 / 0.8796^2 gives Keras's initialiser. Draws in JS from `seed` (backend-independent).
 */
export function kerasLecunNormal(seed: number): ReturnType<typeof tf.initializers.varianceScaling> {
  return tf.initializers.varianceScaling({ scale: 1 / TRUNCATED_STD ** 2, mode: 'fanIn', distribution: 'normal', seed });
}

/**
 * Builds (uncompiled) the comparison CNN for one activation: input [batch, 28, 28, 1]
 * float32 in [0, 1], output [batch, 10] softmax probabilities.
 * @throws RangeError for an unknown activation.
 */
export function buildModel(choice: ActivationChoice, opts: ModelOptions): tf.Sequential {
  const fn = resolveActivation(choice, opts.resolveOp);
  const selu = isSelu(choice.activation);
  let k = 0;
  // Hidden kernels: lecun_normal for SELU, else Keras's glorot_uniform; output always glorot_uniform.
  const init = (hidden = true): ReturnType<typeof tf.initializers.glorotUniform> => {
    const seed = opts.seed * 101 + ++k;
    return selu && hidden ? kerasLecunNormal(seed) : tf.initializers.glorotUniform({ seed });
  };
  const act = (name: string): tf.layers.Layer => new ActivationLayer(fn, `${name}_${choice.activation}`);
  const drop = (rate: number, name: string): tf.layers.Layer =>
    selu ? new AlphaDropout(rate, opts.seed * 101 + 50 + ++k, name) : new SeededDropout(rate, opts.seed * 101 + 50 + ++k, name);
  const model = tf.sequential();
  const inputShape = [...(opts.inputShape ?? [28, 28, 1])];
  model.add(tf.layers.conv2d({ inputShape, filters: 32, kernelSize: 3, kernelInitializer: init(), name: 'conv1' }));
  model.add(act('act1'));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, kernelInitializer: init(), name: 'conv2' }));
  model.add(act('act2'));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }));
  model.add(drop(0.25, 'dropout1'));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ units: 128, kernelInitializer: init(), name: 'dense1' }));
  model.add(act('act3'));
  model.add(drop(0.5, 'dropout2'));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(false), name: 'output' }));
  return model;
}
