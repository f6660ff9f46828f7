/**
 * Vega-lite specs for MNIST comparison results (pure: no DOM, no vscode). Used by the
 * results panel, the live curves of the MNIST panel and `activation-lab render`.
 * Every series is told apart by colour AND by dash pattern and point shape, so the
 * charts read in greyscale and for colour-blind users.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ResultsFile, RunResult } from '../training/types';

/** A results file with a short label (shown when two files are compared). */
export interface LabelledResults {
  readonly label: string;
  readonly results: Pick<ResultsFile, 'runs'>;
}

/** One point of a per-epoch curve; `epoch` is 1-based like Keras's progress log. */
export interface CurveRow {
  readonly series: string;
  readonly activation: string;
  readonly file: string;
  readonly epoch: number;
  readonly metric: 'loss' | 'accuracy' | 'val_loss' | 'val_accuracy';
  /** null where the value was NaN (a diverged run): the line breaks there. */
  readonly value: number | null;
}

/** One bar: final test accuracy (fraction 0..1) or throughput (samples/s). */
export interface BarRow {
  readonly series: string;
  readonly activation: string;
  readonly file: string;
  readonly value: number;
}

/** Options for every spec; `width`/`height` in CSS pixels. */
export interface ChartOptions {
  readonly width?: number;
  readonly height?: number;
}

/** Dash patterns (SVG stroke-dasharray, px) cycled per series: solid first. */
export const DASHES: readonly (readonly number[])[] = [
  [1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4], [3, 5], [10, 2, 2, 2, 2, 2], [4, 1],
];

/** Point shapes (vega symbol names) cycled per series. */
export const SHAPES: readonly string[] = [
  'circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'triangle-left', 'triangle-right',
];

const METRIC_TITLE: Record<CurveRow['metric'], string> = {
  loss: 'Training loss (cross-entropy)',
  accuracy: 'Training accuracy',
  val_loss: 'Validation loss (cross-entropy)',
  val_accuracy: 'Validation accuracy',
};

/** `leaky_relu(alpha=0.2)`; plain id when there are no params. */
export function activationLabel(run: Pick<RunResult, 'activation' | 'params'>): string {
  const p = Object.entries(run.params);
  return p.length === 0 ? run.activation : `${run.activation}(${p.map(([k, v]) => `${k}=${v}`).join(', ')})`;
}

/**
 * Series names for every run of every file: the activation label, `[status]` when the run
 * did not complete, ` · <file label>` when more than one file is shown, `#n` on duplicates.
 */
export function seriesNames(files: readonly LabelledResults[]): string[][] {
  const seen = new Map<string, number>();
  return files.map((f) => f.results.runs.map((r) => {
    let name = activationLabel(r) + (r.status === 'completed' ? '' : ` [${r.status}]`) + (files.length > 1 ? ` · ${f.label}` : '');
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) name += ` #${n}`;
    return name;
  }));
}

function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Flattens histories into long-form rows (one per run, metric and epoch). */
export function curveRows(files: readonly LabelledResults[], metrics: readonly CurveRow['metric'][]): CurveRow[] {
  const names = seriesNames(files);
  const rows: CurveRow[] = [];
  files.forEach((f, fi) => f.results.runs.forEach((r, ri) => {
    for (const metric of metrics) {
      const values = (r.history[metric] ?? []) as ReadonlyArray<number | null>;
      values.forEach((v, e) => rows.push({ series: names[fi]![ri]!, activation: r.activation, file: f.label, epoch: e + 1, metric, value: finiteOrNull(v) }));
    }
  }));
  return rows;
}

/** One bar per run that has a finite value of `pick` (runs without one are left out). */
export function barRows(files: readonly LabelledResults[], pick: (r: RunResult) => number | null): BarRow[] {
  const names = seriesNames(files);
  const rows: BarRow[] = [];
  files.forEach((f, fi) => f.results.runs.forEach((r, ri) => {
    const v = finiteOrNull(pick(r));
    if (v !== null) rows.push({ series: names[fi]![ri]!, activation: r.activation, file: f.label, value: v });
  }));
  return rows;
}

