/**
 * Saved custom activations in the Activation Explorer (issue 7): listed under "Saved
 * custom" from the initial data, selectable and overlaid like catalogue entries, with
 * parameter sliders; a hover link can show one; the list follows the setting. Needs
 * `node esbuild.mjs`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openWebview, type WebviewPage } from './harness';

const SETTINGS = { samples: 400, defaultRange: [-6, 6], defaultActivations: ['relu'] };
const CUSTOMS = [
  { name: 'my_elu', expression: 'x > 0 ? x : a * (exp(x) - 1)', params: { a: 0.5 } },
  { name: 'broken', expression: 'x +', params: {} },
];

async function renders(w: WebviewPage): Promise<number> {
  return Number(await w.page.getAttribute('#chart', 'data-renders') ?? 0);
}

async function renderedAfter(w: WebviewPage, n: number): Promise<void> {
  await w.page.waitForFunction((k) => Number(document.getElementById('chart')?.dataset.renders ?? 0) > k, n, { timeout: 15000 });
}

async function legend(w: WebviewPage): Promise<string[]> {
  return w.page.$$eval('#chart svg g.mark-group.role-legend text', (ts) => ts.map((t) => t.textContent ?? ''));
}

let w: WebviewPage;
before(async () => {
  w = await openWebview({ entry: 'explorer', initialData: { settings: SETTINGS, customActivations: CUSTOMS }, theme: 'vscode-dark' });
  await w.waitForPosted('webview/ready');
  await renderedAfter(w, 0);
});
after(async () => { await w?.close(); });

test('saved customs are listed under "Saved custom"; one that does not compile is disabled', async () => {
  assert.equal(await w.page.textContent('.saved-customs legend'), 'Saved custom');
  assert.ok(!(await w.page.isChecked('#saved-my_elu')));
  assert.ok(await w.page.isDisabled('#saved-broken'));
  assert.match(await w.page.getAttribute('label[for="saved-broken"]', 'title') ?? '', /Does not compile: Syntax error/);
});

test('selecting one overlays it with the catalogue curves, with a slider for its parameter', async () => {
  let n = await renders(w);
  await w.page.click('label[for="saved-my_elu"]');
  await renderedAfter(w, n);
  const names = await legend(w);
  assert.ok(names.includes('ReLU') && names.includes('my_elu'), names.join(', '));
  assert.ok(await w.page.isVisible('#detail-my_elu'));
  assert.equal(await w.page.inputValue('#p-my_elu-a'), '0.5');
  n = await renders(w);
  await w.page.fill('fieldset.params[data-id="my_elu"] input.num', '1.5');
  await renderedAfter(w, n);
  const slot = await w.page.evaluate(() => (window as unknown as { __state: { savedCustoms: { selected: string[]; params: Record<string, Record<string, number>> } } }).__state.savedCustoms);
  assert.deepEqual(slot, { selected: ['my_elu'], params: { my_elu: { a: 1.5 } } });
});

test('a hover link can show a saved custom with parameters; a setting change updates the list', async () => {
  const n = await renders(w);
  await w.send({ type: 'explorer/show', id: 'my_elu', params: { a: 0.25 } });
  await renderedAfter(w, n);
  assert.equal(await w.page.inputValue('#p-my_elu-a'), '0.25');
  await w.send({ type: 'explorer/customs', customs: [{ name: 'gelu_sig', expression: 'x * sigmoid(1.702 * x)', params: {} }] });
  await w.page.waitForSelector('#saved-gelu_sig');
  assert.equal(await w.page.$('#saved-my_elu'), null);
  assert.ok(!(await legend(w)).includes('my_elu'));
  assert.deepEqual(w.errors, []);
});
