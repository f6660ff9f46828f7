/**
 * Results files of the MNIST comparison: names, never-overwrite atomic writes, reading and
 * validation. No `vscode` import, so the CLI (`render`) shares it with the host.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import type { ResultsFile } from '../core/training/types';
import { validateResults } from '../core/results/validate';

/** A results file that cannot be used; `message` names the file and the problem. */
export class ResultsFileError extends Error {
  override readonly name = 'ResultsFileError';
}

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

/**
 * Parses and validates results JSON text (a leading UTF-8 BOM is ignored). `name` is used in messages.
 * @throws ResultsFileError `<name>: not JSON (...)` or `<name>: <first schema problem>`.
 */
export function parseResults(text: string, name: string): ResultsFile {
  let json: unknown;
  try {
    // A UTF-8 byte order mark (Windows editors add one) is not JSON whitespace: strip it.
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ResultsFileError(`${name}: not JSON (${(e as Error).message})`);
  }
  const problems = validateResults(json);
  if (problems.length > 0) throw new ResultsFileError(`${name}: not an Activation Lab results file: ${problems[0]}`);
  return json as ResultsFile;
}

/**
 * Reads and validates a results file.
 * @throws ResultsFileError naming the file (unreadable, not JSON, or invalid).
 */
export async function readResultsFile(path: string): Promise<ResultsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ResultsFileError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseResults(text, path);
}
