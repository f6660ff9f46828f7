import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop } from '../../../src/core/gradient/chain';
import { checkThresholds, DEFAULT_THRESHOLDS, judgeChain } from '../../../src/core/gradient/verdict';
import { act, chain } from './helpers';

test('dead ReLU at layer 3 marks itself and silences layers 1-2 (the seed\'s R\'(z_3) = 0)', () => {
  const s = chain(Array(5).fill('relu'), [0.8, 1.2, -1, 0.9, 1.1], Array(5).fill(0.1), 1, 2);
  const v = judgeChain(backprop(s), s.activations);
  assert.equal(v.overall, 'dead');
  assert.deepEqual(v.deadLayers, [3]);
  assert.deepEqual(v.layers.map((l) => l.verdict), ['dead', 'dead', 'dead', 'healthy', 'healthy']);
  assert.equal(v.layers[0]!.silencedBy, 3);
  assert.equal(v.layers[1]!.silencedBy, 3);
  assert.equal(v.layers[2]!.isDead, true);
  assert.equal(v.layers[2]!.silencedBy, undefined);
});

test('Nielsen w = 100 chain explodes: gain of layer j is 1/4 * 25^(L-j)', () => {
  // L = 5: gains 0.25 * 25^4 = 97656.25 > 1e3, 3906.25 > 1e3, 156.25, 6.25, 0.25.
  const s = chain(Array(5).fill('sigmoid'), Array(5).fill(100), [-100, -50, -50, -50, -50], 1, 0);
  const v = judgeChain(backprop(s), s.activations);
  assert.equal(v.overall, 'exploding');
  assert.deepEqual(v.layers.map((l) => l.verdict), ['exploding', 'exploding', 'healthy', 'healthy', 'healthy']);
  assert.ok(Math.abs(v.layers[0]!.log10Gain - Math.log10(97656.25)) < 1e-12);
});

test('small-weight sigmoid chain vanishes below the default 1e-3', () => {
  const s = chain(Array(6).fill('sigmoid'), Array(6).fill(0.2), Array(6).fill(0), 1, 0);
  const v = judgeChain(backprop(s), s.activations);
  assert.equal(v.overall, 'vanishing');
  assert.equal(v.layers[0]!.verdict, 'vanishing');
  assert.equal(v.layers[5]!.verdict, 'healthy');
});

test('thresholds decide: the same chain is healthy with looser thresholds', () => {
  const s = chain(Array(6).fill('sigmoid'), Array(6).fill(0.2), Array(6).fill(0), 1, 0);
  const v = judgeChain(backprop(s), s.activations, { vanishingBelow: 1e-9, explodingAbove: 1e9 });
  assert.equal(v.overall, 'healthy');
});

test('leaky ReLU cannot die: negative z is not dead', () => {
  const s = chain(['leaky_relu', 'leaky_relu'], [1, -1], [0.1, 0], 1, 1);
  const v = judgeChain(backprop(s), s.activations);
  assert.equal(v.deadLayers.length, 0);
  assert.notEqual(v.overall, 'dead');
});

for (const id of ['leaky_relu', 'elu']) {
  test(`${id} with alpha = 0 is ReLU on z < 0 and dies: layer 2 is dead, layer 1 silenced`, () => {
    // z_1 = 1 * 1 + 0.1 > 0; z_2 = -1 * a_1 < 0, where f' = alpha (leaky) or alpha e^z (ELU) = 0.
    const s = { ...chain([id, id], [1, -1], [0.1, 0], 1, 1), activations: [act(id, { alpha: 0 }), act(id, { alpha: 0 })] };
    const v = judgeChain(backprop(s), s.activations);
    assert.equal(v.overall, 'dead');
    assert.deepEqual(v.deadLayers, [2]);
    assert.deepEqual(v.layers.map((l) => l.verdict), ['dead', 'dead']);
    assert.equal(v.layers[0]!.silencedBy, 2);
  });
}

test('a saturated sigmoid is vanishing, not dead: its f\' is tiny but never exactly 0 on a half-line', () => {
  const s = chain(['sigmoid', 'sigmoid'], [1, 30], [0, 0], 1, 0);
  const v = judgeChain(backprop(s), s.activations);
  assert.equal(v.deadLayers.length, 0);
  assert.notEqual(v.overall, 'dead');
});

test('bad thresholds are rejected', () => {
  assert.throws(() => checkThresholds({ vanishingBelow: 0, explodingAbove: 1 }), /vanishing threshold/);
  assert.throws(() => checkThresholds({ vanishingBelow: 1, explodingAbove: Infinity }), /exploding threshold/);
  assert.throws(() => checkThresholds({ vanishingBelow: 10, explodingAbove: 1 }), /must be below/);
  assert.doesNotThrow(() => checkThresholds(DEFAULT_THRESHOLDS));
});
