/**
 * Drives the VS Code workbench served by code-server with playwright-core and Debian's
 * chromium: command palette by title, webview frames, editor hovers, error collection.
 */
import { join } from 'node:path';
import { it } from 'node:test';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { ROOT, sleep } from './codeServer';

/** Debian's chromium; override with CHROMIUM_PATH. Never `npx playwright install`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/** Flags for an offline machine: no sync, no component updates, no background network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** Launches headless chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A 1400x900 page for the workbench in a fresh context. code-server's own PWA service
 * worker (`/_static/out/browser/serviceWorker.js`) is answered with 404 so it does not
 * control the page: webview frames that find a foreign controller log "Found unexpected
 * service worker controller" and wait (up to ~30 s seen here) for their own.
 */
export async function newWorkbenchPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'allow' });
  await context.route('**/_static/out/browser/serviceWorker.js', (route) => route.fulfill({ status: 404, body: '' }));
  return context.newPage();
}

/** Console errors from our webviews and CSP violations anywhere, as readable lines. */
export interface ErrorLog {
  readonly lines: string[];
}

/**
 * Records CSP violations (any frame) and console errors/page errors whose source is one of
 * our webviews (a vscode-webview frame). Workbench noise from the offline machine
 * (open-vsx, telemetry, github auth) is not ours and not recorded.
 */
export function collectWebviewErrors(page: Page): ErrorLog {
  const lines: string[] = [];
  // Our webview documents (.../webview/browser/pre/...) and the resources they load
  // (https://<authority>.vscode-resource.vscode-cdn.net/<extension>/out/...).
  const fromWebview = (url: string) => /vscode-resource\.vscode-cdn\.net|\/webview\/browser\/pre\/|vscode-webview:/.test(url);
  page.on('console', (m) => {
    const url = m.location().url ?? '';
    const text = m.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) lines.push(`CSP: ${text} (${url})`);
    else if (m.type() === 'error' && fromWebview(url)) lines.push(`console: ${text} (${url})`);
  });
  page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  return { lines };
}

/**
 * Opens a quick input with `key` (F1, Control+P, Control+G) and types `text` into it.
 * Retried: when focus sits in a webview, the first key press may be swallowed or the input
 * may close again as focus moves back to the workbench.
 */
async function typeInQuickInput(page: Page, key: string, text: string, patienceMs = 3000): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: 'visible', timeout: patienceMs });
      await input.fill(text, { timeout: patienceMs });
      return;
    } catch (e) {
      if (attempt >= 5) throw e;
      await sleep(500);
    }
  }
}

/** Waits until the workbench has restored its editors and the activity bar exists. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 60_000 });
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60_000 });
}

/**
 * Runs a command from the palette by its title (`Category: Title`). The palette's list is
 * fixed when it opens, so it is reopened until the command appears (extension activation).
 * `patienceMs`: how long each step may take (longer while a busy page slows the workbench).
 * @throws Error when the row never appears within `timeoutMs`.
 */
export async function runFromPalette(page: Page, title: string, timeoutMs = 45_000, patienceMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await typeInQuickInput(page, 'F1', `>${title}`, patienceMs);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: Math.max(2500, patienceMs) });
      const label = (await row.getAttribute('aria-label')) ?? (await row.innerText());
      if (label.includes(title)) {
        // Click this row: Enter would run the focused one, which for a title like
        // 'Preferences: Color Theme' is another fuzzy match (Browse Color Themes in Marketplace).
        await row.click({ timeout: Math.max(30_000, patienceMs * 5) });
        return;
      }
    } catch {
      // not registered yet
    }
    if (Date.now() > end) throw new Error(`palette: '${title}' not found after ${timeoutMs} ms`);
    await sleep(1000);
  }
}

/**
 * The inner frame of a webview whose document loads `out/webview/<entry>.js`, once its
 * script has put content into the body. Webviews nest an iframe in an iframe.
 */
export async function webviewFrame(page: Page, entry: string, timeoutMs = 45_000): Promise<Frame> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    for (const f of page.frames()) {
      try {
        // Runs in the page; typed without the DOM lib (this file is Node code).
        const ok = await f.evaluate((e) => {
          const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown; body: { innerText: string } | null } }).document;
          return doc.querySelector(`script[src*="/out/webview/${e}.js"]`) !== null && (doc.body?.innerText ?? '').trim().length > 0;
        }, entry);
        if (ok) return f;
      } catch {
        // frame detached or navigating
      }
    }
    if (Date.now() > end) throw new Error(`webview '${entry}' with content not found after ${timeoutMs} ms`);
    await sleep(500);
  }
}

