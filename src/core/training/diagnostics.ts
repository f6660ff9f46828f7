/**
 * Per-layer diagnostics of a training run (results file `runs[].diagnostics`): gradient and
 * weight norms from every optimiser step, and the pre-activations z of each hidden layer on
 * a fixed probe batch of validation images at the end of every epoch. The per-step values
 * ride on the step's one stats read (see `trainStep`); the probe costs one forward pass and
 * one read per epoch.
 *
 * Definitions (units: the network's own; fractions in [0, 1]):
 * - gradNorm: ||dC/dK||_2 of the raw (unclipped) kernel gradient, mean over the epoch's batches;
 * - gradGlobalNorm: sqrt(sum over every variable of ||dC/dv||^2), the "global norm" of
 *   `tf.clip_by_global_norm` (TensorFlow API docs; Pascanu et al. 2013, "On the difficulty
 *   of training recurrent neural networks", sec. 3.2), mean over batches;
 * - clippedFraction: components with |g| > clipvalue over all components of all batches
 *   (Keras `clipvalue` clips exactly those);
 * - weightNorm: ||K||_2 at the epoch's end; updateRatio: ||K_after - K_before|| / ||K_before||
 *   per step, mean over batches (the update/weight ratio of Karpathy's CS231n notes,
 *   "Neural Networks Part 3: ratio of weights:updates", ~1e-3 is healthy);
 * - dead: a unit (conv: channel) whose f'(z) is exactly 0 for every probe image and
 *   position (Lu et al. 2019, "Dying ReLU and initialization", arXiv:1903.06733);
 * - saturated: (image, unit) pairs (conv: every output position is a unit) with
 *   0 < |f'(z)| < 1% of the largest |f'| of the activation. Exact zeros are the "off" side of
 *   the ReLU family, which is not saturation (Krizhevsky et al. 2012 call ReLU
 *   "non-saturating"); they make dead units instead.
 * f' is the derivative the network trains with: tfjs autodiff of the layer's own op.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerDiagnostics, RunDiagnostics } from './types';

/** Fixed histogram edges of z: -8 to 8 in steps of 0.25 (64 bins), the same for every run. */
export const Z_EDGES: readonly number[] = Array.from({ length: 65 }, (_, k) => -8 + k * 0.25);

/** Images in the probe batch (the first of the test split), fewer when the split is smaller. */
export const PROBE_SAMPLES = 128;

/** Saturated: |f'(z)| below this share of the activation's largest |f'|. */
export const SATURATION_SHARE = 0.01;

/** The grid on which the largest |f'| is searched: z in [-8, 8], 16,001 points (step 0.001). */
const MAX_DERIVATIVE_GRID = { from: -8, to: 8, points: 16_001 } as const;

/** A hidden layer with an activation: its pre-activation layer, the activation layer, the kernel. */
export interface HiddenLayer {
  readonly name: string;
  readonly kind: 'conv' | 'dense';
  readonly units: number;
  /** Position of the pre-activation layer in `model.layers`. */
  readonly index: number;
  readonly activation: tf.layers.Layer;
  /** Name of the kernel variable (the key of the `variableGrads` map). */
  readonly kernelName: string;
  readonly kernel: tf.Variable;
}

/**
 * The layers of a sequential model that are followed by an activation layer (class name
 * `ActivationLabActivation`, ./layers.ts) and hold a kernel: conv1, conv2 and dense1 of the
 * comparison CNN.
 * @throws Error when such a layer has no kernel (not a Conv2D or Dense).
 */
export function hiddenLayers(model: tf.Sequential): HiddenLayer[] {
  const out: HiddenLayer[] = [];
  model.layers.forEach((layer, i) => {
    const next = model.layers[i + 1];
    if (!next || next.getClassName() !== 'ActivationLabActivation') return;
    const kv = layer.trainableWeights.find((w) => w.originalName.endsWith('/kernel'));
    if (!kv) throw new Error(`layer ${layer.name} before an activation has no kernel`);
    const kernel = kv.read() as tf.Variable;
    const kind = layer.getClassName() === 'Conv2D' ? 'conv' : 'dense';
    const units = kv.shape[kv.shape.length - 1]!;
    out.push({ name: layer.name, kind, units, index: i, activation: next, kernelName: kernel.name, kernel });
  });
  return out;
}

/** Values per batch that {@link gradientScalars} and {@link updateScalars} put after the step's own. */
export function batchScalarCount(layers: readonly HiddenLayer[]): number {
  return 2 + 3 * layers.length;
}

/**
 * From the raw gradients of one step: [sum of squares over every variable, count of
 * components with |g| > clip, then ||dC/dK||^2 per hidden layer], float32 [2 + L].
 */
