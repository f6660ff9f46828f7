/**
 * The MNIST panel's training path in real headless Chromium, with the test standing in for
 * the host: wasm on Web Workers (1 and 2 give the same histories), webgpu (SwiftShader
 * fallback adapter via --enable-unsafe-webgpu) in the page, `auto` by measurement when WebGPU
 * has no adapter and WebGL is SwiftShader, and cancel with two workers running. Configurations are tiny because
 * software WebGPU (SwiftShader) trains the full CNN at only a few samples per second.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWebview, type WebviewPage } from './harness';
import type { TrainConfig } from '../../src/core/training/types';
import type { MnistToHost } from '../../src/protocol/mnist';
import { guardOf } from '../../src/protocol/channel';
import { MNIST_TO_HOST } from '../../src/protocol/mnist';
import { RESULTS_TO_HOST } from '../../src/protocol/results';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const isMnistToHost = guardOf(MNIST_TO_HOST);
const isResultsToHost = guardOf(RESULTS_TO_HOST);

function tinyConfig(over: Partial<TrainConfig> = {}): TrainConfig {
  return {
    dataset: 'bundled', epochs: 1, batchSize: 8, trainSamples: 16, testSamples: 16, learningRate: 0.001, clipValue: 0.5,
    loss: 'categorical_crossentropy', seed: 7,
    activations: [{ activation: 'relu', params: {} }, { activation: 'leaky_relu', params: { alpha: 0.2 } }],
    ...over,
  };
}

async function open(extraArgs: string[] = []): Promise<WebviewPage> {
  const w = await openWebview({ entry: 'mnist', title: 'MNIST', allowWasm: true, allowWorkers: true, extraArgs });
  await w.waitForPosted('webview/ready');
  return w;
}

async function messages(w: WebviewPage): Promise<MnistToHost[]> {
  const all = await w.posted();
  for (const m of all) assert.ok(isMnistToHost(m), `host guard rejects ${JSON.stringify(m).slice(0, 300)}`);
  return all as MnistToHost[];
}

function finished(ms: MnistToHost[]): Extract<MnistToHost, { type: 'training/finished' }> {
  const f = ms.find((m) => m.type === 'training/finished');
  assert.ok(f && f.type === 'training/finished', 'training/finished posted');
  return f;
}

function backendMsg(ms: MnistToHost[]): Extract<MnistToHost, { type: 'training/backend' }> {
  const b = ms.find((m) => m.type === 'training/backend');
  assert.ok(b && b.type === 'training/backend', `training/backend posted; got ${JSON.stringify(ms.filter((m) => m.type === 'training/finished'))}`);
  return b;
}

async function tensorsBalanced(w: WebviewPage): Promise<void> {
  const before = await w.page.getAttribute('body', 'data-tensors-before');
  const after = await w.page.getAttribute('body', 'data-tensors-after');
  assert.ok(before !== null && before === after, `numTensors before ${before}, after ${after}`);
}

test('wasm: trains two activations on the bundled digits, streams valid messages, no leaks', { timeout: 180_000 }, async () => {
  const w = await open();
  try {
    await w.send({ type: 'training/begin', config: tinyConfig(), backend: 'wasm', source: 'bundled' });
    await w.waitForPosted('training/finished', 150_000);
    const ms = await messages(w);
    assert.equal(finished(ms).status, 'completed', JSON.stringify(finished(ms)));
    const env = backendMsg(ms).skeleton.environment;
    assert.equal(env.backend, 'wasm');
    assert.equal(env.tfjsVersion, '4.22.0');
    const ends = ms.filter((m) => m.type === 'training/runEnded');
    assert.equal(ends.length, 2);
    for (const e of ends) {
      assert.equal(e.run.status, 'completed');
      assert.equal(e.run.history.val_accuracy.length, 1);
      assert.ok(e.run.testAccuracy! >= 0 && e.run.testAccuracy! <= 1);
    }
    assert.equal(ms.filter((m) => m.type === 'training/batch').length, 2 * 2, '16 samples / batch 8 = 2 batches per run');
    await tensorsBalanced(w);
    await w.page.waitForSelector('.chart svg');
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('auto without --enable-unsafe-webgpu: WebGL on SwiftShader ranked last, wasm timed and chosen, selection recorded and shown', { timeout: 240_000 }, async () => {
  const w = await open();
  try {
    await w.send({ type: 'training/begin', config: tinyConfig({ activations: [{ activation: 'relu', params: {} }], trainSamples: 8, testSamples: 8 }), backend: 'auto', source: 'bundled' });
    await w.waitForPosted('training/finished', 220_000);
    const ms = await messages(w);
    const env = backendMsg(ms).skeleton.environment;
    assert.equal(env.backend, 'wasm', JSON.stringify(env.selection));
    assert.equal(env.adapter, null);
    const sel = env.selection;
    assert.ok(sel, 'environment.selection recorded');
    const by = new Map(sel.candidates.map((c) => [c.backend, c]));
    assert.match(by.get('webgpu')?.reason ?? '', /requestAdapter\(\) returned null/);
    assert.equal(by.get('webgl')?.software, 'SwiftShader', JSON.stringify(by.get('webgl')));
    assert.equal(by.get('webgl')?.samplesPerSecond, undefined, 'a software renderer is not timed');
    assert.ok((by.get('wasm')?.samplesPerSecond ?? 0) > 0, JSON.stringify(by.get('wasm')));
    assert.deepEqual(sel.candidates.map((c) => c.backend).slice(-1), ['webgl'], 'the software renderer ranks last');
    assert.match(sel.summary, /^wasm chosen: \d+ samples\/s; .*webgl: SwiftShader, software/);
    assert.equal(env.skipped?.[0]?.backend, 'webgpu');
    await w.page.waitForFunction((s) => document.querySelector('.selection')?.textContent === s, sel.summary);
    assert.equal(finished(ms).status, 'completed');
    assert.equal(await w.page.getAttribute('body', 'data-workers-left'), '0');
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('Web Workers: 2 workers give the histories of 1 (same seed), both run at once, none left running', { timeout: 300_000 }, async () => {
  const w = await open();
  try {
    const config = tinyConfig({ epochs: 2, trainSamples: 32, testSamples: 16 });
    const runs = async (workers: number) => {
      const from = (await w.posted()).length;
      await w.send({ type: 'training/begin', config, backend: 'wasm', source: 'bundled', workers });
      await w.page.waitForFunction((n) => (window as unknown as { __posted: Array<{ type?: string }> }).__posted.slice(n).some((m) => m.type === 'training/finished'), from, { timeout: 140_000 });
      const ms = (await messages(w)).slice(from);
      assert.equal(finished(ms).status, 'completed', JSON.stringify(finished(ms)));
      assert.equal(backendMsg(ms).skeleton.environment.workers, workers);
      assert.equal(await w.page.getAttribute('body', 'data-workers-left'), '0');
      return ms;
    };
    const one = await runs(1);
    const two = await runs(2);
    // With two workers the second activation starts before the first ends.
    const started = two.findIndex((m) => m.type === 'training/runStarted' && m.index === 1);
    const firstEnd = two.findIndex((m) => m.type === 'training/runEnded' && m.index === 0);
    assert.ok(started >= 0 && started < firstEnd, `run 1 started at ${started}, run 0 ended at ${firstEnd}`);
    assert.ok(two.some((m) => m.type === 'training/progress' && m.samplesPerSecond !== null), 'speed and time left reported');
    const histories = (ms: MnistToHost[]) => ms.flatMap((m) => (m.type === 'training/runEnded' ? [[m.index, m.run.history] as const] : [])).sort((a, b) => a[0] - b[0]);
    const h1 = histories(one), h2 = histories(two);
    assert.equal(h1.length, 2);
    assert.equal(h2.length, 2);
    for (let i = 0; i < 2; i++) {
      for (const k of ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const) {
        const a = h1[i]![1][k], b = h2[i]![1][k];
        assert.equal(a.length, 2);
        // float32: relative 1e-6 (the same wasm kernels on the same inputs; no reduction order differs between workers).
        a.forEach((x, j) => assert.ok(Math.abs(x - b[j]!) <= 1e-6 * Math.max(1, Math.abs(x)), `run ${i} ${k}[${j}]: ${x} vs ${b[j]}`));
      }
    }
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('webgpu on the SwiftShader fallback adapter: trains a handful of samples, records the adapter, warns', { timeout: 420_000 }, async () => {
  const w = await open(['--enable-unsafe-webgpu']);
  try {
    const config = tinyConfig({ activations: [{ activation: 'relu', params: {} }], trainSamples: 4, testSamples: 4, batchSize: 4 });
    await w.send({ type: 'training/begin', config, backend: 'webgpu', source: 'bundled' });
    await w.waitForPosted('training/finished', 400_000);
    const ms = await messages(w);
    const b = backendMsg(ms);
    assert.equal(b.skeleton.environment.backend, 'webgpu');
    assert.deepEqual(b.skeleton.environment.adapter, { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true });
    assert.match(b.warnings.join(' '), /fallback adapter.*slow.*wasm/);
    assert.equal(finished(ms).status, 'completed', JSON.stringify(finished(ms)));
    const end = ms.find((m) => m.type === 'training/runEnded');
    assert.ok(end && end.type === 'training/runEnded' && end.run.status === 'completed' && end.run.history.loss[0]! > 0);
    await tensorsBalanced(w);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('cancel with two workers running: both stop within one batch, finished epochs kept, status cancelled', { timeout: 240_000 }, async () => {
  const w = await open();
  try {
    const config = tinyConfig({ epochs: 20, trainSamples: 64, testSamples: 16, batchSize: 8 });
    await w.send({ type: 'training/begin', config, backend: 'wasm', source: 'bundled', workers: 2 });
    // After the first epoch of either activation has been reported, cancel as the host would.
    await w.waitForPosted('training/epoch', 200_000);
    await w.send({ type: 'training/cancel' });
    const before = (await messages(w)).filter((m) => m.type === 'training/batch').length;
    await w.waitForPosted('training/finished', 60_000);
    const ms = await messages(w);
    assert.equal(finished(ms).status, 'cancelled');
    const after = ms.filter((m) => m.type === 'training/batch').length;
    assert.ok(after - before <= 2, `at most one more batch per worker after cancel (got ${after - before})`);
    const ends = ms.filter((m) => m.type === 'training/runEnded');
    assert.equal(ends.length, 2);
    for (const end of ends) {
      assert.equal(end.run.status, 'cancelled');
      assert.ok(end.run.history.loss.length < 20);
    }
    assert.ok(ends.some((e) => e.run.history.loss.length >= 1), 'finished epochs kept');
    assert.equal(await w.page.getAttribute('body', 'data-workers-left'), '0');
    await tensorsBalanced(w);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('IDX data from the host (real Fashion-MNIST files): the form requests an idx run and it trains', { timeout: 180_000 }, async () => {
  const { loadIdxFolder } = await import('../../src/core/data/idxFolder');
  const { readFile } = await import('node:fs/promises');
  const dir = '/usr/share/datasets/fashion-mnist';
  const { train, test: t10k } = await loadIdxFolder((name) => readFile(`${dir}/${name}`).then((b) => new Uint8Array(b), () => undefined));
  const cut = (s: typeof train, n: number) => ({ ...s, count: n, images: s.images.slice(0, n * 784), labels: s.labels.slice(0, n) });
  const w = await open();
  try {
    await w.send({ type: 'mnist/init', settings: { backend: 'wasm', config: tinyConfig({ activations: [{ activation: 'elu', params: { alpha: 1.5 } }] }) } });
    await w.send({ type: 'data/idx', data: { label: 'fashion-mnist', train: cut(train, 200), test: cut(t10k, 100) } });
    await w.page.waitForFunction(() => /fashion-mnist: 200 train \/ 100 test images, 28×28/.test(document.body.textContent ?? ''));
    assert.equal(await w.page.isChecked('#source-idx'), true);
    await w.page.click('button[type=submit]');
    const req = (await w.waitForPosted('training/request')) as Extract<MnistToHost, { type: 'training/request' }>;
    assert.equal(req.source, 'idx');
    assert.equal(req.backend, 'wasm');
    assert.deepEqual(req.config.activations, [{ activation: 'elu', params: { alpha: 1.5 } }]);
    await w.send({ type: 'training/begin', config: { ...req.config, dataset: 'fashion-mnist' }, backend: 'wasm', source: 'idx' });
    await w.waitForPosted('training/finished', 150_000);
    const ms = await messages(w);
    assert.equal(finished(ms).status, 'completed', JSON.stringify(finished(ms)));
    assert.equal(backendMsg(ms).skeleton.config.dataset, 'fashion-mnist');
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('form: a bad value is flagged where it was typed and nothing is requested; a bad param names it', async () => {
  const w = await open();
  try {
    await w.send({ type: 'mnist/init', settings: { backend: 'auto', config: tinyConfig() } });
    // The page applies `init` asynchronously: wait until the form shows it before typing over it.
    await w.page.waitForFunction(() => (document.getElementById('f-trainSamples') as HTMLInputElement | null)?.value === '16'
      && document.querySelectorAll('.activation-row').length === 2);
    await w.page.fill('#f-epochs', '0');
    await w.page.click('button[type=submit]');
    await w.page.waitForFunction(() => /Epochs: expected an integer in 1\.\.1000, got '0'/.test(document.querySelector('.actions .field-error')?.textContent ?? ''));
    assert.equal(await w.page.getAttribute('#f-epochs', 'aria-invalid'), 'true');
    await w.page.fill('#f-epochs', '2');
    await w.page.fill('.activation-row input[name=alpha]', '-5');
    await w.page.click('button[type=submit]');
    await w.page.waitForFunction(() => Array.from(document.querySelectorAll('.activation-row .field-error')).some((e) => /leaky_relu: parameter 'alpha' = -5 is outside \[0, 1\]/.test(e.textContent ?? '')));
    assert.equal(await w.page.getAttribute('.activation-row:nth-child(2) input[name=alpha]', 'aria-invalid'), 'true');
    assert.equal((await messages(w)).filter((m) => m.type === 'training/request').length, 0);
    await w.send({ type: 'training/rejected', message: 'a comparison is already running' });
    await w.page.waitForFunction(() => /already running/.test(document.querySelector('.actions .field-error')?.textContent ?? ''));
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('results panel: draws a file, compares two, exports a chart as SVG through the host', { timeout: 120_000 }, async () => {
  const results = JSON.parse(readFileSync(join(__dirname, '..', 'unit', 'results', 'fixtures', 'sample-results.json'), 'utf8'));
  const w = await openWebview({ entry: 'results', title: 'Results', theme: 'vscode-light' });
  try {
    await w.waitForPosted('webview/ready');
    await w.send({ type: 'results/show', files: [{ label: 'run-a', path: 'a.json', results }] });
    await w.page.waitForSelector('body[data-rendered="1"]');
    assert.equal(await w.page.locator('.chart svg').count(), 5);
    assert.equal(await w.page.locator('table.runs tbody tr').count(), 4);
    assert.equal(await w.page.isHidden('text=Clear comparison'), true);
    await w.page.click('button[title^="Export \\"Validation accuracy per epoch\\" as SVG"]');
    const exp = (await w.waitForPosted('webview/exportChart')) as { format: string; data: string; name: string };
    assert.equal(isResultsToHost(exp), true);
    assert.equal(exp.format, 'svg');
    assert.equal(exp.name, 'mnist-val-accuracy');
    assert.match(exp.data, /^<svg/);
    await w.send({ type: 'results/show', files: [{ label: 'run-a', path: 'a.json', results }, { label: 'run-b', path: 'b.json', results }] });
    await w.page.waitForSelector('body[data-rendered="2"]');
    assert.equal(await w.page.locator('table.runs tbody tr').count(), 8);
    assert.equal(await w.page.isVisible('text=Clear comparison'), true);
    assert.ok((await w.page.textContent('.charts'))!.includes('leaky_relu(alpha=0.2) · run-b'));
    await w.send({ type: 'results/error', message: 'b.json: not JSON' });
    await w.page.waitForSelector('text=b.json: not JSON');
    for (const m of await w.posted()) assert.equal(isResultsToHost(m), true, JSON.stringify(m).slice(0, 200));
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('a run that fails (unknown activation) is recorded and the comparison goes on', { timeout: 180_000 }, async () => {
  // NaN -> "diverged" is decided by the training core (test/unit/training/trainLoop.test.ts);
  // here: the webview reports a run that did not complete and keeps going.
  const w = await open();
  try {
    const config = tinyConfig({ activations: [{ activation: 'no_such_activation', params: {} }, { activation: 'relu', params: {} }] });
    await w.send({ type: 'training/begin', config, backend: 'auto', source: 'bundled' });
    await w.waitForPosted('training/finished', 150_000);
    const ms = await messages(w);
    const ends = ms.filter((m) => m.type === 'training/runEnded');
    assert.deepEqual(ends.map((e) => e.run.status), ['failed', 'completed']);
    assert.match(ends[0]!.run.error ?? '', /unknown activation 'no_such_activation'/);
    assert.equal(finished(ms).status, 'completed');
    await w.page.waitForFunction(() => /no_such_activation: failed/.test(document.querySelector('.notes')?.textContent ?? ''));
    await tensorsBalanced(w);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});
