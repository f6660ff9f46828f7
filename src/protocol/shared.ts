/**
 * The `webview/*` scope: what every webview may send, whatever its panel (the ready
 * handshake, a chart export, saving a custom activation, opening the settings), and the
 * host's answers. Each panel's protocol adds its own scopes on top; the host's webview
 * connection (src/host/webview/connection.ts) handles this scope for all of them.
 */
import { isParamRecord, isShortString } from '../core/guards';
import type { Checks } from './channel';

/** Largest chart export body accepted from a webview: 32 MiB of SVG text or base64 PNG. */
export const MAX_EXPORT_CHARS = 32 * 1024 * 1024;

/** A chart export file name from a webview: 1-100 letters, digits, `_`, `.` or `-` (no path separators). */
export const EXPORT_NAME = /^[\w.-]{1,100}$/;

/** A Settings UI query a webview may open: `activationLab` or one of its sections. */
export const SETTINGS_QUERY = /^activationLab(\.[A-Za-z]+)?$/;

/** Webview -> host, any panel. */
export type WebviewToHost =
  /** The page has loaded and listens (sent again after every reload); the host posts nothing before it. */
  | { readonly type: 'webview/ready' }
  /**
   * Save a chart the page drew: `data` is SVG text or base64 PNG (1..{@link MAX_EXPORT_CHARS}
   * characters), `name` the suggested file name without extension ({@link EXPORT_NAME}).
   */
  | { readonly type: 'webview/exportChart'; readonly format: 'svg' | 'png'; readonly data: string; readonly name: string }
  /**
   * Save (or replace, by name) a custom activation in `activationLab.customActivations`;
   * the host compiles it again and answers `webview/customSaved`.
   */
  | { readonly type: 'webview/saveCustom'; readonly name: string; readonly expression: string; readonly params: Readonly<Record<string, number>> }
  /** Open the Settings UI on `query` ({@link SETTINGS_QUERY}, e.g. `activationLab.gradient`). */
  | { readonly type: 'webview/openSettings'; readonly query: string };

/** Host -> webview, any panel that asks for it. */
export type HostToWebview =
  /** The outcome of `webview/saveCustom` (`error` set when it was refused). */
  | { readonly type: 'webview/customSaved'; readonly name: string; readonly error?: string };

/** Shape and size checks of {@link WebviewToHost} (untrusted: the host compiles a saved expression again). */
export const WEBVIEW_TO_HOST: Checks<WebviewToHost> = {
  'webview/ready': () => true,
  'webview/exportChart': (m) => (m.format === 'svg' || m.format === 'png')
    && isShortString(m.data, MAX_EXPORT_CHARS) && m.data.length > 0
    && typeof m.name === 'string' && EXPORT_NAME.test(m.name),
  'webview/saveCustom': (m) => isShortString(m.name, 40) && isShortString(m.expression, 2000)
    && isParamRecord(m.params) && Object.keys(m.params).length <= 16,
  'webview/openSettings': (m) => typeof m.query === 'string' && SETTINGS_QUERY.test(m.query),
};

/** Checks of {@link HostToWebview}. */
export const HOST_TO_WEBVIEW: Checks<HostToWebview> = {
  'webview/customSaved': (m) => isShortString(m.name, 40) && (m.error === undefined || isShortString(m.error)),
};
