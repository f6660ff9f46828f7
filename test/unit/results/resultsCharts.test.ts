import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  activationLabel, allChartsSpec, barRows, batchLossSpec, curveRows, DASHES, samplesPerSecondSpec, seriesNames, SHAPES,
  testAccuracySpec, trainCurvesSpec, valAccuracySpec, valLossSpec, type LabelledResults,
} from '../../../src/core/charts/resultsCharts';
import type { ResultsFile } from '../../../src/core/training/types';

const results = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sample-results.json'), 'utf8')) as ResultsFile;
const one: LabelledResults[] = [{ label: 'a', results }];
const two: LabelledResults[] = [{ label: 'a', results }, { label: 'b', results }];

/** Compiles with vega-lite, collecting its warnings (a bad encoding warns, not throws). */
async function compileStrict(spec: unknown): Promise<object> {
  // Dynamic import: vega-lite is ESM-only (a static import would be transpiled to require).
  const { compile } = await import('vega-lite');
  const warnings: string[] = [];
  const logger = { level: () => logger, error: (...m: unknown[]) => { throw new Error(m.join(' ')); }, warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; }, info: () => logger, debug: () => logger } as never;
  const out = compile(spec as never, { logger });
  assert.deepEqual(warnings, []);
  return out.spec;
}

test('labels: params shown, status marked when not completed, duplicates numbered, file added when comparing', () => {
  assert.equal(activationLabel({ activation: 'leaky_relu', params: { alpha: 0.2 } }), 'leaky_relu(alpha=0.2)');
  assert.equal(activationLabel({ activation: 'relu', params: {} }), 'relu');
  assert.deepEqual(seriesNames(one), [['relu', 'leaky_relu(alpha=0.2)', 'sigmoid [diverged]', 'relu [cancelled]']]);
  assert.deepEqual(seriesNames([{ label: 'a', results: { runs: [results.runs[0]!, results.runs[0]!] } }]), [['relu', 'relu #2']]);
  assert.deepEqual(seriesNames(two)[1], ['relu · b', 'leaky_relu(alpha=0.2) · b', 'sigmoid [diverged] · b', 'relu [cancelled] · b']);
});

test('curve rows: 1-based epochs, values as in the file, null (NaN) kept as a gap', () => {
  const rows = curveRows(one, ['val_accuracy']);
  // 3 + 3 + 2 + 1 epochs in the sample file.
  assert.equal(rows.length, 9);
  assert.deepEqual(rows.filter((r) => r.series === 'leaky_relu(alpha=0.2)').map((r) => [r.epoch, r.value]), [[1, 0.931], [2, 0.959], [3, 0.968]]);
  assert.deepEqual(curveRows(one, ['val_loss']).filter((r) => r.activation === 'sigmoid').map((r) => r.value), [2.3, null]);
});

test('bar rows: runs without a value are left out', () => {
  assert.deepEqual(barRows(one, (r) => r.testAccuracy).map((r) => [r.series, r.value]), [['relu', 0.966], ['leaky_relu(alpha=0.2)', 0.968], ['relu [cancelled]', 0.925]]);
});

test('every series is told apart without colour: dash pattern and point shape keyed on the same field', () => {
  for (const spec of [valAccuracySpec(one), valLossSpec(one)] as Array<Record<string, any>>) {
    const enc = spec.encoding;
    assert.equal(enc.strokeDash.field, 'series');
    assert.equal(enc.shape.field, 'series');
    assert.equal(enc.color.field, 'series');
    assert.deepEqual(enc.strokeDash.scale.range, DASHES);
    assert.deepEqual(enc.shape.scale.range, SHAPES);
    assert.deepEqual(enc.strokeDash.scale.domain, seriesNames(one)[0]);
  }
  assert.equal(new Set(DASHES.map((d) => d.join(','))).size, DASHES.length, 'dash patterns distinct');
  assert.equal(new Set(SHAPES).size, SHAPES.length, 'shapes distinct');
});

test('bar charts label each bar with its value and its activation (no legend needed)', () => {
  const spec = testAccuracySpec(one) as Record<string, any>;
  assert.equal(spec.encoding.y.field, 'series');
  assert.equal(spec.layer[1].mark.type, 'text');
  assert.deepEqual(spec.encoding.x.scale.domain, [0, 1]);
});

test('every spec compiles with vega-lite without warnings', async () => {
  for (const files of [one, two]) {
    for (const f of [valAccuracySpec, valLossSpec, trainCurvesSpec, testAccuracySpec, samplesPerSecondSpec, allChartsSpec]) await compileStrict(f(files));
  }
  await compileStrict(batchLossSpec([{ series: 'relu', epoch: 0.5, loss: 2.3 }], ['relu']));
});

test('the seed figures: y is validation accuracy / validation loss against epoch', () => {
  const acc = valAccuracySpec(one) as Record<string, any>;
  const loss = valLossSpec(one) as Record<string, any>;
  assert.deepEqual([acc.encoding.x.field, acc.encoding.y.field], ['epoch', 'value']);
  assert.ok(acc.data.values.every((r: { metric: string }) => r.metric === 'val_accuracy'));
  assert.ok(loss.data.values.every((r: { metric: string }) => r.metric === 'val_loss'));
  assert.match(acc.encoding.y.title, /Validation accuracy/);
});
