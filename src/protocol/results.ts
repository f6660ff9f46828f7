/**
 * Messages between the host and the results webview (webview/results). The host reads and
 * validates results files; the webview only draws them. Both directions are checked on
 * arrival; the page checks its restored state with {@link isShownResultsList} too.
 */
import { isParamRecord, isRecord, isShortString } from '../core/guards';
import { isExternalHistory, type ExternalHistory } from '../core/results/history';
import { validateResults } from '../core/results/validate';
import type { ResultsFile } from '../core/training/types';
import type { Checks } from './channel';
import { WEBVIEW_TO_HOST, type WebviewToHost } from './shared';

/**
 * One file and its label (file name without `.json` / `.csv`): a validated results file, or
 * a training history from Python (Keras `history.history`, CSVLogger, a PyTorch dict of lists).
 */
export type ShownResults =
  | { readonly label: string; readonly path: string; readonly results: ResultsFile; readonly history?: undefined }
  | { readonly label: string; readonly path: string; readonly history: ExternalHistory; readonly results?: undefined };

/** Messages the host posts to the results webview. */
export type HostToResults =
  /** Draw these files: one, or two to compare (the second overlaid on the first). */
  | { type: 'results/show'; files: ShownResults[] }
  /** A file could not be opened; `message` names it and the problem. */
  | { type: 'results/error'; message: string };

/** Messages the results webview posts to the host. */
export type ResultsToHost =
  | WebviewToHost
  /** Pick a second results file to compare with the first. */
  | { type: 'results/compare' }
  /** Drop the second file. */
  | { type: 'results/clearCompare' }
  /** Pick another file to show instead. */
  | { type: 'results/open' }
  /** Open the Gradient Flow panel on a chain of this activation (from the gradient-norm chart). */
  | { type: 'results/openGradientFlow'; activation: string; params: Record<string, number> };

/** Checks of {@link ResultsToHost} (untrusted input). */
export const RESULTS_TO_HOST: Checks<ResultsToHost> = {
  ...WEBVIEW_TO_HOST,
  'results/compare': () => true,
  'results/clearCompare': () => true,
  'results/open': () => true,
  'results/openGradientFlow': (m) => isShortString(m.activation, 200) && m.activation.trim() !== '' && isParamRecord(m.params),
};

/**
 * One or two files, each a label, a path and either a results file that passes
 * `validateResults` or a history that passes `isExternalHistory`.
 */
export function isShownResultsList(x: unknown): x is ShownResults[] {
  return Array.isArray(x) && x.length >= 1 && x.length <= 2 && x.every((f) => isRecord(f)
    && isShortString(f.label, 500) && isShortString(f.path, 4096)
    && (f.history === undefined ? validateResults(f.results).length === 0 : f.results === undefined && isExternalHistory(f.history)));
}

/** Checks of {@link HostToResults}. */
export const HOST_TO_RESULTS: Checks<HostToResults> = {
  'results/show': (m) => isShownResultsList(m.files),
  'results/error': (m) => isShortString(m.message),
};
