/**
 * Faults in the middle of an MNIST comparison that need the workbench itself, in a real
 * VS Code (code-server 4.100.3 + headless chromium), the way a user meets them:
 * - Cancel in the VS Code progress notification;
 * - Developer: Reload Window mid-run (the file is there afterwards, the panel comes back and
 *   a notification says where the file went);
 * - the results folder turns into a file mid-run: the panel and a notification say so, and
 *   the panel's "Save As…" writes the kept results where the user types (VS Code's simple
 *   file dialog).
 * Each leaves a schema-valid results file, `cancelled`, with every finished epoch; the
 * progress notification closes and the page is no longer training. Screenshots of the
 * panel's new "not saved" state in dark and light themes go to test-artifacts/.
 * Runs after workbench.test.ts (sorted by name in test/scripts/vscode.sh), whose start clears test-artifacts/.
 * Run: node --import tsx --test test/vscode/ui/workbenchFaults.test.ts   (after `node esbuild.mjs`)
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { SHORT_MNIST_CONFIG } from '../panels';
import { installCodeServer, ROOT, sleep, startCodeServer, workbenchUrl, type CodeServer } from '../lib/codeServer';
import { collectWebviewErrors, launchBrowser, newWorkbenchPage, pickColorTheme, runFromPalette, waitForWorkbench, webviewFrame, step, type ErrorLog } from '../lib/workbench';
import { scratchWorkspace, testSettings, type ScratchWorkspace } from '../lib/workspace';
import { resultsSchemaErrors } from '../lib/schema';

const ARTIFACTS = join(ROOT, 'test-artifacts');
/** 30 epochs of 512 digits: every fault lands after the first epoch and long before the last. */
const EPOCHS = 30;
/**
 * How long one click or key may take while a comparison trains: until training moves off
 * the page's thread, code-server's webviews share the workbench's renderer thread.
 */
const BUSY_MS = 180_000;
const RESULTS = 'ui-runs';
const SETTINGS = {
  'activationLab.mnist.epochs': EPOCHS,
  'activationLab.mnist.trainSamples': 512,
  'activationLab.mnist.testSamples': 256,
  'activationLab.mnist.activations': SHORT_MNIST_CONFIG.activations.map((a) => a.activation),
  'activationLab.mnist.backend': 'wasm',
  'activationLab.mnist.resultsFolder': RESULTS,
};

interface Results {
  status: string;
  runs: Array<{ status: string; history: { loss: number[] } }>;
  warnings?: string[];
}

function listJson(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')).sort() : [];
}

/** Polls the file system (no event to wait for from outside the extension host). */
async function newFile(dir: string, before: ReadonlySet<string>, ms = 240_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const name = listJson(dir).find((n) => !before.has(n));
    if (name) return join(dir, name);
    if (Date.now() > end) throw new Error(`no new results file in ${dir} after ${ms} ms`);
    await sleep(500);
  }
}

/** The progress notification of a running comparison (title "MNIST comparison", a Cancel button). */
function progressToast(page: Page) {
  return page.locator('.notification-toast', { hasText: 'MNIST comparison' }).filter({ has: page.getByRole('button', { name: 'Cancel' }) });
}

/** Opens the MNIST panel, presses Start and waits until the first epoch has ended (the live line reads epoch 2). */
async function startAndPassFirstEpoch(page: Page): Promise<Frame> {
  await runFromPalette(page, 'Activation Lab: Compare Activations on MNIST');
  const frame = await webviewFrame(page, 'mnist');
  await frame.locator('form.settings #f-epochs').waitFor({ state: 'visible' });
  // The form has the workspace settings (after a reload too); string form: this file has no DOM types.
  await frame.waitForFunction(`document.getElementById('f-epochs')?.value === '${EPOCHS}'`, undefined, { timeout: 30_000 });
  await frame.getByRole('button', { name: 'Start', exact: true }).click();
  await frame.locator('body[data-training="true"]').waitFor({ state: 'attached', timeout: 60_000 });
  await frame.getByText(new RegExp(`epoch 2/${EPOCHS}`)).first().waitFor({ timeout: 240_000 });
  return frame;
}

/** A cancelled file with at least one and fewer than all epochs, schema-valid. */
function assertCancelled(path: string, warning?: string): Results {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Results;
  assert.equal(resultsSchemaErrors(data), '');
  assert.equal(data.status, 'cancelled');
  const run = data.runs[0]!;
  assert.equal(run.status, 'cancelled');
  assert.ok(run.history.loss.length >= 1 && run.history.loss.length < EPOCHS, `${run.history.loss.length} epochs`);
  if (warning) assert.ok(data.warnings?.includes(warning), String(data.warnings));
  return data;
}


