/**
 * IDX file parser (LeCun, Cortes & Burges, "THE MNIST DATABASE", file-format section; the
 * same format holds Fashion-MNIST). Big-endian header: two zero bytes, a type byte (0x08 =
 * unsigned byte), a dimension count byte, then one uint32 per dimension; data follows.
 * Images: magic 0x00000803, dims [n, rows, cols]; labels: magic 0x00000801, dims [n].
 * Pure: takes bytes (already gunzipped, see `gunzipIfNeeded`).
 */
import type { DigitSet } from '../training/types';

/** A bad IDX file; `message` names the file and the problem. */
export class IdxError extends Error {
  override readonly name = 'IdxError';
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
  }
}

/** Magic number of an IDX3 unsigned-byte image file. */
const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic number of an IDX1 unsigned-byte label file. */
const IDX_LABELS_MAGIC = 0x00000801;

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

function header(bytes: Uint8Array, file: string, magic: number, kind: string): { dims: number[]; offset: number } {
  const ndim = magic & 0xff;
  const headerLen = 4 + 4 * ndim;
  if (bytes.length < headerLen) throw new IdxError(file, `truncated: ${bytes.length} bytes, shorter than the ${headerLen}-byte IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const got = view.getUint32(0, false);
  if (got !== magic) throw new IdxError(file, `magic number ${hex(got)} is not ${hex(magic)} (IDX ${kind} file)`);
  const dims: number[] = [];
  for (let i = 0; i < ndim; i++) dims.push(view.getUint32(4 + 4 * i, false));
  return { dims, offset: headerLen };
}

function body(bytes: Uint8Array, file: string, offset: number, dims: number[]): Uint8Array {
  const need = dims.reduce((a, b) => a * b, 1);
  const have = bytes.length - offset;
  if (have < need) throw new IdxError(file, `truncated: header [${dims.join(', ')}] needs ${need} data bytes, file has ${have}`);
  if (have > need) throw new IdxError(file, `${have - need} unexpected bytes after the ${need} data bytes`);
  return bytes.subarray(offset, offset + need);
}

/**
 * Parses an IDX3 image file: uint8 pixels [n, rows, cols] row-major.
 * @throws IdxError for a wrong magic number, zero dimensions, or a size that disagrees with the header.
 */
export function parseIdxImages(bytes: Uint8Array, file: string): { images: Uint8Array; count: number; rows: number; cols: number } {
  const { dims, offset } = header(bytes, file, IDX_IMAGES_MAGIC, 'images');
  const [count, rows, cols] = dims as [number, number, number];
  if (count === 0 || rows === 0 || cols === 0) throw new IdxError(file, `empty dimensions [${dims.join(', ')}]`);
  return { images: body(bytes, file, offset, dims), count, rows, cols };
}

/**
 * Parses an IDX1 label file: uint8 labels [n], each 0..9.
 * @throws IdxError for a wrong magic number, a size that disagrees with the header, or a label > 9.
 */
export function parseIdxLabels(bytes: Uint8Array, file: string): Uint8Array {
  const { dims, offset } = header(bytes, file, IDX_LABELS_MAGIC, 'labels');
  if (dims[0] === 0) throw new IdxError(file, 'no labels (count 0)');
  const labels = body(bytes, file, offset, dims);
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new IdxError(file, `label ${labels[bad]} at index ${bad} is outside 0..9`);
  return labels;
}

/**
 * Parses a matching image + label pair into a DigitSet.
 * @throws IdxError from either parser, or naming both files when their counts disagree.
 */
export function parseIdxPair(images: Uint8Array, imagesFile: string, labels: Uint8Array, labelsFile: string): DigitSet {
  const img = parseIdxImages(images, imagesFile);
  const lab = parseIdxLabels(labels, labelsFile);
  if (lab.length !== img.count) throw new IdxError(labelsFile, `${lab.length} labels but ${imagesFile} has ${img.count} images`);
  return { images: img.images, labels: lab, count: img.count, rows: img.rows, cols: img.cols };
}

/** True when `bytes` start with the gzip magic 1f 8b (RFC 1952, sec. 2.3.1). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
