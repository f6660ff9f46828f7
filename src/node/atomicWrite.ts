import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink, link } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/**
 * Writes `data` to `path` atomically: a temp file in the same folder, fsync, then rename;
 * on any failure the temp file is removed, so a reader sees the whole file or none.
 * With `overwrite: false` the final step is a hard link, which fails with EEXIST rather
 * than replace an existing file (never-overwrite for results files).
 * `createParents` (default true, for the host's results folder) creates missing parent
 * folders first; with false a missing parent is an error (ENOENT), as the CLI wants for `--out`.
 * @throws the fs error (EEXIST when the target exists and overwrite is false, ENOENT for a
 *   missing parent with createParents false, ENOTDIR / EISDIR for a file or folder in the way).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: { overwrite?: boolean; createParents?: boolean } = {}): Promise<void> {
  if (opts.createParents !== false) await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    // ENOSPC or EIO half-way: no half-written temp file stays behind.
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  try {
    if (opts.overwrite === false) await link(tmp, path);
    else await rename(tmp, path);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}
