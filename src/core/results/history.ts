/**
 * Training histories written by Python, to overlay on our runs: a Keras `history.history`
 * dict saved with `json.dump` (NaN tokens and all; Keras 1-2.2 names `acc` / `val_acc`), a
 * Keras `CSVLogger` file, or the same dict of lists from a PyTorch loop (`train_loss`,
 * `train_acc` accepted too). Pure; never throws except the documented HistoryError.
 */
import { isRecord } from '../guards';
import type { History, RunResult } from '../training/types';

/** Where a history came from (shown next to its label). */
export type HistorySource = 'json' | 'csv';

/** A history read from a Python file: our four series (missing ones empty), one value per epoch. */
export interface ExternalHistory {
  readonly source: HistorySource;
  readonly history: { readonly [K in keyof History]: Array<number | null> };
  /** The file's own key of each series found, e.g. `{ accuracy: 'acc' }`. */
  readonly keys: Partial<Record<keyof History, string>>;
  /** Keys of the file that are not one of the four series (e.g. `lr`), at most 20. */
  readonly ignored: readonly string[];
  readonly epochs: number;
}

/** A file that is not a history; the message names the first problem (the caller adds the file name). */
export class HistoryError extends Error {
  override readonly name = 'HistoryError';
}

/** Accepted names of each series, in order of preference (Keras 2.3+, Keras <= 2.2, PyTorch loops). */
const ALIASES: Readonly<Record<keyof History, readonly string[]>> = {
  loss: ['loss', 'train_loss'],
  accuracy: ['accuracy', 'acc', 'train_accuracy', 'train_acc'],
  val_loss: ['val_loss'],
  val_accuracy: ['val_accuracy', 'val_acc'],
};

const SERIES = Object.keys(ALIASES) as Array<keyof History>;

/** The most epochs a history may have (a sanity bound). */
export const MAX_HISTORY_EPOCHS = 100_000;

/** True when `x` looks like a dict of lists (the shape of `history.history`), or `{history: {...}}`. */
export function looksLikeHistory(x: unknown): boolean {
  const h = isRecord(x) && isRecord(x.history) ? x.history : x;
  return isRecord(h) && Object.values(h).some(Array.isArray) && SERIES.some((s) => ALIASES[s].some((a) => Array.isArray(h[a])));
}

function fromColumns(columns: ReadonlyMap<string, Array<number | null>>, source: HistorySource, where: (key: string, i: number) => string): ExternalHistory {
  const history = { loss: [], accuracy: [], val_loss: [], val_accuracy: [] } as ExternalHistory['history'];
  const keys: ExternalHistory['keys'] = {};
  for (const s of SERIES) {
    const key = ALIASES[s].find((a) => columns.has(a));
    if (key === undefined) continue;
    keys[s] = key;
    (history as Record<string, Array<number | null>>)[s] = columns.get(key)!;
  }
  const found = Object.entries(keys) as Array<[keyof History, string]>;
  if (found.length === 0) {
    const all = [...columns.keys()].slice(0, 10).join(', ') || 'none';
    throw new HistoryError(`no loss or accuracy series (expected keys like loss, accuracy or acc, val_loss, val_accuracy or val_acc; found ${all})`);
  }
  const lengths = found.map(([s, k]) => `${k} ${history[s].length}`);
  if (new Set(found.map(([s]) => history[s].length)).size > 1) throw new HistoryError(`series of different lengths (${lengths.join(', ')})`);
  const epochs = history[found[0]![0]].length;
  if (epochs === 0) throw new HistoryError('no epochs (the lists are empty)');
  for (const [s, k] of found) {
    if (!s.endsWith('accuracy')) continue;
    const i = history[s].findIndex((v) => v !== null && (v < 0 || v > 1));
    if (i >= 0) throw new HistoryError(`${where(k, i)}: accuracy ${history[s][i]} is outside 0..1 (a percentage? divide by 100)`);
  }
  const ignored = [...columns.keys()].filter((k) => !found.some(([, f]) => f === k) && k !== 'epoch').slice(0, 20);
  return { source, history, keys, ignored, epochs };
}

/**
 * A parsed JSON value as a history: an object whose values are lists of numbers (null for
 * NaN, as `parseJsonText` returns them), optionally wrapped as `{ "history": {...} }`.
 * @throws HistoryError for anything else, naming the first bad key or value.
 */
