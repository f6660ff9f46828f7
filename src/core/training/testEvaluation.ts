/**
 * What the results panel shows of a run on the test split besides its accuracy: the
 * confusion matrix and the first misclassified digits. Pure (no tfjs): the training loop
 * passes the argmax predictions it read back.
 */
import type { DigitSet, Misclassified } from './types';

/** Classes of MNIST (digits 0-9). */
export const CLASSES = 10;

/** Misclassified digits kept per run (in test order). */
export const MAX_MISCLASSIFIED = 12;

/**
 * Counts [true][predicted] over the test split, sklearn's `confusion_matrix(y_true, y_pred)`
 * convention (rows: true label; columns: predicted). The entries sum to `labels.length`.
 * @throws RangeError when the lengths differ or a value is outside 0..9.
 */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>): number[][] {
  if (labels.length !== predicted.length) throw new RangeError(`${labels.length} labels but ${predicted.length} predictions`);
  const m = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!, p = predicted[i]!;
    if (!(t >= 0 && t < CLASSES && p >= 0 && p < CLASSES)) throw new RangeError(`sample ${i}: label ${t}, prediction ${p} outside 0..9`);
    m[t]![p]!++;
  }
  return m;
}

/**
 * Per-class accuracy (recall) from a confusion matrix: diagonal over row sum, null for a
 * class with no test samples.
 */
export function perClassAccuracy(m: readonly (readonly number[])[]): Array<number | null> {
  return m.map((row, k) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n === 0 ? null : row[k]! / n;
  });
}

/** The first `max` test digits whose prediction is wrong, with their pixels. */
export function misclassifiedDigits(set: Pick<DigitSet, 'images' | 'labels' | 'rows' | 'cols'>, predicted: ArrayLike<number>, max = MAX_MISCLASSIFIED): Misclassified[] {
  const out: Misclassified[] = [];
  const px = set.rows * set.cols;
  for (let i = 0; i < set.labels.length && out.length < max; i++) {
    if (predicted[i] === set.labels[i]) continue;
    out.push({ index: i, label: set.labels[i]!, predicted: predicted[i]!, pixels: toBase64(set.images.subarray(i * px, (i + 1) * px)) });
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648, section 4, with `=` padding) of bytes. */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!, b1 = bytes[i + 1], b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    s += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    s += b1 === undefined ? '=' : ALPHABET[(n >> 6) & 63]!;
    s += b2 === undefined ? '=' : ALPHABET[n & 63]!;
  }
  return s;
}

/**
 * Bytes of a standard base64 string (RFC 4648, section 4).
 * @throws RangeError for a character outside the alphabet or a length that is not a multiple of 4.
 */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new RangeError('base64 length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const c = text[i + k]!;
      const v = c === '=' && i + k >= text.length - pad ? 0 : ALPHABET.indexOf(c);
      if (v < 0) throw new RangeError(`'${c}' is not base64`);
      n = (n << 6) | v;
    }
    for (const shift of [16, 8, 0]) if (o < out.length) out[o++] = (n >> shift) & 255;
  }
  return out;
}