function seriesDomain(files: readonly LabelledResults[]): string[] {
  return seriesNames(files).flat();
}

/** Colour, dash and shape all keyed on `series`, with one shared legend. */
function seriesEncoding(domain: readonly string[]): Record<string, unknown> {
  // Below the plot: long labels (params, file names) never squeeze the plot in a narrow panel.
  const legend = { title: 'Activation', orient: 'bottom', direction: 'horizontal', columns: 3, symbolStrokeWidth: 2, symbolSize: 120, labelLimit: 300 };
  return {
    color: { field: 'series', type: 'nominal', scale: { domain }, legend },
    strokeDash: { field: 'series', type: 'nominal', scale: { domain, range: DASHES }, legend },
    shape: { field: 'series', type: 'nominal', scale: { domain, range: SHAPES }, legend },
  };
}

function curveLayer(metric: CurveRow['metric'], domain: readonly string[], yTitle: string): Record<string, unknown> {
  const isAcc = metric.endsWith('accuracy');
  return {
    mark: { type: 'line', point: { filled: false, size: 50, strokeWidth: 1.5 }, strokeWidth: 2, clip: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'Epoch', axis: { tickMinStep: 1, format: 'd' }, scale: { zero: false, nice: false } },
      y: { field: 'value', type: 'quantitative', title: yTitle, scale: { zero: false }, axis: isAcc ? { format: '.3~%' } : { format: '.4~f' } },
      ...seriesEncoding(domain),
      tooltip: [
        { field: 'series', title: 'Activation' },
        { field: 'epoch', title: 'Epoch' },
        { field: 'value', title: METRIC_TITLE[metric], format: isAcc ? '.2%' : '.4f' },
      ],
    },
  };
}

/** True when some file holds a repeat of an activation (a run with `repeat` >= 1, schemaVersion 2). */
export function hasRepeats(files: readonly LabelledResults[]): boolean {
  return files.some((f) => f.results.runs.some((r) => (r.repeat ?? 0) > 0));
}

/** Below the plot, as the other result charts: long labels never squeeze a narrow panel. */
export const LEGEND = { title: 'Activation', orient: 'bottom', direction: 'horizontal', columns: 3, labelLimit: 300, symbolStrokeWidth: 2 };

/**
 * The series of a run: its activation label, and the file's label when more than one file
 * is shown. Repeats of an activation (same label and parameters) share it.
 */
export function groupName(files: readonly LabelledResults[], fileIndex: number, run: Pick<RunResult, 'activation' | 'params'>): string {
  return activationLabel(run) + (files.length > 1 ? ` · ${files[fileIndex]!.label}` : '');
}

/** Series in order of first appearance. */
export function groupDomain(files: readonly LabelledResults[]): string[] {
  const seen = new Set<string>();
  files.forEach((f, fi) => f.results.runs.forEach((r) => seen.add(groupName(files, fi, r))));
  return [...seen];
}

/** Per-epoch rows with the run's group (activation, file) instead of its own series name. */
function groupRows(files: readonly LabelledResults[], metrics: readonly CurveRow['metric'][]): CurveRow[] {
  const rows: CurveRow[] = [];
  files.forEach((f, fi) => f.results.runs.forEach((r) => {
    for (const metric of metrics) {
      ((r.history[metric] ?? []) as ReadonlyArray<number | null>).forEach((v, e) => rows.push({ series: groupName(files, fi, r), activation: r.activation, file: f.label, epoch: e + 1, metric, value: finiteOrNull(v) }));
    }
  }));
  return rows;
}

/**
 * With repeats: the mean over each activation's runs per epoch as a line, and the min-max
 * range of those runs as a band behind it (NaN epochs of a diverged run are left out).
 */
