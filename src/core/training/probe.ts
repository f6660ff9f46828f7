/**
 * The measurement behind `auto` (./backendRank.ts): a few real training steps of the
 * comparison CNN (ReLU) on the active tfjs backend, time-boxed, that also check the backend
 * trains correctly.
 */
import * as tf from '@tensorflow/tfjs';
import type { Measurement } from './backendRank';
import { uploadDigits } from './deviceData';
import { buildModel } from './model';
import { trainStep } from './trainLoop';
import type { DigitSet, TrainConfig } from './types';

/** Limits of one probe. */
export interface ProbeOptions {
  /** Timed steps stop once this many ms have passed (default 2,000); the warm-up step is not counted. */
  readonly budgetMs?: number;
  /** At most this many timed steps (default 8); at least one always runs. */
  readonly maxSteps?: number;
  /** Adam learning rate of the probe (default 0.001, the Keras default), whatever the run uses. */
  readonly learningRate?: number;
}

/**
 * Smallest fall of the loss (nats) on the repeated batch that counts as learning. At
 * initialisation Adam with eta = 0.001 lowers it by 0.13-0.18 in the first step (wasm, three
 * seeds); with eta ~ 0 the dropout masks alone move it by at most 0.02.
 */
export const MIN_LOSS_FALL = 0.05;

/**
 * Trains a fresh ReLU CNN on the first `cfg.batchSize` samples of `train` (fewer when the set
 * is smaller) on the active backend: one untimed warm-up step (kernel setup, shader
 * compilation), then timed steps until `budgetMs` or `maxSteps`. Each step reads its loss
 * back, as the training loop does. It trains correctly when every loss is finite, no output
 * is NaN, and the loss on the repeated batch fell at least {@link MIN_LOSS_FALL} below the
 * warm-up step's (a backend that computes wrong gradients or reads back zeros does not learn).
 * samplesPerSecond = samples per step x timed steps / timed seconds. Disposes every tensor it made.
 */
export async function probeTraining(train: DigitSet, cfg: Pick<TrainConfig, 'batchSize' | 'clipValue' | 'loss' | 'seed'>, opts: ProbeOptions = {}): Promise<Measurement> {
  const size = Math.min(cfg.batchSize, train.count);
  const px = train.rows * train.cols;
  const data = uploadDigits({ ...train, count: size, images: train.images.subarray(0, size * px), labels: train.labels.subarray(0, size) });
  const idx = Int32Array.from({ length: size }, (_, i) => i);
  const lr = opts.learningRate ?? 0.001;
  const full = { ...cfg, learningRate: lr, epochs: 1, trainSamples: size, testSamples: 1, dataset: 'probe', activations: [] } as TrainConfig;
  const model = buildModel({ activation: 'relu', params: {} }, { seed: cfg.seed });
  const opt = tf.train.adam(lr);
  const step = async (): Promise<{ loss: number; bad: number }> => {
    const stats = trainStep(model, opt, full, data, idx);
    const [l, , bad] = (await stats.data()) as Float32Array;
    stats.dispose();
    return { loss: l! / size, bad: bad! };
  };
  try {
    const first = await step();
    const losses: number[] = [];
    let bad = first.bad;
    const budget = opts.budgetMs ?? 2000, max = opts.maxSteps ?? 8;
    const t0 = performance.now();
    while (losses.length < max && (losses.length === 0 || performance.now() - t0 < budget)) {
      const s = await step();
      losses.push(s.loss);
      bad += s.bad;
    }
    const seconds = (performance.now() - t0) / 1000;
    const all = [first.loss, ...losses];
    if (bad > 0 || !all.every(Number.isFinite)) return { ok: false, reason: `non-finite loss or outputs (losses ${all.map((l) => l.toFixed(3)).join(', ')})` };
    if (!(first.loss - Math.min(...losses) >= MIN_LOSS_FALL)) return { ok: false, reason: `the loss did not fall on a repeated batch (${all.map((l) => l.toFixed(3)).join(', ')})` };
    return { ok: true, samplesPerSecond: (size * losses.length) / seconds };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    model.dispose();
    opt.dispose();
    data.dispose();
  }
}
