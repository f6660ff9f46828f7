/**
 * Verdicts on the gradients of a chain: vanishing, exploding, healthy or dead.
 *
 * The verdict of layer j judges the backward gain G_j = |dC/db_j| / |dC/da_L|
 * = |f_j'(z_j)| prod_{k>j} |w_k f_k'(z_k)| (Nielsen ch. 5's product without its last
 * factor), not |dC/db_j| itself, so a chain is not called "vanishing" merely because a_L is
 * already close to y. A layer is
 * - dead when its activation can die with its parameters (`canDieWith`: the ReLU family,
 *   and leaky ReLU or ELU with alpha = 0) and f'(z_j) = 0
 *   exactly: every gradient below it is multiplied by 0 (the seed's R'(z_3) = 0). The layers
 *   it silences are dead too, with `silencedBy` naming the nearest dead layer above;
 * - vanishing when G_j < vanishingBelow, exploding when G_j > explodingAbove, else healthy.
 * Overall: dead if any layer is dead, else exploding if any layer explodes, else vanishing
 * if any vanishes, else healthy (exploding first: it ends in NaN/Infinity).
 */
import type { ChainGradients, LayerActivation } from './chain';
import { canDieWith } from '../activations/catalogue';

/** One of the four verdicts. */
export type Verdict = 'vanishing' | 'exploding' | 'healthy' | 'dead';

/** Thresholds on the backward gain G_j (settings `activationLab.gradient.*`). */
export interface VerdictThresholds {
  /** G_j below this is vanishing; default 1e-3. */
  readonly vanishingBelow: number;
  /** G_j above this is exploding; default 1e3. */
  readonly explodingAbove: number;
}

/** Defaults of the settings `activationLab.gradient.vanishingBelow` / `explodingAbove`. */
export const DEFAULT_THRESHOLDS: VerdictThresholds = { vanishingBelow: 1e-3, explodingAbove: 1e3 };

/** Verdict on one layer. */
export interface LayerVerdict {
  readonly verdict: Verdict;
  /** log10 G_j (-Infinity when a factor is 0). */
  readonly log10Gain: number;
  /** 1-based index of the dead layer above that zeroes this layer's gradient, if any. */
  readonly silencedBy?: number;
  /** True for a layer whose own f'(z_j) = 0 kills the gradient (ReLU family). */
  readonly isDead: boolean;
}

/** Verdicts on a whole chain. */
export interface ChainVerdict {
  readonly overall: Verdict;
  readonly layers: readonly LayerVerdict[];
  /** 1-based indices of the layers with f'(z_j) = 0 that can die. */
  readonly deadLayers: readonly number[];
  readonly thresholds: VerdictThresholds;
}

/**
 * Checks thresholds: both finite and > 0, vanishingBelow < explodingAbove.
 * @throws RangeError naming the bad threshold.
 */
export function checkThresholds(t: VerdictThresholds): void {
  if (!(t.vanishingBelow > 0) || !Number.isFinite(t.vanishingBelow)) throw new RangeError(`vanishing threshold must be a finite number > 0, got ${t.vanishingBelow}`);
  if (!(t.explodingAbove > 0) || !Number.isFinite(t.explodingAbove)) throw new RangeError(`exploding threshold must be a finite number > 0, got ${t.explodingAbove}`);
  if (t.vanishingBelow >= t.explodingAbove) throw new RangeError(`vanishing threshold ${t.vanishingBelow} must be below exploding threshold ${t.explodingAbove}`);
}

function gainVerdict(log10Gain: number, t: VerdictThresholds): Verdict {
  if (Number.isNaN(log10Gain)) return 'exploding';
  if (log10Gain < Math.log10(t.vanishingBelow)) return 'vanishing';
  if (log10Gain > Math.log10(t.explodingAbove)) return 'exploding';
  return 'healthy';
}

/**
 * Verdicts for every layer and overall (rules in the file comment).
 * @param g result of `backprop`; `activations` the same per-layer activations.
 * @throws RangeError for bad thresholds.
 */
export function judgeChain(g: ChainGradients, activations: readonly LayerActivation[], t: VerdictThresholds = DEFAULT_THRESHOLDS): ChainVerdict {
  checkThresholds(t);
  const L = g.layers.length;
  const dead = g.layers.map((l, j) => canDieWith(activations[j]!.def, activations[j]!.params) && l.dadz === 0);
  const layers: LayerVerdict[] = new Array(L);
  let nearestDeadAbove: number | undefined;
  for (let j = L - 1; j >= 0; j--) {
    const log10Gain = g.layers[j]!.log10Gain;
    if (dead[j]) {
      layers[j] = { verdict: 'dead', log10Gain, isDead: true, ...(nearestDeadAbove ? { silencedBy: nearestDeadAbove } : {}) };
      nearestDeadAbove = j + 1;
    } else if (nearestDeadAbove !== undefined) {
      layers[j] = { verdict: 'dead', log10Gain, isDead: false, silencedBy: nearestDeadAbove };
    } else {
      layers[j] = { verdict: gainVerdict(log10Gain, t), log10Gain, isDead: false };
    }
  }
  const has = (v: Verdict) => layers.some((l) => l.verdict === v);
  const overall: Verdict = has('dead') ? 'dead' : has('exploding') ? 'exploding' : has('vanishing') ? 'vanishing' : 'healthy';
  return { overall, layers, deadLayers: dead.flatMap((d, j) => (d ? [j + 1] : [])), thresholds: t };
}