function repeatLayers(metric: CurveRow['metric'], domain: readonly string[], yTitle: string): Record<string, unknown> {
  const line = curveLayer(metric, domain, yTitle) as { mark: unknown; encoding: Record<string, unknown> };
  const isAcc = metric.endsWith('accuracy');
  const fmt = isAcc ? '.2%' : '.4f';
  return {
    transform: [
      { filter: 'isValid(datum.value)' },
      { aggregate: [{ op: 'mean', field: 'value', as: 'value' }, { op: 'min', field: 'value', as: 'lo' }, { op: 'max', field: 'value', as: 'hi' }, { op: 'count', as: 'n' }], groupby: ['series', 'epoch', 'metric'] },
    ],
    layer: [
      // The band's colour shares the line's legend (a legend: null here would conflict with it).
      { mark: { type: 'area', opacity: 0.18 }, encoding: { x: line.encoding.x, y: { field: 'lo', type: 'quantitative', title: yTitle, scale: { zero: false } }, y2: { field: 'hi' }, color: line.encoding.color } },
      { ...line, encoding: { ...line.encoding, tooltip: [{ field: 'series', title: 'Activation' }, { field: 'epoch', title: 'Epoch' }, { field: 'value', title: `mean ${METRIC_TITLE[metric]}`, format: fmt }, { field: 'lo', title: 'min', format: fmt }, { field: 'hi', title: 'max', format: fmt }, { field: 'n', title: 'runs' }] } },
    ],
  };
}

function perEpochSpec(files: readonly LabelledResults[], metric: CurveRow['metric'], title: string, o: ChartOptions): TopLevelSpec {
  if (hasRepeats(files)) {
    const domain = [...new Set(groupRows(files, [metric]).map((r) => r.series))];
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: title, subtitle: 'mean over repeats; band: min to max' },
      width: o.width ?? 480,
      height: o.height ?? 300,
      data: { values: groupRows(files, [metric]) },
      ...repeatLayers(metric, domain, METRIC_TITLE[metric]),
    } as TopLevelSpec;
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: o.width ?? 480,
    height: o.height ?? 300,
    data: { values: curveRows(files, [metric]) },
    ...curveLayer(metric, seriesDomain(files), METRIC_TITLE[metric]),
  } as TopLevelSpec;
}

/** The seed's first figure, corrected: validation accuracy per epoch, one line per activation. */
export function valAccuracySpec(files: readonly LabelledResults[], o: ChartOptions = {}): TopLevelSpec {
  return perEpochSpec(files, 'val_accuracy', 'Validation accuracy per epoch', o);
}

/** The seed's second figure: validation loss (cross-entropy) per epoch, one line per activation. */
export function valLossSpec(files: readonly LabelledResults[], o: ChartOptions = {}): TopLevelSpec {
  return perEpochSpec(files, 'val_loss', 'Validation loss per epoch', o);
}

/**
 * Training loss and training accuracy per epoch, side by side (Keras `loss`, `accuracy`).
 * With repeats, as the validation curves: the mean over each activation's runs as a line and
 * their min-max range as a band.
 */
export function trainCurvesSpec(files: readonly LabelledResults[], o: ChartOptions = {}): TopLevelSpec {
  const w = Math.round((o.width ?? 480) / 2);
  const repeats = hasRepeats(files);
  const domain = repeats ? groupDomain(files) : seriesDomain(files);
  const part = (metric: 'loss' | 'accuracy') => {
    const filter = { filter: { field: 'metric', equal: metric } };
    if (!repeats) return { width: w, height: o.height ?? 260, transform: [filter], ...curveLayer(metric, domain, METRIC_TITLE[metric]) };
    const { transform, ...layers } = repeatLayers(metric, domain, METRIC_TITLE[metric]) as { transform: unknown[] };
    return { width: w, height: o.height ?? 260, transform: [filter, ...transform], ...layers };
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: repeats ? { text: 'Training curves', subtitle: 'mean over repeats; band: min to max' } : 'Training curves',
    data: { values: repeats ? groupRows(files, ['loss', 'accuracy']) : curveRows(files, ['loss', 'accuracy']) },
    hconcat: [part('loss'), part('accuracy')],
  } as TopLevelSpec;
}

