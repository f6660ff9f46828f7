/**
 * The Activation Explorer chart as a vega-lite spec: f (solid) and f' (dashed) of one or
 * several activations over an x-range, with kink dots, shape markers per activation (so
 * curves differ without colour) and a hover cursor rule (dataset `cursor`, set by the page). Pure: the webview renders
 * it; tests and the bench build it in Node.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ActivationDef, Params } from '../activations/types';
import { sampleCurve, simplifyMask, type Polyline, type SampledCurve, type XRange } from './explorerSampling';

/** Series label of f, also its strokeDash legend entry. */
export const F_LABEL = 'f(x)';
/** Series label of f' (with U+2032 PRIME), also its strokeDash legend entry. */
export const DF_LABEL = 'f\u2032(x)';
/** Dash pattern of f (px on, px off): solid. */
export const F_DASH: readonly number[] = [1, 0];
/** Dash pattern of f' (px on, px off): dashed, so f and f' differ without colour. */
export const DF_DASH: readonly number[] = [6, 4];
/** Shape markers placed along each curve, per activation, in legend order. */
export const SHAPES: readonly string[] = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'triangle-left', 'triangle-right'];
/** Markers per curve (spread evenly, offset per activation so they do not overlap). */
const MARKERS_PER_CURVE = 8;

/** One activation to plot with its parameter values. */
export interface CurveInput {
  readonly def: ActivationDef;
  readonly params: Params;
}

/** Chart options; `yMin`/`yMax` clip the y-axis (undefined = fit the data). */
export interface ExplorerChartOptions {
  readonly range: XRange;
  readonly samples: number;
  readonly yMin?: number;
  readonly yMax?: number;
  /** Plot height in px (width follows the container). */
  readonly height?: number;
  /**
   * Line simplification tolerance as a fraction of the plot's width/height (see
   * `simplify`); default {@link DEFAULT_SIMPLIFY}, 0 keeps every sample.
   */
  readonly simplify?: number;
}

/** Default simplification: at most 1e-4 of the plot size (0.05 px on a 500 px plot). */
export const DEFAULT_SIMPLIFY = 1e-4;

/** A line vertex: `seg` identifies one unbroken piece, `m` marks a shape-marker vertex. */
export interface ExplorerRow {
  readonly name: string;
  readonly series: string;
  readonly seg: string;
  readonly x: number;
  readonly y: number;
  readonly m?: true;
}

/** A point where f' (or f) jumps: `y` is the value the definition returns there. */
export interface KinkRow {
  readonly name: string;
  readonly series: string;
  readonly x: number;
  readonly y: number;
  readonly left: number;
  readonly right: number;
}

/** The sampled datasets of the spec (named `rows` and `kinks`). */
export interface ExplorerData {
  readonly rows: ExplorerRow[];
  readonly kinks: KinkRow[];
}

/** Display names made unique (a custom definition may reuse a catalogue name). */
export function curveNames(curves: readonly CurveInput[]): string[] {
  const seen = new Map<string, number>();
  return curves.map(({ def }) => {
    const k = (seen.get(def.name) ?? 0) + 1;
    seen.set(def.name, k);
    return k === 1 ? def.name : `${def.name} (${def.id})`;
  });
}

/**
 * Samples every curve (see `sampleCurve`) into the chart's datasets. Rows: for each
 * curve and series, the `samples` grid points + located kinks, simplified (`simplify`
 * option) so straight runs cost two vertices; kinks are never simplified.
 * @throws RangeError for a bad range or sample count.
 */
export function explorerData(curves: readonly CurveInput[], o: ExplorerChartOptions): ExplorerData {
  const names = curveNames(curves);
  const sampled = curves.map(({ def, params }) => sampleCurve(def, params, o.range, o.samples));
  const span = o.range.max - o.range.min;
  const ySpan = o.yMin !== undefined && o.yMax !== undefined ? o.yMax - o.yMin : yExtent(sampled);
  const eps = o.simplify ?? DEFAULT_SIMPLIFY;
  const rows: ExplorerRow[] = [];
  const kinks: KinkRow[] = [];
  sampled.forEach((s, c) => {
    const name = names[c]!;
    const every = span / MARKERS_PER_CURVE;
    const first = o.range.min + every * ((c + 0.5) / Math.max(1, curves.length));
    for (const [series, polys, jumps] of [[F_LABEL, s.f, s.fJumps], [DF_LABEL, s.df, s.dfJumps]] as const) {
      let next = first;
      polys.forEach((full, p) => {
        const keep = simplifyMask(full, span, ySpan, eps);
        full.forEach(({ x, y }, i) => {
          const mark = x >= next; // markers sit on exact samples, simplified away or not
          if (mark) while (next <= x) next += every;
          if (mark) rows.push({ name, series, seg: `${c}|${series}|${p}`, x, y, m: true });
          else if (keep[i]) rows.push({ name, series, seg: `${c}|${series}|${p}`, x, y });
        });
      });
      for (const j of jumps) kinks.push({ name, series, x: j.x, y: j.at, left: j.left, right: j.right });
    }
  });
  return { rows, kinks };
}

