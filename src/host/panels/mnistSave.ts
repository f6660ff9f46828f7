/**
 * Where one MNIST comparison's results go, and what happens when they cannot go there: the
 * results file is written atomically into the results folder (never overwriting); when that
 * fails (the folder is a file, unwritable, gone with its drive) the results stay in memory and
 * in the run's journal, and "Save As..." writes them where the user picks. The journal
 * (src/node/runJournal.ts) also lets the next window finish saving a run whose extension host
 * ended mid-run; {@link recoverInterruptedRuns} does that at activation.
 */
import { stat, unlink } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ResultsFile } from '../../core/training/types';
import { writeFileAtomic } from '../../node/atomicWrite';
import { resultsFileName, writeResultsFile } from '../../node/resultsFile';
import { orphanedJournals, RunJournal } from '../../node/runJournal';
import { logWarning } from '../log';

/** How a save ended: the file written, or why not (and whether "Save As..." can still write it). */
export type SaveOutcome =
  | { readonly uri: vscode.Uri }
  | { readonly error: string; readonly canSaveAs: boolean };

/** Results folder of a run as the user named it (workspace-relative when inside it). */
function shown(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri);
}

/**
 * Why `folder` cannot take a results file before anything is written: it exists and is not
 * a folder (a file, which `mkdir -p` would only report as EEXIST).
 */
async function folderProblem(folder: string): Promise<string | undefined> {
  const s = await stat(folder).catch(() => undefined);
  return s && !s.isDirectory() ? 'it is a file, not a folder' : undefined;
}

/** The reason of a failed write, for a message: the fs code's meaning, else the message. */
function writeReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'the file system is read-only';
    case 'ENOSPC': return 'no space left on the device';
    case 'ENOTDIR': return 'a part of its path is a file, not a folder';
    default: return (e as Error).message;
  }
}

/** Saves one comparison: checkpoints into its journal, the results file, "Save As...". */
export class ResultsSaver {
  private readonly journal: RunJournal | undefined;
  private unsaved: ResultsFile | undefined;

  /**
   * @param folder the results folder (`activationLab.mnist.resultsFolder` resolved), or
   *   undefined when there is none (no workspace): then only "Save As..." can save.
   * @param journalDir folder for the run's journal (the workspace storage), if any.
   */
  constructor(private readonly folder: vscode.Uri | undefined, journalDir: string | undefined) {
    this.journal = journalDir && folder?.scheme === 'file' ? new RunJournal(journalDir, folder.fsPath) : undefined;
  }

  /** True while results that could not be saved wait for "Save As...". */
  get pending(): boolean {
    return this.unsaved !== undefined;
  }

  /** Records `r` (the results as they would be saved now) in the journal; never throws. */
  checkpoint(r: ResultsFile): void {
    void this.journal?.write(r, (e) => logWarning(`MNIST comparison: could not update the run journal ${this.journal?.path}: ${e.message}`));
  }

  /**
   * Writes `r` into the results folder. On failure the results are kept (memory and journal)
   * for {@link saveAs}. `atShutdown`: the extension host is ending; the journal becomes a
   * notice so the next window can say where the file went.
   */
  async save(r: ResultsFile, atShutdown = false): Promise<SaveOutcome> {
    const folder = this.folder;
    if (!folder || folder.scheme !== 'file') return this.keep(r, 'there is no workspace folder to save results in');
    const problem = await folderProblem(folder.fsPath);
    if (problem) return this.keep(r, `could not save the results in ${shown(folder)}: ${problem}`);
    try {
      const path = await writeResultsFile(folder.fsPath, r, new Date(Date.parse(r.createdAt) || Date.now()));
      if (atShutdown) await this.journal?.notice(path, () => undefined);
      else await this.journal?.remove();
      this.unsaved = undefined;
      return { uri: vscode.Uri.file(path) };
    } catch (e) {
      return this.keep(r, `could not save the results in ${shown(folder)}: ${writeReason(e)}`);
    }
  }

