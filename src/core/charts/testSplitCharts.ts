/**
 * Vega-lite specs of a run's test split beyond its accuracy: the confusion matrix with
 * per-class accuracy, and a strip of misclassified test digits with true and predicted
 * labels. Pure (no DOM, no vscode); listed in ./diagnosticsCharts.ts `DIAGNOSTIC_FIGURES`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { groupDomain, groupName, LEGEND, type ChartOptions, type LabelledResults } from './resultsCharts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** One cell of a confusion matrix summed over the repeats of a series. */
export interface ConfusionRow {
  readonly series: string;
  readonly label: number;
  readonly predicted: number;
  readonly count: number;
  /** count / (test digits with this true label): the row-normalised rate. */
  readonly rate: number;
}

/** Confusion matrices summed over each series' repeats (counts), with row-normalised rates. */
export function confusionRows(files: readonly LabelledResults[]): ConfusionRow[] {
  const sums = new Map<string, number[][]>();
  files.forEach((f, fi) => f.results.runs.forEach((r) => {
    if (!r.confusionMatrix) return;
    const s = groupName(files, fi, r);
    const m = sums.get(s) ?? r.confusionMatrix.map((row) => row.map(() => 0));
    r.confusionMatrix.forEach((row, t) => row.forEach((n, p) => (m[t]![p]! += n)));
    sums.set(s, m);
  }));
  const rows: ConfusionRow[] = [];
  for (const [series, m] of sums) {
    m.forEach((row, label) => {
      const total = row.reduce((a, b) => a + b, 0);
      row.forEach((count, predicted) => rows.push({ series, label, predicted, count, rate: total > 0 ? count / total : 0 }));
    });
  }
  return rows;
}

/**
 * Confusion matrix per activation on the test split (rows: true digit, columns: predicted,
 * sklearn's convention; colour: share of that true digit) and per-class accuracy (the
 * diagonal's rate, i.e. recall per digit).
 */
export function confusionSpec(files: readonly LabelledResults[], o: ChartOptions = {}): TopLevelSpec {
  const rows = confusionRows(files);
  const domain = groupDomain(files).filter((s) => rows.some((r) => r.series === s));
  const side = Math.max(160, Math.min(260, Math.round((o.width ?? 480) / Math.max(1, domain.length)) - 30));
  const digit = (field: string, title: string) => ({ field, type: 'ordinal', title, scale: { domain: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] } });
  return {
    $schema: SCHEMA,
    data: { values: rows },
    vconcat: [
      {
        title: { text: 'Confusion matrix (test split)', subtitle: 'rows: true digit; columns: predicted; summed over repeats' },
        facet: { column: { field: 'series', type: 'nominal', title: null, sort: domain } },
        spec: {
          width: side, height: side,
          encoding: { x: digit('predicted', 'Predicted'), y: digit('label', 'True') },
          layer: [
            { mark: 'rect', encoding: { color: { field: 'rate', type: 'quantitative', title: 'Share of true digit', scale: { domain: [0, 1], scheme: 'blues' }, legend: { orient: 'bottom', direction: 'horizontal', titleLimit: 300 } } } },
            { mark: { type: 'text', fontSize: 9 }, encoding: { text: { field: 'count', type: 'quantitative' }, color: { condition: { test: 'datum.rate > 0.5', value: 'white' }, value: 'black' } } },
          ],
        },
      },
      {
        title: 'Per-class accuracy (test split)',
        width: o.width ?? 480, height: 160,
        transform: [{ filter: 'datum.label === datum.predicted' }],
        mark: 'bar',
        encoding: {
          x: digit('label', 'Digit'),
          xOffset: { field: 'series', type: 'nominal', scale: { domain } },
          y: { field: 'rate', type: 'quantitative', title: 'Accuracy', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: { field: 'series', type: 'nominal', scale: { domain }, legend: LEGEND },
          tooltip: [{ field: 'series', title: 'Activation' }, { field: 'label', title: 'Digit' }, { field: 'rate', title: 'Accuracy', format: '.2%' }, { field: 'count', title: 'Correct' }],
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  } as unknown as TopLevelSpec;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Bytes of standard base64 (RFC 4648 section 4; padding optional). @throws RangeError on another character. */
export function base64Bytes(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0, bits = 0, j = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) throw new RangeError(`not base64: ${JSON.stringify(ch)}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** One pixel of a misclassified digit: `digit` numbers it within its series. */
export interface PixelRow {
  readonly series: string;
  readonly digit: number;
  readonly caption: string;
  readonly x: number;
  readonly y: number;
  readonly v: number;
}

/** Pixels (non-zero only) of the first `perSeries` misclassified digits of each series' first run. */
export function misclassifiedRows(files: readonly LabelledResults[], perSeries = 8): PixelRow[] {
  const rows: PixelRow[] = [];
  const seen = new Set<string>();
  files.forEach((f, fi) => f.results.runs.forEach((r) => {
    const series = groupName(files, fi, r);
    if (!r.misclassified?.length || seen.has(series)) return;
    seen.add(series);
    r.misclassified.slice(0, perSeries).forEach((m, digit) => {
      const px = base64Bytes(m.pixels);
      // The number keeps two digits with the same labels apart.
      const caption = `${digit + 1}: true ${m.label} → ${m.predicted}`;
      for (let i = 0; i < px.length; i++) if (px[i]! > 0) rows.push({ series, digit, caption, x: i % 28, y: Math.floor(i / 28), v: px[i]! });
    });
  }));
  return rows;
}

/** A strip of misclassified test digits per activation, each captioned with its true and predicted label. */
export function misclassifiedSpec(files: readonly LabelledResults[], o: ChartOptions = {}): TopLevelSpec {
  const coord = (field: string) => ({ field, type: 'ordinal', axis: null, scale: { domain: Array.from({ length: 28 }, (_, i) => i) } });
  const rows = misclassifiedRows(files);
  const series = [...new Set(rows.map((r) => r.series))];
  const columns = Math.max(1, Math.min(8, Math.floor((o.width ?? 480) / 70)));
  return {
    $schema: SCHEMA,
    title: { text: 'Misclassified test digits', subtitle: 'the first ones of the test split; caption: true → predicted' },
    data: { values: rows },
    vconcat: series.map((name) => ({
      title: { text: name, anchor: 'start', fontSize: 12 },
      transform: [{ filter: { field: 'series', equal: name } }],
      facet: { field: 'caption', type: 'nominal', title: null, sort: { field: 'digit' }, header: { labelOrient: 'bottom' } },
      columns,
      spec: {
        width: 56, height: 56,
        // Paper-white behind the ink in both themes: dark ink on a dark panel would leave only the light edge pixels visible.
        view: { fill: '#ffffff', stroke: '#888888' },
        mark: 'rect',
        encoding: { x: coord('x'), y: coord('y'), color: { field: 'v', type: 'quantitative', scale: { domain: [0, 255], scheme: 'greys' }, legend: null } },
      },
    })),
  } as unknown as TopLevelSpec;
}