/** One bar per activation (and file) with its repeats' values: the group's name and `pick` of each run that has one. */
function groupBarRows(files: readonly LabelledResults[], pick: (r: RunResult) => number | null): BarRow[] {
  const rows: BarRow[] = [];
  files.forEach((f, fi) => f.results.runs.forEach((r) => {
    const v = finiteOrNull(pick(r));
    if (v !== null) rows.push({ series: groupName(files, fi, r), activation: r.activation, file: f.label, value: v });
  }));
  return rows;
}

/**
 * With repeats: one bar per activation at the mean of its runs, a rule from their min to their
 * max, and the mean +- population std (as the results table) as the label.
 */
function repeatBarSpec(rows: BarRow[], domain: readonly string[], title: string, xTitle: string, format: readonly [axis: string, label: string], o: ChartOptions): TopLevelSpec {
  const present = domain.filter((d) => rows.some((r) => r.series === d));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: 'bar: mean over repeats; line: min to max' },
    width: o.width ?? 480,
    height: { step: 26 },
    data: { values: rows },
    transform: [{ aggregate: [{ op: 'mean', field: 'value', as: 'value' }, { op: 'stdevp', field: 'value', as: 'sd' }, { op: 'min', field: 'value', as: 'lo' }, { op: 'max', field: 'value', as: 'hi' }, { op: 'count', as: 'n' }], groupby: ['series'] }],
    encoding: {
      y: { field: 'series', type: 'nominal', title: null, sort: present, axis: { labelLimit: 260 } },
      x: { field: 'value', type: 'quantitative', title: xTitle, axis: { format: format[0] } },
      tooltip: [{ field: 'series', title: 'Activation' }, { field: 'value', title: 'mean', format: format[1] }, { field: 'sd', title: 'std', format: format[1] }, { field: 'lo', title: 'min', format: format[1] }, { field: 'hi', title: 'max', format: format[1] }, { field: 'n', title: 'runs' }],
    },
    layer: [
      { mark: { type: 'bar', height: { band: 0.7 }, opacity: 0.8 }, encoding: { color: { field: 'series', type: 'nominal', scale: { domain }, legend: null } } },
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { x: { field: 'hi', type: 'quantitative' }, text: { field: 'value', type: 'quantitative', format: format[1] } } },
    ],
  } as TopLevelSpec;
}

function barSpec(rows: BarRow[], domain: readonly string[], title: string, xTitle: string, format: readonly [axis: string, label: string], o: ChartOptions): TopLevelSpec {
  const present = domain.filter((d) => rows.some((r) => r.series === d));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: o.width ?? 480,
    height: { step: 26 },
    data: { values: rows },
    encoding: {
      y: { field: 'series', type: 'nominal', title: null, sort: present, axis: { labelLimit: 260 } },
      x: { field: 'value', type: 'quantitative', title: xTitle, axis: { format: format[0] } },
    },
    layer: [
      { mark: { type: 'bar', height: { band: 0.7 } }, encoding: { color: { field: 'series', type: 'nominal', scale: { domain }, legend: null } } },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'value', type: 'quantitative', format: format[1] } } },
    ],
  } as TopLevelSpec;
}

/**
 * Final accuracy on the held-out test split, one labelled bar per activation (0..100 %); with
 * repeats, the mean with a min-max line.
 */
export function testAccuracySpec(files: readonly LabelledResults[], o: ChartOptions = {}): TopLevelSpec {
  const repeats = hasRepeats(files);
  const domain = repeats ? groupDomain(files) : seriesDomain(files);
  const rows = repeats ? groupBarRows(files, (r) => r.testAccuracy) : barRows(files, (r) => r.testAccuracy);
  const spec = (repeats ? repeatBarSpec : barSpec)(rows, domain, 'Final test accuracy', 'Test accuracy', ['.0%', '.2%'], o) as unknown as { encoding: { x: { scale?: unknown } }; title?: unknown };
  spec.encoding.x.scale = { domain: [0, 1] };
  const missing = domain.filter((s) => !rows.some((r) => r.series === s));
  if (missing.length) spec.title = { text: 'Final test accuracy', subtitle: `No test accuracy (no finished epoch): ${missing.join(', ')}` };
  return spec as unknown as TopLevelSpec;
}

