/**
 * The Gradient Flow page's persistent state (survives hiding and reloads through
 * `vscodeApi().setState`): every field as typed, so a bad entry survives too, plus the
 * depth-sweep fields. A sanitizer accepts whatever `getState()` returns.
 */
import type { ChainForm } from '../../src/core/gradient/input';
import { vanishingPreset } from '../../src/core/gradient/presets';
import type { InitName } from '../../src/core/gradient/init';
import { vscodeApi } from '../shared/vscodeApi';

/** Depth-sweep fields as typed. */
export interface SweepForm {
  readonly width: string;
  readonly depth: string;
  readonly batch: string;
  readonly seed: string;
  readonly init: InitName;
}

/** What the page remembers. */
export interface GradientState {
  readonly version: 1;
  readonly chain: ChainForm;
  readonly sweep: SweepForm;
  /** L used when a preset is applied. */
  readonly presetLayers: string;
}

const INITS: readonly InitName[] = ['glorot_uniform', 'he_normal', 'lecun_normal'];
const CLIPS = ['none', 'value', 'globalNorm', 'layerNorm'] as const;

/** A fresh page: the small-weight sigmoid preset and a LeCun-normal sweep. */
export function defaultState(width: number, depth: number): GradientState {
  return {
    version: 1,
    chain: { ...vanishingPreset().form, steps: '20' },
    sweep: { width: String(width), depth: String(depth), batch: '128', seed: '42', init: 'lecun_normal' },
    presetLayers: '',
  };
}

function str(x: unknown, fallback: string): string {
  return typeof x === 'string' && x.length <= 20_000 ? x : fallback;
}

function pick<T extends string>(x: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(x as T) ? (x as T) : fallback;
}

/** Keeps what is well-formed in `raw`, the rest from `fallback`. */
export function sanitizeState(raw: unknown, fallback: GradientState): GradientState {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const c = (typeof r.chain === 'object' && r.chain !== null ? r.chain : {}) as Record<string, unknown>;
  const s = (typeof r.sweep === 'object' && r.sweep !== null ? r.sweep : {}) as Record<string, unknown>;
  const f = fallback.chain;
  const chain: ChainForm = {
    weights: str(c.weights, f.weights), biases: str(c.biases, f.biases), input: str(c.input, f.input), target: str(c.target, f.target),
    lr: str(c.lr, f.lr), activations: str(c.activations, f.activations), params: str(c.params, f.params),
    clipMethod: pick(c.clipMethod, CLIPS, f.clipMethod), clipThreshold: str(c.clipThreshold, f.clipThreshold), steps: str(c.steps, f.steps),
  };
  const g = fallback.sweep;
  const sweep: SweepForm = { width: str(s.width, g.width), depth: str(s.depth, g.depth), batch: str(s.batch, g.batch), seed: str(s.seed, g.seed), init: pick(s.init, INITS, g.init) };
  return { version: 1, chain, sweep, presetLayers: str(r.presetLayers, fallback.presetLayers) };
}

/** Reads the saved state (undefined on a fresh page). */
export function loadState(): unknown {
  return (vscodeApi<Record<string, unknown>>().getState() ?? {}).gradient;
}

/** Saves the state under this page's key. */
export function saveState(s: GradientState): void {
  const api = vscodeApi<Record<string, unknown>>();
  api.setState({ ...(api.getState() ?? {}), gradient: s });
}
