/**
 * Builds the results file on the host from the MNIST webview's `training/*` messages, so
 * what finished survives a closed panel. Pure (no vscode): unit-tested.
 */
import { summarizeRuns } from '../../core/results/summary';
import type { ResultsFile, RunResult } from '../../core/training/types';
import { assertNever } from '../../protocol/channel';
import type { MnistToHost } from '../../protocol/mnist';

/** The messages that carry results. */
export type ResultsMessage = Extract<MnistToHost, { type: 'training/backend' | 'training/epoch' | 'training/runEnded' | 'training/finished' }>;

/** Accumulates one comparison's results. */
export class ResultsAssembler {
  private file: ResultsFile | undefined;
  private readonly runs = new Map<number, RunResult>();
  private readonly ended = new Set<number>();

  /** @param epochs configured epochs per activation (to tell unfinished runs). */
  constructor(private readonly epochs: number) {}

  /** True once a backend was chosen (before that there is nothing to save). */
  get started(): boolean {
    return this.file !== undefined;
  }

  /** Takes one message (they arrive in order). */
  add(m: ResultsMessage): void {
    switch (m.type) {
      case 'training/backend':
        this.file = structuredClone(m.skeleton);
        return;
      case 'training/epoch':
        if (!this.ended.has(m.index)) this.runs.set(m.index, structuredClone(m.run));
        return;
      case 'training/runEnded':
        this.runs.set(m.index, structuredClone(m.run));
        this.ended.add(m.index);
        return;
      case 'training/finished':
        if (!this.file) return;
        this.file.status = m.status;
        if (m.error) (this.file.warnings ??= []).push(`training stopped: ${m.error}`);
        return;
      default:
        assertNever(m);
    }
  }

  /**
   * The file as it stands, runs in grid order, with its summary over repeats. With `abandoned` (the panel closed
   * mid-run) the file is `cancelled` and a run that had not ended is `cancelled` with the
   * epochs it finished.
   * @returns undefined before a backend was chosen.
   */
  result(abandoned = false): ResultsFile | undefined {
    if (!this.file) return undefined;
    const runs = [...this.runs.entries()].sort((a, b) => a[0] - b[0]).map(([i, r]) => {
      const run = structuredClone(r);
      if (abandoned && !this.ended.has(i) && run.status === 'completed' && run.history.loss.length < this.epochs) run.status = 'cancelled';
      return run;
    });
    const summary = this.file.schemaVersion === 2 ? { summary: summarizeRuns(runs) } : {};
    return { ...structuredClone(this.file), ...(abandoned ? { status: 'cancelled' as const } : {}), runs, ...summary };
  }
}
