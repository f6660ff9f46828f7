/**
 * Vega-lite specs for what happens inside the CNN (results file schemaVersion 2, issue
 * "why an activation wins"): gradient norm per layer, dead and saturated units, z histograms,
 * the clipped fraction, the confusion matrix with per-class accuracy, and misclassified test
 * digits. Pure (no DOM, no vscode): used by the results panel and `activation-lab render`.
 * Repeats of one activation are one series: the mean line, with a min-max band where there
 * are several. Runs without diagnostics (schemaVersion 1, `--no-diagnostics`) are left out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../training/types';
import { BASE_FIGURES, DASHES, groupDomain, groupName, LEGEND, type ChartOptions, type LabelledResults, type ResultsFigure } from './resultsCharts';
import { confusionSpec, misclassifiedSpec } from './testSplitCharts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';


/** One value of one layer of one run at one (1-based) epoch. */
export interface LayerRow {
  /** Activation label (plus ` · <file>` when files are compared): repeats share it. */
  readonly series: string;
  readonly layer: string;
  readonly measure: string;
  readonly epoch: number;
  readonly value: number | null;
}

const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Long-form rows of per-layer diagnostics: `pick` returns a layer's per-epoch list for each
 * measure name. Runs without diagnostics give none.
 */
export function layerRows(files: readonly LabelledResults[], pick: (l: NonNullable<RunResult['diagnostics']>['layers'][number]) => Record<string, ReadonlyArray<number | null>>): LayerRow[] {
  const rows: LayerRow[] = [];
  files.forEach((f, fi) => f.results.runs.forEach((r) => {
    for (const l of r.diagnostics?.layers ?? []) {
      for (const [measure, xs] of Object.entries(pick(l))) {
        xs.forEach((v, e) => rows.push({ series: groupName(files, fi, r), layer: l.name, measure, epoch: e + 1, value: finite(v) }));
      }
    }
  }));
  return rows;
}

/** Mean line and min-max band of `value` over the repeats of each series, per `by` fields. */
function bandLayers(domain: readonly string[], yTitle: string, yScale: Record<string, unknown>, format: string): Record<string, unknown> {
  const color = { field: 'series', type: 'nominal', scale: { domain }, legend: LEGEND };
  const x = { field: 'epoch', type: 'quantitative', title: 'Epoch', axis: { tickMinStep: 1, format: 'd' }, scale: { zero: false, nice: false } };
  return {
    layer: [
      {
        mark: { type: 'area', opacity: 0.18 },
        encoding: { x, y: { field: 'lo', type: 'quantitative', scale: yScale, title: yTitle }, y2: { field: 'hi' }, color },
      },
      {
        mark: { type: 'line', point: { filled: false, size: 40 }, strokeWidth: 2, clip: true },
        encoding: {
          x, y: { field: 'mean', type: 'quantitative', scale: yScale, title: yTitle, axis: { format } }, color,
          // Same field and legend as the colour: one merged legend showing colour and dash.
          strokeDash: { field: 'series', type: 'nominal', scale: { domain, range: DASHES }, legend: color.legend },
          tooltip: [{ field: 'series', title: 'Activation' }, { field: 'epoch' }, { field: 'mean', title: 'mean', format }, { field: 'lo', title: 'min', format }, { field: 'hi', title: 'max', format }, { field: 'n', title: 'runs' }],
        },
      },
    ],
  };
}

/** Aggregate over repeats: mean, min, max and count of non-null values per series, epoch and `by`. */
function aggregateOverRepeats(by: readonly string[]): unknown[] {
  return [
    { filter: 'isValid(datum.value)' },
    { aggregate: [{ op: 'mean', field: 'value', as: 'mean' }, { op: 'min', field: 'value', as: 'lo' }, { op: 'max', field: 'value', as: 'hi' }, { op: 'valid', field: 'value', as: 'n' }], groupby: ['series', 'epoch', ...by] },
  ];
}

function facetedLayers(title: string | Record<string, unknown>, rows: readonly LayerRow[], domain: readonly string[], yTitle: string, yScale: Record<string, unknown>, format: string, o: ChartOptions, row?: string): TopLevelSpec {
  const layers = [...new Set(rows.map((r) => r.layer))];
  const w = Math.max(140, Math.round((o.width ?? 480) / Math.max(1, layers.length)) - 20);
  return {
    $schema: SCHEMA,
    title,
    data: { values: rows },
    transform: aggregateOverRepeats(['layer', 'measure']),
    facet: { column: { field: 'layer', type: 'nominal', title: null, sort: layers }, ...(row ? { row: { field: row, type: 'nominal', title: null } } : {}) },
    spec: { width: w, height: o.height ?? 180, ...bandLayers(domain, yTitle, yScale, format) },
    resolve: { scale: { y: 'shared' } },
  } as unknown as TopLevelSpec;
}

/**
 * Mean raw kernel-gradient L2 norm per layer against epoch, one line per activation, log
 * scale (the real network's version of the Gradient Flow panel's chain).
 */
export function gradNormSpec(files: readonly LabelledResults[], o: ChartOptions = {}): TopLevelSpec {
  const rows = layerRows(files, (l) => ({ gradNorm: l.gradNorm })).filter((r) => r.value === null || r.value > 0);
  return facetedLayers({ text: 'Gradient norm per layer', subtitle: 'mean over the epoch of ||dC/dK|| before clipping (log scale)' }, rows, groupDomain(files), '||dC/dK||', { type: 'log' }, '.3~e', o);
}

