/**
 * Runner B: runs the extension-host mocha suite (out/test/suite/index.js) in code-server
 * 4.100.3, offline. The extension loads from source (`extensionDevelopmentPath`), the suite
 * through `extensionTestsPath`; headless chromium opens the workbench and the workbench
 * reports the suite's output and exit code through `codeAutomationLog`/`codeAutomationExit`.
 * Usage: node --import tsx test/vscode/runCodeServer.ts   (after `node esbuild.mjs`)
 * Exit code: the suite's (0 = all passed); 1 on a harness failure.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { installCodeServer, ROOT, startCodeServer, workbenchUrl, type CodeServer } from './lib/codeServer';
import { launchBrowser, newWorkbenchPage } from './lib/workbench';
import { scratchWorkspace, testSettings } from './lib/workspace';

const SUITE = join(ROOT, 'out', 'test', 'suite', 'index.js');
const TIMEOUT_MS = Number(process.env.SUITE_TIMEOUT_MS ?? 600_000);

async function runSuite(server: CodeServer, folder: string): Promise<number> {
  const browser = await launchBrowser();
  try {
    const page = await newWorkbenchPage(browser);
    // The workbench's and webviews' console, for diagnosing a failed run.
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(`${m.type()} ${m.text()} @ ${m.location().url}`));
    process.once('beforeExit', () => {
      mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
      writeFileSync(join(ROOT, 'test-artifacts', 'suite-console.log'), consoleLines.join('\n'));
    });
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The extension host's console arguments, printf-style (mocha's reporter uses %s).
      const line = format(...(Array.isArray(args) ? args : [args]));
      (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    await page.goto(workbenchUrl(server, folder, ROOT, SUITE));
    const timeout = new Promise<number>((r) => setTimeout(() => {
      process.stderr.write(`suite did not finish within ${TIMEOUT_MS} ms\n`);
      r(1);
    }, TIMEOUT_MS).unref());
    return await Promise.race([exited, timeout]);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<number> {
  if (!existsSync(SUITE)) {
    process.stderr.write(`${SUITE} is missing: run \`node esbuild.mjs\` first\n`);
    return 1;
  }
  const bin = installCodeServer();
  const ws = scratchWorkspace();
  const server = await startCodeServer(bin, { settings: testSettings('dark'), keepHome: process.env.KEEP_LOGS === '1' });
  try {
    process.stdout.write(`code-server ${server.origin}, workspace ${ws.path}\n`);
    return await runSuite(server, ws.path);
  } finally {
    await server.stop();
    if (process.env.KEEP_LOGS !== '1') ws.dispose();
  }
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
