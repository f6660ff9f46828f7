/**
 * The small chart of f and f' shown in hovers and the side view: a vega-lite spec with the
 * data inline. f is solid, f' dashed (distinguishable without colour), with a legend. Pure:
 * the host renders it to SVG for hovers; the side view renders it with vega-embed.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ActivationDef, Params } from '../activations/types';

/** Colours for charts drawn outside a webview (hovers cannot read --vscode-* variables). */
export interface MiniPlotColors {
  readonly f: string;
  readonly df: string;
  readonly text: string;
  readonly grid: string;
}

/** Options of {@link miniPlotSpec}; x-range in the activation's input units (z). */
export interface MiniPlotOptions {
  readonly xMin: number;
  readonly xMax: number;
  /** Grid points, at least 2 (x = 0 is added when inside the range). Default 121. */
  readonly samples?: number;
  readonly width?: number;
  readonly height?: number;
  /** Omit for webviews (their chart.ts themes the spec). */
  readonly colors?: MiniPlotColors;
}

/** Hover colours by theme kind: VS Code's default chart colours for light and dark themes. */
export const MINI_PLOT_THEMES: Readonly<Record<'light' | 'dark', MiniPlotColors>> = {
  light: { f: '#005fb8', df: '#b35c00', text: '#3b3b3b', grid: 'rgba(128,128,128,0.3)' },
  dark: { f: '#3794ff', df: '#e8a33d', text: '#cccccc', grid: 'rgba(128,128,128,0.35)' },
};

/** Legend label of the f series. */
export const MINI_F = 'f(x)';
/** Legend label of the f' series. */
export const MINI_DF = 'f\u2032(x)';

/** One plotted vertex; `seg` splits a series where the function is not finite. */
export interface MiniRow {
  readonly s: string;
  readonly seg: number;
  readonly x: number;
  readonly y: number;
}

/**
 * Samples f and f' on an even grid over [xMin, xMax] (plus x = 0 when inside).
 * @throws RangeError when the range is empty or not finite, or samples < 2.
 */
export function miniPlotRows(def: ActivationDef, params: Params, o: MiniPlotOptions): MiniRow[] {
  const n = o.samples ?? 121;
  if (!(Number.isFinite(o.xMin) && Number.isFinite(o.xMax) && o.xMin < o.xMax)) {
    throw new RangeError(`plot x-range must be finite with min < max, got [${o.xMin}, ${o.xMax}]`);
  }
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`samples must be an integer >= 2, got ${n}`);
  const xs = Array.from({ length: n }, (_, i) => o.xMin + ((o.xMax - o.xMin) * i) / (n - 1));
  if (o.xMin < 0 && o.xMax > 0 && !xs.includes(0)) xs.push(0);
  xs.sort((a, b) => a - b);
  const rows: MiniRow[] = [];
  for (const [s, g] of [[MINI_F, def.f], [MINI_DF, def.df]] as const) {
    let seg = 0;
    for (const x of xs) {
      const y = g(x, params);
      if (Number.isFinite(y)) rows.push({ s, seg, x, y });
      else seg++;
    }
  }
  return rows;
}

/** The y-domain: the data's range, padded 5 %, at least [-1, 1] wide around it. */
function yDomain(rows: readonly MiniRow[]): [number, number] {
  let lo = Math.min(0, ...rows.map((r) => r.y));
  let hi = Math.max(1, ...rows.map((r) => r.y));
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  return [Number(lo.toPrecision(6)), Number(hi.toPrecision(6))];
}

/**
 * The mini chart: two lines (f solid, f' dashed), x from `xMin` to `xMax`, with a legend.
 * @throws RangeError from {@link miniPlotRows}.
 */
export function miniPlotSpec(def: ActivationDef, params: Params, o: MiniPlotOptions): TopLevelSpec {
  const rows = miniPlotRows(def, params, o);
  const c = o.colors;
  const axis = c ? { labelColor: c.text, titleColor: c.text, domainColor: c.text, tickColor: c.text, gridColor: c.grid } : {};
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${def.name}: f and its derivative over [${o.xMin}, ${o.xMax}]`,
    width: o.width ?? 260,
    height: o.height ?? 140,
    background: 'transparent',
    data: { values: rows },
    mark: { type: 'line', clip: true, strokeWidth: 2 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: 'x', scale: { domain: [o.xMin, o.xMax], nice: false }, axis: { tickCount: 5, ...axis } },
      y: { field: 'y', type: 'quantitative', title: null, scale: { domain: yDomain(rows), nice: false }, axis: { tickCount: 4, ...axis } },
      color: {
        field: 's', type: 'nominal', title: null,
        scale: { domain: [MINI_F, MINI_DF], ...(c ? { range: [c.f, c.df] } : {}) },
        legend: { orient: 'top', direction: 'horizontal', ...(c ? { labelColor: c.text } : {}) },
      },
      strokeDash: { field: 's', type: 'nominal', scale: { domain: [MINI_F, MINI_DF], range: [[1, 0], [5, 3]] }, title: null, legend: { orient: 'top', direction: 'horizontal' } },
      detail: { field: 'seg', type: 'nominal' },
      order: { field: 'x', type: 'quantitative' },
    },
    ...(c ? { config: { view: { stroke: c.grid }, font: 'sans-serif' } } : {}),
  };
}
