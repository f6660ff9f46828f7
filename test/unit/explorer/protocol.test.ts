import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isExplorerToHost, MAX_EXPORT_CHARS, parseShowArgs, sanitizeSettings } from '../../../src/protocol/explorer';

test('isExplorerToHost accepts the two messages the page sends', () => {
  assert.ok(isExplorerToHost({ type: 'ready' }));
  assert.ok(isExplorerToHost({ type: 'explorer/export', format: 'svg', data: '<svg/>', baseName: 'activations-relu' }));
  assert.ok(isExplorerToHost({ type: 'explorer/export', format: 'png', data: 'iVBORw0KGgo=', baseName: 'a.b-c_d' }));
});

test('isExplorerToHost rejects malformed or hostile messages', () => {
  const ok = { type: 'explorer/export', format: 'svg', data: '<svg/>', baseName: 'x' };
  for (const bad of [
    null, undefined, 42, 'ready', [], [{ type: 'ready' }], {}, { type: 'Ready' }, { type: 'explorer/show', id: 'relu' },
    { ...ok, format: 'pdf' }, { ...ok, format: undefined }, { ...ok, data: 5 }, { ...ok, data: '' },
    { ...ok, baseName: '../../etc/passwd' }, { ...ok, baseName: 'a/b' }, { ...ok, baseName: '' }, { ...ok, baseName: 'x'.repeat(201) },
    { ...ok, data: 'x'.repeat(MAX_EXPORT_CHARS + 1) },
  ]) {
    assert.equal(isExplorerToHost(bad), false, JSON.stringify(bad)?.slice(0, 80));
  }
});

test('parseShowArgs: {id, params?} or a bare id; anything else is undefined', () => {
  assert.deepEqual(parseShowArgs('relu'), { id: 'relu' });
  assert.deepEqual(parseShowArgs({ id: ' leaky_relu ', params: { alpha: 0.1 } }), { id: 'leaky_relu', params: { alpha: 0.1 } });
  assert.deepEqual(parseShowArgs({ id: 'elu' }), { id: 'elu' });
  for (const bad of [undefined, '', '  ', 3, { id: 3 }, { id: '' }, { id: 'elu', params: { alpha: 'x' } }, { id: 'elu', params: { alpha: NaN } }, { id: 'elu', params: [1] }]) {
    assert.equal(parseShowArgs(bad), undefined, JSON.stringify(bad));
  }
});

test('sanitizeSettings: invalid values fall back to the package.json defaults', () => {
  assert.deepEqual(sanitizeSettings({}), { samples: 1000, defaultRange: [-6, 6], defaultActivations: ['relu', 'gelu'] });
  assert.deepEqual(sanitizeSettings({ samples: 500, defaultRange: [-3, 3], defaultActivations: ['elu'] }), { samples: 500, defaultRange: [-3, 3], defaultActivations: ['elu'] });
  assert.deepEqual(sanitizeSettings({ defaultActivations: ['elu', 7] }).defaultActivations, ['relu', 'gelu']);
  assert.equal(sanitizeSettings({ samples: 10 }).samples, 1000);
  assert.equal(sanitizeSettings({ samples: 100.5 }).samples, 1000);
  assert.deepEqual(sanitizeSettings({ defaultRange: [3, -3] }).defaultRange, [-6, 6]);
  assert.deepEqual(sanitizeSettings({ defaultRange: [0, 'x'] }).defaultRange, [-6, 6]);
});

test('package.json defaults match the fallbacks above', async () => {
  const pkg = (await import('../../../package.json', { with: { type: 'json' } })).default as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
  const p = pkg.contributes.configuration.properties;
  assert.deepEqual(sanitizeSettings({}), {
    samples: p['activationLab.explorer.samples'].default,
    defaultRange: p['activationLab.explorer.defaultRange'].default,
    defaultActivations: p['activationLab.explorer.defaultActivations'].default,
  });
});
