/**
 * Diagnostics charts and repeats (issue: why an activation wins): specs compile with
 * vega-lite without warnings, their rows carry the file's numbers, vega's own dataflow
 * computes the repeat band, and the pure helpers agree with independent references
 * (Node's base64 decoder, counts by hand).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clippedFractionSpec, deadSaturatedSpec, DIAGNOSTIC_FIGURES, gradNormSpec, histogramRows, layerRows, pickEpochs, RESULTS_FIGURES, zHistogramSpec,
} from '../../../src/core/charts/diagnosticsCharts';
import { base64Bytes, confusionRows, confusionSpec, misclassifiedRows, misclassifiedSpec } from '../../../src/core/charts/testSplitCharts';
import { allChartsSpec, hasRepeats, samplesPerSecondSpec, testAccuracySpec, trainCurvesSpec, valAccuracySpec, type LabelledResults } from '../../../src/core/charts/resultsCharts';
import { meanStdPercent, notEstablished } from '../../../src/core/results/summary';
import { parseResults } from '../../../src/core/results/loadFile';
import type { SummaryEntry } from '../../../src/core/training/types';

const FIXTURES = join(__dirname, 'fixtures');
// A real comparison: relu and sigmoid, 2 repeats each, 2 epochs, 256/128 digits, wasm.
const diag = parseResults(readFileSync(join(FIXTURES, 'diagnostics-results.json'), 'utf8'), 'diagnostics-results.json');
const v1 = parseResults(readFileSync(join(FIXTURES, 'sample-results.json'), 'utf8'), 'sample-results.json');
const one: LabelledResults[] = [{ label: 'd', results: diag }];
const two: LabelledResults[] = [{ label: 'd', results: diag }, { label: 'v1', results: v1 }];

async function compileStrict(spec: unknown): Promise<{ data?: Array<{ name: string }> }> {
  const { compile } = await import('vega-lite');
  const warnings: string[] = [];
  const logger = { level: () => logger, error: (...m: unknown[]) => { throw new Error(m.join(' ')); }, warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; }, info: () => logger, debug: () => logger } as never;
  const out = compile(spec as never, { logger });
  assert.deepEqual(warnings, []);
  return out.spec as never;
}

test('every diagnostics spec compiles without warnings, alone, compared with a v1 file, and in render\'s column', async () => {
  for (const files of [one, two]) {
    for (const f of DIAGNOSTIC_FIGURES) await compileStrict(f.build(files, { width: 480 }));
    await compileStrict(valAccuracySpec(files));
  }
  await compileStrict(allChartsSpec(one, {}, RESULTS_FIGURES));
});

test('figures apply only where there is data: none of the diagnostics for a v1 file', () => {
  const v1Only: LabelledResults[] = [{ label: 'v1', results: v1 }];
  assert.deepEqual(DIAGNOSTIC_FIGURES.filter((f) => f.applies(v1Only)).map((f) => f.id), []);
  assert.deepEqual(DIAGNOSTIC_FIGURES.filter((f) => f.applies(one)).map((f) => f.id), ['grad-norm', 'dead-saturated', 'clipped', 'z-histograms', 'confusion', 'misclassified']);
});

test('gradient norm: one row per run, layer and epoch with the file\'s value; log scale; faceted by layer', () => {
  const rows = layerRows(one, (l) => ({ gradNorm: l.gradNorm }));
  assert.equal(rows.length, 4 * 3 * 2);
  const r = diag.runs[1]!;
  const got = rows.filter((x) => x.series === 'relu' && x.layer === 'conv2').map((x) => x.value);
  assert.deepEqual(got, [...diag.runs[0]!.diagnostics!.layers[1]!.gradNorm, ...r.diagnostics!.layers[1]!.gradNorm]);
  const spec = gradNormSpec(one) as Record<string, any>;
  assert.equal(spec.facet.column.field, 'layer');
  assert.equal(spec.spec.layer[1].encoding.y.scale.type, 'log');
  assert.deepEqual(spec.facet.column.sort, ['conv1', 'conv2', 'dense1']);
});

test('repeats: vega\'s dataflow gives the mean line and the min-max band over the two repeats', async () => {
  const vega = await import('vega');
  const compiled = await compileStrict(valAccuracySpec(one));
  const view = new vega.View(vega.parse(compiled as never), { renderer: 'none' });
  await view.runAsync();
  const names = (compiled.data ?? []).map((d) => d.name);
  const rows = names.flatMap((n) => { try { return view.data(n) as Array<Record<string, unknown>>; } catch { return []; } });
  const agg = rows.find((x) => x.series === 'relu' && x.epoch === 2 && 'lo' in x)!;
  const [a, b] = [diag.runs[0]!.history.val_accuracy[1]!, diag.runs[1]!.history.val_accuracy[1]!];
  assert.ok(Math.abs((agg.value as number) - (a + b) / 2) < 1e-12);
  assert.equal(agg.lo, Math.min(a, b));
  assert.equal(agg.hi, Math.max(a, b));
  assert.equal(agg.n, 2);
  view.finalize();
  assert.ok(hasRepeats(one));
  assert.ok(!hasRepeats([{ label: 'v1', results: v1 }]));
});

/** Every row of every named dataset of a compiled spec after vega has run its dataflow. */
async function dataflowRows(spec: unknown): Promise<Array<Record<string, unknown>>> {
  const vega = await import('vega');
  const compiled = await compileStrict(spec);
  const view = new vega.View(vega.parse(compiled as never), { renderer: 'none' });
  await view.runAsync();
  const rows = (compiled.data ?? []).flatMap((d) => { try { return view.data(d.name) as Array<Record<string, unknown>>; } catch { return []; } });
  view.finalize();
  return rows;
}

