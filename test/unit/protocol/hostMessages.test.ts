/**
 * Runtime guards for messages in both directions (src/protocol/*.ts): malformed host ->
 * webview messages are recognised (the pages ignore them), hostile webview -> host fields are
 * refused, and the settings sanitisers never throw. Expected values follow the protocol types.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isParamRecord } from '../../../src/core/guards';
import { guardOf } from '../../../src/protocol/channel';
import { HOST_TO_EXPLORER, sanitizeSettings } from '../../../src/protocol/explorer';
import { sanitizeGradientSettings, DEFAULT_GRADIENT_SETTINGS } from '../../../src/protocol/gradient';
import { HOST_TO_MNIST, MNIST_TO_HOST } from '../../../src/protocol/mnist';
import { HOST_TO_RESULTS, RESULTS_TO_HOST } from '../../../src/protocol/results';
import { HOST_TO_SIDE, SIDE_TO_HOST } from '../../../src/protocol/sideView';

const isExplorerToWebview = guardOf(HOST_TO_EXPLORER);
const isHostToMnist = guardOf(HOST_TO_MNIST);
const isMnistToHost = guardOf(MNIST_TO_HOST);
const isHostToResults = guardOf(HOST_TO_RESULTS);
const isResultsToHost = guardOf(RESULTS_TO_HOST);
const isHostToSide = guardOf(HOST_TO_SIDE);
const isSideToHost = guardOf(SIDE_TO_HOST);

const results = JSON.parse(readFileSync(join(__dirname, '..', 'results', 'fixtures', 'sample-results.json'), 'utf8')) as Record<string, unknown>;
const config = {
  dataset: 'bundled', epochs: 1, batchSize: 32, trainSamples: 100, testSamples: 50, learningRate: 0.001, clipValue: 0.5,
  loss: 'categorical_crossentropy', seed: 1, activations: [{ activation: 'relu', params: {} }],
};
const activation = {
  id: 'leaky_relu', name: 'Leaky ReLU', library: 'PyTorch', api: 'torch.nn.LeakyReLU', matched: 'nn.LeakyReLU(0.1)', where: 'model.py:3',
  params: { alpha: 0.1 }, readings: [{ lib: 'negative_slope', ours: 'alpha', value: 0.1, from: 'code' }],
  latex: { f: 'x', df: '1' }, conventions: [{ library: 'PyTorch', api: 'torch.nn.LeakyReLU', note: 'negative_slope=0.01' }],
  source: 'Maas et al. 2013', notes: [], spec: { mark: 'line' },
};

test('isParamRecord: identifier keys only, never __proto__ / constructor / prototype', () => {
  assert.equal(isParamRecord({ alpha: 0.2, negative_slope: 1 }), true);
  assert.equal(isParamRecord(JSON.parse('{"__proto__": 1}')), false);
  assert.equal(isParamRecord({ constructor: 1 }), false);
  assert.equal(isParamRecord({ prototype: 1 }), false);
  assert.equal(isParamRecord({ 'a b': 1 }), false);
  assert.equal(isParamRecord({ '': 1 }), false);
  assert.equal(isParamRecord({ '1a': 1 }), false);
});

test('settings sanitisers never throw on null / undefined / non-objects', () => {
  const defaults = sanitizeSettings({});
  assert.deepEqual(sanitizeSettings(undefined), defaults);
  assert.deepEqual(sanitizeSettings(null), defaults);
  assert.deepEqual(sanitizeSettings(5 as unknown as undefined), defaults);
  assert.equal(sanitizeSettings({ samples: 1e7 }).samples, defaults.samples);
  assert.deepEqual(sanitizeGradientSettings(null), DEFAULT_GRADIENT_SETTINGS);
  assert.deepEqual(sanitizeGradientSettings(undefined), DEFAULT_GRADIENT_SETTINGS);
});

test('explorer host -> webview guard', () => {
  for (const m of [{ type: 'explorer/show', id: 'elu' }, { type: 'explorer/show', id: 'elu', params: { alpha: 2 } },
    { type: 'explorer/settings', settings: { samples: 1e7 } }, { type: 'explorer/customs', customs: [] }]) assert.equal(isExplorerToWebview(m), true, JSON.stringify(m));
  for (const m of [null, 'x', {}, { type: 'explorer/settings' }, { type: 'explorer/settings', settings: null }, { type: 'explorer/customs', customs: 5 },
    { type: 'explorer/show' }, { type: 'explorer/show', id: ' ' }, { type: 'explorer/show', id: 'elu', params: { alpha: 'x' } }]) {
    assert.equal(isExplorerToWebview(m), false, JSON.stringify(m));
  }
});

test('MNIST host -> webview guard', () => {
  const images = new Uint8Array(2 * 4);
  const set = { images, labels: new Uint8Array(2), count: 2, rows: 2, cols: 2 };
  for (const m of [{ type: 'mnist/init', settings: { config: { ...config, activations: [] }, backend: 'auto' } }, { type: 'mnist/customs', customs: [] },
    { type: 'mnist/select', choice: { activation: 'leaky_relu', params: { alpha: 0.1 } } },
    { type: 'data/idx', data: { label: 'f', train: set, test: set } }, { type: 'data/error', message: 'x' }, { type: 'training/cancel' },
    { type: 'training/begin', config, backend: 'wasm', source: 'bundled' }, { type: 'training/saved', path: 'a.json' }]) assert.equal(isHostToMnist(m), true, JSON.stringify(m));
  for (const m of [null, { type: 'mnist/init' }, { type: 'mnist/init', settings: { config, backend: 'metal' } }, { type: 'mnist/customs', customs: 5 },
    { type: 'mnist/select' }, { type: 'mnist/select', choice: { activation: 'elu', params: { alpha: 'x' } } }, { type: 'init', settings: { config, backend: 'auto' } },
    { type: 'data/idx', data: { label: 'f', train: { ...set, count: 3 }, test: set } }, { type: 'data/idx', data: { label: 'f', train: { ...set, images: [0] }, test: set } },
    { type: 'training/begin', config: { ...config, epochs: 0 }, backend: 'wasm', source: 'bundled' }, { type: 'training/saved' }, { type: 'toString' }]) {
    assert.equal(isHostToMnist(m), false, JSON.stringify(m));
  }
});

test('results host -> webview guard checks each file with validateResults', () => {
  const file = { label: 'a', path: '/w/a.json', results };
  assert.equal(isHostToResults({ type: 'results/show', files: [file] }), true);
  assert.equal(isHostToResults({ type: 'results/show', files: [file, file] }), true);
  assert.equal(isHostToResults({ type: 'results/error', message: 'x' }), true);
  const { environment: _e, ...noEnv } = results;
  for (const m of [null, { type: 'results/show' }, { type: 'results/show', files: [] }, { type: 'results/show', files: [file, file, file] },
    { type: 'results/show', files: [{ ...file, results: noEnv }] }, { type: 'results/error' }]) assert.equal(isHostToResults(m), false, JSON.stringify(m));
});

test('side host -> webview guard', () => {
  assert.equal(isHostToSide({ type: 'side/activation', activation, pinned: false }), true);
  assert.equal(isHostToSide({ type: 'side/pin', pinned: true }), true);
  assert.equal(isHostToSide({ type: 'side/results', results: { runs: [{ activation: 'relu', status: 'completed', valAccuracy: [0.9, null], testAccuracy: 0.9 }], notes: [] } }), true);
  for (const m of [null, { type: 'side/activation', activation: { id: 'relu', readings: 'x' }, pinned: false },
    { type: 'side/activation', activation: { ...activation, readings: 'x' }, pinned: false }, { type: 'side/activation', activation },
    { type: 'side/pin' }, { type: 'side/results', results: { runs: 5, notes: [] } }]) assert.equal(isHostToSide(m), false, JSON.stringify(m));
});

test('webview -> host guards refuse path-like export names, foreign result paths, odd ids and impossible batches', () => {
  for (const name of ['../../etc/evil', 'a/b', '', 'x'.repeat(101), 'a b']) {
    assert.equal(isMnistToHost({ type: 'webview/exportChart', format: 'svg', data: '<svg/>', name }), false, name);
    assert.equal(isResultsToHost({ type: 'webview/exportChart', format: 'svg', data: '<svg/>', name }), false, name);
  }
  assert.equal(isResultsToHost({ type: 'webview/exportChart', format: 'png', data: 'AA==', name: 'accuracy-1.png' }), true);
  assert.equal(isMnistToHost({ type: 'results/open', path: '/etc/passwd' }), false);
  assert.equal(isMnistToHost({ type: 'results/open', path: '.activation-lab/runs/a.json' }), true);
  assert.equal(isMnistToHost({ type: 'training/batch', index: 0, epoch: 1, batch: 64, batches: 63, loss: 0.1 }), false);
  assert.equal(isMnistToHost({ type: 'training/batch', index: 0, epoch: 1, batch: 63, batches: 63, loss: 0.1 }), true);
  assert.equal(isSideToHost({ type: 'side/openExplorer', id: '   ', params: {} }), false);
  assert.equal(isSideToHost({ type: 'side/openExplorer', id: 'my swish', params: {} }), false);
  assert.equal(isSideToHost({ type: 'side/openExplorer', id: 'my_swish', params: { a: 1 } }), true);
  assert.equal(isSideToHost({ type: 'side/compareMnist', id: 'elu', params: JSON.parse('{"__proto__": 1}') }), false);
});
