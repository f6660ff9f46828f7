/**
 * The explorer's custom-expression widget (webview/explorer/customExpression.ts) in real
 * headless Chromium with the extension's CSP: mathjs parsing, caret errors, KaTeX of f and
 * f', the curve reaching the chart, and Save posting `webview/saveCustom`. Needs `node esbuild.mjs`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openWebview, type WebviewPage } from './harness';

const SETTINGS = { samples: 400, defaultRange: [-6, 6], defaultActivations: ['relu'] };

/** The page's document as far as these checks need it (DOM types are not in the Node tsconfig). */
type Doc = { document: { querySelectorAll(s: string): { length: number }; querySelector(s: string): { textContent: string | null } | null } };

let w: WebviewPage;
before(async () => {
  w = await openWebview({ entry: 'explorer', initialData: { settings: SETTINGS }, theme: 'vscode-dark' });
  await w.waitForPosted('webview/ready');
});
after(async () => { await w?.close(); });

/** Waits until the widget has compiled what was typed (it debounces keystrokes by 120 ms). */
async function compiled(): Promise<void> {
  await w.page.waitForSelector('.custom[data-pending="false"]', { state: 'attached', timeout: 15000 });
}

async function typeExpression(text: string): Promise<void> {
  await w.page.fill('#custom-expression', text);
  await compiled();
}

test('a fresh page: empty expression, no error, no custom curve, Save disabled', async () => {
  assert.equal(await w.page.inputValue('#custom-expression'), '');
  assert.equal(await w.page.textContent('#custom-expression-error'), '');
  assert.ok(await w.page.isDisabled('#custom-save'));
});

test('a syntax error shows a caret under the bad token and disables Save', async () => {
  await typeExpression('x * sigmoid(1.702 * x) +');
  assert.equal(await w.page.getAttribute('#custom-expression', 'aria-invalid'), 'true');
  const caret = await w.page.textContent('#custom-expression-error pre');
  const [line, marks] = (caret ?? '').split('\n');
  assert.equal(line, 'x * sigmoid(1.702 * x) +');
  assert.equal(marks!.indexOf('^'), 'x * sigmoid(1.702 * x) +'.length, 'caret just past the dangling +');
  assert.ok(await w.page.isDisabled('#custom-save'));
});

test('forbidden names are refused where they are typed', async () => {
  await typeExpression('x + constructor');
  assert.match(await w.page.textContent('#custom-expression-error') ?? '', /'constructor' is not available/);
  const [, marks] = (await w.page.textContent('#custom-expression-error pre') ?? '').split('\n');
  assert.equal(marks, '    ^^^^^^^^^^^');
});

test('a valid expression with a parameter: KaTeX for f and f\', a curve, Save posts the definition', async () => {
  await typeExpression('x > 0 ? x : a * (exp(x) - 1)');
  assert.match(await w.page.textContent('#custom-expression-error') ?? '', /Unknown name 'a'/);
  await w.page.click('#custom-add-unknown');
  assert.equal(await w.page.inputValue('.custom-param-name'), 'a');
  assert.equal(await w.page.inputValue('.custom-param-value'), '1');
  await w.page.fill('.custom-param-value', '0.5');
  await compiled();
  assert.equal(await w.page.getAttribute('#custom-expression', 'aria-invalid'), null);
  assert.ok(await w.page.isVisible('.custom-tex .katex'), 'f typeset');
  assert.equal((await w.page.$$('.custom-tex .katex')).length, 2, "f and f'");
  await w.page.fill('#custom-name', 'my_elu');
  await compiled();
  await w.page.waitForFunction(() => (globalThis as unknown as Doc).document.querySelectorAll('#chart svg g.mark-line path').length >= 4, null, { timeout: 15000 });
  assert.ok(!(await w.page.isDisabled('#custom-save')));
  await w.page.click('#custom-save');
  const msg = await w.waitForPosted('webview/saveCustom');
  assert.deepEqual(msg, { type: 'webview/saveCustom', name: 'my_elu', expression: 'x > 0 ? x : a * (exp(x) - 1)', params: { a: 0.5 } });
  await w.send({ type: 'webview/customSaved', name: 'my_elu' });
  await w.page.waitForFunction(() => /Saved 'my_elu'/.test((globalThis as unknown as Doc).document.querySelector('.custom')?.textContent ?? ''));
});

test('no console errors and no CSP violations (mathjs runs without eval)', () => {
  assert.deepEqual(w.errors, []);
});
