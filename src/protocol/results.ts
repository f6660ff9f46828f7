/**
 * Messages between the host and the results webview (webview/results). The host reads and
 * validates results files; the webview only draws them.
 */
import type { ResultsFile } from '../core/training/types';
import { EXPORT_NAME, isRecord, isShortString } from '../core/guards';
import { validateResults } from '../core/results/validate';

/** One validated results file and its label (file name without `.json`). */
export interface ShownResults {
  readonly label: string;
  readonly path: string;
  readonly results: ResultsFile;
}

/** Messages the host posts to the results webview. */
export type HostToResults =
  /** Draw these files: one, or two to compare (the second overlaid on the first). */
  | { type: 'results/show'; files: ShownResults[] }
  /** A file could not be opened; `message` names it and the problem. */
  | { type: 'results/error'; message: string };

/** Messages the results webview posts to the host. */
export type ResultsToHost =
  /** The page has loaded and listens. */
  | { type: 'ready' }
  /** Pick a second results file to compare with the first. */
  | { type: 'results/compare' }
  /** Drop the second file. */
  | { type: 'results/clearCompare' }
  /** Pick another file to show instead. */
  | { type: 'results/open' }
  /** Save an exported chart (see src/host/webview/chartExport.ts). */
  | { type: 'chart/export'; format: 'svg' | 'png'; data: string; name: string };

/** Runtime guard for every message from the results webview (untrusted input). */
export function isResultsToHost(x: unknown): x is ResultsToHost {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'ready':
    case 'results/compare':
    case 'results/clearCompare':
    case 'results/open':
      return true;
    case 'chart/export':
      return (x.format === 'svg' || x.format === 'png') && isShortString(x.data, 50_000_000)
        && isShortString(x.name, 100) && EXPORT_NAME.test(x.name);
    default:
      return false;
  }
}

/** One or two files, each a label, a path and a results file that passes `validateResults`. */
export function isShownResultsList(x: unknown): x is ShownResults[] {
  return Array.isArray(x) && x.length >= 1 && x.length <= 2 && x.every((f) => isRecord(f)
    && isShortString(f.label, 500) && isShortString(f.path, 4096) && validateResults(f.results).length === 0);
}

/**
 * Runtime guard for a message from the host to the results webview (also used on the state
 * restored after a reload). Never throws.
 */
export function isHostToResults(x: unknown): x is HostToResults {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'results/show': return isShownResultsList(x.files);
    case 'results/error': return isShortString(x.message);
    default: return false;
  }
}
