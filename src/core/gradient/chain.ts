/**
 * Forward pass and backpropagation through a chain of L single neurons, the model of
 * Nielsen, "Neural Networks and Deep Learning", ch. 5 ("What's causing the vanishing
 * gradient problem?"), as used by the seed article:
 *
 *   z_j = w_j a_{j-1} + b_j,   a_j = f_j(z_j),   a_0 = x,   C = (a_L - y)^2.
 *
 * Backpropagation (Nielsen ch. 2, equations BP1-BP4 specialised to one neuron per layer):
 *   dC/da_L = 2 (a_L - y)
 *   dC/db_L = f_L'(z_L) dC/da_L
 *   dC/db_j = f_j'(z_j) w_{j+1} dC/db_{j+1}            (j < L)
 *   dC/dw_j = a_{j-1} dC/db_j
 * so dC/db_1 = f_1'(z_1) (w_2 f_2'(z_2)) ... (w_L f_L'(z_L)) dC/da_L (Nielsen's product).
 *
 * All arithmetic is IEEE double. Because 1000 factors of 25 overflow a double (25^1000 is
 * about 1e1398), each |dC/db_j| is also returned as a base-10 logarithm summed in log
 * space, which stays finite where the double overflows to Infinity or underflows to 0.
 */
import type { ActivationDef, Params } from '../activations/types';

/** Largest chain length accepted (the cap, 1 <= L <= 1000). */
export const MAX_LAYERS = 1000;

/** The activation of one layer with resolved parameters. */
export interface LayerActivation {
  readonly def: ActivationDef;
  readonly params: Params;
}

/** A chain to evaluate; `weights`, `biases` and `activations` all have length L. */
export interface ChainSpec {
  readonly weights: readonly number[];
  readonly biases: readonly number[];
  /** Input a_0. */
  readonly x: number;
  /** Target y of the cost C = (a_L - y)^2. */
  readonly y: number;
  readonly activations: readonly LayerActivation[];
}

/** Everything known about layer j (1-based in the text, index j-1 in arrays). */
export interface LayerGradient {
  readonly w: number;
  readonly b: number;
  /** Input of the layer, a_{j-1}. */
  readonly aPrev: number;
  /** Pre-activation z_j = w_j a_{j-1} + b_j. */
  readonly z: number;
  /** Activation a_j = f_j(z_j). */
  readonly a: number;
  /** f_j'(z_j). */
  readonly dadz: number;
  /** w_j f_j'(z_j): the factor this layer contributes to the gradients of layers below. */
  readonly factor: number;
  /** dC/db_j. */
  readonly dCdb: number;
  /** dC/dw_j = a_{j-1} dC/db_j. */
  readonly dCdw: number;
  /** log10 |dC/db_j| summed in log space (-Infinity when a factor is exactly 0). */
  readonly log10AbsDCdb: number;
  /**
   * log10 of the backward gain |dC/db_j| / |dC/da_L| = |f_j'(z_j)| prod_{k>j} |w_k f_k'(z_k)|:
   * how much the chain amplifies or shrinks the output error on its way down to layer j.
   */
  readonly log10Gain: number;
}

/** Result of one forward and backward pass. */
export interface ChainGradients {
  /** C = (a_L - y)^2. */
  readonly cost: number;
  /** dC/da_L = 2 (a_L - y). */
  readonly dCdaL: number;
  readonly layers: readonly LayerGradient[];
}

/**
 * Checks the shape of a chain.
 * @throws RangeError when L is 0 or over MAX_LAYERS, or the list lengths differ.
 */
export function checkChainShape(spec: ChainSpec): void {
  const L = spec.weights.length;
  if (L < 1 || L > MAX_LAYERS) throw new RangeError(`the chain needs 1 to ${MAX_LAYERS} layers, got ${L}`);
  if (spec.biases.length !== L) throw new RangeError(`${L} weights but ${spec.biases.length} biases`);
  if (spec.activations.length !== L) throw new RangeError(`${L} weights but ${spec.activations.length} activations`);
}

/** Forward pass: z_j and a_j for every layer. */
function forward(spec: ChainSpec): { z: number[]; a: number[] } {
  const z: number[] = [];
  const a: number[] = [];
  let prev = spec.x;
  for (let j = 0; j < spec.weights.length; j++) {
    const act = spec.activations[j]!;
    z.push(spec.weights[j]! * prev + spec.biases[j]!);
    prev = act.def.f(z[j]!, act.params);
    a.push(prev);
  }
  return { z, a };
}

/**
 * One forward and backward pass (formulas in the file comment).
 * @param spec chain with L = weights.length layers.
 * @returns cost, dC/da_L and per-layer values (arrays of length L, layer 1 first).
 * @throws RangeError on a bad shape (see checkChainShape).
 */
export function backprop(spec: ChainSpec): ChainGradients {
  checkChainShape(spec);
  const L = spec.weights.length;
  const { z, a } = forward(spec);
  const aL = a[L - 1]!;
  const cost = (aL - spec.y) ** 2;
  const dCdaL = 2 * (aL - spec.y);
  const out: LayerGradient[] = new Array(L);
  let delta = dCdaL; // dC/da_j while walking down
  let logAbove = 0; // log10 prod_{k>j} |w_k f_k'(z_k)|
  const logErr = Math.log10(Math.abs(dCdaL));
  for (let j = L - 1; j >= 0; j--) {
    const act = spec.activations[j]!;
    const w = spec.weights[j]!;
    const dadz = act.def.df(z[j]!, act.params);
    const dCdb = dadz * delta;
    const aPrev = j === 0 ? spec.x : a[j - 1]!;
    const log10Gain = Math.log10(Math.abs(dadz)) + logAbove;
    out[j] = {
      w, b: spec.biases[j]!, aPrev, z: z[j]!, a: a[j]!, dadz, factor: w * dadz,
      dCdb, dCdw: aPrev * dCdb, log10AbsDCdb: logErr + log10Gain, log10Gain,
    };
    delta = w * dCdb;
    logAbove += Math.log10(Math.abs(w)) + Math.log10(Math.abs(dadz));
  }
  return { cost, dCdaL, layers: out };
}

/** Cost C = (a_L - y)^2 of a chain (forward pass only); used for finite differences. */
export function chainCost(spec: ChainSpec): number {
  checkChainShape(spec);
  const { a } = forward(spec);
  return (a[a.length - 1]! - spec.y) ** 2;
}
