/**
 * Catalogue contents and API: the 18 ids, every documented field filled, KaTeX that renders,
 * look-up by alias, parameter validation, SELU constants, the seed's errors, and finiteness
 * over the whole double range.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import { CATALOGUE, getActivation, resolveParams } from '../../../src/core/activations/catalogue';
import { SELU_ALPHA, SELU_LAMBDA } from '../../../src/core/activations/defs/expLinearFamily';

const IDS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'selu', 'gelu', 'gelu_tanh', 'softplus', 'softsign',
  'swish', 'mish', 'hard_sigmoid', 'hard_swish', 'relu6', 'celu', 'linear', 'exponential'];

test('the catalogue has exactly the 18 ids of issue 2, in order, with unique ids and aliases', () => {
  assert.deepEqual(CATALOGUE.map((d) => d.id), IDS);
  const keys = CATALOGUE.flatMap((d) => [d.id, ...d.aliases]);
  assert.equal(new Set(keys).size, keys.length);
});

test('every entry fills every field', () => {
  for (const d of CATALOGUE) {
    for (const s of [d.name, d.latex.f, d.latex.df, d.text.f, d.text.df, d.source]) assert.ok(s.trim().length > 0, d.id);
    assert.deepEqual(d.conventions.map((c) => c.library), ['PyTorch', 'Keras', 'TensorFlow.js'], d.id);
    for (const c of d.conventions) assert.ok(c.api.length > 0 && c.note.length > 0, `${d.id} ${c.library}`);
    assert.ok(d.pros.length > 0 && d.cons.length > 0, d.id);
    for (const p of d.params) {
      assert.ok(p.min <= p.default && p.default <= p.max && p.step > 0 && p.description.length > 0, `${d.id}.${p.name}`);
    }
  }
});

test('LaTeX of f and f\' renders in KaTeX without errors', () => {
  for (const d of CATALOGUE) {
    for (const src of [d.latex.f, d.latex.df]) {
      assert.doesNotThrow(() => katex.renderToString(src, { throwOnError: true, displayMode: true }), `${d.id}: ${src}`);
    }
  }
});

test('getActivation finds ids and aliases, case- and dash-insensitively', () => {
  assert.equal(getActivation('silu')?.id, 'swish');
  assert.equal(getActivation('Leaky-ReLU')?.id, 'leaky_relu');
  assert.equal(getActivation(' GELU ')?.id, 'gelu');
  assert.equal(getActivation('hardswish')?.id, 'hard_swish');
  assert.equal(getActivation('softmax'), undefined);
  assert.equal(getActivation(''), undefined);
});

test('resolveParams fills defaults and validates', () => {
  const leaky = getActivation('leaky_relu')!;
  assert.deepEqual(resolveParams(leaky, {}), { alpha: 0.2 });
  assert.deepEqual(resolveParams(leaky, { alpha: 0.01 }), { alpha: 0.01 });
  assert.deepEqual(resolveParams(getActivation('relu')!, {}), {});
  assert.throws(() => resolveParams(leaky, { beta: 1 }), (e: unknown) => e instanceof RangeError && /'beta'/.test(e.message));
  assert.throws(() => resolveParams(leaky, { alpha: 1.5 }), (e: unknown) => e instanceof RangeError && /'alpha'.*\[0, 1\]/.test(e.message));
  assert.throws(() => resolveParams(leaky, { alpha: NaN }), RangeError);
  assert.throws(() => resolveParams(leaky, { alpha: Infinity }), RangeError);
  assert.throws(() => resolveParams(getActivation('celu')!, { alpha: 0 }), RangeError); // would divide by 0
});

test('SELU constants are the paper\'s 32 digits (Klambauer et al. 2017), rounded once, and match its closed forms', () => {
  const ref = JSON.parse(readFileSync(join(__dirname, '../../reference/activations.json'), 'utf8')).selu;
  assert.equal(ref.alpha, '1.6732632423543772848170429916717');
  assert.equal(ref.lambda, '1.0507009873554804934193349852946');
  assert.equal(SELU_ALPHA, Number(ref.alpha));
  assert.equal(SELU_LAMBDA, Number(ref.lambda));
  assert.equal(SELU_ALPHA, 1.6732632423543772);
  assert.equal(SELU_LAMBDA, 1.0507009873554805);
  // The quoted digits are the paper's closed forms for the fixed point (0, 1), rounded to 32 digits.
  assert.equal(ref.alphaClosedForm.slice(0, 33), '1.6732632423543772848170429916716'); // ...165 -> 717
  assert.equal(ref.lambdaClosedForm.slice(0, 33), '1.0507009873554804934193349852946');
  assert.equal(Number(ref.alphaClosedForm), SELU_ALPHA);
  assert.equal(Number(ref.lambdaClosedForm), SELU_LAMBDA);
});

test('seed corrections: Leaky ReLU maps 5 to 5, the SELU slope for x > 0 is lambda, not y', () => {
  const leaky = getActivation('leaky_relu')!;
  assert.equal(leaky.f(5, { alpha: 0.2 }), 5);
  assert.equal(leaky.f(-5, { alpha: 0.2 }), -1);
  const selu = getActivation('selu')!;
  for (const x of [1e-9, 0.5, 1, 2, 10, 1e6]) assert.equal(selu.df(x, {}), SELU_LAMBDA);
  assert.notEqual(selu.df(2, {}), selu.f(2, {}));
  assert.equal(selu.f(0, {}), 0);
  for (const id of ['leaky_relu', 'selu', 'gelu', 'sigmoid']) assert.ok(getActivation(id)!.seedCorrection, id);
});

test('ReLU\'(0) = 0 as in PyTorch and TensorFlow; canDie marks the entries with a flat half-line', () => {
  assert.equal(getActivation('relu')!.df(0, {}), 0);
  assert.deepEqual(CATALOGUE.filter((d) => d.canDie).map((d) => d.id), ['relu', 'hard_sigmoid', 'hard_swish', 'relu6']);
});

test('no NaN and no Infinity where the true value is finite, over the whole double range', () => {
  const xs = [-Number.MAX_VALUE, -1e308, -1e200, -1e100, -1e20, -1e5, -1000, -746, -710, -40, -1, -5e-324, 0, -0, 5e-324, 1, 40, 709.78, 710, 1000, 1e5, 1e20, 1e100, 1e200, 1e308, Number.MAX_VALUE];
  /** True |f| or |f'| exceeds MAX_VALUE: exp beyond ln(MAX_VALUE) = 709.78, lambda x for SELU near MAX_VALUE. */
  const overflows = (id: string, x: number): boolean =>
    (id === 'exponential' && x > 709.782712893384) || (id === 'selu' && x > Number.MAX_VALUE / SELU_LAMBDA);
  for (const d of CATALOGUE) {
    const p = resolveParams(d, {});
    for (const x of xs) {
      const y = d.f(x, p);
      assert.equal(Number.isFinite(y), !overflows(d.id, x), `${d.id}(${x}) = ${y}`);
      const dy = d.df(x, p);
      assert.equal(Number.isFinite(dy), !(d.id === 'exponential' && overflows(d.id, x)), `${d.id}'(${x}) = ${dy}`);
    }
    assert.ok(Number.isNaN(d.f(NaN, p)) && Number.isNaN(d.df(NaN, p)), `${d.id}(NaN)`);
  }
  assert.equal(getActivation('exponential')!.f(710, {}), Infinity);
  assert.equal(getActivation('exponential')!.f(709.78, {}), Math.exp(709.78));
});
