/**
 * The comparison on real worker threads (wasm, tiny real data): the same histories as the
 * sequential in-process loop for the same seeds (a cell's seed replaces config.seed), whatever
 * finished first, and through the in-thread worker used for GPU backends; a diverging, an unknown and a crashing activation fail only themselves;
 * cancel with two workers keeps every finished epoch; no worker is left running.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { initNodeBackend } from '../../../src/cli/compare';
import { runEngine, workerEntry } from '../../../src/cli/compareEngine';
import { stratifiedSplit } from '../../../src/core/data/split';
import { DEFAULT_CONFIG, runComparison } from '../../../src/core/training/comparison';
import { comparisonGrid, repeatSeed } from '../../../src/core/training/grid';
import { runGridComparison } from '../../../src/core/training/gridComparison';
import { trainGrid } from '../../../src/core/training/scheduler';
import type { ActivationChoice, DigitSet, EnvironmentInfo, TrainConfig } from '../../../src/core/training/types';
import { inlineWorker } from '../../../src/core/training/inlineWorker';
import type { WorkerPort } from '../../../src/core/training/workerProtocol';
import { liveWorkerThreads, NodeWorkerPool } from '../../../src/node/workerPool';
import { bundledDigits } from './fixtures';

let train: DigitSet, test: DigitSet, env: EnvironmentInfo;
const act = (activation: string, expression?: string): ActivationChoice => ({ activation, params: {}, ...(expression ? { expression } : {}) });
const config = (activations: ActivationChoice[], over: Partial<TrainConfig> = {}): TrainConfig => ({
  ...DEFAULT_CONFIG, trainSamples: 128, testSamples: 64, batchSize: 64, epochs: 2, activations, ...over,
});

describe('comparison on worker threads (wasm, tiny real data)', () => {
  before(async () => {
    env = await initNodeBackend('wasm');
    ({ train, test } = stratifiedSplit(await bundledDigits(), 128, 64, 1));
  });

  it('equals the sequential loop: repeat 0 with config.seed, repeat 1 with its own seed; no worker left', async () => {
    const cfg = config([act('relu'), act('selu')]);
    const pool = new NodeWorkerPool(workerEntry(join(__dirname, '..', '..', '..', 'src', 'cli')));
    const cells = comparisonGrid(cfg, 2);
    const { file, outcomes } = await runGridComparison({ config: cfg, cells, train, test, environment: env, workers: 2, createWorker: pool.factory });
    assert.equal(pool.alive, 0);
    assert.equal(file.status, 'completed');
    const seq0 = await runComparison({ config: cfg, train, test, environment: env });
    const seq1 = await runComparison({ config: { ...cfg, seed: repeatSeed(cfg.seed, 1) }, train, test, environment: env });
    assert.deepEqual(outcomes.map((o) => [o.cell.run, o.cell.activation, o.cell.repeat]), [[0, 0, 0], [1, 0, 1], [2, 1, 0], [3, 1, 1]]);
    for (const o of outcomes) {
      const ref = (o.cell.repeat === 0 ? seq0 : seq1).runs[o.cell.activation]!;
      assert.equal(o.run.status, 'completed');
      assert.deepEqual(o.run.history, ref.history, `run ${o.cell.run}`);
      assert.equal(o.run.testAccuracy, ref.testAccuracy);
      // Diagnostics and the test evaluation come back from the worker as the loop made them.
      assert.deepEqual(o.run.diagnostics, ref.diagnostics, `diagnostics of run ${o.cell.run}`);
      assert.deepEqual(o.run.confusionMatrix, ref.confusionMatrix);
      assert.equal(o.run.misclassified?.length, ref.misclassified?.length);
      assert.equal(o.run.seed, o.cell.seed);
      assert.equal(o.run.repeat, o.cell.repeat);
    }
    assert.notDeepEqual(outcomes[0]!.run.history, outcomes[1]!.run.history, 'repeats differ');
    assert.equal(file.schemaVersion, 2);
    assert.deepEqual(file.runs.map((r) => [r.repeat, r.seed]), [[0, cfg.seed], [1, repeatSeed(cfg.seed, 1)], [0, cfg.seed], [1, repeatSeed(cfg.seed, 1)]]);
    // The summary is the assembled file's: each activation over its two repeats.
    assert.deepEqual(file.summary!.map((e) => [e.activation, e.repeats]), [['relu', 2], ['selu', 2]]);
    const [a, b] = [file.runs[0]!.testAccuracy!, file.runs[1]!.testAccuracy!];
    assert.ok(Math.abs(file.summary![0]!.testAccuracy!.mean - (a + b) / 2) < 1e-12);
    assert.ok(Math.abs(file.summary![0]!.testAccuracy!.std - Math.abs(a - b) / 2) < 1e-12, 'population std of two values is half their distance');
  });

  it('the in-thread worker (for GPU backends) gives the same histories and leaves no tensor behind', async () => {
    const cfg = config([act('relu'), act('gelu')]);
    const before = tf.memory().numTensors;
    const ports: WorkerPort[] = [];
    const out = await trainGrid({
      config: cfg, cells: comparisonGrid(cfg), train, test, backend: 'wasm', workers: 1,
      createWorker: () => {
        ports.push(inlineWorker({ initBackend: async (b) => void (await initNodeBackend(b)) }));
        return ports.at(-1)!;
      },
    });
    assert.equal(ports.length, 1);
    assert.equal(tf.memory().numTensors, before);
    const seq = await runComparison({ config: cfg, train, test, environment: env });
    assert.deepEqual(out.map((o) => o.run.history), seq.runs.map((r) => r.history));
  });

  it('a diverging, an unknown and a crashing activation fail only themselves; the crash keeps its first epoch', async () => {
    const pool = new NodeWorkerPool(join(__dirname, 'crashingWorker.ts'));
    const cfg = config([act('overflow', 'exp(x * 1000)'), act('crash_me', 'max(0, x)'), act('no_such_activation'), act('relu')]);
    const lost: string[] = [];
    const out = await trainGrid({ config: cfg, cells: comparisonGrid(cfg), train, test, backend: 'wasm', workers: 2, createWorker: pool.factory, callbacks: { onWorkerLost: (_s, r) => lost.push(r) } });
    assert.equal(pool.alive, 0);
    assert.deepEqual(out.map((o) => o.run.status), ['diverged', 'failed', 'failed', 'completed']);
    assert.equal(out[1]!.run.history.loss.length, 1);
    assert.match(out[1]!.run.error!, /worker stopped: exited with code 7/);
    assert.match(out[2]!.run.error!, /unknown activation 'no_such_activation'/);
    assert.ok(out[3]!.run.testAccuracy! > 0.1);
    assert.deepEqual(lost, ['worker stopped: exited with code 7']);
  });

  it('cancel with two workers: both cells end cancelled within a batch, every finished epoch kept', async () => {
    const pool = new NodeWorkerPool(workerEntry(join(__dirname, '..', '..', '..', 'src', 'cli')));
    const cfg = config([act('relu'), act('tanh'), act('elu')], { epochs: 4 });
    const abort = new AbortController();
    const epochs = new Map<number, number>(), late = new Map<number, number>();
    const out = await trainGrid({
      config: cfg, cells: comparisonGrid(cfg), train, test, backend: 'wasm', workers: 2, createWorker: pool.factory, signal: abort.signal,
      callbacks: {
        onEpoch: (c) => {
          epochs.set(c.run, (epochs.get(c.run) ?? 0) + 1);
          if (epochs.size === 2) abort.abort();
        },
        onBatch: (c) => { if (abort.signal.aborted) late.set(c.run, (late.get(c.run) ?? 0) + 1); },
      },
    });
    assert.equal(pool.alive, 0);
    assert.deepEqual(out.map((o) => [o.cell.run, o.run.status]), [[0, 'cancelled'], [1, 'cancelled']]);
    for (const o of out) {
      assert.equal(o.run.history.val_loss.length, epochs.get(o.cell.run), `run ${o.cell.run} keeps each epoch it reported`);
      assert.ok(o.run.history.val_loss.length < cfg.epochs);
      assert.ok((late.get(o.cell.run) ?? 0) <= 2, `run ${o.cell.run}: ${late.get(o.cell.run)} batches after the cancel`);
    }
    assert.equal(tf.getBackend(), 'wasm');
  });

  it('the CLI engine on SIGINT (Ctrl-C) with two workers: cancelled, every worker thread gone, its SIGINT listener removed', async () => {
    const cfg = config([act('relu'), act('tanh')], { epochs: 20 });
    const listeners = process.listenerCount('SIGINT');
    let text = '';
    let bothStarted!: () => void;
    const started = new Promise<void>((r) => (bothStarted = r));
    const log = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        if (text.includes('relu epoch 1/20:') && text.includes('tanh epoch 1/20:')) bothStarted();
        done();
      },
    });
    const running = runEngine({ config: cfg, train, test, environment: env, workers: 2, log, workerScript: workerEntry(join(__dirname, '..', '..', '..', 'src', 'cli')) });
    await started;
    assert.equal(liveWorkerThreads(), 2, 'two worker threads train');
    assert.equal(process.listenerCount('SIGINT'), listeners + 1);
    process.emit('SIGINT');
    const { file } = await running;
    assert.equal(file.status, 'cancelled');
    assert.deepEqual(file.runs.map((r) => r.status), ['cancelled', 'cancelled']);
    assert.equal(liveWorkerThreads(), 0, 'no worker thread left');
    assert.equal(process.listenerCount('SIGINT'), listeners);
  });
});
