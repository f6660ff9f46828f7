/**
 * Writing a CLI output file (`--out`): atomically, never creating folders, and with every
 * fs failure turned into one UsageError line that names `--out` and the reason.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../node/atomicWrite';
import { quote, UsageError } from './args';

/** A short reason for an fs error code on `path` (whose folder is `dirname(path)`). */
function reason(code: string | undefined, path: string, message: string): string {
  switch (code) {
    case 'ENOENT': return `folder ${quote(dirname(path))} does not exist`;
    case 'ENOTDIR': return `a part of the path is a file, not a folder`;
    case 'EISDIR': return 'is a folder';
    case 'EEXIST': return 'exists; it is never overwritten';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on the device';
    default: return code ?? message;
  }
}

/**
 * Checks before any work that `path` can be created: its folder exists and is a folder, and
 * `path` itself is not a folder.
 * @throws UsageError `--out: "<path>": <reason>`.
 */
export function checkOutPath(path: string): void {
  let dir;
  try {
    dir = statSync(dirname(path));
  } catch (e) {
    throw new UsageError(`--out: ${quote(path)}: ${reason((e as NodeJS.ErrnoException).code, path, (e as Error).message)}`);
  }
  if (!dir.isDirectory()) throw new UsageError(`--out: ${quote(path)}: ${quote(dirname(path))} is not a folder`);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--out: ${quote(path)}: is a folder`);
}

/**
 * Writes `data` to `path` with writeFileAtomic, without creating parent folders.
 * @throws UsageError `--out: "<path>": <reason>` for any fs error (EISDIR, ENOENT, ENOTDIR, EEXIST...).
 */
export async function writeOut(path: string, data: string | Uint8Array, opts: { overwrite?: boolean } = {}): Promise<void> {
  try {
    await writeFileAtomic(path, data, { ...opts, createParents: false });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code !== 'string') throw e;
    throw new UsageError(`--out: ${quote(path)}: ${reason(err.code, path, err.message)}`);
  }
}
