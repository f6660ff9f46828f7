/**
 * UI tests in a real VS Code (code-server 4.100.3 + headless chromium), the way a user
 * meets the extension: commands from the palette by title, webview content in its frame,
 * a hover in a .ts file, the side view following the cursor, a short MNIST run started
 * with the panel's Start button, a hover's "Compare on MNIST" link clicked, screenshots of every panel in dark and light themes
 * (test-artifacts/), and no console errors or CSP violations from our webviews.
 * Run: node --import tsx --test test/vscode/ui/workbench.test.ts   (after `node esbuild.mjs`)
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { PANELS, SHORT_MNIST_CONFIG } from '../panels';
import { installCodeServer, ROOT, sleep, startCodeServer, workbenchUrl, type CodeServer } from '../lib/codeServer';
import { collectWebviewErrors, gotoText, hoverAtCursor, newWorkbenchPage, hoverWord, launchBrowser, openFile, runFromPalette, waitForWorkbench, webviewFrame, step, type ErrorLog } from '../lib/workbench';
import { scratchWorkspace, testSettings, type ScratchWorkspace } from '../lib/workspace';
import { resultsSchemaErrors as schemaErrors } from '../lib/schema';

const ARTIFACTS = join(ROOT, 'test-artifacts');
/** The workbench in the themes testSettings('dark'|'light') name (class = theme-defaults' theme file). */
const DARK_MODERN = '.monaco-workbench.vs-dark.vscode-theme-defaults-themes-dark_modern-json';
const LIGHT_MODERN = '.monaco-workbench.vs:not(.vs-dark).vscode-theme-defaults-themes-light_modern-json';

/** Workspace settings for a short run (the panel's form starts from these). */
const SHORT_RUN_SETTINGS = {
  'activationLab.mnist.epochs': SHORT_MNIST_CONFIG.epochs,
  'activationLab.mnist.trainSamples': SHORT_MNIST_CONFIG.trainSamples,
  'activationLab.mnist.testSamples': SHORT_MNIST_CONFIG.testSamples,
  'activationLab.mnist.activations': SHORT_MNIST_CONFIG.activations.map((a) => a.activation),
  // activationLab.mnist.backend stays at its default, auto.
};


