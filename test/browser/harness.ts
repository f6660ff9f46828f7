/**
 * Loads a built webview bundle (out/webview/<entry>.js) in real headless Chromium, in the
 * same HTML and CSP the extension uses, with a stand-in `acquireVsCodeApi` that records
 * what the page posts. Collects console errors, page errors and CSP violations.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWebviewHtml, makeNonce } from '../../src/host/webview/html';

const ROOT = resolve(__dirname, '..', '..');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json',
};

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-gpu',
];

/** Path of Debian's chromium binary (the wrapper script prints a harmless shell error). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

export interface WebviewPage {
  readonly page: Page;
  readonly browser: Browser;
  /** Console errors, page errors and CSP violations seen so far. */
  readonly errors: string[];
  /** Messages the page posted through the stand-in `acquireVsCodeApi().postMessage`. */
  posted(): Promise<unknown[]>;
  /** Sends a message to the page as the host would (`window.postMessage`). */
  send(message: unknown): Promise<void>;
  /** Waits until the page has posted a message of this `type`; returns it. */
  waitForPosted(type: string, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly entry: string;
  readonly title?: string;
  readonly allowWasm?: boolean;
  readonly allowWorkers?: boolean;
  readonly initialData?: Record<string, unknown>;
  /** State returned by the stand-in `getState()` (to test restore). */
  readonly state?: unknown;
  readonly extraArgs?: readonly string[];
  readonly theme?: 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast';
  readonly viewport?: { width: number; height: number };
}

const THEME_VARS: Record<string, string> = {
  'vscode-light': '--vscode-foreground:#3b3b3b;--vscode-editor-foreground:#3b3b3b;--vscode-editor-background:#ffffff;--vscode-descriptionForeground:#717171;--vscode-charts-blue:#1a85ff;--vscode-charts-orange:#d18616;--vscode-charts-green:#388a34;--vscode-charts-purple:#652d90;--vscode-charts-red:#e51400;--vscode-charts-yellow:#bf8803;--vscode-charts-lines:rgba(128,128,128,0.3);--vscode-button-background:#005fb8;--vscode-button-foreground:#fff;--vscode-input-background:#fff;--vscode-input-foreground:#3b3b3b;--vscode-input-border:#cecece;--vscode-panel-border:#e5e5e5;--vscode-errorForeground:#f85149;--vscode-textLink-foreground:#005fb8;--vscode-font-family:sans-serif;--vscode-font-size:13px;--vscode-editor-font-family:monospace;--vscode-focusBorder:#005fb8;--vscode-textCodeBlock-background:#f0f0f0;--vscode-button-secondaryBackground:#e5e5e5;--vscode-button-secondaryForeground:#3b3b3b',
  'vscode-dark': '--vscode-foreground:#cccccc;--vscode-editor-foreground:#cccccc;--vscode-editor-background:#1f1f1f;--vscode-descriptionForeground:#9d9d9d;--vscode-charts-blue:#3794ff;--vscode-charts-orange:#d18616;--vscode-charts-green:#89d185;--vscode-charts-purple:#b180d7;--vscode-charts-red:#f14c4c;--vscode-charts-yellow:#cca700;--vscode-charts-lines:rgba(128,128,128,0.3);--vscode-button-background:#0078d4;--vscode-button-foreground:#fff;--vscode-input-background:#313131;--vscode-input-foreground:#cccccc;--vscode-input-border:#3c3c3c;--vscode-panel-border:#2b2b2b;--vscode-errorForeground:#f85149;--vscode-textLink-foreground:#4daafc;--vscode-font-family:sans-serif;--vscode-font-size:13px;--vscode-editor-font-family:monospace;--vscode-focusBorder:#0078d4;--vscode-textCodeBlock-background:#2b2b2b;--vscode-button-secondaryBackground:#313131;--vscode-button-secondaryForeground:#cccccc',
  'vscode-high-contrast': '--vscode-foreground:#ffffff;--vscode-editor-foreground:#ffffff;--vscode-editor-background:#000000;--vscode-descriptionForeground:#ffffff;--vscode-charts-blue:#3794ff;--vscode-charts-orange:#d18616;--vscode-charts-green:#89d185;--vscode-charts-purple:#b180d7;--vscode-charts-red:#f14c4c;--vscode-charts-yellow:#ffd700;--vscode-charts-lines:rgba(255,255,255,0.4);--vscode-button-background:#000;--vscode-button-foreground:#fff;--vscode-button-border:#6fc3df;--vscode-input-background:#000;--vscode-input-foreground:#fff;--vscode-input-border:#6fc3df;--vscode-panel-border:#6fc3df;--vscode-errorForeground:#f48771;--vscode-textLink-foreground:#21a6ff;--vscode-font-family:sans-serif;--vscode-font-size:13px;--vscode-editor-font-family:monospace;--vscode-focusBorder:#f38518;--vscode-textCodeBlock-background:#000',
};

