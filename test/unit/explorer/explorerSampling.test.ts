import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findJumps, linspace, sampleCurve, simplify } from '../../../src/core/charts/explorerSampling';
import { CATALOGUE, getActivation, resolveParams } from '../../../src/core/activations/catalogue';
import type { ActivationDef } from '../../../src/core/activations/types';

/** Test-only definitions, written here from the textbook formulas (not from the catalogue). */
function def(id: string, f: (x: number) => number, df: (x: number) => number): ActivationDef {
  return {
    id, aliases: [], name: id, params: [], f, df, latex: { f: '', df: '' }, text: { f: '', df: '' },
    source: 'test', conventions: [], pros: [], cons: [], canDie: false,
  };
}
// ReLU with relu'(0) = 0 (PyTorch/TensorFlow convention).
const relu = def('relu', (x) => Math.max(0, x), (x) => (x > 0 ? 1 : 0));
// ReLU6: kinks at 0 and 6 (min(max(0, x), 6)).
const relu6 = def('relu6', (x) => Math.min(Math.max(0, x), 6), (x) => (x > 0 && x < 6 ? 1 : 0));

test('linspace: n points, both ends exact, uniform step', () => {
  const g = linspace({ min: -6, max: 6 }, 1001);
  assert.equal(g.length, 1001);
  assert.equal(g[0], -6);
  assert.equal(g[1000], 6);
  assert.equal(g[500], 0);
  assert.ok(Math.abs(g[1]! - g[0] - 0.012) < 1e-15);
  assert.throws(() => linspace({ min: 1, max: 1 }, 10), RangeError);
  assert.throws(() => linspace({ min: 0, max: 1 }, 1), RangeError);
  assert.throws(() => linspace({ min: 0, max: Infinity }, 10), RangeError);
});

test("ReLU on a grid through 0: one f piece, f' breaks at 0 with the value 0 there", () => {
  const s = sampleCurve(relu, {}, { min: -6, max: 6 }, 1001);
  assert.equal(s.f.length, 1);
  assert.equal(s.f[0]!.length, 1001);
  assert.deepEqual(s.fJumps, []);
  assert.deepEqual(s.dfJumps, [{ x: 0, left: 0, right: 1, at: 0 }]);
  assert.equal(s.df.length, 2);
  assert.equal(s.df[0]!.length + s.df[1]!.length, 1002, 'grid points + the right limit at the jump');
  assert.deepEqual(s.df[0]!.at(-1), { x: 0, y: 0 });
  assert.deepEqual(s.df[1]![0], { x: 0, y: 1 });
});

test('a kink between grid points is located and inserted so the corner is sharp', () => {
  const s = sampleCurve(relu, {}, { min: -6, max: 6 }, 1000); // 0 is not a grid point
  assert.equal(s.dfJumps.length, 1);
  assert.equal(s.dfJumps[0]!.x, 0);
  assert.equal(s.f[0]!.length, 1001);
  assert.ok(s.f[0]!.some((p) => p.x === 0 && p.y === 0));
  const r6 = sampleCurve(relu6, {}, { min: -7, max: 7.3 }, 97);
  assert.deepEqual(r6.dfJumps.map((j) => j.x), [0, 6]);
  assert.deepEqual(r6.dfJumps.map((j) => j.at), [0, 0]);
  const third = def('shifted', (x) => Math.max(0, x - 1 / 3), (x) => (x > 1 / 3 ? 1 : 0));
  const j = sampleCurve(third, {}, { min: -1, max: 1 }, 100).dfJumps;
  assert.equal(j.length, 1);
  assert.ok(Math.abs(j[0]!.x - 1 / 3) < 1e-12, `kink at ${j[0]!.x}`);
});

test('smooth curves, even very steep ones, have no jumps', () => {
  for (const k of [1, 50, 1000, 1e6]) {
    const g = (x: number) => Math.tanh(k * x);
    assert.deepEqual(findJumps(g, linspace({ min: -6, max: 6 }, 1000)), [], `tanh(${k}x)`);
  }
  assert.deepEqual(findJumps(Math.sin, linspace({ min: -20, max: 20 }, 1000)), []);
});

test('a jump of f itself breaks the f line', () => {
  const step = def('step', (x) => (x > 0.5 ? 1 : 0), () => 0);
  const s = sampleCurve(step, {}, { min: -2, max: 2 }, 200);
  assert.equal(s.fJumps.length, 1);
  assert.equal(s.fJumps[0]!.x, 0.5);
  assert.equal(s.f.length, 2);
  assert.equal(s.df.length, 1);
});

test('non-finite values are dropped and split the line; no NaN or Infinity reaches the chart', () => {
  const log = def('log', Math.log, (x) => (x >= 0 ? 1 / x : NaN));
  const s = sampleCurve(log, {}, { min: -1, max: 1 }, 101);
  for (const poly of [...s.f, ...s.df]) for (const p of poly) assert.ok(Number.isFinite(p.y) && p.x > 0);
  const exp = def('exp', Math.exp, Math.exp);
  const e = sampleCurve(exp, {}, { min: -1000, max: 1000 }, 1000);
  const pts = e.f.flat();
  assert.ok(pts.every((p) => Number.isFinite(p.y)));
  assert.ok(pts.at(-1)!.x < 710, 'exp overflows to Infinity above ~709.78 and is dropped');
});

test('every catalogue entry samples to finite values on [-1000, 1000] and [-6, 6]', () => {
  assert.ok(CATALOGUE.length >= 18);
  for (const d of CATALOGUE) {
    for (const range of [{ min: -6, max: 6 }, { min: -1000, max: 1000 }]) {
      const s = sampleCurve(d, resolveParams(d, {}), range, 400);
      for (const p of [...s.f.flat(), ...s.df.flat()]) assert.ok(Number.isFinite(p.y), `${d.id} at ${p.x}`);
      if (range.max === 6 && d.id !== 'exponential') assert.ok(s.f.flat().length >= 400, `${d.id}: all grid points kept`);
    }
  }
});

test("catalogue kinks: Leaky ReLU'(0) = negative slope, as in PyTorch's LeakyReLU backward", () => {
  const lr = getActivation('leaky_relu')!;
  const s = sampleCurve(lr, resolveParams(lr, { alpha: 0.1 }), { min: -3, max: 3 }, 301);
  assert.equal(s.dfJumps.length, 1);
  assert.equal(s.dfJumps[0]!.x, 0);
  assert.equal(s.dfJumps[0]!.at, 0.1);
  assert.equal(s.dfJumps[0]!.left, 0.1);
  assert.equal(s.dfJumps[0]!.right, 1);
});

test('simplify: a straight run collapses to its ends, a corner is kept, eps = 0 keeps all', () => {
  const line = Array.from({ length: 101 }, (_, i) => ({ x: i, y: 2 * i + 1 }));
  assert.deepEqual(simplify(line, 100, 200, 1e-4), [line[0], line[100]]);
  const vee = Array.from({ length: 101 }, (_, i) => ({ x: i - 50, y: Math.abs(i - 50) }));
  assert.deepEqual(simplify(vee, 100, 50, 1e-4), [vee[0], vee[50], vee[100]]);
  assert.equal(simplify(vee, 100, 50, 0).length, 101);
  // y = x^2 on [-1, 1]: a chord between kept neighbours deviates by at most eps (scaled).
  const parabola = Array.from({ length: 1001 }, (_, i) => ({ x: -1 + i / 500, y: (-1 + i / 500) ** 2 }));
  const kept = simplify(parabola, 2, 1, 1e-3);
  assert.ok(kept.length > 5 && kept.length < 60, `${kept.length} kept`);
});
