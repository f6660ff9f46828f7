/**
 * The one activation-list grammar (src/core/settings/activationList.ts): the setting's form
 * `id:a=1,b=2` and the CLI's `id:a=1:b=2` both parse; the printed form parses back; the
 * CLI's one-line list splits at the right commas. Expected values are the grammar's
 * definition (file comment), not our output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatActivationEntry, parseActivationEntry, splitActivationList } from '../../../src/core/settings/activationList';
import type { ActivationChoice } from '../../../src/core/training/types';

test('entries: id, or id:name=value joined by , or :', () => {
  assert.deepEqual(parseActivationEntry('relu'), { activation: 'relu', params: {} });
  assert.deepEqual(parseActivationEntry(' leaky_relu : alpha=0.2 '), { activation: 'leaky_relu', params: { alpha: 0.2 } });
  assert.deepEqual(parseActivationEntry('elu:alpha=1.5,'), { activation: 'elu', params: { alpha: 1.5 } });
  assert.deepEqual(parseActivationEntry('selu:alpha=1.67,scale=1.05'), { activation: 'selu', params: { alpha: 1.67, scale: 1.05 } });
  assert.deepEqual(parseActivationEntry('selu:alpha=1.67:scale=1.05'), { activation: 'selu', params: { alpha: 1.67, scale: 1.05 } });
  assert.deepEqual(parseActivationEntry('elu:alpha=-1e-3'), { activation: 'elu', params: { alpha: -0.001 } });
});

test('one printed form, id:a=1:b=2, which parses back', () => {
  assert.equal(formatActivationEntry({ activation: 'leaky_relu', params: { alpha: 0.2 } }), 'leaky_relu:alpha=0.2');
  assert.equal(formatActivationEntry({ activation: 'selu', params: { alpha: 1.67, scale: 1.05 } }), 'selu:alpha=1.67:scale=1.05');
  assert.equal(formatActivationEntry({ activation: 'relu', params: {} }), 'relu');
  const choices: ActivationChoice[] = [{ activation: 'selu', params: { alpha: 1.6732632423543772, scale: 1.0507009873554805 } }, { activation: 'elu', params: { alpha: 5e-324 } }];
  for (const c of choices) {
    assert.deepEqual(parseActivationEntry(formatActivationEntry(c)), c);
  }
});

test('bad entries name the entry and the problem', () => {
  assert.throws(() => parseActivationEntry(''), /activation '': expected an id/);
  assert.throws(() => parseActivationEntry('elu:alpha'), /'alpha' is not name=number/);
  assert.throws(() => parseActivationEntry('elu:alpha=abc'), /'alpha=abc' is not name=number/);
  assert.throws(() => parseActivationEntry('elu:alpha='), /is not name=number/);
  assert.throws(() => parseActivationEntry('elu:alpha=0x10'), /'alpha=0x10' is not name=number/);
  assert.throws(() => parseActivationEntry('elu:alpha=Infinity'), /is not name=number/);
  assert.throws(() => parseActivationEntry('elu:alpha=1,alpha=2'), /'alpha' is given twice/);
  assert.throws(() => parseActivationEntry('elu:__proto__=1'), /'__proto__' is not a parameter name/);
  assert.throws(() => parseActivationEntry('1relu'), /expected an id/);
});

test('a one-line list splits at commas outside parentheses; name=value pieces continue an entry', () => {
  assert.deepEqual(splitActivationList('relu,gelu'), ['relu', 'gelu']);
  assert.deepEqual(splitActivationList('relu, max(0, x) ,gelu'), ['relu', 'max(0, x)', 'gelu']);
  assert.deepEqual(splitActivationList('selu:alpha=1.67,scale=1.05,relu'), ['selu:alpha=1.67,scale=1.05', 'relu']);
  assert.deepEqual(splitActivationList('selu:alpha=1.67:scale=1.05,relu'), ['selu:alpha=1.67:scale=1.05', 'relu']);
  assert.deepEqual(splitActivationList('relu,,gelu'), ['relu', '', 'gelu']);
  // An expression's ternary is not an entry with parameters; `x == 1` is not a pair.
  assert.deepEqual(splitActivationList('x > 0 ? x : 0,a=1'), ['x > 0 ? x : 0', 'a=1']);
  assert.deepEqual(splitActivationList('elu:alpha=1,x == 1'), ['elu:alpha=1', 'x == 1']);
});
