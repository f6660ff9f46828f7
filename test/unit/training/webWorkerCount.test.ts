import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerCount } from '../../../webview/mnist/webWorkers';

// The rule of activationLab.mnist.workers (package.json): 0 = logical cores less one for the
// page and the UI, at least 1; N >= 1 = N; never more workers than runs.
test('Web Worker count: cores less one by default, at least 1, the setting wins, capped by the runs', () => {
  assert.equal(workerCount(0, 6, 2), 1);
  assert.equal(workerCount(0, 6, 1), 1);
  assert.equal(workerCount(0, 6, 8), 6);
  assert.equal(workerCount(0, 2, 16), 2);
  assert.equal(workerCount(0, 20, 16), 15);
  assert.equal(workerCount(3, 6, 2), 3);
  assert.equal(workerCount(3, 1, 16), 1);
});
