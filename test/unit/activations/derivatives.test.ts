/**
 * f' against two independent differentiations: a central finite difference of our own f
 * (catches an f' that does not belong to f) and TensorFlow.js autodiff `tf.grad` of the
 * paper's formula written with tf ops (float32, cpu backend; catches a wrong closed form), on
 * [-8, 8] and at +-20, +-50 (where float32 cannot represent f', the exact 0 it gives is asserted).
 * Grid points stay away from kinks, where the derivative is a convention (torch.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { CATALOGUE, getActivation, resolveParams } from '../../../src/core/activations/catalogue';
import type { Params } from '../../../src/core/activations/types';

const KINKS: Record<string, number[]> = {
  relu: [0], leaky_relu: [0], elu: [0], selu: [0], celu: [0], relu6: [0, 6], hard_sigmoid: [-3, 3], hard_swish: [-3, 3],
};
const GRID = Array.from({ length: 81 }, (_, i) => -8 + i * 0.2 + 0.013);
const TAILS = [-700, -300, -50, -30, -12, 12, 30, 50, 300, 700];

function awayFromKinks(id: string, xs: number[], gap: number): number[] {
  return xs.filter((x) => (KINKS[id] ?? []).every((k) => Math.abs(x - k) > gap));
}

/** Central difference with h = 1e-6 over the step actually represented: error ~1e-10 relative. */
function centralDifference(f: (x: number) => number, x: number): number {
  const xp = x + 1e-6;
  const xm = x - 1e-6;
  return (f(xp) - f(xm)) / (xp - xm);
}

const PARAM_SETS: Record<string, Record<string, number>[]> = {
  leaky_relu: [{ alpha: 0.01 }, { alpha: 0.3 }], elu: [{ alpha: 0.5 }, { alpha: 2 }], celu: [{ alpha: 0.3 }, { alpha: 2.5 }], swish: [{ beta: 0.5 }, { beta: 4 }],
};

for (const def of CATALOGUE) {
  for (const given of [{}, ...(PARAM_SETS[def.id] ?? [])]) {
    test(`${def.id} ${JSON.stringify(given)}: f' matches a central finite difference`, () => {
      const p = resolveParams(def, given);
      for (const x of awayFromKinks(def.id, [...GRID, ...TAILS], 1e-3)) {
        const fd = centralDifference((t) => def.f(t, p), x);
        const d = def.df(x, p);
        assert.ok(Math.abs(fd - d) <= 1e-7 * Math.max(1, Math.abs(d)), `f'(${x}) = ${d}, finite difference ${fd}`);
      }
    });
  }
}

type TfFn = (x: tf.Tensor, p: Params) => tf.Tensor;
const C = Math.sqrt(2 / Math.PI);
/** The papers' formulas, written with tfjs ops (independent of src/core). */
const TF_FORMULAS: Record<string, TfFn> = {
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
  relu: (x) => tf.relu(x),
  leaky_relu: (x, p) => tf.leakyRelu(x, p['alpha']),
  // x for x > 0, alpha (e^x - 1) below, written as relu(x) + alpha (e^(-relu(-x)) - 1).
  elu: (x, p) => tf.add(tf.relu(x), tf.mul(p['alpha']!, tf.sub(tf.exp(tf.neg(tf.relu(tf.neg(x)))), 1))),
  selu: (x) => tf.selu(x),
  gelu: (x) => tf.mul(tf.mul(0.5, x), tf.add(1, tf.erf(tf.div(x, Math.SQRT2)))),
  gelu_tanh: (x) => tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(tf.mul(C, tf.add(x, tf.mul(0.044715, tf.pow(x, 3))))))),
  softplus: (x) => tf.softplus(x),
  softsign: (x) => tf.div(x, tf.add(1, tf.abs(x))),
  swish: (x, p) => tf.mul(x, tf.sigmoid(tf.mul(p['beta']!, x))),
  mish: (x) => tf.mul(x, tf.tanh(tf.softplus(x))),
  hard_sigmoid: (x) => tf.div(tf.relu6(tf.add(x, 3)), 6),
  hard_swish: (x) => tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6)),
  relu6: (x) => tf.relu6(x),
  celu: (x, p) => tf.add(tf.relu(x), tf.mul(p['alpha']!, tf.sub(tf.exp(tf.div(tf.neg(tf.relu(tf.neg(x))), p['alpha']!)), 1))),
  linear: (x) => tf.mul(x, 1),
  exponential: (x) => tf.exp(x),
};

test('tfjs formulas exist for every catalogue entry', () => {
  assert.deepEqual(Object.keys(TF_FORMULAS).sort(), CATALOGUE.map((d) => d.id).sort());
});

/** float32 unit roundoff 2^-24 (IEEE 754 binary32). */
const U32 = 2 ** -24;
/** Half the smallest float32 subnormal (2^-149): smaller magnitudes round to 0 in float32. */
const F32_UNDERFLOW = 2 ** -150;

/**
 * Formulas whose float32 tf.grad subtracts O(1) terms, so near a small f' the error is
 * absolute (a few u32 times the size of the terms, ~1 + |x|), not relative to f'.
 */
const CANCELLING: Record<string, string> = {
  sigmoid: "tfjs's sigmoid grad y (1 - y), y rounded to float32",
  tanh: "tfjs's tanh grad 1 - y^2",
  gelu: '0.5 (1 + erf) + x phi(x), tf.erf a 1.5e-7 (A&S 7.1.26) approximation',
  gelu_tanh: '0.5 (1 + tanh u) + 0.5 x (1 - tanh^2 u) u\'',
  mish: "tanh(softplus x) + x sech^2(softplus x) sigmoid(x), zero at x = -1.19",
};

