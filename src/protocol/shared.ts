/**
 * Messages of the custom-activation widget (webview/explorer/customExpression.ts) to the
 * host (src/host/customActivations.ts). Any panel hosting the widget routes them with
 * {@link isCustomToHost} -> `handleCustomMessage`.
 */
import { isParamRecord, isRecord, isShortString } from '../core/guards';

/** Webview -> host. */
export type CustomToHost =
  /** Save (or replace, by name) a custom activation in `activationLab.customActivations`. */
  | { readonly type: 'custom/save'; readonly name: string; readonly expression: string; readonly params: Readonly<Record<string, number>> };

/** Host -> webview: the outcome of a save (`error` set when it was refused). */
export type CustomToWebview = { readonly type: 'custom/saved'; readonly name: string; readonly error?: string };

/** Runtime guard for a message from a webview (untrusted): shape and sizes only; the host compiles it again. */
export function isCustomToHost(x: unknown): x is CustomToHost {
  return isRecord(x) && x.type === 'custom/save' && isShortString(x.name, 40) && isShortString(x.expression, 2000)
    && isParamRecord(x.params) && Object.keys(x.params).length <= 16;
}
