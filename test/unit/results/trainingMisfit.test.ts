/**
 * trainingMisfit (src/host/panels/trainingMisfit.ts): well-formed `training/*` messages that
 * do not belong to the run the host started are refused with a reason; the messages of a
 * real run (the fixture's config and runs) pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainingMisfit } from '../../../src/host/panels/trainingMisfit';
import type { ResultsFile, TrainConfig } from '../../../src/core/training/types';

const sample = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sample-results.json'), 'utf8')) as ResultsFile;
const { optimizer: _o, ...rest } = sample.config;
const config: TrainConfig = rest;
const skeleton: ResultsFile = { ...sample, runs: [] };
const run = sample.runs[0]!;

test('the messages of the run the host started pass', () => {
  assert.equal(trainingMisfit({ type: 'training/backend', skeleton, warnings: [] }, config, false), undefined);
  // Key order of the skeleton's config does not matter.
  const reordered = { ...skeleton, config: Object.fromEntries(Object.entries(skeleton.config).reverse()) as ResultsFile['config'] };
  assert.equal(trainingMisfit({ type: 'training/backend', skeleton: reordered, warnings: [] }, config, false), undefined);
  assert.equal(trainingMisfit({ type: 'training/runStarted', index: 1, choice: { activation: 'leaky_relu', params: {} } }, config, true), undefined);
  assert.equal(trainingMisfit({ type: 'training/batch', index: 3, epoch: 2, batch: 0, batches: 63, loss: 0.1 }, config, true), undefined);
  assert.equal(trainingMisfit({ type: 'training/epoch', index: 0, epoch: 2, run }, config, true), undefined);
  assert.equal(trainingMisfit({ type: 'training/runEnded', index: 0, run }, config, true), undefined);
  assert.equal(trainingMisfit({ type: 'training/finished', status: 'completed' }, config, true), undefined);
  assert.equal(trainingMisfit({ type: 'training/progress', samplesPerSecond: 250, secondsLeft: 30, fraction: 0.5, cellsDone: 2, cellsTotal: 4 }, config, true), undefined);
});

test('refused: before or twice training/backend, another config, indexes, epochs, activations, history length', () => {
  const cases: Array<[Parameters<typeof trainingMisfit>[0], boolean, RegExp]> = [
    [{ type: 'training/batch', index: 0, epoch: 0, batch: 0, batches: 1, loss: 1 }, false, /before training\/backend/],
    [{ type: 'training/finished', status: 'completed' }, false, /before training\/backend/],
    [{ type: 'training/progress', samplesPerSecond: null, secondsLeft: null, fraction: 0, cellsDone: 0, cellsTotal: 4 }, false, /before training\/backend/],
    [{ type: 'training/progress', samplesPerSecond: null, secondsLeft: null, fraction: 0, cellsDone: 0, cellsTotal: 5 }, true, /progress over 5 runs, not the 4 configured/],
    [{ type: 'training/backend', skeleton, warnings: [] }, true, /second training\/backend/],
    [{ type: 'training/backend', skeleton: { ...skeleton, config: { ...skeleton.config, epochs: 30 } }, warnings: [] }, false, /config\.epochs/],
    [{ type: 'training/backend', skeleton: { ...skeleton, config: { ...skeleton.config, activations: [] } }, warnings: [] }, false, /config\.activations/],
    [{ type: 'training/batch', index: 4, epoch: 0, batch: 0, batches: 1, loss: 1 }, true, /run index 4 outside the 4 runs \(4 activations x 1 repeat\)/],
    [{ type: 'training/batch', index: 0, epoch: 3, batch: 0, batches: 1, loss: 1 }, true, /epoch 3 outside the 3 configured/],
    [{ type: 'training/runStarted', index: 0, choice: { activation: 'gelu', params: {} } }, true, /run 0 is not relu/],
    [{ type: 'training/epoch', index: 1, epoch: 0, run }, true, /run 1 is not leaky_relu/],
    [{ type: 'training/runEnded', index: 0, run: { ...run, history: { loss: [1, 1, 1, 1], accuracy: [], val_loss: [], val_accuracy: [] } } }, true, /4 epochs of history, more than the 3/],
  ];
  for (const [m, started, why] of cases) assert.match(trainingMisfit(m, config, started) ?? 'passed', why, JSON.stringify(m).slice(0, 120));
});

test('with repeats, run indexes span activations x repeats (activation-major) and name their activation', () => {
  const withRepeats: TrainConfig = { ...config, repeats: 3 };
  // 4 activations x 3 repeats: run 5 is activation 1 (leaky_relu), repeat 2; run 11 is the last.
  assert.equal(trainingMisfit({ type: 'training/runStarted', index: 5, choice: { activation: config.activations[1]!.activation, params: {} } }, withRepeats, true), undefined);
  assert.equal(trainingMisfit({ type: 'training/batch', index: 11, epoch: 0, batch: 0, batches: 1, loss: 1 }, withRepeats, true), undefined);
  assert.match(trainingMisfit({ type: 'training/batch', index: 12, epoch: 0, batch: 0, batches: 1, loss: 1 }, withRepeats, true) ?? '', /outside the 12 runs \(4 activations x 3 repeats\)/);
  assert.match(trainingMisfit({ type: 'training/runStarted', index: 5, choice: { activation: config.activations[0]!.activation, params: {} } }, withRepeats, true) ?? '', /run 5 is not/);
  assert.equal(trainingMisfit({ type: 'training/progress', samplesPerSecond: 1, secondsLeft: 1, fraction: 0.1, cellsDone: 1, cellsTotal: 12 }, withRepeats, true), undefined);
});
