/** Pure parts of the companions: settings, results summary, image cache, mini plot, guard. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMPANION_DEFAULTS, sanitizeCompanionSettings } from '../../../src/host/editor/companionSettings';
import { HoverImageCache, imageKey, svgDataUri } from '../../../src/host/editor/imageCache';
import { summariseResults } from '../../../src/host/editor/latestResults';
import { RegionCache } from '../../../src/host/editor/regionCache';
import { getActivation } from '../../../src/core/activations/catalogue';
import type { ActivationDef } from '../../../src/core/activations/types';
import { MINI_DF, MINI_F, miniPlotRows, miniPlotSpec } from '../../../src/core/charts/miniPlot';
import { guardOf } from '../../../src/protocol/channel';
import { SIDE_TO_HOST } from '../../../src/protocol/sideView';

const isSideToHost = guardOf(SIDE_TO_HOST);

test('settings: valid values kept, invalid ones fall back to the package.json defaults', () => {
  assert.deepEqual(sanitizeCompanionSettings({}), COMPANION_DEFAULTS);
  const s = sanitizeCompanionSettings({ hoverLanguages: { python: false }, strictness: 'loose', xMin: -2, xMax: 3, debounceMs: 1500 });
  assert.equal(s.hoverLanguages.python, false);
  assert.equal(s.hoverLanguages.typescript, true);
  assert.equal(s.hoverLanguages.rust, undefined);
  assert.equal(s.strictness, 'loose');
  assert.deepEqual([s.xMin, s.xMax], [-2, 3]);
  assert.equal(s.debounceMs, 1500);
  // Out of package.json's [0, 2000] or not an integer: the default, with one problem each.
  const problems: string[] = [];
  assert.equal(sanitizeCompanionSettings({ debounceMs: 5000 }, (_k, m) => problems.push(m)).debounceMs, 200);
  assert.equal(sanitizeCompanionSettings({ debounceMs: 0.5 }, (_k, m) => problems.push(m)).debounceMs, 200);
  assert.equal(problems.length, 2);
  const bad = sanitizeCompanionSettings({ strictness: 'eager', xMin: 3, xMax: -3, followCursor: 'no', hoverLanguages: [1] });
  assert.deepEqual([bad.strictness, bad.xMin, bad.xMax, bad.followCursor], ['normal', -5, 5, true]);
});

test('results summary: loose read of runs; bad files give a reason', () => {
  const ok = summariseResults({
    schemaVersion: 1, createdAt: '2026-11-29T12:00:00Z',
    runs: [
      { activation: 'relu', status: 'completed', history: { val_accuracy: [0.9, null, 0.97] }, testAccuracy: 0.968 },
      { activation: '', status: 'completed' },
      { activation: 'gelu', status: 'diverged', history: {}, testAccuracy: 7 },
    ],
  });
  assert.ok(!('error' in ok));
  assert.deepEqual(ok.runs, [
    { activation: 'relu', status: 'completed', valAccuracy: [0.9, null, 0.97], testAccuracy: 0.968 },
    { activation: 'gelu', status: 'diverged', valAccuracy: [], testAccuracy: null },
  ]);
  assert.deepEqual(summariseResults([1]), { error: 'not a JSON object' });
  assert.deepEqual(summariseResults({ schemaVersion: 3, runs: [] }), { error: 'schemaVersion 3 (expected 1 or 2)' });
  assert.deepEqual(summariseResults({ schemaVersion: 1 }), { error: 'no "runs" list' });
  assert.deepEqual(summariseResults({ schemaVersion: 1, runs: [{}] }), { error: 'no runs with an activation name' });
});

test('image cache: key ignores parameter order, LRU eviction, failures not cached', async () => {
  assert.equal(imageKey('elu', { a: 1, b: 2 }, { xMin: -5, xMax: 5, theme: 'dark' }), imageKey('elu', { b: 2, a: 1 }, { xMin: -5, xMax: 5, theme: 'dark' }));
  assert.notEqual(imageKey('elu', { a: 1 }, { xMin: -5, xMax: 5, theme: 'dark' }), imageKey('elu', { a: 1 }, { xMin: -5, xMax: 5, theme: 'light' }));
  assert.equal(svgDataUri('<svg/>'), 'data:image/svg+xml;base64,PHN2Zy8+');
  const cache = new HoverImageCache(2);
  const s = { xMin: -1, xMax: 1, theme: 'dark' };
  let renders = 0;
  const svg = async () => `<svg>${++renders}</svg>`;
  await cache.get('a', {}, s, svg);
  await cache.get('b', {}, s, svg);
  await cache.get('a', {}, s, svg);
  await cache.get('c', {}, s, svg);
  assert.equal(renders, 3);
  await cache.get('a', {}, s, svg);
  assert.equal(renders, 3, 'a was used recently: kept');
  await cache.get('b', {}, s, svg);
  assert.equal(renders, 4, 'b was least recently used: evicted');
  await assert.rejects(cache.get('x', {}, s, async () => { throw new Error('boom'); }), /boom/);
  await cache.get('x', {}, s, svg);
  assert.equal(renders, 5, 'a failed render is retried');
});

test('region cache rescans only on a new version', () => {
  const c = new RegionCache();
  const r1 = c.get('u', 1, "a = 'x'", 'py');
  assert.equal(c.get('u', 1, 'ignored', 'py'), r1);
  assert.notEqual(c.get('u', 2, "a = 'x'", 'py'), r1);
});

test('mini plot: grid with x = 0, f and f\u2032 series, breaks at non-finite values, bad range throws', () => {
  const relu = getActivation('relu')!;
  const rows = miniPlotRows(relu, {}, { xMin: -5, xMax: 5, samples: 4 });
  const fx = rows.filter((r) => r.s === MINI_F).map((r) => r.x);
  assert.equal(fx.length, 5);
  [-5, -5 / 3, 0, 5 / 3, 5].forEach((x, i) => assert.ok(Math.abs(fx[i]! - x) < 1e-12, `x[${i}] = ${fx[i]}`));
  assert.deepEqual(rows.filter((r) => r.s === MINI_DF).map((r) => r.y), [0, 0, 0, 1, 1]);
  const log = { ...relu, f: (x: number) => Math.log(x), df: (x: number) => 1 / x } as ActivationDef;
  const l = miniPlotRows(log, {}, { xMin: -1, xMax: 1, samples: 3 });
  assert.deepEqual(l.filter((r) => r.s === MINI_F).map((r) => [r.x, r.seg]), [[1, 2]]);
  assert.throws(() => miniPlotRows(relu, {}, { xMin: 1, xMax: 1 }), RangeError);
  assert.throws(() => miniPlotRows(relu, {}, { xMin: 0, xMax: 1, samples: 1 }), RangeError);
  const spec = miniPlotSpec(relu, {}, { xMin: -5, xMax: 5 }) as { encoding: { strokeDash: { scale: { range: number[][] } } } };
  assert.deepEqual(spec.encoding.strokeDash.scale.range, [[1, 0], [5, 3]], 'f solid, f\u2032 dashed');
});

test('side view guard accepts exactly the protocol messages', () => {
  assert.ok(isSideToHost({ type: 'webview/ready' }));
  assert.ok(isSideToHost({ type: 'side/togglePin' }));
  assert.ok(isSideToHost({ type: 'side/openExplorer', id: 'elu', params: { alpha: 1 } }));
  assert.ok(!isSideToHost({ type: 'side/openExplorer', id: 'elu', params: { alpha: 'x' } }));
  assert.ok(!isSideToHost({ type: 'side/compareMnist', id: '', params: {} }));
  assert.ok(!isSideToHost({ type: 'side/unknown' }));
  assert.ok(!isSideToHost(null));
});

test('lazy renderer: a missing bundle rejects with the path, and is retried next time', async () => {
  const { lazyRenderer } = await import('../../../src/host/rendererLoader');
  const load = lazyRenderer('/nonexistent/hostRender.js');
  await assert.rejects(load(), /hostRender\.js/);
  await assert.rejects(load(), /hostRender\.js/);
});
