/**
 * Depth sweep: how gradient norms and activation statistics evolve through a deep MLP, for
 * several activations at once (the same seeded weights for each).
 *
 * Network: D dense layers of width W, no skip connections, biases 0 (the Keras Dense
 * default), the same activation f after every layer:
 *   H_0 = X,  Z_l = H_{l-1} K_l^T,  H_l = f(Z_l),   l = 1..D
 * with X a B x W batch of N(0, 1) inputs and K_l (W x W) drawn by `initKernel` from one
 * seeded stream (kernels first, then X, then targets).
 *
 * Loss: mean squared error against a batch of N(0, 1) targets Y (B x W), averaged over all
 * B*W entries as Keras `MeanSquaredError` does:
 *   C = 1/(B W) sum_{b,i} (H_D[b,i] - Y[b,i])^2.
 * Gradient per layer: the Frobenius norm ||dC/dK_l||_F of the kernel gradient, by
 * backpropagation: G_D = 2 (H_D - Y)/(B W), dZ_l = G_l * f'(Z_l) (elementwise),
 * dC/dK_l = dZ_l^T H_{l-1}, G_{l-1} = dZ_l K_l.
 * Activation statistics per layer: mean and (population) variance of all B*W entries of H_l.
 * Self-normalising networks (Klambauer et al. 2017, Theorem 1) predict mean 0, variance 1
 * for SELU with LeCun normal weights.
 */
import type { LayerActivation } from './chain';
import { initKernel, type InitName } from './init';
import { makeRng } from '../data/random';

/** Limits that keep one sweep under about a second per activation. */
const SWEEP_LIMITS = { maxWidth: 512, maxDepth: 200, maxBatch: 1024, maxWork: 50_000_000 } as const;

/** One sweep. */
export interface DepthSweepSpec {
  readonly width: number;
  readonly depth: number;
  readonly batch: number;
  readonly init: InitName;
  readonly seed: number;
  /** One series per entry (e.g. the seed's six activations). */
  readonly activations: readonly LayerActivation[];
}

/** Result for one activation; arrays indexed by layer l-1 (length <= D). */
export interface DepthSeries {
  readonly id: string;
  readonly name: string;
  /** ||dC/dK_l||_F. */
  readonly gradNorm: readonly number[];
  readonly mean: readonly number[];
  readonly variance: readonly number[];
  /** Set when a value overflowed (the arrays then stop at the last finite layer). */
  readonly stopped?: string;
}

/** A bad sweep size, with the input(s) to mark: one field, or width, depth and batch for B W^2 D. */
export class SweepRangeError extends RangeError {
  constructor(message: string, readonly fields: ReadonlyArray<'width' | 'depth' | 'batch' | 'seed'>) {
    super(message);
    this.name = 'SweepRangeError';
  }
}

/**
 * Checks sizes: whole numbers, W <= 512, D <= 200, B <= 1024, B W^2 D <= 5e7.
 * @throws SweepRangeError naming the bad size (and listing its field in `fields`).
 */
export function checkSweep(s: Omit<DepthSweepSpec, 'activations'>): void {
  const whole = (v: number, field: 'width' | 'depth' | 'batch', name: string, max: number) => {
    if (!Number.isInteger(v) || v < 1 || v > max) throw new SweepRangeError(`${name} must be a whole number from 1 to ${max}, got ${v}`, [field]);
  };
  whole(s.width, 'width', 'width W', SWEEP_LIMITS.maxWidth);
  whole(s.depth, 'depth', 'depth D', SWEEP_LIMITS.maxDepth);
  whole(s.batch, 'batch', 'batch B', SWEEP_LIMITS.maxBatch);
  if (!Number.isInteger(s.seed)) throw new SweepRangeError(`seed must be a whole number, got ${s.seed}`, ['seed']);
  const work = s.batch * s.width * s.width * s.depth;
  if (work > SWEEP_LIMITS.maxWork) throw new SweepRangeError(`B·W²·D = ${work.toExponential(2)} is over the limit ${SWEEP_LIMITS.maxWork.toExponential(0)}: reduce width, depth or batch`, ['width', 'depth', 'batch']);
}

