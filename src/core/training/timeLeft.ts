/**
 * Samples/s and time left for a whole comparison, from measured speed: the panel, the VS Code
 * progress notification and the CLI show what {@link ComparisonProgress} says. Pure: times are
 * passed in (ms, e.g. `performance.now()`).
 */

/** The work of one cell: `epochs` x (a training pass over trainSamples + validation on testSamples). */
export interface CellWork {
  readonly epochs: number;
  readonly trainSamples: number;
  readonly testSamples: number;
}

/** Where one running cell stands. */
export interface RunningCell {
  readonly epochsDone: number;
  /** Training samples done in the current epoch (trainSamples while it validates). */
  readonly samplesDone: number;
}

/** Inputs of {@link estimateSecondsLeft}. */
export interface EstimateInput {
  readonly work: CellWork;
  /** Cells not started yet. */
  readonly queued: number;
  readonly running: readonly RunningCell[];
  /** Workers that train at once. */
  readonly workers: number;
  /** Training samples/s of one worker. */
  readonly trainRate: number;
  /** Validation samples/s of one worker. */
  readonly validationRate: number;
}

/**
 * Seconds until the last cell ends, by list scheduling (Graham 1969, "Bounds on
 * multiprocessing timing anomalies"), which is what the scheduler does: each running cell
 * finishes its own remaining work, every queued cell goes to the worker that frees first, and
 * the answer is the latest finish. So the tail where fewer cells than workers remain counts.
 * @returns Infinity when no worker is left or a rate is not positive while work remains; 0 when nothing is left.
 */
export function estimateSecondsLeft(e: EstimateInput): number {
  if (e.queued === 0 && e.running.length === 0) return 0;
  if (e.workers < 1 || !(e.trainRate > 0) || !(e.validationRate > 0)) return Infinity;
  const epoch = e.work.trainSamples / e.trainRate + e.work.testSamples / e.validationRate;
  const free = e.running.map((r) => Math.max(0, (e.work.epochs - r.epochsDone) * epoch - Math.min(r.samplesDone, e.work.trainSamples) / e.trainRate));
  while (free.length < e.workers) free.push(0);
  const cell = e.work.epochs * epoch;
  for (let q = 0; q < e.queued; q++) {
    let k = 0;
    for (let i = 1; i < free.length; i++) if (free[i]! < free[k]!) k = i;
    free[k]! += cell;
  }
  return Math.max(...free);
}

/**
 * Validation samples cost about a third of a training sample: a forward pass is ~1/3 of
 * forward + backward (~2N vs ~6N FLOPs per sample for N parameters; Kaplan et al. 2020,
 * "Scaling Laws for Neural Language Models", sec. 2.1). Used until a validation was timed.
 */
export const VALIDATION_SPEEDUP_PRIOR = 3;

/** What {@link ComparisonProgress.snapshot} reports. */
export interface ProgressSnapshot {
  /** Training samples/s of all workers together; undefined until measured (or given). */
  readonly samplesPerSecond: number | undefined;
  /** Seconds left for the whole comparison; undefined until a speed is known. */
  readonly secondsLeft: number | undefined;
  /** Share of the work done, 0..1 (training and validation, weighted by their measured cost). */
  readonly fraction: number;
  readonly cellsDone: number;
  readonly cellsTotal: number;
}

interface CellState { epochsDone: number; samplesDone: number; lastBatchAt?: number }

/** Inter-batch intervals kept for the training rate (across all workers). */
const WINDOW = 32;

/**
 * Follows a comparison from the scheduler's events and estimates its speed and time left.
 * Training speed per worker: samples / time between consecutive batches of the same cell,
 * over the last 32 such intervals of any worker (so contention between workers is measured,
 * and the first batch of an epoch, which includes model set-up or validation, is not).
 * Validation speed: testSamples / time from an epoch's last batch to its end.
 */
export class ComparisonProgress {
  private readonly running = new Map<number, CellState>();
  private readonly intervals: Array<{ samples: number; ms: number }> = [];
  private validationRate: number | undefined;
  private done = 0;

