/**
 * The activation catalogue: every built-in activation with closed-form f and f', formulas,
 * provenance and library conventions, plus look-up and parameter validation. Pure: no vscode,
 * no DOM. Entries live in `defs/*.ts`, grouped by family.
 */
import type { ActivationDef, Params } from './types';
import { CELU, ELU, SELU } from './defs/expLinearFamily';
import { GELU, GELU_TANH } from './defs/gaussianFamily';
import { LEAKY_RELU, RELU, RELU6 } from './defs/reluFamily';
import { HARD_SWISH, MISH, SWISH } from './defs/selfGatedFamily';
import { HARD_SIGMOID, SIGMOID, SOFTSIGN, TANH } from './defs/sigmoidFamily';
import { EXPONENTIAL, LINEAR, SOFTPLUS } from './defs/simpleFamily';

/** Every built-in activation, in display order (Keras-style lowercase ids, unique). */
export const CATALOGUE: readonly ActivationDef[] = Object.freeze([
  SIGMOID, TANH, RELU, LEAKY_RELU, ELU, SELU, GELU, GELU_TANH, SOFTPLUS,
  SOFTSIGN, SWISH, MISH, HARD_SIGMOID, HARD_SWISH, RELU6, CELU, LINEAR, EXPONENTIAL,
]);

const BY_ID: ReadonlyMap<string, ActivationDef> = new Map(
  CATALOGUE.flatMap((d) => [d.id, ...d.aliases].map((k) => [k, d] as const)),
);

/**
 * Finds an entry by id or alias (`silu` -> swish), case-insensitively; surrounding
 * whitespace and `-` in place of `_` are accepted (`leaky-relu`).
 * @returns the entry, or `undefined` when nothing matches.
 */
export function getActivation(idOrAlias: string): ActivationDef | undefined {
  return BY_ID.get(idOrAlias.trim().toLowerCase().replace(/-/g, '_'));
}

/**
 * Complete, validated parameters for `def`: every parameter of the entry, taking the value
 * from `partial` where given and the catalogue default otherwise.
 * @param partial parameter values by name (may be empty); unknown names are rejected.
 * @throws RangeError naming the parameter when it is unknown to `def`, not finite, or
 *   outside the inclusive range [min, max] of its ParamSpec.
 */
export function resolveParams(def: ActivationDef, partial: Readonly<Record<string, number>>): Params {
  const out: Record<string, number> = {};
  for (const name of Object.keys(partial)) {
    if (!def.params.some((p) => p.name === name)) {
      const known = def.params.map((p) => p.name).join(', ') || 'none';
      throw new RangeError(`${def.id} has no parameter '${name}' (parameters: ${known})`);
    }
  }
  for (const spec of def.params) {
    const v = Object.prototype.hasOwnProperty.call(partial, spec.name) ? partial[spec.name]! : spec.default;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${def.id}: parameter '${spec.name}' must be a finite number, got ${String(v)}`);
    }
    if (v < spec.min || v > spec.max) {
      throw new RangeError(`${def.id}: parameter '${spec.name}' = ${v} is outside [${spec.min}, ${spec.max}]`);
    }
    out[spec.name] = v;
  }
  return Object.freeze(out);
}

/** Points of each half-line probed for a derivative that is exactly 0 there ({@link canDieWith}). */
export const FLAT_PROBES: readonly (readonly number[])[] = [[-5, -10, -20, -50, -100], [5, 10, 20, 50, 100]];

/**
 * Whether `def` with these parameters can die: a unit whose z stays on one half-line gets
 * f'(z) = 0 there and passes no gradient. True for the entries marked `canDie` (ReLU, ReLU6,
 * hard sigmoid, hard swish), and for any other whose f' is exactly 0 at every probe of a
 * half-line with these `params` (leaky ReLU or ELU with alpha = 0 are ReLU).
 * @param params complete parameters (see `resolveParams`).
 */
export function canDieWith(def: ActivationDef, params: Params): boolean {
  return def.canDie || FLAT_PROBES.some((zs) => zs.every((z) => def.df(z, params) === 0));
}
