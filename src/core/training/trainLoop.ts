/**
 * Trains one activation's CNN: Adam with per-element gradient clipping (Keras `clipvalue`),
 * seeded shuffles, validation on the test split each epoch, Keras-style history.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActivationChoice, RunResult, TrainCallbacks, TrainConfig } from './types';
import type { DeviceDigits } from './deviceData';
import { gatherBatch, sliceBatch } from './deviceData';
import { argmaxCorrect, correctCount, perSampleLoss } from './lossMetrics';
import { buildModel } from './model';
import type { ModelOptions } from './model';
import { permutation } from '../data/random';
import { componentCount, DiagnosticsRecorder, gradientScalars, hiddenLayers, kernelsBefore, maxDerivative, PROBE_SAMPLES, runProbe, SATURATION_SHARE, updateScalars } from './diagnostics';
import type { HiddenLayer } from './diagnostics';
import { confusionMatrix, misclassifiedDigits } from './testEvaluation';
import { emptyRun } from './runSkeleton';

/** What `trainActivation` needs besides the config. */
export interface TrainContext {
  readonly train: DeviceDigits;
  readonly test: DeviceDigits;
  readonly callbacks?: TrainCallbacks;
  /** Checked before every batch; when aborted the run ends with status `cancelled`. */
  readonly signal?: AbortSignal;
  readonly resolveOp?: ModelOptions['resolveOp'];
  /** Batch size for validation (no gradients), default 512. */
  readonly evalBatchSize?: number;
  /** 0-based repeat of this activation (recorded in the run; `cfg.seed` is already its seed). */
  readonly repeat?: number;
}

/**
 * Yields to the event loop once per batch, so a cancel message or SIGINT handler can run.
 * Node: setImmediate. Browser: a MessageChannel round trip, because timers in a hidden
 * webview are throttled (Chromium: 1 wake-up per second, later per minute) and would stall
 * training while the panel is in the background.
 */
const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
const yieldToLoop: () => Promise<void> = immediate ? () => new Promise((r) => immediate(r)) : channelYield();

