/**
 * Trains the cells of a comparison grid (./grid.ts) on a pool of workers, a cell at a time
 * per worker, in grid order. Pure: no tfjs, no DOM, no Node APIs; the workers come from a
 * factory (Node `worker_threads` in the CLI, Web Workers in the webview, doubles in tests).
 *
 * Every cell is trained from scratch by one worker with the cell's seed, so a cell's result
 * does not depend on which worker trained it, on how many there are, or on what ran before
 * it in that worker: the same seed gives the same histories whatever the worker count.
 * Results come back in run order whatever finished first. A worker that crashes fails only
 * the cell it was training (its finished epochs are kept) and is replaced; a cancel stops
 * every worker before its next batch and keeps every finished epoch. When `trainGrid`
 * settles, every worker it made has been terminated.
 */
import type { GridCell } from './grid';
import { emptyRun } from './runSkeleton';
import type { ActivationChoice, BackendName, DigitSet, RunResult, TrainConfig } from './types';
import { isFromWorker, transferableCopy } from './workerProtocol';
import type { FromWorker, WorkerFactory, WorkerOptions, WorkerPort } from './workerProtocol';

/** Progress of a grid run (all optional); called in the order the workers report. */
export interface GridCallbacks {
  onCellStart?(cell: GridCell, choice: ActivationChoice): void;
  /** `loss`: the batch's mean loss (NaN when not finite); `samples`: the batch's size. */
  onBatch?(cell: GridCell, epoch: number, batch: number, batches: number, loss: number, samples: number): void;
  onEpoch?(cell: GridCell, epoch: number, run: RunResult): void;
  onCellEnd?(cell: GridCell, run: RunResult): void;
  /** A worker stopped answering or could not start; `cell` is the one it was training. */
  onWorkerLost?(slot: number, reason: string, cell: GridCell | undefined): void;
}

/** Inputs of {@link trainGrid}. */
export interface GridInput {
  readonly config: TrainConfig;
  /** The cells to train (a whole grid, a shard, ...), each at most once. */
  readonly cells: readonly GridCell[];
  readonly train: DigitSet;
  readonly test: DigitSet;
  /** The backend every worker starts (chosen beforehand, e.g. by ./backendRank.ts). */
  readonly backend: BackendName;
  /** Workers to run at once (integer >= 1; never more than there are cells). */
  readonly workers: number;
  readonly createWorker: WorkerFactory;
  readonly callbacks?: GridCallbacks;
  /** Abort = cancel: no new cells, the cells in flight stop before their next batch. */
  readonly signal?: AbortSignal;
  /** After a cancel, ms a worker may take to end its cell before it is terminated (default 60,000). */
  readonly cancelGraceMs?: number;
  /** Passed to every worker's backend start (see `worker/init`). */
  readonly workerOptions?: WorkerOptions;
}

/** One cell and its result. */
export interface CellOutcome {
  readonly cell: GridCell;
  readonly run: RunResult;
}

type SlotState = 'starting' | 'idle' | 'busy' | 'gone';

interface Slot {
  readonly id: number;
  readonly port: WorkerPort;
  state: SlotState;
  cell?: GridCell;
  /** The cell's result as of its last finished epoch. */
  last?: RunResult;
  graceTimer?: ReturnType<typeof setTimeout>;
}

/**
 * Trains `input.cells` and resolves with one outcome per cell that started, sorted by
 * `cell.run`. After a cancel, cells never handed to a worker are left out and cells in
 * flight end `cancelled` with their finished epochs. When no worker can start (or all were
 * lost), the cells left are `failed` with the reason.
 * @throws RangeError when `workers` is not an integer >= 1, a cell names an activation the
 *   config lacks, or two cells share a `run`; rejects with the error a callback threw (the
 *   grid is then cancelled, and every worker stopped before it rejects).
 */
