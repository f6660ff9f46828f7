/**
 * The `activationLab.hover.*` and `activationLab.sideView.*` settings, sanitised: each value
 * falls back to its package.json default when missing or invalid (a hand-edited
 * settings.json must never break the hover). Pure: the host passes raw values in.
 */
import type { Strictness } from '../core/recognise/recognise';

/** Typed companion settings. */
export interface CompanionSettings {
  /** Hover on/off per VS Code language id. */
  readonly hoverLanguages: Readonly<Record<string, boolean>>;
  readonly strictness: Strictness;
  /** Plot x-range for the hover image and the side view chart. */
  readonly xMin: number;
  readonly xMax: number;
  /** Side view: follow the cursor (else only the pin / last activation shows). */
  readonly followCursor: boolean;
  /** Side view: delay after the last cursor move before updating, in ms. */
  readonly debounceMs: number;
}

/** The package.json defaults. */
export const COMPANION_DEFAULTS: CompanionSettings = {
  hoverLanguages: { typescript: true, javascript: true, typescriptreact: true, javascriptreact: true, python: true },
  strictness: 'normal',
  xMin: -5,
  xMax: 5,
  followCursor: true,
  debounceMs: 200,
};

/** Raw values as read from the configuration (any type). */
export interface RawCompanionSettings {
  readonly hoverLanguages?: unknown;
  readonly strictness?: unknown;
  readonly xMin?: unknown;
  readonly xMax?: unknown;
  readonly followCursor?: unknown;
  readonly debounceMs?: unknown;
}

function finite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Sanitised settings. The x-range is taken only as a pair with min < max and |x| <= 1000;
 * otherwise both fall back to [-5, 5]. debounceMs is clamped to [0, 2000].
 */
export function sanitizeCompanionSettings(raw: RawCompanionSettings): CompanionSettings {
  const d = COMPANION_DEFAULTS;
  const langs: Record<string, boolean> = { ...d.hoverLanguages };
  if (typeof raw.hoverLanguages === 'object' && raw.hoverLanguages !== null && !Array.isArray(raw.hoverLanguages)) {
    for (const [k, v] of Object.entries(raw.hoverLanguages)) if (typeof v === 'boolean') langs[k] = v;
  }
  const rangeOk = finite(raw.xMin) && finite(raw.xMax) && raw.xMin < raw.xMax && Math.abs(raw.xMin) <= 1000 && Math.abs(raw.xMax) <= 1000;
  const strictness = raw.strictness === 'strict' || raw.strictness === 'normal' || raw.strictness === 'loose' ? raw.strictness : d.strictness;
  return {
    hoverLanguages: langs,
    strictness,
    xMin: rangeOk ? (raw.xMin as number) : d.xMin,
    xMax: rangeOk ? (raw.xMax as number) : d.xMax,
    followCursor: typeof raw.followCursor === 'boolean' ? raw.followCursor : d.followCursor,
    debounceMs: finite(raw.debounceMs) ? Math.min(2000, Math.max(0, Math.round(raw.debounceMs))) : d.debounceMs,
  };
}
