/**
 * Vega-lite specs of the Gradient Flow panel (pure: no DOM, no vscode): gradient magnitude
 * per layer, N-step history, depth sweep. Series differ by colour AND dash pattern AND
 * point shape, so the charts read in greyscale and for colour-blind users.
 *
 * Magnitudes are plotted as base-10 logarithms computed in log space (see chain.ts) on an
 * axis labelled in powers of ten: a log scale that still shows 25^999 (1e1396) or 1e-400,
 * which a double-valued vega `log` scale cannot hold. Exact zeros (log = -Infinity) are
 * never dropped: they sit on a floor line one decade below the smallest value, drawn as
 * crosses and labelled "= 0".
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ChainVerdict, Verdict } from '../gradient/verdict';
import type { ChainGradients } from '../gradient/chain';
import type { DescentHistory } from '../gradient/descent';
import type { DepthSeries } from '../gradient/depthSweep';

const DASH_LIST: readonly (readonly number[])[] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4], [3, 5], [10, 2, 2, 2], [4, 1]];
const SHAPE_LIST: readonly string[] = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'triangle-left', 'triangle-right'];
const VERDICTS: readonly Verdict[] = ['healthy', 'vanishing', 'exploding', 'dead'];
const VERDICT_SHAPES = ['circle', 'triangle-down', 'triangle-up', 'cross'];
/** Axis labels for log10 data: 10^k written as 1e±k. */
const POW10_LABEL = "datum.value == 0 ? '1' : '1e' + datum.value";

/** One bar of the magnitude chart. */
export interface MagnitudeRow {
  readonly layer: number;
  /** log10 |dC/db_j|, or the floor for exact zeros. */
  readonly log10: number;
  readonly zero: boolean;
  readonly verdict: Verdict;
  /** The double as text (may be "Infinity" / "0"). */
  readonly text: string;
}

/** Rows of the magnitude chart and the floor used for zeros. */
export function magnitudeRows(g: ChainGradients, v: ChainVerdict): { rows: MagnitudeRow[]; floor: number } {
  const logs = g.layers.map((l) => l.log10AbsDCdb);
  const finite = logs.filter((x) => Number.isFinite(x));
  const floor = finite.length ? Math.floor(Math.min(...finite)) - 1 : -1;
  const rows = g.layers.map((l, j) => ({
    layer: j + 1,
    log10: Number.isFinite(logs[j]!) ? logs[j]! : floor,
    zero: !Number.isFinite(logs[j]!),
    verdict: v.layers[j]!.verdict,
    text: String(l.dCdb),
  }));
  return { rows, floor };
}

/**
 * |dC/db_j| per layer on a log axis, points shaped and coloured by verdict, zeros on the
 * floor, and the two verdict thresholds translated to |dC/db| = gain * |dC/da_L| as rules.
 * `verdictColors` (CSS colours) makes the points match the page's verdict badges.
 */