/** Kernels, inputs and targets drawn once per spec (shared by every activation). */
export interface SweepData {
  readonly kernels: readonly Float64Array[];
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** Draws the kernels, X and Y for `spec` (order in the file comment). */
export function drawSweepData(spec: Omit<DepthSweepSpec, 'activations'>): SweepData {
  checkSweep(spec);
  const rng = makeRng(spec.seed);
  const kernels = Array.from({ length: spec.depth }, () => initKernel(spec.init, spec.width, spec.width, rng));
  const n = spec.batch * spec.width;
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, () => rng.normal());
  return { kernels, x, y };
}

function stats(h: Float64Array): { mean: number; variance: number } {
  let s = 0;
  for (const v of h) s += v;
  const mean = s / h.length;
  let q = 0;
  for (const v of h) q += (v - mean) ** 2;
  return { mean, variance: q / h.length };
}

/** Z = H K^T for H (B x W) and K (W x W, row i = weights into unit i). */
function matmulT(h: Float64Array, k: Float64Array, B: number, W: number): Float64Array {
  const z = new Float64Array(B * W);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < W; i++) {
      let s = 0;
      for (let j = 0; j < W; j++) s += h[b * W + j]! * k[i * W + j]!;
      z[b * W + i] = s;
    }
  }
  return z;
}

/** Backward through one layer: returns ||dC/dK||_F and G_{l-1}. */
function backLayer(g: Float64Array, z: Float64Array, hPrev: Float64Array, k: Float64Array, act: LayerActivation, B: number, W: number): { norm: number; gPrev: Float64Array } {
  const dz = new Float64Array(B * W);
  for (let i = 0; i < dz.length; i++) dz[i] = g[i]! * act.def.df(z[i]!, act.params);
  let sq = 0;
  for (let i = 0; i < W; i++) {
    for (let j = 0; j < W; j++) {
      let s = 0;
      for (let b = 0; b < B; b++) s += dz[b * W + i]! * hPrev[b * W + j]!;
      sq += s * s;
    }
  }
  const gPrev = new Float64Array(B * W);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < W; i++) {
      const d = dz[b * W + i]!;
      if (d === 0) continue;
      for (let j = 0; j < W; j++) gPrev[b * W + j]! += d * k[i * W + j]!;
    }
  }
  return { norm: Math.sqrt(sq), gPrev };
}

/**
 * Runs the network of the file comment for one activation on pre-drawn data.
 * @returns per-layer gradient norms and activation statistics; `stopped` when a value
 *   became NaN/Infinity (arrays then cover the layers before it).
 */
export function sweepOne(spec: Omit<DepthSweepSpec, 'activations'>, data: SweepData, act: LayerActivation): DepthSeries {
  const { batch: B, width: W, depth: D } = spec;
  const hs: Float64Array[] = [data.x];
  const zs: Float64Array[] = [];
  const mean: number[] = [];
  const variance: number[] = [];
  for (let l = 0; l < D; l++) {
    const z = matmulT(hs[l]!, data.kernels[l]!, B, W);
    const h = z.map((v) => act.def.f(v, act.params));
    const st = stats(h);
    if (!Number.isFinite(st.variance)) {
      return { id: act.def.id, name: act.def.name, gradNorm: [], mean, variance, stopped: `activations overflowed at layer ${l + 1}` };
    }
    zs.push(z);
    hs.push(h);
    mean.push(st.mean);
    variance.push(st.variance);
  }
  const gradNorm: number[] = new Array(D);
  let g: Float64Array = hs[D]!.map((v, i) => (2 * (v - data.y[i]!)) / (B * W));
  for (let l = D - 1; l >= 0; l--) {
    const r = backLayer(g, zs[l]!, hs[l]!, data.kernels[l]!, act, B, W);
    gradNorm[l] = r.norm;
    g = r.gPrev;
  }
  return { id: act.def.id, name: act.def.name, gradNorm, mean, variance };
}

/** Runs every activation of `spec` on the same seeded data. @throws RangeError (checkSweep). */
export function depthSweep(spec: DepthSweepSpec): DepthSeries[] {
  const data = drawSweepData(spec);
  return spec.activations.map((a) => sweepOne(spec, data, a));
}
