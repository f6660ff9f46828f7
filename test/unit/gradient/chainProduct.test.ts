import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop } from '../../../src/core/gradient/chain';
import { chainProductTex, texNumber } from '../../../src/core/gradient/chainProduct';
import { chain } from './helpers';

test('Nielsen product with numbers: sigma\'(z_1) w_2 sigma\'(z_2) ... dC/da_L, each factor 25', () => {
  const s = chain(Array(4).fill('sigmoid'), Array(4).fill(100), [-100, -50, -50, -50], 1, 0);
  const tex = chainProductTex(backprop(s), s.activations, 0);
  assert.match(tex, /\\frac\{\\partial C\}\{\\partial b_1\} &= \\sigma'\(z_1\)\\;w_\{2\}\\,\\sigma'\(z_\{2\}\)/);
  assert.equal(tex.match(/\\underbrace\{100 \\cdot 0\.25\}_\{25\}/g)?.length, 3);
  assert.match(tex, /2\\bigl\(0\.5 - 0\\bigr\)/);
  assert.match(tex, /&= 3906$/m); // 0.25 * 25^3 * 1 = 3906.25, 4 significant digits
});

test('long chains are truncated in the middle and overflow is reported with its log10', () => {
  const L = 1000;
  const s = chain(Array(L).fill('sigmoid'), Array(L).fill(100), [-100, ...Array(L - 1).fill(-50)], 1, 0);
  const tex = chainProductTex(backprop(s), s.activations, 0);
  assert.match(tex, /\\underbrace\{\\cdots\}_\{996\\text\{ factors\}\}/);
  assert.match(tex, /w_\{1000\}/);
  assert.ok(!tex.includes('w_{500}'));
  assert.match(tex, /10\^\{1395\.9\}/);
  assert.match(tex, /overflows/);
});

test('texNumber: 4 significant digits, powers of ten outside [1e-3, 1e4)', () => {
  assert.equal(texNumber(0.249999), '0.25');
  assert.equal(texNumber(8.02754e-8), '8.028 \\times 10^{-8}');
  assert.equal(texNumber(0), '0');
  assert.equal(texNumber(-Infinity), '-\\infty');
});
