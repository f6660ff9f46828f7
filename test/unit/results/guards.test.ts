import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTrainConfig } from '../../../src/core/results/format';
import { guardOf } from '../../../src/protocol/channel';
import { MNIST_TO_HOST } from '../../../src/protocol/mnist';
import { RESULTS_TO_HOST } from '../../../src/protocol/results';

const isMnistToHost = guardOf(MNIST_TO_HOST);
const isResultsToHost = guardOf(RESULTS_TO_HOST);

const config = {
  dataset: 'bundled', epochs: 3, batchSize: 128, trainSamples: 8000, testSamples: 2000, learningRate: 0.001, clipValue: 0.5,
  loss: 'categorical_crossentropy', seed: 42, activations: [{ activation: 'leaky_relu', params: { alpha: 0.2 } }],
};
const run = {
  activation: 'relu', params: {}, status: 'completed', history: { loss: [0.5], accuracy: [0.8], val_loss: [null], val_accuracy: [0.9] },
  epochTimesMs: [1000], samplesPerSecond: 800, testAccuracy: 0.9,
};

test('mnist guard accepts well-formed messages', () => {
  for (const m of [
    { type: 'webview/ready' }, { type: 'data/chooseFolder' },
    { type: 'training/request', config, backend: 'auto', source: 'bundled' },
    { type: 'training/batch', index: 0, epoch: 1, batch: 3, batches: 63, loss: 0.25 },
    { type: 'training/batch', index: 0, epoch: 1, batch: 3, batches: 63, loss: null },
    { type: 'training/epoch', index: 1, epoch: 0, run },
    { type: 'training/runEnded', index: 1, run: { ...run, status: 'diverged', error: 'loss became NaN' } },
    { type: 'training/finished', status: 'cancelled' },
    { type: 'webview/exportChart', format: 'svg', data: '<svg/>', name: 'x' },
    { type: 'results/open', path: '.activation-lab/runs/x.json' },
  ]) assert.equal(isMnistToHost(m), true, JSON.stringify(m));
});

test('mnist guard rejects malformed or hostile messages', () => {
  for (const m of [
    null, 'ready', [], { type: 'nope' }, { type: 'toString' }, { type: '__proto__' }, { type: 'ready' }, { type: 'chart/export', format: 'svg', data: '<svg/>', name: 'x' },
    { type: 'training/request', config: { ...config, epochs: 0 }, backend: 'auto', source: 'bundled' },
    { type: 'training/request', config: { ...config, epochs: 2.5 }, backend: 'auto', source: 'bundled' },
    { type: 'training/request', config: { ...config, learningRate: Number.NaN }, backend: 'auto', source: 'bundled' },
    { type: 'training/request', config: { ...config, activations: [] }, backend: 'auto', source: 'bundled' },
    { type: 'training/request', config, backend: 'metal', source: 'bundled' },
    { type: 'training/request', config, backend: 'auto', source: 'http' },
    { type: 'training/batch', index: 0, epoch: 1, batch: -1, batches: 63, loss: 0.25 },
    { type: 'training/batch', index: 0, epoch: 1, batch: 0, batches: 63, loss: '0.25' },
    { type: 'training/epoch', index: 0, epoch: 0, run: { ...run, status: 'great' } },
    { type: 'training/epoch', index: 0, epoch: 0, run: { ...run, history: { loss: ['x'], accuracy: [], val_loss: [], val_accuracy: [] } } },
    { type: 'training/finished', status: 'diverged' },
    { type: 'training/backend', skeleton: {}, warnings: [] },
    { type: 'webview/exportChart', format: 'gif', data: '', name: 'x' },
  ]) assert.equal(isMnistToHost(m), false, JSON.stringify(m));
});

test('train config: params must be finite numbers by name', () => {
  assert.equal(isTrainConfig({ ...config, activations: [{ activation: 'elu', params: { alpha: Infinity } }] }), false);
  assert.equal(isTrainConfig({ ...config, activations: [{ activation: '', params: {} }] }), false);
  assert.equal(isTrainConfig(config), true);
});

test('results guard', () => {
  assert.equal(isResultsToHost({ type: 'results/compare' }), true);
  assert.equal(isResultsToHost({ type: 'webview/exportChart', format: 'png', data: 'AAA', name: 'n' }), true);
  assert.equal(isResultsToHost({ type: 'results/delete' }), false);
  assert.equal(isResultsToHost({ type: 'webview/exportChart', format: 'png', data: 3, name: 'n' }), false);
});
