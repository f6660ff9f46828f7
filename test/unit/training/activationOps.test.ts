/**
 * The training ops (tfjs, float32) against the catalogue's closed forms (float64, tested
 * against high-precision references by the catalogue's own tests): f and tfjs autodiff f'.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { CATALOGUE, resolveParams } from '../../../src/core/activations/catalogue';
import { activationOp } from '../../../src/core/training/activationOps';

/** Grid over [-12, 12] that avoids the kinks 0, +-3, 6 (derivative conventions differ there). */
const GRID = Array.from({ length: 97 }, (_, i) => -12 + i * 0.25 + 0.013);
/** Far tails: f and f' must stay finite where the true values are. */
const TAILS = [-1000, -90, 60, 80];

/** Float32 can hold ~7 digits: compare relative to max(1, |reference|). */
function close(got: number, want: number, tol: number): boolean {
  return Math.abs(got - want) <= tol * Math.max(1, Math.abs(want));
}

const PARAM_CASES: Record<string, Array<Record<string, number>>> = {
  leaky_relu: [{}, { alpha: 0.01 }, { alpha: 0.3 }],
  elu: [{}, { alpha: 0.5 }, { alpha: 2 }],
  celu: [{}, { alpha: 0.5 }],
  swish: [{}, { beta: 1.5 }],
};

describe('training activation ops vs catalogue f and df', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  for (const def of CATALOGUE) {
    for (const partial of PARAM_CASES[def.id] ?? [{}]) {
      const p = resolveParams(def, partial);
      it(`${def.id} ${JSON.stringify(p)}`, async () => {
        const op = activationOp(def.id, p);
        assert.ok(op, `no tfjs op for catalogue id ${def.id}`);
        const xs = def.id === 'exponential' ? GRID : [...GRID, ...TAILS];
        const x = tf.tensor1d(xs);
        const y = op(x);
        const dy = tf.grad((z: tf.Tensor) => op(z))(x);
        const [ys, dys] = [await y.data(), await dy.data()];
        tf.dispose([x, y, dy]);
        xs.forEach((v, i) => {
          assert.ok(close(ys[i]!, def.f(v, p), 1e-5), `f(${v}) = ${ys[i]} vs catalogue ${def.f(v, p)}`);
          assert.ok(close(dys[i]!, def.df(v, p), 1e-4), `f'(${v}) = ${dys[i]} vs catalogue ${def.df(v, p)}`);
        });
      });
    }
  }

  it('resolves aliases (silu -> swish) and rejects unknown ids and parameters', () => {
    assert.ok(activationOp('silu', {}));
    assert.equal(activationOp('not_an_activation', {}), undefined);
    assert.throws(() => activationOp('elu', { beta: 1 }), RangeError);
  });

  it('ELU with alpha != 1 trains where tf.layers.elu refuses it', () => {
    assert.throws(() => tf.layers.elu({ alpha: 0.5 }));
    const x = tf.tensor1d([-2, 50, 100]);
    const g = tf.grad((z: tf.Tensor) => tf.sum(activationOp('elu', { alpha: 0.5 })!(z)))(x);
    // d/dz 0.5 (e^z - 1) at -2 = 0.5 e^-2 (float32); 1 for z > 0, with no NaN from exp(100).
    assert.deepEqual(Array.from(g.dataSync()), [Math.fround(0.5 * Math.exp(-2)), 1, 1]);
    tf.dispose([x, g]);
  });
});
