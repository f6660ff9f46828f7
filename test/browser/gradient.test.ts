/// <reference lib="dom" />
/**
 * The Gradient Flow page in real headless Chromium, with the extension's HTML and CSP
 * (harness.ts). Needs a build: `node esbuild.mjs`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openWebview, type WebviewPage } from './harness';

const SETTINGS = { vanishingBelow: 1e-3, explodingAbove: 1e3, sweepWidth: 16, sweepDepth: 12 };

async function renders(w: WebviewPage, id: string): Promise<number> {
  return Number(await w.page.getAttribute(`#${id}`, 'data-renders') ?? 0);
}

async function renderedAfter(w: WebviewPage, id: string, n: number): Promise<void> {
  await w.page.waitForFunction(([i, k]) => Number(document.getElementById(i as string)?.dataset.renders ?? 0) > (k as number), [id, n], { timeout: 20000 });
}

/** Waits until the form has recomputed what was typed (it debounces edits by 150 ms). */
async function settled(w: WebviewPage): Promise<void> {
  await w.page.waitForSelector('body[data-pending="false"]', { state: 'attached', timeout: 20000 });
}

async function text(w: WebviewPage, sel: string): Promise<string> {
  return (await w.page.textContent(sel)) ?? '';
}

let w: WebviewPage;
before(async () => {
  w = await openWebview({ entry: 'gradient', initialData: { settings: SETTINGS }, theme: 'vscode-dark' });
  await w.waitForPosted('webview/ready');
  await renderedAfter(w, 'gradient-magnitude', 0);
});
after(async () => { await w?.close(); });

test('a fresh page shows the small-weight sigmoid chain: vanishing, KaTeX product, chart, table', async () => {
  assert.match(await text(w, '.verdict-head'), /Vanishing/);
  assert.match(await text(w, '.thresholds'), /vanishing if G_j < 0\.001, exploding if G_j > 1000/);
  assert.ok(await w.page.isVisible('.product .katex'));
  assert.equal((await w.page.$$('table.layers tbody tr')).length, 6);
  assert.ok((await w.page.$$('#gradient-magnitude svg path')).length > 0);
});

test('bad input is marked at its field and the last valid result stays', async () => {
  const verdictBefore = await text(w, '.verdict');
  const productBefore = await w.page.innerHTML('.product');
  await w.page.fill('#f-weights', '1, abc');
  await w.page.fill('#f-lr', '0');
  await w.page.fill('#f-input', 'Infinity');
  await settled(w);
  assert.match(await text(w, '#f-weights-err'), /'abc' is not a finite number/);
  assert.match(await text(w, '#f-lr-err'), /must be > 0/);
  assert.match(await text(w, '#f-input-err'), /'Infinity' is not a finite number/);
  assert.equal(await w.page.getAttribute('#f-weights', 'aria-invalid'), 'true');
  assert.match(await text(w, '.status'), /last valid input/);
  assert.equal(await text(w, '.verdict'), verdictBefore);
  assert.equal(await w.page.innerHTML('.product'), productBefore);
  await w.page.fill('#f-weights', '1, 2, 3');
  await w.page.fill('#f-lr', '0.5');
  await w.page.fill('#f-input', '1');
  await settled(w);
  assert.match(await text(w, '#f-biases-err'), /for 3 weights/);
  await w.page.fill('#preset-L', '5000');
  await w.page.click('button[data-preset="nielsen"]');
  assert.match(await text(w, '#preset-L-err'), /1 to 1000/);
  await w.page.fill('#preset-L', '');
});

