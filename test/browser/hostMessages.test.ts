/// <reference lib="dom" />
/**
 * Malformed host -> webview messages in real headless Chromium (harness.ts): every page
 * ignores each with one console warning (no page error, no console error), keeps working
 * for the next valid message, and the side view / results panel drop damaged saved state.
 * Old message names (`init`, `customs`) count as malformed.
 * Needs a build: `node esbuild.mjs`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWebview, type WebviewPage } from './harness';

const RESULTS = JSON.parse(readFileSync(join(__dirname, '..', 'unit', 'results', 'fixtures', 'sample-results.json'), 'utf8')) as Record<string, unknown>;
const { environment: _env, ...NO_ENVIRONMENT } = RESULTS;
const COMMON_BAD: unknown[] = [null, 5, 'init', [], {}, { type: 'toString' }, { type: '__proto__' }, { type: 'ready' }];

/** Opens `entry`, collecting console warnings next to the harness's errors. */
async function open(entry: string, extra: { state?: unknown; initialData?: Record<string, unknown> } = {}): Promise<{ w: WebviewPage; warnings: string[] }> {
  const w = await openWebview({ entry, allowWasm: entry === 'mnist', ...extra });
  const warnings: string[] = [];
  w.page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await w.waitForPosted('webview/ready');
  return { w, warnings };
}

/** Sends `messages` and waits until the page has warned once per message (console events arrive asynchronously). */
async function sendAll(w: WebviewPage, messages: readonly unknown[], warnings: readonly string[]): Promise<void> {
  const before = warnings.filter(isMalformedWarning).length;
  for (const m of messages) await w.send(m);
  const end = Date.now() + 10_000;
  while (warnings.filter(isMalformedWarning).length < before + messages.length && Date.now() < end) {
    await w.page.waitForEvent('console', { timeout: 250 }).catch(() => undefined);
  }
}

function isMalformedWarning(text: string): boolean {
  return /ignored a malformed message/.test(text);
}

function savedState(w: WebviewPage): Promise<unknown> {
  return w.page.evaluate(() => (window as unknown as { __state?: unknown }).__state);
}

test('explorer ignores malformed host messages and sanitises settings like at start-up', { timeout: 60_000 }, async () => {
  const { w, warnings } = await open('explorer', { initialData: { settings: { samples: 1000, defaultRange: [-6, 6], defaultActivations: ['relu'] } } });
  try {
    const bad = [...COMMON_BAD, { type: 'explorer/settings' }, { type: 'explorer/customs', customs: 5 }, { type: 'explorer/show' },
      { type: 'explorer/show', id: 'elu', params: { alpha: 'x' } }];
    await sendAll(w, bad, warnings);
    assert.equal(warnings.filter(isMalformedWarning).length, bad.length);
    // 1e7 samples (above the setting's maximum) falls back to the default instead of freezing the page.
    await w.send({ type: 'explorer/settings', settings: { samples: 1e7, defaultRange: [-6, 6], defaultActivations: ['relu'] } });
    await w.send({ type: 'explorer/customs', customs: [{ name: 'sq', expression: 'x^2', params: {} }, { name: 'bad name', expression: 'x', params: {} }] });
    await w.send({ type: 'explorer/show', id: 'elu', params: { alpha: 2 } });
    await w.page.waitForSelector('#detail-elu', { timeout: 10_000 });
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('MNIST panel ignores malformed host messages and still loads valid settings', { timeout: 60_000 }, async () => {
  const { w, warnings } = await open('mnist');
  try {
    const bad = [...COMMON_BAD, { type: 'mnist/init' }, { type: 'mnist/init', settings: { backend: 'auto' } }, { type: 'mnist/customs', customs: 5 },
      { type: 'data/idx', data: { label: 'x' } }, { type: 'training/begin', config: {} }, { type: 'training/saved' }, { type: 'data/error' }];
    await sendAll(w, bad, warnings);
    assert.equal(warnings.filter(isMalformedWarning).length, bad.length);
    const config = { dataset: 'bundled', epochs: 4, batchSize: 64, trainSamples: 300, testSamples: 100, learningRate: 0.01, clipValue: 0.5,
      loss: 'categorical_crossentropy', seed: 3, activations: [] };
    await w.send({ type: 'mnist/init', settings: { config, backend: 'cpu' } });
    await w.page.waitForFunction(() => (document.getElementById('f-epochs') as HTMLInputElement | null)?.value === '4', undefined, { timeout: 15_000 });
    assert.equal(await w.page.inputValue('#f-epochs'), '4');
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('results panel ignores malformed files and drops damaged saved state', { timeout: 60_000 }, async () => {
  const { w, warnings } = await open('results', { state: { files: [{ label: 'a', path: 'a.json', results: NO_ENVIRONMENT }] } });
  try {
    assert.equal(await savedState(w), undefined, 'damaged state is cleared');
    const bad = [...COMMON_BAD, { type: 'results/show' }, { type: 'results/show', files: [{ label: 'a', path: 'a.json', results: NO_ENVIRONMENT }] },
      { type: 'results/error' }];
    await sendAll(w, bad, warnings);
    assert.equal(warnings.filter(isMalformedWarning).length, bad.length);
    await w.send({ type: 'results/show', files: [{ label: 'run-a', path: 'a.json', results: RESULTS }] });
    await w.page.waitForSelector('body[data-rendered="1"]');
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('side view ignores malformed activations, never saves them, and drops damaged saved state', { timeout: 60_000 }, async () => {
  const { w, warnings } = await open('side', { state: { activation: { id: 'relu', readings: 'x' }, pinned: true, results: { runs: 5 } } });
  try {
    assert.equal(await w.page.isVisible('text=Unpin'), false, 'damaged activation not drawn');
    const bad = [...COMMON_BAD, { type: 'side/activation', activation: { id: 'relu', readings: 'x' }, pinned: false },
      { type: 'side/pin' }, { type: 'side/results', results: { runs: 'x', notes: [] } }];
    await sendAll(w, bad, warnings);
    assert.equal(warnings.filter(isMalformedWarning).length, bad.length);
    assert.equal(await savedState(w), undefined, 'nothing malformed was saved');
    await w.send({ type: 'side/results', results: { runs: [{ activation: 'relu', status: 'completed', valAccuracy: [0.9, 0.95], testAccuracy: 0.95 }], notes: [] } });
    await w.page.waitForFunction(() => (window as unknown as { __state?: { results?: unknown } }).__state?.results !== undefined);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});