test('repeats: training curves get the mean and min-max band, the bars the mean with min, max and population std', async () => {
  const [r0, r1] = [diag.runs[0]!, diag.runs[1]!]; // relu, repeats 0 and 1
  assert.equal(r0.activation, 'relu');
  assert.equal(r1.activation, 'relu');
  const curves = await dataflowRows(trainCurvesSpec(one));
  const loss = curves.find((x) => x.series === 'relu' && x.epoch === 1 && x.metric === 'loss' && 'lo' in x)!;
  const [a, b] = [r0.history.loss[0]!, r1.history.loss[0]!];
  assert.ok(Math.abs((loss.value as number) - (a + b) / 2) < 1e-12);
  assert.deepEqual([loss.lo, loss.hi, loss.n], [Math.min(a, b), Math.max(a, b), 2]);
  for (const [spec, pick] of [[testAccuracySpec(one), (r: typeof r0) => r.testAccuracy!], [samplesPerSecondSpec(one), (r: typeof r0) => r.samplesPerSecond!]] as const) {
    const bars = await dataflowRows(spec);
    const bar = bars.find((x) => x.series === 'relu' && 'sd' in x)!;
    const [p, q] = [pick(r0), pick(r1)];
    assert.ok(Math.abs((bar.value as number) - (p + q) / 2) < 1e-9);
    assert.ok(Math.abs((bar.sd as number) - Math.abs(p - q) / 2) < 1e-9, 'population std of two values is half their distance');
    assert.deepEqual([bar.lo, bar.hi, bar.n], [Math.min(p, q), Math.max(p, q), 2]);
    assert.ok(!bars.some((x) => typeof x.series === 'string' && x.series.includes('#2')), 'no per-repeat bar');
  }
});

test('dead/saturated rows are fractions in 0..1; clipped fraction as in the file; histogram shares sum to 1', () => {
  const rows = layerRows(one, (l) => ({ dead: l.deadFraction, saturated: l.saturatedFraction }));
  assert.ok(rows.every((r) => r.value === null || (r.value >= 0 && r.value <= 1)));
  assert.equal((deadSaturatedSpec(one) as Record<string, any>).facet.row.field, 'measure');
  const clipped = (clippedFractionSpec(one) as Record<string, any>).data.values as Array<{ value: number }>;
  assert.deepEqual(clipped.map((r) => r.value), diag.runs.flatMap((r) => r.diagnostics!.clippedFraction));
  const h = histogramRows(one);
  for (const s of ['relu', 'sigmoid']) for (const layer of ['conv1', 'dense1']) for (const e of [1, 2]) {
    const sum = h.filter((r) => r.series === s && r.layer === layer && r.epoch === e).reduce((a, r) => a + r.share, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9, `${s} ${layer} ${e}: ${sum}`);
  }
  assert.equal(new Set(h.map((r) => r.z)).size, 64, '64 bins of width 0.25 on [-8, 8]');
  assert.equal((zHistogramSpec(one) as Record<string, any>).facet.row.field, 'layer');
});