test('Nielsen preset: every factor 25, exploding verdict, chart redrawn, errors cleared', async () => {
  const n = await renders(w, 'gradient-magnitude');
  await w.page.click('button[data-preset="nielsen"]');
  await renderedAfter(w, 'gradient-magnitude', n);
  assert.match(await text(w, '.verdict-head'), /Exploding/);
  assert.equal(await text(w, '#f-weights-err'), '');
  assert.equal(await w.page.getAttribute('#f-weights', 'aria-invalid'), null);
  const factors = await w.page.$$eval('table.layers tbody tr td:nth-child(5)', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(factors, ['25', '25', '25', '25', '25']);
  assert.match(await text(w, '#gradient-magnitude'), /exploding above/);
  assert.match(await text(w, '.product'), /25/);
});

test('dead ReLU preset marks layer 3 and the layers it silences', async () => {
  await w.page.click('button[data-preset="deadRelu"]');
  await w.page.waitForFunction(() => /Dead/.test(document.querySelector('.verdict-head')?.textContent ?? ''));
  assert.match(await text(w, '.dead-note'), /Layer 3 is dead.*silencing layers 1–2/);
  assert.equal((await w.page.$$('table.layers tr.row-dead')).length, 3);
  assert.match(await text(w, 'table.layers'), /silenced by layer 3/);
  assert.match(await text(w, '#gradient-magnitude'), /= 0/);
});

test('clipping trap shows per-layer vs global norm, and N steps stop at overflow', async () => {
  await w.page.click('button[data-preset="clipTrap"]');
  await w.page.waitForFunction(() => /Per-layer norm multiplies layers/.test(document.querySelector('.trap')?.textContent ?? ''));
  assert.match(await text(w, 'table.clip'), /✓ in use/);
  await w.page.fill('#f-activations', 'linear');
  await w.page.fill('#f-weights', '1');
  await w.page.fill('#f-biases', '0');
  await w.page.fill('#f-lr', '10');
  await w.page.selectOption('#f-clipMethod', 'none');
  await w.page.fill('#f-steps', '1000');
  await settled(w);
  assert.match(await text(w, '.stop-message'), /Stopped at step \d+ of 1000/);
});

test('depth sweep renders all six activations; bad size is inline and keeps the chart', async () => {
  await renderedAfter(w, 'depth-sweep', 0);
  const legend = await w.page.$$eval('#depth-sweep svg g.role-legend text', (ts) => ts.map((t) => t.textContent ?? ''));
  for (const name of ['Sigmoid', 'ReLU', 'ELU', 'SELU']) assert.ok(legend.some((l) => l.includes(name)), `${name} in ${legend.join(',')}`);
  const n = await renders(w, 'depth-sweep');
  await w.page.fill('#s-width', 'x');
  await w.page.click('#s-run');
  assert.match(await text(w, '#s-width-err'), /not a finite number/);
  assert.equal(await renders(w, 'depth-sweep'), n);
  await w.page.fill('#s-width', '8');
  await w.page.click('#s-run');
  await renderedAfter(w, 'depth-sweep', n);
});

test('depth sweep: a range error marks its field and is cleared when a later run fails to parse', async () => {
  const n = await renders(w, 'depth-sweep');
  await w.page.fill('#s-depth', '1001');
  await w.page.click('#s-run');
  assert.match(await text(w, '#s-depth-err'), /depth D must be a whole number from 1 to 200, got 1001/);
  assert.equal(await w.page.getAttribute('#s-depth', 'aria-invalid'), 'true');
  await w.page.fill('#s-depth', '');
  await w.page.click('#s-run');
  assert.equal(await text(w, '#s-depth-err'), 'is empty');
  assert.doesNotMatch(await w.page.textContent('body') ?? '', /got 1001/);
  await w.page.fill('#s-depth', '200');
  await w.page.fill('#s-width', '512');
  await w.page.fill('#s-batch', '1024');
  await w.page.click('#s-run');
  assert.match(await text(w, '#s-size-err'), /over the limit/);
  for (const k of ['width', 'depth', 'batch']) assert.equal(await w.page.getAttribute(`#s-${k}`, 'aria-invalid'), 'true', k);
  assert.equal(await w.page.getAttribute('#s-seed', 'aria-invalid'), null);
  await w.page.fill('#s-width', '8');
  await w.page.fill('#s-depth', '12');
  await w.page.fill('#s-batch', '16');
  await w.page.click('#s-run');
  await renderedAfter(w, 'depth-sweep', n);
  assert.equal(await text(w, '#s-size-err'), '');
  for (const k of ['width', 'depth', 'batch']) assert.equal(await w.page.getAttribute(`#s-${k}`, 'aria-invalid'), null, k);
});

test('preset L: hex is refused like every other field, and an emptied field clears the error', async () => {
  await w.page.fill('#preset-L', 'abc');
  await w.page.click('button[data-preset="vanishing"]');
  assert.match(await text(w, '#preset-L-err'), /'abc' is not a finite number/);
  await w.page.fill('#preset-L', '');
  await w.page.click('button[data-preset="vanishing"]');
  assert.equal(await text(w, '#preset-L-err'), '');
  assert.equal(await w.page.getAttribute('#preset-L', 'aria-invalid'), null);
  await w.page.fill('#preset-L', '0x10');
  await w.page.click('button[data-preset="vanishing"]');
  assert.match(await text(w, '#preset-L-err'), /'0x10' is not a finite number/);
  assert.equal(await w.page.getAttribute('#preset-L', 'aria-invalid'), 'true');
  await w.page.fill('#preset-L', '2.5');
  await w.page.click('button[data-preset="vanishing"]');
  assert.match(await text(w, '#preset-L-err'), /1 to 1000, got 2\.5/);
  await w.page.fill('#preset-L', '7');
  await w.page.click('button[data-preset="vanishing"]');
  await w.page.waitForFunction(() => (document.querySelectorAll('table.layers tbody tr').length === 7));
  assert.equal(await text(w, '#preset-L-err'), '');
  await w.page.fill('#preset-L', '');
});

test('an expression in the activation field says how to use one, not a repeat-count error', async () => {
  await w.page.fill('#f-activations', 'x*sigmoid(x)');
  await settled(w);
  assert.match(await text(w, '#f-activations-err'), /unknown activation 'x\*sigmoid\(x\)'; to use an expression, save it as a custom activation \(Activation Lab: Define Custom Activation\)/);
  await w.page.fill('#f-activations', 'sigmoid');
  await settled(w);
});

test('export posts the chart to the host; state is saved; no console errors or CSP violations', async () => {
  await w.page.click('#gradient-magnitude >> xpath=.. >> button:has-text("SVG")');
  const m = (await w.waitForPosted('webview/exportChart')) as { format: string; data: string; name: string };
  assert.equal(m.format, 'svg');
  assert.match(m.data, /^<svg/);
  assert.equal(m.name, 'gradient-magnitude');
  const state = await w.page.evaluate(() => (window as unknown as { __state: { gradient: { chain: { steps: string } } } }).__state.gradient);
  assert.equal(state.chain.steps, '1000');
  assert.deepEqual(w.errors, []);
});