function serve(): Promise<{ server: Server; origin: string; pages: Map<string, string> }> {
  const pages = new Map<string, string>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const page = pages.get(url.pathname);
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end(); // Chromium asks for it; a 403 would show as a console error.
      return;
    }
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const file = normalize(join(ROOT, decodeURIComponent(url.pathname)));
    if (!file.startsWith(join(ROOT, 'out')) && !file.startsWith(join(ROOT, 'media'))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    r({ server, origin: `http://127.0.0.1:${port}`, pages });
  }));
}

/** Opens `out/webview/<entry>.js` in a fresh headless Chromium page. */
export async function openWebview(o: OpenOptions): Promise<WebviewPage> {
  const { server, origin, pages } = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...(o.extraArgs ?? [])] });
  const page = await browser.newPage({ viewport: o.viewport ?? { width: 1100, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.exposeFunction('__cspViolation', (d: string) => errors.push(`csp: ${d}`));
  const theme = o.theme ?? 'vscode-dark';
  // tsx (esbuild keepNames) wraps functions passed to the page in `__name(...)`; define it there.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.addInitScript(({ state, theme, vars }) => {
    const w = window as unknown as Record<string, unknown>;
    const posted: unknown[] = [];
    let saved = state;
    w.__posted = posted;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => saved,
      setState: (s: unknown) => { saved = s; w.__state = s; },
    });
    document.addEventListener('securitypolicyviolation', (e) => {
      (w.__cspViolation as (d: string) => void)(`${e.violatedDirective} ${e.blockedURI}`);
    });
    document.addEventListener('DOMContentLoaded', () => {
      document.body.className = theme;
      document.documentElement.setAttribute('style', vars);
    });
  }, { state: o.state, theme, vars: THEME_VARS[theme] ?? '' });
  const html = buildWebviewHtml({
    cspSource: origin,
    nonce: makeNonce(),
    title: o.title ?? o.entry,
    scriptUri: `${origin}/out/webview/${o.entry}.js`,
    styleUris: [`${origin}/media/webview.css`, `${origin}/out/webview/${o.entry}.css`],
    allowWasm: o.allowWasm,
    allowWorkers: o.allowWorkers,
    initialData: { ...(o.initialData ?? {}), baseUri: `${origin}/out/webview/` },
  });
  pages.set(`/${o.entry}.html`, html);
  await page.goto(`${origin}/${o.entry}.html`);
  const posted = () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted.slice());
  return {
    page, browser, errors, posted,
    send: async (m) => { await page.evaluate((msg) => window.postMessage(msg, '*'), m); },
    waitForPosted: async (type, timeoutMs = 30000) => {
      const h = await page.waitForFunction((t) => (window as unknown as { __posted: Array<{ type?: string }> }).__posted.find((m) => m.type === t), type, { timeout: timeoutMs });
      return h.jsonValue();
    },
    close: async () => { await browser.close(); await new Promise((r) => server.close(r)); },
  };
}
