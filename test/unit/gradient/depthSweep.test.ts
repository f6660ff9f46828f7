import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSweep, depthSweep, drawSweepData, SweepRangeError, sweepOne } from '../../../src/core/gradient/depthSweep';
import { initKernel, TRUNCATED_STD } from '../../../src/core/gradient/init';
import { makeRng } from '../../../src/core/data/random';
import { act } from './helpers';

test('SELU + LeCun normal keeps mean ~ 0 and variance ~ 1 through 30 layers (Klambauer et al. 2017, Thm 1)', () => {
  for (const seed of [1, 2]) {
    const [s] = depthSweep({ width: 128, depth: 30, batch: 96, init: 'lecun_normal', seed, activations: [act('selu')] });
    for (let l = 9; l < 30; l++) {
      assert.ok(Math.abs(s!.mean[l]!) < 0.1, `seed ${seed} layer ${l + 1} mean ${s!.mean[l]}`);
      assert.ok(Math.abs(s!.variance[l]! - 1) < 0.2, `seed ${seed} layer ${l + 1} variance ${s!.variance[l]}`);
    }
  }
});

test('SELU loses the fixed point under He normal (weight variance 2/fan_in): variance grows far above 1', () => {
  const [s] = depthSweep({ width: 128, depth: 30, batch: 96, init: 'he_normal', seed: 1, activations: [act('selu')] });
  assert.ok(s!.variance[29]! > 5, String(s!.variance[29]));
  assert.ok(s!.mean[29]! > 0.5, String(s!.mean[29]));
});

test('initialisers hit their target variance; truncated normals stay within 2 sigma/0.8796 (Keras VarianceScaling)', () => {
  const fan = 400;
  for (const [init, v] of [['glorot_uniform', 2 / (fan + fan)], ['he_normal', 2 / fan], ['lecun_normal', 1 / fan]] as const) {
    const k = initKernel(init, fan, fan, makeRng(7));
    let s = 0;
    let q = 0;
    let max = 0;
    for (const x of k) { s += x; q += x * x; max = Math.max(max, Math.abs(x)); }
    const mean = s / k.length;
    const variance = q / k.length - mean * mean;
    assert.ok(Math.abs(variance / v - 1) < 0.01, `${init}: variance ${variance} vs ${v}`);
    const bound = init === 'glorot_uniform' ? Math.sqrt(6 / (fan + fan)) : (2 * Math.sqrt(v)) / TRUNCATED_STD;
    assert.ok(max <= bound, `${init}: max ${max} > ${bound}`);
  }
});

test('same seed, same numbers; different seed, different numbers', () => {
  const a = drawSweepData({ width: 4, depth: 2, batch: 3, init: 'he_normal', seed: 5 });
  const b = drawSweepData({ width: 4, depth: 2, batch: 3, init: 'he_normal', seed: 5 });
  const c = drawSweepData({ width: 4, depth: 2, batch: 3, init: 'he_normal', seed: 6 });
  assert.deepEqual([...a.kernels[1]!], [...b.kernels[1]!]);
  assert.notDeepEqual([...a.kernels[1]!], [...c.kernels[1]!]);
});

/** Independent forward pass of the documented network: C = mean over B*W of (H_D - Y)^2. */
function loss(kernels: Float64Array[], x: Float64Array, y: Float64Array, B: number, W: number, f: (z: number) => number): number {
  let h = Array.from(x);
  for (const k of kernels) {
    const next: number[] = [];
    for (let b = 0; b < B; b++) for (let i = 0; i < W; i++) {
      let z = 0;
      for (let j = 0; j < W; j++) z += h[b * W + j]! * k[i * W + j]!;
      next.push(f(z));
    }
    h = next;
  }
  return h.reduce((s, v, i) => s + (v - y[i]!) ** 2, 0) / (B * W);
}

test('gradient norms per layer agree with central finite differences of the documented loss', () => {
  const spec = { width: 3, depth: 3, batch: 2, init: 'glorot_uniform' as const, seed: 11 };
  const data = drawSweepData(spec);
  for (const id of ['tanh', 'selu', 'gelu']) {
    const a = act(id);
    const f = (z: number) => a.def.f(z, a.params);
    const series = sweepOne(spec, data, a);
    const hstep = 1e-6;
    data.kernels.forEach((k, l) => {
      let sq = 0;
      for (let i = 0; i < k.length; i++) {
        const ks = data.kernels.map((m) => Float64Array.from(m));
        ks[l]![i] = k[i]! + hstep;
        const up = loss(ks, data.x, data.y, 2, 3, f);
        ks[l]![i] = k[i]! - hstep;
        const down = loss(ks, data.x, data.y, 2, 3, f);
        sq += ((up - down) / (2 * hstep)) ** 2;
      }
      const fd = Math.sqrt(sq);
      assert.ok(Math.abs(fd - series.gradNorm[l]!) <= 1e-6 * Math.max(1e-3, fd), `${id} layer ${l + 1}: fd ${fd} vs ${series.gradNorm[l]}`);
    });
  }
});

test('sweep sizes are checked', () => {
  const ok = { width: 8, depth: 4, batch: 4, init: 'lecun_normal' as const, seed: 1 };
  assert.doesNotThrow(() => checkSweep(ok));
  assert.throws(() => checkSweep({ ...ok, width: 0 }), /width W/);
  assert.throws(() => checkSweep({ ...ok, depth: 2.5 }), /depth D/);
  assert.throws(() => checkSweep({ ...ok, batch: 5000 }), /batch B/);
  assert.throws(() => checkSweep({ ...ok, seed: 0.5 }), /seed/);
  assert.throws(() => checkSweep({ ...ok, width: 512, depth: 200, batch: 1024 }), /over the limit/);
  // Each error lists the field(s) the panel marks.
  const fieldsOf = (patch: Partial<typeof ok>): readonly string[] => {
    try {
      checkSweep({ ...ok, ...patch });
    } catch (e) {
      assert.ok(e instanceof SweepRangeError);
      return e.fields;
    }
    return [];
  };
  assert.deepEqual(fieldsOf({ depth: 1001 }), ['depth']);
  assert.deepEqual(fieldsOf({ seed: 0.5 }), ['seed']);
  assert.deepEqual(fieldsOf({ width: 512, depth: 200, batch: 1024 }), ['width', 'depth', 'batch']);
});
