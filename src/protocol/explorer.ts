/**
 * Messages between the extension host and the Activation Explorer webview
 * (viewType `activationLab.explorer`). Both directions are checked at run time: webview ->
 * host with {@link isExplorerToHost}, host -> webview with {@link isExplorerToWebview}.
 */
import { lookupFrom } from '../core/settings/defaults';
import { explorerSection, type ExplorerConfig } from '../core/settings/sections';
import type { SavedCustom } from '../core/expression/saved';
import { isParamRecord, isRecord, isShortString } from '../core/guards';

/** The webview panel's viewType (also the serializer's key). */
export const EXPLORER_VIEW_TYPE = 'activationLab.explorer';

/** Largest export body accepted from the webview: 32 MiB of SVG text or base64 PNG. */
export const MAX_EXPORT_CHARS = 32 * 1024 * 1024;

/** Explorer settings (`activationLab.explorer.*`, src/core/settings/sections.ts) as the webview needs them. */
export type ExplorerSettings = ExplorerConfig;

/** Data the host puts in the page before its script runs (see `initialData()`). */
export interface ExplorerInitialData {
  readonly settings: ExplorerSettings;
  /** Saved custom activations (`activationLab.customActivations`), listed under "Saved custom". */
  readonly customActivations?: readonly SavedCustom[];
}

/** Host -> webview. */
export type ExplorerToWebview =
  /** Select the activation `id` (adding it to the overlay), apply `params`, scroll to it. */
  | { readonly type: 'explorer/show'; readonly id: string; readonly params?: Readonly<Record<string, number>> }
  /** The `activationLab.explorer.*` settings changed. */
  | { readonly type: 'explorer/settings'; readonly settings: ExplorerSettings }
  /** `activationLab.customActivations` changed: the new list of saved customs. */
  | { readonly type: 'explorer/customs'; readonly customs: readonly SavedCustom[] };

/** Webview -> host. */
export type ExplorerToHost =
  /** The page has loaded and listens for messages (sent again after every reload). */
  | { readonly type: 'ready' }
  /** Save the chart: `data` is SVG text or base64 PNG; `baseName` suggests a file name. */
  | { readonly type: 'explorer/export'; readonly format: 'svg' | 'png'; readonly data: string; readonly baseName: string };

/**
 * Runtime guard for a message from the explorer webview (untrusted): exact `type`,
 * fields of the right type and size. Extra fields are ignored.
 */
export function isExplorerToHost(x: unknown): x is ExplorerToHost {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'ready':
      return true;
    case 'explorer/export':
      return (x.format === 'svg' || x.format === 'png')
        && isShortString(x.data, MAX_EXPORT_CHARS) && x.data.length > 0
        && isShortString(x.baseName, 200) && /^[\w.-]+$/.test(x.baseName);
    default:
      return false;
  }
}

/**
 * Arguments of the `activationLab.showActivation` command: `{id, params?}` (from hover
 * links and other features) or a bare id string. Returns undefined when malformed.
 */
export function parseShowArgs(x: unknown): { id: string; params?: Record<string, number> } | undefined {
  if (isShortString(x, 200) && x.trim()) return { id: x.trim() };
  if (!isRecord(x) || !isShortString(x.id, 200) || !x.id.trim()) return undefined;
  if (x.params === undefined) return { id: x.id.trim() };
  return isParamRecord(x.params) ? { id: x.id.trim(), params: { ...x.params } } : undefined;
}

/**
 * Settings from raw values (the page's initial data): each invalid value falls back to its
 * package.json default (src/core/settings/defaults.ts). Never throws.
 */
export function sanitizeSettings(raw: { samples?: unknown; defaultRange?: unknown; defaultActivations?: unknown } | null | undefined): ExplorerSettings {
  if (!isRecord(raw)) raw = {};
  return explorerSection(lookupFrom({ 'explorer.samples': raw.samples, 'explorer.defaultRange': raw.defaultRange, 'explorer.defaultActivations': raw.defaultActivations }));
}

/**
 * Runtime guard for a message from the host to the explorer webview: exact `type` and the
 * fields' shapes (`settings` a record, to be passed through {@link sanitizeSettings};
 * `customs` an array, to be passed through `parseSavedShape`). Never throws.
 */
export function isExplorerToWebview(x: unknown): x is ExplorerToWebview {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'explorer/show':
      return isShortString(x.id, 200) && x.id.trim() !== '' && (x.params === undefined || isParamRecord(x.params));
    case 'explorer/settings':
      return isRecord(x.settings);
    case 'explorer/customs':
      return Array.isArray(x.customs);
    default:
      return false;
  }
}
