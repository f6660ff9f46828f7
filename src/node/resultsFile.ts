/**
 * Results files of the MNIST comparison: names, never-overwrite atomic writes, reading and
 * validation. No `vscode` import, so the CLI (`render`) shares it with the host.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import type { ResultsFile } from '../core/training/types';
import { parseComparisonFile, parseResults, ResultsFileError, type LoadedFile } from '../core/results/loadFile';

export { parseResults, ResultsFileError } from '../core/results/loadFile';

/**
 * File name for a run started at `date`: ISO 8601 in UTC with `:` replaced by `-`
 * (Windows forbids `:` in file names), e.g. `2026-11-29T13-05-07.123Z.json`. Sorts by time.
 */
export function resultsFileName(date: Date, suffix = 0): string {
  const stamp = date.toISOString().replace(/:/g, '-');
  return suffix === 0 ? `${stamp}.json` : `${stamp}-${suffix}.json`;
}

/**
 * Writes `results` as `<folder>/<resultsFileName(date)>`, atomically and never replacing a
 * file: when the name is taken, tries `-1`, `-2`, ... (up to 99).
 * @returns the absolute path written.
 * @throws the fs error for anything but a name clash; Error after 100 clashes.
 */
export async function writeResultsFile(folder: string, results: ResultsFile, date: Date): Promise<string> {
  const body = JSON.stringify(results, null, 2) + '\n';
  for (let suffix = 0; suffix < 100; suffix++) {
    const path = join(folder, resultsFileName(date, suffix));
    try {
      await writeFileAtomic(path, body, { overwrite: false });
      return path;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`could not find a free results file name in ${folder}`);
}

/** The text of `path`. @throws ResultsFileError `<path>: cannot read (<code>)`. */
async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new ResultsFileError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/**
 * Reads and validates a results file (Python's NaN / Infinity tokens allowed).
 * @throws ResultsFileError naming the file (unreadable, not JSON with line and column, or invalid).
 */
export async function readResultsFile(path: string): Promise<ResultsFile> {
  return parseResults(await readText(path), path);
}

/**
 * Reads a results file or a history from Python (src/core/results/loadFile.ts).
 * @throws ResultsFileError naming the file and its first problem.
 */
export async function readComparisonFile(path: string): Promise<LoadedFile> {
  return parseComparisonFile(await readText(path), path);
}
