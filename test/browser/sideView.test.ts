/**
 * The "Activation at Cursor" view in real headless Chromium with the extension's HTML and
 * CSP (harness.ts): renders an activation (chart, KaTeX, tables), the pin button posts
 * `side/togglePin`, results draw a chart and bad-file notes; screenshots in light and dark
 * go to /tmp/shots/side-<theme>.png. Needs a build: `node esbuild.mjs`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolveMatch } from '../../src/host/editor/hoverContent';
import { sideActivation } from '../../src/host/editor/sideContent';
import { recogniseAt } from '../../src/core/recognise/recognise';
import type { SideResults } from '../../src/protocol/sideView';
import { openWebview } from './harness';

function activationFor(code: string, word: string) {
  const m = recogniseAt(code, code.indexOf(word) + 1, { family: 'py' })!;
  const { def, params, notes } = resolveMatch(m);
  return sideActivation(m, def!, params, notes, 'model.py:3', { xMin: -5, xMax: 5 });
}

const RESULTS: SideResults = {
  file: '.activation-lab/runs/2026-11-29T12-00-00.json',
  createdAt: '2026-11-29T12:00:00Z',
  runs: [
    { activation: 'relu', status: 'completed', valAccuracy: [0.91, 0.95, 0.97], testAccuracy: 0.968 },
    { activation: 'leaky_relu', status: 'completed', valAccuracy: [0.9, 0.94, 0.965], testAccuracy: 0.961 },
    { activation: 'sigmoid', status: 'completed', valAccuracy: [0.7, null, 0.9], testAccuracy: 0.9 },
  ],
  notes: ['broken.json skipped: not a JSON object.'],
};

for (const theme of ['vscode-light', 'vscode-dark'] as const) {
  test(`side view renders an activation and results (${theme})`, async () => {
    const w = await openWebview({ entry: 'side', theme, viewport: { width: 340, height: 1100 } });
    try {
      await w.waitForPosted('webview/ready');
      const a = activationFor('import torch.nn as nn\n\nact = nn.LeakyReLU(0.1)\n', 'LeakyReLU');
      await w.send({ type: 'side/activation', activation: a, pinned: false });
      await w.send({ type: 'side/results', results: RESULTS });
      await w.page.waitForSelector('.activation .chart svg', { timeout: 15000 });
      await w.page.waitForSelector('.results-chart svg', { timeout: 15000 });
      assert.equal(await w.page.textContent('.title'), 'Leaky ReLU');
      assert.match((await w.page.textContent('.matched')) ?? '', /PyTorch nn\.LeakyReLU\(0\.1\) model\.py:3/);
      assert.match((await w.page.textContent('.params')) ?? '', /negative_slope \(alpha\)0\.1your code/);
      assert.ok(await w.page.$('.formula .katex'), 'KaTeX rendered the formula');
      assert.match((await w.page.textContent('.results-info')) ?? '', /broken\.json skipped/);
      const dashes = await w.page.$$eval('.activation .chart path[stroke-dasharray]', (ps) => ps.length);
      assert.ok(dashes >= 1, "f' is drawn dashed");
      await w.page.click('.pin');
      const pin = (await w.waitForPosted('side/togglePin')) as { type: string };
      assert.equal(pin.type, 'side/togglePin');
      await w.send({ type: 'side/pin', pinned: true });
      // The page handles the message asynchronously: wait for the state, then check it.
      await w.page.waitForSelector('.pin[aria-pressed="true"]', { timeout: 15000 });
      assert.equal(await w.page.getAttribute('.pin', 'aria-pressed'), 'true');
      await w.page.click('text=Open in Explorer');
      const open = (await w.waitForPosted('side/openExplorer')) as { id: string; params: Record<string, number> };
      assert.deepEqual(open, { type: 'side/openExplorer', id: 'leaky_relu', params: { alpha: 0.1 } });
      await w.page.mouse.move(0, 0);
      mkdirSync('/tmp/shots', { recursive: true });
      await w.page.screenshot({ path: `/tmp/shots/side-${theme.replace('vscode-', '')}.png`, fullPage: true });
      assert.deepEqual(w.errors, []);
    } finally {
      await w.close();
    }
  });
}
