/**
 * Messages between the extension host and the Gradient Flow webview (viewType
 * `activationLab.gradientFlow`). All computation runs in the page (pure src/core); the host
 * supplies settings and saves chart exports. Webview -> host messages are checked with
 * {@link isGradientToHost} before use.
 */
import { isFiniteNumber, isRecord, isShortString } from './guards';

/** The webview panel's viewType (also the serializer's key). */
export const GRADIENT_VIEW_TYPE = 'activationLab.gradientFlow';

/** Largest export body accepted from the webview: 32 MiB of SVG text or base64 PNG. */
export const MAX_GRADIENT_EXPORT_CHARS = 32 * 1024 * 1024;

/** `activationLab.gradient.*` settings as the page needs them. */
export interface GradientSettings {
  /** Backward gain below which a layer is vanishing (> 0). */
  readonly vanishingBelow: number;
  /** Backward gain above which a layer is exploding (> vanishingBelow). */
  readonly explodingAbove: number;
  /** Default depth-sweep width W and depth D. */
  readonly sweepWidth: number;
  readonly sweepDepth: number;
}

/** Defaults, equal to package.json's. */
export const DEFAULT_GRADIENT_SETTINGS: GradientSettings = { vanishingBelow: 1e-3, explodingAbove: 1e3, sweepWidth: 64, sweepDepth: 30 };

/** Data the host puts in the page before its script runs. */
export interface GradientInitialData {
  readonly settings: GradientSettings;
}

/** Host -> webview. */
export type GradientToWebview =
  /** The `activationLab.gradient.*` settings changed. */
  { readonly type: 'gradient/settings'; readonly settings: GradientSettings };

/** Webview -> host. */
export type GradientToHost =
  /** The page has loaded and listens for messages (sent again after every reload). */
  | { readonly type: 'ready' }
  /** Save a chart: `data` is SVG text or base64 PNG; `baseName` suggests a file name. */
  | { readonly type: 'gradient/export'; readonly format: 'svg' | 'png'; readonly data: string; readonly baseName: string }
  /** Open the Settings UI at `activationLab.gradient`. */
  | { readonly type: 'gradient/openSettings' };

/** Runtime guard for a message from the webview (untrusted). Extra fields are ignored. */
export function isGradientToHost(x: unknown): x is GradientToHost {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'ready':
    case 'gradient/openSettings':
      return true;
    case 'gradient/export':
      return (x.format === 'svg' || x.format === 'png')
        && isShortString(x.data, MAX_GRADIENT_EXPORT_CHARS) && x.data.length > 0
        && isShortString(x.baseName, 200) && /^[\w.-]+$/.test(x.baseName);
    default:
      return false;
  }
}

function whole(v: unknown, min: number, max: number, fallback: number): number {
  return isFiniteNumber(v) && Number.isInteger(v) && v >= min && v <= max ? v : fallback;
}

/** Settings from raw configuration values; an invalid value falls back to its default. */
export function sanitizeGradientSettings(raw: Record<string, unknown>): GradientSettings {
  const d = DEFAULT_GRADIENT_SETTINGS;
  let lo = isFiniteNumber(raw.vanishingBelow) && raw.vanishingBelow > 0 ? raw.vanishingBelow : d.vanishingBelow;
  let hi = isFiniteNumber(raw.explodingAbove) && raw.explodingAbove > 0 ? raw.explodingAbove : d.explodingAbove;
  if (lo >= hi) [lo, hi] = [d.vanishingBelow, d.explodingAbove];
  return { vanishingBelow: lo, explodingAbove: hi, sweepWidth: whole(raw.sweepWidth, 1, 512, d.sweepWidth), sweepDepth: whole(raw.sweepDepth, 1, 200, d.sweepDepth) };
}
