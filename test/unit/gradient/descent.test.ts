import { test } from 'node:test';
import assert from 'node:assert/strict';
import { descentStep, runDescent } from '../../../src/core/gradient/descent';
import { chain } from './helpers';

test('one step: w\' = w - eta dC/dw with the clipped gradient', () => {
  // Hand: linear chain L = 1, w = 2, b = 1, x = 3, y = 0: a = 7, dC/da = 14,
  // dC/db = 14, dC/dw = 42; eta = 0.1 -> w' = 2 - 4.2 = -2.2, b' = 1 - 1.4 = -0.4.
  const s = chain(['linear'], [2], [1], 3, 0);
  const r = descentStep(s, 0.1, { method: 'none', threshold: 1 });
  assert.equal(r.gradients.layers[0]!.dCdw, 42);
  assert.ok(Math.abs(r.wNext[0]! - -2.2) < 1e-15);
  assert.ok(Math.abs(r.bNext[0]! - -0.4) < 1e-15);
  // Clip by value at 5: both gradients become 5 -> w' = 2 - 0.5, b' = 1 - 0.5.
  const c = descentStep(s, 0.1, { method: 'value', threshold: 5 });
  assert.deepEqual([c.wNext[0], c.bNext[0]], [1.5, 0.5]);
});

test('the seed\'s story: the first weight of a small-weight sigmoid chain moves by less than 1e-7', () => {
  const s = chain(Array(6).fill('sigmoid'), Array(6).fill(0.2), Array(6).fill(0), 1, 0);
  const r = descentStep(s, 0.5, { method: 'none', threshold: 1 });
  const moved = 0.2 - r.wNext[0]!;
  assert.ok(moved > 0 && moved < 1e-7, String(moved));
});

test('N steps reduce the cost of a well-posed chain and record every step', () => {
  const s = chain(['sigmoid', 'sigmoid'], [0.5, 0.5], [0, 0], 1, 0.9);
  const h = runDescent(s, 1, { method: 'none', threshold: 1 }, 50);
  assert.equal(h.completed, 50);
  assert.equal(h.stopped, undefined);
  assert.equal(h.cost.length, 51);
  assert.equal(h.weights.length, 51);
  assert.ok(h.cost[50]! < h.cost[0]!);
});

test('divergence stops with a message at the first NaN/Infinity, keeping finite history', () => {
  // Linear chain, eta = 10: each step multiplies the error by about (1 - 2 eta (x^2 + 1)) = -39.
  const s = chain(['linear'], [1], [0], 1, 0);
  const h = runDescent(s, 10, { method: 'none', threshold: 1 }, 1000);
  assert.ok(h.completed < 1000);
  assert.match(h.stopped ?? '', /^Stopped at step \d+ of 1000: .* became (-?Infinity|NaN)/);
  assert.ok(h.cost.every((c) => Number.isFinite(c)));
  assert.ok(h.weights.every((ws) => ws.every((w) => Number.isFinite(w))));
});

test('bad eta, steps and steps x L are rejected', () => {
  const s = chain(['relu'], [1], [0], 1, 0);
  for (const eta of [0, -1, NaN, Infinity]) assert.throws(() => descentStep(s, eta, { method: 'none', threshold: 1 }), /learning rate/);
  for (const n of [0, 1.5, 10_001]) assert.throws(() => runDescent(s, 0.1, { method: 'none', threshold: 1 }, n), /steps must be/);
  const big = chain(Array(1000).fill('relu'), Array(1000).fill(1), Array(1000).fill(0), 1, 0);
  assert.throws(() => runDescent(big, 0.1, { method: 'none', threshold: 1 }, 5000), /steps × layers/);
});
