/**
 * The engine behind `activation-lab compare`: picks the backend (`auto`: the fastest that
 * trains correctly, by measurement; src/core/training/backendRank.ts), trains the grid's
 * cells on worker threads (src/core/training/scheduler.ts), and reports progress, samples/s
 * and time left on stderr. Ctrl-C stops every worker within a batch and keeps finished
 * epochs; a second Ctrl-C terminates the workers at once.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chooseBackend } from '../core/training/backendRank';
import type { Candidate } from '../core/training/backendRank';
import { comparisonGrid, runName } from '../core/training/grid';
import type { GridCell } from '../core/training/grid';
import { runGridComparison } from '../core/training/gridComparison';
import type { GridComparison } from '../core/training/gridComparison';
import { probeTraining } from '../core/training/probe';
import type { GridCallbacks } from '../core/training/scheduler';
import { ComparisonProgress, formatProgress } from '../core/training/timeLeft';
import type { BackendName, DigitSet, EnvironmentInfo, TrainConfig } from '../core/training/types';
import { softwareWebGpuAdapter } from '../core/training/backendRank';
import { expressionResolveOp } from '../core/expression/tfjsActivation';
import { inlineWorker } from '../core/training/inlineWorker';
import type { WorkerPort } from '../core/training/workerProtocol';
import { defaultWorkerCount, NodeWorkerPool } from '../node/workerPool';
import { initNodeBackend, startNodeBackend } from './compare';
import type { NodeBackend } from './compare';

/** What the user asked for: a backend or `auto`. */
export type CliBackend = BackendName | 'auto';

/** Backends `auto` considers in Node (webgl needs a browser). */
export const NODE_CANDIDATES: readonly BackendName[] = ['webgpu', 'wasm', 'cpu'];

/**
 * A candidate's reason from initNodeBackend's error: without the `--backend: ` prefix and the
 * advice after a `;` (the summary separates candidates with `;`).
 */
const reasonOf = (m: string): string => m.replace(/^--backend: /, '').split(';')[0]!.trim();

/** Starts `b` here and describes it as an `auto` candidate. */
async function candidate(b: BackendName): Promise<{ c: Candidate; env?: NodeBackend }> {
  try {
    const env = await startNodeBackend(b);
    const software = env.environment.adapter ? softwareWebGpuAdapter(env.environment.adapter) : undefined;
    return { c: { backend: b, ...(software ? { software } : {}) }, env };
  } catch (e) {
    return { c: { backend: b, unavailable: reasonOf((e as Error).message) } };
  }
}

/**
 * Starts the backend for training (in this thread, so a backend that cannot start is a usage
 * error before any worker exists). `auto`: every Node candidate is started, the timed ones
 * are probed on real training steps (src/core/training/probe.ts) and the fastest wins; the
 * outcome is `environment.selection`.
 * Warnings (e.g. WebGPU on a software adapter) are the chosen backend's only.
 * @throws UsageError from startNodeBackend for a forced backend that cannot start; Error when
 *   `auto` finds no backend that trains.
 */
export async function startBackend(choice: CliBackend, train: DigitSet, config: TrainConfig): Promise<NodeBackend> {
  if (choice !== 'auto') return startNodeBackend(choice);
  const found = new Map<BackendName, NodeBackend>();
  const candidates: Candidate[] = [];
  for (const b of NODE_CANDIDATES) {
    const { c, env } = await candidate(b);
    candidates.push(c);
    if (env) found.set(b, env);
  }
  const selection = await chooseBackend(candidates, async (b) => {
    await tf.setBackend(b);
    return probeTraining(train, config);
  });
  if (!selection.backend) throw new Error(`no tfjs backend can train here: ${selection.summary}`);
  await tf.setBackend(selection.backend);
  const chosen = found.get(selection.backend)!;
  return { ...chosen, environment: { ...chosen.environment, selection: { summary: selection.summary, candidates: selection.candidates } } };
}

/** The built worker entry beside the CLI bundle (out/cli), or its source when run through tsx. */
export function workerEntry(dir = __dirname): string {
  const built = join(dir, 'trainingWorker.mjs');
  return existsSync(built) ? built : join(dir, 'trainingWorker.ts');
}

/** Inputs of {@link runEngine}. */
export interface EngineInput {
  readonly config: TrainConfig;
  readonly train: DigitSet;
  readonly test: DigitSet;
  readonly environment: EnvironmentInfo;
  /** Workers; default one per core for CPU backends. webgpu trains in this thread (one at a time) whatever is asked. */
  readonly workers?: number;
  /** The cells to train (default: the whole grid, `config.repeats` runs per activation). */
  readonly cells?: readonly GridCell[];
  /** Where progress goes (default process.stderr). */
  readonly log?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Probe samples/s of one worker, to estimate time left before the first batch. */
  readonly initialRate?: number;
  /** The worker script (default {@link workerEntry}). */
  readonly workerScript?: string;
}