/**
 * Tolerance |tf.grad - f'| for float32 autodiff: 1e-5 relative (u32 = 6e-8; a chain of ~20
 * rounded float32 ops stays below ~1.2e-6, so 1e-5 has margin yet any wrong closed form,
 * off by >= 1e-3, fails), plus 1e-30 so that f' = 0 compares exactly, plus
 * 4 u32 (1 + |x|) for the cancelling formulas above (measured: <= 1.2 u32 (1 + |x|)).
 */
function tolerance(id: string, x: number, d: number): number {
  return 1e-5 * Math.abs(d) + 1e-30 + (id in CANCELLING ? 4 * U32 * (1 + Math.abs(x)) : 0);
}

/**
 * Tail points where float32 tf.grad must give exactly 0 instead of f'(x), and why; the
 * reason is asserted too. Elsewhere in the tails the value must match to 1e-5 relative.
 */
const FLOAT32_ZERO: Record<string, Record<number, 'rounds to 1' | 'underflow'>> = {
  sigmoid: { 20: 'rounds to 1', 50: 'rounds to 1' },
  tanh: { [-20]: 'rounds to 1', 20: 'rounds to 1', [-50]: 'rounds to 1', 50: 'rounds to 1' },
  gelu: { [-20]: 'underflow' },
  gelu_tanh: { [-20]: 'underflow' },
};
const F32_TAILS = [-50, -20, 20, 50];

function tfGrad(formula: TfFn, p: Params, xs: number[]): Float32Array {
  return tf.tidy(() => tf.grad((x: tf.Tensor) => formula(x, p))(tf.tensor1d(xs)).dataSync() as Float32Array);
}

for (const [id, formula] of Object.entries(TF_FORMULAS)) {
  test(`${id}: f' matches tfjs tf.grad (float32) on [-8, 8]`, async () => {
    await tf.setBackend('cpu');
    const def = getActivation(id)!;
    const p = resolveParams(def, {});
    const xs = awayFromKinks(id, GRID, 1e-2);
    const grads = tfGrad(formula, p, xs);
    xs.forEach((x, i) => {
      const d = def.df(x, p);
      assert.ok(Math.abs(grads[i]! - d) <= tolerance(id, x, d), `${id}'(${x}) = ${d}, tf.grad ${grads[i]}`);
    });
  });

  test(`${id}: f' matches tfjs tf.grad (float32) at +-20, +-50, or float32 gives the exact 0 it must`, async () => {
    await tf.setBackend('cpu');
    const def = getActivation(id)!;
    const p = resolveParams(def, {});
    const grads = tfGrad(formula, p, F32_TAILS);
    F32_TAILS.forEach((x, i) => {
      const d = def.df(x, p);
      const g = grads[i]!;
      const why = FLOAT32_ZERO[id]?.[x];
      if (why === 'underflow') assert.ok(d !== 0 && Math.abs(d) < F32_UNDERFLOW, `${id}'(${x}) = ${d} should underflow float32`);
      if (why === 'rounds to 1') assert.equal(Math.abs(Math.fround(id === 'tanh' ? Math.tanh(x) : 1 / (1 + Math.exp(-x)))), 1, `${id}(${x}) in float32`);
      if (why) assert.equal(g, 0, `${id}'(${x}): float32 tf.grad ${g}, expected 0 (${why}; f' = ${d})`);
      else assert.ok(Math.abs(g - d) <= 1e-5 * Math.abs(d) + 1e-30, `${id}'(${x}) = ${d}, tf.grad ${g}`);
    });
  });
}

test('TensorFlow.js tf.grad at kinks is what the kinkNotes say (it differs from PyTorch at some)', async () => {
  await tf.setBackend('cpu');
  const at = (f: (x: tf.Tensor) => tf.Tensor, xs: number[]): number[] =>
    tf.tidy(() => Array.from(tf.grad(f)(tf.tensor1d(xs)).dataSync()));
  const relu6 = (x: tf.Tensor): tf.Tensor => tf.div(tf.relu6(tf.add(x, 3)), 6);
  const f32 = Math.fround;
  assert.deepEqual(at((x) => tf.relu(x), [0]), [0]);
  assert.deepEqual(at((x) => tf.leakyRelu(x, 0.2), [0]), [f32(0.2)]);
  assert.deepEqual(at((x) => tf.relu6(x), [0, 6]), [0, 1]);
  assert.deepEqual(at((x) => tf.elu(x), [0]), [1]);
  assert.deepEqual(at((x) => tf.selu(x), [0]), [f32(1.0507009873554805 * 1.6732632423543772)]);
  assert.deepEqual(at(relu6, [-3, 3]), [0, f32(1 / 6)]);
  assert.deepEqual(at((x) => tf.mul(x, relu6(x)), [-3, 3]), [0, 1.5]);
  assert.match(getActivation('relu6')!.kinkNote!, /TensorFlow\.js's tf\.grad gives 1 at 6/);
  assert.match(getActivation('selu')!.kinkNote!, /TensorFlow\.js's tf\.grad lambda alpha/);
  assert.match(getActivation('hard_sigmoid')!.kinkNote!, /1\/6 at 3/);
  assert.match(getActivation('hard_swish')!.kinkNote!, /tf\.grad 0 and 3\/2/);
});
