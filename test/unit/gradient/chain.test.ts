import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backprop, chainCost, checkChainShape, MAX_LAYERS } from '../../../src/core/gradient/chain';
import { act, chain, close } from './helpers';

/** PyTorch float64 autograd (test/reference/gradientChain.py). */
const REF = JSON.parse(readFileSync(join(__dirname, '../../reference/gradientChain.json'), 'utf8')) as {
  cases: Array<{ name: string; acts: string[]; w: number[]; b: number[]; x: number; y: number; z: number[]; a: number[]; cost: number; dCdw: number[]; dCdb: number[] }>;
  nielsen1000: { L: number; log10AbsDCdb1: number };
};

test('Nielsen w = 100 sigmoid chain with every z = 0: factors exactly 25, dC/db_j = 1/4 * 25^(L-j) * 2(1/2 - y)', () => {
  // Hand derivation: sigma(0) = 1/2, sigma'(0) = 1/4, w sigma'(0) = 25; b_1 = -100 x, b_j = -50.
  const L = 6;
  const g = backprop(chain(Array(L).fill('sigmoid'), Array(L).fill(100), [-100, ...Array(L - 1).fill(-50)], 1, 0));
  for (const [j, l] of g.layers.entries()) {
    assert.equal(l.z, 0);
    assert.equal(l.a, 0.5);
    assert.equal(l.dadz, 0.25);
    assert.equal(l.factor, 25);
    assert.equal(l.dCdb, 0.25 * 25 ** (L - 1 - j) * 1);
  }
  assert.equal(g.layers[0]!.dCdb, 2441406.25); // 0.25 * 25^5 = 9765625 / 4
  assert.equal(g.cost, 0.25);
});

test('matches PyTorch float64 autograd on four chains (z, a, C, every dC/dw and dC/db)', () => {
  for (const c of REF.cases) {
    const g = backprop(chain(c.acts, c.w, c.b, c.x, c.y));
    assert.ok(close(g.cost, c.cost, 1e-14), `${c.name} cost`);
    g.layers.forEach((l, j) => {
      assert.ok(close(l.z, c.z[j]!, 1e-14), `${c.name} z${j + 1}`);
      assert.ok(close(l.a, c.a[j]!, 1e-14), `${c.name} a${j + 1}`);
      assert.ok(close(l.dCdb, c.dCdb[j]!, 1e-12), `${c.name} dC/db${j + 1}: ${l.dCdb} vs ${c.dCdb[j]}`);
      assert.ok(close(l.dCdw, c.dCdw[j]!, 1e-12), `${c.name} dC/dw${j + 1}: ${l.dCdw} vs ${c.dCdw[j]}`);
    });
  }
});

test('every gradient agrees with a central finite difference of C', () => {
  const specs = REF.cases.filter((c) => c.name !== 'deadRelu5').map((c) => chain(c.acts, c.w, c.b, c.x, c.y));
  const h = 1e-6;
  for (const s of specs) {
    const g = backprop(s);
    for (let j = 0; j < s.weights.length; j++) {
      const bump = (which: 'weights' | 'biases', d: number) => chainCost({ ...s, [which]: s[which].map((v, k) => (k === j ? v + d : v)) });
      const fdB = (bump('biases', h) - bump('biases', -h)) / (2 * h);
      const fdW = (bump('weights', h) - bump('weights', -h)) / (2 * h);
      assert.ok(Math.abs(fdB - g.layers[j]!.dCdb) < 1e-8, `dC/db${j + 1}: fd ${fdB} vs ${g.layers[j]!.dCdb}`);
      assert.ok(Math.abs(fdW - g.layers[j]!.dCdw) < 1e-8, `dC/dw${j + 1}: fd ${fdW} vs ${g.layers[j]!.dCdw}`);
    }
  }
});

test('dC/dw_j = a_{j-1} dC/db_j exactly, with a_0 = x', () => {
  for (const c of REF.cases) {
    const g = backprop(chain(c.acts, c.w, c.b, c.x, c.y));
    g.layers.forEach((l, j) => {
      const aPrev = j === 0 ? c.x : g.layers[j - 1]!.a;
      assert.equal(l.aPrev, aPrev);
      assert.equal(l.dCdw, aPrev * l.dCdb);
    });
  }
});

test('log-space magnitude survives float64 overflow: 1000-layer w = 100 chain (mpmath reference)', () => {
  const L = REF.nielsen1000.L;
  const g = backprop(chain(Array(L).fill('sigmoid'), Array(L).fill(100), [-100, ...Array(L - 1).fill(-50)], 1, 0));
  assert.equal(g.layers[0]!.dCdb, Infinity);
  assert.ok(Math.abs(g.layers[0]!.log10AbsDCdb - REF.nielsen1000.log10AbsDCdb1) < 1e-9);
  assert.ok(Math.abs(g.layers[0]!.log10Gain - REF.nielsen1000.log10AbsDCdb1) < 1e-9); // |dC/da_L| = 1
});

test('a zero factor gives log10 = -Infinity, not NaN', () => {
  const g = backprop(chain(['relu', 'relu'], [1, -1], [0, 0], 1, 1));
  assert.equal(g.layers[0]!.dCdb, 0);
  assert.equal(g.layers[0]!.log10AbsDCdb, -Infinity);
});

test('shape errors: L = 0, L over the cap, mismatched lengths', () => {
  const a = act('sigmoid');
  assert.throws(() => checkChainShape({ weights: [], biases: [], x: 0, y: 0, activations: [] }), /1 to 1000 layers, got 0/);
  const big = Array(MAX_LAYERS + 1).fill(1);
  assert.throws(() => checkChainShape({ weights: big, biases: big, x: 0, y: 0, activations: big.map(() => a) }), /got 1001/);
  assert.throws(() => backprop({ weights: [1, 2], biases: [1], x: 0, y: 0, activations: [a, a] }), /2 weights but 1 biases/);
  assert.throws(() => backprop({ weights: [1], biases: [1], x: 0, y: 0, activations: [a, a] }), /1 weights but 2 activations/);
});