/** Dead units (f'(z) = 0 on every probe image) and saturated (image, unit) pairs per layer, as fractions. */
export function deadSaturatedSpec(files: readonly LabelledResults[], o: ChartOptions = {}): TopLevelSpec {
  const rows = layerRows(files, (l) => ({ dead: l.deadFraction, saturated: l.saturatedFraction }));
  return facetedLayers({ text: 'Dead and saturated units per layer', subtitle: "dead: f'(z) = 0 for every probe image; saturated: |f'(z)| < 1% of its largest" }, rows, groupDomain(files), 'Fraction', { domain: [0, 1] }, '.1~%', o, 'measure');
}

/** Share of gradient components that `clipvalue` clipped, per epoch, one line per activation. */
export function clippedFractionSpec(files: readonly LabelledResults[], o: ChartOptions = {}): TopLevelSpec {
  const rows: LayerRow[] = [];
  files.forEach((f, fi) => f.results.runs.forEach((r) => r.diagnostics?.clippedFraction.forEach((v, e) => rows.push({ series: groupName(files, fi, r), layer: 'all', measure: 'clipped', epoch: e + 1, value: finite(v) }))));
  return {
    $schema: SCHEMA,
    title: { text: 'Clipped gradient components', subtitle: 'share of components that clipvalue clipped, every variable and batch' },
    width: o.width ?? 480,
    height: o.height ?? 200,
    data: { values: rows },
    transform: aggregateOverRepeats([]),
    ...bandLayers(groupDomain(files), 'Fraction clipped', { zero: true }, '.2~%'),
  } as unknown as TopLevelSpec;
}

/** One histogram bin of one layer at one epoch, for the first repeat of each activation. */
export interface HistogramRow {
  readonly series: string;
  readonly layer: string;
  readonly epoch: number;
  /** Bin centre. */
  readonly z: number;
  /** Share of the layer's probe values in the bin (counts / total). */
  readonly share: number;
}

/** Rows of the z histograms (first run of each series; epochs thinned to at most `maxEpochs`, last kept). */
export function histogramRows(files: readonly LabelledResults[], maxEpochs = 4): HistogramRow[] {
  const rows: HistogramRow[] = [];
  const seen = new Set<string>();
  files.forEach((f, fi) => f.results.runs.forEach((r) => {
    const series = groupName(files, fi, r);
    if (!r.diagnostics || seen.has(series)) return;
    seen.add(series);
    for (const l of r.diagnostics.layers) {
      const { edges, counts } = l.histogram;
      const epochs = pickEpochs(counts.length, maxEpochs);
      for (const e of epochs) {
        const c = counts[e]!;
        const total = c.reduce((a, b) => a + b, 0);
        if (total === 0) continue;
        c.forEach((n, k) => rows.push({ series, layer: l.name, epoch: e + 1, z: (edges[k]! + edges[k + 1]!) / 2, share: n / total }));
      }
    }
  }));
  return rows;
}

/** Up to `max` epoch indices out of `n`, evenly spread, first and last included. */
export function pickEpochs(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return [...new Set(Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1))))];
}

/** Histograms of z on the probe batch as small multiples: layer (rows) x epoch (columns), one line per activation. */
export function zHistogramSpec(files: readonly LabelledResults[], o: ChartOptions = {}): TopLevelSpec {
  const rows = histogramRows(files);
  const domain = groupDomain(files);
  const epochs = new Set(rows.map((r) => r.epoch)).size || 1;
  return {
    $schema: SCHEMA,
    title: { text: 'Pre-activation z on the probe batch', subtitle: 'share of values per bin of width 0.25; the end bins also hold values beyond ±8' },
    data: { values: rows },
    facet: { row: { field: 'layer', type: 'nominal', title: null }, column: { field: 'epoch', type: 'ordinal', title: 'Epoch' } },
    spec: {
      width: Math.max(100, Math.round((o.width ?? 480) / epochs) - 16),
      height: 90,
      mark: { type: 'line', interpolate: 'step', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'z', type: 'quantitative', title: 'z', scale: { domain: [-8, 8], nice: false } },
        y: { field: 'share', type: 'quantitative', title: 'Share', axis: { format: '.0%' } },
        color: { field: 'series', type: 'nominal', scale: { domain }, legend: LEGEND },
        strokeDash: { field: 'series', type: 'nominal', scale: { domain, range: DASHES }, legend: LEGEND },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as unknown as TopLevelSpec;
}

/** True when some run of `files` has diagnostics (the diagnostics charts have something to draw). */
export function hasDiagnostics(files: readonly LabelledResults[]): boolean {
  return files.some((f) => f.results.runs.some((r) => r.diagnostics !== undefined));
}

const anyRun = (pred: (r: RunResult) => boolean) => (files: readonly LabelledResults[]): boolean => files.some((f) => f.results.runs.some(pred));

/** The charts of what happens inside the network, each shown only when some run has its data. */
export const DIAGNOSTIC_FIGURES: readonly ResultsFigure[] = [
  { id: 'grad-norm', title: 'Gradient norm per layer', build: gradNormSpec, applies: hasDiagnostics },
  { id: 'dead-saturated', title: 'Dead and saturated units per layer', build: deadSaturatedSpec, applies: hasDiagnostics },
  { id: 'clipped', title: 'Clipped gradient components', build: clippedFractionSpec, applies: hasDiagnostics },
  { id: 'z-histograms', title: 'Pre-activation z histograms', build: zHistogramSpec, applies: hasDiagnostics },
  { id: 'confusion', title: 'Confusion matrix and per-class accuracy', build: confusionSpec, applies: anyRun((r) => r.confusionMatrix !== undefined) },
  { id: 'misclassified', title: 'Misclassified test digits', build: misclassifiedSpec, applies: anyRun((r) => (r.misclassified?.length ?? 0) > 0) },
];

/** Every chart of the results panel and of `render`, in order. */
export const RESULTS_FIGURES: readonly ResultsFigure[] = [...BASE_FIGURES, ...DIAGNOSTIC_FIGURES];