describe('real VS Code (code-server) UI', { timeout: 600_000 }, () => {
  let server: CodeServer | undefined;
  let ws: ScratchWorkspace | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let errors: ErrorLog;

  before(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true }); // no stale screenshots from older runs
    mkdirSync(ARTIFACTS, { recursive: true });
    const bin = installCodeServer();
    ws = scratchWorkspace();
    mkdirSync(join(ws.path, '.vscode'), { recursive: true });
    writeFileSync(join(ws.path, '.vscode', 'settings.json'), JSON.stringify(SHORT_RUN_SETTINGS, null, 2));
    server = await startCodeServer(bin, { settings: testSettings('dark') });
    browser = await launchBrowser();
    page = await newWorkbenchPage(browser);
    errors = collectWebviewErrors(page);
    await page.goto(workbenchUrl(server, ws.path));
    await waitForWorkbench(page);
    await page.waitForSelector(DARK_MODERN, { timeout: 30_000 }); // the "-dark" screenshots are really dark
  });

  after(async () => {
    // Always stop everything, also when a test failed.
    await browser?.close().catch(() => undefined);
    await server?.stop();
    ws?.dispose();
  });

  step('hovering an activation in a .ts file shows its hover', async () => {
    await openFile(page, 'tfjs/model.ts');
    const text = await hoverWord(page, /^'relu'$/, /ReLU/);
    await page.screenshot({ path: join(ARTIFACTS, 'hover-dark.png') });
    assert.match(text, /ReLU/);
    await page.mouse.move(5, 5);
  }, () => page);

  step('runs each panel command from the palette and finds its content (dark theme)', async () => {
    for (const p of PANELS.filter((x) => x.name !== 'results')) {
      await runFromPalette(page, p.paletteTitle);
      const frame = await webviewFrame(page, p.entry);
      assert.ok((await frame.locator('body').innerText()).trim().length > 0, p.name);
      await frame.locator(p.drawn).first().waitFor({ state: 'visible', timeout: 60_000 }); // drawn before the screenshot
      await page.screenshot({ path: join(ARTIFACTS, `${p.name}-dark.png`) });
    }
  }, () => page);

  step('runs every other palette command by its title without an error notification', async () => {
    const panelCommands = new Set(PANELS.map((p) => p.command));
    for (const c of paletteCommands().filter((x) => !panelCommands.has(x.command))) {
      await openFile(page, 'tfjs/model.ts'); // Toggle Pin acts on the activation at the cursor
      await gotoText(page, demoText('tfjs/model.ts'), "activation: 'relu'", 14);
      await runFromPalette(page, `${c.category}: ${c.title}`);
      const effect = EFFECTS[c.command];
      assert.ok(effect, `${c.command}: no expected effect listed in EFFECTS`);
      await effect.shown(page); // waits for what the command shows, then screenshots it
      await page.screenshot({ path: join(ARTIFACTS, `command-${c.command.split('.').pop()}-dark.png`) });
      await effect.after?.(page);
      await page.keyboard.press('Escape'); // closes an input box the command opened
      const toasts = await page.locator('.notification-toast:has(.codicon-error)').allInnerTexts();
      assert.deepEqual(toasts, [], c.command);
    }
  }, () => page);

  step('the side view follows the cursor', async () => {
    await runFromPalette(page, PANELS.find((p) => p.name === 'sideView')!.paletteTitle);
    const side = await webviewFrame(page, 'side');
    await openFile(page, 'tfjs/model.ts'); // focus back in the editor
    await gotoText(page, demoText('tfjs/model.ts'), 'tf.selu(', 4);
    await waitForText(async () => side.locator('body').innerText(), /SELU/, 'side view after moving to tf.selu');
    await gotoText(page, demoText('tfjs/model.ts'), 'leakyReLU({', 3);
    await waitForText(async () => side.locator('body').innerText(), /Leaky/i, 'side view after moving to leakyReLU');
    await page.screenshot({ path: join(ARTIFACTS, 'sideView-cursor-dark.png') });
  }, () => page);

  step('a short MNIST run from the Start button (backend auto) shows wasm chosen and writes a schema-valid results file', async () => {
    await runFromPalette(page, 'Activation Lab: Compare Activations on MNIST');
    const frame = await webviewFrame(page, 'mnist');
    const runs = join(ws!.path, '.activation-lab', 'runs');
    const before = new Set(listJson(runs));
    await frame.getByRole('button', { name: 'Start', exact: true }).click();
    // No GPU here: WebGL is SwiftShader (software, ranked last, not timed), so the timed wasm wins.
    await frame.locator('.selection', { hasText: /^wasm chosen: \d+ samples\/s; .*webgl: SwiftShader, software/ }).waitFor({ state: 'visible', timeout: 120_000 });
    const name = await poll(() => listJson(runs).find((n) => !before.has(n)), 240_000, 'a new results file');
    const data = JSON.parse(readFileSync(join(runs, name), 'utf8')) as { status: string; runs: Array<{ testAccuracy: number }>; environment: { backend: string } };
    assert.equal(schemaErrors(data), '');
    assert.equal(data.environment.backend, 'wasm');
    assert.equal(data.status, 'completed');
    assert.ok(data.runs[0]!.testAccuracy > 0.2, `test accuracy ${data.runs[0]!.testAccuracy}`);
    await page.screenshot({ path: join(ARTIFACTS, 'mnist-run-dark.png') });
    await frame.getByRole('button', { name: 'Open Results', exact: true }).click();
    const results = await webviewFrame(page, 'results');
    await results.locator(PANELS.find((p) => p.name === 'results')!.drawn).first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'results-dark.png') });
  }, () => page);

  step("the hover's Compare on MNIST link opens the comparison with that activation and its parameters", async () => {
    await openFile(page, 'pytorch/model.py');
    // nn.LeakyReLU(0.1): 0.1 is not the catalogue default (0.2), so the value must come from the link.
    await gotoText(page, demoText('pytorch/model.py'), 'nn.LeakyReLU(0.1)', 5);
    const link = await hoverAtCursor(page, 'Compare on MNIST');
    await link.click();
    const frame = await webviewFrame(page, 'mnist');
    const row = frame.locator('.activation-row[data-selected="true"]');
    await row.waitFor({ timeout: 30_000 });
    assert.equal(await row.locator('select').inputValue(), 'leaky_relu');
    assert.equal(Number(await row.locator('input[name="alpha"]').inputValue()), 0.1);
    await page.screenshot({ path: join(ARTIFACTS, 'mnist-from-hover-dark.png') });
  }, () => page);

  step('shows every panel in the light theme', async () => {
    assert.equal(await page.locator(DARK_MODERN).count(), 1, 'dark theme before the switch');
    // Through the theme picker, as a user would: code-server's web workbench does not notice
    // an outside write to User/settings.json while it runs.
    await runFromPalette(page, 'Preferences: Color Theme');
    await page.locator('.quick-input-widget .quick-input-box input').fill('Light Modern');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Light Modern' }).first().click({ timeout: 10_000 });
    await page.waitForSelector(LIGHT_MODERN, { timeout: 30_000 });
    for (const p of PANELS.filter((x) => x.name !== 'results')) {
      await runFromPalette(page, p.paletteTitle);
      const frame = await webviewFrame(page, p.entry);
      await frame.locator(p.drawn).first().waitFor({ state: 'visible', timeout: 60_000 });
      await page.screenshot({ path: join(ARTIFACTS, `${p.name}-light.png`) });
    }
  }, () => page);

  step('no console errors or CSP violations came from our webviews', () => {
    writeFileSync(join(ARTIFACTS, 'webview-errors.txt'), errors.lines.join('\n'));
    assert.deepEqual(errors.lines, []);
  }, () => page);
});