export function magnitudeSpec(g: ChainGradients, v: ChainVerdict, width = 560, height = 260, verdictColors?: Readonly<Record<Verdict, string>>): TopLevelSpec {
  const { rows, floor } = magnitudeRows(g, v);
  const lgErr = Math.log10(Math.abs(g.dCdaL));
  const rules = Number.isFinite(lgErr)
    ? [
        { y: lgErr + Math.log10(v.thresholds.vanishingBelow), label: `vanishing below (gain ${v.thresholds.vanishingBelow})`, dy: 11 },
        { y: lgErr + Math.log10(v.thresholds.explodingAbove), label: `exploding above (gain ${v.thresholds.explodingAbove})`, dy: -6 },
      ]
    : [];
  const x = { field: 'layer', type: 'quantitative', title: 'Layer j', axis: { tickMinStep: 1, format: 'd' }, scale: { domain: [0.5, rows.length + 0.5], nice: false } };
  const y = { field: 'log10', type: 'quantitative', title: '|∂C/∂b_j| (log scale)', axis: { labelExpr: POW10_LABEL, tickMinStep: 1 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Magnitude of dC/db per layer on a logarithmic axis, with verdict per layer',
    width, height,
    layer: [
      { data: { values: rules }, mark: { type: 'rule', strokeDash: [4, 4], opacity: 0.7 }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      ...rules.map((r) => ({ data: { values: [r] }, mark: { type: 'text', align: 'left', dx: 4, dy: r.dy, opacity: 0.8 }, encoding: { y: { field: 'y', type: 'quantitative' }, x: { datum: 0.5, type: 'quantitative' }, text: { field: 'label' } } })),
      { data: { values: [{ y: floor }] }, mark: { type: 'rule', strokeDash: [1, 3], opacity: rows.some((r) => r.zero) ? 0.7 : 0 }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      { data: { values: rows }, mark: { type: 'line', opacity: 0.5 }, encoding: { x, y } },
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: rows.length > 100 ? 20 : 70 },
        encoding: {
          x, y,
          color: { field: 'verdict', type: 'nominal', title: 'Verdict', scale: { domain: [...VERDICTS], ...(verdictColors ? { range: VERDICTS.map((k) => verdictColors[k]) } : {}) } },
          shape: { field: 'verdict', type: 'nominal', scale: { domain: [...VERDICTS], range: VERDICT_SHAPES } },
          tooltip: [{ field: 'layer', title: 'layer' }, { field: 'text', title: '∂C/∂b' }, { field: 'verdict' }],
        },
      },
      { data: { values: rows.filter((r) => r.zero) }, mark: { type: 'text', dy: 12, fontSize: 10 }, encoding: { x, y, text: { value: '= 0' } } },
    ],
  } as TopLevelSpec;
}

/** At most `max` layer indices (0-based) spread over 0..L-1, always the first and last. */
export function pickLayers(L: number, max = 8): number[] {
  if (L <= max) return Array.from({ length: L }, (_, j) => j);
  const out = new Set<number>();
  for (let i = 0; i < max; i++) out.add(Math.round((i * (L - 1)) / (max - 1)));
  return [...out];
}

/** Colour + dash + shape on one field; vega-lite merges the three into one legend (bottom). */
function seriesEncoding(field: string, domain: readonly string[]): Record<string, unknown> {
  const legend = { orient: 'bottom', title: null, symbolStrokeWidth: 2, symbolSize: 120 };
  return {
    color: { field, type: 'nominal', scale: { domain }, legend },
    strokeDash: { field, type: 'nominal', scale: { domain, range: DASH_LIST.slice(0, domain.length).map((d) => [...d]) }, legend },
    shape: { field, type: 'nominal', scale: { domain, range: SHAPE_LIST.slice(0, domain.length) }, legend },
  };
}

/**
 * Cost and parameters over gradient-descent steps (step 0 = start). Parameters of at
 * most 8 layers are drawn (first, last and evenly spaced ones; named in the legend).
 */
export function stepsSpec(h: DescentHistory, width = 260, height = 200): TopLevelSpec {
  const cost = h.cost.map((c, s) => ({ step: s, cost: c }));
  const layers = pickLayers(h.weights[0]!.length);
  const names = layers.map((j) => `layer ${j + 1}`);
  const params = h.weights.flatMap((ws, s) => layers.flatMap((j, i) => [
    { step: s, kind: 'w_j', layer: names[i], value: ws[j] },
    { step: s, kind: 'b_j', layer: names[i], value: h.biases[s]![j] },
  ]));
  const x = { field: 'step', type: 'quantitative', title: 'Step', axis: { tickMinStep: 1, format: 'd' } };
  const point = cost.length <= 60;
  const paramChart = (kind: string, title: string) => ({
    width, height, title,
    data: { values: params.filter((p) => p.kind === kind) },
    mark: { type: 'line', point },
    encoding: { x, y: { field: 'value', type: 'quantitative', title, scale: { zero: false } }, ...seriesEncoding('layer', names) },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Cost and parameters over gradient-descent steps',
    hconcat: [
      { width, height, title: 'Cost C = (a_L − y)²', data: { values: cost }, mark: { type: 'line', point }, encoding: { x, y: { field: 'cost', type: 'quantitative', title: 'C' } } },
      paramChart('w_j', 'Weights w_j'),
      paramChart('b_j', 'Biases b_j'),
    ],
    resolve: { scale: { color: 'shared', strokeDash: 'shared', shape: 'shared' } },
  } as TopLevelSpec;
}

/**
 * Depth sweep: log10 ||dC/dK_l||_F per layer for every activation on one log axis, and
 * beside it the mean and the variance of the activations per layer (reference rules at
 * mean 0 and variance 1, SELU's fixed point). Zero norms sit on a floor marked "= 0".
 */
export function depthSweepSpec(series: readonly DepthSeries[], width = 300, height = 240): TopLevelSpec {
  const names = series.map((s) => s.name);
  const logs = series.flatMap((s) => s.gradNorm.map((g) => Math.log10(g))).filter((v) => Number.isFinite(v));
  const floor = logs.length ? Math.floor(Math.min(...logs)) - 1 : -1;
  const grad = series.flatMap((s) => s.gradNorm.map((g, l) => ({ activation: s.name, layer: l + 1, log10: g > 0 && Number.isFinite(g) ? Math.log10(g) : floor, zero: !(g > 0), text: String(g) })));
  const stats = series.flatMap((s) => s.mean.map((m, l) => ({ activation: s.name, layer: l + 1, mean: m, variance: s.variance[l] })));
  const x = { field: 'layer', type: 'quantitative', title: 'Layer l', axis: { tickMinStep: 1, format: 'd' } };
  const enc = seriesEncoding('activation', names);
  const line = { type: 'line', point: { size: 18 } };
  const statChart = (field: 'mean' | 'variance', title: string, ref: number, scale: Record<string, unknown>) => ({
    width, height, title,
    layer: [
      { data: { values: [{ ref }] }, mark: { type: 'rule', strokeDash: [4, 4], opacity: 0.6 }, encoding: { y: { field: 'ref', type: 'quantitative' } } },
      { data: { values: stats }, mark: line, encoding: { x, y: { field, type: 'quantitative', title, scale }, ...enc, tooltip: [{ field: 'activation' }, { field: 'layer' }, { field, format: '.4f' }] } },
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Gradient norm per layer for each activation, and mean and variance of activations per layer',
    hconcat: [
      {
        width, height, title: '‖∂C/∂K_l‖ (log scale)',
        layer: [
          { data: { values: grad }, mark: line, encoding: { x, y: { field: 'log10', type: 'quantitative', title: '‖∂C/∂K_l‖_F', axis: { labelExpr: POW10_LABEL, tickMinStep: 1 } }, ...enc, tooltip: [{ field: 'activation' }, { field: 'layer' }, { field: 'text', title: 'norm' }] } },
          { data: { values: grad.filter((r) => r.zero) }, mark: { type: 'text', dy: 10, fontSize: 10 }, encoding: { x, y: { field: 'log10', type: 'quantitative' }, text: { value: '= 0' } } },
        ],
      },
      statChart('mean', 'Mean of activations', 0, { zero: false }),
      statChart('variance', 'Variance of activations', 1, { type: 'symlog' }),
    ],
    resolve: { scale: { color: 'shared', strokeDash: 'shared', shape: 'shared' } },
  } as TopLevelSpec;
}
