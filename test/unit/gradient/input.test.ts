import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandList, parseChainForm, parseFinite, type ChainForm } from '../../../src/core/gradient/input';

const GOOD: ChainForm = {
  weights: '0.5, -1', biases: '0 0.1', input: '1', target: '0', lr: '0.5', activations: 'sigmoid',
  params: '', clipMethod: 'none', clipThreshold: '', steps: '',
};

function errors(patch: Partial<ChainForm>): Record<string, string> {
  const r = parseChainForm({ ...GOOD, ...patch });
  assert.equal(r.ok, false, JSON.stringify(patch));
  return r.ok ? {} : r.errors;
}

test('a good form parses, with repeats and per-layer activations', () => {
  const r = parseChainForm({ ...GOOD, weights: '0.2*3', biases: '0*3', activations: 'relu, sigmoid*2', steps: '10' });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(r.value.spec.weights, [0.2, 0.2, 0.2]);
  assert.deepEqual(r.value.spec.activations.map((a) => a.def.id), ['relu', 'sigmoid', 'sigmoid']);
  assert.equal(r.value.steps, 10);
});

test('each bad input is reported at its own field', () => {
  assert.match(errors({ weights: '' }).weights!, /empty/);
  assert.match(errors({ weights: '1, abc' }).weights!, /'abc' is not a finite number/);
  assert.match(errors({ biases: 'NaN, 1' }).biases!, /'NaN' is not a finite number/);
  assert.match(errors({ input: 'Infinity' }).input!, /'Infinity' is not a finite number/);
  assert.match(errors({ target: '1e999' }).target!, /not a finite number/);
  assert.match(errors({ biases: '1, 2, 3' }).biases!, /3 biases for 2 weights/);
  assert.match(errors({ weights: '1*1001', biases: '0*1001' }).weights!, /makes 1,001 entries: at most 1000 \(L ≤ 1000 layers\)/);
  assert.match(errors({ lr: '0' }).lr!, /must be > 0/);
  assert.match(errors({ lr: '-0.1' }).lr!, /must be > 0/);
  assert.match(errors({ activations: 'sigmoid, relu, tanh' }).activations!, /1 activation or one per layer \(2\), got 3/);
  assert.match(errors({ activations: 'nope' }).activations!, /unknown activation 'nope'/);
  assert.match(errors({ params: 'alpha=0.1' }).params!, /no activation of this chain has parameter 'alpha'/);
  assert.match(errors({ activations: 'leaky_relu', params: 'alpha=x' }).params!, /'x' is not a finite number/);
  assert.match(errors({ clipMethod: 'value', clipThreshold: '-1' }).clipThreshold!, /must be > 0/);
  assert.match(errors({ steps: '2.5' }).steps!, /whole number/);
  // Empty entries are errors naming their 1-based position, never dropped (1,,2 is not 1,2).
  assert.equal(errors({ weights: '1,,2', biases: '0,0' }).weights, 'entry 2 is empty');
  assert.equal(errors({ weights: '1,2,', biases: '0,0' }).weights, 'entry 3 is empty');
  assert.equal(errors({ activations: 'relu,,sigmoid' }).activations, 'entry 2 is empty');
  // Decimal only: no hex/binary/octal literals, and no silent overflow or underflow to 0.
  assert.match(errors({ input: '0x10' }).input!, /'0x10' is not a finite number/);
  assert.match(errors({ input: '0b11' }).input!, /'0b11' is not a finite number/);
  assert.match(errors({ input: '-1e400' }).input!, /'-1e400' is not a finite number \(it overflows/);
  assert.match(errors({ input: '1e-400' }).input!, /'1e-400' is too small: it rounds to 0/);
  // Parameter names must be identifiers (optionally id.name); __proto__ never reaches a record.
  assert.match(errors({ activations: 'elu', params: 'elu.__proto__=1' }).params!, /'elu.__proto__' is not a parameter name/);
  assert.match(errors({ activations: 'elu', params: 'a-b=1' }).params!, /'a-b' is not a parameter name/);
  assert.match(errors({ weights: '1*0' }).weights!, /repeat count/);
});

test('several bad fields are all reported at once', () => {
  const e = errors({ weights: 'x', lr: '0', input: '' });
  assert.deepEqual(Object.keys(e).sort(), ['input', 'lr', 'weights']);
});

test('parameters: bare names apply to every activation that has them, id.name to one', () => {
  const r = parseChainForm({ ...GOOD, activations: 'leaky_relu, elu', params: 'alpha=0.05, elu.alpha=0.5' });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.value.spec.activations[0]!.params.alpha, 0.05);
  assert.equal(r.value.spec.activations[1]!.params.alpha, 0.5);
});

