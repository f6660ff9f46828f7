/**
 * The Activation Explorer's persistent state (kept by the webview with `setState`, so it
 * survives hiding and window reloads) and its sanitizer: whatever `getState()` returns (an
 * older version, a hand-edited state) becomes a valid state. Pure.
 */
import { getActivation, resolveParams } from '../../src/core/activations/catalogue';

/** What the explorer remembers. Axis bounds are kept as typed, so a bad entry survives too. */
export interface ExplorerState {
  readonly version: 1;
  /** Catalogue ids in overlay order. */
  readonly selected: readonly string[];
  /** Parameter values by activation id (only those moved away from the defaults need be here). */
  readonly params: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly xMin: string;
  readonly xMax: string;
  /** Blank = fit the data. */
  readonly yMin: string;
  readonly yMax: string;
}

/** The state of a fresh panel, from the `activationLab.explorer.*` settings; unknown ids are dropped. */
export function defaultState(s: { readonly defaultRange: readonly [number, number]; readonly defaultActivations: readonly string[] }): ExplorerState {
  const selected = [...new Set(s.defaultActivations.map((id) => getActivation(id)?.id).filter((id): id is string => !!id))];
  return { version: 1, selected, params: {}, xMin: String(s.defaultRange[0]), xMax: String(s.defaultRange[1]), yMin: '', yMax: '' };
}

function text(x: unknown, fallback: string): string {
  return typeof x === 'string' && x.length <= 40 ? x : fallback;
}

/** Keeps only known ids and in-range parameter values (resolveParams rejects the rest). */
function cleanParams(x: unknown): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  if (typeof x !== 'object' || x === null) return out;
  for (const [id, p] of Object.entries(x)) {
    const def = getActivation(id);
    if (!def || typeof p !== 'object' || p === null) continue;
    const kept: Record<string, number> = {};
    for (const [name, v] of Object.entries(p)) {
      try {
        if (typeof v === 'number') kept[name] = resolveParams(def, { [name]: v })[name]!;
      } catch { /* out of range or unknown: fall back to the default */ }
    }
    out[def.id] = kept;
  }
  return out;
}

/** A valid state from anything (`getState()` output), filling gaps from `fallback`. */
export function sanitizeState(raw: unknown, fallback: ExplorerState): ExplorerState {
  if (typeof raw !== 'object' || raw === null) return fallback;
  const r = raw as Record<string, unknown>;
  const ids = Array.isArray(r.selected) ? r.selected : fallback.selected;
  const selected = [...new Set(ids.map((id) => (typeof id === 'string' ? getActivation(id)?.id : undefined)).filter((id): id is string => !!id))];
  return {
    version: 1,
    selected,
    params: cleanParams(r.params),
    xMin: text(r.xMin, fallback.xMin),
    xMax: text(r.xMax, fallback.xMax),
    yMin: text(r.yMin, ''),
    yMax: text(r.yMax, ''),
  };
}

