import { readFileSync } from 'node:fs';
import { openWebview } from './harness';
const results = JSON.parse(readFileSync('test/unit/results/fixtures/sample-results.json', 'utf8'));
const settings = { backend: 'auto', config: { dataset: 'bundled', epochs: 3, batchSize: 128, trainSamples: 8000, testSamples: 2000, learningRate: 0.001, clipValue: 0.5, loss: 'categorical_crossentropy', seed: 42,
  activations: [{ activation: 'sigmoid', params: {} }, { activation: 'relu', params: {} }, { activation: 'leaky_relu', params: { alpha: 0.2 } }] } };
(async () => {
  for (const theme of ['vscode-light', 'vscode-dark'] as const) {
    const short = theme.replace('vscode-', '');
    const r = await openWebview({ entry: 'results', theme, viewport: { width: 1300, height: 900 } });
    await r.waitForPosted('ready');
    await r.send({ type: 'results/show', files: [{ label: '2026-11-29T13-05-07.123Z', path: '.activation-lab/runs/2026-11-29T13-05-07.123Z.json', results }] });
    await r.page.waitForSelector('body[data-rendered="1"]');
    await r.page.screenshot({ path: `/tmp/shots/mnist-results-${short}.png`, fullPage: true });
    console.log(short, 'results errors', r.errors);
    await r.close();
    const w = await openWebview({ entry: 'mnist', allowWasm: true, theme, viewport: { width: 1300, height: 900 } });
    await w.waitForPosted('ready');
    await w.send({ type: 'init', settings });
    await w.page.screenshot({ path: `/tmp/shots/mnist-form-${short}.png`, fullPage: true });
    const cfg = { ...settings.config, epochs: 3, trainSamples: 512, testSamples: 256, batchSize: 64 };
    await w.send({ type: 'training/begin', config: cfg, backend: 'wasm', source: 'bundled' });
    await w.waitForPosted('training/epoch', 120000);
    await new Promise((res) => setTimeout(res, 1500));
    await w.page.screenshot({ path: `/tmp/shots/mnist-running-${short}.png`, fullPage: true });
    await w.waitForPosted('training/finished', 300000);
    await w.send({ type: 'training/saved', path: '.activation-lab/runs/2026-11-29T13-05-07.123Z.json' });
    await new Promise((res) => setTimeout(res, 1500));
    await w.page.screenshot({ path: `/tmp/shots/mnist-done-${short}.png`, fullPage: true });
    console.log(short, 'mnist errors', w.errors);
    await w.close();
  }
})();
