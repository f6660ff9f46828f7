/** Shared helpers for the gradient unit tests. */
import { getActivation, resolveParams } from '../../../src/core/activations/catalogue';
import type { ChainSpec, LayerActivation } from '../../../src/core/gradient/chain';

/** Catalogue activation with defaults (or the given params); throws if missing. */
export function act(id: string, params: Record<string, number> = {}): LayerActivation {
  const def = getActivation(id);
  if (!def) throw new Error(`catalogue has no ${id}`);
  return { def, params: resolveParams(def, params) };
}

/** A chain with one activation id per layer. */
export function chain(ids: readonly string[], w: readonly number[], b: readonly number[], x: number, y: number): ChainSpec {
  return { weights: w, biases: b, x, y, activations: ids.map((id) => act(id)) };
}

/** |a - b| <= tol * max(1, |b|). */
export function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}
