import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResultsAssembler } from '../../../src/host/panels/resultsAssembler';
import { validateResults } from '../../../src/core/results/validate';
import type { ResultsFile, RunResult } from '../../../src/core/training/types';

const sample = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sample-results.json'), 'utf8')) as ResultsFile;
const skeleton: ResultsFile = { ...sample, status: 'completed', runs: [] };

function partial(run: RunResult, epochs: number, status: RunResult['status'] = 'completed'): RunResult {
  const h = run.history;
  return { ...run, status, history: { loss: h.loss.slice(0, epochs), accuracy: h.accuracy.slice(0, epochs), val_loss: h.val_loss.slice(0, epochs), val_accuracy: h.val_accuracy.slice(0, epochs) }, epochTimesMs: run.epochTimesMs.slice(0, epochs) };
}

test('nothing to save before a backend was chosen', () => {
  const a = new ResultsAssembler(3);
  assert.equal(a.result(), undefined);
  assert.equal(a.result(true), undefined);
});

test('a completed comparison: runs in order, status from training/finished, schema-valid', () => {
  const a = new ResultsAssembler(3);
  a.add({ type: 'training/backend', skeleton, warnings: [] });
  const [r0, r1] = sample.runs;
  a.add({ type: 'training/epoch', index: 0, epoch: 0, run: partial(r0!, 1) });
  a.add({ type: 'training/runEnded', index: 0, run: r0! });
  a.add({ type: 'training/runEnded', index: 1, run: r1! });
  a.add({ type: 'training/finished', status: 'completed' });
  const f = a.result()!;
  assert.equal(f.status, 'completed');
  assert.deepEqual(f.runs, [r0, r1]);
  assert.deepEqual(validateResults(f), []);
});

test('panel closed mid-run: file cancelled, finished epochs kept, the unfinished run cancelled, ended runs untouched', () => {
  const a = new ResultsAssembler(3);
  a.add({ type: 'training/backend', skeleton, warnings: [] });
  const [r0, r1] = sample.runs;
  a.add({ type: 'training/runEnded', index: 0, run: r0! });
  a.add({ type: 'training/epoch', index: 1, epoch: 0, run: partial(r1!, 1) });
  a.add({ type: 'training/epoch', index: 1, epoch: 1, run: partial(r1!, 2) });
  const f = a.result(true)!;
  assert.equal(f.status, 'cancelled');
  assert.equal(f.runs.length, 2);
  assert.equal(f.runs[0]!.status, 'completed');
  assert.equal(f.runs[1]!.status, 'cancelled');
  assert.deepEqual(f.runs[1]!.history.val_accuracy, [0.931, 0.959]);
  assert.deepEqual(validateResults(f), []);
});

test('a late epoch message does not overwrite an ended run; failures are kept as warnings', () => {
  const a = new ResultsAssembler(3);
  a.add({ type: 'training/backend', skeleton, warnings: [] });
  const diverged = sample.runs[2]!;
  a.add({ type: 'training/runEnded', index: 0, run: diverged });
  a.add({ type: 'training/epoch', index: 0, epoch: 0, run: partial(sample.runs[0]!, 1) });
  a.add({ type: 'training/finished', status: 'failed', error: 'out of memory' });
  const f = a.result()!;
  assert.equal(f.runs[0]!.status, 'diverged');
  assert.equal(f.status, 'failed');
  assert.match(f.warnings!.join('\n'), /training stopped: out of memory/);
});