export async function trainGrid(input: GridInput): Promise<CellOutcome[]> {
  if (!Number.isInteger(input.workers) || input.workers < 1) throw new RangeError(`workers must be an integer >= 1 (got ${input.workers})`);
  const runs = new Set<number>();
  for (const c of input.cells) {
    if (!input.config.activations[c.activation]) throw new RangeError(`cell ${c.run} names activation ${c.activation}, but the config has ${input.config.activations.length}`);
    if (runs.has(c.run)) throw new RangeError(`two cells have run ${c.run}`);
    runs.add(c.run);
  }
  if (input.cells.length === 0) return [];
  return new GridRun(input).start();
}

/** One call of trainGrid: the queue, the workers and the results. */
class GridRun {
  private readonly queue: GridCell[];
  private readonly slots: Slot[] = [];
  private readonly results = new Map<number, CellOutcome>();
  private nextSlot = 0;
  private spawnsLeft: number;
  private cancelled = false;
  private firstInitError: string | undefined;
  private finish!: (outcomes: CellOutcome[]) => void;
  private fail!: (error: unknown) => void;
  /** The first error a callback threw: the grid is cancelled and trainGrid rejects with it. */
  private fault: { error: unknown } | undefined;
  private finishing = false;

  constructor(private readonly input: GridInput) {
    this.queue = [...input.cells];
    // Replacements for crashed workers: at most one per cell, so a crash loop still ends.
    this.spawnsLeft = Math.min(input.workers, input.cells.length) + input.cells.length;
  }

  start(): Promise<CellOutcome[]> {
    const done = new Promise<CellOutcome[]>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
    const onAbort = (): void => this.cancel();
    this.input.signal?.addEventListener('abort', onAbort, { once: true });
    const detach = (): void => this.input.signal?.removeEventListener('abort', onAbort);
    void done.then(detach, detach);
    if (this.input.signal?.aborted) this.cancelled = true;
    const n = Math.min(this.input.workers, this.input.cells.length);
    for (let i = 0; i < n && !this.cancelled; i++) this.spawn();
    this.settleIfDone();
    return done;
  }

  /** Calls a callback; one that throws cancels the grid (the caller's bug must not strand workers). */
  private emit(call: (cb: GridCallbacks) => void): void {
    if (!this.input.callbacks) return;
    try {
      call(this.input.callbacks);
    } catch (error) {
      this.fault ??= { error };
      this.cancel();
    }
  }

  private choice(cell: GridCell): ActivationChoice {
    return this.input.config.activations[cell.activation]!;
  }

  private spawn(): void {
    if (this.finishing) return;
    this.spawnsLeft--;
    const id = this.nextSlot++;
    let port: WorkerPort;
    try {
      port = this.input.createWorker(id);
    } catch (e) {
      this.firstInitError ??= `could not create a worker: ${(e as Error).message}`;
      this.emit((cb) => cb.onWorkerLost?.(id, this.firstInitError!, undefined));
      return;
    }
    const slot: Slot = { id, port, state: 'starting' };
    this.slots.push(slot);
    port.listen({ message: (m) => this.onMessage(slot, m), exit: (reason) => this.onExit(slot, reason) });
    const { config, backend, workerOptions: options } = this.input;
    const train = transferableCopy(this.input.train), test = transferableCopy(this.input.test);
    try {
      port.post({ type: 'worker/init', config, backend, train: train.set, test: test.set, ...(options ? { options } : {}) }, [...train.transfer, ...test.transfer]);
    } catch (e) {
      this.onExit(slot, `could not post to the worker: ${(e as Error).message}`);
    }
  }

  private onMessage(slot: Slot, data: unknown): void {
    if (slot.state === 'gone') return;
    if (!isFromWorker(data)) return this.lose(slot, `sent an unknown message ${JSON.stringify(data)?.slice(0, 200)}`);
    const m: FromWorker = data;
    switch (m.type) {
      case 'worker/ready':
        if (slot.state === 'starting') this.dispatch(slot);
        return;
      case 'worker/initFailed':
        this.firstInitError ??= m.error;
        return this.lose(slot, m.error, true);
      default: {
        const cell = slot.cell;
        if (!cell || m.run !== cell.run) return this.lose(slot, `reported run ${m.run} while training ${cell ? cell.run : 'nothing'}`);
        if (m.type === 'cell/started') this.emit((cb) => cb.onCellStart?.(cell, this.choice(cell)));
        else if (m.type === 'cell/batch') this.emit((cb) => cb.onBatch?.(cell, m.epoch, m.batch, m.batches, m.loss, m.samples));
        else if (m.type === 'cell/epoch') {
          slot.last = m.result;
          this.emit((cb) => cb.onEpoch?.(cell, m.epoch, m.result));
        } else this.endCell(slot, m.result);
      }
    }
  }

