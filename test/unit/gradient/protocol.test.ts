import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guardOf } from '../../../src/protocol/channel';
import { DEFAULT_GRADIENT_SETTINGS, GRADIENT_TO_HOST, HOST_TO_GRADIENT, sanitizeGradientSettings } from '../../../src/protocol/gradient';

const isGradientToHost = guardOf(GRADIENT_TO_HOST);

test('gradient -> host: the shared scope (ready, export, open settings), checked', () => {
  assert.ok(isGradientToHost({ type: 'webview/ready' }));
  assert.ok(isGradientToHost({ type: 'webview/openSettings', query: 'activationLab.gradient' }));
  assert.ok(isGradientToHost({ type: 'webview/exportChart', format: 'svg', data: '<svg/>', name: 'gradient-steps' }));
  assert.ok(!isGradientToHost({ type: 'webview/openSettings' }));
  assert.ok(!isGradientToHost({ type: 'webview/openSettings', query: 'workbench.colorTheme' }));
  assert.ok(!isGradientToHost({ type: 'gradient/openSettings' }));
  assert.ok(!isGradientToHost({ type: 'webview/exportChart', format: 'pdf', data: 'x', name: 'a' }));
  assert.ok(!isGradientToHost({ type: 'webview/exportChart', format: 'png', data: '', name: 'a' }));
  assert.ok(!isGradientToHost({ type: 'webview/exportChart', format: 'png', data: 'x', name: '../etc' }));
  assert.ok(!isGradientToHost({ type: 'other' }));
  assert.ok(!isGradientToHost(null));
  assert.ok(!isGradientToHost('ready'));
});

test('host -> gradient: gradient/settings with a settings record only', () => {
  const isHostToGradient = guardOf(HOST_TO_GRADIENT);
  assert.ok(isHostToGradient({ type: 'gradient/settings', settings: { vanishingBelow: 1e-4 } }));
  for (const m of [null, { type: 'gradient/settings' }, { type: 'gradient/settings', settings: 3 }, { type: 'gradient/settings', settings: [] }, { type: 'toString' }]) {
    assert.ok(!isHostToGradient(m), JSON.stringify(m));
  }
});

test('settings fall back to defaults when invalid, and keep vanishing < exploding', () => {
  assert.deepEqual(sanitizeGradientSettings({}), DEFAULT_GRADIENT_SETTINGS);
  assert.deepEqual(sanitizeGradientSettings({ vanishingBelow: 1e-6, explodingAbove: 1e6, sweepWidth: 32, sweepDepth: 10 }), { vanishingBelow: 1e-6, explodingAbove: 1e6, sweepWidth: 32, sweepDepth: 10 });
  const swapped = sanitizeGradientSettings({ vanishingBelow: 10, explodingAbove: 1 });
  assert.equal(swapped.vanishingBelow, DEFAULT_GRADIENT_SETTINGS.vanishingBelow);
  assert.equal(sanitizeGradientSettings({ vanishingBelow: -1 }).vanishingBelow, 1e-3);
  assert.equal(sanitizeGradientSettings({ sweepWidth: 10_000 }).sweepWidth, 64);
});
