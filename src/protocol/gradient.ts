/**
 * Messages between the extension host and the Gradient Flow webview (viewType
 * `activationLab.gradientFlow`). All computation runs in the page (pure src/core); the host
 * supplies settings and saves chart exports. Webview -> host messages are checked with
 * {@link isGradientToHost} before use.
 */
import type { SavedCustom } from '../core/expression/resolve';
import { lookupFrom } from '../core/settings/defaults';
import { gradientSection, type GradientConfig } from '../core/settings/sections';
import { isRecord, isShortString } from '../core/guards';

/** The webview panel's viewType (also the serializer's key). */
export const GRADIENT_VIEW_TYPE = 'activationLab.gradientFlow';

/** Largest export body accepted from the webview: 32 MiB of SVG text or base64 PNG. */
export const MAX_GRADIENT_EXPORT_CHARS = 32 * 1024 * 1024;

/** `activationLab.gradient.*` settings (src/core/settings/sections.ts) as the page needs them. */
export type GradientSettings = GradientConfig;

/** Data the host puts in the page before its script runs. */
export interface GradientInitialData {
  readonly settings: GradientSettings;
  /** Saved custom activations (`activationLab.customActivations`), usable by name in the chain. */
  readonly customActivations?: readonly SavedCustom[];
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

/**
 * Settings from raw values (the page's initial data and `gradient/settings` messages): an
 * invalid value falls back to its package.json default (src/core/settings/defaults.ts), and both
 * thresholds do unless vanishingBelow < explodingAbove. Never throws.
 */
export function sanitizeGradientSettings(raw: Record<string, unknown> | null | undefined): GradientSettings {
  raw ??= {};
  return gradientSection(lookupFrom({
    'gradient.vanishingBelow': raw.vanishingBelow,
    'gradient.explodingAbove': raw.explodingAbove,
    'gradient.sweepWidth': raw.sweepWidth,
    'gradient.sweepDepth': raw.sweepDepth,
  }));
}

/** The package.json defaults of the gradient settings (from src/core/settings/defaults.ts). */
export const DEFAULT_GRADIENT_SETTINGS: GradientSettings = sanitizeGradientSettings({});
