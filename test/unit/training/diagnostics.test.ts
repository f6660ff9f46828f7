/**
 * Diagnostics, confusion matrices and repeats on tiny real runs (wasm, bundled digits): the
 * fixed names and shapes of `runs[].diagnostics`, lengths per epoch, value ranges, the
 * sanity relations a user can check (identity is never dead nor saturated; a far too large
 * learning rate kills more ReLU units than the default; sigmoid saturates more than ReLU),
 * `diagnostics: false`, the confusion matrix against the test labels, and repeats with
 * their own seeds and the summary. Every file passes the schema and the validator.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../src/cli/compare';
import { stratifiedSplit } from '../../../src/core/data/split';
import { validateResults } from '../../../src/core/results/validate';
import { summaryStats } from '../../../src/core/results/summary';
import { DEFAULT_CONFIG, runComparison } from '../../../src/core/training/comparison';
import { PROBE_SAMPLES, Z_EDGES } from '../../../src/core/training/diagnostics';
import { repeatSeed } from '../../../src/core/training/grid';
import { fromBase64 } from '../../../src/core/training/testEvaluation';
import type { ActivationChoice, DigitSet, EnvironmentInfo, ResultsFile, RunResult, TrainConfig } from '../../../src/core/training/types';
import { bundledDigits, ROOT } from './fixtures';

const ajv = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'media', 'results.schema.json'), 'utf8')));
let train: DigitSet, test: DigitSet, env: EnvironmentInfo;

const config = (activations: ActivationChoice[], over: Partial<TrainConfig> = {}): TrainConfig => ({
  ...DEFAULT_CONFIG, trainSamples: 256, testSamples: 160, batchSize: 64, epochs: 2, activations, ...over,
});
const act = (activation: string): ActivationChoice => ({ activation, params: {} });

async function compare(cfg: TrainConfig): Promise<ResultsFile> {
  const before = tf.memory().numTensors;
  const file = await runComparison({ config: cfg, train, test, environment: env });
  assert.equal(tf.memory().numTensors, before, 'no tensor leaks');
  const json = JSON.parse(JSON.stringify(file));
  assert.ok(ajv(json), JSON.stringify(ajv.errors));
  assert.deepEqual(validateResults(json), []);
  return file;
}

const total = (r: RunResult, pick: 'deadFraction' | 'saturatedFraction') => r.diagnostics!.layers.reduce((s, l) => s + l[pick].reduce((a, b) => a + b, 0), 0);

describe('diagnostics on tiny real runs (wasm)', () => {
  let linear: RunResult, relu: RunResult, reluFast: RunResult, sigmoid: RunResult;
  before(async () => {
    env = await initNodeBackend('wasm');
    ({ train, test } = stratifiedSplit(await bundledDigits(), 256, 160, 3));
    const file = await compare(config([act('linear'), act('relu'), act('sigmoid')]));
    [linear, relu, sigmoid] = file.runs as [RunResult, RunResult, RunResult];
    reluFast = (await compare(config([act('relu')], { learningRate: 0.1 }))).runs[0]!;
  });

  it('has the fixed names, one value per epoch, and histograms on the fixed edges', () => {
    for (const r of [linear, relu, sigmoid]) {
      const d = r.diagnostics!;
      assert.equal(d.probeSamples, Math.min(PROBE_SAMPLES, 160));
      assert.equal(d.gradGlobalNorm.length, 2);
      assert.equal(d.clippedFraction.length, 2);
      assert.deepEqual(d.layers.map((l) => [l.name, l.kind, l.units]), [['conv1', 'conv', 32], ['conv2', 'conv', 64], ['dense1', 'dense', 128]]);
      // Positions per image: 26 x 26 after conv1, 24 x 24 after conv2, 1 for the dense layer.
      const positions = [26 * 26, 24 * 24, 1];
      d.layers.forEach((l, i) => {
        for (const k of ['gradNorm', 'weightNorm', 'updateRatio', 'deadFraction', 'saturatedFraction'] as const) assert.equal(l[k].length, 2, `${l.name}.${k}`);
        assert.equal(l.z.mean.length, 2);
        assert.equal(l.z.std.length, 2);
        assert.deepEqual(l.histogram.edges, [...Z_EDGES]);
        assert.equal(l.histogram.edges.length, 65);
        assert.equal(l.histogram.edges[0], -8);
        assert.equal(l.histogram.edges[64], 8);
        for (const row of l.histogram.counts) {
          assert.equal(row.length, 64);
          assert.equal(row.reduce((a, b) => a + b, 0), d.probeSamples * positions[i]! * l.units, `${l.name}: every z counted once`);
        }
      });
    }
  });

  it('keeps every value in its range', () => {
    for (const r of [linear, relu, sigmoid, reluFast]) {
      const d = r.diagnostics!;
      for (const f of d.clippedFraction) assert.ok(f >= 0 && f <= 1, `clipped ${f}`);
      // 0 is possible: once every softmax output sits outside [1e-7, 1 - 1e-7], the loss's clip passes no gradient.
      for (const g of d.gradGlobalNorm) assert.ok(g >= 0 && Number.isFinite(g), `global ${g}`);
      for (const l of d.layers) {
        for (const k of ['gradNorm', 'weightNorm', 'updateRatio'] as const) for (const v of l[k]) assert.ok(v >= 0 && Number.isFinite(v), `${l.name}.${k} ${v}`);
        for (const k of ['deadFraction', 'saturatedFraction'] as const) for (const v of l[k]) assert.ok(v >= 0 && v <= 1, `${l.name}.${k} ${v}`);
        for (const s of l.z.std) assert.ok(s > 0, `${r.activation} ${l.name} z std ${s}`);
        // One kernel's norm is at most the global norm of all gradients, batch by batch, so also on average.
        l.gradNorm.forEach((g, e) => assert.ok(g <= d.gradGlobalNorm[e]! * (1 + 1e-6), `${l.name} ${g} > global ${d.gradGlobalNorm[e]}`));
      }
    }
  });

  it('identity is never dead nor saturated', () => {
    for (const l of linear.diagnostics!.layers) {
      assert.deepEqual(l.deadFraction, [0, 0], l.name);
      assert.deepEqual(l.saturatedFraction, [0, 0], l.name);
    }
  });

  it('a far too large learning rate (0.1, 100 x the default) kills more ReLU units than the default', () => {
    const fast = total(reluFast, 'deadFraction'), slow = total(relu, 'deadFraction');
    assert.ok(fast > slow, `dead fractions summed over layers and epochs: lr 0.1 ${fast}, lr 0.001 ${slow}`);
  });

  it('sigmoid saturates more than ReLU (ReLU\'s f\' is 0 or 1: never in (0, 1%))', () => {
    assert.equal(total(relu, 'saturatedFraction'), 0);
    assert.ok(total(sigmoid, 'saturatedFraction') > 0, 'sigmoid has saturated pairs');
  });

  it('records the confusion matrix of the test split and the first misclassified digits', () => {
    for (const r of [linear, relu, sigmoid]) {
      const m = r.confusionMatrix!;
      assert.equal(m.flat().reduce((a, b) => a + b, 0), 160, 'sums to the test count');
      const perLabel = Array.from({ length: 10 }, (_, k) => test.labels.filter((l) => l === k).length);
      assert.deepEqual(m.map((row) => row.reduce((a, b) => a + b, 0)), perLabel, 'row k counts the test digits labelled k');
      const diag = m.reduce((s, row, k) => s + row[k]!, 0);
      assert.ok(Math.abs(diag / 160 - r.testAccuracy!) < 1e-9, 'its diagonal is the test accuracy');
      const wrong = r.misclassified!;
      assert.equal(wrong.length, Math.min(12, 160 - diag));
      for (const w of wrong) {
        assert.equal(w.label, test.labels[w.index]);
        assert.notEqual(w.predicted, w.label);
        assert.deepEqual(fromBase64(w.pixels), test.images.subarray(w.index * 784, (w.index + 1) * 784));
      }
      assert.deepEqual(wrong.map((w) => w.index), [...wrong.map((w) => w.index)].sort((a, b) => a - b), 'in test order');
    }
  });

  it('diagnostics: false leaves them out and trains the same network', async () => {
    const off = (await compare(config([act('relu')], { diagnostics: false }))).runs[0]!;
    assert.equal(off.diagnostics, undefined);
    assert.deepEqual(off.history, relu.history, 'the diagnostics do not change training');
  });
});

describe('repeats (wasm)', () => {
  let file: ResultsFile;
  before(async () => {
    env = await initNodeBackend('wasm');
    if (!train) ({ train, test } = stratifiedSplit(await bundledDigits(), 256, 160, 3));
    file = await compare(config([act('relu'), act('tanh')], { repeats: 3, epochs: 1, diagnostics: false }));
  });

  it('trains each activation N times with N distinct seeds, split fixed, in grid order', () => {
    assert.equal(file.config.repeats, 3);
    assert.deepEqual(file.runs.map((r) => [r.activation, r.repeat, r.seed]), [
      ['relu', 0, 42], ['relu', 1, repeatSeed(42, 1)], ['relu', 2, repeatSeed(42, 2)],
      ['tanh', 0, 42], ['tanh', 1, repeatSeed(42, 1)], ['tanh', 2, repeatSeed(42, 2)],
    ]);
    assert.equal(new Set(file.runs.slice(0, 3).map((r) => r.seed)).size, 3);
    const losses = new Set(file.runs.slice(0, 3).map((r) => r.history.loss[0]));
    assert.equal(losses.size, 3, 'different initialisation, dropout and batch order');
    for (const r of file.runs) assert.equal(r.confusionMatrix!.flat().reduce((a, b) => a + b, 0), 160, 'same test split');
  });

  it('summarises each activation: mean, population std, min and max of its repeats', () => {
    assert.deepEqual(file.summary!.map((s) => [s.activation, s.repeats]), [['relu', 3], ['tanh', 3]]);
    for (const [i, s] of file.summary!.entries()) {
      const runs = file.runs.slice(3 * i, 3 * i + 3);
      assert.deepEqual(s.testAccuracy, summaryStats(runs.map((r) => r.testAccuracy!)));
      assert.deepEqual(s.valLoss, summaryStats(runs.map((r) => r.history.val_loss[0]!)));
    }
  });
});
