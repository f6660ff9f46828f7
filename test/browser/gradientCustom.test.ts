/**
 * Saved custom activations in the Gradient Flow page: the host passes them in the initial
 * data, the chain form accepts their names (issue 7). Needs `node esbuild.mjs`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openWebview, type WebviewPage } from './harness';

const SETTINGS = { vanishingBelow: 1e-3, explodingAbove: 1e3, sweepWidth: 16, sweepDepth: 5 };
const CUSTOMS = [{ name: 'my_elu', expression: 'x > 0 ? x : a * (exp(x) - 1)', params: { a: 0.5 } }];

/** The page's document as far as these checks need it (DOM types are not in the Node tsconfig). */
type Doc = { document: { getElementById(i: string): { textContent: string | null } | null } };

let w: WebviewPage;
before(async () => {
  w = await openWebview({ entry: 'gradient', initialData: { settings: SETTINGS, customActivations: CUSTOMS }, theme: 'vscode-dark' });
  await w.waitForPosted('webview/ready');
});
after(async () => { await w?.close(); });

test('a saved custom name is accepted in the chain, its parameter listed; unknown names still fail', async () => {
  await w.page.fill('#f-activations', 'nonexistent_act');
  await w.page.waitForFunction((id) => ((globalThis as unknown as Doc).document.getElementById(id)?.textContent ?? '') !== '', 'f-activations-err');
  await w.page.fill('#f-activations', 'my_elu');
  // The form recomputes 150 ms after the last edit: wait until it has.
  await w.page.waitForSelector('body[data-pending="false"]', { state: 'attached', timeout: 10000 });
  assert.equal(await w.page.textContent('#f-activations-err'), '');
  assert.match(await w.page.textContent('#f-params-hint') ?? '', /my_elu\.a = 0\.5/);
  assert.deepEqual(w.errors, []);
});
