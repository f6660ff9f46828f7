import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_GRADIENT_SETTINGS, isGradientToHost, sanitizeGradientSettings } from '../../../src/protocol/gradient';

test('guard accepts the three messages and rejects malformed ones', () => {
  assert.ok(isGradientToHost({ type: 'ready' }));
  assert.ok(isGradientToHost({ type: 'gradient/openSettings' }));
  assert.ok(isGradientToHost({ type: 'gradient/export', format: 'svg', data: '<svg/>', baseName: 'gradient-steps' }));
  assert.ok(!isGradientToHost({ type: 'gradient/export', format: 'pdf', data: 'x', baseName: 'a' }));
  assert.ok(!isGradientToHost({ type: 'gradient/export', format: 'png', data: '', baseName: 'a' }));
  assert.ok(!isGradientToHost({ type: 'gradient/export', format: 'png', data: 'x', baseName: '../etc' }));
  assert.ok(!isGradientToHost({ type: 'other' }));
  assert.ok(!isGradientToHost(null));
  assert.ok(!isGradientToHost('ready'));
});

test('settings fall back to defaults when invalid, and keep vanishing < exploding', () => {
  assert.deepEqual(sanitizeGradientSettings({}), DEFAULT_GRADIENT_SETTINGS);
  assert.deepEqual(sanitizeGradientSettings({ vanishingBelow: 1e-6, explodingAbove: 1e6, sweepWidth: 32, sweepDepth: 10 }), { vanishingBelow: 1e-6, explodingAbove: 1e6, sweepWidth: 32, sweepDepth: 10 });
  const swapped = sanitizeGradientSettings({ vanishingBelow: 10, explodingAbove: 1 });
  assert.equal(swapped.vanishingBelow, DEFAULT_GRADIENT_SETTINGS.vanishingBelow);
  assert.equal(sanitizeGradientSettings({ vanishingBelow: -1 }).vanishingBelow, 1e-3);
  assert.equal(sanitizeGradientSettings({ sweepWidth: 10_000 }).sweepWidth, 64);
});
