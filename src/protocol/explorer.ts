/**
 * Messages between the extension host and the Activation Explorer webview (viewType
 * `activationLab.explorer`). The page sends only the shared `webview/*` scope
 * (src/protocol/shared.ts); the host sends `explorer/*`. Both directions are checked on
 * arrival with the tables below.
 */
import { lookupFrom } from '../core/settings/defaults';
import { explorerSection, type ExplorerConfig } from '../core/settings/sections';
import type { SavedCustom } from '../core/expression/saved';
import { isParamRecord, isRecord, isShortString } from '../core/guards';
import type { Checks } from './channel';
import { HOST_TO_WEBVIEW, WEBVIEW_TO_HOST, type HostToWebview, type WebviewToHost } from './shared';

/** The webview panel's viewType (also the serializer's key). */
export const EXPLORER_VIEW_TYPE = 'activationLab.explorer';

/** Explorer settings (`activationLab.explorer.*`, src/core/settings/sections.ts) as the webview needs them. */
export type ExplorerSettings = ExplorerConfig;

/** Data the host puts in the page before its script runs (see `initialData()`). */
export interface ExplorerInitialData {
  readonly settings: ExplorerSettings;
  /** Saved custom activations (`activationLab.customActivations`), listed under "Saved custom". */
  readonly customActivations?: readonly SavedCustom[];
}

/** Host -> webview. */
export type HostToExplorer =
  | HostToWebview
  /** Select the activation `id` (adding it to the overlay), apply `params`, scroll to it. */
  | { readonly type: 'explorer/show'; readonly id: string; readonly params?: Readonly<Record<string, number>> }
  /** The `activationLab.explorer.*` settings changed. */
  | { readonly type: 'explorer/settings'; readonly settings: ExplorerSettings }
  /** `activationLab.customActivations` changed: the new list of saved customs. */
  | { readonly type: 'explorer/customs'; readonly customs: readonly SavedCustom[] };

/** Webview -> host: the shared scope only (ready, chart export, custom-activation save). */
export type ExplorerToHost = WebviewToHost;

/** Checks of {@link ExplorerToHost}. */
export const EXPLORER_TO_HOST: Checks<ExplorerToHost> = WEBVIEW_TO_HOST;

/**
 * Checks of {@link HostToExplorer}: `settings` only as a record (the page passes it through
 * {@link sanitizeSettings}), `customs` only as an array (the page passes it through
 * `parseSavedShape`, dropping bad entries one by one).
 */
export const HOST_TO_EXPLORER: Checks<HostToExplorer> = {
  ...HOST_TO_WEBVIEW,
  'explorer/show': (m) => isShortString(m.id, 200) && m.id.trim() !== '' && (m.params === undefined || isParamRecord(m.params)),
  'explorer/settings': (m) => isRecord(m.settings),
  'explorer/customs': (m) => Array.isArray(m.customs),
};

/**
 * Settings from raw values (the page's initial data, `explorer/settings`): each invalid
 * value falls back to its package.json default (src/core/settings/defaults.ts). Never throws.
 */
export function sanitizeSettings(raw: { samples?: unknown; defaultRange?: unknown; defaultActivations?: unknown } | null | undefined): ExplorerSettings {
  if (!isRecord(raw)) raw = {};
  return explorerSection(lookupFrom({ 'explorer.samples': raw.samples, 'explorer.defaultRange': raw.defaultRange, 'explorer.defaultActivations': raw.defaultActivations }));
}