describe('real VS Code (code-server): MNIST faults', { timeout: 900_000 }, () => {
  let server: CodeServer | undefined;
  let ws: ScratchWorkspace | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let errors: ErrorLog;
  const runs = () => join(ws!.path, RESULTS);

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const bin = installCodeServer();
    ws = scratchWorkspace();
    mkdirSync(join(ws.path, '.vscode'), { recursive: true });
    writeFileSync(join(ws.path, '.vscode', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
    server = await startCodeServer(bin, { settings: testSettings('dark') });
    browser = await launchBrowser();
    page = await newWorkbenchPage(browser);
    errors = collectWebviewErrors(page);
    await page.goto(workbenchUrl(server, ws.path));
    await waitForWorkbench(page);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    ws?.dispose();
  });

  step('Cancel in the progress notification saves what finished as cancelled', async () => {
    const before = new Set(listJson(runs()));
    const frame = await startAndPassFirstEpoch(page);
    const toast = progressToast(page);
    await toast.getByRole('button', { name: 'Cancel' }).click({ timeout: BUSY_MS });
    const file = await newFile(runs(), before);
    assertCancelled(file);
    await frame.locator('body[data-training="false"]').waitFor({ state: 'attached', timeout: 30_000 });
    await frame.getByText(/Saved to /).waitFor();
    await toast.waitFor({ state: 'detached', timeout: 30_000 });
  }, () => page);

  step('Reload Window mid-run: the file is there afterwards, the panel comes back and says where it went', async () => {
    const before = new Set(listJson(runs()));
    await startAndPassFirstEpoch(page);
    await runFromPalette(page, 'Developer: Reload Window', BUSY_MS, 20_000);
    await waitForWorkbench(page);
    const file = await newFile(runs(), before);
    assertCancelled(file, 'training stopped: the window was reloaded or closed mid-run');
    await webviewFrame(page, 'mnist', 90_000); // restored by its serializer
    const notice = page.locator('.notification-toast', { hasText: 'was stopped when its window was reloaded or closed' });
    await notice.waitFor({ timeout: 90_000 });
    assert.match(await notice.innerText(), new RegExp(`${RESULTS}/${file.split('/').pop()!.replace(/\./g, '\\.')}`));
    await progressToast(page).waitFor({ state: 'detached', timeout: 10_000 });
  }, () => page);

  step('the results folder turns into a file mid-run: the panel says so and Save As… writes the kept results', async () => {
    const frame = await startAndPassFirstEpoch(page);
    rmSync(runs(), { recursive: true, force: true });
    writeFileSync(runs(), 'not a folder');
    await frame.getByRole('button', { name: 'Stop', exact: true }).click({ timeout: BUSY_MS });
    const notSaved = frame.locator('.saved.field-error', { hasText: `could not save the results in ${RESULTS}: it is a file, not a folder` });
    await notSaved.waitFor({ timeout: 60_000 });
    await page.locator('.notification-toast', { hasText: 'it is a file, not a folder' }).filter({ has: page.getByRole('button', { name: 'Save As...' }) }).waitFor();
    assert.equal(readFileSync(runs(), 'utf8'), 'not a folder');
    await notSaved.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'mnist-not-saved-dark.png') });
    await pickColorTheme(page, 'Light Modern');
    await page.screenshot({ path: join(ARTIFACTS, 'mnist-not-saved-light.png') });

    await frame.getByRole('button', { name: 'Save As…' }).click();
    // files.simpleDialog.enable: the save dialog is a quick input holding the proposed path
    // (the workspace folder and the results file's name); accept it as a user pressing Enter.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    // The dialog fills the input in steps (folder first, then the name): wait for the name.
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } })
      .document.querySelector('.quick-input-widget .quick-input-box input')?.value.endsWith('.json'), undefined, { timeout: 20_000 });
    const proposed = await input.inputValue();
    const name = proposed.split('/').pop()!;
    assert.match(name, /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.json$/, proposed);
    await page.keyboard.press('Enter');
    await frame.getByText(`Saved to ${name}`).waitFor({ timeout: 30_000 });
    assertCancelled(join(ws!.path, name));
    assert.equal(readFileSync(runs(), 'utf8'), 'not a folder', 'the file in the way is untouched');
    assert.deepEqual(readdirSync(ws!.path).filter((n) => n.endsWith('.tmp')), [], 'no temp file');
    await frame.locator('body[data-training="false"]').waitFor({ state: 'attached' });
    rmSync(runs());
  }, () => page);

  step('no console errors or CSP violations came from our webviews', () => {
    assert.deepEqual(errors.lines, []);
  }, () => page);
});