/** GPU backends train in this thread (their device and, for webgpu, a native addon live here), one model at a time. */
const onGpu = (backend: BackendName): boolean => backend === 'webgpu' || backend === 'webgl';

/** Default worker count for a backend: one per core on CPU backends, 1 on a GPU. */
export function workersFor(backend: BackendName, cells: number): number {
  return onGpu(backend) ? 1 : defaultWorkerCount(cells);
}

/**
 * Trains the comparison on worker threads and returns the results file (runs in run order)
 * with each run's cell.
 * SIGINT: first cancels (exit status is the caller's), second terminates the workers now.
 * No worker is left running when this settles, whatever happened.
 */
export async function runEngine(input: EngineInput): Promise<GridComparison> {
  const cells = input.cells ?? comparisonGrid(input.config, input.config.repeats ?? 1);
  const backend = input.environment.backend;
  const workers = onGpu(backend) ? 1 : Math.min(input.workers ?? workersFor(backend, cells.length), Math.max(1, cells.length));
  const pool = new NodeWorkerPool(input.workerScript ?? workerEntry());
  const here = (): WorkerPort => inlineWorker({ initBackend: async (b) => void (await initNodeBackend(b)), resolveOp: expressionResolveOp(tf) });
  const abort = new AbortController();
  const onSigint = (): void => {
    if (abort.signal.aborted) void pool.terminateAll();
    else abort.abort();
  };
  process.on('SIGINT', onSigint);
  const log = input.log ?? process.stderr;
  const rate = input.initialRate ?? input.environment.selection?.candidates.find((c) => c.backend === input.environment.backend)?.samplesPerSecond;
  const progress = new ComparisonProgress(input.config, cells.length, workers, rate);
  const on = onGpu(backend) ? 'in this thread, one at a time' : `on ${workers} worker${workers === 1 ? '' : 's'}`;
  if (onGpu(backend) && (input.workers ?? 1) > 1) log.write(`--workers: ${backend} trains in this thread, one run at a time (--workers is for wasm and cpu)\n`);
  log.write(`training ${cells.length} run${cells.length === 1 ? '' : 's'} ${on} (${backend})\n`);
  try {
    const done = await runGridComparison({
      config: input.config, cells, train: input.train, test: input.test, workers, createWorker: onGpu(backend) ? here : pool.factory, signal: abort.signal,
      environment: { ...input.environment, workers },
      callbacks: progressLines(input.config, cells.length, progress, log),
    });
    if (log.isTTY) log.write('\r\x1b[K');
    return done;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await pool.terminateAll();
  }
}

/** stderr lines: a run starts, an epoch ends (with samples/s and time left), a run fails; a live status line on a TTY. */
function progressLines(cfg: TrainConfig, total: number, p: ComparisonProgress, log: NodeJS.WritableStream & { isTTY?: boolean }): GridCallbacks {
  const repeats = cfg.repeats ?? 1;
  const name = (c: GridCell): string => runName(cfg.activations[c.activation]!.activation, c.run, repeats);
  const where = new Map<number, string>();
  let lastDraw = 0;
  const status = (): string => `${[...where.values()].join(' ')}  ${formatProgress(p.snapshot())}`;
  const line = (text: string): void => void log.write(`${log.isTTY ? '\r\x1b[K' : ''}${text}\n`);
  return {
    onCellStart: (c, choice) => {
      p.cellStarted(c.run);
      line(`[${c.run + 1}/${total}] ${runName(choice.activation, c.run, repeats)} ${JSON.stringify(choice.params)}`);
    },
    onBatch: (c, e, b, nb, _loss, samples) => {
      const now = performance.now();
      p.batch(c.run, samples, now);
      where.set(c.run, `${name(c)} e${e + 1} b${b + 1}/${nb}`);
      if (log.isTTY && now - lastDraw > 250) {
        lastDraw = now;
        log.write(`\r\x1b[K  ${status()}`);
      }
    },
    onEpoch: (c, e, r) => {
      p.epochEnded(c.run, performance.now());
      const h = r.history;
      line(`  ${name(c)} epoch ${e + 1}/${cfg.epochs}: loss ${h.loss[e]!.toFixed(4)} accuracy ${h.accuracy[e]!.toFixed(4)} val_loss ${h.val_loss[e]!.toFixed(4)} val_accuracy ${h.val_accuracy[e]!.toFixed(4)} (${(r.epochTimesMs[e]! / 1000).toFixed(1)} s, ${r.samplesPerSecond!.toFixed(0)} samples/s); all: ${formatProgress(p.snapshot())}`);
    },
    onCellEnd: (c, r) => {
      p.cellEnded(c.run);
      where.delete(c.run);
      if (r.status !== 'completed') line(`  ${r.activation}: ${r.status}${r.error ? ` (${r.error})` : ''}`);
    },
    onWorkerLost: (slot, reason, c) => line(`  worker ${slot + 1}: ${reason}${c ? ` (while training ${name(c)})` : ''}`),
  };
}
