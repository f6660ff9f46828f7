/**
 * Loads the four standard IDX files of an MNIST-style folder through a caller-supplied
 * reader (node fs in the CLI, vscode.workspace.fs in the host), gunzipping with the web
 * standard DecompressionStream (Node >= 18, browsers), so this stays free of node imports.
 */
import type { DigitSet } from '../training/types';
import { IdxError, isGzip, parseIdxPair } from './idx';

/** Reads a file in the folder by name; resolves undefined when it does not exist. */
export type FileReader = (name: string) => Promise<Uint8Array | undefined>;

/** Base names of the four files (each may also exist with `.gz`). */
const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/**
 * Gunzips `bytes` when they carry the gzip magic; otherwise returns them unchanged.
 * @throws IdxError naming `file` for a corrupt or truncated gzip stream.
 */
export async function gunzipIfNeeded(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new IdxError(file, `corrupt gzip data (${(e as Error).message})`);
  }
}

async function readOne(read: FileReader, base: string): Promise<{ bytes: Uint8Array; file: string }> {
  for (const file of [base, `${base}.gz`]) {
    const raw = await read(file);
    if (raw) return { bytes: await gunzipIfNeeded(raw, file), file };
  }
  throw new IdxError(base, `missing: neither ${base} nor ${base}.gz is in the folder`);
}

/**
 * Loads and checks the train and t10k pairs of an IDX folder.
 * @throws IdxError naming the first missing or bad file and the problem.
 */
export async function loadIdxFolder(read: FileReader): Promise<{ train: DigitSet; test: DigitSet }> {
  const [ti, tl, si, sl] = await Promise.all(
    [IDX_FILES.trainImages, IDX_FILES.trainLabels, IDX_FILES.testImages, IDX_FILES.testLabels].map((b) => readOne(read, b)),
  );
  return {
    train: parseIdxPair(ti!.bytes, ti!.file, tl!.bytes, tl!.file),
    test: parseIdxPair(si!.bytes, si!.file, sl!.bytes, sl!.file),
  };
}
