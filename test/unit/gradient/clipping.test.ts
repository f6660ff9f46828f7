import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backprop } from '../../../src/core/gradient/chain';
import { clipGradients, norm2 } from '../../../src/core/gradient/clipping';
import { chain, close } from './helpers';

// Hand-computed case where the three methods disagree, c = 2:
//   layer 1: (dC/dw, dC/db) = (3, 4), norm 5;  layer 2: (0.6, 0.8), norm 1;  ||g|| = sqrt(26).
// value (Keras clipvalue):        (2, 2), (0.6, 0.8)
// global norm (global_clipnorm):  every component x 2/sqrt(26): (6, 8)/sqrt(26), (1.2, 1.6)/sqrt(26)
// per-layer norm (clipnorm):      layer 1 x 2/5 -> (1.2, 1.6); layer 2 norm 1 <= 2 unchanged.
const RAW = { dw: [3, 0.6], db: [4, 0.8] };

test('clip by value: each component to [-c, c] (Keras clipvalue)', () => {
  const r = clipGradients(RAW, { method: 'value', threshold: 2 });
  assert.deepEqual([...r.dw, ...r.db], [2, 0.6, 2, 0.8]);
  assert.equal(r.changed, 2);
  // cos = g.g'/(|g||g'|) with g = (3, 0.6, 4, 0.8), g' = (2, 0.6, 2, 0.8):
  // g.g' = 6 + 0.36 + 8 + 0.64 = 15, |g| = sqrt(26), |g'| = sqrt(4 + 0.36 + 4 + 0.64) = 3 -> 5/sqrt(26).
  assert.ok(close(r.cosine, 5 / Math.sqrt(26), 1e-15), String(r.cosine));
});

test('clip by global norm: all scaled by c/||g|| (Keras global_clipnorm), direction kept', () => {
  const r = clipGradients(RAW, { method: 'globalNorm', threshold: 2 });
  // Closed form: every component times c/||g|| = 2/sqrt(3^2 + 0.6^2 + 4^2 + 0.8^2) = 2/sqrt(26);
  // order [...dw, ...db] = [3, 0.6, 4, 0.8].
  const s = 2 / Math.sqrt(26);
  const expect = [3 * s, 0.6 * s, 4 * s, 0.8 * s];
  [...r.dw, ...r.db].forEach((v, i) => assert.ok(close(v, expect[i]!, 1e-15), `${v} vs ${expect[i]}`));
  assert.ok(close(r.globalNormBefore, Math.sqrt(26), 1e-15));
  assert.ok(close(r.globalNormAfter, 2, 1e-15));
  assert.ok(close(r.cosine, 1, 1e-15));
});

test('clip per-layer norm: one norm per layer (Keras clipnorm), relative sizes change', () => {
  const r = clipGradients(RAW, { method: 'layerNorm', threshold: 2 });
  assert.ok(close(r.dw[0]!, 1.2, 1e-15) && close(r.db[0]!, 1.6, 1e-15));
  assert.equal(r.dw[1], 0.6);
  assert.equal(r.db[1], 0.8);
  assert.ok(close(r.layerNormsAfter[0]!, 2, 1e-15));
  // The trap: the global norm after per-layer clipping is sqrt(4 + 1) = sqrt 5, not c = 2.
  assert.ok(close(r.globalNormAfter, Math.sqrt(5), 1e-15));
  // g' = (1.2, 0.6, 1.6, 0.8): g.g' = 3.6 + 0.36 + 6.4 + 0.64 = 11, |g'| = sqrt 5 -> 11/sqrt(130).
  assert.ok(close(r.cosine, 11 / Math.sqrt(130), 1e-15), String(r.cosine));
});

test('the three methods give three different answers on the same gradients', () => {
  const out = (['value', 'globalNorm', 'layerNorm'] as const).map((m) => JSON.stringify(clipGradients(RAW, { method: m, threshold: 2 }).dw));
  assert.equal(new Set(out).size, 3);
});

test('nothing changes when every norm is already <= c; zero gradients stay zero', () => {
  for (const m of ['value', 'globalNorm', 'layerNorm'] as const) {
    const r = clipGradients(RAW, { method: m, threshold: 10 });
    assert.deepEqual([...r.dw, ...r.db], [3, 0.6, 4, 0.8]);
    const z = clipGradients({ dw: [0, 0], db: [0, 0] }, { method: m, threshold: 1 });
    assert.deepEqual([...z.dw, ...z.db], [0, 0, 0, 0]);
  }
});

test('global norm of an infinite gradient is NaN, as in Keras clip_by_global_norm', () => {
  const r = clipGradients({ dw: [Infinity, 1], db: [1, 1] }, { method: 'globalNorm', threshold: 1 });
  assert.ok(r.dw.every((v) => Number.isNaN(v)));
});

test('clip by value matches torch.nn.utils.clip_grad_value_ (reference JSON)', () => {
  const ref = JSON.parse(readFileSync(join(__dirname, '../../reference/gradientChain.json'), 'utf8'));
  const c = ref.cases.find((k: { name: string }) => k.name === ref.clipValue.case);
  const g = backprop(chain(c.acts, c.w, c.b, c.x, c.y));
  const r = clipGradients({ dw: g.layers.map((l) => l.dCdw), db: g.layers.map((l) => l.dCdb) }, { method: 'value', threshold: ref.clipValue.c });
  r.dw.forEach((v, j) => assert.ok(close(v, ref.clipValue.dCdw[j], 1e-12)));
  r.db.forEach((v, j) => assert.ok(close(v, ref.clipValue.dCdb[j], 1e-12)));
});

test('norm2 does not overflow for large finite components', () => {
  assert.ok(close(norm2([1e200, 1e200]), Math.SQRT2 * 1e200, 1e-15));
  assert.equal(norm2([3, 4]), 5);
  assert.ok(Number.isNaN(norm2([NaN, 1])));
});

test('threshold must be a finite number > 0', () => {
  for (const t of [0, -1, NaN, Infinity]) assert.throws(() => clipGradients(RAW, { method: 'value', threshold: t }), /threshold/);
  assert.doesNotThrow(() => clipGradients(RAW, { method: 'none', threshold: NaN }));
});

test('cosine stays in [-1, 1] despite rounding, so acos is defined (global norm keeps direction)', () => {
  // Deterministic pseudo-random gradients (LCG, Numerical Recipes constants); for many of
  // them (at least one of these 2000) the float64 sum of unit-vector products is
  // 1.0000000000000002 before clamping.
  let seed = 12345;
  const rnd = (): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 10;
  for (let i = 0; i < 2000; i++) {
    const r = clipGradients({ dw: [rnd(), rnd()], db: [rnd(), rnd()] }, { method: 'globalNorm', threshold: 1 });
    assert.ok(r.cosine <= 1 && r.cosine >= -1 && !Number.isNaN(Math.acos(r.cosine)), String(r.cosine));
  }
});
