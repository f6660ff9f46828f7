/**
 * The tfjs op built from an expression (tfjsActivation.ts) against the scalar evaluator:
 * forward values, and tfjs autodiff gradients against our AD f' (float32 tolerance).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { compileUserActivation } from '../../../src/core/expression/compile';
import { expressionResolveOp, tfjsActivation } from '../../../src/core/expression/tfjsActivation';

const XS = [-30, -4.5, -1.25, -0.5, 0.25, 0.75, 2, 6, 100];

function compare(src: string, params: Record<string, number> = {}, xs = XS): void {
  const r = compileUserActivation(src, params);
  if (!r.ok) assert.fail(r.error.message);
  const op = tfjsActivation(tf, r.def);
  const x = tf.tensor1d(xs);
  const y = op(x).dataSync();
  const g = tf.grad((t: tf.Tensor) => op(t))(x).dataSync();
  xs.forEach((xv, i) => {
    const f = r.def.f(xv, {});
    const df = r.def.df(xv, {});
    assert.ok(Math.abs(y[i]! - f) <= 2e-5 * Math.max(1, Math.abs(f)), `${src} f(${xv}): tfjs ${y[i]}, ours ${f}`);
    assert.ok(Number.isFinite(g[i]!), `${src} f'(${xv}) from tfjs is ${g[i]}`);
    assert.ok(Math.abs(g[i]! - df) <= 2e-5 * Math.max(1, Math.abs(df)), `${src} f'(${xv}): tfjs ${g[i]}, ours ${df}`);
  });
  x.dispose();
}

describe('tfjs op from an expression: values and autodiff gradients', () => {
  it('ELU with a parameter: no NaN gradient from exp(x) overflowing in the branch not taken', () => compare('x > 0 ? x : a * (exp(x) - 1)', { a: 0.5 }));
  it('x * sigmoid(1.702 * x) (catalogue sigmoid as a tf op)', () => compare('x * sigmoid(1.702 * x)'));
  it('max(0, x) + 0.1 * min(0, x), including the tie at 0', () => compare('max(0, x) + 0.1 * min(0, x)', {}, [...XS, 0]));
  it('relu(x) - 0.5 * gelu(x)', () => compare('relu(x) - 0.5 * gelu(x)'));
  it('abs, erf, powers, logic', () => compare('abs(x) + erf(x / sqrt(2)) + (x >= -1 and x < 1) * x^2 + cube(x / 10)', {}, [...XS.slice(1, 8), 0]));
  it('mish written out: tanh(log(1 + exp(x))) (no overflow up to x = 6 in float32)', () => compare('x * tanh(log(1 + exp(x)))', {}, XS.slice(1, 8)));
  it('expressionResolveOp: ops for choices with an expression only', () => {
    const resolve = expressionResolveOp(tf);
    assert.equal(resolve({ activation: 'relu', params: {} }), undefined);
    const op = resolve({ activation: 'my_elu', params: { a: 0.5 }, expression: 'x > 0 ? x : a * (exp(x) - 1)' })!;
    // 0.5 (e^-1 - 1) = -0.31606027941427883 (mpmath), float32 here.
    assert.ok(Math.abs(op(tf.tensor1d([-1])).dataSync()[0]! - -0.31606027941427883) < 1e-7);
    assert.throws(() => resolve({ activation: 'bad', params: {}, expression: 'x +' }), /custom activation 'bad': Syntax error/);
  });
  it('an invalid expression throws a clear Error', () => {
    assert.throws(() => tfjsActivation(tf, 'x +'), /Syntax error/);
  });
});