export function gradientScalars(grads: tf.NamedTensorMap, layers: readonly HiddenLayer[], clip: number): tf.Tensor1D {
  return tf.tidy(() => {
    const all = Object.values(grads);
    const ss = tf.addN(all.map((g) => tf.sum(tf.square(g))));
    const clipped = tf.addN(all.map((g) => tf.sum(tf.cast(tf.greater(tf.abs(g), clip), 'float32'))));
    const perLayer = layers.map((l) => tf.sum(tf.square(grads[l.kernelName]!)));
    return tf.stack([ss, clipped, ...perLayer]) as tf.Tensor1D;
  });
}

/** Copies of the kernels before a step (the update ratio needs them). */
export function kernelsBefore(layers: readonly HiddenLayer[]): tf.Tensor[] {
  return layers.map((l) => tf.clone(l.kernel));
}

/** After the step: [||K_after - K_before||^2 per layer, then ||K_before||^2 per layer], float32 [2L]. */
export function updateScalars(layers: readonly HiddenLayer[], before: readonly tf.Tensor[]): tf.Tensor1D {
  return tf.tidy(() => {
    const dw = layers.map((l, i) => tf.sum(tf.square(tf.sub(l.kernel, before[i]!))));
    const w = before.map((b) => tf.sum(tf.square(b)));
    return tf.stack([...dw, ...w]) as tf.Tensor1D;
  });
}

/** Sum of the entries of a variable map's tensors' sizes (all gradient components of one step). */
export function componentCount(vars: readonly tf.Variable[]): number {
  return vars.reduce((n, v) => n + v.size, 0);
}

/**
 * Largest |f'(z)| of an activation layer on z in [-8, 8] (16,001 points), by tfjs autodiff of
 * its op: 1 for ReLU, 1/4 for sigmoid, lambda*alpha = 1.758 for SELU (at z -> 0-).
 */
export async function maxDerivative(activation: tf.layers.Layer): Promise<number> {
  const m = tf.tidy(() => {
    const z = tf.linspace(MAX_DERIVATIVE_GRID.from, MAX_DERIVATIVE_GRID.to, MAX_DERIVATIVE_GRID.points);
    return tf.max(tf.abs(derivative(activation, z)));
  });
  const v = (await m.data())[0]!;
  m.dispose();
  return v;
}

/** f'(z) element-wise: the gradient of sum(f(z)), f the layer's element-wise op. */
function derivative(activation: tf.layers.Layer, z: tf.Tensor): tf.Tensor {
  return tf.grad((x: tf.Tensor) => tf.sum(activation.apply(x) as tf.Tensor))(z);
}

/** One hidden layer on the probe batch, read back: z and |f'(z)| (same shape, units last). */
export interface ProbeLayer {
  readonly z: Float32Array;
  readonly dAbs: Float32Array;
  /** Units (conv: channels): the last axis of z. */
  readonly units: number;
  /** ||K||_2 at the time of the probe. */
  readonly weightNorm: number;
}

/**
 * Runs the probe batch through the model (inference: dropout off) and reads back, per hidden
 * layer, its pre-activations z, |f'(z)| and ||K||_2 (reads in parallel; tensors disposed).
 */
export async function runProbe(model: tf.Sequential, layers: readonly HiddenLayer[], probe: tf.Tensor): Promise<ProbeLayer[]> {
  const parts = tf.tidy(() => {
    const zs = new Map<number, tf.Tensor>();
    let x = probe;
    const last = Math.max(...layers.map((l) => l.index));
    for (let i = 0; i <= last; i++) {
      x = model.layers[i]!.apply(x, { training: false }) as tf.Tensor;
      zs.set(i, x);
    }
    return layers.flatMap((l) => {
      const z = zs.get(l.index)!;
      return [z, tf.abs(derivative(l.activation, z)), tf.norm(l.kernel)];
    });
  });
  try {
    const data = await Promise.all(parts.map((t) => t.data() as Promise<Float32Array>));
    return layers.map((l, k) => ({ z: data[3 * k]!, dAbs: data[3 * k + 1]!, units: l.units, weightNorm: data[3 * k + 2]![0]! }));
  } finally {
    tf.dispose(parts);
  }
}

/** What the probe says about one layer in one epoch. */
export interface ProbeSummary {
  readonly mean: number;
  /** Population standard deviation (divisor n, numpy's `np.std` default). */
  readonly std: number;
  readonly deadFraction: number;
  readonly saturatedFraction: number;
  /** Counts per bin of `edges` (values beyond the end edges go into the end bins). */
  readonly counts: number[];
}

