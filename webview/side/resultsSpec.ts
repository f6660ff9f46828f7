/**
 * Compact chart of the latest MNIST results under the side view: validation accuracy per
 * epoch, one line per activation, told apart by dash pattern and point shape as well as
 * colour. Pure (no DOM): unit-testable.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SideRun } from '../../src/protocol/sideView';

/** Row of the chart: epoch is 1-based; accuracy in 0..1. */
export interface ResultRow {
  readonly activation: string;
  readonly epoch: number;
  readonly accuracy: number;
}

/** Rows for every finite validation accuracy of every run (labels made unique). */
function resultRows(runs: readonly SideRun[]): ResultRow[] {
  const seen = new Map<string, number>();
  return runs.flatMap((r) => {
    const k = (seen.get(r.activation) ?? 0) + 1;
    seen.set(r.activation, k);
    const name = k === 1 ? r.activation : `${r.activation} #${k}`;
    return r.valAccuracy.flatMap((a, i) => (a === null ? [] : [{ activation: name, epoch: i + 1, accuracy: a }]));
  });
}

/** The vega-lite spec (themed by webview/shared/chart.ts). */
export function resultsSpec(runs: readonly SideRun[], width: number): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height: 120,
    data: { values: resultRows(runs) },
    mark: { type: 'line', point: true, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' } },
      y: { field: 'accuracy', type: 'quantitative', title: 'val. accuracy', scale: { zero: false }, axis: { format: '.0%' } },
      color: { field: 'activation', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 3 } },
      strokeDash: { field: 'activation', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 3 } },
      shape: { field: 'activation', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 3 } },
      tooltip: [{ field: 'activation' }, { field: 'epoch' }, { field: 'accuracy', format: '.2%' }],
    },
  };
}