export function historyFromJson(x: unknown): ExternalHistory {
  const h = isRecord(x) && isRecord(x.history) ? x.history : x;
  if (!isRecord(h)) throw new HistoryError('expected an object of lists, as Keras history.history');
  const columns = new Map<string, Array<number | null>>();
  for (const [k, v] of Object.entries(h)) {
    if (!Array.isArray(v)) continue;
    if (v.length > MAX_HISTORY_EPOCHS) throw new HistoryError(`${k}: more than ${MAX_HISTORY_EPOCHS} values`);
    const bad = v.findIndex((e) => e !== null && typeof e !== 'number');
    if (bad >= 0) {
      if (SERIES.some((s) => ALIASES[s].includes(k))) throw new HistoryError(`${k}[${bad}]: expected a number, found ${JSON.stringify(v[bad])?.slice(0, 40)}`);
      continue;
    }
    columns.set(k, v as Array<number | null>);
  }
  return fromColumns(columns, 'json', (k, i) => `${k}[${i}]`);
}

/**
 * A CSV number as Python writes floats: `0.5`, `1e-05`, `nan`, `inf`, `-inf` (non-finite ->
 * null); `NA` (CSVLogger's value for a key missing from an epoch's logs, e.g. val_* with
 * validation_freq > 1) and an empty cell are null too.
 */
function csvNumber(cell: string): number | null | undefined {
  const t = cell.trim();
  if (t === '' || t === 'NA' || /^[+-]?(nan|inf|infinity)$/i.test(t)) return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/**
 * A Keras `CSVLogger` file (keras/src/callbacks/csv_logger.py: `csv.DictWriter` with the
 * `csv.excel` dialect, so CRLF line ends; a header `epoch,<sorted(logs.keys())>`; one row per
 * epoch; `NA` for a key an epoch did not log; separator `,` by default, `;` and tab recognised).
 * @throws HistoryError naming the line and column of the first bad cell, or a missing series.
 */
export function historyFromCsv(text: string): ExternalHistory {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new HistoryError('line 1: empty file (expected a header such as epoch,accuracy,loss,val_accuracy,val_loss)');
  const header = lines[0]!;
  const sep = [',', ';', '\t'].find((s) => header.includes(s)) ?? ',';
  const names = header.split(sep).map((n) => n.trim().replace(/^"(.*)"$/, '$1'));
  if (names.length > 200 || lines.length - 1 > MAX_HISTORY_EPOCHS) throw new HistoryError('line 1: too many columns or rows for a training history');
  const columns = new Map<string, Array<number | null>>(names.map((n) => [n, []]));
  for (let li = 1; li < lines.length; li++) {
    const cells = lines[li]!.split(sep);
    if (cells.length !== names.length) throw new HistoryError(`line ${li + 1}: ${cells.length} cells, the header has ${names.length}`);
    let col = 1;
    for (let c = 0; c < cells.length; c++) {
      const v = csvNumber(cells[c]!);
      if (v === undefined) throw new HistoryError(`line ${li + 1}, column ${col}: ${JSON.stringify(cells[c]!.slice(0, 40))} is not a number (${names[c]})`);
      columns.get(names[c]!)!.push(v);
      col += cells[c]!.length + sep.length;
    }
  }
  return fromColumns(columns, 'csv', (k, i) => `line ${i + 2} (${k})`);
}

/** The one run that stands for a history in charts and tables: no test accuracy, no speed. */
export function historyRun(h: ExternalHistory): RunResult {
  const fill = (xs: ReadonlyArray<number | null>): number[] => (xs.length === h.epochs ? xs : Array<number | null>(h.epochs).fill(null)) as number[];
  return {
    activation: h.source === 'csv' ? 'Keras CSVLogger' : 'Python history',
    params: {},
    status: 'completed',
    history: { loss: fill(h.history.loss), accuracy: fill(h.history.accuracy), val_loss: fill(h.history.val_loss), val_accuracy: fill(h.history.val_accuracy) },
    epochTimesMs: [],
    samplesPerSecond: null,
    testAccuracy: null,
  };
}

const isNumOrNullList = (x: unknown): boolean => Array.isArray(x) && x.length <= MAX_HISTORY_EPOCHS && x.every((v) => v === null || (typeof v === 'number' && Number.isFinite(v)));

/** Shape check of an {@link ExternalHistory} arriving from elsewhere (a webview's saved state). Never throws. */
export function isExternalHistory(x: unknown): x is ExternalHistory {
  if (!isRecord(x) || (x.source !== 'json' && x.source !== 'csv') || !isRecord(x.history) || !isRecord(x.keys) || !Array.isArray(x.ignored)) return false;
  if (!Number.isInteger(x.epochs) || (x.epochs as number) < 1 || (x.epochs as number) > MAX_HISTORY_EPOCHS) return false;
  const h = x.history;
  return SERIES.every((s) => isNumOrNullList(h[s]) && ((h[s] as unknown[]).length === 0 || (h[s] as unknown[]).length === x.epochs))
    && Object.values(x.keys).every((k) => typeof k === 'string' && k.length <= 200)
    && x.ignored.every((k) => typeof k === 'string' && k.length <= 200);
}
