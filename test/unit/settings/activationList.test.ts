import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatActivationSetting, parseActivationSetting } from '../../../src/core/settings/activationList';

test('setting entries: id, or id:name=value,...', () => {
  assert.deepEqual(parseActivationSetting('relu'), { activation: 'relu', params: {} });
  assert.deepEqual(parseActivationSetting(' leaky_relu : alpha=0.2 '), { activation: 'leaky_relu', params: { alpha: 0.2 } });
  assert.deepEqual(parseActivationSetting('elu:alpha=1.5,'), { activation: 'elu', params: { alpha: 1.5 } });
  assert.equal(formatActivationSetting({ activation: 'leaky_relu', params: { alpha: 0.2 } }), 'leaky_relu:alpha=0.2');
});

test('bad entries name the entry and the problem', () => {
  assert.throws(() => parseActivationSetting(''), /activation '': expected an id/);
  assert.throws(() => parseActivationSetting('elu:alpha'), /'alpha' is not name=number/);
  assert.throws(() => parseActivationSetting('elu:alpha=abc'), /'alpha=abc' is not name=number/);
  assert.throws(() => parseActivationSetting('elu:alpha='), /is not name=number/);
  assert.throws(() => parseActivationSetting('1relu'), /expected an id/);
});
