/**
 * The one seeded generator (src/core/data/random.ts) against an independent implementation
 * of Tommy Ettinger's Mulberry32 C reference and of the Marsaglia polar method in Python
 * (test/reference/mulberry32.py -> mulberry32.json), and the normal stream's moments.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRng, mulberry32, permutation } from '../../../src/core/data/random';

const REF = JSON.parse(readFileSync(join(__dirname, '../../reference/mulberry32.json'), 'utf8')) as Record<string, number[]>;
const SEEDS = [0, 42, 4294967295];

test('mulberry32 and makeRng().uniform give the reference stream, bit for bit', () => {
  for (const seed of SEEDS) {
    const want = REF[`uniform_${seed}`]!;
    const a = mulberry32(seed);
    const b = makeRng(seed);
    assert.deepEqual(want.map(() => a()), want, `mulberry32(${seed})`);
    assert.deepEqual(want.map(() => b.uniform()), want, `makeRng(${seed}).uniform`);
  }
  assert.deepEqual([mulberry32(-1)(), mulberry32(2 ** 32 + 42)()], [REF.uniform_4294967295![0], REF.uniform_42![0]], 'seeds are taken modulo 2^32');
});

test('makeRng().normal follows the polar method of the reference (to the last few ulps of log)', () => {
  for (const seed of SEEDS) {
    const r = makeRng(seed);
    for (const [i, want] of REF[`normal_${seed}`]!.entries()) {
      const got = r.normal();
      assert.ok(Math.abs(got - want) <= 4 * Number.EPSILON * Math.abs(want), `seed ${seed} #${i}: ${got} vs ${want}`);
    }
  }
});

test('normal(): mean 0 and variance 1 within 4 standard errors over 200,000 draws', () => {
  const n = 200_000;
  const r = makeRng(7);
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const x = r.normal();
    sum += x;
    sq += x * x;
  }
  const mean = sum / n;
  const variance = sq / n - mean * mean;
  // Standard errors: of the mean 1/sqrt(n); of the variance sqrt(2/n) for a normal.
  assert.ok(Math.abs(mean) < 4 / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 4 * Math.sqrt(2 / n), `variance ${variance}`);
});

test('permutation: every index once, and the same order for the same seed', () => {
  const p = permutation(1000, 3);
  assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
  assert.deepEqual(permutation(1000, 3), p);
  assert.notDeepEqual(permutation(1000, 4), p);
});
