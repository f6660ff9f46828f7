/**
 * The training loop on the wasm backend with tiny real data: no tensor leaks, seeded
 * reproducibility, cancellation within one batch, NaN -> diverged, failures isolated,
 * gradient value clipping.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../src/cli/compare';
import { stratifiedSplit } from '../../../src/core/data/split';
import { DEFAULT_CONFIG, runComparison } from '../../../src/core/training/comparison';
import { uploadDigits } from '../../../src/core/training/deviceData';
import { buildModel } from '../../../src/core/training/model';
import { trainStep } from '../../../src/core/training/trainLoop';
import type { ActivationChoice, DigitSet, EnvironmentInfo, TrainConfig } from '../../../src/core/training/types';
import { bundledDigits } from './fixtures';

let train: DigitSet, test: DigitSet, env: EnvironmentInfo;

const config = (activations: ActivationChoice[], over: Partial<TrainConfig> = {}): TrainConfig => ({
  ...DEFAULT_CONFIG,
  trainSamples: 192,
  testSamples: 64,
  batchSize: 64,
  epochs: 1,
  activations,
  ...over,
});
const relu: ActivationChoice = { activation: 'relu', params: {} };

describe('training loop (wasm, tiny real data)', () => {
  before(async () => {
    env = await initNodeBackend('wasm');
    ({ train, test } = stratifiedSplit(await bundledDigits(), 192, 64, 1));
  });

  it('leaves tf.memory().numTensors unchanged and repeats exactly with the same seed', async () => {
    const before = tf.memory().numTensors;
    const cfg = config([{ activation: 'selu', params: {} }], { epochs: 2 });
    const a = await runComparison({ config: cfg, train, test, environment: env });
    assert.equal(tf.memory().numTensors, before);
    const b = await runComparison({ config: cfg, train, test, environment: env });
    assert.equal(a.status, 'completed');
    assert.equal(a.runs[0]!.status, 'completed');
    assert.equal(a.runs[0]!.history.val_loss.length, 2);
    assert.deepEqual(a.runs[0]!.history, b.runs[0]!.history);
    assert.ok(a.runs[0]!.history.loss.every(Number.isFinite));
  });

  it('stops within one batch when aborted, keeps finished epochs, status cancelled, no leaks', async () => {
    const before = tf.memory().numTensors;
    const abort = new AbortController();
    let batchesAfterAbort = 0;
    const file = await runComparison({
      config: config([relu, relu], { epochs: 3 }),
      train, test, environment: env, signal: abort.signal,
      callbacks: {
        onBatchEnd: (_i, epoch, batch) => {
          if (abort.signal.aborted) batchesAfterAbort++;
          if (epoch === 1 && batch === 0) abort.abort();
        },
      },
    });
    assert.equal(batchesAfterAbort, 0);
    assert.equal(file.status, 'cancelled');
    assert.equal(file.runs.length, 1);
    assert.equal(file.runs[0]!.status, 'cancelled');
    assert.equal(file.runs[0]!.history.accuracy.length, 1);
    assert.equal(tf.memory().numTensors, before);
  });

  it('marks a NaN loss "diverged" and an unknown activation "failed", and goes on', async () => {
    const before = tf.memory().numTensors;
    const nan: ActivationChoice = { activation: 'nan_maker', params: {}, expression: 'log(x - 1e9)' };
    const file = await runComparison({
      config: config([nan, { activation: 'no_such_activation', params: {} }, relu]),
      train, test, environment: env,
      resolveOp: (c) => (c.activation === 'nan_maker' ? (z) => tf.log(tf.sub(z, 1e9)) : undefined),
    });
    assert.deepEqual(file.runs.map((r) => r.status), ['diverged', 'failed', 'completed']);
    assert.match(file.runs[0]!.error!, /diverged at epoch 1, batch 1: loss/);
    assert.match(file.runs[1]!.error!, /unknown activation 'no_such_activation'/);
    assert.equal(file.status, 'completed');
    assert.equal(tf.memory().numTensors, before);
  });

  it("records a warning for the seed's binary_crossentropy, and completed parameters", async () => {
    const leaky: ActivationChoice = { activation: 'leaky_relu', params: {} };
    const file = await runComparison({ config: config([leaky], { loss: 'binary_crossentropy' }), train, test, environment: env });
    assert.match(file.warnings!.join(' '), /binary_accuracy/);
    assert.deepEqual(file.runs[0]!.params, { alpha: 0.2 }, 'parameters completed with the catalogue default');
    // Keras's binary_accuracy counts each of the 10 outputs: at least 0.8 even when the digit is wrong.
    assert.ok(file.runs[0]!.history.val_accuracy[0]! >= 0.8);
  });

  it('rejects an invalid config before touching the device', async () => {
    await assert.rejects(runComparison({ config: config([], {}), train, test, environment: env }), /choose at least one activation/);
    await assert.rejects(runComparison({ config: config([relu], { trainSamples: 100 }), train, test, environment: env }), /train set has 192 samples but config\.trainSamples is 100/);
  });
});

describe('gradient value clipping (Keras clipvalue)', () => {
  before(async () => {
    await initNodeBackend('wasm');
    if (!train) ({ train, test } = stratifiedSplit(await bundledDigits(), 192, 64, 1));
  });

  /** Largest |w_after - w_before| over all weights after one Adam step with `clipValue`. */
  async function firstStepChange(clipValue: number): Promise<number> {
    const cfg = config([relu], { clipValue });
    const data = uploadDigits(train);
    const model = buildModel(relu, { seed: 3 });
    const opt = tf.train.adam(cfg.learningRate);
    const before = model.getWeights().map((w) => w.dataSync().slice());
    trainStep(model, opt, cfg, data, Int32Array.from({ length: 64 }, (_, i) => i)).dispose();
    let change = 0;
    model.getWeights().forEach((w, k) => w.dataSync().forEach((v, i) => (change = Math.max(change, Math.abs(v - before[k]![i]!)))));
    model.dispose();
    opt.dispose();
    data.dispose();
    return change;
  }

  it('clips each gradient element before Adam (first step shrinks from ~eta to ~eta * c / (c + 1e-7))', async () => {
    // Adam's first step is eta * g / (|g| + eps) per element (Kingma & Ba 2015, Alg. 1, with
    // bias correction), so ~eta = 1e-3 when |g| >> eps = 1e-7; with every |g| clipped to
    // c = 1e-9 it is at most eta * 1e-9 / (1e-9 + 1e-7) = 9.9e-6.
    const free = await firstStepChange(0.5);
    const clipped = await firstStepChange(1e-9);
    assert.ok(free > 0.9e-3 && free < 1.1e-3, `unclipped step ${free}`);
    assert.ok(clipped < 1e-5, `clipped step ${clipped}`);
  });
});
