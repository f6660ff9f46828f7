/**
 * The Activation Explorer page in real headless Chromium, with the extension's HTML and
 * CSP (harness.ts). Needs a build: `node esbuild.mjs`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openWebview, type WebviewPage } from './harness';

const SETTINGS = { samples: 1000, defaultRange: [-6, 6], defaultActivations: ['relu', 'gelu'] };

async function renders(w: WebviewPage): Promise<number> {
  return Number(await w.page.getAttribute('#chart', 'data-renders') ?? 0);
}

/** Waits until the chart has finished more than `n` renders. */
async function renderedAfter(w: WebviewPage, n: number): Promise<void> {
  await w.page.waitForFunction((k) => Number(document.getElementById('chart')?.dataset.renders ?? 0) > k, n, { timeout: 15000 });
}

/** The `d` attributes of every line path, a fingerprint of what is drawn. */
async function lines(w: WebviewPage): Promise<string> {
  return w.page.$$eval('#chart g.mark-line path', (ps) => ps.map((p) => p.getAttribute('d')).join('|'));
}

async function xAxisLabels(w: WebviewPage): Promise<string[]> {
  return w.page.$$eval('#chart g[aria-label^="X-axis"] g.role-axis-label text', (ts) => ts.map((t) => t.textContent ?? ''));
}

async function savedState(w: WebviewPage): Promise<Record<string, any>> {
  return w.page.evaluate(() => (window as unknown as { __state: { explorer: Record<string, unknown> } }).__state.explorer);
}

let w: WebviewPage;
before(async () => {
  w = await openWebview({ entry: 'explorer', initialData: { settings: SETTINGS }, theme: 'vscode-dark' });
  await w.waitForPosted('webview/ready');
  await renderedAfter(w, 0);
});
after(async () => { await w?.close(); });

