/**
 * Weight initialisers as Keras 3 defines them (keras/initializers/random_initializers.py,
 * `VarianceScaling`), for a dense kernel with fan_in inputs and fan_out outputs:
 * - Glorot uniform (Glorot & Bengio 2010, Eq. 16): U(-l, l), l = sqrt(6 / (fan_in + fan_out)),
 *   i.e. VarianceScaling(scale=1, mode='fan_avg', distribution='uniform').
 * - He normal (He et al. 2015, "Delving deep into rectifiers", Eq. 10): variance 2 / fan_in,
 *   VarianceScaling(scale=2, mode='fan_in', distribution='truncated_normal').
 * - LeCun normal (LeCun et al. 1998, "Efficient BackProp"; the SELU paper's init,
 *   Klambauer et al. 2017): variance 1 / fan_in, VarianceScaling(scale=1, mode='fan_in',
 *   distribution='truncated_normal').
 * Keras' truncated normal re-draws values beyond 2 standard deviations and divides the
 * standard deviation by 0.87962566103423978 (the std of N(0,1) truncated to [-2, 2]) so that
 * the variance after truncation is exactly scale / n.
 */
import type { Rng } from '../data/random';

/** Initialiser ids (Keras string names). */
export type InitName = 'glorot_uniform' | 'he_normal' | 'lecun_normal';

/** Display names with the Keras call. */
export const INIT_LABELS: Readonly<Record<InitName, string>> = {
  glorot_uniform: 'Glorot uniform (keras.initializers.GlorotUniform)',
  he_normal: 'He normal (keras.initializers.HeNormal)',
  lecun_normal: 'LeCun normal (keras.initializers.LecunNormal)',
};

/** Standard deviation of N(0, 1) truncated to [-2, 2] (Keras' constant). */
export const TRUNCATED_STD = 0.87962566103423978;

/** The variance each initialiser targets for a kernel of the given fans. */
function targetVariance(init: InitName, fanIn: number, fanOut: number): number {
  switch (init) {
    case 'glorot_uniform': return 2 / (fanIn + fanOut);
    case 'he_normal': return 2 / fanIn;
    case 'lecun_normal': return 1 / fanIn;
  }
}

function truncatedNormal(rng: Rng, std: number): number {
  for (;;) {
    const z = rng.normal();
    if (z >= -2 && z <= 2) return (z * std) / TRUNCATED_STD;
  }
}

/**
 * A fan_out x fan_in kernel (row i = weights into output unit i), row-major.
 * @throws RangeError when a fan is not a whole number >= 1.
 */
export function initKernel(init: InitName, fanIn: number, fanOut: number, rng: Rng): Float64Array {
  if (!Number.isInteger(fanIn) || fanIn < 1 || !Number.isInteger(fanOut) || fanOut < 1) throw new RangeError(`fans must be whole numbers >= 1, got ${fanIn}, ${fanOut}`);
  const out = new Float64Array(fanIn * fanOut);
  const v = targetVariance(init, fanIn, fanOut);
  if (init === 'glorot_uniform') {
    const limit = Math.sqrt(3 * v);
    for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * limit;
  } else {
    const std = Math.sqrt(v);
    for (let i = 0; i < out.length; i++) out[i] = truncatedNormal(rng, std);
  }
  return out;
}