/** max - min of every sampled y (f and f'), or 1 when flat or empty. */
function yExtent(sampled: readonly SampledCurve[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  const scan = (polys: readonly Polyline[]) => { for (const poly of polys) for (const { y } of poly) { if (y < lo) lo = y; if (y > hi) hi = y; } };
  for (const s of sampled) { scan(s.f); scan(s.df); }
  return hi > lo ? hi - lo : 1;
}

const NUM = '.6~g';

/**
 * The vega-lite spec without data values: everything that depends only on which curves
 * are shown and the axes. Two calls that return equal JSON differ only in data, so the
 * webview can swap datasets (`view.data`) instead of re-embedding.
 */
export function explorerSpecShape(names: readonly string[], o: ExplorerChartOptions): TopLevelSpec {
  const clipY = o.yMin !== undefined && o.yMax !== undefined;
  const x = { field: 'x', type: 'quantitative', title: 'x (pre-activation)', scale: { domain: [o.range.min, o.range.max], nice: false, zero: false } };
  const y = { field: 'y', type: 'quantitative', title: `${F_LABEL} solid, ${DF_LABEL} dashed`, scale: clipY ? { domain: [o.yMin, o.yMax], nice: false, zero: false } : { zero: false } };
  const color = { field: 'name', type: 'nominal', title: 'Activation', scale: { domain: [...names] } };
  const shape = { field: 'name', type: 'nominal', title: 'Activation', scale: { domain: [...names], range: names.map((_, i) => SHAPES[i % SHAPES.length]) } };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: o.height ?? 380,
    autosize: { type: 'fit-x', contains: 'padding' },
    layer: [
      {
        data: { name: 'rows', format: { parse: null } },
        mark: { type: 'line', strokeWidth: 2, clip: true, aria: false },
        encoding: {
          x, y, color, detail: { field: 'seg' },
          strokeDash: { field: 'series', type: 'nominal', title: 'Curve', scale: { domain: [F_LABEL, DF_LABEL], range: [F_DASH, DF_DASH] }, legend: { symbolStrokeWidth: 2, symbolSize: 300 } },
        },
      },
      {
        data: { name: 'rows', format: { parse: null } },
        transform: [{ filter: 'datum.m' }],
        mark: { type: 'point', filled: true, size: 45, clip: true, strokeWidth: 0, aria: false },
        encoding: { x, y, color, shape, tooltip: [{ field: 'name', title: 'Activation' }, { field: 'series', title: 'Curve' }, { field: 'x', type: 'quantitative', format: NUM }, { field: 'y', type: 'quantitative', format: NUM }] },
      },
      {
        data: { name: 'kinks' },
        mark: { type: 'point', filled: true, size: 70, clip: true, stroke: null },
        encoding: {
          x, y, color,
          tooltip: [
            { field: 'name', title: 'Activation' }, { field: 'series', title: 'Jump of' },
            { field: 'x', type: 'quantitative', format: NUM, title: 'at x' },
            { field: 'left', type: 'quantitative', format: NUM, title: 'left limit' },
            { field: 'right', type: 'quantitative', format: NUM, title: 'right limit' },
            { field: 'y', type: 'quantitative', format: NUM, title: 'value at x' },
          ],
        },
      },
      {
        // The hover cursor: 0 or 1 row `{x}` set by the page (cheaper than Vega's nearest-point Voronoi).
        data: { name: 'cursor' },
        mark: { type: 'rule', strokeWidth: 1, opacity: 0.6, aria: false },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
    ],
  };
  return spec as unknown as TopLevelSpec;
}

/**
 * The whole chart: {@link explorerSpecShape} plus the sampled data inlined as named
 * `datasets` (so the spec is self-contained, e.g. for export or the CLI).
 * @throws RangeError for a bad range or sample count.
 */
export function buildExplorerSpec(curves: readonly CurveInput[], o: ExplorerChartOptions): { spec: TopLevelSpec; data: ExplorerData } {
  const data = explorerData(curves, o);
  const shape = explorerSpecShape(curveNames(curves), o);
  return { spec: { ...shape, datasets: { rows: data.rows, kinks: data.kinks, cursor: [] } }, data };
}
