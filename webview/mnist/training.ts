/**
 * Runs one comparison inside the webview: data (bundled asset via fetch, or the IDX sets
 * the host sent), backend selection with a one-batch smoke step, then the training core's
 * `runComparison`, streaming `training/*` messages to the host.
 */
import * as tf from '@tensorflow/tfjs';
import { BUNDLED_FILE, parseBundled } from '../../src/core/data/bundled';
import { stratifiedSamples, stratifiedSplit } from '../../src/core/data/split';
import { newResultsFile, runComparison } from '../../src/core/training/comparison';
import { uploadDigits } from '../../src/core/training/deviceData';
import { expressionResolveOp } from '../../src/core/expression/tfjsActivation';
import { trainActivation } from '../../src/core/training/trainLoop';
import type { DigitSet, ResultsFile, TrainCallbacks, TrainConfig } from '../../src/core/training/types';
import type { HostToMnist, IdxData, MnistToHost } from '../../src/protocol/mnist';
import { selectBackend, type BackendSelection } from './backend';

type Begin = Extract<HostToMnist, { type: 'training/begin' }>;

let bundled: Promise<DigitSet> | undefined;

const SMOKE_ACTIVATION = { activation: 'relu', params: {} } as const;

/**
 * The bundled 10,000 digits, fetched once from `<baseUri>data/mnist-bundled.bin`.
 * @throws Error naming the file when the fetch fails or the bytes do not parse.
 */
export function loadBundled(baseUri: string): Promise<DigitSet> {
  bundled ??= fetch(`${baseUri}data/${BUNDLED_FILE}`).then(async (r) => {
    if (!r.ok) throw new Error(`${BUNDLED_FILE}: HTTP ${r.status}`);
    return parseBundled(new Uint8Array(await r.arrayBuffer()));
  });
  bundled.catch(() => (bundled = undefined));
  return bundled;
}

/** Train/test sets for `config`: a seeded stratified split or sample. */
async function dataFor(b: Begin, baseUri: string, idx: IdxData | undefined): Promise<{ train: DigitSet; test: DigitSet }> {
  const c = b.config;
  if (b.source === 'bundled') return stratifiedSplit(await loadBundled(baseUri), c.trainSamples, c.testSamples, c.seed);
  if (!idx) throw new Error('no IDX data loaded');
  return { train: stratifiedSamples(idx.train, [c.trainSamples], c.seed)[0]!, test: stratifiedSamples(idx.test, [c.testSamples], c.seed + 1)[0]! };
}

/**
 * One optimiser step on the first batch of the CNN with ReLU, then validation on the same
 * rows: rejects when it throws, the loss is not finite, or the loss is not positive (a
 * backend that reads back zeros). ReLU, not the user's first choice: the step tests the
 * backend, and a bad activation must fail only its own run.
 */
function smokeStep(config: TrainConfig, train: DigitSet): () => Promise<void> {
  return async () => {
    const k = Math.min(config.batchSize, train.count);
    const px = train.rows * train.cols;
    const d = uploadDigits({ ...train, count: k, images: train.images.subarray(0, k * px), labels: train.labels.subarray(0, k) });
    try {
      const run = await trainActivation(0, SMOKE_ACTIVATION, { ...config, epochs: 1 }, { train: d, test: d, evalBatchSize: k, resolveOp: expressionResolveOp(tf) });
      if (run.status !== 'completed') throw new Error(run.error ?? run.status);
      const loss = run.history.loss[0]!;
      if (!(loss > 0)) throw new Error(`loss read back as ${loss}`);
    } finally {
      d.dispose();
    }
  };
}

function callbacks(post: (m: MnistToHost) => void): TrainCallbacks {
  return {
    onRunStart: (index, choice) => post({ type: 'training/runStarted', index, choice }),
    onBatchEnd: (index, epoch, batch, batches, loss) =>
      post({ type: 'training/batch', index, epoch, batch, batches, loss: Number.isFinite(loss) ? loss : null }),
    onEpochEnd: (index, epoch, run) => post({ type: 'training/epoch', index, epoch, run: structuredClone(run) }),
    onRunEnd: (index, run) => post({ type: 'training/runEnded', index, run: structuredClone(run) }),
  };
}

/** What {@link runTraining} reports to the page besides the host messages. */
export interface TrainingHooks {
  onSelected(sel: BackendSelection, skeleton: ResultsFile): void;
  /** `tf.memory().numTensors` before the comparison and after it (equal: no leak). */
  onTensors(before: number, after: number): void;
}

/**
 * Trains the comparison; never throws: failures end as `training/finished` with status
 * `failed` and the message.
 */
export async function runTraining(b: Begin, baseUri: string, idx: IdxData | undefined, signal: AbortSignal, post: (m: MnistToHost) => void, hooks: TrainingHooks): Promise<void> {
  try {
    const { train, test } = await dataFor(b, baseUri, idx);
    const sel = await selectBackend(b.backend, baseUri, smokeStep(b.config, train));
    const skeleton = newResultsFile(b.config, sel.environment);
    skeleton.warnings?.push(...sel.warnings);
    hooks.onSelected(sel, skeleton);
    post({ type: 'training/backend', skeleton, warnings: sel.warnings });
    const before = tf.memory().numTensors;
    const file = await runComparison({ config: b.config, train, test, environment: sel.environment, callbacks: callbacks(post), signal, resolveOp: expressionResolveOp(tf) });
    hooks.onTensors(before, tf.memory().numTensors);
    post({ type: 'training/finished', status: file.status });
  } catch (e) {
    post({ type: 'training/finished', status: signal.aborted ? 'cancelled' : 'failed', error: (e as Error).message });
  }
}