/** Training throughput in samples per second (all epochs), one labelled bar per activation; with repeats, the mean with a min-max line. */
export function samplesPerSecondSpec(files: readonly LabelledResults[], o: ChartOptions = {}): TopLevelSpec {
  if (hasRepeats(files)) return repeatBarSpec(groupBarRows(files, (r) => r.samplesPerSecond), groupDomain(files), 'Training speed', 'Samples per second', [',.0f', ',.0f'], o);
  return barSpec(barRows(files, (r) => r.samplesPerSecond), seriesDomain(files), 'Training speed', 'Samples per second', [',.0f', ',.0f'], o);
}

/** A chart of the results panel and of `render`: its id, title, builder and when it has something to draw. */
export interface ResultsFigure {
  readonly id: string;
  readonly title: string;
  readonly build: (files: readonly LabelledResults[], o: ChartOptions) => TopLevelSpec;
  readonly applies: (files: readonly LabelledResults[]) => boolean;
}

const always = (): boolean => true;

/** The five charts every results file has, in panel order. */
export const BASE_FIGURES: readonly ResultsFigure[] = [
  { id: 'val-accuracy', title: 'Validation accuracy per epoch', build: valAccuracySpec, applies: always },
  { id: 'val-loss', title: 'Validation loss per epoch', build: valLossSpec, applies: always },
  { id: 'train-curves', title: 'Training curves', build: trainCurvesSpec, applies: always },
  { id: 'test-accuracy', title: 'Final test accuracy', build: testAccuracySpec, applies: always },
  { id: 'samples-per-second', title: 'Training speed', build: samplesPerSecondSpec, applies: always },
];

/**
 * The given charts in one column (what `activation-lab render` writes): every figure of
 * `figures` that applies to `files` (default: the five base charts).
 */
export function allChartsSpec(files: readonly LabelledResults[], o: ChartOptions = {}, figures: readonly ResultsFigure[] = BASE_FIGURES): TopLevelSpec {
  const strip = (s: TopLevelSpec) => {
    const { $schema: _s, ...rest } = s as unknown as Record<string, unknown>;
    return rest;
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    vconcat: figures.filter((f) => f.applies(files)).map((f) => strip(f.build(files, o))),
    resolve: { scale: { color: 'independent', strokeDash: 'independent', shape: 'independent' } },
    spacing: 36,
  } as unknown as TopLevelSpec;
}

/** One training batch of a live run; `epoch` is fractional (epoch index + (batch+1)/batches). */
export interface BatchRow {
  readonly series: string;
  /** Run index: repeats of one activation share its colour, one line each. */
  readonly run?: number;
  readonly epoch: number;
  readonly loss: number;
}

const BATCH_LEGEND = { title: 'Activation', orient: 'bottom', direction: 'horizontal', columns: 3, labelLimit: 300, symbolStrokeWidth: 2 };

/**
 * Live per-batch training loss (mean over the batch) against fractional epochs, one line
 * per activation, for the MNIST panel while it trains. `series` lists the legend order.
 */
export function batchLossSpec(rows: readonly BatchRow[], series: readonly string[], o: ChartOptions = {}): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Training loss per batch',
    width: o.width ?? 480,
    height: o.height ?? 220,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.5, clip: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'Epoch (fraction of a pass)', scale: { zero: true, nice: false } },
      y: { field: 'loss', type: 'quantitative', title: 'Batch loss', scale: { zero: false } },
      color: { field: 'series', type: 'nominal', scale: { domain: series }, legend: BATCH_LEGEND },
      strokeDash: { field: 'series', type: 'nominal', scale: { domain: series, range: DASHES }, legend: BATCH_LEGEND },
      detail: { field: 'run', type: 'nominal' },
    },
  } as TopLevelSpec;
}
