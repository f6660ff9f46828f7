/**
 * The journal of a running MNIST comparison: the results file so far (every finished epoch,
 * status `cancelled`), rewritten atomically after each epoch into the extension's storage.
 * When the extension host ends without saving (a crash, a killed window), the next one finds
 * the journal of a dead process and writes it to the results folder it names. After a normal
 * save the journal is removed; after a save at shutdown it becomes a notice (`savedTo`), so
 * the next window can say where the file went. No `vscode` import.
 */
import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import type { ResultsFile } from '../core/training/types';
import { validateResults } from '../core/results/validate';
import { isInt, isRecord, isShortString } from '../core/guards';

/** What a journal file holds (JSON). */
export interface JournalEntry {
  readonly version: 1;
  /** Process id of the extension host that runs the comparison. */
  readonly pid: number;
  /** Absolute results folder the run saves into. */
  readonly folder: string;
  /** The results so far (status `cancelled` until the run ends), or absent once saved. */
  readonly results?: ResultsFile;
  /** Absolute path of the results file, once it was written at shutdown. */
  readonly savedTo?: string;
}

/** Journal files are `run-<pid>-<n>.json` in the journal folder. */
const NAME = /^run-(\d+)-(\d+)\.json$/;

let counter = 0;

/** True when process `pid` exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One run's journal file; writes are queued, so they land in call order and never overlap. */
export class RunJournal {
  /** The journal file's absolute path. */
  readonly path: string;
  private queue: Promise<void> = Promise.resolve();
  private removed = false;

  /**
   * @param dir the journal folder (created when missing), e.g. the workspace storage.
   * @param folder the absolute results folder the run saves into.
   */
  constructor(dir: string, private readonly folder: string) {
    this.path = join(dir, `run-${process.pid}-${Date.now()}${counter++}.json`);
  }

  /** Replaces the journal with `results` (the file as it would be saved now). Never throws: a failed write is reported to `onError`. */
  write(results: ResultsFile, onError: (e: Error) => void): Promise<void> {
    return this.enqueue(async () => {
      const entry: JournalEntry = { version: 1, pid: process.pid, folder: this.folder, results };
      await writeFileAtomic(this.path, JSON.stringify(entry));
    }, onError);
  }

  /** Replaces the journal with a notice that the results went to `savedTo` (a save at shutdown). */
  notice(savedTo: string, onError: (e: Error) => void): Promise<void> {
    return this.enqueue(async () => {
      const entry: JournalEntry = { version: 1, pid: process.pid, folder: this.folder, savedTo };
      await writeFileAtomic(this.path, JSON.stringify(entry));
      this.removed = true;
    }, onError);
  }

  /** Removes the journal (the results file was written); later writes are ignored. */
  remove(): Promise<void> {
    return this.enqueue(async () => {
      this.removed = true;
      await unlink(this.path).catch(() => undefined);
    }, () => undefined);
  }

  private enqueue(step: () => Promise<void>, onError: (e: Error) => void): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (this.removed) return;
      try {
        await step();
      } catch (e) {
        onError(e as Error);
      }
    });
    return this.queue;
  }
}

/** A journal left by an extension host that is gone, with its path. */
export interface OrphanedJournal {
  readonly path: string;
  readonly entry: JournalEntry;
}

/**
 * The journals in `dir` whose process is no longer alive (this process's own are skipped);
 * unreadable or malformed journals are removed.
 * @param alive decides whether a pid still runs (default {@link processAlive}).
 */
export async function orphanedJournals(dir: string, alive: (pid: number) => boolean = processAlive): Promise<OrphanedJournal[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const found: OrphanedJournal[] = [];
  for (const name of names.sort()) {
    const m = NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    const path = join(dir, name);
    const entry = await readJournal(path);
    if (entry) found.push({ path, entry });
    else await unlink(path).catch(() => undefined);
  }
  return found;
}

/** A journal file parsed and checked, or undefined when it is not one. */
async function readJournal(path: string): Promise<JournalEntry | undefined> {
  try {
    const x: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!isRecord(x) || x.version !== 1 || !isInt(x.pid, 1, 2 ** 31) || !isShortString(x.folder, 4096)) return undefined;
    if (x.savedTo !== undefined) return isShortString(x.savedTo, 4096) ? (x as unknown as JournalEntry) : undefined;
    return validateResults(x.results).length === 0 ? (x as unknown as JournalEntry) : undefined;
  } catch {
    return undefined;
  }
}
