/**
 * Node `worker_threads` behind the scheduler's {@link WorkerPort} (src/core/training/
 * workerProtocol.ts): each worker is a thread with its own tfjs and wasm instance. The pool
 * remembers every worker it made, so a caller can check that none is left and stop them all
 * at once (a second Ctrl-C, an error).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ToWorker, WorkerFactory, WorkerPort } from '../core/training/workerProtocol';

/**
 * Default number of training workers: one per core (`os.availableParallelism()`), never more
 * than there are cells. The CLI's main thread only relays messages, so it needs no core of its own.
 */
export function defaultWorkerCount(cells: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, cells));
}

/**
 * Starts a worker on `file`: a built `.mjs`/`.js` directly; a `.ts` source (tests and
 * `node --import tsx src/cli/main.ts`) through tsx's CommonJS hook, which a worker does not
 * inherit from `--import tsx`.
 */
function startWorker(file: string): Worker {
  if (!file.endsWith('.ts')) return new Worker(file);
  const api = require.resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(api)}).register(); require(${JSON.stringify(file)});`, { eval: true });
}

/** A pool of worker threads running one entry script. */
export class NodeWorkerPool {
  private readonly workers = new Set<Worker>();

  /** @throws Error naming `entry` when the file does not exist. */
  constructor(private readonly entry: string) {
    if (!existsSync(entry)) throw new Error(`training worker script ${entry} not found: run 'node esbuild.mjs'`);
  }

  /** Workers started and not yet exited. */
  get alive(): number {
    return this.workers.size;
  }

  /** The factory for `trainGrid`. */
  readonly factory: WorkerFactory = () => this.port();

  /** Terminates every live worker; resolves when all have exited. */
  async terminateAll(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  private port(): WorkerPort {
    const w = startWorker(this.entry);
    this.workers.add(w);
    let exited = false;
    let stopping = false;
    let onExit: (reason: string) => void = () => undefined;
    let lastError: string | undefined;
    const exitedPromise = new Promise<void>((resolve) => w.once('exit', (code) => {
      exited = true;
      this.workers.delete(w);
      if (!stopping) onExit(lastError ?? `exited with code ${code}`);
      resolve();
    }));
    w.on('error', (e) => {
      lastError = `crashed: ${e instanceof Error ? e.message : String(e)}`;
    });
    w.on('messageerror', (e) => {
      lastError = `sent a message that could not be read: ${e.message}`;
      void w.terminate();
    });
    return {
      post: (message: ToWorker, transfer?: ArrayBuffer[]) => w.postMessage(message, transfer),
      listen: (h) => {
        onExit = h.exit;
        w.on('message', h.message);
      },
      terminate: async () => {
        stopping = true;
        if (!exited) await w.terminate();
        await exitedPromise;
      },
    };
  }
}
