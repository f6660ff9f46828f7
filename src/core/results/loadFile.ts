/**
 * What Open Results and `render` accept, from a file's text: an Activation Lab results file
 * (schemaVersion 1 or 2; Python's NaN / Infinity tokens allowed), a Keras `history.history`
 * dict or the same dict of lists from a PyTorch loop (JSON), or a Keras `CSVLogger` file.
 * One message per bad file, naming it and its first problem. Pure.
 */
import { isRecord } from '../guards';
import type { ResultsFile } from '../training/types';
import type { LabelledResults } from '../charts/resultsCharts';
import { historyFromCsv, historyFromJson, HistoryError, historyRun, looksLikeHistory, type ExternalHistory } from './history';
import { JsonTextError, parseJsonText } from './jsonText';
import { validateResults } from './validate';

/** A file that cannot be shown; `message` names the file and its first problem. */
export class ResultsFileError extends Error {
  override readonly name = 'ResultsFileError';
}

/** A file as it is shown: our results, or a history from Python. */
export type LoadedFile =
  | { readonly kind: 'results'; readonly results: ResultsFile }
  | { readonly kind: 'history'; readonly history: ExternalHistory };

/**
 * Parses and validates results JSON text; `name` (the path as shown) is used in messages.
 * @throws ResultsFileError `<name>: not valid JSON at line L, column C: ...` or
 *   `<name>: not an Activation Lab results file: <first schema problem>`.
 */
export function parseResults(text: string, name: string): ResultsFile {
  const json = parseJson(text, name);
  const problems = validateResults(json);
  if (problems.length > 0) throw new ResultsFileError(`${name}: not an Activation Lab results file: ${problems[0]}`);
  return json as ResultsFile;
}

function parseJson(text: string, name: string): unknown {
  try {
    return parseJsonText(text);
  } catch (e) {
    if (e instanceof JsonTextError) throw new ResultsFileError(`${name}: not valid JSON at line ${e.line}, column ${e.column}: ${e.reason}`);
    throw e;
  }
}

/**
 * Reads any accepted file: `.csv` as a Keras CSVLogger file, anything else as JSON (a
 * results file when it has `schemaVersion`, else a history dict of lists).
 * @throws ResultsFileError naming the file and the first problem.
 */
export function parseComparisonFile(text: string, name: string): LoadedFile {
  if (/\.csv$/i.test(name)) {
    try {
      return { kind: 'history', history: historyFromCsv(text) };
    } catch (e) {
      if (e instanceof HistoryError) throw new ResultsFileError(`${name}: not a Keras CSVLogger history: ${e.message}`);
      throw e;
    }
  }
  const json = parseJson(text, name);
  if (isRecord(json) && 'schemaVersion' in json) {
    const problems = validateResults(json);
    if (problems.length > 0) throw new ResultsFileError(`${name}: not an Activation Lab results file: ${problems[0]}`);
    return { kind: 'results', results: json as unknown as ResultsFile };
  }
  if (looksLikeHistory(json)) {
    try {
      return { kind: 'history', history: historyFromJson(json) };
    } catch (e) {
      if (e instanceof HistoryError) throw new ResultsFileError(`${name}: not a training history: ${e.message}`);
      throw e;
    }
  }
  throw new ResultsFileError(`${name}: neither an Activation Lab results file (no "schemaVersion") nor a training history (an object of lists such as {"loss": [...], "val_accuracy": [...]})`);
}

/**
 * What the charts draw for a file: its runs (a history is one run, see `historyRun`), under
 * `label`, with the summary over repeats of a results file.
 */
export function labelledOf(label: string, f: { readonly results?: ResultsFile; readonly history?: ExternalHistory }): LabelledResults {
  if (f.results) return { label, results: f.results };
  return { label, results: { runs: f.history ? [historyRun(f.history)] : [] } };
}
