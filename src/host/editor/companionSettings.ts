/**
 * The `activationLab.hover.*` and `activationLab.sideView.*` settings as the companions use
 * them, flattened into one object. Pure: src/host/config.ts validates VS Code's values (defaults
 * and constraints from src/core/settings/defaults.ts); tests pass raw values to
 * {@link sanitizeCompanionSettings}.
 */
import { lookupFrom, type SettingProblem } from '../../core/settings/defaults';
import { hoverSection, sideViewSection, type HoverConfig, type SideViewConfig } from '../../core/settings/sections';
import type { Strictness } from '../../core/recognise/recognise';

/** Typed companion settings. */
export interface CompanionSettings {
  /** Hover on/off per VS Code language id. */
  readonly hoverLanguages: Readonly<Record<string, boolean>>;
  readonly strictness: Strictness;
  /** Plot x-range (pre-activation z) for the hover image and the side view chart; xMin < xMax. */
  readonly xMin: number;
  readonly xMax: number;
  /** Side view: follow the cursor (else only the pin / last activation shows). */
  readonly followCursor: boolean;
  /** Side view: delay after the last cursor move before updating, in ms. */
  readonly debounceMs: number;
}

/** Raw values as read from the configuration (any type). */
export interface RawCompanionSettings {
  readonly hoverLanguages?: unknown;
  readonly strictness?: unknown;
  readonly xMin?: unknown;
  readonly xMax?: unknown;
  readonly followCursor?: unknown;
  readonly debounceMs?: unknown;
}

/** The companions' view of the two validated sections (src/host/config.ts `hoverConfig`, `sideViewConfig`). */
export function companionSettings(hover: HoverConfig, side: SideViewConfig): CompanionSettings {
  return {
    hoverLanguages: hover.languages,
    strictness: hover.strictness,
    xMin: hover.plotXMin,
    xMax: hover.plotXMax,
    followCursor: side.followCursor,
    debounceMs: side.debounceMs,
  };
}

/**
 * Settings from raw values: each invalid value (wrong type, out of its package.json range)
 * falls back to its default, reported through `problem`; the x-range falls back to [-5, 5]
 * as a pair unless xMin < xMax. Never throws.
 */
export function sanitizeCompanionSettings(raw: RawCompanionSettings, problem?: SettingProblem): CompanionSettings {
  const get = lookupFrom({
    'hover.languages': raw.hoverLanguages,
    'hover.strictness': raw.strictness,
    'hover.plotXMin': raw.xMin,
    'hover.plotXMax': raw.xMax,
    'sideView.followCursor': raw.followCursor,
    'sideView.debounceMs': raw.debounceMs,
  }, problem);
  return companionSettings(hoverSection(get, problem), sideViewSection(get));
}

/** The package.json defaults of the companion settings. */
export const COMPANION_DEFAULTS: CompanionSettings = sanitizeCompanionSettings({});
