/**
 * f' against two independent differentiations: a central finite difference of our own f
 * (catches an f' that does not belong to f) and TensorFlow.js autodiff `tf.grad` of the
 * paper's formula written with tf ops (float32, cpu backend; catches a wrong closed form).
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

for (const [id, formula] of Object.entries(TF_FORMULAS)) {
  test(`${id}: f' matches tfjs tf.grad (float32) on [-8, 8]`, async () => {
    await tf.setBackend('cpu');
    const def = getActivation(id)!;
    const p = resolveParams(def, {});
    const xs = awayFromKinks(id, GRID, 1e-2);
    const grads = tf.tidy(() => tf.grad((x: tf.Tensor) => formula(x, p))(tf.tensor1d(xs)).dataSync());
    xs.forEach((x, i) => {
      const d = def.df(x, p);
      // float32: ~6e-8 relative per op; tf.erf is a 1e-7 approximation; exp(8) = 3e3.
      assert.ok(Math.abs(grads[i]! - d) <= 2e-6 * Math.max(1, Math.abs(d)), `${id}'(${x}) = ${d}, tf.grad ${grads[i]}`);
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
