import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guardOf } from '../../../src/protocol/channel';
import { EXPLORER_TO_HOST, sanitizeSettings } from '../../../src/protocol/explorer';
import { MAX_EXPORT_CHARS } from '../../../src/protocol/shared';

const isExplorerToHost = guardOf(EXPLORER_TO_HOST);

test('the explorer page sends the shared webview/* scope: ready, chart export, custom save', () => {
  assert.ok(isExplorerToHost({ type: 'webview/ready' }));
  assert.ok(isExplorerToHost({ type: 'webview/exportChart', format: 'svg', data: '<svg/>', name: 'activations-relu' }));
  assert.ok(isExplorerToHost({ type: 'webview/exportChart', format: 'png', data: 'iVBORw0KGgo=', name: 'a.b-c_d' }));
  assert.ok(isExplorerToHost({ type: 'webview/saveCustom', name: 'my_elu', expression: 'x', params: { a: 1 } }));
});

test('explorer -> host checks reject malformed or hostile messages', () => {
  const ok = { type: 'webview/exportChart', format: 'svg', data: '<svg/>', name: 'x' };
  for (const bad of [
    null, undefined, 42, 'ready', [], [{ type: 'webview/ready' }], {}, { type: 'ready' }, { type: 'Webview/Ready' }, { type: 'explorer/show', id: 'relu' },
    { type: 'explorer/export', format: 'svg', data: '<svg/>', baseName: 'x' },
    { ...ok, format: 'pdf' }, { ...ok, format: undefined }, { ...ok, data: 5 }, { ...ok, data: '' },
    { ...ok, name: '../../etc/passwd' }, { ...ok, name: 'a/b' }, { ...ok, name: '' }, { ...ok, name: 'x'.repeat(101) },
    { ...ok, data: 'x'.repeat(MAX_EXPORT_CHARS + 1) },
  ]) {
    assert.equal(isExplorerToHost(bad), false, JSON.stringify(bad)?.slice(0, 80));
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
    samples: p['activationLab.explorer.samples']?.default,
    defaultRange: p['activationLab.explorer.defaultRange']?.default,
    defaultActivations: p['activationLab.explorer.defaultActivations']?.default,
  });
});
