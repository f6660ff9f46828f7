/**
 * Messages between the comparison scheduler (./scheduler.ts) and its training workers
 * (./cellWorker.ts), and the small worker interface both sides use. The same messages travel
 * through Node `worker_threads` (the CLI) and browser Web Workers (the MNIST webview): both
 * deliver them by structured clone, so digit sets go as typed arrays whose buffers are
 * transferred, not as JSON, and NaN survives.
 */
import type { GridCell } from './grid';
import type { BackendName, DigitSet, RunResult, TrainConfig } from './types';

/** Platform data for a worker's backend start: names to strings (paths, URLs). */
export type WorkerOptions = Readonly<Record<string, string>>;

/** Scheduler -> worker. */
export type ToWorker =
  /**
   * Sent once, first: start `backend`, upload both digit sets, then answer `worker/ready`.
   * `options`: what the platform's backend start needs (e.g. Blob URLs of the wasm binaries
   * in a webview), passed as given to the worker's `initBackend`.
   */
  | { type: 'worker/init'; config: TrainConfig; backend: BackendName; train: DigitSet; test: DigitSet; options?: WorkerOptions }
  /** Train one cell (a fresh model seeded with `cell.seed`); answered by `cell/*` events. */
  | { type: 'worker/train'; cell: GridCell }
  /** Stop the cell in flight before its next batch (its finished epochs are kept). */
  | { type: 'worker/cancel' };

/** Worker -> scheduler. `run` is the cell's `run` (its place in the results file). */
export type FromWorker =
  /** The backend started and the digits are on the device; send cells. */
  | { type: 'worker/ready' }
  /** The backend could not start (or the digits could not be uploaded): this worker is unusable. */
  | { type: 'worker/initFailed'; error: string }
  /** A cell's training started. */
  | { type: 'cell/started'; run: number }
  /** One batch ended: mean loss of the batch (NaN when not finite) and its sample count. */
  | { type: 'cell/batch'; run: number; epoch: number; batch: number; batches: number; loss: number; samples: number }
  /** One epoch ended (validation included): the run so far. */
  | { type: 'cell/epoch'; run: number; epoch: number; result: RunResult }
  /** The cell ended (completed, cancelled, diverged or failed); the worker takes the next one. */
  | { type: 'cell/ended'; run: number; result: RunResult };

/**
 * One worker as the scheduler sees it, whatever runs it (a Node `Worker`, a Web Worker, or a
 * test double). The adapter calls `listen`'s `exit` exactly once when the worker can no longer
 * answer: it exited, crashed, threw an uncaught error, or could not be created.
 */
export interface WorkerPort {
  /** Posts one message; the buffers in `transfer` move to the worker (detached here). */
  post(message: ToWorker, transfer?: ArrayBuffer[]): void;
  /** Registers the handlers (called once, right after the port is made). */
  listen(handlers: { message(data: unknown): void; exit(reason: string): void }): void;
  /** Stops the worker now. Idempotent; resolves once it has stopped. */
  terminate(): Promise<void>;
}

/** Makes worker number `slot` (0-based; a replacement for a crashed worker gets a new slot). */
export type WorkerFactory = (slot: number) => WorkerPort;

/** The worker's end of the channel (`parentPort` in Node, `self` in a Web Worker). */
export interface WorkerEndpoint {
  post(message: FromWorker): void;
  onMessage(handler: (data: unknown) => void): void;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isIndex = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
const isRun = (x: unknown): x is RunResult => isRecord(x) && typeof x.activation === 'string' && typeof x.status === 'string' && isRecord(x.history);

/**
 * Shape check of a worker's message (workers run our own bundle, so this guards against
 * version skew and bugs, not attackers). Never throws.
 */
export function isFromWorker(x: unknown): x is FromWorker {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'worker/ready': return true;
    case 'worker/initFailed': return typeof x.error === 'string';
    case 'cell/started': return isIndex(x.run);
    case 'cell/batch': return isIndex(x.run) && isIndex(x.epoch) && isIndex(x.batch) && isIndex(x.batches) && typeof x.loss === 'number' && isIndex(x.samples);
    case 'cell/epoch': return isIndex(x.run) && isIndex(x.epoch) && isRun(x.result);
    case 'cell/ended': return isIndex(x.run) && isRun(x.result);
    default: return false;
  }
}

/** Shape check of a scheduler's message on the worker side. Never throws. */
export function isToWorker(x: unknown): x is ToWorker {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'worker/init': return isRecord(x.config) && typeof x.backend === 'string' && isRecord(x.train) && isRecord(x.test)
      && (x.options === undefined || (isRecord(x.options) && Object.values(x.options).every((v) => typeof v === 'string')));
    case 'worker/train': return isRecord(x.cell) && isIndex(x.cell.run) && isIndex(x.cell.activation) && isIndex(x.cell.seed);
    case 'worker/cancel': return true;
    default: return false;
  }
}

/**
 * A copy of `set` whose two arrays own fresh buffers, with those buffers: post the copy with
 * the buffers as the transfer list, so each worker gets its own bytes without a second copy
 * in flight and `set` stays usable here.
 */
export function transferableCopy(set: DigitSet): { set: DigitSet; transfer: ArrayBuffer[] } {
  const images = new Uint8Array(set.images);
  const labels = new Uint8Array(set.labels);
  return { set: { images, labels, count: set.count, rows: set.rows, cols: set.cols }, transfer: [images.buffer, labels.buffer] };
}
