import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultState, sanitizeState } from '../../../webview/explorer/pageState';

const fresh = defaultState({ defaultRange: [-6, 6], defaultActivations: ['relu', 'SiLU', 'nope', 'relu'] });

test('defaultState: known ids (aliases resolved, duplicates dropped) and the default range', () => {
  assert.deepEqual(fresh, { version: 1, selected: ['relu', 'swish'], params: {}, xMin: '-6', xMax: '6', yMin: '', yMax: '' });
});

test('sanitizeState: anything that is not a state object gives the fallback', () => {
  for (const raw of [undefined, null, 3, 'x', true]) assert.deepEqual(sanitizeState(raw, fresh), fresh);
});

test('sanitizeState: unknown ids, unknown or out-of-range parameters and odd fields are dropped', () => {
  const s = sanitizeState({
    selected: ['elu', 'evil<script>', 7, 'elu', 'leaky-relu'],
    params: { elu: { alpha: 0.5, beta: 2 }, leaky_relu: { alpha: 99 }, __proto__: { polluted: 1 }, gone: { a: 1 } },
    xMin: '-2', xMax: 'x'.repeat(41), yMin: 5, yMax: '3',
  }, fresh);
  assert.deepEqual(s.selected, ['elu', 'leaky_relu']);
  assert.deepEqual(s.params, { elu: { alpha: 0.5 }, leaky_relu: {} });
  assert.equal(s.xMin, '-2');
  assert.equal(s.xMax, '6', 'over-long text falls back');
  assert.deepEqual([s.yMin, s.yMax], ['', '3']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('sanitizeState keeps bad typed axis text (the page shows its error again)', () => {
  const s = sanitizeState({ selected: [], xMin: '5', xMax: '-5' }, fresh);
  assert.deepEqual([s.xMin, s.xMax, s.selected], ['5', '-5', []]);
});
