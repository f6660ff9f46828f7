/**
 * Loading and saving the explorer page's state through `vscodeApi()` (see
 * webview/explorer/pageState.ts for its shape and sanitizer). Each widget keeps its own
 * key of the webview state, so the custom-expression widget's slot survives our saves.
 */
import type { ExplorerState } from './pageState';
import { vscodeApi } from '../shared/vscodeApi';

/** Key of this page's state inside the webview state (other widgets keep their own keys). */
const KEY = 'explorer';

/** This page's state as saved, or undefined for a fresh panel. */
export function loadState(): unknown {
  const all = vscodeApi<Record<string, unknown>>().getState();
  return all && typeof all === 'object' ? all[KEY] : undefined;
}

/** Saves this page's state, keeping other keys (e.g. the custom-expression widget's). */
export function saveState(s: ExplorerState): void {
  const api = vscodeApi<Record<string, unknown>>();
  api.setState({ ...(api.getState() ?? {}), [KEY]: s });
}

/** Reads another widget's slot of the webview state (see customExpression.ts). */
export function loadSlot(key: string): unknown {
  return vscodeApi<Record<string, unknown>>().getState()?.[key];
}

/** Writes another widget's slot of the webview state, keeping the rest. */
export function saveSlot(key: string, value: unknown): void {
  const api = vscodeApi<Record<string, unknown>>();
  api.setState({ ...(api.getState() ?? {}), [key]: value });
}