test('pickEpochs spreads at most max epochs, first and last kept', () => {
  assert.deepEqual(pickEpochs(3, 4), [0, 1, 2]);
  assert.deepEqual(pickEpochs(10, 4), [0, 3, 6, 9]);
  assert.deepEqual(pickEpochs(100, 2), [0, 99]);
});

test('confusion: summed over repeats, each series sums to test samples x repeats; per-class rate by hand', () => {
  const rows = confusionRows(one);
  for (const s of ['relu', 'sigmoid']) assert.equal(rows.filter((r) => r.series === s).reduce((a, r) => a + r.count, 0), diag.config.testSamples * 2);
  // A hand-made matrix: digit 3 has 4 test images, 1 taken for 5 and 1 for 8: rate 2/4.
  const m: number[][] = Array.from({ length: 10 }, (_, t) => Array.from({ length: 10 }, (_, p) => (t === p ? 1 : 0)));
  m[3] = [0, 0, 0, 2, 0, 1, 0, 0, 1, 0];
  const run = { ...diag.runs[0]!, confusionMatrix: m };
  const hand = confusionRows([{ label: 'h', results: { runs: [run] } }]);
  assert.equal(hand.find((r) => r.label === 3 && r.predicted === 3)!.rate, 0.5);
  assert.equal(hand.find((r) => r.label === 3 && r.predicted === 5)!.rate, 0.25);
  assert.equal((confusionSpec(one) as Record<string, any>).vconcat.length, 2);
});

test('base64Bytes agrees with Node\'s decoder; misclassified pixels are the non-zero bytes, captioned true -> predicted', () => {
  for (const s of ['', 'AA==', 'AAEC', '/+8=', diag.runs[0]!.misclassified![0]!.pixels]) assert.deepEqual([...base64Bytes(s)], [...Buffer.from(s, 'base64')]);
  assert.throws(() => base64Bytes('a*b='), /not base64/);
  const m = diag.runs[0]!.misclassified![0]!;
  const rows = misclassifiedRows(one).filter((r) => r.series === 'relu' && r.digit === 0);
  assert.equal(rows.length, [...Buffer.from(m.pixels, 'base64')].filter((v) => v > 0).length);
  assert.equal(rows[0]!.caption, `1: true ${m.label} → ${m.predicted}`);
  assert.ok(m.label !== m.predicted);
  assert.equal((misclassifiedSpec(one) as Record<string, any>).vconcat.length, 2, 'one strip per activation (first repeat)');
});

test('"difference not established" for overlapping ranges only; mean ± std as a percentage', () => {
  const e = (activation: string, min: number, max: number, repeats = 3): SummaryEntry => ({ activation, params: {}, repeats, testAccuracy: { mean: (min + max) / 2, std: 0.01, min, max }, valLoss: null });
  assert.deepEqual(notEstablished([e('relu', 0.95, 0.97), e('gelu', 0.96, 0.98), e('sigmoid', 0.80, 0.85, 2)]), [
    'relu vs gelu: difference not established with 3 repeats (test accuracy ranges overlap)',
  ]);
  assert.deepEqual(notEstablished([e('relu', 0.95, 0.97), e('elu', 0.97, 0.99, 2)]), ['relu vs elu: difference not established with 3 and 2 repeats (test accuracy ranges overlap)']);
  assert.equal(meanStdPercent({ mean: 0.98125, std: 0.00125, min: 0.98, max: 0.9825 }), '98.13 ± 0.13 %');
  assert.equal(meanStdPercent(null), '—');
});
