/**
 * Saved custom activations in the MNIST comparison (issue 7): the host's initial data lists
 * them under "Custom" in the activation picker with their parameters editable, a request
 * carries `{activation: name, params, expression}`, and the webview trains the expression as
 * a tfjs op (expressionResolveOp) on wasm. The test stands in for the host. Needs
 * `node esbuild.mjs`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWebview } from './harness';
import type { TrainConfig } from '../../src/core/training/types';
import { guardOf } from '../../src/protocol/channel';
import { MNIST_TO_HOST, type MnistToHost } from '../../src/protocol/mnist';

const isMnistToHost = guardOf(MNIST_TO_HOST);

/** GELU's sigmoid approximation (Hendrycks & Gimpel 2016, sec. 2) and ELU with a = 0.5. */
const CUSTOMS = [
  { name: 'gelu_sig', expression: 'x * sigmoid(1.702 * x)', params: {} },
  { name: 'my_elu', expression: 'x > 0 ? x : a * (exp(x) - 1)', params: { a: 0.5 } },
];

const CONFIG: TrainConfig = {
  dataset: 'bundled', epochs: 1, batchSize: 8, trainSamples: 16, testSamples: 16, learningRate: 0.001, clipValue: 0.5,
  loss: 'categorical_crossentropy', seed: 7,
  activations: [{ activation: 'gelu_sig', params: {} }, { activation: 'my_elu', params: { a: 0.5 } }],
};

test('custom activations: listed under Custom, parameters editable, trained on wasm to finite loss', { timeout: 180_000 }, async () => {
  const w = await openWebview({ entry: 'mnist', title: 'MNIST', allowWasm: true, allowWorkers: true, initialData: { customActivations: CUSTOMS } });
  try {
    await w.waitForPosted('webview/ready');
    await w.send({ type: 'mnist/init', settings: { config: CONFIG, backend: 'wasm' } });
    await w.page.waitForSelector('.activation-row >> nth=1');
    const custom = await w.page.locator('.activation-row').first().locator('optgroup[label="Custom"] option').allTextContents();
    assert.deepEqual(custom.map((t) => t.split(':')[0]), ['gelu_sig', 'my_elu']);
    const a = w.page.locator('.activation-row').nth(1).locator('input.param[name="a"]');
    assert.equal(await a.inputValue(), '0.5');
    await a.fill('0.25');
    await w.page.click('button[type="submit"]');
    await w.waitForPosted('training/request');
    const ms = await w.posted();
    for (const m of ms) assert.ok(isMnistToHost(m), `host guard rejects ${JSON.stringify(m).slice(0, 300)}`);
    const req = (ms as MnistToHost[]).find((m) => m.type === 'training/request');
    assert.ok(req && req.type === 'training/request');
    assert.deepEqual(req.config.activations, [
      { activation: 'gelu_sig', params: {}, expression: CUSTOMS[0]!.expression },
      { activation: 'my_elu', params: { a: 0.25 }, expression: CUSTOMS[1]!.expression },
    ]);

    await w.send({ type: 'training/begin', config: req.config, backend: 'wasm', source: 'bundled' });
    await w.waitForPosted('training/finished', 150_000);
    const all = (await w.posted()) as MnistToHost[];
    for (const m of all) assert.ok(isMnistToHost(m), `host guard rejects ${JSON.stringify(m).slice(0, 300)}`);
    const fin = all.find((m) => m.type === 'training/finished');
    assert.ok(fin && fin.type === 'training/finished' && fin.status === 'completed', JSON.stringify(fin));
    const ends = all.filter((m): m is Extract<MnistToHost, { type: 'training/runEnded' }> => m.type === 'training/runEnded');
    assert.deepEqual(ends.map((e) => [e.run.activation, e.run.status]), [['gelu_sig', 'completed'], ['my_elu', 'completed']]);
    for (const e of ends) assert.ok(Number.isFinite(e.run.history.loss[0]) && e.run.history.loss[0]! > 0, `loss ${e.run.history.loss[0]}`);

    // The setting changed: my_elu removed; its row falls back to relu and says why.
    await w.send({ type: 'mnist/customs', customs: [CUSTOMS[0]] });
    await w.page.locator('.activation-row').nth(1).locator('.field-error', { hasText: 'no longer a saved custom' }).waitFor({ timeout: 15_000 });
    const err = await w.page.locator('.activation-row').nth(1).locator('.field-error').textContent();
    assert.match(err ?? '', /my_elu' is no longer a saved custom/);
    assert.equal(await w.page.locator('.activation-row').nth(1).locator('select').inputValue(), 'relu');
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});
