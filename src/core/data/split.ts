/** Seeded, stratified sampling and train/test splits of a digit set. */
import type { DigitSet } from '../training/types';
import { mulberry32, shuffleInPlace } from './random';

/** Copies the samples at `idx` (in that order) into a new set. */
function subset(set: DigitSet, idx: ArrayLike<number>): DigitSet {
  const px = set.rows * set.cols;
  const images = new Uint8Array(idx.length * px);
  const labels = new Uint8Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    images.set(set.images.subarray(i * px, (i + 1) * px), k * px);
    labels[k] = set.labels[i]!;
  }
  return { images, labels, count: idx.length, rows: set.rows, cols: set.cols };
}

/** Per-class quotas summing to n, proportional to class counts (largest remainder, ties by class). */
function quotas(classCounts: number[], n: number, total: number): number[] {
  const exact = classCounts.map((c) => (c * n) / total);
  const q = exact.map(Math.floor);
  let left = n - q.reduce((a, b) => a + b, 0);
  const order = exact.map((e, k) => ({ k, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.k - b.k);
  for (const { k } of order) {
    if (left === 0) break;
    if (q[k]! < classCounts[k]!) {
      q[k]!++;
      left--;
    }
  }
  return q;
}

/**
 * Draws disjoint stratified samples of sizes `sizes` (e.g. [train, test]): each class keeps
 * its share of the set (largest-remainder rounding); each sample is returned in seeded
 * random order. Same set + sizes + seed -> same samples.
 * @throws RangeError when the sizes are not positive integers or exceed the set.
 */
export function stratifiedSamples(set: DigitSet, sizes: readonly number[], seed: number): DigitSet[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new RangeError(`sample sizes must be positive integers (got ${sizes.join(', ')})`);
  if (total > set.count) throw new RangeError(`asked for ${total} samples (${sizes.join(' + ')}) but the data set has ${set.count}`);
  const rand = mulberry32(seed);
  const byClass: number[][] = Array.from({ length: 10 }, () => []);
  set.labels.forEach((l, i) => byClass[l]!.push(i));
  byClass.forEach((ids) => shuffleInPlace(ids, rand));
  const remaining = byClass.map((ids) => ids.length);
  let pool = set.count;
  return sizes.map((n) => {
    const q = quotas(remaining, n, pool);
    const picked: number[] = [];
    q.forEach((take, k) => {
      const start = byClass[k]!.length - remaining[k]!;
      picked.push(...byClass[k]!.slice(start, start + take));
      remaining[k]! -= take;
    });
    pool -= n;
    return subset(set, shuffleInPlace(picked, rand));
  });
}

/**
 * Seeded stratified train/test split of one set (the bundled digits).
 * @throws RangeError when trainSamples + testSamples exceeds the set.
 */
export function stratifiedSplit(set: DigitSet, trainSamples: number, testSamples: number, seed: number): { train: DigitSet; test: DigitSet } {
  const [train, test] = stratifiedSamples(set, [trainSamples, testSamples], seed);
  return { train: train!, test: test! };
}