  /**
   * @param initialTrainRate one worker's training samples/s before any batch was timed (e.g.
   *   the backend probe's), so an estimate shows at once.
   */
  constructor(private readonly work: CellWork, private readonly cellsTotal: number, private readonly workers: number, private readonly initialTrainRate?: number) {}

  cellStarted(run: number): void {
    this.running.set(run, { epochsDone: 0, samplesDone: 0 });
  }

  batch(run: number, samples: number, now: number): void {
    const s = this.running.get(run);
    if (!s) return;
    if (s.lastBatchAt !== undefined && now > s.lastBatchAt) {
      this.intervals.push({ samples, ms: now - s.lastBatchAt });
      if (this.intervals.length > WINDOW) this.intervals.shift();
    }
    s.samplesDone += samples;
    s.lastBatchAt = now;
  }

  epochEnded(run: number, now: number): void {
    const s = this.running.get(run);
    if (!s) return;
    if (s.lastBatchAt !== undefined && now > s.lastBatchAt && this.work.testSamples > 0) {
      const rate = this.work.testSamples / ((now - s.lastBatchAt) / 1000);
      this.validationRate = this.validationRate === undefined ? rate : 0.5 * this.validationRate + 0.5 * rate;
    }
    s.epochsDone++;
    s.samplesDone = 0;
    s.lastBatchAt = undefined;
  }

  cellEnded(run: number): void {
    if (this.running.delete(run)) this.done++;
  }

  /** One worker's training samples/s: measured, else the initial rate. */
  trainRate(): number | undefined {
    if (this.intervals.length === 0) return this.initialTrainRate;
    const samples = this.intervals.reduce((a, i) => a + i.samples, 0);
    const ms = this.intervals.reduce((a, i) => a + i.ms, 0);
    return samples / (ms / 1000);
  }

  snapshot(): ProgressSnapshot {
    const rate = this.trainRate();
    const queued = Math.max(0, this.cellsTotal - this.done - this.running.size);
    const running = [...this.running.values()].map((s) => ({ epochsDone: s.epochsDone, samplesDone: s.samplesDone }));
    const valRate = this.validationRate ?? (rate === undefined ? undefined : rate * VALIDATION_SPEEDUP_PRIOR);
    const w = this.work;
    const cost = rate && valRate ? rate / valRate : 1 / VALIDATION_SPEEDUP_PRIOR;
    const perCell = w.epochs * (w.trainSamples + w.testSamples * cost);
    const left = running.reduce((a, r) => a + (w.epochs - r.epochsDone) * (w.trainSamples + w.testSamples * cost) - r.samplesDone, 0) + queued * perCell;
    const total = this.cellsTotal * perCell;
    const secondsLeft = rate === undefined || valRate === undefined
      ? undefined
      : estimateSecondsLeft({ work: w, queued, running, workers: Math.min(this.workers, this.cellsTotal), trainRate: rate, validationRate: valRate });
    const busy = Math.min(this.workers, Math.max(1, this.running.size));
    return {
      samplesPerSecond: rate === undefined ? undefined : rate * busy,
      secondsLeft,
      fraction: total > 0 ? Math.min(1, Math.max(0, 1 - left / total)) : 1,
      cellsDone: this.done,
      cellsTotal: this.cellsTotal,
    };
  }
}

/** `45 s`, `3 min 05 s`, `1 h 02 min`; `more than a day` beyond 24 h; `-` when unknown. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || Number.isNaN(seconds)) return '-';
  if (seconds > 86_400) return 'more than a day';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
}

/** `530 samples/s, 3 min 05 s left` (or `measuring speed...` before any figure). */
export function formatProgress(p: ProgressSnapshot): string {
  if (p.samplesPerSecond === undefined) return 'measuring speed...';
  return `${Math.round(p.samplesPerSecond)} samples/s, ${formatDuration(p.secondsLeft)} left`;
}