/**
 * Makes a workspace file the active, focused editor: clicks its tab when it is open, else
 * opens it through Quick Open (Ctrl+P). Retried, since a webview that takes focus while
 * loading can swallow keys or close Quick Open.
 */
export async function openFile(page: Page, relPath: string): Promise<void> {
  const name = relPath.split('/').pop() ?? relPath;
  const activeTab = page.locator(`.tab.active[aria-label*="${name}"]`).first();
  const tab = page.locator(`.tab[aria-label*="${name}"]`).first();
  for (let attempt = 1; ; attempt++) {
    try {
      if (await tab.isVisible()) {
        // Already open: click its tab (keys may be swallowed while a webview has focus).
        await tab.click();
      } else {
        await typeInQuickInput(page, 'Control+P', relPath);
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
      }
      await activeTab.waitFor({ timeout: 5000 });
      await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ timeout: 5000 });
      return;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
}

/**
 * Hovers the first visible editor token whose text matches `word` (e.g. /^'relu'$/; it
 * must be on screen) and returns the hover's text once it contains `expect`.
 * @throws Error naming the word when no such hover appears within `timeoutMs`.
 */
export async function hoverWord(page: Page, word: RegExp, expect: RegExp, timeoutMs = 30_000): Promise<string> {
  const token = page.locator('.monaco-editor .view-lines span span').filter({ hasText: word }).first();
  await token.waitFor({ timeout: 15_000 });
  const end = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const box = await token.boundingBox();
    if (!box) throw new Error(`${word} is not on screen`);
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.move(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 4000 });
      last = await hover.first().innerText();
      if (expect.test(last)) return last;
    } catch {
      // no hover yet (language features still starting)
    }
    if (Date.now() > end) throw new Error(`hover on ${word}: wanted ${expect}, last saw: ${last.slice(0, 200)}`);
    await page.mouse.move(5, 5);
    await sleep(700);
  }
}

/**
 * Shows the editor hover at the cursor (Ctrl+K Ctrl+I, "Show or Focus Hover", as a keyboard
 * user would) and returns its link labelled `label` once it is visible. Retried: language
 * features may still be starting.
 * @throws Error when no hover with that link appears within `timeoutMs`.
 */
export async function hoverAtCursor(page: Page, label: string, timeoutMs = 30_000): Promise<Locator> {
  const link = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content a', { hasText: label }).first();
  const end = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    try {
      await link.waitFor({ state: 'visible', timeout: 4000 });
      return link;
    } catch {
      // no hover yet
    }
    if (Date.now() > end) throw new Error(`no hover with a '${label}' link at the cursor after ${timeoutMs} ms`);
    await page.keyboard.press('Escape');
  }
}

/**
 * Puts the cursor of the active editor on the first occurrence of `needle` in `text` (the
 * file's content), `offset` characters in, through Go to Line (Ctrl+G, `line:column`).
 */
export async function gotoText(page: Page, text: string, needle: string, offset = 1): Promise<void> {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`'${needle}' not in the file`);
  const before = text.slice(0, at + offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  await typeInQuickInput(page, 'Control+G', `:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

/**
 * Switches the color theme through the theme picker (Preferences: Color Theme), as a user
 * would: code-server's web workbench does not notice an outside write to User/settings.json
 * while it runs. Resolves once the workbench carries the theme's class.
 * @param theme the picker row, e.g. `Light Modern`.
 */
export async function pickColorTheme(page: Page, theme: 'Light Modern' | 'Dark Modern'): Promise<void> {
  await runFromPalette(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-widget .quick-input-box input').fill(theme);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: theme }).first().click({ timeout: 10_000 });
  const file = theme === 'Light Modern' ? 'light_modern' : 'dark_modern';
  await page.waitForSelector(`.monaco-workbench.vscode-theme-defaults-themes-${file}-json`, { timeout: 30_000 });
}

/** `it` that saves a screenshot of the workbench as test-artifacts/failed-<name>.png on failure. */
export function step(name: string, body: () => Promise<void> | void, getPage: () => Page | undefined): void {
  it(name, async () => {
    try {
      await body();
    } catch (e) {
      const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await getPage()?.screenshot({ path: join(ROOT, 'test-artifacts', `failed-${slug}.png`) }).catch(() => undefined);
      throw e;
    }
  });
}
