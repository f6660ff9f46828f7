/**
 * Catalogue activations as differentiable tfjs ops, for the training core (Node and
 * browser). Gradients come from tfjs autodiff of these compositions. Formulas follow the
 * catalogue (src/core/activations/catalogue.ts) and the papers cited per entry.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params } from '../activations/types';
import { getActivation, resolveParams } from '../activations/catalogue';
import { GELU_CUBIC, SQRT_2_OVER_PI } from '../activations/defs/gaussianFamily';

/** An element-wise activation a = f(z) on a tensor of any shape; returns a new tensor. */
export type ActivationFn = (z: tf.Tensor) => tf.Tensor;


function param(p: Params, name: string, fallback: number): number {
  const v = p[name];
  return v === undefined ? fallback : v;
}

/**
 * ELU (Clevert et al. 2016, arXiv:1511.07289) for any alpha, written as relu(z) + alpha * expm1(min(z, 0)):
 * equal to z for z > 0 and alpha (e^z - 1) below. exp only sees min(z, 0), so it never
 * overflows into a NaN gradient, and no comparison op sits on the gradient path (tfjs has no
 * gradient for Greater). tfjs's `tf.layers.elu` rejects alpha != 1, hence this op.
 */
function elu(z: tf.Tensor, alpha: number): tf.Tensor {
  return tf.tidy(() => tf.add(tf.relu(z), tf.mul(alpha, tf.expm1(tf.minimum(z, 0)))));
}

/** CELU (Barron 2017, arXiv:1704.07483): max(0, z) + min(0, alpha (exp(z / alpha) - 1)), same form as `elu`. */
function celu(z: tf.Tensor, alpha: number): tf.Tensor {
  return tf.tidy(() => tf.add(tf.relu(z), tf.mul(alpha, tf.expm1(tf.div(tf.minimum(z, 0), alpha)))));
}

/** h-sigmoid relu6(z + 3) / 6 (Howard et al. 2019, MobileNetV3, arXiv:1905.02244, sec. 5.2). */
function hardSigmoid(z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.div(tf.relu6(tf.add(z, 3)), 6));
}

type OpFactory = (p: Params) => ActivationFn;

const OPS: Readonly<Record<string, OpFactory>> = {
  linear: () => (z) => tf.clone(z),
  sigmoid: () => (z) => tf.sigmoid(z),
  tanh: () => (z) => tf.tanh(z),
  relu: () => (z) => tf.relu(z),
  relu6: () => (z) => tf.relu6(z),
  // Maas et al. 2013, max(z, alpha z); alpha from the catalogue (default 0.2).
  leaky_relu: (p) => (z) => tf.leakyRelu(z, param(p, 'alpha', 0.2)),
  elu: (p) => (z) => elu(z, param(p, 'alpha', 1)),
  celu: (p) => (z) => celu(z, param(p, 'alpha', 1)),
  // lambda * elu(z, alpha) with SELU_ALPHA/SELU_LAMBDA of the catalogue (tf.selu uses the same values in float32).
  selu: () => (z) => tf.selu(z),
  // Exact GELU, z * Phi(z) = 0.5 z (1 + erf(z / sqrt 2)) (Hendrycks & Gimpel 2016, arXiv:1606.08415, sec. 2).
  gelu: () => (z) => tf.tidy(() => tf.mul(tf.mul(0.5, z), tf.add(1, tf.erf(tf.mul(z, Math.SQRT1_2))))),
  // Tanh approximation, same paper: 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))).
  gelu_tanh: () => (z) =>
    tf.tidy(() => {
      const inner = tf.mul(SQRT_2_OVER_PI, tf.add(z, tf.mul(GELU_CUBIC, tf.pow(z, 3))));
      return tf.mul(tf.mul(0.5, z), tf.add(1, tf.tanh(inner)));
    }),
  softplus: () => (z) => tf.softplus(z),
  softsign: () => (z) => tf.tidy(() => tf.div(z, tf.add(1, tf.abs(z)))),
  // Swish / SiLU: z * sigmoid(beta z) (Ramachandran et al. 2017, arXiv:1710.05941; beta = 1 is SiLU).
  swish: (p) => (z) => tf.tidy(() => tf.mul(z, tf.sigmoid(tf.mul(param(p, 'beta', 1), z)))),
  // Mish: z * tanh(softplus(z)) (Misra 2019, arXiv:1908.08681).
  mish: () => (z) => tf.tidy(() => tf.mul(z, tf.tanh(tf.softplus(z)))),
  hard_sigmoid: () => (z) => hardSigmoid(z),
  // Hard swish: z * relu6(z + 3) / 6 (Howard et al. 2019, sec. 5.2).
  hard_swish: () => (z) => tf.tidy(() => tf.mul(z, hardSigmoid(z))),
  exponential: () => (z) => tf.exp(z),
};

/** Ids this module implements as tfjs ops (canonical catalogue ids). */
export const SUPPORTED_ACTIVATIONS: readonly string[] = Object.keys(OPS);

/**
 * The tfjs op for a catalogue id or alias (`silu`, `leaky-relu`, ...) with its parameters;
 * missing parameters take the catalogue defaults (e.g. leaky_relu alpha 0.2).
 * @returns undefined for an id that is not in the catalogue (e.g. a user-defined expression;
 *   pass such an op to the model builder yourself).
 * @throws RangeError from `resolveParams` for an unknown or out-of-range parameter.
 */
export function activationOp(id: string, params: Params): ActivationFn | undefined {
  const def = getActivation(id);
  const factory = def ? OPS[def.id] : undefined;
  return def && factory ? factory(resolveParams(def, params)) : undefined;
}

/** True for SELU: its layers get lecun_normal kernels and AlphaDropout (Klambauer et al. 2017). */
export function isSelu(id: string): boolean {
  return getActivation(id)?.id === 'selu';
}
