import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandList, parseChainForm, type ChainForm } from '../../../src/core/gradient/input';

const GOOD: ChainForm = {
  weights: '0.5, -1', biases: '0 0.1', input: '1', target: '0', lr: '0.5', activations: 'sigmoid',
  params: '', clipMethod: 'none', clipThreshold: '', steps: '',
};

function errors(patch: Partial<ChainForm>): Record<string, string> {
  const r = parseChainForm({ ...GOOD, ...patch });
  assert.equal(r.ok, false, JSON.stringify(patch));
  return r.ok ? {} : (r.errors as Record<string, string>);
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
  assert.match(errors({ weights: '1*1001', biases: '0*1001' }).weights!, /more than 1000/);
  assert.match(errors({ lr: '0' }).lr!, /must be > 0/);
  assert.match(errors({ lr: '-0.1' }).lr!, /must be > 0/);
  assert.match(errors({ activations: 'sigmoid, relu, tanh' }).activations!, /1 activation or one per layer \(2\), got 3/);
  assert.match(errors({ activations: 'nope' }).activations!, /unknown activation 'nope'/);
  assert.match(errors({ params: 'alpha=0.1' }).params!, /no activation of this chain has parameter 'alpha'/);
  assert.match(errors({ activations: 'leaky_relu', params: 'alpha=x' }).params!, /'x' is not a finite number/);
  assert.match(errors({ clipMethod: 'value', clipThreshold: '-1' }).clipThreshold!, /must be > 0/);
  assert.match(errors({ steps: '2.5' }).steps!, /whole number/);
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
  assert.throws(() => expandList('1*x', 10), /repeat count/);
  assert.deepEqual(expandList('a*2, b', 10), ['a', 'a', 'b']);
});
