/**
 * Messages between the extension host and the Gradient Flow webview (viewType
 * `activationLab.gradientFlow`). All computation runs in the page (pure src/core); the host
 * supplies settings, saves chart exports and opens the settings (the shared `webview/*`
 * scope, src/protocol/shared.ts). Both directions are checked on arrival.
 */
import type { SavedCustom } from '../core/expression/resolve';
import { isParamRecord, isRecord, isShortString } from '../core/guards';
import { lookupFrom } from '../core/settings/defaults';
import { gradientSection, type GradientConfig } from '../core/settings/sections';
import type { Checks } from './channel';
import { WEBVIEW_TO_HOST, type WebviewToHost } from './shared';

/** The webview panel's viewType (also the serializer's key). */
export const GRADIENT_VIEW_TYPE = 'activationLab.gradientFlow';

/** `activationLab.gradient.*` settings (src/core/settings/sections.ts) as the page needs them. */
export type GradientSettings = GradientConfig;

/** Data the host puts in the page before its script runs. */
export interface GradientInitialData {
  readonly settings: GradientSettings;
  /** Saved custom activations (`activationLab.customActivations`), usable by name in the chain. */
  readonly customActivations?: readonly SavedCustom[];
}

/** Host -> webview. */
export type HostToGradient =
  /** The `activationLab.gradient.*` settings changed. */
  | { readonly type: 'gradient/settings'; readonly settings: GradientSettings }
  /** Use this activation (and parameters) for every layer of the chain (e.g. from the results panel). */
  | { readonly type: 'gradient/chain'; readonly activation: string; readonly params: Readonly<Record<string, number>> };

/** Webview -> host: the shared scope only (ready, chart export, open settings). */
export type GradientToHost = WebviewToHost;

/** Checks of {@link GradientToHost}. */
export const GRADIENT_TO_HOST: Checks<GradientToHost> = WEBVIEW_TO_HOST;

/** Checks of {@link HostToGradient}: `settings` as a record, passed through {@link sanitizeGradientSettings}. */
export const HOST_TO_GRADIENT: Checks<HostToGradient> = {
  'gradient/settings': (m) => isRecord(m.settings),
  'gradient/chain': (m) => isShortString(m.activation, 200) && m.activation.trim() !== '' && isParamRecord(m.params),
};

/**
 * Settings from raw values (the page's initial data and `gradient/settings` messages): an
 * invalid value falls back to its package.json default (src/core/settings/defaults.ts), and
 * both thresholds do unless vanishingBelow < explodingAbove. Never throws.
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