  private keep(r: ResultsFile, error: string): SaveOutcome {
    this.unsaved = r;
    this.checkpoint(r);
    return { error, canSaveAs: true };
  }

  /**
   * Asks where to save the kept results and writes them there (atomically; the dialog has
   * asked before replacing a file).
   * @returns the outcome, or undefined when nothing is pending or the dialog was cancelled.
   */
  async saveAs(): Promise<SaveOutcome | undefined> {
    const r = this.unsaved;
    if (!r) return undefined;
    return saveResultsAs(r, async () => {
      this.unsaved = undefined;
      await this.journal?.remove();
    });
  }
}

/**
 * The Save dialog for `r` (default: the workspace folder, the results file name), then an
 * atomic write; `onSaved` runs after the file was written.
 */
async function saveResultsAs(r: ResultsFile, onSaved: () => Promise<void>): Promise<SaveOutcome | undefined> {
  const name = resultsFileName(new Date(Date.parse(r.createdAt) || Date.now()));
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Save MNIST results as',
    defaultUri: base ? vscode.Uri.joinPath(base, name) : undefined,
    filters: { 'Activation Lab results': ['json'] },
  });
  if (!target) return undefined;
  if (target.scheme !== 'file') return { error: `cannot save to ${target.toString()}: not a local file`, canSaveAs: true };
  try {
    await writeFileAtomic(target.fsPath, JSON.stringify(r, null, 2) + '\n', { createParents: false });
  } catch (e) {
    return { error: `could not save the results to ${target.fsPath}: ${writeReason(e)}`, canSaveAs: true };
  }
  await onSaved();
  return { uri: target };
}

/** Shows where a run's results went, with "Open Results". */
function announce(uri: vscode.Uri, why: string, open: (uri: vscode.Uri) => unknown): void {
  void vscode.window.showInformationMessage(`${why}; what finished is saved to ${shown(uri)}.`, 'Open Results').then((pick) => {
    if (pick) open(uri);
  });
}

/** The warning recorded in a results file finished from a journal. */
export const INTERRUPTED = 'training stopped: the extension host ended mid-run (window reloaded or closed, or VS Code exited)';

/**
 * Finishes the runs whose extension host ended mid-run (journals in `journalDir` of dead
 * processes): a run saved at shutdown is announced; one that was not is written to its
 * results folder now (status `cancelled`, every finished epoch, {@link INTERRUPTED} among its
 * warnings), or offered with "Save As..." when that folder cannot take it. Never throws.
 */
export async function recoverInterruptedRuns(journalDir: string, open: (uri: vscode.Uri) => unknown): Promise<void> {
  const why = 'An MNIST comparison was stopped when its window was reloaded or closed';
  for (const { path, entry } of await orphanedJournals(journalDir)) {
    const done = (): Promise<void> => unlink(path).catch(() => undefined);
    if (entry.savedTo !== undefined) {
      await done();
      announce(vscode.Uri.file(entry.savedTo), why, open);
      continue;
    }
    const r = structuredClone(entry.results!);
    r.status = r.status === 'failed' ? 'failed' : 'cancelled';
    if (!(r.warnings ?? []).includes(INTERRUPTED)) (r.warnings ??= []).push(INTERRUPTED);
    const problem = await folderProblem(entry.folder);
    let error: string;
    try {
      if (problem) throw new Error(problem);
      const written = await writeResultsFile(entry.folder, r, new Date(Date.parse(r.createdAt) || Date.now()));
      await done();
      announce(vscode.Uri.file(written), why, open);
      continue;
    } catch (e) {
      error = `${why}, and its results could not be saved in ${entry.folder}: ${problem ?? writeReason(e)}`;
    }
    logWarning(error);
    void vscode.window.showErrorMessage(error, 'Save As...').then(async (pick) => {
      if (!pick) return;
      const outcome = await saveResultsAs(r, done);
      if (outcome && 'uri' in outcome) announce(outcome.uri, why, open);
      else if (outcome) void vscode.window.showErrorMessage(outcome.error);
    });
  }
}
