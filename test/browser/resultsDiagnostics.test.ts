/// <reference lib="dom" />
/**
 * The results panel in real headless Chromium (harness.ts) on a real schemaVersion 2 file
 * (relu and sigmoid, 2 repeats, diagnostics) overlaid with a Keras CSVLogger history: every
 * diagnostics chart is drawn (an SVG or canvas with marks in its card), the repeats table
 * shows mean ± std, the misclassified strip has its captions, a v1 file hides the
 * diagnostics cards, and no console or CSP error occurs.
 * Needs a build: `node esbuild.mjs`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseComparisonFile } from '../../src/core/results/loadFile';
import { openWebview } from './harness';

const FIXTURES = join(__dirname, '..', 'unit', 'results', 'fixtures');
const DIAG = JSON.parse(readFileSync(join(FIXTURES, 'diagnostics-results.json'), 'utf8')) as Record<string, unknown>;
const V1 = JSON.parse(readFileSync(join(FIXTURES, 'sample-results.json'), 'utf8')) as Record<string, unknown>;
const csvName = join(__dirname, '..', 'reference', 'histories', 'keras_csvlogger.csv');
const csv = parseComparisonFile(readFileSync(csvName, 'utf8'), csvName);
const DIAGNOSTIC_CARDS = ['Gradient norm per layer', 'Dead and saturated units per layer', 'Clipped gradient components', 'Pre-activation z histograms', 'Confusion matrix and per-class accuracy', 'Misclassified test digits'];

/** Visible chart cards by aria-label, each with how many SVG path/rect marks or canvas it drew. */
function cards(): Array<{ label: string; hidden: boolean; marks: number }> {
  return Array.from(document.querySelectorAll<HTMLElement>('section.chart-card')).map((c) => ({
    label: c.getAttribute('aria-label') ?? '',
    hidden: c.hidden,
    marks: c.querySelectorAll('.chart svg path, .chart svg rect, .chart canvas').length,
  }));
}

test('results panel draws the diagnostics charts, repeats and a Keras history overlay', { timeout: 120_000 }, async () => {
  const w = await openWebview({ entry: 'results', viewport: { width: 1400, height: 1000 } });
  try {
    await w.waitForPosted('webview/ready');
    assert.equal(csv.kind, 'history');
    const history = csv.kind === 'history' ? csv.history : undefined;
    await w.send({ type: 'results/show', files: [{ label: 'diag', path: 'diag.json', results: DIAG }, { label: 'keras', path: 'keras.csv', history }] });
    await w.page.waitForSelector('body[data-rendered="2"]', { timeout: 90_000 });
    const shown = await w.page.evaluate(cards);
    for (const label of DIAGNOSTIC_CARDS) {
      const c = shown.find((x) => x.label === label);
      assert.ok(c && !c.hidden && c.marks > 0, `${label}: ${JSON.stringify(c)}`);
    }
    const text = await w.page.evaluate(() => document.body.innerText);
    assert.match(text, /Over repeats: diag/);
    assert.match(text, /\d+\.\d\d ± \d+\.\d\d %/);
    assert.match(text, /Keras CSVLogger/);
    const svgText = await w.page.evaluate(() => Array.from(document.querySelectorAll('.chart svg text')).map((t) => t.textContent).join('\n'));
    assert.match(svgText, /1: true \d → \d/);
    assert.match(svgText, /Keras CSVLogger · keras/);
    // The gradient-norm chart's link: one button per activation; a click asks the host for Gradient Flow.
    await w.page.click('.gradient-links button:has-text("sigmoid")');
    assert.deepEqual(await w.waitForPosted('results/openGradientFlow'), { type: 'results/openGradientFlow', activation: 'sigmoid', params: {} });
    assert.deepEqual(w.errors, []);

    // A v1 file (no diagnostics): those cards are hidden, the five base charts remain.
    await w.send({ type: 'results/show', files: [{ label: 'v1', path: 'v1.json', results: V1 }] });
    await w.page.waitForSelector('body[data-rendered="1"]', { timeout: 60_000 });
    const v1 = await w.page.evaluate(cards);
    for (const label of DIAGNOSTIC_CARDS) assert.equal(v1.find((x) => x.label === label)?.hidden, true, label);
    assert.equal(v1.filter((x) => !x.hidden).length, 5);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('Gradient Flow takes the chain\'s activation from gradient/chain (the results panel\'s link)', { timeout: 60_000 }, async () => {
  const w = await openWebview({ entry: 'gradient', initialData: { settings: { vanishingBelow: 1e-3, explodingAbove: 1e3, sweepWidth: 16, sweepDepth: 12 } } });
  try {
    await w.waitForPosted('webview/ready');
    await w.send({ type: 'gradient/chain', activation: 'leaky_relu', params: { alpha: 0.2 } });
    await w.page.waitForFunction(() => (document.getElementById('f-activations') as HTMLInputElement | null)?.value === 'leaky_relu');
    assert.equal(await w.page.inputValue('#f-params'), 'alpha=0.2');
    await w.page.waitForSelector('body[data-pending="false"]', { state: 'attached', timeout: 20_000 });
    assert.match((await w.page.textContent('.verdict-head')) ?? '', /\S/);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});
