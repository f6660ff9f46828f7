/**
 * Host side of one MNIST comparison: assembles the results file from the webview's
 * `training/*` messages (so a closed panel still leaves what finished), drives the VS Code
 * progress notification with Cancel, and saves through a {@link ResultsSaver} (journal after
 * every epoch, atomic never-overwriting write, "Save As..." when the folder fails).
 */
import * as vscode from 'vscode';
import { cellOfRun, runName } from '../../core/training/grid';
import type { ResultsFile, TrainConfig } from '../../core/training/types';
import { assertNever } from '../../protocol/channel';
import type { MnistToHost } from '../../protocol/mnist';
import { testHooks } from '../testHooks';
import { ResultsAssembler } from './resultsAssembler';
import type { ResultsSaver, SaveOutcome } from './mnistSave';
import { trainingMisfit } from './trainingMisfit';
import { formatDuration } from '../../core/training/timeLeft';

/** The `training/*` progress messages a session handles (`training/request` starts one instead). */
export type TrainingMessage = Exclude<Extract<MnistToHost, { type: `training/${string}` }>, { type: 'training/request' | 'training/saveAs' }>;

/** Sessions still running, for {@link abandonRunningSessions} at shutdown. */
const running = new Set<TrainingSession>();
/** Progress notifications open now (each closes when its session has saved). */
let openProgress = 0;
testHooks.registerLive('mnist sessions', () => running.size);
testHooks.registerLive('mnist progress notifications', () => openProgress);

/**
 * Saves every running comparison as `cancelled` with `reason` among its warnings (the
 * extension is deactivated: a window reload or close). Resolves when all were written.
 */
export function abandonRunningSessions(reason: string): Promise<void> {
  return Promise.all([...running].map((s) => s.abandon(reason, true))).then(() => undefined);
}

/** One running comparison; ends when the webview reports `training/finished` or `abandon` is called. */
export class TrainingSession {
  private readonly assembler: ResultsAssembler;
  private progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  private done!: () => void;
  private readonly finished = new Promise<void>((r) => (this.done = r));
  private reported = 0;
  /** The last batch line per running activation (runs train in parallel on Web Workers). */
  private readonly batchLines = new Map<number, string>();
  private speed = '';
  private ended = false;

  /**
   * @param config the validated configuration the webview was told to train.
   * @param cancel asks the webview to stop (posts `training/cancel`).
   * @param saver writes the results (and keeps them when it cannot).
   * @param onSaved called once with the outcome of the save.
   */
  constructor(
    private readonly config: TrainConfig,
    private readonly cancel: () => void,
    readonly saver: ResultsSaver,
    private readonly onSaved: (outcome: SaveOutcome) => void,
  ) {
    this.assembler = new ResultsAssembler(config.epochs);
    running.add(this);
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'MNIST comparison', cancellable: true },
      (progress, token) => {
        openProgress++;
        this.progress = progress;
        const sub = token.onCancellationRequested(() => this.cancel());
        return this.finished.finally(() => {
          openProgress--;
          sub.dispose();
        });
      },
    ).then(() => testHooks.note('mnist', 'progress closed'));
  }

  /** True until the results were written. */
  get active(): boolean {
    return !this.ended;
  }

  /** The notification's line: speed and time left, then every running activation. */
  private report(fraction?: number): void {
    const pct = fraction === undefined ? this.reported : Math.min(100, fraction * 100);
    const message = [this.speed, ...this.batchLines.values()].filter(Boolean).join(' · ');
    this.progress?.report({ increment: Math.max(0, pct - this.reported), message });
    this.reported = Math.max(this.reported, pct);
  }

  /**
   * Why `m` does not belong to this run (it ended, no backend yet, an index, epoch or
   * config that is not this run's), or undefined when {@link handle} may take it.
   */
  refusal(m: TrainingMessage): string | undefined {
    if (this.ended) return 'the comparison has ended';
    return trainingMisfit(m, this.config, this.assembler.started);
  }

  /** Handles one `training/*` message from the webview. */
  async handle(m: TrainingMessage): Promise<void> {
    switch (m.type) {
      case 'training/backend':
        this.assembler.add(m);
        this.assembler.add(m);
        this.saver.checkpoint(this.assembler.result(true)!);
        this.speed = `on ${m.skeleton.environment.backend}${(m.skeleton.environment.workers ?? 1) > 1 ? ` (${m.skeleton.environment.workers} workers)` : ''}…`;
        return this.report();
      case 'training/runStarted':
        return;
      case 'training/batch': {
        const repeats = this.config.repeats ?? 1;
        const act = runName(this.config.activations[cellOfRun(m.index, repeats).activation]?.activation ?? '?', m.index, repeats);
        this.batchLines.set(m.index, `${act} epoch ${m.epoch + 1}/${this.config.epochs} batch ${m.batch + 1}/${m.batches} loss ${m.loss === null ? 'NaN' : m.loss.toFixed(4)}`);
        return this.report();
      }
      case 'training/progress':
        this.speed = m.samplesPerSecond === null ? 'measuring speed…' : `${Math.round(m.samplesPerSecond)} samples/s, ${formatDuration(m.secondsLeft ?? undefined)} left`;
        return this.report(m.fraction);
      case 'training/epoch':
        return this.assembler.add(m);
      case 'training/runEnded':
        this.batchLines.delete(m.index);
        this.assembler.add(m);
        this.saver.checkpoint(this.assembler.result(true)!);
        return;
      case 'training/finished':
        this.assembler.add(m);
        return this.save(this.assembler.result(), m.error);
      default:
        return assertNever(m);
    }
  }

  /**
   * The panel closed (or the extension host is ending) mid-run: keep finished epochs, mark
   * the rest cancelled, record `reason` among the warnings, write.
   */
  async abandon(reason = 'the MNIST panel was closed mid-run', atShutdown = false): Promise<void> {
    if (this.ended) return;
    const r = this.assembler.result(true);
    if (r) (r.warnings ??= []).push(`training stopped: ${reason}`);
    await this.save(r, reason, atShutdown);
  }

  private async save(r: ResultsFile | undefined, error?: string, atShutdown = false): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    running.delete(this);
    this.done();
    if (!r) return this.onSaved({ error: `${error ?? 'training stopped before a backend was chosen'}; nothing to save`, canSaveAs: false });
    this.onSaved(await this.saver.save(r, atShutdown));
  }
}