/**
 * What a user sees after running a command that opens no panel: `shown` waits for it (and
 * checks it), `after` undoes it. Every such palette command must be listed.
 */
const EFFECTS: Record<string, { shown: (page: Page) => Promise<void>; after?: (page: Page) => Promise<void> }> = {
  'activationLab.defineCustomActivation': {
    shown: async (page) => {
      await page.locator('.quick-input-widget', { hasText: 'Define Custom Activation' }).waitFor({ state: 'visible', timeout: 20_000 });
    },
  },
  'activationLab.togglePin': {
    shown: async (page) => {
      const side = await webviewFrame(page, 'side');
      await waitForText(async () => side.locator('body').innerText(), /Unpin/, 'side view pinned');
    },
    after: async (page) => {
      const side = await webviewFrame(page, 'side');
      await runFromPalette(page, 'Activation Lab: Pin or Unpin the Activation at Cursor'); // unpin again
      await waitForText(async () => side.locator('body').innerText(), /^(?![\s\S]*Unpin)[\s\S]*Pin/, 'side view unpinned');
    },
  },
};

/** A demo file's text (the scratch workspace is a copy of demo/). */
function demoText(rel: string): string {
  return readFileSync(join(ROOT, 'demo', rel), 'utf8');
}

/** Contributed commands a user can run from the palette (not hidden with `when: false`). */
function paletteCommands(): Array<{ command: string; title: string; category: string }> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { commands: Array<{ command: string; title: string; category: string }>; menus?: { commandPalette?: Array<{ command: string; when?: string }> } };
  };
  const hidden = new Set((pkg.contributes.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  return pkg.contributes.commands.filter((c) => !hidden.has(c.command));
}

function listJson(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
}

async function poll<T>(probe: () => T | undefined, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not seen after ${ms} ms`);
    await sleep(1000);
  }
}

async function waitForText(read: () => Promise<string>, want: RegExp, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    last = await read().catch(() => '');
    if (want.test(last)) return;
    await sleep(300);
  }
  throw new Error(`${what}: wanted ${want}, saw: ${last.slice(0, 200)}`);
}
