/**
 * The backend probe behind `auto` on the wasm backend with real digits: a backend that trains
 * passes with a positive speed; one whose updates do nothing (eta = 1e-12: only dropout moves
 * the loss) is caught; no tensor is left behind.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../src/cli/compare';
import { stratifiedSplit } from '../../../src/core/data/split';
import { DEFAULT_CONFIG } from '../../../src/core/training/defaults';
import { probeTraining } from '../../../src/core/training/probe';
import type { DigitSet } from '../../../src/core/training/types';
import { bundledDigits } from './fixtures';

let train: DigitSet;

describe('training probe (wasm)', () => {
  before(async () => {
    await initNodeBackend('wasm');
    ({ train } = stratifiedSplit(await bundledDigits(), 256, 64, 1));
  });

  it('passes a backend that trains, with its samples/s, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const m = await probeTraining(train, DEFAULT_CONFIG, { maxSteps: 2 });
    assert.ok(m.ok, JSON.stringify(m));
    assert.ok(m.ok && m.samplesPerSecond > 0);
    assert.equal(tf.memory().numTensors, before);
  });

  it('rejects training that does not learn (updates of 1e-12): the loss only wobbles with dropout', async () => {
    const m = await probeTraining(train, DEFAULT_CONFIG, { maxSteps: 3, budgetMs: 1e9, learningRate: 1e-12 });
    assert.equal(m.ok, false);
    assert.match(!m.ok ? m.reason : '', /the loss did not fall on a repeated batch/);
  });
});
