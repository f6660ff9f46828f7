/**
 * Training speed on the wasm backend (what the CLI uses): our loop (trainActivation) against
 * a bare `model.fit` of the same model on the same data, and against the same CNN in PyTorch
 * on the CPU (Debian's python3-torch) when available. Ratios are measured in one run.
 * Goal (issue 4): ours / bare fit >= 0.95.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchRow } from './run';
import { initNodeBackend } from '../src/cli/compare';
import { stratifiedSplit } from '../src/core/data/split';
import { DEFAULT_CONFIG } from '../src/core/training/comparison';
import { uploadDigits } from '../src/core/training/deviceData';
import { buildModel } from '../src/core/training/model';
import { trainActivation } from '../src/core/training/trainLoop';
import type { TrainConfig } from '../src/core/training/types';
import { bundledDigits } from '../test/unit/training/fixtures';

const SAMPLES = 1536;
const REPS = 2;
const cfg: TrainConfig = { ...DEFAULT_CONFIG, trainSamples: SAMPLES, testSamples: 128, epochs: 1, activations: [{ activation: 'relu', params: {} }] };

/** cpuSamplesPerSecond: samples per second of this process's CPU time (less sensitive to other load). */
interface Speed { samplesPerSecond: number; firstBatchMs: number; cpuSamplesPerSecond?: number }

const cpuSeconds = (c0: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

/** One epoch through our loop; validation excluded from the rate as in samplesPerSecond. */
async function ours(train: ReturnType<typeof uploadDigits>, test: ReturnType<typeof uploadDigits>): Promise<Speed> {
  const t0 = performance.now(), c0 = process.cpuUsage();
  let first = 0;
  const run = await trainActivation(0, cfg.activations[0]!, cfg, {
    train, test, callbacks: { onBatchEnd: (_i, _e, b) => { if (b === 0) first = performance.now() - t0; } },
  });
  // CPU time of the whole call (model build and the 128-sample validation included): a conservative rate.
  return { samplesPerSecond: run.samplesPerSecond!, firstBatchMs: first, cpuSamplesPerSecond: SAMPLES / cpuSeconds(c0) };
}

/** One epoch of a bare `model.fit` (tfjs-layers' own loop) on the same uploaded tensors. */
async function bareFit(train: ReturnType<typeof uploadDigits>): Promise<Speed> {
  const model = buildModel(cfg.activations[0]!, { seed: cfg.seed });
  const opt = tf.train.adam(cfg.learningRate);
  model.compile({ optimizer: opt, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const t0 = performance.now();
  let first = 0;
  await model.fit(train.x, train.y, {
    batchSize: cfg.batchSize, epochs: 1, shuffle: true, verbose: 0,
    callbacks: { onBatchEnd: async (b) => { if (b === 0) first = performance.now() - t0; } },
  });
  const ms = performance.now() - t0;
  model.dispose();
  opt.dispose();
  return { samplesPerSecond: SAMPLES / (ms / 1000), firstBatchMs: first };
}

function torch(threads: number): Speed | undefined {
  const py = '/usr/bin/python3';
  if (spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0) return undefined;
  const r = spawnSync(py, [join(__dirname, 'torch_cnn.py'), String(SAMPLES), String(threads)], { encoding: 'utf8' });
  return r.status === 0 ? (JSON.parse(r.stdout) as Speed) : undefined;
}

const best = (xs: Speed[]): Speed => xs.reduce((a, b) => (b.samplesPerSecond > a.samplesPerSecond ? b : a));
const bestCpu = (xs: Speed[]): number => Math.max(...xs.map((x) => x.cpuSamplesPerSecond ?? 0));

/** Rows: samples/s of each, the ratios, and time to first batch. */
export async function bench(): Promise<BenchRow[]> {
  await initNodeBackend('wasm');
  const split = stratifiedSplit(await bundledDigits(), SAMPLES, 128, 1);
  const train = uploadDigits(split.train), test = uploadDigits(split.test);
  const o: Speed[] = [], f: Speed[] = [];
  for (let r = 0; r < REPS; r++) {
    o.push(await ours(train, test));
    f.push(await bareFit(train));
  }
  train.dispose();
  test.dispose();
  const [so, sf] = [best(o), best(f)];
  const rows: BenchRow[] = [
    { name: 'training: our loop, wasm (samples/s)', value: so.samplesPerSecond, unit: 'samples/s', note: `best of ${REPS}, ${SAMPLES} samples, batch 128` },
    { name: 'training: bare model.fit, wasm (samples/s)', value: sf.samplesPerSecond, unit: 'samples/s' },
    { name: 'training: our loop / bare model.fit', value: so.samplesPerSecond / sf.samplesPerSecond, unit: 'x', note: 'goal >= 0.95' },
    { name: 'training: time to first batch, our loop', value: o[0]!.firstBatchMs, unit: 'ms', note: 'first rep, includes model build' },
    { name: 'training: time to first batch, bare model.fit', value: f[0]!.firstBatchMs, unit: 'ms' },
  ];
  const t = torch(1);
  if (t) {
    rows.push(
      { name: 'training: PyTorch CPU 1 thread (samples/s)', value: t.samplesPerSecond, unit: 'samples/s', note: 'same CNN, /usr/bin/python3' },
      { name: 'training: our loop (wasm, 1 thread) / PyTorch (1 thread)', value: so.samplesPerSecond / t.samplesPerSecond, unit: 'x', note: 'wall clock' },
      { name: 'training: the same, per second of CPU time', value: bestCpu(o) / (t.cpuSamplesPerSecond ?? Number.NaN), unit: 'x', note: `${bestCpu(o).toFixed(0)} vs ${(t.cpuSamplesPerSecond ?? Number.NaN).toFixed(0)} samples per CPU second` },
    );
  } else {
    rows.push({ name: 'training: PyTorch comparison', value: 0, unit: '-', note: "skipped: /usr/bin/python3 -c 'import torch' failed" });
  }
  return rows;
}