/**
 * Statistics of one layer's probe values (definitions in the module comment), in float64.
 * `threshold`: saturated below it (SATURATION_SHARE times the activation's largest |f'|).
 * Bins: z in [edges[k], edges[k+1]) counts in bin k; edges evenly spaced.
 */
export function summarizeProbe(p: Pick<ProbeLayer, 'z' | 'dAbs' | 'units'>, threshold: number, edges: readonly number[] = Z_EDGES): ProbeSummary {
  const n = p.z.length, U = p.units;
  const bins = edges.length - 1;
  const lo = edges[0]!, width = (edges[bins]! - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  const alive = new Uint8Array(U);
  let sum = 0, saturated = 0;
  // Units are the last axis: element i belongs to unit i mod U.
  for (let base = 0; base < n; base += U) {
    for (let u = 0; u < U; u++) {
      const z = p.z[base + u]!, d = p.dAbs[base + u]!;
      sum += z;
      if (d > 0) {
        alive[u] = 1;
        if (d < threshold) saturated++;
      }
      const k = Math.floor((z - lo) / width);
      counts[k < 0 ? 0 : k >= bins ? bins - 1 : k]!++;
    }
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (p.z[i]! - mean) ** 2;
  const dead = U - alive.reduce((a, b) => a + b, 0);
  return { mean, std: Math.sqrt(ss / n), deadFraction: dead / U, saturatedFraction: saturated / n, counts };
}

/** Sums of one epoch's per-batch values. */
interface EpochSums {
  batches: number;
  global: number;
  clipped: number;
  grad: number[];
  ratio: number[];
}

/**
 * Collects a run's diagnostics: `addBatch` with each step's values (from the stats read),
 * `endEpoch` with the probe's values; `result` is the `diagnostics` of the results file.
 */
export class DiagnosticsRecorder {
  private sums: EpochSums;
  private readonly out: RunDiagnostics;

  /**
   * @param layers the model's hidden layers ({@link hiddenLayers}).
   * @param components gradient components per step (every trainable variable).
   * @param probeSamples images in the probe batch.
   */
  constructor(private readonly layers: readonly HiddenLayer[], private readonly components: number, probeSamples: number) {
    this.sums = this.zero();
    this.out = {
      probeSamples,
      gradGlobalNorm: [],
      clippedFraction: [],
      layers: layers.map((l): LayerDiagnostics => ({
        name: l.name, kind: l.kind, units: l.units,
        gradNorm: [], weightNorm: [], updateRatio: [], deadFraction: [], saturatedFraction: [],
        z: { mean: [], std: [] }, histogram: { edges: [...Z_EDGES], counts: [] },
      })),
    };
  }

  private zero(): EpochSums {
    return { batches: 0, global: 0, clipped: 0, grad: this.layers.map(() => 0), ratio: this.layers.map(() => 0) };
  }

  /** One step's values: `v` = gradientScalars then updateScalars (2 + 3L numbers). */
  addBatch(v: ArrayLike<number>): void {
    const L = this.layers.length;
    const s = this.sums;
    s.batches++;
    s.global += Math.sqrt(v[0]!);
    s.clipped += v[1]!;
    for (let l = 0; l < L; l++) {
      s.grad[l]! += Math.sqrt(v[2 + l]!);
      const w = Math.sqrt(v[2 + 2 * L + l]!);
      s.ratio[l]! += w > 0 ? Math.sqrt(v[2 + L + l]!) / w : NaN;
    }
  }

  /**
   * Closes an epoch with the probe ({@link runProbe}); `thresholds[l]` is layer l's
   * saturation threshold.
   */
  endEpoch(probe: readonly ProbeLayer[], thresholds: readonly number[]): void {
    const s = this.sums;
    const n = s.batches;
    this.out.gradGlobalNorm.push(s.global / n);
    this.out.clippedFraction.push(s.clipped / (n * this.components));
    this.out.layers.forEach((d, l) => {
      const p = summarizeProbe(probe[l]!, thresholds[l]!);
      d.gradNorm.push(s.grad[l]! / n);
      d.updateRatio.push(s.ratio[l]! / n);
      d.weightNorm.push(probe[l]!.weightNorm);
      d.z.mean.push(p.mean);
      d.z.std.push(p.std);
      d.deadFraction.push(p.deadFraction);
      d.saturatedFraction.push(p.saturatedFraction);
      d.histogram.counts.push(p.counts);
    });
    this.sums = this.zero();
  }

  /** The diagnostics so far (a copy). */
  result(): RunDiagnostics {
    return structuredClone(this.out);
  }
}