  /** Hands the idle worker the next cell, or stops it when there is none (or after a cancel). */
  private dispatch(slot: Slot): void {
    const cell = this.cancelled ? undefined : this.queue.shift();
    if (!cell) {
      this.retire(slot);
      return this.settleIfDone();
    }
    slot.state = 'busy';
    slot.cell = cell;
    slot.last = undefined;
    slot.port.post({ type: 'worker/train', cell });
  }

  private endCell(slot: Slot, run: RunResult): void {
    const cell = slot.cell!;
    clearTimeout(slot.graceTimer);
    slot.cell = undefined;
    slot.state = 'idle';
    this.record(cell, run);
    this.dispatch(slot);
  }

  /** A cell's run before any epoch, with the cell's seed and repeat. */
  private emptyCellRun(cell: GridCell): RunResult {
    return { ...emptyRun(this.choice(cell)), seed: cell.seed, repeat: cell.repeat };
  }

  private record(cell: GridCell, run: RunResult): void {
    this.results.set(cell.run, { cell, run });
    this.emit((cb) => cb.onCellEnd?.(cell, run));
  }

  /** The worker's cell as of its last epoch, ended with `status` and `error`. */
  private salvage(slot: Slot, status: RunResult['status'], error?: string): RunResult {
    const run = slot.last ? structuredClone(slot.last) : this.emptyCellRun(slot.cell!);
    run.status = status;
    if (error) run.error = error;
    return run;
  }

  private onExit(slot: Slot, reason: string): void {
    if (slot.state === 'gone') return;
    this.lose(slot, `worker stopped: ${reason}`, slot.state === 'starting');
  }

  /** The worker is unusable: fail (or, after a cancel, end as cancelled) its cell and replace it. */
  private lose(slot: Slot, reason: string, duringInit = false): void {
    const cell = slot.cell;
    if (cell) this.record(cell, this.cancelled ? this.salvage(slot, 'cancelled') : this.salvage(slot, 'failed', reason));
    this.emit((cb) => cb.onWorkerLost?.(slot.id, reason, cell));
    this.retire(slot);
    // An init failure is the environment's (the backend cannot start): no replacement for it.
    if (!duringInit && !this.cancelled && this.queue.length > 0 && this.spawnsLeft > 0) this.spawn();
    this.settleIfDone();
  }

  private retire(slot: Slot): void {
    clearTimeout(slot.graceTimer);
    slot.state = 'gone';
    slot.cell = undefined;
    void slot.port.terminate().catch(() => undefined);
  }

  private cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const slot of this.slots) {
      if (slot.state === 'busy') {
        slot.port.post({ type: 'worker/cancel' });
        slot.graceTimer = setTimeout(() => this.lose(slot, 'did not stop within the cancel grace time'), this.input.cancelGraceMs ?? 60_000);
      } else if (slot.state !== 'gone') this.retire(slot);
    }
    this.settleIfDone();
  }

  /** Resolves once no worker is starting or busy, after every worker has been terminated. */
  private settleIfDone(): void {
    if (this.finishing || this.slots.some((s) => s.state === 'starting' || s.state === 'busy')) return;
    if (!this.cancelled && this.queue.length > 0) {
      const why = this.firstInitError ? `no training worker could start: ${this.firstInitError}` : 'every training worker was lost';
      for (const cell of this.queue.splice(0)) {
        const run = this.emptyCellRun(cell);
        run.status = 'failed';
        run.error = why;
        this.record(cell, run);
      }
    }
    this.finishing = true;
    void Promise.all(this.slots.map((s) => s.port.terminate().catch(() => undefined))).then(() => {
      if (this.fault) this.fail(this.fault.error);
      else this.finish([...this.results.values()].sort((a, b) => a.cell.run - b.cell.run));
    });
  }
}
