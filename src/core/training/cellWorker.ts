/**
 * The worker side of the comparison scheduler (./scheduler.ts): receives the config and the
 * digit sets once, starts its own tfjs backend, uploads the digits once, then trains the
 * cells it is sent, one at a time, streaming `cell/*` events. Pure apart from tfjs: the
 * platform starts the backend (Node: wasm binaries from disk; a Web Worker: Blob URLs the
 * page made) through `initBackend`.
 */
import { uploadDigits } from './deviceData';
import type { DeviceDigits } from './deviceData';
import type { GridCell } from './grid';
import type { ModelOptions } from './model';
import { emptyRun } from './runSkeleton';
import { trainActivation } from './trainLoop';
import type { BackendName, RunResult, TrainConfig } from './types';
import { isToWorker } from './workerProtocol';
import type { ToWorker, WorkerEndpoint, WorkerOptions } from './workerProtocol';

/** What the platform supplies to {@link serveTraining}. */
export interface ServeOptions {
  /**
   * Makes `backend` the active tfjs backend of this worker; `options` as the scheduler's
   * `workerOptions` (e.g. the wasm binaries' Blob URLs in a webview).
   * @throws Error (message shown to the user) when it cannot start here.
   */
  initBackend(backend: BackendName, options: WorkerOptions): Promise<void>;
  /** Ops for user-defined activations (e.g. `expressionResolveOp(tf)`). */
  readonly resolveOp?: ModelOptions['resolveOp'];
}

interface Loaded { readonly config: TrainConfig; readonly train: DeviceDigits; readonly test: DeviceDigits }

/** A running {@link serveTraining}. */
export interface TrainingServer {
  /**
   * Stops serving: the cell in flight stops before its next batch, later messages are
   * ignored, and the uploaded digits are disposed once it has. For a worker sharing its
   * thread (./inlineWorker.ts); a worker thread simply ends.
   */
  close(): Promise<void>;
}

/**
 * Serves the scheduler's messages on `endpoint` until the worker is terminated (or closed).
 * A cancel stops the cell in flight before its next batch (it still reports `cell/ended`,
 * status `cancelled`, with its finished epochs); a cell sent after a cancel ends at once as
 * `cancelled`. Messages that are not {@link ToWorker} are ignored.
 */
export function serveTraining(endpoint: WorkerEndpoint, opts: ServeOptions): TrainingServer {
  let loaded: Promise<Loaded | undefined> | undefined;
  let closed = false;
  // A cancel holds for the cell in flight and any sent after it (the scheduler sends none).
  const abort = new AbortController();
  // Cells run one after another even if the scheduler sent two (it does not).
  let chain: Promise<void> = Promise.resolve();
  endpoint.onMessage((data) => {
    if (closed || !isToWorker(data)) return;
    const m: ToWorker = data;
    if (m.type === 'worker/init') {
      loaded ??= init(endpoint, opts, m);
    } else if (m.type === 'worker/cancel') {
      abort.abort();
    } else if (loaded) {
      const ready = loaded;
      chain = chain.then(async () => {
        const state = await ready;
        if (!state) return;
        await trainCell(endpoint, opts, state, m.cell, abort.signal).catch((e: unknown) => {
          const result = failedRun(`training crashed: ${e instanceof Error ? e.message : String(e)}`, m.cell, state.config);
          endpoint.post({ type: 'cell/ended', run: m.cell.run, result });
        });
      });
    }
  });
  return {
    close: async () => {
      closed = true;
      abort.abort();
      await chain;
      const state = await loaded;
      state?.train.dispose();
      state?.test.dispose();
    },
  };
}

async function init(endpoint: WorkerEndpoint, opts: ServeOptions, m: Extract<ToWorker, { type: 'worker/init' }>): Promise<Loaded | undefined> {
  try {
    await opts.initBackend(m.backend, m.options ?? {});
    const train = uploadDigits(m.train);
    const test = uploadDigits(m.test);
    endpoint.post({ type: 'worker/ready' });
    return { config: m.config, train, test };
  } catch (e) {
    endpoint.post({ type: 'worker/initFailed', error: e instanceof Error ? e.message : String(e) });
    return undefined;
  }
}

/** Trains one cell: the config with the cell's seed (initialisation, dropout, shuffles). */
async function trainCell(endpoint: WorkerEndpoint, opts: ServeOptions, s: Loaded, cell: GridCell, signal: AbortSignal): Promise<void> {
  const choice = s.config.activations[cell.activation];
  const run = cell.run;
  if (!choice) {
    endpoint.post({ type: 'cell/ended', run, result: failedRun(`the config has no activation ${cell.activation}`, cell) });
    return;
  }
  const cfg: TrainConfig = { ...s.config, seed: cell.seed };
  const n = s.train.count, bs = cfg.batchSize;
  const result = await trainActivation(run, choice, cfg, {
    train: s.train,
    test: s.test,
    signal,
    resolveOp: opts.resolveOp,
    repeat: cell.repeat,
    callbacks: {
      onRunStart: () => endpoint.post({ type: 'cell/started', run }),
      onBatchEnd: (_i, epoch, batch, batches, loss) =>
        endpoint.post({ type: 'cell/batch', run, epoch, batch, batches, loss, samples: Math.min(bs, n - batch * bs) }),
      onEpochEnd: (_i, epoch, r) => endpoint.post({ type: 'cell/epoch', run, epoch, result: r }),
    },
  });
  endpoint.post({ type: 'cell/ended', run, result });
}

function failedRun(error: string, cell: GridCell, config?: TrainConfig): RunResult {
  const choice = config?.activations[cell.activation];
  const run = choice ? emptyRun(choice) : emptyRun({ activation: `activation ${cell.activation}`, params: {} });
  run.status = 'failed';
  run.error = error;
  run.seed = cell.seed;
  run.repeat = cell.repeat;
  return run;
}
