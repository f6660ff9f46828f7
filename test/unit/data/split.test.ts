/** Seeded stratified sampling: class shares kept, samples disjoint, same seed -> same split. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stratifiedSamples, stratifiedSplit } from '../../../src/core/data/split';
import type { DigitSet } from '../../../src/core/training/types';

/** 1,000 two-pixel "images" with unbalanced classes (55 to 145 samples). */
function fixture(): { set: DigitSet; classCounts: number[] } {
  const classCounts = [55, 70, 85, 100, 115, 130, 145, 100, 100, 100];
  const labels: number[] = [];
  classCounts.forEach((c, k) => labels.push(...Array<number>(c).fill(k)));
  const count = labels.length;
  // Two pixels per image encode the original index, so samples can be traced back.
  const images = new Uint8Array(count * 2);
  for (let i = 0; i < count; i++) [images[2 * i], images[2 * i + 1]] = [i >> 8, i & 255];
  return { set: { images, labels: Uint8Array.from(labels), count, rows: 1, cols: 2 }, classCounts };
}
const ids = (s: DigitSet): number[] => Array.from({ length: s.count }, (_, i) => s.images[2 * i]! * 256 + s.images[2 * i + 1]!);

describe('stratifiedSplit', () => {
  it('keeps every class share within one sample of exact proportion, disjointly', () => {
    const { set, classCounts } = fixture();
    const { train, test } = stratifiedSplit(set, 600, 200, 7);
    for (const [s, n] of [[train, 600], [test, 200]] as const) {
      assert.equal(s.count, n);
      classCounts.forEach((c, k) => {
        const got = s.labels.filter((l) => l === k).length;
        assert.ok(Math.abs(got - (c * n) / set.count) < 1, `class ${k}: ${got} of ${n}`);
      });
      // Labels travel with their images.
      ids(s).forEach((id, i) => assert.equal(s.labels[i], set.labels[id]));
    }
    const trainIds = new Set(ids(train));
    assert.equal(trainIds.size, 600);
    assert.ok(ids(test).every((id) => !trainIds.has(id)));
  });

  it('is reproducible by seed and differs across seeds', () => {
    const { set } = fixture();
    assert.deepEqual(ids(stratifiedSplit(set, 300, 100, 1).train), ids(stratifiedSplit(set, 300, 100, 1).train));
    assert.notDeepEqual(ids(stratifiedSplit(set, 300, 100, 1).train), ids(stratifiedSplit(set, 300, 100, 2).train));
  });

  it('rejects sizes beyond the set or not positive integers', () => {
    const { set } = fixture();
    assert.throws(() => stratifiedSplit(set, 900, 200, 1), /asked for 1100 samples \(900 \+ 200\) but the data set has 1000/);
    assert.throws(() => stratifiedSamples(set, [0], 1), RangeError);
    assert.throws(() => stratifiedSamples(set, [1.5], 1), RangeError);
  });

  it('can take the whole set', () => {
    const { set } = fixture();
    assert.deepEqual(ids(stratifiedSamples(set, [set.count], 3)[0]!).sort((a, b) => a - b), Array.from({ length: set.count }, (_, i) => i));
  });
});