test('renders f and f\' of the default activations as SVG paths, with a legend', async () => {
  assert.ok((await w.page.$$('#chart svg g.mark-line path')).length >= 4, 'ReLU and GELU, f and f\'');
  const legend = await w.page.$$eval('#chart svg g.mark-group.role-legend text', (ts) => ts.map((t) => t.textContent));
  for (const s of ['ReLU', 'GELU', 'f(x)', 'f\u2032(x)']) assert.ok(legend.includes(s), `legend has ${s}: ${legend.join(', ')}`);
  assert.ok(await w.page.isChecked('#act-relu'));
  assert.ok(await w.page.isVisible('#detail-relu .katex'), 'formulas typeset by KaTeX');
  assert.match(await w.page.textContent('#detail-relu .kink') ?? '', /relu'\(0\) = 0/);
});

test('moving the Leaky ReLU alpha slider redraws the chart and saves the state', async () => {
  let n = await renders(w);
  await w.page.click('label[for="act-leaky_relu"]');
  await renderedAfter(w, n);
  const before = await lines(w);
  n = await renders(w);
  await w.page.focus('#p-leaky_relu-alpha');
  await w.page.keyboard.press('End'); // alpha -> max (1)
  await renderedAfter(w, n);
  assert.notEqual(await lines(w), before);
  assert.equal(await w.page.inputValue('.param input.num'), '1');
  assert.equal((await savedState(w)).params.leaky_relu.alpha, 1);
});

test('a typed parameter outside its range is rejected inline', async () => {
  const n = await renders(w);
  await w.page.fill('.param input.num', '7');
  assert.match(await w.page.textContent('#p-leaky_relu-alpha-err') ?? '', /alpha: must be within \[0, 1\]/);
  assert.equal(await w.page.getAttribute('.param input.num', 'aria-invalid'), 'true');
  await w.page.fill('.param input.num', '0.3');
  await renderedAfter(w, n);
  assert.equal(await w.page.inputValue('#p-leaky_relu-alpha'), '0.3');
  await w.page.click('fieldset[data-id="leaky_relu"] button.reset');
  assert.equal(await w.page.inputValue('#p-leaky_relu-alpha'), '0.2', 'catalogue default (keras.activations.leaky_relu, tf.leakyRelu)');
  assert.equal((await savedState(w)).params.leaky_relu, undefined);
  await w.page.fill('.param input.num', '0.3');
});

test('changing the x-range redraws with the new axis', async () => {
  const n = await renders(w);
  await w.page.fill('#x-min', '-2');
  await w.page.fill('#x-max', '3');
  await renderedAfter(w, n);
  // Each fill redraws: the render after '-2' alone still ends at 6.0. Wait for the last label.
  await w.page.waitForFunction(() => {
    const ts = document.querySelectorAll('#chart g[aria-label^="X-axis"] g.role-axis-label text');
    return ts.length > 0 && ts[0]!.textContent === '\u22122.0' && ts[ts.length - 1]!.textContent === '3.0';
  }, undefined, { timeout: 15000 });
  const labels = await xAxisLabels(w);
  assert.equal(labels[0], '\u22122.0');
  assert.equal(labels.at(-1), '3.0');
  const s = await savedState(w);
  assert.deepEqual([s.xMin, s.xMax], ['-2', '3']);
});

test('a bad x-range shows an inline error and keeps the last valid chart', async () => {
  const before = await lines(w);
  await w.page.fill('#x-max', 'abc');
  assert.equal(await w.page.textContent('#x-range-error'), "Max: 'abc' is not a number");
  assert.equal(await w.page.getAttribute('#x-max', 'aria-invalid'), 'true');
  await w.page.fill('#x-max', '-5');
  assert.equal(await w.page.textContent('#x-range-error'), 'Max must be greater than min');
  assert.equal(await lines(w), before);
  const n = await renders(w);
  await w.page.fill('#x-max', '4');
  await renderedAfter(w, n);
  assert.equal(await w.page.textContent('#x-range-error'), '');
  assert.equal(await w.page.getAttribute('#x-max', 'aria-invalid'), 'false');
});

test("the read-out gives exact f and f' at the cursor, by keyboard and pointer", async () => {
  await w.page.focus('#chart');
  await w.page.keyboard.press('ArrowRight'); // first press: cursor at the middle of [-2, 4]
  const text = async () => (await w.page.textContent('.readout')) ?? '';
  await w.page.waitForFunction(() => document.querySelector('.readout')?.textContent?.startsWith('x = 1'), undefined, { timeout: 15000 });
  // GELU(1) = Phi(1) = 0.841344746..., GELU'(1) = Phi(1) + phi(1) = 1.083315470... (normal CDF/PDF tables)
  assert.match(await text(), /ReLU f = 1, f\u2032 = 1/);
  assert.match(await text(), /GELU f = 0\.841345, f\u2032 = 1\.08332/);
  await w.page.waitForSelector('#chart g.mark-rule.role-mark line', { state: 'attached' }); // the cursor rule
  await w.page.keyboard.press('ArrowRight');
  assert.match(await text(), /^x = 1\.06/);
  const box = (await w.page.$('#chart svg'))!;
  const b = (await box.boundingBox())!;
  await w.page.mouse.move(b.x + b.width * 0.3, b.y + b.height * 0.5);
  assert.match(await text(), /^x = \u2212?\d/);
  await w.page.mouse.move(b.x + b.width + 40, b.y - 20);
  assert.match(await text(), /Point at the chart/);
});

test('the host can show an activation with parameters (hover links)', async () => {
  const n = await renders(w);
  await w.send({ type: 'explorer/show', id: 'elu', params: { alpha: 0.5 } });
  await renderedAfter(w, n);
  assert.ok(await w.page.isChecked('#act-elu'));
  assert.equal(await w.page.inputValue('#p-elu-alpha'), '0.5');
  assert.ok(await w.page.isVisible('#detail-elu'));
});

test('re-renders on a theme change; exports SVG and PNG through the host', async () => {
  const n = await renders(w);
  await w.page.evaluate(() => { document.body.className = 'vscode-light'; });
  await renderedAfter(w, n);
  await w.page.click('text=Export SVG');
  const svg = await w.waitForPosted('webview/exportChart') as { format: string; data: string; name: string };
  assert.equal(svg.format, 'svg');
  assert.match(svg.data, /^<svg[\s\S]*<\/svg>$/);
  assert.match(svg.name, /^activations-relu-gelu-leaky_relu-elu\b/);
  await w.page.click('text=Export PNG');
  await w.page.waitForFunction(() => (window as unknown as { __posted: Array<{ format?: string }> }).__posted.some((m) => m.format === 'png'));
  const png = (await w.posted()).find((m) => (m as { format?: string }).format === 'png') as { data: string };
  assert.equal(Buffer.from(png.data, 'base64').subarray(1, 4).toString(), 'PNG');
});

test('no console errors, no CSP violations, no render errors', async () => {
  assert.deepEqual(w.errors, []);
  assert.equal(await w.page.textContent('.main > [role="status"]'), '');
});

test('restores a given state (after hiding or a window reload)', async () => {
  const state = { explorer: { version: 1, selected: ['selu', 'celu', 'no_such_id'], params: { celu: { alpha: 2.5 }, selu: { bogus: 1 } }, xMin: '-3', xMax: '2', yMin: '-2', yMax: '3' } };
  const r = await openWebview({ entry: 'explorer', initialData: { settings: SETTINGS }, state, theme: 'vscode-high-contrast' });
  try {
    await r.waitForPosted('webview/ready');
    await renderedAfter(r, 0);
    assert.ok(await r.page.isChecked('#act-selu'));
    assert.ok(await r.page.isChecked('#act-celu'));
    assert.ok(!(await r.page.isChecked('#act-relu')));
    assert.equal(await r.page.inputValue('#p-celu-alpha'), '2.5');
    assert.deepEqual([await r.page.inputValue('#x-min'), await r.page.inputValue('#x-max')], ['-3', '2']);
    assert.deepEqual([await r.page.inputValue('#y-min'), await r.page.inputValue('#y-max')], ['-2', '3']);
    assert.ok(await r.page.isVisible('#detail-selu'));
    assert.ok((await r.page.$$('#chart svg g.mark-line path')).length >= 4);
    assert.deepEqual(r.errors, []);
  } finally {
    await r.close();
  }
});