test('expandList rejects an empty list and bad counts', () => {
  assert.throws(() => expandList('  ', 10), /empty/);
  for (const t of ['1*0', 'relu*2.5', 'relu*-1']) assert.throws(() => expandList(t, 10), new RegExp(`'${t.replace(/[*.]/g, '\\$&')}': repeat count must be a whole number >= 1`));
  assert.deepEqual(expandList('a*2, b', 10), ['a', 'a', 'b']);
  assert.deepEqual(expandList('0.5*1e1', 10), new Array(10).fill('0.5'));
});

test('expandList: `*` is a repeat only before a number; other tokens stay whole', () => {
  assert.deepEqual(expandList('x*sigmoid(x)', 10), ['x*sigmoid(x)']);
  assert.deepEqual(expandList('1*x', 10), ['1*x']);
});

test('a repeat past the layer limit names the limit, not the count', () => {
  assert.throws(() => expandList('0.5*1e9', 1000), /^RangeError: '0\.5\*1e9' makes 1,000,000,000 entries: at most 1000 \(L ≤ 1000 layers\)$/);
  assert.throws(() => expandList('1*999, 2*2', 1000), /'2\*2' makes 1,001 entries: at most 1000/);
  assert.match(errors({ weights: '0.5*1e9' }).weights!, /at most 1000 \(L ≤ 1000 layers\)/);
});

test('an expression where an activation id belongs says how to use an expression', () => {
  const hint = "; to use an expression, save it as a custom activation (Activation Lab: Define Custom Activation)";
  assert.equal(errors({ activations: 'x*sigmoid(x)' }).activations, `unknown activation 'x*sigmoid(x)'${hint}`);
  assert.equal(errors({ activations: 'x * sigmoid(x)' }).activations, `unknown activation 'x'${hint}`);
  assert.equal(errors({ activations: 'tanh(x)' }).activations, `unknown activation 'tanh(x)'${hint}`);
  // A plain unknown id gets no expression hint; the caller may pass its own hint.
  assert.equal(errors({ activations: 'nope' }).activations, "unknown activation 'nope'");
  const r = parseChainForm({ ...GOOD, activations: 'x*sigmoid(x)' }, undefined, 'use ids');
  assert.ok(!r.ok && r.errors.activations === "unknown activation 'x*sigmoid(x)'; use ids");
});

test('decimal numbers: signs, leading/trailing points, exponents and subnormals are accepted', () => {
  for (const [text, v] of [['+1', 1], ['-.5', -0.5], ['2.', 2], ['1E3', 1000], ['0e5', 0], ['-0', -0], ['5e-324', 5e-324], ['1.7976931348623157e308', Number.MAX_VALUE]] as const) {
    assert.equal(parseFinite(text), v, text);
  }
  // 1e-400 is below 2^-1075 (half the smallest subnormal, 2^-1074 ~ 4.94e-324), so it rounds to 0.
  for (const text of ['1e-400', '0.0000001e-320', 'Infinity', '-Infinity', 'NaN', '0x10', '0o7', '0b11', '1_000', '1e', 'e5', '.']) {
    assert.throws(() => parseFinite(text), RangeError, text);
  }
});
