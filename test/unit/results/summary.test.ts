/**
 * The summary over repeats: statistics against Python's statistics module and numpy
 * (test/reference/summary_stats.py -> summary_stats.json; the std is the population one,
 * np.std's default), grouping by activation and parameters, which runs count, and the
 * "ranges overlap" pairs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { overlappingRanges, summarizeRuns, summaryStats } from '../../../src/core/results/summary';
import type { RunResult } from '../../../src/core/training/types';

interface Case { values: number[]; mean: number; pstdev: number; numpyStd: number; stdev: number | null; min: number; max: number }
const REF: { cases: Case[] } = JSON.parse(readFileSync(join(__dirname, '../../reference/summary_stats.json'), 'utf8'));

const close = (a: number, b: number, tol = 4 * Number.EPSILON) => Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1e-300) || a === b;

for (const c of REF.cases) {
  test(`summaryStats(${JSON.stringify(c.values)}) = statistics.fmean / pstdev (numpy.std), min, max`, () => {
    const s = summaryStats(c.values)!;
    assert.ok(close(s.mean, c.mean), `mean ${s.mean} vs ${c.mean}`);
    assert.ok(close(s.std, c.pstdev, 1e-12) || (c.pstdev === 0 && s.std === 0), `std ${s.std} vs pstdev ${c.pstdev}`);
    assert.ok(close(s.std, c.numpyStd, 1e-12) || (c.numpyStd === 0 && s.std === 0), `std ${s.std} vs numpy ${c.numpyStd}`);
    if (c.stdev !== null && c.stdev > 0) assert.ok(Math.abs(s.std - c.stdev) > 1e-6 * c.stdev, 'not the sample standard deviation');
    assert.equal(s.min, c.min);
    assert.equal(s.max, c.max);
  });
}

test('summaryStats of nothing is null', () => {
  assert.equal(summaryStats([]), null);
});

function run(activation: string, params: Record<string, number>, testAccuracy: number | null, valLoss: Array<number | null>, status: RunResult['status'] = 'completed'): RunResult {
  return { activation, params, status, history: { loss: valLoss.map(() => 1), accuracy: valLoss.map(() => 0.5), val_loss: valLoss as number[], val_accuracy: valLoss.map(() => 0.5) }, epochTimesMs: [], samplesPerSecond: null, testAccuracy };
}

test('summarizeRuns groups by activation and parameters in order, over completed runs with values', () => {
  const runs = [
    run('relu', {}, 0.9, [0.5, 0.3]), run('relu', {}, 0.92, [0.5, 0.25]), run('relu', {}, 0.1, [0.5, null], 'diverged'),
    run('leaky_relu', { alpha: 0.2 }, 0.91, [0.4, 0.28]), run('leaky_relu', { alpha: 0.1 }, 0.89, [0.4, 0.3]),
    run('gelu', {}, null, [], 'cancelled'),
  ];
  const s = summarizeRuns(runs);
  assert.deepEqual(s.map((e) => [e.activation, e.params, e.repeats]), [['relu', {}, 2], ['leaky_relu', { alpha: 0.2 }, 1], ['leaky_relu', { alpha: 0.1 }, 1], ['gelu', {}, 0]]);
  assert.deepEqual(s[0]!.testAccuracy, summaryStats([0.9, 0.92]));
  assert.deepEqual(s[0]!.valLoss, summaryStats([0.3, 0.25]), 'the last epoch of each run');
  assert.equal(s[3]!.testAccuracy, null);
  assert.equal(s[3]!.valLoss, null);
});

test('overlappingRanges: pairs with at least 2 repeats whose [min, max] meet', () => {
  const runs = [
    run('relu', {}, 0.90, [0.3]), run('relu', {}, 0.94, [0.3]),
    run('gelu', {}, 0.93, [0.3]), run('gelu', {}, 0.96, [0.3]),
    run('sigmoid', {}, 0.50, [0.3]), run('sigmoid', {}, 0.60, [0.3]),
    run('tanh', {}, 0.95, [0.3]),
  ];
  const pairs = overlappingRanges(summarizeRuns(runs)).map((o) => [o.a.activation, o.b.activation]);
  assert.deepEqual(pairs, [['relu', 'gelu']], 'sigmoid is apart; tanh has one repeat');
});
