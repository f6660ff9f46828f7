/**
 * Gradient clipping as Keras 3 does it in `BaseOptimizer._clip_gradients`
 * (keras/optimizers/base_optimizer.py, keras-team/keras):
 *
 * - `clipvalue=c`: every component clipped to [-c, c] (`ops.clip(g, -v, v)`); the seed's
 *   `Adam(clipvalue=0.5)`. Changes the direction of the gradient.
 * - `global_clipnorm=c`: `clip_by_global_norm`: n = sqrt(sum of all g^2) over every
 *   variable, every gradient times `c * min(1/n, 1/c)` (so unchanged when n <= c, scaled by
 *   c/n otherwise; NaN when n is not finite). Keeps the direction. PyTorch's
 *   `clip_grad_norm_` is this one (with c/(n + 1e-6)).
 * - `clipnorm=c`: `_clip_by_norm` applied to each variable separately:
 *   g * c / max(||g||, c). One norm per variable, so the relative sizes of different
 *   layers' gradients change: the known trap when porting `clipnorm` as if it were global.
 *
 * In this chain each layer j has two scalar variables (w_j, b_j). "Per-layer norm" here
 * groups them: one norm sqrt(dC/dw_j^2 + dC/db_j^2) per layer, the analogue of one Keras
 * Dense kernel. (With Keras' literal per-variable grouping, a scalar variable's norm is
 * |g|, and clipnorm would coincide with clipvalue.)
 */

/** Clipping method, named after the Keras optimizer argument in the comment. */
export type ClipMethod = 'none' | 'value' | 'globalNorm' | 'layerNorm';

/** A clipping choice; `threshold` c > 0 (ignored for 'none'). */
export interface ClipSpec {
  readonly method: ClipMethod;
  readonly threshold: number;
}

/** The Keras / PyTorch call for each method, for labels. */
export const CLIP_LIBRARY_NAMES: Readonly<Record<ClipMethod, string>> = {
  none: 'no clipping',
  value: 'by value: Keras clipvalue, torch.nn.utils.clip_grad_value_',
  globalNorm: 'by global norm: Keras global_clipnorm, torch.nn.utils.clip_grad_norm_',
  layerNorm: 'per-layer norm: one norm per layer (w_j, b_j), like Keras clipnorm (which is per variable)',
};

/** Per-layer gradients before or after clipping (arrays of length L). */
export interface LayerGrads {
  readonly dw: readonly number[];
  readonly db: readonly number[];
}

/** Clipped gradients with the numbers that show what clipping did. */
export interface ClipResult extends LayerGrads {
  /** ||g|| over all dC/dw and dC/db, before and after. */
  readonly globalNormBefore: number;
  readonly globalNormAfter: number;
  /** sqrt(dw_j^2 + db_j^2) per layer, before and after. */
  readonly layerNormsBefore: readonly number[];
  readonly layerNormsAfter: readonly number[];
  /** Cosine between the raw and the clipped gradient vectors: 1 = same direction. */
  readonly cosine: number;
  /** Number of components that clipping changed. */
  readonly changed: number;
}

/**
 * Euclidean norm of a list, scaled by the largest magnitude first so that it does not
 * overflow while every component is finite (sqrt(sum g^2) would overflow above ~1e154).
 */
export function norm2(values: readonly number[]): number {
  let m = 0;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    m = Math.max(m, Math.abs(v));
  }
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (const v of values) s += (v / m) ** 2;
  if (Number.isNaN(s)) return NaN;
  return m * Math.sqrt(s);
}

function scaleAll(g: LayerGrads, scale: (j: number) => number): LayerGrads {
  return { dw: g.dw.map((v, j) => v * scale(j)), db: g.db.map((v, j) => v * scale(j)) };
}

/** Applies the method alone (no statistics). @throws RangeError when c <= 0 or not finite. */
function clipOnly(g: LayerGrads, spec: ClipSpec): LayerGrads {
  if (spec.method === 'none') return g;
  const c = spec.threshold;
  if (!(c > 0) || !Number.isFinite(c)) throw new RangeError(`clipping threshold must be a finite number > 0, got ${c}`);
  switch (spec.method) {
    case 'value': {
      const clip = (v: number) => Math.min(c, Math.max(-c, v));
      return { dw: g.dw.map(clip), db: g.db.map(clip) };
    }
    case 'globalNorm': {
      const n = norm2([...g.dw, ...g.db]);
      const s = c * Math.min(1 / n, 1 / c) + (n - n);
      return scaleAll(g, () => s);
    }
    case 'layerNorm': {
      const s = g.dw.map((w, j) => c / Math.max(norm2([w, g.db[j]!]), c));
      return scaleAll(g, (j) => s[j]!);
    }
  }
}

/**
 * Clips the raw gradients of a chain and reports before/after norms, the cosine between
 * raw and clipped vectors, and how many components changed.
 * @param raw dC/dw_j and dC/db_j per layer (length L each).
 * @throws RangeError when the threshold is not a finite number > 0.
 */
export function clipGradients(raw: LayerGrads, spec: ClipSpec): ClipResult {
  const out = clipOnly(raw, spec);
  const before = [...raw.dw, ...raw.db];
  const after = [...out.dw, ...out.db];
  const nb = norm2(before);
  const na = norm2(after);
  let dot = 0;
  for (let i = 0; i < before.length; i++) dot += (before[i]! / (nb || 1)) * (after[i]! / (na || 1));
  return {
    dw: out.dw,
    db: out.db,
    globalNormBefore: nb,
    globalNormAfter: na,
    layerNormsBefore: raw.dw.map((w, j) => norm2([w, raw.db[j]!])),
    layerNormsAfter: out.dw.map((w, j) => norm2([w, out.db[j]!])),
    // Rounding can push the sum of unit-vector products past 1 (1.0000000000000002); acos needs [-1, 1].
    cosine: nb === 0 || na === 0 ? 1 : Math.max(-1, Math.min(1, dot)),
    changed: before.filter((v, i) => v !== after[i]).length,
  };
}
