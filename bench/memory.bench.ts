/**
 * Peak memory of the MNIST comparison in a real VS Code (code-server 4.100.3 + Debian's
 * headless chromium): the extension host and the webview's renderer, training a few batches
 * on the bundled digits (8,000 + 2,000) and then on a full IDX folder (Debian's
 * Fashion-MNIST, 60,000 + 10,000, gzipped).
 *
 * Method: Linux `VmHWM` (peak resident set size) from /proc/<pid>/status, read after each
 * phase, of (a) code-server's extension host (the process of code-server's tree whose
 * command line says `--type=extensionHost`) and (b) every chromium renderer started by this
 * process; the renderer row is the largest one (the webview's, which runs tfjs and holds the
 * data; in code-server the webview iframes may share a renderer with the workbench). VmHWM
 * never falls, so the bundled phase runs first and each figure is the peak up to the end of
 * its phase; the rows give the growth over the workbench at rest (the panel open, before any
 * data). Run: `npm run bench -- memory` (after `node esbuild.mjs`); about 3 minutes.
 */
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { BenchRow } from './run';
import { installCodeServer, startCodeServer, workbenchUrl } from '../test/vscode/lib/codeServer';
import { launchBrowser, newWorkbenchPage, runFromPalette, waitForWorkbench, webviewFrame } from '../test/vscode/lib/workbench';
import { scratchWorkspace, testSettings } from '../test/vscode/lib/workspace';

const IDX_FOLDER = '/usr/share/datasets/fashion-mnist';
const BATCHES = 3;

interface Proc { pid: number; ppid: number; cmd: string }

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({ pid: Number(d), ppid, cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // the process ended while being read
    }
  }
  return out;
}

function descendants(all: Proc[], roots: Set<number>): Proc[] {
  const found = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (found.has(p.pid) || !found.has(p.ppid)) continue;
      found.add(p.pid);
      grew = true;
    }
  }
  return all.filter((p) => found.has(p.pid) && !roots.has(p.pid));
}

/** Peak resident set size of `pid` in MiB (VmHWM). */
function peakMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** [extension host, largest renderer] peaks in MiB; `home` names our code-server (other runs may share the machine). */
function peaks(home: string): [number, number] {
  const all = processes();
  const servers = new Set(all.filter((p) => p.cmd.includes(home) && !p.cmd.includes('--type=')).map((p) => p.pid));
  const host = descendants(all, servers).find((p) => p.cmd.includes('--type=extensionHost'));
  const renderers = descendants(all, new Set([process.pid])).filter((p) => p.cmd.includes('--type=renderer'));
  if (!host || renderers.length === 0) throw new Error(`no extension host or renderer found (${host?.pid}, ${renderers.length})`);
  return [peakMiB(host.pid), Math.max(...renderers.map((r) => peakMiB(r.pid)))];
}

/** Starts the form's run, waits for batch {@link BATCHES}, stops it and waits until the page is idle. */
async function trainAFewBatches(frame: Frame): Promise<void> {
  await frame.getByRole('button', { name: 'Start', exact: true }).click();
  await frame.getByText(new RegExp(`batch ${BATCHES}/`)).first().waitFor({ timeout: 600_000 });
  await frame.getByRole('button', { name: 'Stop', exact: true }).click({ timeout: 300_000 });
  await frame.locator('body[data-training="false"]').waitFor({ state: 'attached', timeout: 300_000 });
}

/** Picks the IDX folder through VS Code's simple folder dialog (a quick input). */
async function chooseIdx(page: Page, frame: Frame): Promise<void> {
  await frame.getByRole('button', { name: 'Choose IDX folder…' }).click();
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(`${IDX_FOLDER}/`);
  await page.locator('.quick-input-widget .quick-input-action .monaco-button', { hasText: 'OK' }).click();
  await frame.getByText(/fashion-mnist: 60,000 train \/ 10,000 test images/).waitFor({ timeout: 300_000 });
}

/** The bench rows (see the file comment). */
export async function bench(): Promise<BenchRow[]> {
  const ws = scratchWorkspace();
  mkdirSync(join(ws.path, '.vscode'), { recursive: true });
  writeFileSync(join(ws.path, '.vscode', 'settings.json'), JSON.stringify({
    'activationLab.mnist.epochs': 1, 'activationLab.mnist.trainSamples': 8000, 'activationLab.mnist.testSamples': 2000,
    'activationLab.mnist.activations': ['relu'], 'activationLab.mnist.backend': 'wasm', 'activationLab.mnist.resultsFolder': 'bench-runs',
  }));
  const server = await startCodeServer(installCodeServer(), { settings: testSettings('dark') });
  const browser = await launchBrowser();
  try {
    const page = await newWorkbenchPage(browser);
    await page.goto(workbenchUrl(server, ws.path));
    await waitForWorkbench(page);
    await runFromPalette(page, 'Activation Lab: Compare Activations on MNIST');
    const frame = await webviewFrame(page, 'mnist');
    await frame.locator('form.settings #f-epochs').waitFor({ state: 'visible' });
    const [host0, view0] = peaks(server.home);
    await trainAFewBatches(frame);
    const [host1, view1] = peaks(server.home);
    await chooseIdx(page, frame);
    await frame.locator('#f-trainSamples').fill('60000');
    await frame.locator('#f-testSamples').fill('10000');
    await trainAFewBatches(frame);
    const [host2, view2] = peaks(server.home);
    const note = 'VmHWM growth over the open panel at rest; see bench/memory.bench.ts';
    return [
      { name: 'memory: extension host at rest (panel open)', value: host0, unit: 'MiB', note: 'VmHWM' },
      { name: 'memory: renderer at rest (panel open)', value: view0, unit: 'MiB', note: 'VmHWM, largest chromium renderer' },
      { name: 'memory: extension host, bundled 8,000+2,000, 3 batches', value: host1 - host0, unit: 'MiB', note },
      { name: 'memory: extension host, full IDX 60,000+10,000, 3 batches', value: host2 - host0, unit: 'MiB', note },
      { name: 'memory: webview renderer, bundled 8,000+2,000, 3 batches', value: view1 - view0, unit: 'MiB', note },
      { name: 'memory: webview renderer, full IDX 60,000+10,000, 3 batches', value: view2 - view0, unit: 'MiB', note },
      { name: 'memory: full IDX / bundled, extension host peak', value: host2 / host1, unit: 'x' },
      { name: 'memory: full IDX / bundled, webview renderer peak', value: view2 / view1, unit: 'x' },
    ];
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    ws.dispose();
  }
}