function channelYield(): () => Promise<void> {
  let channel: MessageChannel | undefined;
  const waiting: Array<() => void> = [];
  return () =>
    new Promise<void>((resolve) => {
      if (!channel) {
        channel = new MessageChannel();
        channel.port1.onmessage = () => waiting.shift()?.();
      }
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

export { emptyRun } from './runSkeleton';

/**
 * One optimiser step on the rows `idx`: gradients of the mean loss, each element clipped to
 * [-clip, clip] (Keras Optimizer `clipvalue`), then Adam. Returns [loss, correct] summed over
 * the batch, and the count of non-finite outputs, as a float32 [3] tensor (one read per batch).
 * With `layers` (./diagnostics.ts `hiddenLayers`), the diagnostics' per-step values follow:
 * `gradientScalars` of the raw gradients, then `updateScalars` ([3 + 2 + 3L] in all).
 */
export function trainStep(model: tf.LayersModel, opt: tf.Optimizer, cfg: TrainConfig, data: DeviceDigits, idx: Int32Array, layers?: readonly HiddenLayer[]): tf.Tensor1D {
  return tf.tidy(() => {
    const { xb, yb } = gatherBatch(data, idx);
    let stats: tf.Tensor1D | undefined;
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => {
      const p = model.apply(xb, { training: true }) as tf.Tensor;
      const per = perSampleLoss(cfg.loss, yb, p);
      const mean = tf.mean(per) as tf.Scalar;
      // Non-finite outputs are counted explicitly: clipping inside the loss can hide a NaN (wasm's clip maps NaN to a bound).
      const bad = tf.sum(tf.cast(tf.logicalNot(tf.isFinite(p)), 'float32'));
      stats = tf.keep(tf.stack([tf.sum(per), correctCount(cfg.loss, yb, p), bad]) as tf.Tensor1D);
      return mean;
    }, vars);
    const clipped: tf.NamedTensorMap = {};
    for (const [name, g] of Object.entries(grads)) clipped[name] = tf.clipByValue(g, -cfg.clipValue, cfg.clipValue);
    const diag = layers ? gradientScalars(grads, layers, cfg.clipValue) : undefined;
    const before = layers ? kernelsBefore(layers) : undefined;
    opt.applyGradients(clipped);
    value.dispose();
    if (!layers) return stats!;
    const all = tf.concat([stats!, diag!, updateScalars(layers, before!)]) as tf.Tensor1D;
    stats!.dispose();
    return all;
  });
}

/** Validation over the whole test split: [sum loss, correct (Keras metric), argmax correct] and the argmax predictions. */
async function evaluate(model: tf.LayersModel, cfg: TrainConfig, test: DeviceDigits, batch: number): Promise<{ sums: Float32Array; predicted: Int32Array }> {
  let acc = tf.zeros([3]);
  const preds: tf.Tensor[] = [];
  for (let s = 0; s < test.count; s += batch) {
    const next = tf.tidy(() => {
      const { xb, yb } = sliceBatch(test, s, Math.min(batch, test.count - s));
      const p = model.apply(xb, { training: false }) as tf.Tensor;
      preds.push(tf.keep(tf.argMax(p, -1)));
      return tf.add(acc, tf.stack([tf.sum(perSampleLoss(cfg.loss, yb, p)), correctCount(cfg.loss, yb, p), argmaxCorrect(yb, p)]));
    });
    acc.dispose();
    acc = next;
  }
  const all = tf.concat(preds);
  tf.dispose(preds);
  try {
    return { sums: (await acc.data()) as Float32Array, predicted: (await all.data()) as Int32Array };
  } finally {
    tf.dispose([acc, all]);
  }
}

/** A run's diagnostics: the hidden layers, their saturation thresholds, the probe batch, the recorder. */
interface RunProbe {
  readonly layers: readonly HiddenLayer[];
  readonly thresholds: readonly number[];
  readonly recorder: DiagnosticsRecorder;
  readonly probe: tf.Tensor4D;
}

/** Sets up the diagnostics of one run (./diagnostics.ts) on the first PROBE_SAMPLES test images. */
async function startProbe(model: tf.Sequential, test: DeviceDigits): Promise<RunProbe> {
  const layers = hiddenLayers(model);
  const thresholds = await Promise.all(layers.map(async (l) => SATURATION_SHARE * (await maxDerivative(l.activation))));
  const n = Math.min(PROBE_SAMPLES, test.count);
  const probe = sliceBatch(test, 0, n);
  probe.yb.dispose();
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return { layers, thresholds, probe: probe.xb, recorder: new DiagnosticsRecorder(layers, componentCount(vars), n) };
}

/** Closes an epoch's diagnostics with one probe pass. */
async function endProbeEpoch(model: tf.Sequential, p: RunProbe): Promise<void> {
  p.recorder.endEpoch(await runProbe(model, p.layers, p.probe), p.thresholds);
}

interface EpochOutcome { readonly loss: number; readonly correct: number; readonly trainMs: number; readonly stop?: 'cancelled' | 'diverged'; readonly where?: string }

/** One pass over the training split in seeded random order. */
async function trainEpoch(index: number, epoch: number, model: tf.LayersModel, opt: tf.Optimizer, cfg: TrainConfig, ctx: TrainContext, probe?: RunProbe): Promise<EpochOutcome> {
  const n = ctx.train.count;
  const order = permutation(n, cfg.seed * 1009 + epoch);
  const batches = Math.ceil(n / cfg.batchSize);
  let loss = 0, correct = 0;
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) {
    await yieldToLoop();
    if (ctx.signal?.aborted) return { loss, correct, trainMs: performance.now() - t0, stop: 'cancelled' };
    const stats = trainStep(model, opt, cfg, ctx.train, order.subarray(b * cfg.batchSize, Math.min(n, (b + 1) * cfg.batchSize)), probe?.layers);
    const values = (await stats.data()) as Float32Array;
    stats.dispose();
    const [l, c, bad] = values;
    probe?.recorder.addBatch(values.subarray(3));
    const size = Math.min(n, (b + 1) * cfg.batchSize) - b * cfg.batchSize;
    if (!Number.isFinite(l!) || bad! > 0) return { loss, correct, trainMs: 0, stop: 'diverged', where: `diverged at epoch ${epoch + 1}, batch ${b + 1}: loss ${l}, ${bad} non-finite outputs` };
    loss += l!;
    correct += c!;
    ctx.callbacks?.onBatchEnd?.(index, epoch, b, batches, l! / size);
  }
  return { loss, correct, trainMs: performance.now() - t0 };
}

/**
 * Trains a fresh model for `choice` for `cfg.epochs` epochs; disposes every tensor it made.
 * Status: completed; cancelled (signal aborted; finished epochs kept); diverged (non-finite
 * loss; finished epochs kept, `error` says where); failed (an exception, message in `error`).
 * history.loss/accuracy: batch-size-weighted means over the epoch (Keras BaseLogger);
 * val_*: over the whole test split; testAccuracy: argmax accuracy after the last epoch;
 * samplesPerSecond: training samples / training time (validation excluded).
 */
export async function trainActivation(index: number, choice: ActivationChoice, cfg: TrainConfig, ctx: TrainContext): Promise<RunResult> {
  const run = emptyRun(choice);
  ctx.callbacks?.onRunStart?.(index, choice);
  run.seed = cfg.seed;
  run.repeat = ctx.repeat ?? 0;
  let model: tf.Sequential | undefined;
  let probe: RunProbe | undefined;
  const opt = tf.train.adam(cfg.learningRate);
  try {
    model = buildModel(choice, { seed: cfg.seed, resolveOp: ctx.resolveOp });
    if (cfg.diagnostics !== false) probe = await startProbe(model, ctx.test);
    let trainMs = 0;
    for (let epoch = 0; epoch < cfg.epochs; epoch++) {
      const t0 = performance.now();
      const e = await trainEpoch(index, epoch, model, opt, cfg, ctx, probe);
      if (e.stop) {
        run.status = e.stop;
        if (e.where) run.error = e.where;
        break;
      }
      const val = await evaluate(model, cfg, ctx.test, ctx.evalBatchSize ?? 512);
      trainMs += e.trainMs;
      if (probe) {
        await endProbeEpoch(model, probe);
        run.diagnostics = probe.recorder.result();
      }
      recordEpoch(run, ctx, e, val.sums, performance.now() - t0, trainMs);
      run.confusionMatrix = confusionMatrix(ctx.test.source.labels, val.predicted);
      run.misclassified = misclassifiedDigits(ctx.test.source, val.predicted);
      ctx.callbacks?.onEpochEnd?.(index, epoch, run);
      if (!Number.isFinite(val.sums[0]!)) {
        run.status = 'diverged';
        run.error = `validation loss became ${val.sums[0]} after epoch ${epoch + 1}`;
        break;
      }
    }
  } catch (err) {
    run.status = 'failed';
    run.error = err instanceof Error ? err.message : String(err);
  } finally {
    probe?.probe.dispose();
    model?.dispose();
    opt.dispose();
  }
  ctx.callbacks?.onRunEnd?.(index, run);
  return run;
}

/** Appends one finished epoch: means per sample, epoch time, test accuracy, samples/s so far. */
function recordEpoch(run: RunResult, ctx: TrainContext, e: EpochOutcome, val: Float32Array, epochMs: number, trainMs: number): void {
  const [vl, vc, va] = val;
  run.history.loss.push(e.loss / ctx.train.count);
  run.history.accuracy.push(e.correct / ctx.train.count);
  run.history.val_loss.push(vl! / ctx.test.count);
  run.history.val_accuracy.push(vc! / ctx.test.count);
  run.epochTimesMs.push(epochMs);
  run.testAccuracy = va! / ctx.test.count;
  run.samplesPerSecond = (ctx.train.count * run.epochTimesMs.length) / (trainMs / 1000);
}
