/**
 * Host side of one MNIST comparison: assembles the results file from the webview's
 * `training/*` messages (so a closed panel still leaves what finished), drives the VS Code
 * progress notification with Cancel, and writes the file atomically, never overwriting.
 */
import * as vscode from 'vscode';
import { cellOfRun, runName } from '../../core/training/grid';
import type { ResultsFile, TrainConfig } from '../../core/training/types';
import { assertNever } from '../../protocol/channel';
import type { MnistToHost } from '../../protocol/mnist';
import { ResultsAssembler } from './resultsAssembler';
import { writeResultsFile } from '../../node/resultsFile';
import { resultsFolderUri } from '../config';
import { formatDuration } from '../../core/training/timeLeft';

/** The `training/*` progress messages a session handles (`training/request` starts one instead). */
type TrainingMessage = Exclude<Extract<MnistToHost, { type: `training/${string}` }>, { type: 'training/request' }>;

/** One running comparison; ends when the webview reports `training/finished` or `abandon` is called. */
export class TrainingSession {
  private readonly assembler: ResultsAssembler;
  private progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  private done!: () => void;
  private readonly finished = new Promise<void>((r) => (this.done = r));
  private reported = 0;
  /** The last batch line per running activation (runs train in parallel on Web Workers). */
  private readonly running = new Map<number, string>();
  private speed = '';
  private ended = false;
  private readonly startedAt = new Date();

  /**
   * @param config the validated configuration the webview was told to train.
   * @param cancel asks the webview to stop (posts `training/cancel`).
   * @param onSaved called with the written file (or the error) once.
   */
  constructor(
    private readonly config: TrainConfig,
    private readonly cancel: () => void,
    private readonly globalStorage: vscode.Uri,
    private readonly onSaved: (uri: vscode.Uri | undefined, error?: string) => void,
  ) {
    this.assembler = new ResultsAssembler(config.epochs);
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'MNIST comparison', cancellable: true },
      (progress, token) => {
        this.progress = progress;
        token.onCancellationRequested(() => this.cancel());
        return this.finished;
      },
    );
  }

  /** True until the results were written. */
  get active(): boolean {
    return !this.ended;
  }

  /** The notification's line: speed and time left, then every running activation. */
  private report(fraction?: number): void {
    const pct = fraction === undefined ? this.reported : Math.min(100, fraction * 100);
    const message = [this.speed, ...this.running.values()].filter(Boolean).join(' · ');
    this.progress?.report({ increment: Math.max(0, pct - this.reported), message });
    this.reported = Math.max(this.reported, pct);
  }

  /** Handles one `training/*` message from the webview. */
  async handle(m: TrainingMessage): Promise<void> {
    switch (m.type) {
      case 'training/backend':
        this.assembler.add(m);
        this.speed = `on ${m.skeleton.environment.backend}${(m.skeleton.environment.workers ?? 1) > 1 ? ` (${m.skeleton.environment.workers} workers)` : ''}…`;
        return this.report();
      case 'training/runStarted':
        return;
      case 'training/batch': {
        const repeats = this.config.repeats ?? 1;
        const act = runName(this.config.activations[cellOfRun(m.index, repeats).activation]?.activation ?? '?', m.index, repeats);
        this.running.set(m.index, `${act} epoch ${m.epoch + 1}/${this.config.epochs} batch ${m.batch + 1}/${m.batches} loss ${m.loss === null ? 'NaN' : m.loss.toFixed(4)}`);
        return this.report();
      }
      case 'training/progress':
        this.speed = m.samplesPerSecond === null ? 'measuring speed…' : `${Math.round(m.samplesPerSecond)} samples/s, ${formatDuration(m.secondsLeft ?? undefined)} left`;
        return this.report(m.fraction);
      case 'training/epoch':
        return this.assembler.add(m);
      case 'training/runEnded':
        this.running.delete(m.index);
        return this.assembler.add(m);
      case 'training/finished':
        this.assembler.add(m);
        return this.save(this.assembler.result(), m.error);
      default:
        return assertNever(m);
    }
  }

  /** The panel closed mid-run: keep finished epochs, mark the rest cancelled, write. */
  async abandon(): Promise<void> {
    if (!this.ended) await this.save(this.assembler.result(true));
  }

  private async save(r: ResultsFile | undefined, error?: string): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.done();
    if (!r) return this.onSaved(undefined, `${error ?? 'training stopped before a backend was chosen'}; nothing to save`);
    const folder = resultsFolderUri(this.globalStorage);
    if (!folder || folder.scheme !== 'file') return this.onSaved(undefined, 'no workspace folder to save results in');
    try {
      const path = await writeResultsFile(folder.fsPath, r, new Date(Date.parse(r.createdAt) || this.startedAt.getTime()));
      this.onSaved(vscode.Uri.file(path));
    } catch (e) {
      this.onSaved(undefined, `could not write results: ${(e as Error).message}`);
    }
  }
}
